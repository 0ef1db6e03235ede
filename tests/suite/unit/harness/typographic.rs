//! Tests of `mfa_sim::harness::typographic` (`src/harness/typographic.rs`), through its public API.

use mfa_sim::harness::typographic::*;

#[test]
fn curly_quotes_and_apostrophes_become_straight() {
    assert_eq!(
        straighten("Dana’s page says “Can’t scan image?”"),
        "Dana's page says \"Can't scan image?\""
    );
    assert_eq!(straighten("plain \"text\""), "plain \"text\"");
}
