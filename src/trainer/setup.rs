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
            Setup::AppCodeSignIn { user, app } => {
                // The person's own browser waits at the code step of a sign-in...
                let page = journeys::sign_in(w, user, Destination::Office).await?;
                anyhow::ensure!(
                    page.page == PageId::SignIn(SignInStep::EnterCode { texted: false }),
                    "{user}'s sign-in did not ask for an app code"
                );
                // ...while they sign in on their laptop with the code the app shows.
                let person = w.person(user)?.clone();
                let laptop = w.sim()?.browser(&format!("{user}'s laptop"));
                laptop.open(Destination::Office).await?;
                for action in [
                    Action::Enter(crate::screens::Field::Email, person.upn.clone()),
                    Action::Press(crate::screens::Button::Next),
                    Action::Enter(crate::screens::Field::Password, person.password.clone()),
                    Action::Press(crate::screens::Button::SignIn),
                ] {
                    laptop.act(action).await??;
                }
                // The code is read early in its half-minute, so the app still shows it when
                // the trainee looks (a person who has just signed in, not a race).
                let into_step = w.sim()?.clock.code_time().rem_euclid(30);
                if into_step > 5 {
                    w.sim()?.wait(30 - into_step);
                }
                let code = w.app_code(user, app).await?;
                laptop
                    .act(Action::Enter(crate::screens::Field::Code, code))
                    .await??;
                let page = laptop
                    .act(Action::Press(crate::screens::Button::Verify))
                    .await??;
                if let Some(no) = page.control("No") {
                    laptop.act(no).await??;
                }
                anyhow::ensure!(
                    laptop.signed_in().await?.is_some(),
                    "{user}'s laptop did not get in with the app's code"
                );
                laptop.close().await?;
            }
            Setup::Reregister(user) => {
                let upn = w.person(user)?.upn.clone();
                w.sim()?
                    .admin
                    .act(&upn, AdminAction::RequireReregistration)
                    .await??;
            }
            Setup::UnfinishedAppSetup { user, app } => {
                anyhow::ensure!(
                    w.phone(user)?.install(app).await?,
                    "the store has no app called {app}"
                );
                journeys::sign_in_with_mfa(w, user, Destination::SecurityInfo).await?;
                w.use_control(user, "Add sign-in method").await?;
                w.use_control(user, "Authenticator app").await?;
                w.use_control(user, "Add").await?;
                w.use_control(user, "I want to use a different authenticator app")
                    .await?;
                let page = w.use_control(user, "Next").await?;
                let qr = page.qr.context("there is no QR code on the page")?;
                w.totp_app(user, app)
                    .await?
                    .scan(&qr)
                    .await?
                    .map_err(anyhow::Error::msg)?;
                w.browser(user)?.close().await?;
            }
            Setup::ServiceSettingOff(label) => {
                let option = crate::records::ServiceSettings::LABELS
                    .iter()
                    .position(|l| l == label)
                    .with_context(|| format!("the MFA service settings have no \"{label}\""))?;
                w.sim()?
                    .admin
                    .service_settings(Some((option, false)))
                    .await?;
            }
            Setup::WrongPasswords { user, count } => {
                let upn = w.person(user)?.upn.clone();
                // From a network that is not the person's, so the log tells them apart.
                let other = self
                    .world
                    .intruder(Some(std::net::Ipv4Addr::new(192, 0, 2, 44)))
                    .await?;
                for n in 0..*count {
                    other.open(Destination::Office).await?;
                    other
                        .act(Action::Enter(crate::screens::Field::Email, upn.clone()))
                        .await??;
                    let page = other
                        .act(Action::Press(crate::screens::Button::Next))
                        .await??;
                    if page.page == PageId::SignIn(SignInStep::Locked) {
                        break;
                    }
                    other
                        .act(Action::Enter(
                            crate::screens::Field::Password,
                            format!("Summer{}!", 2020 + n),
                        ))
                        .await??;
                    other
                        .act(Action::Press(crate::screens::Button::SignIn))
                        .await??;
                }
                other.close().await?;
            }
            Setup::TextRequests { user, count } => {
                let page = journeys::sign_in(w, user, Destination::Office).await?;
                anyhow::ensure!(
                    page.page == PageId::SignIn(SignInStep::EnterCode { texted: true }),
                    "{user}'s sign-in did not start with a text message"
                );
                // Another text each time, until the count or until the service refuses one
                // (the page then stays on the list of ways, saying so).
                for _ in 0..*count {
                    let page = w.page(user).await?;
                    if page.control("Sign in another way").is_none() {
                        break;
                    }
                    w.use_control(user, "Sign in another way").await?;
                    w.use_control(user, "Text").await?;
                }
            }
            Setup::FraudAutoBlock(on) => {
                w.sim()?
                    .admin
                    .fraud_setting(crate::records::FraudSetting::AutoBlock, *on)
                    .await?;
            }
            Setup::ReportedCall(user) => {
                journeys::sign_in(w, user, Destination::Office).await?;
                w.use_control(user, "Sign in another way").await?;
                w.use_control(user, "Call").await?;
                w.phone(user)?
                    .answer("0#")
                    .await?
                    .context("no call rang on the phone")?;
                w.browser(user)?.close().await?;
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
