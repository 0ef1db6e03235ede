//! The cucumber harness: the World, the step definitions and the runner that the tests, the
//! book and the CLI share.
//!
//! [`run`] executes feature files and returns one [`StepRecord`] per executed step with its
//! status and the outputs a person saw during it. Scenarios run concurrently (each owns its
//! clock), with `fail_on_skipped`, so a step with no definition fails the run by name. Every
//! file is read strictly first (`syntax.rs`): a file that cannot be read or parsed is a
//! [`RunProblem`] of the run, never silently left out. Each run hands its Worlds a
//! [`RunContext`] (tenant folder, replay, output sink); nothing is process-wide, so runs may
//! overlap in one process.

/// Check something a page shows. In a replay on another date a mismatch is noted as a
/// difference from the guide and the scenario goes on; otherwise it fails the step.
macro_rules! observe {
    ($w:expr, $cond:expr, $($fmt:tt)+) => {
        if !$cond {
            let message = format!($($fmt)+);
            if $w.soft() {
                $w.note(message.lines().next().unwrap_or_default().to_string());
            } else {
                // Outside a replay the expectation is the scenario author's, not the guide's.
                anyhow::bail!(message.replace(" the guide expects", " the scenario expects"));
            }
        }
    };
}

pub mod advice;
pub mod capture;
pub mod journeys;
pub mod params;
pub mod reports;
pub mod steps;
pub mod syntax;
pub mod typographic;
pub mod vocabulary;
pub mod world;

pub use capture::{Capture, RunContext, RunProblem, ScenarioInfo, Status, StepKey, StepRecord};
pub(crate) use world::GUIDE_TENANT;
pub use world::GuideWorld;

use crate::project::Project;
use cucumber::{World as _, WriterExt as _, writer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Play every scenario that runs on the guide's tenant on its own date on another tenant file
/// and date instead (then-and-now checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replay {
    /// A tenant: a name in the project's `scenarios/` (`contoso-today` or
    /// `contoso-today.yaml`) or a path to a YAML file.
    pub scenario: String,
    /// Date to start on (None: the file's own date).
    pub date: Option<String>,
}

/// How to run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// Replay the scenarios on another tenant and date.
    pub replay: Option<Replay>,
    /// Print each step to standard output as it runs.
    pub console: bool,
    /// Called each time a scenario finishes (a progress bar).
    pub progress: Option<Progress>,
    /// Only scenarios with this tag (e.g. `@guide:SMS-05`).
    pub tag: Option<String>,
    /// Scenarios run at once.
    pub concurrency: Option<usize>,
}

/// Something to call each time a scenario finishes, such as a progress bar's tick.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// The outcome of a run.
#[derive(Clone, Debug, Default)]
pub struct RunReport {
    /// Every executed step, in file and line order.
    pub steps: Vec<StepRecord>,
    /// Scenario facts by (feature file, scenario line).
    pub scenarios: BTreeMap<(String, usize), ScenarioInfo>,
    /// Files that could not be read or parsed, hooks that failed: any makes the run red.
    pub problems: Vec<RunProblem>,
}

impl RunReport {
    /// Steps that did not pass (failed or undefined; skipped ones follow a failure).
    pub fn problems(&self) -> Vec<&StepRecord> {
        self.steps
            .iter()
            .filter(|s| s.status != Status::Passed)
            .collect()
    }

    /// True when every file was read, at least one step ran, and every step passed.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.problems().is_empty() && !self.steps.is_empty()
    }

    /// Add another run's results (runs of several paths make one report).
    pub fn merge(&mut self, other: RunReport) {
        self.steps.extend(other.steps);
        self.steps.sort_by(|a, b| {
            (&a.path, a.scenario_line, a.step_line).cmp(&(&b.path, b.scenario_line, b.step_line))
        });
        self.scenarios.extend(other.scenarios);
        self.problems.extend(other.problems);
    }

    /// Number of distinct scenarios with a step that did not pass.
    pub fn failed_scenarios(&self) -> usize {
        let mut keys: Vec<(&str, usize)> = self
            .problems()
            .iter()
            .map(|s| (s.path.as_str(), s.scenario_line))
            .collect();
        keys.sort();
        keys.dedup();
        keys.len()
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

/// Run the features at `input` (a folder or one `.feature` file) of `project`.
pub async fn run(project: &Project, input: &Path, options: RunOptions) -> RunReport {
    let context = Arc::new(RunContext::new(project.scenarios(), options.replay.clone()));
    let mut problems = Vec::new();
    let mut refused: BTreeSet<PathBuf> = BTreeSet::new();
    match syntax::feature_files(input) {
        Ok(files) if files.is_empty() => problems.push(RunProblem {
            place: input.display().to_string(),
            message: "no .feature files here: nothing was run".into(),
        }),
        Ok(files) => {
            // The guide's step IDs, which tags and step markers must name; a project without
            // the file has no list to check against.
            let guide = project.guide_steps();
            let known: Option<BTreeSet<String>> = if guide.exists() {
                match crate::guide::load(&guide) {
                    Ok(steps) => Some(steps.into_iter().map(|s| s.id).collect()),
                    Err(e) => {
                        problems.push(RunProblem {
                            place: guide.display().to_string(),
                            message: format!("cannot read the guide's steps: {e}"),
                        });
                        None
                    }
                }
            } else {
                None
            };
            for file in files {
                let found = syntax::check_file(&file, known.as_ref());
                if !found.is_empty() {
                    refused.insert(canonical(&file));
                    problems.extend(found);
                }
            }
        }
        Err(p) => problems.push(p),
    }
    if !input.exists() {
        return RunReport {
            problems,
            ..RunReport::default()
        };
    }
    let capture = Capture::default();
    let tag = options.tag.clone();
    let skip = refused.clone();
    let replaying = options.replay.is_some();
    let filter = move |f: &cucumber::gherkin::Feature,
                       r: Option<&cucumber::gherkin::Rule>,
                       s: &cucumber::gherkin::Scenario| {
        // Resolving a path touches the file system: only when some file was refused.
        let refused = !skip.is_empty()
            && f.path
                .as_deref()
                .is_some_and(|p| skip.contains(&canonical(p)));
        // A replay swaps only the guide's own tenant and date: a scenario pinned to its own
        // would play exactly as in the guide's run, so a replay leaves it out (every reader
        // of a replay compares unpinned scenarios only).
        let pinned = replaying && {
            let feature_background = f.background.iter().flat_map(|b| &b.steps);
            let rule_background = r
                .and_then(|r| r.background.as_ref())
                .into_iter()
                .flat_map(|b| &b.steps);
            world::pins_itself(feature_background.chain(rule_background).chain(&s.steps))
        };
        !refused && !pinned && tags_match(&tag, f, s)
    };
    let hook_context = context.clone();
    let progress = options.progress.clone();
    let base = GuideWorld::cucumber::<PathBuf>()
        .with_parser(typographic::Typographic)
        .before(move |feature, _rule, scenario, world| {
            let context = hook_context.clone();
            Box::pin(async move {
                world.begin(
                    context,
                    capture::feature_key(feature),
                    scenario.position.line,
                );
            })
        })
        .after(move |_feature, _rule, _scenario, _finished, world| {
            let progress = progress.clone();
            Box::pin(async move {
                if let Some(world) = world {
                    world.close();
                }
                if let Some(Progress(tick)) = progress {
                    tick();
                }
            })
        })
        .max_concurrent_scenarios(options.concurrency.unwrap_or(8));
    let input = input.to_path_buf();
    let console = || {
        writer::Basic::raw(std::io::stdout(), writer::Coloring::Never, 0)
            .summarized()
            .tee::<GuideWorld, _>(capture.clone())
    };
    if options.console {
        base.with_writer(console().normalized())
            .fail_on_skipped()
            .with_default_cli()
            .filter_run(input, filter)
            .await;
    } else {
        base.with_writer(capture.clone().normalized())
            .fail_on_skipped()
            .with_default_cli()
            .filter_run(input, filter)
            .await;
    }
    let mut report = collect(capture, &context, &refused);
    problems.append(&mut report.problems);
    report.problems = problems;
    report
}

fn canonical(path: &Path) -> PathBuf {
    crate::project::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn collect(capture: Capture, context: &RunContext, refused: &BTreeSet<PathBuf>) -> RunReport {
    let mut steps = capture
        .steps
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    // The strict reading already named the files cucumber could not parse.
    let problems: Vec<RunProblem> = capture
        .problems
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter(|p| {
            let file = p.place.split(':').next().unwrap_or_default();
            !refused.contains(&canonical(Path::new(file)))
        })
        .cloned()
        .collect();
    let mut sink = context.sink();
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
    // cucumber stops a scenario at its first undefined step and skips the rest; an author
    // wants every undefined step at once, so skipped steps are looked up too.
    if steps.iter().any(|s| s.status == Status::Skipped) {
        let definitions = GuideWorld::collection();
        for s in steps.iter_mut().filter(|s| s.status == Status::Skipped) {
            if !advice::defined(&definitions, advice::step_type(&s.kind), &s.text) {
                s.status = Status::Undefined;
            }
        }
    }
    RunReport {
        steps,
        scenarios: std::mem::take(&mut sink.scenarios),
        problems,
    }
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
        if s.status == Status::Undefined {
            for line in advice::undefined(s) {
                out.push_str(&format!("      {line}\n"));
            }
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
        "\n{} scenarios, {} steps, {} not passed",
        report.scenario_count(),
        report.steps.len(),
        problems
    ));
    match report.problems.len() {
        0 => out.push('\n'),
        1 => out.push_str(", 1 file or hook in error\n"),
        n => out.push_str(&format!(", {n} files or hooks in error\n")),
    }
    out
}

/// The feature files a run of `input` would read, each with the number of scenarios it would
/// play (an outline counts once per Examples row), `tag` applied. Files that cannot be parsed
/// count none: the run itself reports them.
pub fn plan(input: &Path, tag: Option<&str>) -> Vec<(PathBuf, usize)> {
    let tag = tag.map(|t| t.trim_start_matches('@').to_string());
    let files = syntax::feature_files(input).unwrap_or_default();
    files
        .into_iter()
        .map(|file| {
            let count = std::fs::read_to_string(&file)
                .ok()
                .and_then(|text| {
                    cucumber::gherkin::Feature::parse(
                        text,
                        cucumber::gherkin::GherkinEnv::default(),
                    )
                    .ok()
                })
                .map(|feature| {
                    let wanted = |s: &cucumber::gherkin::Scenario| match &tag {
                        None => true,
                        Some(t) => feature.tags.iter().chain(&s.tags).any(|x| x == t),
                    };
                    let rows = |s: &cucumber::gherkin::Scenario| {
                        if s.examples.is_empty() {
                            1
                        } else {
                            s.examples
                                .iter()
                                .map(|e| {
                                    e.table
                                        .as_ref()
                                        .map_or(0, |t| t.rows.len().saturating_sub(1))
                                })
                                .sum()
                        }
                    };
                    feature
                        .scenarios
                        .iter()
                        .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()))
                        .filter(|s| wanted(s))
                        .map(rows)
                        .sum()
                })
                .unwrap_or(0);
            (file, count)
        })
        .collect()
}
