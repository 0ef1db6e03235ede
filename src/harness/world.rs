//! The cucumber World: one scenario's simulation, plus the bookkeeping that files each step's
//! outputs under its key.
//!
//! Every step definition begins with [`GuideWorld::at`]: it closes the previous step's
//! outputs and opens this one's. A step that forgets is reported by the run as a failure, so
//! no output is ever attributed to the wrong step.

use super::capture::{RunContext, ScenarioInfo, StepKey};
use crate::Simulation;
use crate::actors::{
    AuthenticatorHandle, BrowserHandle, MailClientHandle, PhoneHandle, TotpAppHandle,
};
use crate::clock::format_instant;
use crate::flows::Destination;
use crate::scenario::Scenario;
use crate::screens::{Action, Button, ScreenView};
use crate::simulation::Person;
use crate::words::quoted_list;
use anyhow::{Result, anyhow, bail};
use cucumber::gherkin::Step;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The tenant the guide's scenarios run on (`scenarios/contoso.yaml`); replays swap it.
pub(crate) const GUIDE_TENANT: &str = "contoso";

/// Whether the tenant step among `steps` (a scenario's background steps, then its own) pins
/// the scenario to its own date or to a tenant other than the guide's, read from the text
/// alone, the same decision [`GuideWorld::load`] makes when it runs. A scenario whose tenant
/// comes from an outline's example (`"<tenant>"`) cannot be read before it runs and counts as
/// not pinned, so it is always replayed.
pub fn pins_itself<'s>(steps: impl IntoIterator<Item = &'s Step>) -> bool {
    steps.into_iter().any(|step| {
        let Some(rest) = step.value.strip_prefix("the tenant from \"") else {
            return false;
        };
        let Some((name, after)) = rest.split_once('"') else {
            return false;
        };
        !name.contains('<') && (after.starts_with(" on ") || name != GUIDE_TENANT)
    })
}

/// One scenario's world.
#[derive(Debug, Default, cucumber::World)]
pub struct GuideWorld {
    /// The run this World belongs to: tenant folder, replay, output sink.
    context: Arc<RunContext>,
    sim: Option<Simulation>,
    feature: String,
    scenario_line: usize,
    open: Option<(usize, usize)>,
    /// Values a later step refers back to ("the App Password", "the pass").
    pub remembered: BTreeMap<String, String>,
    /// Whose browser was used last: "the page" in a step means this person's.
    last_person: std::sync::Mutex<Option<String>>,
    /// Replaying on another tenant or date: page mismatches are noted, not failed.
    soft: bool,
    /// Where the transcript stood when the step before the current one began (for "no new
    /// text arrives").
    previous_mark: Option<usize>,
    /// Browsers people switched to ("switches to a browser on another computer"), used
    /// instead of their own from then on.
    switched: BTreeMap<String, BrowserHandle>,
    /// Someone else's browser, signing in with a person's password ("someone else signs in
    /// as Dana"): its own cookies and its own address.
    intruder: Option<BrowserHandle>,
    /// Phones people replaced ("gets a new phone"), by sign-in name, with what became of
    /// them.
    old_phones: BTreeMap<String, (PhoneHandle, OldPhone)>,
}

/// What a person does with the old phone when a new one arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OldPhone {
    /// Kept: its apps and their accounts stay; the number (and so texts and calls) moves.
    Kept,
    /// Wiped (reset to factory settings): no apps, no accounts.
    Wiped,
    /// Lost or stolen: whatever is on it is out of the person's hands; no step can use it.
    Lost,
}

impl GuideWorld {
    /// A World outside a cucumber run (the trainer), reading tenants from `scenarios`.
    pub fn for_tenants(scenarios: PathBuf) -> Self {
        GuideWorld {
            context: Arc::new(RunContext::new(scenarios, None)),
            ..GuideWorld::default()
        }
    }

    /// Called by the before hook: join the run and name the scenario.
    pub(crate) fn begin(
        &mut self,
        context: Arc<RunContext>,
        feature: String,
        scenario_line: usize,
    ) {
        self.context = context;
        self.feature = feature;
        self.scenario_line = scenario_line;
    }

    /// Start a step: file the previous step's outputs, open this one's.
    pub fn at(&mut self, step: &Step) {
        self.previous_mark = self.open.map(|(_, mark)| mark);
        self.close();
        let mark = self.sim.as_ref().map_or(0, |s| s.transcript.len());
        self.open = Some((step.position.line, mark));
        let key: StepKey = (self.feature.clone(), self.scenario_line, step.position.line);
        self.context.sink().outputs.entry(key).or_default();
    }

    /// File the open step's outputs (also called by the after hook).
    pub fn close(&mut self) {
        let Some((line, mark)) = self.open.take() else {
            return;
        };
        let events = self
            .sim
            .as_ref()
            .map(|s| s.transcript.since(mark))
            .unwrap_or_default();
        let key: StepKey = (self.feature.clone(), self.scenario_line, line);
        self.context.sink().outputs.insert(key, events);
    }

    /// What the transcript recorded since the step before the current one began (everything,
    /// in a scenario's first step).
    pub(crate) fn since_previous_step(&self) -> Vec<crate::transcript::Event> {
        self.sim
            .as_ref()
            .map(|s| s.transcript.since(self.previous_mark.unwrap_or(0)))
            .unwrap_or_default()
    }

    /// Load a scenario file from `scenarios/` (by name without `.yaml`), optionally on
    /// another date, and start its simulation.
    /// A run with a [`super::Replay`] plays scenarios that do not pin a date on the replay's
    /// tenant and date instead.
    pub async fn load(&mut self, name: &str, date: Option<&str>) -> Result<()> {
        // Only the guide's own tenant on its own date is replayed; a scenario that names a date
        // or another tenant is about that date or tenant and stays as written.
        let pinned = date.is_some() || name != GUIDE_TENANT;
        let replay = if pinned {
            None
        } else {
            self.context.replay.clone()
        };
        self.soft = replay.is_some();
        let (name, date) = match &replay {
            Some(r) => (r.scenario.as_str(), r.date.as_deref()),
            None => (name, date),
        };
        let path = crate::project::resolve_tenant(&self.context.scenarios, name);
        if !path.is_file() {
            bail!(
                "no tenant called \"{name}\"; known: {}",
                quoted_list(crate::project::known_tenants(&self.context.scenarios))
            );
        }
        let scenario = Scenario::load(&path)?;
        let sim = match date {
            Some(d) => Simulation::start_on(scenario, crate::clock::parse_instant(d)?).await,
            None => Simulation::start(scenario).await,
        };
        let info = ScenarioInfo {
            tenant: crate::project::tenant_label(name),
            date: format_instant(sim.clock.now()),
            seed: sim.scenario.seed,
            pinned,
        };
        self.context
            .sink()
            .scenarios
            .insert((self.feature.clone(), self.scenario_line), info);
        // The step's outputs start after the tenant exists.
        if let Some((line, _)) = self.open {
            self.open = Some((line, sim.transcript.len()));
        }
        self.sim = Some(sim);
        Ok(())
    }

    /// Start a simulation for the trainer: the scenario on its date (or `date`), or on the
    /// machine's clock when a real phone takes part.
    pub(crate) async fn load_for_training(
        &mut self,
        name: &str,
        date: Option<&str>,
        real_clock: Option<crate::clock::Clock>,
    ) -> Result<()> {
        let path = crate::project::resolve_tenant(&self.context.scenarios, name);
        let scenario = Scenario::load(&path)?;
        let sim = match (real_clock, date) {
            (Some(clock), _) => Simulation::start_at(scenario, clock).await,
            (None, Some(d)) => {
                Simulation::start_on(scenario, crate::clock::parse_instant(d)?).await
            }
            (None, None) => Simulation::start(scenario).await,
        };
        self.sim = Some(sim);
        Ok(())
    }

    /// Give a person a new phone with the same number and no apps.
    pub(crate) async fn replace_phone(&mut self, who: &str) -> Result<()> {
        let sim = self.sim.as_mut().ok_or_else(|| anyhow!("no tenant yet"))?;
        sim.replace_phone(who).await?;
        Ok(())
    }

    /// Give a person a new phone with the same number and no apps (as [`Self::replace_phone`]),
    /// and keep the old one as `fate` says: kept as it is, wiped, or lost.
    pub(crate) async fn new_phone(&mut self, who: &str, fate: OldPhone) -> Result<()> {
        let upn = self.person(who)?.upn.clone();
        let old = self.phone(who)?;
        self.replace_phone(who).await?;
        if fate == OldPhone::Wiped {
            old.wipe().await?;
        }
        self.old_phones.insert(upn, (old, fate));
        Ok(())
    }

    /// A person's old phone, if they kept it (a wiped phone is kept too, empty).
    pub(crate) fn old_phone(&self, who: &str) -> Result<PhoneHandle> {
        let upn = &self.person(who)?.upn;
        match self.old_phones.get(upn) {
            Some((phone, OldPhone::Kept | OldPhone::Wiped)) => Ok(phone.clone()),
            Some((_, OldPhone::Lost)) => {
                bail!("{who}'s old phone is lost: nothing on it is in {who}'s hands")
            }
            None => bail!(
                "{who} has no old phone: begin with 'When {who} gets a new phone and keeps the old one'"
            ),
        }
    }

    /// Someone else's browser (made on first use; `address` is where it connects from).
    pub(crate) async fn intruder(
        &mut self,
        address: Option<std::net::Ipv4Addr>,
    ) -> Result<BrowserHandle> {
        let browser = match &self.intruder {
            Some(b) => b.clone(),
            None => {
                let b = self.sim()?.browser("someone else");
                self.intruder = Some(b.clone());
                b
            }
        };
        if let Some(address) = address {
            browser.connect_from(address).await?;
        }
        Ok(browser)
    }

    /// Someone else's browser, if someone else has signed in.
    pub(crate) fn intruder_so_far(&self, who: &str) -> Result<BrowserHandle> {
        self.intruder.clone().ok_or_else(|| {
            anyhow!(
                "nobody else has signed in: begin with 'When someone else signs in as {who} with their password from 198.51.100.77'"
            )
        })
    }

    /// True in a replay on another tenant or date.
    pub(crate) fn soft(&self) -> bool {
        self.soft
    }

    /// Note a difference from the guide against the open step.
    pub(crate) fn note(&self, message: String) {
        let Some((line, _)) = self.open else { return };
        let key: StepKey = (self.feature.clone(), self.scenario_line, line);
        self.context
            .sink()
            .notes
            .entry(key)
            .or_default()
            .push(message);
    }

    /// The simulation.
    pub fn sim(&self) -> Result<&Simulation> {
        self.sim.as_ref().ok_or_else(|| {
            let known = crate::project::known_tenants(&self.context.scenarios);
            let first = known.first().map_or(GUIDE_TENANT, String::as_str);
            anyhow!(
                "no tenant yet: begin with 'Given the tenant from \"{first}\"' (tenants here: {})",
                quoted_list(&known)
            )
        })
    }

    /// A person.
    pub fn person(&self, who: &str) -> Result<&Person> {
        Ok(self.sim()?.person(who)?)
    }

    /// A person's browser.
    pub fn browser(&self, who: &str) -> Result<BrowserHandle> {
        let key = &self.person(who)?.upn;
        let browser = match self.switched.get(key) {
            Some(other) => other.clone(),
            None => self.person(who)?.browser.clone(),
        };
        *self.last_person.lock().unwrap_or_else(|p| p.into_inner()) = Some(who.to_string());
        Ok(browser)
    }

    /// From now on, `who` uses `browser` (a different browser: its own cookies).
    pub(crate) fn switch_browser(&mut self, who: &str, browser: BrowserHandle) -> Result<()> {
        let key = self.person(who)?.upn.clone();
        self.switched.insert(key, browser);
        Ok(())
    }

    /// The person whose browser was used last (for steps that say "the page").
    pub(crate) fn last_person(&self) -> Option<String> {
        self.last_person
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A person's phone.
    pub fn phone(&self, who: &str) -> Result<PhoneHandle> {
        self.person(who)?
            .phone
            .clone()
            .ok_or_else(|| anyhow!("{who} has no phone in this scenario"))
    }

    /// Microsoft Authenticator on a person's phone.
    pub async fn authenticator(&self, who: &str) -> Result<AuthenticatorHandle> {
        self.phone(who)?
            .authenticator()
            .await?
            .ok_or_else(|| anyhow!("Microsoft Authenticator is not installed on {who}'s phone"))
    }

    /// A third-party authenticator app on a person's phone.
    pub(crate) async fn totp_app(&self, who: &str, app: &str) -> Result<TotpAppHandle> {
        self.phone(who)?
            .totp_app(app)
            .await?
            .ok_or_else(|| anyhow!("{app} is not installed on {who}'s phone"))
    }

    /// The code an authenticator app on a person's phone shows now (Microsoft Authenticator or
    /// a third-party app, by name).
    pub(crate) async fn app_code(&self, who: &str, app: &str) -> Result<String> {
        let code = if app.eq_ignore_ascii_case("Microsoft Authenticator") {
            self.authenticator(who).await?.code(None).await?
        } else {
            self.totp_app(who, app).await?.code(None).await?
        };
        code.ok_or_else(|| anyhow!("{app} on {who}'s phone has no account yet"))
    }

    /// A person's mail app.
    pub(crate) fn mail_app(&self, who: &str, app: &str) -> Result<MailClientHandle> {
        let person = self.person(who)?;
        person.mail_apps.get(app).cloned().ok_or_else(|| {
            let names = quoted_list(person.mail_apps.keys());
            anyhow!("{who} has no mail app \"{app}\" (has: {names})")
        })
    }

    /// What is on a person's browser now.
    pub async fn page(&self, who: &str) -> Result<ScreenView> {
        Ok(self.browser(who)?.page().await?)
    }

    /// Open an address in a person's browser.
    pub async fn open(&self, who: &str, dest: Destination) -> Result<ScreenView> {
        Ok(self.browser(who)?.open(dest).await?)
    }

    /// Do something on the page; refused actions fail the step with the page's title.
    pub(crate) async fn act(&self, who: &str, action: Action) -> Result<ScreenView> {
        let result = self.browser(who)?.act(action).await?;
        Ok(result?)
    }

    /// Press, follow, choose or tick whatever carries this label on the page.
    pub(crate) async fn use_control(&self, who: &str, label: &str) -> Result<ScreenView> {
        let page = self.page(who).await?;
        let action = match page.control(label) {
            Some(action) => action,
            None => {
                let offered: Vec<&String> = page.controls.iter().map(|(l, _)| l).collect();
                let buttons: Vec<&(String, Action)> = page
                    .controls
                    .iter()
                    .filter(|(_, a)| matches!(a, Action::Press(b) if *b != Button::Back))
                    .collect();
                // A suggestion's "Not now" (or "Skip for now") is the way past it even when
                // the page also offers to act on the suggestion ("Add a passkey").
                let put_off = buttons
                    .iter()
                    .find(|(_, a)| matches!(a, Action::Press(Button::NotNow | Button::SkipForNow)));
                let stand_in = match buttons.as_slice() {
                    [only] => Some(*only),
                    _ => put_off.copied(),
                };
                if let Some(stand_in) = stand_in.filter(|_| self.soft) {
                    // Replaying on another date: the page's one button stands in for the
                    // guide's. If that only stepped past an extra page (a nudge, a wizard
                    // step), the guide's own button may be on the next one.
                    let (instead, action) = stand_in.clone();
                    self.note(format!(
                        "the replay presses \"{instead}\" where the guide says \"{label}\""
                    ));
                    let next = self.act(who, action).await?;
                    return match next.control(label) {
                        Some(then) => self.act(who, then).await,
                        None => Ok(next),
                    };
                } else {
                    bail!(
                        "the page \"{}\" has nothing labelled \"{label}\" (it offers {})",
                        page.title,
                        quoted_list(&offered)
                    );
                }
            }
        };
        self.act(who, action).await
    }

    /// Type into the field with this label.
    pub(crate) async fn type_into(&self, who: &str, field: &str, text: &str) -> Result<ScreenView> {
        let page = self.page(who).await?;
        let Some(f) = page.input(field) else {
            bail!(
                "the page \"{}\" has no box \"{field}\" (it has {})",
                page.title,
                quoted_list(page.fields.iter().map(|f| &f.0))
            );
        };
        self.act(who, Action::Enter(f, text.to_string())).await
    }
}
