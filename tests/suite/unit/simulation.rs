//! Tests of `mfa_sim::simulation` (`src/simulation.rs`), through its public API.

use mfa_sim::scenario::Scenario;
use mfa_sim::simulation::*;

#[tokio::test]
async fn generated_people_come_from_the_seed() {
    let path = crate::common::repo().tenant("fabrikam-population");
    let names = |sim: &Simulation| {
        sim.people()
            .iter()
            .map(|p| format!("{} {}", p.name, p.upn))
            .collect::<Vec<_>>()
    };
    let a = Simulation::start(Scenario::load(&path).unwrap()).await;
    let b = Simulation::start(Scenario::load(&path).unwrap()).await;
    assert_eq!(a.people().len(), 26);
    assert_eq!(names(&a), names(&b));
    let mut other = Scenario::load(&path).unwrap();
    other.seed += 1;
    let c = Simulation::start(other).await;
    assert_ne!(names(&a), names(&c), "another seed, other people");
    assert!(a.people()[1].upn.ends_with("@fabrikam.com"));
}

/// Dana's phone with Microsoft Authenticator activated for push; returns the app.
async fn activated(sim: &Simulation) -> mfa_sim::actors::AuthenticatorHandle {
    let dana = sim.person("Dana").unwrap().clone();
    let phone = dana.phone.clone().unwrap();
    assert!(phone.install("Microsoft Authenticator").await.unwrap());
    let app = phone.authenticator().await.unwrap().unwrap();
    app.accept_terms().await.unwrap();
    let payload = {
        let mut t = sim.tenant.lock();
        let id = t.id_of(&dana.upn).unwrap();
        t.start_authenticator_setup(id).unwrap()
    };
    app.scan(&payload).await.unwrap().unwrap();
    app
}

/// Open the activated app's test request (a push to its device).
fn push_test(sim: &Simulation) {
    let mut t = sim.tenant.lock();
    let id = t.id_of("dana@contoso.com").unwrap();
    t.start_authenticator_test(id, false).unwrap().unwrap();
}

#[tokio::test]
async fn an_account_removed_from_the_app_takes_its_push_registration_with_it() {
    let path = crate::common::repo().tenant("contoso");
    let sim = Simulation::start(Scenario::load(&path).unwrap()).await;
    let app = activated(&sim).await;
    push_test(&sim);
    assert!(
        app.pending().await.unwrap().is_some(),
        "the request arrives"
    );
    let removed = app.remove_accounts(Some("dana@contoso.com")).await.unwrap();
    assert_eq!(removed, vec!["dana@contoso.com".to_string()]);
    assert!(app.accounts().await.unwrap().is_empty());
    assert!(
        app.pending().await.unwrap().is_none(),
        "its request went with it"
    );
    push_test(&sim);
    assert!(
        app.pending().await.unwrap().is_none(),
        "a new request reaches nothing"
    );
}

#[tokio::test]
async fn a_phone_offline_gets_no_push_until_it_is_online_again() {
    let path = crate::common::repo().tenant("contoso-today");
    let sim = Simulation::start(Scenario::load(&path).unwrap()).await;
    let app = activated(&sim).await;
    let phone = sim.person("Dana").unwrap().phone.clone().unwrap();
    phone.set_online(false);
    push_test(&sim);
    assert!(
        app.pending().await.unwrap().is_none(),
        "no request reaches an offline phone"
    );
    // Mobile signal alone does not matter to the app: back online, requests arrive.
    phone.set_signal(false).await.unwrap();
    phone.set_online(true);
    push_test(&sim);
    assert!(app.pending().await.unwrap().is_some(), "online again");
}

#[tokio::test]
async fn a_new_phone_takes_the_number_and_a_wiped_old_one_keeps_nothing() {
    let path = crate::common::repo().tenant("contoso");
    let mut sim = Simulation::start(Scenario::load(&path).unwrap()).await;
    let app = activated(&sim).await;
    let old = sim.person("Dana").unwrap().phone.clone().unwrap();
    sim.replace_phone("Dana").await.unwrap();
    let new = sim.person("Dana").unwrap().phone.clone().unwrap();
    assert_eq!(new.number, old.number);
    assert!(new.apps().await.unwrap().is_empty());
    // Kept as it is, the old phone still gets the app's requests.
    push_test(&sim);
    assert!(app.pending().await.unwrap().is_some());
    old.wipe().await.unwrap();
    assert!(old.apps().await.unwrap().is_empty());
    assert!(old.authenticator().await.unwrap().is_none());
    push_test(&sim);
    assert!(app.accounts().await.unwrap().is_empty());
}

#[tokio::test]
async fn dropping_a_simulation_ends_every_actor_task() {
    let path = crate::common::repo().tenant("contoso");
    let sim = Simulation::start(Scenario::load(&path).unwrap()).await;
    // Tasks that refer to each other: a phone and the apps it spawned, an Authenticator
    // activated for push (the switchboard, held by the tenant, holds its handle, and its
    // own task holds the tenant), a browser started after the people.
    let app = activated(&sim).await;
    let phone = sim.person("Dana").unwrap().phone.clone().unwrap();
    assert!(phone.install("Google Authenticator").await.unwrap());
    let _stranger = sim.browser("Unknown device");

    let live = sim.live_tasks();
    let people = sim.people().len();
    assert!(
        live.count() > people + 3,
        "admin, browsers, phones, mail apps and both phone apps run ({} live)",
        live.count()
    );
    drop(sim);
    // Handles are still held here (dana, phone, app): only the guard ends the tasks.
    for _ in 0..1000 {
        if live.count() == 0 {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert_eq!(live.count(), 0, "no actor task outlives its simulation");
    assert!(
        app.accounts().await.is_err(),
        "a handle outliving the simulation reports its actor gone"
    );
}
