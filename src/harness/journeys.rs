//! Whole journeys a help-desk person would name in one breath ("Dana has set up text
//! messages"), played through the same pages and controls as the single steps. They follow
//! whatever the service shows on the scenario's date: the older three-step page or the
//! "Keep your account secure" wizard, so one Given works in both eras. Which page they are on
//! and which era it belongs to is read from `view.page` (a `PageId`) and the typed controls
//! the page offers, never from its heading; labels are used only to click, as a person would.

use super::world::GuideWorld;
use crate::flows::Destination;
use crate::screens::{
    Action, Button, Choice, Contact, Field, LegacyStep, Link, PageId, ScreenView, SignInStep,
    WizardStep,
};
use crate::tenant::{Answer, VerifyOption};
use crate::words::quoted_or_nothing;
use anyhow::{Context, Result, bail, ensure};

/// Sign in at `dest` with name and password; returns the page after the password.
pub async fn sign_in(w: &GuideWorld, who: &str, dest: Destination) -> Result<ScreenView> {
    let person = w.person(who)?.clone();
    let page = w.open(who, dest).await?;
    if page.page != PageId::SignIn(SignInStep::Email) {
        return Ok(page);
    }
    w.type_into(who, "Email", &person.upn).await?;
    w.use_control(who, "Next").await?;
    w.type_into(who, "Password", &person.password).await?;
    w.use_control(who, "Sign in").await
}

/// The number part of a person's mobile number, as typed into a phone form.
pub async fn mobile_digits(w: &GuideWorld, who: &str) -> Result<String> {
    let number = w.phone(who)?.own_number().await?;
    Ok(national(&number).to_string())
}

/// The number without its country code, as typed into a phone form (`+1 4255550123` ->
/// `4255550123`).
pub fn national(number: &str) -> &str {
    number.split_once(' ').map_or(number, |(_, n)| n)
}

/// The code in the newest text message on a person's phone.
pub async fn texted_code(w: &GuideWorld, who: &str) -> Result<String> {
    let text = w
        .phone(who)?
        .latest_text()
        .await?
        .with_context(|| format!("no text message has arrived on {who}'s phone"))?;
    text.code()
        .with_context(|| format!("the text \"{}\" has no 6-digit code", text.body))
}

/// From a finished setup to signed in: set up a second method where the wizard asks for two
/// (a phone by text message, or Microsoft Authenticator), answer "Stay signed in?" with No and
/// finish the wizard.
async fn finish_wizard(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    let mut page = w.page(who).await?;
    for _ in 0..12 {
        let next = page.offers(&Action::Press(Button::Next));
        let empty_form = page.inputs.contains(&Field::PhoneNumber)
            && page.fields.iter().any(|(_, value)| value.is_empty());
        match (page.page.wizard_step(), page.page) {
            (Some(WizardStep::Phone), _) if empty_form => {
                let digits = mobile_digits(w, who).await?;
                w.act(who, Action::Choose(Choice::ByCall(false))).await?;
                w.act(who, Action::Enter(Field::PhoneNumber, digits))
                    .await?;
                w.use_control(who, "Next").await?;
                let code = texted_code(w, who).await?;
                w.act(who, Action::Enter(Field::Code, code)).await?;
                page = w.use_control(who, "Next").await?;
            }
            (Some(WizardStep::StartApp), _) => {
                ready_authenticator(w, who).await?;
                w.use_control(who, "Next").await?;
                w.use_control(who, "Next").await?;
                scan_with_authenticator(w, who).await?;
                let test = w.use_control(who, "Next").await?;
                approve_push(w, who, test.number).await?;
                page = w.use_control(who, "Next").await?;
            }
            (Some(WizardStep::Phone | WizardStep::PhoneCode | WizardStep::PhoneDone), _)
                if next =>
            {
                page = w.use_control(who, "Next").await?
            }
            (Some(WizardStep::AppPasswordName), _) => {
                w.type_into(who, "Name", "Mail app").await?;
                page = w.use_control(who, "Next").await?;
            }
            (Some(WizardStep::AppPasswordShown | WizardStep::Success), _) => {
                page = w.use_control(who, "Done").await?
            }
            (_, PageId::SignIn(SignInStep::StaySignedIn)) => {
                page = w.use_control(who, "No").await?
            }
            _ => break,
        }
    }
    Ok(page)
}

/// Install Microsoft Authenticator (if needed) and accept its terms.
pub async fn ready_authenticator(w: &GuideWorld, who: &str) -> Result<()> {
    let phone = w.phone(who)?;
    if phone.authenticator().await?.is_none() {
        ensure!(
            phone.install("Microsoft Authenticator").await?,
            "the store has no Microsoft Authenticator"
        );
    }
    w.authenticator(who).await?.accept_terms().await?;
    Ok(())
}

/// Scan the QR code on screen with Microsoft Authenticator.
pub async fn scan_with_authenticator(w: &GuideWorld, who: &str) -> Result<String> {
    let qr = w
        .page(who)
        .await?
        .qr
        .context("there is no QR code on the page")?;
    match w.authenticator(who).await?.scan(&qr).await? {
        Ok(account) => Ok(account),
        Err(e) => bail!("Microsoft Authenticator could not use the QR code: {e}"),
    }
}

/// Approve the pending request in Microsoft Authenticator, typing `number` if asked.
pub async fn approve_push(w: &GuideWorld, who: &str, number: Option<u8>) -> Result<()> {
    let app = w.authenticator(who).await?;
    let pending = app.pending().await?.with_context(|| {
        format!("no sign-in request is waiting in {who}'s Microsoft Authenticator")
    })?;
    let typed = if pending.number_required {
        Some(number.context("the app asks for a number but the page shows none")?)
    } else {
        None
    };
    app.answer(Answer::Approve(typed)).await?;
    Ok(())
}

/// Sign in to `dest` and pass MFA with the method the service starts first (rule 19: the
/// default, or the strongest with system-preferred MFA on); when the service shows the
/// "Verify your identity" list instead (the first method could not start), pick a text, then
/// an app code, then a push.
pub async fn sign_in_with_mfa(w: &GuideWorld, who: &str, dest: Destination) -> Result<ScreenView> {
    let mut page = sign_in(w, who, dest).await?;
    if page.page == PageId::SignIn(SignInStep::VerifyIdentity) {
        let pick = [
            VerifyOption::Text,
            VerifyOption::AppCode,
            VerifyOption::Push,
        ]
        .into_iter()
        .map(|o| Action::Choose(Choice::Verify(o)))
        .find(|a| page.offers(a));
        page = w
            .act(who, pick.context("no usable verification option")?)
            .await?;
    }
    match page.page {
        PageId::SignIn(SignInStep::EnterCode { texted: true }) => {
            w.type_into(who, "Code", &texted_code(w, who).await?)
                .await?;
            page = w.use_control(who, "Verify").await?;
        }
        PageId::SignIn(SignInStep::EnterCode { texted: false }) => {
            let apps = w.phone(who)?.apps().await?;
            let app = apps.first().context("no authenticator app on the phone")?;
            w.type_into(who, "Code", &w.app_code(who, app).await?)
                .await?;
            page = w.use_control(who, "Verify").await?;
        }
        // Both waiting pages are headed "Approve sign in request"; a call is not a request in
        // the app, so approving fails and says so.
        PageId::SignIn(SignInStep::ApproveRequest | SignInStep::Calling) => {
            approve_push(w, who, page.number).await?;
            page = w.page(who).await?;
        }
        _ => {}
    }
    if page.page == PageId::SignIn(SignInStep::PasskeyNudge) {
        page = w.use_control(who, "Not now").await?;
    }
    if page.page == PageId::SignIn(SignInStep::StaySignedIn) {
        page = w.use_control(who, "No").await?;
    }
    Ok(page)
}

/// Create an App Password on whichever page the date offers; returns it as shown.
pub async fn create_app_password(w: &GuideWorld, who: &str, name: &str) -> Result<String> {
    let page = sign_in_with_mfa(w, who, Destination::AppPasswords).await?;
    let shown = if page.page.is_legacy() {
        w.use_control(who, "app passwords").await?;
        w.use_control(who, "Create").await?;
        w.type_into(who, "Name", name).await?;
        let shown = w.use_control(who, "Next").await?;
        w.use_control(who, "Close").await?;
        shown
    } else {
        w.use_control(who, "Add sign-in method").await?;
        w.use_control(who, "App password").await?;
        w.use_control(who, "Add").await?;
        w.type_into(who, "Name", name).await?;
        let shown = w.use_control(who, "Next").await?;
        w.use_control(who, "Done").await?;
        shown
    };
    w.browser(who)?.close().await?;
    shown.app_password.with_context(|| {
        format!(
            "no App Password was shown; the page said {}",
            quoted_or_nothing(shown.error.as_deref())
        )
    })
}

/// From nothing to Microsoft Authenticator listed in Security info (manage mode).
pub async fn add_authenticator_in_security_info(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    ready_authenticator(w, who).await?;
    sign_in_with_mfa(w, who, Destination::SecurityInfo).await?;
    w.use_control(who, "Add sign-in method").await?;
    w.use_control(who, "Authenticator app").await?;
    w.use_control(who, "Add").await?;
    w.use_control(who, "Next").await?;
    w.use_control(who, "Next").await?;
    scan_with_authenticator(w, who).await?;
    let page = w.use_control(who, "Next").await?;
    approve_push(w, who, page.number).await?;
    let page = w.use_control(who, "Next").await?;
    w.browser(who)?.close().await?;
    Ok(page)
}

/// Press whatever submits a typed code on this page ("Verify" at sign-in, "Next" in the wizard).
pub async fn submit_code(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    let page = w.page(who).await?;
    let label = if page.offers(&Action::Press(Button::Verify)) {
        "Verify"
    } else {
        "Next"
    };
    w.use_control(who, label).await
}

/// Submit a typed code and finish whichever sign-up page the date shows: the older page's
/// Verify and Done, or the wizard's Next through to the end.
async fn submit_and_finish(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    let page = submit_code(w, who).await?;
    if page.page == PageId::Legacy(LegacyStep::Step3) {
        return w.use_control(who, "Done").await;
    }
    finish_wizard(w, who).await
}

/// From "More information required": register text messages to the mobile phone.
pub async fn set_up_text_messages(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    let digits = mobile_digits(w, who).await?;
    w.use_control(who, "Next").await?;
    choose_text_messages(w, who).await?;
    w.type_into(who, "Phone number", &digits).await?;
    w.use_control(who, "Next").await?;
    w.type_into(who, "Code", &texted_code(w, who).await?)
        .await?;
    submit_and_finish(w, who).await
}

/// From "More information required": register Microsoft Authenticator.
pub async fn set_up_authenticator(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    ready_authenticator(w, who).await?;
    w.use_control(who, "Next").await?;
    choose_authenticator(w, who).await?;
    scan_with_authenticator(w, who).await?;
    let page = w.use_control(who, "Next").await?;
    if page.inputs.contains(&Field::Code) {
        // The older page proves the app with one of its codes.
        w.type_into(
            who,
            "Code",
            &w.app_code(who, "Microsoft Authenticator").await?,
        )
        .await?;
        return submit_and_finish(w, who).await;
    }
    // The wizard proves it with a test request.
    approve_push(w, who, page.number).await?;
    w.use_control(who, "Next").await?;
    finish_wizard(w, who).await
}

/// From "More information required": register a third-party authenticator app.
pub async fn set_up_other_app(w: &GuideWorld, who: &str, app: &str) -> Result<ScreenView> {
    ensure!(
        w.phone(who)?.install(app).await?,
        "the store has no app called {app}"
    );
    w.use_control(who, "Next").await?;
    let qr = choose_other_app(w, who)
        .await?
        .qr
        .context("there is no QR code on the page")?;
    w.totp_app(who, app)
        .await?
        .scan(&qr)
        .await?
        .map_err(anyhow::Error::msg)?;
    w.use_control(who, "Next").await?;
    w.type_into(who, "Code", &w.app_code(who, app).await?)
        .await?;
    submit_and_finish(w, who).await
}

/// On the older sign-up page, "Mobile app" used for verification codes, then "Set up"; false
/// when the page is the newer wizard instead.
async fn older_app_setup(w: &GuideWorld, who: &str) -> Result<bool> {
    if w.page(who).await?.page != PageId::Legacy(LegacyStep::Step1) {
        return Ok(false);
    }
    w.act(who, Action::Choose(Choice::Contact(Contact::MobileApp)))
        .await?;
    w.act(who, Action::Choose(Choice::AppUse(false))).await?;
    w.act(who, Action::Press(Button::SetUp)).await?;
    Ok(true)
}

/// On the first sign-up page: pick text messages to the mobile phone, whichever sign-up page
/// the date shows (the older Step 1, or the wizard's "set up a different method").
pub async fn choose_text_messages(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    let page = w.page(who).await?;
    if page.page == PageId::Legacy(LegacyStep::Step1) {
        w.use_control(who, "Authentication phone").await?;
        return w.use_control(who, "Send me a code by text message").await;
    }
    if page.offers(&Action::Follow(Link::DifferentMethod)) {
        w.use_control(who, "I want to set up a different method")
            .await?;
        w.use_control(who, "Phone").await?;
        w.use_control(who, "Confirm").await?;
    }
    w.use_control(who, "Text me a code").await
}

/// On the first sign-up page: go to Microsoft Authenticator's QR code.
pub async fn choose_authenticator(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    if older_app_setup(w, who).await? {
        return w.page(who).await;
    }
    w.use_control(who, "Next").await?;
    w.use_control(who, "Next").await
}

/// On the first sign-up page: go to the QR code for a third-party authenticator app.
pub async fn choose_other_app(w: &GuideWorld, who: &str) -> Result<ScreenView> {
    if older_app_setup(w, who).await? {
        return w
            .use_control(who, "Configure app without notifications")
            .await;
    }
    w.use_control(who, "I want to use a different authenticator app")
        .await?;
    w.use_control(who, "Next").await
}
