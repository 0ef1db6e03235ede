//! Tests of `mfa_sim::guide` (`src/guide.rs`), through its public API.

#[test]
fn anchors_are_checked_against_the_guide_text() {
    let step = |id: &str, lines: &str, quote: &str| GuideStep {
        id: id.into(),
        section: "s".into(),
        summary: "x".into(),
        lines: Some(lines.into()),
        quote: Some(quote.into()),
    };
    let doc = "one\ntwo words here\nthree\n";
    let steps = [
        step("A-1", "2", "words here"),
        step("A-2", "1-3", "three"),
        step("A-3", "1", "three"),
        step("A-4", "9", "x"),
        step("A-5", "3-1", "x"),
    ];
    let problems = anchor_problems(&steps, doc);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].starts_with("A-3: \"three\" is not on line(s) 1"));
    assert!(problems[1].contains("past the end"));
    assert!(problems[2].contains("not a line or a range"));
    assert_eq!(step_at(&steps, 3).map(|s| s.id.as_str()), Some("A-2"));
    assert_eq!(step_at(&steps, 2).map(|s| s.id.as_str()), Some("A-1"));
}

use mfa_sim::guide::*;

#[test]
fn markers_attribute_steps_and_set_up_serves_the_first() {
    let text = "Feature: F\n  Background:\n    Given x\n\n  @guide:A-1 @guide:A-2\n  Scenario: S\n    Given y\n    # guide: A-2 the second\n    When z\n    # guide: A-1\n    Then w\n\n  Scenario: T\n    Given v\n";
    let m = Marks::read(text);
    let at = |s, l| m.serves(s, l);
    let setup = Some(Serves {
        id: "A-2".into(),
        setup: true,
    });
    assert_eq!(at(6, 3), setup, "the Background is set-up");
    assert_eq!(at(6, 7), setup);
    assert_eq!(
        at(6, 9),
        Some(Serves {
            id: "A-2".into(),
            setup: false
        })
    );
    assert_eq!(
        at(6, 11),
        Some(Serves {
            id: "A-1".into(),
            setup: false
        })
    );
    assert_eq!(at(13, 14), None, "an unmarked scenario");
    assert_eq!(marker("# guide: SMS-05 the code"), Some("SMS-05"));
    assert_eq!(marker("#guide:"), Some(""));
    assert_eq!(marker("# Differs from the guide: x"), None);
}

#[test]
fn forty_nine_steps() {
    let steps = mfa_sim::guide::load(&crate::common::repo().guide_steps()).unwrap();
    assert_eq!(steps.len(), 49);
}
