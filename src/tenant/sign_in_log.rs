//! The tenant's sign-in log: one row per sign-in attempt, as an administrator reads it.
//!
//! The row and its columns are plain data in [`crate::records`], so the transcript can keep
//! rows without knowing the tenant; the tenant appends them ([`super::Tenant::log`]) and tells
//! its [`super::telephony::SignInObserver`].

pub use crate::records::{Client, ClientKind, SignInResult, SignInRow};
