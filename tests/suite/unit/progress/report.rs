//! Tests of `mfa_sim::progress::report` (`src/progress/report.rs`), through its public API.

use crate::unit::progress::store::attempt;
use mfa_sim::progress::*;

fn known() -> Vec<String> {
    vec!["sms-setup".into(), "ticket-lost-phone".into()]
}

#[test]
fn a_trainee_sees_done_and_tried_exercises_in_order() {
    let attempts = vec![
        attempt("sam", "ticket-lost-phone", 0, 1_800_000_000),
        attempt("sam", "ticket-lost-phone", 90, 1_800_086_400),
        attempt("kim", "sms-setup", 100, 1_800_000_000),
    ];
    let s = standing(&attempts, "sam", &known());
    assert_eq!(s[0].attempts, 0);
    assert!(!s[0].done);
    assert_eq!(
        (s[1].attempts, s[1].best, s[1].done, s[1].mistakes),
        (2, Some(90), true, 2)
    );
    assert_eq!(s[1].last, Some(1_800_086_400));
}

#[test]
fn the_summary_says_what_is_done_and_what_is_next() {
    let attempts = vec![
        attempt("sam", "sms-setup", 100, 1_800_000_000),
        attempt("sam", "ticket-lost-phone", 0, 1_800_000_000),
    ];
    let text = summary("sam", &standing(&attempts, "sam", &known()));
    assert_eq!(
        text,
        "\nsam: 1 of 2 done, best points: sms-setup (100).\nTried, not done yet: ticket-lost-phone (1 attempt).\nNext: mfa-sim train ticket-lost-phone\n"
    );
    let text = summary("kim", &standing(&attempts, "kim", &known()));
    assert!(
        text.contains("kim: 0 of 2 done.\nNext: mfa-sim train sms-setup"),
        "{text}"
    );
}

#[test]
fn the_managers_table_has_a_row_per_trainee_and_exercise_tried() {
    let attempts = vec![
        attempt("sam", "ticket-lost-phone", 0, 1_800_000_000),
        attempt("sam", "ticket-lost-phone", 90, 1_800_086_400),
        attempt("Kim, J.", "retired-exercise", 100, 1_800_000_000),
    ];
    let table = manager_table(&attempts, &known());
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("trainee"), "{table}");
    assert!(
        lines[1].contains("ticket-lost-phone  yes")
            && lines[1].contains("2027-01-16")
            && lines[1].ends_with(" 2"),
        "{table}"
    );
    let csv = manager_csv(&attempts, &known());
    assert_eq!(
        csv,
        "trainee,exercise,done,best,attempts,last date,mistakes\n\
         sam,ticket-lost-phone,yes,90,2,2027-01-16,2\n\
         \"Kim, J.\",retired-exercise,yes,100,1,2027-01-15,0\n"
    );
    assert_eq!(manager_table(&[], &known()), "No attempts recorded yet.\n");
}
