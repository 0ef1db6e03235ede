//! `{{#annotated-guide}}`: the guide document's own text, line by line, each line marked
//! holds, differs, broken or unchecked on today's date, with its findings and links to the
//! scenarios that exercise its guide step.
//!
//! Nothing is played again for this page: the marks come from `lint-guide`'s sentence checks
//! ([`crate::lint::check_document`]) over the evidence of the two runs the book already made
//! (the guide's date and the replay on today's tenant), and from the guide step verdicts of
//! "Does this guide still hold?". This is the one page that quotes the guide, because here
//! the guide itself is the subject.

use super::html::esc;
use super::living::{Living, Run};
use crate::guide::GuideStep;
use crate::lint::{Checked, Severity};
use crate::verdict::{StepVerdict, Verdict};
use std::collections::BTreeMap;

/// The key under which the page showing `{{#annotated-guide}}` is kept among the pages that
/// show scenarios (no scenario anchor starts like this).
pub(super) const PAGE_KEY: &str = "annotated-guide";

/// The anchor of line `n` of the `doc`-th guide document on the annotated page.
pub(super) fn line_anchor(doc: usize, n: usize) -> String {
    if doc == 0 {
        format!("guide-line-{n}")
    } else {
        format!("guide-{}-line-{n}", doc + 1)
    }
}

/// One guide document, checked.
pub(crate) struct GuideDocument {
    /// Its path inside the project (`guide/mfa-guide.txt`): the same on every machine.
    pub(crate) name: String,
    /// Every line as written.
    pub(crate) lines: Vec<String>,
    /// Every sentence, checked.
    pub(crate) checked: Vec<Checked>,
}

/// The guide documents and the steps anchored in them.
pub(crate) struct AnnotatedGuide {
    /// Each document in the guide folder.
    pub(crate) documents: Vec<GuideDocument>,
    /// The guide steps with their anchored lines (`features/guide-steps.yaml`).
    pub(crate) steps: Vec<GuideStep>,
    /// The pages the scenarios walk through, as shown on each date
    /// (`{{#screens-then-and-now}}`).
    pub(crate) screens: (crate::lint::screens::Screens, crate::lint::screens::Screens),
}

/// How a line of the guide fares today. Ordered: a line takes the worst mark of what is on
/// it, and "unchecked" is the absence of any evidence, never a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Mark {
    /// Nothing on the line could be checked.
    Unchecked,
    /// Everything checked on it holds.
    Holds,
    /// It still gets the reader there, but something reads differently.
    Differs,
    /// Wrong: a label gone, a claim contradicted, a step that cannot be followed.
    Broken,
}

impl Mark {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Mark::Unchecked => "unchecked",
            Mark::Holds => "holds",
            Mark::Differs => "differs",
            Mark::Broken => "broken",
        }
    }

    /// The badge class the book's style sheet already has for verdicts.
    fn class(self) -> &'static str {
        match self {
            Mark::Unchecked => "unchecked",
            Mark::Holds => "holds",
            Mark::Differs => "differs",
            Mark::Broken => "gone",
        }
    }
}

/// The mark one checked sentence earns.
pub(crate) fn sentence_mark(c: &Checked) -> Mark {
    let worst = c.findings.iter().map(|f| f.severity).min();
    match worst {
        Some(Severity::Error) => Mark::Broken,
        Some(Severity::Warning) => Mark::Differs,
        _ if !c.held.is_empty() => Mark::Holds,
        _ => Mark::Unchecked,
    }
}

/// The mark a guide step's verdict today gives the lines it is anchored to.
pub(crate) fn step_mark(v: &StepVerdict) -> Mark {
    if v.wrong_even_then.is_some() {
        return Mark::Broken;
    }
    match v.verdict {
        Verdict::Holds => Mark::Holds,
        Verdict::Differs(_) => Mark::Differs,
        Verdict::Stops(_) | Verdict::NoLongerPossible { .. } => Mark::Broken,
        Verdict::NotChecked(_) => Mark::Unchecked,
    }
}

impl Living {
    /// Add the checked guide documents for `{{#annotated-guide}}`, or why they could not be
    /// checked: a book that does not show them still builds.
    pub(crate) fn set_guide(&mut self, guide: Result<AnnotatedGuide, String>) {
        self.guide = Some(guide);
    }

    /// The checked guide, or why there is none.
    pub(super) fn checked_guide(&self) -> Result<&AnnotatedGuide, String> {
        match &self.guide {
            Some(Ok(g)) => Ok(g),
            Some(Err(e)) => Err(format!("the guide could not be checked: {e}")),
            None => Err("needs `today` in [preprocessor.mfa-sim]".into()),
        }
    }

    /// The annotated guide, or why it cannot be drawn.
    pub(super) fn annotated_guide(
        &self,
        runs: &[Run<'_>],
        pages: &BTreeMap<String, String>,
        up: &str,
    ) -> Result<String, String> {
        let Some((_, now, label)) = &self.verdicts else {
            return Err("needs `today` in [preprocessor.mfa-sim]".into());
        };
        let guide = self.checked_guide()?;
        if guide.documents.is_empty() {
            return Err("the project's guide folder holds no guide document (.txt or .md)".into());
        }
        let verdict_of = |id: &str| now.iter().find(|v| v.id == id);
        let scenarios = |id: &str| -> Vec<String> {
            let mut links: Vec<String> = runs
                .iter()
                .filter(|r| {
                    crate::guide::ids_in(&r.first().tags)
                        .iter()
                        .any(|t| t == id)
                })
                .map(|r| self.link(r, pages, up))
                .collect();
            links.dedup();
            links
        };
        let mut h = String::new();
        for (d, doc) in guide.documents.iter().enumerate() {
            let mut counts: BTreeMap<Mark, usize> = BTreeMap::new();
            let mut body = String::new();
            let mut last_step: Option<&str> = None;
            for (i, text) in doc.lines.iter().enumerate() {
                let n = i + 1;
                if text.trim().is_empty() {
                    continue;
                }
                let on_line: Vec<&Checked> = doc
                    .checked
                    .iter()
                    .filter(|c| c.sentence.line == n)
                    .collect();
                let step = crate::guide::step_at(&guide.steps, n);
                let verdict = step.and_then(|s| verdict_of(&s.id));
                let mark = on_line
                    .iter()
                    .map(|c| sentence_mark(c))
                    .chain(verdict.map(step_mark))
                    .max();
                let badge = match mark {
                    Some(m) => {
                        *counts.entry(m).or_default() += 1;
                        format!(
                            r#"<span class="mfa-today mfa-today-{}" title="on {}">{}</span>"#,
                            m.class(),
                            esc(label),
                            m.word()
                        )
                    }
                    None => String::new(),
                };
                body += &format!(
                    r##"<div class="mfa-annot mfa-annot-{}" id="{a}"><a class="mfa-line-no" href="#{a}">{n}</a> {badge}<span class="mfa-guide-text">{}</span>"##,
                    mark.map_or("heading", Mark::word),
                    esc(text),
                    a = line_anchor(d, n)
                );
                let mut notes: Vec<String> = Vec::new();
                for c in &on_line {
                    for f in &c.findings {
                        notes.push(format!("{}: {}", f.severity.word(), esc(&f.message)));
                    }
                    for held in &c.held {
                        notes.push(format!("holds: {}", esc(held)));
                    }
                }
                if let Some(s) = step
                    && last_step != Some(s.id.as_str())
                {
                    last_step = Some(s.id.as_str());
                    if let Some(v) = verdict {
                        let mut said = format!(
                            "guide step <b>{}</b> replayed today: {}",
                            esc(&s.id),
                            esc(v.verdict.label())
                        );
                        let explain = v.verdict.explain();
                        if !explain.is_empty() {
                            said += &format!(": {}", esc(&explain));
                        }
                        notes.push(said);
                        if let Some(w) = &v.wrong_even_then {
                            notes.push(format!("wrong even on the guide's date: {}", esc(w)));
                        }
                    }
                    let links = scenarios(&s.id);
                    if !links.is_empty() {
                        notes.push(format!("shown by: {}", links.join(", ")));
                    }
                }
                if !notes.is_empty() {
                    body += r#"<ul class="mfa-annot-notes">"#;
                    for note in notes {
                        body += &format!("<li>{note}</li>");
                    }
                    body += "</ul>";
                }
                body += "</div>\n";
            }
            let tally: Vec<String> = [Mark::Holds, Mark::Differs, Mark::Broken, Mark::Unchecked]
                .iter()
                .map(|m| format!("{} {}", counts.get(m).copied().unwrap_or(0), m.word()))
                .collect();
            h += &format!(
                "<p class=\"mfa-banner\"><b>{}</b>, checked on {} by mfa-sim {}: lines {}.</p>\n{body}",
                esc(&doc.name),
                esc(label),
                env!("CARGO_PKG_VERSION"),
                tally.join(", ")
            );
        }
        Ok(h)
    }
}
