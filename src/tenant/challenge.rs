//! One verification in progress: a texted code, a call, a push or an app code.
//!
//! A challenge is opened at sign-in (or while registering a method), answered once, and then
//! closed. The failure paths the guide's troubleshooting teaches are variants here, not Rust
//! errors: a wrong, expired or already-used code each have their own [`CodeCheck`].

use super::methods::{PhoneSlot, VerifyOption};
use super::oath::Oath;
use crate::clock::Instant;
use serde::Serialize;

/// What a passed challenge achieves.
#[derive(Clone, Debug)]
pub enum Purpose {
    /// The second factor of a sign-in.
    SignIn,
    /// Proving a new phone number before it is saved.
    RegisterPhone { slot: PhoneSlot, number: String },
    /// Proving a new authenticator app (third-party) before it is saved.
    RegisterSoftwareToken { oath: Oath },
    /// The "Let's try it out" push to a newly activated Microsoft Authenticator.
    RegisterAuthenticator { device: u64, oath: Oath },
}

/// Where a challenge stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChallengeState {
    /// Waiting for the user.
    Waiting,
    /// Verified.
    Passed,
    /// Closed without success.
    Failed(Failure),
}

/// Why a challenge closed without success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Failure {
    /// The user pressed Deny.
    Denied,
    /// The wrong number was typed into Authenticator.
    WrongNumber,
    /// The user reported the request as suspicious (Report, or 0# on a call).
    Reported,
    /// Nobody answered in time.
    NoAnswer,
    /// Too many wrong codes.
    TooManyAttempts,
}

impl Failure {
    /// The message the sign-in page shows.
    pub fn message(self) -> &'static str {
        match self {
            Failure::Denied => "Request denied. You denied the sign-in request on your phone.",
            Failure::WrongNumber => {
                "Request denied. The number typed in the app didn't match the one on screen."
            }
            Failure::Reported => {
                "We've recorded that you didn't expect this request; the sign-in was stopped."
            }
            Failure::NoAnswer => "We didn't hear from you. The request timed out.",
            Failure::TooManyAttempts => {
                "You've entered too many wrong codes. Start the sign-in again."
            }
        }
    }
}

/// The verdict on one typed code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CodeCheck {
    /// Right code, in time, never used before.
    Accepted,
    /// Not the code.
    Wrong,
    /// The right code, but too old.
    Expired,
    /// A code that was already accepted once.
    AlreadyUsed,
    /// Wrong too many times; this verification is closed.
    TooManyAttempts,
    /// Nothing is waiting for a code (closed or unknown).
    NotWaiting,
}

impl CodeCheck {
    /// The message the page shows next to the code box.
    pub fn message(self) -> &'static str {
        match self {
            CodeCheck::Accepted => "Verified.",
            CodeCheck::Wrong => "That code didn't work. Check the code and try again.",
            CodeCheck::Expired => "That code has expired. Use the newest code.",
            CodeCheck::AlreadyUsed => "That code was already used. Wait for a new code.",
            CodeCheck::TooManyAttempts => Failure::TooManyAttempts.message(),
            CodeCheck::NotWaiting => "This verification is no longer open. Start again.",
        }
    }
}

/// A push or call answer from the phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Approve, with the number typed into the app (if one was asked for).
    Approve(Option<u8>),
    /// Deny.
    Deny,
    /// Deny and report as suspicious.
    Report,
}

/// A verification in progress.
#[derive(Clone, Debug)]
pub struct Challenge {
    /// Id.
    pub id: u64,
    /// Whose.
    pub user: super::UserId,
    /// The method used.
    pub option: VerifyOption,
    /// What success achieves.
    pub purpose: Purpose,
    /// Opened at.
    pub created: Instant,
    /// Current state.
    pub state: ChallengeState,
    /// Wrong codes so far.
    pub attempts: u32,
    /// The number shown on the sign-in screen for number matching.
    pub number: Option<u8>,
    /// The texted code (texts only).
    pub(super) code: Option<String>,
    /// Masked phone number the page mentions.
    pub masked_phone: Option<String>,
}

impl Challenge {
    /// The texted code as the phone received it: for tests that drive the tenant without a
    /// phone actor. Pages never show it.
    pub fn texted_code(&self) -> Option<&str> {
        self.code.as_deref()
    }
}
