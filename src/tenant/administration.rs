//! What the administrator (or help-desk technician) can do to a user or the tenant:
//! per-user MFA state, App Password setting, re-registration, revoking MFA sessions,
//! blocking, Temporary Access Passes (rules 2, 6, 20 and 29-32 of [`crate::rules`]).
//! Revoking sign-in sessions is in `sessions`.

use super::Tenant;
use super::directory::{MfaState, TemporaryAccessPass, UserId};

/// Days an admin MFA block lasts.
pub(crate) const MFA_BLOCK_DAYS: i64 = 90;

impl Tenant {
    /// Set per-user MFA. Returns the state the user ends in. Two Microsoft pages are kept
    /// together here (rules 2 and 6): enabling a user for the first time who already has a
    /// method enforces them at once (the Graph resource page); a user once enforced, then
    /// disabled (or set back to enabled), and enabled again stays *enabled* until an
    /// administrator sets enforced, methods or not (the per-user MFA page). The tenant
    /// remembers the earlier enforcement in [`super::User::enforced_before`].
    pub fn set_mfa_state(&mut self, id: UserId, state: MfaState) -> MfaState {
        let user = self.user_mut(id);
        if user.mfa == MfaState::Enforced && state != MfaState::Enforced {
            user.enforced_before = true;
        }
        user.mfa = if state == MfaState::Enabled && !user.info.is_empty() && !user.enforced_before {
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

    /// Turn "Report suspicious activity" or the fraud alert's automatic block on or off
    /// (rule 16; what they do is in `fraud`).
    pub(crate) fn set_fraud_setting(&mut self, setting: crate::records::FraudSetting, on: bool) {
        match setting {
            crate::records::FraudSetting::ReportSuspiciousActivity => {
                self.policy.report_suspicious_activity = on
            }
            crate::records::FraudSetting::AutoBlock => self.policy.fraud_alert_auto_block = on,
        }
    }

    /// Whether users may see and manage (create, delete) their App Passwords: only while the
    /// tenant allows them. Turned off later, the ones already made keep working for mail
    /// (rule 23) but drop out of Security info and the App passwords page.
    pub(crate) fn app_passwords_manageable(&self) -> bool {
        self.policy.app_passwords
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

#[cfg(test)]
mod tests {
    use crate::tenant::{MfaState, Policy, SignInNeed};

    #[test]
    fn enforced_disabled_and_enabled_again_stays_enabled_until_an_admin_enforces() {
        // Rule 6, second case of the clarification (howto-mfa-userstates), beside rule 2's
        // first enabling (Graph): the tenant remembers the earlier enforcement.
        let (mut t, id, _) = crate::tenant::test_tenant::with_user(
            "2021-06-01",
            Policy::default(),
            3,
            ("dana@contoso.com", "Dana Whitfield", "pw-right"),
        );
        crate::tenant::test_tenant::add_mobile(&mut t, id);
        assert_eq!(
            t.set_mfa_state(id, MfaState::Enabled),
            MfaState::Enforced,
            "a first enabling with methods enforces at once (rule 2)"
        );
        assert_eq!(t.set_mfa_state(id, MfaState::Disabled), MfaState::Disabled);
        assert_eq!(t.sign_in_need(id, None), SignInNeed::Nothing);
        assert_eq!(
            t.set_mfa_state(id, MfaState::Enabled),
            MfaState::Enabled,
            "enabled again without re-registering: stays enabled"
        );
        assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
        assert_eq!(t.set_mfa_state(id, MfaState::Enforced), MfaState::Enforced);
    }
}
