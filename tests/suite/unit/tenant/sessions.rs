//! Tests of `mfa_sim::tenant::sessions` (`src/tenant/sessions.rs`), through its public API.

use mfa_sim::clock::Clock;
use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::directory::{MfaState, UserId};
use mfa_sim::tenant::sessions::*;
use mfa_sim::tenant::{Policy, SignInNeed};

fn tenant(policy: Policy) -> (Tenant, UserId, Clock) {
    crate::unit::tenant::test_tenant::with_user(
        "2021-06-01",
        policy,
        3,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    )
}

use crate::unit::tenant::test_tenant::add_mobile;

#[test]
fn a_session_lasts_ninety_days_of_inactivity_and_each_use_rolls_the_window() {
    let (t, id, clock) = tenant(Policy::default());
    let mut s = t.issue_session(id, None);
    // Used every 60 days, it outlives 90 days from issue.
    for _ in 0..3 {
        clock.advance(60 * DAY);
        assert_eq!(t.use_session(&mut s), SessionCheck::Valid);
    }
    assert_eq!(s.last_used, t.now());
    clock.advance(90 * DAY);
    assert_eq!(t.check_session(&s), SessionCheck::Valid, "90 days exactly");
    clock.advance(1);
    assert_eq!(t.use_session(&mut s), SessionCheck::Inactive);
    assert_eq!(
        s.last_used + 90 * DAY + 1,
        t.now(),
        "a refused use rolls nothing"
    );
}

#[test]
fn a_password_reset_and_revoking_sign_in_sessions_end_sessions_but_not_remembered_mfa() {
    let policy = Policy {
        remember_mfa_days: Some(14),
        ..Policy::default()
    };
    let (mut t, id, clock) = tenant(policy);
    add_mobile(&mut t, id);
    t.user_mut(id).mfa = MfaState::Enforced;
    let mfa_done = t.now();
    let before = t.issue_session(id, Some(mfa_done));
    assert_eq!(t.check_session(&before), SessionCheck::Valid);

    t.reset_password(id, "new-pw");
    assert_eq!(t.check_session(&before), SessionCheck::Revoked);
    clock.advance(5);
    let after_reset = t.issue_session(id, Some(mfa_done));
    assert_eq!(t.check_session(&after_reset), SessionCheck::Valid);

    clock.advance(5);
    t.revoke_sign_in_sessions(id);
    assert_eq!(t.check_session(&after_reset), SessionCheck::Revoked);
    // The browser's "Don't ask again" cookie from before still spares the code.
    assert_eq!(t.sign_in_need(id, Some(mfa_done)), SignInNeed::Nothing);
    // "Revoke MFA sessions" is what clears that, and it leaves sessions alone.
    clock.advance(5);
    let fresh = t.issue_session(id, Some(t.now()));
    t.revoke_mfa_sessions(id);
    assert!(matches!(
        t.sign_in_need(id, Some(mfa_done)),
        SignInNeed::Verify(_)
    ));
    assert_eq!(t.check_session(&fresh), SessionCheck::Valid);
}

#[test]
fn the_strictest_setting_wins_stay_signed_in_with_fourteen_days_means_mfa_every_fourteen_days() {
    let policy = Policy {
        remember_mfa_days: Some(14),
        ..Policy::default()
    };
    let (mut t, id, clock) = tenant(policy);
    add_mobile(&mut t, id);
    t.user_mut(id).mfa = MfaState::Enforced;
    let mut kept = t.issue_session(id, Some(t.now()));
    clock.advance(13 * DAY);
    assert_eq!(t.use_session(&mut kept), SessionCheck::Valid);
    clock.advance(DAY);
    assert_eq!(
        t.use_session(&mut kept),
        SessionCheck::NeedsMfa,
        "14 days after MFA, a used and rolling session still needs MFA again"
    );
    // Without remembered MFA the kept session runs on its 90-day window alone.
    t.policy.remember_mfa_days = None;
    assert_eq!(t.use_session(&mut kept), SessionCheck::Valid);
}

#[test]
fn a_session_without_mfa_ends_once_the_account_needs_mfa_and_blocking_ends_all() {
    let (mut t, id, _) = tenant(Policy::default());
    let s = t.issue_session(id, None);
    assert_eq!(t.check_session(&s), SessionCheck::Valid);
    t.user_mut(id).mfa = MfaState::Enforced;
    assert_eq!(t.check_session(&s), SessionCheck::NeedsMfa);
    let with_mfa = t.issue_session(id, Some(t.now()));
    assert_eq!(t.check_session(&with_mfa), SessionCheck::Valid);
    t.set_sign_in_blocked(id, true);
    assert_eq!(t.check_session(&with_mfa), SessionCheck::Blocked);
}
