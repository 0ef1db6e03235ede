//! Tests of `mfa_sim::lint::render` (`src/lint/render.rs`), through its public API.

use mfa_sim::lint::Verdict;
use mfa_sim::lint::render::*;
use mfa_sim::lint::{Finding, Severity};

fn finding(line: usize, severity: Severity) -> Finding {
    Finding {
        file: "guide/x.md".into(),
        line,
        col: 4,
        severity,
        message: format!("message {line}"),
        about: "rule 22: Using an App Password".into(),
        step: Some("APW-09".into()),
        label: None,
        then: Verdict::Holds,
        now: Verdict::Absent,
    }
}

#[test]
fn junit_cases_carry_the_guide_file_and_line() {
    let xml = junit(&[finding(11, Severity::Error), finding(12, Severity::Note)]).unwrap();
    assert!(xml.contains(r#"name="guide/x.md:11:4""#), "{xml}");
    assert!(xml.contains(r#"file="guide/x.md""#), "{xml}");
    assert!(
        xml.contains(r#"<failure type="error" message="message 11""#),
        "{xml}"
    );
    assert!(xml.contains("<skipped"), "a note is a skipped case: {xml}");
}

#[test]
fn the_text_shape_is_file_line_col_severity_message_and_tags() {
    let t = text(
        &[finding(11, Severity::Warning), finding(12, Severity::Note)],
        false,
    );
    assert_eq!(
        t,
        "guide/x.md:11:4: warning: message 11 [APW-09; rule 22: Using an App Password]\n"
    );
}
