//! The user's web browser: the current page, typing and clicking, and the cookies that make
//! "Stay signed in?" and "Don't ask again" work. Each new page is recorded in the transcript
//! as the screen the person now sees.

use super::mailbox::{ActorGone, Lifetime, Mailbox};
use crate::clock::Clock;
use crate::flows::{Cookies, Destination, Flow, NotOnPage};
use crate::screens::{Action, ScreenView};
use crate::tenant::{TenantHandle, UserId};
use crate::transcript::{Actor, Output, Transcript};

/// Where a browser connects from unless told otherwise: a public address on the person's home
/// network (from 203.0.113.0/24, a range set aside for documentation).
pub(crate) const HOME_ADDRESS: std::net::Ipv4Addr = std::net::Ipv4Addr::new(203, 0, 113, 25);

struct Browser {
    label: String,
    flow: Flow,
    cookies: Cookies,
    /// The view last written to the transcript.
    shown: Option<ScreenView>,
    /// The public address the service sees this browser come from (rule 5: trusted IPs).
    client: std::net::Ipv4Addr,
    tenant: TenantHandle,
    clock: Clock,
    transcript: Transcript,
}

impl Browser {
    /// Write a view to the transcript unless it is what was last written.
    fn record(&mut self, view: ScreenView) {
        if self.shown.as_ref() != Some(&view) {
            let actor = Actor::Browser(self.label.clone());
            self.transcript.record(
                self.clock.now(),
                actor,
                Output::Screen(Box::new(view.clone())),
            );
            self.shown = Some(view);
        }
    }

    /// Record the page if it changed since last shown.
    fn show(&mut self) -> ScreenView {
        let view = self.flow.page.view();
        self.record(view.clone());
        view
    }

    /// Let a waiting page move on; record it only if the service changed it (typing that has
    /// not been submitted yet stays unrecorded until the page is left).
    fn refresh(&mut self) {
        let before = self.flow.page.view();
        {
            let mut tenant = self.tenant.lock();
            self.flow.refresh(&mut tenant, &mut self.cookies);
        }
        let after = self.flow.page.view();
        if after != before {
            self.record(after);
        }
    }

    /// Do an action. Typing, choosing and ticking are recorded when the page is left: the
    /// form as the person submitted it, with the pressed button marked, then the new page.
    fn act(&mut self, action: Action) -> Result<ScreenView, NotOnPage> {
        self.clock.advance(if matches!(action, Action::Enter(..)) {
            super::pace::TYPE
        } else {
            super::pace::CLICK
        });
        self.refresh();
        let before = self.flow.page.view();
        let pressed = match &action {
            Action::Press(b) => Some(b.label().to_string()),
            Action::Follow(l) => Some(l.label().to_string()),
            _ => None,
        };
        // What the person did comes first in the record: the form as submitted, then the
        // click; whatever the service does in answer (a text, a new page) follows.
        if pressed.is_some() && self.shown.as_ref() != Some(&before) {
            self.record(ScreenView {
                pressed: pressed.clone(),
                ..before.clone()
            });
        }
        let clicked = before
            .controls
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(l, _)| l.clone());
        if let (Some(label), Some(control)) = (clicked, action.control()) {
            let actor = Actor::Browser(self.label.clone());
            self.transcript
                .record(self.clock.now(), actor, Output::Click { control, label });
        }
        {
            let mut tenant = self.tenant.lock();
            self.flow.act(action, &mut tenant, &mut self.cookies)?;
        }
        let after = self.flow.page.view();
        if pressed.is_some() || after.page != before.page {
            self.record(after.clone());
        }
        Ok(after)
    }
}

/// Handle on a browser.
#[derive(Clone, Debug)]
pub struct BrowserHandle {
    mailbox: Mailbox<Browser>,
}

impl BrowserHandle {
    /// Open a browser for `owner` (shown as "Dana's browser").
    pub fn spawn(
        owner: &str,
        tenant: TenantHandle,
        clock: Clock,
        transcript: Transcript,
        lifetime: &Lifetime,
    ) -> Self {
        let state = Browser {
            label: owner.to_string(),
            flow: Flow::default(),
            cookies: Cookies::default(),
            shown: None,
            client: HOME_ADDRESS,
            tenant,
            clock,
            transcript,
        };
        BrowserHandle {
            mailbox: Mailbox::spawn(state, lifetime),
        }
    }

    /// Go to an address.
    pub async fn open(&self, dest: Destination) -> Result<ScreenView, ActorGone> {
        self.mailbox
            .call("browser", move |b| {
                let flow = {
                    let mut tenant = b.tenant.lock();
                    Flow::open(dest, &mut tenant, &mut b.cookies)
                };
                b.flow = flow.seen_from(b.client);
                b.show()
            })
            .await
    }

    /// Do something on the page. An action the page does not offer is refused and nothing
    /// changes.
    pub(crate) async fn act(
        &self,
        action: Action,
    ) -> Result<Result<ScreenView, NotOnPage>, ActorGone> {
        self.mailbox.call("browser", move |b| b.act(action)).await
    }

    /// Look at the page (a waiting page moves on if its push or call was answered).
    pub async fn page(&self) -> Result<ScreenView, ActorGone> {
        self.mailbox
            .call("browser", |b| {
                b.refresh();
                b.flow.page.view()
            })
            .await
    }

    /// Who is signed in on this tab, and when MFA was done.
    pub(crate) async fn signed_in(&self) -> Result<Option<(UserId, Option<i64>)>, ActorGone> {
        self.mailbox.call("browser", |b| b.flow.signed_in()).await
    }

    /// Whose session this browser's cookie holds, if the tenant would still let it in now
    /// (checked without using it, so nothing moves and nothing is shown): revoked, blocked or
    /// lapsed sessions count as none.
    pub(crate) async fn session_counts(&self) -> Result<Option<UserId>, ActorGone> {
        self.mailbox
            .call("browser", |b| {
                let session = b.cookies.session.as_ref()?;
                let check = b.tenant.lock().check_session(&session.session);
                (check == crate::tenant::SessionCheck::Valid).then_some(session.session.user)
            })
            .await
    }

    /// Move the browser to another network: the service sees it come from `address` from
    /// the next page opened on.
    pub(crate) async fn connect_from(&self, address: std::net::Ipv4Addr) -> Result<(), ActorGone> {
        self.mailbox
            .call("browser", move |b| {
                b.client = address;
                b.flow = std::mem::take(&mut b.flow).seen_from(address);
            })
            .await
    }

    /// Close the browser: a session that did not choose "Stay signed in" ends (rule 25).
    pub async fn close(&self) -> Result<(), ActorGone> {
        self.mailbox
            .call("browser", |b| {
                if b.cookies.session.is_some_and(|s| !s.persistent) {
                    b.cookies.session = None;
                }
                b.flow = Flow::default();
                b.shown = None;
            })
            .await
    }
}
