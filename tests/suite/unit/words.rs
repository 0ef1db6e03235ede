//! Tests of `mfa_sim::words` (`src/words.rs`), through its public API.

use mfa_sim::words::*;

#[test]
fn readable() {
    assert_eq!(quoted_or_nothing(Some("x")), "\"x\"");
    assert_eq!(quoted_or_nothing(None), "nothing");
    assert_eq!(quoted_list(["a", "b"]), "\"a\", \"b\"");
    assert_eq!(quoted_list(Vec::<String>::new()), "nothing");
}

#[test]
fn a_quoted_title_is_not_quoted_twice() {
    assert_eq!(
        mfa_sim::words::quoted("Temporary Access Pass"),
        "\"Temporary Access Pass\""
    );
    assert_eq!(
        mfa_sim::words::quoted("\"Stay signed in?\""),
        "\"Stay signed in?\""
    );
    assert_eq!(mfa_sim::words::quoted("\""), "\"\"\"");
}
