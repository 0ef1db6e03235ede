//! Tests of `mfa_sim::lint::detect` (`src/lint/detect.rs`), through its public API.

use mfa_sim::lint::detect::*;
use mfa_sim::lint::document::Sentence;

fn s(text: &str) -> Sentence {
    Sentence {
        line: 1,
        col: 1,
        text: text.into(),
    }
}

#[test]
fn quoted_labels_values_sections_and_addresses() {
    let d = detect(&s("Next click on “Add sign-in method” and then \"Add\"."));
    assert_eq!(
        d,
        vec![
            Detected::Label {
                text: "Add sign-in method".into(),
                verb: Some("click".into())
            },
            Detected::Label {
                text: "Add".into(),
                verb: Some("click".into())
            },
        ]
    );
    assert_eq!(
        detect(&s(
            "Name it Something Relevant such as “Mail App on my iPhone”"
        )),
        vec![Detected::Value("Mail App on my iPhone".into())]
    );
    assert_eq!(
        detect(&s(
            "Follow the section below “Setting up App Passwords” first."
        )),
        vec![Detected::SectionRef("Setting up App Passwords".into())]
    );
    assert_eq!(
        detect(&s(
            "To begin go to this link:https://example.com/AppPasswords.aspx"
        )),
        vec![Detected::Address(
            "https://example.com/AppPasswords.aspx".into()
        )]
    );
    assert_eq!(
        detect(&s("Paste this link into the search bar at the top:")),
        vec![Detected::MissingAddress]
    );
    assert!(detect(&s("It’s called “multi” factor authentication.")).is_empty());
}
