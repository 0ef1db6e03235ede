//! How often the listeners let a client try a password: the simulator's own guard for a
//! training server, not a rule of the simulated service (the tenant's smart lockout is that).
//!
//! Every address gets a bucket of [`crate::Limits::sign_ins_per_minute`] tries that refills
//! at that rate in real time; and a server takes at most [`crate::Limits::sign_ins_in_all`]
//! tries in its life. A try beyond either is refused by the listener without asking the
//! tenant, so it adds no sign-in log row: reconnecting does not buy more tries, and the log
//! (which a trainer reads after each row) stays small. Real time is read here only, for the
//! sockets' sake; the simulation never sees it.

use std::collections::HashMap;
use std::net::IpAddr;
use tokio::time::Instant;

/// Why a try was refused without asking the tenant; its `Display` is the simulator's sentence
/// each protocol puts after its own refusal code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttled {
    /// This address used its tries for now.
    Address,
    /// The server took all the tries it takes in one run.
    Total,
}

impl std::fmt::Display for Throttled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Throttled::Address => {
                "too many sign-ins from this address; try again in a minute (training server)"
            }
            Throttled::Total => {
                "this training server has taken all the sign-ins it takes; start it again (training server)"
            }
        })
    }
}

/// The most addresses remembered at once; beyond it, buckets already full again are forgotten
/// and, if none is, a new address waits (memory stays bounded whoever connects).
const ADDRESSES: usize = 4096;

/// The buckets, one per address, and the count of all tries.
#[derive(Debug)]
pub(crate) struct Throttle {
    per_minute: u32,
    in_all: u64,
    taken: u64,
    buckets: HashMap<IpAddr, Bucket>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Throttle {
    pub(crate) fn new(per_minute: u32, in_all: u64) -> Self {
        Throttle {
            per_minute,
            in_all,
            taken: 0,
            buckets: HashMap::new(),
        }
    }

    /// One try from `address` now: taken, or why not.
    pub(crate) fn take(&mut self, address: IpAddr) -> Result<(), Throttled> {
        if self.taken >= self.in_all {
            return Err(Throttled::Total);
        }
        let now = Instant::now();
        let full = f64::from(self.per_minute);
        let refill = |b: &Bucket| {
            (b.tokens + now.duration_since(b.at).as_secs_f64() * full / 60.0).min(full)
        };
        if !self.buckets.contains_key(&address) && self.buckets.len() >= ADDRESSES {
            self.buckets.retain(|_, b| refill(b) < full);
            if self.buckets.len() >= ADDRESSES {
                return Err(Throttled::Address);
            }
        }
        let bucket = self.buckets.entry(address).or_insert(Bucket {
            tokens: full,
            at: now,
        });
        let tokens = refill(bucket);
        if tokens < 1.0 {
            return Err(Throttled::Address);
        }
        *bucket = Bucket {
            tokens: tokens - 1.0,
            at: now,
        };
        self.taken += 1;
        Ok(())
    }
}
