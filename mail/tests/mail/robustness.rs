//! Bad input over real sockets: binary garbage, overlong lines, unknown commands, literals
//! too large, a client that says nothing, more connections than allowed. Each gets a clear
//! protocol error (or a closed connection), and the server goes on serving.

use crate::common::Served;
use mfa_sim_mail::Limits;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// A raw connection that reads what the server says, bounded in time.
pub(crate) struct Raw(pub(crate) TcpStream);

impl Raw {
    pub(crate) async fn open(port: u16) -> Raw {
        Raw(TcpStream::connect(("127.0.0.1", port))
            .await
            .expect("connects"))
    }

    pub(crate) async fn send(&mut self, bytes: &[u8]) {
        self.0.write_all(bytes).await.expect("sends");
    }

    /// Everything that arrives until `until` is in it (or the connection closes, or 10 s).
    pub(crate) async fn read_until(&mut self, until: &str) -> String {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        let read = async {
            while !String::from_utf8_lossy(&got).contains(until) {
                match self.0.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
        };
        let _ = timeout(Duration::from_secs(10), read).await;
        String::from_utf8_lossy(&got).into_owned()
    }

    /// Whatever arrives within `wait` (or until the connection closes).
    pub(crate) async fn read_for(&mut self, wait: Duration) -> Vec<u8> {
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        let _ = timeout(wait, async {
            loop {
                match self.0.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
        })
        .await;
        got
    }

    /// Whether the server closed the connection (within 10 s).
    pub(crate) async fn closed(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        loop {
            match timeout(Duration::from_secs(10), self.0.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return true,
                Ok(Ok(_)) => continue,
                Err(_) => return false,
            }
        }
    }
}

fn garbage() -> Vec<u8> {
    // Bytes of every value, NULs and lone CRs included, then a line end.
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    bytes.retain(|&b| b != b'\n');
    bytes.extend_from_slice(b"\r\n");
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_and_unknown_commands_get_protocol_errors() {
    let s = Served::start("contoso", None).await;
    let p = s.listeners.ports;
    let from = s.rows();

    let mut imap = Raw::open(p.imap).await;
    assert!(imap.read_until("\r\n").await.starts_with("* OK"));
    imap.send(&garbage()).await;
    assert!(imap.read_until("\r\n").await.contains("BAD"));
    imap.send(b"a1 FROBNICATE now\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "a1 BAD Command not recognised or malformed\r\n"
    );
    imap.send(b"a2 SELECT INBOX\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "a2 BAD Command received in Invalid state.\r\n"
    );
    imap.send(b"a3 CAPABILITY\r\n").await;
    assert!(
        imap.read_until("a3 OK")
            .await
            .contains("AUTH=PLAIN SASL-IR")
    );

    let mut pop = Raw::open(p.pop).await;
    assert!(pop.read_until("\r\n").await.starts_with("+OK"));
    pop.send(&garbage()).await;
    assert!(pop.read_until("\r\n").await.starts_with("-ERR"));
    pop.send(b"STAT\r\n").await;
    assert_eq!(
        pop.read_until("\r\n").await,
        "-ERR sign in first (USER, then PASS)\r\n"
    );
    pop.send(b"RETR x y z\r\n").await;
    assert_eq!(pop.read_until("\r\n").await, "-ERR usage: RETR message\r\n");

    let mut smtp = Raw::open(p.smtp).await;
    assert!(smtp.read_until("\r\n").await.starts_with("220"));
    smtp.send(&garbage()).await;
    assert!(smtp.read_until("\r\n").await.starts_with("50"));
    smtp.send(b"MAIL FROM:<lee@contoso.com>\r\n").await;
    assert_eq!(
        smtp.read_until("\r\n").await,
        "530 5.7.57 Client not authenticated to send mail.\r\n"
    );
    smtp.send(b"AUTH PLAIN !!!notbase64\r\n").await;
    assert!(smtp.read_until("\r\n").await.starts_with("501"));
    smtp.send(b"AUTH CRAM-MD5\r\n").await;
    assert!(smtp.read_until("\r\n").await.starts_with("504"));
    // None of that reached the tenant, and no connection task panicked.
    assert_eq!(s.rows(), from);
    assert_eq!(s.exchange.panics(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlong_lines_and_literals_are_refused() {
    let s = Served::start("contoso", None).await;
    let p = s.listeners.ports;
    let long = vec![b'A'; 100_000];

    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(&long).await;
    imap.send(b"\r\nb1 NOOP\r\n").await;
    let said = imap.read_until("b1 OK").await;
    assert!(said.contains("* BAD Command line too long"), "{said}");
    imap.send(b"b2 LOGIN {4000000000}\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "b2 BAD Literal too large\r\n"
    );
    imap.send(b"b3 LOGIN {3}\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "+ Ready for literal data\r\n"
    );
    imap.send(b"lee {3}\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "+ Ready for literal data\r\n"
    );
    imap.send(b"bad\r\n").await;
    assert_eq!(imap.read_until("\r\n").await, "b3 NO LOGIN failed.\r\n");
    imap.send(b"b4 LOGIN {3+}\r\n").await;
    assert!(imap.read_until("\r\n").await.starts_with("* BYE"));
    assert!(imap.closed().await);

    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(&long).await;
    pop.send(b"\r\nNOOP\r\n").await;
    let said = pop.read_until("+OK\r\n").await;
    assert!(said.starts_with("-ERR line too long\r\n"), "{said}");

    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    smtp.send(&long).await;
    smtp.send(b"\r\nNOOP\r\n").await;
    let said = smtp.read_until("250 2.0.0 OK").await;
    assert!(said.starts_with("500 5.5.2 Line too long\r\n"), "{said}");
    assert_eq!(s.exchange.panics(), 0);
}

/// A command made of many lines joined by empty literals (`{0}`) is refused once it passes the
/// command limit, and one with too many literals too; a too-long first line keeps its tag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_commands_stay_within_their_bound() {
    let limits = Limits {
        literal_bytes: 4096,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let mut imap = Raw::open(s.listeners.ports.imap).await;
    imap.read_until("\r\n").await;
    // Each line is 1 KiB and ends with an empty literal; the fifth passes 4 KiB.
    let line = format!("{}{{0}}\r\n", "a".repeat(1020));
    imap.send(format!("e1 NOOP {line}").as_bytes()).await;
    let mut said = String::new();
    for _ in 0..8 {
        said = imap.read_until("\r\n").await;
        if !said.starts_with('+') {
            break;
        }
        imap.send(line.as_bytes()).await;
    }
    assert_eq!(said, "e1 BAD Command too long\r\n");
    imap.send(b"e2 NOOP\r\n").await;
    assert_eq!(imap.read_until("\r\n").await, "e2 OK NOOP completed.\r\n");

    imap.send(b"e3 NOOP {0}\r\n").await;
    let mut said = String::new();
    for _ in 0..40 {
        said = imap.read_until("\r\n").await;
        if !said.starts_with('+') {
            break;
        }
        imap.send(b"{0}\r\n").await;
    }
    assert_eq!(said, "e3 BAD Too many literals in one command\r\n");

    imap.send(format!("e4 LOGIN {}\r\n", "x".repeat(10_000)).as_bytes())
        .await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "e4 BAD Command line too long\r\n"
    );
    assert_eq!(s.exchange.panics(), 0);
}

/// A user name with terminal control in it is refused by every protocol before the tenant is
/// asked: no row, so nothing of it is printed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_in_names_never_reach_the_tenant() {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let s = Served::start("contoso", None).await;
    let p = s.listeners.ports;
    let from = s.rows();
    let user = "lee\u{1b}]0;pwned\u{7}@contoso.com";

    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    let plain = b64(&format!("\0{user}\0Maple-Syrup-Season-7"));
    imap.send(format!("f1 AUTHENTICATE PLAIN {plain}\r\n").as_bytes())
        .await;
    assert!(imap.read_until("\r\n").await.starts_with("f1 BAD"));
    imap.send(format!("f2 LOGIN {{{}}}\r\n", user.len()).as_bytes())
        .await;
    imap.read_until("\r\n").await;
    imap.send(format!("{user} secret\r\n").as_bytes()).await;
    assert_eq!(imap.read_until("\r\n").await, "f2 NO LOGIN failed.\r\n");

    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(format!("USER {user}\r\n").as_bytes()).await;
    assert!(pop.read_until("\r\n").await.starts_with("-ERR"));

    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    smtp.send(format!("AUTH PLAIN {plain}\r\n").as_bytes())
        .await;
    assert!(smtp.read_until("\r\n").await.starts_with("501"));

    let mut eas = Raw::open(p.activesync).await;
    eas.send(
        format!(
            "OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {}\r\n\r\n",
            b64(&format!("{user}:secret"))
        )
        .as_bytes(),
    )
    .await;
    assert!(eas.read_until("\r\n").await.starts_with("HTTP/1.1 401"));
    assert_eq!(s.rows(), from, "no row for any of them");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_close_the_connection() {
    let s = Served::start("contoso", None).await;
    let from = s.rows();
    let mut imap = Raw::open(s.listeners.ports.imap).await;
    imap.read_until("\r\n").await;
    for n in 1..=3 {
        imap.send(format!("c{n} LOGIN lee@contoso.com wrong{n}\r\n").as_bytes())
            .await;
        assert!(imap.read_until("\r\n").await.contains("NO LOGIN failed."));
    }
    assert!(imap.closed().await, "three failures close the connection");
    assert_eq!(s.rows() - from, 3, "each attempt is a row");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_client_is_disconnected() {
    let limits = Limits {
        idle: Duration::from_millis(300),
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let p = s.listeners.ports;
    for (port, bye) in [
        (p.imap, "* BYE Idle"),
        (p.pop, "-ERR idle"),
        (p.smtp, "421 4.4.2"),
    ] {
        let mut c = Raw::open(port).await;
        let said = c.read_until(bye).await;
        assert!(said.contains(bye), "{said}");
        assert!(c.closed().await);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_limit_are_closed() {
    let limits = Limits {
        connections: 8,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let p = s.listeners.ports;
    let mut open = Vec::new();
    for n in 0..8 {
        let port = [p.imap, p.pop, p.smtp][n % 3];
        let mut c = Raw::open(port).await;
        assert!(
            !c.read_until("\r\n").await.is_empty(),
            "connection {n} is greeted"
        );
        open.push(c);
    }
    for port in [p.imap, p.pop, p.smtp] {
        let mut extra = Raw::open(port).await;
        assert!(
            extra.closed().await,
            "the ninth connection is closed at once"
        );
    }
    drop(open);
    // The slots come back once the connections close.
    let mut later = None;
    for _ in 0..50 {
        let mut c = Raw::open(p.imap).await;
        let said = c.read_until("\r\n").await;
        if said.starts_with("* OK") {
            later = Some(said);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(later.is_some(), "a new connection is served again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activesync_answers_bad_requests_and_drops_silent_clients() {
    let limits = Limits {
        idle: Duration::from_millis(300),
        connections: 2,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let port = s.listeners.ports.activesync;
    let from = s.rows();

    let mut c = Raw::open(port).await;
    c.send(b"OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1\r\nHost: x\r\n\r\n")
        .await;
    let said = c.read_until("\r\n\r\n").await;
    assert!(said.starts_with("HTTP/1.1 401"), "{said}");
    assert!(said.contains("www-authenticate: Basic"), "{said}");
    c.send(
        b"GET /Microsoft-Server-ActiveSync HTTP/1.1\r\nHost: x\r\nAuthorization: Basic !!!\r\n\r\n",
    )
    .await;
    let said = c.read_until("\r\n\r\n").await;
    assert!(said.starts_with("HTTP/1.1 405"), "{said}");
    assert!(said.contains("allow: OPTIONS, POST"), "{said}");
    c.send(&garbage()).await;
    assert!(c.read_until("\r\n").await.starts_with("HTTP/1.1 400"));
    assert!(c.closed().await);
    // No credentials, no sign-in.
    assert_eq!(s.rows(), from);

    // A client that says nothing is cut off after the idle time; the slots are shared with
    // the other protocols.
    let mut silent = Raw::open(port).await;
    let mut other = Raw::open(s.listeners.ports.imap).await;
    assert!(other.read_until("\r\n").await.starts_with("* OK"));
    let mut third = Raw::open(port).await;
    assert!(third.closed().await, "beyond the limit: closed at once");
    assert!(silent.closed().await, "silent: closed after the idle time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sasl_exchanges_as_clients_send_them() {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    // Dana's MFA is off on the guide's date: her account password is accepted.
    let s = Served::start("contoso", None).await;
    let p = s.listeners.ports;
    let from = s.rows();
    let plain = b64("\0dana@contoso.com\0Harbour-Lights-42");

    // IMAP: SASL-IR, then the same without an initial response, then a cancel.
    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(format!("d1 AUTHENTICATE PLAIN {plain}\r\n").as_bytes())
        .await;
    assert!(imap.read_until("\r\n").await.starts_with("d1 OK"));
    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(b"d2 AUTHENTICATE PLAIN\r\n").await;
    assert_eq!(imap.read_until("\r\n").await, "+ \r\n");
    imap.send(format!("{plain}\r\n").as_bytes()).await;
    assert!(imap.read_until("\r\n").await.starts_with("d2 OK"));
    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(b"d3 AUTHENTICATE PLAIN\r\n").await;
    imap.read_until("\r\n").await;
    imap.send(b"*\r\n").await;
    assert!(imap.read_until("\r\n").await.starts_with("d3 BAD"));

    // SMTP: AUTH LOGIN, user name and password each after a 334 prompt.
    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    smtp.send(b"EHLO client\r\n").await;
    assert!(
        smtp.read_until("250 ENHANCEDSTATUSCODES\r\n")
            .await
            .contains("250-AUTH LOGIN PLAIN\r\n")
    );
    smtp.send(b"AUTH LOGIN\r\n").await;
    assert_eq!(smtp.read_until("\r\n").await, "334 VXNlcm5hbWU6\r\n");
    smtp.send(format!("{}\r\n", b64("dana@contoso.com")).as_bytes())
        .await;
    assert_eq!(smtp.read_until("\r\n").await, "334 UGFzc3dvcmQ6\r\n");
    smtp.send(format!("{}\r\n", b64("Harbour-Lights-42")).as_bytes())
        .await;
    assert_eq!(
        smtp.read_until("\r\n").await,
        "235 2.7.0 Authentication successful\r\n"
    );

    // POP3: PASS before USER is refused without asking the tenant.
    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(b"PASS Harbour-Lights-42\r\n").await;
    assert_eq!(pop.read_until("\r\n").await, "-ERR send USER first\r\n");

    let rows = s.rows_since(from);
    assert_eq!(
        rows.len(),
        3,
        "two IMAP sign-ins and one SMTP, nothing for the cancel"
    );
    assert!(
        rows.iter()
            .all(|r| r.detail == "signed in with the account password")
    );
}

/// Any bytes, on any of the three line protocols: no connection task panics, and the server
/// goes on serving (a new connection is greeted afterwards).
#[test]
fn random_input_never_stops_the_server() {
    use proptest::prelude::*;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let s = runtime.block_on(Served::start("contoso", None));
    let p = s.listeners.ports;
    let config = ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let lines = proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..600), 1..6);
    proptest!(config, |(which in 0usize..3, lines in lines)| {
        let port = [p.imap, p.pop, p.smtp][which];
        runtime.block_on(async {
            let mut c = Raw::open(port).await;
            c.read_until("\r\n").await;
            for mut line in lines {
                line.extend_from_slice(b"\r\n");
                c.send(&line).await;
            }
            // Time for the server to read and answer it all.
            c.read_for(Duration::from_millis(50)).await;
            drop(c);
            let mut fresh = Raw::open(port).await;
            let greeting = fresh.read_until("\r\n").await;
            assert!(
                ["* OK", "+OK", "220 "].iter().any(|g| greeting.starts_with(g)),
                "{greeting:?}"
            );
        });
        prop_assert_eq!(s.exchange.panics(), 0);
    });
    // Every connection task has ended (each counts its own panic as it unwinds), so the count
    // is final.
    let Served {
        listeners,
        exchange,
        world,
    } = s;
    runtime.block_on(listeners.stop());
    drop(world);
    assert_eq!(exchange.panics(), 0);
}
