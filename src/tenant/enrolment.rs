//! Registering methods: phones, a third-party authenticator app (software OATH token),
//! Microsoft Authenticator (activation by QR, then a test), and App Passwords.
//!
//! Every method is proven before it is saved (rule 8 of [`crate::rules`]): a phone by its texted code or a call, an
//! app by a current code or the test push. The pages around these calls live in `flows`.

use super::Tenant;
use super::app_passwords::AppPasswordError;
use super::challenge::Purpose;
use super::directory::{MfaState, UserId};
use super::methods::{
    MAX_AUTHENTICATOR_APPS, MethodError, PhoneSlot, VerifyOption, normalize_slot_phone,
};
use super::oath::Oath;
use super::verification::StartError;
use crate::records::{ACTIVATION_SCHEME, activation_payload};

/// Registering a phone could not start.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneSetupError {
    /// The number or slot is not acceptable.
    #[error(transparent)]
    Method(#[from] MethodError),
    /// The text or call could not be sent.
    #[error(transparent)]
    Start(#[from] StartError),
}

/// An app scanned a QR code the service does not recognise.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("This QR code can't be used to add a work account.")]
pub struct ActivationError;

impl Tenant {
    /// Whether one more authenticator app may be added (rule 12).
    pub(crate) fn can_add_app(&self, id: UserId) -> Result<(), MethodError> {
        if self.user(id).info.app_count() >= MAX_AUTHENTICATOR_APPS {
            Err(MethodError::TooManyApps)
        } else {
            Ok(())
        }
    }

    /// Start proving a phone number: normalise it (an extension only for the office phone,
    /// rule 13) and send the text or place the call.
    pub(crate) fn start_phone_setup(
        &mut self,
        id: UserId,
        slot: PhoneSlot,
        country_code: &str,
        typed: &str,
        extension: &str,
        by_call: bool,
    ) -> Result<u64, PhoneSetupError> {
        let number = normalize_slot_phone(slot, country_code, typed, extension)?;
        if self.user(id).info.phone(slot).is_some() {
            return Err(MethodError::SlotTaken(slot.label()).into());
        }
        let option = if by_call {
            VerifyOption::Call(slot)
        } else {
            VerifyOption::Text
        };
        Ok(self.start_challenge(id, option, Purpose::RegisterPhone { slot, number })?)
    }

    /// Make a new TOTP secret for a third-party app and open the challenge that must see one
    /// of its codes before the app is saved. Returns the challenge and the credential (for QR).
    pub fn start_software_token_setup(
        &mut self,
        id: UserId,
    ) -> Result<(u64, Oath), PhoneSetupError> {
        self.can_add_app(id)?;
        let oath = self.new_oath(id);
        let challenge = self.start_challenge(
            id,
            VerifyOption::AppCode,
            Purpose::RegisterSoftwareToken { oath: oath.clone() },
        )?;
        Ok((challenge, oath))
    }

    /// A new app secret for this user, from a stream of its own (the user and how many secrets
    /// they were given before), independent of every other draw: two users never share one.
    fn new_oath(&mut self, id: UserId) -> Oath {
        let user = self.user_mut(id);
        user.secrets_issued += 1;
        let purpose = format!("app secret/{}/{}", user.upn, user.secrets_issued);
        let secret = self.seed().substream(&purpose).bytes(20);
        Oath::new(&secret, &self.organisation, &self.user(id).upn)
            .expect("invariant: 20-byte secrets are valid")
    }

    /// The activation QR payload for Microsoft Authenticator.
    pub fn start_authenticator_setup(&mut self, id: UserId) -> Result<String, MethodError> {
        self.can_add_app(id)?;
        let code = self.seed().digits(9);
        let oath = self.new_oath(id);
        self.activations.insert(code.clone(), (id, oath));
        Ok(activation_payload(&code, &self.activation_url()))
    }

    /// Where Microsoft Authenticator registers for this tenant (the URL in the activation).
    fn activation_url(&self) -> String {
        format!(
            "https://mobileappcommunicator.sim/{}",
            self.organisation.to_lowercase()
        )
    }

    /// Microsoft Authenticator scanned an activation QR: give the device an id to be reached
    /// by push (the app registers that id with the carrier) and the account's code secret.
    /// Returns (account, secret, device id).
    pub(crate) fn activate_authenticator(
        &mut self,
        payload: &str,
    ) -> Result<(String, Oath, u64), ActivationError> {
        let code = payload
            .strip_prefix(ACTIVATION_SCHEME)
            .and_then(|rest| rest.strip_prefix("?code="))
            .and_then(|rest| rest.split('&').next())
            .ok_or(ActivationError)?;
        let url = payload.split_once("&url=").map(|(_, u)| u);
        if url != Some(self.activation_url().as_str()) {
            return Err(ActivationError);
        }
        let (user, oath) = self.activations.get(code).cloned().ok_or(ActivationError)?;
        let device = self.next_id();
        self.activated.insert(user, (device, oath.clone()));
        Ok((self.user(user).upn.clone(), oath, device))
    }

    /// Open the test of a freshly activated Authenticator: a push (combined registration) or,
    /// when `by_code`, a code from the app (the older page).
    pub fn start_authenticator_test(
        &mut self,
        id: UserId,
        by_code: bool,
    ) -> Result<Option<u64>, StartError> {
        let Some((device, oath)) = self.activated.get(&id).cloned() else {
            return Ok(None);
        };
        let option = if by_code {
            VerifyOption::AppCode
        } else {
            VerifyOption::Push
        };
        self.start_challenge(id, option, Purpose::RegisterAuthenticator { device, oath })
            .map(Some)
    }

    /// The user finished the sign-up wizard: *enabled* users become *enforced* (rule 4).
    pub fn finish_registration(&mut self, id: UserId) {
        let user = self.user_mut(id);
        if user.mfa == MfaState::Enabled && !user.info.is_empty() {
            user.mfa = MfaState::Enforced;
        }
        self.activated.remove(&id);
    }

    /// Rule 20: may this user create App Passwords? On the older page the step was shown to
    /// per-user MFA users during sign-up; in combined registration only to *enforced* users.
    pub fn app_passwords_offered(&self, id: UserId) -> bool {
        let user = self.user(id);
        let legacy = self.registration_experience() == super::policy::Registration::Legacy;
        let per_user = if legacy {
            user.mfa != MfaState::Disabled
        } else {
            user.mfa == MfaState::Enforced
        };
        self.policy.app_passwords && !self.policy.security_defaults && per_user
    }

    /// Rule 20 in "Keep your account secure": the App password step appears only for a user
    /// already *enforced* for per-user MFA (an admin set Enforced, or "Require re-register"
    /// after registration), in a tenant that allows app passwords and has no security
    /// defaults. An *enabled* user registering for the first time never sees it (the older
    /// page's Step 3 is another matter: [`Tenant::app_passwords_offered`]).
    pub fn app_password_step_in_wizard(&self, id: UserId) -> bool {
        self.registration_experience() == super::policy::Registration::Combined
            && self.app_passwords_offered(id)
    }

    /// Create an App Password; the plain text is returned once.
    pub fn create_app_password(
        &mut self,
        id: UserId,
        name: &str,
    ) -> Result<String, AppPasswordError> {
        let now = self.now();
        // Each App Password from a stream of its own (the user and its number), so no two
        // are slices of one string and no other draw shifts them.
        let user = self.user(id);
        let purpose = format!(
            "app password/{}/{}",
            user.upn,
            user.app_passwords.issued() + 1
        );
        let seed = self.seed().substream(&purpose);
        self.user_mut(id)
            .app_passwords
            .create(name, &seed, now)
            .map(|(_, pw)| pw)
    }
}
