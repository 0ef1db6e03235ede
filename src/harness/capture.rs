//! Keeping each step's result and outputs, keyed by position, never by name.
//!
//! Two halves meet after a run: the [`Capture`] writer receives cucumber's events and keeps
//! every step's status (passed, failed, skipped, undefined) under its key (feature file,
//! scenario line, step line); the World puts the transcript events that happened during each
//! step into the [`SINK`] under the same key. [`super::run`] joins them into
//! [`StepRecord`]s for the console, the book and the trainer.

use crate::transcript::Event;
use cucumber::event::{Cucumber, Feature, Rule, Scenario, Step};
use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock, Mutex};

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
pub struct Sink {
    /// Outputs per step.
    pub outputs: BTreeMap<StepKey, Vec<Event>>,
    /// Facts per scenario (feature, scenario line).
    pub scenarios: BTreeMap<(String, usize), ScenarioInfo>,
    /// Differences from the guide noted during a replay, per step.
    pub notes: BTreeMap<StepKey, Vec<String>>,
}

/// The process-wide sink. Runs are serialised by [`super::RUN_LOCK`], so one run at a time
/// owns it.
pub static SINK: LazyLock<Mutex<Sink>> = LazyLock::new(|| Mutex::new(Sink::default()));

/// Lock the sink.
pub fn sink() -> std::sync::MutexGuard<'static, Sink> {
    SINK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The writer that keeps statuses.
#[derive(Clone, Debug, Default)]
pub struct Capture(pub Arc<Mutex<Vec<StepRecord>>>);

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
        let Ok(cucumber::Event { value, .. }) = ev else {
            return;
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
                    Status::Failed(text)
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
        self.0
            .lock()
            .expect("invariant: capture lock never poisoned")
            .push(StepRecord {
                feature: file_name(&feature),
                feature_name: feature.name.clone(),
                scenario: scenario.name.clone(),
                scenario_line: scenario.position.line,
                tags,
                step_line: step.position.line,
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
        0
    }
    fn hook_errors(&self) -> usize {
        0
    }
}

impl Capture {
    fn count(&self, f: impl Fn(&Status) -> bool) -> usize {
        self.0
            .lock()
            .expect("invariant: capture lock never poisoned")
            .iter()
            .filter(|r| f(&r.status))
            .count()
    }
}

impl cucumber::writer::NonTransforming for Capture {}

/// Key of a feature file name.
pub fn feature_key(feature: &cucumber::gherkin::Feature) -> String {
    file_name(feature)
}
