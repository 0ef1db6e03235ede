//! Tests of `mfa_sim::tenant::policy` (`src/tenant/policy.rs`), through its public API.

use mfa_sim::tenant::policy::*;

#[test]
fn defaults_are_in_range() {
    assert_eq!(Policy::default().check(), Ok(()));
}

#[test]
fn system_preferred_mfa_is_off_by_default_and_read_from_files() {
    assert!(!Policy::default().system_preferred_mfa);
    let on: Policy = serde_yaml::from_str("system_preferred_mfa: true").unwrap();
    assert!(on.system_preferred_mfa);
    assert_eq!(on.check(), Ok(()));
    let off: Policy = serde_yaml::from_str("remember_mfa_days: 14").unwrap();
    assert!(!off.system_preferred_mfa);
}

#[test]
fn fraud_reporting_settings_are_off_by_default_and_read_from_files() {
    let p = Policy::default();
    assert!(!p.report_suspicious_activity && !p.fraud_alert_auto_block);
    let on: Policy =
        serde_yaml::from_str("report_suspicious_activity: true\nfraud_alert_auto_block: true")
            .unwrap();
    assert!(on.report_suspicious_activity && on.fraud_alert_auto_block);
    assert_eq!(on.check(), Ok(()));
}

#[test]
fn trusted_ip_ranges_are_public_ipv4_and_at_most_fifty() {
    let r = IpRange::parse("198.51.100.0/24").unwrap();
    assert!(r.contains("198.51.100.7".parse().unwrap()));
    assert!(!r.contains("198.51.101.7".parse().unwrap()));
    assert!(
        IpRange::parse("203.0.113.9")
            .unwrap()
            .contains("203.0.113.9".parse().unwrap())
    );
    assert!(IpRange::parse("10.0.0.0/8").is_err(), "private");
    assert!(IpRange::parse("198.51.100.0/33").is_err());
    assert!(IpRange::parse("office").is_err());
    let mut p = Policy {
        trusted_ips: vec!["198.51.100.0/24".into()],
        ..Policy::default()
    };
    assert_eq!(p.check(), Ok(()));
    p.trusted_ips = vec!["192.168.1.0/24".into()];
    assert_eq!(p.check().unwrap_err().key, "policy.trusted_ips");
    p.trusted_ips = vec!["198.51.100.0/24".into(); 51];
    assert!(p.check().unwrap_err().problem.contains("at most 50"));
    let ca: Policy = serde_yaml::from_str("conditional_access: {require_mfa: true}").unwrap();
    assert!(ca.conditional_access.require_mfa);
    assert!(!Policy::default().conditional_access.require_mfa);
}

#[test]
fn rule_34_the_service_settings_page_manages_methods_only_before_september_2025() {
    let mut p = Policy::default();
    assert_eq!(p.service_settings(true).ticks(), [true; 4]);
    let page = p.set_verification_option(1, false, true);
    assert!(
        !page.text && !p.methods.sms,
        "unticking texts turns SMS off"
    );
    let page = p.set_verification_option(1, true, false);
    assert!(
        !page.text && !p.methods.sms,
        "after the date nothing changes"
    );
    assert!(page.to_string().contains("Authentication methods policy"));
    assert!(
        !p.service_settings(true)
            .to_string()
            .contains("Authentication methods policy")
    );
}

#[test]
fn each_limit_is_bounded() {
    let cases = [
        (
            "totp_skew",
            Limits {
                totp_skew: 11,
                ..Limits::default()
            },
        ),
        (
            "totp_skew",
            Limits {
                totp_skew: -1,
                ..Limits::default()
            },
        ),
        (
            "totp_lookback",
            Limits {
                totp_lookback: 121,
                ..Limits::default()
            },
        ),
        (
            "sms_code_lifetime",
            Limits {
                sms_code_lifetime: 29,
                ..Limits::default()
            },
        ),
        (
            "attempts_per_challenge",
            Limits {
                attempts_per_challenge: 0,
                ..Limits::default()
            },
        ),
        (
            "phone_messages_per_window",
            Limits {
                phone_messages_per_window: 101,
                ..Limits::default()
            },
        ),
        (
            "throttle_window",
            Limits {
                throttle_window: i64::MAX,
                ..Limits::default()
            },
        ),
        (
            "lockout_threshold",
            Limits {
                lockout_threshold: 0,
                ..Limits::default()
            },
        ),
        (
            "lockout_seconds",
            Limits {
                lockout_seconds: -60,
                ..Limits::default()
            },
        ),
        (
            "answer_timeout",
            Limits {
                answer_timeout: 601,
                ..Limits::default()
            },
        ),
    ];
    for (key, limits) in cases {
        let err = limits.check().unwrap_err();
        assert_eq!(err.key, format!("policy.limits.{key}"));
        assert!(err.problem.contains("allowed"), "{err}");
    }
    let l = Limits {
        totp_skew: 50,
        ..Limits::default()
    };
    assert_eq!(
        l.check().unwrap_err().to_string(),
        "policy.limits.totp_skew is 50; allowed 0..=10"
    );
}

#[test]
fn remember_mfa_days_and_created() {
    let mut p = Policy {
        remember_mfa_days: Some(0),
        ..Policy::default()
    };
    assert_eq!(
        p.check().unwrap_err().to_string(),
        "policy.remember_mfa_days is 0; allowed 1..=365"
    );
    p.remember_mfa_days = Some(366);
    assert!(p.check().is_err());
    p.remember_mfa_days = Some(365);
    assert_eq!(p.check(), Ok(()));
    p.registration_methods = 0;
    assert_eq!(
        p.check().unwrap_err().to_string(),
        "policy.registration_methods is 0; allowed 1..=2"
    );
    p.registration_methods = 3;
    assert_eq!(p.check().unwrap_err().key, "policy.registration_methods");
    p.registration_methods = 2;
    assert_eq!(p.check(), Ok(()));
    p.created = Some("1999-12-31".into());
    assert_eq!(p.check().unwrap_err().key, "policy.created");
    p.created = Some("soon".into());
    assert!(p.check().unwrap_err().problem.contains("expected a date"));
}
