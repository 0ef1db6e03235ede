//! Advice for a step nobody defined: where it is, whether it exists under another keyword,
//! and the nearest steps that do exist, so a help-desk author can fix a scenario without
//! reading Rust.

use super::GuideWorld;
use super::capture::StepRecord;
use cucumber::World as _;
use cucumber::gherkin::{Step, StepType};

/// How many near steps are suggested.
const NEAREST: usize = 3;

/// The lines that explain an undefined step: its place and what was expected, then help.
pub fn undefined(record: &StepRecord) -> Vec<String> {
    undefined_at(
        &record.path,
        record.step_line,
        record.step_column,
        &record.kind,
        &record.keyword,
        &record.text,
    )
}

/// The same advice for a step read from a file without running it: `kind` is Given, When or
/// Then after And/But are resolved, `keyword` as written.
pub fn undefined_at(
    path: &str,
    line: usize,
    column: usize,
    kind: &str,
    keyword: &str,
    text: &str,
) -> Vec<String> {
    let mut lines = vec![format!(
        "{path}:{line}:{column}: undefined step: no step definition matches \"{text}\""
    )];
    let elsewhere = other_kinds(kind, text);
    if !elsewhere.is_empty() {
        let kinds = elsewhere.join(" or ");
        lines.push(format!(
            "this is a {kinds} step: write it with {kinds} (or And after a {kinds} step), not {keyword}"
        ));
    }
    let near = nearest(text);
    if !near.is_empty() {
        lines.push("nearest known steps (`mfa-sim steps` lists them all):".into());
        lines.extend(near.into_iter().map(|s| format!("  {s}")));
    }
    lines
}

/// Every step definition (building it compiles every pattern: make it once per use).
pub(crate) type Steps = cucumber::step::Collection<GuideWorld>;

/// True when a step definition of type `ty` in `steps` matches `text` (several matching
/// counts as defined: the run reports the ambiguity itself).
pub(crate) fn defined(steps: &Steps, ty: StepType, text: &str) -> bool {
    let probe = Step {
        keyword: String::new(),
        ty,
        value: text.to_string(),
        docstring: None,
        table: None,
        span: Default::default(),
        position: Default::default(),
    };
    matches!(steps.find(&probe), Ok(Some(_)) | Err(_))
}

/// The step type of a resolved keyword (`Given`, `When`, `Then`).
pub(crate) fn step_type(kind: &str) -> StepType {
    match kind {
        "Given" => StepType::Given,
        "When" => StepType::When,
        _ => StepType::Then,
    }
}

/// The keywords under which `text` does have a definition.
fn other_kinds(kind: &str, text: &str) -> Vec<&'static str> {
    let steps = GuideWorld::collection();
    [
        (StepType::Given, "Given"),
        (StepType::When, "When"),
        (StepType::Then, "Then"),
    ]
    .into_iter()
    .filter(|(_, name)| *name != kind)
    .filter(|(ty, _)| defined(&steps, *ty, text))
    .map(|(_, name)| name)
    .collect()
}

/// The examples of the known steps closest to `text`: most of the example's words present in
/// the text, then the closest spelling.
fn nearest(text: &str) -> Vec<String> {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let want = words(text);
    let mut scored: Vec<(f64, String)> = super::vocabulary::patterns()
        .into_iter()
        .filter(|p| !p.example.is_empty())
        .map(|p| {
            let body = p
                .example
                .split_once(' ')
                .map_or(p.example.as_str(), |(_, rest)| rest)
                .to_string();
            let have = words(&body);
            let shared = have.iter().filter(|w| want.contains(w)).count() as f64;
            let overlap = shared / have.len().max(1) as f64;
            let spelling =
                strsim::normalized_levenshtein(&text.to_lowercase(), &body.to_lowercase());
            (overlap + 0.3 * spelling, p.example)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(NEAREST).map(|(_, e)| e).collect()
}
