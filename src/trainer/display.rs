//! What the trainee sees after each command: the new outputs from the simulation (the same
//! rendering as the demo and, in text, the book), numbered choices, the phone, hints. What
//! comes from the simulation is cleaned of terminal control here; only the QR code drawn in
//! real-phone mode (qr2term's own output) is shown as it is.

use super::session::Session;
use crate::screens::ScreenView;
use crate::transcript::Output;
use anyhow::Result;

impl Session {
    /// The outputs since the last command, then the numbered controls if the page changed.
    pub(super) async fn new_outputs(&mut self) -> String {
        // Look at the browser: a page waiting for a push or call moves on once it is answered.
        let _ = self.world.page(&self.exercise.person).await;
        let Ok(sim) = self.world.sim() else {
            return String::new();
        };
        let events = sim.transcript.since(self.mark);
        self.mark = sim.transcript.len();
        let mut out = String::new();
        let mut page_changed = false;
        for e in &events {
            if let Output::Screen(v) = &e.output {
                page_changed = true;
                if let (Some(message), None) = (&v.error, &v.pressed) {
                    self.note_mistake(super::debrief::MistakeKind::Refused {
                        page: v.page,
                        message: message.clone(),
                    });
                }
                if v.pressed.is_some() {
                    continue;
                }
            }
            if matches!(e.output, Output::Click { .. }) {
                continue;
            }
            out.push('\n');
            out.push_str(&super::clean::clean(&e.render_text()));
            if let (true, Output::Screen(v)) = (self.real_phone, &e.output)
                && let Some(qr) = v.qr.as_deref().filter(|q| q.starts_with("otpauth://"))
                && let Ok(drawn) = qr2term::generate_qr_string(qr)
            {
                out.push_str("\nScan this with the authenticator app on your own phone:\n");
                out.push_str(&drawn);
            }
        }
        if page_changed && let Ok(page) = self.world.page(&self.exercise.person).await {
            out.push_str(&self.choices(&page));
        }
        out
    }

    pub(super) fn choices(&self, page: &ScreenView) -> String {
        let mut out = String::new();
        if !page.controls.is_empty() {
            out.push_str("\nChoices: ");
            let items: Vec<String> = page
                .controls
                .iter()
                .enumerate()
                .map(|(i, (l, _))| format!("{}) {l}", i + 1))
                .collect();
            out.push_str(&items.join("   "));
        }
        if !page.fields.is_empty() {
            out.push_str(&format!(
                "\nBoxes: {}  (type <text>, or type <box>: <text>)",
                page.fields
                    .iter()
                    .map(|f| f.0.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out
    }

    pub(super) fn page_text(&self, page: &ScreenView) -> String {
        crate::screens::text::render(page) + &self.choices(page)
    }

    pub(super) async fn phone_text(&self) -> Result<String> {
        let who = &self.exercise.person;
        let Some(phone) = self.world.person(who)?.phone.clone() else {
            return Ok(String::new());
        };
        let mut lines = vec![format!(
            "\n-- {who}'s phone ({}) --",
            phone.own_number().await?
        )];
        lines.push(format!(
            "signal: {}   clock: {}",
            if phone.has_signal().await? {
                "yes"
            } else {
                "none"
            },
            match phone.clock.offset() {
                0 => "right".to_string(),
                s if s > 0 => format!("{} s fast", s),
                s => format!("{} s slow", -s),
            }
        ));
        let apps = phone.apps().await?;
        lines.push(format!(
            "apps: {}",
            if apps.is_empty() {
                "none".into()
            } else {
                apps.join(", ")
            }
        ));
        // An app that lists the same account more than once (set up again without deleting
        // the first entry) shows every entry, oldest first, as the app's list does.
        for app in &apps {
            if app == "Microsoft Authenticator" {
                continue;
            }
            if let Ok(totp) = self.world.totp_app(who, app).await {
                let entries = totp.accounts().await?;
                let repeated = entries
                    .iter()
                    .any(|e| entries.iter().filter(|x| *x == e).count() > 1);
                if repeated {
                    lines.push(format!(
                        "{app} lists {} entries, oldest first: {}",
                        entries.len(),
                        entries.join("; ")
                    ));
                }
            }
        }
        if let Some(t) = phone.latest_text().await? {
            lines.push(format!(
                "latest text from {}: \"{}\"{}",
                t.from,
                t.body,
                t.wording.suffix()
            ));
        }
        if let Some(from) = phone.ringing().await? {
            lines.push(format!("RINGING: call from {from} (answer # / answer 0#)"));
        }
        if let Ok(app) = self.world.authenticator(who).await
            && let Some(p) = app.pending().await?
        {
            let ask = if p.number_required {
                " (asks for the number on the sign-in page)"
            } else {
                ""
            };
            lines.push(format!(
                "Microsoft Authenticator: sign-in request for {}{ask}",
                p.account
            ));
        }
        let person = self.world.person(who)?;
        for (name, app) in &person.mail_apps {
            lines.push(format!("{name}: {}", app.status().await?));
        }
        Ok(lines.join("\n"))
    }

    pub(super) fn hint(&mut self) -> String {
        let hints = &self.exercise.hints;
        if self.exercise.free_play {
            return "Free play has no hints: `help` lists everything you can do.".into();
        }
        if hints.is_empty() {
            return "No hints for this exercise.".into();
        }
        let i = self.hints_used.min(hints.len() - 1);
        self.hints_used = (self.hints_used + 1).min(hints.len());
        let h = &hints[i];
        let mut text = format!("Hint {}/{}: {}", i + 1, hints.len(), h.text);
        if let Some(id) = &h.guide {
            text.push_str(&format!(" (guide step {id}"));
            if let Some(page) = &h.page {
                text.push_str(&format!("; the book shows it in book/build/{page}"));
            }
            text.push(')');
        }
        text
    }
}

/// What the help desk's admin centre shows about the ticket's person now, for a front end
/// that draws it (the web's admin pages); read only.
#[derive(Clone, Debug)]
pub struct DeskState {
    /// The per-user MFA page's row for the person, with its buttons.
    pub per_user_mfa: crate::records::PanelView,
    /// The person's authentication methods page, with its actions.
    pub methods: crate::records::PanelView,
    /// Sign-in log rows for the person, oldest first (the latest [`DESK_ROWS`]).
    pub sign_ins: Vec<crate::records::SignInRow>,
    /// Whether the person's sign-in is blocked.
    pub blocked: bool,
}

/// How many of the person's sign-in rows [`DeskState`] carries.
pub const DESK_ROWS: usize = 10;

/// What the person's phone shows now, for a front end that draws it (the web's phone panel);
/// read only, changed only by the trainer's own commands.
#[derive(Clone, Debug, Default)]
pub struct PhoneState {
    /// Whose phone (the exercise's person, as named there).
    pub owner: String,
    /// The phone's own number.
    pub number: String,
    /// Whether it has signal.
    pub signal: bool,
    /// Whether it is online (Wi-Fi or mobile data).
    pub online: bool,
    /// How far its clock is off, in seconds (positive: fast).
    pub clock_offset: i64,
    /// The apps installed.
    pub apps: Vec<String>,
    /// Who is calling, while it rings.
    pub ringing: Option<String>,
    /// Microsoft Authenticator's waiting request.
    pub request: Option<crate::actors::authenticator::PushView>,
}

impl Session {
    /// The page in the person's browser now (for a front end that draws it).
    pub async fn screen(&self) -> Result<ScreenView> {
        self.world.page(&self.exercise.person).await
    }

    /// The exercise being played.
    pub fn exercise(&self) -> &super::Exercise {
        &self.exercise
    }

    /// Everything shown since the attempt began (after the setup), in order.
    pub fn outputs(&self) -> Vec<crate::transcript::Event> {
        self.world
            .sim()
            .map(|sim| {
                let all = sim.transcript.all();
                all.into_iter().filter(|e| e.at >= self.started).collect()
            })
            .unwrap_or_default()
    }

    /// The ticket's person in the admin centre now; None when the trainee plays the user (who
    /// has no console).
    pub async fn desk_state(&self) -> Result<Option<DeskState>> {
        if self.exercise.role != super::exercise::Role::Technician {
            return Ok(None);
        }
        let sim = self.world.sim()?;
        let upn = self.world.person(&self.exercise.person)?.upn.clone();
        let (per_user_mfa, methods) = sim.admin.pages(&upn).await??;
        let summary = sim.admin.describe(&upn).await??;
        let mut sign_ins: Vec<crate::records::SignInRow> = sim
            .admin
            .sign_in_log()
            .await?
            .into_iter()
            .filter(|r| r.user.eq_ignore_ascii_case(&upn))
            .collect();
        sign_ins.drain(..sign_ins.len().saturating_sub(DESK_ROWS));
        Ok(Some(DeskState {
            per_user_mfa,
            methods,
            sign_ins,
            blocked: summary.sign_in_blocked,
        }))
    }

    /// The person's phone as it is now; None when the exercise gives them none or the
    /// trainee is the help desk (who cannot see it).
    pub async fn phone_state(&self) -> Result<Option<PhoneState>> {
        if self.exercise.role != super::exercise::Role::User {
            return Ok(None);
        }
        let who = &self.exercise.person;
        let Some(phone) = self.world.person(who)?.phone.clone() else {
            return Ok(None);
        };
        let request = match self.world.authenticator(who).await {
            Ok(app) => app.pending().await?,
            Err(_) => None,
        };
        Ok(Some(PhoneState {
            owner: who.clone(),
            number: phone.own_number().await?,
            signal: phone.has_signal().await?,
            online: phone.is_online(),
            clock_offset: phone.clock.offset(),
            apps: phone.apps().await?,
            ringing: phone.ringing().await?,
            request,
        }))
    }
}
