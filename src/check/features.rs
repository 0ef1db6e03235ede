//! Feature files read without running them: syntax, step definitions, the values a step
//! names, tenants and tags.

use super::{Finding, Tenants, at, finding};
use crate::harness::GuideWorld;
use crate::harness::params::{App, Duration, Method, State};
use crate::project::Project;
use cucumber::World as _;
use cucumber::gherkin::{Feature, GherkinEnv, Scenario, Step, StepType};
use cucumber_expressions::{Expression, SingleExpression};
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

/// Every step definition, made once per check.
use crate::harness::advice::Steps;

/// The step that names the scenario's tenant.
const TENANT_STEP: &str = "the tenant from \"";

/// A step expression turned into a regex whose parameters can be told apart.
struct Matcher {
    kinds: Vec<StepType>,
    regex: Regex,
    /// (parameter name, capture group name) in order.
    params: Vec<(String, String)>,
}

/// Matchers for every step written as a cucumber expression. Each custom parameter's regex
/// is wrapped in a group, which cucumber-expressions names `__{id}_0`.
fn matchers() -> Vec<Matcher> {
    let custom: HashMap<&str, String> = [
        (
            "person",
            <crate::harness::params::Person as cucumber::Parameter>::REGEX,
        ),
        ("app", <App as cucumber::Parameter>::REGEX),
        ("duration", <Duration as cucumber::Parameter>::REGEX),
        ("state", <State as cucumber::Parameter>::REGEX),
        ("method", <Method as cucumber::Parameter>::REGEX),
        (
            "answer",
            <crate::harness::params::Answer as cucumber::Parameter>::REGEX,
        ),
        (
            "switch",
            <crate::harness::params::Switch as cucumber::Parameter>::REGEX,
        ),
        (
            "address",
            <crate::harness::params::Address as cucumber::Parameter>::REGEX,
        ),
    ]
    .into_iter()
    .map(|(name, re)| (name, format!("({re})")))
    .collect();
    let mut out = Vec::new();
    for pattern in crate::harness::vocabulary::patterns() {
        let Some(expr) = pattern
            .pattern
            .strip_prefix("expr = \"")
            .and_then(|e| e.strip_suffix('"'))
        else {
            out.extend(regex_matcher(&pattern));
            continue;
        };
        let expr = expr.replace("\\\"", "\"");
        let Ok(parsed) = Expression::parse(expr.as_str()) else {
            continue;
        };
        let params: Vec<(String, String)> = parsed
            .0
            .iter()
            .filter_map(|e| match e {
                SingleExpression::Parameter(p) => {
                    Some((p.input.to_string(), format!("__{}_0", p.id)))
                }
                _ => None,
            })
            .collect();
        let Ok(regex) = Expression::regex_with_parameters(expr.as_str(), &custom) else {
            continue;
        };
        let kinds = step_types(&pattern);
        out.push(Matcher {
            kinds,
            regex,
            params,
        });
    }
    out
}

/// The keywords a step pattern is registered under, as gherkin's step types.
fn step_types(pattern: &crate::harness::vocabulary::StepPattern) -> Vec<StepType> {
    pattern
        .keywords
        .iter()
        .map(|k| match k.as_str() {
            "given" => StepType::Given,
            "when" => StepType::When,
            _ => StepType::Then,
        })
        .collect()
}

/// How a step written as a regex names a person (the same group in every `steps/*.rs`, and
/// the pattern of the `{person}` parameter in `harness::params`).
const PERSON_GROUP: &str = r"([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)";

/// A matcher for a step written as a regex that names a person, so the person is checked
/// against the tenant as in the steps written as cucumber expressions.
fn regex_matcher(pattern: &crate::harness::vocabulary::StepPattern) -> Option<Matcher> {
    let source = pattern
        .pattern
        .strip_prefix("regex = r\"")
        .or_else(|| pattern.pattern.strip_prefix("regex = r#\""))?
        .trim_end_matches('#')
        .trim_end_matches('"');
    if !source.contains(PERSON_GROUP) {
        return None;
    }
    let named = source.replacen(
        PERSON_GROUP,
        &format!("(?P<person>{}", &PERSON_GROUP[1..]),
        1,
    );
    let regex = Regex::new(&named).ok()?;
    let kinds = step_types(pattern);
    Some(Matcher {
        kinds,
        regex,
        params: vec![("person".into(), "person".into())],
    })
}

/// Every finding in the project's feature files.
pub(super) async fn check(project: &Project, tenants: &mut Tenants<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    let files = match crate::harness::syntax::feature_files(&project.features()) {
        Ok(files) => files,
        Err(p) => return vec![finding(p.place, p.message)],
    };
    if files.is_empty() {
        found.push(finding(
            crate::project::shown(&project.features()),
            "no .feature files here",
        ));
    }
    let guide_ids: std::collections::BTreeSet<String> = crate::guide::load(&project.guide_steps())
        .map(|steps| steps.into_iter().map(|s| s.id).collect())
        .unwrap_or_default();
    let matchers = matchers();
    let steps = GuideWorld::collection();
    for file in files {
        // The strict reading first (it also knows the guide's IDs); the file is read on when
        // cucumber can still parse it, so one mistake does not hide the others.
        let known = (!guide_ids.is_empty()).then_some(&guide_ids);
        let syntax = crate::harness::syntax::check_file(&file, known);
        found.extend(syntax.into_iter().map(|p| finding(p.place, p.message)));
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let feature = match Feature::parse(text, GherkinEnv::default()) {
            Ok(f) => crate::harness::typographic::straighten_feature(f),
            Err(e) => {
                found.push(finding(crate::project::shown(&file), e.to_string()));
                continue;
            }
        };
        found.extend(check_feature(&file, &feature, &matchers, &steps, tenants).await);
    }
    found
}

/// `@rule:N` tags that name no rule (`@guide:` tags are the strict reader's).
fn tags_found(file: &Path, line: usize, tags: &[String]) -> Vec<Finding> {
    let mut found = Vec::new();
    for n in tags.iter().filter_map(|t| t.strip_prefix("rule:")) {
        let known = n
            .parse::<u8>()
            .ok()
            .is_some_and(|n| crate::rules::RULES.iter().any(|r| r.number == n));
        if !known {
            found.push(finding(
                at(file, line),
                format!(
                    "the tag @rule:{n} names no rule of the service (rules are numbered 1 to {})",
                    crate::rules::RULES.len()
                ),
            ));
        }
    }
    found
}

async fn check_feature(
    file: &Path,
    feature: &Feature,
    matchers: &[Matcher],
    definitions: &Steps,
    tenants: &mut Tenants<'_>,
) -> Vec<Finding> {
    let mut found = tags_found(file, feature.position.line, &feature.tags);
    let background: Vec<Step> = feature
        .background
        .as_ref()
        .map(|b| b.steps.clone())
        .unwrap_or_default();
    let scenarios: Vec<&Scenario> = feature
        .scenarios
        .iter()
        .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()))
        .collect();
    for scenario in scenarios {
        found.extend(tags_found(file, scenario.position.line, &scenario.tags));
        let steps: Vec<&Step> = background.iter().chain(&scenario.steps).collect();
        // The tenant the scenario plays on.
        let mut people = None;
        for step in &steps {
            if let Some(name) = step
                .value
                .strip_prefix(TENANT_STEP)
                .and_then(|rest| rest.strip_suffix('"'))
            {
                match tenants.people(name).await {
                    Ok(p) => people = Some(p),
                    Err(e) => found.push(finding(at(file, step.position.line), e)),
                }
            }
        }
        for step in &scenario.steps {
            found.extend(check_step(
                file,
                step,
                scenario,
                matchers,
                definitions,
                people.as_ref(),
            ));
        }
    }
    // Background steps once, against the step definitions only.
    for step in &background {
        found.extend(check_step_definition(file, step, definitions));
    }
    found
}

/// The keyword a step is written with after And/But are resolved.
fn kind_word(ty: StepType) -> &'static str {
    match ty {
        StepType::Given => "Given",
        StepType::When => "When",
        StepType::Then => "Then",
    }
}

fn check_step_definition(file: &Path, step: &Step, steps: &Steps) -> Vec<Finding> {
    let place = format!("{}:{}", at(file, step.position.line), step.position.col);
    match steps.find(step) {
        Ok(Some(_)) => Vec::new(),
        Ok(None) => {
            let lines = crate::harness::advice::undefined_at(
                &crate::project::shown(file),
                step.position.line,
                step.position.col,
                kind_word(step.ty),
                step.keyword.trim(),
                &step.value,
            );
            let mut lines = lines.into_iter();
            let first = lines.next().unwrap_or_default();
            let message = first
                .split_once(": undefined step")
                .map(|(_, rest)| format!("undefined step{rest}"))
                .unwrap_or(first);
            let help: Vec<String> = lines.collect();
            vec![finding(
                place,
                if help.is_empty() {
                    message
                } else {
                    format!("{message}\n  {}", help.join("\n  "))
                },
            )]
        }
        Err(e) => vec![finding(
            place,
            format!(
                "ambiguous step: \"{}\" matches {} step definitions; reword it",
                step.value,
                e.possible_matches.len()
            ),
        )],
    }
}

fn check_step(
    file: &Path,
    step: &Step,
    scenario: &Scenario,
    matchers: &[Matcher],
    definitions: &Steps,
    people: Option<&super::People>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    // Outline placeholders are filled per Examples row: check each row's text.
    let place = format!("{}:{}", at(file, step.position.line), step.position.col);
    for text in outline_texts(step, scenario) {
        let filled = Step {
            value: text.clone(),
            ..step.clone()
        };
        let definition = check_step_definition(file, &filled, definitions);
        if !definition.is_empty() {
            found.extend(definition);
            continue;
        }
        for m in matchers.iter().filter(|m| m.kinds.contains(&step.ty)) {
            let Some(caps) = m.regex.captures(&text) else {
                continue;
            };
            for (param, group) in &m.params {
                let Some(value) = caps.name(group).map(|v| v.as_str()) else {
                    continue;
                };
                if let Err(why) = check_value(param, value, people) {
                    found.push(finding(place.clone(), why));
                }
            }
        }
    }
    found.dedup();
    found
}

/// The step's text for each Examples row of an outline (the text itself otherwise).
fn outline_texts(step: &Step, scenario: &Scenario) -> Vec<String> {
    if !step.value.contains('<') || scenario.examples.is_empty() {
        return vec![step.value.clone()];
    }
    let mut out = Vec::new();
    for examples in &scenario.examples {
        let Some(table) = &examples.table else {
            continue;
        };
        let Some((header, rows)) = table.rows.split_first() else {
            continue;
        };
        for row in rows {
            let mut text = step.value.clone();
            for (name, value) in header.iter().zip(row) {
                text = text.replace(&format!("<{name}>"), value);
            }
            out.push(text);
        }
    }
    out
}

/// `Err` with the sentence that lists the known values when `value` is not one.
fn check_value(param: &str, value: &str, people: Option<&super::People>) -> Result<(), String> {
    match param {
        "person" => match people {
            Some(p) => p.find(value),
            None => Ok(()),
        },
        "app" => App::from_str(value).map(drop).map_err(|e| e.to_string()),
        "duration" => Duration::from_str(value)
            .map(drop)
            .map_err(|e| e.to_string()),
        "state" => State::from_str(value).map(drop).map_err(|e| e.to_string()),
        "method" => Method::from_str(value).map(drop).map_err(|e| e.to_string()),
        "address" => crate::harness::params::Address::from_str(value)
            .map(drop)
            .map_err(|e| e.to_string()),
        _ => Ok(()),
    }
}
