//! Exercise files read without playing them: each loads, ids are unique, and every tenant,
//! person, method kind, mail app and action an exercise names exists and can be done by the
//! role the trainee plays; every exercise has a solution whose commands the trainer
//! understands, whose guide steps exist and whose book pages have a chapter.

use super::{Finding, Tenants, finding};
use crate::project::Project;
use crate::trainer::exercise::{
    self, ADMIN_ACTIONS, Condition, DESK_ACTIONS, Exercise, Never, Role, SIGN_IN_METHODS, Setup,
    USER_ACTIONS,
};
use std::path::{Path, PathBuf};

/// Kinds of method a goal may ask for.
const GOAL_METHOD_KINDS: &[&str] = &[
    "text",
    "call",
    "authenticator",
    "app",
    "office",
    "alternate",
];

/// Every finding in the project's exercises folder (none when the folder does not exist).
pub(super) async fn check(project: &Project, tenants: &mut Tenants<'_>) -> Vec<Finding> {
    let dir = project.exercises();
    if !dir.is_dir() {
        return Vec::new();
    }
    let catalogue = match exercise::all_in(&dir) {
        Ok(c) => c,
        Err(e) => return vec![finding(crate::project::shown(&dir), e.to_string())],
    };
    let mut found: Vec<Finding> = catalogue
        .problems
        .iter()
        .map(|p| {
            let text = p.to_string();
            let path = text.split(':').next().unwrap_or_default();
            super::from_error(Path::new(path), &text)
        })
        .collect();
    let guide_ids: Option<Vec<String>> = crate::guide::load(&project.guide_steps())
        .ok()
        .map(|steps| steps.into_iter().map(|s| s.id).collect());
    let book_src = project.book().join("src");
    for ex in &catalogue.exercises {
        let path = file_of(&dir, &ex.id);
        found.extend(check_one(ex, &path, tenants).await);
        found.extend(check_solution(ex, &path, guide_ids.as_deref(), &book_src));
    }
    found
}

/// The file an exercise came from: the one whose `id:` line names it.
fn file_of(dir: &Path, id: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| {
                t.lines().any(|l| {
                    l.trim().trim_start_matches("id:").trim().trim_matches('"') == id
                        && l.trim_start().starts_with("id:")
                })
            })
        })
        .unwrap_or_else(|| dir.join(format!("{id}.yaml")))
}

/// `file:line` of the first line that mentions `needle` after the line `after` (1 if none).
fn place_of(path: &Path, text: &str, needle: &str) -> String {
    let line = text
        .lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1);
    format!("{}:{line}", crate::project::shown(path))
}

async fn check_one(ex: &Exercise, path: &Path, tenants: &mut Tenants<'_>) -> Vec<Finding> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut found = Vec::new();
    let people = match tenants.people(&ex.tenant).await {
        Ok(p) => Some(p),
        Err(e) => {
            found.push(finding(place_of(path, &text, "tenant:"), e));
            None
        }
    };
    if let Some(date) = &ex.date
        && let Err(e) = crate::clock::parse_instant(date)
    {
        found.push(finding(place_of(path, &text, "date:"), e.to_string()));
    }
    let person = |who: &str, found: &mut Vec<Finding>| {
        if let Some(p) = &people
            && let Err(why) = p.find(who)
        {
            found.push(finding(place_of(path, &text, who), why));
        }
    };
    person(&ex.person, &mut found);
    for step in &ex.setup {
        match step {
            Setup::EnableMfa(u)
            | Setup::NewPhone(u)
            | Setup::AttackerSignIn(u)
            | Setup::AttackerApproved(u)
            | Setup::BlockSignIn(u) => person(u, &mut found),
            Setup::Register { user, method } => {
                person(user, &mut found);
                let known = ["text", "authenticator"].iter().any(|k| k == method)
                    || crate::actors::phone::STORE_APPS
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(method));
                if !known {
                    found.push(finding(
                        place_of(path, &text, method),
                        format!(
                            "no method called \"{method}\" to register; known: text, authenticator, or an app: {}",
                            crate::actors::phone::STORE_APPS.join(", ")
                        ),
                    ));
                }
            }
            Setup::Signal { user, .. } | Setup::Clock { user, .. } => person(user, &mut found),
            Setup::ReportSuspiciousActivity(_) | Setup::FraudAutoBlock(_) => {}
            Setup::Reregister(u) | Setup::ReportedCall(u) => person(u, &mut found),
            Setup::WrongPasswords { user, .. } | Setup::TextRequests { user, .. } => {
                person(user, &mut found)
            }
            Setup::AppCodeSignIn { user, app } | Setup::UnfinishedAppSetup { user, app } => {
                person(user, &mut found);
                if !crate::actors::phone::STORE_APPS
                    .iter()
                    .any(|a| *a == app && !a.eq_ignore_ascii_case("Microsoft Authenticator"))
                {
                    found.push(finding(
                        place_of(path, &text, app),
                        format!(
                            "no third-party app called \"{app}\"; known: {}",
                            crate::actors::phone::STORE_APPS.join(", ")
                        ),
                    ));
                }
            }
            Setup::ServiceSettingOff(label) => {
                if !crate::records::ServiceSettings::LABELS.contains(&label.as_str()) {
                    found.push(finding(
                        place_of(path, &text, label),
                        format!(
                            "the MFA service settings have no \"{label}\"; they have {}",
                            crate::words::quoted_list(crate::records::ServiceSettings::LABELS)
                        ),
                    ));
                }
            }
            Setup::MailCheck { user, app } => {
                person(user, &mut found);
                mail_app(people.as_ref(), user, app, path, &text, &mut found);
            }
        }
    }
    for condition in &ex.goal.all {
        match condition {
            Condition::MfaState { user, .. }
            | Condition::SignedIn(user)
            | Condition::VerifiedFirst(user)
            | Condition::AtRisk(user)
            | Condition::NoMethods(user)
            | Condition::IntruderSignedOut(user)
            | Condition::SignInBlocked(user)
            | Condition::NoAppPasswords(user)
            | Condition::HasPhone { user, .. }
            | Condition::NotPhone { user, .. }
            | Condition::AppPasswordSignIn { user, .. } => person(user, &mut found),
            Condition::HasMethod { user, kind } => {
                person(user, &mut found);
                if !GOAL_METHOD_KINDS.contains(&kind.as_str()) {
                    found.push(finding(
                        place_of(path, &text, &format!("kind: {kind}")),
                        format!(
                            "the goal asks for a method of kind \"{kind}\", which does not exist, so it can never be met; known: {}",
                            GOAL_METHOD_KINDS.join(", ")
                        ),
                    ));
                }
            }
            Condition::MailConnected { user, app } => {
                person(user, &mut found);
                mail_app(people.as_ref(), user, app, path, &text, &mut found);
            }
            Condition::SignedInWith { user, method } => {
                person(user, &mut found);
                if !SIGN_IN_METHODS.iter().any(|(m, _)| m == method) {
                    found.push(finding(
                        place_of(path, &text, &format!("method: {method}")),
                        format!(
                            "no way of signing in called \"{method}\", so the goal can never be met; known: {}",
                            SIGN_IN_METHODS.iter().map(|(m, _)| *m).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
            Condition::RegisteredOnNewPhone(user) => {
                person(user, &mut found);
                let new_phone = ex
                    .setup
                    .iter()
                    .any(|s| matches!(s, Setup::NewPhone(u) if u.eq_ignore_ascii_case(user)));
                if !new_phone {
                    found.push(finding(
                        place_of(path, &text, "registered_on_new_phone"),
                        format!(
                            "the goal asks for a method on {user}'s new phone, but the setup gives {user} no new phone (`- new_phone: {user}`)"
                        ),
                    ));
                }
            }
            Condition::Did { action, user } => {
                person(user, &mut found);
                let place = place_of(path, &text, &format!("action: {action}"));
                if !DESK_ACTIONS.contains(&action.as_str())
                    && !USER_ACTIONS.contains(&action.as_str())
                {
                    found.push(finding(
                        place,
                        format!(
                            "no action called \"{action}\"; known: {}, {}",
                            DESK_ACTIONS.join(", "),
                            USER_ACTIONS.join(", ")
                        ),
                    ));
                } else if ex.role == Role::User && DESK_ACTIONS.contains(&action.as_str()) {
                    found.push(finding(
                        place,
                        format!(
                            "the goal needs \"{action}\", which only the help desk can do, but the trainee plays the user: it can never be met"
                        ),
                    ));
                }
            }
        }
    }
    for never in &ex.goal.never {
        match never {
            Never::MfaStateBelow { user, .. } | Never::ApprovedUnstarted(user) => {
                person(user, &mut found)
            }
            Never::BeforeVerified { user, actions } | Never::AnyOf { user, actions } => {
                person(user, &mut found);
                for action in actions {
                    if !ADMIN_ACTIONS.contains(&action.as_str()) {
                        found.push(finding(
                            place_of(path, &text, action),
                            format!(
                                "`before_verified` or `any_of` names no console action called \"{action}\"; known: {}",
                                ADMIN_ACTIONS.join(", ")
                            ),
                        ));
                    }
                }
            }
        }
    }
    for (name, _) in &ex.people.0 {
        if let Some(p) = &people
            && let Err(why) = p.find(name)
        {
            found.push(finding(
                place_of(path, &text, &format!("{name}:")),
                format!("`people` tells the story of someone the tenant does not have: {why}"),
            ));
        }
    }
    found
}

/// The exercise's `solution:`: there is one, each command is one the trainer understands
/// (placeholders filled with a sample), each guide step exists (when the project's steps
/// file loads) and each page is a chapter of the book (`page.html` from `src/page.md`).
pub fn check_solution(
    ex: &Exercise,
    path: &Path,
    guide_ids: Option<&[String]>,
    book_src: &Path,
) -> Vec<Finding> {
    use crate::trainer::solution;
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut found = Vec::new();
    if solution::commands(&ex.solution).next().is_none() {
        found.push(finding(
            place_of(path, &text, "solution:"),
            "no `solution:` (what an expert would type, in sections with `guide`, `page` and `do`): the debrief shows it and the tests play it",
        ));
    }
    for section in &ex.solution {
        if let (Some(id), Some(ids)) = (&section.guide, guide_ids)
            && !ids.contains(id)
        {
            found.push(finding(
                place_of(path, &text, &format!("guide: {id}")),
                format!(
                    "the solution names guide step {id}, which the guide steps file does not have"
                ),
            ));
        }
        if let Some(page) = &section.page {
            let chapter = page
                .split('#')
                .next()
                .and_then(|p| p.strip_suffix(".html"))
                .map(|stem| book_src.join(format!("{stem}.md")));
            if !chapter.as_deref().is_some_and(Path::is_file) {
                found.push(finding(
                    place_of(path, &text, &format!("page: {page}")),
                    format!(
                        "the solution names the book page {page}, but the book has no chapter for it ({}/<name>.md for <name>.html)",
                        crate::project::shown(book_src)
                    ),
                ));
            }
        }
        for command in &section.commands {
            let place = place_of(path, &text, command);
            let unknown = solution::unknown_placeholders(command);
            if !unknown.is_empty() {
                found.push(finding(
                    place,
                    format!(
                        "the solution's `{command}` holds {}, which the trainer cannot fill; known: {}",
                        unknown.join(", "),
                        solution::PLACEHOLDERS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", ")
                    ),
                ));
            } else if let Err(e) = crate::trainer::command::parse(&solution::with_samples(command))
            {
                found.push(finding(
                    place,
                    format!("the solution's `{command}` is not a trainer command: {e}"),
                ));
            }
        }
    }
    found
}

/// The mail app `app` is one the exercise's tenant gives `user`.
fn mail_app(
    people: Option<&super::People>,
    user: &str,
    app: &str,
    path: &Path,
    text: &str,
    found: &mut Vec<Finding>,
) {
    let Some(apps) = people.and_then(|p| p.mail_apps(user)) else {
        return;
    };
    if !apps.iter().any(|a| a == app) {
        found.push(finding(
            place_of(path, text, app),
            format!(
                "{user} has no mail app called \"{app}\" in this tenant; {user}'s mail apps: {}",
                if apps.is_empty() {
                    "none".to_string()
                } else {
                    apps.join(", ")
                }
            ),
        ));
    }
}
