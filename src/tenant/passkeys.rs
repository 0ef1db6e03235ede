//! Passkeys in Microsoft Authenticator (rules 35 and 36 of [`crate::rules`]): registering one
//! from Security info, from the rule-35 suggestion or from the rule-36 blocking step, and the
//! tenant's half of the ceremony.
//!
//! The simulated ceremony keeps what a person sees and what makes a passkey a passkey: the
//! sign-up page shows a QR code; Microsoft Authenticator on the phone reads it and asks for
//! the phone's screen lock; once confirmed, the passkey belongs to that account and lives on
//! that phone only (the tenant reaches it through the address it gives the app). Signing in
//! with it sends the phone a request that, again, only the screen lock answers: nothing is
//! typed, so nothing can be phished. No key pair is simulated (see the rule registry).

use super::Tenant;
use super::calendar;
use super::directory::UserId;
use super::methods::Method;

/// The scheme of the QR code that asks Microsoft Authenticator to create a passkey (the
/// simulator's own, like the activation code's).
pub(crate) const PASSKEY_SCHEME: &str = "msauth-sim://passkey";

/// A passkey could not be set up.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyError {
    /// The tenant does not let this user use passkeys (yet).
    #[error("Your organisation hasn't turned on passkeys.")]
    NotEnabled,
    /// The simulator keeps one passkey per account.
    #[error("You already have a passkey in Microsoft Authenticator.")]
    AlreadyRegistered,
    /// The code read by the app is not a passkey request the service made.
    #[error("This QR code can't be used to create a passkey.")]
    UnknownRequest,
}

/// A passkey request the sign-up page is showing.
#[derive(Clone, Debug)]
pub(crate) struct PasskeyOffer {
    user: UserId,
    /// The method saved when the phone confirmed, once it has.
    created: Option<u32>,
}

impl Tenant {
    /// Open a passkey registration for a user: the payload of the QR code the page shows.
    pub fn start_passkey_setup(&mut self, id: UserId) -> Result<String, PasskeyError> {
        if !calendar::passkeys_enabled(self.now(), &self.policy) {
            return Err(PasskeyError::NotEnabled);
        }
        if !self.user(id).info.passkey_devices().is_empty() {
            return Err(PasskeyError::AlreadyRegistered);
        }
        let code = self.passkey_codes.digits(12);
        self.passkey_offers.insert(
            code.clone(),
            PasskeyOffer {
                user: id,
                created: None,
            },
        );
        Ok(format!("{PASSKEY_SCHEME}?request={code}"))
    }

    /// Microsoft Authenticator read a passkey QR code and the person confirmed with the
    /// phone's screen lock: save the passkey, bound to the account and to this phone (the
    /// address returned; the app makes itself reachable there). Returns (account, address).
    pub fn create_passkey(&mut self, payload: &str) -> Result<(String, u64), PasskeyError> {
        let code = payload
            .strip_prefix(PASSKEY_SCHEME)
            .and_then(|rest| rest.strip_prefix("?request="))
            .ok_or(PasskeyError::UnknownRequest)?;
        let offer = self
            .passkey_offers
            .get(code)
            .cloned()
            .filter(|o| o.created.is_none())
            .ok_or(PasskeyError::UnknownRequest)?;
        if !self.user(offer.user).info.passkey_devices().is_empty() {
            return Err(PasskeyError::AlreadyRegistered);
        }
        let device = self.next_id();
        let now = self.now();
        let method = Method::Passkey {
            device,
            device_name: "Microsoft Authenticator".into(),
        };
        let id = self
            .user_mut(offer.user)
            .info
            .add(method, now)
            .map_err(|_| PasskeyError::AlreadyRegistered)?;
        if let Some(o) = self.passkey_offers.get_mut(code) {
            o.created = Some(id);
        }
        Ok((self.user(offer.user).upn.clone(), device))
    }

    /// The account a passkey QR code is for (what the app names when it asks for the screen
    /// lock), if the service made that request and it is still open.
    pub fn passkey_request_account(&self, payload: &str) -> Option<String> {
        let code = payload
            .strip_prefix(PASSKEY_SCHEME)?
            .strip_prefix("?request=")?;
        let offer = self
            .passkey_offers
            .get(code)
            .filter(|o| o.created.is_none())?;
        Some(self.user(offer.user).upn.clone())
    }

    /// Whether the phone has confirmed the passkey the page at `payload` asked for.
    pub fn passkey_created(&self, payload: &str) -> bool {
        payload
            .strip_prefix(PASSKEY_SCHEME)
            .and_then(|rest| rest.strip_prefix("?request="))
            .and_then(|code| self.passkey_offers.get(code))
            .is_some_and(|o| o.created.is_some())
    }
}
