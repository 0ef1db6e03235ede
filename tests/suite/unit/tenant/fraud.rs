//! Tests of `mfa_sim::tenant::fraud` (`src/tenant/fraud.rs`), through its public API.

use mfa_sim::tenant::methods::Method;
use mfa_sim::tenant::{
    ChallengeState, Failure, MfaState, PhoneSlot, Policy, Purpose, StartError, Tenant, UserId,
    VerifyOption,
};

const CALL: VerifyOption = VerifyOption::Call(PhoneSlot::Mobile);

fn tenant(policy: Policy) -> (Tenant, UserId, mfa_sim::clock::Clock) {
    let (mut t, id, clock) = crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        policy,
        3,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    crate::unit::tenant::test_tenant::add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enabled);
    (t, id, clock)
}

fn report_by_call(t: &mut Tenant, id: UserId) {
    let c = t.start_challenge(id, CALL, Purpose::SignIn).unwrap();
    assert_eq!(
        t.answer_call(c, "0#"),
        ChallengeState::Failed(Failure::Reported)
    );
}

#[test]
fn with_reporting_off_zero_pound_only_denies() {
    // Rule 16, Microsoft managed: denied, logged as a fraud code, no risk, no block.
    let (mut t, id, _) = tenant(Policy::default());
    report_by_call(&mut t, id);
    assert!(!t.user(id).high_risk);
    assert_eq!(t.user(id).mfa_blocked_until, None);
    let row = t.sign_in_log().last().unwrap();
    assert_eq!(row.detail, mfa_sim::tenant::fraud::FRAUD_CODE_ENTERED);
    assert_eq!(row.result, mfa_sim::records::SignInResult::Failure);
    assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
}

#[test]
fn report_suspicious_activity_raises_the_risk_without_blocking() {
    let (mut t, id, _) = tenant(Policy {
        report_suspicious_activity: true,
        ..Policy::default()
    });
    report_by_call(&mut t, id);
    assert!(t.user(id).high_risk);
    assert_eq!(t.user(id).mfa_blocked_until, None);
    assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
}

#[test]
fn a_report_in_the_app_counts_too() {
    let (mut t, id, _) = tenant(Policy {
        report_suspicious_activity: true,
        ..Policy::default()
    });
    // A push challenge needs an Authenticator; a report on an app-code challenge is not
    // possible, so make the push by hand through the registration path's device.
    t.user_mut(id)
        .info
        .add(
            Method::Authenticator {
                device: 7,
                device_name: "Microsoft Authenticator".into(),
                oath: mfa_sim::tenant::oath::Oath::new(&[1; 20], "Contoso", "dana").unwrap(),
                last_step: None,
            },
            0,
        )
        .unwrap();
    let c = t
        .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
        .unwrap();
    assert_eq!(
        t.answer_push(c, mfa_sim::tenant::Answer::Report),
        ChallengeState::Failed(Failure::Reported)
    );
    assert!(t.user(id).high_risk);
    assert_eq!(
        t.sign_in_log().last().unwrap().detail,
        mfa_sim::tenant::fraud::REPORTED_IN_APP
    );
}

#[test]
fn the_fraud_alert_auto_block_stops_mfa_for_90_days_or_until_unblocked() {
    let (mut t, id, clock) = tenant(Policy {
        fraud_alert_auto_block: true,
        ..Policy::default()
    });
    report_by_call(&mut t, id);
    assert!(!t.user(id).high_risk, "risk belongs to the other setting");
    assert_eq!(
        t.start_challenge(id, CALL, Purpose::SignIn),
        Err(StartError::Blocked)
    );
    clock.advance(89 * 86_400);
    assert_eq!(
        t.start_challenge(id, CALL, Purpose::SignIn),
        Err(StartError::Blocked)
    );
    clock.advance(86_400);
    assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
    // Reported again: blocked again, and an administrator can lift it at once.
    report_by_call(&mut t, id);
    assert_eq!(
        t.start_challenge(id, CALL, Purpose::SignIn),
        Err(StartError::Blocked)
    );
    t.set_mfa_blocked(id, false);
    assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
}

#[test]
fn the_greeting_invites_zero_pound_only_where_reports_do_something() {
    for (risk, block, invites) in [
        (false, false, false),
        (true, false, true),
        (false, true, true),
    ] {
        let (t, _, _) = tenant(Policy {
            report_suspicious_activity: risk,
            fraud_alert_auto_block: block,
            ..Policy::default()
        });
        assert_eq!(t.takes_fraud_reports(), invites);
    }
}
