//! The tenant's users: who they are, their per-user MFA state and what protects their account.
//!
//! Per-user MFA follows rules 1-6 of [`crate::rules`]: everyone starts *disabled*; enabling a user who
//! already has a method makes them *enforced* at once; finishing registration while *enabled*
//! moves them to *enforced*. Smart lockout (rule 27) lives here too, because it guards the
//! password, not the second factor.
//!
//! Account passwords are kept as salted SHA-256 (one salt per user, new at every reset), like
//! App Passwords; the plain text given to [`User::new`] is not stored anywhere in the tenant.

use super::app_passwords::{AppPasswords, SaltedHash};
use super::methods::SecurityInfo;
use crate::clock::Instant;
use sha2::{Digest, Sha256};

/// Index of a user in the directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserId(pub usize);

pub use crate::records::MfaState;

/// What kind of account a user is, where the service treats kinds differently (rule 36:
/// Global Administrators and external users keep Microsoft-provided texts and calls until
/// 2027-07-01; security defaults ask administrators for MFA at every sign-in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An ordinary member of the organisation.
    #[default]
    Member,
    /// Holds the Global Administrator role.
    GlobalAdministrator,
    /// An external (guest) user invited from another organisation.
    Guest,
}

/// A Temporary Access Pass issued by the administrator.
#[derive(Clone, Debug)]
pub struct TemporaryAccessPass {
    /// The pass (8 characters by default), kept only as a salted hash: it is shown once, to
    /// the administrator who issued it.
    pub code: SaltedHash,
    /// When it stops working.
    pub expires: Instant,
    /// Whether it works only once.
    pub one_time: bool,
}

/// Smart lockout counters.
#[derive(Clone, Debug, Default)]
pub struct Lockout {
    distinct_failures: u32,
    recent_bad: Vec<[u8; 32]>,
    /// Locked until this instant.
    pub locked_until: Option<Instant>,
    lockouts: u32,
}

impl Lockout {
    /// Count a wrong password; the same wrong password repeated counts once. Returns true when
    /// this failure locked the account.
    pub fn fail(&mut self, typed: &str, now: Instant, threshold: u32, first_lock: i64) -> bool {
        let h: [u8; 32] = Sha256::digest(typed.as_bytes()).into();
        if self.recent_bad.contains(&h) {
            return false;
        }
        self.recent_bad.push(h);
        if self.recent_bad.len() > 3 {
            self.recent_bad.remove(0);
        }
        self.distinct_failures += 1;
        if self.distinct_failures >= threshold {
            self.distinct_failures = 0;
            self.lockouts += 1;
            self.locked_until =
                Some(now + first_lock * i64::from(1u32 << (self.lockouts - 1).min(6)));
            return true;
        }
        false
    }

    /// True while locked.
    pub(crate) fn locked(&self, now: Instant) -> bool {
        self.locked_until.is_some_and(|u| now < u)
    }

    /// A successful sign-in resets the count.
    pub(crate) fn succeed(&mut self) {
        self.distinct_failures = 0;
        self.recent_bad.clear();
    }
}

/// A person in the tenant.
#[derive(Clone, Debug)]
pub struct User {
    /// Sign-in name (user principal name), e.g. `dana@contoso.com`.
    pub upn: String,
    /// Display name.
    pub display_name: String,
    /// The account password as a salted hash; the plain text is never kept.
    password: SaltedHash,
    /// Mailbox address.
    pub mailbox: String,
    /// Business phone from the directory (lets Office phone be offered at registration).
    pub business_phone: Option<String>,
    /// Per-user MFA state.
    pub mfa: MfaState,
    /// The administrator once moved this user out of *enforced* (to disabled or enabled):
    /// enabling them again then leaves them *enabled* until an administrator sets enforced,
    /// whatever they have registered (rule 6).
    pub enforced_before: bool,
    /// Member, Global Administrator or guest.
    pub role: Role,
    /// Security defaults: the first successful interactive sign-in, from which the 14 days to
    /// register run.
    pub first_sign_in: Option<Instant>,
    /// Registered methods.
    pub info: SecurityInfo,
    /// App Passwords (hashed).
    pub app_passwords: AppPasswords,
    /// The administrator blocked sign-in.
    pub sign_in_blocked: bool,
    /// MFA is blocked (fraud report with auto-block, or admin block) until then.
    pub mfa_blocked_until: Option<Instant>,
    /// Set by "Report suspicious activity".
    pub high_risk: bool,
    /// Password lockout.
    pub lockout: Lockout,
    /// Remembered MFA ("Don't ask again") from before this instant no longer counts
    /// (Revoke MFA sessions, rule 30).
    pub mfa_sessions_valid_after: Instant,
    /// Browser sessions and refresh tokens issued until this instant no longer count (a
    /// password reset, "Revoke sign-in sessions"; see `sessions`).
    pub sign_in_sessions_valid_after: Instant,
    /// A Temporary Access Pass, if issued.
    pub tap: Option<TemporaryAccessPass>,
    /// An administrator reset the password with "change at next sign-in": recorded and shown
    /// on the console; the sign-in pages do not yet ask for a new password (simulator gap).
    pub must_change_password: bool,
    /// When texts and calls were sent to this user (throttling).
    pub phone_sends: Vec<Instant>,
    /// Hashes of texted codes already used (so a replay gets its own message).
    pub used_phone_codes: Vec<[u8; 32]>,
    /// How many app secrets (TOTP seeds) the service has made for this user: each is drawn
    /// from its own stream, named by the user and this count, so no two users (or two apps of
    /// one user) share a secret and no other draw shifts it.
    pub(crate) secrets_issued: u32,
}

impl User {
    /// A user with no methods and MFA disabled. The password is hashed with `salt` (take one
    /// from [`Tenant::new_salt`](super::Tenant::new_salt)) and not kept.
    pub fn new(upn: &str, display_name: &str, password: &str, salt: Vec<u8>) -> Self {
        User {
            upn: upn.to_lowercase(),
            display_name: display_name.to_string(),
            password: SaltedHash::new(salt, password),
            mailbox: upn.to_lowercase(),
            business_phone: None,
            mfa: MfaState::Disabled,
            enforced_before: false,
            role: Role::Member,
            first_sign_in: None,
            info: SecurityInfo::default(),
            app_passwords: AppPasswords::default(),
            sign_in_blocked: false,
            mfa_blocked_until: None,
            high_risk: false,
            lockout: Lockout::default(),
            mfa_sessions_valid_after: i64::MIN,
            sign_in_sessions_valid_after: i64::MIN,
            tap: None,
            must_change_password: false,
            phone_sends: Vec::new(),
            used_phone_codes: Vec::new(),
            secrets_issued: 0,
        }
    }

    /// Compare a typed password with the stored hash, in constant time.
    pub fn password_is(&self, typed: &str) -> bool {
        self.password.matches(typed)
    }

    /// Set a new password (admin reset), hashed with a fresh salt. App Passwords survive it
    /// (rule 23).
    pub(crate) fn set_password(&mut self, password: &str, salt: Vec<u8>) {
        self.password = SaltedHash::new(salt, password);
    }

    /// The first name, as help-desk staff call people.
    pub(crate) fn first_name(&self) -> &str {
        self.display_name
            .split_whitespace()
            .next()
            .unwrap_or(&self.display_name)
    }
}
