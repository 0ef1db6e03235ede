//! What happened, as typed values: the plain data that the tenant decides and the transcript
//! keeps.
//!
//! The tenant answers with these values (a sign-in log row, a challenge's state, why a mail
//! server refused a password); the actors pass them on and record them; the transcript stores
//! them as they are. Each type's `Display` is the text a person reads, so rendering happens
//! only where a person looks, and nothing a person reads is a `Debug` shape.
//!
//! Architecture invariant: this module depends on nothing but `clock` (and serde). Both
//! `tenant` and `transcript` use it; neither needs the other.

use crate::clock::{Instant, format_instant};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::Ipv4Addr;

/// A mail protocol that signs in with a user name and password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// IMAP.
    Imap,
    /// POP3.
    Pop,
    /// Exchange ActiveSync.
    ActiveSync,
    /// SMTP AUTH (client submission).
    Smtp,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Imap => "IMAP",
            Protocol::Pop => "POP",
            Protocol::ActiveSync => "Exchange ActiveSync",
            Protocol::Smtp => "SMTP",
        })
    }
}

/// Per-user MFA state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MfaState {
    /// Not required (also what CA and security-defaults users show).
    Disabled,
    /// Required to register; legacy apps still work with the password.
    Enabled,
    /// Required at every sign-in; legacy apps need App Passwords.
    Enforced,
}

impl fmt::Display for MfaState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MfaState::Disabled => "disabled",
            MfaState::Enabled => "enabled",
            MfaState::Enforced => "enforced",
        })
    }
}

/// How the client signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ClientKind {
    /// A web browser.
    Browser,
    /// A modern-authentication app (Outlook).
    ModernApp,
    /// A basic-authentication protocol.
    Legacy(Protocol),
}

impl fmt::Display for ClientKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientKind::Browser => f.write_str("Browser"),
            ClientKind::ModernApp => f.write_str("Mobile apps and desktop clients"),
            ClientKind::Legacy(p) => write!(f, "{p} (basic authentication)"),
        }
    }
}

/// Who signed in from where, as the sign-in log records it: the kind of client and, when the
/// simulator knows it (a browser; not a mail app's basic authentication), the public address
/// the service saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Client {
    /// Browser, app or protocol.
    pub kind: ClientKind,
    /// The public address the request came from.
    pub address: Option<Ipv4Addr>,
}

impl From<ClientKind> for Client {
    fn from(kind: ClientKind) -> Self {
        Client {
            kind,
            address: None,
        }
    }
}

/// The coarse place the sign-in log shows for an address. The real service looks addresses
/// up in a geolocation database; the simulator has only this small table of its own, one
/// made-up place for each of the three ranges set aside for documentation (RFC 5737), so
/// scenarios can tell a person's own network from someone else's.
pub fn place(address: Ipv4Addr) -> &'static str {
    match address.octets() {
        [203, 0, 113, _] => "Redmond, Washington, US",
        [198, 51, 100, _] => "Lyon, Auvergne-Rhone-Alpes, FR",
        [192, 0, 2, _] => "Porto Alegre, Rio Grande do Sul, BR",
        _ => "unknown place",
    }
}

/// The result column of the sign-in log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SignInResult {
    /// Signed in.
    Success,
    /// Refused or failed.
    Failure,
    /// Stopped on purpose half-way (set up verification, then sign in again).
    Interrupted,
}

impl fmt::Display for SignInResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SignInResult::Success => "Success",
            SignInResult::Failure => "Failure",
            SignInResult::Interrupted => "Interrupted",
        })
    }
}

/// One row of the sign-in log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignInRow {
    /// When.
    pub at: Instant,
    /// Who (sign-in name as typed).
    pub user: String,
    /// Application ("Office 365", "iPhone Mail").
    pub app: String,
    /// Client kind.
    pub client: ClientKind,
    /// The public address the sign-in came from, when known.
    pub address: Option<Ipv4Addr>,
    /// The coarse place of that address, from the simulator's own table ([`place`]).
    pub place: Option<&'static str>,
    /// Second factor used, if any.
    pub method: Option<String>,
    /// Success, Failure or Interrupted.
    pub result: SignInResult,
    /// Why (failure reason or what happened).
    pub detail: String,
    /// Which of the user's App Passwords a basic-auth sign-in presented, by its id, whether
    /// the service accepted it or not (None: the account password, a wrong password, or not
    /// a basic-auth sign-in). Never shown, as the real log does not show it; the trainer's
    /// `app_password_sign_in` goal reads it.
    #[serde(skip)]
    pub app_password: Option<u32>,
}

impl fmt::Display for SignInRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} | {} | {} | {} | {} | {} | {} | {}",
            format_instant(self.at),
            self.user,
            self.app,
            self.client,
            self.location(),
            self.method.as_deref().unwrap_or("-"),
            self.result,
            self.detail
        )
    }
}

impl SignInRow {
    /// The row opened in the sign-in log's details pane: its columns as labelled fields; the
    /// place (from the simulator's own table) and the detail line (the simulator's account
    /// of what happened) as lines marked as the simulator's.
    pub fn details(&self) -> PanelView {
        let mut fields = vec![
            ("Date".to_string(), format_instant(self.at)),
            ("User".to_string(), self.user.clone()),
            ("Application".to_string(), self.app.clone()),
            ("Client app".to_string(), self.client.to_string()),
            (
                "IP address".to_string(),
                self.address
                    .map_or_else(|| "-".to_string(), |a| a.to_string()),
            ),
            ("Status".to_string(), self.result.to_string()),
        ];
        if let Some(m) = &self.method {
            fields.push(("Authentication method".to_string(), m.clone()));
        }
        let mut lines = Vec::new();
        if let Some(p) = self.place {
            lines.push((format!("Location: {p}"), Wording::Simulator));
        }
        if !self.detail.is_empty() {
            lines.push((
                format!("Additional details: {}", self.detail),
                Wording::Simulator,
            ));
        }
        PanelView {
            kind: PanelKind::SignInDetails,
            title: "Activity Details: Sign-ins".into(),
            subtitle: None,
            fields,
            toggles: Vec::new(),
            rows: Vec::new(),
            buttons: Vec::new(),
            pressed: None,
            lines,
            labels: Wording::Microsoft,
        }
    }

    /// The address and place column: `198.51.100.77 (Lyon, ...)`, or `-` when not known.
    pub fn location(&self) -> String {
        match (self.address, self.place) {
            (Some(a), Some(p)) => format!("{a} ({p})"),
            (Some(a), None) => a.to_string(),
            _ => "-".to_string(),
        }
    }
}

/// Where a challenge (one verification) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChallengeState {
    /// Waiting for the user.
    Waiting,
    /// Verified.
    Passed,
    /// Closed without success.
    Failed(Failure),
}

impl fmt::Display for ChallengeState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChallengeState::Waiting => f.write_str("still waiting for an answer"),
            ChallengeState::Passed => f.write_str("verified"),
            ChallengeState::Failed(why) => write!(f, "not verified ({why})"),
        }
    }
}

/// Why a challenge closed without success.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Failure {
    /// The user pressed Deny.
    Denied,
    /// The wrong number was typed into Authenticator.
    WrongNumber,
    /// The user reported the request as suspicious (Report, or 0# on a call).
    Reported,
    /// Nobody answered in time.
    NoAnswer,
    /// Too many wrong codes.
    TooManyAttempts,
}

impl Failure {
    /// The message the sign-in page shows.
    pub fn message(self) -> &'static str {
        match self {
            Failure::Denied => "Request denied. You denied the sign-in request on your phone.",
            Failure::WrongNumber => {
                "Request denied. The number typed in the app didn't match the one on screen."
            }
            Failure::Reported => {
                "We've recorded that you didn't expect this request; the sign-in was stopped."
            }
            Failure::NoAnswer => "We didn't hear from you. The request timed out.",
            Failure::TooManyAttempts => {
                "You've entered too many wrong codes. Start the sign-in again."
            }
        }
    }
}

impl fmt::Display for Failure {
    /// A short phrase ("denied"); the page's sentence is [`Failure::message`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Failure::Denied => "the request was denied",
            Failure::WrongNumber => "the number typed in the app did not match",
            Failure::Reported => "the request was reported as suspicious",
            Failure::NoAnswer => "nobody answered in time",
            Failure::TooManyAttempts => "too many wrong codes",
        })
    }
}

/// The verdict on one typed code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CodeCheck {
    /// Right code, in time, never used before.
    Accepted,
    /// Not the code.
    Wrong,
    /// The right code, but too old.
    Expired,
    /// A code that was already accepted once.
    AlreadyUsed,
    /// Wrong too many times; this verification is closed.
    TooManyAttempts,
    /// Nothing is waiting for a code (closed or unknown).
    NotWaiting,
}

impl CodeCheck {
    /// The message the page shows next to the code box.
    pub fn message(self) -> &'static str {
        match self {
            CodeCheck::Accepted => "Verified.",
            CodeCheck::Wrong => "That code didn't work. Check the code and try again.",
            CodeCheck::Expired => "That code has expired. Use the newest code.",
            CodeCheck::AlreadyUsed => "That code was already used. Wait for a new code.",
            CodeCheck::TooManyAttempts => Failure::TooManyAttempts.message(),
            CodeCheck::NotWaiting => "This verification is no longer open. Start again.",
        }
    }
}

impl fmt::Display for CodeCheck {
    /// The verdict's name ("Accepted", "Already used"); the page's sentence is
    /// [`CodeCheck::message`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CodeCheck::Accepted => "Accepted",
            CodeCheck::Wrong => "Wrong",
            CodeCheck::Expired => "Expired",
            CodeCheck::AlreadyUsed => "Already used",
            CodeCheck::TooManyAttempts => "Too many attempts",
            CodeCheck::NotWaiting => "Not waiting",
        })
    }
}

/// Why a basic-authentication mail server refused a password (the server's and the log's
/// words are the `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BasicRefusal {
    /// Security defaults are on (rule 24).
    SecurityDefaults,
    /// SMTP AUTH is off for client submission.
    SmtpSubmissionOff,
    /// Exchange Online turned basic auth off for this protocol on 2022-10-01.
    RetiredByMicrosoft(Protocol),
    /// The tenant turned basic auth off for this protocol.
    OffInTenant(Protocol),
    /// Unknown user or wrong password.
    BadCredentials,
    /// The administrator blocked sign-in.
    SignInBlocked,
    /// Smart lockout.
    Locked,
    /// The account password of an enforced user: only an App Password works.
    NeedsAppPassword,
}

impl fmt::Display for BasicRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BasicRefusal::SecurityDefaults => {
                f.write_str("security defaults block legacy authentication")
            }
            BasicRefusal::SmtpSubmissionOff => f.write_str(
                "550 5.7.30 Basic authentication is not supported for Client Submission.",
            ),
            BasicRefusal::RetiredByMicrosoft(p) => write!(
                f,
                "Exchange Online turned off basic authentication for {p} on 2022-10-01"
            ),
            BasicRefusal::OffInTenant(p) => {
                write!(f, "the tenant has turned off basic authentication for {p}")
            }
            BasicRefusal::BadCredentials => f.write_str("user name or password is incorrect"),
            BasicRefusal::SignInBlocked => f.write_str("sign-in blocked by administrator"),
            BasicRefusal::Locked => f.write_str("account locked (smart lockout)"),
            BasicRefusal::NeedsAppPassword => {
                f.write_str("MFA is required for this account; this app needs an app password")
            }
        }
    }
}

/// The status line a mail app shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MailStatus {
    /// Nothing configured yet.
    NotSetUp,
    /// Asked to connect without an account.
    NoAccount,
    /// Connected.
    Connected,
    /// The server refused the stored password.
    Refused(BasicRefusal),
    /// A modern app was given a password: it signs in through a window instead.
    SignsInThroughWindow,
    /// The sign-in window was closed before the sign-in finished.
    SignInNotFinished,
    /// The app's token stopped working (MFA turned on, sessions revoked).
    NeedsPassword,
    /// Windows Mail after its end of support (2024-12-31): it no longer gets mail at all.
    WindowsMailRetired,
}

impl MailStatus {
    /// True when the app can read mail.
    pub(crate) fn is_connected(self) -> bool {
        self == MailStatus::Connected
    }
}

impl fmt::Display for MailStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailStatus::NotSetUp => f.write_str("Not set up"),
            MailStatus::NoAccount => f.write_str("No account set up"),
            MailStatus::Connected => f.write_str("Connected: inbox up to date"),
            MailStatus::Refused(why) => write!(
                f,
                "Cannot get mail: the server refused the password ({why})"
            ),
            MailStatus::SignsInThroughWindow => {
                f.write_str("This app signs in through a Microsoft sign-in window")
            }
            MailStatus::SignInNotFinished => f.write_str("Sign-in not finished"),
            MailStatus::NeedsPassword => f.write_str("Account needs your password: sign in again"),
            MailStatus::WindowsMailRetired => f.write_str(
                "Windows Mail reached its end of support on 2024-12-31 and no longer gets mail: use the new Outlook for Windows",
            ),
        }
    }
}

/// What the administrator's console reports after an action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AdminReport {
    /// Per-user MFA set (the state it ended in).
    PerUserMfa {
        /// The account the action was taken on.
        upn: String,
        /// Disabled, Enabled or Enforced after the change.
        state: MfaState,
    },
    /// Methods must be registered again.
    Reregistration {
        /// The account the action was taken on.
        upn: String,
    },
    /// MFA sessions revoked.
    MfaSessionsRevoked {
        /// The account the action was taken on.
        upn: String,
    },
    /// Sign-in sessions revoked (browser sessions and apps' refresh tokens).
    SignInSessionsRevoked {
        /// The account the action was taken on.
        upn: String,
    },
    /// Sign-in blocked or allowed.
    SignIn {
        /// The account the action was taken on.
        upn: String,
        /// Sign-in is now blocked (false: allowed again).
        blocked: bool,
    },
    /// MFA blocked for 90 days or unblocked.
    Mfa {
        /// The account the action was taken on.
        upn: String,
        /// MFA is now blocked (false: unblocked).
        blocked: bool,
    },
    /// A Temporary Access Pass, shown once.
    TemporaryAccessPass {
        /// The account the action was taken on.
        upn: String,
        /// How long the pass stays valid.
        minutes: i64,
        /// The pass itself, for the technician to read out.
        code: String,
    },
    /// Every App Password deleted.
    AppPasswordsDeleted {
        /// The account the action was taken on.
        upn: String,
    },
    /// Password reset.
    PasswordReset {
        /// The account the action was taken on.
        upn: String,
    },
    /// Password reset to a temporary password the console made, shown once.
    TemporaryPassword {
        /// The account the action was taken on.
        upn: String,
        /// The temporary password, for the technician to read out.
        password: String,
        /// The user must choose a new password at the next sign-in.
        change_at_next_sign_in: bool,
    },
    /// One method deleted from the user's authentication methods.
    MethodDeleted {
        /// The account the action was taken on.
        upn: String,
        /// How the console lists the method ("Phone number +1 4255550123").
        method: String,
    },
    /// A phone number added for the user by the administrator.
    PhoneAdded {
        /// The account the action was taken on.
        upn: String,
        /// Which slot.
        slot: PhoneSlot,
        /// The number as stored.
        number: String,
    },
    /// The console refused the action and changed nothing.
    Refused {
        /// The account the action was meant for.
        upn: String,
        /// Why.
        why: AdminRefusal,
    },
    /// Risk dismissed.
    RiskDismissed {
        /// The account the action was taken on.
        upn: String,
    },
    /// The tenant's App Password setting.
    AppPasswordsAllowed(bool),
    /// How long browsers may remember MFA, if at all.
    RememberMfa(Option<u32>),
    /// A fraud-reporting setting turned on or off (rule 16).
    FraudSetting {
        /// Which setting.
        setting: FraudSetting,
        /// On afterwards.
        on: bool,
    },
    /// How many methods registration asks for (the tenant's `registration_methods`).
    RegistrationMethods(u8),
    /// The Conditional Access policy "require MFA for all users" turned on or off.
    ConditionalAccessMfa(bool),
    /// The trusted IP ranges of the per-user MFA service settings, after a change (rule 5).
    TrustedIps(Vec<String>),
    /// The legacy MFA service settings page, as the administrator left it (rule 34).
    ServiceSettings(ServiceSettings),
}

/// The "verification options" of the legacy per-user MFA service settings page (rule 34):
/// which methods it offers users, and whether the page still decides that.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceSettings {
    /// "Call to phone".
    pub call: bool,
    /// "Text message to phone".
    pub text: bool,
    /// "Notification through mobile app".
    pub notification: bool,
    /// "Verification code from mobile app or hardware token".
    pub code: bool,
    /// False from 2025-09-30: the page no longer manages methods.
    pub manages_methods: bool,
}

impl ServiceSettings {
    /// The page's four verification options with their labels.
    pub const LABELS: [&'static str; 4] = [
        "Call to phone",
        "Text message to phone",
        "Notification through mobile app",
        "Verification code from mobile app or hardware token",
    ];

    /// The four boxes in the page's order.
    pub fn ticks(&self) -> [bool; 4] {
        [self.call, self.text, self.notification, self.code]
    }
}

impl fmt::Display for ServiceSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MFA service settings, verification options:")?;
        for (label, on) in Self::LABELS.iter().zip(self.ticks()) {
            write!(f, " [{}] {label};", if on { "x" } else { " " })?;
        }
        if !self.manages_methods {
            f.write_str(
                " these options no longer decide which methods users get (since 30 September 2025): \
                 the Authentication methods policy does.",
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for AdminReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdminReport::PerUserMfa { upn, state } => write!(f, "Per-user MFA for {upn}: {state}"),
            AdminReport::Reregistration { upn } => {
                write!(f, "Required {upn} to register MFA methods again")
            }
            AdminReport::MfaSessionsRevoked { upn } => write!(f, "Revoked MFA sessions for {upn}"),
            AdminReport::SignInSessionsRevoked { upn } => {
                write!(f, "Revoked all sign-in sessions for {upn}")
            }
            AdminReport::SignIn { upn, blocked } => write!(
                f,
                "Sign-in {} for {upn}",
                if *blocked { "blocked" } else { "allowed" }
            ),
            AdminReport::Mfa { upn, blocked } => write!(
                f,
                "MFA {} for {upn}",
                if *blocked {
                    "blocked for 90 days"
                } else {
                    "unblocked"
                }
            ),
            AdminReport::TemporaryAccessPass { upn, minutes, code } => write!(
                f,
                "Temporary Access Pass for {upn} (valid {minutes} minutes): {code}"
            ),
            AdminReport::AppPasswordsDeleted { upn } => {
                write!(f, "Deleted all app passwords of {upn}")
            }
            AdminReport::PasswordReset { upn } => write!(f, "Password of {upn} reset"),
            AdminReport::TemporaryPassword {
                upn,
                password,
                change_at_next_sign_in,
            } => write!(
                f,
                "Password of {upn} reset; temporary password: {password}{}",
                if *change_at_next_sign_in {
                    " (must be changed at the next sign-in)"
                } else {
                    ""
                }
            ),
            AdminReport::MethodDeleted { upn, method } => {
                write!(f, "Deleted {method} from {upn}'s authentication methods")
            }
            AdminReport::PhoneAdded { upn, slot, number } => {
                write!(f, "Added {} {number} for {upn}", slot.label())
            }
            AdminReport::Refused { upn, why } => write!(f, "Not done for {upn}: {why}"),
            AdminReport::RiskDismissed { upn } => write!(f, "Risk dismissed for {upn}"),
            AdminReport::AppPasswordsAllowed(allowed) => write!(
                f,
                "Users {} create app passwords",
                if *allowed { "may" } else { "may not" }
            ),
            AdminReport::RememberMfa(Some(days)) => {
                write!(f, "Browsers may remember MFA for {days} days")
            }
            AdminReport::RememberMfa(None) => f.write_str("Browsers may no longer remember MFA"),
            AdminReport::FraudSetting { setting, on } => {
                write!(f, "\"{setting}\" turned {}", if *on { "on" } else { "off" })
            }
            AdminReport::RegistrationMethods(count) => write!(
                f,
                "Registration asks for {count} method{}",
                if *count == 1 { "" } else { "s" }
            ),
            AdminReport::ConditionalAccessMfa(on) => write!(
                f,
                "Conditional Access policy \"Require MFA for all users\": {}",
                if *on { "on" } else { "off" }
            ),
            AdminReport::ServiceSettings(page) => page.fmt(f),
            AdminReport::TrustedIps(ranges) => {
                write!(
                    f,
                    "Trusted IPs (MFA skipped for per-user MFA): {}",
                    ranges.join(", ")
                )
            }
        }
    }
}

/// Why the console refused an action (nothing changed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AdminRefusal {
    /// A new password shorter than the tenant's minimum.
    PasswordTooShort {
        /// The least number of characters.
        min: usize,
    },
    /// A new password longer than the tenant's maximum.
    PasswordTooLong {
        /// The most characters.
        max: usize,
    },
    /// A new password with too few kinds of characters (lower case, upper case, digits,
    /// symbols).
    PasswordKinds {
        /// How many kinds it has.
        has: usize,
        /// How many are needed.
        need: usize,
    },
    /// A Temporary Access Pass lifetime outside the tenant's policy.
    PassLifetime {
        /// What was asked for.
        minutes: i64,
        /// The policy's shortest lifetime.
        min: i64,
        /// The policy's longest lifetime.
        max: i64,
    },
    /// No method with that number in the user's list.
    NoSuchMethod(usize),
    /// A phone number the methods list cannot take, with Security info's own words.
    Phone(String),
}

impl fmt::Display for AdminRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdminRefusal::PasswordTooShort { min } => {
                write!(f, "the password must have at least {min} characters")
            }
            AdminRefusal::PasswordTooLong { max } => {
                write!(f, "the password may have at most {max} characters")
            }
            AdminRefusal::PasswordKinds { has, need } => write!(
                f,
                "the password must mix {need} of: lower-case letters, upper-case letters, digits, symbols (it has {has})"
            ),
            AdminRefusal::PassLifetime { minutes, min, max } => write!(
                f,
                "the Temporary Access Pass policy allows {min} to {max} minutes, not {minutes}"
            ),
            AdminRefusal::NoSuchMethod(n) => write!(f, "there is no method {n} in the list"),
            AdminRefusal::Phone(why) => f.write_str(why),
        }
    }
}

/// The three phone slots of Security info.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum PhoneSlot {
    /// "Phone" (the authentication phone, usually the mobile).
    Mobile,
    /// "Alternate phone": calls only, added from Security info.
    Alternate,
    /// "Office phone": calls only.
    Office,
}

impl PhoneSlot {
    /// The label Security info uses.
    pub fn label(self) -> &'static str {
        match self {
            PhoneSlot::Mobile => "Phone",
            PhoneSlot::Alternate => "Alternate phone",
            PhoneSlot::Office => "Office phone",
        }
    }
}

/// One way to prove identity at sign-in, as the "Verify your identity" list offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum VerifyOption {
    /// Approve a request in Microsoft Authenticator.
    Push,
    /// Type a code from an authenticator app.
    AppCode,
    /// A texted code to the mobile phone.
    Text,
    /// A call to one of the phones.
    Call(PhoneSlot),
    /// A passkey held by Microsoft Authenticator on the phone, confirmed with the phone's
    /// screen lock (phishing-resistant; rule 19 ranks it first of the simulator's methods).
    Passkey,
}

impl VerifyOption {
    /// How the option reads in the "Verify your identity" list and the sign-in log.
    pub fn label(self) -> &'static str {
        match self {
            VerifyOption::Push => "Microsoft Authenticator notification",
            VerifyOption::AppCode => "Authenticator app code",
            VerifyOption::Text => "Text message",
            VerifyOption::Call(PhoneSlot::Mobile) => "Phone call",
            VerifyOption::Call(PhoneSlot::Alternate) => "Phone call (alternate phone)",
            VerifyOption::Call(PhoneSlot::Office) => "Phone call (office phone)",
            VerifyOption::Passkey => "Passkey (Microsoft Authenticator)",
        }
    }
}

/// The scheme of the Microsoft Authenticator activation QR code: not an `otpauth://` link, so
/// third-party apps cannot read it (entra-facts §2).
pub const ACTIVATION_SCHEME: &str = "msauth-sim://activate";

/// The activation code and URL inside an activation QR payload, as "Can't scan image?" shows
/// them for typing into Microsoft Authenticator by hand (code in groups of three digits).
pub fn activation_parts(payload: &str) -> Option<(String, String)> {
    let rest = payload
        .strip_prefix(ACTIVATION_SCHEME)?
        .strip_prefix("?code=")?;
    let (code, url) = rest.split_once("&url=")?;
    let grouped = code
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Some((grouped, url.to_string()))
}

/// The payload Microsoft Authenticator builds from a code and URL typed by hand: the same as
/// the QR code's (spaces in the code do not matter).
pub fn activation_payload(code: &str, url: &str) -> String {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    format!("{ACTIVATION_SCHEME}?code={code}&url={}", url.trim())
}

/// Whose words a message is: Microsoft's own, as documented, or the simulator's where
/// Microsoft does not publish the real wording (the text message body, parts of the call
/// script). Text in the simulator's words carries [`Wording::MARK`] wherever it is shown
/// (book, transcripts, trainer), so nobody learns it as Microsoft's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Wording {
    /// Microsoft's documented wording (or a device's own label, such as "Incoming call"):
    /// shown without a mark.
    Microsoft,
    /// The simulator's wording: the real one is not published.
    Simulator,
}

impl Wording {
    /// The mark shown after text in the simulator's words.
    pub const MARK: &'static str = "[simulator's wording]";

    /// The mark to append (with a leading space), or nothing for Microsoft's words.
    pub fn suffix(self) -> &'static str {
        match self {
            Wording::Microsoft => "",
            Wording::Simulator => " [simulator's wording]",
        }
    }
}

/// The tenant's two settings for what a fraud report does (rule 16; `tenant::fraud`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FraudSetting {
    /// "Report suspicious activity": a report sets the user to high risk.
    ReportSuspiciousActivity,
    /// The older Fraud alert's "Automatically block users who report fraud": MFA blocked for
    /// 90 days.
    AutoBlock,
}

impl fmt::Display for FraudSetting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FraudSetting::ReportSuspiciousActivity => "Report suspicious activity",
            FraudSetting::AutoBlock => "Automatically block users who report fraud",
        })
    }
}

/// Which device or console screen a [`PanelView`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PanelKind {
    /// The iPhone's Mail app: an Exchange account in Settings.
    MailAccount,
    /// The admin's per-user MFA page: one user's row and its state.
    PerUserMfa,
    /// The admin's page of one user's authentication methods and its actions.
    AuthenticationMethods,
    /// One row of the sign-in log opened in its details pane.
    SignInDetails,
}

impl PanelKind {
    /// What the book calls such a screen when it folds it ("iPhone Mail account screen").
    pub fn noun(self) -> (&'static str, &'static str) {
        match self {
            PanelKind::MailAccount => ("mail account screen", "mail account screens"),
            PanelKind::PerUserMfa => ("per-user MFA page", "per-user MFA pages"),
            PanelKind::AuthenticationMethods => (
                "authentication methods page",
                "authentication methods pages",
            ),
            PanelKind::SignInDetails => ("sign-in log entry", "sign-in log entries"),
        }
    }
}

/// A device's or the admin's screen as the simulated actor shows it, made from its state
/// (the mail app's stored account, the tenant's record of a user): drawn in the book as a
/// card, and read in text by `Display`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PanelView {
    /// Which screen.
    pub kind: PanelKind,
    /// Its heading.
    pub title: String,
    /// A line under the heading (the account or user it is about).
    pub subtitle: Option<String>,
    /// Labelled values, in order (a password shown only as dots).
    pub fields: Vec<(String, String)>,
    /// Switches and whether each is on.
    pub toggles: Vec<(String, bool)>,
    /// A table: the first row holds the column names.
    pub rows: Vec<Vec<String>>,
    /// Buttons and links, in order.
    pub buttons: Vec<String>,
    /// The button the person pressed on this screen, if any.
    pub pressed: Option<String>,
    /// Messages on the screen, each with whose words they are.
    pub lines: Vec<(String, Wording)>,
    /// Whose words the title, labels, column names and buttons are (the simulator's where
    /// the real page's exact labels are not documented).
    pub labels: Wording,
}

impl fmt::Display for PanelView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.title, self.labels.suffix())?;
        if let Some(s) = &self.subtitle {
            write!(f, " ({s})")?;
        }
        for (label, value) in &self.fields {
            write!(f, "\n{label}: {value}")?;
        }
        for (label, on) in &self.toggles {
            write!(f, "\n{label}: {}", if *on { "on" } else { "off" })?;
        }
        for row in &self.rows {
            write!(f, "\n| {} |", row.join(" | "))?;
        }
        for (line, wording) in &self.lines {
            write!(f, "\n{line}{}", wording.suffix())?;
        }
        if !self.buttons.is_empty() {
            let buttons: Vec<String> = self
                .buttons
                .iter()
                .map(|b| {
                    if self.pressed.as_deref() == Some(b.as_str()) {
                        format!("[{b}] (pressed)")
                    } else {
                        format!("[{b}]")
                    }
                })
                .collect();
            write!(f, "\n{}", buttons.join(" "))?;
        }
        Ok(())
    }
}
