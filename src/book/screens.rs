//! `{{#screens-then-and-now}}`: every browser page the guide's scenarios walk through whose
//! structure differs between the guide's date and today (a page new or gone, a heading, a
//! label renamed, added or removed), each with the guide steps that pass through it and the
//! guide's sentences it breaks, linked to their lines on the annotated guide.
//!
//! The pages and their differences come from [`crate::lint::screens`], over the two runs
//! the book already made.

use super::annotated::{PAGE_KEY, line_anchor};
use super::html::esc;
use super::living::Living;
use crate::lint::screens::{Change, ScreenChange, then_and_now};
use crate::screens::PageId;
use std::collections::BTreeMap;

impl Living {
    /// The table of pages that changed, or why it cannot be drawn.
    pub(super) fn screens_then_and_now(
        &self,
        pages: &BTreeMap<String, String>,
        up: &str,
    ) -> Result<String, String> {
        let guide = self.checked_guide()?;
        let Some((_, _, label)) = &self.verdicts else {
            return Err("needs `today` in [preprocessor.mfa-sim]".into());
        };
        let checked = guide
            .documents
            .first()
            .map(|d| d.checked.as_slice())
            .unwrap_or_default();
        let (then, now) = &guide.screens;
        let changes = then_and_now(then, now, checked);
        // A page's heading as a person reads it, on whichever date it was shown.
        let title_of = |p: PageId| -> String {
            then.get(&p)
                .or_else(|| now.get(&p))
                .map(crate::lint::screens::Screen::name)
                .unwrap_or_default()
        };
        let annotated = pages.get(PAGE_KEY);
        let line_link = |n: usize| match annotated {
            Some(page) => format!(r#"<a href="{up}{page}#{}">line {n}</a>"#, line_anchor(0, n)),
            None => format!("line {n}"),
        };
        let step_link = |id: &str| -> String {
            let line = guide
                .steps
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.line_range())
                .map(|(from, _)| from);
            match (annotated, line) {
                (Some(page), Some(n)) => format!(
                    r#"<a href="{up}{page}#{}">{}</a>"#,
                    line_anchor(0, n),
                    esc(id)
                ),
                _ => esc(id),
            }
        };
        let mut h = format!(
            r#"<p class="mfa-banner">{} pages differ between the guide's date and {}, worked out by mfa-sim {} from the same two runs as the rest of the book.</p>"#,
            changes.len(),
            esc(label),
            env!("CARGO_PKG_VERSION")
        );
        h += r#"<table class="mfa-table mfa-screens"><tr><th>Page</th><th>What changed</th><th>Guide steps through it</th><th>Guide sentences it breaks</th></tr>"#;
        for c in &changes {
            h += &row(c, &title_of, &step_link, &line_link);
        }
        Ok(h + "</table>")
    }
}

/// One page's row.
fn row(
    c: &ScreenChange,
    title_of: &dyn Fn(PageId) -> String,
    step_link: &dyn Fn(&str) -> String,
    line_link: &dyn Fn(usize) -> String,
) -> String {
    let quoted = |t: &str| format!("“{}”", esc(t));
    let said: Vec<String> = c
        .changes
        .iter()
        .map(|ch| match ch {
            Change::New { after: Some(p) } => {
                format!("new page, shown after {}", quoted(&title_of(*p)))
            }
            Change::New { after: None } => "new page".to_string(),
            Change::Gone => "no longer shown on this walk".to_string(),
            Change::Retitled { from, to } => format!(
                "heading {} is now {}",
                from.iter()
                    .map(|t| quoted(t))
                    .collect::<Vec<_>>()
                    .join(", "),
                to.iter().map(|t| quoted(t)).collect::<Vec<_>>().join(", ")
            ),
            Change::Renamed { kind, from, to } => {
                format!("{} {} renamed {}", kind.word(), quoted(from), quoted(to))
            }
            Change::Added(kind, t) => format!("{} {} added", kind.word(), quoted(t)),
            Change::Removed(kind, t) => format!("{} {} no longer shown", kind.word(), quoted(t)),
        })
        .collect();
    let broken: Vec<String> = c
        .broken
        .iter()
        .map(|b| format!("{}: {}", line_link(b.line), esc(&b.message)))
        .collect();
    format!(
        "<tr><td>{}</td><td><ul>{}</ul></td><td>{}</td><td>{}</td></tr>",
        esc(&c.title),
        said.iter()
            .map(|s| format!("<li>{s}</li>"))
            .collect::<String>(),
        c.steps
            .iter()
            .map(|s| step_link(s))
            .collect::<Vec<_>>()
            .join(", "),
        if broken.is_empty() {
            "none of its quoted labels".to_string()
        } else {
            broken.join("<br>")
        }
    )
}
