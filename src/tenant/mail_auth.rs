//! Signing in to mail: basic authentication (IMAP, POP, ActiveSync, SMTP) with a password or
//! an App Password. A modern app such as Outlook keeps a refresh token instead: see
//! `sessions`.
//!
//! Rule 5 (see [`crate::rules`]): once a user is *enforced*, the account password no longer works for basic auth;
//! only an App Password does, and only where the protocol still accepts basic auth on that
//! date (rule 24, in `calendar`).

use super::Tenant;
use super::calendar::{self, Protocol};
use super::directory::MfaState;
use super::sign_in_log::{ClientKind, SignInResult};
use crate::records::BasicRefusal;

/// What a basic-auth mail server answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BasicOutcome {
    /// Signed in.
    Accepted {
        /// True when an App Password (not the account password) was used.
        app_password: bool,
    },
    /// Refused, and why (its `Display` is what the server and the log say).
    Refused(BasicRefusal),
}

impl Tenant {
    /// A mail app signs in with a user name and a password over `protocol`.
    pub fn basic_sign_in(
        &mut self,
        upn: &str,
        secret: &str,
        protocol: Protocol,
        app: &str,
    ) -> BasicOutcome {
        let client = ClientKind::Legacy(protocol);
        let now = self.now();
        // Which App Password was presented, if one was, whatever the answer: the row keeps
        // it (unshown) so a refusal of an App Password is told from one of a wrong password.
        let presented = self
            .find(upn)
            .and_then(|id| self.user(id).app_passwords.matching(secret));
        let refuse = |t: &mut Tenant, reason: BasicRefusal| {
            t.log_presenting(
                upn,
                app,
                client,
                None,
                SignInResult::Failure,
                &reason.to_string(),
                presented,
            );
            BasicOutcome::Refused(reason)
        };
        if let Some(reason) = calendar::basic_auth_refusal(protocol, now, &self.policy) {
            return refuse(self, reason);
        }
        let Some(id) = self.find(upn) else {
            return refuse(self, BasicRefusal::BadCredentials);
        };
        let user = self.user(id);
        if user.sign_in_blocked {
            return refuse(self, BasicRefusal::SignInBlocked);
        }
        if user.lockout.locked(now) {
            return refuse(self, BasicRefusal::Locked);
        }
        if presented.is_some() {
            self.log_presenting(
                upn,
                app,
                client,
                Some("App password".into()),
                SignInResult::Success,
                "signed in with an app password",
                presented,
            );
            return BasicOutcome::Accepted { app_password: true };
        }
        if user.password_is(secret) {
            if user.mfa == MfaState::Enforced {
                return refuse(self, BasicRefusal::NeedsAppPassword);
            }
            self.log(
                upn,
                app,
                client,
                None,
                SignInResult::Success,
                "signed in with the account password",
            );
            return BasicOutcome::Accepted {
                app_password: false,
            };
        }
        let limits = self.policy.limits.clone();
        self.user_mut(id).lockout.fail(
            secret,
            now,
            limits.lockout_threshold,
            limits.lockout_seconds,
        );
        refuse(self, BasicRefusal::BadCredentials)
    }
}
