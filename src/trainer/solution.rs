//! An exercise's solution (`solution:` in its YAML): what an expert would type, in sections,
//! each tied to the guide step it serves and the book page that shows it.
//!
//! The solution is the one definition of the good path: the debrief shows it as "what an
//! expert would have done", `tests/suite/trainer.rs` plays it to a pass, and `mfa-sim check`
//! reads every command in it. Where a person would read a value off the phone or a page, a
//! command names it with a placeholder (see [`PLACEHOLDERS`]): `type {text}` is "type the
//! code the latest text message gave".
//!
//! A session measures how far a trainee has come along the solution ([`progress`]): the
//! longest start of it found, in order, among the commands typed so far. A mistake is then
//! tied to the section the trainee was working on.

use serde::Deserialize;

/// One section of a solution.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The guide step these commands serve (an ID from the project's guide steps).
    #[serde(default)]
    pub guide: Option<String>,
    /// The book page that shows it (`text-messages.html`).
    #[serde(default)]
    pub page: Option<String>,
    /// The commands, as a trainee types them.
    #[serde(rename = "do")]
    pub commands: Vec<String>,
}

/// The placeholders a solution command may hold, and what a person reads for each.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("{text}", "<the code in the latest text message>"),
    ("{code}", "<the code the authenticator app shows>"),
    ("{app-password}", "<the App Password the page shows>"),
    ("{pass}", "<the Temporary Access Pass the console shows>"),
    (
        "{number}",
        "<the number the sign-in page shows, typed in Microsoft Authenticator>",
    ),
];

/// Every command of `solution`, in order, with the index of its section.
pub fn commands(solution: &[Section]) -> impl Iterator<Item = (usize, &str)> {
    solution
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.commands.iter().map(move |c| (i, c.as_str())))
}

/// A solution command as a person reads it: placeholders spelled out.
pub fn readable(command: &str) -> String {
    PLACEHOLDERS
        .iter()
        .fold(command.to_string(), |c, (p, words)| c.replace(p, words))
}

/// The placeholders in `command` that are not in [`PLACEHOLDERS`] (`{` to `}`).
pub fn unknown_placeholders(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = command;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            out.push(rest[open..].to_string());
            break;
        };
        let name = &rest[open..open + len + 1];
        if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            out.push(name.to_string());
        }
        rest = &rest[open + len + 1..];
    }
    out
}

/// `command` with each placeholder replaced by a sample value of its shape (for checking
/// that it parses).
pub fn with_samples(command: &str) -> String {
    command
        .replace("{text}", "123456")
        .replace("{code}", "123456")
        .replace("{app-password}", "abcdefghijklmnop")
        .replace("{pass}", "Tap4Pass")
        .replace("{number}", "42")
}

/// Whether a typed command is the solution's `expected` one: the same words, without case
/// or extra spaces, a placeholder standing for any one word.
pub fn matches(typed: &str, expected: &str) -> bool {
    let typed: Vec<&str> = typed.split_whitespace().collect();
    let expected: Vec<&str> = expected.split_whitespace().collect();
    typed.len() == expected.len()
        && typed.iter().zip(&expected).all(|(t, e)| {
            t.eq_ignore_ascii_case(e) || PLACEHOLDERS.iter().any(|(p, _)| e.contains(p))
        })
}

/// How many of the solution's commands, from the start, appear in order among `typed`.
pub fn progress<'a>(solution: &[Section], typed: impl IntoIterator<Item = &'a str>) -> usize {
    let wanted: Vec<&str> = commands(solution).map(|(_, c)| c).collect();
    let mut next = 0;
    for line in typed {
        if next < wanted.len() && matches(line, wanted[next]) {
            next += 1;
        }
    }
    next
}

/// The section a trainee who has done `done` commands of the solution is working on (the
/// one holding the next command; the last once all are done), if the solution has any.
pub fn section_at(solution: &[Section], done: usize) -> Option<usize> {
    commands(solution)
        .nth(done)
        .map(|(i, _)| i)
        .or_else(|| solution.len().checked_sub(1))
}
