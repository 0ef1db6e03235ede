//! Property tests for the feature-file and book-directive input surfaces: arbitrary text and
//! the repository's own files damaged line by line give findings or success, never a panic
//! or a hang, and a damaged file never runs green.

use crate::common;

use common::{mutate, mutations, within};
use mfa_sim::harness::syntax::check_bytes;
use mfa_sim::harness::{RunOptions, run};
use proptest::prelude::*;

fn shipped_features() -> Vec<(String, String)> {
    common::texts_in(&common::repo().features(), "feature")
        .into_iter()
        .map(|(p, text)| (p.file_name().unwrap().to_string_lossy().into_owned(), text))
        .collect()
}

/// Lines a feature file is made of, good and bad, for generated files.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Feature: F".to_string()),
        Just("  Background:".to_string()),
        Just("  Scenario: S".to_string()),
        Just("  Scenario Outline: O".to_string()),
        Just("    Examples:".to_string()),
        Just("  Rule: R".to_string()),
        Just("    Given the tenant from \"contoso\"".to_string()),
        Just("    When Dana waits".to_string()),
        Just("    Then <who> sees \"x\"".to_string()),
        Just("      | who |".to_string()),
        Just("      | Dana | Lee |".to_string()),
        Just("      \"\"\"".to_string()),
        Just("      ```".to_string()),
        Just("  @guide:SMS-01".to_string()),
        Just("# language: de".to_string()),
        Just("# a comment".to_string()),
        Just(String::new()),
        "\\PC{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_give_findings_or_success(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = within(10, move || check_bytes(&bytes, "x.feature"));
    }

    #[test]
    fn generated_files_pass_only_what_gherkin_parses(lines in proptest::collection::vec(fragment(), 0..40)) {
        let text = lines.join("\n");
        let findings = within(10, {
            let text = text.clone();
            move || check_bytes(text.as_bytes(), "g.feature")
        });
        if findings.is_empty() {
            prop_assert!(
                cucumber::gherkin::Feature::parse(&text, Default::default()).is_ok(),
                "accepted a file Gherkin rejects:\n{text}"
            );
        }
        for f in &findings {
            prop_assert!(f.place.starts_with("g.feature"), "{f}");
            prop_assert!(!f.message.is_empty());
        }
    }

    #[test]
    fn damaged_shipped_features_give_findings_or_success(
        pick in any::<usize>(),
        donor in any::<usize>(),
        damage in mutations(6),
    ) {
        let files = shipped_features();
        let (name, text) = &files[pick % files.len()];
        let (_, other) = &files[donor % files.len()];
        let damaged = mutate(text, other, &damage);
        let name = name.clone();
        let findings = within(10, move || check_bytes(damaged.as_bytes(), &name));
        for f in &findings {
            prop_assert!(f.place.contains(".feature"), "{f}");
        }
    }

    #[test]
    fn directives_in_code_stay_literal(
        before in "[a-z \\n]{0,40}",
        after in "[a-z \\n]{0,40}",
        name in "[a-z-]{1,12}",
    ) {
        let directive = format!("{{{{#scenario {name}.feature:{name}}}}}");
        for wrapped in [
            format!("{before}\n\n```\n{directive}\n```\n{after}"),
            format!("{before}\n\n~~~text\n{directive}\n~~~\n{after}"),
            format!("{before}\n\n    {directive}\n\n{after}"),
            format!("{before}\n\nSee `{directive}` for the syntax.\n{after}"),
        ] {
            prop_assert!(mfa_sim::book::directives(&wrapped).is_empty(), "{wrapped:?}");
        }
        let plain = format!("{before}\n\n{directive}\n\n{after}");
        prop_assert_eq!(mfa_sim::book::directives(&plain).len(), 1, "{:?}", plain);
    }

    #[test]
    fn arbitrary_chapters_never_panic(text in "\\PC{0,400}") {
        let _ = within(10, move || mfa_sim::book::directives(&text));
    }
}

proptest! {
    // Each case runs the simulator on a damaged copy of a short feature: fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_feature_never_runs_green_unless_it_reads_cleanly(damage in mutations(3)) {
        let repo = common::repo();
        let text = std::fs::read_to_string(repo.features().join("introduction.feature")).unwrap();
        let damaged = mutate(&text, "    Dana is ready\n  Scenaro: x\n", &damage);
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("introduction.feature");
        std::fs::write(&file, &damaged).unwrap();
        let findings = check_bytes(damaged.as_bytes(), "introduction.feature");
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        let report = runtime.block_on(run(&repo, &file, RunOptions::default()));
        if !findings.is_empty() {
            prop_assert!(!report.passed(), "passed despite {:?}", findings);
            prop_assert!(!report.problems.is_empty());
        }
        if report.passed() {
            let parsed = cucumber::gherkin::Feature::parse(&damaged, Default::default()).unwrap();
            let scenarios: usize = parsed
                .scenarios
                .iter()
                .chain(parsed.rules.iter().flat_map(|r| r.scenarios.iter()))
                .map(|s| s.examples.iter().map(|e| e.table.as_ref().map_or(0, |t| t.rows.len().saturating_sub(1))).sum::<usize>().max(1))
                .sum();
            prop_assert_eq!(report.scenario_count(), scenarios, "a scenario was dropped");
        }
    }
}
