//! Tests of `mfa_sim::harness::vocabulary` (`src/harness/vocabulary.rs`), through its public API.

use cucumber::codegen::{StepConstructor, WorldInventory};
use mfa_sim::harness::GuideWorld;
use mfa_sim::harness::vocabulary::*;

#[test]
fn every_registered_step_is_listed_with_an_example() {
    let listed = patterns();
    assert!(
        listed.iter().all(|p| !p.example.is_empty()),
        "a step lacks its /// Example: line"
    );
    let registered = cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Given>
        .into_iter()
        .count()
        + cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::When>
            .into_iter()
            .count()
        + cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Then>
            .into_iter()
            .count();
    let keywords: usize = listed.iter().map(|p| p.keywords.len()).sum();
    assert_eq!(registered, keywords, "steps registered vs listed");
    let _ = cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Given>
        .into_iter()
        .next()
        .map(|s| s.inner());
}
