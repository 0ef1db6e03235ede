//! Tenant-wide settings: which methods are allowed, App Passwords, basic authentication,
//! remembered MFA, and the simulator's own limits (attempts, throttling, code lifetimes).
//!
//! The struct is read straight from a scenario's `policy:` block, so every field has a
//! default and unknown keys are refused. Where Microsoft does not publish a number (SMS code
//! lifetime, attempts allowed) the default here is the simulator's choice, documented as such.
//!
//! Every number is bounded. [`Policy::check`] (run by `Scenario::parse` after reading the
//! file) refuses a value outside its range, naming the key and the range:
//!
//! | key | allowed | why |
//! |---|---|---|
//! | `remember_mfa_days` | 1..=365 | the range the real setting accepts |
//! | `created` | 2000-01-01 to 2100-12-31 | the simulator's supported dates |
//! | `limits.totp_skew` | 0..=10 steps | RFC 6238 suggests 1; 10 steps is five minutes |
//! | `limits.totp_lookback` | 0..=120 steps | an hour of "expired" recognition |
//! | `limits.sms_code_lifetime` | 30..=3600 s | from half a minute to an hour |
//! | `limits.attempts_per_challenge` | 1..=100 | at least one try |
//! | `limits.phone_messages_per_window` | 1..=100 | at least one text or call |
//! | `limits.throttle_window` | 1..=86400 s | up to a day |
//! | `limits.lockout_threshold` | 1..=100 | the real default is 10 |
//! | `limits.lockout_seconds` | 1..=86400 s | the real first lockout is 60 s; later ones double, at most 64 times |
//! | `limits.answer_timeout` | 1..=600 s | up to ten minutes for a push or call |
//! | `registration_methods` | 1..=2 | "Keep your account secure" asks for one method or two (rule 7) |
//! | `trusted_ips` | at most 50 IPv4 ranges `a.b.c.d/n`, public addresses | the real limit and "public IPs only for cloud MFA" (rule 5) |

use crate::records::ServiceSettings;
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// The tenant's MFA and sign-in settings.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Security defaults on: Authenticator-only registration, basic auth blocked (entra-facts §1).
    pub security_defaults: bool,
    /// Under security defaults, users may skip registration for 14 days from their first
    /// sign-in (on by default; Microsoft is removing the window for new tenants, date not
    /// published).
    pub registration_window: bool,
    /// Methods users may register and use.
    pub methods: AllowedMethods,
    /// "Allow users to create app passwords to sign in to non-browser apps" (off by default).
    pub app_passwords: bool,
    /// Basic authentication the tenant still lets through, per protocol (the calendar may
    /// still refuse it: see `calendar.rs`).
    pub basic_auth: BasicAuth,
    /// Remember MFA on trusted devices for this many days (None: not offered; 1..=365).
    pub remember_mfa_days: Option<u32>,
    /// Offer "Stay signed in?" after sign-in.
    pub stay_signed_in_prompt: bool,
    /// The tenant buys SMS and voice from its own telephony provider (matters from 2027-02-01).
    pub telephony_provider: bool,
    /// "Report suspicious activity" (rule 16 of [`crate::rules`]): on, a person who reports a
    /// request they did not expect (0# on a verification call, Report in Microsoft
    /// Authenticator) is set to high user risk. Off by default, as under "Microsoft managed";
    /// off, the report still denies the attempt and the sign-in log still names the fraud
    /// code, but the risk does not change. Key `report_suspicious_activity`.
    pub report_suspicious_activity: bool,
    /// The older Fraud alert's "Automatically block users who report fraud" (rule 16): on, a
    /// report blocks the person's MFA for 90 days or until an administrator unblocks it.
    /// Off by default. Key `fraud_alert_auto_block`.
    pub fraud_alert_auto_block: bool,
    /// Force the sign-up experience: `legacy` (Additional security verification) or
    /// `combined` (Keep your account secure). Unset: decided by the date (rules 7-14 of
    /// [`crate::rules`]).
    pub registration: Option<Registration>,
    /// How many methods "Keep your account secure" asks a user to set up at the sign-in
    /// interrupt: 1 (the first method, usually Microsoft Authenticator) or 2 (the wizard reads
    /// "Method 1 of 2", "Method 2 of 2" and asks for a phone after the app: rule 7). When the
    /// real service asks for the second method is not documented (entra-facts, clarification
    /// to rule 7: commonly two where self-service password reset also needs two); this is the
    /// simulator's choice. Default 1, which is what the guide shows. Not used by the older
    /// "Additional security verification" page, which registers one method.
    pub registration_methods: u8,
    /// System-preferred MFA (rule 19 of [`crate::rules`]): on, the first method started at
    /// sign-in is the strongest one the user has registered (of the simulator's methods:
    /// Microsoft Authenticator push, then a TOTP code, then a text, then a call), whatever
    /// their default; off, their default method is started. "Sign in another way" lists the
    /// others either way. Off by default (Graph `systemCredentialPreferences`: "The default
    /// value is disabled"; entra-facts, clarification to rule 19). The setting arrived in 2023,
    /// so a scenario may turn it on only when dated 2023-01-01 or later (checked with the
    /// scenario's date in `scenario.rs`).
    pub system_preferred_mfa: bool,
    /// Conditional Access: the one policy the simulator knows, "require MFA for all users"
    /// (rule 1). Users it covers must do MFA (and register first if they have no method) while
    /// their per-user state stays what it was, usually Disabled.
    pub conditional_access: ConditionalAccess,
    /// Trusted IPs of the per-user MFA service settings (rule 5): IPv4 ranges such as
    /// `198.51.100.0/24`. A per-user MFA user signing in from one skips the second factor.
    pub trusted_ips: Vec<String>,
    /// The date the tenant was created (combined registration was on for tenants created
    /// after 2020-08-15). Within the supported dates (2000-01-01 to 2100-12-31).
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
    /// Passkeys in Microsoft Authenticator. Unset: decided by the date (rule 35: from
    /// 2026-09-01 a tenant that allows texts or calls has passkeys turned on for its users).
    pub passkey: Option<bool>,
}

/// Conditional Access policies (only the one the simulator models).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ConditionalAccess {
    /// "Require multifactor authentication for all users" (grant control: require MFA).
    pub require_mfa: bool,
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
    /// TOTP steps accepted either side of now (RFC 6238 recommends 1). 0..=10.
    pub totp_skew: i64,
    /// How many steps back an old code is recognised as expired rather than wrong. 0..=120.
    pub totp_lookback: i64,
    /// Seconds a texted code stays valid. 30..=3600.
    pub sms_code_lifetime: i64,
    /// Wrong codes allowed on one verification before it is closed. 1..=100.
    pub attempts_per_challenge: u32,
    /// Text messages or calls to one user within `throttle_window` before "hit our limit".
    /// 1..=100.
    pub phone_messages_per_window: u32,
    /// Seconds of the throttling window. 1..=86400.
    pub throttle_window: i64,
    /// Distinct wrong passwords before smart lockout (10 in the real service). 1..=100.
    pub lockout_threshold: u32,
    /// Seconds of the first lockout (60 in the real service). 1..=86400.
    pub lockout_seconds: i64,
    /// Seconds a push or call waits for an answer before the sign-in gives up. 1..=600.
    pub answer_timeout: i64,
}

/// A policy value the simulator refuses: the key (`policy.limits.totp_skew`) and what is
/// wrong with it (`is 50; allowed 0..=10`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{key} {problem}")]
pub struct PolicyProblem {
    /// Dotted key from the top of the scenario file.
    pub key: &'static str,
    /// What is wrong, with the allowed range or form.
    pub problem: String,
}

/// `remember_mfa_days`: the real setting's range.
pub(crate) const REMEMBER_MFA_DAYS: RangeInclusive<u32> = 1..=365;

/// `registration_methods`: one method or two.
pub(crate) const REGISTRATION_METHODS: RangeInclusive<u8> = 1..=2;

impl Limits {
    /// `totp_skew`, in steps.
    pub(crate) const TOTP_SKEW: RangeInclusive<i64> = 0..=10;
    /// `totp_lookback`, in steps.
    pub(crate) const TOTP_LOOKBACK: RangeInclusive<i64> = 0..=120;
    /// `sms_code_lifetime`, in seconds.
    pub(crate) const SMS_CODE_LIFETIME: RangeInclusive<i64> = 30..=3600;
    /// `attempts_per_challenge`.
    pub(crate) const ATTEMPTS_PER_CHALLENGE: RangeInclusive<u32> = 1..=100;
    /// `phone_messages_per_window`.
    pub(crate) const PHONE_MESSAGES_PER_WINDOW: RangeInclusive<u32> = 1..=100;
    /// `throttle_window`, in seconds.
    pub(crate) const THROTTLE_WINDOW: RangeInclusive<i64> = 1..=86_400;
    /// `lockout_threshold`.
    pub(crate) const LOCKOUT_THRESHOLD: RangeInclusive<u32> = 1..=100;
    /// `lockout_seconds`.
    pub(crate) const LOCKOUT_SECONDS: RangeInclusive<i64> = 1..=86_400;
    /// `answer_timeout`, in seconds.
    pub(crate) const ANSWER_TIMEOUT: RangeInclusive<i64> = 1..=600;

    /// The first number outside its range, if any.
    pub fn check(&self) -> Result<(), PolicyProblem> {
        within("policy.limits.totp_skew", self.totp_skew, Self::TOTP_SKEW)?;
        within(
            "policy.limits.totp_lookback",
            self.totp_lookback,
            Self::TOTP_LOOKBACK,
        )?;
        within(
            "policy.limits.sms_code_lifetime",
            self.sms_code_lifetime,
            Self::SMS_CODE_LIFETIME,
        )?;
        within(
            "policy.limits.attempts_per_challenge",
            self.attempts_per_challenge,
            Self::ATTEMPTS_PER_CHALLENGE,
        )?;
        within(
            "policy.limits.phone_messages_per_window",
            self.phone_messages_per_window,
            Self::PHONE_MESSAGES_PER_WINDOW,
        )?;
        within(
            "policy.limits.throttle_window",
            self.throttle_window,
            Self::THROTTLE_WINDOW,
        )?;
        within(
            "policy.limits.lockout_threshold",
            self.lockout_threshold,
            Self::LOCKOUT_THRESHOLD,
        )?;
        within(
            "policy.limits.lockout_seconds",
            self.lockout_seconds,
            Self::LOCKOUT_SECONDS,
        )?;
        within(
            "policy.limits.answer_timeout",
            self.answer_timeout,
            Self::ANSWER_TIMEOUT,
        )
    }
}

impl Policy {
    /// Check every number and date against its documented range (see the module docs).
    pub fn check(&self) -> Result<(), PolicyProblem> {
        if let Some(days) = self.remember_mfa_days {
            within("policy.remember_mfa_days", days, REMEMBER_MFA_DAYS)?;
        }
        within(
            "policy.registration_methods",
            self.registration_methods,
            REGISTRATION_METHODS,
        )?;
        if self.trusted_ips.len() > MAX_TRUSTED_IPS {
            return Err(PolicyProblem {
                key: "policy.trusted_ips",
                problem: format!(
                    "has {} ranges; allowed at most {MAX_TRUSTED_IPS}",
                    self.trusted_ips.len()
                ),
            });
        }
        for range in &self.trusted_ips {
            IpRange::parse(range).map_err(|problem| PolicyProblem {
                key: "policy.trusted_ips",
                problem,
            })?;
        }
        if let Some(created) = &self.created {
            crate::clock::parse_instant(created).map_err(|e| PolicyProblem {
                key: "policy.created",
                problem: match e {
                    crate::clock::BadTime::OutOfRange { .. } => format!(
                        "is {created}; allowed {} (the supported dates)",
                        crate::clock::WINDOW
                    ),
                    crate::clock::BadTime::Unreadable { .. } => {
                        format!("is `{created}`; expected a date such as 2017-03-14")
                    }
                },
            })?;
        }
        self.limits.check()
    }
}

/// Most trusted IP ranges a tenant may list (the real limit).
pub(crate) const MAX_TRUSTED_IPS: usize = 50;

/// An IPv4 range `a.b.c.d/n` (a single address without `/n` is a /32).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpRange {
    base: u32,
    prefix: u32,
}

impl IpRange {
    /// Read a range; refuses private, loopback and link-local addresses, which cloud MFA
    /// never sees (entra-facts §1: "public IPs only for cloud MFA").
    pub fn parse(text: &str) -> Result<IpRange, String> {
        let (addr, prefix) = text.trim().split_once('/').unwrap_or((text.trim(), "32"));
        let addr: std::net::Ipv4Addr = addr
            .parse()
            .map_err(|_| format!("has `{text}`; expected an IPv4 range such as 198.51.100.0/24"))?;
        let prefix: u32 = prefix
            .parse()
            .ok()
            .filter(|p| *p <= 32)
            .ok_or_else(|| format!("has `{text}`; the prefix after / must be 0..=32"))?;
        if addr.is_private() || addr.is_loopback() || addr.is_link_local() {
            return Err(format!(
                "has `{text}`; trusted IPs must be public addresses (cloud MFA sees only those)"
            ));
        }
        let mask = mask(prefix);
        Ok(IpRange {
            base: u32::from(addr) & mask,
            prefix,
        })
    }

    /// Whether an address falls in the range.
    pub fn contains(self, addr: std::net::Ipv4Addr) -> bool {
        u32::from(addr) & mask(self.prefix) == self.base
    }
}

fn mask(prefix: u32) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

fn within<T: PartialOrd + std::fmt::Display>(
    key: &'static str,
    value: T,
    range: RangeInclusive<T>,
) -> Result<(), PolicyProblem> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(PolicyProblem {
            key,
            problem: format!("is {value}; allowed {}..={}", range.start(), range.end()),
        })
    }
}

impl Policy {
    /// The legacy MFA service settings page's verification options as they stand (rule 34):
    /// "Call to phone" is voice, "Text message to phone" SMS, "Notification through mobile
    /// app" Microsoft Authenticator, "Verification code from mobile app or hardware token"
    /// the OATH tokens (entra-facts §1, the mapping to the Authentication methods policy).
    pub fn service_settings(&self, manages_methods: bool) -> ServiceSettings {
        let m = &self.methods;
        ServiceSettings {
            call: m.voice,
            text: m.sms,
            notification: m.authenticator,
            code: m.software_oath,
            manages_methods,
        }
    }

    /// Tick or untick one verification option (index into [`ServiceSettings::LABELS`]). Only
    /// while the page still manages methods, that is before 2025-09-30 (`manages_methods`);
    /// afterwards nothing changes. Returns the page as it now stands.
    pub fn set_verification_option(
        &mut self,
        option: usize,
        on: bool,
        manages_methods: bool,
    ) -> ServiceSettings {
        if manages_methods {
            let m = &mut self.methods;
            match option {
                0 => m.voice = on,
                1 => m.sms = on,
                2 => m.authenticator = on,
                _ => m.software_oath = on,
            }
        }
        self.service_settings(manages_methods)
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            security_defaults: false,
            registration_window: true,
            methods: AllowedMethods::default(),
            app_passwords: false,
            basic_auth: BasicAuth::default(),
            remember_mfa_days: None,
            stay_signed_in_prompt: true,
            telephony_provider: false,
            report_suspicious_activity: false,
            fraud_alert_auto_block: false,
            registration: None,
            registration_methods: 1,
            system_preferred_mfa: false,
            conditional_access: ConditionalAccess::default(),
            trusted_ips: Vec::new(),
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
            passkey: None,
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
