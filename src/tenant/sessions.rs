//! Sessions: what keeps a person signed in between sign-ins, and what ends it.
//!
//! Two kinds of lasting sign-in hold a [`Session`]: a browser's session cookie (kept across
//! closing the browser only after "Stay signed in?" Yes, rule 25) and a modern mail app's
//! refresh token (Outlook). The tenant issues them and says whether one still counts
//! ([`Tenant::use_session`]); the browser and the mail app keep them.
//!
//! What the simulator does, and why:
//! - **Inactivity.** A session unused for [`SESSION_INACTIVITY_DAYS`] (90) days stops
//!   counting; every use starts the 90 days again (a rolling window). The reference notes give
//!   this for Office and other modern clients ("a rolling 90-day window … prompt again after a
//!   password reset or 90 days of inactivity", concepts-azure-multi-factor-authentication-
//!   prompts-session-lifetime) and the refresh-token page gives 90 days for tokens; the
//!   simulator applies the same window to a kept browser session, as no other browser limit
//!   is documented there.
//! - **Revocation.** A password reset and the administrator's "Revoke sign-in sessions" end
//!   every session and refresh token issued before them (the refresh-token page's revocation
//!   table: an admin password reset revokes password-based cookies and tokens; revoking a
//!   user's refresh tokens revokes everything; Graph `revokeSignInSessions` resets
//!   `signInSessionsValidFromDateTime`). Neither clears remembered MFA ("Don't ask again"
//!   cookies): only "Revoke MFA sessions" does (rule 30). App Passwords are not sessions and
//!   survive both (rule 23).
//! - **The strictest setting wins.** Where the tenant lets browsers remember MFA for N days,
//!   a session whose MFA is older than N days needs MFA again (a kept browser session and a
//!   modern app alike: apps "check the age of the last MFA when the refresh token is
//!   renewed"). So "Stay signed in" with 14 days of remembered MFA means MFA every 14 days.
//! - A session that never did MFA stops counting once the account needs MFA (the guide's
//!   "Outlook asks for your password again" after MFA is turned on), and a blocked account's
//!   sessions count for nothing.

use super::Tenant;
use super::directory::{MfaState, UserId};
use crate::clock::Instant;

/// Days a session may go unused before it stops counting (rolling: each use restarts them).
pub const SESSION_INACTIVITY_DAYS: i64 = 90;

/// One day, in seconds.
pub const DAY: i64 = 86_400;

/// A lasting sign-in: a browser's session cookie or a modern app's refresh token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Session {
    /// Whose it is.
    pub user: UserId,
    /// When it was issued (the sign-in that made it).
    pub issued: Instant,
    /// When MFA was last done for it, if ever.
    pub mfa_at: Option<Instant>,
    /// When it was last used; the inactivity window counts from here.
    pub last_used: Instant,
}

/// Whether a session still counts, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionCheck {
    /// It counts: the person stays signed in.
    Valid,
    /// Unused for longer than [`SESSION_INACTIVITY_DAYS`].
    Inactive,
    /// Issued before a password reset or "Revoke sign-in sessions".
    Revoked,
    /// The account needs MFA that this session has not done, or did too long ago (the
    /// tenant's remember-MFA days; the strictest setting wins).
    NeedsMfa,
    /// The administrator blocked sign-in.
    Blocked,
}

impl Tenant {
    /// A new session for `user`, issued now, with MFA done at `mfa_at` (if it was).
    pub fn issue_session(&self, user: UserId, mfa_at: Option<Instant>) -> Session {
        let now = self.now();
        Session {
            user,
            issued: now,
            mfa_at,
            last_used: now,
        }
    }

    /// Whether `session` still counts now, without using it.
    pub fn check_session(&self, session: &Session) -> SessionCheck {
        let now = self.now();
        let user = self.user(session.user);
        if user.sign_in_blocked {
            return SessionCheck::Blocked;
        }
        if session.issued <= user.sign_in_sessions_valid_after {
            return SessionCheck::Revoked;
        }
        if now - session.last_used > SESSION_INACTIVITY_DAYS * DAY {
            return SessionCheck::Inactive;
        }
        let needs_mfa = user.mfa != MfaState::Disabled || self.policy.security_defaults;
        if needs_mfa {
            let Some(mfa_at) = session.mfa_at else {
                return SessionCheck::NeedsMfa;
            };
            if let Some(days) = self.policy.remember_mfa_days
                && now - mfa_at >= i64::from(days) * DAY
            {
                return SessionCheck::NeedsMfa;
            }
        }
        SessionCheck::Valid
    }

    /// Use `session`: if it still counts, its inactivity window starts again from now.
    pub fn use_session(&self, session: &mut Session) -> SessionCheck {
        let check = self.check_session(session);
        if check == SessionCheck::Valid {
            session.last_used = self.now();
        }
        check
    }

    /// "Revoke sign-in sessions": every browser session and refresh token issued until now
    /// stops counting; remembered MFA is left alone (only "Revoke MFA sessions" clears it).
    pub fn revoke_sign_in_sessions(&mut self, id: UserId) {
        let now = self.now();
        self.user_mut(id).sign_in_sessions_valid_after = now;
    }
}
