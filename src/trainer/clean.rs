//! Text the trainer echoes to a terminal, made harmless.
//!
//! Everything the trainer shows that it did not write itself (what the trainee typed, an
//! exercise's title, briefing, goal and hints, names taken from tenant files, the messages of
//! a broken file) passes through [`clean`] first, so no file and no input can move the cursor,
//! clear the screen, set the window title, hide text or otherwise drive the terminal.

/// `text` without terminal control: escape sequences are removed whole (CSI `ESC [ ... final`,
/// OSC `ESC ] ... BEL|ST`, DCS/SOS/PM/APC `... ST`, and two-byte `ESC x`), as are their C1
/// forms (U+0080..U+009F), the other C0 controls (carriage return, backspace, bell, ...),
/// DEL, and the Unicode bidirectional overrides that reorder what is shown. Newline and tab
/// stay. An unterminated sequence swallows the rest of the text, as a terminal would.
///
/// `clean("\x1b[2J\x1b]0;pwned\x07hi")` is `"hi"`.
pub(crate) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates, then one final byte in @..~.
                Some('[') => skip_csi(&mut chars),
                // Strings, ended by BEL (OSC only) or ST (ESC \ or U+009C).
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // ESC, intermediates (space../), then one final byte: drop them all.
                Some(' '..='/') => {
                    while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
                    chars.next();
                }
                // Two-byte sequence (or a lone ESC at the end).
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() => {}
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if matches!(c, '@'..='~') || !matches!(c, ' '..='?') {
            break;
        }
    }
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' if chars.next_if_eq(&'\\').is_some() => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

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
}
