//! The few messages a signed-in client finds in its INBOX: made from the simulation (the
//! user's name and mailbox, and the instant the listeners were attached to the tenant), in
//! the simulator's own words, the same on every run for the same user and date. They are
//! dated before that instant, never from the tenant's moving "now", so a UID (and a POP3
//! UIDL) names the same message for as long as the tenant is attached. What a client submits over SMTP is not added: this
//! is a training server, and submitted mail is discarded.

use mfa_sim::clock::Instant;
use mfa_sim::tenant::{Tenant, UserId};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc2822;

/// One message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The whole message as sent over the wire: header, blank line, body, CRLF line ends.
    pub raw: Vec<u8>,
    /// Where the header ends (the index just past the blank line).
    pub header_end: usize,
    /// When it arrived (simulated time).
    pub arrived: Instant,
    /// `Subject:`.
    pub subject: String,
    /// Display name and address of the sender.
    pub from: (String, String),
    /// Display name and address of the recipient.
    pub to: (String, String),
    /// `Message-ID:` (with its angle brackets).
    pub id: String,
    /// `Content-Transfer-Encoding:`: `7bit`, or `8bit` when the body is not ASCII (a user's
    /// name in it may not be).
    pub encoding: &'static str,
}

impl Message {
    /// The header, with the blank line that ends it.
    pub fn header(&self) -> &[u8] {
        &self.raw[..self.header_end]
    }

    /// The body.
    pub fn text(&self) -> &[u8] {
        &self.raw[self.header_end..]
    }

    /// The body's number of lines (for IMAP's BODYSTRUCTURE).
    pub fn lines(&self) -> usize {
        self.text().split(|&b| b == b'\n').count().saturating_sub(1)
    }
}

/// The INBOX of the user `id` of `t`, its messages dated before `since`.
pub fn inbox(t: &Tenant, id: UserId, since: Instant) -> Vec<Message> {
    let user = t.user(id);
    let now = since;
    let name = user.display_name.clone();
    let address = user.mailbox.clone();
    let domain = address.split_once('@').map_or("example.com", |(_, d)| d);
    let first = name.split_whitespace().next().unwrap_or(&name).to_string();
    let desk = ("IT help desk".to_string(), format!("helpdesk@{domain}"));
    let me = (name.clone(), address.clone());
    let notes = [
        (
            now - 2 * 86_400,
            "Welcome to the training mailbox",
            format!(
                "Hello {first},\r\n\r\nThis mailbox belongs to the mfa-sim training server. A real mail app\r\nreached it with a user name and a password over a protocol of 2021\r\n(IMAP, POP3 or Exchange ActiveSync). The simulated tenant decided\r\nwhether to let it in, on its own date and by its own rules.\r\n"
            ),
        ),
        (
            now - 86_400,
            "Multi-factor authentication and your mail app",
            format!(
                "Hello {first},\r\n\r\nOnce multi-factor authentication is enforced for your account, a mail\r\napp that only knows a password can no longer use your account password.\r\nIt needs an App Password, made on the App passwords page. From\r\n2022-10-01 Exchange Online no longer takes basic authentication for\r\nIMAP, POP or ActiveSync at all; SMTP AUTH follows later.\r\n"
            ),
        ),
        (
            now - 3_600,
            "Your sign-ins are in the sign-in log",
            format!(
                "Hello {first},\r\n\r\nEvery attempt your mail app made, accepted or refused, is a row in the\r\ntenant's sign-in log. Ask the help desk to look at it with you.\r\n"
            ),
        ),
    ];
    notes
        .into_iter()
        .enumerate()
        .map(|(n, (at, subject, body))| message(&desk, &me, at, subject, &body, n + 1, domain))
        .collect()
}

fn message(
    from: &(String, String),
    to: &(String, String),
    at: Instant,
    subject: &str,
    body: &str,
    n: usize,
    domain: &str,
) -> Message {
    let date = OffsetDateTime::from_unix_timestamp(at)
        .ok()
        .and_then(|d| d.format(&Rfc2822).ok())
        .unwrap_or_default();
    let id = format!("<training-{n}-{at}@{domain}>");
    let encoding = if body.is_ascii() { "7bit" } else { "8bit" };
    let header = format!(
        "From: {} <{}>\r\nTo: {} <{}>\r\nSubject: {subject}\r\nDate: {date}\r\nMessage-ID: {id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n",
        phrase(&from.0),
        from.1,
        phrase(&to.0),
        to.1,
    );
    let header_end = header.len();
    let mut raw = header.into_bytes();
    raw.extend_from_slice(body.as_bytes());
    Message {
        raw,
        header_end,
        arrived: at,
        subject: subject.to_string(),
        from: from.clone(),
        to: to.clone(),
        id,
        encoding,
    }
}

/// A display name as a header may carry it: as is when it is plain ASCII, quoted
/// when it holds one of RFC 5322's specials, else an RFC 2047 encoded-word (UTF-8, base64), so
/// a header stays ASCII whatever a tenant's people are called.
pub fn phrase(text: &str) -> String {
    use base64::Engine;
    let printable = text.bytes().all(|b| (0x20..0x7f).contains(&b));
    if printable
        && !text.contains([
            '"', '\\', '(', ')', '<', '>', '@', ',', ';', ':', '[', ']', '.',
        ])
    {
        text.to_string()
    } else if printable {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        format!(
            "=?utf-8?B?{}?=",
            base64::engine::general_purpose::STANDARD.encode(clean)
        )
    }
}
