//! Mail apps: Outlook (modern authentication: signs in through a browser window, then keeps a
//! token) and a basic-authentication app such as the phone's built-in Mail app of the guide's
//! era (stores a password and sends it on every connection).

use super::browser::BrowserHandle;
use super::mailbox::{ActorGone, Mailbox};
use crate::clock::Clock;
use crate::tenant::{BasicOutcome, Protocol, TenantHandle, UserId};
use crate::transcript::{Actor, Output, Transcript};

/// What kind of mail app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// Modern authentication (Outlook, or the phone's Mail app added with "Sign in"): signs
    /// in through a Microsoft window, so it can do MFA.
    Modern,
    /// A basic-auth app over a protocol: cannot show an MFA prompt.
    Basic(Protocol),
}

struct MailClient {
    name: String,
    kind: MailKind,
    account: Option<String>,
    password: Option<String>,
    token: Option<(UserId, Option<i64>)>,
    status: String,
    tenant: TenantHandle,
    clock: Clock,
    transcript: Transcript,
}

impl MailClient {
    fn set_status(&mut self, status: String) -> String {
        self.transcript.record(
            self.clock.now(),
            Actor::MailClient(self.name.clone()),
            Output::Mail {
                status: status.clone(),
            },
        );
        self.status = status.clone();
        status
    }

    fn connect_basic(&mut self, protocol: Protocol) -> String {
        let (Some(account), Some(password)) = (self.account.clone(), self.password.clone()) else {
            return self.set_status("No account set up".into());
        };
        let outcome = self
            .tenant
            .lock()
            .basic_sign_in(&account, &password, protocol, &self.name);
        match outcome {
            BasicOutcome::Accepted { .. } => self.set_status("Connected: inbox up to date".into()),
            BasicOutcome::Refused(reason) => self.set_status(format!(
                "Cannot get mail: the server refused the password ({reason})"
            )),
        }
    }
}

/// Handle on a mail app.
#[derive(Clone, Debug)]
pub struct MailClientHandle {
    mailbox: Mailbox<MailClient>,
    /// The app's kind.
    pub kind: MailKind,
}

impl MailClientHandle {
    /// Start a mail app called `name`.
    pub fn spawn(
        name: &str,
        kind: MailKind,
        tenant: TenantHandle,
        clock: Clock,
        transcript: Transcript,
    ) -> Self {
        let state = MailClient {
            name: name.to_string(),
            kind,
            account: None,
            password: None,
            token: None,
            status: "Not set up".into(),
            tenant,
            clock,
            transcript,
        };
        MailClientHandle {
            mailbox: Mailbox::spawn(state),
            kind,
        }
    }

    /// Basic-auth apps: enter the account and a password (the account password or an App
    /// Password), which the app stores and uses from now on. Returns the status shown.
    pub async fn enter_password(&self, account: &str, password: &str) -> Result<String, ActorGone> {
        let (account, password) = (account.to_string(), password.to_string());
        self.mailbox
            .call("mail app", move |m| {
                m.account = Some(account);
                m.password = Some(password);
                match m.kind {
                    MailKind::Basic(p) => m.connect_basic(p),
                    MailKind::Modern => {
                        m.set_status("This app signs in through a Microsoft sign-in window".into())
                    }
                }
            })
            .await
    }

    /// Modern apps: take the session from its finished sign-in window.
    pub async fn complete_sign_in(&self, window: &BrowserHandle) -> Result<String, ActorGone> {
        let session = window.signed_in().await?;
        self.mailbox
            .call("mail app", move |m| match session {
                Some(token) => {
                    m.token = Some(token);
                    m.set_status("Connected: inbox up to date".into())
                }
                None => m.set_status("Sign-in not finished".into()),
            })
            .await
    }

    /// Check for mail with what the app has stored. Returns the status shown.
    pub async fn sync(&self) -> Result<String, ActorGone> {
        self.mailbox
            .call("mail app", |m| match m.kind {
                MailKind::Basic(p) => m.connect_basic(p),
                MailKind::Modern => {
                    let valid = m.token.is_some_and(|(user, mfa_at)| {
                        m.tenant.lock().modern_token_valid(user, mfa_at)
                    });
                    if valid {
                        m.set_status("Connected: inbox up to date".into())
                    } else if m.token.is_some() {
                        m.set_status("Account needs your password: sign in again".into())
                    } else {
                        m.set_status("No account set up".into())
                    }
                }
            })
            .await
    }

    /// A modern app already connected with a token from before MFA (the state before SMS-01).
    pub async fn assume_connected(&self, user: UserId) -> Result<(), ActorGone> {
        self.mailbox
            .call("mail app", move |m| {
                m.token = Some((user, None));
                m.status = "Connected: inbox up to date".into();
            })
            .await
    }

    /// The status line.
    pub async fn status(&self) -> Result<String, ActorGone> {
        self.mailbox.call("mail app", |m| m.status.clone()).await
    }
}
