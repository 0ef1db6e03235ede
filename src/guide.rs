//! The guide's steps and their stable IDs (`features/guide-steps.yaml`), the one list the
//! book's coverage table, its tests and `check-guide` read.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One step of the guide.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    /// Stable ID (`SMS-05`).
    pub id: String,
    /// Section key (`sms`), matching a feature's `@section:` tag.
    pub section: String,
    /// What the step says, in this project's words.
    pub summary: String,
    /// The lines of the guide document it is on: `"37"` or `"87-89"`.
    #[serde(default)]
    pub lines: Option<String>,
    /// A short phrase of the guide on those lines, as written.
    #[serde(default)]
    pub quote: Option<String>,
}

impl GuideStep {
    /// The first and last line it is on, if anchored (and well written).
    pub fn line_range(&self) -> Option<(usize, usize)> {
        let lines = self.lines.as_deref()?;
        let (a, b) = lines.split_once('-').unwrap_or((lines, lines));
        let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (a >= 1 && a <= b).then_some((a, b))
    }
}

/// Every anchor of `steps` that does not hold in `document` (the guide's text): a range that
/// is malformed or past the end, a quote not on those lines, a range without a quote. One
/// sentence each, naming the step.
pub fn anchor_problems(steps: &[GuideStep], document: &str) -> Vec<String> {
    let lines: Vec<&str> = document.lines().collect();
    let mut out = Vec::new();
    for s in steps {
        match (&s.lines, &s.quote) {
            (None, None) => {}
            (Some(_), None) | (None, Some(_)) => out.push(format!(
                "{}: an anchor needs both `lines` and `quote`",
                s.id
            )),
            (Some(written), Some(quote)) => match s.line_range() {
                None => out.push(format!(
                    "{}: lines \"{written}\" is not a line or a range like \"37\" or \"87-89\"",
                    s.id
                )),
                Some((_, b)) if b > lines.len() => out.push(format!(
                    "{}: lines {written} go past the end of the guide ({} lines)",
                    s.id,
                    lines.len()
                )),
                Some((a, b)) => {
                    if !lines[a - 1..b].iter().any(|l| l.contains(quote.as_str())) {
                        out.push(format!(
                            "{}: \"{quote}\" is not on line(s) {written} of the guide",
                            s.id
                        ));
                    }
                }
            },
        }
    }
    out
}

/// The guide step whose anchor covers `line`, if any.
pub fn step_at(steps: &[GuideStep], line: usize) -> Option<&GuideStep> {
    steps
        .iter()
        .find(|s| s.line_range().is_some_and(|(a, b)| (a..=b).contains(&line)))
}

/// The guide steps file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    /// Unreadable.
    #[error("{0}: {1}")]
    Read(PathBuf, std::io::Error),
    /// Malformed.
    #[error("{0}:{1}:{2}: {3}")]
    Syntax(PathBuf, usize, usize, String),
}

/// Read a guide steps file.
pub fn load(path: &Path) -> Result<Vec<GuideStep>, GuideError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| GuideError::Read(path.to_path_buf(), e))?;
    serde_yaml::from_str(&text).map_err(|e| {
        let (l, c) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        GuideError::Syntax(path.to_path_buf(), l, c, e.to_string())
    })
}

/// The guide IDs a list of tags names (`guide:SMS-05` -> `SMS-05`).
pub fn ids_in(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter_map(|t| t.trim_start_matches('@').strip_prefix("guide:"))
        .map(str::to_string)
        .collect()
}

/// If `line` is a step marker (`# guide: SMS-05`, a comment that says which guide step the
/// steps below it serve), the ID it names: the first word after `guide:`, possibly empty.
/// Anything after the ID is a remark for the reader.
pub fn marker(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix('#')?.trim_start();
    let rest = rest.strip_prefix("guide:")?;
    Some(rest.split_whitespace().next().unwrap_or(""))
}

/// The step markers of one feature file: which guide step each step of a scenario serves.
///
/// A scenario tagged with several guide steps says which of its steps serve which with a
/// `# guide: ID` comment line before each run of steps (the strict reader, `harness::syntax`,
/// makes sure it does). Steps before the first marker (the Background's included) are set-up:
/// they serve the first marked step.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// Lines (1-based) that open a scenario (`Scenario:`, `Scenario Outline:`, `Example:`...).
    headers: Vec<usize>,
    /// Marker lines and the ID each names.
    marks: Vec<(usize, String)>,
}

/// What a step of a scenario is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Serves {
    /// The guide step it serves.
    pub id: String,
    /// True for a step before the scenario's first marker: it prepares `id`.
    pub setup: bool,
}

impl Marks {
    /// Read the markers of a feature file's text.
    pub fn read(text: &str) -> Marks {
        let mut marks = Marks::default();
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let header = [
                "Scenario:",
                "Scenario Outline:",
                "Scenario Template:",
                "Example:",
            ];
            if header.iter().any(|h| t.starts_with(h)) {
                marks.headers.push(i + 1);
            } else if let Some(id) = marker(t) {
                marks.marks.push((i + 1, id.to_string()));
            }
        }
        marks
    }

    /// Read the markers of the feature file at `path` (none when it cannot be read).
    pub(crate) fn of_file(path: &Path) -> Marks {
        std::fs::read_to_string(path)
            .map(|t| Marks::read(&t))
            .unwrap_or_default()
    }

    /// What the step at `step_line` of the scenario at `scenario_line` (for an outline, the
    /// line of its Examples row) serves, or None when the scenario has no markers.
    pub fn serves(&self, scenario_line: usize, step_line: usize) -> Option<Serves> {
        let header = self
            .headers
            .iter()
            .rev()
            .find(|h| **h <= scenario_line)
            .copied()?;
        let end = self
            .headers
            .iter()
            .find(|h| **h > header)
            .copied()
            .unwrap_or(usize::MAX);
        let inside: Vec<&(usize, String)> = self
            .marks
            .iter()
            .filter(|(l, _)| *l > header && *l < end)
            .collect();
        let first = inside.first()?;
        Some(match inside.iter().rev().find(|(l, _)| *l < step_line) {
            Some((_, id)) => Serves {
                id: id.clone(),
                setup: false,
            },
            None => Serves {
                id: first.1.clone(),
                setup: true,
            },
        })
    }
}
