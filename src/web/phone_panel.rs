//! The user's phone beside the browser: its number, signal and clock, what it received
//! (texts, calls, Authenticator requests, app codes: the book's cards for them), and its
//! controls (answer a call, approve with the number, deny, report, show an app's code,
//! install and scan). Every control is a trainer command.

use super::pages::{action_box, action_button};
use crate::book::html::{esc, event};
use crate::trainer::PhoneState;
use crate::transcript::{Event, Output};

/// How many of the phone's latest outputs the panel shows.
pub const SHOWN: usize = 6;

/// Apps a trainee may install from the simulated store (those in the trainer's `install`).
const STORE: &[&str] = &["Microsoft Authenticator", "Google Authenticator", "Authy"];

/// Apps that show codes.
const CODE_APPS: &[&str] = STORE;

/// The phone panel; `outputs` are the attempt's outputs so far, `qr_on_screen` whether the
/// browser shows a QR code to scan, `free` whether this is free play (whose phone has signal
/// and internet switches; an exercise's are part of its ticket).
pub fn panel(
    phone: &PhoneState,
    outputs: &[Event],
    qr_on_screen: bool,
    free: bool,
    csrf: &str,
) -> String {
    let clock = match phone.clock_offset {
        0 => "right".to_string(),
        s if s > 0 => format!("{s} s fast"),
        s => format!("{} s slow", -s),
    };
    let mut h = format!(
        r#"<section class="web-phone" id="phone"><h2>{}'s phone</h2><div class="web-row">{} · signal: <span id="signal">{}</span> · internet: <span id="internet">{}</span> · clock: {}</div>"#,
        esc(&phone.owner),
        esc(&phone.number),
        if phone.signal { "yes" } else { "none" },
        if phone.online { "yes" } else { "none" },
        esc(&clock)
    );
    if free {
        let switch = |act: &str, on: bool, what: &str| {
            let (to, label) = if on {
                ("off", format!("Turn {what} off"))
            } else {
                ("on", format!("Turn {what} on"))
            };
            action_button(csrf, act, &[("text", to)], &label, "")
        };
        h += &format!(
            r#"<div class="web-row" id="switches">{} {}</div>"#,
            switch("signal", phone.signal, "signal"),
            switch("internet", phone.online, "internet")
        );
    }
    if phone.clock_offset != 0 {
        h += &action_button(csrf, "clock-auto", &[], "Set clock to automatic", "");
    }
    if let Some(from) = &phone.ringing {
        h += &format!(
            r#"<div class="mfa-call" id="ringing">📞 Call from {}</div><div class="web-row">{} {} {}</div>"#,
            esc(from),
            action_button(csrf, "answer", &[("text", "#")], "Answer and press #", ""),
            action_button(csrf, "answer", &[("text", "0#")], "Answer and press 0#", ""),
            action_button(csrf, "answer", &[("text", "")], "Answer", "")
        );
    }
    if let Some(request) = &phone.request {
        h += &format!(
            r#"<div class="mfa-push" id="request"><div class="mfa-title">Approve sign-in?</div><div>{}</div></div>"#,
            esc(&request.account)
        );
        if request.passkey {
            h += &action_button(csrf, "unlock", &[], "Confirm with screen lock", "");
        } else if request.number_required {
            h += &action_box(csrf, "approve", &[], "Enter number", "Yes", "push-number");
        } else {
            h += &action_button(csrf, "approve", &[], "Approve", "");
        }
        h += &format!(
            r#"<div class="web-row">{} {}</div>"#,
            action_button(csrf, "deny", &[], "Deny", ""),
            action_button(csrf, "report", &[], "No, it's not me (report)", "")
        );
    }
    h += r#"<h3>Apps</h3><div class="web-row" id="apps">"#;
    if phone.apps.is_empty() {
        h += "none";
    }
    for app in &phone.apps {
        h += &format!("<div>{}", esc(app));
        if CODE_APPS.contains(&app.as_str()) {
            h += " ";
            h += &action_button(csrf, "code", &[("app", app)], "Show code", "");
        }
        if qr_on_screen && CODE_APPS.contains(&app.as_str()) {
            h += " ";
            h += &action_button(csrf, "scan", &[("app", app)], "Scan QR code", "");
        }
        if app == "Microsoft Authenticator" {
            h += " ";
            h += &action_button(csrf, "accept", &[], "Open (I agree)", "");
        }
        h += "</div>";
    }
    h += "</div>";
    let missing: Vec<&&str> = STORE
        .iter()
        .filter(|a| !phone.apps.iter().any(|have| have == **a))
        .collect();
    if !missing.is_empty() {
        h += r#"<div class="web-row">Store: "#;
        for app in missing {
            h += &action_button(
                csrf,
                "install",
                &[("app", app)],
                &format!("Install {app}"),
                "",
            );
            h += " ";
        }
        h += "</div>";
    }
    let shown: Vec<&Event> = outputs
        .iter()
        .filter(|e| {
            matches!(
                e.output,
                Output::TextMessage { .. }
                    | Output::Call { .. }
                    | Output::Push { .. }
                    | Output::Code { .. }
            )
        })
        .collect();
    h += r#"<h3>On the phone</h3><div id="phone-outputs">"#;
    for e in shown.iter().rev().take(SHOWN) {
        h += &event(e, false);
    }
    h + "</div></section>"
}
