//! The administrator's (or help-desk technician's) console: per-user MFA, the App Password
//! setting, re-registration, revoking MFA sessions, blocking, Temporary Access Passes and
//! reading the sign-in log. Every action is recorded in the transcript.

use super::mailbox::{ActorGone, Mailbox};
use crate::clock::Clock;
use crate::tenant::{MfaState, SignInRow, TenantHandle, UnknownUser};
use crate::transcript::{Actor, Output, Transcript};

struct Console {
    tenant: TenantHandle,
    clock: Clock,
    transcript: Transcript,
}

/// One thing the administrator can do to a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminAction {
    /// Set per-user MFA.
    SetMfa(MfaState),
    /// Require re-register MFA.
    RequireReregistration,
    /// Revoke MFA sessions.
    RevokeMfaSessions,
    /// Block or unblock sign-in.
    BlockSignIn(bool),
    /// Block or unblock MFA (90 days).
    BlockMfa(bool),
    /// Issue a Temporary Access Pass for so many minutes.
    TemporaryAccessPass { minutes: i64, one_time: bool },
    /// Delete all App Passwords.
    DeleteAppPasswords,
    /// Reset the password.
    ResetPassword(String),
    /// Dismiss the user's risk after investigation.
    DismissRisk,
}

/// Handle on the admin console.
#[derive(Clone, Debug)]
pub struct AdminHandle {
    mailbox: Mailbox<Console>,
}

impl AdminHandle {
    /// Open the console.
    pub fn spawn(tenant: TenantHandle, clock: Clock, transcript: Transcript) -> Self {
        AdminHandle {
            mailbox: Mailbox::spawn(Console {
                tenant,
                clock,
                transcript,
            }),
        }
    }

    /// Do something to a user. Returns what the console reports (a TAP is shown once here).
    pub async fn act(
        &self,
        upn: &str,
        action: AdminAction,
    ) -> Result<Result<String, UnknownUser>, ActorGone> {
        let upn = upn.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let mut t = c.tenant.lock();
                let id = t.id_of(&upn)?;
                let text = match action {
                    AdminAction::SetMfa(state) => {
                        let ended = t.set_mfa_state(id, state);
                        format!("Per-user MFA for {upn}: {ended}")
                    }
                    AdminAction::RequireReregistration => {
                        t.require_reregistration(id);
                        format!("Required {upn} to register MFA methods again")
                    }
                    AdminAction::RevokeMfaSessions => {
                        t.revoke_mfa_sessions(id);
                        format!("Revoked MFA sessions for {upn}")
                    }
                    AdminAction::BlockSignIn(b) => {
                        t.set_sign_in_blocked(id, b);
                        format!(
                            "Sign-in {} for {upn}",
                            if b { "blocked" } else { "allowed" }
                        )
                    }
                    AdminAction::BlockMfa(b) => {
                        t.set_mfa_blocked(id, b);
                        format!(
                            "MFA {} for {upn}",
                            if b {
                                "blocked for 90 days"
                            } else {
                                "unblocked"
                            }
                        )
                    }
                    AdminAction::TemporaryAccessPass { minutes, one_time } => {
                        let code = t.issue_temporary_access_pass(id, minutes, one_time);
                        format!("Temporary Access Pass for {upn} (valid {minutes} minutes): {code}")
                    }
                    AdminAction::DeleteAppPasswords => {
                        t.delete_app_passwords(id);
                        format!("Deleted all app passwords of {upn}")
                    }
                    AdminAction::ResetPassword(pw) => {
                        t.reset_password(id, &pw);
                        format!("Password of {upn} reset")
                    }
                    AdminAction::DismissRisk => {
                        t.dismiss_risk(id);
                        format!("Risk dismissed for {upn}")
                    }
                };
                drop(t);
                c.transcript.record(
                    c.clock.now(),
                    Actor::Admin,
                    Output::AdminAction { text: text.clone() },
                );
                Ok(text)
            })
            .await
    }

    /// Turn the tenant's "allow app passwords" setting on or off.
    pub async fn allow_app_passwords(&self, allowed: bool) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().allow_app_passwords(allowed);
                let text = format!(
                    "Users {} create app passwords",
                    if allowed { "may" } else { "may not" }
                );
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::AdminAction { text });
            })
            .await
    }

    /// Let browsers remember MFA for so many days ("Don't ask again"), or stop offering it.
    pub async fn remember_mfa_days(&self, days: Option<u32>) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().policy.remember_mfa_days = days;
                let text = match days {
                    Some(d) => format!("Browsers may remember MFA for {d} days"),
                    None => "Browsers may no longer remember MFA".to_string(),
                };
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::AdminAction { text });
            })
            .await
    }

    /// How many methods "Keep your account secure" asks for at the sign-in interrupt (1 or
    /// 2; the tenant setting `registration_methods`).
    pub async fn registration_methods(&self, count: u8) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().policy.registration_methods = count;
                let text = format!(
                    "Registration asks for {count} method{}",
                    if count == 1 { "" } else { "s" }
                );
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::AdminAction { text });
            })
            .await
    }

    /// A user's per-user MFA state, methods and flags, as the console shows them.
    pub async fn describe(&self, upn: &str) -> Result<Result<UserSummary, UnknownUser>, ActorGone> {
        let upn = upn.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let t = c.tenant.lock();
                let id = t.id_of(&upn)?;
                let u = t.user(id);
                Ok(UserSummary {
                    mfa: u.mfa,
                    methods: u.info.entries().len(),
                    app_passwords: u.app_passwords.records().len(),
                    high_risk: u.high_risk,
                    sign_in_blocked: u.sign_in_blocked,
                    mfa_blocked: u.mfa_blocked_until.is_some_and(|until| t.now() < until),
                })
            })
            .await
    }

    /// The sign-in log.
    pub async fn sign_in_log(&self) -> Result<Vec<SignInRow>, ActorGone> {
        self.mailbox
            .call("admin console", |c| c.tenant.lock().sign_in_log().to_vec())
            .await
    }
}

/// What the console shows about one user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSummary {
    /// Per-user MFA state.
    pub mfa: MfaState,
    /// How many methods are registered.
    pub methods: usize,
    /// How many App Passwords exist.
    pub app_passwords: usize,
    /// Reported suspicious activity.
    pub high_risk: bool,
    /// Sign-in blocked.
    pub sign_in_blocked: bool,
    /// MFA blocked.
    pub mfa_blocked: bool,
}
