//! The harness refuses what it cannot run: an undefined step fails the run and is named.

use crate::common;

use mfa_sim::harness::{RunOptions, Status, run};
use std::path::Path;

#[tokio::test(flavor = "multi_thread")]
async fn an_undefined_step_fails_the_run_and_is_named() {
    let feature =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scratch/unknown-step.feature");
    let report = run(&common::repo(), &feature, RunOptions::default()).await;
    assert!(!report.passed());
    let bad = report.problems();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].status, Status::Undefined);
    assert_eq!(
        bad[0].text,
        "Dana presses the big red button that does not exist"
    );
    assert_eq!(bad[0].step_line, 5);
    let text = mfa_sim::harness::report_text(&report, false);
    assert!(
        text.contains("? When Dana presses the big red button"),
        "{text}"
    );
    // Where, what, and a way out.
    assert!(
        text.contains("unknown-step.feature:5:5: undefined step: no step definition matches"),
        "{text}"
    );
    assert!(text.contains("nearest known steps"), "{text}");
    assert!(text.contains("When Dana presses \""), "{text}");
}

/// Nothing in the harness is process-wide: a replay and a normal run at the same time in one
/// process give exactly what they give one after the other.
#[tokio::test(flavor = "multi_thread")]
async fn runs_at_the_same_time_equal_runs_one_after_the_other() {
    let project = common::repo();
    let feature = project.features().join("text-messages.feature");
    let replay = || RunOptions {
        replay: Some(mfa_sim::harness::Replay {
            scenario: "contoso-today".into(),
            date: None,
        }),
        ..RunOptions::default()
    };
    let as_json = |r: &mfa_sim::harness::RunReport| serde_json::to_string(&r.steps).unwrap();
    let guide_alone = run(&project, &feature, RunOptions::default()).await;
    let replay_alone = run(&project, &feature, replay()).await;
    let (guide_together, replay_together) = tokio::join!(
        run(&project, &feature, RunOptions::default()),
        run(&project, &feature, replay())
    );
    assert!(guide_alone.passed());
    assert_ne!(as_json(&guide_alone), as_json(&replay_alone));
    assert_eq!(as_json(&guide_alone), as_json(&guide_together));
    assert_eq!(as_json(&replay_alone), as_json(&replay_together));
}

/// Typed step arguments: an unknown app or state fails the step naming the known values.
#[tokio::test(flavor = "multi_thread")]
async fn unknown_values_in_steps_list_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let feature = tmp.path().join("typos.feature");
    std::fs::write(
        &feature,
        "Feature: Typos\n\n  Scenario: An app that does not exist\n    Given the tenant from \"contoso\"\n    When Dana installs \"Authy2\" from the app store\n\n  Scenario: A state that does not exist\n    Given the tenant from \"contoso\"\n    Then Dana's MFA state is \"on\"\n\n  Scenario: A person who is not there\n    Given the tenant from \"contoso\"\n    When Zed opens \"https://aka.ms/mfasetup\" in his browser\n",
    )
    .unwrap();
    let report = run(&common::repo(), &feature, RunOptions::default()).await;
    let failures: Vec<String> = report
        .problems()
        .iter()
        .map(|s| match &s.status {
            Status::Failed(why) => why.clone(),
            other => other.word().to_string(),
        })
        .collect();
    assert_eq!(failures.len(), 3, "{failures:?}");
    assert!(
        failures[0].contains("no app called \"Authy2\"; known: Microsoft Authenticator"),
        "{}",
        failures[0]
    );
    assert!(
        failures[1].contains("no MFA state called \"on\"; known: disabled, enabled, enforced"),
        "{}",
        failures[1]
    );
    assert!(
        failures[2].contains("Zed") && failures[2].contains("Dana"),
        "{}",
        failures[2]
    );
}

/// A step written with the wrong keyword is named as such.
#[tokio::test(flavor = "multi_thread")]
async fn a_step_under_the_wrong_keyword_says_which_keyword_it_needs() {
    let tmp = tempfile::tempdir().unwrap();
    let feature = tmp.path().join("keywords.feature");
    std::fs::write(
        &feature,
        "Feature: Keywords\n\n  Scenario: A check written as an action\n    Given the tenant from \"contoso\"\n    When Dana's MFA state is \"disabled\"\n",
    )
    .unwrap();
    let report = run(&common::repo(), &feature, RunOptions::default()).await;
    let text = mfa_sim::harness::report_text(&report, false);
    assert!(
        text.contains("keywords.feature:5:5: undefined step")
            && text.contains("this is a Given or Then step"),
        "{text}"
    );
}
