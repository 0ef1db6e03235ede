//! Exchange ActiveSync's front door: `/Microsoft-Server-ActiveSync` with HTTP Basic
//! authentication, as a phone's mail app set up with "Configure Manually" reaches it.
//! OPTIONS and POST are answered 200 when the tenant accepts the credentials and 401 when it
//! does not; a request without credentials gets 401 and the `WWW-Authenticate` challenge,
//! and is no sign-in (nothing was tried). No ActiveSync command is carried out: the training
//! server shows the sign-in, not the mailbox.
//!
//! Each connection is accepted by the listeners' own loop (so it counts against the connection
//! limit) and served by hyper's HTTP/1 with the idle time as its header read timeout and a
//! 16 KiB read buffer; the routes are axum's (already in the tree for `mfa-sim serve`). The
//! request body is never read.

use crate::exchange::Exchange;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use base64::Engine;
use mfa_sim::records::Protocol;
use mfa_sim::tenant::BasicOutcome;
use std::net::SocketAddr;

/// The path clients use.
pub(crate) const PATH: &str = "/Microsoft-Server-ActiveSync";

/// The routes for one connection from `peer`.
fn router(exchange: Exchange, peer: SocketAddr) -> Router {
    Router::new()
        .route(PATH, any(endpoint))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state((exchange, peer))
}

/// Play one ActiveSync (HTTP/1) connection.
pub async fn serve(exchange: Exchange, stream: tokio::net::TcpStream, peer: SocketAddr) {
    let idle = exchange.limits().idle;
    let service = hyper_util::service::TowerToHyperService::new(router(exchange, peer));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(idle)
        .max_buf_size(16 * 1024);
    let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    // A client that keeps the connection open without finishing a request is cut off by the
    // header timeout; one that never stops sending a body that is never read, by this.
    let _ = tokio::time::timeout(idle * 10, connection).await;
}

/// User and password from `Authorization: Basic ...`.
pub fn basic_credentials(headers: &HeaderMap) -> Option<crate::sasl::Credentials> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, secret) = text.split_once(':')?;
    Some(crate::sasl::Credentials {
        user: crate::sasl::field(user.as_bytes()).ok()?,
        secret: crate::sasl::field(secret.as_bytes()).ok()?,
    })
}

async fn endpoint(
    State((exchange, peer)): State<(Exchange, SocketAddr)>,
    method: axum::http::Method,
    headers: HeaderMap,
) -> Response {
    if method != axum::http::Method::OPTIONS && method != axum::http::Method::POST {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let challenge = || {
        let mut response = StatusCode::UNAUTHORIZED.into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"mfa-sim training server\""),
        );
        response
    };
    let Some(c) = basic_credentials(&headers) else {
        return challenge();
    };
    match exchange.sign_in(&c.user, &c.secret, Protocol::ActiveSync, peer) {
        BasicOutcome::Accepted { .. } => {
            let mut response = StatusCode::OK.into_response();
            let h = response.headers_mut();
            h.insert(
                "MS-ASProtocolVersions",
                HeaderValue::from_static("2.5,12.0,12.1,14.0,14.1,16.0,16.1"),
            );
            h.insert(
                "MS-ASProtocolCommands",
                HeaderValue::from_static("FolderSync,Sync,GetItemEstimate,Ping,Settings"),
            );
            response
        }
        BasicOutcome::Refused(_) => challenge(),
    }
}
