//! Tests of `mfa_sim::harness::params` (`src/harness/params.rs`), through its public API.

use mfa_sim::harness::params::*;
use mfa_sim::tenant::MfaState;

#[test]
fn unknown_values_list_the_known_ones() {
    let err = "Authy2".parse::<App>().unwrap_err().to_string();
    assert!(err.contains("no app called \"Authy2\"; known: "), "{err}");
    assert!(err.contains("Google Authenticator"), "{err}");
    assert_eq!("\"authy\"".parse::<App>().unwrap().0, "Authy");
    assert_eq!("2 weeks".parse::<Duration>().unwrap().0, 14 * 86_400);
    assert!("3 fortnights".parse::<Duration>().is_err());
    assert_eq!(
        "\"Enforced\"".parse::<State>().unwrap().0,
        MfaState::Enforced
    );
    assert!(format!("{:?}", "\"on\"".parse::<State>().unwrap_err()).contains("known: disabled"));
}
