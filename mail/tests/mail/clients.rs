//! Real clients against the listeners: curl (imap://, pop3://, smtp://, http:// for
//! ActiveSync; exit status 67 when a sign-in is refused) and Python's imaplib, poplib and
//! smtplib, on the guide's date (2021-06-01) and on today's (contoso-today), each attempt
//! checked in the tenant's sign-in log.

use crate::common::{Served, curl, python, shown, tool};
use mfa_sim::records::{ClientKind, Protocol, SignInResult};

const LEE: &str = "lee@contoso.com";
const LEE_PASSWORD: &str = "Maple-Syrup-Season-7";
const DANA: &str = "dana@contoso.com";
const DANA_PASSWORD: &str = "Harbour-Lights-42";

/// The one row an attempt added: its protocol, result, method and detail.
fn one_row(s: &Served, from: usize, protocol: Protocol, result: SignInResult, detail: &str) {
    let rows = s.rows_since(from);
    assert_eq!(rows.len(), 1, "one attempt, one row:\n{}", shown(&rows));
    let row = &rows[0];
    assert_eq!(row.client, ClientKind::Legacy(protocol), "{row}");
    assert_eq!(row.result, result, "{row}");
    assert!(row.detail.contains(detail), "`{detail}` in {row}");
    assert_eq!(
        row.app,
        format!("a real {protocol} client at 127.0.0.1"),
        "the row names the real client: {row}"
    );
}

/// curl's `method` request to the ActiveSync endpoint as `user` with `secret`: its exit
/// status and the HTTP status code it printed.
async fn activesync(s: &Served, user: &str, secret: &str, method: &str) -> (i32, String) {
    let eas = format!(
        "http://{}/Microsoft-Server-ActiveSync",
        s.at(s.listeners.ports.activesync)
    );
    let status = [
        "--output",
        "/dev/null",
        "--write-out",
        "%{http_code}",
        "--request",
        method,
    ];
    curl(user, secret, &eas, &status).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curl_on_the_guides_date() {
    if !tool("curl", "curl_on_the_guides_date") {
        return;
    }
    let s = Served::start("contoso", Some("2021-06-01")).await;
    let p = s.listeners.ports;

    // Dana's MFA is not on: her account password still opens IMAP.
    let from = s.rows();
    let (code, out) = curl(
        DANA,
        DANA_PASSWORD,
        &format!("imap://{}/INBOX", s.at(p.imap)),
        &[],
    )
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("INBOX"), "{out}");
    one_row(
        &s,
        from,
        Protocol::Imap,
        SignInResult::Success,
        "account password",
    );

    // Lee makes an App Password (which enforces MFA for him on the way).
    let app = s.app_password("Lee").await;

    let imap = format!("imap://{}/INBOX", s.at(p.imap));
    let from = s.rows();
    let (code, out) = curl(LEE, &app, &format!("{imap};UID=1"), &[]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Subject: Welcome to the training mailbox"),
        "{out}"
    );
    one_row(
        &s,
        from,
        Protocol::Imap,
        SignInResult::Success,
        "app password",
    );
    assert_eq!(
        s.rows_since(from)[0].method.as_deref(),
        Some("App password")
    );

    let from = s.rows();
    let (code, out) = curl(LEE, LEE_PASSWORD, &imap, &[]).await;
    assert_eq!(
        code, 67,
        "the account password is refused once MFA is enforced: {out}"
    );
    one_row(
        &s,
        from,
        Protocol::Imap,
        SignInResult::Failure,
        "needs an app password",
    );

    let pop = format!("pop3://{}/1", s.at(p.pop));
    let from = s.rows();
    let (code, out) = curl(LEE, &app, &pop, &[]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Subject: Welcome to the training mailbox"),
        "{out}"
    );
    one_row(
        &s,
        from,
        Protocol::Pop,
        SignInResult::Success,
        "app password",
    );
    let from = s.rows();
    let (code, out) = curl(LEE, LEE_PASSWORD, &pop, &[]).await;
    assert_eq!(code, 67, "{out}");
    one_row(
        &s,
        from,
        Protocol::Pop,
        SignInResult::Failure,
        "needs an app password",
    );

    let smtp = format!("smtp://{}", s.at(p.smtp));
    let send = [
        "--mail-from",
        LEE,
        "--mail-rcpt",
        DANA,
        "--upload-file",
        "-",
    ];
    let from = s.rows();
    let (code, out) = curl(LEE, &app, &smtp, &send).await;
    assert_eq!(code, 0, "{out}");
    one_row(
        &s,
        from,
        Protocol::Smtp,
        SignInResult::Success,
        "app password",
    );
    let from = s.rows();
    let (code, out) = curl(LEE, LEE_PASSWORD, &smtp, &send).await;
    assert_eq!(code, 67, "{out}");
    one_row(
        &s,
        from,
        Protocol::Smtp,
        SignInResult::Failure,
        "needs an app password",
    );

    // ActiveSync, with OPTIONS.
    let from = s.rows();
    let (code, out) = activesync(&s, LEE, &app, "OPTIONS").await;
    assert_eq!((code, out.as_str()), (0, "200"));
    one_row(
        &s,
        from,
        Protocol::ActiveSync,
        SignInResult::Success,
        "app password",
    );
    let from = s.rows();
    let (code, out) = activesync(&s, LEE, LEE_PASSWORD, "OPTIONS").await;
    assert_eq!((code, out.as_str()), (0, "401"));
    one_row(
        &s,
        from,
        Protocol::ActiveSync,
        SignInResult::Failure,
        "needs an app password",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn curl_on_todays_date() {
    if !tool("curl", "curl_on_todays_date") {
        return;
    }
    let s = Served::start("contoso-today", None).await;
    let p = s.listeners.ports;
    let app = s.app_password("Lee").await;
    let retired = "turned off basic authentication for";

    let from = s.rows();
    let (code, out) = curl(LEE, &app, &format!("imap://{}/INBOX", s.at(p.imap)), &[]).await;
    assert_eq!(code, 67, "IMAP takes no App Password today: {out}");
    one_row(&s, from, Protocol::Imap, SignInResult::Failure, retired);

    let from = s.rows();
    let (code, out) = curl(LEE, &app, &format!("pop3://{}/", s.at(p.pop)), &[]).await;
    assert_eq!(code, 67, "{out}");
    one_row(&s, from, Protocol::Pop, SignInResult::Failure, retired);

    // ActiveSync, with POST.
    let from = s.rows();
    let (code, out) = activesync(&s, LEE, &app, "POST").await;
    assert_eq!((code, out.as_str()), (0, "401"));
    one_row(
        &s,
        from,
        Protocol::ActiveSync,
        SignInResult::Failure,
        retired,
    );

    // SMTP AUTH still takes basic authentication in 2026 (off by default from 2027-01-01).
    let send = [
        "--mail-from",
        LEE,
        "--mail-rcpt",
        DANA,
        "--upload-file",
        "-",
    ];
    let from = s.rows();
    let (code, out) = curl(LEE, &app, &format!("smtp://{}", s.at(p.smtp)), &send).await;
    assert_eq!(code, 0, "{out}");
    one_row(
        &s,
        from,
        Protocol::Smtp,
        SignInResult::Success,
        "app password",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_from_2027() {
    if !tool("python3", "smtp_from_2027") || !tool("curl", "smtp_from_2027") {
        return;
    }
    let s = Served::start("contoso-today", Some("2027-01-15")).await;
    let p = s.listeners.ports;
    let app = s.app_password("Lee").await;
    // smtplib tries PLAIN, then LOGIN: one refused client, two attempts in the log.
    let from = s.rows();
    let (code, out) = python(SMTP_LOGIN, &[p.smtp.to_string(), LEE.into(), app.clone()]).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(
            "refused 550 5.7.30 Basic authentication is not supported for Client Submission."
        ),
        "{out}"
    );
    let rows = s.rows_since(from);
    assert_eq!(
        rows.len(),
        2,
        "PLAIN and LOGIN, two attempts:\n{}",
        shown(&rows)
    );
    for row in &rows {
        assert_eq!(row.client, ClientKind::Legacy(Protocol::Smtp), "{row}");
        assert_eq!(row.result, SignInResult::Failure, "{row}");
        assert!(row.detail.starts_with("550 5.7.30"), "{row}");
    }
    let from = s.rows();
    let send = [
        "--mail-from",
        LEE,
        "--mail-rcpt",
        DANA,
        "--upload-file",
        "-",
    ];
    let (code, out) = curl(LEE, &app, &format!("smtp://{}", s.at(p.smtp)), &send).await;
    assert_eq!(code, 67, "{out}");
    assert_eq!(s.rows_since(from).len(), 1);
}

const SMTP_LOGIN: &str = r#"
import smtplib, sys
port, user, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
s = smtplib.SMTP("127.0.0.1", port, timeout=20)
try:
    s.login(user, secret)
    print("accepted")
except smtplib.SMTPAuthenticationError as e:
    print("refused", e.smtp_code, e.smtp_error.decode())
s.quit()
"#;

const PYTHON_CLIENTS: &str = r#"
import imaplib, poplib, smtplib, sys
imap, pop, smtp, user, secret, wrong = sys.argv[1:7]
m = imaplib.IMAP4("127.0.0.1", int(imap), timeout=20)
m.login(user, secret)
print("imap list", m.list()[1][0].decode())
typ, data = m.select("INBOX")
print("imap select", typ, data[0].decode())
typ, data = m.search(None, "UNSEEN")
print("imap unseen", data[0].decode())
typ, data = m.fetch("2", "(RFC822)")
print("imap subject", [l for l in data[0][1].decode().splitlines() if l.startswith("Subject:")][0])
typ, data = m.search(None, "SEEN")
print("imap seen", data[0].decode())
m.logout()
p = poplib.POP3("127.0.0.1", int(pop), timeout=20)
p.user(user)
p.pass_(secret)
print("pop stat", p.stat()[0])
print("pop top", [l.decode() for l in p.top(3, 0)[1] if l.startswith(b"Subject:")][0])
p.quit()
s = smtplib.SMTP("127.0.0.1", int(smtp), timeout=20)
s.login(user, secret)
s.sendmail(user, [user], "Subject: hello\r\n\r\nA test message.\r\n")
print("smtp sent")
s.quit()
m = imaplib.IMAP4("127.0.0.1", int(imap), timeout=20)
try:
    m.login(user, wrong)
except imaplib.IMAP4.error as e:
    print("imap refused", e)
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn python_clients_on_the_guides_date() {
    if !tool("python3", "python_clients_on_the_guides_date") {
        return;
    }
    let s = Served::start("contoso", None).await;
    let p = s.listeners.ports;
    let app = s.app_password("Lee").await;
    let from = s.rows();
    let (code, out) = python(
        PYTHON_CLIENTS,
        &[
            p.imap.to_string(),
            p.pop.to_string(),
            p.smtp.to_string(),
            LEE.into(),
            app,
            LEE_PASSWORD.into(),
        ],
    )
    .await;
    assert_eq!(code, 0, "{out}");
    for line in [
        "imap list (\\HasNoChildren) \"/\" INBOX",
        "imap select OK 3",
        "imap unseen 1 2 3",
        "imap subject Subject: Multi-factor authentication and your mail app",
        "imap seen 2",
        "pop stat 3",
        "pop top Subject: Your sign-ins are in the sign-in log",
        "smtp sent",
        "imap refused b'LOGIN failed.'",
    ] {
        assert!(out.lines().any(|l| l == line), "`{line}` in:\n{out}");
    }
    let rows = s.rows_since(from);
    let kinds: Vec<(ClientKind, SignInResult)> =
        rows.iter().map(|r| (r.client, r.result)).collect();
    assert_eq!(
        kinds,
        [
            (ClientKind::Legacy(Protocol::Imap), SignInResult::Success),
            (ClientKind::Legacy(Protocol::Pop), SignInResult::Success),
            (ClientKind::Legacy(Protocol::Smtp), SignInResult::Success),
            (ClientKind::Legacy(Protocol::Imap), SignInResult::Failure),
        ],
        "{}",
        shown(&rows)
    );
}

/// contoso-today with SMTP AUTH set by the tenant (`basic_auth: {smtp: ...}`), in a file of
/// its own in a temporary folder.
fn tenant_with_smtp(dir: &std::path::Path, on: bool) -> String {
    let today = std::fs::read_to_string(crate::common::scenarios().join("contoso-today.yaml"))
        .expect("the project's contoso-today");
    let changed = today.replacen(
        "policy:\n",
        &format!("policy:\n  basic_auth:\n    smtp: {on}\n"),
        1,
    );
    assert_ne!(changed, today, "contoso-today has a policy to add to");
    let path = dir.join(format!("contoso-smtp-{on}.yaml"));
    std::fs::write(&path, changed).expect("writes the tenant");
    path.to_string_lossy().into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_as_the_tenant_sets_it() {
    if !tool("python3", "smtp_as_the_tenant_sets_it") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Turned off in 2026, before the default changes: refused already.
    let off = Served::start(&tenant_with_smtp(dir.path(), false), None).await;
    let app = off.app_password("Lee").await;
    let (code, out) = python(
        SMTP_LOGIN,
        &[off.listeners.ports.smtp.to_string(), LEE.into(), app],
    )
    .await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("refused 550 5.7.30"), "{out}");
    // Turned back on by the administrator in 2027: accepted after the default changed.
    let on = Served::start(&tenant_with_smtp(dir.path(), true), Some("2027-01-15")).await;
    let app = on.app_password("Lee").await;
    let from = on.rows();
    let (code, out) = python(
        SMTP_LOGIN,
        &[on.listeners.ports.smtp.to_string(), LEE.into(), app],
    )
    .await;
    assert_eq!((code, out.trim()), (0, "accepted"), "{out}");
    one_row(
        &on,
        from,
        Protocol::Smtp,
        SignInResult::Success,
        "app password",
    );
}
