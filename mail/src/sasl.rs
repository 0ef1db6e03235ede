//! The two SASL mechanisms a password travels in, PLAIN (RFC 4616) and LOGIN (a base64 user
//! name, then a base64 password), as IMAP `AUTHENTICATE` and SMTP `AUTH` carry them.
//!
//! [`exchange`] plays either mechanism over any protocol: the protocol gives the initial
//! response, if any, and a way to put a prompt and read the answer line (IMAP's `+`, SMTP's
//! `334`), and maps how it ended to its own reply.
//!
//! Decoding never panics and refuses what is not a name and a password: bad base64, a PLAIN
//! message without its two NUL separators, text that is not UTF-8, a name or password of
//! more than [`MAX_FIELD`] bytes, or one holding a control character (no sign-in name or
//! password has one, and a name is printed where a terminal would act on it).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The longest user name or password accepted, in bytes.
pub const MAX_FIELD: usize = 1024;

/// A user name and password from a client.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The name signed in as (the authentication identity).
    pub user: String,
    /// The password or App Password.
    pub secret: String,
}

impl std::fmt::Debug for Credentials {
    // Never print a password, not even in a test failure.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// Why a SASL message was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaslError {
    /// Not base64.
    Base64,
    /// Not `authzid NUL authcid NUL password`.
    Shape,
    /// Not UTF-8, or a field too long, empty or holding a control character.
    Field,
}

impl std::fmt::Display for SaslError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SaslError::Base64 => "the answer is not base64",
            SaslError::Shape => "a PLAIN answer is authorisation NUL name NUL password",
            SaslError::Field => {
                "the name or password is empty, too long, not UTF-8 or holds a control character"
            }
        })
    }
}

/// Base64 text (a line's content, spaces around it ignored) to bytes.
pub fn base64(text: &[u8]) -> Result<Vec<u8>, SaslError> {
    let text = text.trim_ascii();
    if text.len() > 4 * MAX_FIELD {
        return Err(SaslError::Field);
    }
    STANDARD.decode(text).map_err(|_| SaslError::Base64)
}

/// A decoded PLAIN message: `[authzid] NUL authcid NUL passwd`. The authorisation identity,
/// when given, must be the same person (this server acts for nobody else).
pub fn plain(message: &[u8]) -> Result<Credentials, SaslError> {
    let mut parts = message.split(|&b| b == 0);
    let (Some(authz), Some(user), Some(secret), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(SaslError::Shape);
    };
    let user = field(user)?;
    if !authz.is_empty() && field(authz)? != user {
        return Err(SaslError::Shape);
    }
    Ok(Credentials {
        user,
        secret: field(secret)?,
    })
}

/// One user name or password as a client gave it (a LOGIN field already base64-decoded, IMAP
/// LOGIN's strings, POP3's USER and PASS, HTTP Basic's two halves): UTF-8 of 1 to
/// [`MAX_FIELD`] bytes without control characters (C0, DEL, C1).
pub fn field(bytes: &[u8]) -> Result<String, SaslError> {
    if bytes.is_empty() || bytes.len() > MAX_FIELD {
        return Err(SaslError::Field);
    }
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| SaslError::Field)?;
    if text.chars().any(char::is_control) {
        return Err(SaslError::Field);
    }
    Ok(text)
}

/// The base64 of a prompt or answer (for the server's `334`/`+` lines).
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// The two mechanisms offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// PLAIN: one message, `authzid NUL authcid NUL password`.
    Plain,
    /// LOGIN: the user name, then the password, each after its prompt.
    Login,
}

/// What the client sent after a prompt.
#[derive(Debug)]
pub enum Reply {
    /// A line, its CRLF included or not.
    Line(Vec<u8>),
    /// A line longer than the protocol's bound (already skipped).
    TooLong,
    /// Nothing: the client went away or was silent too long (the protocol has said so).
    Gone,
}

/// How an exchange ended.
#[derive(Debug)]
pub enum Exchanged {
    /// A name and a password, to ask the tenant about.
    Given(Credentials),
    /// The client answered `*`.
    Cancelled,
    /// An answer that is not a name and a password.
    Malformed(SaslError),
    /// An answer line too long.
    TooLong,
    /// The client went away.
    Gone,
}

/// The initial response of SMTP's `AUTH mechanism [initial]` (RFC 4954): none when absent,
/// empty for `=`, else base64.
pub fn initial(text: &str) -> Result<Option<Vec<u8>>, SaslError> {
    match text {
        "" => Ok(None),
        "=" => Ok(Some(Vec::new())),
        text => base64(text.as_bytes()).map(Some),
    }
}

/// How a protocol puts a prompt (already base64) to the client and reads its answer.
pub trait Prompt {
    /// Why the socket failed.
    type Error;
    /// Put `prompt`; the line that came back.
    fn ask(&mut self, prompt: String) -> impl Future<Output = Result<Reply, Self::Error>> + Send;
}

/// Play `mechanism`: `first` is the initial response when the client sent one; `prompt` asks
/// for what is missing.
pub async fn exchange<P: Prompt>(
    mechanism: Mechanism,
    first: Option<Vec<u8>>,
    prompt: &mut P,
) -> Result<Exchanged, P::Error> {
    let first = match first {
        Some(bytes) => bytes,
        None => {
            let text = match mechanism {
                Mechanism::Plain => String::new(),
                Mechanism::Login => encode(b"Username:"),
            };
            match answer(prompt.ask(text).await?) {
                Ok(bytes) => bytes,
                Err(ended) => return Ok(ended),
            }
        }
    };
    Ok(match mechanism {
        Mechanism::Plain => plain(&first).map_or_else(Exchanged::Malformed, Exchanged::Given),
        Mechanism::Login => {
            let secret = match answer(prompt.ask(encode(b"Password:")).await?) {
                Ok(bytes) => bytes,
                Err(ended) => return Ok(ended),
            };
            match (field(&first), field(&secret)) {
                (Ok(user), Ok(secret)) => Exchanged::Given(Credentials { user, secret }),
                (Err(e), _) | (_, Err(e)) => Exchanged::Malformed(e),
            }
        }
    })
}

/// An answer's bytes, or how the exchange ended.
fn answer(reply: Reply) -> Result<Vec<u8>, Exchanged> {
    match reply {
        Reply::Gone => Err(Exchanged::Gone),
        Reply::TooLong => Err(Exchanged::TooLong),
        Reply::Line(line) if crate::line::trim_end(&line) == b"*" => Err(Exchanged::Cancelled),
        Reply::Line(line) => base64(crate::line::trim_end(&line)).map_err(Exchanged::Malformed),
    }
}
