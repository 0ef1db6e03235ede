//! The help desk's side: the admin centre's actions (a user's authentication methods,
//! per-user MFA, re-registration, revoking sessions, blocking sign-in, a Temporary Access
//! Pass, a password reset, the sign-in and audit logs) and the caller checks (directory, ask,
//! verify, refuse) as forms. Each is the trainer's console command (`admin tap dana 60`,
//! `verify dana callback`); what the console shows comes back as the book's admin cards.

use crate::book::html::esc;
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

/// The desk's panel: its forms (the user box filled with `person`), then what the console
/// and sign-in log showed, newest first.
pub fn panel(person: &str, outputs: &[Event], csrf: &str) -> String {
    let user = person.to_lowercase();
    let mut h = String::from(
        r#"<h2>Admin console</h2><p>Each button is the console command a terminal trainee would type (<code>help</code> in the trainer's box lists them).</p><div id="desk-actions">"#,
    );
    for (verb, label, extra, _) in DESK {
        let extra_box = extra
            .map(|l| {
                format!(
                    r#" <label>{} <input type="text" name="extra" size="12" autocomplete="off"></label>"#,
                    esc(l)
                )
            })
            .unwrap_or_default();
        h += &format!(
            r#"<form class="web-row" method="post" action="/act" data-verb="{verb}"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="do" value="desk"><input type="hidden" name="label" value="{verb}"><label>User <input type="text" name="user" value="{}" size="8"></label>{extra_box} <button type="submit">{}</button></form>"#,
            esc(csrf),
            esc(&user),
            esc(label)
        );
    }
    h += r#"</div><div id="desk">"#;
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
    h + "</div>"
}
