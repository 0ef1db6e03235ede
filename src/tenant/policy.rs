//! Tenant-wide settings: which methods are allowed, App Passwords, basic authentication,
//! remembered MFA, and the simulator's own limits (attempts, throttling, code lifetimes).
//!
//! The struct is read straight from a scenario's `policy:` block, so every field has a
//! default and unknown keys are refused. Where Microsoft does not publish a number (SMS code
//! lifetime, attempts allowed) the default here is the simulator's choice, documented as such.

use serde::{Deserialize, Serialize};

/// The tenant's MFA and sign-in settings.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Security defaults on: Authenticator-only registration, basic auth blocked (entra-facts §1).
    pub security_defaults: bool,
    /// Methods users may register and use.
    pub methods: AllowedMethods,
    /// "Allow users to create app passwords to sign in to non-browser apps" (off by default).
    pub app_passwords: bool,
    /// Basic authentication the tenant still lets through, per protocol (the calendar may
    /// still refuse it: see `calendar.rs`).
    pub basic_auth: BasicAuth,
    /// Remember MFA on trusted devices for this many days (None: not offered).
    pub remember_mfa_days: Option<u32>,
    /// Offer "Stay signed in?" after sign-in.
    pub stay_signed_in_prompt: bool,
    /// The tenant buys SMS and voice from its own telephony provider (matters from 2027-02-01).
    pub telephony_provider: bool,
    /// Force the sign-up experience: `legacy` (Additional security verification) or
    /// `combined` (Keep your account secure). Unset: decided by the date (rule 7-14).
    pub registration: Option<Registration>,
    /// The date the tenant was created (combined registration was on for tenants created
    /// after 2020-08-15).
    pub created: Option<String>,
    /// The simulator's limits.
    pub limits: Limits,
}

/// Which methods the tenant allows.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AllowedMethods {
    /// Text message codes.
    pub sms: bool,
    /// Phone calls (mobile, alternate; office if `office_phone`).
    pub voice: bool,
    /// Calls to the office phone.
    pub office_phone: bool,
    /// Microsoft Authenticator (push and codes).
    pub authenticator: bool,
    /// Third-party TOTP apps (software OATH tokens).
    pub software_oath: bool,
}

/// Basic authentication per mail protocol, as the tenant has it set.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct BasicAuth {
    /// IMAP.
    pub imap: bool,
    /// POP3.
    pub pop: bool,
    /// Exchange ActiveSync (the phone's built-in Mail app set up as Exchange by hand).
    pub activesync: bool,
    /// SMTP AUTH client submission. None: whatever the date's default is.
    pub smtp: Option<bool>,
}

/// The sign-up experience.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    /// The 2019-2022 "Additional security verification" page.
    Legacy,
    /// Combined registration: "Keep your account secure" and Security info.
    Combined,
}

/// Numbers the real service does not publish; the simulator's choices.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// TOTP steps accepted either side of now (RFC 6238 recommends 1).
    pub totp_skew: i64,
    /// How many steps back an old code is recognised as expired rather than wrong.
    pub totp_lookback: i64,
    /// Seconds a texted code stays valid.
    pub sms_code_lifetime: i64,
    /// Wrong codes allowed on one verification before it is closed.
    pub attempts_per_challenge: u32,
    /// Text messages or calls to one user within `throttle_window` before "hit our limit".
    pub phone_messages_per_window: u32,
    /// Seconds of the throttling window.
    pub throttle_window: i64,
    /// Distinct wrong passwords before smart lockout (10 in the real service).
    pub lockout_threshold: u32,
    /// Seconds of the first lockout (60 in the real service).
    pub lockout_seconds: i64,
    /// Seconds a push or call waits for an answer before the sign-in gives up.
    pub answer_timeout: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            security_defaults: false,
            methods: AllowedMethods::default(),
            app_passwords: false,
            basic_auth: BasicAuth::default(),
            remember_mfa_days: None,
            stay_signed_in_prompt: true,
            telephony_provider: false,
            registration: None,
            created: None,
            limits: Limits::default(),
        }
    }
}

impl Default for AllowedMethods {
    fn default() -> Self {
        AllowedMethods {
            sms: true,
            voice: true,
            office_phone: true,
            authenticator: true,
            software_oath: true,
        }
    }
}

impl Default for BasicAuth {
    fn default() -> Self {
        BasicAuth {
            imap: true,
            pop: true,
            activesync: true,
            smtp: None,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            totp_skew: 1,
            totp_lookback: 20,
            sms_code_lifetime: 300,
            attempts_per_challenge: 5,
            phone_messages_per_window: 5,
            throttle_window: 300,
            lockout_threshold: 10,
            lockout_seconds: 60,
            answer_timeout: 60,
        }
    }
}
