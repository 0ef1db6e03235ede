//! The tenant's ports: how the service reaches the world outside it.
//!
//! The tenant does not know what a phone or an app is. It sends texts, places calls and
//! pushes sign-in requests through a [`Carrier`], exactly as a real service hands them to a
//! carrier or a notification service, and it tells a [`SignInObserver`] about every row it
//! adds to the sign-in log. Both are traits defined here and implemented outside the tenant
//! (the actors' switchboard, the simulation's transcript adapter); [`Ports`] holds the two the
//! tenant was connected to. A tenant that was never connected reaches nobody: texts, calls
//! and pushes go unanswered, which is what a number no phone answers to does anyway.

use crate::records::SignInRow;
use std::sync::Arc;

/// The sender id texts come from (one of Microsoft's US short codes).
pub(crate) const TEXT_SENDER: &str = "97671";
/// The caller id calls come from.
pub(crate) const CALLER_ID: &str = "+1 8553308653";

/// A call the service places to a phone.
#[derive(Clone, Debug)]
pub struct IncomingCall {
    /// The verification this call belongs to.
    pub challenge: u64,
    /// Caller id.
    pub from: String,
    /// What the recorded voice says.
    pub script: String,
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
    /// Send a text to a number (`+CC number`) from `from`.
    fn deliver_text(&self, number: &str, from: &str, body: String);
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
    fn deliver_text(&self, _: &str, _: &str, _: String) {}
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
