//! The harness refuses what it cannot run: an undefined step fails the run and is named.

mod common;

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
