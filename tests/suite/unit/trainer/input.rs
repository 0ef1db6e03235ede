//! Tests of `mfa_sim::trainer::input` (`src/trainer/input.rs`), through its public API.

use mfa_sim::trainer::input::*;
use std::io::{self};

fn all(bytes: &[u8]) -> Vec<(usize, Line)> {
    // A tiny buffer makes lines arrive in many pieces.
    Lines::new(io::BufReader::with_capacity(7, bytes))
        .map(|l| l.map(|n| (n.number, n.line)))
        .collect::<io::Result<_>>()
        .unwrap()
}

fn text(s: &str) -> Line {
    Line::Text(s.into())
}

#[test]
fn lines_with_and_without_endings() {
    assert_eq!(
        all(b"one\r\ntwo\n\nlast"),
        vec![
            (1, text("one")),
            (2, text("two")),
            (3, text("")),
            (4, text("last"))
        ]
    );
    assert_eq!(all(b""), vec![]);
    assert_eq!(all(b"\n"), vec![(1, text(""))]);
}

#[test]
fn an_overlong_line_is_skipped_and_the_next_one_read() {
    let mut input = vec![b'x'; MAX_LINE_BYTES];
    input.extend_from_slice(b"\n");
    input.extend(vec![b'y'; MAX_LINE_BYTES + 1]);
    input.extend_from_slice(b"\r\n");
    input.extend(vec![b'z'; 100_000]);
    input.extend_from_slice(b"\nhelp");
    let lines = all(&input);
    assert_eq!(lines[0], (1, Line::Text("x".repeat(MAX_LINE_BYTES))));
    assert_eq!(lines[1], (2, Line::TooLong));
    assert_eq!(lines[2], (3, Line::TooLong));
    assert_eq!(lines[3], (4, text("help")));
    assert_eq!(
        Numbered {
            number: 3,
            line: Line::TooLong
        }
        .to_string(),
        "line 3: longer than 4096 bytes, ignored"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_number() {
    let lines = all(b"look\n\xff\xfe bad\nhint\n");
    assert_eq!(lines[1], (2, Line::NotUtf8));
    assert_eq!(lines[2], (3, text("hint")));
    assert_eq!(
        Numbered {
            number: 7,
            line: Line::NotUtf8
        }
        .to_string(),
        "line 7: not valid UTF-8, ignored"
    );
}
