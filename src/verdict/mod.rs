//! "Does this guide still hold?": every scenario played on the guide's date and again on
//! another tenant and date, and a verdict for each guide step.
//!
//! Nothing here knows what changed. The replay runs the same features on, say,
//! `contoso-today.yaml`; the tenant's calendar rules make pages, prompts and refusals differ;
//! this module reads the two runs and names the differences it sees: steps that noted a
//! different page, presses that changed label, a number to type, an App Password missing, or
//! a refusal from the service (which makes the step no longer possible).
//!
//! Each guide step is judged on its own lines only. A scenario that covers several guide
//! steps marks which of its steps serve which (`# guide: SMS-05` comment lines, read by
//! [`crate::guide`]); the steps before the first marker are set-up, and what happens there is
//! reported on the first marked step, saying it happened in set-up. A replay that fails says
//! where (the feature file, line and step) and why; guide steps whose lines come after the
//! failure were not reached and say so.
//!
//! The comparison works on types: outputs become `Observed` values (the clicked
//! [`Control`] with its label, not a sentence), differences become `Note`s with the `Place`
//! they were seen and refusals a `Refusal`; they are put into words only when a [`Verdict`]
//! is handed out: one sentence per difference, all of them.

pub mod forecast;
pub mod judge;
pub mod notes;

use crate::guide::{GuideStep, Marks, ids_in};
use crate::harness::{Replay, RunOptions, RunReport, StepRecord, run};
use judge::{Judged, scenario_verdict};
use std::collections::BTreeMap;

/// The verdict on one guide step in one era.
///
/// Every note is a whole sentence that ends with the place in the features it comes from
/// (`features/text-messages.feature:57`), so a reader can open the scenario and see it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Verdict {
    /// Works as the guide says.
    Holds,
    /// Works, but not exactly as written: what differs, one sentence each, in step order.
    Differs(Vec<String>),
    /// The guide's steps cannot be followed to the end (a step failed, not because the
    /// service refused): the differences seen first, then where the replay stopped and why.
    Stops(Vec<String>),
    /// The service refuses it: why, where, and what to do instead.
    NoLongerPossible {
        /// The refusal, as the service words it.
        why: String,
        /// Where in the features the service refused, a sentence for each place.
        at: Vec<String>,
        /// What replaces the step.
        instead: String,
    },
    /// No evidence either way: no scenario for the step ran in both runs. Never counted as
    /// holding.
    NotChecked(String),
}

impl Verdict {
    /// A short label: holds, differs, cannot be followed, no longer possible, not checked.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Differs(_) => "holds with differences",
            Verdict::Stops(_) => "cannot be followed",
            Verdict::NoLongerPossible { .. } => "no longer possible",
            Verdict::NotChecked(_) => "not checked",
        }
    }

    /// The explanation as a list of sentences (empty when the step holds).
    pub fn notes(&self) -> Vec<String> {
        match self {
            Verdict::Holds => Vec::new(),
            Verdict::Differs(notes) | Verdict::Stops(notes) => notes.clone(),
            Verdict::NoLongerPossible { why, at, instead } => {
                let mut out = vec![format!("{}.", why.trim_end_matches('.'))];
                out.extend(at.iter().cloned());
                out.push(format!("Instead: {instead}."));
                out
            }
            Verdict::NotChecked(why) => vec![why.clone()],
        }
    }

    /// The explanation in one paragraph: the sentences of [`Verdict::notes`], one after the
    /// other.
    pub fn explain(&self) -> String {
        self.notes().join(" ")
    }
}

/// A guide step's verdict, plus what was wrong with the guide even on its own date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StepVerdict {
    /// Guide step ID.
    pub id: String,
    /// The guide step, in this project's words.
    pub summary: String,
    /// The verdict in the era checked.
    pub verdict: Verdict,
    /// Set when a `@guide-differs` scenario shows the guide was wrong even on its date.
    pub wrong_even_then: Option<String>,
}

/// Play the features at `features` as written (the guide's date) and, if given, replayed.
pub async fn runs(
    project: &crate::project::Project,
    features: &std::path::Path,
    replay: Option<Replay>,
) -> (RunReport, Option<RunReport>) {
    let guide = run(project, features, RunOptions::default()).await;
    let other = match replay {
        Some(r) => Some(
            run(
                project,
                features,
                RunOptions {
                    replay: Some(r),
                    ..RunOptions::default()
                },
            )
            .await,
        ),
        None => None,
    };
    (guide, other)
}

/// Group a report's steps by scenario: (feature, scenario line) -> steps.
fn by_scenario(report: &RunReport) -> BTreeMap<(String, usize), Vec<&StepRecord>> {
    let mut out: BTreeMap<(String, usize), Vec<&StepRecord>> = BTreeMap::new();
    for s in &report.steps {
        out.entry((s.feature.clone(), s.scenario_line))
            .or_default()
            .push(s);
    }
    out
}

/// The comment lines under the title of the scenario at (or, for an outline row, above)
/// `scenario_line` in a feature file.
pub(crate) fn scenario_comment(
    feature_file: &std::path::Path,
    scenario_line: usize,
) -> Vec<String> {
    let text = std::fs::read_to_string(feature_file).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let last = scenario_line.min(lines.len());
    let start = (0..last)
        .rev()
        .find(|i| lines[*i].trim_start().starts_with("Scenario"))
        .unwrap_or(0);
    lines
        .iter()
        .skip(start + 1)
        .take_while(|l| l.trim_start().starts_with('#') && crate::guide::marker(l).is_none())
        .map(|l| l.trim().trim_start_matches('#').trim().to_string())
        .collect()
}

/// Verdicts for every guide step: `now` compared with `then` (pass the guide run twice for
/// the guide's own date). A scenario counts for a guide step only through the steps that
/// serve it (its `# guide: ID` markers; see [`crate::guide`]).
pub fn verdicts(
    then: &RunReport,
    now: &RunReport,
    steps: &[GuideStep],
    features: &std::path::Path,
) -> Vec<StepVerdict> {
    let then_runs = by_scenario(then);
    let now_runs = by_scenario(now);
    let pinned =
        |r: &RunReport, key: &(String, usize)| r.scenarios.get(key).is_some_and(|i| i.pinned);
    let file = |name: &str| {
        if features.is_dir() {
            features.join(name)
        } else {
            features.to_path_buf()
        }
    };
    let mut marks: BTreeMap<String, Marks> = BTreeMap::new();
    for (name, _) in now_runs.keys() {
        marks
            .entry(name.clone())
            .or_insert_with(|| Marks::of_file(&file(name)));
    }
    steps
        .iter()
        .map(|g| {
            let mut verdict: Option<Judged> = None;
            let mut wrong_even_then = None;
            for (key, now_steps) in &now_runs {
                let tags = &now_steps[0].tags;
                if !ids_in(tags).contains(&g.id) || pinned(now, key) {
                    continue;
                }
                let then_steps = then_runs.get(key).cloned().unwrap_or_default();
                let judged = if then_steps.is_empty() {
                    Judged::NotChecked(format!(
                        "The scenario at {}:{} did not run on the guide's date, so there is nothing to compare.",
                        now_steps[0].path, key.1
                    ))
                } else {
                    if tags.iter().any(|t| t == "guide-differs") {
                        let comment = scenario_comment(&file(&key.0), key.1).join(" ");
                        wrong_even_then = Some(
                            comment
                                .trim_start_matches("Differs from the guide:")
                                .trim()
                                .to_string(),
                        );
                    }
                    let empty = Marks::default();
                    let m = marks.get(&key.0).unwrap_or(&empty);
                    scenario_verdict(&g.id, &then_steps, now_steps, m)
                };
                verdict = Some(match verdict {
                    None => judged,
                    Some(v) => v.and(judged),
                });
            }
            let verdict = verdict.unwrap_or_else(|| {
                Judged::NotChecked(
                    "No scenario for this step ran on both dates (none is tagged with it, or each pins its own date or tenant).".into(),
                )
            });
            StepVerdict {
                id: g.id.clone(),
                summary: g.summary.clone(),
                verdict: verdict.worded(),
                wrong_even_then,
            }
        })
        .collect()
}

/// The table as text, for `mfa-sim check-guide`: each guide step on a line, then its notes,
/// one to a line.
pub fn table(title: &str, verdicts: &[StepVerdict]) -> String {
    let mut out = format!("{title}\n\n");
    for v in verdicts {
        out.push_str(&format!(
            "{:<10} {:<24} {}\n",
            v.id,
            v.verdict.label(),
            v.summary
        ));
        for note in v.verdict.notes() {
            out.push_str(&format!("{:<10}   - {note}\n", ""));
        }
        if let Some(w) = &v.wrong_even_then {
            out.push_str(&format!(
                "{:<10}   ! wrong even on the guide's date: {w}\n",
                ""
            ));
        }
    }
    let count = |l: &str| verdicts.iter().filter(|v| v.verdict.label() == l).count();
    out.push_str(&format!(
        "\n{} hold, {} hold with differences, {} cannot be followed, {} no longer possible, {} not checked\n",
        count("holds"),
        count("holds with differences"),
        count("cannot be followed"),
        count("no longer possible"),
        count("not checked")
    ));
    out
}
