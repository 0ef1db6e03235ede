//! Unit tests for `verification.rs`: the rules of passwords, codes, pushes and calls.
use super::*;
use crate::clock::{Clock, parse_instant};
use crate::seed::Seed;
use crate::tenant::methods::Method;
use crate::tenant::oath::Oath;
use crate::tenant::{Policy, User};

fn tenant(date: &str) -> (Tenant, UserId, Clock) {
    let clock = Clock::starting_at(parse_instant(date).unwrap());
    let mut t = Tenant::new("Contoso", Policy::default(), clock.clone(), Seed::new(3));
    let salt = t.new_salt();
    let id = t.add_user(User::new(
        "dana@contoso.com",
        "Dana Whitfield",
        "pw-right",
        salt,
    ));
    t.user_mut(id)
        .info
        .add(
            Method::Phone {
                slot: PhoneSlot::Mobile,
                number: "+1 4255550123".into(),
            },
            0,
        )
        .unwrap();
    t.set_mfa_state(id, MfaState::Enabled);
    (t, id, clock)
}

fn texted(t: &Tenant, challenge: u64) -> String {
    t.challenge(challenge).unwrap().code.clone().unwrap()
}

#[test]
fn enabling_a_user_with_methods_enforces_at_once() {
    let (t, id, _) = tenant("2021-06-01");
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
}

#[test]
fn texted_code_wrong_expired_single_use() {
    let (mut t, id, clock) = tenant("2021-06-01");
    let c = t
        .start_challenge(id, VerifyOption::Text, Purpose::SignIn)
        .unwrap();
    let code = texted(&t, c);
    assert_eq!(t.submit_code(c, "000000"), CodeCheck::Wrong);
    assert_eq!(t.submit_code(c, &code), CodeCheck::Accepted);
    assert_eq!(
        t.submit_code(c, &code),
        CodeCheck::NotWaiting,
        "closed once passed"
    );
    let c2 = t
        .start_challenge(id, VerifyOption::Text, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.submit_code(c2, &code),
        CodeCheck::AlreadyUsed,
        "a used code is named as such"
    );
    let fresh = texted(&t, c2);
    clock.advance(301);
    assert_eq!(t.submit_code(c2, &fresh), CodeCheck::Expired);
}

#[test]
fn attempts_are_limited() {
    let (mut t, id, _) = tenant("2021-06-01");
    let c = t
        .start_challenge(id, VerifyOption::Text, Purpose::SignIn)
        .unwrap();
    let code = texted(&t, c);
    for _ in 0..4 {
        assert_eq!(t.submit_code(c, "999999"), CodeCheck::Wrong);
    }
    assert_eq!(t.submit_code(c, "999999"), CodeCheck::TooManyAttempts);
    assert_eq!(
        t.submit_code(c, &code),
        CodeCheck::TooManyAttempts,
        "even the right code, once closed"
    );
}

#[test]
fn texts_are_throttled_and_retire_in_2027() {
    let (mut t, id, clock) = tenant("2021-06-01");
    for _ in 0..5 {
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn)
            .unwrap();
    }
    assert_eq!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn),
        Err(StartError::Throttled)
    );
    clock.advance(301);
    assert!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn)
            .is_ok()
    );
    let (mut later, id, _) = tenant("2027-02-01");
    assert_eq!(
        later.start_challenge(id, VerifyOption::Text, Purpose::SignIn),
        Err(StartError::PhoneRetired)
    );
    assert!(later.verify_options(id).is_empty());
}

#[test]
fn app_codes_replay_and_age() {
    let (mut t, id, clock) = tenant("2021-06-01");
    let oath = Oath::new(&[9; 20], "Contoso", "dana@contoso.com").unwrap();
    t.user_mut(id)
        .info
        .add(
            Method::SoftwareToken {
                oath: oath.clone(),
                last_step: None,
            },
            0,
        )
        .unwrap();
    let code = oath.code_at(clock.now());
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(t.submit_code(c, &code), CodeCheck::Accepted);
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(t.submit_code(c, &code), CodeCheck::AlreadyUsed);
    clock.advance(120);
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    let old = oath.code_at(clock.now() - 90);
    assert_eq!(t.submit_code(c, &old), CodeCheck::Expired);
}

fn with_push(date: &str) -> (Tenant, UserId) {
    let (mut t, id, _) = tenant(date);
    let oath = Oath::new(&[4; 20], "Contoso", "dana@contoso.com").unwrap();
    t.user_mut(id)
        .info
        .add(
            Method::Authenticator {
                device: 77,
                device_name: "phone".into(),
                oath,
                last_step: None,
            },
            0,
        )
        .unwrap();
    (t, id)
}

#[test]
fn push_needs_the_number_from_2023_and_can_be_denied() {
    let (mut t, id) = with_push("2021-06-01");
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    assert_eq!(t.challenge(c).unwrap().number, None);
    assert_eq!(
        t.answer_push(c, Answer::Approve(None)),
        ChallengeState::Passed
    );

    let (mut t, id) = with_push("2024-01-15");
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    let n = t.challenge(c).unwrap().number.expect("number matching");
    assert_eq!(
        t.answer_push(c, Answer::Approve(Some(n.wrapping_add(1)))),
        ChallengeState::Failed(Failure::WrongNumber)
    );
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.answer_push(c, Answer::Approve(None)),
        ChallengeState::Failed(Failure::WrongNumber),
        "no number-free approve"
    );
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.answer_push(c, Answer::Deny),
        ChallengeState::Failed(Failure::Denied)
    );
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.answer_push(c, Answer::Report),
        ChallengeState::Failed(Failure::Reported)
    );
    assert!(t.user(id).high_risk);
}

#[test]
fn smart_lockout_counts_distinct_passwords_and_unlocks() {
    let (mut t, _, clock) = tenant("2021-06-01");
    for _ in 0..20 {
        assert_eq!(
            t.check_password("dana@contoso.com", "same-wrong", "x", ClientKind::Browser),
            PasswordCheck::Wrong
        );
    }
    // "same-wrong" counted once; eight more distinct ones make nine.
    for n in 0..8 {
        assert_eq!(
            t.check_password(
                "dana@contoso.com",
                &format!("wrong{n}"),
                "x",
                ClientKind::Browser
            ),
            PasswordCheck::Wrong
        );
    }
    assert_eq!(
        t.check_password("dana@contoso.com", "wrong-last", "x", ClientKind::Browser),
        PasswordCheck::Locked
    );
    assert_eq!(
        t.check_password("dana@contoso.com", "pw-right", "x", ClientKind::Browser),
        PasswordCheck::Locked
    );
    clock.advance(60);
    assert!(matches!(
        t.check_password("dana@contoso.com", "pw-right", "x", ClientKind::Browser),
        PasswordCheck::Ok(_)
    ));
}

#[test]
fn blocked_mfa_and_remembered_sessions() {
    let (mut t, id, clock) = tenant("2021-06-01");
    t.policy.remember_mfa_days = Some(14);
    let now = clock.now();
    assert_eq!(t.sign_in_need(id, Some(now)), SignInNeed::Nothing);
    t.revoke_mfa_sessions(id);
    assert!(matches!(
        t.sign_in_need(id, Some(now)),
        SignInNeed::Verify(_)
    ));
    t.set_mfa_blocked(id, true);
    assert_eq!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn),
        Err(StartError::Blocked)
    );
}

#[test]
fn an_app_password_is_not_a_browser_password_and_survives_a_password_reset() {
    let (mut t, id, _) = tenant("2021-06-01");
    t.policy.app_passwords = true;
    let app_password = t.create_app_password(id, "iPhone Mail").unwrap();
    // Rule 22: never for browser sign-in.
    assert_eq!(
        t.check_password(
            "dana@contoso.com",
            &app_password,
            "Office 365",
            ClientKind::Browser
        ),
        PasswordCheck::Wrong
    );
    // Rule 23: a password reset leaves App Passwords working.
    t.reset_password(id, "a-new-password-1");
    let mail = t.basic_sign_in(
        "dana@contoso.com",
        &app_password,
        crate::tenant::Protocol::Imap,
        "Mail",
    );
    assert_eq!(
        mail,
        crate::tenant::BasicOutcome::Accepted { app_password: true }
    );
}

#[test]
fn a_new_temporary_access_pass_replaces_the_old_one() {
    let (mut t, id, clock) = tenant("2021-06-01");
    let first = t.issue_temporary_access_pass(id, 60, false);
    let second = t.issue_temporary_access_pass(id, 60, false);
    assert_ne!(first, second);
    assert_eq!(
        t.check_password("dana@contoso.com", &first, "x", ClientKind::Browser),
        PasswordCheck::Wrong
    );
    assert!(matches!(
        t.check_password("dana@contoso.com", &second, "x", ClientKind::Browser),
        PasswordCheck::TemporaryPass(_)
    ));
    clock.advance(3601);
    assert!(
        !matches!(
            t.check_password("dana@contoso.com", &second, "x", ClientKind::Browser),
            PasswordCheck::TemporaryPass(_)
        ),
        "expired"
    );
}

/// Register a third-party app with its current code, as the setup page does.
fn register_app(t: &mut Tenant, id: UserId) -> Oath {
    let (c, oath) = t.start_software_token_setup(id).unwrap();
    let code = oath.code_at(t.now());
    assert_eq!(t.submit_code(c, &code), CodeCheck::Accepted);
    oath
}

#[test]
fn the_code_that_registered_an_app_is_refused_at_sign_in() {
    let (mut t, id, clock) = tenant("2021-06-01");
    clock.advance(5);
    let oath = register_app(&mut t, id);
    let registration_code = oath.code_at(clock.now());
    clock.advance(10); // same 30-second step
    assert_eq!(oath.code_at(clock.now()), registration_code);
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(t.submit_code(c, &registration_code), CodeCheck::AlreadyUsed);
    clock.advance(30);
    let next = oath.code_at(clock.now());
    assert_ne!(next, registration_code);
    assert_eq!(t.submit_code(c, &next), CodeCheck::Accepted);
    // And that one is used up too.
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(t.submit_code(c, &next), CodeCheck::AlreadyUsed);
}

#[test]
fn replay_is_refused_per_user_per_app() {
    let (mut t, dana, clock) = tenant("2021-06-01");
    let salt = t.new_salt();
    let lee = t.add_user(User::new("lee@contoso.com", "Lee Okafor", "pw-lee", salt));
    let first = register_app(&mut t, dana);
    let second = register_app(&mut t, dana);
    let lees = register_app(&mut t, lee);
    clock.advance(30);
    let c = t
        .start_challenge(dana, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.submit_code(c, &first.code_at(clock.now())),
        CodeCheck::Accepted
    );
    // Dana's other app, in the same step, still has its own code unused.
    let c = t
        .start_challenge(dana, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.submit_code(c, &second.code_at(clock.now())),
        CodeCheck::Accepted
    );
    // Lee's app is not touched by Dana's sign-ins.
    let c = t
        .start_challenge(lee, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.submit_code(c, &lees.code_at(clock.now())),
        CodeCheck::Accepted
    );
}

#[test]
fn account_passwords_are_kept_only_as_salted_hashes() {
    let (mut t, id, _) = tenant("2021-06-01");
    let salt = t.new_salt();
    let twin = t.add_user(User::new("twin@contoso.com", "Twin", "pw-right", salt));
    let kept = format!("{:?}", t.users());
    assert!(!kept.contains("pw-right"), "plain text must not be kept");
    // Same password, different salt: different hashes.
    let hash_of = |u: &User| {
        let d = format!("{u:?}");
        d[d.find("password").unwrap()..d.find("mailbox").unwrap()].to_string()
    };
    assert_ne!(hash_of(t.user(id)), hash_of(t.user(twin)));
    assert!(t.user(id).password_is("pw-right"));
    assert!(!t.user(id).password_is("pw-righ"));
    assert!(!t.user(id).password_is(""));
    t.reset_password(id, "new-one-2");
    assert!(!t.user(id).password_is("pw-right"));
    assert_eq!(
        t.check_password(
            "dana@contoso.com",
            "new-one-2",
            "Office 365",
            ClientKind::Browser
        ),
        PasswordCheck::Ok(id)
    );
    assert!(!format!("{:?}", t.users()).contains("new-one-2"));
}
