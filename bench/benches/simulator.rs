//! How fast the simulated tenant is, and how it grows: `cargo bench -p mfa-sim-bench` (or
//! `cargo bench -p mfa-sim-bench -- FILTER`).
//!
//! - `sign_in`: one password + authenticator-app-code sign-in against the tenant's synchronous
//!   API (the rules the browser's flow asks: password, what is needed, open the challenge,
//!   check the code, log the success), on one thread, so the rate is per core.
//! - `load`: build a `Simulation` (tenant, people, their browser and phone actors) from the
//!   generated population of `scenarios/fabrikam-population.yaml` at 1k, 10k and 100k people.
//! - `sign_in_at_size`: the same sign-in for the last person of those populations (the worst
//!   case for any scan over the directory).
//! - `person_by_name_at_size`: `Simulation::person` (how steps and the trainer find someone)
//!   for the last person of those populations.
//!
//! Divan's `AllocProfiler` is the global allocator here, so every figure comes with the
//! number and size of the allocations it made. Only the bench reads the machine's clock (divan
//! does); the tenant runs on simulated time.

use divan::{AllocProfiler, Bencher};
use mfa_sim::clock::Clock;
use mfa_sim::scenario::{Population, Scenario};
use mfa_sim::tenant::methods::Method;
use mfa_sim::tenant::oath::Oath;
use mfa_sim::tenant::{
    ClientKind, CodeCheck, PasswordCheck, Purpose, SignInNeed, Tenant, VerifyOption,
};
use mfa_sim::{Simulation, tenant::MfaState};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// The shipped population scenario with `count` generated people.
fn population(count: usize) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../scenarios/fabrikam-population.yaml");
    let mut scenario = Scenario::load(&path).expect("shipped scenario loads");
    scenario.generate = Some(Population {
        count,
        mfa: MfaState::Enabled,
        phones: true,
    });
    scenario
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime")
}

/// Someone who can sign in with a password and a TOTP app the tenant knows.
struct Account {
    upn: String,
    password: String,
    app: Oath,
}

/// Start the simulation and give the last person a software token (their "app").
fn with_token(rt: &tokio::runtime::Runtime, scenario: Scenario) -> (Simulation, Account) {
    let sim = rt.block_on(Simulation::start(scenario));
    let person = sim.people().last().expect("someone").clone();
    let app = Oath::new(&[42; 20], "Fabrikam", &person.upn).expect("a valid secret");
    {
        let mut t = sim.tenant.lock();
        let id = t.id_of(&person.upn).expect("in the tenant");
        let now = t.now();
        t.user_mut(id)
            .info
            .add(
                Method::SoftwareToken {
                    oath: app.clone(),
                    last_step: None,
                },
                now,
            )
            .expect("room for a token");
    }
    let account = Account {
        upn: person.upn.clone(),
        password: person.password.clone(),
        app,
    };
    (sim, account)
}

/// One sign-in: the app shows its code 30 s after the last one (a code is single-use), the
/// person types password then code.
fn sign_in(t: &mut Tenant, clock: &Clock, who: &Account) {
    clock.advance(30);
    let code = who.app.code_at(clock.now());
    let PasswordCheck::Ok(id) =
        t.check_password(&who.upn, &who.password, "Office 365", ClientKind::Browser)
    else {
        panic!("password refused");
    };
    let SignInNeed::Verify(options) = t.sign_in_need(id, None) else {
        panic!("no second factor asked");
    };
    assert!(options.contains(&VerifyOption::AppCode));
    let challenge = t
        .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
        .expect("challenge opens");
    assert_eq!(t.submit_code(challenge, &code), CodeCheck::Accepted);
    t.log(
        &who.upn,
        "Office 365",
        ClientKind::Browser,
        Some("Authenticator app code".to_string()),
        mfa_sim::records::SignInResult::Success,
        "signed in",
    );
}

/// Password + app code against the shipped 26-person population.
#[divan::bench(sample_count = 100, sample_size = 100)]
fn sign_in_password_and_app_code(bencher: Bencher) {
    let rt = runtime();
    let (sim, who) = with_token(&rt, population(25));
    bencher.bench_local(|| sign_in(&mut sim.tenant.lock(), &sim.clock, &who));
}

/// Build the simulation for a generated population of `n` people.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 3, sample_size = 1)]
fn load(bencher: Bencher, n: usize) {
    bencher
        .with_inputs(|| (runtime(), population(n)))
        .bench_local_values(|(rt, scenario)| {
            let sim = rt.block_on(Simulation::start(scenario));
            (rt, sim)
        });
}

/// One sign-in by the last person of a population of `n`.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 20, sample_size = 20)]
fn sign_in_at_size(bencher: Bencher, n: usize) {
    let rt = runtime();
    let (sim, who) = with_token(&rt, population(n));
    bencher.bench_local(|| sign_in(&mut sim.tenant.lock(), &sim.clock, &who));
}

/// How the features and the trainer find a person by name, in a population of `n`.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 20, sample_size = 20)]
fn person_by_name_at_size(bencher: Bencher, n: usize) {
    let rt = runtime();
    let sim = rt.block_on(Simulation::start(population(n)));
    let last = sim.people().last().expect("someone").upn.clone();
    bencher.bench_local(|| sim.person(divan::black_box(&last)).map(|p| p.upn.len()));
}
