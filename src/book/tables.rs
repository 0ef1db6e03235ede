//! The book's generated tables: what changed since the guide, where each guide step is
//! shown, "Does this guide still hold?", the service's rules as simulated, and the step
//! vocabulary.

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
    /// The rule registry ([`crate::rules`]): an overview table, then each rule with its
    /// statement, dates, sources, status, the scenarios tagged `@rule:N` (linked to the page
    /// that shows them) and its tests. A tag naming no rule is an error.
    pub(super) fn rules(
        &self,
        runs: &[Run<'_>],
        pages: &BTreeMap<String, String>,
        up: &str,
    ) -> Result<String, String> {
        use crate::rules::{Modelled, RULES, rule};
        let rule_of = |tag: &str| {
            tag.trim_start_matches('@')
                .strip_prefix("rule:")
                .map(|n| (n.to_string(), n.parse::<u8>().ok().and_then(rule)))
        };
        let mut unknown: Vec<String> = runs
            .iter()
            .flat_map(|r| r.first().tags.iter().filter_map(|t| rule_of(t)))
            .filter(|(_, r)| r.is_none())
            .map(|(n, _)| format!("@rule:{n}"))
            .collect();
        unknown.dedup();
        if !unknown.is_empty() {
            return Err(format!("tags naming no rule: {}", unknown.join(", ")));
        }
        let class = |m: Modelled| match m {
            Modelled::Fully => "holds",
            Modelled::Partly(_) => "differs",
            Modelled::Not(_) => "gone",
        };
        let badge = |m: Modelled| {
            format!(
                r#"<span class="mfa-today mfa-today-{}">{}</span>"#,
                class(m),
                m.word()
            )
        };
        let tagged = |n: u8| -> Vec<String> {
            let mut links: Vec<String> =
                runs.iter()
                    .filter(|r| {
                        r.first().tags.iter().any(|t| {
                            rule_of(t).is_some_and(|(_, r)| r.is_some_and(|r| r.number == n))
                        })
                    })
                    .map(|r| self.link(r, pages, up))
                    .collect();
            links.dedup();
            links
        };
        let mut h = String::from(
            r#"<table class="mfa-table"><tr><th>Rule</th><th>About</th><th>Simulated</th><th>Tests</th><th>Scenarios</th></tr>"#,
        );
        for r in &RULES {
            h += &format!(
                r##"<tr><td><a href="#rule-{n}">{n}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"##,
                esc(r.title),
                badge(r.modelled),
                r.tests.len(),
                tagged(r.number).len(),
                n = r.number
            );
        }
        h += "</table>";
        for r in &RULES {
            let dates = if r.dates.is_empty() {
                "always (no cut-over day)".to_string()
            } else {
                r.dates
                    .iter()
                    .map(|d| {
                        let mut when = Vec::new();
                        if let Some(from) = d.from {
                            when.push(format!("from {}", crate::clock::format_date(from)));
                        }
                        if let Some(until) = d.until {
                            when.push(format!("before {}", crate::clock::format_date(until)));
                        }
                        format!("{}: {}", when.join(", "), esc(d.about))
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let sources = r
                .sources
                .iter()
                .map(|s| {
                    let short = s.url.trim_start_matches("https://");
                    let host = short.split('/').next().unwrap_or(short);
                    let page = short
                        .trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(short);
                    let who = if s.third_party { " (third party)" } else { "" };
                    format!(
                        r#"<a href="{}">{} › {}</a>{who}"#,
                        esc(s.url),
                        esc(host),
                        esc(page)
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>");
            let status = match r.modelled {
                Modelled::Fully => badge(r.modelled),
                Modelled::Partly(missing) => {
                    format!("{} What is missing: {}.", badge(r.modelled), esc(missing))
                }
                Modelled::Not(why) => format!("{} Why: {}.", badge(r.modelled), esc(why)),
            };
            let scenarios = tagged(r.number);
            let scenarios = if scenarios.is_empty() {
                "none tagged".to_string()
            } else {
                scenarios.join("<br>")
            };
            let tests = if r.tests.is_empty() {
                "none".to_string()
            } else {
                r.tests
                    .iter()
                    .map(|t| format!("<code>{}</code>", esc(t)))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            h += &format!(
                r#"{nl}<div class="mfa-rule" id="rule-{n}"><h3>Rule {n}: {}</h3><p>{}</p><table class="mfa-table mfa-rule-facts"><tr><th>When</th><td>{dates}</td></tr><tr><th>Source</th><td>{sources}</td></tr><tr><th>Simulated</th><td>{status}</td></tr><tr><th>Scenarios</th><td>{scenarios}</td></tr><tr><th>Tests</th><td>{tests}</td></tr></table></div>"#,
                esc(r.title),
                esc(r.statement),
                nl = "\n",
                n = r.number
            );
        }
        Ok(h)
    }

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
        if let Some(f) = &self.forecast {
            h += &forecast_html(f);
        }
        h += r#"<table class="mfa-table mfa-verdicts"><tr><th>ID</th><th>The guide says</th><th>On the guide's date</th><th>Today</th><th>What differs, and what to do instead</th></tr>"#;
        for (a, b) in then.iter().zip(now) {
            let cell = |v: &StepVerdict| {
                let class = match v.verdict {
                    Verdict::Holds if v.wrong_even_then.is_some() => "differs",
                    Verdict::Holds => "holds",
                    Verdict::Differs(_) => "differs",
                    Verdict::Stops(_) => "stops",
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
            // One list item per note: the wrong-even-then claim first, then today's notes.
            let mut why = String::new();
            if let Some(w) = &a.wrong_even_then {
                why += &format!("<p>Even then: {}</p>", esc(w));
            }
            let today = b.verdict.notes();
            if !today.is_empty() {
                why += "<p>Today:</p><ul>";
                for note in &today {
                    why += &format!("<li>{}</li>", esc(note));
                }
                why += "</ul>";
            }
            h += &format!(
                r##"<tr id="holds-{id}"><td><a href="coverage.html#guide-{id}">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{why}</td></tr>"##,
                esc(&a.summary),
                cell(a),
                cell(b),
                id = esc(&a.id)
            );
        }
        Some(h + "</table>")
    }
}

pub(super) fn vocabulary_table() -> String {
    let mut h = String::from(
        r#"<table class="mfa-table"><tr><th>Acts on</th><th>Keyword</th><th>Step</th><th>Example</th></tr>"#,
    );
    for p in vocabulary::patterns() {
        h += &format!(
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            esc(p.group),
            esc(&p.keywords.join("/")),
            esc(&p.template),
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
        let never = if e.goal.never.is_empty() {
            String::new()
        } else {
            let items: Vec<String> = e.goal.never.iter().map(|n| esc(&n.to_string())).collect();
            format!("<br><em>Never:</em> {}", items.join("; "))
        };
        h += &format!(
            "<tr id=\"exercise-{}\"><td><code>{}</code></td><td>{role}</td><td>{}</td><td>{}{never}</td></tr>",
            esc(&e.id),
            esc(&e.id),
            esc(&e.title),
            esc(&e.goal.description)
        );
    }
    Ok(h + "</table>")
}

/// "Valid until": the first day the guide needs reviewing, why, and the steps that change.
fn forecast_html(f: &crate::verdict::forecast::Forecast) -> String {
    let date = crate::clock::format_date;
    let rules = |r: &[(u8, String)]| {
        r.iter()
            .map(|(n, what)| {
                let title = crate::rules::rule(*n).map_or("", |r| r.title);
                format!(
                    r#"<a href="rules.html#rule-{n}">rule {n}</a>, {} ({})"#,
                    esc(title),
                    esc(what)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let Some(first) = f.review_by() else {
        return format!(
            r#"<p class="mfa-forecast">Valid until: no verdict changes on the {} days after {} on which the service is known to change.</p>"#,
            f.cutovers.len(),
            date(f.from)
        );
    };
    let mut h = format!(
        r#"<div class="mfa-forecast"><p><strong>Review this guide by {}</strong>: {}.</p><ul>"#,
        date(first.day),
        rules(&first.rules)
    );
    for c in &f.changes {
        h += &format!(
            r##"<li><a href="#holds-{id}">{id}</a> on {}: {} → {}. {}</li>"##,
            date(c.day),
            esc(&c.before),
            esc(&c.after),
            esc(&c.why),
            id = esc(&c.id)
        );
    }
    h + "</ul></div>"
}
