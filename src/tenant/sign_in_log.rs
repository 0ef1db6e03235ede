//! The tenant's sign-in log: one row per sign-in attempt, as an administrator reads it.

use crate::clock::{Instant, format_instant};
use serde::Serialize;

/// How the client signed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ClientKind {
    /// A web browser.
    Browser,
    /// A modern-authentication app (Outlook).
    ModernApp,
    /// A basic-authentication protocol.
    Legacy(super::calendar::Protocol),
}

impl std::fmt::Display for ClientKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientKind::Browser => f.write_str("Browser"),
            ClientKind::ModernApp => f.write_str("Mobile apps and desktop clients"),
            ClientKind::Legacy(p) => write!(f, "{p} (basic authentication)"),
        }
    }
}

/// One row of the sign-in log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignInRow {
    /// When.
    pub at: Instant,
    /// Who (sign-in name as typed).
    pub user: String,
    /// Application ("Office 365", "iPhone Mail").
    pub app: String,
    /// Client kind.
    pub client: ClientKind,
    /// Second factor used, if any.
    pub method: Option<String>,
    /// Success, Failure or Interrupted.
    pub result: String,
    /// Why (failure reason or what happened).
    pub detail: String,
}

impl std::fmt::Display for SignInRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} | {} | {} | {} | {} | {} | {}",
            format_instant(self.at),
            self.user,
            self.app,
            self.client,
            self.method.as_deref().unwrap_or("-"),
            self.result,
            self.detail
        )
    }
}
