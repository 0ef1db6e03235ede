//! "Does this guide still hold?": every scenario played on the guide's date and again on
//! another tenant and date, and a verdict for each guide step.
//!
//! Nothing here knows what changed. The replay runs the same features on, say,
//! `contoso-today.yaml`; the tenant's calendar rules make pages, prompts and refusals differ;
//! this module reads the two runs and names the differences it sees: steps that noted a
//! different page, presses that changed label, a number to type, an App Password missing, or
//! a refusal from the service (which makes the step no longer possible).
//!
//! The comparison works on types: outputs become `Observed` values (the clicked
//! [`Control`] with its label, not a sentence), differences become `Note`s and refusals a
//! `Refusal`; they are put into words only when a [`Verdict`] is handed out.

use crate::guide::{GuideStep, ids_in};
use crate::harness::{Replay, RunOptions, RunReport, Status, StepRecord, run};
use crate::records::MailStatus;
use crate::screens::Control;
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
    /// A short label: holds, differs, no longer possible.
    pub(crate) fn label(&self) -> &'static str {
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

/// Why the service refused a step, with what a reader should do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Refusal {
    /// A mail app using basic authentication was turned away; `status` is what it showed.
    BasicAuthMail { status: String },
    /// Texts and calls from Microsoft are retired; `message` is what the page showed.
    PhoneRetired { message: String },
}

impl Refusal {
    /// The first refusal among a step's outputs, if any.
    fn find(events: &[Event]) -> Option<Refusal> {
        // A mail app turned away shows a typed refusal; retired phone delivery shows as the
        // page's error line.
        let retired = crate::tenant::StartError::PhoneRetired.to_string();
        events.iter().find_map(|e| match &e.output {
            Output::Mail(status @ MailStatus::Refused(_)) => Some(Refusal::BasicAuthMail {
                status: status.to_string(),
            }),
            Output::Screen(v) if v.error.as_deref() == Some(retired.as_str()) => {
                Some(Refusal::PhoneRetired {
                    message: retired.clone(),
                })
            }
            _ => None,
        })
    }

    fn why(&self) -> String {
        match self {
            Refusal::BasicAuthMail { status } => status.clone(),
            Refusal::PhoneRetired { message } => message.clone(),
        }
    }

    fn instead(&self) -> &'static str {
        match self {
            Refusal::BasicAuthMail { .. } => {
                "use Outlook, or add the account to the phone's Mail app with \"Sign in\" (modern authentication); App Passwords do not help here"
            }
            Refusal::PhoneRetired { .. } => {
                "register Microsoft Authenticator (or a passkey); a tenant that keeps texts and calls must buy them from a telephony provider"
            }
        }
    }
}

/// Something a person observed during a step that matters when comparing eras.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Observed {
    /// Clicked a control, labelled as the page showed it.
    Pressed { control: Control, label: String },
    /// A number to type into Microsoft Authenticator (on the page or in the app).
    NumberToType,
    /// An App Password on the page.
    AppPassword,
    /// What a mail app showed.
    Mail(String),
}

impl std::fmt::Display for Observed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Observed::Pressed { label, .. } => write!(f, "\"{label}\""),
            Observed::NumberToType => f.write_str("a number to type into Microsoft Authenticator"),
            Observed::AppPassword => f.write_str("an App Password"),
            Observed::Mail(status) => write!(f, "the mail app shows \"{status}\""),
        }
    }
}

/// One difference between the guide's date and the replay, before it is worded.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Note {
    /// Noted by the replay's own steps (a page check that did not match, a stand-in button),
    /// already in words.
    Step(String),
    /// Other controls pressed (a control renamed, or a different way through): the labels
    /// pressed now and on the guide's date.
    Uses { now: Vec<String>, then: Vec<String> },
    /// Shown now and not on the guide's date.
    NowShows(Observed),
    /// Shown on the guide's date and not now.
    NoLongerShows(Observed),
    /// The scenario failed at a step, for a reason that is not a refusal.
    StopsWorking { step: String, why: String },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let quoted = |labels: &[String]| {
            labels
                .iter()
                .map(|l| format!("\"{l}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Note::Step(text) => f.write_str(text),
            Note::Uses { now, then } => write!(
                f,
                "uses {} where the guide's date used {}",
                quoted(now),
                quoted(then)
            ),
            Note::NowShows(x) => write!(f, "now shows {x}"),
            Note::NoLongerShows(x) => write!(f, "no longer shows {x}"),
            Note::StopsWorking { step, why } => {
                write!(f, "the guide's steps stop working at \"{step}\": {why}")
            }
        }
    }
}

/// What a step's outputs amount to, for comparing eras.
fn observations(events: &[Event]) -> Vec<Observed> {
    let mut out = Vec::new();
    for e in events {
        match &e.output {
            Output::Click { control, label } => out.push(Observed::Pressed {
                control: *control,
                label: label.clone(),
            }),
            Output::Screen(v) => {
                if v.number.is_some() {
                    out.push(Observed::NumberToType);
                }
                if v.app_password.is_some() {
                    out.push(Observed::AppPassword);
                }
            }
            Output::Push {
                number_requested: true,
                ..
            } => out.push(Observed::NumberToType),
            Output::Mail(status) => out.push(Observed::Mail(status.to_string())),
            _ => {}
        }
    }
    out.dedup();
    out
}

fn compare_step(then: &StepRecord, now: &StepRecord) -> Vec<Note> {
    let mut notes: Vec<Note> = now.notes.iter().cloned().map(Note::Step).collect();
    if now.background || now.keyword == "Given" || !notes.is_empty() {
        return notes;
    }
    let (a, b) = (observations(&then.outputs), observations(&now.outputs));
    let gone: Vec<&Observed> = a.iter().filter(|x| !b.contains(x)).collect();
    let new: Vec<&Observed> = b.iter().filter(|x| !a.contains(x)).collect();
    let pressed = |list: &[&Observed]| -> Vec<String> {
        list.iter()
            .filter_map(|x| match x {
                Observed::Pressed { label, .. } => Some(label.clone()),
                _ => None,
            })
            .collect()
    };
    let (pressed_then, pressed_now) = (pressed(&gone), pressed(&new));
    if !pressed_now.is_empty() && !pressed_then.is_empty() {
        notes.push(Note::Uses {
            now: pressed_now,
            then: pressed_then,
        });
    }
    let shown = |x: &&&Observed| !matches!(x, Observed::Pressed { .. });
    notes.extend(
        new.iter()
            .filter(shown)
            .map(|x| Note::NowShows((*x).clone())),
    );
    notes.extend(
        gone.iter()
            .filter(shown)
            .map(|x| Note::NoLongerShows((*x).clone())),
    );
    notes
}

/// A verdict while it is being worked out: notes still typed.
enum Judged {
    Holds,
    Differs(Vec<Note>),
    Gone(Refusal),
    NotChecked(String),
}

impl Judged {
    fn rank(&self) -> u8 {
        match self {
            Judged::Holds => 0,
            Judged::Differs(_) => 1,
            Judged::Gone(_) => 2,
            Judged::NotChecked(_) => 3,
        }
    }

    /// The verdict in words: notes without repeats, changed controls first (they tell a
    /// reader what to click instead), at most four.
    fn worded(self) -> Verdict {
        match self {
            Judged::Holds => Verdict::Holds,
            Judged::Differs(notes) => {
                let mut unique: Vec<Note> = Vec::new();
                for n in notes {
                    if !unique.contains(&n) {
                        unique.push(n);
                    }
                }
                unique.sort_by_key(|n| !matches!(n, Note::Uses { .. }));
                unique.truncate(4);
                Verdict::Differs(unique.iter().map(Note::to_string).collect())
            }
            Judged::Gone(r) => Verdict::NoLongerPossible {
                why: r.why(),
                instead: r.instead().to_string(),
            },
            Judged::NotChecked(why) => Verdict::NotChecked(why),
        }
    }
}

/// One scenario's verdict from its two runs.
fn scenario_verdict(then: &[&StepRecord], now: &[&StepRecord]) -> Judged {
    let mut notes: Vec<Note> = Vec::new();
    for n in now {
        match then.iter().find(|t| t.step_line == n.step_line) {
            Some(t) => notes.extend(compare_step(t, n)),
            None => notes.extend(n.notes.iter().cloned().map(Note::Step)),
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
        if let Some(refusal) = Refusal::find(&seen) {
            return Judged::Gone(refusal);
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
        notes.push(Note::StopsWorking {
            step: format!("{} {}", failed.keyword, failed.text),
            why,
        });
    }
    notes.dedup();
    if notes.is_empty() {
        Judged::Holds
    } else {
        Judged::Differs(notes)
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
            let mut verdict = Judged::Holds;
            let mut wrong_even_then = None;
            let mut evidence = 0;
            for (key, now_steps) in &now_runs {
                let tags = &now_steps[0].tags;
                if !ids_in(tags).contains(&g.id) || pinned(now, key) {
                    continue;
                }
                let then_steps = then_runs.get(key).cloned().unwrap_or_default();
                if then_steps.is_empty() {
                    verdict = Judged::NotChecked(format!(
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
                    (Judged::Differs(mut a), Judged::Differs(b)) => {
                        a.extend(b);
                        a.dedup();
                        Judged::Differs(a)
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
            if evidence == 0 && !matches!(verdict, Judged::NotChecked(_)) {
                verdict = Judged::NotChecked(
                    "no scenario for this step ran on both dates (none is tagged with it, or each pins its own date or tenant)".into(),
                );
            }
            let verdict = verdict.worded();
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
