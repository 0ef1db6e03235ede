//! Tests of `mfa_sim::harness::world` (`src/harness/world.rs`), through its public API.

use cucumber::gherkin::{Step, StepType};
use mfa_sim::harness::world::pins_itself;

fn step(value: &str) -> Step {
    Step {
        keyword: "Given ".into(),
        ty: StepType::Given,
        value: value.into(),
        docstring: None,
        table: None,
        span: Default::default(),
        position: Default::default(),
    }
}

#[test]
fn a_date_or_another_tenant_pins_the_guides_tenant_does_not() {
    let pinned = |v: &str| pins_itself(&[step("a user called Dana"), step(v)]);
    assert!(!pinned(r#"the tenant from "contoso""#));
    assert!(pinned(r#"the tenant from "contoso" on 2024-01-15"#));
    assert!(pinned(r#"the tenant from "contoso-today""#));
    // An outline's example is only known when it runs: replayed.
    assert!(!pinned(r#"the tenant from "<tenant>""#));
    assert!(!pins_itself(&[step("Dana opens the sign-in page")]));
}
