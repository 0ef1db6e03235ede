//! Unpredictable tokens from the operating system's randomness: session ids and the CSRF token
//! each form carries, compared in constant time. (The simulation's own randomness is the
//! seeded [`crate::seed`]; this is the web front end's, see [`super::sessions`].)

use subtle::ConstantTimeEq;

/// 32 random bytes, shown as 64 lower-case hex digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Token([u8; 32]);

impl Token {
    /// A fresh token from the operating system.
    ///
    /// # Panics
    /// Only if the operating system has no randomness to give, when no safe token can exist.
    pub fn new() -> Token {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .expect("invariant: the operating system provides randomness for session tokens");
        Token(bytes)
    }

    /// Whether `given` (as a form sent it) is this token, in constant time.
    pub fn matches(&self, given: &str) -> bool {
        let mine = self.to_string();
        mine.len() == given.len() && bool::from(mine.as_bytes().ct_eq(given.as_bytes()))
    }
}

impl Default for Token {
    fn default() -> Self {
        Token::new()
    }
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a secret in a log.
        f.write_str("Token(..)")
    }
}
