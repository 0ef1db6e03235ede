//! `mfa-sim serve`'s handlers, called without sockets (`tower::ServiceExt::oneshot`): every
//! page and action, an exercise played to its goal by its forms (the code read from the phone
//! panel), a help-desk ticket by its console, the manager's page and CSV from the progress
//! file, and the refusals: unknown session, missing or forged CSRF token, unknown action,
//! oversized form, wrong method, wrong access code, the session bound and idle expiry.

use crate::common;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use mfa_sim::web::{Config, app};
use std::path::PathBuf;
use std::time::Duration;
use tower::ServiceExt;

fn config(progress: Option<PathBuf>) -> Config {
    Config {
        project: common::repo(),
        access_code: None,
        max_sessions: 10,
        idle: Duration::from_secs(600),
        progress,
    }
}

/// A status, the headers and the body of one request.
struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn get(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut r = Request::get(path);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::empty()).unwrap()
}

/// Percent-encode a form value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn post(path: &str, cookie: Option<&str>, fields: &[(&str, &str)]) -> Request<Body> {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut r =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body)).unwrap()
}

/// A signed-in browser: its cookie and the CSRF token its pages carry.
struct Browser {
    cookie: String,
    csrf: String,
}

async fn sign_in(app: &Router, name: &str) -> Browser {
    let a = send(app, post("/start", None, &[("name", name)])).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let set = a.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let page = send(app, get("/play", Some(&cookie))).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = between(&page.body, r#"name="csrf" value=""#, "\"")
        .expect("every page of a session carries its token")
        .to_string();
    assert_eq!(csrf.len(), 64);
    Browser { cookie, csrf }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

impl Browser {
    /// Post an action; it must be answered with the redirect to the play page, which is
    /// returned.
    async fn act(&self, app: &Router, fields: &[(&str, &str)]) -> String {
        let a = self.post(app, fields).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{fields:?}: {}", a.body);
        assert_eq!(a.headers[header::LOCATION], "/play");
        self.page(app).await
    }

    /// Post an action form with this browser's cookie and token, whatever the answer.
    async fn post(&self, app: &Router, fields: &[(&str, &str)]) -> Answer {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        send(app, post("/act", Some(&self.cookie), &all)).await
    }

    /// A desk form about Dana: `verb` with its extra box, if any; the play page after it.
    async fn desk(&self, app: &Router, verb: &str, extra: Option<&str>) -> String {
        let mut fields = vec![("do", "desk"), ("label", verb), ("user", "dana")];
        if let Some(extra) = extra {
            fields.push(("extra", extra));
        }
        self.act(app, &fields).await
    }

    async fn page(&self, app: &Router) -> String {
        let a = send(app, get("/play", Some(&self.cookie))).await;
        assert_eq!(a.status, StatusCode::OK);
        a.body
    }
}

/// The browser card's title.
fn title(page: &str) -> &str {
    let card = page
        .find(r#"<div class="mfa-screen">"#)
        .expect("a browser card");
    between(&page[card..], r#"<div class="mfa-title">"#, "<").unwrap()
}

fn assert_security_headers(a: &Answer) {
    let h = &a.headers;
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("default-src 'self'")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_start_page_and_style_carry_the_security_headers() {
    let app = app::router(config(None)).unwrap();
    let a = send(&app, get("/", None)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains(r#"<form method="post" action="/start">"#));
    assert!(!a.body.contains("Access code"), "no code asked for");
    assert_security_headers(&a);
    let css = send(&app, get("/style.css", None)).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.body.contains(".mfa-screen"), "the book's card styles");
    assert_security_headers(&css);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_name_starts_a_session_that_lists_the_exercises() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Ann").await;
    let page = b.page(&app).await;
    assert!(page.contains(r#"<b id="trainee">Ann</b>"#));
    for id in ["sms-setup", "ticket-lost-phone"] {
        assert!(page.contains(&format!("<code>{id}</code>")), "{id}");
    }
    // With a session, the start address leads to the play page.
    let home = send(&app, get("/", Some(&b.cookie))).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_or_overlong_name_is_refused() {
    let app = app::router(config(None)).unwrap();
    for name in ["", "   ", &"x".repeat(65)] {
        let a = send(&app, post("/start", None, &[("name", name)])).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{name:?}");
        assert!(a.body.contains("Enter your name"));
        assert!(a.headers.get(header::SET_COOKIE).is_none());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_access_code_keeps_strangers_out_of_training_and_results() {
    let mut c = config(None);
    c.access_code = Some("open-sesame".into());
    let app = app::router(c).unwrap();
    assert!(
        send(&app, get("/", None))
            .await
            .body
            .contains("Access code")
    );
    for code in [None, Some("wrong"), Some("open-sesam")] {
        let mut fields = vec![("name", "Eve")];
        if let Some(code) = code {
            fields.push(("code", code));
        }
        let a = send(&app, post("/start", None, &fields)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{code:?}");
        assert!(a.headers.get(header::SET_COOKIE).is_none());
    }
    let manager = send(&app, get("/manager", None)).await;
    assert_eq!(manager.status, StatusCode::FORBIDDEN);
    let a = send(
        &app,
        post("/start", None, &[("name", "Ann"), ("code", "open-sesame")]),
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread")]
async fn forms_without_a_live_session_or_its_token_or_a_known_action_are_refused() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Ann").await;
    // Unknown session: no cookie, a made-up one.
    for cookie in [None, Some("mfa_sim_session=00ff")] {
        let a = send(
            &app,
            post("/act", cookie, &[("csrf", &b.csrf), ("do", "hint")]),
        )
        .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert!(a.body.contains("Unknown session"), "{}", a.body);
        assert_security_headers(&a);
    }
    // Missing and forged tokens.
    let forged = "0".repeat(64);
    for fields in [
        vec![("do", "start"), ("exercise", "sms-setup")],
        vec![
            ("csrf", forged.as_str()),
            ("do", "start"),
            ("exercise", "sms-setup"),
        ],
        vec![
            ("csrf", &b.csrf[..63]),
            ("do", "start"),
            ("exercise", "sms-setup"),
        ],
    ] {
        let a = send(&app, post("/act", Some(&b.cookie), &fields)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{fields:?}");
        assert!(a.body.contains("token"));
    }
    // Nothing started: the list is still shown.
    assert!(b.page(&app).await.contains("<h1>Exercises</h1>"));
    // Unknown and missing actions.
    for fields in [vec![("do", "format-disk")], vec![]] {
        let a = b.post(&app, &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST);
        assert!(a.body.contains("Unknown action"));
    }
    // An action missing what it needs.
    let a = b.post(&app, &[("do", "press")]).await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.body.contains("needs a label"));
    // A trainer command before any exercise.
    let a = b.post(&app, &[("do", "hint")]).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    // An exercise that does not exist.
    let a = b
        .post(&app, &[("do", "start"), ("exercise", "no-such")])
        .await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.body.contains("There is no exercise"));
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_forms_wrong_methods_and_unknown_addresses_get_clear_pages() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Ann").await;
    let big = "a".repeat(app::MAX_FORM_BYTES + 1);
    let a = b.post(&app, &[("do", "command"), ("text", &big)]).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(a.body.contains("larger than"), "{}", a.body);
    let a = send(&app, post("/start", None, &[("name", &big)])).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    for (request, status) in [
        (get("/act", Some(&b.cookie)), StatusCode::METHOD_NOT_ALLOWED),
        (get("/start", None), StatusCode::METHOD_NOT_ALLOWED),
        (post("/", None, &[]), StatusCode::METHOD_NOT_ALLOWED),
        (post("/manager", None, &[]), StatusCode::METHOD_NOT_ALLOWED),
        (get("/etc/passwd", None), StatusCode::NOT_FOUND),
        (get("/../Cargo.toml", None), StatusCode::NOT_FOUND),
    ] {
        let a = send(&app, request).await;
        assert_eq!(a.status, status);
        assert!(a.body.contains(r#"id="problem""#), "{}", a.body);
        assert_security_headers(&a);
    }
    // A form that is not a form.
    let r = Request::post("/act")
        .header(header::COOKIE, &b.cookie)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let a = send(&app, r).await;
    assert!(a.status.is_client_error(), "{}", a.status);
}

/// Press a control by its label on the browser card.
async fn press(app: &Router, b: &Browser, label: &str) -> String {
    b.act(app, &[("do", "press"), ("label", label)]).await
}

async fn type_in(app: &Router, b: &Browser, field: &str, text: &str) -> String {
    b.act(app, &[("do", "type"), ("label", field), ("text", text)])
        .await
}

/// The code in the newest text on the phone panel.
fn texted_code(page: &str) -> String {
    let panel = &page[page.find(r#"id="phone-outputs""#).expect("the phone panel")..];
    let after =
        between(panel, r#"<div class="mfa-from">"#, " is your").expect("a text with a code");
    after.rsplit('>').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_text_message_setup_plays_to_its_goal_by_the_forms_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.sqlite");
    let app = app::router(config(Some(progress.clone()))).unwrap();
    let b = sign_in(&app, "Ann").await;
    let page = b
        .act(&app, &[("do", "start"), ("exercise", "sms-setup")])
        .await;
    assert!(page.contains("<h1>First setup with text messages</h1>"));
    assert!(
        page.contains(r#"id="phone""#),
        "the user's phone beside the browser"
    );
    assert_eq!(title(&page), "New tab");
    b.act(&app, &[("do", "open"), ("text", "aka.ms/mfasetup")])
        .await;
    type_in(&app, &b, "Email, phone, or Skype", "dana@contoso.com").await;
    press(&app, &b, "Next").await;
    type_in(&app, &b, "Password", "Harbour-Lights-42").await;
    let page = press(&app, &b, "Sign in").await;
    assert_eq!(title(&page), "More information required");
    let page = press(&app, &b, "Next").await;
    assert_eq!(title(&page), "Additional security verification");
    assert!(page.contains("◉ Send me a code by text message"));
    type_in(&app, &b, "Phone number", "4255550123").await;
    let page = press(&app, &b, "Next").await;
    let code = texted_code(&page);
    assert_eq!(code.len(), 6, "{code}");
    type_in(&app, &b, "Code", &code).await;
    press(&app, &b, "Verify").await;
    let page = press(&app, &b, "Done").await;
    assert_eq!(title(&page), "Sign in");
    // A hint is the trainer's own.
    let page = b.act(&app, &[("do", "hint")]).await;
    assert!(page.contains("Hint 1/"), "{page}");
    type_in(&app, &b, "Email, phone, or Skype", "dana@contoso.com").await;
    press(&app, &b, "Next").await;
    type_in(&app, &b, "Password", "Harbour-Lights-42").await;
    let page = press(&app, &b, "Sign in").await;
    assert_eq!(title(&page), "Enter code");
    let second = texted_code(&page);
    assert_ne!(second, code, "a new code for the sign-in");
    type_in(&app, &b, "Code", &second).await;
    press(&app, &b, "Verify").await;
    let page = press(&app, &b, "Yes").await;
    assert!(page.contains("*** Goal met"), "{page}");
    assert!(page.contains(r#"id="finished""#));
    assert!(page.contains("Your attempt was saved."));
    // The attempt is over: no more actions.
    let a = b.post(&app, &[("do", "hint")]).await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    // The manager's page and CSV read the same progress file as `mfa-sim progress`.
    let m = send(&app, get("/manager", None)).await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(
        m.body
            .contains("<td>Ann</td><td>sms-setup</td><td>yes</td><td>95</td>"),
        "{}",
        m.body
    );
    assert!(
        m.body
            .contains("Points: 95/100 (goal met; 0 mistakes, 1 hint)"),
        "the last debrief"
    );
    let csv = send(&app, get("/manager.csv", None)).await;
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(
        csv.body
            .starts_with("trainee,exercise,done,best,attempts,last date,mistakes\n")
    );
    assert!(csv.body.contains("Ann,sms-setup,yes,95,1,"), "{}", csv.body);
    // Back to the list.
    let page = b.act(&app, &[("do", "leave")]).await;
    assert!(page.contains("<h1>Exercises</h1>"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_help_desk_ticket_plays_to_its_goal_from_the_admin_forms() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Bo").await;
    let page = b
        .act(&app, &[("do", "start"), ("exercise", "ticket-lost-phone")])
        .await;
    assert!(page.contains("<h2>Admin centre</h2>"));
    assert!(page.contains(r#"data-verb="tap""#));
    assert!(
        !page.contains(r#"id="phone""#),
        "the desk cannot see the user's phone"
    );
    // The console's typed commands work too.
    let page = b
        .act(&app, &[("do", "command"), ("text", "admin show dana")])
        .await;
    assert!(
        page.contains("dana@contoso.com: per-user MFA enforced"),
        "{page}"
    );
    for (verb, extra) in [
        ("verify", Some("callback")),
        ("reregister", None),
        ("tap", Some("60")),
    ] {
        b.desk(&app, verb, extra).await;
    }
    let page = b.page(&app).await;
    assert!(page.contains("*** Goal met"), "{page}");
    assert!(
        page.contains(r#"data-panel="auth-methods""#),
        "the admin's card"
    );
    assert!(page.contains("Not saved (--no-save)."));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_desk_actions_are_refused() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Bo").await;
    b.act(&app, &[("do", "start"), ("exercise", "ticket-lost-phone")])
        .await;
    for fields in [
        vec![("do", "desk"), ("label", "drop-tenant"), ("user", "dana")],
        vec![("do", "desk"), ("label", "tap")],
    ] {
        let a = b.post(&app, &fields).await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{fields:?}");
    }
    // A trainee playing the user has no console: the trainer says so (its own rule).
    let c = sign_in(&app, "Cy").await;
    c.act(&app, &[("do", "start"), ("exercise", "sms-setup")])
        .await;
    let page = c.desk(&app, "tap", Some("60")).await;
    assert!(page.contains("not the help desk"), "{page}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_users_exercises_can_run_with_a_real_phone() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Di").await;
    let list = b.page(&app).await;
    assert!(list.contains("Start with my own phone"));
    let page = b
        .act(
            &app,
            &[
                ("do", "start"),
                ("exercise", "third-party-app"),
                ("real_phone", "1"),
            ],
        )
        .await;
    assert!(page.contains("the real clock"), "{page}");
    let page = b.act(&app, &[("do", "wait"), ("text", "30")]).await;
    assert!(page.contains("with a real phone, time passes by itself"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_phone_panel_answers_requests_and_shows_codes() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Cy").await;
    b.act(&app, &[("do", "start"), ("exercise", "add-authenticator")])
        .await;
    let page = b
        .act(
            &app,
            &[("do", "install"), ("app", "Microsoft Authenticator")],
        )
        .await;
    assert!(
        between(&page, r#"id="apps">"#, "</div></div>")
            .unwrap()
            .contains("Microsoft Authenticator")
    );
    let page = b.act(&app, &[("do", "accept")]).await;
    assert!(page.contains("Show code"), "{page}");
    // A command the trainer does not know is answered with help, not an error.
    let page = b.act(&app, &[("do", "command"), ("text", "xyzzy")]).await;
    assert!(page.contains("&gt; xyzzy"));
    // Time passes by the clock control.
    let page = b.act(&app, &[("do", "wait"), ("text", "30")]).await;
    assert!(page.contains("30 seconds pass."));
    let page = b.act(&app, &[("do", "restart")]).await;
    assert!(page.contains("Starting again."));
    let page = b.act(&app, &[("do", "quit")]).await;
    assert!(page.contains(r#"id="finished""#));
}

#[tokio::test(flavor = "multi_thread")]
async fn each_browser_has_its_own_simulation() {
    let app = app::router(config(None)).unwrap();
    let ann = sign_in(&app, "Ann").await;
    let bo = sign_in(&app, "Bo").await;
    assert_ne!(ann.cookie, bo.cookie);
    assert_ne!(ann.csrf, bo.csrf);
    for b in [&ann, &bo] {
        b.act(&app, &[("do", "start"), ("exercise", "sms-setup")])
            .await;
    }
    let page = ann
        .act(&app, &[("do", "open"), ("text", "aka.ms/mfasetup")])
        .await;
    assert_eq!(title(&page), "Sign in");
    assert_eq!(title(&bo.page(&app).await), "New tab");
    // One browser's token is no good in another's session.
    let a = send(
        &app,
        post(
            "/act",
            Some(&bo.cookie),
            &[("csrf", &ann.csrf), ("do", "hint")],
        ),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    // Signing out ends the session.
    let a = ann.post(&app, &[("do", "sign-out")]).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    let a = ann.post(&app, &[("do", "hint")]).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn sessions_are_bounded_in_number() {
    let mut c = config(None);
    c.max_sessions = 2;
    let app = app::router(c).unwrap();
    sign_in(&app, "Ann").await;
    sign_in(&app, "Bo").await;
    let a = send(&app, post("/start", None, &[("name", "Cy")])).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.body.contains("at most 2 sessions"));
    let mut zero = config(None);
    zero.max_sessions = 0;
    assert!(app::router(zero).is_err());
}

#[test]
fn idle_sessions_are_forgotten() {
    use mfa_sim::web::sessions::Sessions;
    use std::time::Instant;
    let idle = Duration::from_secs(60);
    let store = Sessions::new(1, idle);
    let (id, _) = store.create("Ann".into()).unwrap();
    assert!(store.create("Bo".into()).is_err(), "full");
    assert!(store.get(&id).is_some());
    assert_eq!(store.expire_at(Instant::now() + idle / 2), 1);
    assert_eq!(store.expire_at(Instant::now() + idle * 2), 0);
    assert!(store.get(&id).is_none());
    assert!(store.create("Bo".into()).is_ok(), "room again");
}

#[test]
fn tokens_are_random_and_compared_whole() {
    use mfa_sim::web::csrf::Token;
    let a = Token::new();
    let b = Token::new();
    assert_ne!(a.to_string(), b.to_string());
    assert!(a.matches(&a.to_string()));
    assert!(!a.matches(&b.to_string()));
    assert!(!a.matches(""));
    assert!(!a.matches(&a.to_string()[..63]));
    assert_eq!(format!("{a:?}"), "Token(..)");
}

#[tokio::test(flavor = "multi_thread")]
async fn one_attempt_is_bounded_in_actions_but_can_always_give_up() {
    use mfa_sim::web::sessions::MAX_ACTIONS;
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Ann").await;
    b.act(&app, &[("do", "start"), ("exercise", "sms-setup")])
        .await;
    let status = [("do", "status")];
    for _ in 0..MAX_ACTIONS {
        let a = b.post(&app, &status).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
    }
    let a = b.post(&app, &status).await;
    assert_eq!(a.status, StatusCode::TOO_MANY_REQUESTS);
    let page = b.act(&app, &[("do", "quit")]).await;
    assert!(page.contains(r#"id="finished""#));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_start_form_is_refused_from_another_sites_page() {
    let app = app::router(config(None)).unwrap();
    let start = |origin: &str, fetch_site: &str| {
        Request::post("/start")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:8080")
            .header(header::ORIGIN, origin)
            .header("sec-fetch-site", fetch_site)
            .body(Body::from("name=Mallory"))
            .unwrap()
    };
    for (origin, site) in [
        ("http://evil.example", "cross-site"),
        ("http://evil.example", "none"),
        ("null", "cross-site"),
        ("http://127.0.0.1:9999", "same-site"),
    ] {
        let a = send(&app, start(origin, site)).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN, "{origin} {site}");
        assert!(a.headers.get(header::SET_COOKIE).is_none());
    }
    // The site's own page: its origin, or `null` under the no-referrer policy.
    for origin in ["http://127.0.0.1:8080", "null"] {
        let a = send(&app, start(origin, "same-origin")).await;
        assert_eq!(a.status, StatusCode::SEE_OTHER, "{origin}");
    }
}

/// The exercises are read once when the server starts: a file that does not load stops it
/// with the file's name, instead of leaving the exercise out of the list unsaid.
#[test]
fn a_broken_exercise_file_stops_the_server_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(["new", "desk"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let root = dir.path().join("desk");
    let exercises = mfa_sim::project::Project::at(&root).unwrap().exercises();
    std::fs::create_dir_all(&exercises).unwrap();
    std::fs::write(exercises.join("broken.yaml"), "id: [unclosed\n").unwrap();
    let mut config = config(None);
    config.project = mfa_sim::project::Project::at(&root).unwrap();
    let err = format!("{:#}", app::router(config).expect_err("serve refuses"));
    assert!(err.contains("broken.yaml"), "{err}");
}

/// Free play from the exercise list: any of the project's tenants, a date, a person and a
/// role; no goal, the phone's switches, nothing saved; a tenant that is not one of the
/// project's files (a path above all) is refused, and so is a date outside the window.
#[tokio::test(flavor = "multi_thread")]
async fn free_play_starts_on_any_project_tenant_and_date_and_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.sqlite");
    let app = app::router(config(Some(progress.clone()))).unwrap();
    let b = sign_in(&app, "Fay").await;
    let list = b.page(&app).await;
    assert!(list.contains("<h2>Free play</h2>"), "{list}");
    assert!(list.contains(r#"<option value="contoso-today">"#), "{list}");
    for (tenant, date, status) in [
        ("../scenarios/contoso", "", StatusCode::NOT_FOUND),
        ("/etc/passwd", "", StatusCode::NOT_FOUND),
        ("contoso", "1999-12-31", StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let a = b
            .post(
                &app,
                &[
                    ("do", "free"),
                    ("tenant", tenant),
                    ("date", date),
                    ("role", "user"),
                ],
            )
            .await;
        assert_eq!(a.status, status, "{tenant} {date}: {}", a.body);
    }
    let page = b
        .act(
            &app,
            &[
                ("do", "free"),
                ("tenant", "contoso-today"),
                ("date", "2026-12-08"),
                ("person", ""),
                ("role", "user"),
            ],
        )
        .await;
    assert!(
        page.contains("Free play: contoso-today.yaml on 2026-12-08"),
        "{page}"
    );
    assert!(page.contains(r#"id="switches""#), "{page}");
    let page = b.act(&app, &[("do", "signal"), ("text", "off")]).await;
    assert!(page.contains(r#"<span id="signal">none</span>"#), "{page}");
    assert!(page.contains("Turn signal on"), "{page}");
    let page = b.act(&app, &[("do", "internet"), ("text", "off")]).await;
    assert!(
        page.contains(r#"<span id="internet">none</span>"#),
        "{page}"
    );
    let page = b.act(&app, &[("do", "quit")]).await;
    assert!(page.contains("Free play is not saved."), "{page}");
    let csv = send(&app, get("/manager.csv", Some(&b.cookie))).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.body.starts_with("trainee,"), "{}", csv.body);
    assert!(!csv.body.contains("free-play"), "{}", csv.body);
    // The help desk's free play: the admin centre, no phone.
    b.act(&app, &[("do", "leave")]).await;
    let page = b
        .act(
            &app,
            &[("do", "free"), ("tenant", "contoso"), ("role", "desk")],
        )
        .await;
    assert!(page.contains("<h2>Admin centre</h2>"), "{page}");
    assert!(!page.contains(r#"id="phone""#), "{page}");
}

/// An exercise's phone has no switches, and a forged switch is the trainer's refusal.
#[tokio::test(flavor = "multi_thread")]
async fn an_exercises_phone_has_no_signal_switch() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Gil").await;
    let page = b
        .act(&app, &[("do", "start"), ("exercise", "sms-setup")])
        .await;
    assert!(page.contains(r#"id="phone""#));
    assert!(!page.contains(r#"id="switches""#), "{page}");
    assert!(
        !page.contains(r#"id="admin""#),
        "the user has no admin centre"
    );
    let page = b.act(&app, &[("do", "signal"), ("text", "off")]).await;
    assert!(page.contains("Not possible: in an exercise"), "{page}");
    assert!(page.contains(r#"<span id="signal">yes</span>"#), "{page}");
}

/// The help desk's admin centre: the person's per-user MFA row and methods page as they
/// stand, with their buttons as forms on the cards (a pass issued from the methods page shows
/// on it at once), the sign-in log and its latest row's details, and only the block switch
/// that applies.
#[tokio::test(flavor = "multi_thread")]
async fn the_admin_centre_shows_the_persons_pages_as_they_stand() {
    let app = app::router(config(None)).unwrap();
    let b = sign_in(&app, "Hal").await;
    let page = b
        .act(&app, &[("do", "start"), ("exercise", "ticket-lost-phone")])
        .await;
    // A card from its `data-panel` to the end of its buttons.
    let card = |page: &str, kind: &str| -> String {
        let start = page
            .find(&format!(r#"data-panel="{kind}""#))
            .unwrap_or_else(|| panic!("no {kind} card: {page}"));
        let rest = &page[start..];
        let end = rest.find("</div></div>").unwrap_or(rest.len());
        rest[..end].to_string()
    };
    let per_user = card(&page, "per-user-mfa");
    assert!(per_user.contains("<td>Enforced</td>"), "{per_user}");
    for verb in ["enable", "disable", "enforce"] {
        assert!(
            per_user.contains(&format!(r#"data-verb="{verb}""#)),
            "{verb}: {per_user}"
        );
    }
    let methods = card(&page, "auth-methods");
    assert!(methods.contains("dana@contoso.com"), "{methods}");
    for verb in ["tap", "reset-password", "reregister", "revoke"] {
        assert!(
            methods.contains(&format!(r#"data-verb="{verb}""#)),
            "{verb}: {methods}"
        );
    }
    assert!(!methods.contains(">Valid<"), "no pass yet: {methods}");
    b.desk(&app, "verify", Some("callback")).await;
    let page = b.desk(&app, "tap", Some("60")).await;
    let methods = card(&page, "auth-methods");
    assert!(
        methods.contains("Temporary Access Pass</span><span class=\"mfa-box\">Valid<"),
        "{methods}"
    );
    let page = b.desk(&app, "block", None).await;
    assert!(
        page.contains(r#"data-verb="unblock""#) && !page.contains(r#"data-verb="block""#),
        "only the switch that applies: {page}"
    );
    // The lost phone's sign-ins are in the log, the newest opened in its details pane.
    assert!(page.contains(r#"data-panel="sign-in-log""#), "{page}");
    assert!(page.contains(r#"data-panel="sign-in-details""#), "{page}");
}
