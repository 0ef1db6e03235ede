//! What the administrator (or help-desk technician) can do to a user or the tenant:
//! per-user MFA state, App Password setting, re-registration, revoking MFA sessions,
//! blocking, Temporary Access Passes (rules 2, 6, 20 and 29-32 of [`crate::rules`]).
//! Revoking sign-in sessions is in `sessions`.

use super::Tenant;
use super::directory::{MfaState, TemporaryAccessPass, UserId};

/// Days an admin MFA block lasts.
pub(crate) const MFA_BLOCK_DAYS: i64 = 90;

impl Tenant {
    /// Set per-user MFA. Enabling a user who already has a method enforces them at once
    /// (rule 2). Returns the state the user ends in.
    pub fn set_mfa_state(&mut self, id: UserId, state: MfaState) -> MfaState {
        let user = self.user_mut(id);
        user.mfa = if state == MfaState::Enabled && !user.info.is_empty() {
            MfaState::Enforced
        } else {
            state
        };
        user.mfa
    }

    /// Turn the tenant's "allow app passwords" setting on or off.
    pub(crate) fn allow_app_passwords(&mut self, allowed: bool) {
        self.policy.app_passwords = allowed;
    }

    /// Require re-register MFA: phones and apps are deleted; the next sign-in that needs MFA
    /// asks for registration again (rule 29).
    pub(crate) fn require_reregistration(&mut self, id: UserId) {
        self.user_mut(id).info.clear();
        self.activated.remove(&id);
    }

    /// Revoke MFA sessions: every browser's remembered MFA ("Don't ask again") stops counting
    /// (rule 30). Sign-in sessions and apps' tokens are left alone: "Revoke sign-in sessions"
    /// (`sessions`) ends those.
    pub(crate) fn revoke_mfa_sessions(&mut self, id: UserId) {
        let now = self.now();
        self.user_mut(id).mfa_sessions_valid_after = now;
    }

    /// Block or unblock sign-in.
    pub(crate) fn set_sign_in_blocked(&mut self, id: UserId, blocked: bool) {
        self.user_mut(id).sign_in_blocked = blocked;
    }

    /// Block MFA for 90 days, or lift the block (rule 31).
    pub(crate) fn set_mfa_blocked(&mut self, id: UserId, blocked: bool) {
        let until = blocked.then(|| self.now() + MFA_BLOCK_DAYS * 86_400);
        self.user_mut(id).mfa_blocked_until = until;
    }

    /// Issue a Temporary Access Pass (8 characters); a new one replaces the old (rule 32).
    pub(crate) fn issue_temporary_access_pass(
        &mut self,
        id: UserId,
        minutes: i64,
        one_time: bool,
    ) -> String {
        let alphabet: Vec<char> = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
            .chars()
            .collect();
        let code: String = (0..8)
            .map(|_| alphabet[self.seed().below(alphabet.len() as u32) as usize])
            .collect();
        let expires = self.now().saturating_add(minutes.saturating_mul(60));
        let salt = self.new_salt();
        self.user_mut(id).tap = Some(TemporaryAccessPass {
            code: super::app_passwords::SaltedHash::new(salt, &code),
            expires,
            one_time,
        });
        code
    }

    /// Delete all of a user's App Passwords.
    pub(crate) fn delete_app_passwords(&mut self, id: UserId) {
        self.user_mut(id).app_passwords.delete_all();
    }

    /// Reset a user's password: browser sessions and apps' refresh tokens issued before it
    /// stop counting (rule 25, `sessions`); App Passwords survive (rule 23).
    pub(crate) fn reset_password(&mut self, id: UserId, password: &str) {
        let salt = self.new_salt();
        let now = self.now();
        let user = self.user_mut(id);
        user.set_password(password, salt);
        user.lockout = Default::default();
        user.sign_in_sessions_valid_after = now;
    }

    /// Clear the "high risk" flag after investigation.
    pub(crate) fn dismiss_risk(&mut self, id: UserId) {
        self.user_mut(id).high_risk = false;
    }
}
