//! Keeping each step's result and outputs, keyed by position, never by name.
//!
//! Two halves meet after a run: the [`Capture`] writer receives cucumber's events and keeps
//! every step's status (passed, failed, skipped, undefined) under its key (feature file,
//! scenario line, step line), and every feature file that could not be read or parsed; the
//! World puts the transcript events that happened during each step into its run's [`Sink`]
//! (held by the [`RunContext`] the run hands every World) under the same key. [`super::run`]
//! joins them into [`StepRecord`]s for the console, the book and the trainer. Nothing here
//! is process-wide: two runs in one process never see each other's outputs.

use crate::transcript::Event;
use cucumber::event::{Cucumber, Feature, Rule, Scenario, Step};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// (feature file name, scenario line, step line).
pub type StepKey = (String, usize, usize);

/// What happened to a step.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Ran and every check held.
    Passed,
    /// A check failed or the step panicked; the message says why.
    Failed(String),
    /// Not run because an earlier step failed.
    Skipped,
    /// No step definition matches the text.
    Undefined,
}

impl Status {
    /// A short word for the status.
    pub fn word(&self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed(_) => "failed",
            Status::Skipped => "skipped",
            Status::Undefined => "undefined",
        }
    }
}

/// One executed step with everything a reader needs.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StepRecord {
    /// Feature file name ("text-messages.feature").
    pub feature: String,
    /// Feature title.
    pub feature_name: String,
    /// Scenario title.
    pub scenario: String,
    /// Line of the scenario (of the Examples row for outlines).
    pub scenario_line: usize,
    /// Tags on the scenario and its feature.
    pub tags: Vec<String>,
    /// Line of the step.
    pub step_line: usize,
    /// Column of the step's keyword.
    pub step_column: usize,
    /// The feature file as a person finds it (relative to the current directory when below it).
    pub path: String,
    /// What the step is after `And`/`But` are resolved: `Given`, `When` or `Then`.
    pub kind: String,
    /// Given / When / Then / And.
    pub keyword: String,
    /// The step text.
    pub text: String,
    /// Docstring, if any.
    pub docstring: Option<String>,
    /// From the Background.
    pub background: bool,
    /// Result.
    pub status: Status,
    /// What a person could observe during the step.
    pub outputs: Vec<Event>,
    /// In a replay on another date: what differed from the guide's page, step went on.
    pub notes: Vec<String>,
}

/// What the World records about a scenario as it starts.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ScenarioInfo {
    /// Scenario file used for the tenant.
    pub tenant: String,
    /// Simulated start (formatted).
    pub date: String,
    /// Seed.
    pub seed: u64,
    /// The scenario names its own date (`on 2024-01-15`), so replays leave it alone.
    pub pinned: bool,
}

/// Outputs and scenario facts written by Worlds during a run.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    /// Outputs per step.
    pub outputs: BTreeMap<StepKey, Vec<Event>>,
    /// Facts per scenario (feature, scenario line).
    pub scenarios: BTreeMap<(String, usize), ScenarioInfo>,
    /// Differences from the guide noted during a replay, per step.
    pub notes: BTreeMap<StepKey, Vec<String>>,
}

/// What one run hands every World it makes: where tenants live, the replay in force, and
/// the sink the Worlds write their outputs into.
#[derive(Debug, Default)]
pub struct RunContext {
    /// The project's tenant folder (`scenarios/`).
    pub scenarios: PathBuf,
    /// Replaying on another tenant or date.
    pub replay: Option<super::Replay>,
    sink: Mutex<Sink>,
}

impl RunContext {
    /// A context for a run over the tenants in `scenarios`.
    pub fn new(scenarios: PathBuf, replay: Option<super::Replay>) -> Self {
        RunContext {
            scenarios,
            replay,
            sink: Mutex::new(Sink::default()),
        }
    }

    /// Lock this run's sink.
    pub(crate) fn sink(&self) -> std::sync::MutexGuard<'_, Sink> {
        self.sink
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A feature file that could not be run, or a hook that failed: the run cannot be green.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RunProblem {
    /// `file:line:col` (or the file alone when no line is known).
    pub place: String,
    /// What was wrong and what was expected.
    pub message: String,
}

impl std::fmt::Display for RunProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// The writer that keeps statuses and problems.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// Every step's record, in the order the events came.
    pub steps: Arc<Mutex<Vec<StepRecord>>>,
    /// Files that did not parse, hooks that failed.
    pub problems: Arc<Mutex<Vec<RunProblem>>>,
}

fn file_name(feature: &cucumber::gherkin::Feature) -> String {
    feature
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| feature.name.clone())
}

impl<W: 'static> cucumber::Writer<W> for Capture {
    type Cli = cucumber::cli::Empty;

    async fn handle_event(
        &mut self,
        ev: cucumber::parser::Result<cucumber::Event<Cucumber<W>>>,
        _: &Self::Cli,
    ) {
        let value = match ev {
            Ok(cucumber::Event { value, .. }) => value,
            Err(e) => {
                self.problem(super::syntax::parser_problem(&e));
                return;
            }
        };
        let Cucumber::Feature(feature, fev) = value else {
            return;
        };
        let (scenario, rs) = match fev {
            Feature::Scenario(sc, rs) | Feature::Rule(_, Rule::Scenario(sc, rs)) => (sc, rs),
            _ => return,
        };
        let (step, sev, background) = match rs.event {
            Scenario::Step(s, e) => (s, e, false),
            Scenario::Background(s, e) => (s, e, true),
            Scenario::Hook(_, cucumber::event::Hook::Failed(_, info)) => {
                let message = info
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| info.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "a hook failed".into());
                self.problem(RunProblem {
                    place: format!("{}:{}", file_name(&feature), scenario.position.line),
                    message: format!("the scenario's set-up failed: {message}"),
                });
                return;
            }
            _ => return,
        };
        let status = match sev {
            Step::Started => return,
            Step::Passed(..) => Status::Passed,
            Step::Skipped => Status::Skipped,
            Step::Failed(_, _, _, err) => {
                let text = err.to_string();
                if text.contains("doesn't match any function") {
                    Status::Undefined
                } else {
                    Status::Failed(plain_failure(&text))
                }
            }
        };
        let mut tags: Vec<String> = feature
            .tags
            .iter()
            .chain(scenario.tags.iter())
            .cloned()
            .collect();
        tags.dedup();
        self.steps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(StepRecord {
                feature: file_name(&feature),
                feature_name: feature.name.clone(),
                scenario: scenario.name.clone(),
                scenario_line: scenario.position.line,
                tags,
                step_line: step.position.line,
                step_column: step.position.col,
                path: feature
                    .path
                    .as_deref()
                    .map(crate::project::shown)
                    .unwrap_or_else(|| file_name(&feature)),
                kind: match step.ty {
                    cucumber::gherkin::StepType::Given => "Given",
                    cucumber::gherkin::StepType::When => "When",
                    cucumber::gherkin::StepType::Then => "Then",
                }
                .to_string(),
                keyword: step.keyword.trim().to_string(),
                text: step.value.clone(),
                docstring: step.docstring.clone(),
                background,
                status,
                outputs: Vec::new(),
                notes: Vec::new(),
            });
    }
}

impl<W: 'static> cucumber::writer::Stats<W> for Capture {
    fn passed_steps(&self) -> usize {
        self.count(|s| *s == Status::Passed)
    }
    fn skipped_steps(&self) -> usize {
        self.count(|s| *s == Status::Skipped)
    }
    fn failed_steps(&self) -> usize {
        self.count(|s| matches!(s, Status::Failed(_) | Status::Undefined))
    }
    fn retried_steps(&self) -> usize {
        0
    }
    fn parsing_errors(&self) -> usize {
        self.problems
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }
    fn hook_errors(&self) -> usize {
        0
    }
}

impl Capture {
    fn problem(&self, problem: RunProblem) {
        self.problems
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(problem);
    }

    fn count(&self, f: impl Fn(&Status) -> bool) -> usize {
        self.steps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|r| f(&r.status))
            .count()
    }
}

impl cucumber::writer::NonTransforming for Capture {}

/// Key of a feature file name.
pub(crate) fn feature_key(feature: &cucumber::gherkin::Feature) -> String {
    file_name(feature)
}

/// A failed step's message as an author should read it: cucumber words a failed check as a
/// panic ("Step panicked. Captured output: ...") and a value a step cannot use as "app can not
/// be parsed to App: ..."; a reader needs only what follows.
pub fn plain_failure(text: &str) -> String {
    let text = text
        .strip_prefix("Step panicked. Captured output: ")
        .unwrap_or(text);
    match text.split_once(" can not be parsed to ") {
        Some((name, rest)) if !name.contains(' ') => rest
            .split_once(": ")
            .map_or(text, |(_, why)| why)
            .to_string(),
        _ => text.to_string(),
    }
}
