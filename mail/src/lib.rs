//! Real mail clients against the simulated tenant: IMAP, POP3, SMTP submission and Exchange
//! ActiveSync listeners, each a tokio task, that take a user name and a password the way a
//! mail app of 2021 did and ask the tenant's own basic-authentication rule
//! (`mfa_sim::tenant::Tenant::basic_sign_in`) whether to let it in.
//!
//! This is a **training server**: it speaks plain text (no TLS), keeps a small generated
//! mailbox per user, discards what is submitted, and listens on 127.0.0.1 unless told
//! otherwise. Everything it decides about a credential, the tenant decides, on the
//! simulation's own date: the same App Password that opens IMAP on 2021-06-01 is refused on
//! today's date, because rule 24 of `mfa_sim::rules` says so, not because this crate does.
//!
//! How the parts fit: [`Exchange`] is the service side every listener shares (the tenant it
//! asks, the sign-in rows it announces, each user's flags, the bounds, with [`throttle`]'s
//! limit on sign-in tries); [`Listeners`] binds the four ports and
//! owns their tasks; `imap`, `pop`, `smtp` and `activesync` each speak one protocol over
//! [`line`]'s bounded reader and [`sasl`]'s decoders; [`mailbox`] makes the messages a client
//! lists; [`setup`] has the simulated user create an App Password through the simulator's own
//! pages, for the `serve` command and the tests.

#![warn(missing_docs, unreachable_pub)]

pub mod activesync;
pub mod exchange;
pub mod imap;
pub mod line;
pub mod listeners;
pub mod mailbox;
pub mod pop;
pub mod sasl;
pub mod setup;
pub mod smtp;
pub mod throttle;

pub use exchange::{Exchange, Limits, SignIn, SignedInIdle};
pub use listeners::{Listeners, Ports};
