//! A training session as a state machine: it owns one simulation, takes one command at a
//! time and answers with what the trainee now sees. It never touches the terminal; the
//! `terminal` module does, so sessions can be scripted and tested.
//!
//! Bounds: every reply is passed through [`clean`] (no terminal control from input or files);
//! simulated time only moves forward, by `wait` ([`super::command::WAIT_SECS`]: 1 second to
//! 1 day) or by the few seconds an action takes, and never more than [`MAX_SESSION_SECS`]
//! past the start of the session. `wait` stops a minute short of that limit
//! ([`ACTION_ALLOWANCE_SECS`], room for a few more actions), and once less than
//! [`LONGEST_ACTION_SECS`] is left, commands that act are refused (looking, hints, status
//! and `quit` still work). The real-phone mode runs on the wall clock, which these bounds do
//! not apply to.

use super::clean::clean;
use super::command::{Command, HELP, WAIT_SECS, parse};
use super::exercise::{Exercise, Role};
use crate::clock::Instant;
use crate::flows::Destination;
use crate::harness::GuideWorld;
use crate::screens::Action;
use crate::tenant::Answer;
use crate::words::quoted_list;
use anyhow::{Context, Result, anyhow, bail};

/// How far simulated time may move on in one session: 30 days.
pub const MAX_SESSION_SECS: i64 = 30 * 86_400;

/// Time kept back from `wait` for actions (each moves the clock by a few seconds).
pub(crate) const ACTION_ALLOWANCE_SECS: i64 = 60;

/// More than any one command other than `wait` moves the clock (the longest is answering a
/// call, `actors::pace::ANSWER_CALL`); acting is refused when less than this is left.
pub(crate) const LONGEST_ACTION_SECS: i64 = 10;

// Checked when compiling: no action takes longer than the time kept for it.
const _: () = {
    use crate::actors::pace;
    assert!(pace::TYPE < LONGEST_ACTION_SECS && pace::CLICK < LONGEST_ACTION_SECS);
    assert!(pace::ANSWER_CALL < LONGEST_ACTION_SECS);
    assert!(pace::ANSWER_REQUEST < LONGEST_ACTION_SECS);
    assert!(LONGEST_ACTION_SECS < ACTION_ALLOWANCE_SECS);
};

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
    pub(super) world: GuideWorld,
    pub(super) exercise: Exercise,
    pub(super) mark: usize,
    pub(super) done: Vec<(String, String)>,
    pub(super) reset_before_verify: bool,
    pub(super) actions: u32,
    /// Mistakes, in order (typos are not mistakes; see `debrief.rs`).
    pub(super) mistakes: Vec<super::debrief::Mistake>,
    /// Where the trainee is along the solution, and the last command (for mistakes).
    pub(super) trail: super::debrief::Trail,
    pub(super) hints_used: usize,
    pub(super) real_phone: bool,
    /// The real-phone mode as asked for (kept for `restart`).
    phone_mode: Option<RealPhone>,
    pub(super) goal_met: bool,
    /// People (lower-case first names) who approved a request their own browser was not
    /// waiting for.
    pub(super) approved_unstarted: Vec<String>,
    /// Why the attempt failed at once: a `never:` condition was broken.
    pub(super) failed: Option<String>,
    /// Simulated time when the trainee started (after the setup).
    pub(super) started: Instant,
    /// The caller is an impostor this run (`caller.is`, or the run's seed).
    pub(super) impostor: bool,
    /// How the desk exposed the impostor, if it did.
    pub(super) exposed: Option<String>,
    /// The trainee refused the caller's request (`refuse`).
    pub(super) refused: bool,
    /// ... and the caller was the real person.
    pub(super) turned_away: bool,
    /// The project, to start again from (`restart`).
    project: crate::project::Project,
    /// How many times the trainee started again.
    pub(super) restarts: u32,
    /// Why the goal can no longer be met, once the trainer has said so.
    pub(super) dead: Option<String>,
    /// What `copy` took from the page, for `type paste`.
    clipboard: Option<String>,
}

/// The real-phone mode (`mfa-sim train ID --real-phone [--date YYYY-MM-DD]`): the service runs
/// on the machine's clock so a real authenticator app on the trainee's phone can take part.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RealPhone {
    /// The date the trainee chose (`YYYY-MM-DD`); none: today.
    pub date: Option<String>,
}

/// Names as typed, compared without case or surrounding spaces.
pub fn lower(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Session {
    /// Set up the exercise's tenant and what happened before; returns the session and the
    /// briefing.
    pub async fn start(
        exercise: Exercise,
        project: &crate::project::Project,
        phone_mode: Option<RealPhone>,
    ) -> Result<(Session, String)> {
        let real_clock = match phone_mode.as_ref().map(|p| p.date.as_deref()) {
            Some(Some(chosen)) => Some(
                crate::clock::Clock::wall_on(chosen).map_err(|e| anyhow::anyhow!("--date: {e}"))?,
            ),
            Some(None) => Some(crate::clock::Clock::wall()),
            None => None,
        };
        let mut world = GuideWorld::for_tenants(project.scenarios());
        world
            .load_for_training(&exercise.tenant, exercise.date.as_deref(), real_clock)
            .await?;
        let mut exercise = exercise;
        if exercise.free_play && exercise.person.trim().is_empty() {
            // Free play about nobody in particular: the tenant's first person.
            let first = world
                .sim()?
                .people()
                .first()
                .map(|p| p.first_name().to_string());
            exercise.person = first
                .ok_or_else(|| anyhow!("the tenant `{}` has no people to play", exercise.tenant))?;
        }
        let real_phone = phone_mode.is_some();
        let mut session = Session {
            world,
            exercise,
            mark: 0,
            done: Vec::new(),
            reset_before_verify: false,
            actions: 0,
            mistakes: Vec::new(),
            trail: Default::default(),
            hints_used: 0,
            real_phone,
            phone_mode: phone_mode.clone(),
            goal_met: false,
            approved_unstarted: Vec::new(),
            failed: None,
            started: 0,
            impostor: false,
            exposed: None,
            refused: false,
            turned_away: false,
            project: project.clone(),
            restarts: 0,
            dead: None,
            clipboard: None,
        };
        session.impostor = super::caller::impostor_this_run(
            &session.exercise.caller,
            &session.world.sim()?.seed,
            &session.exercise.id,
        );
        for (n, step) in session.exercise.setup.clone().iter().enumerate() {
            session
                .apply(step)
                .await
                .with_context(|| format!("exercise setup, step {}", n + 1))?;
        }
        if let Some(why) = session.broken().await? {
            bail!(
                "the exercise's setup already breaks what must never happen, so it can never be met: {why}"
            );
        }
        session.mark = session.world.sim()?.transcript.len();
        session.started = session.world.sim()?.clock.now();
        if session.exercise.free_play {
            // The date it really runs on (the real clock's, with a real phone).
            let day = crate::clock::format_date(session.started);
            session.exercise.title = format!(
                "Free play: {} on {day}",
                crate::project::tenant_label(&session.exercise.tenant)
            );
        }
        if let Some(why) = session.dead_end().await? {
            bail!("the exercise's setup already leaves the goal out of reach: {why}");
        }
        let ex = &session.exercise;
        let person = session.world.person(&ex.person)?.clone();
        let role = match ex.role {
            Role::User => format!(
                "You are {} ({}, password {}).",
                person.name, person.upn, person.password
            ),
            Role::Technician if !ex.checks_caller() => format!(
                "You are the help-desk technician. The ticket is about {} ({}).",
                person.name, person.upn
            ),
            Role::Technician => format!(
                "You are the help-desk technician. The caller says they are {} ({}).",
                person.name, person.upn
            ),
        };
        let date = crate::clock::format_instant(session.world.sim()?.clock.now());
        let own_date = ex.date.as_deref().unwrap_or("the tenant's date");
        let clock = match &phone_mode {
            Some(RealPhone { date: None }) => format!(
                "Time: {date}, the real clock. A real authenticator app computes its codes from the real time, so in real-phone mode the service runs on today's date: you see today's pages and rules, not those of the exercise's own date ({own_date}). `--date YYYY-MM-DD` chooses another date; without --real-phone the exercise runs on its own date."
            ),
            Some(RealPhone { date: Some(chosen) }) => format!(
                "Time: {date}: the date you chose ({chosen}) at this machine's time of day, running in real time. You see the pages and rules of that date, not those of the exercise's own date ({own_date}). A real authenticator app computes its codes from the real time, so the simulated service checks app codes against this machine's real clock (the simulator's choice; the real service has one clock); texts, calls and everything else follow the chosen date."
            ),
            None => format!("Simulated time: {date}."),
        };
        let mut text = format!(
            "== {} ==\n{role}\n{clock}\n\n{}\n\nGoal: {}\n",
            ex.title,
            ex.briefing.trim(),
            ex.goal.description
        );
        if let Some(minutes) = ex.time_limit {
            text.push_str(&format!("Time limit: {minutes} simulated minutes.\n"));
        }
        if !ex.goal.never.is_empty() {
            text.push_str("Never:\n");
            for n in &ex.goal.never {
                text.push_str(&format!("  - {n}\n"));
            }
        }
        if !ex.people.0.is_empty() {
            text.push_str("\nWho's who (`who <name>` shows one again):\n");
            for (name, story) in &ex.people.0 {
                text.push_str(&format!("  {name}: {}\n", story.trim()));
            }
        }
        text.push_str("Type `help` for the commands, `hint` if you are stuck.\n");
        if ex.role == Role::User {
            text.push_str(&session.phone_text().await?);
        }
        Ok((session, clean(&text)))
    }

    /// Handle one line of input. Never panics and never moves simulated time backwards;
    /// control characters in `line` are dropped first.
    pub async fn handle(&mut self, line: &str) -> Reply {
        let line = clean(line);
        let command = match parse(&line) {
            Ok(c) => c,
            // A typo or an unknown command is answered with help, never counted as a mistake.
            Err(e) => {
                return Reply {
                    text: clean(&e.0),
                    finished: false,
                };
            }
        };
        // The phone's switches act only in free play; elsewhere they are refused, not counted.
        let switch = matches!(command, Command::Signal(_) | Command::Internet(_));
        let acting = !matches!(
            command,
            Command::Help
                | Command::Hint
                | Command::Look
                | Command::Phone
                | Command::Status
                | Command::Who(_)
                | Command::Quit
                | Command::Restart
                | Command::Directory(_)
                | Command::Ask(..)
                | Command::Copy(_)
        ) && (!switch || self.exercise.free_play);
        if acting {
            self.actions += 1;
        }
        self.trail.typed(&self.exercise.solution, &line);
        let outcome = match self.time_for(&command, acting) {
            Ok(()) => self.run(&command).await,
            Err(e) => Err(e),
        };
        let mut text = clean(&match outcome {
            Ok(t) => t,
            // Refused by the trainer (nothing there by that name, nothing waiting): help,
            // not a mistake; what the service refuses is noted in `new_outputs`.
            Err(e) => {
                format!("Not possible: {e:#}")
            }
        });
        if command == Command::Restart {
            return self.restart().await;
        }
        if command == Command::Quit {
            text.push_str(&self.result().await);
            return Reply {
                text,
                finished: true,
            };
        }
        if acting {
            let after = self.after_acting().await;
            text.push_str(&after.text);
            return Reply {
                text,
                finished: after.finished,
            };
        }
        Reply {
            text,
            finished: false,
        }
    }

    /// What follows a command that acted, or a change from outside the commands (a real mail
    /// client's sign-in, see `outside.rs`): the new outputs, then what must never happen, the
    /// time limit, the goal and a dead end, checked in that order.
    pub(super) async fn after_acting(&mut self) -> Reply {
        let mut text = self.new_outputs().await;
        let broken = match self.broken().await {
            Ok(b) => b,
            Err(e) => Some(format!(
                "what must never happen could not be checked: {e:#}"
            )),
        };
        if let Some(why) = broken {
            let kind = if self.turned_away {
                super::debrief::MistakeKind::TurnedAway { why: why.clone() }
            } else {
                super::debrief::MistakeKind::Broken { why: why.clone() }
            };
            self.note_mistake(kind);
            self.failed = Some(why);
            text.push_str(&self.result().await);
            return Reply {
                text,
                finished: true,
            };
        }
        if let Some(up) = self.time_up() {
            text.push_str(&up);
            text.push_str(&self.result().await);
            return Reply {
                text,
                finished: true,
            };
        }
        if !self.exercise.free_play && !self.goal_met && self.unmet().await.is_empty() {
            self.goal_met = true;
            text.push_str(&self.result().await);
            return Reply {
                text,
                finished: true,
            };
        }
        if self.dead.is_none()
            && let Ok(Some(why)) = self.dead_end().await
        {
            text.push_str(&if self.exercise.free_play {
                format!(
                    "\n*** Free play cannot go on: {why}. Type `restart` for a fresh start, or `quit`. ***"
                )
            } else {
                format!(
                    "\n*** The goal can no longer be met: {why}. Type `restart` to start the exercise again, or `quit`. ***"
                )
            });
            self.dead = Some(why);
        }

        Reply {
            text,
            finished: false,
        }
    }

    /// The simulated time now.
    pub fn now(&self) -> Result<Instant> {
        Ok(self.world.sim()?.clock.now())
    }

    /// Simulated seconds this session may still move on (the session limit less what has
    /// passed since the start).
    pub fn time_left(&self) -> Result<i64> {
        let now = self.world.sim()?.clock.now();
        Ok(MAX_SESSION_SECS.saturating_sub(now.saturating_sub(self.started)))
    }

    /// Whether `command` fits in the session's simulated time.
    fn time_for(&self, command: &Command, acting: bool) -> Result<()> {
        if self.real_phone || !acting {
            return Ok(());
        }
        let left = self.time_left()?;
        let days = MAX_SESSION_SECS / 86_400;
        match command {
            Command::Wait(secs) if *secs > left.saturating_sub(ACTION_ALLOWANCE_SECS) => bail!(
                "a session lasts at most {days} days of simulated time and this one has {} seconds left to wait",
                left.saturating_sub(ACTION_ALLOWANCE_SECS).max(0)
            ),
            _ if left < LONGEST_ACTION_SECS => bail!(
                "this session has used its {days} days of simulated time; type `status`, `hint` or `quit`"
            ),
            _ => Ok(()),
        }
    }

    /// True once the goal was met.
    pub(crate) fn goal_met(&self) -> bool {
        self.goal_met
    }

    /// Start the exercise again, from its setup: a fresh simulation, the same caller (the
    /// same seed), the counts kept so the score shows the first attempt too.
    async fn restart(&mut self) -> Reply {
        match Session::start(
            self.exercise.clone(),
            &self.project,
            self.phone_mode.clone(),
        )
        .await
        {
            Ok((mut fresh, briefing)) => {
                fresh.restarts = self.restarts + 1;
                fresh.mistakes = std::mem::take(&mut self.mistakes);
                fresh.hints_used = self.hints_used;
                *self = fresh;
                Reply {
                    text: clean(&format!("Starting again.\n\n{briefing}")),
                    finished: false,
                }
            }
            Err(e) => Reply {
                text: clean(&format!("Could not start again: {e:#}")),
                finished: false,
            },
        }
    }

    /// Commands only the help desk has, refused to a trainee playing the user; the phone
    /// refused to the technician, who is not holding it.
    fn allowed(&self, command: &Command) -> Result<Option<String>> {
        let first = self
            .world
            .person(&self.exercise.person)
            .map_or(self.exercise.person.clone(), |p| p.first_name().to_string());
        let desk = matches!(
            command,
            Command::Admin(..)
                | Command::Verify(..)
                | Command::Ask(..)
                | Command::Directory(_)
                | Command::Refuse(_)
        );
        match self.exercise.role {
            Role::User if desk => {
                let why = match command {
                    Command::Admin(verb, ..) if verb == "disable" || verb == "enable" => format!(
                        " Asking the desk to turn MFA off is no fix either: anyone with your password would get in with nothing else.{}",
                        super::safety::cite(6)
                    ),
                    _ => String::new(),
                };
                bail!(
                    "you are {first}, not the help desk: you have no admin console and no caller to check. Fix it from your own browser and phone.{why}"
                )
            }
            Role::Technician
                if matches!(
                    command,
                    Command::Phone | Command::Signal(_) | Command::Internet(_)
                ) =>
            {
                Ok(Some(format!(
                    "From the help desk you cannot see {first}'s phone. Ask what it shows: `ask {} phone`.",
                    lower(&first)
                )))
            }
            _ => Ok(None),
        }
    }

    async fn run(&mut self, command: &Command) -> Result<String> {
        if let Some(said) = self.allowed(command)? {
            return Ok(said);
        }
        let who = self.exercise.person.clone();
        let w = &self.world;
        Ok(match command {
            Command::Restart => String::new(),
            Command::Copy(what) => {
                let page = w.page(&who).await?;
                let mut found: Vec<(&str, String)> = Vec::new();
                if let Some(p) = &page.app_password {
                    found.push(("app password", p.clone()));
                }
                if let Some(s) = &page.secret {
                    found.push(("secret key", s.clone()));
                }
                if let Some(a) = &page.activation {
                    found.push(("code", a.code.clone()));
                    found.push(("url", a.url.clone()));
                }
                let pick = match what.as_deref().map(lower) {
                    None => found.first(),
                    Some(w) => found.iter().find(|(name, _)| name.contains(w.as_str())),
                };
                let (name, value) = pick.cloned().ok_or_else(|| {
                    if found.is_empty() {
                        anyhow!("there is nothing on this page to copy")
                    } else {
                        anyhow!(
                            "this page shows {}; `copy <which>`",
                            quoted_list(found.iter().map(|(n, _)| *n))
                        )
                    }
                })?;
                self.clipboard = Some(value.clone());
                format!("Copied the {name}: {value}. `type paste` types it.")
            }
            Command::Verify(user, how) => self.verify(user, how.as_deref()).await?,
            Command::Ask(user, fact) => self.ask(user, fact.as_deref()).await?,
            Command::Directory(user) => self.directory(user).await?,
            Command::Refuse(user) => self.refuse(user)?,
            Command::Help => HELP.to_string(),
            Command::Quit => "Session ended.".to_string(),
            Command::Status => self.status().await,
            Command::Hint => self.hint(),
            Command::Who(name) => self.who(name.as_deref()),
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
                let text = &match (text.trim(), &self.clipboard) {
                    ("paste", Some(copied)) => copied.clone(),
                    ("paste", None) => bail!("nothing has been copied yet (`copy`)"),
                    _ => text.clone(),
                };
                let page = w.page(&who).await?;
                let target = match field {
                    Some(f) => page.input(f).ok_or_else(|| {
                        anyhow!(
                            "this page has no box \"{f}\" (it has {})",
                            quoted_list(page.fields.iter().map(|f| &f.0))
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
            Command::Unlock => {
                use crate::actors::authenticator::ScreenLockConfirmed;
                let confirmed = w
                    .authenticator(&who)
                    .await?
                    .confirm_screen_lock()
                    .await?
                    .ok_or_else(|| anyhow!("nothing on the phone asks for the screen lock"))?
                    .map_err(|e| anyhow!("{e}"))?;
                self.done.push(("unlock".into(), lower(&who)));
                match confirmed {
                    ScreenLockConfirmed::PasskeyCreated(account) => {
                        format!("Microsoft Authenticator: passkey saved for {account}.")
                    }
                    ScreenLockConfirmed::SignIn(state) => {
                        format!("The service answers: {state}.")
                    }
                }
            }
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
            Command::Remove(app) => {
                if lower(app) == "microsoft authenticator" {
                    bail!(
                        "`remove` deletes an entry from a third-party app (Google Authenticator, Authy)"
                    );
                }
                let name = self.app_name(app).await?;
                let upn = w.person(&who)?.upn.clone();
                match w.totp_app(&who, &name).await?.remove_oldest(&upn).await? {
                    Some(_) => String::new(),
                    None => format!("{name} has no entry for {upn}."),
                }
            }
            Command::Mail(app) => {
                self.mail_app(app)?.sync().await?;
                String::new()
            }
            Command::MailPassword(app, pw) => {
                let pw = &match (pw.as_str(), &self.clipboard) {
                    ("paste", Some(copied)) => copied.clone(),
                    _ => pw.clone(),
                };
                let upn = w.person(&who)?.upn.clone();
                self.mail_app(app)?.enter_password(&upn, pw).await?;
                String::new()
            }
            Command::MailAccount(app, setup) => {
                self.mail_app(app)?
                    .add_account(*setup)
                    .await?
                    .map_err(|e| anyhow!("{e}"))?;
                String::new()
            }
            Command::MailSignIn(app) => {
                self.mail_app(app)?;
                w.open(&who, Destination::Outlook).await?;
                String::new()
            }
            Command::MailFinish(app) => {
                let browser = w.browser(&who)?;
                self.mail_app(app)?.complete_sign_in(&browser).await?;
                String::new()
            }
            Command::Wait(secs) => {
                if self.real_phone {
                    bail!("with a real phone, time passes by itself");
                }
                if !WAIT_SECS.contains(secs) {
                    bail!(
                        "`wait` takes {} to {} seconds",
                        WAIT_SECS.start(),
                        WAIT_SECS.end()
                    );
                }
                w.sim()?.wait(*secs);
                format!("{secs} seconds pass.")
            }
            Command::ClockAuto => {
                w.phone(&who)?.set_clock_offset(0);
                "The phone's clock is set to automatic.".into()
            }
            Command::Signal(on) | Command::Internet(on) => {
                if !self.exercise.free_play {
                    bail!(
                        "in an exercise the phone's signal and internet are part of the ticket and stay as they are; free play (`mfa-sim train --free TENANT`) lets you switch them"
                    );
                }
                let phone = w.phone(&who)?;
                if matches!(command, Command::Signal(_)) {
                    phone.set_signal(*on).await?;
                    if *on {
                        "The phone has signal again."
                    } else {
                        "The phone has no signal now."
                    }
                    .into()
                } else {
                    phone.set_online(*on);
                    if *on {
                        "The phone is online again."
                    } else {
                        "The phone is offline now."
                    }
                    .into()
                }
            }
            Command::Close => {
                w.browser(&who)?.close().await?;
                "Browser closed.".into()
            }
            Command::Admin(verb, user, extra) => {
                self.admin(verb, user.as_deref(), extra.as_deref()).await?
            }
        })
    }

    /// `who NAME`: that person's story from the exercise; `who` alone: everyone's names.
    /// Looking someone up is never a mistake, so an unknown name is answered, not refused.
    fn who(&self, name: Option<&str>) -> String {
        let people = &self.exercise.people;
        let names = || quoted_list(people.0.iter().map(|(n, _)| n));
        if people.0.is_empty() {
            return "This exercise tells no one's story.".into();
        }
        match name.map(|n| (n, people.story(n))) {
            None => format!("People in this exercise: {} (`who <name>`).", names()),
            Some((_, Some((n, story)))) => format!("{n}: {}", story.trim()),
            Some((n, None)) => format!(
                "This exercise tells no story of \"{n}\" (it has {}).",
                names()
            ),
        }
    }

    async fn answer_push(&mut self, answer: Answer, what: &str) -> Result<String> {
        let who = self.exercise.person.clone();
        let app = self.world.authenticator(&who).await?;
        let started = self.started_a_request(&who).await;
        let state = app
            .answer(answer)
            .await?
            .ok_or_else(|| anyhow!("Microsoft Authenticator has no request waiting"))?;
        self.done.push((what.into(), lower(&who)));
        if matches!(answer, Answer::Approve(_)) && !started {
            self.approved_unstarted.push(lower(&who));
        }
        Ok(format!("The service answers: {state}."))
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
                    "no mail app \"{app}\" (there is {})",
                    quoted_list(person.mail_apps.keys())
                )
            })?;
        Ok(person.mail_apps[name].clone())
    }
}
