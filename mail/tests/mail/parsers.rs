//! Property tests of the readers that take a client's bytes: the line framer and reader,
//! POP3's commands, SMTP's (smtp-proto behind `smtp::parse`), the SASL decoders, IMAP's
//! literal announcements and LIST patterns. None panics on any input; each gives back what
//! was put in where the input is well formed.

use mfa_sim_mail::imap::frame::{Literal, literal_at_end, tag_of};
use mfa_sim_mail::imap::reply::list_matches;
use mfa_sim_mail::line::{Line, LineReader};
use mfa_sim_mail::{pop, sasl, smtp};
use proptest::prelude::*;
use std::time::Duration;

fn read_all(input: &[u8], max: usize) -> Vec<Line> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mut reader = LineReader::new(input, max, Duration::from_secs(5));
        let mut lines = Vec::new();
        while let Ok(line) = reader.line().await {
            lines.push(line);
        }
        lines
    })
}

/// A naive LIST matcher (exponential, fine for short inputs) to check the linear one.
fn naive(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((&w, rest)) if w == b'*' || w == b'%' => (0..=name.len())
            .any(|k| (w == b'*' || !name[..k].contains(&b'/')) && naive(rest, &name[k..])),
        Some((&c, rest)) => {
            name.first().is_some_and(|&n| n.eq_ignore_ascii_case(&c)) && naive(rest, &name[1..])
        }
    }
}

proptest! {
    #[test]
    fn the_line_reader_keeps_the_bound_and_the_lines(input in proptest::collection::vec(any::<u8>(), 0..4000), max in 1usize..300) {
        let lines = read_all(&input, max);
        // Only whole lines come back (a last line without LF is dropped at the end).
        let whole: Vec<&[u8]> = input.split_inclusive(|&b| b == b'\n').filter(|l| l.ends_with(b"\n")).collect();
        prop_assert_eq!(lines.len(), whole.len());
        for (line, original) in lines.iter().zip(whole) {
            match line {
                Line::Text(text) => {
                    prop_assert!(text.len() <= max);
                    prop_assert_eq!(text.as_slice(), original);
                }
                Line::TooLong => prop_assert!(original.len() > max),
            }
        }
    }

    #[test]
    fn pop_commands_never_panic(line in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = pop::parse(&line);
    }

    #[test]
    fn pop_numbers_read_back(n in 1usize..1_000_000, lines in 0usize..1000) {
        prop_assert_eq!(pop::parse(format!("RETR {n}\r\n").as_bytes()), Ok(pop::Command::Retr(n)));
        prop_assert_eq!(pop::parse(format!("top {n} {lines}").as_bytes()), Ok(pop::Command::Top(n, lines)));
        prop_assert_eq!(pop::parse(format!("LIST {n}\r\n").as_bytes()), Ok(pop::Command::List(Some(n))));
    }

    #[test]
    fn pop_passwords_keep_their_spaces(secret in "[ -~]{1,60}") {
        prop_assert_eq!(pop::parse(format!("PASS {secret}\r\n").as_bytes()), Ok(pop::Command::Pass(secret.clone())));
    }

    #[test]
    fn pop_stuffing_reads_back(body in "([ -~]{0,20}\r\n){0,10}") {
        let stuffed = pop::stuffed(body.as_bytes());
        prop_assert!(stuffed.ends_with(b".\r\n"));
        let mut unstuffed = Vec::new();
        for line in stuffed.split_inclusive(|&b| b == b'\n') {
            if line == b".\r\n" { break; }
            unstuffed.extend_from_slice(line.strip_prefix(b".").unwrap_or(line));
        }
        prop_assert_eq!(unstuffed, body.as_bytes());
    }

    #[test]
    fn smtp_commands_never_panic(line in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = smtp::parse(&line);
    }

    #[test]
    fn sasl_plain_reads_back(user in "[!-~]{1,40}", secret in "[ -~]{1,40}", same in any::<bool>()) {
        let authz = if same { user.clone() } else { String::new() };
        let message = format!("{authz}\0{user}\0{secret}");
        let encoded = sasl::encode(message.as_bytes());
        let decoded = sasl::base64(encoded.as_bytes()).unwrap();
        let c = sasl::plain(&decoded).unwrap();
        prop_assert_eq!(c.user, user);
        prop_assert_eq!(c.secret, secret);
    }

    #[test]
    fn sasl_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = sasl::plain(&bytes);
        let _ = sasl::base64(&bytes);
        let _ = sasl::field(&bytes);
    }

    #[test]
    fn imap_literals_read_back(prefix in "[A-Za-z0-9 ]{0,30}", length in any::<u32>(), sync in any::<bool>()) {
        let plus = if sync { "" } else { "+" };
        let line = format!("{prefix}{{{length}{plus}}}\r\n");
        prop_assert_eq!(literal_at_end(line.as_bytes()), Some(Literal { length: length.into(), synchronising: sync }));
    }

    #[test]
    fn imap_framing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = literal_at_end(&bytes);
        let tag = tag_of(&bytes);
        prop_assert!(!tag.is_empty() && !tag.contains(' '));
    }

    #[test]
    fn list_patterns_match_as_the_naive_matcher(pattern in "[A-Za-z/*%]{0,8}", name in "[A-Za-z/]{0,8}") {
        prop_assert_eq!(list_matches(pattern.as_bytes(), name.as_bytes()), naive(pattern.as_bytes(), name.as_bytes()));
    }
}

/// A display name in a header stays ASCII: as is, quoted, or an RFC 2047 encoded-word that
/// reads back.
#[test]
fn display_names_stay_ascii_in_headers() {
    use base64::Engine;
    use mfa_sim_mail::mailbox::phrase;
    assert_eq!(phrase("Lee Gu"), "Lee Gu");
    assert_eq!(phrase("Gu, Lee"), "\"Gu, Lee\"");
    let encoded = phrase("Zoë Müller");
    assert!(encoded.is_ascii(), "{encoded}");
    let inner = encoded
        .strip_prefix("=?utf-8?B?")
        .and_then(|e| e.strip_suffix("?="))
        .expect("an encoded-word");
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(inner)
        .expect("base64");
    assert_eq!(String::from_utf8(decoded).unwrap(), "Zoë Müller");
}
