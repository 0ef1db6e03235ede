//! Tests of `mfa_sim::records` (`src/records.rs`), through its public API.

use mfa_sim::records::*;
use std::net::Ipv4Addr;

#[test]
fn a_sign_in_row_opens_as_its_details_with_the_simulators_words_marked() {
    let address: Ipv4Addr = "198.51.100.77".parse().unwrap();
    let row = SignInRow {
        at: 0,
        user: "dana@contoso.com".into(),
        app: "Office 365".into(),
        client: ClientKind::Browser,
        address: Some(address),
        place: Some(place(address)),
        method: Some("Text message".into()),
        result: SignInResult::Failure,
        detail: "MFA denied".into(),
        app_password: None,
    };
    let view = row.details();
    assert_eq!(view.kind, PanelKind::SignInDetails);
    let field = |label: &str| {
        view.fields
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(field("IP address"), Some("198.51.100.77"));
    assert_eq!(field("Status"), Some("Failure"));
    assert_eq!(field("Authentication method"), Some("Text message"));
    assert!(view.lines.iter().all(|(_, w)| *w == Wording::Simulator));
    assert!(view.lines[0].0.contains("Lyon"));
    let unknown = SignInRow {
        address: None,
        place: None,
        method: None,
        ..row
    }
    .details();
    assert_eq!(
        unknown
            .fields
            .iter()
            .find(|(l, _)| l == "IP address")
            .unwrap()
            .1,
        "-"
    );
    assert!(
        !unknown
            .fields
            .iter()
            .any(|(l, _)| l == "Authentication method")
    );
}

#[test]
fn each_documentation_range_has_its_own_place_and_others_none() {
    let at = |a: &str| place(a.parse().unwrap());
    assert_eq!(at("203.0.113.25"), at("203.0.113.200"));
    assert_ne!(at("203.0.113.25"), at("198.51.100.77"));
    assert_ne!(at("198.51.100.77"), at("192.0.2.1"));
    assert_eq!(at("10.0.0.1"), "unknown place");
}
