//! Tests of `mfa_sim::trainer::caller` (`src/trainer/caller.rs`), through its public API.

use mfa_sim::trainer::caller::*;
use mfa_sim::trainer::exercise::{Caller, CallerIs};

#[test]
fn either_is_chosen_by_the_seed_and_repeats() {
    let caller = Caller {
        is: CallerIs::Either,
        ..Caller::default()
    };
    let picks: Vec<bool> = (0..16)
        .map(|n| impostor_this_run(&caller, &mfa_sim::seed::Seed::new(n), "x"))
        .collect();
    assert!(picks.contains(&true) && picks.contains(&false), "{picks:?}");
    for n in 0..16 {
        assert_eq!(
            impostor_this_run(&caller, &mfa_sim::seed::Seed::new(n), "x"),
            picks[n as usize]
        );
    }
    let pinned = Caller {
        is: CallerIs::Impostor,
        ..Caller::default()
    };
    assert!(impostor_this_run(
        &pinned,
        &mfa_sim::seed::Seed::new(1),
        "x"
    ));
    assert!(!impostor_this_run(
        &Caller::default(),
        &mfa_sim::seed::Seed::new(1),
        "x"
    ));
}
