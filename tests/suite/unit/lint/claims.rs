//! Tests of `mfa_sim::lint::claims` (`src/lint/claims.rs`), through its public API.

use mfa_sim::lint::claims::*;

#[test]
fn every_claim_names_a_rule_of_the_registry() {
    for c in CLAIMS {
        assert!(mfa_sim::rules::rule(c.rule).is_some(), "{}", c.says);
    }
}

#[test]
fn claims_are_found_by_their_words() {
    let found: Vec<u8> = in_sentence("this is a one time use password so delete it")
        .map(|c| c.rule)
        .collect();
    assert_eq!(found, [22]);
    assert_eq!(in_sentence("click next").count(), 0);
}
