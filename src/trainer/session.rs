//! A training session as a state machine: it owns one simulation, takes one command at a
//! time and answers with what the trainee now sees. It never touches the terminal; the
//! `terminal` module does, so sessions can be scripted and tested.

use super::command::{Command, HELP, parse};
use super::exercise::{Condition, Exercise, Role, Setup};
use crate::actors::BrowserHandle;
use crate::actors::admin::AdminAction;
use crate::flows::Destination;
use crate::harness::{GuideWorld, journeys};
use crate::screens::{Action, ScreenView};
use crate::tenant::methods::{Method, PhoneSlot};
use crate::tenant::{Answer, MfaState};
use crate::transcript::Output;
use anyhow::{Context, Result, anyhow, bail};

/// What the session says back.
#[derive(Clone, Debug, Default)]
pub struct Reply {
    /// Text to show.
    pub text: String,
    /// The goal has been met (or the trainee quit).
    pub finished: bool,
}

/// One trainee's attempt at one exercise.
pub struct Session {
    world: GuideWorld,
    exercise: Exercise,
    mark: usize,
    done: Vec<(String, String)>,
    reset_before_verify: bool,
    actions: u32,
    mistakes: u32,
    hints_used: usize,
    real_phone: bool,
    goal_met: bool,
}

fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Session {
    /// Set up the exercise's tenant and what happened before; returns the session and the
    /// briefing.
    pub async fn start(exercise: Exercise, real_phone: bool) -> Result<(Session, String)> {
        let mut world = GuideWorld::default();
        world
            .load_for_training(&exercise.tenant, exercise.date.as_deref(), real_phone)
            .await?;
        let mut session = Session {
            world,
            exercise,
            mark: 0,
            done: Vec::new(),
            reset_before_verify: false,
            actions: 0,
            mistakes: 0,
            hints_used: 0,
            real_phone,
            goal_met: false,
        };
        for step in session.exercise.setup.clone() {
            session
                .apply(&step)
                .await
                .with_context(|| format!("exercise setup {step:?}"))?;
        }
        session.mark = session.world.sim()?.transcript.len();
        let ex = &session.exercise;
        let person = session.world.person(&ex.person)?.clone();
        let role = match ex.role {
            Role::User => format!(
                "You are {} ({}, password {}).",
                person.name, person.upn, person.password
            ),
            Role::Technician => format!(
                "You are the help-desk technician. The caller is {} ({}).",
                person.name, person.upn
            ),
        };
        let date = crate::clock::format_instant(session.world.sim()?.clock.now());
        let mut text = format!(
            "== {} ==\n{role}\nSimulated time: {date}.\n\n{}\n\nGoal: {}\n",
            ex.title,
            ex.briefing.trim(),
            ex.goal.description
        );
        text.push_str("Type `help` for the commands, `hint` if you are stuck.\n");
        text.push_str(&session.phone_text().await?);
        Ok((session, text))
    }

    /// Handle one line of input.
    pub async fn handle(&mut self, line: &str) -> Reply {
        let command = match parse(line) {
            Ok(c) => c,
            Err(e) => {
                self.mistakes += 1;
                return Reply {
                    text: e.0,
                    finished: false,
                };
            }
        };
        let acting = !matches!(
            command,
            Command::Help
                | Command::Hint
                | Command::Look
                | Command::Phone
                | Command::Status
                | Command::Quit
        );
        if acting {
            self.actions += 1;
        }
        let mut text = match self.run(&command).await {
            Ok(t) => t,
            Err(e) => {
                self.mistakes += 1;
                format!("Not possible: {e:#}")
            }
        };
        if command == Command::Quit {
            text.push_str(&self.result().await);
            return Reply {
                text,
                finished: true,
            };
        }
        if acting {
            text.push_str(&self.new_outputs().await);
            if !self.goal_met && self.unmet().await.is_empty() {
                self.goal_met = true;
                text.push_str(&self.result().await);
                return Reply {
                    text,
                    finished: true,
                };
            }
        }
        Reply {
            text,
            finished: false,
        }
    }

    /// True once the goal was met.
    pub fn goal_met(&self) -> bool {
        self.goal_met
    }

    /// The closing summary: met or not, what is missing, the score.
    pub async fn result(&self) -> String {
        let unmet = self.unmet().await;
        let verified = self
            .exercise
            .goal
            .all
            .iter()
            .any(|c| matches!(c, Condition::VerifiedFirst(_)));
        let mut out = if unmet.is_empty() {
            format!("\n*** Goal met: {} ***\n", self.exercise.goal.description)
        } else {
            let mut s = format!(
                "\n*** Goal not met: {} ***\nStill missing:\n",
                self.exercise.goal.description
            );
            for u in &unmet {
                s.push_str(&format!("  - {u}\n"));
            }
            s
        };
        let n =
            |count: u32, what: &str| format!("{count} {what}{}", if count == 1 { "" } else { "s" });
        out.push_str(&format!(
            "Score: {}, {}, {} used",
            n(self.actions, "action"),
            n(self.mistakes, "mistake"),
            n(self.hints_used as u32, "hint")
        ));
        if verified {
            let first = if self.reset_before_verify {
                "no: a reset came before verification"
            } else {
                "yes"
            };
            out.push_str(&format!(", identity verified before any reset: {first}"));
        }
        out.push_str(".\n");
        out
    }

    async fn run(&mut self, command: &Command) -> Result<String> {
        let who = self.exercise.person.clone();
        let w = &self.world;
        Ok(match command {
            Command::Help => HELP.to_string(),
            Command::Quit => "Session ended.".to_string(),
            Command::Status => self.status().await,
            Command::Hint => self.hint(),
            Command::Look => self.page_text(&w.page(&who).await?),
            Command::Phone => self.phone_text().await?,
            Command::Open(address) => {
                let dest = Destination::parse(address).ok_or_else(|| anyhow!("the simulated browser does not know {address}; try office.com, aka.ms/mfasetup or mysignins.microsoft.com/security-info"))?;
                w.open(&who, dest).await?;
                String::new()
            }
            Command::Choose(n) => {
                let page = w.page(&who).await?;
                let (label, action) = page
                    .controls
                    .get(n.wrapping_sub(1))
                    .cloned()
                    .ok_or_else(|| anyhow!("there is no choice {n} on this page"))?;
                w.act(&who, action)
                    .await
                    .with_context(|| format!("\"{label}\""))?;
                String::new()
            }
            Command::Press(label) => {
                w.use_control(&who, label).await?;
                String::new()
            }
            Command::Type { field, text } => {
                let page = w.page(&who).await?;
                let target = match field {
                    Some(f) => page.input(f).ok_or_else(|| {
                        anyhow!(
                            "this page has no box \"{f}\" (it has {:?})",
                            page.fields.iter().map(|f| &f.0).collect::<Vec<_>>()
                        )
                    })?,
                    None => {
                        let empty = page
                            .inputs
                            .iter()
                            .zip(&page.fields)
                            .find(|(_, (_, v))| v.is_empty())
                            .map(|(f, _)| *f);
                        empty
                            .or(page.inputs.first().copied())
                            .ok_or_else(|| anyhow!("there is nothing to type into on this page"))?
                    }
                };
                w.act(&who, Action::Enter(target, text.clone())).await?;
                format!("You typed into {}.", target.label())
            }
            Command::Answer(keys) => {
                let said = w
                    .phone(&who)?
                    .answer(keys)
                    .await?
                    .ok_or_else(|| anyhow!("the phone is not ringing"))?;
                format!("The call says: \"{said}\" You press {keys}.")
            }
            Command::Install(app) => {
                let name = crate::actors::phone::STORE_APPS
                    .iter()
                    .find(|a| lower(a) == lower(app))
                    .ok_or_else(|| anyhow!("the app store has no \"{app}\""))?;
                w.phone(&who)?.install(name).await?;
                String::new()
            }
            Command::Accept => {
                w.authenticator(&who).await?.accept_terms().await?;
                String::new()
            }
            Command::Scan(app) => {
                let qr = w
                    .page(&who)
                    .await?
                    .qr
                    .ok_or_else(|| anyhow!("there is no QR code on the screen"))?;
                let result = if lower(app) == "microsoft authenticator" {
                    w.authenticator(&who)
                        .await?
                        .scan(&qr)
                        .await?
                        .map_err(|e| anyhow!("{e}"))
                } else {
                    let name = self.app_name(app).await?;
                    w.totp_app(&who, &name)
                        .await?
                        .scan(&qr)
                        .await?
                        .map_err(|e| anyhow!("{e}"))
                };
                format!(
                    "{app}: {}",
                    match result {
                        Ok(account) => format!("account added ({account})."),
                        Err(e) => format!("{e}."),
                    }
                )
            }
            Command::Approve(n) => self.answer_push(Answer::Approve(*n), "approve").await?,
            Command::Deny => self.answer_push(Answer::Deny, "deny").await?,
            Command::Report => self.answer_push(Answer::Report, "report").await?,
            Command::Code(app) => {
                let name = if lower(app) == "microsoft authenticator" {
                    app.clone()
                } else {
                    self.app_name(app).await?
                };
                w.app_code(&who, &name).await?;
                String::new()
            }
            Command::Mail(app) => {
                self.mail_app(app)?.sync().await?;
                String::new()
            }
            Command::MailPassword(app, pw) => {
                let upn = w.person(&who)?.upn.clone();
                self.mail_app(app)?.enter_password(&upn, pw).await?;
                String::new()
            }
            Command::Wait(secs) => {
                if self.real_phone {
                    bail!("with a real phone, time passes by itself");
                }
                w.sim()?.wait(*secs);
                format!("{secs} seconds pass.")
            }
            Command::ClockAuto => {
                w.phone(&who)?.set_clock_offset(0);
                "The phone's clock is set to automatic.".into()
            }
            Command::Close => {
                w.browser(&who)?.close().await?;
                "Browser closed.".into()
            }
            Command::Verify(user) => {
                let person = w.person(user)?.clone();
                let number = match &person.phone {
                    Some(p) => p.own_number().await?,
                    None => "the number on file".into(),
                };
                self.done
                    .push(("verify".into(), lower(person.first_name())));
                format!(
                    "You call {} back on the number in the directory ({number}); {} confirms the request.",
                    person.name,
                    person.first_name()
                )
            }
            Command::Admin(verb, user, extra) => {
                self.admin(verb, user.as_deref(), extra.as_deref()).await?
            }
        })
    }

    async fn answer_push(&mut self, answer: Answer, what: &str) -> Result<String> {
        let who = self.exercise.person.clone();
        let app = self.world.authenticator(&who).await?;
        let state = app
            .answer(answer)
            .await?
            .ok_or_else(|| anyhow!("Microsoft Authenticator has no request waiting"))?;
        self.done.push((what.into(), lower(&who)));
        Ok(format!("The service answers: {state:?}."))
    }

    async fn app_name(&self, app: &str) -> Result<String> {
        let apps = self.world.phone(&self.exercise.person)?.apps().await?;
        apps.into_iter()
            .find(|a| lower(a) == lower(app))
            .ok_or_else(|| anyhow!("\"{app}\" is not installed on the phone"))
    }

    fn mail_app(&self, app: &str) -> Result<crate::actors::MailClientHandle> {
        let person = self.world.person(&self.exercise.person)?;
        let name = person
            .mail_apps
            .keys()
            .find(|k| lower(k) == lower(app))
            .ok_or_else(|| {
                anyhow!(
                    "no mail app \"{app}\" (there is {:?})",
                    person.mail_apps.keys().collect::<Vec<_>>()
                )
            })?;
        Ok(person.mail_apps[name].clone())
    }

    async fn admin(
        &mut self,
        verb: &str,
        user: Option<&str>,
        extra: Option<&str>,
    ) -> Result<String> {
        let sim = self.world.sim()?;
        if verb == "log" {
            let rows = sim.admin.sign_in_log().await?;
            let last: Vec<String> = rows
                .iter()
                .rev()
                .take(8)
                .rev()
                .map(|r| r.to_string())
                .collect();
            return Ok(format!(
                "Sign-in log (latest {}):\n{}",
                last.len(),
                last.join("\n")
            ));
        }
        let user =
            user.ok_or_else(|| anyhow!("`admin {verb}` needs a user: `admin {verb} dana`"))?;
        let person = self.world.person(user)?.clone();
        let key = lower(person.first_name());
        let action = match verb {
            "enable" => AdminAction::SetMfa(MfaState::Enabled),
            "enforce" => AdminAction::SetMfa(MfaState::Enforced),
            "disable" => AdminAction::SetMfa(MfaState::Disabled),
            "reregister" | "require-reregister" => AdminAction::RequireReregistration,
            "revoke" => AdminAction::RevokeMfaSessions,
            "block-mfa" => AdminAction::BlockMfa(true),
            "unblock-mfa" => AdminAction::BlockMfa(false),
            "dismiss-risk" => AdminAction::DismissRisk,
            "block" => AdminAction::BlockSignIn(true),
            "unblock" => AdminAction::BlockSignIn(false),
            "tap" => AdminAction::TemporaryAccessPass {
                minutes: extra.and_then(|m| m.parse().ok()).unwrap_or(60),
                one_time: false,
            },
            "reset-password" => AdminAction::ResetPassword(
                extra
                    .ok_or_else(|| anyhow!("`admin reset-password {user} <new password>`"))?
                    .to_string(),
            ),
            "show" => {
                let s = sim.admin.describe(&person.upn).await??;
                return Ok(format!(
                    "{}: per-user MFA {}, {} methods, {} app passwords, risk {}, sign-in {}, MFA {}",
                    person.upn,
                    s.mfa,
                    s.methods,
                    s.app_passwords,
                    if s.high_risk {
                        "HIGH (reported suspicious activity)"
                    } else {
                        "none"
                    },
                    if s.sign_in_blocked {
                        "blocked"
                    } else {
                        "allowed"
                    },
                    if s.mfa_blocked {
                        "blocked"
                    } else {
                        "not blocked"
                    },
                ));
            }
            other => bail!("unknown admin action `{other}`; type `help`"),
        };
        let resets = [
            "reregister",
            "require-reregister",
            "tap",
            "reset-password",
            "revoke",
        ];
        if resets.contains(&verb) {
            let verified = self.done.iter().any(|(a, u)| a == "verify" && *u == key);
            if !verified {
                self.reset_before_verify = true;
            }
            let name = if verb == "require-reregister" {
                "reregister"
            } else {
                verb
            };
            self.done.push((name.into(), key.clone()));
        }
        // The console's answer is in the transcript, shown with the other outputs.
        sim.admin.act(&person.upn, action).await??;
        let warning = if self.reset_before_verify
            && resets.contains(&verb)
            && !self.done.iter().any(|(a, u)| a == "verify" && *u == key)
        {
            "\n(Careful: you changed this account before verifying the caller's identity.)"
        } else {
            ""
        };
        Ok(warning.trim_start().to_string())
    }

    fn hint(&mut self) -> String {
        let hints = &self.exercise.hints;
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

    /// The outputs since the last command, then the numbered controls if the page changed.
    async fn new_outputs(&mut self) -> String {
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
                if v.error.is_some() && v.pressed.is_none() {
                    self.mistakes += 1;
                }
                if v.pressed.is_some() {
                    continue;
                }
            }
            if matches!(e.output, Output::Click { .. }) {
                continue;
            }
            out.push('\n');
            out.push_str(&e.render_text());
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

    fn choices(&self, page: &ScreenView) -> String {
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

    fn page_text(&self, page: &ScreenView) -> String {
        crate::screens::text::render(page) + &self.choices(page)
    }

    async fn phone_text(&self) -> Result<String> {
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
        if let Some(t) = phone.latest_text().await? {
            lines.push(format!("latest text from {}: \"{}\"", t.from, t.body));
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

    async fn status(&self) -> String {
        let unmet = self.unmet().await;
        let total = self.exercise.goal.all.len();
        let mut s = format!(
            "Goal: {} ({} of {total} done)",
            self.exercise.goal.description,
            total - unmet.len()
        );
        for u in unmet {
            s.push_str(&format!("\n  still to do: {u}"));
        }
        s
    }

    /// Conditions of the goal that do not hold yet, described.
    pub async fn unmet(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.exercise.goal.all {
            match self.holds(c).await {
                Ok(None) => {}
                Ok(Some(why)) => out.push(why),
                Err(e) => out.push(format!("{c:?} could not be checked: {e}")),
            }
        }
        out
    }

    /// None if the condition holds, else what is missing.
    async fn holds(&self, c: &Condition) -> Result<Option<String>> {
        let w = &self.world;
        let sim = w.sim()?;
        let did = |a: &str, u: &str| self.done.iter().any(|(x, y)| x == a && *y == lower(u));
        Ok(match c {
            Condition::MfaState { user, is } => {
                let upn = w.person(user)?.upn.clone();
                let now = sim.admin.describe(&upn).await??.mfa;
                (now != *is).then(|| format!("{user}'s per-user MFA should be {is} (it is {now})"))
            }
            Condition::HasMethod { user, kind } => {
                let upn = w.person(user)?.upn.clone();
                let t = sim.tenant.lock();
                let info = &t.user(t.id_of(&upn)?).info;
                let has = match kind.as_str() {
                    "text" => info.phone(PhoneSlot::Mobile).is_some(),
                    "call" => !info
                        .options()
                        .iter()
                        .all(|o| !matches!(o, crate::tenant::VerifyOption::Call(_))),
                    "authenticator" => !info.push_devices().is_empty(),
                    "app" => info
                        .entries()
                        .iter()
                        .any(|e| matches!(e.method, Method::SoftwareToken { .. })),
                    "office" => info.phone(PhoneSlot::Office).is_some(),
                    "alternate" => info.phone(PhoneSlot::Alternate).is_some(),
                    other => bail!("unknown method kind {other}"),
                };
                (!has).then(|| format!("{user} should have {kind} registered"))
            }
            Condition::SignedIn(user) => {
                let signed = w.browser(user)?.signed_in().await?.is_some();
                (!signed).then(|| format!("{user} should be signed in in the browser"))
            }
            Condition::MailConnected { user, app } => {
                let person = w.person(user)?;
                let status = person
                    .mail_apps
                    .get(app)
                    .context("no such mail app")?
                    .status()
                    .await?;
                (!status.starts_with("Connected"))
                    .then(|| format!("{user}'s {app} should be connected (it shows \"{status}\")"))
            }
            Condition::Did { action, user } => {
                (!did(action, user)).then(|| format!("{action} for {user}"))
            }
            Condition::VerifiedFirst(user) => {
                if !did("verify", user) {
                    Some(format!(
                        "verify {user}'s identity (call back on the directory number) before changing the account"
                    ))
                } else if self.reset_before_verify {
                    Some(format!(
                        "{user}'s account was changed before the caller was verified"
                    ))
                } else {
                    None
                }
            }
            Condition::AtRisk(user) => {
                let upn = w.person(user)?.upn.clone();
                let risk = sim.admin.describe(&upn).await??.high_risk;
                (!risk).then(|| format!("{user} should have reported the request as suspicious"))
            }
        })
    }

    /// Apply a setup step (what happened before the trainee arrived).
    async fn apply(&mut self, step: &Setup) -> Result<()> {
        let w = &self.world;
        match step {
            Setup::EnableMfa(user) => {
                let upn = w.person(user)?.upn.clone();
                w.sim()?
                    .admin
                    .act(&upn, AdminAction::SetMfa(MfaState::Enabled))
                    .await??;
            }
            Setup::Register { user, method } => {
                let upn = w.person(user)?.upn.clone();
                w.sim()?
                    .admin
                    .act(&upn, AdminAction::SetMfa(MfaState::Enabled))
                    .await??;
                let page = journeys::sign_in(w, user, Destination::MfaSetup).await?;
                if page.title == "More information required" {
                    match method.as_str() {
                        "text" => journeys::set_up_text_messages(w, user).await?,
                        "authenticator" => journeys::set_up_authenticator(w, user).await?,
                        app => journeys::set_up_other_app(w, user, app).await?,
                    };
                } else if method == "authenticator" {
                    w.browser(user)?.close().await?;
                    journeys::add_authenticator_in_security_info(w, user).await?;
                }
                w.browser(user)?.close().await?;
            }
            Setup::Signal { user, on } => w.phone(user)?.set_signal(*on).await?,
            Setup::Clock { user, offset } => w.phone(user)?.set_clock_offset(*offset),
            Setup::NewPhone(user) => self.world.replace_phone(user).await?,
            Setup::AttackerSignIn(user) => {
                let sim = w.sim()?;
                let person = w.person(user)?.clone();
                let attacker = BrowserHandle::spawn(
                    "Unknown device",
                    sim.tenant.clone(),
                    sim.clock.clone(),
                    sim.transcript.clone(),
                );
                attacker.open(Destination::Office).await?;
                for action in [
                    Action::Enter(crate::screens::Field::Email, person.upn.clone()),
                    Action::Press(crate::screens::Button::Next),
                    Action::Enter(crate::screens::Field::Password, person.password.clone()),
                    Action::Press(crate::screens::Button::SignIn),
                ] {
                    attacker.act(action).await??;
                }
                let page = attacker.page().await?;
                if let Some(push) = page.control("Approve a request") {
                    attacker.act(push).await??;
                }
            }
            Setup::MailCheck { user, app } => {
                w.person(user)?
                    .mail_apps
                    .get(app)
                    .context("no such mail app")?
                    .sync()
                    .await?;
            }
        }
        Ok(())
    }
}
