//! What differs between the guide's date and a replay, step by step, and its words.
//!
//! A step's outputs become `Observed` values (a control pressed with its label, a number to
//! type, an App Password, a mail status); two runs of the same step give `Note`s, each kept
//! with the `Place` it was seen as a `Found`; a refusal from the service is a `Refusal`.
//! Sentences are made here, from those types, only when the verdict is worded
//! (`judge.rs`).

use crate::harness::{Status, StepRecord};
use crate::records::MailStatus;
use crate::screens::Control;
use crate::transcript::{Event, Output};

/// Why the service refused a step, with what a reader should do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A mail app using basic authentication was turned away; `status` is what it showed.
    BasicAuthMail {
        /// What the mail app showed.
        status: String,
    },
    /// Texts and calls from Microsoft are retired; `message` is what the page showed.
    PhoneRetired {
        /// What the page showed.
        message: String,
    },
}

impl Refusal {
    /// The first refusal among a step's outputs, if any.
    pub(super) fn find(events: &[Event]) -> Option<Refusal> {
        // A mail app turned away shows a typed refusal; retired phone delivery shows as the
        // page's error line.
        let retired = crate::tenant::StartError::PhoneRetired.to_string();
        events.iter().find_map(|e| match &e.output {
            Output::Mail(status @ MailStatus::Refused(_), _) => Some(Refusal::BasicAuthMail {
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

    pub(super) fn why(&self) -> String {
        match self {
            Refusal::BasicAuthMail { status } => status.clone(),
            Refusal::PhoneRetired { message } => message.clone(),
        }
    }

    pub(super) fn instead(&self) -> &'static str {
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
pub enum Observed {
    /// Clicked a control, labelled as the page showed it.
    Pressed {
        /// The control.
        control: Control,
        /// Its label on the page.
        label: String,
    },
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
pub struct Place {
    /// The feature file as a person finds it.
    pub file: String,
    /// The step's line.
    pub line: usize,
    /// `When Dana presses "Verify"`.
    pub step: String,
}

impl Place {
    pub(super) fn of(s: &StepRecord) -> Place {
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
pub enum Note {
    /// Noted by the replay's own steps (a page check that did not match, a stand-in button),
    /// already in words.
    Step(String),
    /// Other controls pressed (a control renamed, or a different way through): the labels
    /// pressed now and on the guide's date.
    Uses {
        /// The labels pressed now.
        now: Vec<String>,
        /// The labels pressed on the guide's date.
        then: Vec<String>,
    },
    /// Shown now and not on the guide's date.
    NowShows(Observed),
    /// Shown on the guide's date and not now.
    NoLongerShows(Observed),
    /// The replay failed at this step, for a reason that is not a refusal.
    StopsWorking {
        /// The failure, in words.
        why: String,
    },
}

impl Note {
    /// The note as a clause, without the place it was seen.
    pub(super) fn clause(&self) -> String {
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
pub struct Found {
    /// What was seen.
    pub note: Note,
    /// The step it was seen at.
    pub at: Place,
    /// That step was set-up for the guide step, not the guide step itself.
    pub setup: bool,
}

impl Found {
    /// One sentence: the clause, capitalised, then where it was seen (`places`: this note's
    /// own place and any other step that saw the same).
    pub(super) fn sentence(&self, places: &[Place]) -> String {
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
pub(super) fn where_seen(places: &[Place]) -> String {
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

pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a step's outputs amount to, for comparing eras.
pub(super) fn observations(events: &[Event]) -> Vec<Observed> {
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
            Output::Mail(status, _) => out.push(Observed::Mail(status.to_string())),
            _ => {}
        }
    }
    out.dedup();
    out
}

/// What differs at one step between its run on the guide's date (`then`, if the step ran) and
/// its run now: the step's own notes, controls pressed differently, things shown or gone.
pub fn compare_step(then: Option<&StepRecord>, now: &StepRecord) -> Vec<Note> {
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
