//! Tests of `mfa_sim::tenant::administration` (`src/tenant/administration.rs`), through its public
//! API.

use mfa_sim::records::AdminRefusal;
use mfa_sim::tenant::administration::{PASS_POLICY, check_password};
use mfa_sim::tenant::methods::PhoneSlot;
use mfa_sim::tenant::{MfaState, Policy, SignInNeed};

fn dana() -> (mfa_sim::tenant::Tenant, mfa_sim::tenant::UserId) {
    let (t, id, _) = crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        Policy::default(),
        3,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    (t, id)
}

#[test]
fn passwords_keep_the_tenants_rules() {
    assert_eq!(
        check_password("Ab1!"),
        Err(AdminRefusal::PasswordTooShort { min: 8 })
    );
    assert_eq!(
        check_password("alllowercase"),
        Err(AdminRefusal::PasswordKinds { has: 1, need: 3 })
    );
    assert_eq!(
        check_password("lower-and-symbols"),
        Err(AdminRefusal::PasswordKinds { has: 2, need: 3 })
    );
    assert_eq!(
        check_password(&"Aa1".repeat(90)),
        Err(AdminRefusal::PasswordTooLong { max: 256 })
    );
    assert_eq!(check_password("Blue-Kettle-19"), Ok(()));
    assert_eq!(check_password("Blue1Kettle"), Ok(()));
}

#[test]
fn the_console_resets_to_a_temporary_password_to_change_at_next_sign_in() {
    let (mut t, id) = dana();
    let made = t
        .reset_password_from_console(id, None, true)
        .unwrap()
        .unwrap();
    assert_eq!(check_password(&made), Ok(()), "{made}");
    assert!(t.user(id).must_change_password);
    assert!(t.user(id).password_is(&made));
    assert!(!t.user(id).password_is("pw-right"));
    // A weak chosen password is refused and changes nothing.
    assert!(
        t.reset_password_from_console(id, Some("weak"), false)
            .is_err()
    );
    assert!(t.user(id).password_is(&made));
    assert_eq!(
        t.reset_password_from_console(id, Some("Blue-Kettle-19"), false),
        Ok(None)
    );
    assert!(!t.user(id).must_change_password);
}

#[test]
fn the_user_replaces_a_temporary_password_under_the_same_rules() {
    use mfa_sim::tenant::administration::PasswordChangeError as E;
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        mfa_sim::tenant::Policy::default(),
        7,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    let temporary = t
        .reset_password_from_console(id, None, true)
        .unwrap()
        .unwrap();
    let change = |t: &mut mfa_sim::tenant::Tenant, cur: &str, new: &str, confirm: &str| {
        t.change_password(id, cur, new, confirm)
    };
    assert_eq!(
        change(&mut t, "pw-right", "Green-Teapot-27", "Green-Teapot-27"),
        Err(E::WrongCurrent)
    );
    assert_eq!(
        change(&mut t, &temporary, "Green-Teapot-27", "Green-Teapot-28"),
        Err(E::Mismatch)
    );
    assert_eq!(
        change(&mut t, &temporary, &temporary, &temporary),
        Err(E::SameAsCurrent)
    );
    assert!(matches!(
        change(&mut t, &temporary, "weak", "weak"),
        Err(E::Rules(AdminRefusal::PasswordTooShort { .. }))
    ));
    assert!(t.user(id).must_change_password, "refusals change nothing");
    assert!(t.user(id).password_is(&temporary));
    assert_eq!(
        change(&mut t, &temporary, "Green-Teapot-27", "Green-Teapot-27"),
        Ok(())
    );
    assert!(!t.user(id).must_change_password);
    assert!(
        !t.user(id).password_is(&temporary),
        "the temporary one stops working"
    );
    assert!(t.user(id).password_is("Green-Teapot-27"));
}

#[test]
fn a_pass_lasts_within_the_policy() {
    // Rule 32 and facts §7: 1 hour by default, between 1 and 8 hours under the default
    // policy.
    let (mut t, id) = dana();
    assert_eq!(
        t.issue_pass_by_policy(id, None, false).unwrap().1,
        PASS_POLICY.default_minutes
    );
    assert_eq!(t.issue_pass_by_policy(id, Some(480), true).unwrap().1, 480);
    for minutes in [10, 59, 481, 43_200, -5] {
        assert_eq!(
            t.issue_pass_by_policy(id, Some(minutes), false),
            Err(AdminRefusal::PassLifetime {
                minutes,
                min: 60,
                max: 480
            })
        );
    }
}

#[test]
fn the_console_deletes_one_method_and_adds_a_phone() {
    let (mut t, id) = dana();
    crate::unit::tenant::test_tenant::add_mobile(&mut t, id);
    assert_eq!(
        t.add_phone_from_console(id, PhoneSlot::Office, "+1 4255550142"),
        Ok("+1 4255550142".to_string())
    );
    assert!(matches!(
        t.add_phone_from_console(id, PhoneSlot::Office, "+1 4255550199"),
        Err(AdminRefusal::Phone(_))
    ));
    assert!(matches!(
        t.add_phone_from_console(id, PhoneSlot::Alternate, "call me"),
        Err(AdminRefusal::Phone(_))
    ));
    assert_eq!(
        t.delete_method_from_console(id, 3),
        Err(AdminRefusal::NoSuchMethod(3))
    );
    assert_eq!(
        t.delete_method_from_console(id, 0),
        Err(AdminRefusal::NoSuchMethod(0))
    );
    let deleted = t.delete_method_from_console(id, 1).unwrap();
    assert!(deleted.starts_with("Phone number +1"), "{deleted}");
    assert!(t.user(id).info.phone(PhoneSlot::Mobile).is_none());
    // Rule 14: the default moved to the office phone that remains.
    assert_eq!(
        t.user(id).info.default_option(),
        Some(mfa_sim::tenant::VerifyOption::Call(PhoneSlot::Office))
    );
}

#[test]
fn enforced_disabled_and_enabled_again_stays_enabled_until_an_admin_enforces() {
    // Rule 6, second case of the clarification (howto-mfa-userstates), beside rule 2's
    // first enabling (Graph): the tenant remembers the earlier enforcement.
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        Policy::default(),
        3,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    crate::unit::tenant::test_tenant::add_mobile(&mut t, id);
    assert_eq!(
        t.set_mfa_state(id, MfaState::Enabled),
        MfaState::Enforced,
        "a first enabling with methods enforces at once (rule 2)"
    );
    assert_eq!(t.set_mfa_state(id, MfaState::Disabled), MfaState::Disabled);
    assert_eq!(t.sign_in_need(id, None), SignInNeed::Nothing);
    assert_eq!(
        t.set_mfa_state(id, MfaState::Enabled),
        MfaState::Enabled,
        "enabled again without re-registering: stays enabled"
    );
    assert!(matches!(t.sign_in_need(id, None), SignInNeed::Verify(_)));
    assert_eq!(t.set_mfa_state(id, MfaState::Enforced), MfaState::Enforced);
}
