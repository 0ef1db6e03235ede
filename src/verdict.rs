//! "Does this guide still hold?": every scenario played on the guide's date and again on
//! another tenant and date, and a verdict for each guide step.
//!
//! Nothing here knows what changed. The replay runs the same features on, say,
//! `contoso-today.yaml`; the tenant's calendar rules make pages, prompts and refusals differ;
//! this module reads the two runs and names the differences it sees: steps that noted a
//! different page, presses that changed label, a number to type, an App Password missing, or
//! a refusal from the service (which makes the step no longer possible).

use crate::guide::{GuideStep, ids_in};
use crate::harness::{Replay, RunOptions, RunReport, Status, StepRecord, run};
use crate::records::MailStatus;
use crate::transcript::{Event, Output};
use std::collections::BTreeMap;

/// The verdict on one guide step in one era.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Verdict {
    /// Works as the guide says.
    Holds,
    /// Works, but not exactly as written: what differs.
    Differs(Vec<String>),
    /// The service refuses it: why, and what to do instead.
    NoLongerPossible {
        /// The refusal, as the service words it.
        why: String,
        /// What replaces the step.
        instead: String,
    },
    /// No evidence either way: no scenario for the step ran in both runs. Never counted as
    /// holding.
    NotChecked(String),
}

impl Verdict {
    fn rank(&self) -> u8 {
        match self {
            Verdict::Holds => 0,
            Verdict::Differs(_) => 1,
            Verdict::NoLongerPossible { .. } => 2,
            Verdict::NotChecked(_) => 3,
        }
    }

    /// A short label: holds, differs, no longer possible.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::Differs(_) => "holds with differences",
            Verdict::NoLongerPossible { .. } => "no longer possible",
            Verdict::NotChecked(_) => "not checked",
        }
    }

    /// The explanation, one line.
    pub fn explain(&self) -> String {
        match self {
            Verdict::Holds => String::new(),
            Verdict::Differs(notes) => notes.join("; "),
            Verdict::NoLongerPossible { why, instead } => {
                format!("{}. Instead: {instead}", why.trim_end_matches('.'))
            }
            Verdict::NotChecked(why) => why.clone(),
        }
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

/// What to do when the service refuses a step, keyed by how the refusal shows.
fn refusal(events: &[Event]) -> Option<(String, &'static str)> {
    let retired = crate::tenant::StartError::PhoneRetired.to_string();
    events.iter().find_map(|e| match &e.output {
        Output::Mail(status @ MailStatus::Refused(_)) => Some((
            status.to_string(),
            "use Outlook, or add the account to the phone's Mail app with \"Sign in\" (modern authentication); App Passwords do not help here",
        )),
        Output::Screen(v) if v.error.as_deref() == Some(retired.as_str()) => Some((
            retired.clone(),
            "register Microsoft Authenticator (or a passkey); a tenant that keeps texts and calls must buy them from a telephony provider",
        )),
        _ => None,
    })
}

/// What a step's outputs amount to, for comparing eras.
fn signature(events: &[Event]) -> Vec<String> {
    let mut out = Vec::new();
    for e in events {
        match &e.output {
            Output::Click { label } => out.push(format!("presses \"{label}\"")),
            Output::Screen(v) => {
                if v.number.is_some() {
                    out.push("a number to type into Microsoft Authenticator".into());
                }
                if v.app_password.is_some() {
                    out.push("an App Password".into());
                }
            }
            Output::Push {
                number_requested: true,
                ..
            } => out.push("a number to type into Microsoft Authenticator".into()),
            Output::Mail(status) => out.push(format!("the mail app shows \"{status}\"")),
            _ => {}
        }
    }
    out.dedup();
    out
}

fn compare_step(then: &StepRecord, now: &StepRecord) -> Vec<String> {
    let mut notes = now.notes.clone();
    if now.background || now.keyword == "Given" || !notes.is_empty() {
        return notes;
    }
    let (a, b) = (signature(&then.outputs), signature(&now.outputs));
    let gone: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
    let new: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
    let pressed_then: Vec<&str> = gone
        .iter()
        .filter(|x| x.starts_with("presses"))
        .map(|x| x.trim_start_matches("presses "))
        .collect();
    let pressed_now: Vec<&str> = new
        .iter()
        .filter(|x| x.starts_with("presses"))
        .map(|x| x.trim_start_matches("presses "))
        .collect();
    if !pressed_now.is_empty() && !pressed_then.is_empty() {
        notes.push(format!(
            "uses {} where the guide's date used {}",
            pressed_now.join(", "),
            pressed_then.join(", ")
        ));
    }
    for x in new.iter().filter(|x| !x.starts_with("presses")) {
        notes.push(format!("now shows {x}"));
    }
    for x in gone.iter().filter(|x| !x.starts_with("presses")) {
        notes.push(format!("no longer shows {x}"));
    }
    notes
}

/// One scenario's verdict from its two runs.
fn scenario_verdict(then: &[&StepRecord], now: &[&StepRecord]) -> Verdict {
    let mut notes: Vec<String> = Vec::new();
    for n in now {
        match then.iter().find(|t| t.step_line == n.step_line) {
            Some(t) => notes.extend(compare_step(t, n)),
            None => notes.extend(n.notes.clone()),
        }
    }
    if let Some(failed) = now
        .iter()
        .find(|s| matches!(s.status, Status::Failed(_) | Status::Undefined))
    {
        let seen: Vec<Event> = now
            .iter()
            .take_while(|s| s.step_line <= failed.step_line)
            .flat_map(|s| s.outputs.clone())
            .collect();
        if let Some((why, instead)) = refusal(&seen) {
            return Verdict::NoLongerPossible {
                why,
                instead: instead.to_string(),
            };
        }
        let why = match &failed.status {
            Status::Failed(m) => m
                .trim_start_matches("Step panicked. Captured output: ")
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
            _ => "no step matches".to_string(),
        };
        notes.push(format!(
            "the guide's steps stop working at \"{} {}\": {why}",
            failed.keyword, failed.text
        ));
    }
    notes.dedup();
    if notes.is_empty() {
        Verdict::Holds
    } else {
        Verdict::Differs(notes)
    }
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
pub fn scenario_comment(feature_file: &std::path::Path, scenario_line: usize) -> Vec<String> {
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
        .take_while(|l| l.trim_start().starts_with('#'))
        .map(|l| l.trim().trim_start_matches('#').trim().to_string())
        .collect()
}

/// Verdicts for every guide step: `now` compared with `then` (pass the guide run twice for
/// the guide's own date).
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
    steps
        .iter()
        .map(|g| {
            let mut verdict = Verdict::Holds;
            let mut wrong_even_then = None;
            let mut evidence = 0;
            for (key, now_steps) in &now_runs {
                let tags = &now_steps[0].tags;
                if !ids_in(tags).contains(&g.id) || pinned(now, key) {
                    continue;
                }
                let then_steps = then_runs.get(key).cloned().unwrap_or_default();
                if then_steps.is_empty() {
                    verdict = Verdict::NotChecked(format!(
                        "the scenario at {}:{} did not run on the guide's date, so there is nothing to compare",
                        key.0, key.1
                    ));
                    continue;
                }
                evidence += 1;
                if tags.iter().any(|t| t == "guide-differs") {
                    let comment = scenario_comment(&features.join(&key.0), key.1).join(" ");
                    wrong_even_then = Some(
                        comment
                            .trim_start_matches("Differs from the guide:")
                            .trim()
                            .to_string(),
                    );
                }
                let v = scenario_verdict(&then_steps, now_steps);
                verdict = match (verdict, v) {
                    (Verdict::Differs(mut a), Verdict::Differs(b)) => {
                        a.extend(b);
                        a.dedup();
                        Verdict::Differs(a)
                    }
                    (a, b) => {
                        if b.rank() > a.rank() {
                            b
                        } else {
                            a
                        }
                    }
                };
            }
            if evidence == 0 && !matches!(verdict, Verdict::NotChecked(_)) {
                verdict = Verdict::NotChecked(
                    "no scenario for this step ran on both dates (none is tagged with it, or each pins its own date or tenant)".into(),
                );
            }
            if let Verdict::Differs(notes) = &mut verdict {
                let mut seen = Vec::new();
                notes.retain(|n| {
                    if seen.contains(n) {
                        false
                    } else {
                        seen.push(n.clone());
                        true
                    }
                });
                // Changed labels first: they tell a reader what to click instead.
                notes.sort_by_key(|n| !n.starts_with("uses "));
                notes.truncate(4);
            }
            StepVerdict {
                id: g.id.clone(),
                summary: g.summary.clone(),
                verdict,
                wrong_even_then,
            }
        })
        .collect()
}

/// The table as text, for `mfa-sim check-guide`.
pub fn table(title: &str, verdicts: &[StepVerdict]) -> String {
    let mut out = format!("{title}\n\n");
    for v in verdicts {
        out.push_str(&format!(
            "{:<10} {:<24} {}\n",
            v.id,
            v.verdict.label(),
            v.summary
        ));
        let why = v.verdict.explain();
        if !why.is_empty() {
            out.push_str(&format!("{:<10}   -> {why}\n", ""));
        }
        if let Some(w) = &v.wrong_even_then {
            out.push_str(&format!(
                "{:<10}   -> wrong even on the guide's date: {w}\n",
                ""
            ));
        }
    }
    let count = |l: &str| verdicts.iter().filter(|v| v.verdict.label() == l).count();
    out.push_str(&format!(
        "\n{} hold, {} hold with differences, {} no longer possible, {} not checked\n",
        count("holds"),
        count("holds with differences"),
        count("no longer possible"),
        count("not checked")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_without_evidence_is_not_checked_never_holds() {
        let steps = vec![GuideStep {
            id: "NOPE-1".into(),
            section: "x".into(),
            summary: "a step no scenario covers".into(),
        }];
        let empty = RunReport::default();
        let v = verdicts(&empty, &empty, &steps, std::path::Path::new("features"));
        assert!(matches!(v[0].verdict, Verdict::NotChecked(_)), "{:?}", v[0]);
        assert_eq!(v[0].verdict.label(), "not checked");
        assert!(
            table("t", &v)
                .contains("0 hold, 0 hold with differences, 0 no longer possible, 1 not checked")
        );
    }
}
