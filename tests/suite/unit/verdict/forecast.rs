//! Tests of `mfa_sim::verdict::forecast` (`src/verdict/forecast.rs`), through its public API.

use mfa_sim::verdict::forecast::*;

#[test]
fn the_coming_days_come_from_the_rule_registry() {
    let from = mfa_sim::clock::parse_instant("2026-11-28").unwrap();
    let days = cutovers_after(from);
    let first = days
        .first()
        .expect("the registry names days after 2026-11-28");
    assert!(first.day > from);
    let retirement = days
        .iter()
        .find(|c| mfa_sim::clock::format_date(c.day) == "2027-02-01")
        .expect("2027-02-01");
    assert!(retirement.rules.iter().any(|(n, _)| *n == 36));
    assert!(days.windows(2).all(|w| w[0].day < w[1].day));
}
