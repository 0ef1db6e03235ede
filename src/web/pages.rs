//! The web pages around the simulation: the start page (name, access code), the exercise
//! list, the play page (the browser's page as the book's card with live controls, the phone,
//! the trainer's replies and console) and the error page. The cards themselves come from the
//! book's renderer ([`crate::book::html`]): one definition of how a page looks.

use super::sessions::{Play, WebSession};
use crate::book::html::{Controls, esc, screen_with};
use crate::screens::ScreenView;
use crate::trainer::Exercise;
use crate::trainer::exercise::Role;

/// The book's card styles and the web's own layout, served as `/style.css`.
pub const STYLE: &str = concat!(
    include_str!("../../book/theme/mfa-sim.css"),
    r#"
body { font-family: "Open Sans", system-ui, sans-serif; margin: 0; background: #fafafa; color: #222; }
header.web-top { background: #2b2b2b; color: #eee; padding: .5em 1em; display: flex; gap: 1em; align-items: center; }
header.web-top a { color: #9cf; }
main.web { padding: 1em; max-width: 80em; margin: auto; }
.web-columns { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
.web-browser { flex: 3 1 30em; }
.web-phone { flex: 1 1 18em; border: 2px solid #444; border-radius: 1.5em; padding: 1em; background: #fff; }
.web-trainer { margin-top: 1.5em; }
.web-trainer pre, .web-briefing { white-space: pre-wrap; background: #fff; border: 1px solid #ddd; padding: .75em; }
form.web-inline { display: inline; margin: 0; }
form.web-inline button { font: inherit; cursor: pointer; }
.web-row { margin: .4em 0; }
.web-row input[type=text], .web-row input:not([type]) { min-width: 14em; }
.web-error { color: #a00; }
table.web-table { border-collapse: collapse; }
table.web-table td, table.web-table th { border: 1px solid #ccc; padding: .25em .5em; }
"#
);

/// A whole HTML document.
pub fn document(title: &str, top: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} · mfa-sim</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/style.css"></head><body><header class="web-top"><b>mfa-sim</b>{top}</header><main class="web">{body}</main></body></html>"#,
        esc(title)
    )
}

/// The header's right side for a signed-in trainee.
pub fn top_for(trainee: &str, csrf: &str) -> String {
    format!(
        r#"<span>Trainee: <b id="trainee">{}</b></span><a href="/manager">Manager</a>{}"#,
        esc(trainee),
        action_button(csrf, "sign-out", &[], "Sign out", "")
    )
}

/// The opening of a form that posts action `act` to `/act`, with its CSRF token and the
/// hidden `fields`; the callers add what the person sees and close the form.
fn action_form(class: &str, csrf: &str, act: &str, fields: &[(&str, &str)]) -> String {
    let mut h = format!(
        r#"<form class="{}" method="post" action="/act"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="do" value="{}">"#,
        esc(class),
        esc(csrf),
        esc(act)
    );
    for (name, value) in fields {
        h += &format!(
            r#"<input type="hidden" name="{}" value="{}">"#,
            esc(name),
            esc(value)
        );
    }
    h
}

/// A small form with one button that posts an action.
pub fn action_button(
    csrf: &str,
    act: &str,
    fields: &[(&str, &str)],
    label: &str,
    class: &str,
) -> String {
    action_form("web-inline", csrf, act, fields)
        + &format!(
            r#"<button type="submit" class="{}">{}</button></form>"#,
            esc(class),
            esc(label)
        )
}

/// A form with a text box and a button that posts an action with what was typed (`text`).
pub fn action_box(
    csrf: &str,
    act: &str,
    fields: &[(&str, &str)],
    label: &str,
    button: &str,
    id: &str,
) -> String {
    action_form("web-row", csrf, act, fields)
        + &format!(
            r#"<label>{} <input type="text" name="text" id="{}" autocomplete="off"></label> <button type="submit">{}</button></form>"#,
            esc(label),
            esc(id),
            esc(button)
        )
}

/// The browser card's controls as forms: a click is `press <label>`, a text box is
/// `type <label>: <text>`. A box starts empty, what the page holds shown as its placeholder
/// (passwords as dots), so typing replaces it as the trainer's `type` does.
struct LiveControls<'a> {
    csrf: &'a str,
}

impl Controls for LiveControls<'_> {
    fn control(&self, tag: &str, class: &str, label: &str, shown: &str) -> String {
        format!(
            r#"<{tag} class="web-control"><form class="web-inline" method="post" action="/act"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="do" value="press"><input type="hidden" name="label" value="{}"><button type="submit" class="{class}">{shown}</button></form></{tag}>"#,
            esc(self.csrf),
            esc(label)
        )
    }

    fn field(&self, label: &str, value: &str) -> String {
        let id = format!(
            "field-{}",
            label
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase()
        );
        format!(
            r#"<form class="mfa-field" method="post" action="/act"><input type="hidden" name="csrf" value="{}"><input type="hidden" name="do" value="type"><input type="hidden" name="label" value="{}"><label class="mfa-label" for="{id}">{}</label> <input class="mfa-box" type="text" name="text" id="{id}" placeholder="{}" autocomplete="off"> <button type="submit" class="mfa-button">Enter</button></form>"#,
            esc(self.csrf),
            esc(label),
            esc(label),
            esc(value)
        )
    }
}

/// The browser's page as the book's card, its controls live.
pub fn browser_card(view: &ScreenView, csrf: &str) -> String {
    screen_with(view, &LiveControls { csrf })
}

/// The start page: a name, and the access code when the server asks for one.
pub fn start(code_needed: bool, problem: Option<&str>) -> String {
    let code = if code_needed {
        r#"<div class="web-row"><label>Access code <input type="password" name="code" id="code"></label></div>"#
    } else {
        ""
    };
    let problem = problem
        .map(|p| format!(r#"<p class="web-error">{}</p>"#, esc(p)))
        .unwrap_or_default();
    document(
        "Start",
        "",
        &format!(
            r#"<h1>Practise the MFA guide</h1><p>The pages and the phone here are the simulator's: a simulated Microsoft 365 tenant runs behind them, one of its own for each trainee.</p>{problem}<form method="post" action="/start"><div class="web-row"><label>Your name <input type="text" name="name" id="name" maxlength="64"></label></div>{code}<button type="submit">Start</button></form><p><a href="/manager">Manager's page</a></p>"#
        ),
    )
}

/// Free play's start form: a tenant of the project, a date, a person and a role.
fn free_play_form(csrf: &str, tenants: &[String]) -> String {
    if tenants.is_empty() {
        return String::new();
    }
    let options: String = tenants
        .iter()
        .map(|t| format!(r#"<option value="{0}">{0}</option>"#, esc(t)))
        .collect();
    action_form("web-free", csrf, "free", &[])
        + &format!(
            r#"<div class="web-row"><label>Tenant <select name="tenant" id="free-tenant">{options}</select></label> <label>Date <input type="date" name="date" id="free-date" min="2000-01-01" max="2100-12-31"></label> (empty: the tenant's own)</div><div class="web-row"><label>Person <input type="text" name="person" id="free-person" size="12" maxlength="64"></label> (empty: the tenant's first) <label>You are <select name="role" id="free-role"><option value="user">the user (browser and phone)</option><option value="desk">the help desk (admin console)</option></select></label></div><button type="submit" id="free-start">Start free play</button></form>"#
        )
}

/// The exercise list for a signed-in trainee, and free play's form.
pub fn exercises(
    web: &WebSession,
    list: &[Exercise],
    tenants: &[String],
    problem: Option<&str>,
) -> String {
    let csrf = web.csrf.to_string();
    let mut rows = String::new();
    for e in list {
        let role = match e.role {
            Role::User => "user",
            Role::Technician => "help desk",
        };
        // The user's exercises can also run with the trainee's own phone: the QR codes on
        // the page are real, and the service runs on the real clock.
        let own_phone = match e.role {
            Role::User => action_button(
                &csrf,
                "start",
                &[("exercise", &e.id), ("real_phone", "1")],
                "Start with my own phone",
                "",
            ),
            Role::Technician => String::new(),
        };
        rows += &format!(
            "<tr><td><code>{}</code></td><td>{role}</td><td>{}</td><td>{} {own_phone}</td></tr>",
            esc(&e.id),
            esc(&e.title),
            action_button(&csrf, "start", &[("exercise", &e.id)], "Start", "")
        );
    }
    let problem = problem
        .map(|p| format!(r#"<p class="web-error">{}</p>"#, esc(p)))
        .unwrap_or_default();
    document(
        "Exercises",
        &top_for(&web.trainee, &csrf),
        &format!(
            r#"<h1>Exercises</h1>{problem}<table class="web-table"><tr><th>id</th><th>you are</th><th>title</th><th></th></tr>{rows}</table><h2>Free play</h2><p>Any tenant, any date, no goal: explore what the service and the phone do. Nothing is scored or saved, and the phone's signal and internet can be switched off.</p>{}"#,
            free_play_form(&csrf, tenants)
        ),
    )
}

/// The play page: the page in the browser (or, for the help desk, the console's output), the
/// phone, and the trainer's replies and console.
pub fn play(
    web: &WebSession,
    play: &Play,
    view: Option<&ScreenView>,
    desk: &str,
    phone: &str,
) -> String {
    let csrf = web.csrf.to_string();
    let exercise = play.session.exercise();
    let mut left = String::new();
    if let Some(view) = view {
        left += r#"<h2>Browser</h2>"#;
        left += &browser_card(view, &csrf);
        left += &action_box(&csrf, "open", &[], "Go to", "Open", "address");
    }
    left += desk;
    let mut replies = String::new();
    for (command, reply) in play.replies.iter().rev() {
        replies += &format!(
            "<pre class=\"web-reply\">&gt; {}\n{}</pre>",
            esc_block(command),
            esc_block(reply.trim_start_matches('\n'))
        );
    }
    let tools = if play.finished {
        format!(
            r#"<p id="finished"><b>This attempt is over.</b> {} {}</p>"#,
            play.saved.as_deref().map(esc).unwrap_or_default(),
            action_button(&csrf, "leave", &[], "Choose another exercise", "")
        )
    } else {
        format!(
            r#"<div class="web-row">{} {} {} {} {}</div>{}"#,
            action_button(&csrf, "hint", &[], "Hint", ""),
            action_button(&csrf, "status", &[], "Goal status", ""),
            action_button(&csrf, "wait", &[("text", "30")], "30 seconds pass", ""),
            action_button(&csrf, "restart", &[], "Start again", ""),
            action_button(&csrf, "quit", &[], "Give up", ""),
            action_box(&csrf, "command", &[], "Trainer command", "Run", "command")
        )
    };
    let body = format!(
        r#"<h1>{}</h1><details><summary>Briefing</summary><pre class="web-briefing">{}</pre></details><div class="web-columns"><section class="web-browser">{left}</section>{phone}</div><section class="web-trainer"><h2>Trainer</h2>{tools}{replies}</section>"#,
        esc(&exercise.title),
        esc_block(&play.briefing)
    );
    document(&exercise.title, &top_for(&web.trainee, &csrf), &body)
}

/// Escape text for a `<pre>` block, keeping its line breaks.
pub fn esc_block(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("\n")
}

/// A page for a refused request: its status line, what went wrong and where to go on.
pub fn problem(title: &str, what: &str) -> String {
    document(
        title,
        "",
        &format!(
            r#"<h1>{}</h1><p class="web-error" id="problem">{}</p><p><a href="/">Back to the start</a></p>"#,
            esc(title),
            esc(what)
        ),
    )
}
