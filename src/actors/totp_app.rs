//! A third-party authenticator app (Google Authenticator, Authy...): scans `otpauth://` QR
//! codes and shows codes by the phone's clock. No push: it cannot answer sign-in requests.

use super::DeviceClock;
use super::mailbox::{ActorGone, Lifetime, Mailbox};
use crate::tenant::oath::Oath;
use crate::transcript::{Actor, Output, Transcript};

/// The app's state.
pub struct TotpApp {
    name: String,
    clock: DeviceClock,
    accounts: Vec<(String, Oath)>,
    transcript: Transcript,
}

impl TotpApp {
    /// A freshly installed app called `name` on `owner`'s phone.
    pub fn new(name: &str, _owner: &str, clock: DeviceClock, transcript: Transcript) -> Self {
        TotpApp {
            name: name.to_string(),
            clock,
            accounts: Vec::new(),
            transcript,
        }
    }

    fn record(&self, output: Output) {
        self.transcript.record(
            self.clock.now() - self.clock.offset(),
            Actor::App(self.name.clone()),
            output,
        );
    }
}

/// Handle on a third-party authenticator app.
#[derive(Clone, Debug)]
pub struct TotpAppHandle {
    mailbox: Mailbox<TotpApp>,
}

impl TotpAppHandle {
    /// Start the app's task.
    pub fn spawn(app: TotpApp, lifetime: &Lifetime) -> Self {
        TotpAppHandle {
            mailbox: Mailbox::spawn(app, lifetime),
        }
    }

    /// Scan a QR code: only `otpauth://totp/` links work. Returns the account added, or the
    /// message the app shows.
    pub async fn scan(&self, payload: &str) -> Result<Result<String, String>, ActorGone> {
        let payload = payload.to_string();
        self.mailbox
            .call("authenticator app", move |a| {
                match Oath::from_uri(&payload) {
                    Ok(oath) => {
                        let label = format!("{} ({})", oath.issuer(), oath.account());
                        a.record(Output::Note {
                            text: format!("Account added: {label}"),
                        });
                        a.accounts.push((label.clone(), oath));
                        Ok(label)
                    }
                    Err(_) => {
                        let msg = "This QR code is not a valid authenticator code".to_string();
                        a.record(Output::Note { text: msg.clone() });
                        Err(msg)
                    }
                }
            })
            .await
    }

    /// Add an account by hand: a name the person types and the secret key the page shows.
    /// Returns the account added, or the message the app shows.
    pub(crate) async fn add_by_hand(
        &self,
        account: &str,
        key: &str,
    ) -> Result<Result<String, String>, ActorGone> {
        let (account, key) = (account.to_string(), key.to_string());
        self.mailbox
            .call("authenticator app", move |a| {
                match Oath::from_key(&key, "", &account) {
                    Ok(oath) => {
                        a.record(Output::Note {
                            text: format!("Account added by hand: {account}"),
                        });
                        a.accounts.push((account.clone(), oath));
                        Ok(account)
                    }
                    Err(_) => {
                        let msg = "This key is not valid".to_string();
                        a.record(Output::Note { text: msg.clone() });
                        Err(msg)
                    }
                }
            })
            .await
    }

    /// The code shown now for the first account (or the one whose label contains `account`).
    pub async fn code(&self, account: Option<&str>) -> Result<Option<String>, ActorGone> {
        let account = account.map(str::to_string);
        self.mailbox
            .call("authenticator app", move |a| {
                let (label, oath) = a
                    .accounts
                    .iter()
                    .find(|(l, _)| account.as_deref().is_none_or(|n| l.contains(n)))?;
                let code = oath.code_at(a.clock.code_time());
                a.record(Output::Code {
                    account: label.clone(),
                    code: code.clone(),
                });
                Some(code)
            })
            .await
    }

    /// Remove the accounts whose label contains `account` (all when `None`); returns the
    /// labels removed.
    pub(crate) async fn remove_accounts(
        &self,
        account: Option<&str>,
    ) -> Result<Vec<String>, ActorGone> {
        let account = account.map(str::to_string);
        self.mailbox
            .call("authenticator app", move |a| {
                let gone =
                    super::take_matching(&mut a.accounts, |(l, _)| l.as_str(), account.as_deref());
                for (label, _) in &gone {
                    a.record(Output::Note {
                        text: format!("Account removed: {label}"),
                    });
                }
                gone.into_iter().map(|(l, _)| l).collect()
            })
            .await
    }

    /// Remove the oldest account whose label contains `account` (the first one added), as a
    /// person deletes one entry; returns its label.
    pub(crate) async fn remove_oldest(&self, account: &str) -> Result<Option<String>, ActorGone> {
        let account = account.to_lowercase();
        self.mailbox
            .call("authenticator app", move |a| {
                let at = a
                    .accounts
                    .iter()
                    .position(|(l, _)| l.to_lowercase().contains(&account))?;
                let (label, _) = a.accounts.remove(at);
                a.record(Output::Note {
                    text: format!("Account removed: {label}"),
                });
                Some(label)
            })
            .await
    }

    /// The labels of the accounts in the app.
    pub(crate) async fn accounts(&self) -> Result<Vec<String>, ActorGone> {
        self.mailbox
            .call("authenticator app", |a| {
                a.accounts.iter().map(|(l, _)| l.clone()).collect()
            })
            .await
    }

    /// The app's name.
    pub async fn name(&self) -> Result<String, ActorGone> {
        self.mailbox
            .call("authenticator app", |a| a.name.clone())
            .await
    }
}
