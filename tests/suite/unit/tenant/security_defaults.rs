//! Tests of `mfa_sim::tenant::security_defaults` (`src/tenant/security_defaults.rs`), through its
//! public API.

use mfa_sim::tenant::Policy;
use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::directory::{MfaState, Role, UserId};

fn tenant() -> (Tenant, UserId, mfa_sim::clock::Clock) {
    let policy = Policy {
        security_defaults: true,
        ..Policy::default()
    };
    crate::unit::tenant::test_tenant::with_user(
        "2026-11-28",
        policy,
        5,
        ("dana@contoso.com", "Dana", "pw"),
    )
}

#[test]
fn fourteen_days_to_register_from_the_first_sign_in() {
    let (mut t, id, clock) = tenant();
    assert_eq!(t.registration_skip_days(id), None, "no sign-in yet");
    t.note_interactive_sign_in(id);
    assert_eq!(t.registration_skip_days(id), Some(14));
    clock.advance(13 * 86_400);
    t.note_interactive_sign_in(id);
    assert_eq!(
        t.registration_skip_days(id),
        Some(1),
        "counted from the first"
    );
    clock.advance(86_400);
    assert_eq!(
        t.registration_skip_days(id),
        None,
        "then registration is required"
    );
    t.policy.registration_window = false;
    t.user_mut(id).first_sign_in = Some(t.now());
    assert_eq!(
        t.registration_skip_days(id),
        None,
        "a tenant without the window"
    );
}

#[test]
fn asked_when_necessary_and_administrators_every_time() {
    let (mut t, id, _) = tenant();
    assert!(t.mfa_prompt_needed(id, false), "a new device");
    assert!(
        !t.mfa_prompt_needed(id, true),
        "a device that did MFA before"
    );
    t.user_mut(id).high_risk = true;
    assert!(t.mfa_prompt_needed(id, true));
    t.user_mut(id).high_risk = false;
    t.user_mut(id).role = Role::GlobalAdministrator;
    assert!(t.mfa_prompt_needed(id, true), "administrators every time");
    t.user_mut(id).role = Role::Member;
    t.set_mfa_state(id, MfaState::Enforced);
    assert!(
        t.mfa_prompt_needed(id, true),
        "per-user MFA asks every time"
    );
}
