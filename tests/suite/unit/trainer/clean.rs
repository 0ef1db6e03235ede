//! Tests of `mfa_sim::trainer::clean` (`src/trainer/clean.rs`), through its public API.

use mfa_sim::trainer::clean::clean;

#[test]
fn escape_sequences_and_controls_go() {
    assert_eq!(clean("\x1b[2J\x1b]0;pwned\x07hi"), "hi");
    assert_eq!(clean("a\x1b[31;1mred\x1b[0m b"), "ared b");
    assert_eq!(
        clean("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"),
        "xlinky"
    );
    assert_eq!(clean("\x1bPq#0;2;0;0;0\x1b\\ok"), "ok");
    assert_eq!(clean("\x1b(Bplain\x1b7\x1b8"), "plain");
    assert_eq!(clean("over\rwrite\x08\x08!\x7f"), "overwrite!");
    assert_eq!(clean("c1\u{9b}2Jcsi\u{9d}title\u{9c}."), "c1csi.");
    assert_eq!(clean("bidi \u{202e}evil\u{202c} end"), "bidi evil end");
    assert_eq!(clean("unterminated \x1b]0;title"), "unterminated ");
    assert_eq!(clean("trailing \x1b"), "trailing ");
}

#[test]
fn ordinary_text_is_untouched() {
    let text = "== Sign in ==\n\tCafé, naïve, 日本語, emoji 📱 [ Next ] 1) 50%";
    assert_eq!(clean(text), text);
}

#[test]
fn a_broken_csi_ends_at_the_first_character_that_cannot_belong_to_it() {
    // That character goes with it.
    assert_eq!(clean("\x1b[12\nnext"), "next");
}
