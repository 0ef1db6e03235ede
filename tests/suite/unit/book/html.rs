//! Tests of `mfa_sim::book::html` (`src/book/html.rs`), through its public API.

use mfa_sim::book::html::*;
use mfa_sim::records::Wording;
use mfa_sim::records::{PanelKind, PanelView};
use mfa_sim::transcript::Actor;
use mfa_sim::transcript::{Event, Output};

#[test]
fn the_book_marks_the_simulators_wording_only() {
    let call = |wording| Event {
        at: 0,
        actor: Actor::Phone("Dana".into()),
        output: Output::Call {
            from: "+1 8553308653".into(),
            said: "Please press the pound key.".into(),
            keys: None,
            wording,
        },
    };
    assert!(event(&call(Wording::Simulator), false).contains(Wording::MARK));
    assert!(!event(&call(Wording::Microsoft), false).contains(Wording::MARK));
    let text = Event {
        at: 0,
        actor: Actor::Phone("Dana".into()),
        output: Output::TextMessage {
            from: "97671".into(),
            body: "123456".into(),
            wording: Wording::Simulator,
        },
    };
    assert!(event(&text, false).contains("mfa-ours"));
}

#[test]
fn device_and_admin_screens_are_cards_with_the_simulators_words_marked() {
    let view = |wording| PanelView {
        kind: PanelKind::MailAccount,
        title: "Exchange".into(),
        subtitle: Some("dana@contoso.com".into()),
        fields: vec![("Password".into(), "••••••••".into())],
        toggles: vec![("Mail".into(), true)],
        rows: Vec::new(),
        buttons: vec!["Cancel".into(), "Next".into()],
        pressed: Some("Next".into()),
        lines: vec![("Connected: inbox up to date".into(), wording)],
        labels: Wording::Microsoft,
    };
    let card = |wording| {
        event(
            &Event {
                at: 0,
                actor: Actor::MailClient("iPhone Mail".into()),
                output: Output::Mail(
                    mfa_sim::records::MailStatus::Connected,
                    Some(Box::new(view(wording))),
                ),
            },
            false,
        )
    };
    let ours = card(Wording::Simulator);
    assert!(ours.contains(r#"class="mfa-screen mfa-device" data-panel="mail-account""#));
    assert!(ours.contains("mfa-toggle-on"));
    assert!(ours.contains(r#"mfa-button mfa-pressed">Next<"#));
    assert!(ours.contains(Wording::MARK));
    assert!(!card(Wording::Microsoft).contains(Wording::MARK));
    let admin = Event {
        at: 0,
        actor: Actor::Admin,
        output: Output::Admin(
            mfa_sim::records::AdminReport::Reregistration {
                upn: "dana@contoso.com".into(),
            },
            Some(Box::new(PanelView {
                kind: PanelKind::AuthenticationMethods,
                rows: vec![
                    vec!["Authentication method".into(), "Detail".into()],
                    vec!["Phone number".into(), "+1 4255550123".into()],
                ],
                ..view(Wording::Microsoft)
            })),
        ),
    };
    let drawn = event(&admin, false);
    assert!(drawn.contains(r#"data-panel="auth-methods""#));
    assert!(drawn.contains("<td>+1 4255550123</td>"));
    assert!(
        drawn.contains("mfa-console"),
        "the console's report follows the page"
    );
    assert_eq!(contents(&[admin]), "1 authentication methods page");
    let per_user = PanelView {
        kind: PanelKind::PerUserMfa,
        lines: Vec::new(),
        labels: Wording::Simulator,
        ..view(Wording::Microsoft)
    };
    let drawn = event(
        &Event {
            at: 0,
            actor: Actor::Admin,
            output: Output::Admin(
                mfa_sim::records::AdminReport::Reregistration {
                    upn: "dana@contoso.com".into(),
                },
                Some(Box::new(per_user)),
            ),
        },
        false,
    );
    assert!(
        drawn.contains(Wording::MARK),
        "labels in our words are marked"
    );
}
