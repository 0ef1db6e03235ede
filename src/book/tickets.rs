//! `{{#tickets}}`: the ticket index ("When something goes wrong, by symptom") drawn from
//! `features/tickets.yaml` ([`crate::tickets`]). Every scenario it names must have run and be
//! shown on a page of the book (the link goes to its anchor there), every exercise must exist
//! in the trainer's folder and every rule in the registry; otherwise the build fails.
//!
//! Headings are Markdown, so mdBook lists them on the page, links them and indexes them for
//! search; the rest is one HTML block per symptom.

use super::html::esc;
use super::living::{Living, Run};
use crate::tickets::{self, ScenarioRef, Ticket};
use std::collections::BTreeMap;

/// The index as Markdown and HTML, or every name in it that does not resolve.
pub(super) fn render(
    living: &Living,
    runs: &[Run<'_>],
    pages: &BTreeMap<String, String>,
    up: &str,
) -> Result<String, String> {
    let path = living.features.join(tickets::FILE);
    let index = tickets::load(&path).map_err(|e| e.to_string())?;
    let exercises: Vec<String> = crate::trainer::exercise::all_in(&living.exercises)
        .and_then(crate::trainer::exercise::Catalogue::strict)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let link = |s: &ScenarioRef| -> Result<String, String> {
        let matched = living.runs_named(runs, &s.file, &s.scenario);
        let run = matched
            .first()
            .ok_or_else(|| format!("{}: no scenario \"{}\" ran", s.file, s.scenario))?;
        let page = pages.get(&run.anchor()).ok_or_else(|| {
            format!(
                "{}: the scenario \"{}\" is shown on no page of the book, so there is nothing to link to",
                s.file, s.scenario
            )
        })?;
        Ok(format!("{up}{page}#{}", run.anchor()))
    };
    let problems = tickets::problems(&index, |s| link(s).map(|_| ()), &exercises);
    if !problems.is_empty() {
        return Err(format!(
            "{}:\n    {}",
            crate::project::shown(&path),
            problems.join("\n    ")
        ));
    }
    let mut out = String::new();
    for t in &index {
        out += &entry(t, &link, up)?;
    }
    Ok(out)
}

fn entry(
    t: &Ticket,
    link: &impl Fn(&ScenarioRef) -> Result<String, String>,
    up: &str,
) -> Result<String, String> {
    let mut h = format!(
        "\n<a id=\"ticket-{}\"></a>\n\n## {}\n\n<div class=\"mfa-ticket\"><dl>",
        t.id,
        esc(&t.symptom)
    );
    let asks: Vec<String> = t
        .ask
        .iter()
        .map(|a| format!("<li>{}</li>", esc(a)))
        .collect();
    h += &format!("<dt>Ask</dt><dd><ul>{}</ul></dd>", asks.concat());
    h += &format!("<dt>In the sign-in log</dt><dd>{}</dd>", esc(&t.log));
    h += &format!("<dt>Fix</dt><dd>{}</dd>", esc(&t.fix));
    let mut proofs = Vec::new();
    for s in &t.scenarios {
        proofs.push(format!(
            r#"<li><a href="{}">{}</a> <span class="mfa-source">{}</span></li>"#,
            link(s)?,
            esc(&s.scenario),
            esc(&s.file)
        ));
    }
    h += &format!("<dt>Proved by</dt><dd><ul>{}</ul></dd>", proofs.concat());
    let practise = if t.closest {
        format!(
            r#"none for this ticket yet; the closest is <a href="{up}appendix/trainer.html#exercise-{id}"><code>{id}</code></a> (<code>mfa-sim train {id}</code>)"#,
            id = esc(&t.exercise)
        )
    } else {
        format!(
            r#"<a href="{up}appendix/trainer.html#exercise-{id}"><code>{id}</code></a> (<code>mfa-sim train {id}</code>)"#,
            id = esc(&t.exercise)
        )
    };
    h += &format!("<dt>Practise</dt><dd>{practise}</dd>");
    let rules: Vec<String> = t
        .rules
        .iter()
        .map(|n| {
            let title = crate::rules::rule(*n).map_or("", |r| r.title);
            format!(
                r#"<a href="{up}rules.html#rule-{n}" title="{}">rule {n}</a>"#,
                esc(title)
            )
        })
        .collect();
    h += &format!("<dt>Rules</dt><dd>{}</dd>", rules.join(", "));
    Ok(h + "</dl></div>\n\n")
}
