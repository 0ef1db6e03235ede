//! Drawing a scenario's run as HTML for the book: each step with its status, and what a
//! person saw during it as cards: the browser page, a text bubble, a call, an Authenticator
//! request, an app's code, a sign-in log row, a mail app's status.
//!
//! The output is one HTML block with no blank lines, so Markdown leaves it alone.

use crate::clock::{format_instant, format_time};
use crate::harness::{Status, StepRecord};
use crate::records::{PanelKind, PanelView};
use crate::screens::ScreenView;
use crate::transcript::{Event, Output};
use base64::Engine;

/// Escape text for HTML.
pub fn esc(text: &str) -> String {
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
    // One bit per pixel (1 white, 0 black), rows padded to whole bytes as PNG wants: an
    // eighth of the data an 8-bit image would compress, the same picture.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xFFu8; row_bytes * side];
    for y in 0..modules {
        for x in 0..modules {
            if !qr.get_module(x as i32, y as i32) {
                continue;
            }
            for row in 0..SCALE {
                let line = ((y + BORDER) * SCALE + row) * row_bytes;
                for col in 0..SCALE {
                    let px = (x + BORDER) * SCALE + col;
                    pixels[line + px / 8] &= !(0x80 >> (px % 8));
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let side = u32::try_from(side).ok()?;
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    Some(out)
}

/// How a card's controls are drawn: as the book shows them ([`Still`]: what was on the page and
/// what was pressed), or live (the web's forms, which play them). One card, two outputs.
pub(crate) trait Controls {
    /// A button, link, option or tick box: its element and class in the card, its label, and
    /// what it shows (already escaped).
    fn control(&self, tag: &str, class: &str, label: &str, shown: &str) -> String;
    /// A text box with its label and what is typed.
    fn field(&self, label: &str, value: &str) -> String;
}

/// The book's controls: still pictures of them, the pressed link or button marked (an option
/// or tick box shows its own state instead).
pub(crate) struct Still<'a> {
    /// The label pressed on this page, if any.
    pub(crate) pressed: Option<&'a str>,
}

impl Controls for Still<'_> {
    fn control(&self, tag: &str, class: &str, label: &str, shown: &str) -> String {
        // Links and buttons are chips (`span`); options and tick boxes (`div`) are never marked.
        let mark = if tag == "span" && self.pressed == Some(label) {
            " mfa-pressed"
        } else {
            ""
        };
        format!(r#"<{tag} class="{class}{mark}">{shown}</{tag}>"#)
    }

    fn field(&self, label: &str, value: &str) -> String {
        format!(
            r#"<div class="mfa-field"><span class="mfa-label">{}</span><span class="mfa-box">{}</span></div>"#,
            esc(label),
            esc(value)
        )
    }
}

fn screen(v: &ScreenView) -> String {
    screen_with(
        v,
        &Still {
            pressed: v.pressed.as_deref(),
        },
    )
}

/// A browser page as a card, its controls drawn by `controls`.
pub(crate) fn screen_with(v: &ScreenView, controls: &dyn Controls) -> String {
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
    h += &table(&v.table);
    for (label, value) in &v.fields {
        h += &controls.field(label, value);
    }
    for (label, selected) in &v.choices {
        let mark = if *selected { "◉" } else { "○" };
        h += &controls.control(
            "div",
            "mfa-choice",
            label,
            &format!("{mark} {}", esc(label)),
        );
    }
    for (label, ticked) in &v.ticks {
        let mark = if *ticked { "☑" } else { "☐" };
        h += &controls.control("div", "mfa-tick", label, &format!("{mark} {}", esc(label)));
    }
    if let Some(e) = &v.error {
        h += &format!(r#"<div class="mfa-error">{}</div>"#, esc(e));
    }
    if let Some(n) = &v.notice {
        h += &format!(r#"<div class="mfa-notice">✓ {}</div>"#, esc(n));
    }
    h += &chips_with("mfa-links", "mfa-link", &v.links, controls);
    h += &chips_with("mfa-buttons", "mfa-button", &v.buttons, controls);
    h + "</div></div>"
}

/// A device's or the admin centre's screen (see `records::PanelView`) as a card with the
/// browser cards' classes: the phone's screens in a phone frame, the admin's pages under the
/// admin centre's name.
fn panel(v: &PanelView) -> String {
    panel_with(
        v,
        &Still {
            pressed: v.pressed.as_deref(),
        },
    )
}

/// A device's or the admin centre's screen drawn with `controls` for its buttons (the book's
/// still pictures, or the web's live forms).
pub(crate) fn panel_with(v: &PanelView, controls: &dyn Controls) -> String {
    let (frame, top) = match v.kind {
        PanelKind::MailAccount => ("mfa-device", "Settings › Mail › Accounts"),
        PanelKind::PerUserMfa | PanelKind::AuthenticationMethods | PanelKind::SignInDetails => {
            ("mfa-admin-page", "Microsoft Entra admin center")
        }
    };
    let kind = match v.kind {
        PanelKind::MailAccount => "mail-account",
        PanelKind::PerUserMfa => "per-user-mfa",
        PanelKind::AuthenticationMethods => "auth-methods",
        PanelKind::SignInDetails => "sign-in-details",
    };
    let mut h = format!(
        r#"<div class="mfa-screen {frame}" data-panel="{kind}"><div class="mfa-address">{top}</div><div class="mfa-screen-body"><div class="mfa-title">{}{}</div>"#,
        esc(&v.title),
        wording_mark(v.labels)
    );
    if let Some(s) = &v.subtitle {
        h += &format!(r#"<div class="mfa-subtitle">{}</div>"#, esc(s));
    }
    for (label, value) in &v.fields {
        h += &format!(
            r#"<div class="mfa-field"><span class="mfa-label">{}</span><span class="mfa-box">{}</span></div>"#,
            esc(label),
            esc(value)
        );
    }
    for (label, on) in &v.toggles {
        let (mark, word) = if *on { ("◉", "on") } else { ("○", "off") };
        h += &format!(
            r#"<div class="mfa-toggle mfa-toggle-{word}">{} <span class="mfa-switch" title="{word}">{mark} {word}</span></div>"#,
            esc(label)
        );
    }
    // (The book wraps every card table in a scrolling box of its own.)
    h += &table(&v.rows);
    for (line, wording) in &v.lines {
        h += &format!("<p>{}{}</p>", esc(line), wording_mark(*wording));
    }
    h += &chips_with("mfa-buttons", "mfa-button", &v.buttons, controls);
    h + "</div></div>"
}

/// Links or buttons as a row of chips drawn by `controls`.
fn chips_with(row: &str, class: &str, labels: &[String], controls: &dyn Controls) -> String {
    if labels.is_empty() {
        return String::new();
    }
    let mut h = format!(r#"<div class="{row}">"#);
    for l in labels {
        h += &controls.control("span", class, l, &esc(l));
    }
    h + "</div>"
}

/// A card's table, its first row as headings (nothing when it has no rows).
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut h = r#"<table class="mfa-table">"#.to_string();
    for (i, row) in rows.iter().enumerate() {
        let cell = if i == 0 { "th" } else { "td" };
        h += "<tr>";
        for c in row {
            h += &format!("<{cell}>{}</{cell}>", esc(c));
        }
        h += "</tr>";
    }
    h + "</table>"
}

/// One output as a card, with its simulated time and who showed it; `with_date` adds the
/// simulated day (where days have passed since the card before).
pub fn event(e: &Event, with_date: bool) -> String {
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
        Output::SignIn(row) => ("log", panel(&row.details())),
        Output::Mail(_, Some(view)) => ("mail", panel(view)),
        Output::Mail(status, None) => (
            "mail",
            format!(
                r#"<div class="mfa-mail">✉ {}{}</div>"#,
                esc(&status.to_string()),
                wording_mark(crate::records::Wording::Simulator)
            ),
        ),
        Output::Admin(report, page) => (
            "admin",
            format!(
                r#"{}<div class="mfa-console">&gt; {}</div>"#,
                page.as_deref().map(panel).unwrap_or_default(),
                esc(&report.to_string())
            ),
        ),
        Output::Click { .. } => ("click", String::new()),
        Output::Note { text } => (
            "note",
            format!(r#"<div class="mfa-note">{}</div>"#, esc(text)),
        ),
    };
    let day = if with_date {
        let full = format_instant(e.at);
        format!(
            r#" on <span class="mfa-day">{}</span>"#,
            full.split(' ').next().unwrap_or_default()
        )
    } else {
        String::new()
    };
    format!(
        r#"<div class="mfa-output mfa-{kind}"><div class="mfa-meta">{}{day} · {}</div>{inner}</div>"#,
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

/// Which run a step belongs to: the guide's own (every step passed, or the book would not
/// build) or the replay on today's tenant (where steps may differ or stop).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Era {
    /// The scenario as written, on the guide's date.
    Guide,
    /// The same scenario replayed on today's tenant.
    Today,
}

/// What a folded run of outputs holds, in words: "3 screens, 2 clicks, 1 text message".
pub fn contents(outputs: &[Event]) -> String {
    let mut counts: Vec<(&str, &str, usize)> = Vec::new();
    for e in outputs {
        let (one, many) = match &e.output {
            Output::Screen(_) => ("screen", "screens"),
            Output::TextMessage { .. } => ("text message", "text messages"),
            Output::Call { .. } => ("call", "calls"),
            Output::Push { .. } => ("Authenticator request", "Authenticator requests"),
            Output::Code { .. } => ("app code", "app codes"),
            Output::SignIn(_) => ("sign-in log row", "sign-in log rows"),
            Output::Mail(_, Some(v)) | Output::Admin(_, Some(v)) => v.kind.noun(),
            Output::Mail(_, None) => ("mail app status", "mail app statuses"),
            Output::Admin(_, None) => ("admin console report", "admin console reports"),
            Output::Click { .. } => ("click", "clicks"),
            Output::Note { .. } => ("note", "notes"),
        };
        match counts.iter_mut().find(|(o, _, _)| *o == one) {
            Some(c) => c.2 += 1,
            None => counts.push((one, many, 1)),
        }
    }
    counts
        .iter()
        .map(|(one, many, n)| {
            if *n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// One step: its status, its text, and its outputs (folded for set-up steps). `last_day` is
/// the simulated day of the card drawn before (a card on a later day shows its date).
pub(crate) fn step(s: &StepRecord, era: Era, last_day: &mut String) -> String {
    let (class, mark, word) = match (&s.status, era) {
        (Status::Failed(_), Era::Today) => ("stops-today", "✋", "stops here today"),
        (Status::Skipped, Era::Today) => ("not-reached", "·", "not reached today"),
        (st, _) => (st.word(), status_mark(st), st.word()),
    };
    let differs = if s.notes.is_empty() {
        ""
    } else {
        " mfa-step-differs"
    };
    let mut h = format!(
        r#"<li class="mfa-step mfa-{class}{differs}" data-line="{}"><div class="mfa-step-line"><span class="mfa-status" title="{word}">{mark}</span> <b>{}</b> {}</div>"#,
        s.step_line,
        esc(&s.keyword),
        esc(&s.text)
    );
    if let Status::Failed(why) = &s.status {
        let lead = if era == Era::Today {
            "Today this step cannot be done: "
        } else {
            ""
        };
        h += &format!(r#"<div class="mfa-error">{lead}{}</div>"#, esc(why));
    }
    for note in &s.notes {
        h += &format!(
            r#"<div class="mfa-diff"><b>Differs from the guide's date:</b> {}</div>"#,
            esc(note)
        );
    }
    if !s.outputs.is_empty() {
        let mut cards = String::new();
        for e in &s.outputs {
            let day = format_instant(e.at)
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string();
            let new_day = !last_day.is_empty() && *last_day != day;
            cards += &event(e, new_day);
            *last_day = day;
        }
        let setup = s.background || s.kind == "Given";
        let folded = setup || s.outputs.len() > 6;
        if folded {
            let what = contents(&s.outputs);
            let label = if setup {
                format!("Set-up for this step: {what}")
            } else {
                format!("What this step showed: {what}")
            };
            h += &format!(
                r#"<details class="mfa-outputs"><summary>{}</summary>{cards}</details>"#,
                esc(&label)
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
