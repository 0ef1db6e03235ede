//! The [`Living`] preprocessor: finds directives in chapters and replaces them with what the
//! run produced. It refuses to build when any step did not pass or a directive names a
//! scenario that does not exist, so no page goes stale silently.

use super::html::{Era, esc, step};
use super::tables::{exercises_table, vocabulary_table};
use crate::guide::GuideStep;
use crate::harness::{RunReport, Status, StepRecord};
use crate::verdict::{StepVerdict, verdicts};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Why the book cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    /// Files that could not be read and steps that did not pass, one per line.
    #[error("the book shows only passing runs; these files or steps did not pass:\n{0}")]
    NotPassed(String),
    /// Directives that name nothing that ran.
    #[error("unresolved directives:\n{0}")]
    Unresolved(String),
    /// No scenario ran at all.
    #[error("no scenario ran from {0}")]
    NothingRan(String),
}

/// The preprocessor, holding the run it draws from.
pub struct Living {
    pub(super) report: RunReport,
    pub(super) features: PathBuf,
    /// The trainer's exercises folder (for `{{#exercises}}`).
    pub(super) exercises: PathBuf,
    /// Verdicts on the guide's own date and on today's tenant, with today's label.
    pub(super) verdicts: Option<(Vec<StepVerdict>, Vec<StepVerdict>, String)>,
    /// When the guide first needs reviewing (`check-guide --forecast`), if worked out.
    pub(super) forecast: Option<crate::verdict::forecast::Forecast>,
    /// The guide documents, checked sentence by sentence (`{{#annotated-guide}}`).
    /// Why they could not be, if they could not (shown only where a chapter asks for them).
    pub(super) guide: Option<Result<super::annotated::AnnotatedGuide, String>>,
    /// The replay on today's tenant (the same run the verdicts come from), shown beside each
    /// scenario's own run.
    pub(super) today: Option<RunReport>,
    /// Where the book was built from: the project's git commit, if it is a checkout.
    pub(super) commit: Option<super::Commit>,
}

/// One scenario (or outline row) as it ran.
pub struct Run<'a> {
    pub(super) feature: String,
    pub(super) line: usize,
    pub(super) steps: Vec<&'a StepRecord>,
}

impl<'a> Run<'a> {
    pub(super) fn first(&self) -> &'a StepRecord {
        self.steps[0]
    }
    pub(super) fn anchor(&self) -> String {
        format!(
            "sc-{}-{}",
            self.feature.trim_end_matches(".feature"),
            self.line
        )
    }
}

impl Living {
    /// A preprocessor for this run of the features at `features`, with the trainer's
    /// exercises in `exercises`.
    pub fn new(report: RunReport, features: PathBuf, exercises: PathBuf) -> Self {
        Living {
            exercises,
            report,
            features,
            verdicts: None,
            forecast: None,
            guide: None,
            today: None,
            commit: None,
        }
    }

    /// Add the "valid until" forecast shown on the "still holds" page.
    pub(crate) fn set_forecast(&mut self, forecast: crate::verdict::forecast::Forecast) {
        self.forecast = Some(forecast);
    }

    /// Add the verdicts of a replay on today's tenant (`label` names it on the page).
    pub(crate) fn set_today(&mut self, today: &RunReport, steps: &[GuideStep], label: &str) {
        let then = verdicts(&self.report, &self.report, steps, &self.features);
        let now = verdicts(&self.report, today, steps, &self.features);
        let date = today
            .scenarios
            .values()
            .find(|i| !i.pinned)
            .map(|i| i.date.clone())
            .unwrap_or_default();
        self.verdicts = Some((then, now, format!("{date} ({label})")));
        self.today = Some(today.clone());
    }

    /// Name the git commit the book is built from (None: not a git checkout).
    pub(crate) fn set_commit(&mut self, commit: Option<super::Commit>) {
        self.commit = commit;
    }

    /// The line every page ends with: the simulator's version and the project's commit.
    fn provenance(&self) -> String {
        let commit = match &self.commit {
            Some(c) => format!(
                "git commit <code>{}</code>{}",
                esc(&c.hash),
                if c.changed == Some(true) {
                    " with changes not yet committed"
                } else {
                    ""
                }
            ),
            None => "not a git checkout".to_string(),
        };
        format!(
            "\n\n<div class=\"mfa-provenance\">Built by mfa-sim {} from {commit}.</div>\n",
            env!("CARGO_PKG_VERSION")
        )
    }

    /// The badge on one scenario: how its own replay on today's tenant went.
    fn today_badge(&self, today: &[&StepRecord]) -> String {
        let Some((_, _, label)) = &self.verdicts else {
            return String::new();
        };
        if today.is_empty() {
            return String::new();
        }
        let stops = today.iter().find(|s| matches!(s.status, Status::Failed(_)));
        let notes: Vec<&String> = today.iter().flat_map(|s| &s.notes).collect();
        let (class, word, title) = if let Some(s) = stops {
            (
                "stops",
                "stops today",
                format!(
                    "Replayed on {label}: stops at line {}: {}",
                    s.step_line,
                    match &s.status {
                        Status::Failed(why) => why.as_str(),
                        _ => "",
                    }
                ),
            )
        } else if !notes.is_empty() {
            (
                "differs",
                "differs today",
                format!(
                    "Replayed on {label}: {}",
                    notes
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            )
        } else {
            (
                "holds",
                "same today",
                format!("Replayed on {label}: every step as on the guide's date"),
            )
        };
        format!(
            r#"<span class="mfa-today mfa-today-{class}" title="{}">{word}</span>"#,
            esc(&title)
        )
    }

    fn runs(&self) -> Vec<Run<'_>> {
        let mut runs: Vec<Run<'_>> = Vec::new();
        for s in &self.report.steps {
            match runs.last_mut() {
                Some(r) if r.feature == s.feature && r.line == s.scenario_line => r.steps.push(s),
                _ => runs.push(Run {
                    feature: s.feature.clone(),
                    line: s.scenario_line,
                    steps: vec![s],
                }),
            }
        }
        runs
    }

    fn feature_lines(&self, file: &str) -> Vec<String> {
        if !crate::project::stays_inside(std::path::Path::new(file)) {
            return Vec::new();
        }
        let path = if self.features.is_dir() {
            self.features.join(file)
        } else {
            self.features.clone()
        };
        std::fs::read_to_string(path)
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// The line range of the scenario called `name` in `file` (1-based, end exclusive).
    fn scenario_range(&self, file: &str, name: &str) -> Option<(usize, usize)> {
        let lines = self.feature_lines(file);
        // A scenario runs up to the next one; an outline's Examples (tagged or not) are inside.
        let is_head = |l: &str| l.trim_start().starts_with("Scenario");
        let start = lines.iter().position(|l| {
            let t = l.trim();
            t.strip_prefix("Scenario Outline:")
                .or_else(|| t.strip_prefix("Scenario:"))
                .is_some_and(|n| n.trim() == name)
        })?;
        let end = lines
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, l)| is_head(l))
            .map_or(lines.len() + 1, |(i, _)| i + 1);
        Some((start + 1, end))
    }

    /// The comment lines right under a scenario's title (the "differs" explanation).
    pub(super) fn comment(&self, file: &str, line: usize) -> Vec<String> {
        let path = if self.features.is_dir() {
            self.features.join(file)
        } else {
            self.features.clone()
        };
        crate::verdict::scenario_comment(&path, line)
    }

    /// The runs a `scenario` or `feature` directive names (none for other directives).
    fn runs_for<'b>(&self, runs: &'b [Run<'b>], directive: &str, args: &str) -> Vec<&'b Run<'b>> {
        match directive {
            "scenario" => args
                .split_once(':')
                .map(|(f, n)| self.runs_named(runs, f.trim(), n.trim()))
                .unwrap_or_default(),
            "feature" => runs.iter().filter(|r| r.feature == args).collect(),
            _ => Vec::new(),
        }
    }

    pub(super) fn runs_named<'b>(
        &self,
        runs: &'b [Run<'b>],
        file: &str,
        name: &str,
    ) -> Vec<&'b Run<'b>> {
        match self.scenario_range(file, name) {
            Some((from, to)) => runs
                .iter()
                .filter(|r| r.feature == file && r.line >= from && r.line < to)
                .collect(),
            None => Vec::new(),
        }
    }

    /// The Examples row an outline's run comes from, as "name = value" pairs (None for a
    /// plain scenario).
    fn example_values(&self, run: &Run<'_>) -> Option<String> {
        let lines = self.feature_lines(&run.feature);
        let row = lines.get(run.line.checked_sub(1)?)?.trim();
        if !row.starts_with('|') {
            return None;
        }
        let mut head = run.line - 1;
        while head > 0 && lines[head - 1].trim().starts_with('|') {
            head -= 1;
        }
        let cells = |l: &str| -> Vec<String> {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        };
        let names = cells(&lines[head]);
        let values = cells(row);
        Some(
            names
                .iter()
                .zip(&values)
                .map(|(n, v)| format!("{n} = {v}"))
                .collect::<Vec<_>>()
                .join(", "),
        )
    }

    /// One run's steps as a list, with the guide-step marks above each run of steps.
    fn steps_html(&self, run: &Run<'_>, steps: &[&StepRecord], era: Era) -> String {
        let mut h = String::from(r#"<ol class="mfa-steps">"#);
        // Where a scenario marks which steps serve which guide step (`# guide: ID`), say so
        // above each run of steps, as the verdicts read it.
        let marks = crate::guide::Marks::read(&self.feature_lines(&run.feature).join("\n"));
        let mut serving: Option<crate::guide::Serves> = None;
        let mut last_day = String::new();
        for s in steps {
            if let Some(now) = marks.serves(s.scenario_line, s.step_line)
                && serving.as_ref() != Some(&now)
            {
                let label = if now.setup {
                    format!("set-up for guide step {}", now.id)
                } else {
                    format!("guide step {}", now.id)
                };
                h += &format!(r#"<li class="mfa-serves">{}</li>"#, esc(&label));
                serving = Some(now);
            }
            h += &step(s, era, &mut last_day);
        }
        h + "</ol>"
    }

    /// Links to the rules a scenario shows (`@rule:N`), each with its first Microsoft source.
    fn rule_links(tags: &[String], up: &str) -> String {
        let links: Vec<String> = tags
            .iter()
            .filter_map(|t| t.strip_prefix("rule:")?.parse::<usize>().ok())
            .filter_map(|n| crate::rules::RULES.get(n.checked_sub(1)?))
            .map(|r| {
                let source = r
                    .sources
                    .iter()
                    .find(|s| !s.third_party)
                    .map(|s| format!(r#" (<a href="{}">Microsoft's page</a>)"#, esc(s.url)))
                    .unwrap_or_default();
                format!(
                    r#"<a href="{up}rules.html#rule-{n}">rule {n}: {}</a>{source}"#,
                    esc(r.title),
                    n = r.number
                )
            })
            .collect();
        if links.is_empty() {
            String::new()
        } else {
            format!(
                r#"<div class="mfa-rules-shown">Rules shown: {}</div>"#,
                links.join("; ")
            )
        }
    }

    fn render_run(
        &self,
        run: &Run<'_>,
        today: &BTreeMap<(String, usize), Vec<&StepRecord>>,
        up: &str,
    ) -> String {
        let first = run.first();
        let ids = crate::guide::ids_in(&first.tags);
        let differs = first.tags.iter().any(|t| t == "guide-differs");
        let key = (run.feature.clone(), run.line);
        let then_info = self.report.scenarios.get(&key);
        let now_info = self.today.as_ref().and_then(|t| t.scenarios.get(&key));
        let now_steps: &[&StepRecord] = today.get(&key).map_or(&[], Vec::as_slice);
        // A scenario the replay leaves alone (its own date, another tenant) runs the same way.
        let replayed = match (then_info, now_info) {
            (Some(a), Some(b)) => {
                !now_steps.is_empty() && (a.tenant != b.tenant || a.date != b.date)
            }
            _ => false,
        };
        let mut h = format!(
            r#"<div class="mfa-scenario" id="{}" data-guide="{}">"#,
            run.anchor(),
            ids.join(" ")
        );
        h += r#"<div class="mfa-scenario-head">"#;
        for id in &ids {
            h += &format!(r#"<span class="mfa-id">{}</span>"#, esc(id));
        }
        if replayed {
            h += &self.today_badge(now_steps);
        }
        if differs {
            h += r#"<span class="mfa-differs-badge">guide differs</span>"#;
        }
        let example = self
            .example_values(run)
            .map(|v| format!(r#"<div class="mfa-example">Example: {}</div>"#, esc(&v)))
            .unwrap_or_default();
        h += &format!(
            r#"<div class="mfa-scenario-name">{}</div>{example}<div class="mfa-source">{}:{}</div></div>"#,
            esc(&first.scenario),
            esc(&run.feature),
            run.line
        );
        let comment = self.comment(&run.feature, first.scenario_line.min(run.line));
        if !comment.is_empty() {
            let class = if differs {
                "mfa-differs"
            } else {
                "mfa-comment"
            };
            h += &format!(r#"<div class="{class}">{}</div>"#, esc(&comment.join(" ")));
        }
        h += &Self::rule_links(&first.tags, up);
        let facts = |i: Option<&crate::harness::ScenarioInfo>| {
            i.map(|i| {
                format!(
                    "tenant file scenarios/{}, simulated start {}, seed {}",
                    i.tenant, i.date, i.seed
                )
            })
            .unwrap_or_default()
        };
        let then_html = self.steps_html(run, &run.steps, Era::Guide);
        if !replayed {
            let why = if self.today.is_some() {
                " The replay on today's tenant leaves this scenario as written (it names its own date or tenant)."
            } else {
                ""
            };
            return h + &format!(
                r#"<div class="mfa-run-facts">Ran on {}.{why}</div>{then_html}</div>"#,
                esc(&facts(then_info))
            );
        }
        let name = format!("run-{}", run.anchor());
        let date_of = |i: Option<&crate::harness::ScenarioInfo>| {
            i.map(|i| i.date.split(' ').next().unwrap_or_default().to_string())
                .unwrap_or_default()
        };
        h += &format!(
            r#"<div class="mfa-switch" role="radiogroup" aria-label="Which run to show"><input type="radio" class="mfa-pick mfa-pick-now" name="{name}" id="{name}-now" value="now" checked><label for="{name}-now">Today ({})</label><input type="radio" class="mfa-pick mfa-pick-then" name="{name}" id="{name}-then" value="then"><label for="{name}-then">On the guide's date ({})</label>"#,
            esc(&date_of(now_info)),
            esc(&date_of(then_info))
        );
        h += &format!(
            r#"<div class="mfa-run mfa-run-then"><div class="mfa-run-facts">On the guide's date: {}.</div>{then_html}</div>"#,
            esc(&facts(then_info))
        );
        h += &format!(
            r#"<div class="mfa-run mfa-run-now"><div class="mfa-run-facts">Today: {}. Differences from the guide's date are marked on the step where they occur.</div>{}</div>"#,
            esc(&facts(now_info)),
            self.steps_html(run, now_steps, Era::Today)
        );
        h + "</div></div>"
    }

    /// Today's steps by scenario (feature, scenario line), for the runs' "today" panes.
    fn today_runs(&self) -> BTreeMap<(String, usize), Vec<&StepRecord>> {
        let mut map: BTreeMap<(String, usize), Vec<&StepRecord>> = BTreeMap::new();
        if let Some(t) = &self.today {
            for s in &t.steps {
                map.entry((s.feature.clone(), s.scenario_line))
                    .or_default()
                    .push(s);
            }
        }
        map
    }

    fn banner(&self, runs: &[&Run<'_>]) -> String {
        let mut tenants: Vec<String> = runs
            .iter()
            .filter_map(|r| self.report.scenarios.get(&(r.feature.clone(), r.line)))
            .map(|i| format!("{} ({}, seed {})", i.date, i.tenant, i.seed))
            .collect();
        tenants.sort();
        tenants.dedup();
        format!(
            "<div class=\"mfa-banner\">Every screen, message and code on this page was produced by <b>mfa-sim {}</b> running these scenarios while the book was built. Simulated start: {}.</div>\n\n",
            env!("CARGO_PKG_VERSION"),
            esc(&tenants.join("; "))
        )
    }

    fn problems(&self) -> Option<String> {
        let unread = self.report.problems.iter().map(|p| format!("  {p}"));
        let bad: Vec<String> = unread
            .chain(
                self.report
                    .steps
                    .iter()
                    .filter(|s| s.status != Status::Passed)
                    .map(|s| {
                        format!(
                            "  {} / {} / line {}: {} {} [{}]{}",
                            s.feature,
                            s.scenario,
                            s.step_line,
                            s.keyword,
                            s.text,
                            s.status.word(),
                            match &s.status {
                                Status::Failed(why) => format!(": {why}"),
                                Status::Undefined => format!(
                                    "\n      {}",
                                    crate::harness::advice::undefined(s).join("\n      ")
                                ),
                                _ => String::new(),
                            }
                        )
                    }),
            )
            .collect();
        (!bad.is_empty()).then(|| bad.join("\n"))
    }
}

/// Every generated table in a box of its own that scrolls sideways on a narrow screen, so
/// the text keeps its size.
fn scrolling_tables(html: &str) -> String {
    html.replace(
        r#"<table class="mfa-"#,
        r#"<div class="mfa-scroll"><table class="mfa-"#,
    )
    .replace("</table>", "</table></div>")
}

/// Byte ranges of a chapter that Markdown shows as code (fenced and indented blocks, code
/// spans): directives there are shown as written, so chapters can document the syntax.
fn code_ranges(content: &str) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut ranges = Vec::new();
    for (event, range) in Parser::new(content).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Every `{{#name args}}` in a chapter outside code: (start, end, name, args). Directives in
/// fenced or indented code blocks and in code spans stay literal.
pub fn directives(content: &str) -> Vec<(usize, usize, String, String)> {
    let code = code_ranges(content);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = content[from..].find("{{#") {
        let start = from + i;
        let Some(j) = content[start..].find("}}") else {
            break;
        };
        let end = start + j + 2;
        let inner = content[start + 3..end - 2].trim();
        let (name, args) = inner.split_once(' ').unwrap_or((inner, ""));
        let in_code = code.iter().any(|r| r.contains(&start));
        if in_code {
            // left as text
        } else if [
            "scenario",
            "feature",
            "differences",
            "coverage",
            "vocabulary",
            "still-holds",
            "exercises",
            "rules",
            "handout",
            "tickets",
            "annotated-guide",
            "screens-then-and-now",
        ]
        .contains(&name)
        {
            out.push((start, end, name.to_string(), args.trim().to_string()));
        }
        from = end;
    }
    out
}

impl Preprocessor for Living {
    fn name(&self) -> &str {
        "mfa-sim"
    }

    fn run(
        &self,
        _ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        if let Some(bad) = self.problems() {
            return Err(BookError::NotPassed(bad).into());
        }
        let runs = self.runs();
        let today = self.today_runs();
        if runs.is_empty() {
            return Err(BookError::NothingRan(self.features.display().to_string()).into());
        }
        // First pass: which page shows which scenario, for links between pages.
        let mut pages: BTreeMap<String, String> = BTreeMap::new();
        for item in book.iter() {
            if let BookItem::Chapter(ch) = item {
                let page = ch
                    .path
                    .as_ref()
                    .map(|p| p.with_extension("html").to_string_lossy().into_owned())
                    .unwrap_or_default();
                for (_, _, name, args) in directives(&ch.content) {
                    if name == "annotated-guide" {
                        pages.insert(super::annotated::PAGE_KEY.into(), page.clone());
                    }
                    for r in self.runs_for(&runs, &name, &args) {
                        pages.entry(r.anchor()).or_insert_with(|| page.clone());
                    }
                }
            }
        }
        let mut unresolved = Vec::new();
        book.for_each_chapter_mut(|ch| {
            let found = directives(&ch.content);
            if found.is_empty() {
                ch.content.push_str(&self.provenance());
                return;
            }
            let depth = ch
                .path
                .as_ref()
                .map_or(0, |p| p.components().count().saturating_sub(1));
            let up = "../".repeat(depth);
            let mut shown: Vec<&Run<'_>> = Vec::new();
            let mut content = String::new();
            let mut last = 0;
            for (start, end, name, args) in found {
                content.push_str(&ch.content[last..start]);
                last = end;
                let html = match name.as_str() {
                    "scenario" | "feature" => {
                        let matched = self.runs_for(&runs, &name, &args);
                        let file = args.split(':').next().unwrap_or_default().trim();
                        if !crate::project::stays_inside(std::path::Path::new(file)) {
                            unresolved.push(format!("  {}: {{{{#{name} {args}}}}}: `{file}` must be a file in the features folder (a relative path without `..`)", ch.name));
                        } else if matched.is_empty() {
                            unresolved.push(format!("  {}: {{{{#{name} {args}}}}} names nothing that ran", ch.name));
                        }
                        shown.extend(matched.iter().copied());
                        matched.iter().map(|r| self.render_run(r, &today, &up)).collect::<Vec<_>>().join("\n")
                    }
                    "handout" => super::handout::render(self, &runs, &args, &pages, &up).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: {e}", ch.name));
                        String::new()
                    }),
                    "tickets" => super::tickets::render(self, &runs, &pages, &up).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: {{{{#tickets}}}}: {e}", ch.name));
                        String::new()
                    }),
                    "differences" => self.differences(&runs, &pages, &up),
                    "coverage" => self.coverage(&runs, &pages, &up),
                    "rules" => self.rules(&runs, &pages, &up).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: {{{{#rules}}}}: {e}", ch.name));
                        String::new()
                    }),
                    "still-holds" => match self.still_holds() {
                        Some(table) => table,
                        None => {
                            unresolved.push(format!("  {}: {{{{#still-holds}}}} needs `today` in [preprocessor.mfa-sim]", ch.name));
                            String::new()
                        }
                    },
                    "annotated-guide" => self.annotated_guide(&runs, &pages, &up).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: {{{{#annotated-guide}}}}: {e}", ch.name));
                        String::new()
                    }),
                    "screens-then-and-now" => self.screens_then_and_now(&pages, &up).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: {{{{#screens-then-and-now}}}}: {e}", ch.name));
                        String::new()
                    }),
                    "exercises" => exercises_table(&self.exercises).unwrap_or_else(|e| {
                        unresolved.push(format!("  {}: the exercises could not be read: {e}", ch.name));
                        String::new()
                    }),
                    _ => vocabulary_table(),
                };
                content.push_str(&scrolling_tables(&html));
            }
            content.push_str(&ch.content[last..]);
            if !shown.is_empty() {
                content = self.banner(&shown) + &content;
            }
            ch.content = content + &self.provenance();
        });
        if !unresolved.is_empty() {
            return Err(BookError::Unresolved(unresolved.join("\n")).into());
        }
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(renderer == "html" || renderer == "markdown")
    }
}
