//! Tests of `mfa_sim::tenant::enrolment` (`src/tenant/enrolment.rs`), through its public API.

use mfa_sim::records::activation_payload;
use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::challenge::Purpose;
use mfa_sim::tenant::directory::{MfaState, UserId};
use mfa_sim::tenant::methods::VerifyOption;

use mfa_sim::records::activation_parts;

use mfa_sim::tenant::Policy;
use mfa_sim::tenant::policy::Registration;

fn tenant(registration: Registration, allowed: bool, state: MfaState) -> (Tenant, UserId) {
    let policy = Policy {
        registration: Some(registration),
        app_passwords: allowed,
        ..Policy::default()
    };
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
        "2026-11-28",
        policy,
        1,
        ("dana@contoso.com", "Dana", "pw"),
    );
    t.set_mfa_state(id, state);
    (t, id)
}

#[test]
fn rule_20_app_password_step_in_the_wizard() {
    use Registration::*;
    use mfa_sim::tenant::MfaState::*;
    let cases = [
        // Combined registration: only users already enforced, where allowed.
        (Combined, true, Enforced, true, true),
        (Combined, true, Enabled, false, false),
        (Combined, true, Disabled, false, false),
        (Combined, false, Enforced, false, false),
        // The older page's Step 3: per-user MFA users signing up, where allowed.
        (Legacy, true, Enabled, true, false),
        (Legacy, false, Enabled, false, false),
    ];
    for (registration, allowed, state, offered, in_wizard) in cases {
        let (t, id) = tenant(registration, allowed, state);
        let case = format!("{registration:?}, allowed {allowed}, {state:?}");
        assert_eq!(t.app_passwords_offered(id), offered, "{case}");
        assert_eq!(t.app_password_step_in_wizard(id), in_wizard, "{case}");
    }
    let (mut t, id) = tenant(Combined, true, Enforced);
    t.policy.security_defaults = true;
    assert!(
        !t.app_password_step_in_wizard(id),
        "never under security defaults"
    );
}

#[test]
fn activation_code_and_url_round_trip() {
    let payload = activation_payload("123456789", "https://mobileappcommunicator.sim/contoso");
    let (code, url) = activation_parts(&payload).expect("an activation payload");
    assert_eq!(code, "123 456 789");
    assert_eq!(url, "https://mobileappcommunicator.sim/contoso");
    assert_eq!(activation_payload(&code, &url), payload);
    assert_eq!(activation_parts("otpauth://totp/x?secret=AAAA"), None);
}

use mfa_sim::tenant::User;

/// A tenant with Dana and Lee, both with a mobile phone.
fn two_users(seed: u64) -> (Tenant, UserId, UserId) {
    let (mut t, dana, _) = crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        Policy::default(),
        seed,
        ("dana@contoso.com", "Dana Whitfield", "pw-dana"),
    );
    let salt = t.new_salt();
    let lee = t.add_user(User::new("lee@contoso.com", "Lee Okafor", "pw-lee", salt));
    (t, dana, lee)
}

#[test]
fn every_user_and_every_app_gets_a_secret_of_its_own() {
    let (mut t, dana, lee) = two_users(2021);
    let (_, a) = t.start_software_token_setup(dana).unwrap();
    let (_, b) = t.start_software_token_setup(lee).unwrap();
    let (_, c) = t.start_software_token_setup(dana).unwrap();
    let secrets = [a.secret_base32(), b.secret_base32(), c.secret_base32()];
    assert_ne!(secrets[0], secrets[1], "two users never share a secret");
    assert_ne!(secrets[0], secrets[2], "two apps of one user neither");
    assert_ne!(a.code_at(t.now()), b.code_at(t.now()));
    // Independent of other draws: a text sent first changes nothing.
    let (mut u, dana2, _) = two_users(2021);
    crate::unit::tenant::test_tenant::add_mobile(&mut u, dana2);
    u.start_challenge(dana2, VerifyOption::Text, Purpose::SignIn)
        .unwrap();
    let (_, again) = u.start_software_token_setup(dana2).unwrap();
    assert_eq!(again.secret_base32(), secrets[0]);
}

#[test]
fn app_passwords_are_drawn_apart_not_slices_of_one_string() {
    let (mut t, dana, lee) = two_users(2021);
    let d1 = t.create_app_password(dana, "one").unwrap();
    let d2 = t.create_app_password(dana, "two").unwrap();
    let l1 = t.create_app_password(lee, "one").unwrap();
    assert_ne!(d1, l1, "two users' first App Passwords differ");
    for (x, y) in [(&d1, &d2), (&d1, &l1), (&d2, &l1)] {
        assert_ne!(x, y);
        // No run of 6 letters of one appears in the other (no shifted overlap).
        for w in x.as_bytes().windows(6) {
            assert!(!y.contains(std::str::from_utf8(w).unwrap()), "{x} / {y}");
        }
    }
    // Independent of other draws: the same App Password after a text was sent.
    let (mut u, dana2, _) = two_users(2021);
    let _ = u.seed().digits(6);
    assert_eq!(u.create_app_password(dana2, "one").unwrap(), d1);
}
