//! SMTP submission (RFC 5321, RFC 4954) for a client that signs in with AUTH PLAIN or AUTH
//! LOGIN and sends a message: EHLO/HELO, AUTH, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
//!
//! Commands are read by smtp-proto from bounded lines; the AUTH exchange by [`crate::sasl`].
//! Each AUTH goes to the tenant through [`Exchange::sign_in`] with `Protocol::Smtp`, and a
//! refusal is answered as Exchange Online answers it ([`refusal_reply`]): `550 5.7.30` once
//! SMTP AUTH is off for client submission (by the tenant, or by default from 2027-01-01),
//! `535 5.7.139` under security defaults, `535 5.7.3` for anything else; the failure that
//! uses up the connection's allowance is answered `421` alone, and the connection closes. A
//! try the listener refuses for coming too often is `454 4.7.0` with the simulator's words.
//! A `SIZE=` over the limit is refused at `MAIL FROM` (RFC 1870). A message sent after
//! a successful AUTH is read to its end and discarded (a training server delivers nothing).

use crate::exchange::Exchange;
use crate::exchange::SignIn;
use crate::line::{Closed, Line, LineReader, trim_end};
use crate::sasl::{self, Exchanged, Mechanism, Prompt, Reply, SaslError};
use mfa_sim::records::{BasicRefusal, Protocol};
use smtp_proto::{AUTH_LOGIN, AUTH_PLAIN, Request};
use std::net::SocketAddr;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The reply to a refused AUTH, as the real service words it (the reason itself goes to the
/// sign-in log, not to the client).
pub fn refusal_reply(refusal: &BasicRefusal) -> String {
    match refusal {
        // The record's own words are the server's reply (one text for the log and the wire).
        BasicRefusal::SmtpSubmissionOff => refusal.to_string(),
        BasicRefusal::SecurityDefaults => {
            "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.".to_string()
        }
        _ => "535 5.7.3 Authentication unsuccessful".to_string(),
    }
}

/// One command line as smtp-proto reads it, or the reply that refuses it.
pub fn parse(line: &[u8]) -> Result<Request<String>, &'static str> {
    let mut line = trim_end(line).to_vec();
    line.extend_from_slice(b"\r\n");
    match Request::parse(&mut line.iter()) {
        Ok(request) => Ok(request.into_owned()),
        Err(smtp_proto::Error::UnknownCommand) => {
            Err("500 5.5.1 Command not recognised by this training server")
        }
        Err(_) => Err("501 5.5.4 Syntax error in parameters or arguments"),
    }
}

/// Play one SMTP connection.
pub async fn serve(exchange: Exchange, stream: TcpStream, peer: SocketAddr) {
    let (read, mut write) = stream.into_split();
    let limits = exchange.limits().clone();
    let mut lines = LineReader::new(BufReader::new(read), limits.line_bytes, limits.idle);
    let _ = session(&exchange, &mut lines, &mut write, peer).await;
    let _ = write.shutdown().await;
}

async fn say<W: AsyncWrite + Unpin>(out: &mut W, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes()).await?;
    out.write_all(b"\r\n").await
}

/// A line from the client, or why none came (already answered where the protocol asks).
async fn next<R: AsyncBufRead + Unpin + Send, W: AsyncWrite + Unpin>(
    lines: &mut LineReader<R>,
    out: &mut W,
) -> std::io::Result<Option<Line>> {
    match lines.line().await {
        Ok(line) => Ok(Some(line)),
        Err(Closed::Idle) => {
            say(out, "421 4.4.2 Idle for too long, closing").await?;
            Ok(None)
        }
        Err(_) => Ok(None),
    }
}

async fn session<R, W>(
    exchange: &Exchange,
    lines: &mut LineReader<R>,
    out: &mut W,
    peer: SocketAddr,
) -> std::io::Result<()>
where
    R: AsyncBufRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send,
{
    let limits = exchange.limits().clone();
    say(
        out,
        "220 mfa-sim training SMTP submission (simulated Exchange Online) ready",
    )
    .await?;
    let mut signed_in: Option<String> = None;
    let mut sender = false;
    let mut recipients = 0usize;
    let mut failures = 0;
    for _ in 0..limits.commands_per_connection {
        let line = match next(lines, out).await? {
            Some(Line::Text(line)) => line,
            Some(Line::TooLong) => {
                say(out, "500 5.5.2 Line too long").await?;
                continue;
            }
            None => return Ok(()),
        };
        let request = match parse(&line) {
            Ok(r) => r,
            Err(reply) => {
                say(out, reply).await?;
                continue;
            }
        };
        match request {
            Request::Ehlo { host } | Request::Lhlo { host } => {
                sender = false;
                recipients = 0;
                say(
                    out,
                    &format!(
                        "250-mfa-sim.training Hello {host}\r\n250-SIZE {}\r\n250-AUTH LOGIN PLAIN\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES",
                        limits.message_bytes
                    ),
                )
                .await?;
            }
            Request::Helo { host } => {
                say(out, &format!("250 mfa-sim.training Hello {host}")).await?;
            }
            Request::Auth { .. } if signed_in.is_some() => {
                say(out, "503 5.5.1 Already authenticated").await?;
            }
            Request::Auth {
                mechanism,
                initial_response,
            } => {
                let mechanism = match mechanism {
                    AUTH_PLAIN => Mechanism::Plain,
                    AUTH_LOGIN => Mechanism::Login,
                    _ => {
                        say(out, "504 5.7.4 Unrecognized authentication type").await?;
                        continue;
                    }
                };
                let first = match sasl::initial(&initial_response) {
                    Ok(first) => first,
                    Err(e) => {
                        say(out, malformed(e)).await?;
                        continue;
                    }
                };
                let mut prompt = Continue { lines, out };
                let credentials = match sasl::exchange(mechanism, first, &mut prompt).await? {
                    Exchanged::Given(c) => c,
                    Exchanged::Gone => return Ok(()),
                    Exchanged::Cancelled => {
                        say(out, "501 5.0.0 Authentication cancelled").await?;
                        continue;
                    }
                    Exchanged::Malformed(e) => {
                        say(out, malformed(e)).await?;
                        continue;
                    }
                    Exchanged::TooLong => {
                        say(out, "500 5.5.6 Authentication exchange line is too long").await?;
                        continue;
                    }
                };
                match exchange.sign_in(&credentials.user, &credentials.secret, Protocol::Smtp, peer)
                {
                    SignIn::Accepted { user, .. } => {
                        signed_in = Some(user);
                        // Signed in: RFC 5321's command timeout is 5 minutes.
                        lines.set_idle(limits.signed_in_idle.smtp);
                        say(out, "235 2.7.0 Authentication successful").await?;
                    }
                    SignIn::Throttled(why) => say(out, &format!("454 4.7.0 {why}")).await?,
                    SignIn::Refused(refusal) => {
                        failures += 1;
                        if failures >= limits.failures_per_connection {
                            // One reply to one command: the last failure's is the closing one.
                            say(out, "421 4.7.0 Too many failed sign-ins, closing").await?;
                            return Ok(());
                        }
                        say(out, &refusal_reply(&refusal)).await?;
                    }
                }
            }
            Request::Mail { .. } if signed_in.is_none() => {
                say(out, "530 5.7.57 Client not authenticated to send mail.").await?;
            }
            Request::Mail { from } if from.size > limits.message_bytes => {
                // RFC 1870: the size declared is over the limit; no transaction starts.
                say(
                    out,
                    "552 5.3.4 Message size exceeds fixed maximum message size",
                )
                .await?;
            }
            Request::Mail { .. } => {
                sender = true;
                recipients = 0;
                say(out, "250 2.1.0 Sender OK").await?;
            }
            Request::Rcpt { .. } if !sender => {
                say(out, "503 5.5.1 MAIL first").await?;
            }
            Request::Rcpt { .. } if recipients >= 100 => {
                say(out, "452 4.5.3 Too many recipients").await?;
            }
            Request::Rcpt { .. } => {
                recipients += 1;
                say(out, "250 2.1.5 Recipient OK").await?;
            }
            Request::Data if recipients == 0 => {
                say(out, "503 5.5.1 RCPT first").await?;
            }
            Request::Data => {
                say(out, "354 Start mail input; end with <CRLF>.<CRLF>").await?;
                let mut size = 0usize;
                loop {
                    match next(lines, out).await? {
                        None => return Ok(()),
                        Some(Line::TooLong) => size = size.saturating_add(limits.line_bytes),
                        Some(Line::Text(line)) => {
                            if trim_end(&line) == b"." {
                                break;
                            }
                            size = size.saturating_add(line.len());
                        }
                    }
                }
                sender = false;
                recipients = 0;
                if size > limits.message_bytes {
                    say(
                        out,
                        "552 5.3.4 Message size exceeds fixed maximum message size",
                    )
                    .await?;
                } else {
                    // Read to its end and dropped: nothing is delivered by a training server.
                    say(
                        out,
                        "250 2.6.0 Queued mail for delivery (training server: discarded)",
                    )
                    .await?;
                }
            }
            Request::Bdat { .. } | Request::Burl { .. } | Request::Atrn { .. } => {
                say(out, "502 5.5.1 Not offered by this training server").await?;
            }
            Request::StartTls => {
                say(
                    out,
                    "454 4.7.0 No TLS on this training server (plain text on loopback)",
                )
                .await?;
            }
            Request::Rset => {
                sender = false;
                recipients = 0;
                say(out, "250 2.0.0 Reset").await?;
            }
            Request::Noop { .. } => say(out, "250 2.0.0 OK").await?,
            Request::Vrfy { .. } | Request::Expn { .. } => {
                say(out, "252 2.1.5 Cannot verify the user").await?;
            }
            Request::Help { .. } | Request::Etrn { .. } => {
                say(out, "502 5.5.1 Not offered by this training server").await?;
            }
            Request::Quit => {
                say(out, "221 2.0.0 Service closing transmission channel").await?;
                return Ok(());
            }
        }
    }
    say(out, "421 4.7.0 Too many commands, closing").await
}

/// The reply to an answer that is not a name and a password.
fn malformed(e: SaslError) -> &'static str {
    match e {
        SaslError::Base64 => "501 5.5.2 Cannot decode the answer (not base64)",
        _ => "501 5.5.2 Malformed authentication answer",
    }
}

/// SMTP's prompt: `334 text`, and the next line.
struct Continue<'a, R, W> {
    lines: &'a mut LineReader<R>,
    out: &'a mut W,
}

impl<R, W> Prompt for Continue<'_, R, W>
where
    R: AsyncBufRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send,
{
    type Error = std::io::Error;

    async fn ask(&mut self, prompt: String) -> std::io::Result<Reply> {
        say(self.out, &format!("334 {prompt}")).await?;
        Ok(match next(self.lines, self.out).await? {
            Some(Line::Text(line)) => Reply::Line(line),
            Some(Line::TooLong) => Reply::TooLong,
            None => Reply::Gone,
        })
    }
}
