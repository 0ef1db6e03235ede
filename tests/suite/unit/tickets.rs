//! Tests of `mfa_sim::tickets` (`src/tickets.rs`), through its public API.

use mfa_sim::tickets::*;

fn ticket() -> Ticket {
    serde_yaml::from_str(
        "id: no-signal\nsymptom: No signal\nask: [Signal?]\nlog: nothing\nfix: use the app\nscenarios: [{file: a.feature, scenario: S}]\nexercise: ticket-no-signal\nrules: [15]\n",
    )
    .unwrap()
}

#[test]
fn a_ticket_naming_only_things_that_exist_has_no_problems() {
    let t = ticket();
    assert!(
        t.problems(|_| Ok(()), &["ticket-no-signal".into()])
            .is_empty()
    );
}

#[test]
fn every_name_that_does_not_resolve_is_a_problem() {
    let mut t = ticket();
    t.rules = vec![0, 37];
    t.exercise = "ticket-gone".into();
    let found = t.problems(|s| Err(format!("no scenario {}", s.scenario)), &[]);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found.iter().any(|p| p.contains("no scenario S")));
    assert!(found.iter().any(|p| p.contains("ticket-gone")));
    assert!(found.iter().any(|p| p.contains("rule 37")));
    assert!(found.iter().any(|p| p.contains("rule 0")));
}

#[test]
fn repeated_ids_and_unknown_keys_are_refused() {
    let twice = problems(
        &[ticket(), ticket()],
        |_| Ok(()),
        &["ticket-no-signal".into()],
    );
    assert_eq!(twice, vec!["ticket `no-signal` appears twice".to_string()]);
    let unknown: Result<Ticket, _> = serde_yaml::from_str("id: x\nsymptoms: y\n");
    assert!(unknown.is_err());
}
