//! Tests of the flows (`src/flows/`): the service's rules that live in which page comes next (rules
//! 7, 9-11, 20, 25 and 26 of [`mfa_sim::rules`]). Decisions here are on typed pages, never on
//! titles.

use mfa_sim::clock::Clock;
use mfa_sim::flows::*;
use mfa_sim::screens::{Action, Page, SignInPage};
use mfa_sim::screens::{Button, Checkbox, Choice, Field, Link, NewMethod, WizardPage};
use mfa_sim::tenant::methods::Method;
use mfa_sim::tenant::{CodeCheck, MfaState, PhoneSlot, Policy, Purpose};
use mfa_sim::tenant::{Tenant, UserId, VerifyOption};

fn tenant(date: &str, policy: Policy) -> (Tenant, UserId, Clock) {
    crate::unit::tenant::test_tenant::with_user(
        date,
        policy,
        7,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    )
}

use crate::unit::tenant::test_tenant::add_mobile;

/// Open `dest` and type the user's name and password.
fn sign_in(dest: Destination, t: &mut Tenant, cookies: &mut Cookies) -> Flow {
    let mut flow = Flow::open(dest, t, cookies);
    for action in [
        Action::Enter(Field::Email, "dana@contoso.com".into()),
        Action::Press(Button::Next),
        Action::Enter(Field::Password, "pw-right".into()),
        Action::Press(Button::SignIn),
    ] {
        flow.act(action, t, cookies).unwrap();
    }
    flow
}

fn act(flow: &mut Flow, action: Action, t: &mut Tenant, cookies: &mut Cookies) {
    flow.act(action, t, cookies).unwrap();
}

#[test]
fn security_info_asks_for_mfa_even_when_the_sign_in_would_not() {
    // Rule 10: Dana's per-user MFA is off, but she has a phone registered.
    let (mut t, id, _) = tenant("2021-06-01", Policy::default());
    add_mobile(&mut t, id);
    assert_eq!(t.user(id).mfa, MfaState::Disabled);
    let mut cookies = Cookies::default();
    let office = sign_in(Destination::Office, &mut t, &mut cookies);
    assert!(
        matches!(office.page, Page::SignIn(SignInPage::StaySignedIn { .. })),
        "Office needs no second factor: {:?}",
        office.page.id()
    );
    let mut cookies = Cookies::default();
    let info = sign_in(Destination::SecurityInfo, &mut t, &mut cookies);
    assert!(
        matches!(
            info.page,
            Page::SignIn(SignInPage::EnterCode { texted: true, .. })
        ),
        "Security info asks for a second factor, starting the default (rule 19): {:?}",
        info.page.id()
    );
}

#[test]
fn the_default_method_starts_and_another_way_lists_the_rest() {
    // Rule 19: with a phone and a second phone, the default (the first added) starts at once;
    // "Sign in another way" shows "Verify your identity" with every way, default first.
    for date in ["2021-06-01", "2026-11-28"] {
        let (mut t, id, _) = tenant(date, Policy::default());
        add_mobile(&mut t, id);
        t.user_mut(id)
            .info
            .add(
                Method::Phone {
                    slot: PhoneSlot::Alternate,
                    number: "+1 4255550199".into(),
                },
                0,
            )
            .unwrap();
        t.set_mfa_state(id, MfaState::Enforced);
        assert!(t.verify_options(id).len() > 1);
        let mut cookies = Cookies::default();
        let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
        assert!(
            matches!(
                flow.page,
                Page::SignIn(SignInPage::EnterCode { texted: true, .. })
            ),
            "{date}: the text is sent with no list first: {:?}",
            flow.page.id()
        );
        act(
            &mut flow,
            Action::Follow(Link::SignInAnotherWay),
            &mut t,
            &mut cookies,
        );
        let Page::SignIn(SignInPage::VerifyIdentity { options, .. }) = &flow.page else {
            panic!(
                "{date}: expected Verify your identity: {:?}",
                flow.page.id()
            );
        };
        assert_eq!(options[0].0, VerifyOption::Text);
        assert!(
            options
                .iter()
                .any(|(o, _)| *o == VerifyOption::Call(PhoneSlot::Alternate))
        );
    }
}

#[test]
fn a_new_method_is_offered_only_where_the_policy_allows_it() {
    // Rules 9, 11 and 20: what "I want to set up a different method" (sign-up) and "Add
    // sign-in method" (Security info) list.
    let (mut t, id, _) = tenant("2026-11-28", Policy::default());
    let flow = Flow::landed(Destination::Office, id, &mut t);
    let offered = |t: &Tenant, manage: bool| flow.new_method_options(t, manage);
    let alternate = NewMethod::Phone(PhoneSlot::Alternate);
    let office = NewMethod::Phone(PhoneSlot::Office);
    let mobile = NewMethod::Phone(PhoneSlot::Mobile);

    // Sign-up: no alternate phone; an office phone only with a business phone.
    let signup = offered(&t, false);
    assert!(signup.contains(&NewMethod::AuthenticatorApp) && signup.contains(&mobile));
    assert!(!signup.contains(&alternate) && !signup.contains(&office));
    t.user_mut(id).business_phone = Some("+1 4255550142".into());
    assert!(offered(&t, false).contains(&office));
    // Security info: the alternate phone too, while calls are allowed.
    let manage = offered(&t, true);
    assert!(manage.contains(&alternate) && manage.contains(&office));
    t.policy.methods.voice = false;
    let manage = offered(&t, true);
    assert!(!manage.contains(&alternate) && !manage.contains(&office));
    // Rule 9: methods the policy turns off are not listed.
    t.policy.methods.sms = false;
    assert!(!offered(&t, true).contains(&mobile));
    t.policy.methods.authenticator = false;
    t.policy.methods.software_oath = false;
    assert!(!offered(&t, true).contains(&NewMethod::AuthenticatorApp));
    t.policy.methods = Default::default();
    // Security defaults register an app at sign-up, no phone.
    t.policy.security_defaults = true;
    let signup = offered(&t, false);
    assert_eq!(signup, [NewMethod::AuthenticatorApp]);
    t.policy.security_defaults = false;
    // Rule 20: App Passwords only in Security info, only where allowed, only when enforced.
    t.allow_app_passwords(true);
    t.user_mut(id).mfa = MfaState::Enabled;
    assert!(!offered(&t, true).contains(&NewMethod::AppPassword));
    t.user_mut(id).mfa = MfaState::Enforced;
    assert!(offered(&t, true).contains(&NewMethod::AppPassword));
    assert!(!offered(&t, false).contains(&NewMethod::AppPassword));
}

#[test]
fn combined_sign_up_starts_with_microsoft_authenticator() {
    // Rule 7: "More information required", then the wizard starts with Microsoft
    // Authenticator and offers the two other ways; the different-app way ends in "Success!"
    // and enforces the user (rule 4).
    let (mut t, id, _) = tenant("2026-11-28", Policy::default());
    t.set_mfa_state(id, MfaState::Enabled);
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::MoreInfoRequired { .. })
    ));
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    let start = Page::Wizard {
        manage: false,
        step: WizardPage::StartApp {
            other_methods: true,
        },
        progress: None,
    };
    assert_eq!(flow.page, start);
    let view = flow.page.view();
    assert!(view.offers(&Action::Follow(Link::DifferentAuthenticatorApp)));
    assert!(view.offers(&Action::Follow(Link::DifferentMethod)));
    // Getting the app, then pairing it by QR code.
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::Wizard {
            step: WizardPage::SetUpAccount { .. },
            ..
        }
    ));
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    let Page::Wizard {
        step: WizardPage::ScanQr { payload, .. },
        ..
    } = &flow.page
    else {
        panic!("expected the QR code page, got {:?}", flow.page.id());
    };
    assert!(payload.starts_with(mfa_sim::tenant::ACTIVATION_SCHEME));
    // Back to the start, and the different-app way to the end.
    act(&mut flow, Action::Press(Button::Back), &mut t, &mut cookies);
    act(&mut flow, Action::Press(Button::Back), &mut t, &mut cookies);
    assert_eq!(flow.page, start);
    for action in [
        Action::Follow(Link::DifferentAuthenticatorApp),
        Action::Press(Button::Next),
        Action::Press(Button::Next),
    ] {
        act(&mut flow, action, &mut t, &mut cookies);
    }
    let challenge = flow.challenge().unwrap();
    let Some(Purpose::RegisterSoftwareToken { oath }) =
        t.challenge(challenge).map(|c| c.purpose.clone())
    else {
        panic!("a software token is being registered");
    };
    let code = oath.code_at(t.now());
    act(
        &mut flow,
        Action::Enter(Field::Code, code),
        &mut t,
        &mut cookies,
    );
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    assert!(
        matches!(
            flow.page,
            Page::Wizard {
                step: WizardPage::Success { .. },
                ..
            }
        ),
        "one method, then Success!: {:?}",
        flow.page.id()
    );
    act(&mut flow, Action::Press(Button::Done), &mut t, &mut cookies);
    assert_eq!(t.user(id).mfa, MfaState::Enforced);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::StaySignedIn { .. })
    ));
}

#[test]
fn stay_signed_in_keeps_the_session_only_on_yes() {
    // Rule 25: Yes keeps the session (the browser reopens signed in); No marks it to end
    // when the browser closes (the browser actor drops it then).
    for (answer, kept) in [(Button::Yes, true), (Button::No, false)] {
        let (mut t, id, _) = tenant("2021-06-01", Policy::default());
        let mut cookies = Cookies::default();
        let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
        assert!(matches!(
            flow.page,
            Page::SignIn(SignInPage::StaySignedIn { .. })
        ));
        act(&mut flow, Action::Press(answer), &mut t, &mut cookies);
        assert!(matches!(flow.page, Page::Home { .. }));
        let kept_session = cookies.session.unwrap();
        assert_eq!(
            (kept_session.session.user, kept_session.persistent),
            (id, kept)
        );
        let again = Flow::open(Destination::Office, &mut t, &mut cookies);
        assert!(
            matches!(again.page, Page::Home { .. }),
            "still signed in while the browser is open"
        );
    }
}

/// Dana, enforced, with a mobile phone; the tenant remembers MFA for `remember` days.
fn enforced(remember: Option<u32>) -> (Tenant, UserId, Clock) {
    let policy = Policy {
        remember_mfa_days: remember,
        ..Policy::default()
    };
    let (mut t, id, clock) = tenant("2021-06-01", policy);
    add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enforced);
    (t, id, clock)
}

/// Type the texted code on the code page (ticking "Don't ask again" first if `tick`).
fn type_texted_code(flow: &mut Flow, t: &mut Tenant, cookies: &mut Cookies, tick: bool) {
    assert!(
        matches!(flow.page, Page::SignIn(SignInPage::EnterCode { .. })),
        "expected the code page: {:?}",
        flow.page.id()
    );
    let code = t
        .challenge(flow.challenge().unwrap())
        .and_then(|c| c.texted_code())
        .unwrap()
        .to_string();
    act(flow, Action::Enter(Field::Code, code), t, cookies);
    if tick {
        act(flow, Action::Tick(Checkbox::DontAskAgain), t, cookies);
    }
    act(flow, Action::Press(Button::Verify), t, cookies);
}

fn is_code_page(flow: &Flow) -> bool {
    matches!(flow.page, Page::SignIn(SignInPage::EnterCode { .. }))
}

#[test]
fn a_kept_session_skips_both_factors_until_ninety_days_unused() {
    // Rule 25: after Yes, the browser opens signed in (no password, no code) as long as it is
    // used within 90 days of its last use; 91 days unused, it asks to sign in again.
    let (mut t, _, clock) = enforced(None);
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    type_texted_code(&mut flow, &mut t, &mut cookies, false);
    act(&mut flow, Action::Press(Button::Yes), &mut t, &mut cookies);
    for _ in 0..3 {
        clock.advance(80 * 86_400);
        let again = Flow::open(Destination::Office, &mut t, &mut cookies);
        assert!(
            matches!(again.page, Page::Home { .. }),
            "used within 90 days"
        );
    }
    clock.advance(91 * 86_400);
    let later = Flow::open(Destination::Office, &mut t, &mut cookies);
    assert!(matches!(later.page, Page::SignIn(SignInPage::Email { .. })));
    assert!(cookies.session.is_none(), "the expired session is dropped");
}

#[test]
fn a_password_reset_ends_the_kept_session_and_revoking_mfa_sessions_does_not() {
    let (mut t, id, clock) = enforced(None);
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    type_texted_code(&mut flow, &mut t, &mut cookies, false);
    act(&mut flow, Action::Press(Button::Yes), &mut t, &mut cookies);
    clock.advance(60);
    t.revoke_mfa_sessions(id);
    let again = Flow::open(Destination::Office, &mut t, &mut cookies);
    assert!(
        matches!(again.page, Page::Home { .. }),
        "rule 30: only remembered MFA is cleared"
    );
    t.reset_password(id, "pw-new");
    let after = Flow::open(Destination::Office, &mut t, &mut cookies);
    assert!(matches!(after.page, Page::SignIn(SignInPage::Email { .. })));
}

#[test]
fn dont_ask_again_is_offered_in_a_browser_only_and_only_that_browser_skips_the_code() {
    // Rule 26: the box appears where the tenant remembers MFA, in a browser; an app's sign-in
    // window never shows it; a ticked box spares that browser the code for N days, another
    // browser (other cookies) asks again.
    let (mut t, _, _) = enforced(Some(14));
    let mut outlook_cookies = Cookies::default();
    let outlook = sign_in(Destination::Outlook, &mut t, &mut outlook_cookies);
    assert!(matches!(
        outlook.page,
        Page::SignIn(SignInPage::EnterCode {
            remember_days: None,
            ..
        })
    ));
    assert!(
        !outlook
            .page
            .view()
            .offers(&Action::Tick(Checkbox::DontAskAgain))
    );

    let (mut t, _, clock) = enforced(Some(14));
    let mut first = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut first);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::EnterCode {
            remember_days: Some(14),
            ..
        })
    ));
    type_texted_code(&mut flow, &mut t, &mut first, true);
    act(&mut flow, Action::Press(Button::No), &mut t, &mut first);
    first.session = None; // the browser closes
    clock.advance(13 * 86_400);
    let again = sign_in(Destination::Office, &mut t, &mut first);
    assert!(
        matches!(again.page, Page::SignIn(SignInPage::StaySignedIn { .. })),
        "13 days later the same browser skips the code: {:?}",
        again.page.id()
    );
    let mut other = Cookies::default();
    let elsewhere = sign_in(Destination::Office, &mut t, &mut other);
    assert!(is_code_page(&elsewhere), "another browser asks again");
    first.session = None;
    clock.advance(86_400);
    let day_14 = sign_in(Destination::Office, &mut t, &mut first);
    assert!(is_code_page(&day_14), "14 days on, the code is asked again");
}

#[test]
fn the_strictest_setting_wins_a_kept_session_with_fourteen_days_asks_for_mfa_every_fourteen_days() {
    // Section 6 of the reference notes: "Stay signed in" plus remembered MFA of 14 days means
    // MFA every 14 days, even in a browser used every day.
    let (mut t, _, clock) = enforced(Some(14));
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    type_texted_code(&mut flow, &mut t, &mut cookies, false);
    act(&mut flow, Action::Press(Button::Yes), &mut t, &mut cookies);
    for _ in 0..13 {
        clock.advance(86_400);
        let daily = Flow::open(Destination::Office, &mut t, &mut cookies);
        assert!(matches!(daily.page, Page::Home { .. }));
    }
    clock.advance(86_400);
    let day_14 = Flow::open(Destination::Office, &mut t, &mut cookies);
    assert!(matches!(
        day_14.page,
        Page::SignIn(SignInPage::Email { .. })
    ));
    let again = sign_in(Destination::Office, &mut t, &mut cookies);
    assert!(is_code_page(&again), "and the code is asked for");
}

#[test]
fn dont_ask_again_is_on_the_call_page_too_and_a_ticked_box_is_remembered_when_the_call_is_answered()
{
    // Rule 26: the box is on the second-factor page whatever the method; here a call.
    let (mut t, id, clock) = enforced(Some(7));
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    act(
        &mut flow,
        Action::Follow(Link::SignInAnotherWay),
        &mut t,
        &mut cookies,
    );
    let call = Action::Choose(Choice::Verify(VerifyOption::Call(PhoneSlot::Mobile)));
    act(&mut flow, call, &mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::Calling {
            remember_days: Some(7),
            remember: false,
            ..
        })
    ));
    let tick = Action::Tick(Checkbox::DontAskAgain);
    assert!(flow.page.view().offers(&tick));
    act(&mut flow, tick, &mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::Calling { remember: true, .. })
    ));
    t.answer_call(flow.challenge().unwrap(), "#");
    flow.refresh(&mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::StaySignedIn { .. })
    ));
    assert_eq!(cookies.remembered_mfa.get(&id), Some(&t.now()));
    clock.advance(6 * 86_400);
    let again = sign_in(Destination::Office, &mut t, &mut cookies);
    assert!(
        matches!(again.page, Page::SignIn(SignInPage::StaySignedIn { .. })),
        "6 days later: no second factor"
    );
}

#[test]
fn a_tenant_that_hides_stay_signed_in_gives_sessions_that_end_with_the_browser() {
    // Rule 25: without the "Stay signed in?" question there is no Yes, so no kept session.
    let policy = Policy {
        stay_signed_in_prompt: false,
        ..Policy::default()
    };
    let (mut t, id, _) = tenant("2021-06-01", policy);
    let mut cookies = Cookies::default();
    let flow = sign_in(Destination::Office, &mut t, &mut cookies);
    assert!(matches!(flow.page, Page::Home { .. }));
    let kept = cookies.session.unwrap();
    assert_eq!((kept.session.user, kept.persistent), (id, false));
}

/// The code a passkey QR page shows, confirmed as the phone's Authenticator would.
fn confirm_passkey_on_the_phone(flow: &Flow, t: &mut Tenant) {
    let Page::Wizard {
        step: WizardPage::PasskeyQr { payload, .. },
        ..
    } = &flow.page
    else {
        panic!("not the passkey QR page: {:?}", flow.page.id());
    };
    t.create_passkey(payload).unwrap();
}

#[test]
fn add_a_passkey_after_a_texted_code_registers_one() {
    // Rule 35: on 2026-10-01 a texted sign-in is followed by the suggestion; "Add a passkey"
    // registers one and the sign-in goes on to "Stay signed in?".
    let (mut t, id, _) = tenant("2026-10-01", Policy::default());
    add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enforced);
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    let code = t
        .challenge(flow.challenge().unwrap())
        .and_then(|c| c.texted_code().map(str::to_string))
        .unwrap();
    act(
        &mut flow,
        Action::Enter(Field::Code, code),
        &mut t,
        &mut cookies,
    );
    act(
        &mut flow,
        Action::Press(Button::Verify),
        &mut t,
        &mut cookies,
    );
    assert_eq!(flow.page, Page::SignIn(SignInPage::PasskeyNudge));
    act(
        &mut flow,
        Action::Press(Button::AddPasskey),
        &mut t,
        &mut cookies,
    );
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    assert!(
        flow.page.view().error.is_some(),
        "Next before the phone confirmed is refused"
    );
    confirm_passkey_on_the_phone(&flow, &mut t);
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::StaySignedIn { .. })
    ));
    assert_eq!(t.user(id).info.passkey_devices().len(), 1);
}

#[test]
fn the_blocking_passkey_step_registers_then_signs_in_with_it() {
    // Rule 36: on 2027-02-01 Dana's only method is a phone; no "Not now", and once the
    // passkey is saved the sign-in asks the phone for it.
    let (mut t, id, _) = tenant("2027-02-01", Policy::default());
    add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enforced);
    let mut cookies = Cookies::default();
    let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
    assert_eq!(flow.page, Page::SignIn(SignInPage::PasskeyRequired));
    assert!(!flow.page.view().offers(&Action::Press(Button::NotNow)));
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    confirm_passkey_on_the_phone(&flow, &mut t);
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    act(&mut flow, Action::Press(Button::Next), &mut t, &mut cookies);
    assert_eq!(
        flow.page,
        Page::SignIn(SignInPage::PasskeySignIn { error: None })
    );
    let c = flow.challenge().unwrap();
    t.answer_push(c, mfa_sim::tenant::Answer::Approve(None));
    flow.refresh(&mut t, &mut cookies);
    assert!(matches!(
        flow.page,
        Page::SignIn(SignInPage::StaySignedIn { .. })
    ));
    let row = t.sign_in_log().last().unwrap();
    assert_eq!(
        row.method.as_deref(),
        Some("Passkey (Microsoft Authenticator)")
    );
}

#[test]
fn a_passkey_is_added_from_security_info_not_from_the_wizard() {
    let (mut t, id, _) = tenant("2026-11-28", Policy::default());
    add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enforced);
    let mut cookies = Cookies::default();
    let flow = sign_in(Destination::SecurityInfo, &mut t, &mut cookies);
    // Rule 11: Security info (manage mode) offers it; the sign-up wizard does not.
    assert!(
        flow.new_method_options(&t, true)
            .contains(&NewMethod::Passkey)
    );
    assert!(
        !flow
            .new_method_options(&t, false)
            .contains(&NewMethod::Passkey)
    );
    // Before September 2026 (and with no tenant setting) there is no passkey to add.
    let (t2, _, _) = tenant("2026-06-01", Policy::default());
    assert!(
        !flow
            .new_method_options(&t2, true)
            .contains(&NewMethod::Passkey)
    );
}

#[test]
fn a_trusted_ip_skips_the_second_factor_and_the_log_says_so() {
    // Rule 5: the browser's address decides.
    let policy = Policy {
        trusted_ips: vec!["198.51.100.0/24".into()],
        ..Policy::default()
    };
    let (mut t, id, _) = tenant("2026-11-28", policy);
    add_mobile(&mut t, id);
    t.set_mfa_state(id, MfaState::Enforced);
    for (address, skipped) in [("198.51.100.20", true), ("203.0.113.25", false)] {
        let mut cookies = Cookies::default();
        let mut flow = Flow::open(Destination::Office, &mut t, &mut cookies)
            .seen_from(address.parse().unwrap());
        for action in [
            Action::Enter(Field::Email, "dana@contoso.com".into()),
            Action::Press(Button::Next),
            Action::Enter(Field::Password, "pw-right".into()),
            Action::Press(Button::SignIn),
        ] {
            act(&mut flow, action, &mut t, &mut cookies);
        }
        assert_eq!(
            matches!(flow.page, Page::SignIn(SignInPage::StaySignedIn { .. })),
            skipped,
            "{address}: {:?}",
            flow.page.id()
        );
    }
    let row = t
        .sign_in_log()
        .iter()
        .find(|r| r.detail.contains("trusted IP"))
        .unwrap();
    assert_eq!(row.detail, "signed in from 198.51.100.20, a trusted IP");
    // Every browser row says where it came from, with the simulator's place for the range.
    assert_eq!(row.address, Some("198.51.100.20".parse().unwrap()));
    assert_eq!(
        row.location(),
        "198.51.100.20 (Lyon, Auvergne-Rhone-Alpes, FR)"
    );
}

#[test]
fn the_passkey_suggestion_follows_any_second_factor_where_texts_or_calls_are_enabled() {
    // Rule 35: "enabled for texts or calls" is the tenant's policy, not the method used: an
    // Authenticator user is asked too; in a tenant without texts and calls nobody is.
    for (phones_allowed, nudged) in [(true, true), (false, false)] {
        let mut policy = Policy::default();
        policy.methods.sms = phones_allowed;
        policy.methods.voice = phones_allowed;
        let (mut t, id, _) = tenant("2026-10-01", policy);
        t.user_mut(id)
            .info
            .add(
                Method::Authenticator {
                    device: 5,
                    device_name: "Dana's phone".into(),
                    oath: mfa_sim::tenant::oath::Oath::new(&[5; 20], "Contoso", "dana@contoso.com")
                        .unwrap(),
                    last_step: None,
                },
                0,
            )
            .unwrap();
        t.set_mfa_state(id, MfaState::Enforced);
        if !phones_allowed {
            t.policy.methods.passkey = Some(true);
        }
        let mut cookies = Cookies::default();
        let mut flow = sign_in(Destination::Office, &mut t, &mut cookies);
        let Page::SignIn(SignInPage::ApproveRequest { number, .. }) = flow.page else {
            panic!("the push starts first: {:?}", flow.page.id());
        };
        t.answer_push(
            flow.challenge().unwrap(),
            mfa_sim::tenant::Answer::Approve(number),
        );
        flow.refresh(&mut t, &mut cookies);
        assert_eq!(
            flow.page == Page::SignIn(SignInPage::PasskeyNudge),
            nudged,
            "texts and calls allowed: {phones_allowed}"
        );
    }
}

/// The older setup page up to Step 2 with a texted code (MFA enforced, nothing registered).
fn legacy_text_step2(t: &mut Tenant, cookies: &mut Cookies) -> Flow {
    let mut flow = sign_in(Destination::MfaSetup, t, cookies);
    assert_eq!(
        flow.page.id(),
        mfa_sim::screens::PageId::SignIn(mfa_sim::screens::SignInStep::MoreInfoRequired)
    );
    act(&mut flow, Action::Press(Button::Next), t, cookies);
    act(
        &mut flow,
        Action::Enter(Field::PhoneNumber, "4255550100".into()),
        t,
        cookies,
    );
    act(&mut flow, Action::Press(Button::Next), t, cookies);
    assert!(
        matches!(
            flow.page,
            Page::Legacy(mfa_sim::screens::LegacyPage::Step2 { texted: true, .. })
        ),
        "{:?}",
        flow.page
    );
    flow
}

fn texted(flow: &Flow, t: &Tenant) -> String {
    t.challenge(flow.challenge().unwrap())
        .and_then(|c| c.texted_code())
        .unwrap()
        .to_string()
}

fn legacy_step2_error(flow: &Flow) -> Option<String> {
    match &flow.page {
        Page::Legacy(mfa_sim::screens::LegacyPage::Step2 { error, .. }) => error.clone(),
        other => panic!("expected Step 2, got {:?}", other.id()),
    }
}

#[test]
fn resend_on_the_older_page_texts_a_fresh_code_and_the_first_stops_working() {
    let (mut t, id, _clock) = tenant("2021-06-01", Policy::default());
    t.set_mfa_state(id, MfaState::Enforced);
    let cookies = &mut Cookies::default();
    let mut flow = legacy_text_step2(&mut t, cookies);
    assert!(flow.page.view().offers(&Action::Follow(Link::Resend)));
    let first = texted(&flow, &t);
    act(&mut flow, Action::Follow(Link::Resend), &mut t, cookies);
    let second = texted(&flow, &t);
    assert_eq!(legacy_step2_error(&flow), None);
    assert_ne!(first, second, "a fresh code is texted");
    act(
        &mut flow,
        Action::Enter(Field::Code, first),
        &mut t,
        cookies,
    );
    act(&mut flow, Action::Press(Button::Verify), &mut t, cookies);
    assert_eq!(
        legacy_step2_error(&flow).as_deref(),
        Some(CodeCheck::Wrong.message()),
        "the first code no longer works"
    );
    act(
        &mut flow,
        Action::Enter(Field::Code, second),
        &mut t,
        cookies,
    );
    act(&mut flow, Action::Press(Button::Verify), &mut t, cookies);
    assert_eq!(
        flow.page.id(),
        mfa_sim::screens::PageId::Legacy(mfa_sim::screens::LegacyStep::Step3)
    );
}

#[test]
fn resend_counts_towards_the_limit_on_texts_and_a_refused_one_keeps_the_code() {
    // Rule 15: too many sends in the window, "You've hit our limit on text verification codes".
    let (mut t, id, _clock) = tenant("2021-06-01", Policy::default());
    t.set_mfa_state(id, MfaState::Enforced);
    let cookies = &mut Cookies::default();
    let mut flow = legacy_text_step2(&mut t, cookies);
    let limit = t.policy.limits.phone_messages_per_window;
    for _ in 1..limit {
        act(&mut flow, Action::Follow(Link::Resend), &mut t, cookies);
        assert_eq!(legacy_step2_error(&flow), None);
    }
    let last = texted(&flow, &t);
    act(&mut flow, Action::Follow(Link::Resend), &mut t, cookies);
    assert_eq!(
        legacy_step2_error(&flow).as_deref(),
        Some("You've hit our limit on text verification codes.")
    );
    assert_eq!(texted(&flow, &t), last, "no new code was sent");
    act(&mut flow, Action::Enter(Field::Code, last), &mut t, cookies);
    act(&mut flow, Action::Press(Button::Verify), &mut t, cookies);
    assert_eq!(
        flow.page.id(),
        mfa_sim::screens::PageId::Legacy(mfa_sim::screens::LegacyStep::Step3)
    );
}

#[test]
fn only_a_texted_code_can_be_sent_again() {
    let (mut t, id, _clock) = tenant("2021-06-01", Policy::default());
    t.set_mfa_state(id, MfaState::Enforced);
    let cookies = &mut Cookies::default();
    let flow = legacy_text_step2(&mut t, cookies);
    let cid = flow.challenge().unwrap();
    let code = texted(&flow, &t);
    assert_eq!(t.submit_code(cid, &code), CodeCheck::Accepted);
    assert_eq!(
        t.resend_text(cid),
        Err(mfa_sim::tenant::verification::ResendError::NotWaiting)
    );
}

/// Open `dest` and sign in with `password`.
fn sign_in_with(dest: Destination, password: &str, t: &mut Tenant, cookies: &mut Cookies) -> Flow {
    let mut flow = Flow::open(dest, t, cookies);
    for action in [
        Action::Enter(Field::Email, "dana@contoso.com".into()),
        Action::Press(Button::Next),
        Action::Enter(Field::Password, password.into()),
        Action::Press(Button::SignIn),
    ] {
        act(&mut flow, action, t, cookies);
    }
    flow
}

fn update_password(flow: &mut Flow, t: &mut Tenant, cookies: &mut Cookies, typed: [&str; 3]) {
    for (field, text) in [
        Field::CurrentPassword,
        Field::NewPassword,
        Field::ConfirmPassword,
    ]
    .into_iter()
    .zip(typed)
    {
        act(flow, Action::Enter(field, text.into()), t, cookies);
    }
    act(flow, Action::Press(Button::SignIn), t, cookies);
}

#[test]
fn change_at_next_sign_in_asks_for_a_new_password_before_mfa_and_the_temporary_one_stops_working() {
    use mfa_sim::screens::{PageId, SignInStep};
    let (mut t, id, _clock) = enforced(None);
    let temporary = t
        .reset_password_from_console(id, None, true)
        .unwrap()
        .unwrap();
    let cookies = &mut Cookies::default();
    let mut flow = sign_in_with(Destination::Office, &temporary, &mut t, cookies);
    assert_eq!(flow.page.id(), PageId::SignIn(SignInStep::UpdatePassword));
    assert!(flow.challenge().is_none(), "no MFA before the new password");
    let view = flow.page.view();
    for field in [
        Field::CurrentPassword,
        Field::NewPassword,
        Field::ConfirmPassword,
    ] {
        assert!(view.inputs.contains(&field), "{field:?}");
    }
    update_password(&mut flow, &mut t, cookies, [&temporary, "", ""]);
    let typed = match &flow.page {
        Page::SignIn(SignInPage::UpdatePassword { typed, .. }) => *typed,
        other => panic!("{:?}", other.id()),
    };
    assert_eq!(typed, [0; 3], "a refused change clears the boxes");
    // Refused: the page stays, says why, and nothing changed.
    update_password(
        &mut flow,
        &mut t,
        cookies,
        [&temporary, "Green-Teapot-27", "Green-Teapot-28"],
    );
    assert_eq!(flow.page.id(), PageId::SignIn(SignInStep::UpdatePassword));
    assert!(flow.page.view().error.is_some());
    update_password(&mut flow, &mut t, cookies, [&temporary, "short", "short"]);
    assert_eq!(flow.page.id(), PageId::SignIn(SignInStep::UpdatePassword));
    assert!(t.user(id).must_change_password);
    // Accepted: on to MFA, then signed in.
    update_password(
        &mut flow,
        &mut t,
        cookies,
        [&temporary, "Green-Teapot-27", "Green-Teapot-27"],
    );
    assert!(is_code_page(&flow), "{:?}", flow.page.id());
    type_texted_code(&mut flow, &mut t, cookies, false);
    act(&mut flow, Action::Press(Button::No), &mut t, cookies);
    assert_eq!(flow.page.id(), PageId::Home);
    assert!(!t.user(id).must_change_password);
    // The temporary password no longer works; the new one does, with no update page.
    let again = sign_in_with(
        Destination::Office,
        &temporary,
        &mut t,
        &mut Cookies::default(),
    );
    assert_eq!(again.page.id(), PageId::SignIn(SignInStep::Password));
    assert!(again.page.view().error.is_some());
    let again = sign_in_with(
        Destination::Office,
        "Green-Teapot-27",
        &mut t,
        &mut Cookies::default(),
    );
    assert!(is_code_page(&again), "{:?}", again.page.id());
}

#[test]
fn a_reset_without_the_flag_signs_in_straight_on() {
    let (mut t, id, _clock) = enforced(None);
    let temporary = t
        .reset_password_from_console(id, None, false)
        .unwrap()
        .unwrap();
    let flow = sign_in_with(
        Destination::Office,
        &temporary,
        &mut t,
        &mut Cookies::default(),
    );
    assert!(is_code_page(&flow), "{:?}", flow.page.id());
}
