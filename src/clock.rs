//! The simulation's only source of "now".
//!
//! Every scenario owns one [`Clock`]. In simulated mode time stands still until the
//! simulation says "40 seconds pass"; nothing sleeps. The trainer's real-phone mode uses the
//! wall clock instead, so that codes from a real authenticator app line up. No other module
//! reads the system time: that is an architecture invariant (see ARCHITECTURE.md).

use std::sync::{Arc, Mutex};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

/// Seconds since the Unix epoch, in simulated time.
pub type Instant = i64;

/// A scenario's clock. Cloning gives another handle on the same time.
#[derive(Clone, Debug)]
pub struct Clock {
    source: Source,
}

#[derive(Clone, Debug)]
enum Source {
    /// Simulated: the shared current instant, moved only by [`Clock::advance`].
    Simulated(Arc<Mutex<Instant>>),
    /// The machine's clock (trainer `--real-phone` only).
    Wall,
}

/// A date or time given in a scenario or on the command line could not be read.
#[derive(Debug, thiserror::Error)]
#[error("`{text}` is not a date (YYYY-MM-DD) or an RFC 3339 time (2021-06-01T09:00:00Z)")]
pub struct BadTime {
    /// What was given.
    pub text: String,
}

impl Clock {
    /// A simulated clock that starts at `start` and moves only when told.
    pub fn starting_at(start: Instant) -> Self {
        Clock {
            source: Source::Simulated(Arc::new(Mutex::new(start))),
        }
    }

    /// A clock that follows the machine's time (used when a real phone takes part).
    pub fn wall() -> Self {
        Clock {
            source: Source::Wall,
        }
    }

    /// The current instant.
    pub fn now(&self) -> Instant {
        match &self.source {
            Source::Simulated(now) => *now.lock().expect("invariant: clock lock never poisoned"),
            Source::Wall => OffsetDateTime::now_utc().unix_timestamp(),
        }
    }

    /// Move simulated time forward. On the wall clock this does nothing: real time moves itself.
    pub fn advance(&self, seconds: i64) {
        if let Source::Simulated(now) = &self.source {
            *now.lock().expect("invariant: clock lock never poisoned") += seconds;
        }
    }

    /// True when this clock follows the machine's time.
    pub fn is_wall(&self) -> bool {
        matches!(self.source, Source::Wall)
    }
}

/// Read `2021-06-01` (taken as 09:00 UTC, the start of a working day) or a full RFC 3339 time.
pub fn parse_instant(text: &str) -> Result<Instant, BadTime> {
    let bad = || BadTime {
        text: text.to_string(),
    };
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(t.unix_timestamp());
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(text, &format).map_err(|_| bad())?;
    Ok(date
        .with_hms(9, 0, 0)
        .map_err(|_| bad())?
        .assume_utc()
        .unix_timestamp())
}

/// `2021-06-01 09:00:40 UTC`: how the book, the trainer and logs show an instant.
pub fn format_instant(t: Instant) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|d| d.format(&format).ok())
        .unwrap_or_else(|| format!("@{t}"))
}

/// `2021-06-01`: the calendar date of an instant.
pub fn format_date(t: Instant) -> String {
    format_instant(t).chars().take(10).collect()
}

/// `09:00:40`: the time of day of an instant.
pub fn format_time(t: Instant) -> String {
    format_instant(t).chars().skip(11).take(8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
