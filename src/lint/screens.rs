//! Screens, then and now: every browser page the guide's scenarios walk through, gathered
//! from a run by its [`PageId`], and the structural difference between the guide's date and
//! today: pages that appear or are gone, titles that changed, labels renamed, options and
//! buttons added or removed. Each difference is tied to the guide steps whose lines pass
//! through the page and to the guide's sentences whose quoted labels were on it.
//!
//! Pages are matched on their identity, never on their heading; headings and labels are
//! compared only to say what a person would read differently.

use super::Checked;
use super::Severity;
use super::Verdict;
use crate::guide::{Marks, ids_in};
use crate::harness::RunReport;
use crate::screens::{PageId, ScreenView};
use crate::transcript::Output;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What kind of text on a page a label is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LabelKind {
    /// A sub-heading (a wizard step, a tab).
    Subtitle,
    /// A button.
    Button,
    /// A link.
    Link,
    /// An option to choose.
    Option,
    /// A tick box.
    Tick,
    /// A text box's label.
    Field,
}

impl LabelKind {
    /// The word a reader uses for it.
    pub fn word(self) -> &'static str {
        match self {
            LabelKind::Subtitle => "sub-heading",
            LabelKind::Button => "button",
            LabelKind::Link => "link",
            LabelKind::Option => "option",
            LabelKind::Tick => "tick box",
            LabelKind::Field => "box",
        }
    }
}

/// One page as a run showed it, over every time it was shown.
#[derive(Clone, Debug, Default)]
pub struct Screen {
    /// The headings it was shown with.
    pub titles: BTreeSet<String>,
    /// Every label it was shown with, by the scenario (feature file, scenario line) that
    /// showed it: a scenario is compared with itself on the other date, so what differs is the
    /// date, not the people or methods of two different scenarios.
    pub labels: BTreeMap<(String, usize), BTreeSet<(LabelKind, String)>>,
    /// The guide steps whose lines passed through it.
    pub steps: BTreeSet<String>,
    /// The page shown just before it the first time it appeared.
    pub after: Option<PageId>,
}

impl Screen {
    /// The page as a reader tells it apart: its first heading, and its first sub-heading
    /// (several pages share a heading, such as the steps of "Keep your account secure").
    pub fn name(&self) -> String {
        let title = self.titles.first().cloned().unwrap_or_default();
        let sub = self
            .labels
            .values()
            .flatten()
            .find(|(k, _)| *k == LabelKind::Subtitle);
        match sub {
            Some((_, s)) if *s != title => format!("{title} / {s}"),
            _ => title,
        }
    }
}

/// Every browser page of a run, by identity.
pub type Screens = BTreeMap<PageId, Screen>;

fn labels_of(v: &ScreenView) -> Vec<(LabelKind, String)> {
    let mut out: Vec<(LabelKind, String)> = Vec::new();
    out.extend(v.subtitle.iter().map(|t| (LabelKind::Subtitle, t.clone())));
    out.extend(
        v.buttons
            .clone()
            .into_iter()
            .map(|t| (LabelKind::Button, t)),
    );
    out.extend(v.links.clone().into_iter().map(|t| (LabelKind::Link, t)));
    out.extend(
        v.choices
            .iter()
            .map(|(t, _)| (LabelKind::Option, t.clone())),
    );
    out.extend(v.ticks.iter().map(|(t, _)| (LabelKind::Tick, t.clone())));
    out.extend(v.fields.iter().map(|(t, _)| (LabelKind::Field, t.clone())));
    out
}

/// The browser pages `report` showed in the scenarios on its own tenant and date, with the
/// guide steps they serve (`# guide:` markers in the feature files under `features`, else
/// the scenario's `@guide:` tags).
pub fn screens(report: &RunReport, features: &Path) -> Screens {
    let mut out = Screens::new();
    let mut marks: BTreeMap<String, Marks> = BTreeMap::new();
    let mut last: Option<(String, usize, PageId)> = None;
    for step in &report.steps {
        let own = report
            .scenarios
            .get(&(step.feature.clone(), step.scenario_line))
            .is_some_and(|s| !s.pinned);
        if !own {
            continue;
        }
        let m = marks.entry(step.feature.clone()).or_insert_with(|| {
            Marks::read(&std::fs::read_to_string(features.join(&step.feature)).unwrap_or_default())
        });
        // Set-up (a Background, or the steps before a scenario's first `# guide:` marker)
        // passes through pages on the way; only the lines that serve a step walk it.
        let serves: Vec<String> = match m.serves(step.scenario_line, step.step_line) {
            Some(s) if !s.setup => vec![s.id],
            Some(_) => Vec::new(),
            None if step.background => Vec::new(),
            None => ids_in(&step.tags),
        };
        for event in &step.outputs {
            let Output::Screen(v) = &event.output else {
                continue;
            };
            let before = last
                .as_ref()
                .filter(|(f, l, p)| *f == step.feature && *l == step.scenario_line && *p != v.page)
                .map(|(_, _, p)| *p);
            let screen = out.entry(v.page).or_default();
            if screen.titles.is_empty() {
                screen.after = before;
            }
            screen.titles.insert(v.title.clone());
            screen
                .labels
                .entry((step.feature.clone(), step.scenario_line))
                .or_default()
                .extend(labels_of(v));
            screen.steps.extend(serves.iter().cloned());
            last = Some((step.feature.clone(), step.scenario_line, v.page));
        }
    }
    out
}

/// One structural difference of a page between the guide's date and today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The page appears only today, after the page named (if it came after one).
    New {
        /// The page shown just before it.
        after: Option<PageId>,
    },
    /// The page is no longer reached.
    Gone,
    /// Its heading changed.
    Retitled {
        /// Then.
        from: Vec<String>,
        /// Now.
        to: Vec<String>,
    },
    /// A label reads differently (paired by likeness, same kind of control).
    Renamed {
        /// Which kind of control.
        kind: LabelKind,
        /// Then.
        from: String,
        /// Now.
        to: String,
    },
    /// A label shown only today.
    Added(LabelKind, String),
    /// A label no longer shown.
    Removed(LabelKind, String),
}

/// A guide sentence a page's difference breaks: its line and what `lint-guide` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// 1-based line in the guide document.
    pub line: usize,
    /// The guide step whose lines it is on, if any.
    pub step: Option<String>,
    /// The finding's message.
    pub message: String,
}

/// What changed on one page, and what of the guide it touches.
#[derive(Clone, Debug)]
pub struct ScreenChange {
    /// Which page.
    pub page: PageId,
    /// Its heading then (or now, for a new page).
    pub title: String,
    /// What changed, new/gone first, then heading, renamed, added, removed.
    pub changes: Vec<Change>,
    /// The guide steps whose lines pass through the page, on either date.
    pub steps: Vec<String>,
    /// The guide's sentences whose quoted labels were on this page and no longer hold.
    pub broken: Vec<Broken>,
}

/// Pair removed and added labels of the same kind that look alike: a rename.
fn renames(
    removed: &mut Vec<(LabelKind, String)>,
    added: &mut Vec<(LabelKind, String)>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < removed.len() {
        let (kind, from) = removed[i].clone();
        let best = added
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k == kind)
            .map(|(j, (_, to))| {
                let score = strsim::normalized_damerau_levenshtein(
                    &super::normal(&from),
                    &super::normal(to),
                );
                (j, score)
            })
            .filter(|(_, score)| *score >= 0.6)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((j, _)) => {
                let (_, to) = added.remove(j);
                removed.remove(i);
                out.push(Change::Renamed { kind, from, to });
            }
            None => i += 1,
        }
    }
    out
}

/// The guide's sentences (from `checked`) whose label was on `page` on either date and which
/// fail or warn today.
fn broken_on(page: PageId, checked: &[Checked]) -> Vec<Broken> {
    let on = |v: &Verdict| match v {
        Verdict::Found { screen, .. } | Verdict::Near { screen, .. } => *screen == Some(page),
        _ => false,
    };
    let mut out: Vec<Broken> = checked
        .iter()
        .flat_map(|c| &c.findings)
        .filter(|f| f.severity != Severity::Note && (on(&f.then) || on(&f.now)))
        .map(|f| Broken {
            line: f.line,
            step: f.step.clone(),
            message: f.message.clone(),
        })
        .collect();
    out.dedup();
    out
}

/// Every page the guide's scenarios walk through that differs between `then` and `now`, in
/// page order, each with the guide steps and sentences it touches (`checked`: the guide
/// document's sentences, checked on the same two runs).
pub fn then_and_now(then: &Screens, now: &Screens, checked: &[Checked]) -> Vec<ScreenChange> {
    let pages: BTreeSet<PageId> = then.keys().chain(now.keys()).copied().collect();
    let mut out = Vec::new();
    for page in pages {
        let (a, b) = (then.get(&page), now.get(&page));
        let steps: BTreeSet<String> = a
            .iter()
            .chain(b.iter())
            .flat_map(|s| s.steps.iter().cloned())
            .collect();
        if steps.is_empty() {
            continue;
        }
        let mut changes = Vec::new();
        let title = a.or(b).map(Screen::name).unwrap_or_default();
        match (a, b) {
            (None, Some(n)) => changes.push(Change::New { after: n.after }),
            (Some(_), None) => changes.push(Change::Gone),
            (Some(t), Some(n)) => {
                if t.titles != n.titles {
                    changes.push(Change::Retitled {
                        from: t.titles.difference(&n.titles).cloned().collect(),
                        to: n.titles.difference(&t.titles).cloned().collect(),
                    });
                }
                let mut removed = BTreeSet::new();
                let mut added = BTreeSet::new();
                for (scenario, was) in &t.labels {
                    if let Some(is) = n.labels.get(scenario) {
                        removed.extend(was.difference(is).cloned());
                        added.extend(is.difference(was).cloned());
                    }
                }
                let mut removed: Vec<(LabelKind, String)> = removed.into_iter().collect();
                let mut added: Vec<(LabelKind, String)> = added.into_iter().collect();
                changes.extend(renames(&mut removed, &mut added));
                changes.extend(added.into_iter().map(|(k, l)| Change::Added(k, l)));
                changes.extend(removed.into_iter().map(|(k, l)| Change::Removed(k, l)));
            }
            (None, None) => {}
        }
        if changes.is_empty() {
            continue;
        }
        out.push(ScreenChange {
            page,
            title,
            changes,
            steps: steps.into_iter().collect(),
            broken: broken_on(page, checked),
        });
    }
    out
}
