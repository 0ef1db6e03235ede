//! Mail apps: Outlook (modern authentication: signs in through a browser window, then keeps a
//! token) and a basic-authentication app such as the phone's built-in Mail app of the guide's
//! era (stores a password and sends it on every connection).

use super::browser::BrowserHandle;
use super::mailbox::{ActorGone, Lifetime, Mailbox};
use crate::clock::Clock;
use crate::records::MailStatus;
use crate::tenant::{BasicOutcome, Protocol, Session, SessionCheck, TenantHandle, UserId};
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
    /// A modern app's refresh token (rule 25 and `tenant::sessions`: 90 days of inactivity,
    /// revoked by a password reset or "Revoke sign-in sessions").
    token: Option<Session>,
    status: MailStatus,
    tenant: TenantHandle,
    clock: Clock,
    transcript: Transcript,
}

impl MailClient {
    fn set_status(&mut self, status: MailStatus) -> MailStatus {
        self.transcript.record(
            self.clock.now(),
            Actor::MailClient(self.name.clone()),
            Output::Mail(status),
        );
        self.status = status;
        status
    }

    fn connect_basic(&mut self, protocol: Protocol) -> MailStatus {
        let (Some(account), Some(password)) = (self.account.clone(), self.password.clone()) else {
            return self.set_status(MailStatus::NoAccount);
        };
        let outcome = self
            .tenant
            .lock()
            .basic_sign_in(&account, &password, protocol, &self.name);
        match outcome {
            BasicOutcome::Accepted { .. } => self.set_status(MailStatus::Connected),
            BasicOutcome::Refused(reason) => self.set_status(MailStatus::Refused(reason)),
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
        lifetime: &Lifetime,
    ) -> Self {
        let state = MailClient {
            name: name.to_string(),
            kind,
            account: None,
            password: None,
            token: None,
            status: MailStatus::NotSetUp,
            tenant,
            clock,
            transcript,
        };
        MailClientHandle {
            mailbox: Mailbox::spawn(state, lifetime),
            kind,
        }
    }

    /// Basic-auth apps: enter the account and a password (the account password or an App
    /// Password), which the app stores and uses from now on. Returns the status shown.
    pub(crate) async fn enter_password(
        &self,
        account: &str,
        password: &str,
    ) -> Result<MailStatus, ActorGone> {
        let (account, password) = (account.to_string(), password.to_string());
        self.mailbox
            .call("mail app", move |m| {
                m.account = Some(account);
                m.password = Some(password);
                match m.kind {
                    MailKind::Basic(p) => m.connect_basic(p),
                    MailKind::Modern => m.set_status(MailStatus::SignsInThroughWindow),
                }
            })
            .await
    }

    /// Modern apps: take the session from its finished sign-in window.
    pub(crate) async fn complete_sign_in(
        &self,
        window: &BrowserHandle,
    ) -> Result<MailStatus, ActorGone> {
        let session = window.signed_in().await?;
        self.mailbox
            .call("mail app", move |m| match session {
                Some((user, mfa_at)) => {
                    m.token = Some(m.tenant.lock().issue_session(user, mfa_at));
                    m.set_status(MailStatus::Connected)
                }
                None => m.set_status(MailStatus::SignInNotFinished),
            })
            .await
    }

    /// Check for mail with what the app has stored. Returns the status shown.
    pub async fn sync(&self) -> Result<MailStatus, ActorGone> {
        self.mailbox
            .call("mail app", |m| match m.kind {
                MailKind::Basic(p) => m.connect_basic(p),
                MailKind::Modern => {
                    let check = m
                        .token
                        .as_mut()
                        .map(|token| m.tenant.lock().use_session(token));
                    match check {
                        Some(SessionCheck::Valid) => m.set_status(MailStatus::Connected),
                        Some(_) => m.set_status(MailStatus::NeedsPassword),
                        None => m.set_status(MailStatus::NoAccount),
                    }
                }
            })
            .await
    }

    /// A modern app already connected with a token from before MFA (the state before SMS-01).
    pub(crate) async fn assume_connected(&self, user: UserId) -> Result<(), ActorGone> {
        self.mailbox
            .call("mail app", move |m| {
                m.token = Some(m.tenant.lock().issue_session(user, None));
                m.status = MailStatus::Connected;
            })
            .await
    }

    /// The status line.
    pub async fn status(&self) -> Result<MailStatus, ActorGone> {
        self.mailbox.call("mail app", |m| m.status).await
    }
}
