//! The help desk's side: the admin centre's pages for the ticket's person as they stand now
//! (the per-user MFA row and the authentication methods page, drawn by the book's card
//! renderer with live buttons; the sign-in log and its latest row's details), the other
//! console actions (blocking sign-in, revoking sessions, App Passwords, the logs) and the
//! caller checks (directory, ask, verify, refuse) as forms. Each button is the trainer's
//! console command (`admin tap dana 60`, `verify dana callback`); what the console shows comes
//! back as the book's admin cards.

use crate::book::html::{Controls, Still, esc, panel_with, table};
use crate::trainer::DeskState;
use crate::transcript::{Event, Output};

/// What the desk can do from a form: (verb, button label, the extra box's label if it takes
/// one, whether it is an `admin` action). The verbs are the trainer's own.
pub const DESK: &[(&str, &str, Option<&str>, bool)] = &[
    ("show", "Authentication methods", None, true),
    ("log", "Sign-in log", None, true),
    ("audit", "Audit log", None, true),
    ("enable", "Per-user MFA: enable", None, true),
    ("enforce", "Per-user MFA: enforce", None, true),
    ("disable", "Per-user MFA: disable", None, true),
    ("reregister", "Require re-register MFA", None, true),
    ("revoke", "Revoke MFA sessions", None, true),
    ("revoke-sessions", "Revoke sign-in sessions", None, true),
    ("block", "Block sign-in", None, true),
    ("unblock", "Unblock sign-in", None, true),
    ("tap", "Temporary Access Pass", Some("Minutes"), true),
    (
        "reset-password",
        "Reset password",
        Some("New password"),
        true,
    ),
    ("delete-app-passwords", "Delete App Passwords", None, true),
    (
        "delete-method",
        "Delete a method",
        Some("Its number in the console's list"),
        true,
    ),
    (
        "unblock-mfa",
        "Unblock MFA (after a fraud report)",
        None,
        true,
    ),
    ("directory", "Look up in the directory", None, false),
    (
        "ask",
        "Ask the caller",
        Some("What (e.g. employee id)"),
        false,
    ),
    (
        "verify",
        "Verify the caller",
        Some("How (callback, manager, video)"),
        false,
    ),
    ("refuse", "Refuse the request", None, false),
];

/// The trainer command for a desk form: `verb` must be one of [`DESK`].
pub fn command(verb: &str, user: &str, extra: Option<&str>) -> Option<String> {
    let (verb, _, _, admin) = DESK.iter().find(|(v, ..)| *v == verb)?;
    let mut line = if *admin {
        format!("admin {verb} {user}")
    } else {
        format!("{verb} {user}")
    };
    if let Some(extra) = extra {
        line.push(' ');
        line.push_str(extra);
    }
    Some(line)
}

/// The verbs whose buttons sit on the admin centre's pages (the per-user MFA row and the
/// authentication methods page) rather than in the list of forms: (button label on the
/// page, verb, the extra box's label if it takes one).
const ON_PAGES: &[(&str, &str, Option<&str>)] = &[
    ("Enable MFA", "enable", None),
    ("Disable MFA", "disable", None),
    ("Enforce MFA", "enforce", None),
    (
        "+ Add authentication method",
        "tap",
        Some("Temporary Access Pass, minutes"),
    ),
    (
        "Reset password",
        "reset-password",
        Some("New password (empty: a temporary one)"),
    ),
    ("Require re-register MFA", "reregister", None),
    ("Revoke MFA sessions", "revoke", None),
];

/// A desk form posting `verb` about `user`, with a box for the extra word where it takes one.
fn desk_form(csrf: &str, verb: &str, user: &str, extra: Option<&str>, button: &str) -> String {
    let extra_box = extra
        .map(|l| {
            format!(
                r#" <label>{} <input type="text" name="extra" size="10" autocomplete="off"></label>"#,
                esc(l)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<form class="web-inline" method="post" action="/act" data-verb="{verb}"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="do" value="desk"><input type="hidden" name="label" value="{verb}"><input type="hidden" name="user" value="{}">{extra_box} <button type="submit" class="mfa-button">{}</button></form>"#,
        esc(csrf),
        esc(user),
        esc(button)
    )
}

/// The admin pages' buttons as forms: each the console command for its verb, about the
/// page's user; a button with no verb stays a still picture.
struct PageControls<'a> {
    csrf: &'a str,
    user: &'a str,
}

impl Controls for PageControls<'_> {
    fn control(&self, tag: &str, class: &str, label: &str, shown: &str) -> String {
        match ON_PAGES.iter().find(|(l, ..)| *l == label) {
            Some((_, verb, extra)) => format!(
                r#"<{tag} class="web-control">{}</{tag}>"#,
                desk_form(self.csrf, verb, self.user, *extra, label)
            ),
            None => format!(r#"<{tag} class="{class}">{shown}</{tag}>"#),
        }
    }

    fn field(&self, label: &str, value: &str) -> String {
        // The admin pages' fields are values to read, never boxes to type in.
        Still { pressed: None }.field(label, value)
    }
}

/// The desk's side: the admin centre's pages for the ticket's person as they stand now (the
/// book's admin cards with live buttons, the sign-in log), the other console actions and the
/// caller checks as forms, then what the console showed, newest first.
pub fn panel(
    person: &str,
    desk: Result<Option<&DeskState>, String>,
    outputs: &[Event],
    csrf: &str,
) -> String {
    let user = person.to_lowercase();
    let live = PageControls { csrf, user: &user };
    let mut h = String::from(
        r##"<section class="web-admin" id="admin"><h2>Admin centre</h2><p>The simulator's admin pages for the ticket's person, drawn as the book draws them. Each button is the console command a terminal trainee would type (<code>help</code> in the trainer's box lists them).</p><nav class="web-row"><a href="#per-user-mfa">Per-user MFA</a> · <a href="#methods">Authentication methods</a> · <a href="#user-actions">User</a> · <a href="#sign-ins">Sign-in logs</a> · <a href="#caller">Caller</a></nav>"##,
    );
    let (desk, problem) = match desk {
        Ok(d) => (d, None),
        Err(e) => (None, Some(e)),
    };
    if let Some(problem) = problem {
        h += &format!(
            r#"<p class="web-error">The admin pages could not be drawn: {}. Their actions are listed below.</p>"#,
            esc(&problem)
        );
    }
    if let Some(d) = desk {
        h += r#"<h3 id="per-user-mfa">Per-user MFA</h3>"#;
        h += &panel_with(&d.per_user_mfa, &live);
        h += r#"<h3 id="methods">Authentication methods</h3>"#;
        h += &panel_with(&d.methods, &live);
    }
    h += r#"<h3 id="user-actions">User</h3><div id="desk-actions">"#;
    let forms = |admin: bool| {
        let mut rows = String::new();
        for (verb, label, extra, is_admin) in DESK {
            // The pages' own buttons are on the pages, when they are drawn.
            let on_a_page = desk.is_some() && ON_PAGES.iter().any(|(_, v, _)| v == verb);
            if *is_admin != admin || on_a_page {
                continue;
            }
            // Only the block switch that applies now, when the state is known.
            match (desk.map(|d| d.blocked), *verb) {
                (Some(true), "block") | (Some(false), "unblock") => continue,
                _ => {}
            }
            rows += &format!(
                r#"<div class="web-row">{}</div>"#,
                desk_form(csrf, verb, &user, *extra, label)
            );
        }
        rows
    };
    h += &forms(true);
    h += "</div>";
    if let Some(d) = desk {
        h += r#"<h3 id="sign-ins">Sign-in logs</h3>"#;
        if d.sign_ins.is_empty() {
            h += "<p>No sign-ins for this user yet.</p>";
        } else {
            let mut rows = vec![
                [
                    "Date",
                    "Application",
                    "Client app",
                    "IP address",
                    "Method",
                    "Status",
                    "Reason",
                ]
                .map(String::from)
                .to_vec(),
            ];
            for r in d.sign_ins.iter().rev() {
                rows.push(vec![
                    crate::clock::format_instant(r.at),
                    r.app.clone(),
                    r.client.to_string(),
                    r.location(),
                    r.method.clone().unwrap_or_else(|| "-".into()),
                    r.result.to_string(),
                    r.detail.clone(),
                ]);
            }
            h += r#"<div class="mfa-screen mfa-admin-page" data-panel="sign-in-log"><div class="mfa-address">Microsoft Entra admin center</div><div class="mfa-screen-body"><div class="mfa-title">Sign-in logs</div>"#;
            h += &table(&rows);
            h += "</div></div>";
            if let Some(latest) = d.sign_ins.last() {
                h += &panel_with(&latest.details(), &live);
            }
        }
    }
    h += r#"<h3 id="caller">Caller</h3>"#;
    h += &forms(false);
    h += r#"<h3>What the console showed</h3><div id="desk">"#;
    for e in outputs
        .iter()
        .rev()
        .filter(|e| {
            matches!(
                e.output,
                Output::Admin(..) | Output::SignIn(_) | Output::Note { .. }
            )
        })
        .take(8)
    {
        h += &crate::book::html::event(e, false);
    }
    h + "</div></section>"
}
