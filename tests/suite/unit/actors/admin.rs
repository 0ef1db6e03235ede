//! Tests of `mfa_sim::actors::admin` (`src/actors/admin.rs`), through its public API.

use mfa_sim::actors::admin::*;
use mfa_sim::records::{PanelKind, PhoneSlot, Wording};
use mfa_sim::tenant::Policy;
use mfa_sim::tenant::{MfaState, Tenant, UserId};

fn dana() -> (Tenant, UserId) {
    let (t, id, _clock) = crate::unit::tenant::test_tenant::with_user(
        "2026-11-28",
        Policy::default(),
        5,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    (t, id)
}

#[test]
fn the_methods_page_lists_the_users_registered_methods() {
    let (mut t, id) = dana();
    let empty = methods_page(&t, id, None);
    assert!(empty.rows.is_empty());
    assert!(empty.lines.iter().all(|(_, w)| *w == Wording::Simulator));
    let number = t
        .add_phone_from_console(id, PhoneSlot::Mobile, "+1 4255550123")
        .unwrap();
    let page = methods_page(&t, id, Some(METHOD_PAGE_BUTTONS[2]));
    assert_eq!(page.kind, PanelKind::AuthenticationMethods);
    assert_eq!(page.rows.len(), 2, "a header and Dana's phone");
    assert_eq!(page.rows[1][0], "Phone number");
    assert!(page.rows[1][1].contains(&number), "{:?}", page.rows);
    assert_eq!(page.pressed.as_deref(), Some("Require re-register MFA"));
    assert!(page.subtitle.unwrap().contains("dana@contoso.com"));
    assert!(page.lines.is_empty());
}

#[test]
fn the_per_user_mfa_page_shows_the_state_and_the_button_pressed() {
    let (mut t, id) = dana();
    let page = per_user_mfa_page(&t, id, Some(MfaState::Enabled));
    assert_eq!(
        page.rows[1],
        ["Dana Whitfield", "dana@contoso.com", "Disabled"]
    );
    assert_eq!(page.pressed.as_deref(), Some("Enable MFA"));
    assert_eq!(page.labels, Wording::Simulator);
    t.set_mfa_state(id, MfaState::Enforced);
    let page = per_user_mfa_page(&t, id, None);
    assert_eq!(page.rows[1][2], "Enforced");
    assert_eq!(page.pressed, None);
}
