//! Tests of `mfa_sim::flows::wizard` (`src/flows/wizard.rs`), through its public API.

use mfa_sim::flows::{Cookies, Destination, Flow};

use mfa_sim::screens::{
    Action, Button, Choice, Field, Link, NewMethod, Page, PageId, SignInStep, WizardPage,
    WizardStep,
};

use mfa_sim::tenant::methods::Method;
use mfa_sim::tenant::oath::Oath;
use mfa_sim::tenant::{MfaState, PhoneSlot, Policy, Tenant, UserId};

/// Today's service (combined registration), Dana with no methods in `state`.
fn tenant(methods: u8, app_passwords: bool, state: MfaState) -> (Tenant, UserId) {
    let policy = Policy {
        registration_methods: methods,
        app_passwords,
        ..Policy::default()
    };
    let (mut t, id, _) = crate::unit::tenant::test_tenant::with_user(
        "2026-11-28",
        policy,
        7,
        ("dana@contoso.com", "Dana", "pw-right"),
    );
    t.set_mfa_state(id, state);
    (t, id)
}

fn act(flow: &mut Flow, t: &mut Tenant, action: Action) {
    let mut cookies = Cookies::default();
    flow.act(action.clone(), t, &mut cookies)
        .unwrap_or_else(|e| panic!("{e} ({action:?})"));
}

/// Sign in and press Next on "More information required".
fn to_wizard(t: &mut Tenant) -> Flow {
    let mut flow = Flow::open(Destination::MfaSetup, t, &mut Cookies::default());
    act(
        &mut flow,
        t,
        Action::Enter(Field::Email, "dana@contoso.com".into()),
    );
    act(&mut flow, t, Action::Press(Button::Next));
    act(
        &mut flow,
        t,
        Action::Enter(Field::Password, "pw-right".into()),
    );
    act(&mut flow, t, Action::Press(Button::SignIn));
    assert_eq!(flow.page.id(), PageId::SignIn(SignInStep::MoreInfoRequired));
    act(&mut flow, t, Action::Press(Button::Next));
    flow
}

/// Register the mobile phone by text from the wizard's Phone page, up to "registered".
fn phone_by_text(flow: &mut Flow, t: &mut Tenant) {
    act(
        flow,
        t,
        Action::Enter(Field::PhoneNumber, "4255550123".into()),
    );
    act(flow, t, Action::Press(Button::Next));
    let code = t
        .challenge(flow.challenge().unwrap())
        .and_then(|c| c.texted_code().map(str::to_string))
        .unwrap();
    act(flow, t, Action::Enter(Field::Code, code));
    act(flow, t, Action::Press(Button::Next));
    assert_eq!(
        flow.page.view().page.wizard_step(),
        Some(WizardStep::PhoneDone)
    );
}

fn step(flow: &Flow) -> (Option<WizardStep>, Option<(u8, u8)>) {
    match &flow.page {
        Page::Wizard { progress, .. } => (flow.page.id().wizard_step(), *progress),
        _ => (None, None),
    }
}

fn oath() -> Oath {
    Oath::new(&[7; 20], "Contoso", "dana@contoso.com").unwrap()
}

#[test]
fn two_methods_app_first_then_phone_then_success() {
    let (mut t, id) = tenant(2, true, MfaState::Enabled);
    let mut flow = to_wizard(&mut t);
    assert_eq!(step(&flow), (Some(WizardStep::StartApp), Some((1, 2))));
    let view = flow.page.view();
    assert!(view.offers(&Action::Follow(Link::DifferentMethod)));
    assert!(view.text.iter().any(|l| l == "Method 1 of 2: App"));
    // The app was proven (the test push needs the app actor; its method is what counts).
    t.user_mut(id)
        .info
        .add(
            Method::Authenticator {
                device: 1,
                device_name: "Dana's phone".into(),
                oath: oath(),
                last_step: None,
            },
            0,
        )
        .unwrap();
    flow.method_added(false, &mut t, "Microsoft Authenticator");
    assert_eq!(step(&flow), (Some(WizardStep::Phone), Some((2, 2))));
    assert!(
        flow.page
            .view()
            .text
            .iter()
            .any(|l| l == "Method 2 of 2: Phone")
    );
    phone_by_text(&mut flow, &mut t);
    act(&mut flow, &mut t, Action::Press(Button::Next));
    // An enabled user never sees the App password step in the wizard (rule 20).
    assert_eq!(step(&flow), (Some(WizardStep::Success), None));
    act(&mut flow, &mut t, Action::Press(Button::Done));
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    assert_eq!(flow.page.id(), PageId::SignIn(SignInStep::StaySignedIn));
}

#[test]
fn one_method_ends_after_the_first() {
    let (mut t, _) = tenant(1, true, MfaState::Enabled);
    let mut flow = to_wizard(&mut t);
    assert_eq!(step(&flow), (Some(WizardStep::StartApp), None));
    act(&mut flow, &mut t, Action::Follow(Link::DifferentMethod));
    act(
        &mut flow,
        &mut t,
        Action::Choose(Choice::Add(NewMethod::Phone(PhoneSlot::Mobile))),
    );
    act(&mut flow, &mut t, Action::Press(Button::Confirm));
    phone_by_text(&mut flow, &mut t);
    act(&mut flow, &mut t, Action::Press(Button::Next));
    assert_eq!(step(&flow), (Some(WizardStep::Success), None));
}

#[test]
fn different_method_skips_the_app_and_the_app_comes_second() {
    let (mut t, _) = tenant(2, false, MfaState::Enabled);
    let mut flow = to_wizard(&mut t);
    act(&mut flow, &mut t, Action::Follow(Link::DifferentMethod));
    let Page::Wizard {
        step: WizardPage::ChooseMethod { options, .. },
        ..
    } = &flow.page
    else {
        panic!("not the method chooser: {:?}", flow.page);
    };
    assert!(!options.contains(&NewMethod::AuthenticatorApp));
    assert!(options.contains(&NewMethod::Phone(PhoneSlot::Mobile)));
    act(
        &mut flow,
        &mut t,
        Action::Choose(Choice::Add(NewMethod::Phone(PhoneSlot::Mobile))),
    );
    act(&mut flow, &mut t, Action::Press(Button::Confirm));
    assert_eq!(step(&flow), (Some(WizardStep::Phone), Some((1, 2))));
    phone_by_text(&mut flow, &mut t);
    act(&mut flow, &mut t, Action::Press(Button::Next));
    assert_eq!(step(&flow), (Some(WizardStep::StartApp), Some((2, 2))));
    // Nothing else to offer: the link is gone on the second method.
    assert!(
        !flow
            .page
            .view()
            .offers(&Action::Follow(Link::DifferentMethod))
    );
}

#[test]
fn different_method_offers_only_what_the_tenant_enables() {
    let (mut t, _) = tenant(1, false, MfaState::Enabled);
    t.policy.methods.sms = false;
    t.policy.methods.voice = false;
    let flow = to_wizard(&mut t);
    // No phone and no office phone: nothing but an app, so no link to other methods.
    assert!(
        !flow
            .page
            .view()
            .offers(&Action::Follow(Link::DifferentMethod))
    );
}

#[test]
fn app_password_step_only_for_enforced_users_where_allowed() {
    for (state, allowed, expected) in [
        (MfaState::Enabled, true, WizardStep::Success),
        (MfaState::Enforced, true, WizardStep::AppPasswordName),
        (MfaState::Enforced, false, WizardStep::Success),
    ] {
        let (mut t, _) = tenant(1, allowed, state);
        let mut flow = to_wizard(&mut t);
        act(&mut flow, &mut t, Action::Follow(Link::DifferentMethod));
        act(
            &mut flow,
            &mut t,
            Action::Choose(Choice::Add(NewMethod::Phone(PhoneSlot::Mobile))),
        );
        act(&mut flow, &mut t, Action::Press(Button::Confirm));
        phone_by_text(&mut flow, &mut t);
        act(&mut flow, &mut t, Action::Press(Button::Next));
        assert_eq!(
            step(&flow).0,
            Some(expected),
            "{state:?}, allowed: {allowed}"
        );
    }
}
