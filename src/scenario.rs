//! Scenario files (`scenarios/*.yaml`): a tenant on a date, its policy, its people with their
//! phones and mail apps, and optionally a generated population.
//!
//! Files are data only. Unknown keys are refused, and a mistake is reported in one line with
//! the file, line and column and what was expected (see [`ScenarioError`]).
//!
//! After reading, every value is checked the way the real service (or the simulator's own
//! bounds) would check it, and a refusal names the file, the line where it can find the key,
//! the key (`policy.limits.totp_skew`, `users[1].business_phone`) and what is allowed:
//!
//! - `date` and `policy.created`: within the supported dates, 2000-01-01 to 2100-12-31;
//! - `policy`: every number within its range (see `tenant::policy`);
//! - `users`: at most [`MAX_USERS`]; a non-empty name and password of at most 256 characters;
//!   a `upn` shaped like an email address (one `@`, at most 64 characters before it and 113 in
//!   all, a dotted domain, no spaces), not used twice (case-insensitive); phone numbers
//!   (`phone.number`, `business_phone`) that normalise to `+CC number` with 7 to 15 digits;
//!   `phone.clock_offset` within a year either way ([`MAX_CLOCK_OFFSET`]); `phone.apps` from
//!   the simulated app store; at most [`MAX_MAIL_APPS`] mail apps, each named;
//! - `generate.count`: at most [`MAX_GENERATED`] people.
//!
//! A file that passes these checks can be started as a `Simulation` without panicking.

use crate::actors::phone::STORE_APPS;
use crate::clock::{BadTime, Instant, parse_instant};
use crate::tenant::methods::normalize_phone;
use crate::tenant::policy::Policy;
use crate::tenant::{MfaState, Protocol, Role};
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
    /// `member` (the default), `global_administrator` or `guest` (rule 36 treats the last two
    /// later).
    #[serde(default)]
    pub role: Role,
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
    /// `outlook`, `modern`, the basic-auth protocol (`imap`, `pop`, `activesync`, `smtp`), or
    /// one of the apps the guide names: `phone-mail`, `windows-mail`.
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
    /// The phone's built-in Mail app (`phone-mail`): the person chooses "Sign in" (modern) or
    /// "Configure Manually" (ActiveSync with a password). Until then, and when `connected`,
    /// it was set up by hand with the account password before MFA, as the guide assumes.
    #[serde(rename = "phone-mail")]
    PhoneMail,
    /// Windows Mail (`windows-mail`), as the guide names it: a password over ActiveSync,
    /// until its end of support on 2024-12-31.
    #[serde(rename = "windows-mail")]
    WindowsMail,
}

impl MailAppKind {
    /// The basic-auth protocol, if any (the one it starts with, for the phone's Mail app).
    pub fn protocol(self) -> Option<Protocol> {
        match self {
            MailAppKind::Outlook | MailAppKind::Modern => None,
            MailAppKind::Imap => Some(Protocol::Imap),
            MailAppKind::Pop => Some(Protocol::Pop),
            MailAppKind::ActiveSync | MailAppKind::PhoneMail | MailAppKind::WindowsMail => {
                Some(Protocol::ActiveSync)
            }
            MailAppKind::Smtp => Some(Protocol::Smtp),
        }
    }

    /// Which app it is, where that matters beyond how it signs in.
    pub fn product(self) -> crate::actors::MailProduct {
        match self {
            MailAppKind::PhoneMail => crate::actors::MailProduct::PhoneMail,
            MailAppKind::WindowsMail => crate::actors::MailProduct::WindowsMail,
            _ => crate::actors::MailProduct::Other,
        }
    }
}

/// Most people `generate:` may make up.
pub const MAX_GENERATED: usize = 10_000;

/// Most named people in one file.
pub const MAX_USERS: usize = 1_000;

/// Most mail apps one person may have.
pub const MAX_MAIL_APPS: usize = 20;

/// How wrong a phone's clock may be, in seconds either way (a year).
pub const MAX_CLOCK_OFFSET: i64 = 366 * 86_400;

/// Longest name or password, in characters (Entra passwords are at most 256).
pub const MAX_TEXT: usize = 256;

/// The first scenario date that may turn on `policy.system_preferred_mfa` (the setting arrived
/// in 2023; its exact date is unconfirmed: rule 19).
pub const SYSTEM_PREFERRED_FROM: &str = "2023-01-01";

/// Generated people.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// How many: 0 to [`MAX_GENERATED`] (10,000), so that a file cannot ask the simulator for
    /// more people than it can start in reasonable time.
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
    /// One value is refused: out of its range, or not a shape the service accepts.
    #[error("{}: {key} {problem}", place(path, *line))]
    Value {
        /// File.
        path: PathBuf,
        /// 1-based line of the key, when it could be found in the text.
        line: Option<usize>,
        /// Dotted key from the top of the file (`policy.limits.totp_skew`, `users[0].upn`).
        key: String,
        /// What is wrong and what is allowed (`is 50; allowed 0..=10`).
        problem: String,
    },
}

fn place(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
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
        scenario
            .check()
            .map_err(|(key, problem)| ScenarioError::Value {
                path: path.to_path_buf(),
                line: line_of(text, &key),
                key,
                problem,
            })?;
        Ok(scenario)
    }

    /// Every check after parsing: the first refusal as (key, problem).
    fn check(&self) -> Result<(), (String, String)> {
        let refuse = |key: String, problem: String| Err((key, problem));
        if let Err(e) = parse_instant(&self.date) {
            return refuse("date".into(), date_problem(&self.date, &e));
        }
        if self.domain.is_empty() || !domain_ok(&self.domain) {
            return refuse(
                "domain".into(),
                format!(
                    "is `{}`; expected a domain such as contoso.com",
                    self.domain
                ),
            );
        }
        self.policy
            .check()
            .or_else(|p| refuse(p.key.to_string(), p.problem))?;
        // Rule 19: system-preferred MFA arrived in 2023 (entra-facts, clarification to rule 19).
        if self.policy.system_preferred_mfa
            && parse_instant(&self.date).ok() < parse_instant(SYSTEM_PREFERRED_FROM).ok()
        {
            return refuse(
                "policy.system_preferred_mfa".into(),
                format!(
                    "is on, but the scenario is dated {}; the setting exists from {SYSTEM_PREFERRED_FROM}",
                    self.date
                ),
            );
        }
        if let Some(pop) = &self.generate
            && pop.count > MAX_GENERATED
        {
            return refuse(
                "generate.count".into(),
                format!("is {}; allowed 0..={MAX_GENERATED}", pop.count),
            );
        }
        if self.users.len() > MAX_USERS {
            return refuse(
                "users".into(),
                format!(
                    "has {} people; allowed at most {MAX_USERS}",
                    self.users.len()
                ),
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for (i, u) in self.users.iter().enumerate() {
            let key = |k: &str| format!("users[{i}].{k}");
            if u.name.trim().is_empty() || u.name.chars().count() > MAX_TEXT {
                return refuse(
                    key("name"),
                    format!("must be 1 to {MAX_TEXT} characters and not blank"),
                );
            }
            if let Err(why) = upn_ok(&u.upn) {
                return refuse(key("upn"), format!("`{}` {why}", u.upn));
            }
            let upn = u.upn.to_lowercase();
            if let Some(first) = seen.iter().position(|s| *s == upn) {
                return refuse(
                    key("upn"),
                    format!("`{}` is already used by users[{first}]", u.upn),
                );
            }
            seen.push(upn);
            if u.password.is_empty() || u.password.chars().count() > MAX_TEXT {
                return refuse(
                    key("password"),
                    format!("must be 1 to {MAX_TEXT} characters"),
                );
            }
            if let Some(number) = &u.business_phone
                && normalize_phone("1", number).is_err()
            {
                return refuse(key("business_phone"), phone_problem(number));
            }
            if let Some(p) = &u.phone {
                if normalize_phone("1", &p.number).is_err() {
                    return refuse(key("phone.number"), phone_problem(&p.number));
                }
                if !(-MAX_CLOCK_OFFSET..=MAX_CLOCK_OFFSET).contains(&p.clock_offset) {
                    return refuse(
                        key("phone.clock_offset"),
                        format!(
                            "is {}; allowed -{MAX_CLOCK_OFFSET}..={MAX_CLOCK_OFFSET} seconds",
                            p.clock_offset
                        ),
                    );
                }
                if let Some(app) = p.apps.iter().find(|a| !STORE_APPS.contains(&a.as_str())) {
                    return refuse(
                        key("phone.apps"),
                        format!("has `{app}`; the app store has {}", STORE_APPS.join(", ")),
                    );
                }
            }
            if u.mail_apps.len() > MAX_MAIL_APPS {
                return refuse(
                    key("mail_apps"),
                    format!("has {}; allowed at most {MAX_MAIL_APPS}", u.mail_apps.len()),
                );
            }
            if let Some(j) = u.mail_apps.iter().position(|a| a.name.trim().is_empty()) {
                return refuse(
                    format!("users[{i}].mail_apps[{j}].name"),
                    "must not be blank".into(),
                );
            }
        }
        Ok(())
    }

    /// The start instant. Files are checked when loaded; a `Scenario` changed by hand to an
    /// unusable date starts at the first supported instant rather than panicking.
    pub fn start(&self) -> Instant {
        parse_instant(&self.date).unwrap_or(crate::clock::EARLIEST)
    }
}

fn date_problem(text: &str, e: &BadTime) -> String {
    match e {
        BadTime::OutOfRange { .. } => {
            format!(
                "is {text}; allowed {} (the supported dates)",
                crate::clock::WINDOW
            )
        }
        BadTime::Unreadable { .. } => {
            format!("is `{text}`; expected 2021-06-01 or 2021-06-01T09:00:00Z")
        }
    }
}

fn phone_problem(number: &str) -> String {
    format!("`{number}` is not a phone number; expected +CC and 7 to 15 digits, like +1 4255550100")
}

fn domain_ok(domain: &str) -> bool {
    domain.len() <= 253
        && domain.contains('.')
        && domain
            .split('.')
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

/// The shape Entra accepts for a user principal name, in brief.
fn upn_ok(upn: &str) -> Result<(), &'static str> {
    let Some((local, domain)) = upn.split_once('@') else {
        return Err("is not an email address (name@domain)");
    };
    if upn.len() > 113 {
        return Err("is longer than 113 characters");
    }
    if local.is_empty() || local.len() > 64 {
        return Err("needs 1 to 64 characters before the @");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "'.-_!#^~+".contains(c));
    if !local_ok || local.starts_with('.') || local.ends_with('.') {
        return Err("has characters a sign-in name cannot have before the @");
    }
    if !domain_ok(domain) {
        return Err("needs a domain such as contoso.com after a single @");
    }
    Ok(())
}

/// The 1-based line of a dotted key (`policy.limits.totp_skew`, `users[2].phone.number`) in
/// block-style YAML; `None` when the key is not written out (a default, or flow style).
pub fn line_of(text: &str, key: &str) -> Option<usize> {
    struct Line<'a> {
        indent: usize,
        dash: bool,
        key_indent: usize,
        rest: &'a str,
    }
    let lines: Vec<Option<Line>> = text
        .lines()
        .map(|raw| {
            let trimmed = raw.trim_start_matches(' ');
            if trimmed.trim().is_empty() || trimmed.starts_with('#') {
                return None;
            }
            let indent = raw.len() - trimmed.len();
            match trimmed.strip_prefix('-') {
                Some(after) if after.is_empty() || after.starts_with(' ') => {
                    let rest = after.trim_start_matches(' ');
                    Some(Line {
                        indent,
                        dash: true,
                        key_indent: indent + 1 + (after.len() - rest.len()),
                        rest,
                    })
                }
                _ => Some(Line {
                    indent,
                    dash: false,
                    key_indent: indent,
                    rest: trimmed,
                }),
            }
        })
        .collect();
    let (mut start, mut end, mut found) = (0usize, lines.len(), None);
    for segment in key.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((n, i)) => (n, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        // Direct children share the smallest key indent of the block.
        let child = lines[start..end]
            .iter()
            .flatten()
            .map(|l| l.key_indent)
            .min()?;
        let at = (start..end).find(|&i| {
            lines[i].as_ref().is_some_and(|l| {
                l.key_indent == child
                    && l.rest
                        .strip_prefix(name)
                        .is_some_and(|r| r.starts_with(':'))
            })
        })?;
        found = Some(at);
        start = at + 1;
        end = (start..end)
            .find(|&i| lines[i].as_ref().is_some_and(|l| l.key_indent <= child))
            .unwrap_or(end);
        if let Some(n) = index {
            let dash = lines[start..end]
                .iter()
                .flatten()
                .filter(|l| l.dash)
                .map(|l| l.indent)
                .min()?;
            let item = (start..end)
                .filter(|&i| {
                    lines[i]
                        .as_ref()
                        .is_some_and(|l| l.dash && l.indent == dash)
                })
                .nth(n)?;
            found = Some(item);
            start = item;
            end = (item + 1..end)
                .find(|&i| lines[i].as_ref().is_some_and(|l| l.indent <= dash))
                .unwrap_or(end);
        }
    }
    found.map(|i| i + 1)
}
