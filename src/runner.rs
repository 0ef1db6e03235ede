//! `mfa-sim run`: the features of the project (or the files and folders named), with
//! cargo-style status lines and an optional progress bar on stderr, each step's result on
//! stdout, and JUnit or JSON reports for CI.

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mfa_sim::Project;
use mfa_sim::harness::{Progress, RunOptions, RunReport, plan, reports, run};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// What `mfa-sim run` was asked to do.
pub(crate) struct Options {
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) tag: Option<String>,
    pub(crate) junit: Option<PathBuf>,
    pub(crate) json: Option<PathBuf>,
}

/// Runs shorter than this many scenarios get no progress bar.
const LONG_RUN: usize = 20;

/// A status line in cargo's shape: the verb right-aligned in twelve columns.
fn status(verb: &str, rest: &str) {
    eprintln!("{verb:>12} {rest}");
}

pub(crate) async fn run_command(project: &Project, options: Options) -> Result<ExitCode> {
    let inputs = if options.paths.is_empty() {
        vec![project.features()]
    } else {
        options.paths.clone()
    };
    if let Some(path) = &options.junit {
        reports::writable(path, reports::MARK)?;
    }
    if let Some(path) = &options.json {
        reports::writable(path, reports::JSON_MARK)?;
    }
    let tag = options.tag.as_deref();
    let mut total = 0;
    for input in &inputs {
        for (file, count) in plan(input, tag) {
            if count > 0 || tag.is_none() {
                status("Running", &mfa_sim::project::shown(&file));
            }
            total += count;
        }
    }
    let bar = progress_bar(total);
    let started = mfa_sim::clock::Stopwatch::start();
    let mut report = RunReport::default();
    for input in &inputs {
        let tick = bar.clone();
        let one = run(
            project,
            input,
            RunOptions {
                tag: options.tag.clone(),
                progress: Some(Progress(Arc::new(move || tick.inc(1)))),
                ..RunOptions::default()
            },
        )
        .await;
        if one.steps.is_empty() && one.problems.is_empty() {
            report.problems.push(mfa_sim::harness::RunProblem {
                place: mfa_sim::project::shown(input),
                message: match tag {
                    Some(t) => format!("no scenario here has the tag {t}: nothing was run"),
                    None => "no scenario here: nothing was run".into(),
                },
            });
        }
        report.merge(one);
    }
    bar.finish_and_clear();
    print!("{}", mfa_sim::harness::report_text(&report, false));
    for p in &report.problems {
        eprintln!("error: {p}");
    }
    if let Some(path) = &options.junit {
        reports::write(path, &reports::junit(&report)?, reports::MARK)?;
        status(
            "Wrote",
            &format!("JUnit report {}", mfa_sim::project::shown(path)),
        );
    }
    if let Some(path) = &options.json {
        reports::write(path, &reports::json(&report), reports::JSON_MARK)?;
        status(
            "Wrote",
            &format!("JSON report {}", mfa_sim::project::shown(path)),
        );
    }
    let scenarios = report.scenario_count();
    if report.passed() {
        status(
            "Finished",
            &format!(
                "{scenarios} scenarios, {} steps, all passed in {:.1}s",
                report.steps.len(),
                started.seconds()
            ),
        );
        Ok(ExitCode::SUCCESS)
    } else {
        let failed = report.failed_scenarios();
        eprintln!(
            "error: {failed} of {scenarios} scenarios did not pass{}",
            match report.problems.len() {
                0 => String::new(),
                1 => ", and 1 file or folder could not be run".into(),
                n => format!(", and {n} files or folders could not be run"),
            }
        );
        Ok(ExitCode::FAILURE)
    }
}

/// A bar on stderr for long runs at a terminal; hidden otherwise (and always under CI).
fn progress_bar(total: usize) -> ProgressBar {
    if total < LONG_RUN || std::env::var_os("CI").is_some() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{prefix:>12} [{bar:40}] {pos}/{len} scenarios")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix("Playing");
    bar
}
