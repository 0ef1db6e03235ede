//! Typed step arguments: the placeholders of the step vocabulary (`{person}`, `{app}`,
//! `{method}`, `{duration}`, `{state}`, `{answer}`, `{switch}`), each a cucumber `Parameter` with its own
//! pattern and a `FromStr` that refuses an unknown value by listing the known ones
//! ("no app called \"Authy2\"; known: ..."). People are checked against the scenario's tenant
//! when a step looks them up (`Simulation::person` lists who is there).

use crate::tenant::MfaState;
use cucumber::Parameter;
use std::fmt;
use std::str::FromStr;

/// A value a step cannot use, and what it could have been. Its `Debug` is the sentence, as
/// cucumber shows a parse failure with `Debug`.
pub struct Unknown(pub String);

impl fmt::Debug for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unknown {}

fn unknown(what: &str, value: &str, known: &[&str]) -> Unknown {
    Unknown(format!(
        "no {what} called \"{value}\"; known: {}",
        known.join(", ")
    ))
}

/// A person in the tenant, by first name (`Dana`) or full name (`Dana Whitfield`), as steps
/// name them. Messages name the person as the step wrote them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Parameter)]
#[param(name = "person", regex = r"[A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?")]
pub struct Person(pub String);

impl FromStr for Person {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Person(s.to_string()))
    }
}

impl std::ops::Deref for Person {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An authenticator app from the simulated app store, in quotes (`"Google Authenticator"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Parameter)]
#[param(name = "app", regex = r#""([^"]*)""#)]
pub struct App(pub String);

impl FromStr for App {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim_matches('"');
        crate::actors::phone::STORE_APPS
            .iter()
            .find(|a| a.eq_ignore_ascii_case(s))
            .map(|a| App((*a).to_string()))
            .ok_or_else(|| unknown("app", s, crate::actors::phone::STORE_APPS))
    }
}

impl fmt::Display for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for App {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A length of simulated time: `40 seconds`, `6 minutes`, `2 hours`, `1 day`, `2 weeks`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Parameter)]
#[param(
    name = "duration",
    regex = r"\d+ (?:seconds?|minutes?|hours?|days?|weeks?)"
)]
pub struct Duration(pub i64);

impl FromStr for Duration {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (amount, unit) = s.split_once(' ').ok_or_else(|| {
            Unknown(format!(
                "\"{s}\" is not a length of time (say \"6 minutes\")"
            ))
        })?;
        let amount: i64 = amount
            .parse()
            .map_err(|_| Unknown(format!("\"{amount}\" is not a whole number")))?;
        let per = match unit.trim_end_matches('s') {
            "second" => 1,
            "minute" => 60,
            "hour" => 3600,
            "day" => 86_400,
            "week" => 7 * 86_400,
            other => {
                return Err(unknown(
                    "unit of time",
                    other,
                    &["seconds", "minutes", "hours", "days", "weeks"],
                ));
            }
        };
        amount
            .checked_mul(per)
            .map(Duration)
            .ok_or_else(|| Unknown(format!("{s} is too long")))
    }
}

/// A public IPv4 address a browser connects from (`198.51.100.77`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Parameter)]
#[param(name = "address", regex = r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")]
pub struct Address(pub std::net::Ipv4Addr);

impl Default for Address {
    fn default() -> Self {
        Address(std::net::Ipv4Addr::UNSPECIFIED)
    }
}

impl FromStr for Address {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Address).map_err(|_| {
            Unknown(format!(
                "\"{s}\" is not an IPv4 address (say 198.51.100.77)"
            ))
        })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A per-user MFA state, in quotes as the admin page shows it (`"enforced"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Parameter)]
#[param(name = "state", regex = r#""([^"]*)""#)]
pub struct State(pub MfaState);

impl Default for State {
    fn default() -> Self {
        State(MfaState::Disabled)
    }
}

impl FromStr for State {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim_matches('"').to_lowercase().as_str() {
            "disabled" => Ok(State(MfaState::Disabled)),
            "enabled" => Ok(State(MfaState::Enabled)),
            "enforced" => Ok(State(MfaState::Enforced)),
            other => Err(unknown(
                "MFA state",
                other,
                &["disabled", "enabled", "enforced"],
            )),
        }
    }
}

/// How a person answers a Microsoft Authenticator request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Parameter)]
#[param(name = "answer", regex = r"denies|reports")]
pub enum Answer {
    /// "Deny".
    #[default]
    Denies,
    /// "Deny", then "report it" (suspicious activity).
    Reports,
}

impl FromStr for Answer {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "denies" => Ok(Answer::Denies),
            "reports" => Ok(Answer::Reports),
            other => Err(unknown("answer", other, &["denies", "reports"])),
        }
    }
}

/// How a person proves it is them at a verification page: `the texted code`, `the phone call`,
/// `Microsoft Authenticator`, or `the code from "Google Authenticator"` (any store app).
#[derive(Clone, Debug, Default, PartialEq, Eq, Parameter)]
#[param(
    name = "method",
    regex = r#"the texted code|the phone call|Microsoft Authenticator|the code from "[^"]*""#
)]
pub enum Method {
    /// Type the code from the latest text message.
    #[default]
    TextedCode,
    /// Answer the call and press #.
    PhoneCall,
    /// Approve the request in Microsoft Authenticator (typing the number shown, if any).
    Authenticator,
    /// Type the code an authenticator app shows now.
    AppCode(App),
}

impl FromStr for Method {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "the texted code" => Ok(Method::TextedCode),
            "the phone call" => Ok(Method::PhoneCall),
            "Microsoft Authenticator" => Ok(Method::Authenticator),
            other => match other.strip_prefix("the code from ") {
                Some(app) => Ok(Method::AppCode(app.parse()?)),
                None => Err(unknown(
                    "way to verify",
                    other,
                    &[
                        "the texted code",
                        "the phone call",
                        "Microsoft Authenticator",
                        "the code from \"<app>\"",
                    ],
                )),
            },
        }
    }
}

/// A tenant setting switched `on` or `off`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Parameter)]
#[param(name = "switch", regex = r"on|off")]
pub struct Switch(pub bool);

impl FromStr for Switch {
    type Err = Unknown;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "on" => Ok(Switch(true)),
            "off" => Ok(Switch(false)),
            other => Err(unknown("setting", other, &["on", "off"])),
        }
    }
}
