//! Tests of `mfa_sim::scenario` (`src/scenario.rs`), through its public API.

use mfa_sim::scenario::*;
use mfa_sim::tenant::Role;
use std::path::Path;

#[test]
fn mistakes_name_line_and_column() {
    let text = "name: x\norganisation: C\ndomain: c.com\ndate: 2021-06-01\nusers:\n  - name: Dana\n    upn: dana@c.com\n    pasword: x\n";
    let err = Scenario::parse(text, Path::new("bad.yaml"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad.yaml:8:5: "), "{err}");
    assert!(err.contains("unknown field `pasword`"), "{err}");
    let err = Scenario::parse("name: [", Path::new("b.yaml"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("b.yaml:"), "{err}");
    let bad_date = "name: x\norganisation: C\ndomain: c.com\ndate: June\n";
    assert!(
        Scenario::parse(bad_date, Path::new("d.yaml"))
            .unwrap_err()
            .to_string()
            .contains("date")
    );
}

const BASE: &str = "name: x\norganisation: C\ndomain: c.com\ndate: 2021-06-01\n";

fn refusal(text: &str) -> String {
    Scenario::parse(text, Path::new("scenarios/x.yaml"))
        .unwrap_err()
        .to_string()
}

fn with_user(extra: &str) -> String {
    format!(
        "{BASE}users:\n  - name: Dana Whitfield\n    upn: dana@c.com\n    password: pw\n{extra}"
    )
}

#[test]
fn roles_and_trusted_ips_are_read_and_checked() {
    // Rule 36: a Global Administrator or a guest keeps texts and calls for longer.
    let s = Scenario::parse(&with_user("    role: guest\n"), Path::new("y.yaml")).unwrap();
    assert_eq!(s.users[0].role, Role::Guest);
    let s = Scenario::parse(&with_user(""), Path::new("y.yaml")).unwrap();
    assert_eq!(s.users[0].role, Role::Member);
    assert!(refusal(&with_user("    role: owner\n")).contains("role"));
    // Rule 5: trusted IPs must be public IPv4 ranges.
    let err = refusal(&format!("{BASE}policy:\n  trusted_ips: [10.0.0.0/8]\n"));
    assert!(err.contains("policy.trusted_ips"), "{err}");
}

#[test]
fn system_preferred_mfa_only_from_2023() {
    // Rule 19: the setting did not exist in the guide's era.
    let err = refusal(&format!("{BASE}policy:\n  system_preferred_mfa: true\n"));
    assert!(
        err.starts_with("scenarios/x.yaml:6: policy.system_preferred_mfa is on"),
        "{err}"
    );
    let later = BASE.replace("2021-06-01", "2024-03-01");
    let s = Scenario::parse(
        &format!("{later}policy:\n  system_preferred_mfa: true\n"),
        Path::new("y.yaml"),
    )
    .unwrap();
    assert!(s.policy.system_preferred_mfa);
}

#[test]
fn policy_numbers_are_range_checked_with_file_line_and_key() {
    let text = format!("{BASE}policy:\n  app_passwords: true\n  limits:\n    totp_skew: 50\n");
    assert_eq!(
        refusal(&text),
        "scenarios/x.yaml:8: policy.limits.totp_skew is 50; allowed 0..=10"
    );
    for (key, value) in [
        ("totp_lookback", "-1"),
        ("sms_code_lifetime", "0"),
        ("attempts_per_challenge", "0"),
        ("phone_messages_per_window", "1000"),
        ("throttle_window", "9223372036854775807"),
        ("lockout_threshold", "0"),
        ("lockout_seconds", "-5"),
        ("answer_timeout", "100000"),
    ] {
        let text = format!("{BASE}policy:\n  limits:\n    {key}: {value}\n");
        let err = refusal(&text);
        assert!(
            err.starts_with(&format!(
                "scenarios/x.yaml:7: policy.limits.{key} is {value}; allowed"
            )),
            "{err}"
        );
    }
    let err = refusal(&format!("{BASE}policy:\n  remember_mfa_days: 400\n"));
    assert_eq!(
        err,
        "scenarios/x.yaml:6: policy.remember_mfa_days is 400; allowed 1..=365"
    );
    // Flow style: the key is named even without a line.
    let err = refusal(&format!("{BASE}policy: {{limits: {{totp_skew: 11}}}}\n"));
    assert_eq!(
        err,
        "scenarios/x.yaml: policy.limits.totp_skew is 11; allowed 0..=10"
    );
    // A number too big for its type is a syntax error with its line.
    let err = refusal(&format!(
        "{BASE}policy:\n  limits:\n    lockout_threshold: -1\n"
    ));
    assert!(err.starts_with("scenarios/x.yaml:7:"), "{err}");
}

#[test]
fn dates_must_be_in_the_supported_window() {
    let err = refusal("name: x\norganisation: C\ndomain: c.com\ndate: 2150-01-01\n");
    assert_eq!(
        err,
        "scenarios/x.yaml:4: date is 2150-01-01; allowed 2000-01-01 to 2100-12-31 (the supported dates)"
    );
    let err = refusal(&format!("{BASE}policy:\n  created: 1970-01-01\n"));
    assert!(
        err.starts_with("scenarios/x.yaml:6: policy.created is 1970-01-01"),
        "{err}"
    );
    let err = refusal(&format!("{BASE}policy:\n  created: someday\n"));
    assert!(err.contains("policy.created is `someday`"), "{err}");
}

#[test]
fn population_has_a_ceiling() {
    let err = refusal(&format!("{BASE}generate:\n  count: 10001\n"));
    assert_eq!(
        err,
        "scenarios/x.yaml:6: generate.count is 10001; allowed 0..=10000"
    );
    assert!(Scenario::parse(&format!("{BASE}generate:\n  count: 3\n"), Path::new("p")).is_ok());
}

#[test]
fn people_are_checked_like_the_service_would() {
    assert!(Scenario::parse(&with_user(""), Path::new("ok.yaml")).is_ok());
    let err = refusal(&with_user("    business_phone: garbage\n"));
    assert!(
        err.starts_with(
            "scenarios/x.yaml:9: users[0].business_phone `garbage` is not a phone number"
        ),
        "{err}"
    );
    let err = refusal(&with_user("    business_phone: \"+1 42\"\n"));
    assert!(err.contains("users[0].business_phone"), "{err}");
    let err = refusal(&with_user("    phone:\n      number: \"+١ ٤٢٥٥٥٥٠١٠٠\"\n"));
    assert!(
        err.starts_with("scenarios/x.yaml:10: users[0].phone.number"),
        "{err}"
    );
    let err = refusal(&with_user(
        "    phone:\n      number: \"+1 4255550100\"\n      clock_offset: 9223372036854775807\n",
    ));
    assert!(
        err.contains("users[0].phone.clock_offset is 9223372036854775807"),
        "{err}"
    );
    let err = refusal(&with_user(
        "    phone:\n      number: \"+1 4255550100\"\n      apps: [Tetris]\n",
    ));
    assert!(err.contains("users[0].phone.apps has `Tetris`"), "{err}");
    for upn in [
        "dana",
        "dana@",
        "@c.com",
        "da na@c.com",
        "dana@c",
        "a@b@c.com",
        "dana@c..com",
    ] {
        let text = format!("{BASE}users:\n  - name: Dana\n    upn: \"{upn}\"\n    password: pw\n");
        let err = refusal(&text);
        assert!(
            err.starts_with("scenarios/x.yaml:7: users[0].upn"),
            "{upn}: {err}"
        );
    }
    let dup = with_user("  - name: Other Dana\n    upn: DANA@c.com\n    password: pw2\n");
    assert_eq!(
        refusal(&dup),
        "scenarios/x.yaml:10: users[1].upn `DANA@c.com` is already used by users[0]"
    );
    let blank = format!("{BASE}users:\n  - name: \" \"\n    upn: a@c.com\n    password: pw\n");
    assert!(refusal(&blank).contains("users[0].name must be"));
    let nopw = format!("{BASE}users:\n  - name: A\n    upn: a@c.com\n    password: \"\"\n");
    assert!(refusal(&nopw).contains("users[0].password must be"));
    let err = refusal(&with_user(
        "    mail_apps:\n      - name: \"\"\n        kind: imap\n",
    ));
    assert!(
        err.starts_with("scenarios/x.yaml:10: users[0].mail_apps[0].name"),
        "{err}"
    );
    let err = refusal("name: x\norganisation: C\ndomain: \"c com\"\ndate: 2021-06-01\n");
    assert!(err.starts_with("scenarios/x.yaml:3: domain"), "{err}");
}

#[test]
fn keys_are_found_in_block_yaml() {
    let text =
        "a: 1\nusers:\n- name: A\n  phone:\n    number: x\n- name: B\n  phone:\n    number: y\n";
    assert_eq!(line_of(text, "users[1].phone.number"), Some(8));
    assert_eq!(line_of(text, "users[0].name"), Some(3));
    assert_eq!(line_of(text, "users[2].name"), None);
    assert_eq!(line_of(text, "policy.created"), None);
    assert_eq!(line_of("", "x"), None);
}

#[test]
fn shipped_scenarios_load() {
    for entry in std::fs::read_dir(crate::common::repo().scenarios()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
