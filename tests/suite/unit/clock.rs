//! Tests of `mfa_sim::clock` (`src/clock.rs`), through its public API.

use mfa_sim::clock::*;

#[test]
fn time_moves_only_when_told() {
    let clock = Clock::starting_at(parse_instant("2021-06-01").unwrap());
    let other = clock.clone();
    assert_eq!(format_instant(clock.now()), "2021-06-01 09:00:00 UTC");
    other.advance(40);
    assert_eq!(format_instant(clock.now()), "2021-06-01 09:00:40 UTC");
}

#[test]
fn rfc3339_and_bad_input() {
    assert_eq!(
        parse_instant("2023-11-14T22:13:20Z").unwrap(),
        1_700_000_000
    );
    assert!(parse_instant("June 1st").is_err());
}

#[test]
fn dates_outside_the_window_are_refused() {
    assert_eq!(
        parse_instant("2150-01-01").unwrap_err().to_string(),
        "2150-01-01 is outside the supported dates 2000-01-01 to 2100-12-31"
    );
    assert!(matches!(
        parse_instant("1999-12-31T23:59:59Z"),
        Err(BadTime::OutOfRange { .. })
    ));
    // An offset that puts the instant before the window in UTC.
    assert!(parse_instant("2000-01-01T00:30:00+01:00").is_err());
    assert_eq!(parse_instant("2000-01-01T00:00:00Z"), Ok(EARLIEST));
    assert_eq!(parse_instant("2100-12-31T23:59:59Z"), Ok(LATEST));
    assert!(parse_instant("2101-01-01T00:00:00Z").is_err());
    assert!(parse_instant("+10000-01-01").is_err());
    assert!(check_instant(LATEST + 1).is_err());
    assert_eq!(check_instant(1_700_000_000), Ok(1_700_000_000));
}

#[test]
fn the_clock_never_runs_backwards_nor_past_the_window() {
    let clock = Clock::starting_at(LATEST - 10);
    assert_eq!(clock.advance(-5), Advance::Backwards(LATEST - 10));
    assert_eq!(clock.now(), LATEST - 10);
    assert_eq!(clock.advance(4), Advance::Moved(LATEST - 6));
    assert_eq!(clock.advance(i64::MAX), Advance::Clamped(LATEST));
    assert_eq!(clock.advance(1), Advance::Clamped(LATEST));
    assert_eq!(clock.now(), LATEST);
    let beyond = Clock::starting_at(LATEST + 100);
    assert_eq!(beyond.advance(1), Advance::Clamped(LATEST + 100));
    assert_eq!(Clock::wall().advance(30), Advance::Wall);
    assert_eq!(
        Clock::wall_on("2027-03-01").unwrap().advance(30),
        Advance::Wall
    );
}

#[test]
fn a_chosen_date_keeps_the_machine_time_of_day_and_its_codes() {
    let machine = parse_instant("2026-11-28T16:07:31Z").unwrap();
    let clock = Clock::shifted_from(machine, parse_instant("2027-03-01").unwrap());
    let Some(by) = clock.shift() else {
        panic!("a chosen date gives a shifted wall clock");
    };
    assert_eq!(by % 86_400, 0, "whole days only");
    assert_eq!(format_instant(machine + by), "2027-03-01 16:07:31 UTC");
    // Earlier dates work too.
    let back = Clock::shifted_from(machine, parse_instant("2021-06-01").unwrap());
    let Some(by) = back.shift() else {
        panic!("a chosen date gives a shifted wall clock");
    };
    assert_eq!(format_instant(machine + by), "2021-06-01 16:07:31 UTC");
    // On the live clock, codes follow the machine's time, everything else the chosen date.
    let live = Clock::wall_on("2027-03-01").unwrap();
    let (now, codes) = (live.now(), live.code_time());
    assert_eq!(format_date(now), "2027-03-01");
    assert_eq!(format_time(now), format_time(codes));
    assert_eq!((now - codes) % 86_400, 0);
    assert!(Clock::wall_on("not a date").is_err());
    assert!(Clock::wall_on("1999-12-31").is_err());
    let sim = Clock::starting_at(machine);
    assert_eq!(sim.code_time(), sim.now());
}
