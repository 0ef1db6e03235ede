//! The web's sessions: one per browser (a cookie names it), each with its own trainee and,
//! once an exercise is chosen, its own trainer session and simulation. The store is bounded in
//! number and forgets a session idle for longer than its limit.
//!
//! This and [`super::csrf`] are the one place in mfa-sim that uses the machine's clock (idle
//! expiry, through [`crate::clock::machine_instant`]) and the operating system's randomness
//! (session ids): they guard the web front end, not the simulation, which stays seeded and on
//! simulated time inside each session.

use super::csrf::Token;
use crate::trainer::Session;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many trainer replies a web session keeps to show (older ones are dropped).
pub const KEPT_REPLIES: usize = 12;

/// How many forms one attempt may send: a bound on what one session's simulation can grow to
/// (its transcript keeps every output), far above what any exercise needs.
pub const MAX_ACTIONS: u32 = 2_000;

/// One browser's state.
pub struct WebSession {
    /// The trainee's name, as entered.
    pub trainee: String,
    /// The token every form of this session carries.
    pub csrf: Token,
    /// The exercise being played, if one was chosen.
    pub play: Option<Play>,
}

/// An exercise being played in the browser.
pub struct Play {
    /// The trainer's session: the same engine as `mfa-sim train`.
    pub session: Session,
    /// The briefing shown at the start.
    pub briefing: String,
    /// The last commands and what the trainer said, newest last.
    pub replies: Vec<(String, String)>,
    /// The attempt is over (goal met, failed or quit).
    pub finished: bool,
    /// Where the attempt went: saved, not saved (why), or nothing yet.
    pub saved: Option<String>,
    /// How many trainer commands this attempt has sent (at most [`MAX_ACTIONS`]).
    pub actions: u32,
}

impl Play {
    /// Keep a command and its reply, dropping the oldest beyond [`KEPT_REPLIES`].
    pub fn keep(&mut self, command: String, reply: String) {
        self.replies.push((command, reply));
        if self.replies.len() > KEPT_REPLIES {
            let extra = self.replies.len() - KEPT_REPLIES;
            self.replies.drain(..extra);
        }
    }
}

/// A shared handle on one session (one request at a time works on it).
pub type Shared = Arc<tokio::sync::Mutex<WebSession>>;

struct Entry {
    last_used: Instant,
    session: Shared,
}

/// Why a new session was not made.
#[derive(Debug, PartialEq, Eq)]
pub struct Full {
    /// The bound.
    pub max: usize,
}

/// The bounded store of sessions, by id.
pub struct Sessions {
    entries: Mutex<HashMap<String, Entry>>,
    max: usize,
    idle: Duration,
}

impl Sessions {
    /// A store holding at most `max` sessions, each forgotten after `idle` without use.
    pub fn new(max: usize, idle: Duration) -> Sessions {
        Sessions {
            entries: Mutex::new(HashMap::new()),
            max,
            idle,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        // A panic elsewhere while holding the lock leaves the map itself whole.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forget the sessions idle for too long.
    fn sweep(map: &mut HashMap<String, Entry>, idle: Duration, now: Instant) {
        map.retain(|_, e| now.saturating_duration_since(e.last_used) <= idle);
    }

    /// A new session for `trainee`: its id (for the cookie) and the session.
    pub fn create(&self, trainee: String) -> Result<(String, Shared), Full> {
        let now = crate::clock::machine_instant();
        let mut map = self.lock();
        Self::sweep(&mut map, self.idle, now);
        if map.len() >= self.max {
            return Err(Full { max: self.max });
        }
        let id = Token::new().to_string();
        let session = Arc::new(tokio::sync::Mutex::new(WebSession {
            trainee,
            csrf: Token::new(),
            play: None,
        }));
        map.insert(
            id.clone(),
            Entry {
                last_used: now,
                session: session.clone(),
            },
        );
        Ok((id, session))
    }

    /// The session with this id, if it exists and has not been idle too long (using it
    /// counts as activity).
    pub fn get(&self, id: &str) -> Option<Shared> {
        let now = crate::clock::machine_instant();
        let mut map = self.lock();
        Self::sweep(&mut map, self.idle, now);
        let entry = map.get_mut(id)?;
        entry.last_used = now;
        Some(entry.session.clone())
    }

    /// Forget the sessions idle for longer than the limit at `now`; returns how many are
    /// left. (Each use sweeps at the machine's time; this lets a test choose the time.)
    pub fn expire_at(&self, now: Instant) -> usize {
        let mut map = self.lock();
        Self::sweep(&mut map, self.idle, now);
        map.len()
    }

    /// End a session.
    pub fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    /// How many sessions are live.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
