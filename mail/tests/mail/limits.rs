//! The listeners' own limits, over real sockets on 127.0.0.1: sign-in tries per address and in
//! all (refused without asking the tenant, so no row), failed sign-ins per ActiveSync
//! connection, connections per address, a connection's lifetime, and the longer idle time a
//! signed-in client gets. Each test shortens the limit it looks at, so it stays quick.

use crate::common::Served;
use crate::robustness::Raw;
use base64::Engine;
use mfa_sim_mail::Limits;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

const DANA: &str = "dana@contoso.com";
const DANA_PASSWORD: &str = "Harbour-Lights-42";
const TOO_OFTEN: &str =
    "too many sign-ins from this address; try again in a minute (training server)";

fn basic(user: &str, secret: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
}

/// Reconnecting buys no more tries: the fourth try in a minute, whatever the protocol, is
/// refused by the listener in its protocol's words and adds no row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_tries_are_limited_per_address() {
    let limits = Limits {
        sign_ins_per_minute: 3,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let p = s.listeners.ports;
    let from = s.rows();
    for n in 1..=3 {
        let mut imap = Raw::open(p.imap).await;
        imap.read_until("\r\n").await;
        imap.send(format!("t{n} LOGIN {DANA} wrong{n}\r\n").as_bytes())
            .await;
        assert_eq!(
            imap.read_until("\r\n").await,
            format!("t{n} NO LOGIN failed.\r\n")
        );
    }
    assert_eq!(s.rows() - from, 3);

    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(format!("t4 LOGIN {DANA} {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert_eq!(
        imap.read_until("\r\n").await,
        format!("t4 NO [UNAVAILABLE] {TOO_OFTEN}\r\n")
    );

    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(format!("USER {DANA}\r\nPASS {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    let said = pop.read_until("(training server)\r\n").await;
    assert_eq!(
        said,
        format!("+OK send PASS\r\n-ERR [SYS/TEMP] {TOO_OFTEN}\r\n")
    );

    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    let plain =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{DANA}\0{DANA_PASSWORD}"));
    smtp.send(format!("AUTH PLAIN {plain}\r\n").as_bytes())
        .await;
    assert_eq!(
        smtp.read_until("\r\n").await,
        format!("454 4.7.0 {TOO_OFTEN}\r\n")
    );

    let mut eas = Raw::open(p.activesync).await;
    eas.send(
        format!(
            "OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {}\r\n\r\n",
            basic(DANA, DANA_PASSWORD)
        )
        .as_bytes(),
    )
    .await;
    let said = eas.read_until(TOO_OFTEN).await;
    assert!(said.starts_with("HTTP/1.1 429"), "{said}");
    assert!(said.contains("retry-after: 60"), "{said}");
    assert_eq!(s.rows() - from, 3, "the refused tries added no row");
}

/// A last bound: the server takes so many tries in all, then refuses every other one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_tries_are_limited_in_all() {
    let limits = Limits {
        sign_ins_in_all: 2,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let from = s.rows();
    let mut imap = Raw::open(s.listeners.ports.imap).await;
    imap.read_until("\r\n").await;
    for n in 1..=2 {
        imap.send(format!("u{n} LOGIN {DANA} wrong\r\n").as_bytes())
            .await;
        assert_eq!(
            imap.read_until("\r\n").await,
            format!("u{n} NO LOGIN failed.\r\n")
        );
    }
    imap.send(format!("u3 LOGIN {DANA} {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "u3 NO [UNAVAILABLE] this training server has taken all the sign-ins it takes; start it again (training server)\r\n"
    );
    assert_eq!(s.rows() - from, 2);
}

/// ActiveSync keeps a connection alive between requests; its failed sign-ins are counted
/// like the line protocols', and the last 401 closes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn activesync_closes_after_three_failed_sign_ins() {
    let s = Served::start("contoso", None).await;
    let mut eas = Raw::open(s.listeners.ports.activesync).await;
    for n in 1..=3 {
        eas.send(
            format!(
                "OPTIONS /Microsoft-Server-ActiveSync HTTP/1.1\r\nHost: x\r\nAuthorization: Basic {}\r\n\r\n",
                basic(DANA, &format!("wrong{n}"))
            )
            .as_bytes(),
        )
        .await;
        let said = eas.read_until("\r\n\r\n").await;
        assert!(said.starts_with("HTTP/1.1 401"), "{said}");
        assert_eq!(said.contains("connection: close"), n == 3, "{n}: {said}");
    }
    assert!(eas.closed().await, "the third failure ends the connection");
}

/// SMTP's third failed AUTH gets one reply, the closing 421, and the connection ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_answers_the_last_failure_once_and_closes() {
    let s = Served::start("contoso", None).await;
    let mut smtp = Raw::open(s.listeners.ports.smtp).await;
    smtp.read_until("\r\n").await;
    let mut said = String::new();
    for n in 1..=3 {
        let plain = base64::engine::general_purpose::STANDARD.encode(format!("\0{DANA}\0bad{n}"));
        smtp.send(format!("AUTH PLAIN {plain}\r\n").as_bytes())
            .await;
        said.push_str(&smtp.read_until("\r\n").await);
    }
    assert!(smtp.closed().await);
    assert_eq!(
        said,
        "535 5.7.3 Authentication unsuccessful\r\n535 5.7.3 Authentication unsuccessful\r\n421 4.7.0 Too many failed sign-ins, closing\r\n"
    );
}

/// A declared size over the limit is refused at MAIL FROM (RFC 1870), before any DATA.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_refuses_a_declared_size_over_the_limit() {
    let s = Served::start("contoso", None).await;
    let mut smtp = Raw::open(s.listeners.ports.smtp).await;
    smtp.read_until("\r\n").await;
    let plain =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{DANA}\0{DANA_PASSWORD}"));
    smtp.send(format!("EHLO me\r\nAUTH PLAIN {plain}\r\n").as_bytes())
        .await;
    smtp.read_until("Authentication successful\r\n").await;
    smtp.send(b"MAIL FROM:<dana@contoso.com> SIZE=99999999\r\n")
        .await;
    assert_eq!(
        smtp.read_until("\r\n").await,
        "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
    );
    smtp.send(b"MAIL FROM:<dana@contoso.com> SIZE=1000\r\n")
        .await;
    assert_eq!(smtp.read_until("\r\n").await, "250 2.1.0 Sender OK\r\n");
}

/// One address cannot take every slot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_are_limited_per_address() {
    let limits = Limits {
        connections_per_address: 2,
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let p = s.listeners.ports;
    let mut first = Raw::open(p.imap).await;
    assert!(first.read_until("\r\n").await.starts_with("* OK"));
    let mut second = Raw::open(p.pop).await;
    assert!(second.read_until("\r\n").await.starts_with("+OK"));
    let mut third = Raw::open(p.smtp).await;
    assert!(
        third.closed().await,
        "a third from 127.0.0.1 is closed at once"
    );
    drop(first);
    let mut later = false;
    for _ in 0..50 {
        let mut c = Raw::open(p.imap).await;
        if c.read_until("\r\n").await.starts_with("* OK") {
            later = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(later, "a slot comes back when a connection closes");
}

/// A literal sent a byte at a time, each well within the idle time, still ends at the
/// connection's lifetime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trickling_client_ends_at_the_lifetime() {
    let limits = Limits {
        lifetime: Duration::from_millis(800),
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let mut imap = Raw::open(s.listeners.ports.imap).await;
    imap.read_until("\r\n").await;
    imap.send(b"v1 LOGIN {1000}\r\n").await;
    assert_eq!(
        imap.read_until("\r\n").await,
        "+ Ready for literal data\r\n"
    );
    let (mut read, mut write) = imap.0.into_split();
    let trickle = tokio::spawn(async move {
        for _ in 0..100 {
            if write.write_all(b"x").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let mut buf = [0u8; 64];
    let ended = tokio::time::timeout(Duration::from_secs(4), async {
        use tokio::io::AsyncReadExt;
        loop {
            match read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => continue,
            }
        }
    })
    .await;
    trickle.abort();
    assert!(ended.is_ok(), "the connection ends at its lifetime");
}

/// Signed in, a client may be quiet for longer than before it signs in (the RFCs' autologout
/// times): here 300 ms before, 5 s after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_client_may_be_quiet_longer() {
    let limits = Limits {
        idle: Duration::from_millis(300),
        signed_in_idle: mfa_sim_mail::SignedInIdle {
            imap: Duration::from_secs(5),
            pop: Duration::from_secs(5),
            smtp: Duration::from_secs(5),
        },
        ..Limits::default()
    };
    let s = Served::with_limits("contoso", None, limits).await;
    let p = s.listeners.ports;
    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(format!("w1 LOGIN {DANA} {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert!(imap.read_until("\r\n").await.starts_with("w1 OK"));
    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(format!("USER {DANA}\r\nPASS {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert!(
        pop.read_until("messages\r\n")
            .await
            .contains("+OK 3 messages")
    );
    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    let plain =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{DANA}\0{DANA_PASSWORD}"));
    smtp.send(format!("AUTH PLAIN {plain}\r\n").as_bytes())
        .await;
    assert!(smtp.read_until("\r\n").await.starts_with("235"));

    tokio::time::sleep(Duration::from_millis(1000)).await;
    imap.send(b"w2 NOOP\r\n").await;
    assert_eq!(imap.read_until("\r\n").await, "w2 OK NOOP completed.\r\n");
    pop.send(b"NOOP\r\n").await;
    assert_eq!(pop.read_until("\r\n").await, "+OK\r\n");
    smtp.send(b"NOOP\r\n").await;
    assert_eq!(smtp.read_until("\r\n").await, "250 2.0.0 OK\r\n");
}
