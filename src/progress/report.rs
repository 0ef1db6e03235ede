//! What the progress file tells: for a trainee, which exercises are done and which is next;
//! for a help-desk manager, every trainee by exercise (best points, attempts, last date,
//! mistakes), as a text table or CSV. Names come from the file, so every text returned is
//! cleaned of terminal control ([`crate::trainer::clean`]).

use super::Attempt;
use crate::trainer::clean::clean;
use crate::trainer::debrief::Outcome;

/// One trainee's standing on one exercise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The exercise's id.
    pub exercise: String,
    /// Attempts made.
    pub attempts: usize,
    /// The best points of any attempt (None: never tried).
    pub best: Option<u32>,
    /// Some attempt met the goal.
    pub done: bool,
    /// Mistakes over all attempts.
    pub mistakes: usize,
    /// The real time of the last attempt.
    pub last: Option<crate::clock::Instant>,
}

fn standing_of<'a>(exercise: &str, attempts: impl Iterator<Item = &'a Attempt>) -> Standing {
    let mut s = Standing {
        exercise: exercise.to_string(),
        attempts: 0,
        best: None,
        done: false,
        mistakes: 0,
        last: None,
    };
    for a in attempts.filter(|a| a.exercise == exercise) {
        s.attempts += 1;
        s.best = Some(s.best.unwrap_or(0).max(a.debrief.score));
        s.done |= a.debrief.outcome == Outcome::Met;
        s.mistakes += a.debrief.mistake_count();
        s.last = Some(s.last.unwrap_or(a.real_time).max(a.real_time));
    }
    s
}

/// `trainee`'s standing on each of `exercises` (in their order), from every stored attempt.
pub fn standing(attempts: &[Attempt], trainee: &str, exercises: &[String]) -> Vec<Standing> {
    exercises
        .iter()
        .map(|e| standing_of(e, attempts.iter().filter(|a| a.trainee == trainee)))
        .collect()
}

/// What `mfa-sim train` says after the list: which exercises are done (the goal met at least
/// once, with the best points), which were tried and not yet done, and which to do next (the
/// first in the list not done).
pub fn summary(trainee: &str, standings: &[Standing]) -> String {
    let done: Vec<String> = standings
        .iter()
        .filter(|s| s.done)
        .map(|s| format!("{} ({})", s.exercise, s.best.unwrap_or(0)))
        .collect();
    let tried: Vec<String> = standings
        .iter()
        .filter(|s| !s.done && s.attempts > 0)
        .map(|s| {
            let n = s.attempts;
            format!(
                "{} ({n} attempt{})",
                s.exercise,
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    let mut out = format!("\n{trainee}: {} of {} done", done.len(), standings.len());
    out.push_str(&if done.is_empty() {
        ".\n".to_string()
    } else {
        format!(", best points: {}.\n", done.join(", "))
    });
    if !tried.is_empty() {
        out.push_str(&format!("Tried, not done yet: {}.\n", tried.join(", ")));
    }
    match standings.iter().find(|s| !s.done) {
        Some(next) => out.push_str(&format!("Next: mfa-sim train {}\n", next.exercise)),
        None => out.push_str("Every exercise is done.\n"),
    }
    clean(&out)
}

/// The trainees in the file, in the order they first appear.
fn trainees(attempts: &[Attempt]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for a in attempts {
        if !out.contains(&a.trainee.as_str()) {
            out.push(&a.trainee);
        }
    }
    out
}

/// The exercises to list: `known` (the project's, in order), then any other that attempts
/// name (an exercise since removed), in the order they appear.
fn exercises<'a>(attempts: &'a [Attempt], known: &'a [String]) -> Vec<&'a str> {
    let mut out: Vec<&str> = known.iter().map(String::as_str).collect();
    for a in attempts {
        if !out.contains(&a.exercise.as_str()) {
            out.push(&a.exercise);
        }
    }
    out
}

/// One row per trainee and exercise tried: trainee, exercise, done, best, attempts, last date
/// (real), mistakes.
fn rows(attempts: &[Attempt], known: &[String]) -> Vec<[String; 7]> {
    let mut out = Vec::new();
    for trainee in trainees(attempts) {
        let theirs: Vec<&Attempt> = attempts.iter().filter(|a| a.trainee == trainee).collect();
        for exercise in exercises(attempts, known) {
            let s = standing_of(exercise, theirs.iter().copied());
            if s.attempts == 0 {
                continue;
            }
            out.push([
                trainee.to_string(),
                exercise.to_string(),
                if s.done { "yes" } else { "no" }.to_string(),
                s.best.unwrap_or(0).to_string(),
                s.attempts.to_string(),
                s.last.map(crate::clock::format_date).unwrap_or_default(),
                s.mistakes.to_string(),
            ]);
        }
    }
    out
}

const HEADER: [&str; 7] = [
    "trainee",
    "exercise",
    "done",
    "best",
    "attempts",
    "last date",
    "mistakes",
];

/// The manager's table as rows of cells, the header first (for a front end that draws it).
pub fn manager_rows(attempts: &[Attempt], known: &[String]) -> Vec<Vec<String>> {
    let mut out = vec![HEADER.map(String::from).to_vec()];
    out.extend(rows(attempts, known).into_iter().map(|r| r.to_vec()));
    out
}

/// The manager's table: one line per trainee and exercise tried, aligned, with a header
/// (points out of 100, the last attempt's real date, mistakes over all attempts).
pub fn manager_table(attempts: &[Attempt], known: &[String]) -> String {
    let rows = rows(attempts, known);
    if rows.is_empty() {
        return "No attempts recorded yet.\n".to_string();
    }
    let mut widths = HEADER.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            // Names left, numbers right.
            if i < 3 || i == 5 {
                s.push_str(&format!("{cell:<w$}  "));
            } else {
                s.push_str(&format!("{cell:>w$}  "));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(&HEADER.map(String::from));
    for row in &rows {
        out.push_str(&line(row));
    }
    clean(&out)
}

/// The same table as CSV (RFC 4180: a field with a comma, quote or line break is quoted).
pub fn manager_csv(attempts: &[Attempt], known: &[String]) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = HEADER.map(field).join(",") + "\n";
    for row in rows(attempts, known) {
        out.push_str(&(row.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\n"));
    }
    clean(&out)
}
