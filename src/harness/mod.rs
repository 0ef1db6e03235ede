//! The cucumber harness: the World, the step definitions and the runner that the tests, the
//! book and the CLI share.
//!
//! [`run`] executes feature files and returns one [`StepRecord`] per executed step with its
//! status and the outputs a person saw during it. Scenarios run concurrently (each owns its
//! clock), with `fail_on_skipped`, so a step with no definition fails the run by name.

/// Check something a page shows. In a replay on another date a mismatch is noted as a
/// difference from the guide and the scenario goes on; otherwise it fails the step.
macro_rules! observe {
    ($w:expr, $cond:expr, $($fmt:tt)+) => {
        if !$cond {
            let message = format!($($fmt)+);
            if $w.soft() {
                $w.note(message.lines().next().unwrap_or_default().to_string());
            } else {
                anyhow::bail!(message);
            }
        }
    };
}

mod capture;
pub mod journeys;
pub mod steps;
pub mod vocabulary;
mod world;

pub use capture::{Capture, ScenarioInfo, Status, StepKey, StepRecord};
pub use world::GuideWorld;

use cucumber::{World as _, WriterExt as _, writer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// One run at a time per process: the output sink is process-wide.
static RUN_LOCK: LazyLock<tokio::sync::Mutex<()>> = LazyLock::new(|| tokio::sync::Mutex::new(()));

/// Play every scenario that runs on the guide's tenant on its own date on another tenant file
/// and date instead (then-and-now checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replay {
    /// Scenario file name in `scenarios/`.
    pub scenario: String,
    /// Date to start on (None: the file's own date).
    pub date: Option<String>,
}

static REPLAY: std::sync::Mutex<Option<Replay>> = std::sync::Mutex::new(None);

/// The replay of the run in progress, if any.
pub(crate) fn replay() -> Option<Replay> {
    REPLAY.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// How to run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Replay the scenarios on another tenant and date.
    pub replay: Option<Replay>,
    /// Print each step to standard output as it runs.
    pub console: bool,
    /// Also write a JUnit report here.
    pub junit: Option<PathBuf>,
    /// Only scenarios with this tag (e.g. `@guide:SMS-05`).
    pub tag: Option<String>,
    /// Scenarios run at once.
    pub concurrency: Option<usize>,
}

/// The outcome of a run.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    /// Every executed step, in file and line order.
    pub steps: Vec<StepRecord>,
    /// Scenario facts by (feature file, scenario line).
    pub scenarios: BTreeMap<(String, usize), ScenarioInfo>,
}

impl RunReport {
    /// Steps that did not pass (failed or undefined; skipped ones follow a failure).
    pub fn problems(&self) -> Vec<&StepRecord> {
        self.steps
            .iter()
            .filter(|s| s.status != Status::Passed)
            .collect()
    }

    /// True when every step passed.
    pub fn passed(&self) -> bool {
        self.problems().is_empty() && !self.steps.is_empty()
    }

    /// Number of distinct scenarios run.
    pub fn scenario_count(&self) -> usize {
        let mut keys: Vec<(&str, usize)> = self
            .steps
            .iter()
            .map(|s| (s.feature.as_str(), s.scenario_line))
            .collect();
        keys.dedup();
        keys.sort();
        keys.dedup();
        keys.len()
    }
}

fn tags_match(
    tag: &Option<String>,
    feature: &cucumber::gherkin::Feature,
    scenario: &cucumber::gherkin::Scenario,
) -> bool {
    match tag {
        None => true,
        Some(t) => {
            let t = t.trim_start_matches('@');
            feature.tags.iter().chain(&scenario.tags).any(|x| x == t)
        }
    }
}

/// Run the features at `input` (a folder or one `.feature` file).
pub async fn run(input: &Path, options: RunOptions) -> RunReport {
    let _guard = RUN_LOCK.lock().await;
    {
        let mut sink = capture::sink();
        sink.outputs.clear();
        sink.scenarios.clear();
        sink.notes.clear();
    }
    *REPLAY.lock().unwrap_or_else(|p| p.into_inner()) = options.replay.clone();
    let capture = Capture::default();
    let tag = options.tag.clone();
    let filter = move |f: &cucumber::gherkin::Feature,
                       _: Option<&cucumber::gherkin::Rule>,
                       s: &cucumber::gherkin::Scenario| tags_match(&tag, f, s);
    let base = GuideWorld::cucumber()
        .before(|feature, _rule, scenario, world| {
            Box::pin(async move {
                world.begin(capture::feature_key(feature), scenario.position.line);
            })
        })
        .after(|_feature, _rule, _scenario, _finished, world| {
            Box::pin(async move {
                if let Some(world) = world {
                    world.close();
                }
            })
        })
        .max_concurrent_scenarios(options.concurrency.unwrap_or(8));
    let input = input.to_path_buf();
    match (&options.junit, options.console) {
        (Some(junit), true) => {
            if let Some(dir) = junit.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let file = std::fs::File::create(junit).expect("the JUnit report folder is writable");
            let w = writer::Basic::raw(std::io::stdout(), writer::Coloring::Never, 0)
                .summarized()
                .tee::<GuideWorld, _>(capture.clone())
                .tee::<GuideWorld, _>(writer::JUnit::for_tee(file, 0))
                .normalized();
            base.with_writer(w)
                .fail_on_skipped()
                .with_default_cli()
                .filter_run(input, filter)
                .await;
        }
        _ => {
            base.with_writer(capture.clone().normalized())
                .fail_on_skipped()
                .with_default_cli()
                .filter_run(input, filter)
                .await;
        }
    }
    collect(capture)
}

fn collect(capture: Capture) -> RunReport {
    let mut steps = capture
        .0
        .lock()
        .expect("invariant: capture lock never poisoned")
        .clone();
    let mut sink = capture::sink();
    for s in &mut steps {
        let key: StepKey = (s.feature.clone(), s.scenario_line, s.step_line);
        s.notes = sink.notes.remove(&key).unwrap_or_default();
        match sink.outputs.remove(&key) {
            Some(outputs) => s.outputs = outputs,
            None if s.status == Status::Passed => {
                s.status = Status::Failed("the step definition did not call GuideWorld::at, so its outputs cannot be shown".into());
            }
            None => {}
        }
    }
    steps.sort_by(|a, b| {
        (&a.feature, a.scenario_line, a.step_line).cmp(&(&b.feature, b.scenario_line, b.step_line))
    });
    RunReport {
        steps,
        scenarios: std::mem::take(&mut sink.scenarios),
    }
}

/// The features folder of this checkout.
pub fn features_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("features")
}

/// A run as plain text: each scenario, each step with its status, and (with `outputs`) what
/// was seen during it.
pub fn report_text(report: &RunReport, outputs: bool) -> String {
    let mut out = String::new();
    let mut current = (String::new(), 0);
    for s in &report.steps {
        if (s.feature.clone(), s.scenario_line) != current {
            current = (s.feature.clone(), s.scenario_line);
            out.push_str(&format!(
                "\n{} — {} ({}:{})\n",
                s.feature_name, s.scenario, s.feature, s.scenario_line
            ));
        }
        let mark = match s.status {
            Status::Passed => "✔",
            Status::Failed(_) => "✘",
            Status::Skipped => "-",
            Status::Undefined => "?",
        };
        out.push_str(&format!("  {mark} {} {}\n", s.keyword, s.text));
        if let Status::Failed(why) = &s.status {
            out.push_str(&format!("      {why}\n"));
        }
        if outputs {
            for e in &s.outputs {
                for line in e.render_text().lines() {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
    let problems = report.problems().len();
    out.push_str(&format!(
        "\n{} scenarios, {} steps, {} not passed\n",
        report.scenario_count(),
        report.steps.len(),
        problems
    ));
    out
}
