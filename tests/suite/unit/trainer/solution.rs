//! Tests of `mfa_sim::trainer::solution` (`src/trainer/solution.rs`), through its public API.

use mfa_sim::trainer::solution::*;

fn solution() -> Vec<Section> {
    vec![
        Section {
            guide: Some("SMS-02".into()),
            page: Some("text-messages.html".into()),
            commands: vec![
                "open aka.ms/mfasetup".into(),
                "type dana@contoso.com".into(),
            ],
        },
        Section {
            guide: Some("SMS-05".into()),
            page: None,
            commands: vec!["type {text}".into(), "press Verify".into()],
        },
    ]
}

#[test]
fn progress_counts_the_solution_found_in_order() {
    let s = solution();
    assert_eq!(progress(&s, []), 0);
    assert_eq!(section_at(&s, 0), Some(0));
    let typed = [
        "OPEN  aka.ms/mfasetup",
        "look",
        "type dana@contoso.com",
        "type 000000",
    ];
    // The wrong code still matches the placeholder: it was the step being tried.
    assert_eq!(progress(&s, typed), 3);
    assert_eq!(section_at(&s, 3), Some(1));
    // Out of order: the second command alone is no progress.
    assert_eq!(progress(&s, ["type dana@contoso.com"]), 0);
    assert_eq!(section_at(&s, 4), Some(1), "done: the last section");
    assert_eq!(section_at(&[], 0), None);
}

#[test]
fn placeholders_are_known_and_read_as_words() {
    assert!(unknown_placeholders("type {text} and {code}").is_empty());
    assert_eq!(unknown_placeholders("type {pin} {"), vec!["{pin}", "{"]);
    assert_eq!(
        readable("type {text}"),
        "type <the code in the latest text message>"
    );
    assert_eq!(
        with_samples("password Mail {app-password}"),
        "password Mail abcdefghijklmnop"
    );
    assert!(matches("type 123456", "type {text}"));
    assert!(!matches("type 1 2", "type {text}"));
}
