//! IMAP4rev1 (RFC 3501), the part a client needs to sign in and read a mailbox: CAPABILITY,
//! NOOP, LOGIN, AUTHENTICATE PLAIN (with SASL-IR, RFC 4959), LIST/LSUB, STATUS,
//! SELECT/EXAMINE, FETCH and UID FETCH, SEARCH by flags and numbers, STORE, CHECK, CLOSE,
//! UNSELECT, LOGOUT. The mailbox itself never changes: flags a client
//! sets (`\Seen` by reading, or STORE) are kept per user by the [`Exchange`] while the
//! listeners serve the same tenant (every connection of that user sees them; a new
//! simulation, or a new server, starts with none), and anything that would add, move or
//! remove a message is refused with NO.
//!
//! `frame::read_command` frames a command (its literals included) within the bounds;
//! imap-codec parses it; `Imap::handle` answers, with `sign_in.rs` for LOGIN and
//! AUTHENTICATE, `fetch.rs` for FETCH, `flags.rs` for a message's flags, `search.rs` for which messages a set
//! or a SEARCH names and `reply.rs` for what is written back.

mod fetch;
pub mod flags;
pub mod frame;
pub mod reply;
pub mod search;
mod sign_in;

use crate::exchange::Exchange;
use crate::line::{Closed, LineReader, trim_end};
use crate::mailbox::Message;
use crate::sasl::{self, Credentials};
use flags::Flags;
use frame::{Framed, read_command};
use imap_codec::CommandCodec;
use imap_codec::decode::Decoder;
use imap_codec::imap_types::command::CommandBody;
use imap_codec::imap_types::flag::StoreResponse;
use imap_codec::imap_types::mailbox::{ListMailbox, Mailbox};
use imap_codec::imap_types::status::StatusDataItemName;
use search::{contains, matches};
use std::net::SocketAddr;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// What the server offers (the same before and after signing in).
pub const CAPABILITIES: &str = "IMAP4rev1 AUTH=PLAIN SASL-IR UNSELECT";

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
        /// The sign-in name as the tenant knows it (whose flags these are).
        user: String,
        messages: Vec<Message>,
    },
    Selected {
        user: String,
        messages: Vec<Message>,
        /// EXAMINE: nothing may change, not even a flag.
        read_only: bool,
    },
}

pub use fetch::MAX_FETCH_ITEMS;

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
        R: AsyncBufRead + Unpin + Send,
        W: AsyncWrite + Unpin + Send,
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
            if !matches!(self.state, State::NotAuthenticated) {
                // Signed in: RFC 3501's autologout is at least 30 minutes.
                lines.set_idle(limits.signed_in_idle.imap);
            }
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
        R: AsyncBufRead + Unpin + Send,
        W: AsyncWrite + Unpin + Send,
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
                return self
                    .authenticate(mechanism, first, &tag, lines, out, reply)
                    .await;
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
                let unseen = self.flags().iter().filter(|f| !f.seen).count();
                let items: Vec<String> = item_names
                    .iter()
                    .filter_map(|item| match item {
                        StatusDataItemName::Messages => Some(format!("MESSAGES {count}")),
                        StatusDataItemName::Recent => Some("RECENT 0".into()),
                        StatusDataItemName::UidNext => Some(format!("UIDNEXT {}", count + 1)),
                        StatusDataItemName::UidValidity => Some("UIDVALIDITY 1".into()),
                        StatusDataItemName::Unseen => Some(format!("UNSEEN {unseen}")),
                        _ => None,
                    })
                    .collect();
                reply.extend(format!("* STATUS INBOX ({})\r\n", items.join(" ")).bytes());
                ok(reply, "STATUS completed.");
            }
            CommandBody::Select { ref mailbox } | CommandBody::Examine { ref mailbox } => {
                let read_only = matches!(command.body, CommandBody::Examine { .. });
                let (State::Authenticated { user, messages }
                | State::Selected { user, messages, .. }) =
                    std::mem::replace(&mut self.state, State::NotAuthenticated)
                else {
                    return Ok(Then::Go);
                };
                if !matches!(mailbox, Mailbox::Inbox) {
                    self.state = State::Authenticated { user, messages };
                    no(reply, "[NONEXISTENT] Mailbox doesn't exist.");
                    return Ok(Then::Go);
                }
                let n = messages.len();
                reply.extend(
                    format!(
                        "* {n} EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)] Flags are kept while this training server runs\r\n"
                    )
                    .bytes(),
                );
                let flags = self.exchange.flags(&user, n);
                if let Some(first) = flags.iter().position(|f| !f.seen) {
                    reply.extend(format!("* OK [UNSEEN {}] First unseen\r\n", first + 1).bytes());
                }
                reply.extend(
                    format!(
                        "* OK [UIDVALIDITY 1] UIDVALIDITY value\r\n* OK [UIDNEXT {}] The next unique identifier value\r\n",
                        n + 1
                    )
                    .bytes(),
                );
                self.state = State::Selected {
                    user,
                    messages,
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
                match std::mem::replace(&mut self.state, State::NotAuthenticated) {
                    State::Selected { user, messages, .. } => {
                        self.state = State::Authenticated { user, messages };
                    }
                    other => self.state = other,
                }
                ok(reply, "Mailbox closed.");
            }
            CommandBody::Expunge => no(reply, "[CANNOT] The training mailbox keeps its messages."),
            CommandBody::Fetch {
                sequence_set,
                macro_or_item_names,
                uid,
            } => self.fetch(&sequence_set, macro_or_item_names, uid, &tag, reply),
            CommandBody::Search { criteria, uid, .. } => {
                if !matches!(self.state, State::Selected { .. }) {
                    return Ok(Then::Go);
                }
                let flags = self.flags();
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
                    user,
                    messages,
                    read_only,
                } = &self.state
                else {
                    return Ok(Then::Go);
                };
                let mut flags = self.exchange.flags(user, messages.len());
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
                self.exchange.keep_flags(user, &flags);
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
            State::Authenticated { messages, .. } | State::Selected { messages, .. } => messages,
        }
    }

    /// The signed-in user's flags, one per message, as kept by the [`Exchange`].
    fn flags(&self) -> Vec<Flags> {
        match &self.state {
            State::NotAuthenticated => Vec::new(),
            State::Authenticated { user, messages } | State::Selected { user, messages, .. } => {
                self.exchange.flags(user, messages.len())
            }
        }
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
