//! `{{#handout FILE:NAME}}`: one scenario's run drawn as a printable page for the end user.
//!
//! A handout is the user's side of a scenario and nothing else: what they do, in the order they
//! do it, and the screens, texts and app requests they meet, as the run produced them. The
//! administrator's console and the sign-in log stay out (the user never sees them); set-up
//! (`Given`) steps that are not the user's own actions become "Before you start". The
//! instruction on each step is the step's own text turned to the second person
//! ([`instruction`]), so nothing on the page is written by hand. Cards come from `html::event`,
//! the renderer the chapters use; the page's print layout is `book/theme/handout.css`.

use super::html::{esc, event};
use super::living::{Living, Run};
use crate::harness::StepRecord;
use crate::transcript::{Actor, Event, Output};
use std::collections::BTreeMap;

/// From how many cards a handout is printed in the denser layout (`handout.css`).
const DENSE_FROM: usize = 18;

/// The element id of the handout drawn from `file` (`today-sms.feature` -> `handout-sms`).
pub fn anchor(file: &str) -> String {
    let stem = file.trim().trim_end_matches(".feature");
    let stem = stem.strip_prefix("today-").unwrap_or(stem);
    format!("handout-{}", stem.replace(['/', ' '], "-"))
}

/// The handout for `args` (`FILE:SCENARIO NAME`), or why there is none.
/// `pages` maps a scenario's anchor to the page that shows it (`up` leads from this page to the
/// book's root): a handout links back to its scenario, which must be shown somewhere.
pub(super) fn render(
    living: &Living,
    runs: &[Run<'_>],
    args: &str,
    pages: &BTreeMap<String, String>,
    up: &str,
) -> Result<String, String> {
    let Some((file, name)) = args.split_once(':') else {
        return Err(format!("{{{{#handout {args}}}}} needs FILE:SCENARIO NAME"));
    };
    let (file, name) = (file.trim(), name.trim());
    if !crate::project::stays_inside(std::path::Path::new(file)) {
        return Err(format!(
            "{{{{#handout {args}}}}}: `{file}` must be a file in the features folder"
        ));
    }
    let matched = living.runs_named(runs, file, name);
    let run = match matched.as_slice() {
        [one] => *one,
        [] => return Err(format!("{{{{#handout {args}}}}} names nothing that ran")),
        _ => {
            return Err(format!(
                "{{{{#handout {args}}}}} names an outline; a handout follows one scenario"
            ));
        }
    };
    let Some(page) = pages.get(&run.anchor()) else {
        return Err(format!(
            "{{{{#handout {args}}}}}: the scenario is shown on no page of the book; show it with {{{{#scenario {file}:{name}}}}} first"
        ));
    };
    let person = person_of(&run.steps);
    let mut before = Vec::new();
    let mut items = Vec::new();
    for s in &run.steps {
        if s.background {
            continue;
        }
        let own = person
            .as_deref()
            .is_some_and(|p| starts_with_name(&s.text, p));
        if s.kind == "Given" && (!own || is_precondition(&s.text)) {
            before.push(instruction(&s.text, person.as_deref().unwrap_or("")));
            continue;
        }
        let shown: Vec<&Event> = s
            .outputs
            .iter()
            .filter(|e| for_the_user(&e.actor, &e.output))
            .filter(|e| !(matches!(e.output, Output::Click { .. }) && is_click(&s.text)))
            .collect();
        let cards: String = last_of_each_page(&shown)
            .into_iter()
            .map(|e| event(e, false))
            .collect();
        let action = (s.kind != "Then" && own)
            .then(|| instruction(&s.text, person.as_deref().unwrap_or("")));
        if action.is_none() && cards.is_empty() {
            continue;
        }
        items.push((s.step_line, action, cards));
    }
    if items.is_empty() {
        return Err(format!(
            "{{{{#handout {args}}}}}: the scenario shows the user nothing to do"
        ));
    }
    // A long setup gets a denser print layout, so that it still fits one sheet.
    let count: usize = items
        .iter()
        .map(|(_, _, c)| c.matches(r#"class="mfa-output "#).count())
        .sum();
    let density = if count > DENSE_FROM {
        " mfa-handout-dense"
    } else {
        ""
    };
    let mut h = format!(
        r#"<section class="mfa-handout{density}" id="{}" data-cards="{count}"><div class="mfa-handout-name">{}</div>"#,
        anchor(file),
        esc(name)
    );
    if !before.is_empty() {
        h += r#"<div class="mfa-handout-before"><b>Before you start:</b> "#;
        h += &before.iter().map(|b| esc(b)).collect::<Vec<_>>().join("; ");
        h += "</div>";
    }
    h += r#"<ol class="mfa-handout-steps">"#;
    for (line, action, cards) in items {
        h += &format!(r#"<li class="mfa-handout-step" data-line="{line}">"#);
        if let Some(a) = action {
            h += &format!(r#"<div class="mfa-handout-do">{}</div>"#, esc(&a));
        }
        h += &cards;
        h += "</li>";
    }
    h += "</ol>";
    let info = living
        .report
        .scenarios
        .get(&(run.feature.clone(), run.line));
    h += &format!(
        r#"<div class="mfa-handout-source">Drawn by mfa-sim {} from the scenario <a href="{up}{page}#{}">“{}”</a> ({}:{}){}. Your screens may differ in small details.</div>"#,
        env!("CARGO_PKG_VERSION"),
        run.anchor(),
        esc(name),
        esc(&run.feature),
        run.line,
        info.map(|i| format!(", simulated on {} ({})", esc(&i.date), esc(&i.tenant)))
            .unwrap_or_default()
    );
    Ok(h + "</section>")
}

/// The person a scenario follows: the first name a step starts with (`Dana presses ...`,
/// `Dana's phone ...`). Tenants' people are named with a capital; the step vocabulary's other
/// subjects (`the administrator`, `someone else`, app names before `on`) are not people.
fn person_of(steps: &[&StepRecord]) -> Option<String> {
    steps.iter().filter(|s| !s.background).find_map(|s| {
        let first = s.text.split([' ', '\'']).next()?;
        let capital = first.chars().next().is_some_and(char::is_uppercase);
        let app = s.text.starts_with("Microsoft Authenticator");
        (capital && !app && first.chars().all(char::is_alphabetic)).then(|| first.to_string())
    })
}

fn starts_with_name(text: &str, person: &str) -> bool {
    text.strip_prefix(person)
        .is_some_and(|rest| rest.starts_with(' ') || rest.starts_with("'s "))
}

/// A `Given` that states what is already true (`Dana has set up ...`), not an action.
fn is_precondition(text: &str) -> bool {
    text.split_whitespace().nth(1) == Some("has")
}

/// The step's own click is already its instruction (`Press "Next"`).
fn is_click(text: &str) -> bool {
    let verb = text.split_whitespace().nth(1).unwrap_or("");
    [
        "presses", "follows", "chooses", "ticks", "clicks", "selects", "taps",
    ]
    .contains(&verb)
}

/// A page drawn again as the user fills it in (an empty field, then the same page typed into)
/// is one screen on paper: only the last drawing of a page before the user leaves it is kept.
fn last_of_each_page<'e>(events: &[&'e Event]) -> Vec<&'e Event> {
    let page = |e: &Event| match &e.output {
        Output::Screen(v) => Some(v.page),
        _ => None,
    };
    events
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            let Some(this) = page(e) else {
                return true;
            };
            // The next screen, past any clicks: the same page means this drawing is superseded.
            let next = events[i + 1..]
                .iter()
                .find(|n| !matches!(n.output, Output::Click { .. }));
            next.and_then(|n| page(n)) != Some(this)
        })
        .map(|(_, e)| *e)
        .collect()
}

/// Whether the user would see this output: not the administrator's console, not the log.
pub fn for_the_user(actor: &Actor, output: &Output) -> bool {
    !matches!(actor, Actor::Admin | Actor::Tenant)
        && !matches!(output, Output::SignIn(_) | Output::Admin(..))
}

/// A step's text addressed to its person: `Dana presses "Next"` -> `Press "Next"`,
/// `Dana's "iPhone Mail" opens ...` -> `Your "iPhone Mail" opens ...`, `the administrator
/// enables MFA for Dana` -> `The administrator enables MFA for you`. Quoted labels are kept.
pub fn instruction(text: &str, person: &str) -> String {
    let mut out = if person.is_empty() {
        text.to_string()
    } else if let Some(rest) = text.strip_prefix(&format!("{person}'s ")) {
        format!("your {rest}")
    } else if let Some(rest) = text.strip_prefix(&format!("{person} ")) {
        let (verb, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        let verb = match verb {
            "has" => "you have".to_string(),
            v => imperative(v),
        };
        // `opens the app and accepts its terms`: the second verb of the pair too.
        let tail = match tail.split_once(" and ") {
            Some((a, b)) if !a.contains('"') => {
                let (v2, rest) = b.split_once(' ').unwrap_or((b, ""));
                if v2.ends_with('s') && v2.chars().all(|c| c.is_ascii_lowercase()) {
                    format!("{a} and {} {rest}", imperative(v2))
                        .trim_end()
                        .to_string()
                } else {
                    tail.to_string()
                }
            }
            _ => tail.to_string(),
        };
        if tail.is_empty() {
            verb
        } else {
            format!("{verb} {tail}")
        }
    } else {
        text.to_string()
    };
    // Outside quotes only: labels such as "Add a passkey" stay as the page shows them.
    let mut pieces: Vec<String> = out.split('"').map(str::to_string).collect();
    for (i, piece) in pieces.iter_mut().enumerate() {
        if i % 2 == 0 {
            let mut words: Vec<String> = Vec::new();
            for w in piece.split(' ') {
                words.push(match w {
                    "her" | "his" | "their" => "your".into(),
                    "she" | "he" | "they" => "you".into(),
                    w if !person.is_empty() && w == person => "you".into(),
                    w if !person.is_empty() && w == format!("{person}'s") => "your".into(),
                    w => w.into(),
                });
            }
            *piece = words.join(" ");
        }
    }
    out = pieces.join("\"");
    let mut chars = out.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => out,
    }
}

/// `presses` -> `press`, `verifies` -> `verify`, `signs` -> `sign`, `types` -> `type`.
pub fn imperative(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "shes", "ches", "xes"] {
        if verb.ends_with(ending) {
            return verb[..verb.len() - 2].to_string();
        }
    }
    verb.strip_suffix('s').unwrap_or(verb).to_string()
}
