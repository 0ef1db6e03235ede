//! The service's date-dependent rules: rules 7-14, 20, 24 and 33-36 of the rule registry
//! ([`crate::rules`], shown in the book's chapter "The service's rules, as simulated"; each
//! rule there names its dates, its Microsoft source and its tests).
//!
//! The same scenario played on 2021-06-01 and on 2026-11-28 behaves differently only because
//! of the functions here: no feature file, page or chapter hard-codes an era. Each function
//! takes the simulated instant and the tenant policy and answers one question.

use super::directory::Role;
use super::policy::{Policy, Registration};
use crate::clock::{Instant, parse_instant};
use crate::records::BasicRefusal;
use time::macros::datetime;

/// The service's cut-over days, each the first day (00:00 UTC) on which the new behaviour
/// holds. Typed values made at compile time: nothing parses a date to answer a rule.
pub mod cutover {
    use super::{Instant, datetime};

    /// Tenants created from this day got combined registration by default.
    pub const COMBINED_FOR_NEW_TENANTS: Instant = datetime!(2020-08-15 0:00 UTC).unix_timestamp();
    /// Combined registration for every tenant; Exchange Online basic authentication off for
    /// IMAP, POP and ActiveSync (rule 24).
    pub const OCTOBER_2022: Instant = datetime!(2022-10-01 0:00 UTC).unix_timestamp();
    /// Number matching on every Authenticator push (rule 33).
    pub const NUMBER_MATCHING: Instant = datetime!(2023-05-08 0:00 UTC).unix_timestamp();
    /// Not the service's own date but a mail app's: Windows Mail (Mail and Calendar) reached
    /// its end of support on 2024-12-31 and from this day no longer gets mail (entra-facts §5);
    /// kept here so that every date lives in one place.
    pub(crate) const WINDOWS_MAIL_END: Instant = datetime!(2025-01-01 0:00 UTC).unix_timestamp();
    /// Methods no longer managed in the legacy MFA and SSPR policies (rule 34).
    pub const LEGACY_POLICIES_END: Instant = datetime!(2025-09-30 0:00 UTC).unix_timestamp();
    /// Users with texts or calls nudged to add a passkey (rule 35).
    pub const PASSKEY_NUDGE: Instant = datetime!(2026-09-01 0:00 UTC).unix_timestamp();
    /// SMTP AUTH basic authentication off by default (rule 24).
    pub const SMTP_BASIC_AUTH_END: Instant = datetime!(2027-01-01 0:00 UTC).unix_timestamp();
    /// Microsoft-provided texts and calls end without a telephony provider (rule 36).
    pub const PHONE_DELIVERY_END: Instant = datetime!(2027-02-01 0:00 UTC).unix_timestamp();
    /// The same end for Global Administrators and external (guest) users (rule 36).
    pub const PHONE_DELIVERY_END_ADMINS: Instant = datetime!(2027-07-01 0:00 UTC).unix_timestamp();
}

fn on_or_after(now: Instant, day: Instant) -> bool {
    now >= day
}

/// Which sign-up experience users get. Combined registration was the default for tenants
/// created after 2020-08-15 and for every tenant from 2022-10-01.
pub fn registration(now: Instant, policy: &Policy) -> Registration {
    if let Some(forced) = policy.registration {
        return forced;
    }
    let created_late = policy
        .created
        .as_deref()
        .and_then(|d| parse_instant(d).ok())
        .is_some_and(|c| on_or_after(c, cutover::COMBINED_FOR_NEW_TENANTS));
    if created_late || on_or_after(now, cutover::OCTOBER_2022) {
        Registration::Combined
    } else {
        Registration::Legacy
    }
}

/// Whether Windows Mail still gets mail: until its end of support on 2024-12-31.
pub fn windows_mail_supported(now: Instant) -> bool {
    !on_or_after(now, cutover::WINDOWS_MAIL_END)
}

/// Rule 33: from 2023-05-08 every Authenticator push asks for the number on the sign-in screen.
pub fn number_matching(now: Instant) -> bool {
    on_or_after(now, cutover::NUMBER_MATCHING)
}

pub use crate::records::Protocol;

/// Why basic authentication is refused, if it is (rule 24).
pub fn basic_auth_refusal(
    protocol: Protocol,
    now: Instant,
    policy: &Policy,
) -> Option<BasicRefusal> {
    if policy.security_defaults {
        return Some(BasicRefusal::SecurityDefaults);
    }
    let tenant_allows = match protocol {
        Protocol::Imap => policy.basic_auth.imap,
        Protocol::Pop => policy.basic_auth.pop,
        Protocol::ActiveSync => policy.basic_auth.activesync,
        Protocol::Smtp => policy
            .basic_auth
            .smtp
            .unwrap_or(!on_or_after(now, cutover::SMTP_BASIC_AUTH_END)),
    };
    match protocol {
        Protocol::Smtp if !tenant_allows => Some(BasicRefusal::SmtpSubmissionOff),
        Protocol::Smtp => None,
        _ if on_or_after(now, cutover::OCTOBER_2022) => {
            Some(BasicRefusal::RetiredByMicrosoft(protocol))
        }
        _ if !tenant_allows => Some(BasicRefusal::OffInTenant(protocol)),
        _ => None,
    }
}

/// Rule 36: Microsoft-provided text messages and calls end on 2027-02-01 (2027-07-01 for
/// Global Administrators and external users) unless the tenant has its own telephony
/// provider.
pub fn phone_delivery_available(now: Instant, policy: &Policy, role: Role) -> bool {
    let end = match role {
        Role::Member => cutover::PHONE_DELIVERY_END,
        Role::GlobalAdministrator | Role::Guest => cutover::PHONE_DELIVERY_END_ADMINS,
    };
    policy.telephony_provider || !on_or_after(now, end)
}

/// Rule 35: from 2026-09-01 users with text or call methods are nudged to add a passkey.
pub fn passkey_nudge(now: Instant) -> bool {
    on_or_after(now, cutover::PASSKEY_NUDGE)
}

/// Whether users may register and use passkeys in Microsoft Authenticator: as the tenant
/// set it, or, left unset, from 2026-09-01 in a tenant that allows texts or calls (rule 35:
/// those users are enabled for passkeys automatically).
pub fn passkeys_enabled(now: Instant, policy: &Policy) -> bool {
    let m = &policy.methods;
    m.passkey
        .unwrap_or(passkey_nudge(now) && (m.sms || m.voice))
}

/// Rule 34: from 2025-09-30 methods are managed only in the Authentication methods policy.
pub fn legacy_method_policies(now: Instant) -> bool {
    !on_or_after(now, cutover::LEGACY_POLICIES_END)
}
