//! Safe fixes: an exercise's `never:` list (what must not happen, what must stay true) checked
//! after every command that acts, and, when one is broken, why that is dangerous, citing the
//! rule of the service it touches from the registry in [`crate::rules`] (its statement, never
//! a copy) or the guide step.
//!
//! The session ends the attempt as failed at the first broken condition; `goal.rs` prints
//! the result.

use super::exercise::{Never, Role};
use super::session::{Session, lower};
use crate::screens::{PageId, SignInStep};
use crate::tenant::MfaState;
use anyhow::Result;

/// disabled < enabled < enforced.
pub fn strength(state: MfaState) -> u8 {
    match state {
        MfaState::Disabled => 0,
        MfaState::Enabled => 1,
        MfaState::Enforced => 2,
    }
}

/// "rule N: statement", from the registry.
pub fn cite(n: u8) -> String {
    crate::rules::rule(n).map_or_else(String::new, |r| {
        format!("\nrule {}: {}", r.number, r.statement)
    })
}

/// Why taking `action` for someone not yet verified is dangerous, and the rule it touches.
fn unverified_danger(action: &str, user: &str) -> (String, Option<u8>) {
    let (why, rule) = match action {
        "reregister" => (
            format!(
                "Requiring re-registration deletes {user}'s methods: whoever signs in next with the password registers their own phone and owns the account."
            ),
            Some(29),
        ),
        "tap" => (
            format!(
                "A Temporary Access Pass lets whoever holds it sign in as {user} and register methods; handed to an impostor, it hands over the account."
            ),
            Some(32),
        ),
        "reset-password" => (
            format!(
                "A new password given to a caller who is not {user} gives them the account, and it signs {user} out of apps."
            ),
            Some(25),
        ),
        "unblock" => (
            format!(
                "Sign-in was blocked for a reason; unblocking for an unverified caller lets whoever has the password back in as {user}."
            ),
            None,
        ),
        "unblock-mfa" => (
            format!(
                "{user}'s MFA was blocked, usually after a fraud report; lifting it for an unverified caller reopens the account to the attacker."
            ),
            Some(31),
        ),
        "disable" | "enable" => (
            format!(
                "Weakening {user}'s MFA for an unverified caller removes the second factor that stops an impostor."
            ),
            Some(6),
        ),
        "delete-method" => (
            format!(
                "Deleting one of {user}'s methods for an unverified caller can lock {user} out, and is the first half of moving the codes to an impostor's phone."
            ),
            Some(14),
        ),
        "add-phone" => (
            format!(
                "A phone added for an unverified caller receives {user}'s codes: whoever owns that number now holds the second factor."
            ),
            Some(13),
        ),
        "revoke" => (
            format!(
                "Changing {user}'s account for an unverified caller is acting on an impostor's word."
            ),
            Some(30),
        ),
        "revoke-sessions" => (
            format!(
                "Changing {user}'s account for an unverified caller is acting on an impostor's word."
            ),
            Some(25),
        ),
        _ => (
            format!(
                "Changing {user}'s account for an unverified caller is acting on an impostor's word."
            ),
            None,
        ),
    };
    (
        format!(
            "{why} Check who is calling first: call back on the office number in the directory (`verify {} callback`), ask the manager or see them on video.",
            lower(user)
        ),
        rule,
    )
}

/// Why an action on an account that must stay closed (a leaver's) is dangerous.
fn leaver_danger(action: &str, user: &str) -> (String, Option<u8>) {
    match action {
        "tap" => (
            format!(
                "{user} has left; a Temporary Access Pass opens the account again to whoever holds it."
            ),
            Some(32),
        ),
        "reset-password" => (
            format!(
                "{user} has left; a new password makes a working account out of one that should be closed."
            ),
            Some(25),
        ),
        "unblock" => (
            format!("{user} has left; unblocking lets the old password sign in again."),
            None,
        ),
        _ => (
            format!("{user} has left; the account must stay closed."),
            None,
        ),
    }
}

impl Session {
    /// The first `never:` condition broken so far, explained; None while all hold.
    pub(super) async fn broken(&self) -> Result<Option<String>> {
        // Free play has nothing to break: refusing its (always genuine) caller is allowed to
        // be tried, and told, without ending the session.
        if self.exercise.free_play {
            return Ok(None);
        }
        if self.turned_away {
            return Ok(Some(self.turned_away_why()));
        }
        for never in &self.exercise.goal.never {
            if let Some(why) = self.breaks(never).await? {
                return Ok(Some(format!("Broken: {never}.\n{why}")));
            }
        }
        Ok(None)
    }

    async fn breaks(&self, never: &Never) -> Result<Option<String>> {
        let w = &self.world;
        Ok(match never {
            Never::MfaStateBelow { user, is } => {
                let upn = w.person(user)?.upn.clone();
                let now = w.sim()?.admin.describe(&upn).await??.mfa;
                (strength(now) < strength(*is)).then(|| {
                    format!(
                        "{user}'s per-user MFA is now {now}. Why this is dangerous: with MFA turned down, anyone who has {user}'s password signs in with nothing else, and the real problem is still there. Fix the cause (a method that works, an App Password for an old mail app) and leave MFA {is}.{}",
                        cite(6)
                    )
                })
            }
            Never::BeforeVerified { user, actions } => {
                let key = lower(w.person(user).map_or(user.as_str(), |p| p.first_name()));
                let verified_at = self
                    .done
                    .iter()
                    .position(|(a, u)| a == "verify" && *u == key);
                let first = self
                    .done
                    .iter()
                    .enumerate()
                    .find(|(_, (a, u))| *u == key && actions.iter().any(|x| lower(x) == *a));
                match first {
                    Some((at, (action, _))) if verified_at.is_none_or(|v| v > at) => {
                        let (why, rule) = unverified_danger(action, user);
                        Some(format!(
                            "`admin {action}` was done for {user} before the caller was verified. Why this is dangerous: {why}{}",
                            rule.map(cite).unwrap_or_default()
                        ))
                    }
                    _ => None,
                }
            }
            Never::AnyOf { user, actions } => {
                let key = lower(w.person(user).map_or(user.as_str(), |p| p.first_name()));
                self.done
                    .iter()
                    .find(|(a, u)| *u == key && actions.iter().any(|x| lower(x) == *a))
                    .map(|(action, _)| {
                        let (why, rule) = leaver_danger(action, user);
                        format!(
                            "`admin {action}` was done for {user}. Why this is dangerous: {why}{}",
                            rule.map(cite).unwrap_or_default()
                        )
                    })
            }
            Never::ApprovedUnstarted(user) => {
                let key = lower(w.person(user).map_or(user.as_str(), |p| p.first_name()));
                self.approved_unstarted.contains(&key).then(|| {
                    let role = match self.exercise.role {
                        Role::User => "you",
                        Role::Technician => user.as_str(),
                    };
                    format!(
                        "{user} approved a Microsoft Authenticator request that {role} did not start. Why this is dangerous: a request nobody started means someone else has the password; approving it lets them in. Deny it and report it (`report`). Guide step MSA-06 is about approving your own sign-in only.{}",
                        cite(17)
                    )
                })
            }
        })
    }

    /// Whether `who`'s own browser is waiting for a Microsoft Authenticator answer (a sign-in
    /// or a registration they started): the trainer's reading of "a request they started".
    pub(super) async fn started_a_request(&self, who: &str) -> bool {
        match self.world.page(who).await {
            Ok(page) => matches!(
                page.page,
                PageId::SignIn(SignInStep::ApproveRequest)
                    | PageId::SignIn(SignInStep::PasskeySignIn)
                    | PageId::Wizard { .. }
                    | PageId::Legacy(_)
                    | PageId::Manage(_)
            ),
            Err(_) => false,
        }
    }
}
