//! Tests of `mfa_sim::flows::security_info` (`src/flows/security_info.rs`), through its public API.

use mfa_sim::flows::{Cookies, Destination, Flow};
use mfa_sim::screens::{
    Action, Button, Choice, Field, LegacyPage, ManagePage, ManageStep, NewMethod, Page, PageId,
    WizardStep,
};
use mfa_sim::tenant::calendar::Protocol;
use mfa_sim::tenant::methods::Method;
use mfa_sim::tenant::{BasicOutcome, MfaState, PhoneSlot, Policy, Tenant, UserId};

fn tenant(date: &str, app_passwords: bool) -> (Tenant, UserId) {
    let policy = Policy {
        app_passwords,
        ..Policy::default()
    };
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
        date,
        policy,
        11,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    for (slot, number) in [
        (PhoneSlot::Mobile, "+1 4255550123"),
        (PhoneSlot::Alternate, "+1 4255550199"),
    ] {
        t.user_mut(id)
            .info
            .add(
                Method::Phone {
                    slot,
                    number: number.into(),
                },
                0,
            )
            .unwrap();
    }
    t.set_mfa_state(id, MfaState::Enabled);
    (t, id)
}

/// Dana, already past the sign-in, on Security info (or wherever `dest` lands).
fn signed_in(t: &mut Tenant, id: UserId, dest: Destination) -> Flow {
    Flow::landed(dest, id, t)
}

fn act(flow: &mut Flow, t: &mut Tenant, action: Action) {
    flow.act(action, t, &mut Cookies::default()).unwrap();
}

fn rows(flow: &Flow) -> Vec<(u32, String, String)> {
    match &flow.page {
        Page::Manage(ManagePage::SecurityInfo { rows, .. }) => rows.clone(),
        other => panic!("not Security info: {:?}", other.id()),
    }
}

#[test]
fn deleting_asks_first_and_no_keeps_the_method() {
    // Rule 14: Delete opens a confirmation; No keeps the method, Yes deletes it (and the
    // default moves to what remains).
    let (mut t, id) = tenant("2026-11-28", false);
    let mut flow = signed_in(&mut t, id, Destination::SecurityInfo);
    let mobile = rows(&flow)[0].0;
    act(&mut flow, &mut t, Action::Choose(Choice::Row(mobile)));
    act(&mut flow, &mut t, Action::Press(Button::Delete));
    assert_eq!(flow.page.id(), PageId::Manage(ManageStep::ConfirmDelete));
    assert_eq!(t.user(id).info.entries().len(), 2, "nothing deleted yet");
    act(&mut flow, &mut t, Action::Press(Button::No));
    assert_eq!(flow.page.id(), PageId::Manage(ManageStep::SecurityInfo));
    assert_eq!(t.user(id).info.entries().len(), 2, "No keeps it");
    act(&mut flow, &mut t, Action::Choose(Choice::Row(mobile)));
    act(&mut flow, &mut t, Action::Press(Button::Delete));
    act(&mut flow, &mut t, Action::Press(Button::Yes));
    assert_eq!(t.user(id).info.entries().len(), 1);
    assert_eq!(t.user(id).info.phone(PhoneSlot::Mobile), None);
    assert_eq!(
        t.user(id).info.default_option(),
        Some(mfa_sim::tenant::VerifyOption::Call(PhoneSlot::Alternate))
    );
}

#[test]
fn only_the_office_phone_form_has_an_extension_box() {
    // Rule 13: the extension goes with the office number and the call rings its line.
    let (mut t, id) = tenant("2026-11-28", false);
    let mut flow = signed_in(&mut t, id, Destination::SecurityInfo);
    act(&mut flow, &mut t, Action::Press(Button::AddSignInMethod));
    let add = |flow: &mut Flow, t: &mut Tenant, m: NewMethod| {
        act(flow, t, Action::Choose(Choice::Add(m)));
        act(flow, t, Action::Press(Button::Add));
    };
    add(&mut flow, &mut t, NewMethod::Phone(PhoneSlot::Office));
    assert_eq!(flow.page.view().input("Extension"), Some(Field::Extension));
    act(
        &mut flow,
        &mut t,
        Action::Enter(Field::PhoneNumber, "4255550142".into()),
    );
    act(
        &mut flow,
        &mut t,
        Action::Enter(Field::Extension, "123".into()),
    );
    act(&mut flow, &mut t, Action::Press(Button::Next));
    assert_eq!(flow.page.id().wizard_step(), Some(WizardStep::Calling));
    let c = flow.challenge().unwrap();
    assert_eq!(
        t.challenge(c).unwrap().masked_phone.as_deref(),
        Some("+1 XXXXXXXX42 ext. 123")
    );
    t.answer_call(c, "#");
    assert_eq!(
        t.user(id).info.phone(PhoneSlot::Office),
        Some("+1 4255550142x123")
    );
    // No other phone form offers the box.
    let (mut t, id) = tenant("2026-11-28", false);
    t.user_mut(id).info.clear();
    let mut flow = signed_in(&mut t, id, Destination::SecurityInfo);
    act(&mut flow, &mut t, Action::Press(Button::AddSignInMethod));
    for slot in [PhoneSlot::Mobile, PhoneSlot::Alternate] {
        flow.show_security_info(&mut t, None);
        act(&mut flow, &mut t, Action::Press(Button::AddSignInMethod));
        add(&mut flow, &mut t, NewMethod::Phone(slot));
        assert_eq!(flow.page.id().wizard_step(), Some(WizardStep::Phone));
        assert_eq!(flow.page.view().input("Extension"), None, "{slot:?}");
    }
}

#[test]
fn app_passwords_turned_off_keep_working_but_cannot_be_seen_or_managed() {
    // Rule 23: the tenant stops allowing App Passwords after one was made.
    let (mut t, id) = tenant("2021-06-01", true);
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    let pw = t.create_app_password(id, "iPhone Mail").unwrap();
    let mut flow = signed_in(&mut t, id, Destination::SecurityInfo);
    assert!(rows(&flow).iter().any(|r| r.1 == "App password"));
    t.allow_app_passwords(false);
    flow.show_security_info(&mut t, None);
    assert!(!rows(&flow).iter().any(|r| r.1 == "App password"));
    act(&mut flow, &mut t, Action::Press(Button::AddSignInMethod));
    let Page::Manage(ManagePage::AddMethod { options, .. }) = &flow.page else {
        panic!("not Add a method: {:?}", flow.page.id())
    };
    assert!(!options.contains(&NewMethod::AppPassword));
    // The older App passwords page lists none and refuses to create one.
    let mut flow = signed_in(&mut t, id, Destination::AppPasswords);
    let Page::Legacy(LegacyPage::Settings {
        app_passwords,
        notice,
        ..
    }) = &flow.page
    else {
        panic!("not the App passwords page: {:?}", flow.page.id())
    };
    assert!(app_passwords.is_empty());
    assert!(notice.as_deref().unwrap().contains("doesn't allow"));
    act(&mut flow, &mut t, Action::Press(Button::Create));
    assert_eq!(
        flow.page.id(),
        PageId::Legacy(mfa_sim::screens::LegacyStep::AppPasswords)
    );
    // The mail app's App Password still works.
    assert_eq!(t.user(id).app_passwords.records().len(), 1);
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        BasicOutcome::Accepted { app_password: true }
    );
}

#[test]
fn the_older_app_passwords_address_is_the_simulators_choice() {
    // Whether the older address still works today is unconfirmed (entra-facts §8): the
    // simulator opens the older page while the older experience is in force and Security
    // info afterwards (see `Destination::AppPasswords`).
    for (date, expected) in [
        (
            "2021-06-01",
            PageId::Legacy(mfa_sim::screens::LegacyStep::AppPasswords),
        ),
        ("2026-11-28", PageId::Manage(ManageStep::SecurityInfo)),
    ] {
        let (mut t, id) = tenant(date, true);
        let flow = signed_in(&mut t, id, Destination::AppPasswords);
        assert_eq!(flow.page.id(), expected, "{date}");
    }
}
