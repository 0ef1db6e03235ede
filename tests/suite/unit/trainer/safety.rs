//! Tests of `mfa_sim::trainer::safety` (`src/trainer/safety.rs`), through its public API.

#[test]
fn strength_orders_the_states() {
    use mfa_sim::tenant::MfaState::*;
    use mfa_sim::trainer::safety::strength;
    assert!(strength(Disabled) < strength(Enabled));
    assert!(strength(Enabled) < strength(Enforced));
}

#[test]
fn citations_come_from_the_registry() {
    let cited = mfa_sim::trainer::safety::cite(6);
    let rule = mfa_sim::rules::rule(6).unwrap();
    assert!(
        cited.contains(&format!("rule 6: {}", rule.statement)),
        "{cited}"
    );
    assert_eq!(mfa_sim::trainer::safety::cite(99), "");
}
