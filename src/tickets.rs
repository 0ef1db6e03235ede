//! The ticket index: what a help desk hears ("the code doesn't work", "a new phone"), each
//! symptom with what to ask, what to look for in the sign-in log, the fix, the scenarios that
//! prove it, the trainer exercise that practises it and the rules behind it.
//!
//! The index is data (`features/tickets.yaml`, beside `guide-steps.yaml`): the book draws it
//! with `{{#tickets}}` (`book/tickets.rs`) and `mfa-sim check` reads it (`check/book.rs`).
//! Both resolve every name it holds with [`Ticket::problems`], so a scenario renamed, an
//! exercise removed or a rule number mistyped fails the build and the check instead of leaving
//! a dead link.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The index's file name in the features folder.
pub const FILE: &str = "tickets.yaml";

/// One symptom of the index.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    /// Anchor on the page: `#ticket-ID`.
    pub id: String,
    /// What the caller says (the heading).
    pub symptom: String,
    /// Questions for the caller.
    pub ask: Vec<String>,
    /// What to look for in the sign-in log.
    pub log: String,
    /// What to do.
    pub fix: String,
    /// The scenarios that prove the fix (at least one).
    pub scenarios: Vec<ScenarioRef>,
    /// The trainer exercise that practises it.
    pub exercise: String,
    /// The exercise is only the nearest one: none practises this very ticket yet.
    #[serde(default)]
    pub closest: bool,
    /// The rules of the service behind it (numbers of `rules::RULES`).
    pub rules: Vec<u8>,
}

/// A scenario named by feature file (in the features folder) and title.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRef {
    /// The feature file, relative to the features folder.
    pub file: String,
    /// The scenario's title.
    pub scenario: String,
}

/// Why the index cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    /// Unreadable.
    #[error("{0}: {1}")]
    Read(PathBuf, std::io::Error),
    /// Malformed (file, line, column, what).
    #[error("{0}:{1}:{2}: {3}")]
    Syntax(PathBuf, usize, usize, String),
}

/// Read the index at `path`.
pub fn load(path: &Path) -> Result<Vec<Ticket>, TicketError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| TicketError::Read(path.to_path_buf(), e))?;
    serde_yaml::from_str(&text).map_err(|e| {
        let (l, c) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        TicketError::Syntax(path.to_path_buf(), l, c, e.to_string())
    })
}

impl Ticket {
    /// Everything in this entry that names nothing: `scenario` answers whether a scenario
    /// exists (and, for the book, is shown), `exercises` are the trainer's exercise ids.
    pub fn problems(
        &self,
        scenario: impl Fn(&ScenarioRef) -> Result<(), String>,
        exercises: &[String],
    ) -> Vec<String> {
        let mut out = Vec::new();
        let at = |what: String| format!("ticket `{}`: {what}", self.id);
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            out.push(at(
                "the id must be lower-case letters, digits and hyphens".into()
            ));
        }
        for (field, empty) in [
            ("symptom", self.symptom.trim().is_empty()),
            ("ask", self.ask.iter().all(|a| a.trim().is_empty())),
            ("log", self.log.trim().is_empty()),
            ("fix", self.fix.trim().is_empty()),
            ("scenarios", self.scenarios.is_empty()),
            ("rules", self.rules.is_empty()),
        ] {
            if empty {
                out.push(at(format!("`{field}` is empty")));
            }
        }
        for s in &self.scenarios {
            if let Err(e) = scenario(s) {
                out.push(at(e));
            }
        }
        if !exercises.contains(&self.exercise) {
            out.push(at(format!(
                "no trainer exercise `{}`; the exercises: {}",
                self.exercise,
                exercises.join(", ")
            )));
        }
        for n in &self.rules {
            if crate::rules::rule(*n).is_none() {
                out.push(at(format!(
                    "names rule {n}; rules are numbered 1 to {}",
                    crate::rules::RULES.len()
                )));
            }
        }
        out
    }
}

/// Problems of the index as a whole: repeated ids, and every entry's own.
pub fn problems(
    tickets: &[Ticket],
    scenario: impl Fn(&ScenarioRef) -> Result<(), String>,
    exercises: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for t in tickets {
        if !seen.insert(t.id.as_str()) {
            out.push(format!("ticket `{}` appears twice", t.id));
        }
        out.extend(t.problems(&scenario, exercises));
    }
    if tickets.is_empty() {
        out.push("the ticket index is empty".into());
    }
    out
}
