//! The carrier and push service the tenant talks through: the actors' side of the tenant's
//! [`Carrier`] port.
//!
//! Phones are attached under their number when they are switched on; Microsoft Authenticator
//! attaches under the device id the tenant gave it when it was activated. A text or call to a
//! number no phone answers to, or a push to a device that is gone, simply goes nowhere.

use super::authenticator::AuthenticatorHandle;
use super::phone::PhoneHandle;
use crate::records::Wording;
use crate::tenant::telephony::{Carrier, IncomingCall, PushRequest};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Default)]
struct Lines {
    phones: BTreeMap<String, PhoneHandle>,
    authenticators: BTreeMap<u64, AuthenticatorHandle>,
}

/// Who the service can reach: shared by the simulation (which attaches phones), the phones'
/// apps (which attach themselves) and the tenant (which delivers through it).
#[derive(Clone, Debug, Default)]
pub struct Switchboard {
    lines: Arc<Mutex<Lines>>,
}

impl Switchboard {
    fn lines(&self) -> MutexGuard<'_, Lines> {
        self.lines
            .lock()
            .expect("invariant: switchboard lock never poisoned")
    }

    /// A phone joins the network under its number (`+CC number`); a later phone with the same
    /// number takes its place.
    pub(crate) fn attach_phone(&self, number: &str, phone: PhoneHandle) {
        self.lines().phones.insert(number.to_string(), phone);
    }

    /// An activated Authenticator registers for push under its device id.
    pub(crate) fn attach_authenticator(&self, device: u64, app: AuthenticatorHandle) {
        self.lines().authenticators.insert(device, app);
    }

    /// The app at `device` no longer takes requests (its account was removed, or the phone
    /// wiped): a push to that device goes nowhere.
    pub(crate) fn detach_authenticator(&self, device: u64) {
        self.lines().authenticators.remove(&device);
    }

    fn phone(&self, number: &str) -> Option<PhoneHandle> {
        self.lines().phones.get(number).cloned()
    }
}

impl Carrier for Switchboard {
    fn deliver_text(&self, number: &str, from: &str, body: String, wording: Wording) {
        if let Some(phone) = self.phone(number) {
            phone.deliver_text(from.to_string(), body, wording);
        }
    }

    fn place_call(&self, number: &str, call: IncomingCall) {
        if let Some(phone) = self.phone(number) {
            phone.ring(call);
        }
    }

    fn send_push(&self, device: u64, request: PushRequest) {
        let app = self.lines().authenticators.get(&device).cloned();
        if let Some(app) = app {
            app.notify(request);
        }
    }
}
