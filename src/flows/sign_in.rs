//! Sign-in pages: name, password, the second factor, "Stay signed in?", and landing on the
//! page the user asked for.

use super::wizard::new_phone;
use super::{BrowserSession, Cookies, Destination, Flow};
use crate::screens::{
    Action, Button, Checkbox, Choice, Contact, Field, LegacyPage, Link, Page, SignInPage,
};
use crate::tenant::calendar;
use crate::tenant::policy::Registration;
use crate::tenant::verification::option_label;
use crate::tenant::{
    ChallengeState, ClientKind, CodeCheck, Failure, PasswordCheck, PhoneSlot, Purpose, SignInNeed,
    SignInResult, Tenant, VerifyOption,
};

/// What got the user past verification, for the log and the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Proof {
    /// A second factor just now (its name, as the log shows it).
    Fresh(&'static str),
    /// This browser remembered a recent MFA ("Don't ask again").
    Remembered,
    /// No second factor was needed.
    PasswordOnly,
    /// Rule 5: the browser came from one of the tenant's trusted IPs.
    TrustedIp(std::net::Ipv4Addr),
    /// Security defaults did not ask this time (a device where MFA was done before).
    NotNecessary,
    /// Security defaults: registration put off, within the 14 days.
    RegistrationSkipped,
}

/// How "Verify your identity" lists an option.
pub(crate) fn option_choice_label(
    tenant: &Tenant,
    user: crate::tenant::UserId,
    option: VerifyOption,
) -> String {
    let info = &tenant.user(user).info;
    let masked = |slot| {
        info.phone(slot)
            .map(crate::tenant::methods::mask_phone)
            .unwrap_or_default()
    };
    match option {
        VerifyOption::Push => "Approve a request on my Microsoft Authenticator app".into(),
        VerifyOption::AppCode => "Use a verification code".into(),
        VerifyOption::Text => format!("Text {}", masked(PhoneSlot::Mobile)),
        VerifyOption::Call(slot) => format!("Call {}", masked(slot)),
        VerifyOption::Passkey => "Use a passkey on my phone".into(),
    }
}

impl Flow {
    pub(super) fn sign_in_action(
        &mut self,
        page: SignInPage,
        action: &Action,
        t: &mut Tenant,
        cookies: &mut Cookies,
    ) -> bool {
        use SignInPage as P;
        match (page, action) {
            (P::Email { error, .. }, Action::Enter(Field::Email, text)) => {
                self.page = Page::SignIn(P::Email {
                    email: text.clone(),
                    error,
                });
            }
            (P::Email { email, .. }, Action::Press(Button::Next)) => {
                if t.find(&email).is_some() {
                    self.upn = email.trim().to_lowercase();
                    self.page = Page::SignIn(P::Password {
                        upn: self.upn.clone(),
                        password_len: 0,
                        error: None,
                    });
                } else {
                    let error = Some("We couldn't find an account with that username.".into());
                    self.page = Page::SignIn(P::Email { email, error });
                }
            }
            (P::Password { upn, error, .. }, Action::Enter(Field::Password, text)) => {
                self.password = text.clone();
                self.page = Page::SignIn(P::Password {
                    upn,
                    password_len: text.chars().count(),
                    error,
                });
            }
            (
                P::UpdatePassword { upn, error, .. },
                Action::Enter(
                    field @ (Field::CurrentPassword | Field::NewPassword | Field::ConfirmPassword),
                    text,
                ),
            ) => {
                let slot = match field {
                    Field::CurrentPassword => 0,
                    Field::NewPassword => 1,
                    _ => 2,
                };
                self.new_password[slot] = text.clone();
                self.page = Page::SignIn(P::UpdatePassword {
                    upn,
                    typed: self.new_password.clone().map(|s| s.chars().count()),
                    error,
                });
            }
            (P::UpdatePassword { upn, .. }, Action::Press(Button::SignIn)) => {
                let [current, new, confirm] = std::mem::take(&mut self.new_password);
                let id = self.user_id();
                match t.change_password(id, &current, &new, &confirm) {
                    Ok(()) => self.after_password(t, cookies),
                    Err(e) => {
                        self.page = Page::SignIn(P::UpdatePassword {
                            upn,
                            typed: [0; 3],
                            error: Some(e.to_string()),
                        });
                    }
                }
            }
            (P::Password { upn, .. }, Action::Press(Button::SignIn)) => {
                let typed = std::mem::take(&mut self.password);
                match t.check_password(&upn, &typed, &self.app, self.client()) {
                    PasswordCheck::Ok(id) => {
                        self.user = Some(id);
                        if t.user(id).must_change_password {
                            // The reset asked for a new password: nothing else until it is
                            // chosen (facts §7, "Reset password").
                            self.new_password = Default::default();
                            self.page = Page::SignIn(P::UpdatePassword {
                                upn,
                                typed: [0; 3],
                                error: None,
                            });
                        } else {
                            self.after_password(t, cookies);
                        }
                    }
                    PasswordCheck::TemporaryPass(id) => {
                        self.user = Some(id);
                        self.method = None;
                        self.mfa_at = Some(t.now());
                        if t.sign_in_need(id, self.mfa_at) == SignInNeed::Register {
                            self.page = Page::SignIn(P::MoreInfoRequired {
                                upn,
                                skip_days: None,
                            });
                        } else {
                            self.verified(t, cookies, Proof::Fresh("Temporary Access Pass"));
                        }
                    }
                    PasswordCheck::Locked => self.page = Page::SignIn(P::Locked),
                    PasswordCheck::Blocked => {
                        let message = "Your account has been blocked from signing in. Contact your help desk.".into();
                        self.page = Page::SignIn(P::Stopped { message });
                    }
                    PasswordCheck::Wrong | PasswordCheck::UnknownUser => {
                        let error = Some("Your account or password is incorrect.".into());
                        self.page = Page::SignIn(P::Password {
                            upn,
                            password_len: 0,
                            error,
                        });
                    }
                }
            }
            (P::MoreInfoRequired { .. }, Action::Press(Button::Next)) => self.start_registration(t),
            (
                P::MoreInfoRequired {
                    skip_days: Some(_), ..
                },
                Action::Press(Button::SkipForNow),
            ) => self.verified(t, cookies, Proof::RegistrationSkipped),
            (P::VerifyIdentity { options, .. }, Action::Choose(Choice::Verify(o)))
                if options.iter().any(|(x, _)| x == o) =>
            {
                self.start_option(t, *o);
            }
            (
                P::EnterCode {
                    texted,
                    prompt,
                    remember_days,
                    remember,
                    error,
                    ..
                },
                Action::Enter(Field::Code, text),
            ) => {
                let code = text.clone();
                self.page = Page::SignIn(P::EnterCode {
                    texted,
                    prompt,
                    code,
                    remember_days,
                    remember,
                    error,
                });
            }
            (
                mut page @ (P::EnterCode {
                    remember_days: Some(_),
                    ..
                }
                | P::ApproveRequest {
                    remember_days: Some(_),
                    ..
                }
                | P::Calling {
                    remember_days: Some(_),
                    ..
                }),
                Action::Tick(Checkbox::DontAskAgain),
            ) => {
                // Rule 26: the box is on every second-factor page where it is offered.
                if let P::EnterCode { remember, .. }
                | P::ApproveRequest { remember, .. }
                | P::Calling { remember, .. } = &mut page
                {
                    *remember = !*remember;
                    self.remember = *remember;
                }
                self.page = Page::SignIn(page);
            }
            (
                P::EnterCode {
                    texted,
                    prompt,
                    code,
                    remember_days,
                    remember,
                    ..
                },
                Action::Press(Button::Verify),
            ) => {
                let id = self.challenge.unwrap_or_default();
                match t.submit_code(id, &code) {
                    CodeCheck::Accepted => {
                        let label = option_label(self.method.unwrap_or(VerifyOption::AppCode));
                        self.verified(t, cookies, Proof::Fresh(label));
                    }
                    CodeCheck::TooManyAttempts => self.stop(t, Failure::TooManyAttempts.message()),
                    other => {
                        let error = Some(other.message().to_string());
                        self.page = Page::SignIn(P::EnterCode {
                            texted,
                            prompt,
                            code: String::new(),
                            remember_days,
                            remember,
                            error,
                        });
                    }
                }
            }
            (
                P::EnterCode { .. }
                | P::ApproveRequest { .. }
                | P::Calling { .. }
                | P::PasskeySignIn { .. },
                Action::Follow(Link::SignInAnotherWay),
            ) => {
                self.show_options(t, None);
            }
            (P::PasskeyNudge, Action::Press(Button::NotNow)) => self.after_verified(t, cookies),
            // Rule 35: the suggestion now really registers a passkey, then goes on.
            (P::PasskeyNudge, Action::Press(Button::AddPasskey)) => {
                self.passkey_blocking = false;
                self.start_passkey(t, false);
            }
            // Rule 36: no way round it; the passkey is registered, then used to sign in.
            (P::PasskeyRequired, Action::Press(Button::Next)) => {
                self.passkey_blocking = true;
                self.start_passkey(t, false);
            }
            (P::StaySignedIn { dont_show }, Action::Tick(Checkbox::DontShowAgain)) => {
                self.page = Page::SignIn(P::StaySignedIn {
                    dont_show: !dont_show,
                });
            }
            (P::StaySignedIn { .. }, Action::Press(b @ (Button::Yes | Button::No))) => {
                // Rule 25: Yes keeps the session past closing the browser (until its limit,
                // see `tenant::sessions`); No lets it end when the browser closes.
                cookies.session = Some(BrowserSession {
                    session: t.issue_session(self.user_id(), self.mfa_at),
                    persistent: *b == Button::Yes,
                });
                self.land(t);
            }
            _ => return false,
        }
        true
    }

    /// The client as the sign-in log records it: the kind, and the address the browser
    /// connects from.
    fn client(&self) -> crate::tenant::Client {
        let kind = if self.dest == Destination::Outlook {
            ClientKind::ModernApp
        } else {
            ClientKind::Browser
        };
        crate::tenant::Client {
            kind,
            address: self.client,
        }
    }

    fn after_password(&mut self, t: &mut Tenant, cookies: &mut Cookies) {
        let id = self.user_id();
        // A mail app's window has no "Don't ask again" cookie of its own (rule 26).
        let remembered = if self.dest == Destination::Outlook {
            None
        } else {
            cookies.remembered_mfa.get(&id).copied()
        };
        t.note_interactive_sign_in(id);
        match t.sign_in_need(id, remembered) {
            SignInNeed::Register => {
                self.page = Page::SignIn(SignInPage::MoreInfoRequired {
                    upn: self.upn.clone(),
                    skip_days: t.registration_skip_days(id),
                })
            }
            SignInNeed::RegisterPasskey => self.page = Page::SignIn(SignInPage::PasskeyRequired),
            // Rule 19 (src/rules.rs): the default (or, with system-preferred MFA on, the
            // strongest) method starts at once; "Sign in another way" lists the others.
            SignInNeed::Verify(_) => match self.client {
                Some(ip) if t.trusted_ip_skips_mfa(id, ip) => {
                    self.verified(t, cookies, Proof::TrustedIp(ip))
                }
                _ if !t.mfa_prompt_needed(id, cookies.mfa_done.contains(&id)) => {
                    self.verified(t, cookies, Proof::NotNecessary)
                }
                _ => self.start_first(t),
            },
            SignInNeed::Nothing => {
                let has_methods = !t.user(id).info.is_empty();
                if self.dest == Destination::SecurityInfo && has_methods && remembered.is_none() {
                    // Rule 10 (src/rules.rs, the book's rules chapter): Security info asks for MFA even when the sign-in itself would not.
                    self.start_first(t);
                } else {
                    self.mfa_at = remembered;
                    let how = if remembered.is_some() {
                        Proof::Remembered
                    } else {
                        Proof::PasswordOnly
                    };
                    self.verified(t, cookies, how);
                }
            }
        }
    }

    pub(super) fn show_options(&mut self, t: &mut Tenant, error: Option<String>) {
        let id = self.user_id();
        let options = t
            .verify_options(id)
            .into_iter()
            .map(|o| (o, option_choice_label(t, id, o)))
            .collect();
        self.page = Page::SignIn(SignInPage::VerifyIdentity { options, error });
    }

    /// Start the method rule 19 puts first, or show the list when none can start.
    fn start_first(&mut self, t: &mut Tenant) {
        match t.first_option(self.user_id()) {
            Some(option) => self.start_option(t, option),
            None => self.show_options(t, None),
        }
    }

    fn start_option(&mut self, t: &mut Tenant, option: VerifyOption) {
        let id = self.user_id();
        self.method = Some(option);
        self.remember = false;
        match t.start_challenge(id, option, Purpose::SignIn) {
            Ok(cid) => {
                self.challenge = Some(cid);
                t.challenge_seen_from(cid, self.client);
                let c = t.challenge(cid).expect("invariant: just opened").clone();
                let masked = c.masked_phone.clone().unwrap_or_default();
                // Rule 26: "Don't ask again for N days" is offered in a browser only, never
                // in an app's sign-in window.
                let remember_days = t
                    .policy
                    .remember_mfa_days
                    .filter(|_| self.dest != Destination::Outlook);
                self.page = Page::SignIn(match option {
                    VerifyOption::Text => SignInPage::EnterCode {
                        texted: true,
                        prompt: format!("We texted your phone {masked}. Type the code to sign in."),
                        code: String::new(),
                        remember_days,
                        remember: false,
                        error: None,
                    },
                    VerifyOption::AppCode => SignInPage::EnterCode {
                        texted: false,
                        prompt: "Type the code shown in your authenticator app.".into(),
                        code: String::new(),
                        remember_days,
                        remember: false,
                        error: None,
                    },
                    VerifyOption::Push => SignInPage::ApproveRequest {
                        number: c.number,
                        remember_days,
                        remember: false,
                        error: None,
                    },
                    VerifyOption::Call(_) => SignInPage::Calling {
                        masked,
                        remember_days,
                        remember: false,
                        error: None,
                    },
                    VerifyOption::Passkey => SignInPage::PasskeySignIn { error: None },
                });
            }
            Err(e) => {
                t.log(
                    &self.upn,
                    &self.app,
                    self.client(),
                    Some(option_label(option).into()),
                    SignInResult::Failure,
                    &e.to_string(),
                );
                self.show_options(t, Some(e.to_string()));
            }
        }
    }

    /// Log a failed verification with the method that was tried.
    fn log_failure(&self, t: &mut Tenant, message: &str) {
        let method = self.method.map(|m| option_label(m).to_string());
        t.log(
            &self.upn,
            &self.app,
            self.client(),
            method,
            SignInResult::Failure,
            message,
        );
    }

    fn stop(&mut self, t: &mut Tenant, message: &str) {
        self.log_failure(t, message);
        self.page = Page::SignIn(SignInPage::Stopped {
            message: message.to_string(),
        });
    }

    /// The second factor passed (or was not needed): log it, then Stay signed in? or land.
    pub(super) fn verified(&mut self, t: &mut Tenant, cookies: &mut Cookies, proof: Proof) {
        let id = self.user_id();
        let how = match proof {
            Proof::Fresh(method) => {
                self.mfa_at = Some(t.now());
                method
            }
            Proof::Remembered => "MFA remembered on this device",
            Proof::PasswordOnly => "password only",
            Proof::TrustedIp(_) => "MFA skipped: trusted IP",
            Proof::NotNecessary => "MFA not asked this time: known device (security defaults)",
            Proof::RegistrationSkipped => "registration skipped for now (security defaults)",
        };
        if matches!(proof, Proof::Fresh(_)) {
            cookies.mfa_done.insert(id);
        }
        let detail = match proof {
            Proof::TrustedIp(ip) => format!("signed in from {ip}, a trusted IP"),
            _ => "signed in".to_string(),
        };
        if self.remember {
            cookies.remembered_mfa.insert(id, t.now());
        }
        t.log(
            &self.upn,
            &self.app,
            self.client(),
            Some(how.to_string()),
            SignInResult::Success,
            &detail,
        );
        // Rule 35 (src/rules.rs): from 2026-09-01 people the tenant enables for texts or calls
        // are nudged towards a passkey after signing in with a second factor, whichever they
        // used (in the simulator: in the browser, not in an app's sign-in window, and not
        // straight after sign-up).
        let enabled_for_phones =
            self.method.is_some() && (t.policy.methods.sms || t.policy.methods.voice);
        let in_browser = self.dest != Destination::Outlook;
        let can_add = calendar::passkeys_enabled(t.now(), &t.policy)
            && t.user(id).info.passkey_devices().is_empty();
        if matches!(proof, Proof::Fresh(_))
            && enabled_for_phones
            && in_browser
            && can_add
            && calendar::passkey_nudge(t.now())
        {
            self.page = Page::SignIn(SignInPage::PasskeyNudge);
        } else {
            self.after_verified(t, cookies);
        }
    }

    /// "Stay signed in?" where the tenant asks it, else straight to the page asked for. A
    /// mail app's window leaves the browser's cookies alone (the app takes its own token); a
    /// tenant that does not ask gives a session that ends when the browser closes.
    fn after_verified(&mut self, t: &mut Tenant, cookies: &mut Cookies) {
        if self.dest == Destination::Outlook {
            self.land(t);
        } else if t.policy.stay_signed_in_prompt {
            self.page = Page::SignIn(SignInPage::StaySignedIn { dont_show: false });
        } else {
            cookies.session = Some(BrowserSession {
                session: t.issue_session(self.user_id(), self.mfa_at),
                persistent: false,
            });
            self.land(t);
        }
    }

    /// Open a passkey registration: the QR code page, in Security info (`manage`) or in the
    /// sign-in (the rule-35 suggestion or the rule-36 blocking step).
    pub(super) fn start_passkey(&mut self, t: &mut Tenant, manage: bool) {
        match t.start_passkey_setup(self.user_id()) {
            Ok(payload) => self.show_wizard(
                manage,
                crate::screens::WizardPage::PasskeyQr {
                    payload,
                    error: None,
                },
            ),
            Err(e) if manage => self.show_security_info(t, Some(e.to_string())),
            Err(e) => self.stop(t, &e.to_string()),
        }
    }

    /// The passkey was saved: back to Security info, on with the sign-in after the
    /// suggestion, or (the rule-36 step) straight into signing in with it.
    pub(super) fn passkey_added(&mut self, manage: bool, t: &mut Tenant, cookies: &mut Cookies) {
        if manage {
            self.show_security_info(t, Some("Passkey added.".into()));
        } else if std::mem::take(&mut self.passkey_blocking) {
            self.start_option(t, VerifyOption::Passkey);
        } else {
            self.after_verified(t, cookies);
        }
    }

    /// Show the page the user asked for.
    pub(super) fn land(&mut self, t: &mut Tenant) {
        let id = self.user_id();
        let legacy = t.registration_experience() == Registration::Legacy;
        self.page = match self.dest {
            Destination::Office | Destination::Outlook => Page::Home {
                name: t.user(id).first_name().to_string(),
            },
            Destination::MfaSetup | Destination::AppPasswords if legacy => {
                let apw = self.dest == Destination::AppPasswords;
                return self.show_legacy_settings(t, apw, None);
            }
            _ => return self.show_security_info(t, None),
        };
    }

    fn start_registration(&mut self, t: &mut Tenant) {
        match t.registration_experience() {
            Registration::Legacy => {
                self.page = Page::Legacy(LegacyPage::Step1 {
                    contact: Contact::AuthenticationPhone,
                    push: true,
                    country: "1".into(),
                    number: String::new(),
                    by_call: false,
                    error: None,
                });
            }
            Registration::Combined => {
                self.asked = t.policy.registration_methods;
                self.set_up = 0;
                let step = self
                    .next_wizard_method(t)
                    .unwrap_or_else(|| new_phone(PhoneSlot::Mobile));
                self.show_wizard(false, step);
            }
        }
    }

    pub(super) fn refresh_sign_in(&mut self, t: &mut Tenant, cookies: &mut Cookies) {
        let waiting = matches!(
            self.page,
            Page::SignIn(
                SignInPage::ApproveRequest { error: None, .. }
                    | SignInPage::Calling { error: None, .. }
                    | SignInPage::PasskeySignIn { error: None }
            )
        );
        if !waiting {
            return;
        }
        let Some(state) = self.challenge.and_then(|c| t.refresh_challenge(c)) else {
            return;
        };
        match state {
            ChallengeState::Waiting => {}
            ChallengeState::Passed => {
                let label = option_label(self.method.unwrap_or(VerifyOption::Push));
                self.verified(t, cookies, Proof::Fresh(label));
            }
            ChallengeState::Failed(Failure::Reported) => {
                self.page = Page::SignIn(SignInPage::Stopped {
                    message: Failure::Reported.message().into(),
                });
            }
            ChallengeState::Failed(f) => {
                self.log_failure(t, f.message());
                let error = Some(f.message().to_string());
                if let Page::SignIn(
                    SignInPage::ApproveRequest { error: shown, .. }
                    | SignInPage::Calling { error: shown, .. }
                    | SignInPage::PasskeySignIn { error: shown },
                ) = &mut self.page
                {
                    *shown = error;
                }
            }
        }
    }
}
