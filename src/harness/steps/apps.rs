//! Steps in authenticator apps: Microsoft Authenticator (terms, QR, requests, codes) and
//! third-party TOTP apps (QR, codes).

use crate::harness::params::{self, App, Person};
use crate::harness::{GuideWorld, journeys};
use crate::tenant::{Answer, ChallengeState};
use crate::words::quoted_list;
use anyhow::{Context, Result, bail, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

const MS: &str = "Microsoft Authenticator";

/// Example: When Dana opens Microsoft Authenticator and accepts its terms
/// Expression: {person} opens Microsoft Authenticator and accepts its terms
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) opens Microsoft Authenticator and accepts its terms$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) opens Microsoft Authenticator and accepts its terms$"
)]
async fn accept_terms(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    w.authenticator(&who).await?.accept_terms().await?;
    Ok(())
}

/// Example: When Dana scans the QR code with "Google Authenticator"
/// Expression: {person} scans the QR code with {app}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) scans the QR code with (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) scans the QR code with (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
async fn scan(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    w.at(step);
    let account = if &*app == MS {
        journeys::scan_with_authenticator(w, &who).await?
    } else {
        let qr = w
            .page(&who)
            .await?
            .qr
            .context("there is no QR code on the page")?;
        w.totp_app(&who, &app)
            .await?
            .scan(&qr)
            .await?
            .map_err(anyhow::Error::msg)?
    };
    ensure!(
        account.contains(&w.person(&who)?.upn),
        "the app added {account}"
    );
    Ok(())
}

/// Example: When Dana adds the account to "Microsoft Authenticator" by hand
/// Expression: {person} adds the account to {app} by hand
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) adds the account to (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)")) by hand$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) adds the account to (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)")) by hand$"#
)]
async fn add_by_hand(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    w.at(step);
    let page = w.page(&who).await?;
    let upn = w.person(&who)?.upn.clone();
    let account = if &*app == MS {
        let shown = page.activation.context(
            "the page shows no code and URL for Microsoft Authenticator (\"Can't scan image?\")",
        )?;
        match w
            .authenticator(&who)
            .await?
            .add_by_hand(&shown.code, &shown.url)
            .await?
        {
            Ok(account) => account,
            Err(e) => bail!("Microsoft Authenticator could not add the account: {e}"),
        }
    } else {
        let key = page
            .secret
            .context("the page shows no secret key (\"Can't scan image?\")")?;
        w.totp_app(&who, &app)
            .await?
            .add_by_hand(&upn, &key)
            .await?
            .map_err(anyhow::Error::msg)?
    };
    ensure!(account.contains(&upn), "the app added {account}");
    Ok(())
}

/// Example: Then "Google Authenticator" cannot read the QR code on Dana's screen
/// Expression: {app} cannot read the QR code on {person}'s screen
#[then(
    regex = r#"^(?:(?:"(?P<__0_0>[\x{0}-!\#-\x{10FFFF}]*)")) cannot read the QR code on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s screen$"#
)]
async fn cannot_scan(w: &mut GuideWorld, step: &Step, app: App, who: Person) -> Result<()> {
    w.at(step);
    let qr = w
        .page(&who)
        .await?
        .qr
        .context("there is no QR code on the page")?;
    let result = w.totp_app(&who, &app).await?.scan(&qr).await?;
    if let Ok(account) = result {
        bail!("{app} accepted the code and added {account}");
    }
    Ok(())
}

/// Example: When Dana types the code from "Google Authenticator"
/// Expression: {person} types the code from {app}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code from (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the code from (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
async fn type_app_code(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    w.at(step);
    let code = w.app_code(&who, &app).await?;
    w.type_into(&who, "Code", &code).await?;
    w.remembered.insert("code".into(), code);
    Ok(())
}

/// Example: Then Microsoft Authenticator on Dana's phone shows a sign-in request
#[then(
    regex = r"^Microsoft Authenticator on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone shows (a|no) sign-in request$"
)]
async fn request_shown(w: &mut GuideWorld, step: &Step, who: Person, which: String) -> Result<()> {
    w.at(step);
    let pending = w.authenticator(&who).await?.pending().await?;
    observe!(
        w,
        pending.is_some() == (which == "a"),
        "the app shows {} sign-in request",
        if pending.is_some() { "a" } else { "no" }
    );
    Ok(())
}

/// Example: Then Microsoft Authenticator on Dana's old phone shows a sign-in request
#[then(
    regex = r"^Microsoft Authenticator on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s old phone shows (a|no) sign-in request$"
)]
async fn old_request_shown(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    which: String,
) -> Result<()> {
    w.at(step);
    let app = w
        .old_phone(&who)?
        .authenticator()
        .await?
        .with_context(|| format!("Microsoft Authenticator is not on {who}'s old phone"))?;
    let pending = app.pending().await?;
    observe!(
        w,
        pending.is_some() == (which == "a"),
        "the app on {who}'s old phone shows {} sign-in request",
        if pending.is_some() { "a" } else { "no" }
    );
    Ok(())
}

/// Example: Then the request asks Dana for the number shown on screen
#[then(
    regex = r"^the request (asks|does not ask) ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) for the number shown on screen$"
)]
async fn asks_number(w: &mut GuideWorld, step: &Step, verb: String, who: Person) -> Result<()> {
    w.at(step);
    let pending = w
        .authenticator(&who)
        .await?
        .pending()
        .await?
        .context("no request is waiting")?;
    let asked = if pending.number_required {
        "asks"
    } else {
        "does not ask"
    };
    observe!(
        w,
        asked == verb,
        "the request in Microsoft Authenticator {asked} for the number shown on the sign-in page"
    );
    Ok(())
}

/// Example: When Dana approves the request in Microsoft Authenticator
/// Expression: {person} approves the request in Microsoft Authenticator
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request in Microsoft Authenticator$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request in Microsoft Authenticator$"
)]
async fn approve(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let number = w.page(&who).await?.number;
    journeys::approve_push(w, &who, number).await
}

/// Example: When Dana approves the request typing 17
/// Expression: {person} approves the request typing {int}
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request typing ((?:-?\d+)|(?:\d+))$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request typing ((?:-?\d+)|(?:\d+))$"
)]
async fn approve_typing(w: &mut GuideWorld, step: &Step, who: Person, n: u8) -> Result<()> {
    w.at(step);
    let state = w
        .authenticator(&who)
        .await?
        .answer(Answer::Approve(Some(n)))
        .await?
        .context("no request was waiting")?;
    ensure!(
        state != ChallengeState::Waiting,
        "the service did not take the answer"
    );
    Ok(())
}

/// Example: When Dana denies the request in Microsoft Authenticator
/// Expression: {person} {answer} the request in Microsoft Authenticator
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) (denies|reports) the request in Microsoft Authenticator$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) (denies|reports) the request in Microsoft Authenticator$"
)]
async fn deny(w: &mut GuideWorld, step: &Step, who: Person, verb: params::Answer) -> Result<()> {
    w.at(step);
    let answer = match verb {
        params::Answer::Denies => Answer::Deny,
        params::Answer::Reports => Answer::Report,
    };
    match w.authenticator(&who).await?.answer(answer).await? {
        Some(ChallengeState::Failed(_)) => Ok(()),
        Some(other) => bail!("the request was not refused: {other}"),
        None => bail!("the request was not refused: nothing was waiting"),
    }
}

/// Example: When Dana denies the request and reports it
/// Expression: {person} denies the request and reports it
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) denies the request and reports it$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) denies the request and reports it$")]
async fn deny_and_report(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    // In the app, reporting is the second question after "Deny": one answer, Report.
    match w.authenticator(&who).await?.answer(Answer::Report).await? {
        Some(ChallengeState::Failed(_)) => Ok(()),
        Some(other) => bail!("the request was not refused: {other}"),
        None => bail!("the request was not refused: nothing was waiting"),
    }
}

/// Example: Then Microsoft Authenticator on Dana's phone lists her account
/// Expression: Microsoft Authenticator on {person}'s phone lists her/his/their account
#[then(
    regex = r"^Microsoft Authenticator on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone lists (?:her|his|their) account$"
)]
async fn lists_account(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let accounts = w.authenticator(&who).await?.accounts().await?;
    ensure!(
        accounts.contains(&upn),
        "the app lists {}",
        quoted_list(&accounts)
    );
    Ok(())
}

/// Example: When Dana approves the request typing a different number
/// Expression: {person} approves the request typing a different number
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request typing a different number$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) approves the request typing a different number$"
)]
async fn approve_wrong(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let shown = w
        .page(&who)
        .await?
        .number
        .context("the page shows no number")?;
    let wrong = if shown == 99 { 10 } else { shown + 1 };
    let state = w
        .authenticator(&who)
        .await?
        .answer(Answer::Approve(Some(wrong)))
        .await?
        .context("no request was waiting")?;
    ensure!(
        matches!(state, ChallengeState::Failed(_)),
        "a wrong number was accepted"
    );
    Ok(())
}

/// Example: When Dana confirms with her phone's screen lock
/// Expression: {person} confirms with her/his/their phone's screen lock
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) confirms with (?:her|his|their) phone's screen lock$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) confirms with (?:her|his|their) phone's screen lock$"
)]
async fn confirm_screen_lock(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    use crate::actors::authenticator::ScreenLockConfirmed;
    w.at(step);
    let confirmed = w
        .authenticator(&who)
        .await?
        .confirm_screen_lock()
        .await?
        .context("Microsoft Authenticator is not asking for the screen lock")?
        .map_err(anyhow::Error::msg)?;
    match confirmed {
        ScreenLockConfirmed::PasskeyCreated(account) => ensure!(
            account == w.person(&who)?.upn,
            "the passkey was saved for {account}"
        ),
        ScreenLockConfirmed::SignIn(state) => ensure!(
            state == ChallengeState::Passed,
            "the service refused the passkey: {state}"
        ),
    }
    Ok(())
}

/// Example: Then Microsoft Authenticator on Dana's phone asks for a passkey sign-in
/// Expression: Microsoft Authenticator on {person}'s phone asks for a passkey sign-in
#[then(
    regex = r"^Microsoft Authenticator on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone asks for a passkey sign-in$"
)]
async fn passkey_request_shown(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let pending = w.authenticator(&who).await?.pending().await?;
    observe!(
        w,
        pending
            .as_ref()
            .is_some_and(|p| p.passkey && !p.number_required),
        "the app shows {}",
        match pending {
            Some(p) if p.passkey => "a passkey request asking for a number",
            Some(_) => "an ordinary sign-in request, not a passkey",
            None => "no request",
        }
    );
    Ok(())
}

/// The accounts `app` on `phone` lists (Microsoft Authenticator or a store app); an app that is
/// not installed is an error naming the apps that are.
pub(crate) async fn accounts_on(
    phone: &crate::actors::PhoneHandle,
    app: &str,
    who: &str,
) -> Result<Vec<String>> {
    let missing = |installed: Vec<String>| {
        anyhow::anyhow!(
            "{app} is not installed on {who}'s phone (it has {})",
            quoted_list(&installed)
        )
    };
    if app == MS {
        match phone.authenticator().await? {
            Some(a) => Ok(a.accounts().await?),
            None => Err(missing(phone.apps().await?)),
        }
    } else {
        match phone.totp_app(app).await? {
            Some(a) => Ok(a.accounts().await?),
            None => Err(missing(phone.apps().await?)),
        }
    }
}

/// Example: When Dana removes her account from "Google Authenticator"
/// Expression: {person} removes her/his/their account from {app}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) removes (?:her|his|their) account from (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) removes (?:her|his|their) account from (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
async fn remove_account(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    // Only the app forgets: Security info still lists the method, so a sign-in still asks
    // for it (a request to Microsoft Authenticator then reaches nothing).
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let phone = w.phone(&who)?;
    let before = accounts_on(&phone, &app, &who).await?;
    let removed = if &*app == MS {
        w.authenticator(&who)
            .await?
            .remove_accounts(Some(&upn))
            .await?
    } else {
        w.totp_app(&who, &app)
            .await?
            .remove_accounts(Some(&upn))
            .await?
    };
    ensure!(
        !removed.is_empty(),
        "{app} on {who}'s phone has no account for {upn} to remove (it lists {})",
        quoted_list(&before)
    );
    Ok(())
}

/// Example: Then "Google Authenticator" on Dana's phone lists her account
/// Expression: {app} on {person}'s phone lists her/his/their account
#[then(
    regex = r#"^(?:(?:"(?P<__0_0>[\x{0}-!\#-\x{10FFFF}]*)")) on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone lists (?:her|his|their) account$"#
)]
async fn app_lists(w: &mut GuideWorld, step: &Step, app: App, who: Person) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let accounts = accounts_on(&w.phone(&who)?, &app, &who).await?;
    ensure!(
        accounts.iter().any(|a| a.contains(&upn)),
        "{app} on {who}'s phone lists {}, not {upn}",
        quoted_list(&accounts)
    );
    Ok(())
}

/// Example: Then "Google Authenticator" on Dana's phone does not list her account
/// Expression: {app} on {person}'s phone does not list her/his/their account
#[then(
    regex = r#"^(?:(?:"(?P<__0_0>[\x{0}-!\#-\x{10FFFF}]*)")) on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone does not list (?:her|his|their) account$"#
)]
async fn app_does_not_list(w: &mut GuideWorld, step: &Step, app: App, who: Person) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let accounts = accounts_on(&w.phone(&who)?, &app, &who).await?;
    ensure!(
        !accounts.iter().any(|a| a.contains(&upn)),
        "{app} on {who}'s phone still lists {}",
        quoted_list(&accounts)
    );
    Ok(())
}
