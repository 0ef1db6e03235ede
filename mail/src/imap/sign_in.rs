//! Signing in over IMAP: LOGIN, and AUTHENTICATE PLAIN (with or without SASL-IR) or LOGIN,
//! each credential handed to the tenant through [`Exchange::sign_in`](crate::Exchange::sign_in).
//! A refusal is the real service's `NO LOGIN failed.` or `NO AUTHENTICATE failed.`; after the
//! connection's allowance of failures it closes. A try the listener refuses for coming too
//! often is `NO [UNAVAILABLE]` with the simulator's words, and counts as no failure (the
//! tenant never saw it).

use super::{CAPABILITIES, Imap, State, Then};
use crate::exchange::SignIn;
use crate::line::{Line, LineReader};
use crate::sasl::{self, Credentials, Exchanged, Mechanism, Prompt, Reply};
use imap_codec::imap_types::auth::AuthMechanism;
use mfa_sim::records::Protocol;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt};

impl Imap {
    /// AUTHENTICATE with `mechanism` and the initial response, if the client sent one.
    pub(super) async fn authenticate<R, W>(
        &mut self,
        mechanism: AuthMechanism<'_>,
        first: Option<Vec<u8>>,
        tag: &str,
        lines: &mut LineReader<R>,
        out: &mut W,
        reply: &mut Vec<u8>,
    ) -> std::io::Result<Then>
    where
        R: AsyncBufRead + Unpin + Send,
        W: AsyncWrite + Unpin + Send,
    {
        let mechanism = match mechanism {
            AuthMechanism::Plain => Mechanism::Plain,
            AuthMechanism::Login => Mechanism::Login,
            _ => {
                reply.extend(format!("{tag} NO Unsupported authentication mechanism.\r\n").bytes());
                return Ok(Then::Go);
            }
        };
        let mut prompt = Plus { lines, out };
        let refused = match sasl::exchange(mechanism, first, &mut prompt).await? {
            Exchanged::Given(c) => return Ok(self.sign_in(c, "AUTHENTICATE", tag, reply)),
            Exchanged::Gone => return Ok(Then::Close),
            Exchanged::Cancelled => "AUTHENTICATE cancelled.",
            Exchanged::Malformed(_) => "AUTHENTICATE answer malformed.",
            Exchanged::TooLong => "AUTHENTICATE answer too long.",
        };
        reply.extend(format!("{tag} BAD {refused}\r\n").bytes());
        Ok(Then::Go)
    }

    /// Ask the tenant; on success the connection is signed in with the user's INBOX.
    pub(super) fn sign_in(
        &mut self,
        c: Credentials,
        verb: &str,
        tag: &str,
        reply: &mut Vec<u8>,
    ) -> Then {
        match self
            .exchange
            .sign_in(&c.user, &c.secret, Protocol::Imap, self.peer)
        {
            SignIn::Accepted { user, messages } => {
                self.state = State::Authenticated { user, messages };
                reply.extend(
                    format!("{tag} OK [CAPABILITY {CAPABILITIES}] {verb} completed.\r\n").bytes(),
                );
                Then::Go
            }
            SignIn::Throttled(why) => {
                reply.extend(format!("{tag} NO [UNAVAILABLE] {why}\r\n").bytes());
                Then::Go
            }
            SignIn::Refused(_) => {
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
}

/// IMAP's prompt: `+ text`, and the next line.
struct Plus<'a, R, W> {
    lines: &'a mut LineReader<R>,
    out: &'a mut W,
}

impl<R, W> Prompt for Plus<'_, R, W>
where
    R: AsyncBufRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send,
{
    type Error = std::io::Error;

    async fn ask(&mut self, prompt: String) -> std::io::Result<Reply> {
        self.out
            .write_all(format!("+ {prompt}\r\n").as_bytes())
            .await?;
        self.out.flush().await?;
        Ok(match self.lines.line().await {
            Ok(Line::Text(line)) => Reply::Line(line),
            Ok(Line::TooLong) => Reply::TooLong,
            Err(_) => Reply::Gone,
        })
    }
}
