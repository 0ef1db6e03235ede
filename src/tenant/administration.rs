//! What the administrator (or help-desk technician) can do to a user or the tenant:
//! per-user MFA state, App Password setting, re-registration, revoking MFA sessions,
//! blocking, Temporary Access Passes (rules 2, 6, 20 and 29-32 of [`crate::rules`]).
//! Revoking sign-in sessions is in `sessions`.

use super::Tenant;
use super::directory::{MfaState, TemporaryAccessPass, UserId};
use super::methods::{Method, PhoneSlot, normalize_phone};
use crate::records::AdminRefusal;

/// Days an admin MFA block lasts.
pub(crate) const MFA_BLOCK_DAYS: i64 = 90;

/// The tenant's rules for a password an administrator sets: Microsoft Entra's password policy
/// for cloud accounts ("Password policies and account restrictions", concept-sspr-policy):
/// 8 to 256 characters, three of the four kinds (lower case, upper case, digits, symbols).
/// Not among the 36 rules of the facts file; the simulator keeps only these three checks
/// (no banned-password list).
pub(crate) const PASSWORD_LENGTH: std::ops::RangeInclusive<usize> = 8..=256;
/// How many kinds of characters a password must mix.
pub(crate) const PASSWORD_KINDS: usize = 3;

/// The Temporary Access Pass policy (rule 32, facts §7): a pass lasts between the policy's
/// shortest and longest lifetime, 1 hour by default; the defaults are 1 hour and 8 hours, and
/// a policy may be set anywhere from 10 minutes to 30 days. Simulated tenants keep the
/// defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassPolicy {
    /// Shortest lifetime, minutes.
    pub min_minutes: i64,
    /// Longest lifetime, minutes.
    pub max_minutes: i64,
    /// Lifetime when none is asked for, minutes.
    pub default_minutes: i64,
}

/// The policy's own limits: no policy may allow less than 10 minutes or more than 30 days.
pub(crate) const PASS_POLICY_LIMITS: std::ops::RangeInclusive<i64> = 10..=43_200;

/// The default Temporary Access Pass policy.
pub const PASS_POLICY: PassPolicy = PassPolicy {
    min_minutes: 60,
    max_minutes: 480,
    default_minutes: 60,
};

const _: () = assert!(
    *PASS_POLICY_LIMITS.start() <= PASS_POLICY.min_minutes
        && PASS_POLICY.min_minutes <= PASS_POLICY.default_minutes
        && PASS_POLICY.default_minutes <= PASS_POLICY.max_minutes
        && PASS_POLICY.max_minutes <= *PASS_POLICY_LIMITS.end()
);

/// Whether `password` keeps the tenant's password rules.
pub fn check_password(password: &str) -> Result<(), AdminRefusal> {
    let length = password.chars().count();
    if length < *PASSWORD_LENGTH.start() {
        return Err(AdminRefusal::PasswordTooShort {
            min: *PASSWORD_LENGTH.start(),
        });
    }
    if length > *PASSWORD_LENGTH.end() {
        return Err(AdminRefusal::PasswordTooLong {
            max: *PASSWORD_LENGTH.end(),
        });
    }
    let kinds = [
        password.chars().any(|c| c.is_lowercase()),
        password.chars().any(|c| c.is_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password
            .chars()
            .any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if kinds < PASSWORD_KINDS {
        return Err(AdminRefusal::PasswordKinds {
            has: kinds,
            need: PASSWORD_KINDS,
        });
    }
    Ok(())
}

/// Why "Update your password" refused the change. The messages are the simulator's words
/// (Microsoft's exact wording for these cases is not in the facts file); the rules are the
/// ones the console's reset checks ([`check_password`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordChangeError {
    /// The current (temporary) password typed is not the account's password.
    #[error("Your current password is incorrect.")]
    WrongCurrent,
    /// "New password" and "Confirm password" differ.
    #[error("The new passwords don't match.")]
    Mismatch,
    /// The new password is the current one.
    #[error("Choose a password that is different from your current one.")]
    SameAsCurrent,
    /// The new password breaks the tenant's password rules.
    #[error("This password doesn't meet the rules: {0}.")]
    Rules(AdminRefusal),
}

impl Tenant {
    /// "Update your password" at sign-in: after a reset with "change at next sign-in" the user
    /// replaces the temporary password with one of their own that keeps the tenant's rules.
    /// Once changed, the temporary password stops working and the flag is cleared; sessions
    /// end as for [`Self::reset_password`]. Refused, nothing changes.
    pub fn change_password(
        &mut self,
        id: UserId,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<(), PasswordChangeError> {
        if !self.user(id).password_is(current) {
            return Err(PasswordChangeError::WrongCurrent);
        }
        if new != confirm {
            return Err(PasswordChangeError::Mismatch);
        }
        if new == current {
            return Err(PasswordChangeError::SameAsCurrent);
        }
        check_password(new).map_err(PasswordChangeError::Rules)?;
        self.reset_password(id, new);
        self.user_mut(id).must_change_password = false;
        Ok(())
    }

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
    pub fn allow_app_passwords(&mut self, allowed: bool) {
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
    pub fn require_reregistration(&mut self, id: UserId) {
        self.user_mut(id).info.clear();
        self.activated.remove(&id);
    }

    /// Revoke MFA sessions: every browser's remembered MFA ("Don't ask again") stops counting
    /// (rule 30). Sign-in sessions and apps' tokens are left alone: "Revoke sign-in sessions"
    /// (`sessions`) ends those.
    pub fn revoke_mfa_sessions(&mut self, id: UserId) {
        let now = self.now();
        self.user_mut(id).mfa_sessions_valid_after = now;
    }

    /// Block or unblock sign-in.
    pub fn set_sign_in_blocked(&mut self, id: UserId, blocked: bool) {
        self.user_mut(id).sign_in_blocked = blocked;
    }

    /// Block MFA for 90 days, or lift the block (rule 31).
    pub fn set_mfa_blocked(&mut self, id: UserId, blocked: bool) {
        let until = blocked.then(|| self.now() + MFA_BLOCK_DAYS * 86_400);
        self.user_mut(id).mfa_blocked_until = until;
    }

    /// Issue a Temporary Access Pass (8 characters); a new one replaces the old (rule 32).
    pub fn issue_temporary_access_pass(
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
    pub fn delete_app_passwords(&mut self, id: UserId) {
        self.user_mut(id).app_passwords.delete_all();
    }

    /// Reset a user's password: browser sessions and apps' refresh tokens issued before it
    /// stop counting (rule 25, `sessions`); App Passwords survive (rule 23).
    pub fn reset_password(&mut self, id: UserId, password: &str) {
        let salt = self.new_salt();
        let now = self.now();
        let user = self.user_mut(id);
        user.set_password(password, salt);
        user.lockout = Default::default();
        user.sign_in_sessions_valid_after = now;
    }

    /// Reset a user's password as the console's "Reset password" does: to `chosen` if given
    /// (checked against the tenant's password rules; refused, and nothing changed, if it
    /// breaks one) or to a temporary password the console makes; with `change_at_next_sign_in`
    /// the user must choose their own at the next sign-in (facts §7, help-desk actions).
    /// Returns the password made, if the console made one. Sessions end as for
    /// [`Self::reset_password`].
    pub fn reset_password_from_console(
        &mut self,
        id: UserId,
        chosen: Option<&str>,
        change_at_next_sign_in: bool,
    ) -> Result<Option<String>, AdminRefusal> {
        let made = match chosen {
            Some(password) => {
                check_password(password)?;
                None
            }
            None => Some(self.temporary_password(id)),
        };
        let password = chosen.map_or_else(|| made.clone().unwrap_or_default(), str::to_string);
        self.reset_password(id, &password);
        self.user_mut(id).must_change_password = change_at_next_sign_in;
        Ok(made)
    }

    /// A temporary password that keeps the rules: an upper-case letter, three lower-case
    /// letters and five digits, from its own stream (named by the user and the time, so no
    /// other code shifts).
    fn temporary_password(&self, id: UserId) -> String {
        let purpose = format!("temporary password {} {}", self.user(id).upn, self.now());
        let seed = self.seed().substream(&purpose);
        let upper: String = seed.letters(1).to_uppercase();
        format!("{upper}{}{}", seed.letters(3), seed.digits(5))
    }

    /// Issue a Temporary Access Pass under the tenant's [`PASS_POLICY`]: `minutes` (the
    /// policy's default if none) must be within the policy's lifetimes, else nothing is issued.
    /// Returns the pass and how long it lasts.
    pub fn issue_pass_by_policy(
        &mut self,
        id: UserId,
        minutes: Option<i64>,
        one_time: bool,
    ) -> Result<(String, i64), AdminRefusal> {
        let minutes = minutes.unwrap_or(PASS_POLICY.default_minutes);
        if !(PASS_POLICY.min_minutes..=PASS_POLICY.max_minutes).contains(&minutes) {
            return Err(AdminRefusal::PassLifetime {
                minutes,
                min: PASS_POLICY.min_minutes,
                max: PASS_POLICY.max_minutes,
            });
        }
        Ok((
            self.issue_temporary_access_pass(id, minutes, one_time),
            minutes,
        ))
    }

    /// Delete the `n`-th method (from 1) of the user's list as the console shows it; if it
    /// was the default, the default moves to what remains (rule 14). Returns how the console
    /// listed it.
    pub fn delete_method_from_console(
        &mut self,
        id: UserId,
        n: usize,
    ) -> Result<String, AdminRefusal> {
        let info = &mut self.user_mut(id).info;
        let entry = n
            .checked_sub(1)
            .and_then(|i| info.entries().get(i))
            .cloned()
            .ok_or(AdminRefusal::NoSuchMethod(n))?;
        info.delete(entry.id);
        Ok(entry.describe())
    }

    /// Add a phone number for the user ("Add authentication method", facts §7): one per slot
    /// (rule 13), stored as `+CC number`. Returns the number as stored.
    pub fn add_phone_from_console(
        &mut self,
        id: UserId,
        slot: PhoneSlot,
        typed: &str,
    ) -> Result<String, AdminRefusal> {
        let number =
            normalize_phone("+1", typed).map_err(|e| AdminRefusal::Phone(e.to_string()))?;
        let now = self.now();
        self.user_mut(id)
            .info
            .add(
                Method::Phone {
                    slot,
                    number: number.clone(),
                },
                now,
            )
            .map_err(|e| AdminRefusal::Phone(e.to_string()))?;
        Ok(number)
    }

    /// Clear the "high risk" flag after investigation.
    pub(crate) fn dismiss_risk(&mut self, id: UserId) {
        self.user_mut(id).high_risk = false;
    }
}
