//! Tests of `mfa_sim::harness::capture` (`src/harness/capture.rs`), through its public API.

use mfa_sim::harness::capture::plain_failure;

#[test]
fn a_failure_reads_without_cucumber_s_wording() {
    assert_eq!(
        plain_failure("Step panicked. Captured output: the page has nothing labelled \"X\""),
        "the page has nothing labelled \"X\""
    );
    assert_eq!(
        plain_failure("app can not be parsed to App: no app called \"A\"; known: B"),
        "no app called \"A\"; known: B"
    );
    assert_eq!(
        plain_failure("Dana's phone can not be parsed to anything: fine"),
        "Dana's phone can not be parsed to anything: fine"
    );
}
