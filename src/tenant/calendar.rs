//! The service's date-dependent rules (entra-facts rules 7-14, 20-24 and 33-36).
//!
//! The same scenario played on 2021-06-01 and on 2026-11-28 behaves differently only because
//! of the functions here: no feature file, page or chapter hard-codes an era. Each function
//! takes the simulated instant and the tenant policy and answers one question.

use super::policy::{Policy, Registration};
use crate::clock::{Instant, parse_instant};

fn on_or_after(now: Instant, date: &str) -> bool {
    now >= parse_instant(&format!("{date}T00:00:00Z")).expect("invariant: fixed dates parse")
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
        .is_some_and(|c| on_or_after(c, "2020-08-15"));
    if created_late || on_or_after(now, "2022-10-01") {
        Registration::Combined
    } else {
        Registration::Legacy
    }
}

/// Rule 33: from 2023-05-08 every Authenticator push asks for the number on the sign-in screen.
pub fn number_matching(now: Instant) -> bool {
    on_or_after(now, "2023-05-08")
}

/// A mail protocol that signs in with a user name and password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
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

impl std::fmt::Display for Protocol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Protocol::Imap => "IMAP",
            Protocol::Pop => "POP",
            Protocol::ActiveSync => "Exchange ActiveSync",
            Protocol::Smtp => "SMTP",
        })
    }
}

/// Why basic authentication is refused, if it is (rule 24).
pub fn basic_auth_refusal(protocol: Protocol, now: Instant, policy: &Policy) -> Option<String> {
    if policy.security_defaults {
        return Some("security defaults block legacy authentication".into());
    }
    let tenant_allows = match protocol {
        Protocol::Imap => policy.basic_auth.imap,
        Protocol::Pop => policy.basic_auth.pop,
        Protocol::ActiveSync => policy.basic_auth.activesync,
        Protocol::Smtp => policy
            .basic_auth
            .smtp
            .unwrap_or(!on_or_after(now, "2027-01-01")),
    };
    match protocol {
        Protocol::Smtp if !tenant_allows => {
            Some("550 5.7.30 Basic authentication is not supported for Client Submission.".into())
        }
        Protocol::Smtp => None,
        _ if on_or_after(now, "2022-10-01") => Some(format!(
            "Exchange Online turned off basic authentication for {protocol} on 2022-10-01"
        )),
        _ if !tenant_allows => Some(format!(
            "the tenant has turned off basic authentication for {protocol}"
        )),
        _ => None,
    }
}

/// Rule 36: Microsoft-provided text messages and calls end on 2027-02-01 unless the tenant
/// has its own telephony provider.
pub fn phone_delivery_available(now: Instant, policy: &Policy) -> bool {
    policy.telephony_provider || !on_or_after(now, "2027-02-01")
}

/// Rule 35: from 2026-09-01 users with text or call methods are nudged to add a passkey.
pub fn passkey_nudge(now: Instant) -> bool {
    on_or_after(now, "2026-09-01")
}

/// Rule 34: from 2025-09-30 methods are managed only in the Authentication methods policy.
pub fn legacy_method_policies(now: Instant) -> bool {
    !on_or_after(now, "2025-09-30")
}

/// The older App passwords page (account.activedirectory.windowsazure.com) exists in the
/// legacy era; later App Passwords live on Security info.
pub fn legacy_app_password_page(now: Instant, policy: &Policy) -> bool {
    registration(now, policy) == Registration::Legacy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: &str) -> Instant {
        parse_instant(d).unwrap()
    }

    #[test]
    fn eras() {
        let p = Policy::default();
        assert_eq!(registration(at("2021-06-01"), &p), Registration::Legacy);
        assert_eq!(registration(at("2026-11-28"), &p), Registration::Combined);
        assert!(!number_matching(at("2023-05-07")));
        assert!(number_matching(at("2023-05-08")));
        assert!(basic_auth_refusal(Protocol::Imap, at("2021-06-01"), &p).is_none());
        assert!(basic_auth_refusal(Protocol::Imap, at("2022-10-01"), &p).is_some());
        assert!(basic_auth_refusal(Protocol::Smtp, at("2026-11-28"), &p).is_none());
        assert!(
            basic_auth_refusal(Protocol::Smtp, at("2027-01-02"), &p)
                .unwrap()
                .starts_with("550 5.7.30")
        );
        assert!(phone_delivery_available(at("2027-01-31"), &p));
        assert!(!phone_delivery_available(at("2027-02-01"), &p));
        let own = Policy {
            telephony_provider: true,
            ..Policy::default()
        };
        assert!(phone_delivery_available(at("2027-02-01"), &own));
    }
}
