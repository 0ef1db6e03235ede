//! A run's results for other tools: JUnit XML for CI dashboards and JSON for scripts.
//!
//! Both are made from the finished [`RunReport`], so they say exactly what the console said:
//! one JUnit test case per scenario (per Examples row for outlines), named with its
//! `file:line`; feature files that could not be read or parsed are test cases in error, so a
//! refused file is never missing from a dashboard. Report files carry a mark
//! ([`MARK`]) so that a later run may replace its own report but never a file it did not write.

use super::{RunReport, Status, StepRecord, advice};
use junit_report::{Report, TestCase, TestSuite};
use std::collections::BTreeMap;
use std::path::Path;

/// Written into every JUnit report (as a comment), so a later run knows the file is ours.
pub const MARK: &str = "written by mfa-sim run";

/// The same mark in a JSON report (its `written_by` field).
pub const JSON_MARK: &str = "\"written_by\": \"mfa-sim run\"";

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The path holds something mfa-sim did not write.
    #[error(
        "{0} already exists and was not written by mfa-sim; choose another path or move the file away"
    )]
    NotOurs(String),
    /// The file system refused.
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
    /// The XML writer failed.
    #[error("cannot make the JUnit report: {0}")]
    Xml(String),
}

/// One scenario's steps, in order.
type Scenarios<'a> = BTreeMap<(&'a str, usize), Vec<&'a StepRecord>>;

fn scenarios(report: &RunReport) -> Scenarios<'_> {
    let mut out: Scenarios<'_> = BTreeMap::new();
    for s in &report.steps {
        out.entry((s.path.as_str(), s.scenario_line))
            .or_default()
            .push(s);
    }
    out
}

/// The first step that did not pass and why, as one line, with the advice for an undefined
/// step as further lines.
fn failure(steps: &[&StepRecord]) -> Option<(&'static str, String, String)> {
    let s = steps
        .iter()
        .find(|s| matches!(s.status, Status::Failed(_) | Status::Undefined))?;
    let place = format!("{}:{}:{}", s.path, s.step_line, s.step_column);
    Some(match &s.status {
        Status::Undefined => {
            let lines = advice::undefined(s);
            (
                "undefined",
                format!("{place}: undefined step: {} {}", s.keyword, s.text),
                lines.join("\n"),
            )
        }
        Status::Failed(why) => (
            "failed",
            format!("{place}: {} {}: {}", s.keyword, s.text, first_line(why)),
            why.clone(),
        ),
        _ => unreachable!("filtered above"),
    })
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The run as JUnit XML: a test suite per feature file, a test case per scenario named
/// `file:line: title`.
pub fn junit(report: &RunReport) -> Result<Vec<u8>, ReportError> {
    let mut suites: BTreeMap<&str, TestSuite> = BTreeMap::new();
    for ((path, line), steps) in scenarios(report) {
        let title = steps.first().map_or("", |s| s.scenario.as_str());
        let name = format!("{path}:{line}: {title}");
        let zero = junit_report::Duration::ZERO;
        let mut case = match failure(&steps) {
            Some((kind, message, cause)) => {
                let mut case = TestCase::failure(&name, zero, kind, &message);
                case.set_system_out(&cause);
                case
            }
            None => TestCase::success(&name, zero),
        };
        case.set_classname(path);
        case.set_filepath(path);
        suites
            .entry(path)
            .or_insert_with(|| suite(path))
            .add_testcase(case);
    }
    let mut refused = suite("files that could not be run");
    for p in &report.problems {
        let mut case = TestCase::error(
            &p.place,
            junit_report::Duration::ZERO,
            "not run",
            &p.to_string(),
        );
        case.set_filepath(p.place.split(':').next().unwrap_or_default());
        refused.add_testcase(case);
    }
    let mut out = Report::new();
    out.add_testsuites(suites.into_values());
    if !report.problems.is_empty() {
        out.add_testsuite(refused);
    }
    let mut xml = Vec::new();
    out.write_xml(&mut xml)
        .map_err(|e| ReportError::Xml(e.to_string()))?;
    // The mark goes right after the XML declaration, as a comment.
    let text = String::from_utf8(xml).map_err(|e| ReportError::Xml(e.to_string()))?;
    let marked = match text.split_once("?>") {
        Some((decl, rest)) => format!("{decl}?>\n<!-- {MARK} -->\n{rest}\n"),
        None => format!("<!-- {MARK} -->\n{text}\n"),
    };
    Ok(marked.into_bytes())
}

fn suite(name: &str) -> TestSuite {
    let mut suite = TestSuite::new(name);
    // A fixed timestamp: the report of the same run is the same file.
    suite.set_timestamp(junit_report::OffsetDateTime::UNIX_EPOCH);
    suite
}

/// One scenario in the JSON report.
#[derive(Debug, serde::Serialize)]
struct JsonScenario<'a> {
    file: &'a str,
    line: usize,
    feature: &'a str,
    name: &'a str,
    tags: &'a [String],
    status: &'static str,
    steps: Vec<JsonStep<'a>>,
}

/// One step in the JSON report.
#[derive(Debug, serde::Serialize)]
struct JsonStep<'a> {
    line: usize,
    column: usize,
    keyword: &'a str,
    text: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// The JSON report as a whole.
#[derive(Debug, serde::Serialize)]
struct JsonReport<'a> {
    written_by: &'static str,
    version: &'static str,
    passed: bool,
    scenarios: Vec<JsonScenario<'a>>,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Debug, serde::Serialize)]
struct JsonProblem<'a> {
    place: &'a str,
    message: &'a str,
}

/// The run as JSON: every scenario with its steps, statuses and messages, and every file that
/// could not be run.
pub fn json(report: &RunReport) -> Vec<u8> {
    let scenarios = scenarios(report)
        .into_iter()
        .map(|((file, line), steps)| {
            let first = steps[0];
            let status = if steps.iter().all(|s| s.status == Status::Passed) {
                "passed"
            } else if steps.iter().any(|s| s.status == Status::Undefined) {
                "undefined"
            } else {
                "failed"
            };
            JsonScenario {
                file,
                line,
                feature: &first.feature_name,
                name: &first.scenario,
                tags: &first.tags,
                status,
                steps: steps
                    .iter()
                    .map(|s| JsonStep {
                        line: s.step_line,
                        column: s.step_column,
                        keyword: &s.keyword,
                        text: &s.text,
                        status: s.status.word(),
                        message: match &s.status {
                            Status::Failed(why) => Some(why.clone()),
                            Status::Undefined => Some(advice::undefined(s).join("\n")),
                            _ => None,
                        },
                        notes: &s.notes,
                    })
                    .collect(),
            }
        })
        .collect();
    let out = JsonReport {
        written_by: "mfa-sim run",
        version: env!("CARGO_PKG_VERSION"),
        passed: report.passed(),
        scenarios,
        problems: report
            .problems
            .iter()
            .map(|p| JsonProblem {
                place: &p.place,
                message: &p.message,
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&out).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `Ok` when `path` may receive a report: it does not exist or holds one of ours. Checked
/// before a run, so a run is not wasted on a path it may not write.
pub fn writable(path: &Path, mark: &str) -> Result<(), ReportError> {
    if path.exists() {
        let ours = std::fs::read(path)
            .map(|old| {
                let head = &old[..old.len().min(4096)];
                String::from_utf8_lossy(head).contains(mark)
            })
            .unwrap_or(false);
        if !ours {
            return Err(ReportError::NotOurs(crate::project::shown(path)));
        }
    }
    Ok(())
}

/// Write `bytes` to `path`, which must not exist or must hold an earlier report of ours
/// (one that contains `mark`: [`MARK`] or [`JSON_MARK`]).
pub fn write(path: &Path, bytes: &[u8], mark: &str) -> Result<(), ReportError> {
    writable(path, mark)?;
    let shown = crate::project::shown(path);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| ReportError::Io(shown.clone(), e))?;
    }
    std::fs::write(path, bytes).map_err(|e| ReportError::Io(shown, e))
}
