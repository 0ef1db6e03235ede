//! How the sign-up pages look: the older "Additional security verification" pages, the
//! "Keep your account secure" wizard (also Security info's add dialogs) and Security info.

use super::id::WizardStep;
use super::page::{
    APP_PASSWORDS, LegacyPage, ManagePage, PROOFUP, REGISTER, SECURITY_INFO, WizardPage,
};
use super::view::{Activation, ScreenView};
use super::{Button, Choice, Contact, Field, Link, app_use_label};
use crate::records::{PhoneSlot, activation_parts};

impl LegacyPage {
    pub(super) fn view(&self) -> ScreenView {
        let v = ScreenView::new(PROOFUP, "Additional security verification");
        match self {
            LegacyPage::Step1 {
                contact,
                push,
                country,
                number,
                by_call,
                error,
            } => {
                let mut v = v
                    .subtitle("Step 1: How should we contact you?")
                    .say("Secure your account by adding phone verification to your password.");
                for c in [
                    Contact::AuthenticationPhone,
                    Contact::OfficePhone,
                    Contact::MobileApp,
                ] {
                    v = v.choice(c.label(), Choice::Contact(c), c == *contact);
                }
                match contact {
                    Contact::MobileApp => {
                        let mut v = v.say("How do you want to use the mobile app?");
                        for p in [true, false] {
                            v = v.choice(app_use_label(p), Choice::AppUse(p), p == *push);
                        }
                        v.error(error).buttons(&[Button::SetUp])
                    }
                    _ => {
                        let mut v = v
                            .field(Field::CountryCode, country)
                            .field(Field::PhoneNumber, number);
                        if *contact == Contact::AuthenticationPhone {
                            v = v
                                .choice(
                                    "Send me a code by text message",
                                    Choice::ByCall(false),
                                    !by_call,
                                )
                                .choice("Call me", Choice::ByCall(true), *by_call);
                        }
                        v.error(error).buttons(&[Button::Next])
                    }
                }
            }
            LegacyPage::ConfigureApp {
                payload,
                secret,
                without_notifications,
                error,
                ..
            } => {
                let install = if *without_notifications {
                    "1. Install Microsoft Authenticator or any authenticator app for Windows Phone, Android or iOS."
                } else {
                    "1. Install the Microsoft Authenticator app for Windows Phone, Android or iOS."
                };
                let mut v = ScreenView::new(PROOFUP, "Configure mobile app")
                    .say(install)
                    .say("2. In the app, add an account and choose to scan a QR code.")
                    .say("3. Scan the image below.");
                v.qr = Some(payload.clone());
                v.secret = secret.clone();
                if let Some((code, url)) = activation_parts(payload) {
                    v = v.say("If you can't scan the image, enter this code and URL in the app.");
                    v.activation = Some(Activation { code, url });
                } else if secret.is_some() {
                    v = v.say("If you can't scan the image, enter the secret key in the app.");
                }
                let links: &[Link] = if *without_notifications {
                    &[]
                } else {
                    &[Link::ConfigureWithoutNotifications]
                };
                v.error(error).links(links).buttons(&[Button::Next])
            }
            LegacyPage::Step2 {
                prompt,
                code,
                calling,
                texted,
                error,
            } => {
                let v = v.subtitle("Step 2: Prove it's you").say(prompt.clone());
                if *calling {
                    v.error(error)
                } else {
                    let v = v
                        .field(Field::Code, code)
                        .error(error)
                        .buttons(&[Button::Verify]);
                    if *texted { v.links(&[Link::Resend]) } else { v }
                }
            }
            LegacyPage::Step3 { app_password } => {
                let mut v = v.subtitle("Step 3: Keep using your existing applications");
                match app_password {
                    Some(pw) => {
                        v = v
                            .say("Mail apps that can't ask for a verification code need this app password instead of your password.")
                            .say("Copy it now: it will not be shown again.");
                        v.app_password = Some(pw.clone());
                    }
                    None => v = v.say("Verification is set up."),
                }
                v.buttons(&[Button::Done])
            }
            LegacyPage::Settings {
                app_passwords_tab,
                methods,
                app_passwords,
                selected,
                notice,
            } => {
                let v = ScreenView::new(APP_PASSWORDS, "Additional security verification")
                    .links(&[Link::VerificationTab, Link::AppPasswordsTab]);
                if *app_passwords_tab {
                    let mut v = v.subtitle("app passwords").say(
                        "Apps that can't use verification codes sign in with an app password.",
                    );
                    v.table.push(vec!["Name".into(), "Created".into()]);
                    v.table.extend(
                        app_passwords
                            .iter()
                            .map(|(_, n, c)| vec![n.clone(), c.clone()]),
                    );
                    for (id, name, _) in app_passwords {
                        v = v.choice(name, Choice::Row(*id), Some(*id) == *selected);
                    }
                    let buttons: &[Button] = if selected.is_some() {
                        &[Button::Create, Button::Delete]
                    } else {
                        &[Button::Create]
                    };
                    v.notice(notice).buttons(buttons)
                } else {
                    let mut v = v.subtitle("additional security verification");
                    v.text.extend(methods.iter().cloned());
                    v.notice(notice)
                }
            }
            LegacyPage::AppPasswordName { name, error } => {
                ScreenView::new(APP_PASSWORDS, "Create app password")
                    .field(Field::Name, name)
                    .error(error)
                    .buttons(&[Button::Next])
            }
            LegacyPage::AppPasswordCreated { name, password } => {
                let mut v = ScreenView::new(APP_PASSWORDS, "Your app password").say(format!(
                    "App password for \"{name}\". Copy it now: it will not be shown again."
                ));
                v.app_password = Some(password.clone());
                v.buttons(&[Button::Close])
            }
        }
    }
}

impl WizardPage {
    pub(super) fn view(&self, manage: bool, progress: Option<(u8, u8)>) -> ScreenView {
        let mut v = self.draw(manage);
        if let Some((n, of)) = progress {
            let what = match self.id() {
                WizardStep::StartApp
                | WizardStep::SetUpAccount
                | WizardStep::ScanQr
                | WizardStep::TryItOut
                | WizardStep::OtherAppIntro
                | WizardStep::OtherAppQr
                | WizardStep::OtherAppCode => "App",
                WizardStep::Phone
                | WizardStep::PhoneCode
                | WizardStep::Calling
                | WizardStep::PhoneDone => "Phone",
                _ => "",
            };
            let line = if what.is_empty() {
                format!("Method {n} of {of}")
            } else {
                format!("Method {n} of {of}: {what}")
            };
            v.text.insert(0, line);
        }
        v
    }

    fn draw(&self, manage: bool) -> ScreenView {
        let (address, title) = if manage {
            (SECURITY_INFO, "Security info")
        } else {
            (REGISTER, "Keep your account secure")
        };
        let v = ScreenView::new(address, title);
        let diff = match self {
            WizardPage::StartApp {
                other_methods: true,
            } if !manage => vec![Link::DifferentAuthenticatorApp, Link::DifferentMethod],
            _ => vec![Link::DifferentAuthenticatorApp],
        };
        match self {
            WizardPage::StartApp { .. } => v
                .subtitle("Microsoft Authenticator: start by getting the app")
                .say("Install Microsoft Authenticator on your phone, then choose Next.")
                .links(&diff)
                .buttons(&[Button::Next]),
            WizardPage::SetUpAccount { error } => v
                .subtitle("Microsoft Authenticator: set up your account")
                .say("In the app, allow notifications, then add a work or school account.")
                .error(error)
                .buttons(&[Button::Back, Button::Next]),
            WizardPage::ScanQr {
                payload,
                manual,
                error,
            } => {
                let mut v = v.subtitle("Microsoft Authenticator: scan the QR code").say(
                    "Scan this code with Microsoft Authenticator to connect it to your account.",
                );
                v.qr = Some(payload.clone());
                let parts = activation_parts(payload).filter(|_| *manual);
                if let Some((code, url)) = parts {
                    v = v.say("In the app, choose to add the account by hand and enter this code and URL.");
                    v.activation = Some(Activation { code, url });
                    v.error(error).buttons(&[Button::Back, Button::Next])
                } else {
                    v.error(error)
                        .links(&[Link::CantScan])
                        .buttons(&[Button::Back, Button::Next])
                }
            }
            WizardPage::TryItOut {
                number,
                approved,
                error,
            } => {
                let mut v = v.subtitle("Microsoft Authenticator: let's try it out");
                v.number = *number;
                v = match (approved, number) {
                    (true, _) => v.notice(&Some("Notification approved".into())),
                    (false, Some(n)) => v.say(format!(
                        "Approve the notification we sent to the app by typing the number {n}."
                    )),
                    (false, None) => v.say("Approve the notification we sent to the app."),
                };
                v.error(error).buttons(&[Button::Back, Button::Next])
            }
            WizardPage::OtherAppIntro { error } => v
                .subtitle("Authenticator app: set up your account")
                .say("In your authenticator app, add a new account and choose to scan a QR code.")
                .error(error)
                .buttons(&[Button::Back, Button::Next]),
            WizardPage::OtherAppQr {
                uri,
                secret,
                show_secret,
            } => {
                let mut v = v
                    .subtitle("Authenticator app: scan the QR code")
                    .say("Scan this code with your authenticator app.");
                v.qr = Some(uri.clone());
                if *show_secret {
                    v.secret = Some(secret.clone());
                    v.say("In the app, add the account by hand with this secret key.")
                        .buttons(&[Button::Back, Button::Next])
                } else {
                    v.links(&[Link::CantScan])
                        .buttons(&[Button::Back, Button::Next])
                }
            }
            WizardPage::OtherAppCode { code, error } => v
                .subtitle("Authenticator app: enter code")
                .say("Type the 6-digit code your authenticator app shows.")
                .field(Field::Code, code)
                .error(error)
                .buttons(&[Button::Back, Button::Next]),
            WizardPage::ChooseMethod { options, selected } => {
                let mut v = v.subtitle("Choose a different method");
                for o in options {
                    v = v.choice(o.label(), Choice::Add(*o), Some(*o) == *selected);
                }
                v.buttons(&[Button::Back, Button::Confirm])
            }
            WizardPage::Phone {
                slot,
                country,
                number,
                by_call,
                extension,
                error,
            } => {
                let mut v = v
                    .subtitle(slot.label())
                    .say("You can prove who you are by answering a call or texting a code to your phone.")
                    .field(Field::CountryCode, country)
                    .field(Field::PhoneNumber, number);
                if *slot == PhoneSlot::Office {
                    v = v.field(Field::Extension, extension);
                }
                if *slot == PhoneSlot::Mobile {
                    v = v
                        .choice("Text me a code", Choice::ByCall(false), !by_call)
                        .choice("Call me", Choice::ByCall(true), *by_call);
                } else {
                    v = v.choice("Call me", Choice::ByCall(true), true);
                }
                v.error(error).buttons(&[Button::Next])
            }
            WizardPage::PhoneCode {
                masked,
                code,
                error,
            } => v
                .subtitle("Phone")
                .say(format!(
                    "We texted a 6-digit code to {masked}. Type it below."
                ))
                .field(Field::Code, code)
                .error(error)
                .buttons(&[Button::Back, Button::Next]),
            WizardPage::Calling { masked, error } => v
                .subtitle("Phone")
                .say(format!("We're calling {masked} now. Answer and press #."))
                .error(error)
                .buttons(&[Button::Back]),
            WizardPage::PhoneDone { by_call } => {
                let what = if *by_call {
                    "Call answered."
                } else {
                    "Text message verified."
                };
                v.subtitle("Phone")
                    .notice(&Some(format!("{what} Your phone was registered.")))
                    .buttons(&[if manage { Button::Done } else { Button::Next }])
            }
            WizardPage::PasskeyQr { payload, error } => {
                let mut v = v.subtitle("Passkey in Microsoft Authenticator").say(
                    "Open Microsoft Authenticator on your phone, scan this code and confirm with your screen lock. Then choose Next.",
                );
                v.qr = Some(payload.clone());
                v.error(error).buttons(&[Button::Next])
            }
            WizardPage::PasskeyDone => v
                .subtitle("Passkey in Microsoft Authenticator")
                .notice(&Some(
                    "Passkey saved. Next time, sign in by confirming on your phone.".into(),
                ))
                .buttons(&[if manage { Button::Done } else { Button::Next }]),
            WizardPage::AppPasswordName { name, error } => v
                .subtitle("App password")
                .say("Some older mail apps can't ask for a code. Name an app password for them.")
                .field(Field::Name, name)
                .error(error)
                .buttons(&[Button::Next]),
            WizardPage::AppPasswordShown { name, password } => {
                let mut v = v.subtitle("App password").say(format!(
                    "App password for \"{name}\". Copy it now: it will not be shown again."
                ));
                v.app_password = Some(password.clone());
                v.buttons(&[Button::Done])
            }
            WizardPage::Success { methods, default } => {
                let mut v = v
                    .subtitle("Success!")
                    .say("Your security info is set up. You'll use these to sign in:");
                v.text.extend(methods.iter().map(|m| format!("• {m}")));
                v.say(format!("Default sign-in method: {default}"))
                    .buttons(&[Button::Done])
            }
        }
    }
}

impl ManagePage {
    pub(super) fn view(&self) -> ScreenView {
        match self {
            ManagePage::SecurityInfo {
                rows,
                default,
                selected,
                notice,
            } => {
                let mut v = ScreenView::new(SECURITY_INFO, "Security info")
                    .say("These are the methods you use to sign in or reset your password.")
                    .say(format!("Default sign-in method: {default}"));
                v.table.push(vec!["Method".into(), "Detail".into()]);
                v.table
                    .extend(rows.iter().map(|(_, k, d)| vec![k.clone(), d.clone()]));
                for (id, kind, detail) in rows {
                    v = v.choice(
                        &format!("{kind}: {detail}"),
                        Choice::Row(*id),
                        Some(*id) == *selected,
                    );
                }
                let mut buttons = vec![Button::AddSignInMethod];
                if selected.is_some() {
                    buttons.push(Button::Delete);
                }
                v.notice(notice)
                    .links(&[Link::ChangeDefault])
                    .buttons(&buttons)
            }
            ManagePage::AddMethod { options, selected } => {
                let mut v = ScreenView::new(SECURITY_INFO, "Add a method")
                    .say("Which method would you like to add?");
                for o in options {
                    v = v.choice(o.label(), Choice::Add(*o), Some(*o) == *selected);
                }
                v.buttons(&[Button::Add])
            }
            ManagePage::ConfirmDelete { what, .. } => {
                ScreenView::new(SECURITY_INFO, "Delete method")
                    .say("Are you sure you want to delete this method from your account?")
                    .say(what.clone())
                    .say("This can't be undone.")
                    .buttons(&[Button::No, Button::Yes])
            }
            ManagePage::ChangeDefault { options, selected } => {
                let mut v = ScreenView::new(SECURITY_INFO, "Change default method")
                    .say("Which method would you like to use to sign in?");
                for (o, label) in options {
                    v = v.choice(label, Choice::Verify(*o), Some(*o) == *selected);
                }
                v.buttons(&[Button::Back, Button::Confirm])
            }
        }
    }
}
