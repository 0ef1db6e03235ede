//! Tests of `mfa_sim::verdict` (`src/verdict/mod.rs`), through its public API.

mod forecast;
mod judge;

use mfa_sim::guide::GuideStep;
use mfa_sim::harness::RunReport;
use mfa_sim::verdict::*;

#[test]
fn a_step_without_evidence_is_not_checked_never_holds() {
    let steps = vec![GuideStep {
        id: "NOPE-1".into(),
        section: "x".into(),
        summary: "a step no scenario covers".into(),
        lines: None,
        quote: None,
    }];
    let empty = RunReport::default();
    let v = verdicts(&empty, &empty, &steps, std::path::Path::new("features"));
    assert!(matches!(v[0].verdict, Verdict::NotChecked(_)), "{:?}", v[0]);
    assert_eq!(v[0].verdict.label(), "not checked");
    assert!(table("t", &v).contains(
        "0 hold, 0 hold with differences, 0 cannot be followed, 0 no longer possible, 1 not checked"
    ));
}
