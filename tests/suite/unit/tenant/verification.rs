//! Tests of `mfa_sim::tenant::verification` (`src/tenant/verification.rs`): the rules of passwords,
//! codes, pushes and calls.
use crate::unit::tenant::test_tenant::with_user;
use mfa_sim::clock::Clock;
use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::challenge::{Answer, ChallengeState, CodeCheck, Failure, Purpose};
use mfa_sim::tenant::directory::{MfaState, UserId};
use mfa_sim::tenant::methods::{Method, PhoneSlot, VerifyOption};
use mfa_sim::tenant::oath::Oath;
use mfa_sim::tenant::sign_in_log::ClientKind;
use mfa_sim::tenant::verification::*;
use mfa_sim::tenant::{Policy, Protocol, Role, User};

fn tenant(date: &str) -> (Tenant, UserId, Clock) {
    let (mut t, id, clock) = with_user(
        date,
        Policy::default(),
        3,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    crate::unit::tenant::test_tenant::add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enabled);
    (t, id, clock)
}

fn texted(t: &Tenant, challenge: u64) -> String {
    t.challenge(challenge)
        .unwrap()
        .texted_code()
        .unwrap()
        .to_string()
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
        Err(StartError::TextsThrottled)
    );
    // Calls share the count and say so in Microsoft's words (entra-facts §7).
    let call = t.start_challenge(id, VerifyOption::Call(PhoneSlot::Mobile), Purpose::SignIn);
    assert_eq!(call, Err(StartError::CallsThrottled));
    assert_eq!(
        StartError::TextsThrottled.to_string(),
        "You've hit our limit on text verification codes."
    );
    assert_eq!(
        StartError::CallsThrottled.to_string(),
        "You've hit our limit on verification calls."
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
    assert!(
        !t.user(id).high_risk,
        "a report raises the risk only with Report suspicious activity on (tenant::fraud)"
    );
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
    // Rule 22 (mfa_sim::rules): never for browser sign-in.
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
        mfa_sim::tenant::Protocol::Imap,
        "Mail",
    );
    assert_eq!(
        mail,
        mfa_sim::tenant::BasicOutcome::Accepted { app_password: true }
    );
}

#[test]
fn a_new_temporary_access_pass_replaces_the_old_one() {
    let (mut t, id, clock) = tenant("2021-06-01");
    let first = t.issue_temporary_access_pass(id, 60, false);
    let second = t.issue_temporary_access_pass(id, 60, false);
    assert_ne!(first, second);
    // Shown once, to the administrator; the tenant keeps only a salted hash of it.
    assert!(!format!("{:?}", t.users()).contains(&second));
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

/// A tenant whose one user has no methods and per-user MFA as it comes (the rule registry's
/// tests for rules 1-4 start from here).
fn bare(date: &str, policy: Policy) -> (Tenant, UserId, Clock) {
    with_user(date, policy, 5, ("sam@contoso.com", "Sam Ortega", "pw-sam"))
}

fn mobile() -> Method {
    Method::Phone {
        slot: PhoneSlot::Mobile,
        number: "+1 4255550188".into(),
    }
}

#[test]
fn a_new_user_starts_disabled_and_security_defaults_leave_it_so() {
    // Rule 1 (see mfa_sim::rules).
    let (t, id, _) = bare("2021-06-01", Policy::default());
    assert_eq!(t.user(id).mfa, MfaState::Disabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Nothing);
    let defaults = Policy {
        security_defaults: true,
        ..Policy::default()
    };
    let (t, id, _) = bare("2026-11-28", defaults);
    assert_eq!(t.user(id).mfa, MfaState::Disabled, "the state is not moved");
    assert_eq!(
        t.sign_in_need(id, None),
        SignInNeed::Register,
        "yet MFA is required"
    );
}

#[test]
fn an_enabled_user_without_methods_registers_in_the_browser_and_mail_still_works() {
    // Rules 2 and 3.
    let policy = Policy {
        app_passwords: true,
        ..Policy::default()
    };
    let (mut t, id, _) = bare("2021-06-01", policy);
    assert_eq!(t.set_mfa_state(id, MfaState::Enabled), MfaState::Enabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Register);
    assert_eq!(
        t.basic_sign_in("sam@contoso.com", "pw-sam", Protocol::Imap, "Thunderbird"),
        mfa_sim::tenant::BasicOutcome::Accepted {
            app_password: false
        },
        "the account password still works for basic authentication while enabled"
    );
}

#[test]
fn finishing_registration_enforces_an_enabled_user() {
    // Rule 4: an enabled user who completes sign-up becomes enforced; a user with nothing
    // registered does not.
    let (mut t, id, _) = bare("2021-06-01", Policy::default());
    t.set_mfa_state(id, MfaState::Enabled);
    t.finish_registration(id);
    assert_eq!(t.user(id).mfa, MfaState::Enabled, "nothing was registered");
    t.user_mut(id).info.add(mobile(), 0).unwrap();
    t.finish_registration(id);
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
}

#[test]
fn disabling_lifts_mfa_and_reenabling_after_reregistration_stays_enabled() {
    // Rule 6 (the part the simulator models).
    let (mut t, id, _) = tenant("2021-06-01");
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    assert_eq!(t.set_mfa_state(id, MfaState::Disabled), MfaState::Disabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Nothing);
    t.require_reregistration(id);
    assert_eq!(t.set_mfa_state(id, MfaState::Enabled), MfaState::Enabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Register);
}

#[test]
fn a_third_party_app_is_saved_only_after_a_current_code() {
    // Rule 8: the app is not kept until a current code proves it.
    let (mut t, id, clock) = tenant("2021-06-01");
    let (c, oath) = t.start_software_token_setup(id).unwrap();
    assert_eq!(t.user(id).info.app_count(), 0);
    assert_eq!(t.submit_code(c, "000000"), CodeCheck::Wrong);
    let stale = oath.code_at(clock.now() - 300);
    assert_eq!(t.submit_code(c, &stale), CodeCheck::Expired);
    assert_eq!(t.user(id).info.app_count(), 0, "not saved on a bad code");
    assert_eq!(
        t.submit_code(c, &oath.code_at(clock.now())),
        CodeCheck::Accepted
    );
    assert_eq!(t.user(id).info.app_count(), 1);
}

#[test]
fn the_default_method_is_offered_first() {
    // Rule 19: the default leads the options; the others stay available.
    let (mut t, id) = with_push("2021-06-01");
    assert_eq!(t.verify_options(id)[0], VerifyOption::Text, "first added");
    assert!(
        t.user_mut(id)
            .info
            .set_default(VerifyOption::Call(PhoneSlot::Mobile))
    );
    let options = t.verify_options(id);
    assert_eq!(options[0], VerifyOption::Call(PhoneSlot::Mobile));
    assert!(options.contains(&VerifyOption::Push));
    assert!(options.contains(&VerifyOption::Text));
    assert!(
        !t.user_mut(id)
            .info
            .set_default(VerifyOption::Call(PhoneSlot::Office)),
        "only a method the user has"
    );
}

#[test]
fn the_default_method_is_started_first() {
    // Rule 19, system-preferred MFA off (the default): the user's default, in both eras.
    for date in ["2021-06-01", "2026-11-28"] {
        let (mut t, id) = with_push(date);
        assert!(!t.policy.system_preferred_mfa, "off by default");
        assert_eq!(t.first_option(id), Some(VerifyOption::Text), "first added");
        assert!(t.user_mut(id).info.set_default(VerifyOption::Push));
        assert_eq!(t.first_option(id), Some(VerifyOption::Push));
        assert!(
            t.user_mut(id)
                .info
                .set_default(VerifyOption::Call(PhoneSlot::Mobile))
        );
        assert_eq!(
            t.first_option(id),
            Some(VerifyOption::Call(PhoneSlot::Mobile))
        );
    }
}

#[test]
fn system_preferred_mfa_starts_the_strongest_method() {
    // Rule 19, system-preferred MFA on: push > TOTP > text > call, whatever the default.
    let (mut t, id) = with_push("2024-03-01");
    t.policy.system_preferred_mfa = true;
    assert!(
        t.user_mut(id)
            .info
            .set_default(VerifyOption::Call(PhoneSlot::Mobile))
    );
    assert_eq!(t.first_option(id), Some(VerifyOption::Push));
    t.policy.methods.authenticator = false;
    assert_eq!(
        t.first_option(id),
        Some(VerifyOption::AppCode),
        "codes only"
    );
    t.policy.methods.software_oath = false;
    assert_eq!(
        t.first_option(id),
        Some(VerifyOption::Text),
        "no app allowed"
    );
    t.policy.methods.sms = false;
    assert_eq!(
        t.first_option(id),
        Some(VerifyOption::Call(PhoneSlot::Mobile))
    );
    t.policy.methods.voice = false;
    assert_eq!(t.first_option(id), None, "nothing usable");
}

#[test]
fn app_passwords_are_offered_only_to_enforced_users_where_allowed() {
    // Rule 20, in combined registration (from 2022-10-01).
    let (mut t, id, _) = tenant("2026-11-28");
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    assert!(!t.policy.app_passwords, "off by default");
    assert!(!t.app_passwords_offered(id));
    t.allow_app_passwords(true);
    assert!(t.app_passwords_offered(id));
    t.user_mut(id).mfa = MfaState::Enabled;
    assert!(!t.app_passwords_offered(id), "enabled is not enough");
    t.user_mut(id).mfa = MfaState::Enforced;
    t.policy.security_defaults = true;
    assert!(
        !t.app_passwords_offered(id),
        "never under security defaults"
    );
    t.policy.security_defaults = false;
    t.user_mut(id).mfa = MfaState::Disabled;
    assert!(!t.app_passwords_offered(id), "never without per-user MFA");
}

#[test]
fn app_passwords_keep_working_after_the_setting_is_turned_off() {
    // Rule 23: turning the setting off later does not end existing App Passwords.
    let (mut t, id, _) = tenant("2021-06-01");
    t.allow_app_passwords(true);
    let pw = t.create_app_password(id, "iPhone Mail").unwrap();
    t.allow_app_passwords(false);
    assert!(!t.app_passwords_offered(id), "no new ones");
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        mfa_sim::tenant::BasicOutcome::Accepted { app_password: true }
    );
    t.delete_app_passwords(id);
    assert!(matches!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        mfa_sim::tenant::BasicOutcome::Refused(_)
    ));
}

#[test]
fn a_call_passes_on_pound_and_zero_pound_reports_fraud() {
    // Rule 16: # passes; 0# denies (its effects on risk and blocking are the tenant's
    // settings: see `tenant::fraud`); other keys do not pass.
    let (mut t, id, _) = tenant("2021-06-01");
    let call = VerifyOption::Call(PhoneSlot::Mobile);
    let c = t.start_challenge(id, call, Purpose::SignIn).unwrap();
    assert_eq!(
        t.challenge(c).unwrap().texted_code(),
        None,
        "a call has no code"
    );
    assert_eq!(t.answer_call(c, "#"), ChallengeState::Passed);
    let c = t.start_challenge(id, call, Purpose::SignIn).unwrap();
    assert_eq!(
        t.answer_call(c, "1"),
        ChallengeState::Failed(Failure::NoAnswer)
    );
    assert!(!t.user(id).high_risk);
    let c = t.start_challenge(id, call, Purpose::SignIn).unwrap();
    assert_eq!(
        t.answer_call(c, "0#"),
        ChallengeState::Failed(Failure::Reported)
    );
    assert!(
        !t.user(id).high_risk,
        "Report suspicious activity is off by default"
    );
    assert!(
        t.sign_in_log()
            .iter()
            .any(|r| r.result == mfa_sim::records::SignInResult::Failure
                && r.detail.contains("fraud"))
    );
}

#[test]
fn wrong_codes_close_the_verification_but_never_lock_the_account() {
    // Rule 28: however many wrong codes, the password still works and a new verification opens.
    let (mut t, id, clock) = tenant("2021-06-01");
    let oath = Oath::new(&[6; 20], "Contoso", "dana@contoso.com").unwrap();
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
    for _ in 0..10 {
        let c = t
            .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
            .unwrap();
        let limit = t.policy.limits.attempts_per_challenge;
        let last = (0..limit).map(|_| t.submit_code(c, "not-a-code")).last();
        assert_eq!(last, Some(CodeCheck::TooManyAttempts));
    }
    assert_eq!(
        t.check_password("dana@contoso.com", "pw-right", "x", ClientKind::Browser),
        PasswordCheck::Ok(id)
    );
    let c = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.submit_code(c, &oath.code_at(clock.now())),
        CodeCheck::Accepted
    );
}

#[test]
fn require_reregistration_clears_methods_and_asks_to_register_again() {
    // Rule 29.
    let (mut t, id) = with_push("2021-06-01");
    register_app(&mut t, id);
    assert!(t.user(id).info.app_count() >= 2);
    t.require_reregistration(id);
    assert!(t.user(id).info.is_empty());
    assert_eq!(t.user(id).info.default_option(), None);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Register);
}

#[test]
fn an_mfa_block_lasts_ninety_days_or_until_lifted() {
    // Rule 31.
    let (mut t, id, clock) = tenant("2021-06-01");
    t.set_mfa_blocked(id, true);
    clock.advance(89 * 86_400);
    assert_eq!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn),
        Err(StartError::Blocked)
    );
    clock.advance(86_400);
    assert!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn)
            .is_ok(),
        "over after 90 days"
    );
    t.set_mfa_blocked(id, true);
    t.set_mfa_blocked(id, false);
    assert!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn)
            .is_ok(),
        "lifted by the administrator"
    );
}

#[test]
fn rule_36_only_texts_after_february_2027_means_a_blocking_passkey_step() {
    let (t, id, _) = tenant("2027-01-31");
    assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
    let (mut t, id, _) = tenant("2027-02-01");
    assert_eq!(
        t.verify_options(id),
        vec![],
        "texts and calls no longer offered"
    );
    assert_eq!(t.sign_in_need(id, None), SignInNeed::RegisterPasskey);
    assert_eq!(
        t.start_challenge(id, VerifyOption::Text, Purpose::SignIn),
        Err(StartError::PhoneRetired)
    );
    // Global Administrators and guests keep them until 2027-07-01.
    for role in [Role::GlobalAdministrator, Role::Guest] {
        t.user_mut(id).role = role;
        assert_eq!(
            t.verify_options(id),
            vec![VerifyOption::Text, VerifyOption::Call(PhoneSlot::Mobile)]
        );
    }
    t.user_mut(id).role = Role::Member;
    // The tenant's own telephony provider keeps them for everyone.
    t.policy.telephony_provider = true;
    assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
}

#[test]
fn rule_1_conditional_access_requires_mfa_while_the_per_user_state_stays_disabled() {
    let (mut t, id, _) = tenant("2026-11-28");
    t.set_mfa_state(id, MfaState::Disabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Nothing);
    t.policy.conditional_access.require_mfa = true;
    assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
    assert_eq!(t.user(id).mfa, MfaState::Disabled);
    // Rule 20: App Passwords are never offered to users covered only by Conditional Access.
    t.policy.app_passwords = true;
    assert!(!t.app_passwords_offered(id));
    // With no method yet, Conditional Access sends them to register.
    t.user_mut(id).info.clear();
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Register);
}

#[test]
fn rule_5_trusted_ips_skip_mfa_for_per_user_mfa_only() {
    let (mut t, id, _) = tenant("2026-11-28");
    t.policy.trusted_ips = vec!["198.51.100.0/24".into()];
    let office = "198.51.100.20".parse().unwrap();
    let home = "203.0.113.45".parse().unwrap();
    assert!(t.trusted_ip_skips_mfa(id, office));
    assert!(!t.trusted_ip_skips_mfa(id, home));
    // Conditional Access does not read the per-user MFA trusted IPs.
    t.policy.conditional_access.require_mfa = true;
    assert!(!t.trusted_ip_skips_mfa(id, office));
    t.policy.conditional_access.require_mfa = false;
    t.set_mfa_state(id, MfaState::Disabled);
    assert!(!t.trusted_ip_skips_mfa(id, office), "nothing to skip");
}
