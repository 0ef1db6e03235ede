//! Tests of `mfa_sim::tenant::app_passwords` (`src/tenant/app_passwords.rs`), through its public
//! API.

use mfa_sim::seed::Seed;
use mfa_sim::tenant::app_passwords::*;

#[test]
fn shown_once_stored_hashed_forty_max_and_delete_refuses() {
    let seed = Seed::new(1);
    let mut list = AppPasswords::default();
    let (id, pw) = list.create("iPhone Mail", &seed, 0).unwrap();
    assert_eq!(pw.len(), 16);
    let stored = format!("{:?}", list.records());
    assert!(!stored.contains(&pw), "plain text must not be stored");
    assert_eq!(list.matching(&pw), Some(id));
    assert_eq!(list.matching(&pw), Some(id), "reusable, not one-time");
    assert_eq!(list.matching("nottherightone!!"), None);
    for n in 1..MAX_APP_PASSWORDS {
        list.create(&format!("app {n}"), &seed, 0).unwrap();
    }
    assert_eq!(list.create("41st", &seed, 0), Err(AppPasswordError::Limit));
    assert!(list.delete(id));
    assert_eq!(list.matching(&pw), None);
    assert!(list.create("41st", &seed, 0).is_ok());
}
