//! Exchange ActiveSync's front door: `/Microsoft-Server-ActiveSync` with HTTP Basic
//! authentication, as a phone's mail app set up with "Configure Manually" reaches it.
//! OPTIONS and POST are answered 200 when the tenant accepts the credentials and 401 when it
//! does not; a request without credentials gets 401 and the `WWW-Authenticate` challenge,
//! and is no sign-in (nothing was tried). After the connection's allowance of failed sign-ins
//! the 401 says `Connection: close` and the connection ends, as the line protocols' do; a try
//! the listener refuses for coming too often is 429 with `Retry-After: 60` and the
//! simulator's words. Another method is 405 with `Allow: OPTIONS, POST`. No ActiveSync
//! command is carried out: the training server shows the sign-in, not the mailbox.
//!
//! Each connection is accepted by the listeners' own loop (so it counts against the connection
//! limits, and the connection's lifetime) and served by hyper's HTTP/1 with the idle time as
//! its header read timeout and a 16 KiB read buffer; the routes are axum's (already in the tree for `mfa-sim serve`). The
//! request body is never read.

use crate::exchange::Exchange;
use crate::exchange::SignIn;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use base64::Engine;
use mfa_sim::records::Protocol;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// What every request of one connection shares: the service, the client's address, and how
/// many of its sign-ins failed.
type Connection = (Exchange, SocketAddr, Arc<AtomicU32>);

/// The path clients use.
pub(crate) const PATH: &str = "/Microsoft-Server-ActiveSync";

/// The routes for one connection from `peer`.
fn router(exchange: Exchange, peer: SocketAddr) -> Router {
    Router::new()
        .route(PATH, any(endpoint))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state((exchange, peer, Arc::new(AtomicU32::new(0))))
}

/// Play one ActiveSync (HTTP/1) connection.
pub async fn serve(exchange: Exchange, stream: tokio::net::TcpStream, peer: SocketAddr) {
    let idle = exchange.limits().idle;
    let service = hyper_util::service::TowerToHyperService::new(router(exchange, peer));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(idle)
        .max_buf_size(16 * 1024);
    // A client that keeps the connection open without finishing a request is cut off by the
    // header timeout; one that never stops sending a body that is never read, by the
    // connection's lifetime (the listeners' accept loop).
    let _ = http
        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
        .await;
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
    State((exchange, peer, failures)): State<Connection>,
    method: axum::http::Method,
    headers: HeaderMap,
) -> Response {
    if method != axum::http::Method::OPTIONS && method != axum::http::Method::POST {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("OPTIONS, POST"));
        return response;
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
        SignIn::Accepted { .. } => {
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
        SignIn::Throttled(why) => {
            let mut response = (StatusCode::TOO_MANY_REQUESTS, why.to_string()).into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            response
        }
        SignIn::Refused(_) => {
            let mut response = challenge();
            let failed = failures.fetch_add(1, Ordering::Relaxed) + 1;
            if failed >= exchange.limits().failures_per_connection {
                // hyper ends a connection after a response that says so.
                response
                    .headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            response
        }
    }
}
