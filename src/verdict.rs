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

use crate::guide::{GuideStep, Marks, Serves, ids_in};
use crate::harness::{Replay, RunOptions, RunReport, Status, StepRecord, run};
use crate::records::MailStatus;
use crate::screens::Control;
use crate::transcript::{Event, Output};
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
            Observed::Mail(status) => write!(f, "the mail app's status \"{status}\""),
        }
    }
}

/// A step of a feature file, as a reader finds it: `features/x.feature:57` and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    /// The feature file as a person finds it.
    file: String,
    /// The step's line.
    line: usize,
    /// `When Dana presses "Verify"`.
    step: String,
}

impl Place {
    fn of(s: &StepRecord) -> Place {
        Place {
            file: s.path.clone(),
            line: s.step_line,
            step: format!("{} {}", s.keyword.trim(), s.text),
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
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
    /// The replay failed at this step, for a reason that is not a refusal.
    StopsWorking { why: String },
}

impl Note {
    /// The note as a clause, without the place it was seen.
    fn clause(&self) -> String {
        let quoted = |labels: &[String]| crate::words::quoted_list(labels);
        match self {
            Note::Step(text) => text.clone(),
            Note::Uses { now, then } => format!(
                "the replay presses {} where the guide's date pressed {}",
                quoted(now),
                quoted(then)
            ),
            Note::NowShows(x) => format!("the replay shows {x}, which the guide's date did not"),
            Note::NoLongerShows(x) => {
                format!("the guide's date showed {x} here, and the replay does not")
            }
            Note::StopsWorking { why } => format!("the replay cannot go on: {why}"),
        }
    }
}

/// A note with the step it was seen at and whether that step was set-up for the guide step.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    note: Note,
    at: Place,
    setup: bool,
}

impl Found {
    /// One sentence: the clause, capitalised, then where it was seen (`places`: this note's
    /// own place and any other step that saw the same).
    fn sentence(&self, places: &[Place]) -> String {
        let clause = self.note.clause();
        let (lead, clause) = if self.setup {
            (
                "In set-up, before this guide step's own lines: ".to_string(),
                clause,
            )
        } else {
            (String::new(), capitalised(&clause))
        };
        let place = match &self.note {
            Note::StopsWorking { .. } => format!(" (at {}, {})", self.at, self.at.step),
            _ => format!(" ({})", where_seen(places)),
        };
        format!("{lead}{}{place}.", clause.trim_end_matches('.'))
    }
}

/// Places as a reader finds them: `features/a.feature:12`, or for several lines of one
/// file `features/a.feature, lines 12, 30 and 41`; files apart by a semicolon.
fn where_seen(places: &[Place]) -> String {
    let mut files: Vec<(&str, Vec<usize>)> = Vec::new();
    for p in places {
        match files.iter_mut().find(|(f, _)| *f == p.file) {
            Some((_, lines)) => lines.push(p.line),
            None => files.push((&p.file, vec![p.line])),
        }
    }
    files
        .into_iter()
        .map(|(file, mut lines)| {
            lines.sort_unstable();
            lines.dedup();
            match lines.as_slice() {
                [one] => format!("{file}:{one}"),
                [init @ .., last] => format!(
                    "{file}, lines {} and {last}",
                    init.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                [] => file.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
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

fn compare_step(then: Option<&StepRecord>, now: &StepRecord) -> Vec<Note> {
    let mut notes: Vec<Note> = now.notes.iter().cloned().map(Note::Step).collect();
    let Some(then) = then else { return notes };
    // A step that failed is explained by where it stopped, not by what it did not show.
    let failed = matches!(now.status, Status::Failed(_) | Status::Undefined);
    if failed || now.background || now.keyword.trim() == "Given" || !notes.is_empty() {
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
    Differs(Vec<Found>),
    Stops(Vec<Found>),
    /// Refused by the service, at one or more steps (scenarios) for the same reason.
    Gone {
        refusal: Refusal,
        at: Vec<Refused>,
    },
    NotChecked(String),
}

/// Where the service refused, seen from one guide step.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Refused {
    at: Place,
    /// The refused step was set-up for this guide step.
    setup: bool,
    /// Set when the refusal came in another guide step's lines (`served`), before this
    /// one's were reached.
    before: Option<String>,
}

impl Refused {
    fn sentence(&self) -> String {
        let at = &self.at;
        match (&self.before, self.setup) {
            (Some(served), _) => format!(
                "The service refused it at {at} ({}), in the steps of {served}, so this guide step's own lines were not reached.",
                at.step
            ),
            (None, true) => format!(
                "The service refused it in set-up, before this guide step's own lines, at {at} ({}).",
                at.step
            ),
            (None, false) => format!("The service refused it at {at} ({}).", at.step),
        }
    }
}

impl Judged {
    fn rank(&self) -> u8 {
        match self {
            Judged::NotChecked(_) => 0,
            Judged::Holds => 1,
            Judged::Differs(_) => 2,
            Judged::Stops(_) => 3,
            Judged::Gone { .. } => 4,
        }
    }

    /// The findings of two scenarios for one guide step together: the worse verdict, with
    /// the notes of both where both have notes.
    fn and(self, other: Judged) -> Judged {
        match (self, other) {
            (Judged::Differs(mut a), Judged::Differs(b)) => {
                a.extend(b);
                Judged::Differs(a)
            }
            (Judged::Stops(mut a) | Judged::Differs(mut a), Judged::Stops(b))
            | (Judged::Stops(mut a), Judged::Differs(b)) => {
                a.extend(b);
                Judged::Stops(a)
            }
            (
                Judged::Gone { refusal, mut at },
                Judged::Gone {
                    refusal: r,
                    at: more,
                },
            ) if refusal == r => {
                at.extend(more);
                Judged::Gone { refusal, at }
            }
            (Judged::NotChecked(a), Judged::NotChecked(b)) => {
                Judged::NotChecked(if a == b { a } else { format!("{a} {b}") })
            }
            (a, b) => {
                if b.rank() > a.rank() {
                    b
                } else {
                    a
                }
            }
        }
    }

    /// The verdict in words: every note once (the same note at several steps once, with
    /// every place), set-up first, then the guide step's own lines in the order they ran, then
    /// where the replay stopped.
    fn worded(self) -> Verdict {
        let words = |found: Vec<Found>| {
            // The same difference seen at several steps is one sentence with every place.
            let mut grouped: Vec<(Found, Vec<Place>)> = Vec::new();
            for f in found {
                match grouped.iter_mut().find(|(g, _)| {
                    // A stop names its own step, so stops are never merged.
                    g.note == f.note
                        && g.setup == f.setup
                        && (g.at == f.at || !matches!(f.note, Note::StopsWorking { .. }))
                }) {
                    Some((_, places)) => {
                        if !places.contains(&f.at) {
                            places.push(f.at)
                        }
                    }
                    None => {
                        let at = f.at.clone();
                        grouped.push((f, vec![at]));
                    }
                }
            }
            // Set-up first, then the guide step's own lines, then where the replay stopped.
            grouped.sort_by_key(|(f, _)| match f.note {
                Note::StopsWorking { .. } => 2,
                _ if f.setup => 0,
                _ => 1,
            });
            grouped
                .into_iter()
                .map(|(f, places)| f.sentence(&places))
                .collect::<Vec<String>>()
        };
        match self {
            Judged::Holds => Verdict::Holds,
            Judged::Differs(found) => Verdict::Differs(words(found)),
            Judged::Stops(found) => Verdict::Stops(words(found)),
            Judged::Gone { refusal, mut at } => {
                // Refusals in this guide step's own lines first, then the ones before them.
                at.sort_by_key(|r| r.before.is_some());
                at.dedup();
                Verdict::NoLongerPossible {
                    why: refusal.why(),
                    at: at.iter().map(Refused::sentence).collect(),
                    instead: refusal.instead().to_string(),
                }
            }
            Judged::NotChecked(why) => Verdict::NotChecked(why),
        }
    }
}

/// Which guide step each step of a scenario serves, from the feature file's markers; an
/// unmarked scenario's steps serve every guide step it is tagged with.
fn serves(marks: &Marks, step: &StepRecord, id: &str) -> Option<Serves> {
    match marks.serves(step.scenario_line, step.step_line) {
        Some(s) => Some(s),
        None => ids_in(&step.tags).iter().any(|i| i == id).then(|| Serves {
            id: id.to_string(),
            setup: false,
        }),
    }
}

/// Guide step `id`'s verdict from one scenario's two runs: only the steps that serve it
/// (its marked lines and, for the first marked step, the set-up before them) count. The
/// guide's own run, which ran every step, says which lines those are.
fn scenario_verdict(id: &str, then: &[&StepRecord], now: &[&StepRecord], marks: &Marks) -> Judged {
    let own: Vec<(&StepRecord, bool)> = then
        .iter()
        .filter_map(|t| {
            serves(marks, t, id)
                .filter(|x| x.id == id)
                .map(|x| (*t, x.setup))
        })
        .collect();
    let scenario = || {
        format!(
            "{}:{}",
            then.first().map(|s| s.path.as_str()).unwrap_or_default(),
            then.first().map(|s| s.scenario_line).unwrap_or_default()
        )
    };
    if own.is_empty() {
        return Judged::NotChecked(format!(
            "No step of the scenario at {} serves {id}.",
            scenario()
        ));
    }
    let mut found: Vec<Found> = Vec::new();
    let mut reached_all = true;
    for (t, setup) in &own {
        match now.iter().find(|n| n.step_line == t.step_line) {
            Some(n) if n.status != Status::Skipped => {
                found.extend(compare_step(Some(t), n).into_iter().map(|note| Found {
                    note,
                    at: Place::of(n),
                    setup: *setup,
                }))
            }
            _ => reached_all = false,
        }
    }
    let differs = |found: Vec<Found>| {
        if found.is_empty() {
            Judged::Holds
        } else {
            Judged::Differs(found)
        }
    };
    let Some(failed) = now
        .iter()
        .position(|s| matches!(s.status, Status::Failed(_) | Status::Undefined))
    else {
        return differs(found);
    };
    let failing = now[failed];
    let served = serves(marks, failing, id);
    let here = served.as_ref().is_some_and(|s| s.id == id);
    if !here && reached_all {
        // The replay stopped after this guide step's lines: they ran to the end.
        return differs(found);
    }
    // A refusal the guide's date did not meet, seen up to the failing step.
    let refused = now[..=failed].iter().find_map(|n| {
        let r = Refusal::find(&n.outputs)?;
        let before = then
            .iter()
            .find(|t| t.step_line == n.step_line)
            .and_then(|t| Refusal::find(&t.outputs));
        (before.as_ref() != Some(&r)).then_some((r, *n))
    });
    if let Some((refusal, at)) = refused {
        let served = serves(marks, at, id);
        let mine = served.as_ref().is_some_and(|s| s.id == id);
        return Judged::Gone {
            refusal,
            at: vec![Refused {
                at: Place::of(at),
                setup: mine && served.as_ref().is_some_and(|s| s.setup),
                before: (!mine).then(|| served.map(|s| s.id).unwrap_or_default()),
            }],
        };
    }
    let why = match &failing.status {
        Status::Failed(m) => m
            .trim_start_matches("Step panicked. Captured output: ")
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
        _ => "no step definition matches it".to_string(),
    };
    let at = Place::of(failing);
    if here {
        found.push(Found {
            note: Note::StopsWorking { why },
            at,
            setup: served.as_ref().is_some_and(|s| s.setup),
        });
        return Judged::Stops(found);
    }
    // This guide step's own lines were never reached: no evidence for it here, but say why.
    Judged::NotChecked(format!(
        "The replay of the scenario at {} stopped before this guide step's lines, at {at} ({}), in the steps of {}: {}.",
        scenario(),
        at.step,
        served.map(|s| s.id).unwrap_or_default(),
        why.trim_end_matches('.')
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: usize) -> Place {
        Place {
            file: file.into(),
            line,
            step: format!("When step {line}"),
        }
    }

    #[test]
    fn the_same_note_at_several_steps_is_one_sentence_with_every_place_set_up_first_stops_last() {
        let note = |line, setup| Found {
            note: Note::Step("the page shows \"A\" where the guide expects \"B\"".into()),
            at: at("features/x.feature", line),
            setup,
        };
        let v = Judged::Differs(vec![
            note(30, false),
            note(12, false),
            Found {
                at: at("features/y.feature", 4),
                ..note(0, false)
            },
            note(7, true),
            Found {
                note: Note::StopsWorking {
                    why: "the page has no box \"Code\"".into(),
                },
                at: at("features/x.feature", 41),
                setup: false,
            },
        ])
        .worded();
        assert_eq!(
            v.notes(),
            [
                "In set-up, before this guide step's own lines: the page shows \"A\" where the guide expects \"B\" (features/x.feature:7).",
                "The page shows \"A\" where the guide expects \"B\" (features/x.feature, lines 12 and 30; features/y.feature:4).",
                "The replay cannot go on: the page has no box \"Code\" (at features/x.feature:41, When step 41).",
            ]
        );
        // More than four notes are all kept.
        let many = Judged::Differs(
            (1..=6)
                .map(|n| Found {
                    note: Note::NowShows(Observed::Mail(format!("status {n}"))),
                    at: at("features/x.feature", n),
                    setup: false,
                })
                .collect(),
        )
        .worded();
        assert_eq!(many.notes().len(), 6);
    }

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
                .contains("0 hold, 0 hold with differences, 0 cannot be followed, 0 no longer possible, 1 not checked")
        );
    }
}
