//! Microsoft Authenticator on the user's phone: accept the terms, add a work account by
//! scanning the activation QR code (or any `otpauth://` code), receive sign-in requests and
//! answer them (typing the number when asked), and show codes by the phone's clock. It also
//! holds passkeys: scanning a passkey QR code asks for the phone's screen lock, and a passkey
//! sign-in is answered the same way (`confirm_screen_lock`).

use super::DeviceClock;
use super::mailbox::{ActorGone, Lifetime, Mailbox};
use super::switchboard::Switchboard;
use crate::tenant::oath::Oath;
use crate::tenant::passkeys::PASSKEY_SCHEME;
use crate::tenant::telephony::PushRequest;
use crate::tenant::{ACTIVATION_SCHEME, Answer, ChallengeState, TenantHandle};
use crate::transcript::{Actor, Output, Transcript};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The app's name.
pub(crate) const NAME: &str = "Microsoft Authenticator";

/// Scanning a QR code did not add an account.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// The app's terms were not accepted yet.
    #[error("Accept the app's terms first")]
    TermsNotAccepted,
    /// The code is not one the app can use.
    #[error("{0}")]
    NotUsable(String),
}

/// An account in the app.
#[derive(Clone, Debug)]
struct Account {
    name: String,
    oath: Oath,
    /// The device id a work account registered for push under, if it did.
    device: Option<u64>,
}

/// The app's state.
pub struct Authenticator {
    clock: DeviceClock,
    terms_accepted: bool,
    accounts: Vec<Account>,
    pending: Vec<PushRequest>,
    /// A passkey QR code read and waiting for the screen lock.
    passkey_to_create: Option<String>,
    tenant: TenantHandle,
    transcript: Transcript,
    switchboard: Switchboard,
    /// Whether the phone it runs on has an internet connection (the phone's flag, shared).
    online: Arc<AtomicBool>,
}

impl Authenticator {
    /// A freshly installed app on a phone whose connection is `online` (shared with the phone).
    pub fn new(
        clock: DeviceClock,
        tenant: TenantHandle,
        transcript: Transcript,
        switchboard: Switchboard,
        online: Arc<AtomicBool>,
    ) -> Self {
        Authenticator {
            online,
            clock,
            terms_accepted: false,
            accounts: Vec::new(),
            pending: Vec::new(),
            passkey_to_create: None,
            tenant,
            transcript,
            switchboard,
        }
    }

    fn record(&self, output: Output) {
        self.transcript.record(
            self.clock.now() - self.clock.offset(),
            Actor::App(NAME.into()),
            output,
        );
    }
}

/// A sign-in request as the app shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushView {
    /// Account.
    pub account: String,
    /// Whether the app asks for the number shown on the sign-in screen.
    pub number_required: bool,
    /// A passkey sign-in, answered with the phone's screen lock.
    pub passkey: bool,
}

/// What the phone's screen lock confirmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScreenLockConfirmed {
    /// A passkey was created for this account.
    PasskeyCreated(String),
    /// A passkey sign-in was answered; the service's verdict.
    SignIn(ChallengeState),
}

/// Handle on Microsoft Authenticator.
#[derive(Clone, Debug)]
pub struct AuthenticatorHandle {
    mailbox: Mailbox<Authenticator>,
    /// Where requests are recorded the moment they arrive, by the phone's true time.
    transcript: Transcript,
    clock: DeviceClock,
    /// The phone's internet connection: a push reaches the app only while it is on.
    online: Arc<AtomicBool>,
}

impl AuthenticatorHandle {
    /// Start the app's task.
    pub fn spawn(state: Authenticator, lifetime: &Lifetime) -> Self {
        let (transcript, clock) = (state.transcript.clone(), state.clock.clone());
        let online = state.online.clone();
        AuthenticatorHandle {
            mailbox: Mailbox::spawn(state, lifetime),
            transcript,
            clock,
            online,
        }
    }

    /// The push service delivers a sign-in request. With the phone offline (no Wi-Fi and no
    /// mobile data) it never arrives: the simulator drops it, and the sign-in page waits.
    pub(crate) fn notify(&self, request: PushRequest) {
        if !self.online.load(Ordering::SeqCst) {
            // The simulator's narration: nothing appears on the phone.
            self.transcript.record(
                self.clock.now() - self.clock.offset(),
                Actor::App(NAME.into()),
                Output::Note {
                    text: "No internet connection: a sign-in request could not reach the app."
                        .into(),
                },
            );
            return;
        }
        // A passkey request has no Approve or Deny to tap: the app asks for the screen lock,
        // so it is shown as the app's own line, not as an approval card.
        let output = if request.passkey {
            Output::Note {
                text: format!(
                    "Sign in to {} as {} with your passkey? Confirm with your screen lock.",
                    request.app, request.account
                ),
            }
        } else {
            let detail = if request.number_required {
                format!(
                    "Are you trying to sign in to {}? Enter the number shown to sign in.",
                    request.app
                )
            } else {
                format!("Approve sign-in to {}?", request.app)
            };
            Output::Push {
                account: request.account.clone(),
                number_requested: request.number_required,
                detail,
            }
        };
        self.transcript.record(
            self.clock.now() - self.clock.offset(),
            Actor::App(NAME.into()),
            output,
        );
        self.mailbox.post(move |a| a.pending.push(request));
    }

    /// Open the app for the first time and accept its terms ("I agree").
    pub async fn accept_terms(&self) -> Result<(), ActorGone> {
        self.mailbox
            .call(NAME, |a| {
                a.terms_accepted = true;
                a.record(Output::Note {
                    text: "Terms accepted; ready to add accounts".into(),
                });
            })
            .await
    }

    /// Scan a QR code. Returns the name of the account added. An activation code also
    /// registers the app for push under the device id the tenant gave it.
    pub async fn scan(&self, payload: &str) -> Result<Result<String, ScanError>, ActorGone> {
        self.add(payload.to_string(), false).await
    }

    /// Add a work account by hand with the code and URL the sign-up page shows under "Can't
    /// scan image?". Returns the name of the account added.
    pub(crate) async fn add_by_hand(
        &self,
        code: &str,
        url: &str,
    ) -> Result<Result<String, ScanError>, ActorGone> {
        self.add(crate::tenant::activation_payload(code, url), true)
            .await
    }

    async fn add(
        &self,
        payload: String,
        by_hand: bool,
    ) -> Result<Result<String, ScanError>, ActorGone> {
        let added = self
            .mailbox
            .call(NAME, move |a| {
                if !a.terms_accepted {
                    return Err(ScanError::TermsNotAccepted);
                }
                if payload.starts_with(PASSKEY_SCHEME) {
                    let account = a
                        .tenant
                        .lock()
                        .passkey_request_account(&payload)
                        .ok_or_else(|| {
                            ScanError::NotUsable(
                                "This QR code can't be used to create a passkey.".into(),
                            )
                        })?;
                    a.record(Output::Note {
                        text: format!(
                            "Create a passkey for {account}? Confirm with your screen lock."
                        ),
                    });
                    a.passkey_to_create = Some(payload);
                    return Ok((account, None));
                }
                let (name, oath, device) = if payload.starts_with(ACTIVATION_SCHEME) {
                    let (account, oath, device) = a
                        .tenant
                        .lock()
                        .activate_authenticator(&payload)
                        .map_err(|e| ScanError::NotUsable(e.to_string()))?;
                    (account, oath, Some((device, a.switchboard.clone())))
                } else {
                    let oath = Oath::from_uri(&payload)
                        .map_err(|e| ScanError::NotUsable(e.to_string()))?;
                    (oath.account(), oath, None)
                };
                let how = if by_hand { " by hand" } else { "" };
                a.record(Output::Note {
                    text: format!("Account added{how}: {name}"),
                });
                a.accounts.push(Account {
                    name: name.clone(),
                    oath,
                    device: device.as_ref().map(|(d, _)| *d),
                });
                Ok((name, device))
            })
            .await?;
        Ok(added.map(|(name, device)| {
            if let Some((device, switchboard)) = device {
                switchboard.attach_authenticator(device, self.clone());
            }
            name
        }))
    }

    /// The oldest unanswered sign-in request.
    pub async fn pending(&self) -> Result<Option<PushView>, ActorGone> {
        self.mailbox
            .call(NAME, |a| {
                a.pending.first().map(|r| PushView {
                    account: r.account.clone(),
                    number_required: r.number_required,
                    passkey: r.passkey,
                })
            })
            .await
    }

    /// Answer the oldest approval request (not a passkey sign-in, which only the screen lock
    /// answers). Returns the tenant's verdict, or None if no such request was pending.
    pub async fn answer(&self, answer: Answer) -> Result<Option<ChallengeState>, ActorGone> {
        self.mailbox
            .call(NAME, move |a| {
                // A passkey sign-in is answered only by the screen lock (`confirm_screen_lock`).
                let at = a.pending.iter().position(|r| !r.passkey)?;
                let request = a.pending.remove(at);
                a.clock.pass(super::pace::ANSWER_REQUEST);
                let said = match answer {
                    Answer::Approve(Some(n)) => format!("Typed {n} and approved"),
                    Answer::Approve(None) => "Approved".to_string(),
                    Answer::Deny => "Denied".to_string(),
                    Answer::Report => {
                        "Denied and reported: \"I didn't try to sign in\"".to_string()
                    }
                };
                a.record(Output::Note { text: said });
                Some(a.tenant.lock().answer_push(request.challenge, answer))
            })
            .await
    }

    /// The person unlocks the phone to confirm what the app asks: a passkey waiting to be
    /// created (it is saved, bound to the account and to this phone), else the oldest passkey
    /// sign-in. None when nothing asks for the screen lock.
    pub async fn confirm_screen_lock(
        &self,
    ) -> Result<Option<Result<ScreenLockConfirmed, String>>, ActorGone> {
        enum Done {
            Created(String, u64, Switchboard),
            SignIn(ChallengeState),
        }
        let done = self
            .mailbox
            .call(NAME, |a| {
                a.clock.pass(super::pace::ANSWER_REQUEST);
                if let Some(payload) = a.passkey_to_create.take() {
                    let made = a.tenant.lock().create_passkey(&payload);
                    let text = match &made {
                        Ok((account, _)) => {
                            format!("Screen lock confirmed: passkey saved for {account}")
                        }
                        Err(e) => format!("No passkey saved: {e}"),
                    };
                    a.record(Output::Note { text });
                    return Some(
                        made.map(|(account, device)| {
                            Done::Created(account, device, a.switchboard.clone())
                        })
                        .map_err(|e| e.to_string()),
                    );
                }
                let at = a.pending.iter().position(|r| r.passkey)?;
                let request = a.pending.remove(at);
                a.record(Output::Note {
                    text: "Screen lock confirmed: signing in with the passkey".into(),
                });
                let state = a
                    .tenant
                    .lock()
                    .answer_push(request.challenge, Answer::Approve(None));
                Some(Ok(Done::SignIn(state)))
            })
            .await?;
        Ok(done.map(|d| {
            d.map(|d| match d {
                Done::Created(account, device, switchboard) => {
                    switchboard.attach_authenticator(device, self.clone());
                    ScreenLockConfirmed::PasskeyCreated(account)
                }
                Done::SignIn(state) => ScreenLockConfirmed::SignIn(state),
            })
        }))
    }

    /// The code the app shows now for an account (the first if `account` is None).
    pub async fn code(&self, account: Option<&str>) -> Result<Option<String>, ActorGone> {
        let account = account.map(str::to_string);
        self.mailbox
            .call(NAME, move |a| {
                let acc = a
                    .accounts
                    .iter()
                    .find(|x| account.as_deref().is_none_or(|n| x.name == n))?;
                let code = acc.oath.code_at(a.clock.code_time());
                a.record(Output::Code {
                    account: acc.name.clone(),
                    code: code.clone(),
                });
                Some(code)
            })
            .await
    }

    /// Remove the accounts whose name contains `account` (all of them when `None`), as a
    /// person does in the app. A work account's push registration goes with it: requests to
    /// that device reach nothing. The tenant still lists the method; only the app forgets.
    /// Returns the names removed.
    pub async fn remove_accounts(&self, account: Option<&str>) -> Result<Vec<String>, ActorGone> {
        let account = account.map(str::to_string);
        self.mailbox
            .call(NAME, move |a| {
                let gone = super::take_matching(
                    &mut a.accounts,
                    |x: &Account| x.name.as_str(),
                    account.as_deref(),
                );
                for x in &gone {
                    if let Some(device) = x.device {
                        a.switchboard.detach_authenticator(device);
                    }
                    a.record(Output::Note {
                        text: format!("Account removed: {}", x.name),
                    });
                }
                a.pending.clear();
                gone.into_iter().map(|x| x.name).collect()
            })
            .await
    }

    /// Names of the accounts in the app.
    pub async fn accounts(&self) -> Result<Vec<String>, ActorGone> {
        self.mailbox
            .call(NAME, |a| {
                a.accounts.iter().map(|x| x.name.clone()).collect()
            })
            .await
    }
}
