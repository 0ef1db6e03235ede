//! The service side the listeners share: which tenant a credential is checked against, who is
//! told of each sign-in row, and the bounds every connection keeps.
//!
//! A credential is never judged here: [`Exchange::sign_in`] hands it to the tenant's
//! basic-authentication rule (`Tenant::basic_sign_in`) on the simulation's own date and
//! passes the tenant's answer back. The tenant can be swapped ([`Exchange::attach`]) when a
//! trainer session starts again with a new simulation; connections already open keep asking
//! whichever tenant is attached when they next sign in.

use mfa_sim::records::{Protocol, SignInRow};
use mfa_sim::tenant::{BasicOutcome, TenantHandle};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Semaphore, broadcast};

/// The bounds of every connection (real time: they guard the sockets, not the simulation).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Longest command line in bytes (IMAP, POP3, SMTP), CRLF included.
    pub line_bytes: usize,
    /// Largest IMAP literal and largest whole IMAP command.
    pub literal_bytes: usize,
    /// Largest message accepted by SMTP `DATA`.
    pub message_bytes: usize,
    /// Connections open at once, all four protocols together.
    pub connections: usize,
    /// A client that sends nothing for this long is disconnected (for ActiveSync: that does
    /// not finish a request's headers; and no connection lasts ten times this).
    pub idle: Duration,
    /// Failed sign-ins on one connection before it is closed.
    pub failures_per_connection: u32,
    /// Commands on one connection before it is closed (a runaway client).
    pub commands_per_connection: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line_bytes: 8 * 1024,
            literal_bytes: 64 * 1024,
            message_bytes: 1024 * 1024,
            connections: 64,
            idle: Duration::from_secs(120),
            failures_per_connection: 3,
            commands_per_connection: 10_000,
        }
    }
}

/// The mail service of the simulated tenant, shared by every listener (cheap to clone).
#[derive(Clone, Debug)]
pub struct Exchange {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The tenant asked; swapped by `attach`.
    tenant: Mutex<TenantHandle>,
    /// Each sign-in row the listeners caused, as it happens: `serve` prints them; nobody
    /// listening is fine (a send with no receiver is dropped).
    rows: broadcast::Sender<SignInRow>,
    /// One permit per open connection.
    connections: Arc<Semaphore>,
    limits: Limits,
    /// Connection tasks that panicked (a bug: none should; the tests check it stays 0).
    panics: std::sync::atomic::AtomicUsize,
}

/// A connection's claim on one of the [`Limits::connections`] slots; dropped when it closes.
#[derive(Debug)]
pub struct Slot(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit);

impl Exchange {
    /// The mail service of `tenant`, with the default bounds.
    pub fn new(tenant: TenantHandle) -> Self {
        Self::with_limits(tenant, Limits::default())
    }

    /// The mail service of `tenant` with other bounds (the tests shorten the idle time).
    pub fn with_limits(tenant: TenantHandle, limits: Limits) -> Self {
        let (rows, _) = broadcast::channel(256);
        Exchange {
            inner: Arc::new(Inner {
                tenant: Mutex::new(tenant),
                rows,
                connections: Arc::new(Semaphore::new(limits.connections)),
                limits,
                panics: std::sync::atomic::AtomicUsize::new(0),
            }),
        }
    }

    /// Ask another tenant from now on (a trainer session started again).
    pub fn attach(&self, tenant: TenantHandle) {
        *self.tenant_slot() = tenant;
    }

    /// The tenant attached now.
    pub fn tenant(&self) -> TenantHandle {
        self.tenant_slot().clone()
    }

    fn tenant_slot(&self) -> std::sync::MutexGuard<'_, TenantHandle> {
        // A panic while the slot was held cannot leave a handle half-written.
        self.inner
            .tenant
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The sign-in rows from now on, as the listeners cause them (a slow reader misses the
    /// oldest: the channel keeps 256).
    pub fn rows(&self) -> broadcast::Receiver<SignInRow> {
        self.inner.rows.subscribe()
    }

    /// The bounds.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// A connection task panicked: counted, and said on standard error.
    pub(crate) fn note_panic(&self) {
        self.inner
            .panics
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        eprintln!(
            "mfa-sim-mail: a connection ended with an internal error (a bug; please report it)"
        );
    }

    /// How many connection tasks panicked so far (none, unless there is a bug).
    pub fn panics(&self) -> usize {
        self.inner.panics.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A slot for a new connection, or none when all are taken.
    pub fn admit(&self) -> Option<Slot> {
        self.inner
            .connections
            .clone()
            .try_acquire_owned()
            .ok()
            .map(Slot)
    }

    /// A mail client at `peer` signs in as `user` with `secret` over `protocol`: the tenant's
    /// answer, and the row it added to the sign-in log (announced to [`Exchange::rows`]).
    pub fn sign_in(
        &self,
        user: &str,
        secret: &str,
        protocol: Protocol,
        peer: SocketAddr,
    ) -> BasicOutcome {
        let tenant = self.tenant();
        let mut t = tenant.lock();
        let outcome = t.basic_sign_in(user, secret, protocol, &client_name(protocol, peer));
        if let Some(row) = t.sign_in_log().last() {
            let _ = self.inner.rows.send(row.clone());
        }
        outcome
    }
}

/// The "Application" column of a row a real client caused, in the simulator's words: the
/// protocol and the address it came from (no port, which changes with every connection).
pub fn client_name(protocol: Protocol, peer: SocketAddr) -> String {
    format!("a real {protocol} client at {}", peer.ip())
}
