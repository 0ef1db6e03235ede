//! Scenario files (`scenarios/*.yaml`): a tenant on a date, its policy, its people with their
//! phones and mail apps, and optionally a generated population.
//!
//! Files are data only. Unknown keys are refused, and a mistake is reported in one line with
//! the file, line and column and what was expected (see [`ScenarioError`]).

use crate::clock::{Instant, parse_instant};
use crate::tenant::policy::Policy;
use crate::tenant::{MfaState, Protocol};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A tenant on a date.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Human name ("Contoso in June 2021").
    pub name: String,
    /// One sentence on what the tenant stands for.
    #[serde(default)]
    pub description: String,
    /// Organisation name.
    pub organisation: String,
    /// Mail domain.
    pub domain: String,
    /// Simulated start: `2021-06-01` or `2021-06-01T09:00:00Z`.
    pub date: String,
    /// Seed for everything random.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Tenant policy.
    #[serde(default)]
    pub policy: Policy,
    /// Named people.
    #[serde(default)]
    pub users: Vec<PersonSpec>,
    /// Extra people made up from the seed.
    #[serde(default)]
    pub generate: Option<Population>,
}

fn default_seed() -> u64 {
    1
}

/// A person in the scenario.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonSpec {
    /// Display name; the first name is how features refer to them.
    pub name: String,
    /// Sign-in name.
    pub upn: String,
    /// Password.
    pub password: String,
    /// Per-user MFA state at the start.
    #[serde(default = "disabled")]
    pub mfa: MfaState,
    /// Business phone in the directory.
    #[serde(default)]
    pub business_phone: Option<String>,
    /// The person's mobile phone.
    #[serde(default)]
    pub phone: Option<PhoneSpec>,
    /// Mail apps already set up.
    #[serde(default)]
    pub mail_apps: Vec<MailAppSpec>,
}

fn disabled() -> MfaState {
    MfaState::Disabled
}

/// A mobile phone.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneSpec {
    /// `+CC number`.
    pub number: String,
    /// Seconds the phone's clock is wrong by.
    #[serde(default)]
    pub clock_offset: i64,
    /// Apps installed from the start.
    #[serde(default)]
    pub apps: Vec<String>,
}

/// A mail app.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailAppSpec {
    /// Name ("iPhone Mail", "Outlook on the desktop").
    pub name: String,
    /// `outlook`, or the basic-auth protocol (`imap`, `pop`, `activesync`, `smtp`).
    pub kind: MailAppKind,
    /// Already connected with the account password before MFA.
    #[serde(default)]
    pub connected: bool,
}

/// Kinds of mail app.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailAppKind {
    /// Outlook (modern auth).
    Outlook,
    /// Another app using modern authentication (the phone's Mail app added with "Sign in").
    Modern,
    /// IMAP.
    Imap,
    /// POP.
    Pop,
    /// Exchange ActiveSync.
    ActiveSync,
    /// SMTP.
    Smtp,
}

impl MailAppKind {
    /// The basic-auth protocol, if any.
    pub fn protocol(self) -> Option<Protocol> {
        match self {
            MailAppKind::Outlook | MailAppKind::Modern => None,
            MailAppKind::Imap => Some(Protocol::Imap),
            MailAppKind::Pop => Some(Protocol::Pop),
            MailAppKind::ActiveSync => Some(Protocol::ActiveSync),
            MailAppKind::Smtp => Some(Protocol::Smtp),
        }
    }
}

/// Generated people.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// How many.
    pub count: usize,
    /// Their per-user MFA state.
    #[serde(default = "disabled")]
    pub mfa: MfaState,
    /// Give each a phone.
    #[serde(default = "yes")]
    pub phones: bool,
}

fn yes() -> bool {
    true
}

/// A scenario file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("{path}: cannot read the file: {cause}")]
    Read {
        /// File.
        path: PathBuf,
        /// Why.
        cause: std::io::Error,
    },
    /// The YAML is malformed or does not fit the format.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// File.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The content is well-formed but makes no sense.
    #[error("{path}: {message}")]
    Invalid {
        /// File.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Scenario {
    /// Read and check a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let text = std::fs::read_to_string(path).map_err(|cause| ScenarioError::Read {
            path: path.to_path_buf(),
            cause,
        })?;
        Self::parse(&text, path)
    }

    /// Parse scenario text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            let message = e.to_string();
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            ScenarioError::Syntax {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        })?;
        let invalid = |message: String| ScenarioError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        parse_instant(&scenario.date).map_err(|e| invalid(format!("date: {e}")))?;
        for u in &scenario.users {
            if !u.upn.contains('@') {
                return Err(invalid(format!(
                    "user {}: upn `{}` is not an email address",
                    u.name, u.upn
                )));
            }
            if let Some(p) = &u.phone {
                crate::tenant::methods::normalize_phone("1", &p.number).map_err(|_| {
                    invalid(format!(
                        "user {}: phone number `{}` should look like +1 4255550100",
                        u.name, p.number
                    ))
                })?;
            }
            if let Some(number) = &u.business_phone {
                crate::tenant::methods::normalize_phone("1", number).map_err(|_| {
                    invalid(format!(
                        "user {}: business phone `{number}` should look like +1 4255550100",
                        u.name
                    ))
                })?;
            }
        }
        Ok(scenario)
    }

    /// The start instant.
    pub fn start(&self) -> Instant {
        parse_instant(&self.date).expect("invariant: checked when loaded")
    }
}

/// A scenario named on the command line: a path if it looks like one, else a file in
/// `scenarios/` (`contoso` -> `scenarios/contoso.yaml`).
pub fn resolve(name: &str) -> PathBuf {
    if name.ends_with(".yaml") || name.contains('/') {
        PathBuf::from(name)
    } else {
        scenarios_dir().join(format!("{name}.yaml"))
    }
}

/// The scenarios folder of this checkout.
pub fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_name_line_and_column() {
        let text = "name: x\norganisation: C\ndomain: c.com\ndate: 2021-06-01\nusers:\n  - name: Dana\n    upn: dana@c.com\n    pasword: x\n";
        let err = Scenario::parse(text, Path::new("bad.yaml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bad.yaml:8:5: "), "{err}");
        assert!(err.contains("unknown field `pasword`"), "{err}");
        let err = Scenario::parse("name: [", Path::new("b.yaml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("b.yaml:"), "{err}");
        let bad_date = "name: x\norganisation: C\ndomain: c.com\ndate: June\n";
        assert!(
            Scenario::parse(bad_date, Path::new("d.yaml"))
                .unwrap_err()
                .to_string()
                .contains("date")
        );
    }

    #[test]
    fn shipped_scenarios_load() {
        for entry in std::fs::read_dir(scenarios_dir()).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
}
