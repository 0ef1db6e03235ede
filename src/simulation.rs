//! One running simulation: a scenario's tenant, clock, seed and transcript, and the actors of
//! every person in it. Features, the book, the demo and the trainer all start here.
//!
//! Must be created inside a tokio runtime (actors are tasks).
//!
//! The simulation is where the tenant's ports are plugged in: its `Carrier` is the actors'
//! [`Switchboard`], its `SignInObserver` writes each sign-in log row to the transcript
//! ([`SignInsToTranscript`]). It also owns the [`LifetimeGuard`] of every actor task it
//! starts, directly or through a phone: dropping the `Simulation` ends them all.

use crate::actors::{
    AdminHandle, BrowserHandle, DeviceClock, Lifetime, LifetimeGuard, MailClientHandle, MailKind,
    PhoneHandle, Switchboard,
};
use crate::clock::{Clock, Instant};
use crate::records::SignInRow;
use crate::scenario::{PersonSpec, PhoneSpec, Scenario};
use crate::seed::Seed;
use crate::tenant::{Ports, SignInObserver, Tenant, TenantHandle, User};
use crate::transcript::{Actor, Output, Transcript};
use fake::Fake;
use fake::faker::name::raw::{FirstName, LastName};
use fake::locales::EN;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A person and their devices.
#[derive(Clone, Debug)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// Sign-in name.
    pub upn: String,
    /// Account password.
    pub password: String,
    /// Their browser.
    pub browser: BrowserHandle,
    /// Their mobile phone.
    pub phone: Option<PhoneHandle>,
    /// The phone on their desk (the directory's business phone), if they have one.
    pub desk_phone: Option<PhoneHandle>,
    /// Their mail apps by name.
    pub mail_apps: BTreeMap<String, MailClientHandle>,
}

impl Person {
    /// First name.
    pub(crate) fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

/// A person was named who is not in the scenario.
#[derive(Debug, thiserror::Error)]
#[error("nobody called `{0}` in this scenario (people: {1})")]
pub struct UnknownPerson(pub String, pub String);

/// The running simulation.
#[derive(Debug)]
pub struct Simulation {
    /// The scenario it was built from.
    pub scenario: Scenario,
    /// Its clock.
    pub clock: Clock,
    /// Its random source.
    pub seed: Seed,
    /// Everything observable so far.
    pub transcript: Transcript,
    /// The tenant.
    pub tenant: TenantHandle,
    /// The admin console.
    pub admin: AdminHandle,
    people: Vec<Person>,
    /// First name, full name and sign-in name (lower case) to the first person with it, so
    /// [`Simulation::person`] stays O(log n) in a large population.
    names: BTreeMap<String, usize>,
    switchboard: Switchboard,
    lifetime: Lifetime,
    /// Dropped with the simulation: ends every actor task.
    _guard: LifetimeGuard,
}

/// The tenant's sign-in log observer in a simulation: each row goes to the transcript, as
/// the sign-in log shows it.
#[derive(Debug)]
pub struct SignInsToTranscript(pub Transcript);

impl SignInObserver for SignInsToTranscript {
    fn row_added(&self, row: &SignInRow) {
        self.0
            .record(row.at, Actor::Tenant, Output::SignIn(row.clone()));
    }
}

impl Simulation {
    /// Start the scenario at its own date.
    pub async fn start(scenario: Scenario) -> Simulation {
        let at = scenario.start();
        Self::start_at(scenario, Clock::starting_at(at)).await
    }

    /// Start the scenario on another date (then-and-now checks).
    pub async fn start_on(scenario: Scenario, at: Instant) -> Simulation {
        Self::start_at(scenario, Clock::starting_at(at)).await
    }

    /// Start the scenario with a given clock (the trainer's real-phone mode uses the wall clock).
    pub(crate) async fn start_at(scenario: Scenario, clock: Clock) -> Simulation {
        let seed = Seed::new(scenario.seed);
        let transcript = Transcript::default();
        let (guard, lifetime) = Lifetime::new();
        let switchboard = Switchboard::default();
        let mut service = Tenant::new(
            &scenario.organisation,
            scenario.policy.clone(),
            clock.clone(),
            seed.clone(),
        );
        service.connect(Ports {
            carrier: Arc::new(switchboard.clone()),
            observer: Arc::new(SignInsToTranscript(transcript.clone())),
        });
        let tenant = TenantHandle::new(service);
        let admin =
            AdminHandle::spawn(tenant.clone(), clock.clone(), transcript.clone(), &lifetime);
        let mut specs = scenario.users.clone();
        if let Some(pop) = &scenario.generate {
            specs.extend(generated_people(&scenario.domain, pop, &seed));
        }
        let mut sim = Simulation {
            scenario,
            clock,
            seed,
            transcript,
            tenant,
            admin,
            people: Vec::new(),
            names: BTreeMap::new(),
            switchboard,
            lifetime,
            _guard: guard,
        };
        for spec in specs {
            sim.add_person(&spec).await;
        }
        sim
    }

    async fn add_person(&mut self, spec: &PersonSpec) {
        let id = {
            let mut t = self.tenant.lock();
            let salt = t.new_salt();
            let mut user = User::new(&spec.upn, &spec.name, &spec.password, salt);
            user.business_phone = spec.business_phone.clone();
            user.mfa = spec.mfa;
            user.role = spec.role;
            t.add_user(user)
        };
        let first = spec
            .name
            .split_whitespace()
            .next()
            .unwrap_or(&spec.name)
            .to_string();
        let browser = self.browser(&first);
        let phone = match &spec.phone {
            Some(p) => Some(self.add_phone(&first, p).await),
            None => None,
        };
        let desk_phone = match &spec.business_phone {
            Some(number) => {
                let desk = PhoneSpec {
                    number: number.clone(),
                    clock_offset: 0,
                    apps: Vec::new(),
                };
                Some(self.add_phone(&format!("{first}'s desk"), &desk).await)
            }
            None => None,
        };
        let mut mail_apps = BTreeMap::new();
        for app in &spec.mail_apps {
            let kind = app
                .kind
                .protocol()
                .map_or(MailKind::Modern, MailKind::Basic);
            let client = MailClientHandle::spawn(
                &app.name,
                kind,
                app.kind.product(),
                self.tenant.clone(),
                self.clock.clone(),
                self.transcript.clone(),
                &self.lifetime,
            );
            if app.connected {
                match kind {
                    MailKind::Modern => {
                        let _ = client.assume_connected(id).await;
                    }
                    MailKind::Basic(_) => {
                        // Set up before MFA with the account password.
                        let _ = client.enter_password(&spec.upn, &spec.password).await;
                    }
                }
            }
            mail_apps.insert(app.name.clone(), client);
        }
        let person = Person {
            name: spec.name.clone(),
            upn: spec.upn.to_lowercase(),
            password: spec.password.clone(),
            browser,
            phone,
            desk_phone,
            mail_apps,
        };
        let index = self.people.len();
        for key in [
            person.first_name().to_lowercase(),
            person.name.to_lowercase(),
            person.upn.clone(),
        ] {
            // The first person with a name keeps it, as a scan in order would find.
            self.names.entry(key).or_insert(index);
        }
        self.people.push(person);
    }

    async fn add_phone(&self, owner: &str, spec: &PhoneSpec) -> PhoneHandle {
        // Checked when the file was loaded; a number set by hand that does not normalise is
        // used as written (the phone is then simply unreachable by that name).
        let number = crate::tenant::methods::normalize_phone("1", &spec.number)
            .unwrap_or_else(|_| spec.number.clone());
        let clock = DeviceClock::new(self.clock.clone());
        clock.set_offset(spec.clock_offset);
        let phone = PhoneHandle::spawn(
            owner,
            &number,
            clock,
            self.tenant.clone(),
            self.transcript.clone(),
            self.switchboard.clone(),
            &self.lifetime,
        );
        self.switchboard.attach_phone(&number, phone.clone());
        for app in &spec.apps {
            let _ = phone.install(app).await;
        }
        phone
    }

    /// A person by first name, full name or sign-in name (case-insensitive).
    pub fn person(&self, who: &str) -> Result<&Person, UnknownPerson> {
        let w = who.trim().to_lowercase();
        self.names
            .get(&w)
            .and_then(|i| self.people.get(*i))
            .ok_or_else(|| {
                UnknownPerson(
                    who.to_string(),
                    self.people
                        .iter()
                        .map(|p| p.first_name().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
    }

    /// A new browser labelled `label` ("Unknown device"), living as long as the simulation.
    pub fn browser(&self, label: &str) -> BrowserHandle {
        BrowserHandle::spawn(
            label,
            self.tenant.clone(),
            self.clock.clone(),
            self.transcript.clone(),
            &self.lifetime,
        )
    }

    /// Counts this simulation's actor tasks still running; once the simulation is dropped
    /// the count falls to zero as the tasks notice.
    pub fn live_tasks(&self) -> crate::actors::LiveTasks {
        self.lifetime.live_tasks()
    }

    /// Everyone.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Swap a person's phone for a new one with the same number and no apps (the "new phone"
    /// ticket): texts and calls now reach the new phone; the old apps are gone.
    pub async fn replace_phone(&mut self, who: &str) -> Result<(), UnknownPerson> {
        let index = self
            .people
            .iter()
            .position(|p| p.first_name().eq_ignore_ascii_case(who) || p.upn == who.to_lowercase());
        let Some(index) = index else {
            return Err(UnknownPerson(who.to_string(), String::new()));
        };
        let first = self.people[index].first_name().to_string();
        if let Some(old) = self.people[index].phone.clone() {
            let spec = PhoneSpec {
                number: old.number.clone(),
                clock_offset: 0,
                apps: Vec::new(),
            };
            let phone = self.add_phone(&first, &spec).await;
            self.people[index].phone = Some(phone);
        }
        Ok(())
    }

    /// Let simulated time pass (never backwards, never past the end of the supported dates:
    /// see [`Clock::advance`]).
    pub fn wait(&self, seconds: i64) -> crate::clock::Advance {
        self.clock.advance(seconds)
    }
}

/// Make up `pop.count` people from the seed: same seed, same people.
fn generated_people(
    domain: &str,
    pop: &crate::scenario::Population,
    seed: &Seed,
) -> Vec<PersonSpec> {
    (0..pop.count)
        .map(|i| {
            let (first, last): (String, String) = seed.with(|rng| {
                (
                    FirstName(EN).fake_with_rng(rng),
                    LastName(EN).fake_with_rng(rng),
                )
            });
            let local = format!("{}.{}", first, last)
                .to_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "");
            let phone = pop.phones.then(|| PhoneSpec {
                number: format!("+1 425555{:04}", 1000 + i),
                clock_offset: 0,
                apps: Vec::new(),
            });
            PersonSpec {
                name: format!("{first} {last}"),
                upn: format!("{local}{i}@{domain}"),
                password: format!("{}!{}", seed.letters(6), seed.digits(4)),
                mfa: pop.mfa,
                role: Default::default(),
                business_phone: None,
                phone,
                mail_apps: Vec::new(),
            }
        })
        .collect()
}
