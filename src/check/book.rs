//! The book's chapters read without building: every `{{#scenario FILE:NAME}}`,
//! `{{#handout FILE:NAME}}` and `{{#feature FILE}}` names a feature file and scenario that exist,
//! and the ticket index behind `{{#tickets}}` names scenarios, exercises and rules that exist.

use super::{Finding, finding};
use crate::project::Project;
use cucumber::gherkin::{Feature, GherkinEnv};

/// Every directive in `book/src/*.md` that names nothing.
pub(super) fn check(project: &Project) -> Vec<Finding> {
    let src = project.book().join("src");
    let Ok(entries) = std::fs::read_dir(&src) else {
        return Vec::new();
    };
    let mut chapters: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    chapters.sort();
    // What the chapters show (`{{#scenario}}` by file and title, `{{#feature}}` by file), for
    // the ticket index, whose links go to scenarios shown somewhere in the book.
    let mut shown: Vec<(String, Option<String>)> = Vec::new();
    for chapter in &chapters {
        let content = std::fs::read_to_string(chapter).unwrap_or_default();
        for (_, _, name, args) in crate::book::directives(&content) {
            match name.as_str() {
                "feature" => shown.push((args.trim().to_string(), None)),
                "scenario" => {
                    if let Some((f, t)) = args.split_once(':') {
                        shown.push((f.trim().to_string(), Some(t.trim().to_string())));
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    for chapter in chapters {
        let Ok(content) = std::fs::read_to_string(&chapter) else {
            continue;
        };
        for (start, _end, name, args) in crate::book::directives(&content) {
            let line = content[..start].lines().count().max(1)
                + usize::from(content[..start].ends_with('\n'));
            let place = format!("{}:{line}", crate::project::shown(&chapter));
            let problem = match name.as_str() {
                "feature" => feature_titles(project, &args).err(),
                "scenario" | "handout" => match args.split_once(':') {
                    None => Some(format!("{{{{#{name} {args}}}}} needs FILE:SCENARIO NAME")),
                    Some((file, title)) => match feature_titles(project, file) {
                        Err(e) => Some(e),
                        Ok(titles) if titles.iter().any(|t| t == title.trim()) => None,
                        Ok(titles) => Some(format!(
                            "{file} has no scenario called \"{}\"; its scenarios: {}",
                            title.trim(),
                            titles.join(" | ")
                        )),
                    },
                },
                "tickets" => tickets(project, &shown),
                _ => None,
            };
            if let Some(problem) = problem {
                found.push(finding(place, problem));
            }
        }
    }
    found
}

/// The scenario titles of feature `file` in the features folder.
fn feature_titles(project: &Project, file: &str) -> Result<Vec<String>, String> {
    let file = file.trim();
    let path = project.features().join(file);
    if file.is_empty() || file.contains("..") || !path.is_file() {
        return Err(format!(
            "no feature file \"{file}\" in {}",
            crate::project::shown(&project.features())
        ));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let feature = Feature::parse(text, GherkinEnv::default())
        .map_err(|e| format!("{file} does not parse: {e}"))?;
    Ok(feature
        .scenarios
        .iter()
        .chain(feature.rules.iter().flat_map(|r| r.scenarios.iter()))
        .map(|s| s.name.clone())
        .collect())
}

/// The ticket index (`features/tickets.yaml`) that `{{#tickets}}` draws: every scenario it names
/// exists and is shown by a chapter, every exercise exists, every rule is in the registry.
fn tickets(project: &Project, shown: &[(String, Option<String>)]) -> Option<String> {
    let path = project.features().join(crate::tickets::FILE);
    let index = match crate::tickets::load(&path) {
        Ok(index) => index,
        Err(e) => return Some(format!("{{{{#tickets}}}}: {e}")),
    };
    let exercises: Vec<String> = crate::trainer::exercise::all_in(&project.exercises())
        .map(|c| c.exercises.into_iter().map(|e| e.id).collect())
        .unwrap_or_default();
    let scenario = |s: &crate::tickets::ScenarioRef| -> Result<(), String> {
        let titles = feature_titles(project, &s.file)?;
        if !titles.iter().any(|t| t == s.scenario.trim()) {
            return Err(format!(
                "{} has no scenario called \"{}\"",
                s.file, s.scenario
            ));
        }
        let on_a_page = shown.iter().any(|(f, t)| {
            f == s.file.trim() && t.as_deref().is_none_or(|t| t == s.scenario.trim())
        });
        if on_a_page {
            Ok(())
        } else {
            Err(format!(
                "{}: the scenario \"{}\" is shown by no chapter, so the index cannot link to it",
                s.file, s.scenario
            ))
        }
    };
    let problems = crate::tickets::problems(&index, scenario, &exercises);
    (!problems.is_empty()).then(|| {
        format!(
            "{{{{#tickets}}}}: {}: {}",
            crate::project::shown(&path),
            problems.join("; ")
        )
    })
}
