//! "Keep your account secure" (combined registration, interrupt mode) and the same steps as
//! Security info's add dialogs (`manage`): Microsoft Authenticator with its test push, a
//! different authenticator app, phones, and App Passwords.

use super::{Cookies, Flow};
use crate::screens::{Action, Button, Choice, Field, Link, NewMethod, Page, WizardPage};
use crate::tenant::verification::option_label;
use crate::tenant::{CodeCheck, PhoneSlot, Tenant};

impl Flow {
    pub(super) fn wizard_action(
        &mut self,
        manage: bool,
        step: WizardPage,
        action: &Action,
        t: &mut Tenant,
        cookies: &mut Cookies,
    ) -> bool {
        use WizardPage as W;
        let id = self.user_id();
        let go = |flow: &mut Flow, step: W| flow.show_wizard(manage, step);
        match (step, action) {
            (W::StartApp { .. }, Action::Press(Button::Next)) => {
                go(self, W::SetUpAccount { error: None })
            }
            (W::StartApp { .. }, Action::Follow(Link::DifferentAuthenticatorApp)) => {
                go(self, W::OtherAppIntro { error: None })
            }
            (
                W::StartApp {
                    other_methods: true,
                },
                Action::Follow(Link::DifferentMethod),
            ) if !manage => {
                let options = self.other_methods(t);
                go(
                    self,
                    W::ChooseMethod {
                        options,
                        selected: None,
                    },
                );
            }
            (W::SetUpAccount { .. }, Action::Press(Button::Back)) => {
                go(self, self.start_app(t, manage))
            }
            (W::SetUpAccount { .. }, Action::Press(Button::Next)) => {
                match t.start_authenticator_setup(id) {
                    Ok(payload) => go(
                        self,
                        W::ScanQr {
                            payload,
                            manual: false,
                            error: None,
                        },
                    ),
                    Err(e) => go(
                        self,
                        W::SetUpAccount {
                            error: Some(e.to_string()),
                        },
                    ),
                }
            }
            (W::ScanQr { .. }, Action::Press(Button::Back)) => {
                go(self, W::SetUpAccount { error: None })
            }
            (W::ScanQr { payload, .. }, Action::Follow(Link::CantScan)) => go(
                self,
                W::ScanQr {
                    payload,
                    manual: true,
                    error: None,
                },
            ),
            (
                W::ScanQr {
                    payload, manual, ..
                },
                Action::Press(Button::Next),
            ) => match t.start_authenticator_test(id, false) {
                Ok(Some(cid)) => {
                    self.challenge = Some(cid);
                    let number = t.challenge(cid).and_then(|c| c.number);
                    go(
                        self,
                        W::TryItOut {
                            number,
                            approved: false,
                            error: None,
                        },
                    );
                }
                Ok(None) => {
                    let error = Some("We couldn't reach the app yet. Scan the QR code with Microsoft Authenticator first.".into());
                    go(
                        self,
                        W::ScanQr {
                            payload,
                            manual,
                            error,
                        },
                    );
                }
                Err(e) => go(
                    self,
                    W::ScanQr {
                        payload,
                        manual,
                        error: Some(e.to_string()),
                    },
                ),
            },
            (W::TryItOut { .. }, Action::Press(Button::Back)) => {
                go(self, self.start_app(t, manage))
            }
            (W::TryItOut { approved: true, .. }, Action::Press(Button::Next)) => {
                self.method_added(manage, t, "Microsoft Authenticator")
            }
            (W::OtherAppIntro { .. }, Action::Press(Button::Back)) => {
                go(self, self.start_app(t, manage))
            }
            (W::OtherAppIntro { .. }, Action::Press(Button::Next)) => {
                match t.start_software_token_setup(id) {
                    Ok((cid, oath)) => {
                        self.challenge = Some(cid);
                        go(
                            self,
                            W::OtherAppQr {
                                uri: oath.uri(),
                                secret: oath.secret_base32(),
                                show_secret: false,
                            },
                        );
                    }
                    Err(e) => go(
                        self,
                        W::OtherAppIntro {
                            error: Some(e.to_string()),
                        },
                    ),
                }
            }
            (W::OtherAppQr { uri, secret, .. }, Action::Follow(Link::CantScan)) => go(
                self,
                W::OtherAppQr {
                    uri,
                    secret,
                    show_secret: true,
                },
            ),
            (W::OtherAppQr { .. }, Action::Press(Button::Back)) => {
                go(self, W::OtherAppIntro { error: None })
            }
            (W::OtherAppQr { .. }, Action::Press(Button::Next)) => go(
                self,
                W::OtherAppCode {
                    code: String::new(),
                    error: None,
                },
            ),
            (W::OtherAppCode { error, .. }, Action::Enter(Field::Code, text)) => go(
                self,
                W::OtherAppCode {
                    code: text.clone(),
                    error,
                },
            ),
            (W::OtherAppCode { code, .. }, Action::Press(Button::Next)) => {
                match t.submit_code(self.challenge.unwrap_or_default(), &code) {
                    CodeCheck::Accepted => self.method_added(manage, t, "Authenticator app"),
                    other => go(
                        self,
                        W::OtherAppCode {
                            code: String::new(),
                            error: Some(other.message().into()),
                        },
                    ),
                }
            }
            (W::ChooseMethod { options, .. }, Action::Choose(Choice::Add(m)))
                if options.contains(m) =>
            {
                go(
                    self,
                    W::ChooseMethod {
                        options,
                        selected: Some(*m),
                    },
                );
            }
            (
                W::ChooseMethod {
                    selected: Some(m), ..
                },
                Action::Press(Button::Confirm),
            ) => match m {
                NewMethod::AuthenticatorApp => go(self, self.start_app(t, manage)),
                NewMethod::Phone(slot) => go(self, new_phone(slot)),
                NewMethod::AppPassword => go(
                    self,
                    W::AppPasswordName {
                        name: String::new(),
                        error: None,
                    },
                ),
                NewMethod::Passkey => self.start_passkey(t, manage),
            },
            (
                W::Phone {
                    slot,
                    number,
                    by_call,
                    extension,
                    error,
                    ..
                },
                Action::Enter(Field::CountryCode, text),
            ) => {
                go(
                    self,
                    W::Phone {
                        slot,
                        country: text.clone(),
                        number,
                        by_call,
                        extension,
                        error,
                    },
                );
            }
            (
                W::Phone {
                    slot,
                    country,
                    by_call,
                    extension,
                    error,
                    ..
                },
                Action::Enter(Field::PhoneNumber, text),
            ) => {
                go(
                    self,
                    W::Phone {
                        slot,
                        country,
                        number: text.clone(),
                        by_call,
                        extension,
                        error,
                    },
                );
            }
            // Rule 13: only the office phone's form has an "Extension" box.
            (
                W::Phone {
                    slot: PhoneSlot::Office,
                    country,
                    number,
                    by_call,
                    error,
                    ..
                },
                Action::Enter(Field::Extension, text),
            ) => {
                go(
                    self,
                    W::Phone {
                        slot: PhoneSlot::Office,
                        country,
                        number,
                        by_call,
                        extension: text.clone(),
                        error,
                    },
                );
            }
            (
                W::Phone {
                    slot: PhoneSlot::Mobile,
                    country,
                    number,
                    extension,
                    error,
                    ..
                },
                Action::Choose(Choice::ByCall(b)),
            ) => {
                go(
                    self,
                    W::Phone {
                        slot: PhoneSlot::Mobile,
                        country,
                        number,
                        by_call: *b,
                        extension,
                        error,
                    },
                );
            }
            (
                W::Phone {
                    slot,
                    country,
                    number,
                    by_call,
                    extension,
                    ..
                },
                Action::Press(Button::Next),
            ) => {
                let by_call = by_call || slot != PhoneSlot::Mobile;
                match self.start_phone(t, slot, &country, &number, &extension, by_call) {
                    Ok(masked) => {
                        if by_call {
                            go(
                                self,
                                W::Calling {
                                    masked,
                                    error: None,
                                },
                            );
                        } else {
                            go(
                                self,
                                W::PhoneCode {
                                    masked,
                                    code: String::new(),
                                    error: None,
                                },
                            );
                        }
                    }
                    Err(error) => go(
                        self,
                        W::Phone {
                            slot,
                            country,
                            number,
                            by_call,
                            extension,
                            error: Some(error),
                        },
                    ),
                }
            }
            (W::PhoneCode { masked, error, .. }, Action::Enter(Field::Code, text)) => go(
                self,
                W::PhoneCode {
                    masked,
                    code: text.clone(),
                    error,
                },
            ),
            (W::PhoneCode { .. } | W::Calling { .. }, Action::Press(Button::Back)) => {
                go(self, new_phone(PhoneSlot::Mobile))
            }
            (W::PhoneCode { masked, code, .. }, Action::Press(Button::Next)) => {
                match t.submit_code(self.challenge.unwrap_or_default(), &code) {
                    CodeCheck::Accepted => go(self, W::PhoneDone { by_call: false }),
                    other => go(
                        self,
                        W::PhoneCode {
                            masked,
                            code: String::new(),
                            error: Some(other.message().into()),
                        },
                    ),
                }
            }
            (W::PhoneDone { .. }, Action::Press(Button::Next | Button::Done)) => {
                self.method_added(manage, t, "Phone")
            }
            (W::PasskeyQr { payload, .. }, Action::Press(Button::Next)) => {
                if t.passkey_created(&payload) {
                    go(self, W::PasskeyDone)
                } else {
                    let error = Some("Your phone hasn't confirmed a passkey yet. Scan the code with Microsoft Authenticator and confirm with your screen lock.".into());
                    go(self, W::PasskeyQr { payload, error })
                }
            }
            (W::PasskeyDone, Action::Press(Button::Next | Button::Done)) => {
                self.passkey_added(manage, t, cookies)
            }
            (W::AppPasswordName { error, .. }, Action::Enter(Field::Name, text)) => go(
                self,
                W::AppPasswordName {
                    name: text.clone(),
                    error,
                },
            ),
            (W::AppPasswordName { name, .. }, Action::Press(Button::Next)) => {
                match t.create_app_password(id, &name) {
                    Ok(password) => go(self, W::AppPasswordShown { name, password }),
                    Err(e) => go(
                        self,
                        W::AppPasswordName {
                            name,
                            error: Some(e.to_string()),
                        },
                    ),
                }
            }
            (W::AppPasswordShown { name, .. }, Action::Press(Button::Done)) => {
                if manage {
                    self.show_security_info(t, Some(format!("App password \"{name}\" created.")));
                } else {
                    self.wizard_success(t);
                }
            }
            (W::Success { .. }, Action::Press(Button::Done)) => {
                t.finish_registration(id);
                self.verified(
                    t,
                    cookies,
                    super::sign_in::Proof::Fresh("security info registered"),
                );
            }
            _ => return false,
        }
        true
    }

    /// A push or call answered during setup.
    pub(super) fn wizard_passed(&mut self, manage: bool, step: WizardPage) {
        let step = match step {
            WizardPage::TryItOut { number, .. } => WizardPage::TryItOut {
                number,
                approved: true,
                error: None,
            },
            WizardPage::Calling { .. } => WizardPage::PhoneDone { by_call: true },
            other => other,
        };
        self.show_wizard(manage, step);
    }

    /// Show a wizard step, with "Method n of 2" while the interrupt asks for two methods.
    pub(super) fn show_wizard(&mut self, manage: bool, step: WizardPage) {
        let counts = !matches!(
            step,
            WizardPage::AppPasswordName { .. }
                | WizardPage::AppPasswordShown { .. }
                | WizardPage::Success { .. }
        );
        let progress = (!manage && self.asked > 1 && counts)
            .then(|| ((self.set_up + 1).min(self.asked), self.asked));
        self.page = Page::Wizard {
            manage,
            step,
            progress,
        };
    }

    /// A method was proven. In Security info, back to the list; in the sign-in interrupt, the
    /// next method asked for, then the App password step where rule 20 holds, then Success!
    /// (rule 7).
    pub fn method_added(&mut self, manage: bool, t: &mut Tenant, what: &str) {
        let id = self.user_id();
        if manage {
            return self.show_security_info(t, Some(format!("{what} added.")));
        }
        self.set_up = self.set_up.saturating_add(1);
        let next = (self.set_up < self.asked)
            .then(|| self.next_wizard_method(t))
            .flatten();
        if let Some(step) = next {
            self.show_wizard(false, step);
        } else if t.app_password_step_in_wizard(id) {
            self.show_wizard(
                false,
                WizardPage::AppPasswordName {
                    name: String::new(),
                    error: None,
                },
            );
        } else {
            self.wizard_success(t);
        }
    }

    /// The interrupt's next method: Microsoft Authenticator first where the tenant enables
    /// it, then the mobile phone (text or call), then another authenticator app; `None` when
    /// the user has every kind the tenant enables for them.
    pub(super) fn next_wizard_method(&self, t: &Tenant) -> Option<WizardPage> {
        let user = t.user(self.user_id());
        let m = &t.policy.methods;
        let has_app = user.info.app_count() > 0;
        let phones = !t.policy.security_defaults && (m.sms || m.voice);
        if !has_app && m.authenticator {
            Some(self.start_app(t, false))
        } else if phones && user.info.phone(PhoneSlot::Mobile).is_none() {
            Some(new_phone(PhoneSlot::Mobile))
        } else if !has_app && m.software_oath {
            Some(WizardPage::OtherAppIntro { error: None })
        } else {
            None
        }
    }

    fn wizard_success(&mut self, t: &mut Tenant) {
        let id = self.user_id();
        let info = &t.user(id).info;
        let methods = info
            .options()
            .into_iter()
            .map(option_label)
            .map(str::to_string)
            .collect();
        let default = info
            .default_option()
            .map(option_label)
            .unwrap_or("none")
            .to_string();
        self.show_wizard(false, WizardPage::Success { methods, default });
    }

    /// "Start by getting the app", with "I want to set up a different method" where the
    /// interrupt has another method to offer.
    pub(super) fn start_app(&self, t: &Tenant, manage: bool) -> WizardPage {
        WizardPage::StartApp {
            other_methods: !manage && !self.other_methods(t).is_empty(),
        }
    }

    /// What "I want to set up a different method" offers: the methods the tenant enables for
    /// the user other than an authenticator app, which the link skips (rules 7 and 9).
    fn other_methods(&self, t: &Tenant) -> Vec<NewMethod> {
        let mut options = self.new_method_options(t, false);
        options.retain(|m| *m != NewMethod::AuthenticatorApp);
        options
    }

    /// Which kinds of method can be added now (rules 9, 11 and 20 of [`crate::rules`]).
    pub fn new_method_options(&self, t: &Tenant, manage: bool) -> Vec<NewMethod> {
        let id = self.user_id();
        let user = t.user(id);
        let m = &t.policy.methods;
        let mut out = Vec::new();
        if m.authenticator || m.software_oath {
            out.push(NewMethod::AuthenticatorApp);
        }
        // Security defaults register Microsoft Authenticator (or another app) at sign-in, not
        // phones.
        // Rule 36: after Microsoft stops delivering, a phone may still be chosen here, but the
        // text or call that would prove it fails with the retirement message.
        let phones = manage || !t.policy.security_defaults;
        if phones && (m.sms || m.voice) && user.info.phone(PhoneSlot::Mobile).is_none() {
            out.push(NewMethod::Phone(PhoneSlot::Mobile));
        }
        if manage && m.voice && user.info.phone(PhoneSlot::Alternate).is_none() {
            out.push(NewMethod::Phone(PhoneSlot::Alternate));
        }
        if phones
            && m.voice
            && m.office_phone
            && user.info.phone(PhoneSlot::Office).is_none()
            && (manage || user.business_phone.is_some())
        {
            out.push(NewMethod::Phone(PhoneSlot::Office));
        }
        if manage
            && crate::tenant::calendar::passkeys_enabled(t.now(), &t.policy)
            && user.info.passkey_devices().is_empty()
        {
            out.push(NewMethod::Passkey);
        }
        if manage && t.app_passwords_offered(id) {
            out.push(NewMethod::AppPassword);
        }
        out
    }
}

/// An empty phone form for a slot.
pub(super) fn new_phone(slot: PhoneSlot) -> WizardPage {
    WizardPage::Phone {
        slot,
        country: "1".into(),
        number: String::new(),
        by_call: slot != PhoneSlot::Mobile,
        extension: String::new(),
        error: None,
    }
}
