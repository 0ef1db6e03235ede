//! Whole journeys in one step, for scenarios that start later in the guide.

use crate::flows::Destination;
use crate::harness::{GuideWorld, journeys};
use crate::tenant::MfaState;
use anyhow::{Result, ensure};
use cucumber::gherkin::Step;
use cucumber::given;

async fn enable_and_sign_in(w: &GuideWorld, who: &str) -> Result<()> {
    let upn = w.person(who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    if summary.mfa == MfaState::Disabled {
        w.sim()?.admin.act(&upn, crate::actors::admin::AdminAction::SetMfa(MfaState::Enabled)).await??;
    }
    let page = journeys::sign_in(w, who, Destination::MfaSetup).await?;
    ensure!(page.title == "More information required", "expected the registration prompt, got \"{}\"", page.title);
    Ok(())
}

async fn check_registered(w: &GuideWorld, who: &str) -> Result<()> {
    w.browser(who)?.close().await?;
    let upn = w.person(who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    ensure!(summary.methods >= 1, "{who} has no method registered");
    ensure!(summary.mfa == MfaState::Enforced, "{who} is {} after registering", summary.mfa);
    Ok(())
}

/// Example: Given Dana has set up text messages for MFA
#[given(expr = "{word} has set up text messages for MFA")]
async fn has_text(w: &mut GuideWorld, step: &Step, who: String) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_text_messages(w, &who).await?;
    check_registered(w, &who).await
}

/// Example: Given Dana has set up Microsoft Authenticator for MFA
#[given(expr = "{word} has set up Microsoft Authenticator for MFA")]
async fn has_authenticator(w: &mut GuideWorld, step: &Step, who: String) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_authenticator(w, &who).await?;
    check_registered(w, &who).await
}

/// Example: Given Dana has set up "Google Authenticator" for MFA
#[given(expr = "{word} has set up {string} for MFA")]
async fn has_other_app(w: &mut GuideWorld, step: &Step, who: String, app: String) -> Result<()> {
    w.at(step);
    enable_and_sign_in(w, &who).await?;
    journeys::set_up_other_app(w, &who, &app).await?;
    check_registered(w, &who).await
}
