//! The simulation's only source of "now".
//!
//! Every scenario owns one [`Clock`]. In simulated mode time stands still until the
//! simulation says "40 seconds pass"; nothing sleeps. The trainer's real-phone mode uses the
//! wall clock instead, so that codes from a real authenticator app line up. No other module
//! reads the system time: that is an architecture invariant (see ARCHITECTURE.md).
//!
//! Supported dates: every date or time a person gives (a scenario's `date:`, `--date`, `--at`)
//! must fall between [`EARLIEST`] (2000-01-01 00:00:00 UTC) and [`LATEST`]
//! (2100-12-31 23:59:59 UTC), both included; [`parse_instant`] refuses anything else. The
//! simulated clock never runs backwards and never passes [`LATEST`]: [`Clock::advance`]
//! ignores a negative amount and stops at the end of the window, and says which it did
//! ([`Advance`]).

use std::sync::{Arc, Mutex};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

/// Seconds since the Unix epoch, in simulated time.
pub type Instant = i64;

/// A scenario's clock. Cloning gives another handle on the same time.
#[derive(Clone, Debug)]
pub struct Clock {
    source: Source,
}

/// Where a [`Clock`] takes "now" from.
#[derive(Clone, Debug)]
enum Source {
    /// Simulated: the shared current instant, moved only by [`Clock::advance`].
    Simulated(Arc<Mutex<Instant>>),
    /// The machine's clock (trainer `--real-phone` only).
    Wall,
    /// The machine's clock moved by a whole number of days (trainer `--real-phone --date`):
    /// the date is the trainee's, the time of day the machine's.
    Shifted {
        /// Seconds added to the machine's time (a multiple of 86 400).
        by: i64,
    },
}

/// The first supported instant: 2000-01-01 00:00:00 UTC.
pub const EARLIEST: Instant = 946_684_800;

/// The last supported instant: 2100-12-31 23:59:59 UTC.
pub const LATEST: Instant = 4_133_980_799;

/// The supported window as people read it (used in messages).
pub(crate) const WINDOW: &str = "2000-01-01 to 2100-12-31";

/// A date or time given in a scenario or on the command line could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadTime {
    /// Not a date or time at all.
    #[error("`{text}` is not a date (YYYY-MM-DD) or an RFC 3339 time (2021-06-01T09:00:00Z)")]
    Unreadable {
        /// What was given.
        text: String,
    },
    /// A real date, but outside [`EARLIEST`]..=[`LATEST`].
    #[error("{text} is outside the supported dates {WINDOW}")]
    OutOfRange {
        /// What was given.
        text: String,
    },
}

/// What [`Clock::advance`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advance {
    /// Time moved by the whole amount; the new now.
    Moved(Instant),
    /// Time stopped at [`LATEST`] (or stayed where it was, if already there or beyond).
    Clamped(Instant),
    /// A negative amount: time does not run backwards, so nothing changed.
    Backwards(Instant),
    /// The wall clock moves by itself; nothing was done.
    Wall,
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

    /// The machine's clock, moved to the date `date` (`YYYY-MM-DD`) and keeping the machine's
    /// time of day (trainer `--real-phone --date`). See [`Clock::code_time`] for the codes.
    pub fn wall_on(date: &str) -> Result<Self, BadTime> {
        let wanted = parse_instant(date)?;
        let machine = OffsetDateTime::now_utc().unix_timestamp();
        Ok(Self::shifted_from(machine, wanted))
    }

    /// The days between `machine` and the day of `wanted`, as a shifted wall clock.
    pub fn shifted_from(machine: Instant, wanted: Instant) -> Self {
        let days = wanted.div_euclid(86_400) - machine.div_euclid(86_400);
        Clock {
            source: Source::Shifted { by: days * 86_400 },
        }
    }

    /// How far a shifted wall clock ([`Clock::shifted_from`]) runs ahead of the machine's
    /// time, in seconds (whole days; negative for an earlier date); `None` for any other clock.
    pub fn shift(&self) -> Option<i64> {
        match self.source {
            Source::Shifted { by } => Some(by),
            _ => None,
        }
    }

    /// The current instant.
    pub fn now(&self) -> Instant {
        match &self.source {
            Source::Simulated(now) => *now.lock().expect("invariant: clock lock never poisoned"),
            Source::Wall => OffsetDateTime::now_utc().unix_timestamp(),
            Source::Shifted { by } => OffsetDateTime::now_utc().unix_timestamp() + by,
        }
    }

    /// The instant authenticator codes (TOTP) follow: [`Clock::now`], except on a shifted wall
    /// clock, where it is the machine's own time. A real authenticator app on the trainee's
    /// phone reads the real clock, so the service and the simulated apps compute and check
    /// codes against that, while everything else (pages, rules, lifetimes) follows the chosen
    /// date. The simulator's choice for the trainer; the real service has one clock.
    pub fn code_time(&self) -> Instant {
        match &self.source {
            Source::Shifted { by } => self.now() - by,
            _ => self.now(),
        }
    }

    /// Move simulated time forward by `seconds`. A negative amount changes nothing
    /// ([`Advance::Backwards`]); an amount that would pass [`LATEST`] stops there
    /// ([`Advance::Clamped`]). On the wall clock this does nothing: real time moves itself.
    pub fn advance(&self, seconds: i64) -> Advance {
        let Source::Simulated(now) = &self.source else {
            // The wall clock, shifted or not, moves by itself.
            return Advance::Wall;
        };
        let mut now = now.lock().expect("invariant: clock lock never poisoned");
        if seconds < 0 {
            return Advance::Backwards(*now);
        }
        let wanted = now.saturating_add(seconds);
        if wanted <= LATEST {
            *now = wanted;
            Advance::Moved(wanted)
        } else {
            // Never backwards, even for a clock started (by hand) beyond the window.
            *now = (*now).max(LATEST);
            Advance::Clamped(*now)
        }
    }
}

/// Real time elapsed, for a status line's "in 0.3s" and nothing else: the simulation never
/// reads it. Kept here so that this file stays the only one that reads the machine's time.
#[derive(Clone, Copy, Debug)]
pub struct Stopwatch(std::time::Instant);

impl Stopwatch {
    /// Start measuring.
    pub fn start() -> Self {
        Stopwatch(std::time::Instant::now())
    }

    /// Seconds since [`Stopwatch::start`].
    pub fn seconds(&self) -> f64 {
        self.0.elapsed().as_secs_f64()
    }
}

/// Read `2021-06-01` (taken as 09:00 UTC, the start of a working day) or a full RFC 3339 time,
/// and check that it falls in the supported window ([`EARLIEST`]..=[`LATEST`]).
pub fn parse_instant(text: &str) -> Result<Instant, BadTime> {
    let bad = || BadTime::Unreadable {
        text: text.to_string(),
    };
    let at = if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        t.unix_timestamp()
    } else {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = time::Date::parse(text, &format).map_err(|_| bad())?;
        date.with_hms(9, 0, 0)
            .map_err(|_| bad())?
            .assume_utc()
            .unix_timestamp()
    };
    check_instant(at).map_err(|_| BadTime::OutOfRange {
        text: text.to_string(),
    })
}

/// Check an instant given as seconds (`--at 1700000000`) against the supported window.
pub fn check_instant(at: Instant) -> Result<Instant, BadTime> {
    if (EARLIEST..=LATEST).contains(&at) {
        Ok(at)
    } else {
        Err(BadTime::OutOfRange {
            text: at.to_string(),
        })
    }
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

/// The machine's monotonic time, for the web front end's idle expiry of sessions
/// (`web::sessions`) and nothing else: it never reaches a simulation.
pub fn machine_instant() -> std::time::Instant {
    std::time::Instant::now()
}
