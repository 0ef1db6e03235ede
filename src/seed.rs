//! The scenario's seeded source of randomness.
//!
//! Codes, secrets, numbers to match, app passwords and generated users all come from one
//! ChaCha8 stream seeded by the scenario, so the same scenario and seed always give the same
//! book. ChaCha8 is used rather than `StdRng` because its output is fixed across releases.

use fake::rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::{Arc, Mutex};

/// A cloneable handle on the scenario's random stream.
#[derive(Clone, Debug)]
pub struct Seed {
    rng: Arc<Mutex<ChaCha8Rng>>,
    origin: u64,
}

impl Seed {
    /// A stream that always gives the same values for the same `seed`.
    pub fn new(seed: u64) -> Self {
        Seed {
            rng: Arc::new(Mutex::new(ChaCha8Rng::seed_from_u64(seed))),
            origin: seed,
        }
    }

    /// A separate stream derived from the same seed and a purpose (`"password salts"`). Taking
    /// values from it leaves this stream untouched, so adding a use of randomness here does
    /// not change the codes and secrets every transcript already shows.
    pub fn substream(&self, purpose: &str) -> Seed {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(self.origin.to_le_bytes())
            .chain_update(purpose.as_bytes())
            .finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        Seed::new(u64::from_le_bytes(first))
    }

    /// Run `f` with the underlying generator (for `fake`).
    pub fn with<R>(&self, f: impl FnOnce(&mut ChaCha8Rng) -> R) -> R {
        f(&mut self.rng.lock().expect("invariant: rng lock never poisoned"))
    }

    /// A number in `0..n`.
    pub(crate) fn below(&self, n: u32) -> u32 {
        self.with(|r| r.next_u32() % n.max(1))
    }

    /// `n` decimal digits, leading zeros kept ("042917").
    pub fn digits(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }

    /// `n` lower-case letters.
    pub fn letters(&self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'a' + self.below(26) as u8))
            .collect()
    }

    /// `n` random bytes.
    pub fn bytes(&self, n: usize) -> Vec<u8> {
        let mut out = vec![0; n];
        self.with(|r| r.fill_bytes(&mut out));
        out
    }
}
