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
