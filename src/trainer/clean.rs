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
pub fn clean(text: &str) -> String {
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
