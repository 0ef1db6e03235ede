//! One verification in progress: a texted code, a call, a push or an app code.
//!
//! A challenge is opened at sign-in (or while registering a method), answered once, and then
//! closed. The failure paths the guide's troubleshooting teaches are variants here, not Rust
//! errors: a wrong, expired or already-used code each have their own [`CodeCheck`].

use super::methods::{PhoneSlot, VerifyOption};
use super::oath::Oath;
use crate::clock::Instant;

/// What a passed challenge achieves.
#[derive(Clone, Debug)]
pub enum Purpose {
    /// The second factor of a sign-in.
    SignIn,
    /// Proving a new phone number before it is saved.
    RegisterPhone {
        /// The slot the number will fill once proved.
        slot: PhoneSlot,
        /// The number being proved, as typed.
        number: String,
    },
    /// Proving a new authenticator app (third-party) before it is saved.
    RegisterSoftwareToken {
        /// The credential the app was given, kept once its code checks out.
        oath: Oath,
    },
    /// The "Let's try it out" push to a newly activated Microsoft Authenticator.
    RegisterAuthenticator {
        /// The push address of the device that activated the app.
        device: u64,
        /// The code credential registered along with it.
        oath: Oath,
    },
}

pub use crate::records::{ChallengeState, CodeCheck, Failure};

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
    /// The address of the browser that opened it, for the sign-in log row of an answer made
    /// elsewhere (a report in the app, a fraud code on the phone).
    pub client: Option<std::net::Ipv4Addr>,
}

impl Challenge {
    /// The texted code as the phone received it: for tests that drive the tenant without a
    /// phone actor. Pages never show it.
    pub fn texted_code(&self) -> Option<&str> {
        self.code.as_deref()
    }
}
