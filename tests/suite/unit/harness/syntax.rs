//! Tests of `mfa_sim::harness::syntax` (`src/harness/syntax.rs`), through its public API.

use mfa_sim::harness::syntax::*;
use std::collections::BTreeSet;

const GOOD: &str = "@section:x\nFeature: F\n  Some words.\n\n  Background:\n    Given the tenant from \"contoso\"\n\n  @guide:X-1\n  Scenario: S\n    When Dana waits\n    Then Dana sees \"x\"\n      \"\"\"\n      anything: here\n      \"\"\"\n\n  Scenario Outline: O\n    When <who> waits\n\n    Examples:\n      | who  |\n      | Dana |\n";

fn messages(text: &str) -> Vec<String> {
    check_bytes(text.as_bytes(), "f.feature")
        .iter()
        .map(ToString::to_string)
        .collect()
}

const MARKED: &str = "Feature: F\n\n  @guide:A-1 @guide:A-2\n  Scenario: S\n    Given x\n    # guide: A-1\n    When y\n    # guide: A-2 a remark\n    Then z\n";

fn known() -> BTreeSet<String> {
    ["A-1", "A-2", "A-3"]
        .into_iter()
        .map(String::from)
        .collect()
}

fn marked(text: &str) -> Vec<String> {
    check_bytes_with(text.as_bytes(), "m.feature", Some(&known()))
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn guide_markers_are_accepted_where_they_serve_the_scenarios_tags() {
    assert_eq!(marked(MARKED), Vec::<String>::new());
    // One guide step needs no marker; a marker for it is allowed.
    let one =
        "Feature: F\n  @guide:A-1\n  Scenario: S\n    Given x\n    # guide: A-1\n    When y\n";
    assert_eq!(marked(one), Vec::<String>::new());
    assert_eq!(
        marked(&one.replace("    # guide: A-1\n", "")),
        Vec::<String>::new()
    );
}

#[test]
fn guide_markers_that_name_the_wrong_step_are_refused_with_their_line() {
    let m = marked(&MARKED.replace("# guide: A-2 a remark", "# guide: A-9"));
    assert!(
        m.iter()
            .any(|m| m.starts_with("m.feature:8:5: `# guide: A-9` names no step of the guide")),
        "{m:?}"
    );
    let m = marked(&MARKED.replace("# guide: A-2 a remark", "# guide: A-3"));
    assert!(
        m.iter().any(|m| m.starts_with("m.feature:8:5: `# guide: A-3` is not among this scenario's guide tags (@guide:A-1 @guide:A-2)")),
        "{m:?}"
    );
    // The tag no marker serves is named too.
    assert!(
        m.iter().any(|m| m.starts_with(
            "m.feature:4:3: @guide:A-2 is on this scenario but no `# guide: A-2` marker is"
        )),
        "{m:?}"
    );
    let m = marked(&MARKED.replace("@guide:A-2", "@guide:B-7"));
    assert!(
        m.iter()
            .any(|m| m.starts_with("m.feature:3:3: `@guide:B-7` names no step of the guide")),
        "{m:?}"
    );
    let m = marked(&MARKED.replace("# guide: A-2 a remark", "# guide:"));
    assert!(
        m.iter()
            .any(|m| m.contains("m.feature:8:5: a `# guide:` marker without an ID")),
        "{m:?}"
    );
}

#[test]
fn a_scenario_with_several_guide_steps_must_be_marked_and_markers_need_steps() {
    let m = marked(
        &MARKED
            .replace("    # guide: A-1\n", "")
            .replace("    # guide: A-2 a remark\n", ""),
    );
    assert!(
        m.iter().any(|m| m.starts_with("m.feature:4:3: this scenario is tagged with 2 guide steps (A-1, A-2) but does not say which steps serve which")),
        "{m:?}"
    );
    let m = marked(&MARKED.replace("    Then z\n", ""));
    assert!(
        m.iter()
            .any(|m| m
                .starts_with("m.feature:8:5: this `# guide: A-2` marker is followed by no step")),
        "{m:?}"
    );
    let m = marked(&MARKED.replace(
        "Feature: F\n",
        "Feature: F\n  Background:\n    # guide: A-1\n    Given w\n",
    ));
    assert!(
        m.iter()
            .any(|m| m
                .starts_with("m.feature:3:5: a `# guide:` marker outside a scenario's steps")),
        "{m:?}"
    );
    let outline = "Feature: F\n  @guide:A-1\n  Scenario Outline: O\n    When <x> waits\n\n    @guide:A-2\n    Examples:\n      | x |\n      | y |\n";
    let m = marked(outline);
    assert!(
        m.iter()
            .any(|m| m.starts_with("m.feature:7:5: these Examples add guide steps (A-2)")),
        "{m:?}"
    );
    // Without the list of guide steps, only the scenario's own tags are checked.
    assert!(
        messages(&MARKED.replace("@guide:A-2", "@guide:B-7"))
            .iter()
            .any(|m| m.contains("A-2"))
    );
}

#[test]
fn a_good_file_has_no_findings() {
    assert_eq!(messages(GOOD), Vec::<String>::new());
}

#[test]
fn a_stray_line_after_a_step_is_named() {
    let bad = GOOD.replace(
        "    Then Dana sees \"x\"\n",
        "    Then Dana sees \"x\"\n    Dana is ready\n",
    );
    let m = messages(&bad);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("f.feature:12:5: `Dana is ready` is not a step"));
}

#[test]
fn misspelt_keywords_get_a_suggestion() {
    let m = messages(&GOOD.replace("  Scenario: S", "  Scenaro: S"));
    assert!(
        m.iter().any(|m| m.contains("did you mean `Scenario:`")),
        "{m:?}"
    );
    let m = messages(&GOOD.replace("Feature: F", "Featur: F"));
    assert!(m[0].starts_with("f.feature:2:1:"), "{m:?}");
}

#[test]
fn languages_binary_tables_and_doc_strings() {
    let m = messages(&format!("# language: fr\n{GOOD}"));
    assert!(m[0].contains("language `fr`"), "{m:?}");
    let m = check_bytes(b"Feature: x\n\xff\xfe\0", "b.feature");
    assert!(m[0].to_string().starts_with("b.feature:2:1: "), "{m:?}");
    let m = messages(&GOOD.replace("      | Dana |", "      | Dana | extra |"));
    assert!(m[0].contains("has 2 cells"), "{m:?}");
    let m = messages(&GOOD.replace("      \"\"\"\n\n", "\n\n"));
    assert!(m.iter().any(|m| m.contains("never closed")), "{m:?}");
    assert!(messages("")[0].contains("no `Feature:`"));
    let m = messages(&GOOD.replace("      | Dana |\n", ""));
    assert!(
        m.iter()
            .any(|m| m.contains("f.feature:19:5: these Examples have no rows")),
        "{m:?}"
    );
    let m =
        messages("Feature: F\n  Scenario: Empty\n\n  Scenario Outline: O\n    When <x> waits\n");
    assert!(
        m.iter()
            .any(|m| m.contains("f.feature:2:3: this scenario has no steps")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("f.feature:4:3: this Scenario Outline has no `Examples:`")),
        "{m:?}"
    );
}
