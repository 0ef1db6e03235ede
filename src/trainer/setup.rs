//! An exercise's setup: what happened before the trainee arrived, played through the same
//! journeys as the features.

use super::exercise::Setup;
use super::session::Session;
use crate::actors::admin::AdminAction;
use crate::flows::Destination;
use crate::harness::journeys;
use crate::screens::{Action, PageId, SignInStep};
use crate::tenant::MfaState;
use anyhow::{Context, Result};

impl Session {
    /// Apply a setup step (what happened before the trainee arrived).
    pub(super) async fn apply(&mut self, step: &Setup) -> Result<()> {
        let w = &self.world;
        match step {
            Setup::EnableMfa(user) => {
                let upn = w.person(user)?.upn.clone();
                w.sim()?
                    .admin
                    .act(&upn, AdminAction::SetMfa(MfaState::Enabled))
                    .await??;
            }
            Setup::Register { user, method } => {
                let upn = w.person(user)?.upn.clone();
                // Enabled once, as an administrator would: enabling an enforced account
                // again would leave it only enabled (rule 6).
                if w.sim()?.admin.describe(&upn).await??.mfa == MfaState::Disabled {
                    w.sim()?
                        .admin
                        .act(&upn, AdminAction::SetMfa(MfaState::Enabled))
                        .await??;
                }
                let page = journeys::sign_in(w, user, Destination::MfaSetup).await?;
                if page.page == PageId::SignIn(SignInStep::MoreInfoRequired) {
                    match method.as_str() {
                        "text" => journeys::set_up_text_messages(w, user).await?,
                        "authenticator" => journeys::set_up_authenticator(w, user).await?,
                        app => journeys::set_up_other_app(w, user, app).await?,
                    };
                } else if method == "authenticator" {
                    w.browser(user)?.close().await?;
                    journeys::add_authenticator_in_security_info(w, user).await?;
                }
                w.browser(user)?.close().await?;
            }
            Setup::Signal { user, on } => w.phone(user)?.set_signal(*on).await?,
            Setup::Clock { user, offset } => w.phone(user)?.set_clock_offset(*offset),
            Setup::NewPhone(user) => self.world.replace_phone(user).await?,
            Setup::AttackerSignIn(user) | Setup::AttackerApproved(user) => {
                let person = w.person(user)?.clone();
                let attacker = match step {
                    // From a network that is not the person's, so the log tells them apart.
                    Setup::AttackerApproved(_) => {
                        self.world
                            .intruder(Some(std::net::Ipv4Addr::new(198, 51, 100, 77)))
                            .await?
                    }
                    _ => w.sim()?.browser("Unknown device"),
                };
                let w = &self.world;
                attacker.open(Destination::Office).await?;
                for action in [
                    Action::Enter(crate::screens::Field::Email, person.upn.clone()),
                    Action::Press(crate::screens::Button::Next),
                    Action::Enter(crate::screens::Field::Password, person.password.clone()),
                    Action::Press(crate::screens::Button::SignIn),
                ] {
                    attacker.act(action).await??;
                }
                let page = attacker.page().await?;
                if let Some(push) = page.control("Approve a request") {
                    attacker.act(push).await??;
                }
                if let Setup::AttackerApproved(_) = step {
                    let number = attacker.page().await?.number;
                    w.authenticator(user)
                        .await?
                        .answer(crate::tenant::Answer::Approve(number))
                        .await?
                        .context("no request reached Microsoft Authenticator")?;
                    // The attacker's page moves on once the request is answered.
                    let page = attacker.page().await?;
                    if let Some(yes) = page.control("Yes") {
                        attacker.act(yes).await??;
                    }
                    anyhow::ensure!(
                        attacker.signed_in().await?.is_some(),
                        "the other browser did not get in after the approval"
                    );
                }
            }
            Setup::BlockSignIn(user) => {
                let upn = w.person(user)?.upn.clone();
                w.sim()?
                    .admin
                    .act(&upn, AdminAction::BlockSignIn(true))
                    .await??;
            }
            Setup::ReportSuspiciousActivity(on) => {
                w.sim()?
                    .admin
                    .fraud_setting(crate::records::FraudSetting::ReportSuspiciousActivity, *on)
                    .await?;
            }
            Setup::MailCheck { user, app } => {
                w.person(user)?
                    .mail_apps
                    .get(app)
                    .context("no such mail app")?
                    .sync()
                    .await?;
            }
        }
        Ok(())
    }
}
