//! Drawing a scenario's run as HTML for the book: each step with its status, and what a
//! person saw during it as cards: the browser page, a text bubble, a call, an Authenticator
//! request, an app's code, a sign-in log row, a mail app's status.
//!
//! The output is one HTML block with no blank lines, so Markdown leaves it alone.

use crate::clock::format_time;
use crate::harness::{Status, StepRecord};
use crate::screens::ScreenView;
use crate::transcript::{Event, Output};
use base64::Engine;

/// Escape text for HTML.
pub(crate) fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\n', " ")
}

/// A PNG of a QR code for `payload`: modules from qrcodegen (medium error correction), eight
/// pixels each with a four-module quiet zone, in 8-bit grey, encoded by the png crate.
pub(crate) fn qr_png(payload: &str) -> Option<Vec<u8>> {
    use qrcodegen::{QrCode, QrCodeEcc};
    const SCALE: usize = 8;
    const BORDER: usize = 4;
    let qr = QrCode::encode_text(payload, QrCodeEcc::Medium).ok()?;
    let modules = usize::try_from(qr.size()).ok()?;
    let side = (modules + 2 * BORDER) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for y in 0..modules {
        for x in 0..modules {
            if !qr.get_module(x as i32, y as i32) {
                continue;
            }
            for row in 0..SCALE {
                let start = ((y + BORDER) * SCALE + row) * side + (x + BORDER) * SCALE;
                pixels[start..start + SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    {
        let side = u32::try_from(side).ok()?;
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    Some(out)
}

fn screen(v: &ScreenView) -> String {
    let mut h = format!(
        r#"<div class="mfa-screen"><div class="mfa-address">{}</div><div class="mfa-screen-body">"#,
        esc(&v.address)
    );
    h += &format!(r#"<div class="mfa-title">{}</div>"#, esc(&v.title));
    if let Some(s) = &v.subtitle {
        h += &format!(r#"<div class="mfa-subtitle">{}</div>"#, esc(s));
    }
    for t in &v.text {
        h += &format!("<p>{}</p>", esc(t));
    }
    if let Some(n) = v.number {
        h += &format!(r#"<div class="mfa-number">{n}</div>"#);
    }
    if let Some(q) = &v.qr {
        if let Some(png) = qr_png(q) {
            let data = base64::engine::general_purpose::STANDARD.encode(png);
            h += &format!(
                r#"<img class="mfa-qr" alt="QR code" data-payload="{}" src="data:image/png;base64,{data}">"#,
                esc(q)
            );
        }
        h += &format!(
            r#"<div class="mfa-qr-text">QR code for <code>{}</code></div>"#,
            esc(q)
        );
    }
    if let Some(a) = &v.activation {
        h += &format!(
            r#"<div class="mfa-secret">Code: <code>{}</code><br>URL: <code>{}</code></div>"#,
            esc(&a.code),
            esc(&a.url)
        );
    }
    if let Some(s) = &v.secret {
        h += &format!(
            r#"<div class="mfa-secret">Secret key: <code>{}</code></div>"#,
            esc(s)
        );
    }
    if let Some(p) = &v.app_password {
        h += &format!(
            r#"<div class="mfa-app-password"><code>{}</code> <span class="mfa-button">Copy</span></div>"#,
            esc(p)
        );
    }
    if !v.table.is_empty() {
        h += r#"<table class="mfa-table">"#;
        for (i, row) in v.table.iter().enumerate() {
            let cell = if i == 0 { "th" } else { "td" };
            h += "<tr>";
            for c in row {
                h += &format!("<{cell}>{}</{cell}>", esc(c));
            }
            h += "</tr>";
        }
        h += "</table>";
    }
    for (label, value) in &v.fields {
        h += &format!(
            r#"<div class="mfa-field"><span class="mfa-label">{}</span><span class="mfa-box">{}</span></div>"#,
            esc(label),
            esc(value)
        );
    }
    for (label, selected) in &v.choices {
        let mark = if *selected { "◉" } else { "○" };
        h += &format!(r#"<div class="mfa-choice">{mark} {}</div>"#, esc(label));
    }
    for (label, ticked) in &v.ticks {
        let mark = if *ticked { "☑" } else { "☐" };
        h += &format!(r#"<div class="mfa-tick">{mark} {}</div>"#, esc(label));
    }
    if let Some(e) = &v.error {
        h += &format!(r#"<div class="mfa-error">{}</div>"#, esc(e));
    }
    if let Some(n) = &v.notice {
        h += &format!(r#"<div class="mfa-notice">✓ {}</div>"#, esc(n));
    }
    h += &chips("mfa-links", "mfa-link", &v.links, v.pressed.as_deref());
    h += &chips(
        "mfa-buttons",
        "mfa-button",
        &v.buttons,
        v.pressed.as_deref(),
    );
    h + "</div></div>"
}

/// Links or buttons as a row of chips, the pressed one marked.
fn chips(row: &str, class: &str, labels: &[String], pressed: Option<&str>) -> String {
    if labels.is_empty() {
        return String::new();
    }
    let mut h = format!(r#"<div class="{row}">"#);
    for l in labels {
        let mark = if pressed == Some(l.as_str()) {
            " mfa-pressed"
        } else {
            ""
        };
        h += &format!(r#"<span class="{class}{mark}">{}</span>"#, esc(l));
    }
    h + "</div>"
}

/// One output as a card, with its simulated time and who showed it.
pub(crate) fn event(e: &Event) -> String {
    if let Output::Click { label, .. } = &e.output {
        // A click is the person's own action: a small arrow between the cards, no time stamp.
        return format!(
            r#"<div class="mfa-output mfa-click">clicks <b>{}</b></div>"#,
            esc(label)
        );
    }
    let (kind, inner) = match &e.output {
        Output::Screen(v) => ("screen", screen(v)),
        Output::TextMessage {
            from,
            body,
            wording,
        } => (
            "text",
            format!(
                r#"<div class="mfa-bubble"><div class="mfa-from">{}</div>{}{}</div>"#,
                esc(from),
                esc(body),
                wording_mark(*wording)
            ),
        ),
        Output::Call {
            from,
            said,
            keys,
            wording,
        } => {
            let keys = keys
                .as_ref()
                .map(|k| format!(r#" <span class="mfa-keys">pressed {}</span>"#, esc(k)))
                .unwrap_or_default();
            (
                "call",
                format!(
                    r#"<div class="mfa-call">📞 {}: “{}”{}{keys}</div>"#,
                    esc(from),
                    esc(said),
                    wording_mark(*wording)
                ),
            )
        }
        Output::Push {
            account,
            detail,
            number_requested,
        } => {
            let ask = if *number_requested {
                r#"<div class="mfa-box">Enter number</div>"#
            } else {
                r#"<span class="mfa-button">Deny</span> <span class="mfa-button">Approve</span>"#
            };
            (
                "push",
                format!(
                    r#"<div class="mfa-push"><div class="mfa-title">Approve sign-in?</div><div>{}</div><p>{}</p>{ask}</div>"#,
                    esc(account),
                    esc(detail)
                ),
            )
        }
        Output::Code { account, code } => {
            let spaced = if code.len() == 6 {
                format!("{} {}", &code[..3], &code[3..])
            } else {
                code.clone()
            };
            (
                "code",
                format!(
                    r#"<div class="mfa-app-code"><div>{}</div><div class="mfa-code">{}</div></div>"#,
                    esc(account),
                    esc(&spaced)
                ),
            )
        }
        Output::SignIn(row) => (
            "log",
            format!(
                r#"<table class="mfa-log"><tr><th>User</th><th>Application</th><th>Client</th><th>Address</th><th>Method</th><th>Result</th><th>Detail</th></tr><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="mfa-result-{}">{}</td><td>{}</td></tr></table>"#,
                esc(&row.user),
                esc(&row.app),
                esc(&row.client.to_string()),
                esc(&row.location()),
                esc(row.method.as_deref().unwrap_or("-")),
                esc(&row.result.to_string().to_lowercase()),
                esc(&row.result.to_string()),
                esc(&row.detail)
            ),
        ),
        Output::Mail(status) => (
            "mail",
            format!(
                r#"<div class="mfa-mail">✉ {}</div>"#,
                esc(&status.to_string())
            ),
        ),
        Output::Admin(report) => (
            "admin",
            format!(
                r#"<div class="mfa-console">&gt; {}</div>"#,
                esc(&report.to_string())
            ),
        ),
        Output::Click { .. } => ("click", String::new()),
        Output::Note { text } => (
            "note",
            format!(r#"<div class="mfa-note">{}</div>"#, esc(text)),
        ),
    };
    format!(
        r#"<div class="mfa-output mfa-{kind}"><div class="mfa-meta">{} · {}</div>{inner}</div>"#,
        format_time(e.at),
        esc(&e.actor.to_string())
    )
}

fn status_mark(s: &Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed(_) => "✘",
        Status::Skipped => "⏭",
        Status::Undefined => "?",
    }
}

/// One step: its status, its text, and its outputs (folded for set-up steps).
pub(crate) fn step(s: &StepRecord) -> String {
    let mut h = format!(
        r#"<li class="mfa-step mfa-{}" data-line="{}"><div class="mfa-step-line"><span class="mfa-status" title="{}">{}</span> <b>{}</b> {}</div>"#,
        s.status.word(),
        s.step_line,
        s.status.word(),
        status_mark(&s.status),
        esc(&s.keyword),
        esc(&s.text)
    );
    if let Status::Failed(why) = &s.status {
        h += &format!(r#"<div class="mfa-error">{}</div>"#, esc(why));
    }
    if !s.outputs.is_empty() {
        let cards: String = s.outputs.iter().map(event).collect();
        let folded = s.background || s.keyword == "Given" || s.outputs.len() > 6;
        if folded {
            let n = s.outputs.len();
            let what = if n == 1 {
                "1 output".to_string()
            } else {
                format!("{n} outputs")
            };
            h += &format!(
                r#"<details class="mfa-outputs"><summary>{what} from the run</summary>{cards}</details>"#
            );
        } else {
            h += &format!(r#"<div class="mfa-outputs">{cards}</div>"#);
        }
    }
    h + "</li>"
}

/// The mark after text in the simulator's words (see `records::Wording`); nothing after
/// Microsoft's.
fn wording_mark(wording: crate::records::Wording) -> String {
    match wording {
        crate::records::Wording::Microsoft => String::new(),
        crate::records::Wording::Simulator => format!(
            r#" <span class="mfa-ours" title="Microsoft does not publish the real wording; these words are the simulator's">{}</span>"#,
            esc(crate::records::Wording::MARK)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Wording;
    use crate::transcript::Actor;

    #[test]
    fn the_book_marks_the_simulators_wording_only() {
        let call = |wording| Event {
            at: 0,
            actor: Actor::Phone("Dana".into()),
            output: Output::Call {
                from: "+1 8553308653".into(),
                said: "Please press the pound key.".into(),
                keys: None,
                wording,
            },
        };
        assert!(event(&call(Wording::Simulator)).contains(Wording::MARK));
        assert!(!event(&call(Wording::Microsoft)).contains(Wording::MARK));
        let text = Event {
            at: 0,
            actor: Actor::Phone("Dana".into()),
            output: Output::TextMessage {
                from: "97671".into(),
                body: "123456".into(),
                wording: Wording::Simulator,
            },
        };
        assert!(event(&text).contains("mfa-ours"));
    }
}
