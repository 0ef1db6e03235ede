//! Mail apps: Outlook (modern authentication: signs in through a browser window, then keeps a
//! token) and a basic-authentication app such as the phone's built-in Mail app of the guide's
//! era (stores a password and sends it on every connection).
//!
//! Two apps the guide names get their own behaviour (entra-facts §5):
//! - the phone's built-in Mail app ([`MailProduct::PhoneMail`]) adds an Exchange account either
//!   with "Sign in" (modern authentication: MFA in a Microsoft window, as in Outlook) or with
//!   "Configure Manually" (ActiveSync with a stored password or App Password): the person
//!   chooses ([`MailClientHandle::add_account`]);
//! - Windows Mail ([`MailProduct::WindowsMail`]) signs in with a password over ActiveSync, as
//!   the guide describes, until its end of support on 2024-12-31; from then on it gets no mail
//!   at all and says to use the new Outlook for Windows.

use super::browser::BrowserHandle;
use super::mailbox::{ActorGone, Lifetime, Mailbox};
use crate::clock::Clock;
use crate::records::{MailStatus, PanelKind, PanelView, Wording};
use crate::tenant::calendar::windows_mail_supported;
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

/// Which app it is, where that matters beyond how it signs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailProduct {
    /// Any other app: it signs in the one way it was set up with.
    Other,
    /// The phone's built-in Mail app: the person chooses how the account is added.
    PhoneMail,
    /// Windows Mail (Mail and Calendar): basic authentication, gone after 2024-12-31.
    WindowsMail,
}

/// How the phone's Mail app is told to add an Exchange account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneMailSetup {
    /// "Sign in": modern authentication, MFA in a Microsoft window of its own.
    SignIn,
    /// "Configure Manually": Exchange ActiveSync with a stored password (basic
    /// authentication: the account password, or an App Password once MFA is enforced).
    ConfigureManually,
}

/// Asked a mail app other than the phone's Mail app to choose how to add the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("only the phone's Mail app asks how to add the account")]
pub struct NotPhoneMail;

struct MailClient {
    name: String,
    kind: MailKind,
    product: MailProduct,
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
        let view = (self.product == MailProduct::PhoneMail).then(|| {
            // A "Sign in" account knows its address from the token the window gave it.
            let shown = self.account.clone().or_else(|| {
                self.token
                    .as_ref()
                    .map(|t| self.tenant.lock().user(t.user).upn.clone())
            });
            Box::new(account_view(
                self.kind,
                shown.as_deref(),
                self.password.is_some(),
                status,
            ))
        });
        self.transcript.record(
            self.clock.now(),
            Actor::MailClient(self.name.clone()),
            Output::Mail(status, view),
        );
        self.status = status;
        status
    }

    /// Windows Mail after its end of support: nothing to connect to any more.
    fn retired(&self) -> bool {
        self.product == MailProduct::WindowsMail && !windows_mail_supported(self.clock.now())
    }

    fn connect_basic(&mut self, protocol: Protocol) -> MailStatus {
        if self.retired() {
            return self.set_status(MailStatus::WindowsMailRetired);
        }
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

/// The Exchange account screen of the iPhone's Mail app (in Settings) for what the app holds:
/// how the account was added (`kind`), the address it shows, whether a password is stored, and
/// the status it reached. Field, switch and button labels are the phone's own (`Wording::Microsoft`
/// stands for a device's own labels too); the prompt and the status line are the simulator's.
pub fn account_view(
    kind: MailKind,
    account: Option<&str>,
    has_password: bool,
    status: MailStatus,
) -> PanelView {
    let connected = status.is_connected();
    let mut view = PanelView {
        kind: PanelKind::MailAccount,
        title: "Exchange".into(),
        subtitle: account.map(str::to_string),
        fields: Vec::new(),
        toggles: Vec::new(),
        rows: Vec::new(),
        buttons: Vec::new(),
        pressed: None,
        lines: Vec::new(),
        labels: Wording::Microsoft,
    };
    match kind {
        MailKind::Modern if account.is_none() && status == MailStatus::SignsInThroughWindow => {
            // Just chose "Sign in": the phone offers Microsoft's window before anything is
            // stored.
            view.lines.push((
                "Sign in to your Exchange account using Microsoft? Your address is sent to Microsoft to find the account.".into(),
                Wording::Simulator,
            ));
            view.buttons = vec!["Configure Manually".into(), "Sign In".into()];
            view.pressed = Some("Sign In".into());
        }
        MailKind::Modern => {
            view.fields
                .push(("Account".into(), account.unwrap_or_default().to_string()));
            for label in ["Mail", "Contacts", "Calendars", "Reminders", "Notes"] {
                view.toggles.push((label.into(), connected));
            }
            view.buttons = vec!["Delete Account".into()];
        }
        MailKind::Basic(_) => {
            let email = account.unwrap_or_default().to_string();
            view.fields = vec![
                ("Email".into(), email.clone()),
                ("Server".into(), "outlook.office365.com".into()),
                ("Domain".into(), String::new()),
                ("Username".into(), email),
                (
                    "Password".into(),
                    if has_password {
                        "••••••••".into()
                    } else {
                        String::new()
                    },
                ),
            ];
            view.toggles.push(("Mail".into(), connected));
            view.buttons = vec!["Cancel".into(), "Next".into()];
            view.pressed = has_password.then(|| "Next".into());
        }
    }
    view.lines.push((status.to_string(), Wording::Simulator));
    view
}

/// Handle on a mail app.
#[derive(Clone, Debug)]
pub struct MailClientHandle {
    mailbox: Mailbox<MailClient>,
    /// Which app it is.
    pub product: MailProduct,
}

impl MailClientHandle {
    /// Start a mail app called `name` that signs in as `kind`.
    pub fn spawn(
        name: &str,
        kind: MailKind,
        product: MailProduct,
        tenant: TenantHandle,
        clock: Clock,
        transcript: Transcript,
        lifetime: &Lifetime,
    ) -> Self {
        let state = MailClient {
            name: name.to_string(),
            kind,
            product,
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
            product,
        }
    }

    /// The phone's Mail app: add the Exchange account again, with "Sign in" (modern) or
    /// "Configure Manually" (basic). Whatever was stored before is forgotten. Returns the
    /// status shown, or [`NotPhoneMail`] for any other app.
    pub async fn add_account(
        &self,
        setup: PhoneMailSetup,
    ) -> Result<Result<MailStatus, NotPhoneMail>, ActorGone> {
        self.mailbox
            .call("mail app", move |m| {
                if m.product != MailProduct::PhoneMail {
                    return Err(NotPhoneMail);
                }
                m.account = None;
                m.password = None;
                m.token = None;
                Ok(match setup {
                    PhoneMailSetup::SignIn => {
                        m.kind = MailKind::Modern;
                        m.set_status(MailStatus::SignsInThroughWindow)
                    }
                    PhoneMailSetup::ConfigureManually => {
                        m.kind = MailKind::Basic(Protocol::ActiveSync);
                        m.set_status(MailStatus::NoAccount)
                    }
                })
            })
            .await
    }

    /// How the app signs in now.
    pub async fn kind(&self) -> Result<MailKind, ActorGone> {
        self.mailbox.call("mail app", |m| m.kind).await
    }

    /// Basic-auth apps: enter the account and a password (the account password or an App
    /// Password), which the app stores and uses from now on. Returns the status shown.
    pub async fn enter_password(
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
                _ if m.kind != MailKind::Modern => m.set_status(MailStatus::NoAccount),
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
