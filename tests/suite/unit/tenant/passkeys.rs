//! Tests of `mfa_sim::tenant::passkeys` (`src/tenant/passkeys.rs`), through its public API.

use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::challenge::Purpose;
use mfa_sim::tenant::directory::UserId;
use mfa_sim::tenant::methods::{PhoneSlot, VerifyOption};
use mfa_sim::tenant::passkeys::*;
use mfa_sim::tenant::{Answer, ChallengeState, MfaState, Policy, SignInNeed};

fn tenant(date: &str) -> (Tenant, UserId) {
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
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
    crate::unit::tenant::test_tenant::add_mobile(&mut t, id);
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
        ChallengeState::Failed(mfa_sim::tenant::Failure::Denied)
    );
}
