//! Training exercises (`scenarios/exercises/*.yaml`): a tenant, who the trainee plays, what has
//! happened before they start, the goal as conditions on the simulation, hints tied to guide
//! steps and book pages, and how the attempt is scored.

use crate::scenario::{ScenarioError, scenarios_dir};
use crate::tenant::MfaState;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One exercise.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Short id used on the command line (`sms-setup`).
    pub id: String,
    /// Title.
    pub title: String,
    /// `user` (the trainee follows the guide as the user) or `technician` (a help-desk ticket).
    pub role: Role,
    /// Tenant: a scenario name in `scenarios/`.
    pub tenant: String,
    /// Another date to start on (YYYY-MM-DD).
    #[serde(default)]
    pub date: Option<String>,
    /// The person the exercise is about (first name).
    pub person: String,
    /// What the trainee is told at the start.
    pub briefing: String,
    /// What has happened before the trainee starts.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub setup: Vec<Setup>,
    /// The goal.
    pub goal: Goal,
    /// Hints, in order.
    #[serde(default)]
    pub hints: Vec<Hint>,
}

/// Who the trainee plays.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The user, following the guide.
    User,
    /// The help-desk technician handling a ticket.
    Technician,
}

/// Something that happened before the trainee starts.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Setup {
    /// The administrator enabled per-user MFA for this person.
    EnableMfa(String),
    /// The person registered a method: `text`, `authenticator`, or a third-party app's name.
    Register { user: String, method: String },
    /// The phone lost or regained signal.
    Signal { user: String, on: bool },
    /// The phone clock is wrong by so many seconds.
    Clock { user: String, offset: i64 },
    /// The person has a new phone (same number, no apps).
    NewPhone(String),
    /// Someone else typed this person's password and asked for an Authenticator approval.
    AttackerSignIn(String),
    /// A mail app checked for mail (so its status shows).
    MailCheck { user: String, app: String },
}

/// The goal: every condition must hold.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// In words, for the briefing and the result.
    pub description: String,
    /// Conditions.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub all: Vec<Condition>,
}

/// A condition on the simulation or on what the trainee did.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Condition {
    /// Per-user MFA state.
    MfaState { user: String, is: MfaState },
    /// A kind of method is registered: `text`, `call`, `authenticator`, `app`, `office`, `alternate`.
    HasMethod { user: String, kind: String },
    /// The person's browser is signed in.
    SignedIn(String),
    /// A mail app shows it is connected.
    MailConnected { user: String, app: String },
    /// The trainee did this (`verify`, `reregister`, `tap`, `revoke`, `reset-password`,
    /// `deny`, `report`) for this person.
    Did { action: String, user: String },
    /// Identity was verified before any reset, TAP or re-registration.
    VerifiedFirst(String),
    /// The person is flagged at risk (reported a request).
    AtRisk(String),
}

/// A hint.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    /// The guide step it relates to.
    #[serde(default)]
    pub guide: Option<String>,
    /// The book page that shows it.
    #[serde(default)]
    pub page: Option<String>,
    /// The hint.
    pub text: String,
}

/// The exercises folder.
pub fn exercises_dir() -> PathBuf {
    scenarios_dir().join("exercises")
}

/// Read one exercise file.
pub fn load(path: &Path) -> Result<Exercise, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|cause| ScenarioError::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    parse(&text, path)
}

/// Parse exercise text; `path` is used in messages.
pub fn parse(text: &str, path: &Path) -> Result<Exercise, ScenarioError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.clone(), |i| message[..i].to_string());
        ScenarioError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}

/// Every shipped exercise, sorted by file name.
pub fn all() -> Result<Vec<Exercise>, ScenarioError> {
    let dir = exercises_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|cause| ScenarioError::Read {
            path: dir.clone(),
            cause,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

/// Find an exercise by id (or file name).
pub fn find(id: &str) -> Result<Option<Exercise>, ScenarioError> {
    Ok(all()?.into_iter().find(|e| e.id == id))
}

#[cfg(test)]
mod tests {
    #[test]
    fn shipped_exercises_load() {
        let all = super::all().unwrap();
        assert!(all.len() >= 10, "{} exercises", all.len());
    }
}
