//! `mfa-sim check`: a project read through without running anything, so a help-desk author
//! finds every mistake at once, each as one line `file:line: what is wrong and what was
//! expected`.
//!
//! What is checked:
//! - feature files ([`features`]): the strict syntax reading the runner uses, steps that no
//!   definition matches (with the same advice `mfa-sim run` gives) or that several match,
//!   people, apps, methods, durations and states a step names that do not exist, tenants that
//!   do not load, `@guide:` tags naming no guide step, `@rule:` tags naming no rule;
//! - tenant files: each one in the project's tenant folder loads;
//! - exercises ([`exercises`]): the file loads, ids are unique, the tenant, the people, the
//!   method kinds, the mail apps and the actions exist, and no goal asks for what the
//!   exercise's role can never do;
//! - the book ([`book`]): every `{{#scenario FILE:NAME}}` and `{{#feature FILE}}` names a
//!   scenario or file that exists.

mod book;
pub mod exercises;
mod features;

use crate::project::Project;
use crate::simulation::Simulation;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One mistake found, where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Finding {
    /// `file:line` (or `file:line:col`, or the file alone when no line is known).
    pub place: String,
    /// What is wrong and what was expected; further lines give help.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

fn finding(place: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding {
        place: place.into(),
        message: message.into(),
    }
}

/// Everything wrong with `project`, sorted by place. Empty: the project is sound.
pub async fn check(project: &Project) -> Vec<Finding> {
    let mut tenants = Tenants::new(project);
    let mut found = Vec::new();
    found.extend(tenants.all_files().await);
    found.extend(features::check(project, &mut tenants).await);
    found.extend(exercises::check(project, &mut tenants).await);
    found.extend(book::check(project));
    found.extend(anchors(project));
    found.sort();
    found.dedup();
    found
}

/// The guide steps' anchors (`lines`, `quote`) hold in the project's guide document.
fn anchors(project: &Project) -> Vec<Finding> {
    let Ok(steps) = crate::guide::load(&project.guide_steps()) else {
        return Vec::new();
    };
    if steps.iter().all(|s| s.lines.is_none() && s.quote.is_none()) {
        return Vec::new();
    }
    let documents = project.guide_documents();
    let shown = crate::project::shown(&project.guide_steps());
    let [document] = documents.as_slice() else {
        return vec![finding(
            shown,
            format!(
                "guide steps are anchored to lines, so {} must hold exactly one guide document (it holds {})",
                crate::project::shown(&project.guide_dir()),
                documents.len()
            ),
        )];
    };
    let text = std::fs::read_to_string(document).unwrap_or_default();
    crate::guide::anchor_problems(&steps, &text)
        .into_iter()
        .map(|p| finding(shown.clone(), p))
        .collect()
}

/// The tenants a project's files name, each started once to learn who is in it.
pub(crate) struct Tenants<'p> {
    project: &'p Project,
    /// Tenant name → the people's names (lower case), or why the tenant does not load.
    loaded: BTreeMap<String, Result<People, String>>,
}

/// Who is in a tenant, found as steps find them.
#[derive(Clone)]
pub(crate) struct People {
    sim: std::sync::Arc<Simulation>,
}

impl People {
    /// `Ok` when `who` names a person; otherwise the sentence that lists who is there.
    pub(crate) fn find(&self, who: &str) -> Result<(), String> {
        self.sim.person(who).map(|_| ()).map_err(|e| e.to_string())
    }

    /// The names of `who`'s mail apps, if `who` is in the tenant.
    pub(crate) fn mail_apps(&self, who: &str) -> Option<Vec<String>> {
        self.sim
            .person(who)
            .ok()
            .map(|p| p.mail_apps.keys().cloned().collect())
    }
}

impl<'p> Tenants<'p> {
    fn new(project: &'p Project) -> Self {
        Tenants {
            project,
            loaded: BTreeMap::new(),
        }
    }

    /// The names of the tenant files in the project's folder (`contoso`, `contoso-today`).
    pub(crate) fn known(&self) -> Vec<String> {
        crate::project::known_tenants(&self.project.scenarios())
    }

    /// The people of tenant `name`, or why it cannot be used.
    pub(crate) async fn people(&mut self, name: &str) -> Result<People, String> {
        if let Some(known) = self.loaded.get(name) {
            return known.clone();
        }
        let path = self.project.tenant(name);
        let result = if !path.is_file() {
            Err(format!(
                "no tenant called \"{name}\"; known: {}",
                self.known().join(", ")
            ))
        } else {
            match crate::scenario::Scenario::load(&path) {
                Ok(scenario) => {
                    let sim = Simulation::start(scenario).await;
                    Ok(People {
                        sim: std::sync::Arc::new(sim),
                    })
                }
                Err(e) => Err(format!("the tenant \"{name}\" does not load: {e}")),
            }
        };
        self.loaded.insert(name.to_string(), result.clone());
        result
    }

    /// Every tenant file of the project loads.
    async fn all_files(&mut self) -> Vec<Finding> {
        let mut found = Vec::new();
        for name in self.known() {
            let path = self.project.tenant(&name);
            if let Err(e) = crate::scenario::Scenario::load(&path) {
                found.push(from_error(&path, &e.to_string()));
            } else {
                let _ = self.people(&name).await;
            }
        }
        found
    }
}

/// A finding from an error message that starts with the file's full path (and perhaps a
/// line and column): the place shown as a person finds it, then the message.
pub(crate) fn from_error(path: &Path, text: &str) -> Finding {
    let full = path.display().to_string();
    let shown = crate::project::shown(path);
    match text.strip_prefix(&full) {
        Some(rest) => {
            // ":12:3: message" or ": message"
            let rest = rest.trim_start_matches(':');
            let mut place = shown;
            let mut message = rest.trim_start();
            let mut parts = rest.splitn(3, ':');
            if let (Some(line), Some(col)) = (parts.next(), parts.next())
                && line.chars().all(|c| c.is_ascii_digit())
                && !line.is_empty()
            {
                if col.chars().all(|c| c.is_ascii_digit()) && !col.is_empty() {
                    place = format!("{place}:{line}:{col}");
                    message = parts.next().unwrap_or_default().trim_start();
                } else {
                    place = format!("{place}:{line}");
                    message = rest[line.len() + 1..].trim_start();
                }
            }
            finding(place, message)
        }
        None => finding(shown, text),
    }
}

/// `path` shown as a person finds it, with a line.
fn at(path: &Path, line: usize) -> String {
    format!("{}:{line}", crate::project::shown(path))
}
