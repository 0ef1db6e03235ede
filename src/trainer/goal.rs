//! Whether a session's goal is met, what is still missing, and the score.

use super::exercise::{Condition, sign_in_method_label};
use super::session::{Session, lower};
use crate::records::SignInResult;
use crate::tenant::methods::{Method, PhoneSlot};
use anyhow::{Context, Result, bail};

impl Session {
    /// The closing summary: met or not, what is missing, the score.
    pub(crate) async fn result(&self) -> String {
        if self.exercise.free_play {
            let minutes = (self.now().unwrap_or(self.started) - self.started) / 60;
            return super::clean::clean(&format!(
                "\n*** Free play ended ***\n{} action{}, {minutes} simulated minute{}. Free play has no score and is not saved.\n",
                self.actions,
                if self.actions == 1 { "" } else { "s" },
                if minutes == 1 { "" } else { "s" }
            ));
        }
        let unmet = self.unmet().await;
        let verified = self
            .exercise
            .goal
            .all
            .iter()
            .any(|c| matches!(c, Condition::VerifiedFirst(_)));
        let mut out = if let Some(why) = &self.failed {
            format!("\n*** Failed: ended at once, as this must never happen ***\n{why}\n")
        } else if unmet.is_empty() {
            format!("\n*** Goal met: {} ***\n", self.exercise.goal.description)
        } else {
            let mut s = format!(
                "\n*** Goal not met: {} ***\nStill missing:\n",
                self.exercise.goal.description
            );
            for u in &unmet {
                s.push_str(&format!("  - {u}\n"));
            }
            s
        };
        let n =
            |count: u32, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
        // Mistakes and hints are counted once, in the debrief's points line below.
        out.push_str(&format!("Counted: {}", n(self.actions, "action")));
        if self.restarts > 0 {
            out.push_str(&format!(", {}", n(self.restarts, "restart")));
        }
        if verified && !self.impostor {
            let first = if self.reset_before_verify {
                "no: a reset came before verification"
            } else {
                "yes"
            };
            out.push_str(&format!(", identity verified before any reset: {first}"));
        }
        out.push_str(".\n");
        if let Some(reveal) = self.caller_reveal() {
            out.push_str(&reveal);
            out.push('\n');
        }
        out.push_str(&self.debrief().to_string());
        super::clean::clean(&out)
    }

    pub(super) async fn status(&self) -> String {
        if self.exercise.free_play {
            return format!(
                "{}: no goal. `quit` ends it; nothing is scored or saved.",
                self.exercise.title
            );
        }
        // The ticket's own conditions, whoever is calling: status never tells who it is.
        let unmet = self.unmet_as_written().await;
        let total = self.exercise.goal.all.len();
        let mut s = format!(
            "Goal: {} ({} of {total} done)",
            self.exercise.goal.description,
            total - unmet.len()
        );
        for u in unmet {
            s.push_str(&format!("\n  still to do: {u}"));
        }
        for n in &self.exercise.goal.never {
            s.push_str(&format!("\n  never: {n}"));
        }
        if let Some(why) = &self.dead {
            s.push_str(&format!(
                "\n  The goal can no longer be met: {why}. `restart` starts again."
            ));
        }
        s
    }

    /// What is still missing for the attempt: with an impostor calling, refusing the call
    /// is the whole goal; otherwise the ticket's conditions.
    pub(crate) async fn unmet(&self) -> Vec<String> {
        if self.impostor {
            return if self.refused {
                Vec::new()
            } else {
                vec![format!(
                    "the caller was not {}: refuse the request and report the call (`refuse {}`)",
                    self.exercise.person,
                    lower(&self.exercise.person)
                )]
            };
        }
        self.unmet_as_written().await
    }

    /// Conditions of the goal that do not hold yet, described.
    pub(crate) async fn unmet_as_written(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.exercise.goal.all {
            match self.holds(c).await {
                Ok(None) => {}
                Ok(Some(why)) => out.push(why),
                Err(e) => out.push(format!("{c} could not be checked: {e}")),
            }
        }
        if let (Some(minutes), Some(_)) = (self.exercise.time_limit, self.time_up()) {
            out.push(format!("all of it within {minutes} simulated minutes"));
        }
        out
    }

    /// None if the condition holds, else what is missing.
    pub(super) async fn holds(&self, c: &Condition) -> Result<Option<String>> {
        let w = &self.world;
        let sim = w.sim()?;
        let did = |a: &str, u: &str| self.done.iter().any(|(x, y)| x == a && *y == lower(u));
        Ok(match c {
            Condition::MfaState { user, is } => {
                let upn = w.person(user)?.upn.clone();
                let now = sim.admin.describe(&upn).await??.mfa;
                (now != *is).then(|| format!("{user}'s per-user MFA should be {is} (it is {now})"))
            }
            Condition::HasMethod { user, kind } => {
                let upn = w.person(user)?.upn.clone();
                let t = sim.tenant.lock();
                let info = &t.user(t.id_of(&upn)?).info;
                let has = match kind.as_str() {
                    "text" => info.phone(PhoneSlot::Mobile).is_some(),
                    "call" => !info
                        .options()
                        .iter()
                        .all(|o| !matches!(o, crate::tenant::VerifyOption::Call(_))),
                    "authenticator" => !info.push_devices().is_empty(),
                    "app" => info
                        .entries()
                        .iter()
                        .any(|e| matches!(e.method, Method::SoftwareToken { .. })),
                    "office" => info.phone(PhoneSlot::Office).is_some(),
                    "alternate" => info.phone(PhoneSlot::Alternate).is_some(),
                    other => bail!("unknown method kind {other}"),
                };
                (!has).then(|| format!("{user} should have {kind} registered"))
            }
            Condition::SignedIn(user) => {
                let signed = w.browser(user)?.signed_in().await?.is_some();
                (!signed).then(|| format!("{user} should be signed in in the browser"))
            }
            Condition::MailConnected { user, app } => {
                let person = w.person(user)?;
                let status = person
                    .mail_apps
                    .get(app)
                    .context("no such mail app")?
                    .status()
                    .await?;
                (!status.is_connected())
                    .then(|| format!("{user}'s {app} should be connected (it shows \"{status}\")"))
            }
            Condition::Did { action, user } => {
                (!did(action, user)).then(|| format!("{action} for {user}"))
            }
            Condition::VerifiedFirst(user) => {
                if !did("verify", user) {
                    Some(format!(
                        "check that the caller is {user} (`verify`: call-back, manager or video) before changing the account"
                    ))
                } else if self.reset_before_verify {
                    Some(format!(
                        "{user}'s account was changed before the caller was verified"
                    ))
                } else {
                    None
                }
            }
            Condition::AtRisk(user) => {
                let upn = w.person(user)?.upn.clone();
                let risk = sim.admin.describe(&upn).await??.high_risk;
                (!risk).then(|| format!("{user} should have reported the request as suspicious"))
            }
            Condition::SignedInWith { user, method } => {
                let upn = lower(&w.person(user)?.upn);
                let label = sign_in_method_label(method);
                let rows = sim.admin.sign_in_log().await?;
                let signed = rows.iter().any(|r| {
                    r.at >= self.started
                        && lower(&r.user) == upn
                        && r.result == SignInResult::Success
                        && r.method.as_deref().is_some_and(|m| m.starts_with(label))
                });
                (!signed).then(|| format!("{user} should sign in with {label}"))
            }
            Condition::IntruderSignedOut(user) => {
                let upn = w.person(user)?.upn.clone();
                let id = sim.tenant.lock().find(&upn);
                // Whether the service would still let that browser in, asked without moving it.
                let session = w.intruder_so_far(user)?.session_counts().await?;
                session
                    .is_some_and(|u| Some(u) == id)
                    .then(|| format!("the other browser is still signed in as {user}"))
            }
            Condition::NoMethods(user) => {
                let upn = w.person(user)?.upn.clone();
                let s = sim.admin.describe(&upn).await??;
                (s.methods > 0)
                    .then(|| format!("{user} should have no methods left ({} remain)", s.methods))
            }
            Condition::SignInBlocked(user) => {
                let upn = w.person(user)?.upn.clone();
                let s = sim.admin.describe(&upn).await??;
                (!s.sign_in_blocked).then(|| format!("{user}'s sign-in should be blocked"))
            }
            Condition::AppPasswordSignIn {
                user,
                protocol,
                result,
            } => {
                let upn = lower(&w.person(user)?.upn);
                // The App Passwords made in this attempt, by id.
                let made: Vec<u32> = {
                    let t = sim.tenant.lock();
                    let u = t.user(t.id_of(&upn)?);
                    u.app_passwords
                        .records()
                        .iter()
                        .filter(|r| r.created >= self.started)
                        .map(|r| r.id)
                        .collect()
                };
                let rows = sim.admin.sign_in_log().await?;
                let kind = crate::records::ClientKind::Legacy(*protocol);
                let wanted = match result {
                    super::exercise::MailAnswer::Accepted => SignInResult::Success,
                    super::exercise::MailAnswer::Refused => SignInResult::Failure,
                };
                // A row counts only if it presented one of those App Passwords: the account
                // password or a mistyped one is no evidence either way.
                let seen = rows.iter().any(|r| {
                    lower(&r.user) == upn
                        && r.client == kind
                        && r.result == wanted
                        && r.app_password.is_some_and(|id| made.contains(&id))
                });
                (!seen).then(|| match result {
                    super::exercise::MailAnswer::Accepted => format!(
                        "a mail app should sign in over {protocol} with an App Password {user} makes"
                    ),
                    super::exercise::MailAnswer::Refused => format!(
                        "a mail app should try an App Password {user} makes over {protocol}, and be refused"
                    ),
                })
            }
            Condition::NoAppPasswords(user) => {
                let upn = w.person(user)?.upn.clone();
                let s = sim.admin.describe(&upn).await??;
                (s.app_passwords > 0).then(|| {
                    format!(
                        "{user} should have no App Passwords left ({} remain)",
                        s.app_passwords
                    )
                })
            }
            Condition::HasPhone { user, number } | Condition::NotPhone { user, number } => {
                let upn = w.person(user)?.upn.clone();
                let t = sim.tenant.lock();
                let info = &t.user(t.id_of(&upn)?).info;
                let has = [PhoneSlot::Mobile, PhoneSlot::Office, PhoneSlot::Alternate]
                    .iter()
                    .any(|s| info.phone(*s) == Some(number.as_str()));
                match (c, has) {
                    (Condition::HasPhone { .. }, false) => {
                        Some(format!("{user} should have the phone {number} registered"))
                    }
                    (Condition::NotPhone { .. }, true) => {
                        Some(format!("{user}'s old number {number} should be removed"))
                    }
                    _ => None,
                }
            }
            Condition::RegisteredOnNewPhone(user) => {
                // During the session the person holds only the new phone (the setup's
                // `new_phone` came before), so an app method registered since the start was
                // scanned with it; for Microsoft Authenticator the app must also list the
                // account. Asking the apps for codes would put them in the transcript.
                let person = w.person(user)?;
                let upn = person.upn.clone();
                let (authenticator, other_app) = match person.phone.clone() {
                    Some(phone) => {
                        let listed = match phone.authenticator().await? {
                            Some(app) => app.accounts().await?.contains(&upn),
                            None => false,
                        };
                        let apps = phone.apps().await?;
                        let other = apps.iter().any(|a| a != "Microsoft Authenticator");
                        (listed, other)
                    }
                    None => (false, false),
                };
                let t = sim.tenant.lock();
                let info = &t.user(t.id_of(&upn)?).info;
                let registered = info.entries().iter().any(|e| {
                    e.added >= self.started
                        && match &e.method {
                            Method::Authenticator { .. } | Method::Passkey { .. } => authenticator,
                            Method::SoftwareToken { .. } => other_app,
                            Method::Phone { .. } => false,
                        }
                });
                (!registered).then(|| {
                    format!("{user} should register an authenticator app on the new phone")
                })
            }
        })
    }
}
