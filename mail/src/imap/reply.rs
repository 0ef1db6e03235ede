//! What the IMAP server writes: FETCH items, ENVELOPE and BODYSTRUCTURE, LIST lines, made
//! from the training mailbox's own messages. Every string goes through [`string`], which
//! quotes it when it can and sends a literal when it cannot, so nothing a message holds can
//! break a reply's syntax.

use crate::mailbox::Message;
use imap_codec::imap_types::core::AString;
use imap_codec::imap_types::fetch::{MessageDataItemName, Section};
use time::OffsetDateTime;

/// An IMAP string: quoted when it is plain printable text without `"` or `\`, else a literal.
pub fn string(bytes: &[u8]) -> Vec<u8> {
    let plain = bytes.len() < 1000
        && bytes
            .iter()
            .all(|&b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    if plain {
        let mut out = Vec::with_capacity(bytes.len() + 2);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.push(b'"');
        out
    } else {
        literal(bytes)
    }
}

/// An IMAP literal.
pub fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = format!("{{{}}}\r\n", bytes.len()).into_bytes();
    out.extend_from_slice(bytes);
    out
}

/// `INTERNALDATE`'s form: `"01-Jun-2021 09:00:00 +0000"`.
pub fn internal_date(at: i64) -> String {
    let format = time::macros::format_description!(
        "[day]-[month repr:short]-[year] [hour]:[minute]:[second] +0000"
    );
    OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|d| d.format(&format).ok())
        .unwrap_or_default()
}

fn address(who: &(String, String)) -> Vec<u8> {
    let (mailbox, host) = who.1.split_once('@').unwrap_or((&who.1, ""));
    let mut out = b"((".to_vec();
    out.extend(string(who.0.as_bytes()));
    out.extend_from_slice(b" NIL ");
    out.extend(string(mailbox.as_bytes()));
    out.push(b' ');
    out.extend(string(host.as_bytes()));
    out.extend_from_slice(b"))");
    out
}

/// `ENVELOPE (...)`.
pub fn envelope(m: &Message) -> Vec<u8> {
    let date = header_value(m, b"date").unwrap_or_default();
    let mut out = b"ENVELOPE (".to_vec();
    out.extend(string(&date));
    out.push(b' ');
    out.extend(string(m.subject.as_bytes()));
    for who in [&m.from, &m.from, &m.from, &m.to] {
        out.push(b' ');
        out.extend(address(who));
    }
    out.extend_from_slice(b" NIL NIL NIL ");
    out.extend(string(m.id.as_bytes()));
    out.push(b')');
    out
}

/// `BODY (...)` or `BODYSTRUCTURE (...)`: one text/plain part.
pub fn structure(name: &str, m: &Message) -> Vec<u8> {
    format!(
        "{name} (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"{}\" {} {})",
        m.encoding.to_ascii_uppercase(),
        m.text().len(),
        m.lines()
    )
    .into_bytes()
}

fn header_value(m: &Message, name: &[u8]) -> Option<Vec<u8>> {
    fields(m.header())
        .into_iter()
        .find(|f| field_name(f).eq_ignore_ascii_case(name))
        .map(|f| {
            let value = &f[field_name(f).len() + 1..];
            crate::line::trim_end(value).trim_ascii().to_vec()
        })
}

/// The header's fields, each with its continuation lines and line ends.
fn fields(header: &[u8]) -> Vec<&[u8]> {
    let mut out: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let lines: Vec<&[u8]> = header.split_inclusive(|&b| b == b'\n').collect();
    let mut at = 0;
    for (i, line) in lines.iter().enumerate() {
        let continued = matches!(line.first(), Some(b' ' | b'\t'));
        if i > 0 && !continued {
            if at > start {
                out.push(&header[start..at]);
            }
            start = at;
        }
        at += line.len();
    }
    if at > start {
        out.push(&header[start..at]);
    }
    out.retain(|f| !crate::line::trim_end(f).is_empty());
    out
}

fn field_name(field: &[u8]) -> &[u8] {
    let end = field.iter().position(|&b| b == b':').unwrap_or(field.len());
    &field[..end]
}

fn names_text(names: &[AString<'_>]) -> String {
    names
        .iter()
        .map(|n| String::from_utf8_lossy(n.as_ref()).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One section's name as the reply repeats it and its bytes (`None`: NIL).
fn section(m: &Message, section: Option<&Section<'_>>) -> (String, Option<Vec<u8>>) {
    match section {
        None => (String::new(), Some(m.raw.clone())),
        Some(Section::Header(None)) => ("HEADER".into(), Some(m.header().to_vec())),
        Some(Section::Text(None)) => ("TEXT".into(), Some(m.text().to_vec())),
        Some(Section::HeaderFields(None, names)) => (
            format!("HEADER.FIELDS ({})", names_text(names.as_ref())),
            Some(header_fields(m, names.as_ref(), true)),
        ),
        Some(Section::HeaderFieldsNot(None, names)) => (
            format!("HEADER.FIELDS.NOT ({})", names_text(names.as_ref())),
            Some(header_fields(m, names.as_ref(), false)),
        ),
        Some(Section::Part(part))
            if part.0.as_ref().len() == 1 && part.0.as_ref()[0].get() == 1 =>
        {
            ("1".into(), Some(m.text().to_vec()))
        }
        Some(Section::Mime(part))
            if part.0.as_ref().len() == 1 && part.0.as_ref()[0].get() == 1 =>
        {
            (
                "1.MIME".into(),
                Some(b"Content-Type: text/plain; charset=utf-8\r\n\r\n".to_vec()),
            )
        }
        Some(other) => (section_name(other), None),
    }
}

/// The header fields named in `names` (`wanted`) or all the others, and the blank line.
fn header_fields(m: &Message, names: &[AString<'_>], wanted: bool) -> Vec<u8> {
    let mut out: Vec<u8> = fields(m.header())
        .into_iter()
        .filter(|f| {
            names
                .iter()
                .any(|n| n.as_ref().eq_ignore_ascii_case(field_name(f)))
                == wanted
        })
        .flatten()
        .copied()
        .collect();
    out.extend_from_slice(b"\r\n");
    out
}

fn part_text(part: &imap_codec::imap_types::fetch::Part) -> String {
    part.0
        .as_ref()
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

fn section_name(s: &Section<'_>) -> String {
    match s {
        Section::Part(p) => part_text(p),
        Section::Header(p) => with_part(p.as_ref(), "HEADER"),
        Section::HeaderFields(p, n) => with_part(
            p.as_ref(),
            &format!("HEADER.FIELDS ({})", names_text(n.as_ref())),
        ),
        Section::HeaderFieldsNot(p, n) => with_part(
            p.as_ref(),
            &format!("HEADER.FIELDS.NOT ({})", names_text(n.as_ref())),
        ),
        Section::Text(p) => with_part(p.as_ref(), "TEXT"),
        Section::Mime(p) => format!("{}.MIME", part_text(p)),
    }
}

fn with_part(part: Option<&imap_codec::imap_types::fetch::Part>, what: &str) -> String {
    match part {
        Some(p) => format!("{}.{what}", part_text(p)),
        None => what.to_string(),
    }
}

/// One FETCH item for message `m` (sequence number and UID `n`).
pub fn item(m: &Message, n: u32, name: &MessageDataItemName<'_>) -> Vec<u8> {
    match name {
        MessageDataItemName::Uid => format!("UID {n}").into_bytes(),
        // The connection's own flags are written by the session (`Flags::item`).
        MessageDataItemName::Flags => b"FLAGS ()".to_vec(),
        MessageDataItemName::InternalDate => {
            format!("INTERNALDATE \"{}\"", internal_date(m.arrived)).into_bytes()
        }
        MessageDataItemName::Rfc822Size => format!("RFC822.SIZE {}", m.raw.len()).into_bytes(),
        MessageDataItemName::Envelope => envelope(m),
        MessageDataItemName::Body => structure("BODY", m),
        MessageDataItemName::BodyStructure => structure("BODYSTRUCTURE", m),
        MessageDataItemName::Rfc822 => named("RFC822", &m.raw),
        MessageDataItemName::Rfc822Header => named("RFC822.HEADER", m.header()),
        MessageDataItemName::Rfc822Text => named("RFC822.TEXT", m.text()),
        MessageDataItemName::BodyExt {
            section: wanted,
            partial,
            ..
        } => {
            let (name, bytes) = section(m, wanted.as_ref());
            match (bytes, partial) {
                (None, _) => format!("BODY[{name}] NIL").into_bytes(),
                (Some(bytes), None) => named(&format!("BODY[{name}]"), &bytes),
                (Some(bytes), Some((start, length))) => {
                    let from = (*start as usize).min(bytes.len());
                    let to = from.saturating_add(length.get() as usize).min(bytes.len());
                    named(&format!("BODY[{name}]<{start}>"), &bytes[from..to])
                }
            }
        }
    }
}

fn named(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = name.as_bytes().to_vec();
    out.push(b' ');
    out.extend(literal(bytes));
    out
}

/// Whether `name` matches a LIST pattern (`*` matches anything, `%` anything but the
/// hierarchy delimiter `/`), case-insensitively for INBOX. Linear in both lengths' product.
pub fn list_matches(pattern: &[u8], name: &[u8]) -> bool {
    let pattern = pattern.to_ascii_uppercase();
    let name = name.to_ascii_uppercase();
    // reach[j]: the pattern so far can match the first j bytes of the name.
    let mut reach = vec![false; name.len() + 1];
    reach[0] = true;
    for &p in &pattern {
        let mut next = vec![false; name.len() + 1];
        match p {
            b'*' | b'%' => {
                for j in 0..=name.len() {
                    next[j] =
                        reach[j] || (j > 0 && next[j - 1] && (p == b'*' || name[j - 1] != b'/'));
                }
            }
            _ => {
                for j in 1..=name.len() {
                    next[j] = reach[j - 1] && name[j - 1] == p;
                }
            }
        }
        reach = next;
    }
    reach[name.len()]
}
