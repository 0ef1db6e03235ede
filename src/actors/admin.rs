//! The administrator's (or help-desk technician's) console: per-user MFA, the App Password
//! setting, re-registration, revoking MFA sessions and sign-in sessions, blocking, Temporary Access Passes and
//! reading the sign-in log. Every action is recorded in the transcript.

use super::mailbox::{ActorGone, Lifetime, Mailbox};
use crate::clock::{Clock, Instant};
use crate::records::{AdminReport, PanelKind, PanelView, PhoneSlot, Wording};
use crate::tenant::{MfaState, SignInRow, Tenant, TenantHandle, UnknownUser, UserId};
use crate::transcript::{Actor, Output, Transcript};

struct Console {
    tenant: TenantHandle,
    clock: Clock,
    transcript: Transcript,
    /// Every action taken on a user, with when: the tenant's audit log as the console reads
    /// it (the actions of this console only; settings changes are not users' audit lines).
    audit: Vec<(Instant, AdminReport)>,
}

/// One thing the administrator can do to a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminAction {
    /// Set per-user MFA.
    SetMfa(MfaState),
    /// Require re-register MFA.
    RequireReregistration,
    /// Revoke MFA sessions (remembered MFA only).
    RevokeMfaSessions,
    /// Revoke sign-in sessions: browser sessions and apps' refresh tokens.
    RevokeSignInSessions,
    /// Block or unblock sign-in.
    BlockSignIn(bool),
    /// Block or unblock MFA (90 days).
    BlockMfa(bool),
    /// Issue a Temporary Access Pass for so many minutes.
    TemporaryAccessPass {
        /// How long the pass stays valid once issued.
        minutes: i64,
        /// The pass is spent by its first successful sign-in.
        one_time: bool,
    },
    /// Delete all App Passwords.
    DeleteAppPasswords,
    /// Reset the password.
    ResetPassword(String),
    /// Reset the password as the console does: to a chosen password that keeps the tenant's
    /// rules, or (none chosen) to a temporary one the console makes; optionally the user
    /// must change it at the next sign-in.
    ResetPasswordChecked {
        /// The new password, or none for a temporary one.
        chosen: Option<String>,
        /// "Require this user to change their password when they first sign in".
        change_at_next_sign_in: bool,
    },
    /// Issue a Temporary Access Pass under the tenant's policy (its default lifetime if
    /// none is asked for); refused outside the policy.
    PassByPolicy {
        /// How long it should last, in minutes.
        minutes: Option<i64>,
        /// The pass is spent by its first successful sign-in.
        one_time: bool,
    },
    /// Delete the n-th method (from 1) of the user's authentication methods.
    DeleteMethod(usize),
    /// Add a phone number to one of the user's phone slots.
    AddPhone(PhoneSlot, String),
    /// Dismiss the user's risk after investigation.
    DismissRisk,
}

/// The buttons of a user's authentication methods page, in the order the admin centre shows
/// them.
pub const METHOD_PAGE_BUTTONS: [&str; 4] = [
    "+ Add authentication method",
    "Reset password",
    "Require re-register MFA",
    "Revoke MFA sessions",
];

/// A user's authentication methods page as it stands in the tenant: each registered method
/// with its details, the default sign-in method, whether a Temporary Access Pass is live,
/// and the page's actions (`pressed`: the one the administrator used).
pub fn methods_page(t: &Tenant, id: UserId, pressed: Option<&str>) -> PanelView {
    let u = t.user(id);
    let mut rows = vec![vec![
        "Authentication method".to_string(),
        "Detail".to_string(),
    ]];
    for e in u.info.entries() {
        // The detail column: what `describe` adds after the method's kind ("+1 4255550123
        // (Phone)", "iPhone"), or a dash.
        let kind = e.method.kind();
        let full = e.describe();
        let rest = full.strip_prefix(kind).unwrap_or(&full).trim();
        let rest = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .filter(|r| !r.contains('('))
            .unwrap_or(rest);
        let detail = if rest.is_empty() { "-" } else { rest };
        rows.push(vec![kind.to_string(), detail.to_string()]);
    }
    let mut fields = vec![(
        "Default sign-in method".to_string(),
        u.info
            .default_option()
            .map_or_else(|| "-".to_string(), |d| d.label().to_string()),
    )];
    if u.tap.as_ref().is_some_and(|p| t.now() < p.expires) {
        fields.push(("Temporary Access Pass".into(), "Valid".into()));
    }
    let mut lines = Vec::new();
    if rows.len() == 1 {
        lines.push((
            "No usable methods registered.".to_string(),
            Wording::Simulator,
        ));
        rows.clear();
    }
    PanelView {
        kind: PanelKind::AuthenticationMethods,
        title: "Authentication methods".into(),
        subtitle: Some(format!("{} ({})", u.display_name, u.upn)),
        fields,
        toggles: Vec::new(),
        rows,
        buttons: METHOD_PAGE_BUTTONS.iter().map(|b| b.to_string()).collect(),
        pressed: pressed.map(str::to_string),
        lines,
        // The actions as the help-desk documentation names them (entra-facts §9).
        labels: Wording::Microsoft,
    }
}

/// The per-user MFA page's row for one user, with the buttons that change it (`to`: the
/// state the administrator is setting, whose button is pressed).
pub fn per_user_mfa_page(t: &Tenant, id: UserId, to: Option<MfaState>) -> PanelView {
    let u = t.user(id);
    let word = |s: MfaState| {
        let w = s.to_string();
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let button = |s: MfaState| match s {
        MfaState::Disabled => "Disable MFA",
        MfaState::Enabled => "Enable MFA",
        MfaState::Enforced => "Enforce MFA",
    };
    PanelView {
        kind: PanelKind::PerUserMfa,
        title: "Per-user multifactor authentication".into(),
        subtitle: None,
        fields: Vec::new(),
        toggles: Vec::new(),
        rows: vec![
            vec![
                "Display name".into(),
                "Username".into(),
                "Multifactor auth status".into(),
            ],
            vec![u.display_name.clone(), u.upn.clone(), word(u.mfa)],
        ],
        buttons: [MfaState::Enabled, MfaState::Disabled, MfaState::Enforced]
            .into_iter()
            .map(|s| button(s).to_string())
            .collect(),
        pressed: to.map(|s| button(s).to_string()),
        lines: Vec::new(),
        // The legacy and the new per-user MFA pages label these differently; these are ours.
        labels: Wording::Simulator,
    }
}

/// Handle on the admin console.
#[derive(Clone, Debug)]
pub struct AdminHandle {
    mailbox: Mailbox<Console>,
}

impl AdminHandle {
    /// Open the console.
    pub fn spawn(
        tenant: TenantHandle,
        clock: Clock,
        transcript: Transcript,
        lifetime: &Lifetime,
    ) -> Self {
        AdminHandle {
            mailbox: Mailbox::spawn(
                Console {
                    tenant,
                    clock,
                    transcript,
                    audit: Vec::new(),
                },
                lifetime,
            ),
        }
    }

    /// Do something to a user. Returns what the console reports (a TAP is shown once here).
    pub(crate) async fn act(
        &self,
        upn: &str,
        action: AdminAction,
    ) -> Result<Result<AdminReport, UnknownUser>, ActorGone> {
        let upn = upn.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let mut t = c.tenant.lock();
                let id = t.id_of(&upn)?;
                // The page the action is taken on, as it stands before the button is pressed.
                let page = match &action {
                    AdminAction::SetMfa(state) => Some(per_user_mfa_page(&t, id, Some(*state))),
                    AdminAction::RequireReregistration => {
                        Some(methods_page(&t, id, Some(METHOD_PAGE_BUTTONS[2])))
                    }
                    AdminAction::RevokeMfaSessions => {
                        Some(methods_page(&t, id, Some(METHOD_PAGE_BUTTONS[3])))
                    }
                    AdminAction::TemporaryAccessPass { .. }
                    | AdminAction::PassByPolicy { .. }
                    | AdminAction::AddPhone(..) => {
                        Some(methods_page(&t, id, Some(METHOD_PAGE_BUTTONS[0])))
                    }
                    AdminAction::DeleteMethod(_) => Some(methods_page(&t, id, None)),
                    _ => None,
                }
                .map(Box::new);
                let report = match action {
                    AdminAction::SetMfa(state) => AdminReport::PerUserMfa {
                        state: t.set_mfa_state(id, state),
                        upn,
                    },
                    AdminAction::RequireReregistration => {
                        t.require_reregistration(id);
                        AdminReport::Reregistration { upn }
                    }
                    AdminAction::RevokeMfaSessions => {
                        t.revoke_mfa_sessions(id);
                        AdminReport::MfaSessionsRevoked { upn }
                    }
                    AdminAction::RevokeSignInSessions => {
                        t.revoke_sign_in_sessions(id);
                        AdminReport::SignInSessionsRevoked { upn }
                    }
                    AdminAction::BlockSignIn(blocked) => {
                        t.set_sign_in_blocked(id, blocked);
                        AdminReport::SignIn { upn, blocked }
                    }
                    AdminAction::BlockMfa(blocked) => {
                        t.set_mfa_blocked(id, blocked);
                        AdminReport::Mfa { upn, blocked }
                    }
                    AdminAction::TemporaryAccessPass { minutes, one_time } => {
                        let code = t.issue_temporary_access_pass(id, minutes, one_time);
                        AdminReport::TemporaryAccessPass { upn, minutes, code }
                    }
                    AdminAction::DeleteAppPasswords => {
                        t.delete_app_passwords(id);
                        AdminReport::AppPasswordsDeleted { upn }
                    }
                    AdminAction::ResetPassword(pw) => {
                        t.reset_password(id, &pw);
                        AdminReport::PasswordReset { upn }
                    }
                    AdminAction::DismissRisk => {
                        t.dismiss_risk(id);
                        AdminReport::RiskDismissed { upn }
                    }
                    AdminAction::ResetPasswordChecked {
                        chosen,
                        change_at_next_sign_in,
                    } => match t.reset_password_from_console(
                        id,
                        chosen.as_deref(),
                        change_at_next_sign_in,
                    ) {
                        Ok(Some(password)) => AdminReport::TemporaryPassword {
                            upn,
                            password,
                            change_at_next_sign_in,
                        },
                        Ok(None) => AdminReport::PasswordReset { upn },
                        Err(why) => AdminReport::Refused { upn, why },
                    },
                    AdminAction::PassByPolicy { minutes, one_time } => {
                        match t.issue_pass_by_policy(id, minutes, one_time) {
                            Ok((code, minutes)) => {
                                AdminReport::TemporaryAccessPass { upn, minutes, code }
                            }
                            Err(why) => AdminReport::Refused { upn, why },
                        }
                    }
                    AdminAction::DeleteMethod(n) => match t.delete_method_from_console(id, n) {
                        Ok(method) => AdminReport::MethodDeleted { upn, method },
                        Err(why) => AdminReport::Refused { upn, why },
                    },
                    AdminAction::AddPhone(slot, typed) => {
                        match t.add_phone_from_console(id, slot, &typed) {
                            Ok(number) => AdminReport::PhoneAdded { upn, slot, number },
                            Err(why) => AdminReport::Refused { upn, why },
                        }
                    }
                };
                drop(t);
                let now = c.clock.now();
                c.transcript
                    .record(now, Actor::Admin, Output::Admin(report.clone(), page));
                c.audit.push((now, report.clone()));
                Ok(report)
            })
            .await
    }

    /// Turn the tenant's "allow app passwords" setting on or off.
    pub(crate) async fn allow_app_passwords(&self, allowed: bool) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().allow_app_passwords(allowed);
                let report = AdminReport::AppPasswordsAllowed(allowed);
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::Admin(report, None));
            })
            .await
    }

    /// Let browsers remember MFA for so many days ("Don't ask again"), or stop offering it.
    pub(crate) async fn remember_mfa_days(&self, days: Option<u32>) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().policy.remember_mfa_days = days;
                let report = AdminReport::RememberMfa(days);
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::Admin(report, None));
            })
            .await
    }

    /// Turn one of the tenant's fraud-reporting settings on or off (rule 16).
    pub(crate) async fn fraud_setting(
        &self,
        setting: crate::records::FraudSetting,
        on: bool,
    ) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().set_fraud_setting(setting, on);
                let report = AdminReport::FraudSetting { setting, on };
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::Admin(report, None));
            })
            .await
    }

    /// How many methods "Keep your account secure" asks for at the sign-in interrupt (1 or
    /// 2; the tenant setting `registration_methods`).
    pub(crate) async fn registration_methods(&self, count: u8) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().policy.registration_methods = count;
                let report = AdminReport::RegistrationMethods(count);
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::Admin(report, None));
            })
            .await
    }

    /// Turn the Conditional Access policy "require MFA for all users" on or off (rule 1).
    pub(crate) async fn conditional_access_mfa(&self, on: bool) -> Result<(), ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                c.tenant.lock().policy.conditional_access.require_mfa = on;
                let report = AdminReport::ConditionalAccessMfa(on);
                c.transcript
                    .record(c.clock.now(), Actor::Admin, Output::Admin(report, None));
            })
            .await
    }

    /// Add a range to the trusted IPs of the per-user MFA service settings (rule 5). The
    /// range is refused (and nothing changes) unless it is a public IPv4 range and the list
    /// has room (50 at most).
    pub(crate) async fn add_trusted_ips(
        &self,
        range: &str,
    ) -> Result<Result<(), String>, ActorGone> {
        let range = range.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let mut t = c.tenant.lock();
                let mut ranges = t.policy.trusted_ips.clone();
                ranges.push(range);
                let mut candidate = t.policy.clone();
                candidate.trusted_ips = ranges.clone();
                candidate.check().map_err(|e| e.to_string())?;
                t.policy.trusted_ips = ranges.clone();
                drop(t);
                c.transcript.record(
                    c.clock.now(),
                    Actor::Admin,
                    Output::Admin(AdminReport::TrustedIps(ranges), None),
                );
                Ok(())
            })
            .await
    }

    /// Open the legacy MFA service settings page and tick or untick one verification option
    /// (an index into `ServiceSettings::LABELS`), or only look (`None`). From 2025-09-30 the
    /// page no longer changes which methods users get (rule 34). Returns the page.
    pub(crate) async fn service_settings(
        &self,
        change: Option<(usize, bool)>,
    ) -> Result<crate::records::ServiceSettings, ActorGone> {
        self.mailbox
            .call("admin console", move |c| {
                let mut t = c.tenant.lock();
                let manages = crate::tenant::calendar::legacy_method_policies(t.now());
                let page = match change {
                    Some((option, on)) => t.policy.set_verification_option(option, on, manages),
                    None => t.policy.service_settings(manages),
                };
                drop(t);
                c.transcript.record(
                    c.clock.now(),
                    Actor::Admin,
                    Output::Admin(AdminReport::ServiceSettings(page), None),
                );
                page
            })
            .await
    }

    /// A user's admin pages as they stand now, nothing pressed: the per-user MFA row and the
    /// authentication methods page (what the web's admin centre draws).
    pub async fn pages(
        &self,
        upn: &str,
    ) -> Result<Result<(PanelView, PanelView), UnknownUser>, ActorGone> {
        let upn = upn.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let t = c.tenant.lock();
                let id = t.id_of(&upn)?;
                Ok((per_user_mfa_page(&t, id, None), methods_page(&t, id, None)))
            })
            .await
    }

    /// A user's per-user MFA state, methods and flags, as the console shows them.
    pub(crate) async fn describe(
        &self,
        upn: &str,
    ) -> Result<Result<UserSummary, UnknownUser>, ActorGone> {
        let upn = upn.to_string();
        self.mailbox
            .call("admin console", move |c| {
                let t = c.tenant.lock();
                let id = t.id_of(&upn)?;
                let u = t.user(id);
                let default = u.info.default_option();
                Ok(UserSummary {
                    method_lines: u
                        .info
                        .entries()
                        .iter()
                        .map(|e| {
                            let options = crate::tenant::methods::options_of(&e.method);
                            (e.describe(), default.is_some_and(|d| options.contains(&d)))
                        })
                        .collect(),
                    default_method: default.map(|d| d.label()),
                    pass_valid: u.tap.as_ref().is_some_and(|p| t.now() < p.expires),
                    must_change_password: u.must_change_password,
                    business_phone: u.business_phone.clone(),
                    mfa: u.mfa,
                    methods: u.info.entries().len(),
                    method_names: u.info.entries().iter().map(|e| e.method.kind()).collect(),
                    app_passwords: u.app_passwords.records().len(),
                    high_risk: u.high_risk,
                    sign_in_blocked: u.sign_in_blocked,
                    mfa_blocked: u.mfa_blocked_until.is_some_and(|until| t.now() < until),
                })
            })
            .await
    }

    /// The console's audit log: every action taken on a user so far, oldest first, with when.
    pub(crate) async fn audit(&self) -> Result<Vec<(Instant, AdminReport)>, ActorGone> {
        self.mailbox
            .call("admin console", |c| c.audit.clone())
            .await
    }

    /// The sign-in log.
    pub async fn sign_in_log(&self) -> Result<Vec<SignInRow>, ActorGone> {
        self.mailbox
            .call("admin console", |c| c.tenant.lock().sign_in_log().to_vec())
            .await
    }
}

/// What the console shows about one user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSummary {
    /// Per-user MFA state.
    pub mfa: MfaState,
    /// How many methods are registered.
    pub methods: usize,
    /// The user's authentication methods, as the console lists them ("Passkey (Microsoft
    /// Authenticator)", "Phone number", ...).
    pub method_names: Vec<&'static str>,
    /// How many App Passwords exist.
    pub app_passwords: usize,
    /// Each method as the console lists it, and whether it carries the default.
    pub method_lines: Vec<(String, bool)>,
    /// The default sign-in method, as "Verify your identity" names it.
    pub default_method: Option<&'static str>,
    /// A Temporary Access Pass is issued and not yet expired.
    pub pass_valid: bool,
    /// The password must be changed at the next sign-in.
    pub must_change_password: bool,
    /// The office phone in the directory.
    pub business_phone: Option<String>,
    /// Reported suspicious activity.
    pub high_risk: bool,
    /// Sign-in blocked.
    pub sign_in_blocked: bool,
    /// MFA blocked.
    pub mfa_blocked: bool,
}
