//! Findings in the shapes other tools read: one line each in the compiler's shape
//! (`file:line:col: severity: message [about]`), JSON, JUnit XML (one test case per finding,
//! carrying the guide's file and line) and Markdown.

use super::{Finding, Severity};
use junit_report::{Report, TestCase, TestSuite};

/// The compiler shape, one finding per line; notes only when `notes` is set.
pub fn text(findings: &[Finding], notes: bool) -> String {
    let mut out = String::new();
    for f in findings
        .iter()
        .filter(|f| notes || f.severity != Severity::Note)
    {
        out.push_str(&format!(
            "{}:{}:{}: {}: {}",
            f.file,
            f.line,
            f.col,
            f.severity.word(),
            f.message
        ));
        let tags: Vec<&str> = f
            .step
            .iter()
            .map(String::as_str)
            .chain((!f.about.is_empty()).then_some(f.about.as_str()))
            .collect();
        if !tags.is_empty() {
            out.push_str(&format!(" [{}]", tags.join("; ")));
        }
        out.push('\n');
    }
    out
}

/// How many of each severity.
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
}

/// Every finding as JSON, with both verdicts.
pub fn json(findings: &[Finding]) -> String {
    serde_json::to_string_pretty(&serde_json::json!({ "findings": findings })).unwrap_or_default()
        + "\n"
}

/// One JUnit test case per error or warning (notes are skipped cases), named
/// `file:line:col`.
pub fn junit(findings: &[Finding]) -> Result<String, String> {
    let mut suite = TestSuite::new("lint-guide");
    suite.set_timestamp(junit_report::OffsetDateTime::UNIX_EPOCH);
    for f in findings {
        let name = format!("{}:{}:{}", f.file, f.line, f.col);
        let mut case = match f.severity {
            Severity::Error => {
                TestCase::failure(&name, junit_report::Duration::ZERO, "error", &f.message)
            }
            Severity::Warning => {
                TestCase::failure(&name, junit_report::Duration::ZERO, "warning", &f.message)
            }
            Severity::Note => TestCase::skipped(&name),
        };
        case.set_classname(&f.file);
        case.set_filepath(&f.file);
        if f.severity == Severity::Note {
            case.set_system_out(&f.message);
        }
        suite.add_testcase(case);
    }
    let mut report = Report::new();
    report.add_testsuite(suite);
    let mut xml = Vec::new();
    report.write_xml(&mut xml).map_err(|e| e.to_string())?;
    String::from_utf8(xml).map_err(|e| e.to_string())
}

/// A Markdown table of the errors and warnings, then the count of notes.
pub fn markdown(findings: &[Finding]) -> String {
    let mut out = String::from("| Where | Severity | Finding | About |\n|---|---|---|---|\n");
    let cell = |s: &str| s.replace('|', "\\|");
    for f in findings.iter().filter(|f| f.severity != Severity::Note) {
        out.push_str(&format!(
            "| {}:{} | {} | {} | {} |\n",
            f.file,
            f.line,
            f.severity.word(),
            cell(&f.message),
            cell(&f.about)
        ));
    }
    let (_, _, notes) = counts(findings);
    out.push_str(&format!("\n{notes} sentences could not be checked.\n"));
    out
}
