//! The tenant's ports: how the service reaches the world outside it.
//!
//! The tenant does not know what a phone or an app is. It sends texts, places calls and
//! pushes sign-in requests through a [`Carrier`], exactly as a real service hands them to a
//! carrier or a notification service, and it tells a [`SignInObserver`] about every row it
//! adds to the sign-in log. Both are traits defined here and implemented outside the tenant
//! (the actors' switchboard, the simulation's transcript adapter); [`Ports`] holds the two the
//! tenant was connected to. A tenant that was never connected reaches nobody: texts, calls
//! and pushes go unanswered, which is what a number no phone answers to does anyway.

use crate::records::{SignInRow, Wording};
use std::sync::Arc;

/// The sender id texts come from (one of Microsoft's US short codes).
pub const TEXT_SENDER: &str = "97671";
/// The caller id calls come from.
pub const CALLER_ID: &str = "+1 8553308653";

/// A call the service places to a phone.
#[derive(Clone, Debug)]
pub struct IncomingCall {
    /// The verification this call belongs to.
    pub challenge: u64,
    /// Caller id.
    pub from: String,
    /// What the recorded voice says. Never a code: a call is approved with #, nothing is
    /// read out to type (rule 16 of [`crate::rules`]).
    pub script: String,
    /// Whose words the script is.
    pub wording: Wording,
}

/// Microsoft's documented default greeting of a verification call (entra-facts §3, from the
/// MFA settings page): press # to finish.
pub(crate) const CALL_GREETING: &str = "Thank you for using the Microsoft sign-in verification system. Please press the pound key to finish your verification.";

/// The greeting when fraud can be reported (Report suspicious activity or the older fraud
/// alert is on). Microsoft documents only fragments of it ("If you did not initiate this
/// verification", "press zero pound to submit a fraud alert"); the sentence around them is
/// the simulator's, so it is marked as such.
pub(crate) const CALL_GREETING_WITH_FRAUD: &str = "Thank you for using the Microsoft sign-in verification system. If you did not initiate this verification, someone may be trying to sign in as you: please press zero pound to submit a fraud alert. Otherwise, please press the pound key to finish your verification.";

/// What a verification call says, and whose words they are: Microsoft's default greeting, or
/// the fraud variant where the tenant takes fraud reports. Pressing 0# reports fraud either
/// way (rule 16); only the greeting's invitation differs.
pub fn call_script(fraud_reporting: bool) -> (String, Wording) {
    if fraud_reporting {
        (CALL_GREETING_WITH_FRAUD.to_string(), Wording::Simulator)
    } else {
        (CALL_GREETING.to_string(), Wording::Microsoft)
    }
}

/// The body of a text carrying a code. Microsoft does not publish the real wording (one
/// commonly reported form is "Use verification code NNNNNN for Microsoft authentication."), so
/// this is the simulator's and is marked as such wherever it is shown.
pub fn text_body(code: &str, account: &str) -> (String, Wording) {
    (
        format!("{code} is your Microsoft verification code for {account}. Do not share it."),
        Wording::Simulator,
    )
}

/// A sign-in request pushed to Microsoft Authenticator.
#[derive(Clone, Debug)]
pub struct PushRequest {
    /// The verification this request belongs to.
    pub challenge: u64,
    /// The account (sign-in name) it is for.
    pub account: String,
    /// The application being signed in to.
    pub app: String,
    /// True when the app must ask for the number on the sign-in screen.
    pub number_required: bool,
    /// A passkey sign-in: the app asks for the phone's screen lock, not for an approval.
    pub passkey: bool,
}

/// The text/voice gateway and the push service. Each call hands a message over and returns at
/// once: delivery (or not) is the carrier's business. It is called while the tenant is locked,
/// so an implementation must not lock the tenant.
pub trait Carrier: Send + Sync {
    /// Send a text to a number (`+CC number`) from `from`; `wording` says whose words the
    /// body is.
    fn deliver_text(&self, number: &str, from: &str, body: String, wording: Wording);
    /// Ring a number.
    fn place_call(&self, number: &str, call: IncomingCall);
    /// Push a request to the Authenticator registered as `device`.
    fn send_push(&self, device: u64, request: PushRequest);
}

/// Whoever watches the sign-in log as it grows (the transcript, in a simulation). Called
/// while the tenant is locked: it must not lock the tenant.
pub trait SignInObserver: Send + Sync {
    /// A row was added.
    fn row_added(&self, row: &SignInRow);
}

/// Nobody: what an unconnected tenant talks to.
#[derive(Clone, Copy, Debug, Default)]
pub struct Nobody;

impl Carrier for Nobody {
    fn deliver_text(&self, _: &str, _: &str, _: String, _: Wording) {}
    fn place_call(&self, _: &str, _: IncomingCall) {}
    fn send_push(&self, _: u64, _: PushRequest) {}
}

impl SignInObserver for Nobody {
    fn row_added(&self, _: &SignInRow) {}
}

/// The ports a tenant talks through.
#[derive(Clone)]
pub struct Ports {
    /// Texts, calls and pushes.
    pub carrier: Arc<dyn Carrier>,
    /// The sign-in log's watcher.
    pub observer: Arc<dyn SignInObserver>,
}

impl Default for Ports {
    fn default() -> Self {
        Ports {
            carrier: Arc::new(Nobody),
            observer: Arc::new(Nobody),
        }
    }
}

impl std::fmt::Debug for Ports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ports")
    }
}
