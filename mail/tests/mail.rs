//! The mail listeners' tests, in one binary: real clients (curl, Python's imaplib, poplib and
//! smtplib) against the listeners started inside the test on 127.0.0.1, the protocols'
//! behaviour on bad input, the limits on sign-ins and connections, the mailbox's flags and
//! UIDs, and property tests of the line readers.
//!
//! A test that needs curl or python3 says plainly that it skipped when the tool is missing,
//! and fails instead when MFA_SIM_REQUIRE_TOOLS is set (as `.ci/run` sets it).

#[path = "mail/common.rs"]
mod common;

#[path = "mail/clients.rs"]
mod clients;

#[path = "mail/robustness.rs"]
mod robustness;

#[path = "mail/parsers.rs"]
mod parsers;

#[path = "mail/train.rs"]
mod train;

#[path = "mail/serve.rs"]
mod serve;

#[path = "mail/limits.rs"]
mod limits;

#[path = "mail/mailbox.rs"]
mod mailbox;
