//! Unit tests for `verification.rs`: the rules of passwords, codes, pushes and calls.
use super::*;
use crate::clock::{Clock, parse_instant};
use crate::seed::Seed;
use crate::tenant::methods::Method;
use crate::tenant::oath::Oath;
use crate::tenant::{Policy, User};
use crate::transcript::Transcript;

fn tenant(date: &str) -> (Tenant, UserId, Clock) {
    let clock = Clock::starting_at(parse_instant(date).unwrap());
    let mut t = Tenant::new(
        "Contoso",
        Policy::default(),
        clock.clone(),
        Seed::new(3),
        Transcript::default(),
    );
    let id = t.add_user(User::new("dana@contoso.com", "Dana Whitfield", "pw-right"));
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
