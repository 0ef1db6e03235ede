//! The service side the listeners share: which tenant a credential is checked against, who is
//! told of each sign-in row, what each user's messages and flags are, and the bounds every
//! connection keeps.
//!
//! A credential is never judged here: [`Exchange::sign_in`] hands it to the tenant's
//! basic-authentication rule (`Tenant::basic_sign_in`) on the simulation's own date and
//! passes the tenant's answer back, unless the address has used its tries for now
//! ([`crate::throttle`]), in which case the tenant is not asked. The tenant can be swapped
//! ([`Exchange::attach`]) when a trainer session starts again with a new simulation;
//! connections already open keep asking whichever tenant is attached when they next sign in.

use crate::imap::flags::Flags;
use crate::mailbox::{Message, inbox};
use crate::throttle::{Throttle, Throttled};
use mfa_sim::clock::Instant;
use mfa_sim::records::{BasicRefusal, Protocol, SignInRow};
use mfa_sim::tenant::{BasicOutcome, Tenant, TenantHandle};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
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
    /// Connections open at once from one address.
    pub connections_per_address: usize,
    /// A client that sends nothing for this long before it signs in is disconnected (for
    /// ActiveSync: that does not finish a request's headers).
    pub idle: Duration,
    /// How long a signed-in client may say nothing: the RFCs' least autologout times.
    pub signed_in_idle: SignedInIdle,
    /// No connection lasts longer than this, whatever it does.
    pub lifetime: Duration,
    /// Failed sign-ins on one connection before it is closed.
    pub failures_per_connection: u32,
    /// Commands on one connection before it is closed (a runaway client).
    pub commands_per_connection: u32,
    /// Sign-in tries one address may make in a minute (real time), reconnecting or not;
    /// beyond them a try is refused without asking the tenant.
    pub sign_ins_per_minute: u32,
    /// Sign-in tries the server takes in all, from every address, before it refuses every
    /// other one (a last bound on the sign-in log).
    pub sign_ins_in_all: u64,
}

/// The idle time after signing in, per protocol.
#[derive(Clone, Copy, Debug)]
pub struct SignedInIdle {
    /// IMAP: at least 30 minutes (RFC 3501, 5.4).
    pub imap: Duration,
    /// POP3: at least 10 minutes (RFC 1939, 3).
    pub pop: Duration,
    /// SMTP: 5 minutes for a command (RFC 5321, 4.5.3.2.7).
    pub smtp: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line_bytes: 8 * 1024,
            literal_bytes: 64 * 1024,
            message_bytes: 1024 * 1024,
            connections: 64,
            connections_per_address: 16,
            idle: Duration::from_secs(120),
            signed_in_idle: SignedInIdle {
                imap: Duration::from_secs(30 * 60),
                pop: Duration::from_secs(10 * 60),
                smtp: Duration::from_secs(5 * 60),
            },
            lifetime: Duration::from_secs(60 * 60),
            failures_per_connection: 3,
            commands_per_connection: 10_000,
            sign_ins_per_minute: 30,
            sign_ins_in_all: 10_000,
        }
    }
}

/// What a sign-in came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// The tenant let the client in.
    Accepted {
        /// The user's sign-in name as the tenant knows it (whatever case the client typed).
        user: String,
        /// The user's INBOX.
        messages: Vec<Message>,
    },
    /// The tenant refused, and why (for the protocol's reply; the log has the reason).
    Refused(BasicRefusal),
    /// The listener refused without asking the tenant: no row.
    Throttled(Throttled),
}

/// The mail service of the simulated tenant, shared by every listener (cheap to clone).
#[derive(Clone, Debug)]
pub struct Exchange {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The tenant asked and what goes with it; swapped by `attach`.
    attached: Mutex<Attached>,
    /// Each sign-in row the listeners caused, as it happens: `serve` prints them; nobody
    /// listening is fine (a send with no receiver is dropped).
    rows: broadcast::Sender<SignInRow>,
    /// One permit per open connection.
    connections: Arc<Semaphore>,
    /// Open connections per address (an address with none is not kept).
    per_address: Mutex<HashMap<IpAddr, usize>>,
    /// Sign-in tries per address and in all.
    throttle: Mutex<Throttle>,
    limits: Limits,
    /// Connection tasks that panicked (a bug: none should; the tests check it stays 0).
    panics: std::sync::atomic::AtomicUsize,
}

/// The tenant attached, the instant its mailboxes are dated from, and the flags its users'
/// clients set (kept while this tenant is attached: a new simulation starts with none).
#[derive(Debug)]
struct Attached {
    tenant: TenantHandle,
    /// The tenant's time when it was attached: the messages are dated before it, so a UID
    /// names the same message however simulated time moves.
    since: Instant,
    /// Each signed-in user's flags, one per message (at most one entry per user of the
    /// tenant: only a sign-in the tenant accepted makes one).
    flags: HashMap<String, Vec<Flags>>,
}

impl Attached {
    fn new(tenant: TenantHandle) -> Self {
        let since = tenant.lock().now();
        Attached {
            tenant,
            since,
            flags: HashMap::new(),
        }
    }
}

/// A connection's claim on one of the [`Limits::connections`] slots and on one of its
/// address's; given back when dropped (the connection closed).
#[derive(Debug)]
pub struct Slot {
    _permit: tokio::sync::OwnedSemaphorePermit,
    exchange: Exchange,
    address: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.exchange.per_address();
        if let Some(n) = open.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.address);
            }
        }
    }
}

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
                attached: Mutex::new(Attached::new(tenant)),
                rows,
                connections: Arc::new(Semaphore::new(limits.connections)),
                per_address: Mutex::new(HashMap::new()),
                throttle: Mutex::new(Throttle::new(
                    limits.sign_ins_per_minute,
                    limits.sign_ins_in_all,
                )),
                limits,
                panics: std::sync::atomic::AtomicUsize::new(0),
            }),
        }
    }

    /// Ask `tenant` from now on. The trainer calls this after every command with its
    /// session's tenant: only another tenant (a session started again) changes anything; its
    /// mailboxes are dated from its time now, and nobody's flags are kept.
    pub fn attach(&self, tenant: TenantHandle) {
        let mut attached = self.attached();
        // The tenant each handle holds, by address: the old handle is alive while compared.
        let at = |t: &TenantHandle| std::ptr::from_ref::<Tenant>(&t.lock()) as usize;
        if at(&attached.tenant) != at(&tenant) {
            *attached = Attached::new(tenant);
        }
    }

    /// The tenant attached now.
    pub fn tenant(&self) -> TenantHandle {
        self.attached().tenant.clone()
    }

    fn attached(&self) -> MutexGuard<'_, Attached> {
        // A panic while one of these was held cannot leave it half-written.
        self.inner
            .attached
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn per_address(&self) -> MutexGuard<'_, HashMap<IpAddr, usize>> {
        self.inner
            .per_address
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

    /// A slot for a new connection from `address`, or none when all are taken, or all of
    /// that address's.
    pub fn admit(&self, address: IpAddr) -> Option<Slot> {
        let mut open = self.per_address();
        let mine = open.get(&address).copied().unwrap_or(0);
        if mine >= self.inner.limits.connections_per_address {
            return None;
        }
        let permit = self.inner.connections.clone().try_acquire_owned().ok()?;
        open.insert(address, mine + 1);
        drop(open);
        Some(Slot {
            _permit: permit,
            exchange: self.clone(),
            address,
        })
    }

    /// A mail client at `peer` signs in as `user` with `secret` over `protocol`: the tenant's
    /// answer (its row announced to [`Exchange::rows`]), or the listener's refusal when the
    /// address has used its tries for now.
    pub fn sign_in(
        &self,
        user: &str,
        secret: &str,
        protocol: Protocol,
        peer: SocketAddr,
    ) -> SignIn {
        let taken = self
            .inner
            .throttle
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take(peer.ip());
        if let Err(why) = taken {
            return SignIn::Throttled(why);
        }
        let attached = self.attached();
        let mut t = attached.tenant.lock();
        let outcome = t.basic_sign_in(user, secret, protocol, &client_name(protocol, peer));
        if let Some(row) = t.sign_in_log().last() {
            let _ = self.inner.rows.send(row.clone());
        }
        match outcome {
            BasicOutcome::Refused(why) => SignIn::Refused(why),
            BasicOutcome::Accepted { .. } => {
                let Some(id) = t.find(user) else {
                    // Accepted means the tenant knows the name; kept apart from a panic.
                    return SignIn::Refused(BasicRefusal::BadCredentials);
                };
                SignIn::Accepted {
                    user: t.user(id).upn.clone(),
                    messages: inbox(&t, id, attached.since),
                }
            }
        }
    }

    /// `user`'s flags for `count` messages, as the clients left them while this tenant is
    /// attached.
    pub fn flags(&self, user: &str, count: usize) -> Vec<Flags> {
        let mut flags = self.attached().flags.get(user).cloned().unwrap_or_default();
        flags.resize(count, Flags::default());
        flags
    }

    /// Keep `user`'s flags (a user the tenant let in: the map stays as small as the tenant).
    pub fn keep_flags(&self, user: &str, flags: &[Flags]) {
        self.attached()
            .flags
            .insert(user.to_string(), flags.to_vec());
    }
}

/// The "Application" column of a row a real client caused, in the simulator's words: the
/// protocol and the address it came from (no port, which changes with every connection).
pub fn client_name(protocol: Protocol, peer: SocketAddr) -> String {
    format!("a real {protocol} client at {}", peer.ip())
}
