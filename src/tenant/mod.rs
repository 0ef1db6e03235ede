//! The simulated Microsoft 365 tenant: directory, policy, security info, verification,
//! registration (passkeys included), App Passwords, basic-auth mail sign-in, sessions and
//! refresh tokens, and the sign-in log.
//!
//! [`Tenant`] is plain state with synchronous rules, shared by every actor as a
//! [`TenantHandle`] (the mini-redis `Db` pattern): the browser's flows, the phone answering a
//! call and the admin console all lock it briefly, change it, and let go. It never waits on a
//! device; it posts texts, calls and pushes through the [`telephony::Carrier`] port and tells
//! the [`telephony::SignInObserver`] port about sign-in log rows. Whoever builds the tenant
//! plugs those ports in ([`Tenant::connect`]); the tenant imports nothing from the actors.
//! Dates decide behaviour only through [`calendar`]. Its answers are typed values from
//! [`crate::records`] (results, outcomes, refusal reasons), not text.
//!
//! The real service's rules that the tenant keeps are numbered in the rule registry,
//! [`crate::rules`] (printed in the book's chapter "The service's rules, as simulated", each
//! with its source and tests); a comment here that says "rule N" means rule N there.
//!
//! Architecture invariant: the tenant never renders anything. Pages are built by `flows`
//! from what the tenant answers.

pub mod app_passwords;
pub mod calendar;
pub mod challenge;
pub mod directory;
pub mod methods;
pub mod oath;
pub mod passkeys;
pub mod policy;
pub mod sessions;
pub mod sign_in_log;
pub mod telephony;

pub mod administration;
pub mod enrolment;
pub mod fraud;
pub mod mail_auth;
pub mod security_defaults;
pub mod verification;

pub use crate::records::{ACTIVATION_SCHEME, activation_payload};
pub use calendar::Protocol;
pub use challenge::{Answer, Challenge, ChallengeState, CodeCheck, Failure, Purpose};
pub use directory::{MfaState, Role, User, UserId};
pub use enrolment::{ActivationError, PhoneSetupError};
pub use mail_auth::BasicOutcome;
pub use methods::{PhoneSlot, VerifyOption};
pub use policy::Policy;
pub use sessions::{Session, SessionCheck};
pub use sign_in_log::{Client, ClientKind, SignInResult, SignInRow};
pub use telephony::{Carrier, Ports, SignInObserver};
pub use verification::{PasswordCheck, SignInNeed, StartError};

use crate::clock::{Clock, Instant};
use crate::seed::Seed;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// The tenant shared by all actors of one simulation.
#[derive(Clone, Debug)]
pub struct TenantHandle(Arc<Mutex<Tenant>>);

impl TenantHandle {
    /// Share a tenant.
    pub fn new(tenant: Tenant) -> Self {
        TenantHandle(Arc::new(Mutex::new(tenant)))
    }

    /// Lock it for one short piece of work.
    pub fn lock(&self) -> MutexGuard<'_, Tenant> {
        self.0
            .lock()
            .expect("invariant: tenant lock never poisoned")
    }
}

/// A user was named that the tenant does not have: the simulation was driven wrongly.
#[derive(Debug, thiserror::Error)]
#[error("no user `{0}` in this tenant")]
pub struct UnknownUser(pub String);

/// The tenant's state.
#[derive(Debug)]
pub struct Tenant {
    /// Organisation name ("Contoso"), used as the issuer of app codes.
    pub organisation: String,
    /// Policy.
    pub policy: Policy,
    users: Vec<User>,
    /// Sign-in name (lower case) to the first user with it: lookups stay O(log n) however
    /// large the directory (a 100k population).
    by_upn: BTreeMap<String, UserId>,
    challenges: BTreeMap<u64, Challenge>,
    next_id: u64,
    log: Vec<SignInRow>,
    /// How the tenant reaches devices and who watches its log.
    ports: telephony::Ports,
    activations: BTreeMap<String, (UserId, oath::Oath)>,
    activated: BTreeMap<UserId, (u64, oath::Oath)>,
    /// Passkey registrations the sign-up pages opened, by the code in their QR codes.
    passkey_offers: BTreeMap<String, passkeys::PasskeyOffer>,
    clock: Clock,
    seed: Seed,
    salts: Seed,
    /// Codes of passkey requests, from their own stream so no other code shifts.
    passkey_codes: Seed,
}

impl Tenant {
    /// An empty tenant, connected to nobody (see [`Tenant::connect`]).
    pub fn new(organisation: &str, policy: Policy, clock: Clock, seed: Seed) -> Self {
        Tenant {
            organisation: organisation.to_string(),
            policy,
            users: Vec::new(),
            by_upn: BTreeMap::new(),
            challenges: BTreeMap::new(),
            next_id: 0,
            log: Vec::new(),
            ports: telephony::Ports::default(),
            activations: BTreeMap::new(),
            activated: BTreeMap::new(),
            passkey_offers: BTreeMap::new(),
            clock,
            salts: seed.substream("password salts"),
            passkey_codes: seed.substream("passkey requests"),
            seed,
        }
    }

    /// Plug in the ports the tenant talks through from now on.
    pub(crate) fn connect(&mut self, ports: telephony::Ports) {
        self.ports = ports;
    }

    /// The carrier texts, calls and pushes go through.
    pub(crate) fn carrier(&self) -> &dyn telephony::Carrier {
        self.ports.carrier.as_ref()
    }

    /// The simulated now.
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// The instant authenticator codes follow ([`Clock::code_time`]): the same as
    /// [`Tenant::now`] except in the trainer's real-phone mode on a chosen date.
    pub(crate) fn code_time(&self) -> Instant {
        self.clock.code_time()
    }

    /// The one answer to "which registration experience does a user get now": the older
    /// "Additional security verification" page or combined registration (rules 7-14; the
    /// tenant may force one; see `calendar::registration`).
    pub(crate) fn registration_experience(&self) -> policy::Registration {
        calendar::registration(self.now(), &self.policy)
    }

    /// Add a user. A user's sign-in name is fixed from then on (it is indexed).
    pub fn add_user(&mut self, user: User) -> UserId {
        let id = UserId(self.users.len());
        // The first user with a name keeps it, as a scan in directory order would find.
        self.by_upn.entry(user.upn.clone()).or_insert(id);
        self.users.push(user);
        id
    }

    /// Find a user by sign-in name (case-insensitive).
    pub fn find(&self, upn: &str) -> Option<UserId> {
        self.by_upn.get(&upn.trim().to_lowercase()).copied()
    }

    /// Find a user or say who was missing.
    pub fn id_of(&self, upn: &str) -> Result<UserId, UnknownUser> {
        self.find(upn).ok_or_else(|| UnknownUser(upn.to_string()))
    }

    /// A user.
    pub fn user(&self, id: UserId) -> &User {
        &self.users[id.0]
    }

    /// A user, to change.
    pub fn user_mut(&mut self, id: UserId) -> &mut User {
        &mut self.users[id.0]
    }

    /// All users.
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// The sign-in log.
    pub fn sign_in_log(&self) -> &[SignInRow] {
        &self.log
    }

    /// A challenge by id.
    pub fn challenge(&self, id: u64) -> Option<&Challenge> {
        self.challenges.get(&id)
    }

    /// Add a row to the sign-in log and tell the observer.
    pub fn log(
        &mut self,
        user: &str,
        app: &str,
        client: impl Into<Client>,
        method: Option<String>,
        result: SignInResult,
        detail: &str,
    ) {
        self.log_presenting(user, app, client, method, result, detail, None);
    }

    /// [`Tenant::log`] for a basic-auth sign-in that presented one of the user's App
    /// Passwords (`app_password`, its id), accepted or not.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn log_presenting(
        &mut self,
        user: &str,
        app: &str,
        client: impl Into<Client>,
        method: Option<String>,
        result: SignInResult,
        detail: &str,
        app_password: Option<u32>,
    ) {
        let client = client.into();
        let row = SignInRow {
            at: self.now(),
            user: user.to_string(),
            app: app.to_string(),
            client: client.kind,
            address: client.address,
            place: client.address.map(crate::records::place),
            method,
            result,
            detail: detail.to_string(),
            app_password,
        };
        self.ports.observer.row_added(&row);
        self.log.push(row);
    }

    /// The seeded random source.
    pub fn seed(&self) -> &Seed {
        &self.seed
    }

    /// A fresh 16-byte salt for an account password, from its own stream so that salting
    /// changes none of the codes and secrets drawn from [`Tenant::seed`].
    pub fn new_salt(&self) -> Vec<u8> {
        self.salts.bytes(16)
    }

    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}
