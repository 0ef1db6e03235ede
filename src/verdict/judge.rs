//! One guide step's verdict from one scenario's two runs, and verdicts of several scenarios
//! put together.
//!
//! Only the steps that serve the guide step count: its marked lines (`# guide: ID`, read as
//! `guide::Marks`) and, for the first marked step, the set-up before them. A failure in those
//! lines is where the steps stop; a failure before them means they were not reached.

use super::Verdict;
use super::notes::{Found, Note, Place, Refusal, compare_step};
use crate::guide::{Marks, Serves, ids_in};
use crate::harness::{Status, StepRecord};

/// A verdict while it is being worked out: notes still typed.
pub enum Judged {
    /// The guide step still works as written.
    Holds,
    /// It works, with these differences from the guide's date.
    Differs(Vec<Found>),
    /// It stops working; what was seen where.
    Stops(Vec<Found>),
    /// Refused by the service, at one or more steps (scenarios) for the same reason.
    Gone {
        /// Why the service refused.
        refusal: Refusal,
        /// Where it refused, seen from this guide step.
        at: Vec<Refused>,
    },
    /// Not checked, and why.
    NotChecked(String),
}

/// Where the service refused, seen from one guide step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
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
    pub(super) fn and(self, other: Judged) -> Judged {
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
    pub fn worded(self) -> Verdict {
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
pub fn scenario_verdict(
    id: &str,
    then: &[&StepRecord],
    now: &[&StepRecord],
    marks: &Marks,
) -> Judged {
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
