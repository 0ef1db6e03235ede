//! OATH TOTP (RFC 6238) as both sides use it: the tenant's verifier and the phone's apps.
//!
//! The simulated Microsoft Authenticator and third-party apps compute their codes with
//! [`Oath::code_at`]; the tenant checks them with [`Oath::check`]. Both wrap the same totp-rs
//! `Totp`, so the RFC test vectors exercise exactly the code path the book shows. Replay
//! protection (a code accepted once is refused again) is the caller's job in totp-rs; the
//! tenant keeps the last accepted step per token (see `methods.rs`), starting with the step of
//! the code that registered the app, and refuses that step and every earlier one.

use crate::clock::Instant;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Seconds per TOTP step, as Microsoft uses for software tokens.
pub const STEP_SECONDS: i64 = 30;

/// A TOTP credential (secret plus its label).
#[derive(Clone, Debug)]
pub struct Oath {
    totp: Totp,
}

/// A TOTP credential could not be made or read.
#[derive(Debug, thiserror::Error)]
pub enum OathError {
    /// The secret or label broke an RFC rule (too short, a colon in the label...).
    #[error("not a valid TOTP secret: {0}")]
    Secret(String),
    /// The text is not an `otpauth://totp/...` URI.
    #[error("not an otpauth:// TOTP link: {0}")]
    Uri(String),
}

/// How a typed code relates to a token at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeMatch {
    /// Valid now (within the allowed skew); the matched step.
    Current(u64),
    /// It was this token's code a little while ago, but its time has passed.
    Old,
    /// Not this token's code.
    NoMatch,
}

impl Oath {
    /// A 6-digit SHA-1 30-second credential for `account` at `issuer`.
    pub fn new(secret: &[u8], issuer: &str, account: &str) -> Result<Self, OathError> {
        Self::with_digits(secret, issuer, account, 6)
    }

    /// Like [`Oath::new`] with another code length (the RFC vectors use 8).
    pub fn with_digits(
        secret: &[u8],
        issuer: &str,
        account: &str,
        digits: usize,
    ) -> Result<Self, OathError> {
        let totp = Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(digits as u8)
            .with_skew(0)
            .with_step_duration(STEP_SECONDS as u64)
            .with_secret(Secret::from(secret.to_vec()))
            .with_issuer(Some(issuer.replace(':', " ")))
            .with_account_name(account.replace(':', " "))
            .build()
            .map_err(|e| OathError::Secret(e.to_string()))?;
        Ok(Oath { totp })
    }

    /// Read an `otpauth://totp/...` link, as an authenticator app does when it scans a QR code.
    pub fn from_uri(uri: &str) -> Result<Self, OathError> {
        let totp = Totp::from_url(uri).map_err(|e| OathError::Uri(e.to_string()))?;
        Ok(Oath { totp })
    }

    /// A credential typed in by hand: the secret key as the page shows it (Base32; spaces and
    /// letter case do not matter, as in the real apps) and a label the person chooses.
    pub fn from_key(key: &str, issuer: &str, account: &str) -> Result<Self, OathError> {
        let clean: String = key
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let secret =
            Secret::try_from_base32(&clean).map_err(|e| OathError::Secret(e.to_string()))?;
        Self::new(&secret, issuer, account)
    }

    /// The `otpauth://` link a QR code carries.
    pub fn uri(&self) -> String {
        self.totp.to_url().unwrap_or_default()
    }

    /// The secret in base32, as shown under "Can't scan image?".
    pub fn secret_base32(&self) -> String {
        self.totp.secret().to_base32()
    }

    /// The account label.
    pub fn account(&self) -> String {
        self.totp.account_name().to_string()
    }

    /// The issuer label.
    pub(crate) fn issuer(&self) -> String {
        self.totp.issuer().map(str::to_string).unwrap_or_default()
    }

    /// The code this token shows at `t`.
    pub fn code_at(&self, t: Instant) -> String {
        self.totp.generate(t.max(0) as u64).to_string()
    }

    /// Check a typed code at `t`, allowing `skew` steps either side, and recognising codes up
    /// to `lookback` steps old as expired rather than wrong. Spaces in the input are ignored
    /// (Microsoft Authenticator shows "406 058"). Comparisons are constant-time.
    pub fn check(&self, typed: &str, t: Instant, skew: i64, lookback: i64) -> CodeMatch {
        let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        let same = |at: Instant| bool::from(self.code_at(at).as_bytes().ct_eq(typed.as_bytes()));
        for offset in -skew..=skew {
            let at = t + offset * STEP_SECONDS;
            if at >= 0 && same(at) {
                return CodeMatch::Current((at / STEP_SECONDS) as u64);
            }
        }
        let old = (skew + 1..=lookback).any(|back| {
            let at = t - back * STEP_SECONDS;
            at >= 0 && same(at)
        });
        if old {
            CodeMatch::Old
        } else {
            CodeMatch::NoMatch
        }
    }
}
