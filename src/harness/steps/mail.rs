//! Steps with mail apps: Outlook (modern authentication) and basic-authentication apps.

use crate::flows::Destination;
use crate::harness::GuideWorld;
use crate::harness::params::Person;
use crate::screens::{PageId, SignInStep};
use anyhow::{Context, Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

/// Example: When Dana's "iPhone Mail" checks for new mail
/// Expression: {person}'s {string} checks for new mail
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') checks for new mail$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') checks for new mail$"#
)]
async fn sync(w: &mut GuideWorld, step: &Step, who: Person, app: String) -> Result<()> {
    w.at(step);
    w.mail_app(&who, &app)?.sync().await?;
    Ok(())
}

/// Example: Then Dana's "iPhone Mail" shows "Connected"
/// Expression: {person}'s {string} shows {string}
#[then(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') shows (?:"(?P<__2_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__2_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn shows(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    app: String,
    text: String,
) -> Result<()> {
    w.at(step);
    let status = w.mail_app(&who, &app)?.status().await?;
    ensure!(
        status
            .to_string()
            .to_lowercase()
            .contains(&text.to_lowercase()),
        "\"{app}\" shows \"{status}\""
    );
    Ok(())
}

/// Example: When Dana types the App Password into "iPhone Mail"
/// Expression: {person} types the App Password into {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the App Password into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the App Password into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn app_password_into(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    app: String,
) -> Result<()> {
    w.at(step);
    let pw = w
        .remembered
        .get("app password")
        .cloned()
        .context("no App Password was shown earlier in this scenario")?;
    let upn = w.person(&who)?.upn.clone();
    w.mail_app(&who, &app)?.enter_password(&upn, &pw).await?;
    Ok(())
}

/// Example: When Dana types her account password into "iPhone Mail"
/// Expression: {person} types her/his/their account password into {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:her|his|their) account password into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types (?:her|his|their) account password into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn password_into(w: &mut GuideWorld, step: &Step, who: Person, app: String) -> Result<()> {
    w.at(step);
    let person = w.person(&who)?.clone();
    w.mail_app(&who, &app)?
        .enter_password(&person.upn, &person.password)
        .await?;
    Ok(())
}

/// Example: When Dana's "Outlook on the desktop" opens its sign-in window
/// Expression: {person}'s {string} opens its sign-in window
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') opens its sign-in window$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') opens its sign-in window$"#
)]
async fn outlook_window(w: &mut GuideWorld, step: &Step, who: Person, app: String) -> Result<()> {
    w.at(step);
    w.mail_app(&who, &app)?;
    let page = w.open(&who, Destination::Outlook).await?;
    ensure!(
        page.page == PageId::SignIn(SignInStep::Email),
        "the window shows {}",
        page.title
    );
    Ok(())
}

/// Example: When Dana's "Outlook on the desktop" finishes signing in
/// Expression: {person}'s {string} finishes signing in
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') finishes signing in$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)') finishes signing in$"#
)]
async fn outlook_done(w: &mut GuideWorld, step: &Step, who: Person, app: String) -> Result<()> {
    w.at(step);
    let browser = w.browser(&who)?;
    let status = w.mail_app(&who, &app)?.complete_sign_in(&browser).await?;
    ensure!(status.is_connected(), "\"{app}\" shows \"{status}\"");
    Ok(())
}

/// Example: When Dana adds her account to "iPhone Mail" with "Sign in"
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) adds (?:her|his|their) account to "([^"]+)" with "(Sign in|Configure Manually)"$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) adds (?:her|his|their) account to "([^"]+)" with "(Sign in|Configure Manually)"$"#
)]
async fn add_account(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    app: String,
    how: String,
) -> Result<()> {
    use crate::actors::{MailKind, PhoneMailSetup};
    w.at(step);
    let setup = if how == "Sign in" {
        PhoneMailSetup::SignIn
    } else {
        PhoneMailSetup::ConfigureManually
    };
    let client = w.mail_app(&who, &app)?;
    client
        .add_account(setup)
        .await?
        .with_context(|| format!("\"{app}\" cannot be set up that way"))?;
    let kind = client.kind().await?;
    ensure!(
        (kind == MailKind::Modern) == (setup == PhoneMailSetup::SignIn),
        "\"{app}\" did not take the account that way"
    );
    Ok(())
}
