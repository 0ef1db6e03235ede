//! Where an IMAP command ends. A command is one line, unless a line ends in a literal's
//! announcement (`{12}` CRLF), after which the server says `+` and the client sends exactly
//! that many bytes and goes on with another line. This module answers the one question the
//! reader needs of each line; imap-codec parses the whole command once it is complete.

use crate::line::{Closed, Line, LineReader};
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt};

/// A literal announced at the end of a line: its length and whether the client waits for
/// `+` (a synchronising literal) or sends at once (`{12+}`, LITERAL+, which this server does
/// not offer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Literal {
    /// Bytes announced.
    pub length: u64,
    /// The client waits for the server's `+` before sending them.
    pub synchronising: bool,
}

/// The literal announced at the end of `line` (CRLF or LF included or not), if any.
pub fn literal_at_end(line: &[u8]) -> Option<Literal> {
    let line = crate::line::trim_end(line);
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|&b| b == b'{')?;
    let digits = &inner[open + 1..];
    let (digits, synchronising) = match digits.strip_suffix(b"+") {
        Some(d) => (d, false),
        None => (digits, true),
    };
    if digits.is_empty() || digits.len() > 10 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let length = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some(Literal {
        length,
        synchronising,
    })
}

/// The tag a reply to a command that could not be read goes under: the first word when it
/// is a valid tag, else `*`.
pub fn tag_of(command: &[u8]) -> String {
    let word = command
        .split(|&b| b == b' ' || b == b'\r' || b == b'\n')
        .next()
        .unwrap_or_default();
    let valid = !word.is_empty()
        && word.len() <= 64
        && word.iter().all(|&b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b'+' | b']'
                )
        });
    if valid {
        String::from_utf8_lossy(word).into_owned()
    } else {
        "*".to_string()
    }
}

/// The most literals one command may carry (LOGIN needs two; APPEND, which is refused, one).
pub const MAX_LITERALS: usize = 16;

/// A command as read from the wire, or why it could not be.
#[derive(Debug, PartialEq, Eq)]
pub enum Framed {
    /// The command's bytes, literals included.
    Command(Vec<u8>),
    /// Refused while reading: the reply has been chosen, the command skipped.
    Refused(String),
    /// The client announced a literal without waiting (`{n+}`), which is not offered: the
    /// connection cannot be kept in step and closes.
    OutOfStep(String),
}

/// Read one command: a line, and for each literal it announces, `+` and the literal's bytes
/// and the next line, up to `max` bytes and [`MAX_LITERALS`] literals in all. A command that
/// grows past either is refused (`BAD`) as soon as it does, and its rest read and skipped.
pub async fn read_command<R, W>(
    lines: &mut LineReader<R>,
    out: &mut W,
    max: usize,
) -> Result<Framed, Closed>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut command = Vec::new();
    let mut literals = 0;
    loop {
        let line = match lines.line().await? {
            Line::Text(line) => line,
            Line::TooLong => {
                // A first line's tag is in its head, when a space ends it there.
                let head = lines.skipped_head();
                let tag = if command.is_empty() && head.contains(&b' ') {
                    tag_of(head)
                } else if command.is_empty() {
                    "*".to_string()
                } else {
                    tag_of(&command)
                };
                return Ok(Framed::Refused(format!("{tag} BAD Command line too long")));
            }
        };
        command.extend_from_slice(&line);
        let literal = literal_at_end(&line);
        if command.len() > max {
            // The rest of it is not asked for: the literal announced (if any) is refused, so
            // the client sends none, and its next line is read as a new command.
            let tag = tag_of(&command);
            return Ok(Framed::Refused(format!("{tag} BAD Command too long")));
        }
        let Some(literal) = literal else {
            return Ok(Framed::Command(command));
        };
        let tag = tag_of(&command);
        literals += 1;
        if literals > MAX_LITERALS {
            return Ok(Framed::Refused(format!(
                "{tag} BAD Too many literals in one command"
            )));
        }
        if !literal.synchronising {
            return Ok(Framed::OutOfStep(
                "* BYE LITERAL+ is not offered by this server".to_string(),
            ));
        }
        if literal.length > (max.saturating_sub(command.len())) as u64 {
            return Ok(Framed::Refused(format!("{tag} BAD Literal too large")));
        }
        out.write_all(b"+ Ready for literal data\r\n")
            .await
            .map_err(|_| Closed::Broken)?;
        out.flush().await.map_err(|_| Closed::Broken)?;
        let data = lines.exact(literal.length as usize).await?;
        command.extend_from_slice(&data);
    }
}
