//! Tests of `mfa_sim::tenant::calendar` (`src/tenant/calendar.rs`), through its public API.

use mfa_sim::clock::{Instant, parse_instant};
use mfa_sim::records::BasicRefusal;
use mfa_sim::tenant::calendar::*;
use mfa_sim::tenant::directory::Role;
use mfa_sim::tenant::policy::{Policy, Registration};

fn at(d: &str) -> Instant {
    parse_instant(d).unwrap()
}

#[test]
fn cut_over_days_are_the_documented_dates() {
    for (day, text) in [
        (cutover::COMBINED_FOR_NEW_TENANTS, "2020-08-15"),
        (cutover::OCTOBER_2022, "2022-10-01"),
        (cutover::NUMBER_MATCHING, "2023-05-08"),
        (cutover::LEGACY_POLICIES_END, "2025-09-30"),
        (cutover::PASSKEY_NUDGE, "2026-09-01"),
        (cutover::SMTP_BASIC_AUTH_END, "2027-01-01"),
        (cutover::PHONE_DELIVERY_END, "2027-02-01"),
        (cutover::PHONE_DELIVERY_END_ADMINS, "2027-07-01"),
    ] {
        assert_eq!(day, at(&format!("{text}T00:00:00Z")), "{text}");
    }
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
    assert_eq!(
        basic_auth_refusal(Protocol::Smtp, at("2027-01-02"), &p),
        Some(BasicRefusal::SmtpSubmissionOff)
    );
    assert!(
        BasicRefusal::SmtpSubmissionOff
            .to_string()
            .starts_with("550 5.7.30")
    );
    let member = Role::Member;
    assert!(phone_delivery_available(at("2027-01-31"), &p, member));
    assert!(!phone_delivery_available(at("2027-02-01"), &p, member));
    let own = Policy {
        telephony_provider: true,
        ..Policy::default()
    };
    assert!(phone_delivery_available(at("2027-02-01"), &own, member));
}

#[test]
fn global_administrators_and_guests_keep_phones_until_july_2027() {
    let p = Policy::default();
    for role in [Role::GlobalAdministrator, Role::Guest] {
        assert!(phone_delivery_available(at("2027-02-01"), &p, role));
        assert!(phone_delivery_available(
            at("2027-06-30T23:59:59Z"),
            &p,
            role
        ));
        assert!(!phone_delivery_available(at("2027-07-01"), &p, role));
    }
}

#[test]
fn passkeys_turn_on_with_the_nudge_where_phones_are_allowed() {
    let p = Policy::default();
    assert!(!passkeys_enabled(at("2026-08-31"), &p));
    assert!(passkeys_enabled(at("2026-09-01"), &p));
    let mut no_phones = Policy::default();
    no_phones.methods.sms = false;
    no_phones.methods.voice = false;
    assert!(!passkeys_enabled(at("2026-09-01"), &no_phones));
    no_phones.methods.passkey = Some(true);
    assert!(passkeys_enabled(at("2021-06-01"), &no_phones));
}

#[test]
fn passkey_nudge_and_the_end_of_legacy_method_policies() {
    assert!(!passkey_nudge(at("2026-08-31T23:59:59Z")));
    assert!(passkey_nudge(at("2026-09-01")));
    assert!(legacy_method_policies(at("2025-09-29T23:59:59Z")));
    assert!(!legacy_method_policies(at("2025-09-30")));
}
