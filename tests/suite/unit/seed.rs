//! Tests of `mfa_sim::seed` (`src/seed.rs`), through its public API.

use mfa_sim::seed::*;

#[test]
fn same_seed_same_values() {
    let (a, b) = (Seed::new(7), Seed::new(7));
    assert_eq!(a.digits(6), b.digits(6));
    assert_eq!(a.letters(16), b.letters(16));
    assert_ne!(Seed::new(8).digits(12), Seed::new(7).digits(12));
    let main = Seed::new(7);
    let salts = main.substream("password salts");
    let _ = salts.bytes(16);
    assert_eq!(
        main.digits(6),
        Seed::new(7).digits(6),
        "a substream leaves the main stream alone"
    );
    assert_eq!(
        Seed::new(7).substream("x").digits(6),
        Seed::new(7).substream("x").digits(6)
    );
}
