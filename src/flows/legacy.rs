//! The older "Additional security verification" pages (the guide's era): sign-up in three
//! steps, and the settings page with its "app passwords" tab.

use super::Flow;
use crate::clock::format_date;
use crate::screens::{Action, Button, Choice, Contact, Field, LegacyPage, Link, Page, SignInPage};
use crate::tenant::methods::{Method, mask_phone};
use crate::tenant::verification::option_label;
use crate::tenant::{ChallengeState, CodeCheck, PhoneSlot, SignInResult, Tenant};

impl Flow {
    pub(super) fn legacy_action(
        &mut self,
        page: LegacyPage,
        action: &Action,
        t: &mut Tenant,
    ) -> bool {
        use LegacyPage as P;
        let id = self.user_id();
        match (page, action) {
            (
                P::Step1 {
                    push,
                    country,
                    number,
                    by_call,
                    ..
                },
                Action::Choose(Choice::Contact(c)),
            ) => {
                self.page = Page::Legacy(P::Step1 {
                    contact: *c,
                    push,
                    country,
                    number,
                    by_call,
                    error: None,
                });
            }
            (
                P::Step1 {
                    contact,
                    push,
                    number,
                    by_call,
                    error,
                    ..
                },
                Action::Enter(Field::CountryCode, text),
            ) => {
                self.page = Page::Legacy(P::Step1 {
                    contact,
                    push,
                    country: text.clone(),
                    number,
                    by_call,
                    error,
                });
            }
            (
                P::Step1 {
                    contact,
                    push,
                    country,
                    by_call,
                    error,
                    ..
                },
                Action::Enter(Field::PhoneNumber, text),
            ) => {
                self.page = Page::Legacy(P::Step1 {
                    contact,
                    push,
                    country,
                    number: text.clone(),
                    by_call,
                    error,
                });
            }
            (
                P::Step1 {
                    contact: Contact::AuthenticationPhone,
                    push,
                    country,
                    number,
                    error,
                    ..
                },
                Action::Choose(Choice::ByCall(b)),
            ) => {
                self.page = Page::Legacy(P::Step1 {
                    contact: Contact::AuthenticationPhone,
                    push,
                    country,
                    number,
                    by_call: *b,
                    error,
                });
            }
            (
                P::Step1 {
                    contact: contact @ (Contact::AuthenticationPhone | Contact::OfficePhone),
                    push,
                    country,
                    number,
                    by_call,
                    ..
                },
                Action::Press(Button::Next),
            ) => {
                let (slot, by_call) = match contact {
                    Contact::OfficePhone => (PhoneSlot::Office, true),
                    _ => (PhoneSlot::Mobile, by_call),
                };
                match self.start_phone(t, slot, &country, &number, "", by_call) {
                    Ok(masked) => {
                        let prompt = if by_call {
                            format!(
                                "We're calling your phone at {masked}. Answer it and press # to continue."
                            )
                        } else {
                            format!(
                                "We've sent a text message to your phone at {masked}. Type the code from it to continue."
                            )
                        };
                        self.page = Page::Legacy(P::Step2 {
                            prompt,
                            code: String::new(),
                            calling: by_call,
                            texted: !by_call,
                            error: None,
                        });
                    }
                    Err(error) => {
                        self.page = Page::Legacy(P::Step1 {
                            contact,
                            push,
                            country,
                            number,
                            by_call,
                            error: Some(error),
                        });
                    }
                }
            }
            (
                P::Step1 {
                    contact: Contact::MobileApp,
                    country,
                    number,
                    by_call,
                    ..
                },
                Action::Choose(Choice::AppUse(p)),
            ) => {
                self.page = Page::Legacy(P::Step1 {
                    contact: Contact::MobileApp,
                    push: *p,
                    country,
                    number,
                    by_call,
                    error: None,
                });
            }
            (
                P::Step1 {
                    contact: Contact::MobileApp,
                    push,
                    country,
                    number,
                    by_call,
                    ..
                },
                Action::Press(Button::SetUp),
            ) => match t.start_authenticator_setup(id) {
                Ok(payload) => {
                    self.page = Page::Legacy(P::ConfigureApp {
                        payload,
                        secret: None,
                        push,
                        without_notifications: false,
                        error: None,
                    });
                }
                Err(e) => {
                    self.page = Page::Legacy(P::Step1 {
                        contact: Contact::MobileApp,
                        push,
                        country,
                        number,
                        by_call,
                        error: Some(e.to_string()),
                    });
                }
            },
            (
                P::ConfigureApp {
                    without_notifications: false,
                    ..
                },
                Action::Follow(Link::ConfigureWithoutNotifications),
            ) => match t.start_software_token_setup(id) {
                Ok((cid, oath)) => {
                    self.challenge = Some(cid);
                    let secret = Some(oath.secret_base32());
                    self.page = Page::Legacy(P::ConfigureApp {
                        payload: oath.uri(),
                        secret,
                        push: false,
                        without_notifications: true,
                        error: None,
                    });
                }
                Err(e) => self.set_legacy_error(e.to_string()),
            },
            (
                P::ConfigureApp {
                    push: true,
                    without_notifications: false,
                    ..
                },
                Action::Press(Button::Next),
            ) => match t.start_authenticator_test(id, false) {
                Ok(Some(cid)) => {
                    self.challenge = Some(cid);
                    let number = t.challenge(cid).and_then(|c| c.number);
                    let prompt = match number {
                        Some(n) => format!("We've sent a notification to your mobile app. Type the number {n} in it and approve."),
                        None => "We've sent a notification to your mobile app. Approve it to continue.".to_string(),
                    };
                    self.page = Page::Legacy(P::Step2 {
                        prompt,
                        code: String::new(),
                        calling: true,
                        texted: false,
                        error: None,
                    });
                }
                Ok(None) => self.set_legacy_error("The app isn't set up yet. Scan the QR code with Microsoft Authenticator first.".into()),
                Err(e) => self.set_legacy_error(e.to_string()),
            },
            (
                P::ConfigureApp {
                    without_notifications,
                    ..
                },
                Action::Press(Button::Next),
            ) => {
                let prompt = "Type the 6-digit verification code your app shows.".to_string();
                if without_notifications {
                    self.page = Page::Legacy(P::Step2 {
                        prompt,
                        code: String::new(),
                        calling: false,
                        texted: false,
                        error: None,
                    });
                } else {
                    match t.start_authenticator_test(id, true) {
                        Ok(Some(cid)) => {
                            self.challenge = Some(cid);
                            self.page = Page::Legacy(P::Step2 { prompt, code: String::new(), calling: false, texted: false, error: None });
                        }
                        Ok(None) => self.set_legacy_error("The app isn't set up yet. Scan the QR code with Microsoft Authenticator first.".into()),
                        Err(e) => self.set_legacy_error(e.to_string()),
                    }
                }
            }
            (
                P::Step2 {
                    prompt,
                    calling: false,
                    texted,
                    error,
                    ..
                },
                Action::Enter(Field::Code, text),
            ) => {
                self.page = Page::Legacy(P::Step2 {
                    prompt,
                    code: text.clone(),
                    calling: false,
                    texted,
                    error,
                });
            }
            (
                P::Step2 {
                    prompt,
                    code,
                    calling: false,
                    texted,
                    ..
                },
                Action::Press(Button::Verify),
            ) => match t.submit_code(self.challenge.unwrap_or_default(), &code) {
                CodeCheck::Accepted => self.legacy_step3(t),
                other => {
                    let error = Some(other.message().to_string());
                    self.page = Page::Legacy(P::Step2 {
                        prompt,
                        code: String::new(),
                        calling: false,
                        texted,
                        error,
                    });
                }
            },
            // Another text: the service sends a fresh code and the earlier one stops working;
            // each send counts towards the limit on texts (rule 15). Refused, the page keeps the
            // earlier code and says why.
            (
                P::Step2 {
                    prompt,
                    calling: false,
                    texted: true,
                    ..
                },
                Action::Follow(Link::Resend),
            ) => {
                let error = match t.resend_text(self.challenge.unwrap_or_default()) {
                    Ok(fresh) => {
                        self.challenge = Some(fresh);
                        None
                    }
                    Err(e) => Some(e.to_string()),
                };
                self.page = Page::Legacy(P::Step2 {
                    prompt,
                    code: String::new(),
                    calling: false,
                    texted: true,
                    error,
                });
            }
            (P::Step3 { .. }, Action::Press(Button::Done)) => {
                t.finish_registration(id);
                t.log(
                    &self.upn,
                    &self.app,
                    crate::tenant::Client {
                        kind: super::Destination::Office.client_kind(),
                        address: self.client,
                    },
                    None,
                    SignInResult::Interrupted,
                    "verification set up; sign in again",
                );
                self.user = None;
                self.page = Page::SignIn(SignInPage::Email {
                    email: String::new(),
                    error: None,
                });
            }
            (
                P::Settings { .. },
                Action::Follow(l @ (Link::VerificationTab | Link::AppPasswordsTab)),
            ) => {
                self.show_legacy_settings(t, *l == Link::AppPasswordsTab, None);
            }
            (
                P::Settings {
                    app_passwords_tab: true,
                    methods,
                    app_passwords,
                    notice,
                    ..
                },
                Action::Choose(Choice::Row(row)),
            ) if app_passwords.iter().any(|r| r.0 == *row) => {
                let selected = Some(*row);
                self.page = Page::Legacy(P::Settings {
                    app_passwords_tab: true,
                    methods,
                    app_passwords,
                    selected,
                    notice,
                });
            }
            (
                P::Settings {
                    app_passwords_tab: true,
                    selected: Some(row),
                    ..
                },
                Action::Press(Button::Delete),
            ) => {
                let deleted = t.user_mut(id).app_passwords.delete(row);
                let notice = deleted.then(|| {
                    "App password deleted. Apps that used it can no longer sign in.".to_string()
                });
                self.show_legacy_settings(t, true, notice);
            }
            (
                P::Settings {
                    app_passwords_tab: true,
                    ..
                },
                Action::Press(Button::Create),
            ) => {
                if t.app_passwords_offered(id) {
                    self.page = Page::Legacy(P::AppPasswordName {
                        name: String::new(),
                        error: None,
                    });
                } else {
                    self.show_legacy_settings(
                        t,
                        true,
                        Some("Your organisation doesn't allow app passwords.".into()),
                    );
                }
            }
            (P::AppPasswordName { error, .. }, Action::Enter(Field::Name, text)) => {
                self.page = Page::Legacy(P::AppPasswordName {
                    name: text.clone(),
                    error,
                });
            }
            (P::AppPasswordName { name, .. }, Action::Press(Button::Next)) => match t
                .create_app_password(id, &name)
            {
                Ok(password) => self.page = Page::Legacy(P::AppPasswordCreated { name, password }),
                Err(e) => {
                    self.page = Page::Legacy(P::AppPasswordName {
                        name,
                        error: Some(e.to_string()),
                    })
                }
            },
            (P::AppPasswordCreated { name, .. }, Action::Press(Button::Close)) => {
                self.show_legacy_settings(
                    t,
                    true,
                    Some(format!("App password \"{name}\" created.")),
                );
            }
            _ => return false,
        }
        true
    }

    fn set_legacy_error(&mut self, message: String) {
        if let Page::Legacy(LegacyPage::ConfigureApp { error, .. }) = &mut self.page {
            *error = Some(message);
        }
    }

    fn legacy_step3(&mut self, t: &mut Tenant) {
        let id = self.user_id();
        let app_password = if t.app_passwords_offered(id) {
            t.create_app_password(id, "Created at sign-up").ok()
        } else {
            None
        };
        self.page = Page::Legacy(LegacyPage::Step3 { app_password });
    }

    /// The older settings page, on one of its two tabs.
    pub(super) fn show_legacy_settings(
        &mut self,
        t: &mut Tenant,
        app_passwords_tab: bool,
        notice: Option<String>,
    ) {
        let user = t.user(self.user_id());
        let default = user.info.default_option();
        let methods = user
            .info
            .entries()
            .iter()
            .map(|e| match &e.method {
                Method::Phone { slot, number } => {
                    format!("{}: {}", slot.label(), mask_phone(number))
                }
                Method::Authenticator { device_name, .. } => {
                    format!("Authenticator app: {device_name}")
                }
                Method::SoftwareToken { oath, .. } => {
                    format!("Authenticator app (codes only): {}", oath.issuer())
                }
                Method::Passkey { device_name, .. } => format!("Passkey: {device_name}"),
            })
            .chain(default.map(|d| format!("Default: {}", option_label(d))))
            .collect();
        // Rule 23: with the tenant's setting turned off, App Passwords already made keep
        // working for mail but are no longer listed here, so they cannot be managed.
        let manageable = t.app_passwords_manageable();
        let app_passwords = if manageable {
            user.app_passwords
                .records()
                .iter()
                .map(|r| (r.id, r.name.clone(), format_date(r.created)))
                .collect()
        } else {
            Vec::new()
        };
        let notice = match notice {
            None if app_passwords_tab && !manageable => {
                Some("Your organisation doesn't allow app passwords.".to_string())
            }
            other => other,
        };
        self.page = Page::Legacy(LegacyPage::Settings {
            app_passwords_tab,
            methods,
            app_passwords,
            selected: None,
            notice,
        });
    }

    pub(super) fn refresh_setup(&mut self, t: &mut Tenant) {
        let Some(cid) = self.challenge else { return };
        let calling = matches!(
            self.page,
            Page::Legacy(LegacyPage::Step2 {
                calling: true,
                error: None,
                ..
            }) | Page::Wizard {
                step: crate::screens::WizardPage::Calling { error: None, .. },
                ..
            } | Page::Wizard {
                step: crate::screens::WizardPage::TryItOut {
                    approved: false,
                    error: None,
                    ..
                },
                ..
            }
        );
        if !calling {
            return;
        }
        match t.refresh_challenge(cid) {
            Some(ChallengeState::Passed) => match self.page.clone() {
                Page::Legacy(_) => self.legacy_step3(t),
                Page::Wizard { manage, step, .. } => self.wizard_passed(manage, step),
                _ => {}
            },
            Some(ChallengeState::Failed(f)) => match &mut self.page {
                Page::Legacy(LegacyPage::Step2 { error, .. }) => *error = Some(f.message().into()),
                Page::Wizard {
                    step: crate::screens::WizardPage::Calling { error, .. },
                    ..
                } => *error = Some(f.message().into()),
                Page::Wizard {
                    step: crate::screens::WizardPage::TryItOut { error, .. },
                    ..
                } => *error = Some(f.message().into()),
                _ => {}
            },
            _ => {}
        }
    }
}

impl super::Destination {
    /// The sign-in log's client kind for a flow going here.
    pub(crate) fn client_kind(self) -> crate::tenant::ClientKind {
        if self == super::Destination::Outlook {
            crate::tenant::ClientKind::ModernApp
        } else {
            crate::tenant::ClientKind::Browser
        }
    }
}
