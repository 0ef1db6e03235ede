//! The record of everything a person could observe during a run.
//!
//! Every page the browser shows, every text message and call, every push prompt, every code an
//! app displays, every App Password shown and every sign-in log row is appended here as an
//! [`Event`] with its simulated time and the actor that showed it. The Gherkin steps, the book
//! and the trainer all render this one record, so none of them can tell a different story.
//!
//! Outputs are kept typed (a sign-in row, a mail status, an admin report from
//! [`crate::records`]) and turned into text only by `Display` when someone reads them. The
//! transcript depends on nothing in `tenant`: the tenant reaches it only through the
//! simulation's sign-in observer.

use crate::clock::Instant;
use crate::records::{AdminReport, MailStatus, PanelView, SignInRow, Wording};
use crate::screens::{Control, ScreenView};
use serde::Serialize;
use std::sync::{Arc, Mutex};

/// Who showed or said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Actor {
    /// The user's web browser (or a sign-in window opened by a mail app).
    Browser(String),
    /// The user's phone: texts and calls.
    Phone(String),
    /// An authenticator app on the phone, by app name.
    App(String),
    /// A mail client, by name.
    MailClient(String),
    /// The administrator's console.
    Admin,
    /// The tenant itself (sign-in log).
    Tenant,
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Actor::Browser(who) => write!(f, "{who}'s browser"),
            Actor::Phone(who) => write!(f, "{who}'s phone"),
            Actor::App(name) => write!(f, "{name}"),
            Actor::MailClient(name) => write!(f, "{name}"),
            Actor::Admin => f.write_str("admin console"),
            Actor::Tenant => f.write_str("sign-in log"),
        }
    }
}

/// One observable output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Output {
    /// A page now on screen.
    Screen(Box<ScreenView>),
    /// A text message arrived.
    TextMessage {
        /// The sender as the phone shows it (a short code or number).
        from: String,
        /// The message text.
        body: String,
        /// Whose words the body is (the simulator's: Microsoft does not publish it).
        wording: Wording,
    },
    /// A call: what the phone showed and what the caller said, and which keys were pressed.
    Call {
        /// The caller as the phone shows it.
        from: String,
        /// What the recorded voice said.
        said: String,
        /// The keys the person pressed, if they answered.
        keys: Option<String>,
        /// Whose words `said` is.
        wording: Wording,
    },
    /// An authenticator app showed a sign-in request.
    Push {
        /// The account the request is for.
        account: String,
        /// The app asked for the number shown on the sign-in page.
        number_requested: bool,
        /// The request's wording in the app.
        detail: String,
    },
    /// An app showed a code for an account.
    Code {
        /// The account the code belongs to.
        account: String,
        /// The code on display.
        code: String,
    },
    /// A row was added to the tenant's sign-in log.
    SignIn(SignInRow),
    /// What a mail client showed after trying to connect, and (for the iPhone's Mail app)
    /// its account screen as it stood then.
    Mail(MailStatus, Option<Box<PanelView>>),
    /// What the administrator's console reported after an action, and the page the action
    /// was taken on as it stood when the button was pressed (per-user MFA, a user's
    /// authentication methods).
    Admin(AdminReport, Option<Box<PanelView>>),
    /// The person clicked a button, link or option (what they did, so readers can follow):
    /// the control itself, and its label as the page showed it.
    Click {
        /// The control used.
        control: Control,
        /// Its label as the page showed it.
        label: String,
    },
    /// A short note from a device ("No service", "App installed").
    Note {
        /// The note's text.
        text: String,
    },
}

/// An output, when and from whom.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Simulated time.
    pub at: Instant,
    /// Who showed it.
    pub actor: Actor,
    /// What was shown.
    pub output: Output,
}

/// The shared, append-only record of one run.
#[derive(Clone, Debug, Default)]
pub struct Transcript {
    events: Arc<Mutex<Vec<Event>>>,
}

impl Transcript {
    /// Append an event.
    pub(crate) fn record(&self, at: Instant, actor: Actor, output: Output) {
        self.lock().push(Event { at, actor, output });
    }

    /// How many events so far: a bookmark for [`Transcript::since`].
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True before anything happened.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The events recorded after `mark`.
    pub(crate) fn since(&self, mark: usize) -> Vec<Event> {
        self.lock()
            .get(mark..)
            .map(<[Event]>::to_vec)
            .unwrap_or_default()
    }

    /// All events.
    pub fn all(&self) -> Vec<Event> {
        self.since(0)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Event>> {
        self.events
            .lock()
            .expect("invariant: transcript lock never poisoned")
    }
}

impl Event {
    /// The event as a few lines of plain text (demo, trainer, CLI).
    pub fn render_text(&self) -> String {
        let time = crate::clock::format_time(self.at);
        let body = match &self.output {
            Output::Screen(view) => crate::screens::text::render(view),
            Output::TextMessage {
                from,
                body,
                wording,
            } => format!("text from {from}: \"{body}\"{}", wording.suffix()),
            Output::Call {
                from,
                said,
                keys: None,
                wording,
            } => format!("call from {from}: {said}{}", wording.suffix()),
            Output::Call {
                from,
                said,
                keys: Some(k),
                wording,
            } => format!(
                "call from {from} answered: \"{said}\"{} -> pressed {k}",
                wording.suffix()
            ),
            Output::Push {
                account, detail, ..
            } => format!("request for {account}: {detail}"),
            Output::Code { account, code } => format!("code for {account}: {code}"),
            Output::SignIn(row) => row.to_string(),
            Output::Mail(status, _) => status.to_string(),
            Output::Admin(report, _) => report.to_string(),
            Output::Note { text } => text.clone(),
            Output::Click { label, .. } => format!("clicks \"{label}\""),
        };
        let mut lines = body.lines();
        let first = lines.next().unwrap_or_default();
        let mut out = format!("[{time}] {}: {first}", self.actor);
        for line in lines {
            out.push_str(&format!("\n{:>w$}{line}", "", w = 11));
        }
        out
    }
}
