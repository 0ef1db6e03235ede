//! The people and devices that play the guide, each a tokio task behind a cheap handle:
//! the user's browser, phone, Microsoft Authenticator, a third-party TOTP app, mail clients
//! and the administrator's console. All use the one mechanism in `mailbox.rs`, and all live
//! exactly as long as the [`Lifetime`] they were started with. The service reaches devices
//! through the [`Switchboard`], which implements the tenant's `Carrier` port: actors know
//! the tenant, the tenant does not know actors.
//!
//! Architecture invariant: actors change the tenant only through its public rules, and every
//! thing they show a person is recorded in the transcript as they show it.

pub mod admin;
pub mod authenticator;
pub mod browser;
pub mod mail_client;
pub mod mailbox;
pub mod phone;
pub mod switchboard;
pub mod totp_app;

pub use admin::AdminHandle;
pub use authenticator::AuthenticatorHandle;
pub use browser::BrowserHandle;
pub use mail_client::{MailClientHandle, MailKind, MailProduct, PhoneMailSetup};
pub use mailbox::{ActorGone, Lifetime, LifetimeGuard, LiveTasks};
pub use phone::PhoneHandle;
pub use switchboard::Switchboard;
pub use totp_app::TotpAppHandle;

use crate::clock::{Clock, Instant};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// How long a person takes, in simulated seconds, to do things: a few seconds to type into a
/// box or to click, a little longer to answer a call or a request on the phone. Only these
/// person-paced actions move the clock (besides "N minutes pass" in a scenario), so a run's
/// time stamps read like a real sitting and stay the same from run to run.
pub mod pace {
    /// Typing into a box.
    pub(crate) const TYPE: i64 = 4;
    /// Clicking a button, link or option.
    pub(crate) const CLICK: i64 = 2;
    /// Picking up the phone and pressing keys.
    pub(crate) const ANSWER_CALL: i64 = 6;
    /// Reading a request in Microsoft Authenticator and answering it.
    pub(crate) const ANSWER_REQUEST: i64 = 4;
}

/// A device's own idea of the time: the simulation clock plus the offset its owner set
/// (wrong by minutes in the "codes don't work" ticket).
#[derive(Clone, Debug)]
pub struct DeviceClock {
    clock: Clock,
    offset: Arc<AtomicI64>,
}

impl DeviceClock {
    /// A device clock that is right.
    pub fn new(clock: Clock) -> Self {
        DeviceClock {
            clock,
            offset: Arc::new(AtomicI64::new(0)),
        }
    }

    /// What the device thinks the time is.
    pub fn now(&self) -> Instant {
        self.clock
            .now()
            .saturating_add(self.offset.load(Ordering::SeqCst))
    }

    /// The time the device's authenticator apps compute codes from: as [`DeviceClock::now`],
    /// but following [`Clock::code_time`] (the machine's own time in the trainer's real-phone
    /// mode on a chosen date).
    pub fn code_time(&self) -> Instant {
        self.clock
            .code_time()
            .saturating_add(self.offset.load(Ordering::SeqCst))
    }

    /// Set the device's clock wrong by `seconds` (0 = right).
    pub(crate) fn set_offset(&self, seconds: i64) {
        self.offset.store(seconds, Ordering::SeqCst);
    }

    /// A person spends `seconds` with the device: simulated time moves on for everyone.
    pub fn pass(&self, seconds: i64) {
        self.clock.advance(seconds);
    }

    /// How wrong the device clock is.
    pub fn offset(&self) -> i64 {
        self.offset.load(Ordering::SeqCst)
    }
}

/// An app's accounts whose name contains `account` (any case; all of them when None), taken
/// out of `accounts` in their order; the rest stay. What both authenticator apps do when the
/// person deletes accounts.
pub(crate) fn take_matching<T>(
    accounts: &mut Vec<T>,
    name: impl Fn(&T) -> &str,
    account: Option<&str>,
) -> Vec<T> {
    let account = account.map(str::to_lowercase);
    let (gone, kept) = std::mem::take(accounts).into_iter().partition(|x| {
        account
            .as_deref()
            .is_none_or(|n| name(x).to_lowercase().contains(n))
    });
    *accounts = kept;
    gone
}
