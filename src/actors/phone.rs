//! The user's phone: text inbox, incoming calls (answer and press keys), mobile signal, an
//! app store, and its own clock. Apps installed on it are actors of their own.

use super::DeviceClock;
use super::authenticator::{Authenticator, AuthenticatorHandle};
use super::mailbox::{ActorGone, Lifetime, Mailbox};
use super::switchboard::Switchboard;
use super::totp_app::{TotpApp, TotpAppHandle};
use crate::records::Wording;
use crate::tenant::TenantHandle;
use crate::tenant::telephony::IncomingCall;
use crate::transcript::{Actor, Output, Transcript};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A received text message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Sender id.
    pub from: String,
    /// Body.
    pub body: String,
    /// Whose words the body is.
    pub wording: Wording,
}

impl Text {
    /// The first run of six digits in the message, if any.
    pub fn code(&self) -> Option<String> {
        self.body
            .split(|c: char| !c.is_ascii_digit())
            .find(|w| w.len() == 6)
            .map(str::to_string)
    }
}

/// Apps the phone's store offers.
pub const STORE_APPS: &[&str] = &[
    "Microsoft Authenticator",
    "Google Authenticator",
    "Authy",
    "Outlook",
];

struct Phone {
    owner: String,
    number: String,
    clock: DeviceClock,
    signal: Arc<AtomicBool>,
    /// Whether the phone has an internet connection (Wi-Fi or data), shared with Microsoft
    /// Authenticator, which gets pushes only while it is on. Independent of `signal`: a phone
    /// abroad on hotel Wi-Fi has no signal and is online.
    online: Arc<AtomicBool>,
    /// Whether the carrier delivers texts to this phone (calls are unaffected).
    texts: Arc<AtomicBool>,
    held: Vec<Text>,
    inbox: Vec<Text>,
    ringing: Option<IncomingCall>,
    authenticator: Option<AuthenticatorHandle>,
    totp_apps: BTreeMap<String, TotpAppHandle>,
    tenant: TenantHandle,
    transcript: Transcript,
    /// Where a newly activated Authenticator registers for push.
    switchboard: Switchboard,
    /// The apps installed live as long as the phone.
    lifetime: Lifetime,
}

impl Phone {
    fn record(&self, output: Output) {
        self.transcript.record(
            self.clock.now() - self.clock.offset(),
            Actor::Phone(self.owner.clone()),
            output,
        );
    }

    fn receive(&mut self, text: Text) {
        self.record(Output::TextMessage {
            from: text.from.clone(),
            body: text.body.clone(),
            wording: text.wording,
        });
        self.inbox.push(text);
    }
}

/// Handle on a phone.
#[derive(Clone, Debug)]
pub struct PhoneHandle {
    mailbox: Mailbox<Phone>,
    owner: String,
    transcript: Transcript,
    /// Whether the phone has signal: read by the network when it delivers, so what the
    /// person sees is recorded the moment it arrives.
    signal: Arc<AtomicBool>,
    /// Whether the carrier delivers texts to it (read by the network, like the signal).
    texts: Arc<AtomicBool>,
    /// Whether the phone has an internet connection (shared with its Authenticator).
    online: Arc<AtomicBool>,
    /// The phone's number (`+CC number`).
    pub number: String,
    /// The phone's clock (shared with its apps).
    pub clock: DeviceClock,
}

impl PhoneHandle {
    /// Switch on a phone for `owner` with number `number`. It is not reachable until it is
    /// attached to the switchboard under its number.
    pub fn spawn(
        owner: &str,
        number: &str,
        clock: DeviceClock,
        tenant: TenantHandle,
        transcript: Transcript,
        switchboard: Switchboard,
        lifetime: &Lifetime,
    ) -> Self {
        let signal = Arc::new(AtomicBool::new(true));
        let texts = Arc::new(AtomicBool::new(true));
        let online = Arc::new(AtomicBool::new(true));
        let phone = Phone {
            online: online.clone(),
            owner: owner.to_string(),
            number: number.to_string(),
            clock: clock.clone(),
            signal: signal.clone(),
            texts: texts.clone(),
            held: Vec::new(),
            inbox: Vec::new(),
            ringing: None,
            authenticator: None,
            totp_apps: BTreeMap::new(),
            tenant,
            transcript: transcript.clone(),
            switchboard,
            lifetime: lifetime.clone(),
        };
        PhoneHandle {
            mailbox: Mailbox::spawn(phone, lifetime),
            owner: owner.to_string(),
            transcript,
            signal,
            texts,
            online,
            number: number.to_string(),
            clock,
        }
    }

    /// The network delivers a text (held until there is signal; lost when the carrier does
    /// not deliver texts to this phone).
    pub(crate) fn deliver_text(&self, from: String, body: String, wording: Wording) {
        if !self.texts.load(Ordering::SeqCst) {
            // Nothing reaches the person; the note is the simulator's narration.
            self.record(Output::Note {
                text: "A text message was sent but the carrier did not deliver it.".into(),
            });
            return;
        }
        let on = self.signal.load(Ordering::SeqCst);
        if on {
            self.record(Output::TextMessage {
                from: from.clone(),
                body: body.clone(),
                wording,
            });
        }
        self.mailbox.post(move |p| {
            let text = Text {
                from,
                body,
                wording,
            };
            if on {
                p.inbox.push(text)
            } else {
                p.held.push(text)
            }
        });
    }

    fn record(&self, output: Output) {
        let at = self.clock.now() - self.clock.offset();
        self.transcript
            .record(at, Actor::Phone(self.owner.clone()), output);
    }

    /// The network rings the phone (missed when there is no signal).
    pub(crate) fn ring(&self, call: IncomingCall) {
        if self.signal.load(Ordering::SeqCst) {
            self.record(Output::Call {
                from: call.from.clone(),
                said: "Incoming call".into(),
                keys: None,
                wording: Wording::Microsoft,
            });
            self.mailbox.post(move |p| p.ringing = Some(call));
        } else {
            self.record(Output::Note {
                text: "No service: a call could not reach the phone.".into(),
            });
        }
    }

    /// All texts received so far.
    pub(crate) async fn texts(&self) -> Result<Vec<Text>, ActorGone> {
        self.mailbox.call("phone", |p| p.inbox.clone()).await
    }

    /// The newest text.
    pub(crate) async fn latest_text(&self) -> Result<Option<Text>, ActorGone> {
        self.mailbox
            .call("phone", |p| p.inbox.last().cloned())
            .await
    }

    /// Whether a call is ringing, and from whom.
    pub(crate) async fn ringing(&self) -> Result<Option<String>, ActorGone> {
        self.mailbox
            .call("phone", |p| p.ringing.as_ref().map(|c| c.from.clone()))
            .await
    }

    /// Answer the ringing call, listen, and press `keys` ("#" or "0#"). Returns what was said,
    /// or None if nothing was ringing.
    pub async fn answer(&self, keys: &str) -> Result<Option<String>, ActorGone> {
        let keys = keys.to_string();
        self.mailbox
            .call("phone", move |p| {
                let call = p.ringing.take()?;
                p.clock.pass(super::pace::ANSWER_CALL);
                p.record(Output::Call {
                    from: call.from.clone(),
                    said: call.script.clone(),
                    keys: Some(keys.clone()),
                    wording: call.wording,
                });
                p.tenant.lock().answer_call(call.challenge, &keys);
                Some(call.script)
            })
            .await
    }

    /// Carrier trouble (roaming, a blocked short code): texts stop reaching the phone, or
    /// reach it again; calls are not affected. Texts lost meanwhile never arrive.
    pub(crate) async fn set_texts(&self, delivered: bool) -> Result<(), ActorGone> {
        self.mailbox
            .call("phone", move |p| {
                p.texts.store(delivered, Ordering::SeqCst);
                let note = if delivered {
                    "Text messages reach the phone again"
                } else {
                    "Text messages no longer reach the phone (calls still do)"
                };
                p.record(Output::Note { text: note.into() });
            })
            .await
    }

    /// Whether the carrier delivers texts to the phone.
    pub(crate) fn receives_texts(&self) -> bool {
        self.texts.load(Ordering::SeqCst)
    }

    /// Go offline (no Wi-Fi, no mobile data) or come back online: Microsoft Authenticator's
    /// requests reach it only while it is online; texts and calls follow `signal` instead.
    pub fn set_online(&self, on: bool) {
        self.online.store(on, Ordering::SeqCst);
        self.record(Output::Note {
            text: if on {
                "Connected to the internet".into()
            } else {
                "No internet connection (no Wi-Fi, no mobile data)".into()
            },
        });
    }

    /// Whether the phone has an internet connection.
    pub(crate) fn is_online(&self) -> bool {
        self.online.load(Ordering::SeqCst)
    }

    /// Lose or regain mobile signal. Held texts arrive when it returns.
    pub async fn set_signal(&self, on: bool) -> Result<(), ActorGone> {
        self.mailbox
            .call("phone", move |p| {
                p.signal.store(on, Ordering::SeqCst);
                let note = if on { "Signal back" } else { "No service" };
                p.record(Output::Note { text: note.into() });
                if on {
                    for text in std::mem::take(&mut p.held) {
                        p.receive(text);
                    }
                }
            })
            .await
    }

    /// Set the phone's clock wrong by `seconds`.
    pub(crate) fn set_clock_offset(&self, seconds: i64) {
        self.clock.set_offset(seconds);
    }

    /// Install an app from the store. Returns false if the store has no such app.
    pub async fn install(&self, app: &str) -> Result<bool, ActorGone> {
        let app = app.to_string();
        self.mailbox
            .call("phone", move |p| {
                if !STORE_APPS.contains(&app.as_str()) {
                    return false;
                }
                match app.as_str() {
                    "Microsoft Authenticator" if p.authenticator.is_none() => {
                        let state = Authenticator::new(
                            p.clock.clone(),
                            p.tenant.clone(),
                            p.transcript.clone(),
                            p.switchboard.clone(),
                            p.online.clone(),
                        );
                        p.authenticator = Some(AuthenticatorHandle::spawn(state, &p.lifetime));
                    }
                    "Outlook" | "Microsoft Authenticator" => {}
                    name => {
                        let app =
                            TotpApp::new(name, &p.owner, p.clock.clone(), p.transcript.clone());
                        p.totp_apps
                            .entry(name.to_string())
                            .or_insert_with(|| TotpAppHandle::spawn(app, &p.lifetime));
                    }
                }
                p.record(Output::Note {
                    text: format!("{app} installed from the app store"),
                });
                true
            })
            .await
    }

    /// Microsoft Authenticator, if installed.
    pub async fn authenticator(&self) -> Result<Option<AuthenticatorHandle>, ActorGone> {
        self.mailbox
            .call("phone", |p| p.authenticator.clone())
            .await
    }

    /// A third-party authenticator app by name, if installed.
    pub(crate) async fn totp_app(&self, name: &str) -> Result<Option<TotpAppHandle>, ActorGone> {
        let name = name.to_string();
        self.mailbox
            .call("phone", move |p| p.totp_apps.get(&name).cloned())
            .await
    }

    /// Names of installed apps.
    pub async fn apps(&self) -> Result<Vec<String>, ActorGone> {
        self.mailbox
            .call("phone", |p| {
                let mut apps: Vec<String> = p.totp_apps.keys().cloned().collect();
                if p.authenticator.is_some() {
                    apps.insert(0, "Microsoft Authenticator".into());
                }
                apps
            })
            .await
    }

    /// Reset the phone to factory settings: every app and account on it goes (Microsoft
    /// Authenticator's push registration too, so requests to it reach nothing). The number
    /// and the texts already read are not the apps' and are left as they are.
    pub async fn wipe(&self) -> Result<(), ActorGone> {
        if let Some(app) = self.authenticator().await? {
            app.remove_accounts(None).await?;
        }
        self.mailbox
            .call("phone", |p| {
                p.authenticator = None;
                p.totp_apps.clear();
                p.record(Output::Note {
                    text: "Phone wiped: reset to factory settings, no apps".into(),
                });
            })
            .await
    }

    /// Whether the phone has signal.
    pub(crate) async fn has_signal(&self) -> Result<bool, ActorGone> {
        self.mailbox
            .call("phone", |p| p.signal.load(Ordering::SeqCst))
            .await
    }

    /// The phone's number.
    pub(crate) async fn own_number(&self) -> Result<String, ActorGone> {
        self.mailbox.call("phone", |p| p.number.clone()).await
    }
}
