//! IMAP4rev1 (RFC 3501), the part a client needs to sign in and read a mailbox: CAPABILITY,
//! NOOP, LOGIN, AUTHENTICATE PLAIN (with SASL-IR, RFC 4959), LIST/LSUB, STATUS,
//! SELECT/EXAMINE, FETCH and UID FETCH, SEARCH of the flags a read-only mailbox can answer,
//! STORE, CHECK, CLOSE, UNSELECT, LOGOUT. The mailbox itself never changes: flags a client
//! sets (`\Seen` by reading, or STORE) last as long as its connection, and anything that
//! would add, move or remove a message is refused with NO.
//!
//! [`read_command`] frames a command (its literals included, see [`frame`]) within the
//! bounds; imap-codec parses it; [`Imap::handle`] answers. LOGIN and AUTHENTICATE go to the
//! tenant through [`Exchange::sign_in`]; a refusal is the `NO LOGIN failed.` or
//! `NO AUTHENTICATE failed.` a real server gives, the reason being the sign-in log's.

pub mod frame;
pub mod reply;

use crate::exchange::Exchange;
use crate::line::{Closed, Line, LineReader, trim_end};
use crate::mailbox::{Message, inbox};
use crate::sasl::{self, Credentials};
use imap_codec::CommandCodec;
use imap_codec::decode::Decoder;
use imap_codec::imap_types::auth::AuthMechanism;
use imap_codec::imap_types::command::CommandBody;
use imap_codec::imap_types::fetch::{MacroOrMessageDataItemNames, MessageDataItemName};
use imap_codec::imap_types::flag::{Flag, StoreResponse, StoreType};
use imap_codec::imap_types::mailbox::{ListMailbox, Mailbox};
use imap_codec::imap_types::search::SearchKey;
use imap_codec::imap_types::sequence::{SeqOrUid, Sequence, SequenceSet};
use imap_codec::imap_types::status::StatusDataItemName;
use mfa_sim::records::Protocol;
use mfa_sim::tenant::BasicOutcome;
use std::net::SocketAddr;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// What the server offers (the same before and after signing in).
pub const CAPABILITIES: &str = "IMAP4rev1 AUTH=PLAIN SASL-IR UNSELECT";

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
/// and the next line, up to `max` bytes in all.
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
    loop {
        let line = match lines.line().await? {
            Line::Text(line) => line,
            Line::TooLong => {
                let tag = frame::tag_of(&command);
                return Ok(Framed::Refused(format!("{tag} BAD Command line too long")));
            }
        };
        command.extend_from_slice(&line);
        let Some(literal) = frame::literal_at_end(&line) else {
            return Ok(Framed::Command(command));
        };
        let tag = frame::tag_of(&command);
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

/// Play one IMAP connection.
pub async fn serve(exchange: Exchange, stream: TcpStream, peer: SocketAddr) {
    let (read, mut write) = stream.into_split();
    let limits = exchange.limits().clone();
    let mut lines = LineReader::new(BufReader::new(read), limits.line_bytes, limits.idle);
    let mut imap = Imap {
        exchange,
        peer,
        state: State::NotAuthenticated,
        failures: 0,
    };
    let _ = imap.session(&mut lines, &mut write).await;
    let _ = write.shutdown().await;
}

/// Where a connection stands.
enum State {
    NotAuthenticated,
    Authenticated {
        messages: Vec<Message>,
    },
    Selected {
        messages: Vec<Message>,
        /// Each message's flags, for this connection only.
        flags: Vec<Flags>,
        /// EXAMINE: nothing may change, not even a flag.
        read_only: bool,
    },
}

/// The system flags a message may carry (RFC 3501, 2.3.2), kept per connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    seen: bool,
    answered: bool,
    flagged: bool,
    deleted: bool,
    draft: bool,
}

impl Flags {
    /// `FLAGS (...)`.
    fn item(&self) -> Vec<u8> {
        let names: Vec<&str> = [
            (self.seen, "\\Seen"),
            (self.answered, "\\Answered"),
            (self.flagged, "\\Flagged"),
            (self.deleted, "\\Deleted"),
            (self.draft, "\\Draft"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        format!("FLAGS ({})", names.join(" ")).into_bytes()
    }

    fn slot(&mut self, flag: &Flag<'_>) -> Option<&mut bool> {
        match flag {
            Flag::Seen => Some(&mut self.seen),
            Flag::Answered => Some(&mut self.answered),
            Flag::Flagged => Some(&mut self.flagged),
            Flag::Deleted => Some(&mut self.deleted),
            Flag::Draft => Some(&mut self.draft),
            _ => None,
        }
    }

    fn store(&mut self, kind: &StoreType, flags: &[Flag<'_>]) {
        if let StoreType::Replace = kind {
            *self = Flags::default();
        }
        for flag in flags {
            if let Some(slot) = self.slot(flag) {
                *slot = !matches!(kind, StoreType::Remove);
            }
        }
    }
}

/// One connection's server side.
struct Imap {
    exchange: Exchange,
    peer: SocketAddr,
    state: State,
    failures: u32,
}

/// What to do after a command.
enum Then {
    Go,
    Close,
}

impl Imap {
    async fn session<R, W>(&mut self, lines: &mut LineReader<R>, out: &mut W) -> std::io::Result<()>
    where
        R: AsyncBufRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        let limits = self.exchange.limits().clone();
        out.write_all(
            format!(
                "* OK [CAPABILITY {CAPABILITIES}] mfa-sim training IMAP server (simulated Exchange Online) ready\r\n"
            )
            .as_bytes(),
        )
        .await?;
        for _ in 0..limits.commands_per_connection {
            let command = match read_command(lines, out, limits.literal_bytes).await {
                Ok(Framed::Command(c)) => c,
                Ok(Framed::Refused(reply)) => {
                    out.write_all(format!("{reply}\r\n").as_bytes()).await?;
                    continue;
                }
                Ok(Framed::OutOfStep(reply)) => {
                    out.write_all(format!("{reply}\r\n").as_bytes()).await?;
                    return Ok(());
                }
                Err(Closed::Idle) => {
                    out.write_all(b"* BYE Idle for too long\r\n").await?;
                    return Ok(());
                }
                Err(_) => return Ok(()),
            };
            let mut reply = Vec::new();
            let then = self.handle(&command, lines, out, &mut reply).await?;
            out.write_all(&reply).await?;
            out.flush().await?;
            if let Then::Close = then {
                return Ok(());
            }
        }
        out.write_all(b"* BYE Too many commands\r\n").await
    }

    /// Answer one framed command into `reply` (an AUTHENTICATE without an initial response
    /// reads its answer from `lines` after a `+` on `out`).
    async fn handle<R, W>(
        &mut self,
        bytes: &[u8],
        lines: &mut LineReader<R>,
        out: &mut W,
        reply: &mut Vec<u8>,
    ) -> std::io::Result<Then>
    where
        R: AsyncBufRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        let command = match CommandCodec::default().decode(bytes) {
            Ok(([], command)) => command,
            _ => {
                let tag = frame::tag_of(bytes);
                if trim_end(bytes).is_empty() {
                    return Ok(Then::Go);
                }
                reply.extend(format!("{tag} BAD Command not recognised or malformed\r\n").bytes());
                return Ok(Then::Go);
            }
        };
        let tag = command.tag.as_ref().to_string();
        let ok = |reply: &mut Vec<u8>, text: &str| {
            reply.extend(format!("{tag} OK {text}\r\n").bytes());
        };
        let no = |reply: &mut Vec<u8>, text: &str| {
            reply.extend(format!("{tag} NO {text}\r\n").bytes());
        };
        let bad = |reply: &mut Vec<u8>, text: &str| {
            reply.extend(format!("{tag} BAD {text}\r\n").bytes());
        };
        match command.body {
            CommandBody::Capability => {
                reply.extend(format!("* CAPABILITY {CAPABILITIES}\r\n").bytes());
                ok(reply, "CAPABILITY completed.");
            }
            CommandBody::Noop => ok(reply, "NOOP completed."),
            CommandBody::Logout => {
                reply.extend_from_slice(b"* BYE Signing off\r\n");
                ok(reply, "LOGOUT completed.");
                return Ok(Then::Close);
            }
            CommandBody::Login { .. } | CommandBody::Authenticate { .. }
                if !matches!(self.state, State::NotAuthenticated) =>
            {
                bad(reply, "Command received in Invalid state.");
            }
            CommandBody::Login { username, password } => {
                let given = (
                    sasl::field(username.as_ref()),
                    sasl::field(password.declassify().as_ref()),
                );
                let (Ok(user), Ok(secret)) = given else {
                    no(reply, "LOGIN failed.");
                    return Ok(Then::Go);
                };
                return Ok(self.sign_in(Credentials { user, secret }, "LOGIN", &tag, reply));
            }
            CommandBody::Authenticate {
                mechanism,
                initial_response,
            } => {
                let first = initial_response.map(|r| r.declassify().to_vec());
                let credentials = match mechanism {
                    AuthMechanism::Plain => {
                        let message = match first {
                            Some(m) => Some(m),
                            None => self.answer(lines, out, "").await?,
                        };
                        message.map(|m| sasl::plain(&m))
                    }
                    AuthMechanism::Login => {
                        let user = match first {
                            Some(u) => Some(u),
                            None => self.answer(lines, out, &sasl::encode(b"Username:")).await?,
                        };
                        match user {
                            None => None,
                            Some(user) => self
                                .answer(lines, out, &sasl::encode(b"Password:"))
                                .await?
                                .map(|secret| {
                                    Ok(Credentials {
                                        user: sasl::field(&user)?,
                                        secret: sasl::field(&secret)?,
                                    })
                                }),
                        }
                    }
                    _ => {
                        no(reply, "Unsupported authentication mechanism.");
                        return Ok(Then::Go);
                    }
                };
                match credentials {
                    None => bad(reply, "AUTHENTICATE cancelled or unreadable."),
                    Some(Err(_)) => bad(reply, "AUTHENTICATE answer malformed."),
                    Some(Ok(c)) => return Ok(self.sign_in(c, "AUTHENTICATE", &tag, reply)),
                }
            }
            _ if matches!(self.state, State::NotAuthenticated) => {
                bad(reply, "Command received in Invalid state.");
            }
            CommandBody::List {
                reference,
                mailbox_wildcard,
            } => list("LIST", &reference, &mailbox_wildcard, &tag, reply),
            CommandBody::Lsub {
                reference,
                mailbox_wildcard,
            } => list("LSUB", &reference, &mailbox_wildcard, &tag, reply),
            CommandBody::Status {
                mailbox,
                item_names,
            } => {
                if !matches!(mailbox, Mailbox::Inbox) {
                    no(
                        reply,
                        "[NONEXISTENT] The requested item could not be found.",
                    );
                    return Ok(Then::Go);
                }
                let count = self.messages().len();
                let items: Vec<String> = item_names
                    .iter()
                    .filter_map(|item| match item {
                        StatusDataItemName::Messages => Some(format!("MESSAGES {count}")),
                        StatusDataItemName::Recent => Some("RECENT 0".into()),
                        StatusDataItemName::UidNext => Some(format!("UIDNEXT {}", count + 1)),
                        StatusDataItemName::UidValidity => Some("UIDVALIDITY 1".into()),
                        StatusDataItemName::Unseen => Some(format!("UNSEEN {count}")),
                        _ => None,
                    })
                    .collect();
                reply.extend(format!("* STATUS INBOX ({})\r\n", items.join(" ")).bytes());
                ok(reply, "STATUS completed.");
            }
            CommandBody::Select { ref mailbox } | CommandBody::Examine { ref mailbox } => {
                let read_only = matches!(command.body, CommandBody::Examine { .. });
                let (State::Authenticated { messages } | State::Selected { messages, .. }) =
                    std::mem::replace(&mut self.state, State::NotAuthenticated)
                else {
                    return Ok(Then::Go);
                };
                if !matches!(mailbox, Mailbox::Inbox) {
                    self.state = State::Authenticated { messages };
                    no(reply, "[NONEXISTENT] Mailbox doesn't exist.");
                    return Ok(Then::Go);
                }
                let n = messages.len();
                reply.extend(
                    format!(
                        "* {n} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)] Flags last as long as this connection\r\n* OK [UNSEEN 1] First unseen\r\n* OK [UIDVALIDITY 1] UIDVALIDITY value\r\n* OK [UIDNEXT {}] The next unique identifier value\r\n",
                        n + 1
                    )
                    .bytes(),
                );
                let flags = vec![Flags::default(); n];
                self.state = State::Selected {
                    messages,
                    flags,
                    read_only,
                };
                if read_only {
                    ok(reply, "[READ-ONLY] EXAMINE completed.");
                } else {
                    ok(reply, "[READ-WRITE] SELECT completed.");
                }
            }
            CommandBody::Create { .. }
            | CommandBody::Delete { .. }
            | CommandBody::Rename { .. }
            | CommandBody::Subscribe { .. }
            | CommandBody::Unsubscribe { .. }
            | CommandBody::Append { .. } => {
                no(reply, "[CANNOT] The training mailbox is read-only.");
            }
            _ if !matches!(self.state, State::Selected { .. }) => {
                bad(reply, "Command received in Invalid state.");
            }
            CommandBody::Check => ok(reply, "CHECK completed."),
            CommandBody::Close | CommandBody::Unselect => {
                if let State::Selected { messages, .. } =
                    std::mem::replace(&mut self.state, State::NotAuthenticated)
                {
                    self.state = State::Authenticated { messages };
                }
                ok(reply, "Mailbox closed.");
            }
            CommandBody::Expunge => no(reply, "[CANNOT] The training mailbox keeps its messages."),
            CommandBody::Fetch {
                sequence_set,
                macro_or_item_names,
                uid,
            } => {
                let expanded;
                let mut names = match macro_or_item_names {
                    MacroOrMessageDataItemNames::Macro(m) => {
                        expanded = m;
                        expanded.expand()
                    }
                    MacroOrMessageDataItemNames::MessageDataItemNames(names) => names,
                };
                if uid && !names.contains(&MessageDataItemName::Uid) {
                    names.insert(0, MessageDataItemName::Uid);
                }
                let State::Selected {
                    messages,
                    flags,
                    read_only,
                } = &mut self.state
                else {
                    return Ok(Then::Go);
                };
                let total = messages.len() as u32;
                for (i, (m, f)) in messages.iter().zip(flags.iter_mut()).enumerate() {
                    let n = i as u32 + 1;
                    if !contains(&sequence_set, n, total) {
                        continue;
                    }
                    // Reading a body (not PEEK) sets \Seen where the mailbox may change.
                    let reads = names.iter().any(|name| {
                        matches!(
                            name,
                            MessageDataItemName::Rfc822
                                | MessageDataItemName::Rfc822Text
                                | MessageDataItemName::BodyExt { peek: false, .. }
                        )
                    });
                    let newly_seen = reads && !*read_only && !f.seen;
                    if newly_seen {
                        f.seen = true;
                    }
                    reply.extend(format!("* {n} FETCH (").bytes());
                    for (k, name) in names.iter().enumerate() {
                        if k > 0 {
                            reply.push(b' ');
                        }
                        match name {
                            MessageDataItemName::Flags => reply.extend(f.item()),
                            _ => reply.extend(reply::item(m, n, name)),
                        }
                    }
                    if newly_seen && !names.contains(&MessageDataItemName::Flags) {
                        reply.push(b' ');
                        reply.extend(f.item());
                    }
                    reply.extend_from_slice(b")\r\n");
                }
                ok(reply, "FETCH completed.");
            }
            CommandBody::Search { criteria, uid, .. } => {
                let State::Selected { flags, .. } = &self.state else {
                    return Ok(Then::Go);
                };
                let total = flags.len() as u32;
                let mut found = Vec::new();
                for (i, f) in flags.iter().enumerate() {
                    let n = i as u32 + 1;
                    match matches(&criteria, n, total, f) {
                        Some(true) => found.push(n.to_string()),
                        Some(false) => {}
                        None => {
                            no(
                                reply,
                                "[CANNOT] This training server searches by flags and numbers only.",
                            );
                            return Ok(Then::Go);
                        }
                    }
                }
                // Sequence numbers and UIDs are the same here, so UID SEARCH answers alike.
                let _ = uid;
                reply.extend(
                    format!("* SEARCH {}\r\n", found.join(" "))
                        .trim_end()
                        .bytes(),
                );
                reply.extend_from_slice(b"\r\n");
                ok(reply, "SEARCH completed.");
            }
            CommandBody::Store {
                sequence_set,
                kind,
                response,
                flags: given,
                uid,
            } => {
                let State::Selected {
                    flags, read_only, ..
                } = &mut self.state
                else {
                    return Ok(Then::Go);
                };
                if *read_only {
                    no(reply, "[READ-ONLY] The mailbox was opened with EXAMINE.");
                    return Ok(Then::Go);
                }
                let total = flags.len() as u32;
                for (i, f) in flags.iter_mut().enumerate() {
                    let n = i as u32 + 1;
                    if !contains(&sequence_set, n, total) {
                        continue;
                    }
                    f.store(&kind, &given);
                    if let StoreResponse::Answer = response {
                        reply.extend(format!("* {n} FETCH (").bytes());
                        reply.extend(f.item());
                        if uid {
                            reply.extend(format!(" UID {n}").bytes());
                        }
                        reply.extend_from_slice(b")\r\n");
                    }
                }
                ok(reply, "STORE completed.");
            }
            CommandBody::Copy { .. } | CommandBody::Move { .. } => {
                no(
                    reply,
                    "[CANNOT] The training mailbox keeps its messages where they are.",
                );
            }
            _ => bad(reply, "Command not offered by this training server."),
        }
        Ok(Then::Go)
    }

    /// The messages of the signed-in user (none before).
    fn messages(&self) -> &[Message] {
        match &self.state {
            State::NotAuthenticated => &[],
            State::Authenticated { messages } | State::Selected { messages, .. } => messages,
        }
    }

    /// Ask the tenant; on success the connection is signed in with the user's INBOX.
    fn sign_in(&mut self, c: Credentials, verb: &str, tag: &str, reply: &mut Vec<u8>) -> Then {
        match self
            .exchange
            .sign_in(&c.user, &c.secret, Protocol::Imap, self.peer)
        {
            BasicOutcome::Accepted { .. } => {
                let messages = inbox(&self.exchange.tenant(), &c.user).unwrap_or_default();
                self.state = State::Authenticated { messages };
                reply.extend(
                    format!("{tag} OK [CAPABILITY {CAPABILITIES}] {verb} completed.\r\n").bytes(),
                );
                Then::Go
            }
            BasicOutcome::Refused(_) => {
                reply.extend(format!("{tag} NO {verb} failed.\r\n").bytes());
                self.failures += 1;
                if self.failures >= self.exchange.limits().failures_per_connection {
                    reply.extend_from_slice(b"* BYE Too many failed sign-ins\r\n");
                    return Then::Close;
                }
                Then::Go
            }
        }
    }

    /// A SASL answer after `+ prompt`: its bytes, or none when cancelled (`*`) or unreadable.
    async fn answer<R, W>(
        &self,
        lines: &mut LineReader<R>,
        out: &mut W,
        prompt: &str,
    ) -> std::io::Result<Option<Vec<u8>>>
    where
        R: AsyncBufRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        out.write_all(format!("+ {prompt}\r\n").as_bytes()).await?;
        out.flush().await?;
        Ok(match lines.line().await {
            Ok(Line::Text(line)) if trim_end(&line) != b"*" => sasl::base64(trim_end(&line)).ok(),
            _ => None,
        })
    }
}

/// LIST or LSUB: the one mailbox, INBOX, when the pattern matches it.
fn list(
    verb: &str,
    reference: &Mailbox<'_>,
    wildcard: &ListMailbox<'_>,
    tag: &str,
    reply: &mut Vec<u8>,
) {
    let mut pattern = match reference {
        Mailbox::Inbox => b"INBOX".to_vec(),
        Mailbox::Other(o) => o.as_ref().to_vec(),
    };
    pattern.extend_from_slice(match wildcard {
        ListMailbox::Token(t) => t.as_ref(),
        ListMailbox::String(s) => s.as_ref(),
    });
    if pattern.is_empty() {
        reply.extend(format!("* {verb} (\\Noselect) \"/\" \"\"\r\n").bytes());
    } else if reply::list_matches(&pattern, b"INBOX") {
        reply.extend(format!("* {verb} (\\HasNoChildren) \"/\" INBOX\r\n").bytes());
    }
    reply.extend(format!("{tag} OK {verb} completed.\r\n").bytes());
}

/// Whether message `n` of `total` is in the set (`*` is the last). Checks each range
/// against `n`, so a set naming billions costs nothing.
pub fn contains(set: &SequenceSet, n: u32, total: u32) -> bool {
    let value = |s: &SeqOrUid| match s {
        SeqOrUid::Value(v) => v.get(),
        SeqOrUid::Asterisk => total.max(1),
    };
    set.0.as_ref().iter().any(|s| match s {
        Sequence::Single(s) => value(s) == n,
        Sequence::Range(a, b) => {
            let (a, b) = (value(a), value(b));
            a.min(b) <= n && n <= a.max(b)
        }
    })
}

/// Whether message `n` (with flags `f`) matches a search by flags and numbers (sequence
/// numbers and UIDs are the same here); `None` for criteria this server cannot answer.
fn matches(key: &SearchKey<'_>, n: u32, total: u32, f: &Flags) -> Option<bool> {
    Some(match key {
        SearchKey::All => true,
        SearchKey::Seen => f.seen,
        SearchKey::Unseen => !f.seen,
        SearchKey::Answered => f.answered,
        SearchKey::Unanswered => !f.answered,
        SearchKey::Flagged => f.flagged,
        SearchKey::Unflagged => !f.flagged,
        SearchKey::Deleted => f.deleted,
        SearchKey::Undeleted => !f.deleted,
        SearchKey::Draft => f.draft,
        SearchKey::Undraft => !f.draft,
        // Nothing arrives while a client is connected: nothing is recent or new.
        SearchKey::Old => true,
        SearchKey::New | SearchKey::Recent => false,
        SearchKey::SequenceSet(set) | SearchKey::Uid(set) => contains(set, n, total),
        SearchKey::Not(k) => !matches(k, n, total, f)?,
        SearchKey::Or(a, b) => matches(a, n, total, f)? || matches(b, n, total, f)?,
        SearchKey::And(keys) => {
            let mut all = true;
            for k in keys.as_ref() {
                all &= matches(k, n, total, f)?;
            }
            all
        }
        _ => return None,
    })
}
