//! The service's side of a browser session: which page comes next.
//!
//! A [`Flow`] is an explicit state machine over typed [`Page`]s. The browser actor owns one
//! and feeds it [`Action`]s; the flow asks the tenant and moves to the next page. Waiting
//! pages (push, call) move on when [`Flow::refresh`] sees the challenge answered.
//!
//! - `sign_in.rs`: name, password, verification, Stay signed in?, landing;
//! - `legacy.rs`: the older "Additional security verification" sign-up and settings pages;
//! - `wizard.rs`: "Keep your account secure" and Security info's add dialogs;
//! - `security_info.rs`: Security info (manage mode: list, add, delete, default).

mod legacy;
mod security_info;
mod sign_in;
mod wizard;

use crate::clock::Instant;
use crate::screens::{Action, Page, SignInPage};
use crate::tenant::{Session, SessionCheck, Tenant, UserId, VerifyOption};
use std::collections::BTreeMap;

/// Where the user asked to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Destination {
    /// www.office.com.
    Office,
    /// aka.ms/mfasetup: set up or review verification methods.
    MfaSetup,
    /// mysignins.microsoft.com/security-info.
    SecurityInfo,
    /// The older App passwords page (account.activedirectory.windowsazure.com/AppPasswords.aspx).
    /// Whether this address still works today is UNCONFIRMED (entra-facts §8). The simulator's
    /// choice: while the older registration experience is in force it opens the older page on
    /// its app passwords tab; once combined registration applies it leads to Security info,
    /// where App Passwords are managed today (rule 23 of [`crate::rules`] says so too).
    AppPasswords,
    /// The sign-in window a modern mail app opens.
    Outlook,
}

impl Destination {
    /// The address a person types.
    pub(crate) fn address(self) -> &'static str {
        match self {
            Destination::Office => "https://www.office.com",
            Destination::MfaSetup => "https://aka.ms/mfasetup",
            Destination::SecurityInfo => "https://mysignins.microsoft.com/security-info",
            Destination::AppPasswords => {
                "https://account.activedirectory.windowsazure.com/AppPasswords.aspx"
            }
            Destination::Outlook => "Outlook sign-in window",
        }
    }

    /// Read an address (or a short name) a person typed.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        let t = t
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        [
            Self::Office,
            Self::MfaSetup,
            Self::SecurityInfo,
            Self::AppPasswords,
        ]
        .into_iter()
        .find(|d| {
            let a = d.address().trim_start_matches("https://").to_lowercase();
            t == a || t == a.trim_start_matches("www.")
        })
        .or(match t {
            "office" | "office.com" | "portal.office.com" => Some(Self::Office),
            "mfasetup" | "aka.ms/setupmfa" => Some(Self::MfaSetup),
            "security-info" | "security info" | "aka.ms/mysecurityinfo" => Some(Self::SecurityInfo),
            "app passwords" | "apppasswords" => Some(Self::AppPasswords),
            _ => None,
        })
    }
}

/// An action that the current page does not offer: the simulation was driven wrongly (or a
/// trainee tried something not on screen).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{action}\" is not possible on the page \"{page}\"")]
pub struct NotOnPage {
    /// What was tried.
    pub action: String,
    /// The page's title.
    pub page: String,
}

/// A browser's signed-in session (its session cookie).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BrowserSession {
    /// The session the tenant issued: whose, when, and when MFA was done in it.
    pub session: Session,
    /// "Stay signed in?" Yes: it survives closing the browser (rule 25).
    pub persistent: bool,
}

/// What the browser remembers between visits (its cookies). A mail app's sign-in window
/// neither reads nor writes them: the app keeps its own token.
#[derive(Clone, Debug, Default)]
pub struct Cookies {
    /// The signed-in session, if any.
    pub session: Option<BrowserSession>,
    /// "Don't ask again": per user, when MFA was last done in this browser.
    pub remembered_mfa: BTreeMap<UserId, Instant>,
    /// Users who have done MFA in this browser at least once: a known device, which security
    /// defaults do not always ask again.
    pub mfa_done: std::collections::BTreeSet<UserId>,
}

/// One browser tab's journey through the service.
#[derive(Clone, Debug)]
pub struct Flow {
    /// The page on screen.
    pub page: Page,
    dest: Destination,
    app: String,
    user: Option<UserId>,
    upn: String,
    password: String,
    /// "Update your password": what is typed in its three boxes (current, new, confirm).
    new_password: [String; 3],
    challenge: Option<u64>,
    method: Option<VerifyOption>,
    mfa_at: Option<Instant>,
    remember: bool,
    /// The sign-in interrupt's wizard: methods it asks for (0 outside it) and set up so far.
    asked: u8,
    set_up: u8,
    /// The passkey being registered is the blocking step of rule 36: once saved, the sign-in
    /// goes on by signing in with it.
    passkey_blocking: bool,
    /// The address the browser connects from, as the service sees it (rule 5).
    client: Option<std::net::Ipv4Addr>,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            page: Page::Blank,
            dest: Destination::Office,
            app: "Office 365".into(),
            user: None,
            upn: String::new(),
            password: String::new(),
            new_password: Default::default(),
            challenge: None,
            method: None,
            mfa_at: None,
            remember: false,
            asked: 0,
            set_up: 0,
            passkey_blocking: false,
            client: None,
        }
    }
}

impl Flow {
    /// Navigate to `dest`: straight there if the browser's session still counts (using it
    /// restarts its inactivity window; one that no longer counts is dropped), else sign in.
    /// A mail app's sign-in window (`Destination::Outlook`) always signs in.
    pub fn open(dest: Destination, tenant: &mut Tenant, cookies: &mut Cookies) -> Flow {
        let mut flow = Flow {
            dest,
            ..Flow::default()
        };
        if dest == Destination::Outlook {
            flow.app = "Outlook".into();
            flow.page = Page::SignIn(SignInPage::Email {
                email: String::new(),
                error: None,
            });
            return flow;
        }
        if let Some(kept) = cookies.session.as_mut() {
            let user = kept.session.user;
            let has_methods = !tenant.user(user).info.is_empty();
            // Rule 10: Security info needs MFA done in this session.
            let needs_fresh_mfa =
                dest == Destination::SecurityInfo && has_methods && kept.session.mfa_at.is_none();
            match tenant.use_session(&mut kept.session) {
                SessionCheck::Valid if !needs_fresh_mfa => {
                    flow.user = Some(user);
                    flow.upn = tenant.user(user).upn.clone();
                    flow.mfa_at = kept.session.mfa_at;
                    flow.land(tenant);
                    return flow;
                }
                SessionCheck::Valid => {}
                _ => cookies.session = None,
            }
        }
        flow.page = Page::SignIn(SignInPage::Email {
            email: String::new(),
            error: None,
        });
        flow
    }

    /// A tab already past the sign-in: `user` signed in (without MFA in this session), on the
    /// page `dest` lands on. For driving one page of the service directly.
    pub fn landed(dest: Destination, user: UserId, tenant: &mut Tenant) -> Flow {
        let mut flow = Flow {
            dest,
            user: Some(user),
            upn: tenant.user(user).upn.clone(),
            ..Flow::default()
        };
        flow.land(tenant);
        flow
    }

    /// The challenge the current page waits on or checks codes against (a text, call, push or
    /// app registration), if any.
    pub fn challenge(&self) -> Option<u64> {
        self.challenge
    }

    /// The same flow, seen by the service as coming from `address`.
    pub fn seen_from(self, address: std::net::Ipv4Addr) -> Flow {
        Flow {
            client: Some(address),
            ..self
        }
    }

    /// Do one action on the current page.
    pub fn act(
        &mut self,
        action: Action,
        tenant: &mut Tenant,
        cookies: &mut Cookies,
    ) -> Result<(), NotOnPage> {
        let handled = match self.page.clone() {
            Page::SignIn(p) => self.sign_in_action(p, &action, tenant, cookies),
            Page::Legacy(p) => self.legacy_action(p, &action, tenant),
            Page::Wizard { manage, step, .. } => {
                self.wizard_action(manage, step, &action, tenant, cookies)
            }
            Page::Manage(p) => self.manage_action(p, &action, tenant),
            Page::Blank | Page::Home { .. } => false,
        };
        if handled {
            Ok(())
        } else {
            Err(NotOnPage {
                action: action.describe(),
                page: self.page.view().title,
            })
        }
    }

    /// Let waiting pages notice an answered push or call (or a timeout).
    pub fn refresh(&mut self, tenant: &mut Tenant, cookies: &mut Cookies) {
        self.refresh_sign_in(tenant, cookies);
        self.refresh_setup(tenant);
    }

    /// The signed-in user, once the flow has landed.
    pub fn signed_in(&self) -> Option<(UserId, Option<Instant>)> {
        match self.page {
            Page::Home { .. } | Page::Manage(_) => self.user.map(|u| (u, self.mfa_at)),
            Page::Legacy(crate::screens::LegacyPage::Settings { .. }) => {
                self.user.map(|u| (u, self.mfa_at))
            }
            _ => None,
        }
    }

    /// Start proving a phone number (text or call) for the signed-in user; the masked
    /// number on success, the message to show otherwise.
    fn start_phone(
        &mut self,
        t: &mut Tenant,
        slot: crate::tenant::PhoneSlot,
        country: &str,
        number: &str,
        extension: &str,
        by_call: bool,
    ) -> Result<String, String> {
        let id = self.user_id();
        let challenge = t
            .start_phone_setup(id, slot, country, number, extension, by_call)
            .map_err(|e| e.to_string())?;
        self.challenge = Some(challenge);
        Ok(t.challenge(challenge)
            .and_then(|c| c.masked_phone.clone())
            .unwrap_or_default())
    }

    fn user_id(&self) -> UserId {
        self.user
            .expect("invariant: pages past the password know the user")
    }
}
