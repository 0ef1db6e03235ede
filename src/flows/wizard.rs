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
        let go = |flow: &mut Flow, step: W| flow.page = Page::Wizard { manage, step };
        match (step, action) {
            (W::StartApp, Action::Press(Button::Next)) => go(self, W::SetUpAccount { error: None }),
            (W::StartApp, Action::Follow(Link::DifferentAuthenticatorApp)) => {
                go(self, W::OtherAppIntro { error: None })
            }
            (W::StartApp, Action::Follow(Link::DifferentMethod)) if !manage => {
                let options = self.new_method_options(t, false);
                go(
                    self,
                    W::ChooseMethod {
                        options,
                        selected: None,
                    },
                );
            }
            (W::SetUpAccount { .. }, Action::Press(Button::Back)) => go(self, W::StartApp),
            (W::SetUpAccount { .. }, Action::Press(Button::Next)) => {
                match t.start_authenticator_setup(id) {
                    Ok(payload) => go(
                        self,
                        W::ScanQr {
                            payload,
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
            (W::ScanQr { payload, .. }, Action::Press(Button::Next)) => {
                match t.start_authenticator_test(id, false) {
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
                        go(self, W::ScanQr { payload, error });
                    }
                    Err(e) => go(
                        self,
                        W::ScanQr {
                            payload,
                            error: Some(e.to_string()),
                        },
                    ),
                }
            }
            (W::TryItOut { .. }, Action::Press(Button::Back)) => go(self, W::StartApp),
            (W::TryItOut { approved: true, .. }, Action::Press(Button::Next)) => {
                self.method_added(manage, t, "Microsoft Authenticator")
            }
            (W::OtherAppIntro { .. }, Action::Press(Button::Back)) => go(self, W::StartApp),
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
                NewMethod::AuthenticatorApp => go(self, W::StartApp),
                NewMethod::Phone(slot) => go(self, new_phone(slot)),
                NewMethod::AppPassword => go(
                    self,
                    W::AppPasswordName {
                        name: String::new(),
                        error: None,
                    },
                ),
            },
            (
                W::Phone {
                    slot,
                    number,
                    by_call,
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
                        error,
                    },
                );
            }
            (
                W::Phone {
                    slot,
                    country,
                    by_call,
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
                        error,
                    },
                );
            }
            (
                W::Phone {
                    slot: PhoneSlot::Mobile,
                    country,
                    number,
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
                    ..
                },
                Action::Press(Button::Next),
            ) => {
                let by_call = by_call || slot != PhoneSlot::Mobile;
                match self.start_phone(t, slot, &country, &number, by_call) {
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
        self.page = Page::Wizard {
            manage,
            step: match step {
                WizardPage::TryItOut { number, .. } => WizardPage::TryItOut {
                    number,
                    approved: true,
                    error: None,
                },
                WizardPage::Calling { .. } => WizardPage::PhoneDone { by_call: true },
                other => other,
            },
        };
    }

    fn method_added(&mut self, manage: bool, t: &mut Tenant, what: &str) {
        let id = self.user_id();
        if manage {
            self.show_security_info(t, Some(format!("{what} added.")));
        } else if t.app_passwords_offered(id) && t.user(id).app_passwords.records().is_empty() {
            self.page = Page::Wizard {
                manage,
                step: WizardPage::AppPasswordName {
                    name: String::new(),
                    error: None,
                },
            };
        } else {
            self.wizard_success(t);
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
        self.page = Page::Wizard {
            manage: false,
            step: WizardPage::Success { methods, default },
        };
    }

    /// Which kinds of method can be added now (rules 9, 11 and 20 of [`crate::rules`]).
    pub(super) fn new_method_options(&self, t: &Tenant, manage: bool) -> Vec<NewMethod> {
        let id = self.user_id();
        let user = t.user(id);
        let m = &t.policy.methods;
        let mut out = Vec::new();
        if m.authenticator || m.software_oath {
            out.push(NewMethod::AuthenticatorApp);
        }
        // Security defaults register Microsoft Authenticator (or another app) at sign-in, not
        // phones.
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
        error: None,
    }
}
