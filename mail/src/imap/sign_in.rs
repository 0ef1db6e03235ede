//! Signing in over IMAP: LOGIN, and AUTHENTICATE PLAIN (with or without SASL-IR) or LOGIN,
//! each credential handed to the tenant through [`Exchange::sign_in`](crate::Exchange::sign_in).
//! A refusal is the real service's `NO LOGIN failed.` or `NO AUTHENTICATE failed.`; after the
//! connection's allowance of failures it closes.

use super::{CAPABILITIES, Imap, State, Then};
use crate::line::{Line, LineReader, trim_end};
use crate::mailbox::inbox;
use crate::sasl::{self, Credentials};
use imap_codec::imap_types::auth::AuthMechanism;
use mfa_sim::records::Protocol;
use mfa_sim::tenant::BasicOutcome;
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
        R: AsyncBufRead + Unpin,
        W: AsyncWrite + Unpin,
    {
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
                reply.extend(format!("{tag} NO Unsupported authentication mechanism.\r\n").bytes());
                return Ok(Then::Go);
            }
        };
        let refused = match credentials {
            None => "AUTHENTICATE cancelled or unreadable.",
            Some(Err(_)) => "AUTHENTICATE answer malformed.",
            Some(Ok(c)) => return Ok(self.sign_in(c, "AUTHENTICATE", tag, reply)),
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
