//! Strict reading of feature files, before anything runs.
//!
//! cucumber's Gherkin parser reports a broken file as an event that is easy to drop, with a
//! position and a set of token names; and it takes any stray sentence before the first step as
//! a description. mfa-sim must never pass a file it did not run, so every `.feature` file is
//! checked here first, line by line, for what a person gets wrong: a line that is not a step,
//! a misspelt keyword, a table row with the wrong number of cells, an unclosed doc string, a
//! language we have no steps for, a file that is not text, and the `# guide: ID` step markers
//! (`crate::guide::Marks`): one outside a scenario's steps, naming an ID that is not in the
//! guide or not among the scenario's `@guide:` tags, followed by no step, or missing where a
//! scenario is tagged with several guide steps. Each finding names `file:line:col` and what
//! was expected there. Files with findings are reported and not run; the rest run.

use super::capture::RunProblem;
use crate::guide::marker;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The Gherkin keywords mfa-sim's English steps use, with their colon.
const HEADERS: [&str; 8] = [
    "Feature:",
    "Background:",
    "Scenario:",
    "Scenario Outline:",
    "Scenario Template:",
    "Example:",
    "Examples:",
    "Rule:",
];
/// Step keywords.
const STEP_WORDS: [&str; 5] = ["Given", "When", "Then", "And", "But"];
/// Largest feature file read (bytes); a longer one is refused, not read whole.
pub(crate) const MAX_FEATURE_BYTES: u64 = 4 * 1024 * 1024;

/// Where the parser is in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Before `Feature:`.
    Top,
    /// Free text is allowed (right after a header, before its first step or row).
    Description(Block),
    /// After a step or a table row.
    Body(Block),
}

/// The kind of block a header opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Feature,
    Rule,
    Steps,
    Examples,
}

/// Every `.feature` file at `input` (the file itself, or every one under a folder), sorted.
pub(crate) fn feature_files(input: &Path) -> Result<Vec<PathBuf>, RunProblem> {
    if input.is_file() {
        return Ok(vec![input.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut pending = vec![input.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| RunProblem {
            place: dir.display().to_string(),
            message: format!("cannot read the features folder: {e}"),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "feature") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Check one feature file; every finding, in line order. `known` is the guide's step IDs
/// (`features/guide-steps.yaml`), when the project has them: a marker or `@guide:` tag naming
/// another ID is a finding.
pub(crate) fn check_file(path: &Path, known: Option<&BTreeSet<String>>) -> Vec<RunProblem> {
    let shown = crate::project::shown(path);
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FEATURE_BYTES => {
            return vec![problem(
                &shown,
                None,
                format!(
                    "the file is {} bytes; a feature file may have at most {MAX_FEATURE_BYTES}",
                    m.len()
                ),
            )];
        }
        Err(e) => return vec![problem(&shown, None, format!("cannot read: {e}"))],
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => check_bytes_with(&bytes, &shown, known),
        Err(e) => vec![problem(&shown, None, format!("cannot read: {e}"))],
    }
}

/// Check the bytes of a feature file shown as `file` in messages, without a list of guide
/// step IDs (markers and tags are checked against the scenario's own tags only).
pub fn check_bytes(bytes: &[u8], file: &str) -> Vec<RunProblem> {
    check_bytes_with(bytes, file, None)
}

/// Check the bytes of a feature file shown as `file` in messages; `known`, when given, lists
/// the guide step IDs a `@guide:` tag or a `# guide:` marker may name.
pub fn check_bytes_with(
    bytes: &[u8],
    file: &str,
    known: Option<&BTreeSet<String>>,
) -> Vec<RunProblem> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let what = if bytes.contains(&0) {
                "this is not a text file (it contains NUL bytes): a feature file is UTF-8 text"
            } else {
                "not valid UTF-8: a feature file is UTF-8 text"
            };
            return vec![problem(file, Some((line, 1)), what.to_string())];
        }
    };
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].matches('\n').count() + 1;
        return vec![problem(
            file,
            Some((line, 1)),
            "this is not a text file (it contains NUL bytes): a feature file is UTF-8 text".into(),
        )];
    }
    let mut findings = check_text(text, file, known);
    if findings.is_empty() {
        // Anything our reading accepts but Gherkin's grammar does not.
        if let Err(e) =
            cucumber::gherkin::Feature::parse(text, cucumber::gherkin::GherkinEnv::default())
        {
            findings.push(from_gherkin_message(file, &e.to_string()));
        }
    }
    findings
}

/// The scenario being read, to find one that would never run or checks nothing.
struct Open {
    at: (usize, usize),
    outline: bool,
    steps: usize,
    /// Each `Examples:` under it: where, and how many table rows (header included).
    examples: Vec<((usize, usize), usize)>,
    /// The guide steps its own tags and its feature's name (`SMS-05`), in tag order.
    ids: Vec<String>,
    /// Its `# guide: ID` markers: where, the ID, and how many steps follow before the next.
    marks: Vec<((usize, usize), String, usize)>,
}

impl Open {
    fn close(self, file: &str, findings: &mut Vec<RunProblem>) {
        for (at, id, steps) in &self.marks {
            if *steps == 0 {
                findings.push(problem(
                    file,
                    Some(*at),
                    format!("this `# guide: {id}` marker is followed by no step: a marker goes right before the steps that serve {id}"),
                ));
            }
        }
        if self.ids.len() > 1 && self.marks.is_empty() {
            findings.push(problem(
                file,
                Some(self.at),
                format!(
                    "this scenario is tagged with {} guide steps ({}) but does not say which steps serve which: put a `# guide: ID` comment line before each run of steps (steps before the first are set-up)",
                    self.ids.len(),
                    self.ids.join(", ")
                ),
            ));
        }
        if !self.marks.is_empty() {
            for id in &self.ids {
                if !self.marks.iter().any(|(_, m, _)| m == id) {
                    findings.push(problem(
                        file,
                        Some(self.at),
                        format!("@guide:{id} is on this scenario but no `# guide: {id}` marker is, so no step serves it: mark its steps or drop the tag"),
                    ));
                }
            }
        }
        if self.steps == 0 {
            findings.push(problem(
                file,
                Some(self.at),
                "this scenario has no steps, so it checks nothing: expected Given, When or Then lines under it".into(),
            ));
        }
        if self.outline && self.examples.is_empty() {
            findings.push(problem(
                file,
                Some(self.at),
                "this Scenario Outline has no `Examples:`, so it never runs: expected an Examples table with a header row and at least one row".into(),
            ));
        }
        for (at, rows) in self.examples {
            if rows < 2 {
                findings.push(problem(
                    file,
                    Some(at),
                    "these Examples have no rows under their header, so the outline never runs for them: expected a header row and at least one row".into(),
                ));
            }
        }
    }
}

/// The guide IDs among the tags on one tag line (`@guide:SMS-05` -> `SMS-05`).
fn guide_tags(line: &str) -> Vec<String> {
    line.split_whitespace()
        .take_while(|t| !t.starts_with('#'))
        .filter_map(|t| t.strip_prefix("@guide:"))
        .map(str::to_string)
        .collect()
}

fn check_text(text: &str, file: &str, known: Option<&BTreeSet<String>>) -> Vec<RunProblem> {
    let mut findings = Vec::new();
    // Guide IDs on the tag lines read since the last header, and those on the feature.
    let mut pending_ids: Vec<String> = Vec::new();
    let mut feature_ids: Vec<String> = Vec::new();
    let mut open: Option<Open> = None;
    let mut place = Place::Top;
    let mut doc: Option<(usize, &str)> = None;
    let mut table_width: Option<(usize, usize)> = None;
    let mut saw_feature = false;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        let col = raw.len() - raw.trim_start().len() + 1;
        if let Some((opened, fence)) = doc {
            if line.starts_with(fence) {
                doc = None;
            }
            let _ = opened;
            continue;
        }
        if !line.starts_with('|') {
            table_width = None;
        }
        if line.is_empty() {
            continue;
        }
        if let Some(id) = marker(line) {
            check_marker(
                id,
                (n, col),
                open.as_mut().filter(|_| {
                    matches!(
                        place,
                        Place::Description(Block::Steps) | Place::Body(Block::Steps)
                    )
                }),
                known,
                file,
                &mut findings,
            );
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(lang) = comment.trim().strip_prefix("language:") {
                let lang = lang.trim();
                if !saw_feature && lang != "en" {
                    findings.push(problem(
                        file,
                        Some((n, col)),
                        format!(
                            "language `{lang}` is not supported: mfa-sim's steps are English (`# language: en` or no language line)"
                        ),
                    ));
                }
            }
            continue;
        }
        if line.starts_with('@') {
            for id in guide_tags(line) {
                if let Some(known) = known
                    && !known.contains(&id)
                {
                    findings.push(problem(
                        file,
                        Some((n, col)),
                        format!("`@guide:{id}` names no step of the guide: the IDs are in features/guide-steps.yaml"),
                    ));
                }
                pending_ids.push(id);
            }
            continue;
        }
        if let Some(header) = HEADERS.iter().find(|h| line.starts_with(**h)) {
            let block = match *header {
                "Feature:" => {
                    if saw_feature {
                        findings.push(problem(
                            file,
                            Some((n, col)),
                            "a second `Feature:`: one feature per file".into(),
                        ));
                    }
                    saw_feature = true;
                    Block::Feature
                }
                "Rule:" => Block::Rule,
                "Examples:" => Block::Examples,
                _ => Block::Steps,
            };
            let ids = std::mem::take(&mut pending_ids);
            match *header {
                "Examples:" => {
                    if let Some(o) = open.as_mut() {
                        o.examples.push(((n, col), 0));
                        if !ids.is_empty() && (!o.ids.is_empty() || ids.len() > 1) {
                            findings.push(problem(
                                file,
                                Some((n, col)),
                                format!(
                                    "these Examples add guide steps ({}) to a scenario that would then serve several: put every guide tag on the scenario's own tag line and mark its steps with `# guide: ID`",
                                    ids.join(", ")
                                ),
                            ));
                        }
                    }
                }
                other => {
                    if let Some(o) = open.take() {
                        o.close(file, &mut findings);
                    }
                    if other == "Feature:" {
                        feature_ids = ids.clone();
                    }
                    if other.starts_with("Scenario") || other == "Example:" {
                        let mut all = feature_ids.clone();
                        for id in &ids {
                            if !all.contains(id) {
                                all.push(id.clone());
                            }
                        }
                        open = Some(Open {
                            at: (n, col),
                            outline: other.contains("Outline") || other.contains("Template"),
                            steps: 0,
                            examples: Vec::new(),
                            ids: all,
                            marks: Vec::new(),
                        });
                    }
                }
            }
            if !saw_feature {
                findings.push(problem(
                    file,
                    Some((n, col)),
                    format!("`{header}` before `Feature:`: a feature file starts with `Feature:` (after tags and comments)"),
                ));
            }
            place = Place::Description(block);
            continue;
        }
        if place == Place::Top {
            findings.push(problem(
                file,
                Some((n, col)),
                format!(
                    "`{}` before `Feature:`: expected tags (@...), comments (#) or `Feature:`{}",
                    clip(line),
                    keyword_hint(line)
                ),
            ));
            continue;
        }
        let block = match place {
            Place::Description(b) | Place::Body(b) => b,
            Place::Top => Block::Feature,
        };
        if is_step(line) {
            if block != Block::Steps {
                findings.push(problem(
                    file,
                    Some((n, col)),
                    format!(
                        "a step outside a scenario: `{}` must follow `Scenario:`, `Scenario Outline:` or `Background:`",
                        clip(line)
                    ),
                ));
            }
            if let Some(o) = open.as_mut() {
                o.steps += 1;
                if let Some(last) = o.marks.last_mut() {
                    last.2 += 1;
                }
            }
            place = Place::Body(block);
            continue;
        }
        if line.starts_with('|') {
            if block == Block::Examples
                && let Some((_, rows)) = open.as_mut().and_then(|o| o.examples.last_mut())
            {
                *rows += 1;
            }
            let cells = cell_count(line);
            match table_width {
                Some((width, first)) if width != cells => findings.push(problem(
                    file,
                    Some((n, col)),
                    format!(
                        "this table row has {cells} cells; the row on line {first} has {width}"
                    ),
                )),
                Some(_) => {}
                None => table_width = Some((cells, n)),
            }
            if matches!(place, Place::Description(Block::Feature | Block::Rule)) {
                findings.push(problem(
                    file,
                    Some((n, col)),
                    "a table row outside a step or `Examples:`".into(),
                ));
            }
            place = Place::Body(block);
            continue;
        }
        if line.starts_with("\"\"\"") || line.starts_with("```") {
            let fence = if line.starts_with("```") {
                "```"
            } else {
                "\"\"\""
            };
            if !matches!(place, Place::Body(Block::Steps)) {
                findings.push(problem(
                    file,
                    Some((n, col)),
                    "a doc string must follow a step".into(),
                ));
            }
            doc = Some((n, fence));
            continue;
        }
        // Free text: a description right under a header, or a mistake.
        let hint = keyword_hint(line);
        if !hint.is_empty() {
            findings.push(problem(
                file,
                Some((n, col)),
                format!("unknown keyword in `{}`{hint}", clip(line)),
            ));
            continue;
        }
        if let Place::Body(b) = place {
            let expected = match b {
                Block::Examples => "a table row (| ... |)",
                _ => {
                    "a step (Given, When, Then, And, But or *), a table row (|), a doc string (\"\"\")"
                }
            };
            findings.push(problem(
                file,
                Some((n, col)),
                format!(
                    "`{}` is not a step: expected {expected}, a tag (@), a comment (#) or a new `Scenario:`",
                    clip(line)
                ),
            ));
        }
    }
    if let Some(o) = open.take() {
        o.close(file, &mut findings);
    }
    if let Some((opened, fence)) = doc {
        findings.push(problem(
            file,
            Some((opened, 1)),
            format!("this doc string is never closed: expected a closing {fence}"),
        ));
    }
    if !saw_feature && findings.is_empty() {
        findings.push(problem(
            file,
            None,
            "no `Feature:` in this file: expected a feature with at least one scenario".into(),
        ));
    }
    findings
}

/// A `# guide: ID` marker at `at`: inside a scenario's steps (`open`), naming one of its
/// guide tags and a step of the guide.
fn check_marker(
    id: &str,
    at: (usize, usize),
    open: Option<&mut Open>,
    known: Option<&BTreeSet<String>>,
    file: &str,
    findings: &mut Vec<RunProblem>,
) {
    let Some(o) = open else {
        findings.push(problem(
            file,
            Some(at),
            "a `# guide:` marker outside a scenario's steps: it goes inside a scenario, right before the steps that serve the guide step it names".into(),
        ));
        return;
    };
    if id.is_empty() {
        findings.push(problem(
            file,
            Some(at),
            "a `# guide:` marker without an ID: expected `# guide: SMS-05`".into(),
        ));
        return;
    }
    if let Some(known) = known
        && !known.contains(id)
    {
        findings.push(problem(
            file,
            Some(at),
            format!("`# guide: {id}` names no step of the guide: the IDs are in features/guide-steps.yaml"),
        ));
    } else if !o.ids.iter().any(|i| i == id) {
        let tags: Vec<String> = o.ids.iter().map(|i| format!("@guide:{i}")).collect();
        findings.push(problem(
            file,
            Some(at),
            format!(
                "`# guide: {id}` is not among this scenario's guide tags ({}): tag the scenario @guide:{id} or mark these steps with one of its tags",
                if tags.is_empty() { "it has none".to_string() } else { tags.join(" ") }
            ),
        ));
    }
    o.marks.push((at, id.to_string(), 0));
}

fn is_step(line: &str) -> bool {
    line.starts_with("* ")
        || line == "*"
        || STEP_WORDS.iter().any(|w| {
            line.strip_prefix(w)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
}

fn cell_count(line: &str) -> usize {
    // Cells are between unescaped pipes.
    let mut count = 0usize;
    let mut escaped = false;
    for c in line.chars() {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '|') => count += 1,
            _ => {}
        }
    }
    count.saturating_sub(1)
}

/// "(did you mean `Scenario:`?)" for a line that starts like a misspelt keyword.
fn keyword_hint(line: &str) -> String {
    let Some(colon) = line.find(':') else {
        return String::new();
    };
    let word = &line[..=colon];
    if word.len() > 24 || word.contains(['"', '\'']) {
        return String::new();
    }
    let best = HEADERS
        .iter()
        .map(|h| {
            (
                strsim::levenshtein(&word.to_lowercase(), &h.to_lowercase()),
                *h,
            )
        })
        .min();
    match best {
        Some((d, h)) if d > 0 && d <= 3 => format!(" (did you mean `{h}`?)"),
        Some((0, h)) => format!(" (keywords are written `{h}`)"),
        _ => String::new(),
    }
}

fn clip(line: &str) -> String {
    let mut s: String = line.chars().filter(|c| !c.is_control()).take(60).collect();
    if line.chars().count() > 60 {
        s.push('…');
    }
    s
}

fn problem(file: &str, at: Option<(usize, usize)>, message: String) -> RunProblem {
    RunProblem {
        place: match at {
            Some((l, c)) => format!("{file}:{l}:{c}"),
            None => file.to_string(),
        },
        message,
    }
}

/// Gherkin's own message (`Error at L:C: {...}`) as a finding.
fn from_gherkin_message(file: &str, message: &str) -> RunProblem {
    let at = message
        .strip_prefix("Error at ")
        .and_then(|rest| rest.split(':').take(2).collect::<Vec<_>>().try_into().ok())
        .and_then(|[l, c]: [&str; 2]| Some((l.trim().parse().ok()?, c.trim().parse().ok()?)));
    problem(
        file,
        at,
        "Gherkin cannot read this line: expected a keyword, a step, a tag, a table row or a comment"
            .into(),
    )
}

/// A problem from cucumber's parser (should the checker above ever let a file through).
pub(crate) fn parser_problem(e: &cucumber::parser::Error) -> RunProblem {
    match e {
        cucumber::parser::Error::Parsing(err) => match err.as_ref() {
            cucumber::gherkin::ParseFileError::Reading { path, source } => problem(
                &path.display().to_string(),
                None,
                format!("cannot read: {source}"),
            ),
            cucumber::gherkin::ParseFileError::Parsing {
                path,
                error,
                source,
            } => {
                let mut p = from_gherkin_message(&path.display().to_string(), &source.to_string());
                if let Some(env) = error {
                    p.message = env.to_string();
                }
                p
            }
        },
        cucumber::parser::Error::ExampleExpansion(err) => RunProblem {
            place: err
                .path
                .as_ref()
                .map(|p| format!("{}:{}", p.display(), err.pos.line))
                .unwrap_or_default(),
            message: format!("cannot expand the Examples: {err}"),
        },
    }
}
