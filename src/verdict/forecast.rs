//! "Valid until": the guide replayed on each coming day on which the service is known to
//! change (the days the rule registry names), and, for every guide step, the first of those
//! days on which its verdict changes, with the rules that start that day.
//!
//! Nothing is guessed: a day is looked at only because a rule of `crate::rules` starts (or
//! stops) applying on it, and a change is reported only when the replay on that day gives the
//! guide step another verdict than the replay on the starting date.

use super::{StepVerdict, verdicts};
use crate::clock::Instant;
use crate::guide::GuideStep;
use crate::harness::{Replay, RunOptions, RunReport, run};
use crate::project::Project;
use std::path::Path;

/// A day on which the service changes, and the rules that say so.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Cutover {
    /// The day (00:00 UTC).
    pub day: Instant,
    /// (rule number, what changes), from the rules' date spans.
    pub rules: Vec<(u8, String)>,
}

/// One guide step whose verdict changes on a coming day.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// Guide step ID.
    pub id: String,
    /// The first day its verdict changes.
    pub day: Instant,
    /// Its verdict before that day ("holds with differences").
    pub before: String,
    /// Its verdict from that day.
    pub after: String,
    /// Why, in the verdict's own words.
    pub why: String,
    /// The rules that start that day.
    pub rules: Vec<(u8, String)>,
}

/// The forecast for a guide.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Forecast {
    /// The date it starts from.
    pub from: Instant,
    /// The days looked at.
    pub cutovers: Vec<Cutover>,
    /// Every guide step that changes, ordered by day.
    pub changes: Vec<Change>,
}

impl Forecast {
    /// The first day the guide needs reviewing, and why: the earliest change.
    pub fn review_by(&self) -> Option<&Change> {
        self.changes.first()
    }
}

/// The coming days (after `from`) on which a rule of the registry starts or stops applying.
pub fn cutovers_after(from: Instant) -> Vec<Cutover> {
    let mut days: Vec<Cutover> = Vec::new();
    for rule in &crate::rules::RULES {
        for span in rule.dates {
            for day in [span.from, span.until].into_iter().flatten() {
                if day <= from {
                    continue;
                }
                let what = (rule.number, span.about.to_string());
                match days.iter_mut().find(|c| c.day == day) {
                    Some(c) => {
                        if !c.rules.contains(&what) {
                            c.rules.push(what);
                        }
                    }
                    None => days.push(Cutover {
                        day,
                        rules: vec![what],
                    }),
                }
            }
        }
    }
    days.sort_by_key(|c| c.day);
    days
}

/// Replay the features on `tenant` on each coming cut-over day after its own date, and find
/// the first day each guide step's verdict changes. `guide` is the run on the guide's date;
/// `start`, the replay on the tenant's own date when the caller has made it already.
pub async fn forecast(
    project: &Project,
    features: &Path,
    guide: &RunReport,
    start: Option<&RunReport>,
    steps: &[GuideStep],
    tenant: &str,
) -> anyhow::Result<Forecast> {
    let from = crate::scenario::Scenario::load(&project.tenant(tenant))?.start();
    let replay_on = |date: Option<String>| {
        run(
            project,
            features,
            RunOptions {
                replay: Some(Replay {
                    scenario: tenant.to_string(),
                    date,
                }),
                ..RunOptions::default()
            },
        )
    };
    let made;
    let start = match start {
        Some(s) => s,
        None => {
            made = replay_on(None).await;
            &made
        }
    };
    anyhow::ensure!(
        start.problems.is_empty() && !start.steps.is_empty(),
        "the replay on {tenant} could not run, so there is nothing to forecast from"
    );
    let base: Vec<StepVerdict> = verdicts(guide, start, steps, features);
    let cutovers = cutovers_after(from);
    let mut changes: Vec<Change> = Vec::new();
    for cut in &cutovers {
        let day = crate::clock::format_date(cut.day);
        let other = replay_on(Some(day.clone())).await;
        anyhow::ensure!(
            other.problems.is_empty() && !other.steps.is_empty(),
            "the replay on {tenant} on {day} could not run"
        );
        for v in verdicts(guide, &other, steps, features) {
            if changes.iter().any(|c| c.id == v.id) {
                continue;
            }
            let Some(before) = base.iter().find(|b| b.id == v.id) else {
                continue;
            };
            if before.verdict.label() != v.verdict.label() {
                changes.push(Change {
                    id: v.id.clone(),
                    day: cut.day,
                    before: before.verdict.label().to_string(),
                    after: v.verdict.label().to_string(),
                    why: v.verdict.notes().into_iter().next().unwrap_or_default(),
                    rules: cut.rules.clone(),
                });
            }
        }
    }
    Ok(Forecast {
        from,
        cutovers,
        changes,
    })
}

/// The forecast as text: the review date first, then each step that changes.
pub fn text(f: &Forecast) -> String {
    let rules = |r: &[(u8, String)]| {
        r.iter()
            .map(|(n, what)| {
                let title = crate::rules::rule(*n).map_or("", |r| r.title);
                format!("rule {n}, {title} ({what})")
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = format!(
        "From {}, the coming days on which the service changes: {}.\n",
        crate::clock::format_date(f.from),
        f.cutovers
            .iter()
            .map(|c| crate::clock::format_date(c.day))
            .collect::<Vec<_>>()
            .join(", ")
    );
    match f.review_by() {
        None => out.push_str(&format!(
            "No verdict changes on the {} known coming dates after {}: nothing to review for now.\n",
            f.cutovers.len(),
            crate::clock::format_date(f.from)
        )),
        Some(c) => out.push_str(&format!(
            "Review the guide by {}: {}; {} guide steps change that day, first {}.\n",
            crate::clock::format_date(c.day),
            rules(&c.rules),
            f.changes.iter().filter(|x| x.day == c.day).count(),
            c.id
        )),
    }
    for c in &f.changes {
        out.push_str(&format!(
            "\n{:<10} {}: {} -> {}\n             {}\n             [{}]\n",
            c.id,
            crate::clock::format_date(c.day),
            c.before,
            c.after,
            c.why,
            rules(&c.rules)
        ));
    }
    out
}
