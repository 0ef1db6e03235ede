//! A load benchmark for `mfa-sim serve` on loopback: 200 browser sessions at once, each
//! playing the text-message setup in 20 actions (sign in, start the exercise, then every
//! click and box of the setup and the sign-in after it, the code read from the phone panel),
//! each action a form POST and the page it redirects to. Prints p50 and p99 latency per
//! action, the errors, and the server's resident memory per live session.
//!
//! `cargo run --release -p mfa-sim-browser --example load [-- SESSIONS]` (default 200, at most
//! 500). Bounded: everything runs within two minutes or the run fails; 127.0.0.1 only; the
//! server is this process's own, with its sessions bounded at the number asked for.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One HTTP/1.1 exchange on a fresh connection: status, headers (lower-case names), body.
async fn request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> std::io::Result<(u16, Vec<(String, String)>, String)> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(c) = cookie {
        head += &format!("Cookie: {c}\r\n");
    }
    let body = form.unwrap_or_default();
    if form.is_some() {
        head += &format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    head += "\r\n";
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_lowercase(), v.to_string()))
        .collect();
    Ok((status, headers, body.to_string()))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// The code in the newest text on the phone panel.
fn texted_code(page: &str) -> Option<String> {
    let panel = &page[page.find(r#"id="phone-outputs""#)?..];
    let text = between(panel, r#"<div class="mfa-from">"#, " is your")?;
    Some(text.rsplit('>').next()?.to_string())
}

/// One trainee's 20 actions; returns (action name, latency, error if any) for each.
async fn trainee(
    addr: std::net::SocketAddr,
    n: usize,
) -> Vec<(&'static str, Duration, Option<String>)> {
    let mut out = Vec::new();
    let name = format!("load-{n}");
    // 1: sign in.
    let started = Instant::now();
    let signed = request(
        addr,
        "POST",
        "/start",
        None,
        Some(&form(&[("name", &name)])),
    )
    .await;
    let cookie = match &signed {
        Ok((303, headers, _)) => headers
            .iter()
            .find(|(k, _)| k == "set-cookie")
            .and_then(|(_, v)| v.split(';').next())
            .map(str::to_string),
        _ => None,
    };
    let Some(cookie) = cookie else {
        out.push((
            "sign in",
            started.elapsed(),
            Some(format!("{:?}", signed.map(|s| s.0))),
        ));
        return out;
    };
    let page = request(addr, "GET", "/play", Some(&cookie), None).await;
    let Ok((200, _, page)) = page else {
        out.push((
            "sign in",
            started.elapsed(),
            Some("no exercise list".into()),
        ));
        return out;
    };
    out.push(("sign in", started.elapsed(), None));
    let Some(csrf) = between(&page, r#"name="csrf" value=""#, "\"").map(str::to_string) else {
        out.push(("start", Duration::ZERO, Some("no token".into())));
        return out;
    };
    let mut page = page;
    let steps: [(&'static str, &str, &str, &str); 19] = [
        ("start", "start", "exercise", "sms-setup"),
        ("open", "open", "text", "aka.ms/mfasetup"),
        ("type", "type", "text", "dana@contoso.com"),
        ("press", "press", "label", "Next"),
        ("type", "type", "text", "Harbour-Lights-42"),
        ("press", "press", "label", "Sign in"),
        ("press", "press", "label", "Next"),
        ("type", "type", "text", "4255550123"),
        ("press", "press", "label", "Next"),
        ("type code", "type", "text", "{code}"),
        ("press", "press", "label", "Verify"),
        ("press", "press", "label", "Done"),
        ("type", "type", "text", "dana@contoso.com"),
        ("press", "press", "label", "Next"),
        ("type", "type", "text", "Harbour-Lights-42"),
        ("press", "press", "label", "Sign in"),
        ("type code", "type", "text", "{code}"),
        ("press", "press", "label", "Verify"),
        ("press", "press", "label", "Yes"),
    ];
    for (name, act, field, value) in steps {
        let value = if value == "{code}" {
            texted_code(&page).unwrap_or_default()
        } else {
            value.to_string()
        };
        let body = form(&[("csrf", &csrf), ("do", act), (field, &value)]);
        let started = Instant::now();
        let posted = request(addr, "POST", "/act", Some(&cookie), Some(&body)).await;
        let error = match posted {
            Ok((303, _, _)) => match request(addr, "GET", "/play", Some(&cookie), None).await {
                Ok((200, _, p)) => {
                    page = p;
                    None
                }
                Ok((status, _, _)) => Some(format!("page: {status}")),
                Err(e) => Some(e.to_string()),
            },
            Ok((status, _, _)) => Some(format!("{act}: {status}")),
            Err(e) => Some(e.to_string()),
        };
        out.push((name, started.elapsed(), error));
    }
    if !page.contains("*** Goal met") {
        out.push(("goal", Duration::ZERO, Some("goal not met".into())));
    }
    out
}

/// The process's resident memory in KiB (Linux; 0 elsewhere).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let sessions: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200)
        .clamp(1, 500);
    let project = mfa_sim::Project::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .expect("the repository is a project");
    let config = mfa_sim::web::Config {
        project,
        access_code: None,
        max_sessions: sessions,
        idle: Duration::from_secs(600),
        progress: None,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(mfa_sim::web::serve(listener, config, async {
        let _ = stopped.await;
    }));
    // Warm up: the first exercise load reads files; not counted.
    let _ = request(addr, "GET", "/", None, None).await;
    let before = rss_kib();
    let wall = Instant::now();
    let run = async {
        let tasks: Vec<_> = (0..sessions)
            .map(|n| tokio::spawn(trainee(addr, n)))
            .collect();
        let mut all = Vec::new();
        for t in tasks {
            all.extend(t.await.unwrap());
        }
        all
    };
    let results = tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .expect("the load run finishes within two minutes");
    let elapsed = wall.elapsed();
    let after = rss_kib();
    let mut by_action: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for (name, took, error) in &results {
        match error {
            Some(e) => *errors.entry(format!("{name}: {e}")).or_default() += 1,
            None => by_action.entry(name).or_default().push(*took),
        }
    }
    println!(
        "{sessions} sessions x 20 actions on {addr}: {} actions in {:.1} s ({:.0} actions/s)",
        results.len(),
        elapsed.as_secs_f64(),
        results.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "{:<10} {:>6} {:>9} {:>9}",
        "action", "count", "p50 ms", "p99 ms"
    );
    let mut everything = Vec::new();
    for (name, mut times) in by_action {
        times.sort();
        println!(
            "{name:<10} {:>6} {:>9.1} {:>9.1}",
            times.len(),
            percentile(&times, 0.5).as_secs_f64() * 1000.0,
            percentile(&times, 0.99).as_secs_f64() * 1000.0
        );
        everything.extend(times);
    }
    everything.sort();
    println!(
        "{:<10} {:>6} {:>9.1} {:>9.1}",
        "all",
        everything.len(),
        percentile(&everything, 0.5).as_secs_f64() * 1000.0,
        percentile(&everything, 0.99).as_secs_f64() * 1000.0
    );
    let total_errors: usize = errors.values().sum();
    println!("errors: {total_errors}");
    for (e, n) in &errors {
        println!("  {n} x {e}");
    }
    println!(
        "memory: {before} KiB before, {after} KiB with {sessions} sessions live: {:.0} KiB per session",
        after.saturating_sub(before) as f64 / sessions as f64
    );
    let _ = stop.send(());
    let _ = server.await;
    if total_errors > 0 {
        std::process::exit(1);
    }
}
