//! Training exercises (`scenarios/exercises/*.yaml`): a tenant, who the trainee plays, what has
//! happened before they start, the goal as conditions on the simulation, hints tied to guide
//! steps and book pages, and how the attempt is scored.
//!
//! Loading is per file: [`all_in`] returns every exercise that loads and, beside them, one
//! [`ScenarioError`] per file that does not (with file:line:column where the YAML says), so
//! one broken file never hides the others. Values that drive the simulation are bounded when
//! the file is read: a phone clock may be wrong by at most [`MAX_CLOCK_OFFSET_SECS`].

use crate::scenario::ScenarioError;
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
    /// The people in the exercise, each with a short story in the author's words (shown in
    /// the briefing and on `who NAME`): a map from first name to story, in the file's order.
    #[serde(default)]
    pub people: People,
    /// Who is really calling, for a help-desk ticket: the person, or an impostor; what the
    /// real person knows, and how the desk can check.
    #[serde(default)]
    pub caller: Caller,
    /// What has happened before the trainee starts.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub setup: Vec<Setup>,
    /// The goal.
    pub goal: Goal,
    /// Hints, in order.
    #[serde(default)]
    pub hints: Vec<Hint>,
    /// What an expert would type, in sections tied to guide steps (see
    /// [`super::solution`]): the debrief shows it and the tests play it to a pass.
    #[serde(default)]
    pub solution: Vec<super::solution::Section>,
    /// How long the attempt may take, in simulated minutes ([`TIME_LIMIT_MINUTES`]); when
    /// it has passed and the goal is not met, the attempt ends.
    #[serde(default, deserialize_with = "time_limit")]
    pub time_limit: Option<u32>,
    /// Free play ([`Exercise::free_play`]): no goal, no hints, no score, nothing saved; the
    /// phone's signal and internet can be switched. Never read from a file.
    #[serde(skip)]
    pub free_play: bool,
}

/// The time limits an exercise may set, in simulated minutes: a minute to the 30 days a
/// session can last.
pub const TIME_LIMIT_MINUTES: std::ops::RangeInclusive<u32> = 1..=43_200;

fn time_limit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let minutes = u32::deserialize(d)?;
    if !TIME_LIMIT_MINUTES.contains(&minutes) {
        return Err(serde::de::Error::custom(format!(
            "a time limit is {} to {} simulated minutes (30 days), not {minutes}",
            TIME_LIMIT_MINUTES.start(),
            TIME_LIMIT_MINUTES.end()
        )));
    }
    Ok(Some(minutes))
}

/// The caller of a help-desk ticket. The desk's choices to check who is calling are a
/// call-back on the office number in the directory, the person's manager, or a video call;
/// questions about what the person knows help, but prove nothing on their own.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    /// `genuine` (the default), `impostor`, or `either` (chosen from the run's seed, so a
    /// script with the same seed always meets the same caller).
    #[serde(default)]
    pub is: CallerIs,
    /// What the real person knows and the desk's records hold, fact by fact (`employee id:
    /// E-2041`, `manager: Priya Nair`, `last sign-in place: Seattle`), in the file's order.
    #[serde(default)]
    pub knows: Facts,
    /// The facts an impostor knows too (the rest they answer wrongly or not at all).
    #[serde(default)]
    pub impostor_knows: Vec<String>,
    /// What an impostor answers to the facts they do not know; a fact not listed here is
    /// answered with "I don't remember".
    #[serde(default)]
    pub impostor_says: Facts,
    /// The person's manager, whom the desk may ask (a name, with a word on who they are).
    #[serde(default)]
    pub manager: Option<String>,
}

/// Who the caller of a ticket is.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CallerIs {
    /// The person the ticket is about.
    #[default]
    Genuine,
    /// Someone pretending to be them.
    Impostor,
    /// Either, from the run's seed.
    Either,
}

/// Facts and answers, in the file's order; names compared without case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts(pub Vec<(String, String)>);

impl Facts {
    /// The answer for `fact` (any case, surrounding spaces ignored).
    pub fn get(&self, fact: &str) -> Option<(&str, &str)> {
        self.0
            .iter()
            .find(|(f, _)| f.eq_ignore_ascii_case(fact.trim()))
            .map(|(f, a)| (f.as_str(), a.as_str()))
    }
}

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Facts;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map from a fact to its answer")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Facts, A::Error> {
                let mut out: Vec<(String, String)> = Vec::new();
                while let Some((fact, answer)) = map.next_entry::<String, String>()? {
                    if out.iter().any(|(f, _)| f.eq_ignore_ascii_case(&fact)) {
                        return Err(serde::de::Error::custom(format!(
                            "the fact \"{fact}\" is given twice"
                        )));
                    }
                    out.push((fact, answer));
                }
                Ok(Facts(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// The id free play goes by in transcripts and on the web (never a file's: ids are checked
/// against it when exercises load).
pub const FREE_PLAY_ID: &str = "free-play";

impl Exercise {
    /// Free play on any tenant file and date: the trainee explores as `role`, about `person`
    /// (empty: the tenant's first person), with no goal to meet, no hints and no score, and
    /// nothing is saved. The phone's signal and internet connection may be switched, which an
    /// exercise does not allow (a ticket's missing signal is part of the ticket).
    pub fn free_play(tenant: &str, date: Option<String>, person: &str, role: Role) -> Exercise {
        Exercise {
            id: FREE_PLAY_ID.into(),
            // The date is added when the session starts and knows its clock.
            title: format!("Free play: {}", crate::project::tenant_label(tenant)),
            role,
            tenant: tenant.into(),
            date,
            person: person.into(),
            briefing: "Free play: there is no ticket and no goal. Try anything the guide or a caller could ask for, see what the service and the phone do, and `quit` when you are done. Nothing is scored or saved; `signal off` and `internet off` take the phone out of reach.".into(),
            people: People::default(),
            caller: Caller::default(),
            setup: Vec::new(),
            goal: Goal {
                description: "none (free play)".into(),
                all: Vec::new(),
                never: Vec::new(),
            },
            hints: Vec::new(),
            solution: Vec::new(),
            time_limit: None,
            free_play: true,
        }
    }

    /// Whether the ticket comes from a caller whose identity the desk must check (its goal
    /// or its `never:` list names verification); a ticket from HR does not.
    pub fn checks_caller(&self) -> bool {
        self.goal
            .all
            .iter()
            .any(|c| matches!(c, Condition::VerifiedFirst(_)))
            || self
                .goal
                .never
                .iter()
                .any(|n| matches!(n, Never::BeforeVerified { .. }))
    }
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
    Register {
        /// The person, by the name the exercise gives them.
        user: String,
        /// `text`, `authenticator`, or a third-party app's name.
        method: String,
    },
    /// The phone lost or regained signal.
    Signal {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The phone has signal afterwards.
        on: bool,
    },
    /// The phone clock is wrong by so many seconds (at most [`MAX_CLOCK_OFFSET_SECS`] either
    /// way).
    Clock {
        /// The person, by the name the exercise gives them.
        user: String,
        /// Seconds the phone clock is ahead (negative: behind).
        #[serde(deserialize_with = "clock_offset")]
        offset: i64,
    },
    /// The person has a new phone (same number, no apps).
    NewPhone(String),
    /// Someone else typed this person's password and asked for an Authenticator approval.
    AttackerSignIn(String),
    /// As `attacker_sign_in`, and the person approved the request they had not started, so
    /// the other browser is signed in (it answers "Stay signed in?" with Yes).
    AttackerApproved(String),
    /// The tenant's "Report suspicious activity" setting (rule 16), on or off: on, a
    /// reported request puts the person at high risk.
    ReportSuspiciousActivity(bool),
    /// An administrator blocked the person's sign-in.
    BlockSignIn(String),
    /// The person signed in to Office with a code from a third-party app and closed the
    /// browser a moment ago: that code is spent.
    AppCodeSignIn {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The app's name (`Google Authenticator`).
        app: String,
    },
    /// An administrator required the person to register MFA again ("Require re-register
    /// MFA"): the methods are deleted, the apps on the phone keep their entries.
    Reregister(String),
    /// The person began adding a third-party app in Security info, scanned its QR code and
    /// closed the browser before typing a code: the app has an entry the service never kept.
    UnfinishedAppSetup {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The app's name (`Google Authenticator`).
        app: String,
    },
    /// An administrator unticked an option in the MFA service settings (by its label there,
    /// `Verification code from mobile app or hardware token`).
    ServiceSettingOff(String),
    /// Someone typed wrong passwords for the person from a network that is not theirs,
    /// `count` times ([`MAX_REPEATS`] at most).
    WrongPasswords {
        /// The person, by the name the exercise gives them.
        user: String,
        /// How many wrong passwords.
        #[serde(deserialize_with = "repeats")]
        count: u32,
    },
    /// The person signed in and asked for another text message `count` times
    /// ([`MAX_REPEATS`] at most), or until the service refused one; the browser stays on
    /// the page the last request left.
    TextRequests {
        /// The person, by the name the exercise gives them.
        user: String,
        /// How many more texts were asked for.
        #[serde(deserialize_with = "repeats")]
        count: u32,
    },
    /// The tenant's "Automatically block users who report fraud" setting (rule 16), on or off.
    FraudAutoBlock(bool),
    /// The person signed in, chose a phone call and answered it with 0# (a fraud report), and
    /// closed the browser.
    ReportedCall(String),
    /// A mail app checked for mail (so its status shows).
    MailCheck {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The mail app's name.
        app: String,
    },
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
    /// What must never happen (or must stay true) on the way: breaking one ends the attempt
    /// at once as failed, with why it is dangerous.
    #[serde(default, with = "serde_yaml::with::singleton_map_recursive")]
    pub never: Vec<Never>,
}

/// Something that must never happen during an attempt. Each is checked after every command
/// that acts; the first one broken ends the attempt as failed.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Never {
    /// The person's per-user MFA state falls below `is` (disabled < enabled < enforced):
    /// `mfa_state_below: {user: Dana, is: enforced}` reads "MFA must stay enforced".
    MfaStateBelow {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The lowest state allowed.
        is: MfaState,
    },
    /// One of these help-desk actions is taken for the person before `verify`:
    /// `before_verified: {user: Dana, actions: [reset-password, reregister, tap, unblock]}`.
    BeforeVerified {
        /// The person, by the name the exercise gives them.
        user: String,
        /// Names from [`ADMIN_ACTIONS`].
        actions: Vec<String>,
    },
    /// The person approves a Microsoft Authenticator request they did not start (their own
    /// browser is not waiting for one).
    ApprovedUnstarted(String),
    /// One of these console actions is taken for the person at all, verified or not (a
    /// leaver's account: no pass, no new password, no unblocking):
    /// `any_of: {user: Sam, actions: [tap, reset-password, unblock]}`.
    AnyOf {
        /// The person, by the name the exercise gives them.
        user: String,
        /// Names from [`ADMIN_ACTIONS`].
        actions: Vec<String>,
    },
}

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Never::MfaStateBelow { user, is } => {
                write!(f, "{user}'s per-user MFA must stay {is} or stronger")
            }
            Never::BeforeVerified { user, actions } => write!(
                f,
                "no {} for {user} before the caller is verified",
                actions.join(", ")
            ),
            Never::ApprovedUnstarted(user) => {
                write!(f, "no approving a request {user} did not start")
            }
            Never::AnyOf { user, actions } => {
                write!(f, "no {} for {user} at all", actions.join(", "))
            }
        }
    }
}

/// The console actions a trainee can take (`admin <action> <user>`), as `before_verified`
/// names them.
pub const ADMIN_ACTIONS: &[&str] = &[
    "enable",
    "enforce",
    "disable",
    "reregister",
    "revoke",
    "revoke-sessions",
    "block",
    "unblock",
    "block-mfa",
    "unblock-mfa",
    "dismiss-risk",
    "tap",
    "reset-password",
    "delete-method",
    "add-phone",
    "delete-app-passwords",
];

/// The ways of signing in `signed_in_with` may name, with how the sign-in log names each.
pub const SIGN_IN_METHODS: &[(&str, &str)] = &[
    ("tap", "Temporary Access Pass"),
    ("text", "Text message"),
    ("call", "Phone call"),
    ("push", "Microsoft Authenticator notification"),
    ("app", "Authenticator app code"),
    ("passkey", "Passkey (Microsoft Authenticator)"),
];

/// The people of an exercise and their stories, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People(pub Vec<(String, String)>);

impl People {
    /// The story of `name` (first name, any case).
    pub fn story(&self, name: &str) -> Option<(&str, &str)> {
        // "Dana" or "Dana Whitfield": the first name decides.
        let first = name.split_whitespace().next().unwrap_or_default();
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(first))
            .map(|(n, s)| (n.as_str(), s.as_str()))
    }
}

impl<'de> Deserialize<'de> for People {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = People;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map from a person's first name to their story")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<People, A::Error> {
                let mut out: Vec<(String, String)> = Vec::new();
                while let Some((name, story)) = map.next_entry::<String, String>()? {
                    if out.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                        return Err(serde::de::Error::custom(format!(
                            "{name} has two stories under `people`"
                        )));
                    }
                    out.push((name, story));
                }
                Ok(People(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A condition on the simulation or on what the trainee did.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Condition {
    /// Per-user MFA state.
    MfaState {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The state it must be in.
        is: MfaState,
    },
    /// A kind of method is registered: `text`, `call`, `authenticator`, `app`, `office`, `alternate`.
    HasMethod {
        /// The person, by the name the exercise gives them.
        user: String,
        /// One of the kinds listed above.
        kind: String,
    },
    /// The person's browser is signed in.
    SignedIn(String),
    /// A mail app shows it is connected.
    MailConnected {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The mail app's name.
        app: String,
    },
    /// The trainee did this (`verify`, `reregister`, `tap`, `revoke`, `revoke-sessions`,
    /// `reset-password`, `deny`, `report`) for this person.
    Did {
        /// One of the actions listed above.
        action: String,
        /// The person it was done for.
        user: String,
    },
    /// Identity was verified before any reset, TAP or re-registration.
    VerifiedFirst(String),
    /// The person is flagged at risk (reported a request).
    AtRisk(String),
    /// The person's browser signed in, during the attempt, with this way of proving who they
    /// are (one of [`SIGN_IN_METHODS`]: `tap`, `text`, `call`, `push`, `app`, `passkey`), as
    /// the sign-in log records it.
    SignedInWith {
        /// The person, by the name the exercise gives them.
        user: String,
        /// One of the names in [`SIGN_IN_METHODS`].
        method: String,
    },
    /// An authenticator app on the person's current phone (the new one, after `new_phone`)
    /// shows the codes of a method the account has registered.
    RegisteredOnNewPhone(String),
    /// The browser that got in with the person's password and an approval they did not
    /// start (`attacker_approved`) is signed out.
    IntruderSignedOut(String),
    /// The person has no authentication methods left (a leaver).
    NoMethods(String),
    /// The person's sign-in is blocked.
    SignInBlocked(String),
    /// The person has no App Passwords left.
    NoAppPasswords(String),
    /// A phone with this number is registered for the person, in any slot.
    HasPhone {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The number as stored, `+CC number`.
        number: String,
    },
    /// The person's phone number in this slot is no longer registered (`mobile`, `office`,
    /// `alternate`): the old number is gone.
    NotPhone {
        /// The person, by the name the exercise gives them.
        user: String,
        /// The number as stored, `+CC number`.
        number: String,
    },
    /// During the attempt, a mail app signed in over `protocol` with an App Password the
    /// person made in this attempt, and the service `accepted` or `refused` it, as the
    /// sign-in log records it: the simulator's own mail apps and real clients (`mfa-sim-mail
    /// train`) alike.
    AppPasswordSignIn {
        /// The person, by the name the exercise gives them.
        user: String,
        /// `imap`, `pop`, `activesync` or `smtp`.
        protocol: crate::records::Protocol,
        /// `accepted` or `refused`.
        result: MailAnswer,
    },
}

/// What the service answered a mail app (`app_password_sign_in`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MailAnswer {
    /// Signed in.
    Accepted,
    /// Refused.
    Refused,
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Condition::MfaState { user, is } => write!(f, "{user}'s MFA state is {is}"),
            Condition::HasMethod { user, kind } => write!(f, "{user} has a {kind} method"),
            Condition::SignedIn(user) => write!(f, "{user} is signed in"),
            Condition::MailConnected { user, app } => write!(f, "{user}'s {app} is connected"),
            Condition::Did { action, user } => write!(f, "{action} for {user}"),
            Condition::VerifiedFirst(user) => {
                write!(f, "{user}'s identity is verified before any change")
            }
            Condition::AtRisk(user) => write!(f, "{user} is flagged at risk"),
            Condition::SignedInWith { user, method } => {
                write!(f, "{user} signed in with {}", sign_in_method_label(method))
            }
            Condition::RegisteredOnNewPhone(user) => {
                write!(f, "{user} has a method registered on the new phone")
            }
            Condition::NoMethods(user) => write!(f, "{user} has no methods left"),
            Condition::IntruderSignedOut(user) => {
                write!(f, "the other browser signed in as {user} is signed out")
            }
            Condition::SignInBlocked(user) => write!(f, "{user}'s sign-in is blocked"),
            Condition::NoAppPasswords(user) => write!(f, "{user} has no App Passwords left"),
            Condition::HasPhone { user, number } => write!(f, "{user} has the phone {number}"),
            Condition::NotPhone { user, number } => {
                write!(f, "{user} no longer has the phone {number}")
            }
            Condition::AppPasswordSignIn {
                user,
                protocol,
                result,
            } => {
                let answer = match result {
                    MailAnswer::Accepted => "accepted",
                    MailAnswer::Refused => "refused",
                };
                write!(f, "{user}'s App Password is {answer} over {protocol}")
            }
        }
    }
}

/// How the sign-in log names a `signed_in_with` method (the name itself if unknown).
pub fn sign_in_method_label(method: &str) -> &str {
    SIGN_IN_METHODS
        .iter()
        .find(|(m, _)| *m == method)
        .map_or(method, |(_, label)| label)
}

/// Actions a goal's `did` may name that only the help desk takes (the technician role).
pub const DESK_ACTIONS: &[&str] = &[
    "verify",
    "reregister",
    "tap",
    "revoke",
    "revoke-sessions",
    "reset-password",
    "block",
    "delete-method",
    "add-phone",
    "delete-app-passwords",
    "refuse",
];

/// Actions a goal's `did` may name that the user takes.
pub const USER_ACTIONS: &[&str] = &["deny", "report"];

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

/// How many times a setup may repeat a request (wrong passwords, text messages).
pub const MAX_REPEATS: u32 = 20;

fn repeats<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let count = u32::deserialize(d)?;
    if !(1..=MAX_REPEATS).contains(&count) {
        return Err(serde::de::Error::custom(format!(
            "a setup repeats 1 to {MAX_REPEATS} times, not {count}"
        )));
    }
    Ok(count)
}

/// How wrong an exercise may set a phone clock, in seconds either way (one day).
pub const MAX_CLOCK_OFFSET_SECS: i64 = 86_400;

fn clock_offset<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let offset = i64::deserialize(d)?;
    if offset.abs() > MAX_CLOCK_OFFSET_SECS {
        return Err(serde::de::Error::custom(format!(
            "a phone clock can be wrong by at most {MAX_CLOCK_OFFSET_SECS} seconds (one day) either way, not {offset}"
        )));
    }
    Ok(offset)
}

/// Read one exercise file.
pub fn load(path: &Path) -> Result<Exercise, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|cause| ScenarioError::Read {
        path: path.to_path_buf(),
        cause,
    })?;
    parse(&text, path)
}

/// Read an exercise from `text` (`path` names it in errors). Malformed YAML, unknown fields
/// and out-of-range values are errors with file:line:column; nothing here panics.
pub fn parse(text: &str, path: &Path) -> Result<Exercise, ScenarioError> {
    let exercise: Exercise = serde_yaml::from_str(text).map_err(|e| {
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
    })?;
    if exercise.id.trim().eq_ignore_ascii_case(FREE_PLAY_ID) {
        let line = text
            .lines()
            .position(|l| l.starts_with("id:"))
            .map_or(1, |n| n + 1);
        return Err(ScenarioError::Syntax {
            path: path.to_path_buf(),
            line,
            column: 1,
            message: format!(
                "the id `{FREE_PLAY_ID}` is the trainer's own (free play); give the exercise another"
            ),
        });
    }
    Ok(exercise)
}

/// The exercises of a folder: those that load, and a problem for each file that does not.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Exercises that loaded, sorted by file name.
    pub exercises: Vec<Exercise>,
    /// One error per file that did not load (or repeats an id), sorted by file name.
    pub problems: Vec<ScenarioError>,
}

impl Catalogue {
    /// The exercises, or the first problem if any file did not load (for callers that must
    /// not go on with a partial list, such as the book).
    pub fn strict(self) -> Result<Vec<Exercise>, ScenarioError> {
        match self.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(self.exercises),
        }
    }
}

impl IntoIterator for Catalogue {
    type Item = Exercise;
    type IntoIter = std::vec::IntoIter<Exercise>;

    /// The exercises that loaded.
    fn into_iter(self) -> Self::IntoIter {
        self.exercises.into_iter()
    }
}

fn yaml_files(dir: &Path) -> Result<Vec<PathBuf>, ScenarioError> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|cause| ScenarioError::Read {
            path: dir.to_path_buf(),
            cause,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Every exercise in `dir`, sorted by file name, and the files that did not load. Only an
/// unreadable folder is an error; a second file with an id already taken is a problem.
pub fn all_in(dir: &Path) -> Result<Catalogue, ScenarioError> {
    let mut catalogue = Catalogue::default();
    let mut seen: Vec<(String, PathBuf)> = Vec::new();
    for path in yaml_files(dir)? {
        match load(&path) {
            Ok(exercise) => {
                if let Some((_, first)) = seen.iter().find(|(id, _)| *id == exercise.id) {
                    catalogue.problems.push(ScenarioError::Invalid {
                        path: path.clone(),
                        message: format!(
                            "the id `{}` is already used by {}",
                            exercise.id,
                            crate::project::shown(first)
                        ),
                    });
                    continue;
                }
                seen.push((exercise.id.clone(), path));
                catalogue.exercises.push(exercise);
            }
            Err(problem) => catalogue.problems.push(problem),
        }
    }
    Ok(catalogue)
}

/// Find the exercise `id` in `dir`. `Ok(None)` when no file has it; the file's error when the
/// file meant by `id` does not load (matched by its name, `07-ticket-lost-phone.yaml` for
/// `ticket-lost-phone`, or by an `id: ticket-lost-phone` line).
pub fn find_in(dir: &Path, id: &str) -> Result<Option<Exercise>, ScenarioError> {
    let catalogue = all_in(dir)?;
    if let Some(found) = catalogue.exercises.into_iter().find(|e| e.id == id) {
        return Ok(Some(found));
    }
    let named = |path: &Path| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let unnumbered = stem.trim_start_matches(|c: char| c.is_ascii_digit());
        stem == id
            || unnumbered.strip_prefix('-') == Some(id)
            || std::fs::read_to_string(path).is_ok_and(|text| {
                text.lines().any(|l| {
                    l.strip_prefix("id:")
                        .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == id)
                })
            })
    };
    match catalogue.problems.into_iter().find(|p| match p {
        ScenarioError::Read { path, .. }
        | ScenarioError::Syntax { path, .. }
        | ScenarioError::Invalid { path, .. }
        | ScenarioError::Value { path, .. } => named(path),
    }) {
        Some(problem) => Err(problem),
        None => Ok(None),
    }
}
