//! Security defaults (entra-facts §1, rule 1 of [`crate::rules`]): who is asked for MFA and
//! when, and the 14 days a user may put off registering.
//!
//! Under security defaults Microsoft asks administrators for MFA at every sign-in and other
//! users "when necessary", a judgement it does not publish. The simulator's stand-in: a user
//! is asked on a device (a browser) where they have not done MFA before, and always while
//! flagged at high risk. A user with nothing registered may skip registration for 14 days
//! counted from their first successful interactive sign-in, and must register after that.
//! The facts note that new tenants are losing the 14 days (the date is not given), so a
//! tenant may turn the window off.

use super::Tenant;
use super::directory::{MfaState, Role, UserId};
use crate::clock::Instant;

/// Days a user may skip registration under security defaults.
pub(crate) const REGISTRATION_WINDOW_DAYS: i64 = 14;

impl Tenant {
    /// MFA is asked of this user only because of security defaults (no per-user MFA, no
    /// Conditional Access policy).
    fn only_security_defaults(&self, id: UserId) -> bool {
        self.policy.security_defaults
            && self.user(id).mfa == MfaState::Disabled
            && !self.policy.conditional_access.require_mfa
    }

    /// A successful interactive sign-in (password right, in a browser or a modern app): the
    /// first one starts the registration window.
    pub fn note_interactive_sign_in(&mut self, id: UserId) {
        let now = self.now();
        if self.only_security_defaults(id) {
            self.user_mut(id).first_sign_in.get_or_insert(now);
        }
    }

    /// Whole days left in which a user with nothing registered may still choose "Skip for
    /// now"; None when registration cannot be skipped.
    pub fn registration_skip_days(&self, id: UserId) -> Option<i64> {
        let user = self.user(id);
        if !self.only_security_defaults(id)
            || !self.policy.registration_window
            || !user.info.is_empty()
        {
            return None;
        }
        let first: Instant = user.first_sign_in?;
        let left = REGISTRATION_WINDOW_DAYS - (self.now() - first) / 86_400;
        (left > 0).then_some(left)
    }

    /// Whether a sign-in that would need MFA asks for it now. Only security defaults ask
    /// "when necessary": always for Global Administrators and users at high risk, else on a
    /// browser where the user has not done MFA before (`device_known`). Per-user MFA and
    /// Conditional Access ask every time.
    pub fn mfa_prompt_needed(&self, id: UserId, device_known: bool) -> bool {
        let user = self.user(id);
        !self.only_security_defaults(id)
            || user.role == Role::GlobalAdministrator
            || user.high_risk
            || !device_known
    }
}
