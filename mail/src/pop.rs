//! POP3 (RFC 1939) for a client that signs in with USER and PASS and downloads the INBOX:
//! CAPA, USER, PASS, STAT, LIST, UIDL, RETR, TOP, NOOP, RSET, DELE (refused: the training
//! mailbox is read-only), QUIT.
//!
//! [`parse`] reads one command line (pure, under the property tests); [`serve`] plays a
//! connection. PASS goes to the tenant through [`Exchange::sign_in`]; a refusal is the
//! `-ERR` a real server gives, with no reason (the reason is in the sign-in log). A try the
//! listener refuses for coming too often is `-ERR [SYS/TEMP]` (RFC 3206, offered in CAPA as
//! RESP-CODES) with the simulator's words.

use crate::exchange::Exchange;
use crate::exchange::SignIn;
use crate::line::{Closed, Line, LineReader, trim_end};
use crate::mailbox::Message;
use mfa_sim::records::Protocol;
use std::net::SocketAddr;
use tokio::io::{AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One POP3 command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// `CAPA`.
    Capa,
    /// `USER name`.
    User(String),
    /// `PASS secret` (the rest of the line: a password may hold spaces).
    Pass(String),
    /// `STAT`.
    Stat,
    /// `LIST [n]`.
    List(Option<usize>),
    /// `UIDL [n]`.
    Uidl(Option<usize>),
    /// `RETR n`.
    Retr(usize),
    /// `TOP n lines`.
    Top(usize, usize),
    /// `DELE n`.
    Dele(usize),
    /// `NOOP`.
    Noop,
    /// `RSET`.
    Rset,
    /// `QUIT`.
    Quit,
}

/// Why a line is not a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PopError {
    /// Not a POP3 command this server knows.
    Unknown,
    /// A known command with missing or bad arguments.
    Arguments(&'static str),
}

impl std::fmt::Display for PopError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PopError::Unknown => f.write_str("unknown command"),
            PopError::Arguments(usage) => write!(f, "usage: {usage}"),
        }
    }
}

/// Read one command line (with or without its CRLF).
pub fn parse(line: &[u8]) -> Result<Command, PopError> {
    let line = trim_end(line);
    let (word, rest) = match line.iter().position(|&b| b == b' ') {
        Some(i) => (&line[..i], &line[i + 1..]),
        None => (line, &[][..]),
    };
    let text = |usage| crate::sasl::field(rest).map_err(|_| PopError::Arguments(usage));
    let numbers = |usage| -> Result<Vec<usize>, PopError> {
        let words: Vec<&[u8]> = rest
            .split(|&b| b == b' ')
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() > 2 {
            return Err(PopError::Arguments(usage));
        }
        words
            .iter()
            .map(|w| {
                std::str::from_utf8(w)
                    .ok()
                    .filter(|s| s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|s| s.parse().ok())
                    .ok_or(PopError::Arguments(usage))
            })
            .collect()
    };
    let one = |usage| match numbers(usage)?.as_slice() {
        [n] => Ok(*n),
        _ => Err(PopError::Arguments(usage)),
    };
    let optional = |usage| match numbers(usage)?.as_slice() {
        [] => Ok(None),
        [n] => Ok(Some(*n)),
        _ => Err(PopError::Arguments(usage)),
    };
    let none = |c: Command, usage| {
        if rest.trim_ascii().is_empty() {
            Ok(c)
        } else {
            Err(PopError::Arguments(usage))
        }
    };
    match word.to_ascii_uppercase().as_slice() {
        b"CAPA" => none(Command::Capa, "CAPA"),
        b"USER" => Ok(Command::User(text("USER name")?)),
        b"PASS" => Ok(Command::Pass(text("PASS password")?)),
        b"STAT" => none(Command::Stat, "STAT"),
        b"LIST" => Ok(Command::List(optional("LIST [message]")?)),
        b"UIDL" => Ok(Command::Uidl(optional("UIDL [message]")?)),
        b"RETR" => Ok(Command::Retr(one("RETR message")?)),
        b"TOP" => match numbers("TOP message lines")?.as_slice() {
            [n, lines] => Ok(Command::Top(*n, *lines)),
            _ => Err(PopError::Arguments("TOP message lines")),
        },
        b"DELE" => Ok(Command::Dele(one("DELE message")?)),
        b"NOOP" => none(Command::Noop, "NOOP"),
        b"RSET" => none(Command::Rset, "RSET"),
        b"QUIT" => none(Command::Quit, "QUIT"),
        _ => Err(PopError::Unknown),
    }
}

/// The lines of a message as POP3 sends them: each line starting with a dot gets another
/// (byte-stuffing), then the closing `.` line.
pub fn stuffed(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 8);
    for line in body.split_inclusive(|&b| b == b'\n') {
        if line.first() == Some(&b'.') {
            out.push(b'.');
        }
        out.extend_from_slice(line);
    }
    if !out.is_empty() && !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// Play one POP3 connection.
pub async fn serve(exchange: Exchange, stream: TcpStream, peer: SocketAddr) {
    let (read, mut write) = stream.into_split();
    let limits = exchange.limits().clone();
    let mut lines = LineReader::new(BufReader::new(read), limits.line_bytes, limits.idle);
    let _ = session(&exchange, &mut lines, &mut write, peer).await;
    let _ = write.shutdown().await;
}

async fn session<R, W>(
    exchange: &Exchange,
    lines: &mut LineReader<R>,
    out: &mut W,
    peer: SocketAddr,
) -> std::io::Result<()>
where
    R: tokio::io::AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let limits = exchange.limits().clone();
    out.write_all(b"+OK mfa-sim training POP3 server (simulated Exchange Online) ready\r\n")
        .await?;
    let mut user: Option<String> = None;
    let mut messages: Option<Vec<Message>> = None;
    let mut failures = 0;
    for _ in 0..limits.commands_per_connection {
        let line = match lines.line().await {
            Ok(Line::Text(line)) => line,
            Ok(Line::TooLong) => {
                out.write_all(b"-ERR line too long\r\n").await?;
                continue;
            }
            Err(Closed::Idle) => {
                out.write_all(b"-ERR idle for too long, closing\r\n")
                    .await?;
                return Ok(());
            }
            Err(_) => return Ok(()),
        };
        let command = match parse(&line) {
            Ok(c) => c,
            Err(e) => {
                out.write_all(format!("-ERR {e}\r\n").as_bytes()).await?;
                continue;
            }
        };
        let reply = match (&command, &messages) {
            (Command::Quit, _) => {
                out.write_all(b"+OK bye\r\n").await?;
                return Ok(());
            }
            (Command::Capa, _) => {
                "+OK capabilities follow\r\nUSER\r\nUIDL\r\nTOP\r\nRESP-CODES\r\n.\r\n".to_string()
            }
            (Command::Noop, _) => "+OK\r\n".into(),
            (Command::User(name), None) => {
                user = Some(name.clone());
                "+OK send PASS\r\n".into()
            }
            (Command::Pass(_), None) if user.is_none() => "-ERR send USER first\r\n".into(),
            (Command::Pass(secret), None) => {
                let name = user.take().unwrap_or_default();
                match exchange.sign_in(&name, secret, Protocol::Pop, peer) {
                    SignIn::Accepted {
                        messages: found, ..
                    } => {
                        // Signed in: RFC 1939's autologout is at least 10 minutes.
                        lines.set_idle(limits.signed_in_idle.pop);
                        let reply = format!("+OK {} messages\r\n", found.len());
                        messages = Some(found);
                        reply
                    }
                    SignIn::Throttled(why) => format!("-ERR [SYS/TEMP] {why}\r\n"),
                    SignIn::Refused(_) => {
                        failures += 1;
                        if failures >= limits.failures_per_connection {
                            out.write_all(
                                b"-ERR Logon failure: unknown user name or bad password.\r\n",
                            )
                            .await?;
                            return Ok(());
                        }
                        "-ERR Logon failure: unknown user name or bad password.\r\n".into()
                    }
                }
            }
            (_, None) => "-ERR sign in first (USER, then PASS)\r\n".into(),
            (Command::User(_) | Command::Pass(_), Some(_)) => "-ERR already signed in\r\n".into(),
            (Command::Stat, Some(m)) => format!("+OK {} {}\r\n", m.len(), total(m)),
            (Command::List(None), Some(m)) => listing(m, |i, msg| format!("{i} {}", msg.raw.len())),
            (Command::Uidl(None), Some(m)) => listing(m, |i, msg| format!("{i} {}", uid(msg))),
            (Command::List(Some(n)), Some(m)) => match pick(m, *n) {
                Some(msg) => format!("+OK {n} {}\r\n", msg.raw.len()),
                None => "-ERR no such message\r\n".into(),
            },
            (Command::Uidl(Some(n)), Some(m)) => match pick(m, *n) {
                Some(msg) => format!("+OK {n} {}\r\n", uid(msg)),
                None => "-ERR no such message\r\n".into(),
            },
            (Command::Retr(n), Some(m)) => match pick(m, *n) {
                Some(msg) => {
                    out.write_all(format!("+OK {} octets\r\n", msg.raw.len()).as_bytes())
                        .await?;
                    out.write_all(&stuffed(&msg.raw)).await?;
                    continue;
                }
                None => "-ERR no such message\r\n".into(),
            },
            (Command::Top(n, count), Some(m)) => match pick(m, *n) {
                Some(msg) => {
                    let mut part = msg.header().to_vec();
                    for line in msg.text().split_inclusive(|&b| b == b'\n').take(*count) {
                        part.extend_from_slice(line);
                    }
                    out.write_all(b"+OK top of message follows\r\n").await?;
                    out.write_all(&stuffed(&part)).await?;
                    continue;
                }
                None => "-ERR no such message\r\n".into(),
            },
            (Command::Dele(_), Some(_)) => "-ERR this training mailbox is read-only\r\n".into(),
            (Command::Rset, Some(_)) => "+OK\r\n".into(),
        };
        out.write_all(reply.as_bytes()).await?;
    }
    out.write_all(b"-ERR too many commands, closing\r\n").await
}

fn total(messages: &[Message]) -> usize {
    messages.iter().map(|m| m.raw.len()).sum()
}

fn pick(messages: &[Message], n: usize) -> Option<&Message> {
    n.checked_sub(1).and_then(|i| messages.get(i))
}

fn uid(message: &Message) -> String {
    message
        .id
        .trim_matches(|c| c == '<' || c == '>')
        .replace(['@', '.'], "-")
}

fn listing(messages: &[Message], row: impl Fn(usize, &Message) -> String) -> String {
    let mut text = format!("+OK {} messages\r\n", messages.len());
    for (i, m) in messages.iter().enumerate() {
        text.push_str(&row(i + 1, m));
        text.push_str("\r\n");
    }
    text.push_str(".\r\n");
    text
}
