//! The training mailbox as an IMAP or POP3 client sees it over time: flags kept per user
//! across SELECTs and connections, UIDs and UIDLs that name the same message however
//! simulated time moves, FETCH within its bound, the refusals of a tenant under security
//! defaults, and a new simulation attached (a trainer's `restart`).

use crate::common::{Served, setup_world};
use crate::robustness::Raw;
use mfa_sim::records::SignInResult;

const DANA: &str = "dana@contoso.com";
const DANA_PASSWORD: &str = "Harbour-Lights-42";

/// An IMAP connection signed in as Dana.
async fn dana(s: &Served) -> Raw {
    let mut imap = Raw::open(s.listeners.ports.imap).await;
    imap.read_until("\r\n").await;
    imap.send(format!("s0 LOGIN {DANA} {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert!(imap.read_until("\r\n").await.starts_with("s0 OK"));
    imap
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flags_last_across_selects_and_connections() {
    let s = Served::start("contoso", None).await;
    let mut imap = dana(&s).await;
    imap.send(b"f1 STATUS INBOX (MESSAGES UNSEEN)\r\n").await;
    assert!(
        imap.read_until("f1 OK")
            .await
            .contains("* STATUS INBOX (MESSAGES 3 UNSEEN 3)")
    );
    imap.send(b"f2 SELECT INBOX\r\n").await;
    assert!(imap.read_until("f2 OK").await.contains("[UNSEEN 1]"));
    imap.send(b"f3 STORE 1 +FLAGS (\\Flagged)\r\n").await;
    imap.read_until("f3 OK").await;
    imap.send(b"f4 FETCH 2 BODY[TEXT]\r\n").await;
    assert!(imap.read_until("f4 OK").await.contains("FLAGS (\\Seen)"));
    imap.send(b"f5 CLOSE\r\nf6 SELECT INBOX\r\n").await;
    let said = imap.read_until("f6 OK").await;
    assert!(said.contains("[UNSEEN 1]"), "{said}");
    imap.send(b"f7 FETCH 1:3 FLAGS\r\n").await;
    let said = imap.read_until("f7 OK").await;
    assert!(
        said.contains("* 1 FETCH (FLAGS (\\Flagged))\r\n* 2 FETCH (FLAGS (\\Seen))\r\n* 3 FETCH (FLAGS ())\r\n"),
        "{said}"
    );
    imap.send(b"f8 LOGOUT\r\n").await;
    imap.read_until("f8 OK").await;

    // Another connection of Dana's sees them.
    let mut again = dana(&s).await;
    again.send(b"g1 STATUS INBOX (UNSEEN)\r\n").await;
    assert!(
        again
            .read_until("g1 OK")
            .await
            .contains("* STATUS INBOX (UNSEEN 2)")
    );
    again
        .send(b"g2 SELECT INBOX\r\ng3 STORE 1,3 +FLAGS (\\Seen)\r\n")
        .await;
    again.read_until("g3 OK").await;
    again.send(b"g4 SELECT INBOX\r\n").await;
    let said = again.read_until("g4 OK").await;
    assert!(!said.contains("[UNSEEN"), "nothing unseen: {said}");
    assert!(said.contains("* OK [PERMANENTFLAGS ("), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uids_name_the_same_message_as_simulated_time_moves() {
    let s = Served::start("contoso", None).await;
    let fetch = async |s: &Served| {
        let mut imap = dana(s).await;
        imap.send(b"h1 EXAMINE INBOX\r\nh2 UID FETCH 1:3 (BODY.PEEK[HEADER.FIELDS (DATE MESSAGE-ID)] INTERNALDATE)\r\n")
            .await;
        let said = imap.read_until("h2 OK").await;
        let mut pop = Raw::open(s.listeners.ports.pop).await;
        pop.read_until("\r\n").await;
        pop.send(format!("USER {DANA}\r\nPASS {DANA_PASSWORD}\r\nUIDL\r\n").as_bytes())
            .await;
        let uidl = pop.read_until("\r\n.\r\n").await;
        (
            said[said.find("* 1 FETCH").expect("fetched")..].to_string(),
            uidl,
        )
    };
    let before = fetch(&s).await;
    s.world.sim().unwrap().clock.advance(3 * 86_400 + 3_600);
    let after = fetch(&s).await;
    assert_eq!(before, after, "the same messages, the same UIDs and UIDLs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_items_are_bounded() {
    let s = Served::start("contoso", None).await;
    let mut imap = dana(&s).await;
    imap.send(b"k1 SELECT INBOX\r\n").await;
    imap.read_until("k1 OK").await;
    // The same item many times is asked once.
    let many_uids = vec!["UID"; 500].join(" ");
    imap.send(format!("k2 FETCH 1 ({many_uids})\r\n").as_bytes())
        .await;
    assert_eq!(
        imap.read_until("completed.\r\n").await,
        "* 1 FETCH (UID 1)\r\nk2 OK FETCH completed.\r\n"
    );
    imap.send(b"k4 FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (FROM TO DATE MESSAGE-ID MIME-VERSION CONTENT-TYPE)]\r\n")
        .await;
    let said = imap.read_until("k4 OK").await;
    assert!(
        said.contains(
            "Subject: Welcome to the training mailbox\r\nContent-Transfer-Encoding: 7bit\r\n\r\n)"
        ),
        "{said}"
    );
    assert!(!said.contains("From:"), "{said}");
    // Different items beyond 64 are refused.
    let items: Vec<String> = (0..100)
        .map(|n| format!("BODY.PEEK[HEADER.FIELDS (X-{n})]"))
        .collect();
    imap.send(format!("k3 FETCH 1:3 ({})\r\n", items.join(" ")).as_bytes())
        .await;
    let said = imap.read_until("\r\n").await;
    assert!(said.contains("k3 BAD Too many FETCH items"), "{said}");
}

/// Under security defaults the tenant refuses basic authentication: IMAP and POP3 are told
/// only that the sign-in failed, SMTP gets `535 5.7.139`, and the log says why.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_defaults_refusals() {
    use base64::Engine;
    let s = Served::start("contoso-defaults", Some("2021-06-01")).await;
    let p = s.listeners.ports;
    let from = s.rows();
    let mut imap = Raw::open(p.imap).await;
    imap.read_until("\r\n").await;
    imap.send(format!("d1 LOGIN {DANA} {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert_eq!(imap.read_until("\r\n").await, "d1 NO LOGIN failed.\r\n");
    let mut pop = Raw::open(p.pop).await;
    pop.read_until("\r\n").await;
    pop.send(format!("USER {DANA}\r\nPASS {DANA_PASSWORD}\r\n").as_bytes())
        .await;
    assert_eq!(
        pop.read_until("password.\r\n").await,
        "+OK send PASS\r\n-ERR Logon failure: unknown user name or bad password.\r\n"
    );
    let mut smtp = Raw::open(p.smtp).await;
    smtp.read_until("\r\n").await;
    let plain =
        base64::engine::general_purpose::STANDARD.encode(format!("\0{DANA}\0{DANA_PASSWORD}"));
    smtp.send(format!("AUTH PLAIN {plain}\r\n").as_bytes())
        .await;
    assert_eq!(
        smtp.read_until("\r\n").await,
        "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.\r\n"
    );
    let rows = s.rows_since(from);
    assert_eq!(rows.len(), 3, "{}", crate::common::shown(&rows));
    assert!(
        rows.iter().all(|r| r.result == SignInResult::Failure
            && r.detail == "security defaults block legacy authentication"),
        "{}",
        crate::common::shown(&rows)
    );
}

/// A trainer's `restart` attaches a new simulation: an App Password made in the old one is
/// refused, one made in the new one accepted, and the old flags are gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_simulation_attached_replaces_the_old() {
    let s = Served::start("contoso", None).await;
    let old = s.app_password("Lee").await;
    let login = async |secret: &str| {
        let mut imap = Raw::open(s.listeners.ports.imap).await;
        imap.read_until("\r\n").await;
        imap.send(format!("r1 LOGIN lee@contoso.com {secret}\r\n").as_bytes())
            .await;
        imap.read_until("\r\n").await
    };
    assert!(login(&old).await.starts_with("r1 OK"));
    let mut imap = dana(&s).await;
    imap.send(b"r2 SELECT INBOX\r\nr3 STORE 1 +FLAGS (\\Flagged)\r\n")
        .await;
    imap.read_until("r3 OK").await;

    let new_world = setup_world("contoso").await;
    let tenant = new_world.sim().unwrap().tenant.clone();
    s.exchange.attach(tenant.clone());
    // The same tenant again (the trainer says it after every command) changes nothing.
    s.exchange.attach(tenant.clone());
    assert_eq!(login(&old).await, "r1 NO LOGIN failed.\r\n");
    let new = mfa_sim_mail::setup::app_password(&new_world, "Lee", "Real mail client")
        .await
        .expect("an App Password in the new simulation");
    // (The same seed may well make the same App Password: it is accepted now because the new
    // simulation made it, and was refused above because it had not.)
    assert!(login(&new).await.starts_with("r1 OK"));
    let mut imap = dana(&s).await;
    imap.send(b"r4 SELECT INBOX\r\nr5 FETCH 1 FLAGS\r\n").await;
    assert!(
        imap.read_until("r5 OK")
            .await
            .contains("* 1 FETCH (FLAGS ())"),
        "flags of the old simulation are gone"
    );
    let log = tenant.lock().sign_in_log().to_vec();
    let last = log.last().expect("rows in the new tenant's log");
    assert_eq!(last.user, DANA);
}
