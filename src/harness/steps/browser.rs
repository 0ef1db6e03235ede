//! Steps in the user's browser: going to an address, signing in, typing, pressing and
//! reading what the page shows.

use crate::flows::Destination;
use crate::harness::GuideWorld;
use crate::harness::journeys;
use crate::harness::params::Person;
use crate::screens::{PageId, ScreenView, SignInStep};
use crate::transcript::{Actor, Output};
use crate::words::quoted_list;
use crate::words::quoted_or_nothing;
use anyhow::{Context, Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

/// Example: When Dana opens "https://aka.ms/mfasetup" in her browser
/// Expression: {person} opens {string} in her/his/their browser
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) opens (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') in (?:her|his|their) browser$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) opens (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') in (?:her|his|their) browser$"#
)]
async fn open(w: &mut GuideWorld, step: &Step, who: Person, address: String) -> Result<()> {
    w.at(step);
    let dest = Destination::parse(&address).with_context(|| unknown_address(&address))?;
    let page = w.open(&who, dest).await?;
    ensure!(page.page != PageId::NewTab, "the browser shows nothing");
    Ok(())
}

/// Example: When Dana signs in to "https://www.office.com" with her password
/// Expression: {person} signs in to {string} with her/his/their password
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') with (?:her|his|their) password$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') with (?:her|his|their) password$"#
)]
async fn sign_in_to(w: &mut GuideWorld, step: &Step, who: Person, address: String) -> Result<()> {
    w.at(step);
    let dest = Destination::parse(&address).with_context(|| unknown_address(&address))?;
    let page = journeys::sign_in(w, &who, dest).await?;
    ensure!(
        page.page != PageId::SignIn(SignInStep::Password) || page.error.is_none(),
        "the password was refused: {}",
        quoted_or_nothing(page.error.as_deref())
    );
    Ok(())
}

/// Example: When Dana signs in with her email address and password
/// Expression: {person} signs in with her/his/their email address and password
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in with (?:her|his|their) email address and password$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in with (?:her|his|their) email address and password$"
)]
async fn sign_in_here(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let person = w.person(&who)?.clone();
    w.type_into(&who, "Email", &person.upn).await?;
    w.use_control(&who, "Next").await?;
    w.type_into(&who, "Password", &person.password).await?;
    let page = w.use_control(&who, "Sign in").await?;
    ensure!(
        page.error.is_none(),
        "the sign-in was refused: {}",
        quoted_or_nothing(page.error.as_deref())
    );
    Ok(())
}

/// Example: When Dana types the password "wrong-guess-1"
/// Expression: {person} types the password {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the password (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the password (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn wrong_password(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    password: String,
) -> Result<()> {
    w.at(step);
    let person = w.person(&who)?.clone();
    let page = w.page(&who).await?;
    if page.page == PageId::SignIn(SignInStep::Email) {
        w.type_into(&who, "Email", &person.upn).await?;
        w.use_control(&who, "Next").await?;
    }
    w.type_into(&who, "Password", &password).await?;
    w.use_control(&who, "Sign in").await?;
    Ok(())
}

/// Example: When Dana presses "Next"
/// Expression: {person} presses/follows/chooses/ticks/clicks/selects/taps {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) (?:presses|follows|chooses|ticks|clicks|selects|taps) (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) (?:presses|follows|chooses|ticks|clicks|selects|taps) (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn press(w: &mut GuideWorld, step: &Step, who: Person, label: String) -> Result<()> {
    w.at(step);
    w.use_control(&who, &label).await?;
    Ok(())
}

/// Example: When Dana types "Mail app on my iPhone" into "Name"
/// Expression: {person} types {string} into {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') into (?:"(?P<__2_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__2_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') into (?:"(?P<__2_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__2_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn type_into(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    text: String,
    field: String,
) -> Result<()> {
    w.at(step);
    let page = w.type_into(&who, &field, &text).await?;
    ensure!(
        page.fields
            .iter()
            .any(|(_, v)| v == &text || v.starts_with('•')),
        "the box does not show what was typed"
    );
    Ok(())
}

/// Example: When Dana types her mobile number into "Phone number"
/// Expression: {person} types her/his/their mobile number into {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:her|his|their) mobile number into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:her|his|their) mobile number into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn type_number(w: &mut GuideWorld, step: &Step, who: Person, field: String) -> Result<()> {
    w.at(step);
    let digits = journeys::mobile_digits(w, &who).await?;
    w.type_into(&who, &field, &digits).await?;
    Ok(())
}

/// Example: When Dana types the code from her text message
/// Expression: {person} types the code from her/his/their text message
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code from (?:her|his|their) text message$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code from (?:her|his|their) text message$"
)]
async fn type_texted_code(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let code = journeys::texted_code(w, &who).await?;
    w.type_into(&who, "Code", &code).await?;
    // "types the code she used before" can then type it again (after a resend, say).
    w.remembered.insert("code".into(), code);
    Ok(())
}

/// Example: When Dana types the code "000000"
/// Expression: {person} types the code {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn type_code(w: &mut GuideWorld, step: &Step, who: Person, code: String) -> Result<()> {
    w.at(step);
    w.type_into(&who, "Code", &code).await?;
    Ok(())
}

/// Example: When Dana types the code she used before
/// Expression: {person} types the code she/he/they used before
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code (?:she|he|they) used before$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code (?:she|he|they) used before$"
)]
async fn type_old_code(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let code = w
        .remembered
        .get("code")
        .cloned()
        .context("no code was used earlier in this scenario")?;
    w.type_into(&who, "Code", &code).await?;
    Ok(())
}

/// Example: When Dana types the Temporary Access Pass as her password
/// Expression: {person} types the Temporary Access Pass as her/his/their password
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the Temporary Access Pass as (?:her|his|their) password$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the Temporary Access Pass as (?:her|his|their) password$"
)]
async fn type_tap(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let person = w.person(&who)?.clone();
    let pass = w
        .remembered
        .get("pass")
        .cloned()
        .context("no Temporary Access Pass was issued in this scenario")?;
    w.type_into(&who, "Email", &person.upn).await?;
    w.use_control(&who, "Next").await?;
    w.type_into(&who, "Password", &pass).await?;
    let page = w.use_control(&who, "Sign in").await?;
    ensure!(
        page.error.is_none(),
        "the pass was refused: {}",
        quoted_or_nothing(page.error.as_deref())
    );
    Ok(())
}

/// Example: Then Dana sees "More information required"
/// Expression: {person} sees {string}
#[then(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) sees (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn sees(w: &mut GuideWorld, step: &Step, who: Person, title: String) -> Result<()> {
    w.at(step);
    let page = w.page(&who).await?;
    let shown = [Some(&page.title), page.subtitle.as_ref()];
    let matches = shown
        .iter()
        .flatten()
        .any(|t| t.eq_ignore_ascii_case(&title) || t.starts_with(&title));
    let showing = match &page.subtitle {
        Some(sub) => format!("{} / {sub}", page.title),
        None => page.title.clone(),
    };
    observe!(
        w,
        matches,
        "the page shows \"{showing}\" where the guide expects \"{title}\""
    );
    Ok(())
}

/// Example: Then the page says "not be shown again"
#[then(regex = r#"^(?:the|([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s) page says "([^"]+)"$"#)]
async fn page_says(w: &mut GuideWorld, step: &Step, who: String, text: String) -> Result<()> {
    w.at(step);
    let who = if who.is_empty() {
        first_person(w)?
    } else {
        who
    };
    let page = w.page(&who).await?;
    observe!(
        w,
        page.all_text()
            .to_lowercase()
            .contains(&text.to_lowercase()),
        "the page \"{}\" does not say \"{text}\"\nit shows:\n{}",
        page.title,
        crate::screens::text::render(&page)
    );
    Ok(())
}

/// Example: Then Dana's sign-in starts with "We texted your phone"
///
/// Rule 19: after the password the first method starts at once (a text sent, a request in
/// the app, a call placed, the code box), with no "Verify your identity" list first. The text
/// is the page's title or any of its wording.
#[given(regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s sign-in starts with "([^"]+)"$"#)]
#[when(regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s sign-in starts with "([^"]+)"$"#)]
#[then(regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s sign-in starts with "([^"]+)"$"#)]
async fn sign_in_starts_with(
    w: &mut GuideWorld,
    step: &Step,
    who: String,
    text: String,
) -> Result<()> {
    w.at(step);
    let page = w.page(&who).await?;
    let started = page.page != PageId::SignIn(SignInStep::VerifyIdentity)
        && (page.title.eq_ignore_ascii_case(&text)
            || page
                .all_text()
                .to_lowercase()
                .contains(&text.to_lowercase()));
    observe!(
        w,
        started,
        "the sign-in shows \"{}\" where the guide expects it to start with \"{text}\"",
        page.title
    );
    Ok(())
}

/// Example: Then Dana was never shown "Verify your identity"
#[then(regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) was never shown "([^"]+)"$"#)]
async fn never_shown(w: &mut GuideWorld, step: &Step, who: String, title: String) -> Result<()> {
    w.at(step);
    let shown = w.sim()?.transcript.all().into_iter().any(|e| {
        matches!(&e.actor, Actor::Browser(b) if *b == who)
            && matches!(&e.output, Output::Screen(v) if v.title.eq_ignore_ascii_case(&title))
    });
    observe!(w, !shown, "{who}'s browser showed \"{title}\"");
    Ok(())
}

/// Example: Then the page offers "Call me"
#[then(regex = r#"^the page (offers|does not offer) "([^"]+)"$"#)]
async fn page_offers(w: &mut GuideWorld, step: &Step, verb: String, label: String) -> Result<()> {
    w.at(step);
    let who = first_person(w)?;
    let page = w.page(&who).await?;
    let offered = page.control(&label).is_some() || page.input(&label).is_some();
    observe!(
        w,
        offered == (verb == "offers"),
        "the page \"{}\" {} \"{label}\"\nits controls are {}",
        page.title,
        if offered { "offers" } else { "does not offer" },
        quoted_list(page.controls.iter().map(|c| &c.0))
    );
    Ok(())
}

/// Example: Then the page shows the error "That code didn't work"
/// Expression: the page shows the error {string}
#[then(
    regex = r#"^the page shows the error (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn page_error(w: &mut GuideWorld, step: &Step, text: String) -> Result<()> {
    w.at(step);
    let page = w.page(&first_person(w)?).await?;
    let error = page.error.clone().unwrap_or_default();
    observe!(
        w,
        error.to_lowercase().contains(&text.to_lowercase()),
        "the page \"{}\" shows the error {}, expected \"{text}\"",
        page.title,
        quoted_or_nothing(page.error.as_deref())
    );
    Ok(())
}

/// Example: Then the page shows an App Password
#[then("the page shows an App Password")]
async fn shows_app_password(w: &mut GuideWorld, step: &Step) -> Result<()> {
    w.at(step);
    let page = w.page(&first_person(w)?).await?;
    let Some(pw) = page.app_password.clone() else {
        observe!(
            w,
            false,
            "no App Password is shown on the page \"{}\"",
            page.title
        );
        return Ok(());
    };
    ensure!(
        pw.len() == 16 && pw.chars().all(|c| c.is_ascii_lowercase()),
        "an App Password is 16 letters, not {pw}"
    );
    w.remembered.insert("app password".into(), pw);
    Ok(())
}

/// Example: Then the page shows no App Password
#[then("the page shows no App Password")]
async fn shows_no_app_password(w: &mut GuideWorld, step: &Step) -> Result<()> {
    w.at(step);
    let page = w.page(&first_person(w)?).await?;
    observe!(
        w,
        page.app_password.is_none(),
        "the page \"{}\" shows an App Password",
        page.title
    );
    Ok(())
}

/// Example: Then the page shows a QR code for an "otpauth" link
/// Expression: the page shows a QR code for a(n) {string} link
#[then(
    regex = r#"^the page shows a QR code for a(?:n)? (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)') link$"#
)]
async fn shows_qr(w: &mut GuideWorld, step: &Step, scheme: String) -> Result<()> {
    w.at(step);
    let page = w.page(&first_person(w)?).await?;
    let qr = page
        .qr
        .clone()
        .with_context(|| format!("the page \"{}\" shows no QR code", page.title))?;
    observe!(
        w,
        qr.starts_with(&format!("{scheme}://")) || qr.starts_with(&scheme),
        "the QR code carries {qr}"
    );
    Ok(())
}

/// Example: Then the page shows a number to type into the app
#[then(regex = r"^the page shows (a|no) number to type into the app$")]
async fn shows_number(w: &mut GuideWorld, step: &Step, which: String) -> Result<()> {
    w.at(step);
    let page = w.page(&first_person(w)?).await?;
    observe!(
        w,
        page.number.is_some() == (which == "a"),
        "the page \"{}\" {}",
        page.title,
        page.number.map_or_else(
            || "shows no number".to_string(),
            |n| format!("shows the number {n}")
        )
    );
    if let Some(n) = page.number {
        w.remembered.insert("number".into(), n.to_string());
    }
    Ok(())
}

/// Example: Then Dana is signed in to Office
/// Expression: {person} is signed in to Office
#[then(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) is signed in to Office$")]
async fn signed_in(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let page = w.page(&who).await?;
    ensure!(
        page.page == PageId::Home,
        "{who}'s browser shows \"{}\", not the Office home page",
        page.title
    );
    ensure!(w.browser(&who)?.signed_in().await?.is_some(), "no session");
    Ok(())
}

/// Example: When Dana signs in to Security info
/// Expression: {person} signs in to Security info
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in to Security info$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) signs in to Security info$")]
async fn security_info(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    // The password, the method the service starts first, and any question on the way
    // ("Add a passkey", "Stay signed in?") answered no.
    w.at(step);
    let page = journeys::sign_in_with_mfa(w, &who, Destination::SecurityInfo).await?;
    ensure!(
        page.page == PageId::Manage(crate::screens::ManageStep::SecurityInfo),
        "{who} did not reach Security info: the browser shows \"{}\"",
        page.title
    );
    Ok(())
}

/// On Security info: the page already, or signed in to it as [`security_info`] does.
async fn on_security_info(w: &mut GuideWorld, who: &str) -> Result<ScreenView> {
    let here = PageId::Manage(crate::screens::ManageStep::SecurityInfo);
    let page = w.page(who).await?;
    if page.page == here {
        return Ok(page);
    }
    let page = journeys::sign_in_with_mfa(w, who, Destination::SecurityInfo).await?;
    ensure!(
        page.page == here,
        "{who} did not reach Security info: the browser shows \"{}\"",
        page.title
    );
    Ok(page)
}

/// Example: When Dana makes "Microsoft Authenticator - notification" her default method
/// Expression: {person} makes {string} her/his/their default method
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) makes (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') (?:her|his|their) default method$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) makes (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') (?:her|his|their) default method$"#
)]
async fn make_default(w: &mut GuideWorld, step: &Step, who: Person, method: String) -> Result<()> {
    // Security info (signing in first if needed), "Change", the method, "Confirm".
    w.at(step);
    on_security_info(w, &who).await?;
    w.use_control(&who, "Change").await?;
    w.use_control(&who, &method).await?;
    let page = w.use_control(&who, "Confirm").await?;
    let says = format!("Default sign-in method: {method}").to_lowercase();
    ensure!(
        page.all_text().to_lowercase().contains(&says),
        "the default did not become \"{method}\"; the page shows:\n{}",
        crate::screens::text::render(&page)
    );
    Ok(())
}

/// Example: When Dana deletes "Phone: +1 4255550123" from Security info
/// Expression: {person} deletes {string} from Security info
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) deletes (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') from Security info$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) deletes (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') from Security info$"#
)]
async fn delete_method(w: &mut GuideWorld, step: &Step, who: Person, method: String) -> Result<()> {
    // Security info (signing in first if needed), the method's row, "Delete", and "Yes" on
    // the "Delete method" page that asks first (rule 14: it cannot be undone).
    w.at(step);
    on_security_info(w, &who).await?;
    w.use_control(&who, &method).await?;
    let asked = w.use_control(&who, "Delete").await?;
    ensure!(
        asked.page == PageId::Manage(crate::screens::ManageStep::ConfirmDelete),
        "pressing \"Delete\" showed \"{}\", not the page that asks first",
        asked.title
    );
    let page = w.use_control(&who, "Yes").await?;
    ensure!(
        page.control(&method).is_none(),
        "Security info still lists \"{method}\"; the page shows:\n{}",
        crate::screens::text::render(&page)
    );
    Ok(())
}

/// Example: Then Lee is not signed in
/// Expression: {person} is not signed in
#[then(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) is not signed in$")]
async fn not_signed_in(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let session = w.browser(&who)?.signed_in().await?;
    ensure!(
        session.is_none(),
        "{who}'s browser is signed in (it shows \"{}\")",
        w.page(&who).await?.title
    );
    Ok(())
}

/// Example: When Dana closes her browser
/// Expression: {person} closes her/his/their browser
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) closes (?:her|his|their) browser$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) closes (?:her|his|their) browser$")]
async fn close(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    w.browser(&who)?.close().await?;
    ensure!(
        w.page(&who).await?.page == PageId::NewTab,
        "the browser still shows a page"
    );
    Ok(())
}

/// Example: When Dana switches to a browser on another computer
/// Expression: {person} switches to a browser on another computer
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) switches to a browser on another computer$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) switches to a browser on another computer$"
)]
async fn other_browser(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    w.person(&who)?;
    let browser = w.sim()?.browser(&format!("{who}'s other computer"));
    w.switch_browser(&who, browser)?;
    ensure!(
        w.page(&who).await?.page == PageId::NewTab,
        "the other browser already shows a page"
    );
    Ok(())
}

/// Example: When Dana's browser connects from 198.51.100.20
/// Expression: {person}'s browser connects from {address}
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s browser connects from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s browser connects from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$"
)]
async fn connects_from(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    address: crate::harness::params::Address,
) -> Result<()> {
    w.at(step);
    w.browser(&who)?.connect_from(address.0).await?;
    Ok(())
}

/// An address the simulated browser cannot open, and the ones it can.
fn unknown_address(address: &str) -> String {
    let known = [
        Destination::Office,
        Destination::MfaSetup,
        Destination::SecurityInfo,
        Destination::AppPasswords,
    ]
    .map(Destination::address);
    format!(
        "the simulator does not know the address \"{address}\"; known: {}",
        quoted_list(known)
    )
}

/// The person the scenario is about: the first named in the scenario file.
pub(crate) fn first_person(w: &GuideWorld) -> Result<String> {
    if let Some(who) = w.last_person() {
        return Ok(who);
    }
    Ok(w.sim()?
        .people()
        .first()
        .context("nobody in the tenant")?
        .first_name()
        .to_string())
}

/// Example: When Dana asks for another text message 5 times
/// Expression: {person} asks for another text message {int} times
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) asks for another text message ((?:-?\d+)|(?:\d+)) times$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) asks for another text message ((?:-?\d+)|(?:\d+)) times$"
)]
async fn ask_again(w: &mut GuideWorld, step: &Step, who: Person, times: usize) -> Result<()> {
    w.at(step);
    for _ in 0..times {
        w.use_control(&who, "Sign in another way").await?;
        w.use_control(&who, "Text").await?;
    }
    Ok(())
}

/// Example: When Dana types 10 different wrong passwords
/// Expression: {person} types {int} different wrong passwords
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types ((?:-?\d+)|(?:\d+)) different wrong passwords$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types ((?:-?\d+)|(?:\d+)) different wrong passwords$"
)]
async fn wrong_passwords(w: &mut GuideWorld, step: &Step, who: Person, times: usize) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    for n in 0..times {
        let page = w.open(&who, Destination::Office).await?;
        ensure!(
            page.page == PageId::SignIn(SignInStep::Email),
            "expected the sign-in page"
        );
        w.type_into(&who, "Email", &upn).await?;
        let page = w.use_control(&who, "Next").await?;
        if page.page == PageId::SignIn(SignInStep::Locked) {
            break;
        }
        w.type_into(&who, "Password", &format!("not-my-password-{n}"))
            .await?;
        w.use_control(&who, "Sign in").await?;
    }
    Ok(())
}

/// Example: When Dana types 5 wrong codes
/// Expression: {person} types {int} wrong codes
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types ((?:-?\d+)|(?:\d+)) wrong codes$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types ((?:-?\d+)|(?:\d+)) wrong codes$"
)]
async fn wrong_codes(w: &mut GuideWorld, step: &Step, who: Person, times: usize) -> Result<()> {
    w.at(step);
    for n in 0..times {
        w.type_into(&who, "Code", &format!("{:06}", 111_111 * (n % 9 + 1)))
            .await?;
        w.use_control(&who, "Verify").await?;
    }
    Ok(())
}
