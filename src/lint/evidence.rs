//! Everything the simulator showed in one run, as texts with the page and actor that showed
//! them: the words a guide's quoted labels are looked up in.

use crate::harness::RunReport;
use crate::transcript::{Actor, Output};

/// One text on a screen or device.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shown {
    /// The text as shown.
    pub text: String,
    /// The page (its title) or the device's view it was on.
    pub page: String,
    /// Who showed it ("Dana's browser", "Microsoft Authenticator").
    pub actor: String,
    /// Which browser page it was on; none for a phone, an app, a call or a text message.
    pub screen: Option<crate::screens::PageId>,
}

/// What one run showed.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// Every text, once per (text, page, actor).
    pub shown: Vec<Shown>,
    /// Every address a browser was on, with the page it showed there.
    pub addresses: Vec<(String, String)>,
}

fn actor_name(actor: &Actor) -> String {
    match actor {
        Actor::Browser(who) => format!("{who}'s browser"),
        Actor::Phone(who) => format!("{who}'s phone"),
        Actor::App(app) => app.clone(),
        Actor::MailClient(app) => app.clone(),
        Actor::Admin => "the administrator's console".into(),
        Actor::Tenant => "the sign-in log".into(),
    }
}

impl Evidence {
    /// Gather what `report`'s steps showed, in the scenarios that ran on the run's own tenant
    /// and date (a scenario that names its own date or tenant is about another era).
    pub fn of(report: &RunReport) -> Evidence {
        let mut e = Evidence::default();
        let own_era = |feature: &str, line: usize| {
            report
                .scenarios
                .get(&(feature.to_string(), line))
                .is_some_and(|s| !s.pinned)
        };
        for step in report
            .steps
            .iter()
            .filter(|s| own_era(&s.feature, s.scenario_line))
        {
            for event in &step.outputs {
                let actor = actor_name(&event.actor);
                let screen = match &event.output {
                    Output::Screen(v) => Some(v.page),
                    _ => None,
                };
                let mut add = |text: &str, page: &str| {
                    if !text.trim().is_empty() {
                        e.shown.push(Shown {
                            text: text.trim().to_string(),
                            page: page.to_string(),
                            actor: actor.clone(),
                            screen,
                        });
                    }
                };
                match &event.output {
                    Output::Screen(v) => {
                        let page = match &v.subtitle {
                            Some(sub) => format!("{} / {sub}", v.title),
                            None => v.title.clone(),
                        };
                        add(&v.title, &page);
                        if let Some(sub) = &v.subtitle {
                            add(sub, &page);
                        }
                        for t in v
                            .text
                            .iter()
                            .chain(&v.buttons)
                            .chain(&v.links)
                            .chain(v.choices.iter().map(|(c, _)| c))
                            .chain(v.ticks.iter().map(|(c, _)| c))
                            .chain(v.fields.iter().map(|(f, _)| f))
                            .chain(v.controls.iter().map(|(c, _)| c))
                            .chain(v.table.iter().flatten())
                            .chain(v.error.iter())
                            .chain(v.notice.iter())
                        {
                            add(t, &page);
                        }
                        if !v.address.is_empty() {
                            e.addresses.push((v.address.clone(), page.clone()));
                        }
                    }
                    Output::Push { detail, .. } => add(detail, "a sign-in request"),
                    Output::Call { said, .. } => add(said, "a call"),
                    Output::TextMessage { body, .. } => add(body, "a text message"),
                    Output::Note { text } => add(text, "the phone"),
                    _ => {}
                }
            }
        }
        e.shown.sort();
        e.shown.dedup();
        e.addresses.sort();
        e.addresses.dedup();
        e
    }
}
