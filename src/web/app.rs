//! The router: which address and method reach which handler, the security headers on every
//! answer, the body limit, and the handlers themselves. Every refused request gets a page
//! saying why with a 4xx status (503 when the session bound is reached); nothing panics.

use super::action::{ActionForm, WebAction};
use super::pages;
use super::sessions::{Play, Shared};
use super::{Config, Site};
use crate::trainer::Session;
use axum::Router;
use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::{DefaultBodyLimit, Form, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::sync::Arc;

/// The cookie that names a browser's session.
pub const COOKIE: &str = "mfa_sim_session";

/// The largest form body accepted, in bytes.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// The longest trainee name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The Content-Security-Policy on every answer: only this server's own files, inline styles
/// for the cards, images from this server or inline (the QR codes), forms only to here.
pub const CSP: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The web front end's router for `config`.
pub fn router(config: Config) -> anyhow::Result<Router> {
    let site = Arc::new(Site::new(config)?);
    Ok(Router::new()
        .route("/", get(home))
        .route("/start", post(start))
        .route("/play", get(play_page))
        .route("/act", post(act))
        .route("/manager", get(manager_page))
        .route("/manager.csv", get(manager_csv))
        .route("/style.css", get(style))
        .fallback(|| async { problem(StatusCode::NOT_FOUND, "Not found", "There is no page at this address.") })
        .method_not_allowed_fallback(|| async {
            problem(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed",
                "This address does not take that kind of request: pages are read with GET, forms sent with POST.",
            )
        })
        .with_state(site)
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(middleware::from_fn(security_headers)))
}

/// The security headers, set on every answer.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A refusal as a page.
fn problem(status: StatusCode, title: &str, what: &str) -> Response {
    (status, Html(pages::problem(title, what))).into_response()
}

/// After a form: back to the play page (POST, then redirect).
fn see_play() -> Response {
    Redirect::to("/play").into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
        .into_response()
}

/// The session id the browser's cookie names, if any.
fn cookie_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// The browser's live session.
fn session_of(state: &Site, headers: &HeaderMap) -> Option<(String, Shared)> {
    let id = cookie_id(headers)?;
    let session = state.sessions.get(&id)?;
    Some((id, session))
}

async fn home(State(state): State<Arc<Site>>, headers: HeaderMap) -> Response {
    if session_of(&state, &headers).is_some() {
        return see_play();
    }
    Html(pages::start(state.config.access_code.is_some(), None)).into_response()
}

/// The start form.
#[derive(Debug, Default, Deserialize)]
pub struct StartForm {
    /// The trainee's name.
    pub name: Option<String>,
    /// The access code, when the server asks for one.
    pub code: Option<String>,
}

fn form_refused(rejection: &FormRejection) -> Response {
    let status = rejection.status();
    let what = if status == StatusCode::PAYLOAD_TOO_LARGE {
        format!("The form was larger than {MAX_FORM_BYTES} bytes and was not read.")
    } else {
        format!("The form could not be read: {}", rejection.body_text())
    };
    let status = if status.is_client_error() {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    problem(status, "Form refused", &what)
}

/// Whether a form came from a page of this site, as far as the browser says: a
/// `Sec-Fetch-Site` of `cross-site` or `same-site`, or an `Origin` naming another host, is
/// refused. (Under `Referrer-Policy: no-referrer` browsers send `Origin: null` for the site's
/// own forms, so that one says nothing.) The start form has no session and so no token yet:
/// this keeps another site from signing a browser in under a name of its choosing.
fn same_origin(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some("cross-site" | "same-site")) {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (origin.to_str().ok(), host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            origin.strip_prefix("http://") == Some(host)
                || origin.strip_prefix("https://") == Some(host)
        }
        _ => false,
    }
}

async fn start(
    State(state): State<Arc<Site>>,
    headers: HeaderMap,
    form: Result<Form<StartForm>, FormRejection>,
) -> Response {
    if !same_origin(&headers) {
        return problem(
            StatusCode::FORBIDDEN,
            "Form refused",
            "The start form came from another site's page; open this site's own start page.",
        );
    }
    let form = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return form_refused(&rejection),
    };
    let code_needed = state.config.access_code.is_some();
    if !state.access_code_ok(form.code.as_deref()) {
        return (
            StatusCode::FORBIDDEN,
            Html(pages::start(
                code_needed,
                Some("That access code is not the one this server was started with."),
            )),
        )
            .into_response();
    }
    let name: String = form
        .name
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return (
            StatusCode::BAD_REQUEST,
            Html(pages::start(
                code_needed,
                Some(&format!(
                    "Enter your name (1 to {MAX_NAME_CHARS} characters): your attempts are kept under it."
                )),
            )),
        )
            .into_response();
    }
    match state.sessions.create(name) {
        Ok((id, _)) => {
            let cookie = format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict");
            let mut response = see_play();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Err(full) => problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many trainees",
            &format!(
                "This server keeps at most {} sessions at once and all are in use; try again when one has ended or gone idle.",
                full.max
            ),
        ),
    }
}

async fn play_page(State(state): State<Arc<Site>>, headers: HeaderMap) -> Response {
    let Some((_, shared)) = session_of(&state, &headers) else {
        return Redirect::to("/").into_response();
    };
    let web = shared.lock().await;
    let Some(play) = &web.play else {
        let list = state.exercises();
        return Html(pages::exercises(&web, list, &state.tenants, None)).into_response();
    };
    let csrf = web.csrf.to_string();
    let exercise = play.session.exercise();
    let outputs = play.session.outputs();
    let phone = match play.session.phone_state().await {
        Ok(Some(phone)) => {
            let qr = match play.session.screen().await {
                Ok(v) => v.qr.is_some(),
                Err(_) => false,
            };
            super::phone_panel::panel(&phone, &outputs, qr, exercise.free_play, &csrf)
        }
        _ => String::new(),
    };
    let (view, desk) = match exercise.role {
        crate::trainer::exercise::Role::User => (play.session.screen().await.ok(), String::new()),
        crate::trainer::exercise::Role::Technician => {
            let desk = play
                .session
                .desk_state()
                .await
                .map_err(|e| format!("{e:#}"));
            let desk = match &desk {
                Ok(d) => Ok(d.as_ref()),
                Err(e) => Err(e.clone()),
            };
            (
                None,
                super::desk_panel::panel(&exercise.person, desk, &outputs, &csrf),
            )
        }
    };
    Html(pages::play(&web, play, view.as_ref(), &desk, &phone)).into_response()
}

async fn act(
    State(state): State<Arc<Site>>,
    headers: HeaderMap,
    form: Result<Form<ActionForm>, FormRejection>,
) -> Response {
    let Some((id, shared)) = session_of(&state, &headers) else {
        return problem(
            StatusCode::FORBIDDEN,
            "Unknown session",
            "This browser has no session here (it ended, went idle too long, or the server restarted). Start again from the start page.",
        );
    };
    let form = match form {
        Ok(Form(f)) => f,
        Err(rejection) => return form_refused(&rejection),
    };
    let mut web = shared.lock().await;
    let token_ok = form
        .csrf
        .as_deref()
        .is_some_and(|given| web.csrf.matches(given));
    if !token_ok {
        return problem(
            StatusCode::FORBIDDEN,
            "Form refused",
            "The form did not carry this session's token, so it may not have come from this site's own page. Reload the page and try again.",
        );
    }
    let action = match form.action() {
        Ok(a) => a,
        Err(why) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "Unknown action",
                &format!("The form was refused: {why}."),
            );
        }
    };
    match action {
        WebAction::SignOut => {
            drop(web);
            state.sessions.remove(&id);
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_static(
                    "mfa_sim_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
                ),
            );
            response
        }
        WebAction::Leave => {
            web.play = None;
            see_play()
        }
        WebAction::Start(..) | WebAction::Free(_) => {
            let list = state.exercises();
            let refuse = |status: StatusCode, why: String| {
                (
                    status,
                    Html(pages::exercises(&web, list, &state.tenants, Some(&why))),
                )
                    .into_response()
            };
            let (exercise, phone) = match state.chosen(action) {
                Ok(chosen) => chosen,
                Err((status, why)) => return refuse(status, why),
            };
            match Session::start(exercise, &state.config.project, phone).await {
                Ok((session, briefing)) => {
                    web.play = Some(Play {
                        session,
                        briefing,
                        replies: Vec::new(),
                        finished: false,
                        saved: None,
                        actions: 0,
                    });
                    see_play()
                }
                Err(e) => refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("The exercise could not start: {e:#}"),
                ),
            }
        }
        WebAction::Trainer(line) => {
            let trainee = web.trainee.clone();
            let Some(play) = web.play.as_mut() else {
                return problem(
                    StatusCode::CONFLICT,
                    "No exercise",
                    "Choose an exercise first.",
                );
            };
            if play.finished {
                return problem(
                    StatusCode::CONFLICT,
                    "Attempt over",
                    "This attempt is over; choose another exercise.",
                );
            }
            if play.actions >= super::sessions::MAX_ACTIONS && line != "quit" {
                return problem(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many actions",
                    &format!(
                        "One attempt may send at most {} actions; give up (quit) and start the exercise again.",
                        super::sessions::MAX_ACTIONS
                    ),
                );
            }
            play.actions += 1;
            let reply = play.session.handle(&line).await;
            play.keep(line, reply.text);
            if reply.finished {
                play.finished = true;
                play.saved = Some(state.save(&trainee, &play.session));
            }
            see_play()
        }
    }
}

async fn manager_page(State(state): State<Arc<Site>>, headers: HeaderMap) -> Response {
    manager(&state, &headers, false)
}

async fn manager_csv(State(state): State<Arc<Site>>, headers: HeaderMap) -> Response {
    manager(&state, &headers, true)
}

fn manager(state: &Site, headers: &HeaderMap, csv: bool) -> Response {
    if state.config.access_code.is_some() && session_of(state, headers).is_none() {
        return problem(
            StatusCode::FORBIDDEN,
            "Sign in first",
            "This server asks for an access code: start a session with it before reading trainees' results.",
        );
    }
    let Some(path) = &state.config.progress else {
        return problem(
            StatusCode::NOT_FOUND,
            "No progress kept",
            "This server was started with --no-save: attempts are not kept, so there is nothing to list.",
        );
    };
    let attempts = match super::manager::attempts(path) {
        Ok(a) => a,
        Err(e) => {
            return problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Progress unreadable",
                &format!("{e:#}"),
            );
        }
    };
    let known: Vec<String> = state.exercises().iter().map(|e| e.id.clone()).collect();
    if csv {
        return (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"mfa-sim-progress.csv\"",
                ),
            ],
            Body::from(crate::progress::manager_csv(&attempts, &known)),
        )
            .into_response();
    }
    Html(pages::document(
        "Manager",
        r#"<a href="/">Start</a>"#,
        &super::manager::page(&attempts, &known),
    ))
    .into_response()
}

impl Site {
    /// What a start form chose: an exercise of the project (with the real phone or not), or
    /// free play on one of the project's tenants; a refusal says why, with its status.
    fn chosen(
        &self,
        action: WebAction,
    ) -> Result<(crate::trainer::Exercise, Option<crate::trainer::RealPhone>), (StatusCode, String)>
    {
        match action {
            WebAction::Start(exercise_id, real_phone) => {
                let exercise = self
                    .exercises()
                    .iter()
                    .find(|e| e.id == exercise_id)
                    .cloned()
                    .ok_or_else(|| {
                        (
                            StatusCode::NOT_FOUND,
                            format!("There is no exercise \"{exercise_id}\"."),
                        )
                    })?;
                Ok((
                    exercise,
                    real_phone.then(crate::trainer::RealPhone::default),
                ))
            }
            WebAction::Free(free) => {
                // Only the project's own tenant files, by name: never a path from a form.
                if !self.tenants.contains(&free.tenant) {
                    return Err((
                        StatusCode::NOT_FOUND,
                        format!("There is no tenant \"{}\" here.", free.tenant),
                    ));
                }
                let free = crate::trainer::Exercise::free_play(
                    &free.tenant,
                    free.date,
                    &free.person,
                    free.role,
                );
                Ok((free, None))
            }
            _ => Err((
                StatusCode::BAD_REQUEST,
                "That form does not start anything.".into(),
            )),
        }
    }

    /// Keep a finished attempt in the progress file; says what happened, for the page.
    fn save(&self, trainee: &str, session: &Session) -> String {
        if session.exercise().free_play {
            return "Free play is not saved.".into();
        }
        let Some(path) = &self.config.progress else {
            return "Not saved (--no-save).".into();
        };
        let attempt = crate::progress::Attempt::finished(
            trainee,
            &session.debrief(),
            session.now().unwrap_or_default(),
        );
        let _guard = self
            .writing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match crate::progress::Store::open(path).and_then(|mut s| s.record(&attempt)) {
            Ok(_) => "Your attempt was saved.".into(),
            Err(e) => format!("Your attempt was not saved: {e}"),
        }
    }
}
