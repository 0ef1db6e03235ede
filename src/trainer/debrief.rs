//! The debrief at the end of an attempt: the score, each mistake with the guide step, the book
//! page and the rule of the service it touches, what an expert would have done (the
//! exercise's [`solution`](super::solution)) and the simulated time taken.
//!
//! What counts as a mistake ([`Mistake`]): something the simulated service refused (it showed
//! an error on the page: a wrong code, a wrong password), something the goal's `never:` list
//! forbids, a check of the caller the desk must not rely on (a call to the mobile on the
//! account) or turning away the real caller. A line the trainer cannot understand, or a command naming something that is not
//! there (a typo, a button the page does not have), is answered with help and is not a
//! mistake. Each mistake is tied to the section of the solution the trainee was working on
//! when it happened (its guide step and book page) and to the rule of [`crate::rules`] it
//! touches: for a refused page, the rule behind that page; for a broken `never:`, the rule its
//! explanation cites from the registry. A mistake about the caller is tied to the solution's
//! check of the caller and to the book's page on it ([`CALLER_PAGE`]); no rule of the service
//! covers how a help desk checks a caller, so it names none.
//!
//! The debrief is a value ([`Debrief`], serialisable, kept by [`crate::progress`]) and renders
//! itself as the text the trainee reads. It only reports what the session recorded.

use super::exercise::Exercise;
use super::solution::{self, Section};
use crate::clock::Instant;
use crate::screens::{LegacyStep, PageId, SignInStep, WizardStep};
use serde::{Deserialize, Serialize};

/// Points taken off a met goal for each mistake.
pub const POINTS_PER_MISTAKE: u32 = 10;
/// Points taken off a met goal for each hint used.
pub const POINTS_PER_HINT: u32 = 5;
/// The least a met goal scores.
pub const LEAST_FOR_A_MET_GOAL: u32 = 10;

/// Where the book says how the desk checks who is calling (a mistake about the caller links
/// there).
pub const CALLER_PAGE: &str = "appendix/trainer.html#who-is-calling";

/// How many mistakes an attempt keeps in detail; later ones are only counted, so a script of
/// any length plays in bounded memory.
pub const MAX_LISTED_MISTAKES: usize = 100;

/// What a session keeps of the commands typed, in constant memory: how far along the
/// solution the trainee is, the last command (named by a mistake it causes), and the mistakes
/// past [`MAX_LISTED_MISTAKES`].
#[derive(Clone, Debug, Default)]
pub struct Trail {
    /// Commands of the solution done, in order (see [`solution::progress`]).
    progress: usize,
    /// The last command that parsed, cleaned and trimmed.
    last: String,
    /// Mistakes made after the first [`MAX_LISTED_MISTAKES`].
    unlisted: u32,
}

impl Trail {
    /// Commands of the solution done so far, in order (see [`solution::progress`]).
    pub fn progress(&self) -> usize {
        self.progress
    }

    /// The last command that parsed, cleaned and trimmed.
    pub fn last(&self) -> &str {
        &self.last
    }

    /// A command that parsed.
    pub fn typed(&mut self, solution: &[Section], line: &str) {
        let line = line.trim();
        if let Some((_, next)) = solution::commands(solution).nth(self.progress)
            && solution::matches(line, next)
        {
            self.progress += 1;
        }
        self.last = line.to_string();
    }
}

/// A mistake as the session records it.
#[derive(Clone, Debug)]
pub struct Mistake {
    /// The command that led to it, as typed (cleaned).
    pub command: String,
    /// What went wrong.
    pub kind: MistakeKind,
    /// How many of the solution's commands the trainee had done (see [`solution::progress`]).
    pub progress: usize,
}

/// What kind of mistake.
#[derive(Clone, Debug)]
pub enum MistakeKind {
    /// The service refused it: the page shows this error.
    Refused {
        /// The page that showed the error.
        page: PageId,
        /// The error, as the page says it.
        message: String,
    },
    /// A `never:` condition broke: the attempt failed at once.
    Broken {
        /// The explanation shown (which condition, why it is dangerous, the rule cited).
        why: String,
    },
    /// A check of the caller the desk does not accept (a call to the mobile on the account,
    /// which may be the lost phone or the impostor's own): refused, the caller still
    /// unchecked.
    Check {
        /// Why the check proves nothing, as the trainer said it.
        why: String,
    },
    /// The real person was turned away (`refuse` without a check that exposed an impostor):
    /// the attempt failed at once.
    TurnedAway {
        /// The explanation shown.
        why: String,
    },
}

impl MistakeKind {
    /// Whether the mistake is about checking who is calling (tied to the solution's check).
    fn about_the_caller(&self) -> bool {
        matches!(
            self,
            MistakeKind::Check { .. } | MistakeKind::TurnedAway { .. }
        )
    }
}

/// How the attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The goal was met.
    Met,
    /// The attempt ended (quit, end of input) before the goal was met.
    NotMet,
    /// Something the goal forbids happened; the attempt ended at once.
    Failed,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Outcome::Met => "goal met",
            Outcome::NotMet => "goal not met",
            Outcome::Failed => "failed",
        })
    }
}

/// One mistake in the debrief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MistakeNote {
    /// The command, as typed.
    pub command: String,
    /// What went wrong, in a sentence.
    pub what: String,
    /// The guide step the trainee was working on, if the solution names one.
    pub guide: Option<String>,
    /// The book page that shows that step.
    pub page: Option<String>,
    /// The rule of the service it touches (a number in [`crate::rules`]).
    pub rule: Option<u8>,
}

/// The debrief of one attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Debrief {
    /// The exercise's id.
    pub exercise: String,
    /// How it ended.
    pub outcome: Outcome,
    /// 0 to 100: a goal not met scores 0; a met goal 100, less [`POINTS_PER_MISTAKE`] a mistake
    /// and [`POINTS_PER_HINT`] a hint, at least [`LEAST_FOR_A_MET_GOAL`].
    pub score: u32,
    /// Commands that acted.
    pub actions: u32,
    /// Hints shown.
    pub hints: u32,
    /// The mistakes, in order (the first [`MAX_LISTED_MISTAKES`]).
    pub mistakes: Vec<MistakeNote>,
    /// Mistakes made after those, only counted.
    #[serde(default)]
    pub unlisted: u32,
    /// What an expert would have done: the exercise's solution.
    pub expert: Vec<Section>,
    /// Simulated seconds from the start of the attempt to its end.
    pub seconds: i64,
    /// The exercise's time limit in simulated minutes, if it has one.
    #[serde(default)]
    pub time_limit: Option<u32>,
    /// How many times the trainee started the exercise again (`restart`); the mistakes and
    /// hints before a restart still count, the time is from the last start.
    #[serde(default)]
    pub restarts: u32,
}

/// The score of an attempt (see [`Debrief::score`]).
pub fn score(outcome: Outcome, mistakes: usize, hints: u32) -> u32 {
    if outcome != Outcome::Met {
        return 0;
    }
    let lost = POINTS_PER_MISTAKE
        .saturating_mul(u32::try_from(mistakes).unwrap_or(u32::MAX))
        .saturating_add(POINTS_PER_HINT.saturating_mul(hints));
    100u32.saturating_sub(lost).max(LEAST_FOR_A_MET_GOAL)
}

/// The rule of the service behind a page that refused something.
pub fn rule_of_page(page: PageId) -> Option<u8> {
    match page {
        PageId::SignIn(SignInStep::Password) => Some(27),
        PageId::SignIn(SignInStep::EnterCode { texted: true })
        | PageId::Wizard {
            step: WizardStep::PhoneCode,
            ..
        } => Some(15),
        PageId::SignIn(SignInStep::EnterCode { texted: false })
        | PageId::Wizard {
            step: WizardStep::OtherAppCode,
            ..
        } => Some(18),
        // The older pages' step 2 takes a texted, called or app code alike.
        PageId::Legacy(LegacyStep::Step2) => Some(28),
        PageId::SignIn(SignInStep::ApproveRequest)
        | PageId::Wizard {
            step: WizardStep::TryItOut,
            ..
        } => Some(17),
        _ => None,
    }
}

/// The first clause of `text` (to its first ": " or ". ", or all of it).
fn first_sentence(text: &str) -> &str {
    let end = [": ", ". "]
        .iter()
        .filter_map(|s| text.find(s))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

/// The rule an explanation cites, as `rule N: statement` from the registry (the form
/// `safety.rs` writes).
pub fn rule_cited(why: &str) -> Option<u8> {
    crate::rules::RULES
        .iter()
        .find(|r| why.contains(&format!("rule {}: {}", r.number, r.statement)))
        .map(|r| r.number)
}

/// What a session counted, besides the mistakes it lists.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// Mistakes past [`MAX_LISTED_MISTAKES`], only counted.
    pub unlisted: u32,
    /// Commands that acted.
    pub actions: u32,
    /// Hints shown.
    pub hints: u32,
    /// Times the trainee started again.
    pub restarts: u32,
}

impl Debrief {
    /// The debrief of an attempt at `exercise` from what the session recorded.
    pub fn of(
        exercise: &Exercise,
        outcome: Outcome,
        mistakes: &[Mistake],
        counts: Counts,
        time: std::ops::Range<Instant>,
    ) -> Debrief {
        let Counts {
            unlisted,
            actions,
            hints,
            restarts,
        } = counts;
        // Where the solution checks the caller: mistakes about the caller belong there,
        // wherever the trainee was along the rest of it.
        let check = exercise.solution.iter().position(|s| {
            s.commands
                .iter()
                .any(|c| c.trim_start().to_lowercase().starts_with("verify "))
        });
        let notes = mistakes
            .iter()
            .map(|m| {
                let at = match check {
                    Some(i) if m.kind.about_the_caller() => Some(i),
                    _ => solution::section_at(&exercise.solution, m.progress),
                };
                let section = at
                    .and_then(|i| exercise.solution.get(..=i))
                    .unwrap_or_default();
                // The nearest section at or before it that names a guide step.
                let named = section.iter().rev().find(|s| s.guide.is_some());
                let (what, rule) = match &m.kind {
                    MistakeKind::Refused { page, message } => (
                        format!("the service refused it: \"{message}\""),
                        rule_of_page(*page),
                    ),
                    MistakeKind::Broken { why } | MistakeKind::TurnedAway { why } => (
                        why.lines().next().unwrap_or_default().to_string(),
                        rule_cited(why),
                    ),
                    MistakeKind::Check { why } => (
                        format!("not a check of the caller: {}", first_sentence(why)),
                        rule_cited(why),
                    ),
                };
                // The guide has no step for checking a caller; the book's page on it is the
                // trainer's own.
                let page = if m.kind.about_the_caller() {
                    Some(CALLER_PAGE.to_string())
                } else {
                    named.and_then(|s| s.page.clone())
                };
                MistakeNote {
                    command: m.command.clone(),
                    what,
                    guide: named.and_then(|s| s.guide.clone()),
                    page,
                    rule,
                }
            })
            .collect();
        Debrief {
            exercise: exercise.id.clone(),
            outcome,
            score: score(
                outcome,
                mistakes.len().saturating_add(unlisted as usize),
                hints,
            ),
            actions,
            hints,
            mistakes: notes,
            unlisted,
            expert: exercise.solution.clone(),
            seconds: time.end.saturating_sub(time.start).max(0),
            time_limit: exercise.time_limit,
            restarts,
        }
    }

    /// Every mistake, listed or not.
    pub fn mistake_count(&self) -> usize {
        self.mistakes.len().saturating_add(self.unlisted as usize)
    }

    /// Whole simulated minutes taken, rounded up (a started minute counts).
    pub fn minutes(&self) -> i64 {
        (self.seconds + 59) / 60
    }

    /// The book pages the debrief links to (mistakes' pages, the rules' anchors in
    /// `rules.html`, the solution's pages), each once, in order.
    pub fn pages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut add = |p: String| {
            if !out.contains(&p) {
                out.push(p);
            }
        };
        for m in &self.mistakes {
            if let Some(page) = &m.page {
                add(page.clone());
            }
            if let Some(n) = m.rule {
                add(rule_page(n));
            }
        }
        for page in self.expert.iter().filter_map(|s| s.page.clone()) {
            add(page);
        }
        out
    }

    /// The guide step IDs the debrief names, each once, in order.
    pub fn guide_steps(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let named = self.mistakes.iter().filter_map(|m| m.guide.as_ref());
        for id in named.chain(self.expert.iter().filter_map(|s| s.guide.as_ref())) {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }
}

impl super::Session {
    /// Once the exercise's time limit has passed: why the attempt ends.
    pub(super) fn time_up(&self) -> Option<String> {
        let limit = self.exercise.time_limit?;
        let used = self.now().ok()?.saturating_sub(self.started);
        (used > i64::from(limit) * 60).then(|| {
            format!(
                "\nTime is up: this exercise allows {limit} simulated minutes and {} have passed.",
                (used + 59) / 60
            )
        })
    }

    /// Note a mistake made by the last command typed.
    pub(super) fn note_mistake(&mut self, kind: MistakeKind) {
        if self.mistakes.len() >= MAX_LISTED_MISTAKES {
            self.trail.unlisted = self.trail.unlisted.saturating_add(1);
            return;
        }
        self.mistakes.push(Mistake {
            command: self.trail.last.clone(),
            kind,
            progress: self.trail.progress,
        });
    }

    /// The debrief of the attempt so far (at its end: of the attempt).
    pub fn debrief(&self) -> Debrief {
        let outcome = if self.failed.is_some() {
            Outcome::Failed
        } else if self.goal_met {
            Outcome::Met
        } else {
            Outcome::NotMet
        };
        let now = self.now().unwrap_or(self.started);
        Debrief::of(
            &self.exercise,
            outcome,
            &self.mistakes,
            Counts {
                unlisted: self.trail.unlisted,
                actions: self.actions,
                hints: u32::try_from(self.hints_used).unwrap_or(u32::MAX),
                restarts: self.restarts,
            },
            self.started..now,
        )
    }
}

/// Where the book shows rule `n`.
pub fn rule_page(n: u8) -> String {
    format!("rules.html#rule-{n}")
}

/// "guide step X, book P" for a place in the guide, or nothing.
fn place(guide: Option<&str>, page: Option<&str>) -> String {
    match (guide, page) {
        (Some(g), Some(p)) => format!("guide step {g}, book {p}"),
        (Some(g), None) => format!("guide step {g}"),
        (None, Some(p)) => format!("book {p}"),
        (None, None) => String::new(),
    }
}

impl std::fmt::Display for Debrief {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize, what: &str| {
            format!("{count} {what}{}", if count == 1 { "" } else { "s" })
        };
        writeln!(f, "--- Debrief ---")?;
        writeln!(
            f,
            "Points: {}/100 ({}; {}, {}).",
            self.score,
            self.outcome,
            n(self.mistake_count(), "mistake"),
            n(self.hints as usize, "hint")
        )?;
        let limit = self
            .time_limit
            .map(|m| format!("; the limit is {}", n(m as usize, "minute")))
            .unwrap_or_default();
        let restarts = if self.restarts > 0 {
            format!(
                ", since the last of {}",
                n(self.restarts as usize, "restart")
            )
        } else {
            String::new()
        };
        // Only the help desk's work can take no time: in the simulator the console's actions
        // and the checks of the caller are instant (a simulator's choice), which is said.
        let instant = if self.seconds == 0 {
            ": in the simulator, console actions and caller checks take no time"
        } else {
            ""
        };
        writeln!(
            f,
            "Time taken: {} ({} simulated seconds{restarts}{limit}){instant}.",
            n(self.minutes() as usize, "simulated minute"),
            self.seconds
        )?;
        if self.mistakes.is_empty() {
            writeln!(f, "Mistakes: none.")?;
        } else {
            writeln!(f, "Mistakes:")?;
            for (i, m) in self.mistakes.iter().enumerate() {
                writeln!(f, "  {}. `{}`: {}", i + 1, m.command, m.what)?;
                let mut about = place(m.guide.as_deref(), m.page.as_deref());
                if let Some(r) = m.rule.and_then(crate::rules::rule) {
                    if !about.is_empty() {
                        about.push_str("; ");
                    }
                    about.push_str(&format!(
                        "rule {} {}, book {}",
                        r.number,
                        crate::words::quoted(r.title),
                        rule_page(r.number)
                    ));
                }
                if !about.is_empty() {
                    writeln!(f, "     ({about})")?;
                }
            }
            if self.unlisted > 0 {
                writeln!(f, "  ... and {} more, not listed.", self.unlisted)?;
            }
        }
        if !self.expert.is_empty() {
            writeln!(f, "What an expert would have done:")?;
            for s in &self.expert {
                let about = place(s.guide.as_deref(), s.page.as_deref());
                let steps: Vec<String> = s.commands.iter().map(|c| solution::readable(c)).collect();
                if about.is_empty() {
                    writeln!(f, "  - {}", steps.join("; "))?;
                } else {
                    writeln!(f, "  - {}: {}", about, steps.join("; "))?;
                }
            }
        }
        Ok(())
    }
}
