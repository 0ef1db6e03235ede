//! The book's generated tables: what changed since the guide, where each guide step is
//! shown, "Does this guide still hold?", and the step vocabulary.

use super::html::esc;
use super::living::{Living, Run};
use crate::harness::vocabulary;
use crate::verdict::{StepVerdict, Verdict};
use std::collections::BTreeMap;

impl Living {
    pub(super) fn link(&self, run: &Run<'_>, pages: &BTreeMap<String, String>, up: &str) -> String {
        match pages.get(&run.anchor()) {
            Some(page) => format!(
                r#"<a href="{up}{page}#{}">{}</a>"#,
                run.anchor(),
                esc(&run.first().scenario)
            ),
            None => esc(&run.first().scenario),
        }
    }

    pub(super) fn differences(
        &self,
        runs: &[Run<'_>],
        pages: &BTreeMap<String, String>,
        up: &str,
    ) -> String {
        let mut h = String::from(
            r#"<table class="mfa-table"><tr><th>Guide step</th><th>What really happens</th><th>Scenario</th></tr>"#,
        );
        let mut seen = Vec::new();
        for r in runs
            .iter()
            .filter(|r| r.first().tags.iter().any(|t| t == "guide-differs"))
        {
            let key = (r.feature.clone(), r.first().scenario.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let ids = crate::guide::ids_in(&r.first().tags).join(", ");
            let why = self.comment(&r.feature, r.line).join(" ");
            h += &format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&ids),
                esc(&why),
                self.link(r, pages, up)
            );
        }
        h + "</table>"
    }

    pub(super) fn coverage(
        &self,
        runs: &[Run<'_>],
        pages: &BTreeMap<String, String>,
        up: &str,
    ) -> String {
        let steps = crate::guide::load(&self.features.join("guide-steps.yaml")).unwrap_or_default();
        let mut h = String::from(
            r#"<table class="mfa-table"><tr><th>ID</th><th>The guide says</th><th>Shown by</th></tr>"#,
        );
        for g in steps {
            let mut links: Vec<String> = runs
                .iter()
                .filter(|r| crate::guide::ids_in(&r.first().tags).contains(&g.id))
                .map(|r| self.link(r, pages, up))
                .collect();
            links.dedup();
            h += &format!(
                r#"<tr id="guide-{}"><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                esc(&g.id),
                esc(&g.id),
                esc(&g.summary),
                links.join("<br>")
            );
        }
        h + "</table>"
    }
}

impl Living {
    /// Every guide step with its verdict on the guide's date and today, and what to do today.
    pub(super) fn still_holds(&self) -> Option<String> {
        let (then, now, label) = self.verdicts.as_ref()?;
        let guide_date = self
            .report
            .scenarios
            .values()
            .find(|i| !i.pinned)
            .map(|i| i.date.clone())
            .unwrap_or_default();
        let mut h = format!(
            r#"<p class="mfa-banner">Left: the scenarios as written, on {} (contoso.yaml). Right: the same scenarios replayed on {}. Verdicts are worked out from the two runs by mfa-sim {}.</p>"#,
            esc(&guide_date),
            esc(label),
            env!("CARGO_PKG_VERSION")
        );
        h += r#"<table class="mfa-table mfa-verdicts"><tr><th>ID</th><th>The guide says</th><th>On the guide's date</th><th>Today</th><th>What differs, and what to do instead</th></tr>"#;
        for (a, b) in then.iter().zip(now) {
            let cell = |v: &StepVerdict| {
                let class = match v.verdict {
                    Verdict::Holds if v.wrong_even_then.is_some() => "differs",
                    Verdict::Holds => "holds",
                    Verdict::Differs(_) => "differs",
                    Verdict::NoLongerPossible { .. } => "gone",
                    Verdict::NotChecked(_) => "unchecked",
                };
                let label = if v.verdict == Verdict::Holds && v.wrong_even_then.is_some() {
                    "wrong even then"
                } else {
                    v.verdict.label()
                };
                format!(r#"<span class="mfa-today mfa-today-{class}">{label}</span>"#)
            };
            let mut why = Vec::new();
            if let Some(w) = &a.wrong_even_then {
                why.push(format!("Even then: {w}"));
            }
            let today = b.verdict.explain();
            if !today.is_empty() {
                why.push(format!("Today: {today}"));
            }
            h += &format!(
                r##"<tr id="holds-{id}"><td><a href="coverage.html#guide-{id}">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"##,
                esc(&a.summary),
                cell(a),
                cell(b),
                esc(&why.join(" ")),
                id = esc(&a.id)
            );
        }
        Some(h + "</table>")
    }
}

pub(super) fn vocabulary_table() -> String {
    let mut h = String::from(
        r#"<table class="mfa-table"><tr><th>Acts on</th><th>Keyword</th><th>Pattern</th><th>Example</th></tr>"#,
    );
    for p in vocabulary::patterns() {
        h += &format!(
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(p.group),
            esc(&p.keywords.join("/")),
            esc(&p.pattern),
            esc(&p.example)
        );
    }
    h + "</table>"
}

/// The trainer's exercises, from `scenarios/exercises/`.
pub(super) fn exercises_table(dir: &std::path::Path) -> Result<String, String> {
    let all = crate::trainer::exercise::all_in(dir)
        .and_then(crate::trainer::exercise::Catalogue::strict)
        .map_err(|e| e.to_string())?;
    let mut h = String::from(
        r#"<table class="mfa-table"><tr><th>Exercise</th><th>You play</th><th>What it is about</th><th>Goal</th></tr>"#,
    );
    for e in all {
        let role = match e.role {
            crate::trainer::exercise::Role::User => "the user",
            crate::trainer::exercise::Role::Technician => "the help desk",
        };
        h += &format!(
            "<tr><td><code>{}</code></td><td>{role}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.id),
            esc(&e.title),
            esc(&e.goal.description)
        );
    }
    Ok(h + "</table>")
}
