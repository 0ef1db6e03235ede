//! Whole journeys in one step, for scenarios that start later in the guide.

use crate::flows::Destination;
use crate::harness::params::{App, Method, Person};
use crate::harness::{GuideWorld, journeys};
use crate::screens::{PageId, SignInStep};
use crate::tenant::MfaState;
use crate::words::quoted_or_nothing;
use anyhow::{Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, when};

async fn enable_and_sign_in(w: &GuideWorld, who: &str) -> Result<()> {
    let upn = w.person(who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    if summary.mfa == MfaState::Disabled {
        w.sim()?
            .admin
            .act(
                &upn,
                crate::actors::admin::AdminAction::SetMfa(MfaState::Enabled),
            )
            .await??;
    }
    let page = journeys::sign_in(w, who, Destination::MfaSetup).await?;
    ensure!(
        page.page == PageId::SignIn(SignInStep::MoreInfoRequired),
        "expected the registration prompt, got \"{}\"",
        page.title
    );
    Ok(())
}

async fn check_registered(w: &GuideWorld, who: &str) -> Result<()> {
    w.browser(who)?.close().await?;
    let upn = w.person(who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    ensure!(summary.methods >= 1, "{who} has no method registered");
    ensure!(
        summary.mfa == MfaState::Enforced,
        "{who} is {} after registering",
        summary.mfa
    );
    Ok(())
}

/// Example: Given Dana has set up text messages for MFA
/// Expression: {person} has set up text messages for MFA
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) has set up text messages for MFA$")]
async fn has_text(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_text_messages(w, &who).await?;
    check_registered(w, &who).await
}

/// Example: Given Dana has set up Microsoft Authenticator for MFA
/// Expression: {person} has set up Microsoft Authenticator for MFA
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) has set up Microsoft Authenticator for MFA$"
)]
async fn has_authenticator(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_authenticator(w, &who).await?;
    check_registered(w, &who).await
}

/// Example: Given Dana has set up "Google Authenticator" for MFA
/// Expression: {person} has set up {app} for MFA
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) has set up (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)")) for MFA$"#
)]
async fn has_other_app(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_other_app(w, &who, &app).await?;
    check_registered(w, &who).await
}

/// Example: When Dana verifies with the texted code
/// Expression: {person} verifies with {method}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) verifies with (the texted code|the phone call|Microsoft Authenticator|the code from "[^"]*")$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) verifies with (the texted code|the phone call|Microsoft Authenticator|the code from "[^"]*")$"#
)]
async fn verifies_with(w: &mut GuideWorld, step: &Step, who: Person, how: Method) -> Result<()> {
    w.at(step);
    let before = w.page(&who).await?;
    match how {
        Method::TextedCode => {
            let code = journeys::texted_code(w, &who).await?;
            w.type_into(&who, "Code", &code).await?;
            journeys::submit_code(w, &who).await?;
        }
        Method::PhoneCall => {
            let said = w.phone(&who)?.answer("#").await?;
            ensure!(said.is_some(), "{who}'s phone was not ringing");
        }
        Method::Authenticator => {
            let number = w.page(&who).await?.number;
            journeys::approve_push(w, &who, number).await?;
        }
        Method::AppCode(app) => {
            let code = w.app_code(&who, &app).await?;
            w.remembered.insert("code".into(), code.clone());
            w.type_into(&who, "Code", &code).await?;
            journeys::submit_code(w, &who).await?;
        }
    }
    let after = w.page(&who).await?;
    ensure!(
        after.error.is_none(),
        "the verification failed: {}",
        quoted_or_nothing(after.error.as_deref())
    );
    ensure!(
        after.all_text() != before.all_text(),
        "{who} is still on \"{}\"",
        before.title
    );
    Ok(())
}

/// Example: Given Dana has created an App Password named "iPhone Mail"
/// Expression: {person} has created an App Password named {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) has created an App Password named (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
/// Expression: {person} creates an App Password named {string}
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) creates an App Password named (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn has_app_password(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    name: String,
) -> Result<()> {
    w.at(step);
    let password = journeys::create_app_password(w, &who, &name).await?;
    ensure!(
        password.len() == 16,
        "the App Password shown was {password}"
    );
    w.remembered.insert("app password".into(), password);
    Ok(())
}

/// Example: Given Dana has added Microsoft Authenticator in Security info
/// Expression: {person} has added Microsoft Authenticator in Security info
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) has added Microsoft Authenticator in Security info$"
)]
async fn added_authenticator(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let page = journeys::add_authenticator_in_security_info(w, &who).await?;
    ensure!(
        page.notice.as_deref() == Some("Microsoft Authenticator added."),
        "Security info shows {}",
        quoted_or_nothing(page.notice.as_deref())
    );
    Ok(())
}

/// Example: When Dana chooses to get codes by text message
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) chooses to (get codes by text message|set up Microsoft Authenticator|set up another authenticator app)$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) chooses to (get codes by text message|set up Microsoft Authenticator|set up another authenticator app)$"
)]
async fn chooses_method(w: &mut GuideWorld, step: &Step, who: Person, what: String) -> Result<()> {
    w.at(step);
    let page = match what.as_str() {
        "get codes by text message" => journeys::choose_text_messages(w, &who).await?,
        "set up Microsoft Authenticator" => journeys::choose_authenticator(w, &who).await?,
        _ => journeys::choose_other_app(w, &who).await?,
    };
    let ready = if what.starts_with("get codes") {
        page.input("Phone number").is_some()
    } else {
        page.qr.is_some()
    };
    ensure!(
        ready,
        "the page \"{}\" is not ready for the next step",
        page.title
    );
    Ok(())
}
