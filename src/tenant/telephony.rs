//! The tenant's outbound channels: the text/voice gateway and the push service.
//!
//! The tenant does not reach into a phone; it posts to the device's actor, exactly as a real
//! carrier or notification service would. Phones register their number here and Microsoft
//! Authenticator registers its device id when it is activated.

use crate::actors::authenticator::AuthenticatorHandle;
use crate::actors::phone::PhoneHandle;
use std::collections::BTreeMap;

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
}

/// Devices the service can reach.
#[derive(Clone, Debug, Default)]
pub struct Network {
    phones: BTreeMap<String, PhoneHandle>,
    authenticators: BTreeMap<u64, AuthenticatorHandle>,
}

impl Network {
    /// A phone joins the network under its number (`+CC number`).
    pub fn attach_phone(&mut self, number: &str, phone: PhoneHandle) {
        self.phones.insert(number.to_string(), phone);
    }

    /// An activated Authenticator registers for push.
    pub fn attach_authenticator(&mut self, device: u64, app: AuthenticatorHandle) {
        self.authenticators.insert(device, app);
    }

    /// Send a text. A number no phone answers to simply never receives it.
    pub fn text(&self, number: &str, body: String) {
        if let Some(phone) = self.phones.get(number) {
            phone.deliver_text(TEXT_SENDER.to_string(), body);
        }
    }

    /// Place a call.
    pub fn call(&self, number: &str, call: IncomingCall) {
        if let Some(phone) = self.phones.get(number) {
            phone.ring(call);
        }
    }

    /// Push a request to one device.
    pub fn push(&self, device: u64, request: PushRequest) {
        if let Some(app) = self.authenticators.get(&device) {
            app.notify(request);
        }
    }
}
