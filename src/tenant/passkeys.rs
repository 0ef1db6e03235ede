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
    pub(crate) fn start_passkey_setup(&mut self, id: UserId) -> Result<String, PasskeyError> {
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
    pub(crate) fn create_passkey(&mut self, payload: &str) -> Result<(String, u64), PasskeyError> {
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
    pub(crate) fn passkey_request_account(&self, payload: &str) -> Option<String> {
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
    pub(crate) fn passkey_created(&self, payload: &str) -> bool {
        payload
            .strip_prefix(PASSKEY_SCHEME)
            .and_then(|rest| rest.strip_prefix("?request="))
            .and_then(|code| self.passkey_offers.get(code))
            .is_some_and(|o| o.created.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenant::challenge::Purpose;
    use crate::tenant::methods::{PhoneSlot, VerifyOption};
    use crate::tenant::{Answer, ChallengeState, MfaState, Policy, SignInNeed};

    fn tenant(date: &str) -> (Tenant, UserId) {
        let (mut t, id, _) = crate::tenant::test_tenant::with_user(
            date,
            Policy::default(),
            3,
            ("dana@contoso.com", "Dana", "pw"),
        );
        t.set_mfa_state(id, MfaState::Enforced);
        (t, id)
    }

    #[test]
    fn a_passkey_is_saved_only_when_the_phone_confirms_and_only_once() {
        let (mut t, id) = tenant("2026-11-28");
        let payload = t.start_passkey_setup(id).unwrap();
        assert!(!t.passkey_created(&payload));
        assert_eq!(
            t.passkey_request_account(&payload).as_deref(),
            Some("dana@contoso.com")
        );
        assert!(
            t.user(id).info.is_empty(),
            "nothing before the phone confirms"
        );
        let (account, device) = t.create_passkey(&payload).unwrap();
        assert_eq!(account, "dana@contoso.com");
        assert!(t.passkey_created(&payload));
        assert_eq!(t.user(id).info.passkey_devices(), vec![device]);
        assert_eq!(
            t.create_passkey(&payload),
            Err(PasskeyError::UnknownRequest),
            "a request is used once"
        );
        assert_eq!(
            t.start_passkey_setup(id),
            Err(PasskeyError::AlreadyRegistered)
        );
        assert_eq!(
            t.create_passkey("msauth-sim://passkey?request=999"),
            Err(PasskeyError::UnknownRequest)
        );
    }

    #[test]
    fn passkeys_wait_for_september_2026_unless_the_tenant_turns_them_on() {
        let (mut t, id) = tenant("2026-08-31");
        assert_eq!(t.start_passkey_setup(id), Err(PasskeyError::NotEnabled));
        t.policy.methods.passkey = Some(true);
        assert!(t.start_passkey_setup(id).is_ok());
    }

    #[test]
    fn signing_in_with_a_passkey_asks_only_the_phone_that_holds_it() {
        let (mut t, id) = tenant("2026-11-28");
        t.policy.system_preferred_mfa = true;
        crate::tenant::test_tenant::add_mobile(&mut t, id);
        let payload = t.start_passkey_setup(id).unwrap();
        t.create_passkey(&payload).unwrap();
        // Rule 19: system-preferred MFA starts the passkey before a text.
        assert_eq!(t.first_option(id), Some(VerifyOption::Passkey));
        let c = t
            .start_challenge(id, VerifyOption::Passkey, Purpose::SignIn)
            .unwrap();
        assert_eq!(t.challenge(c).unwrap().number, None, "nothing to relay");
        assert_eq!(
            t.answer_push(c, Answer::Approve(None)),
            ChallengeState::Passed
        );
        assert_eq!(
            t.sign_in_need(id, None),
            SignInNeed::Verify(vec![
                VerifyOption::Text,
                VerifyOption::Passkey,
                VerifyOption::Call(PhoneSlot::Mobile)
            ]),
            "the default (the text) first in the list; the passkey offered too"
        );
        // A request reaches only the phone that holds the passkey, and a number is never
        // asked: a wrong one is impossible to type.
        let other = t
            .start_challenge(id, VerifyOption::Passkey, Purpose::SignIn)
            .unwrap();
        assert_eq!(
            t.answer_push(other, Answer::Deny),
            ChallengeState::Failed(crate::tenant::Failure::Denied)
        );
    }
}
