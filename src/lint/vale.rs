//! `lint-guide --vale DIR`: the labels the service renamed or retired between the guide's
//! date and today, as a Vale style, so a writer sees the drift in any guide while editing.
//!
//! Two rules are written into `DIR` (a folder under Vale's `StylesPath`): `Renamed.yml`
//! (`extends: substitution`, each old label swapped for the new one) and `Retired.yml`
//! (`extends: existence`, labels no longer shown anywhere on the walk). Both come from the
//! two runs: the guide's labels that `lint-guide` found renamed or gone, and the labels the
//! screens comparison ([`super::screens`]) found renamed, removed, or on pages no longer
//! reached. Each file carries a mark in its first line; a file without it is never replaced.

use super::screens::{Change, LabelKind, Screens, then_and_now};
use super::{Eras, Finding, Verdict, normal};
use crate::harness::reports::{ReportError, writable, write};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The first line of every file this writes; a file without it is not ours to replace.
pub const MARK: &str = "# written by mfa-sim lint-guide --vale";

/// The files a style is written as.
pub const FILES: [&str; 2] = ["Renamed.yml", "Retired.yml"];

/// The renames (old label to new) and retired labels of two eras.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Old label to the label shown today instead.
    pub renamed: BTreeMap<String, String>,
    /// Labels shown on the guide's date and nowhere on today's walk.
    pub retired: BTreeSet<String>,
}

/// Every label text a run's pages showed, compared as a reader would.
fn all_labels(screens: &Screens) -> BTreeSet<String> {
    screens
        .values()
        .flat_map(|s| {
            s.titles
                .iter()
                .cloned()
                .chain(s.labels.values().flatten().map(|(_, t)| t.clone()))
        })
        .map(|t| normal(&t))
        .collect()
}

/// True for a label the service itself words: a button, a link, an option or a sub-heading,
/// but not a row that shows a person's own data ("Phone: +1 ...", "App password: Thunderbird"),
/// nor a tick box or a text box that lists what someone named.
fn fixed(kind: LabelKind, label: &str) -> bool {
    match kind {
        LabelKind::Button | LabelKind::Link | LabelKind::Subtitle => true,
        LabelKind::Option => !label.contains(": "),
        LabelKind::Tick | LabelKind::Field => false,
    }
}

/// The drift between the eras of `eras`, from the screens and from `findings` (the guide's
/// quoted labels renamed or gone).
pub fn drift(eras: &Eras, findings: &[Finding]) -> Drift {
    let mut d = Drift::default();
    for f in findings {
        let Some(label) = &f.label else { continue };
        match (&f.then, &f.now) {
            (Verdict::Found { .. }, Verdict::Near { nearest, .. }) => {
                d.renamed.insert(label.clone(), nearest.clone());
            }
            (Verdict::Found { .. }, Verdict::Absent) => {
                d.retired.insert(label.clone());
            }
            _ => {}
        }
    }
    let (then, now) = &eras.screens;
    let shown_now = all_labels(now);
    for c in then_and_now(then, now, &[]) {
        for change in &c.changes {
            match change {
                Change::Renamed { from, to, .. } => {
                    d.renamed.entry(from.clone()).or_insert_with(|| to.clone());
                }
                Change::Retitled { from, to } if from.len() == 1 && to.len() == 1 => {
                    d.renamed
                        .entry(from[0].clone())
                        .or_insert_with(|| to[0].clone());
                }
                Change::Removed(kind, label) if fixed(*kind, label) => {
                    d.retired.insert(label.clone());
                }
                Change::Gone => {
                    if let Some(s) = then.get(&c.page) {
                        d.retired.extend(s.titles.iter().cloned());
                        // What the page says in every scenario that showed it: the page's
                        // own wording, not one scenario's people, phones or App Passwords.
                        let mut scenarios = s.labels.values();
                        let mut common = scenarios.next().cloned().unwrap_or_default();
                        for other in scenarios {
                            common.retain(|l| other.contains(l));
                        }
                        d.retired.extend(
                            common
                                .into_iter()
                                .filter(|(k, t)| fixed(*k, t))
                                .map(|(_, t)| t),
                        );
                    }
                }
                _ => {}
            }
        }
    }
    // A label still shown somewhere today is not retired, and a renamed one is not both.
    d.retired
        .retain(|l| !shown_now.contains(&normal(l)) && !d.renamed.contains_key(l));
    d.renamed.retain(|from, to| normal(from) != normal(to));
    // One token per wording: the rule ignores case anyway.
    let mut seen = BTreeSet::new();
    d.retired.retain(|l| seen.insert(normal(l)));
    d
}

/// A label as a Vale pattern (Vale reads `swap` keys and `tokens` as regular expressions).
pub fn pattern(label: &str) -> String {
    regex_escape(label.trim())
}

fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
struct Substitution<'a> {
    extends: &'static str,
    message: String,
    level: &'static str,
    ignorecase: bool,
    swap: BTreeMap<String, &'a str>,
}

#[derive(Serialize)]
struct Existence {
    extends: &'static str,
    message: String,
    level: &'static str,
    ignorecase: bool,
    tokens: Vec<String>,
}

/// The two rule files as (file name, text), each starting with [`MARK`].
pub fn style(d: &Drift, now_label: &str) -> Result<Vec<(&'static str, String)>, String> {
    let head = format!(
        "{MARK}\n# From the simulator's pages on the guide's date and on {now_label}; rebuilt by each run.\n"
    );
    let renamed = Substitution {
        extends: "substitution",
        message: format!("The service now says '%s' instead of '%s' (mfa-sim, {now_label})."),
        level: "warning",
        ignorecase: true,
        swap: d
            .renamed
            .iter()
            .map(|(from, to)| (pattern(from), to.as_str()))
            .collect(),
    };
    let retired = Existence {
        extends: "existence",
        message: format!("'%s' is no longer shown by the service (mfa-sim, {now_label})."),
        level: "warning",
        ignorecase: true,
        tokens: d.retired.iter().map(|l| pattern(l)).collect(),
    };
    let yaml = |r: Result<String, serde_yaml::Error>| r.map_err(|e| e.to_string());
    Ok(vec![
        (
            FILES[0],
            head.clone() + &yaml(serde_yaml::to_string(&renamed))?,
        ),
        (FILES[1], head + &yaml(serde_yaml::to_string(&retired))?),
    ])
}

/// Write the style into `dir` (created if missing). Every file is checked before any is
/// written: a file there that this command did not write stops it, and nothing is changed.
pub fn write_style(
    dir: &Path,
    files: &[(&'static str, String)],
) -> Result<Vec<PathBuf>, ReportError> {
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    for p in &paths {
        writable(p, MARK)?;
    }
    for (p, (_, text)) in paths.iter().zip(files) {
        write(p, text.as_bytes(), MARK)?;
    }
    Ok(paths)
}
