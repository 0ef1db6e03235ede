//! Security info (manage mode): the list of methods, adding one, deleting one, and the
//! default method.

use super::Flow;
use super::wizard::new_phone;
use crate::screens::{Action, Button, Choice, Link, ManagePage, NewMethod, Page, WizardPage};
use crate::tenant::methods::Method;
use crate::tenant::verification::option_label;
use crate::tenant::{Tenant, VerifyOption};

/// Row ids above this are App Passwords (id minus the offset), below are methods.
const APP_PASSWORD_ROWS: u32 = 1000;

impl Flow {
    pub(super) fn manage_action(
        &mut self,
        page: ManagePage,
        action: &Action,
        t: &mut Tenant,
    ) -> bool {
        use ManagePage as P;
        let id = self.user_id();
        match (page, action) {
            (P::SecurityInfo { .. }, Action::Press(Button::AddSignInMethod)) => {
                let options = self.new_method_options(t, true);
                self.page = Page::Manage(P::AddMethod {
                    options,
                    selected: None,
                });
            }
            (
                P::SecurityInfo {
                    rows,
                    default,
                    notice,
                    ..
                },
                Action::Choose(Choice::Row(row)),
            ) if rows.iter().any(|r| r.0 == *row) => {
                self.page = Page::Manage(P::SecurityInfo {
                    rows,
                    default,
                    selected: Some(*row),
                    notice,
                });
            }
            // Rule 14: Delete asks first; only Yes deletes, and No leaves the method as it was.
            (
                P::SecurityInfo {
                    selected: Some(row),
                    rows,
                    ..
                },
                Action::Press(Button::Delete),
            ) => {
                let what = rows
                    .iter()
                    .find(|r| r.0 == row)
                    .map(|(_, kind, detail)| format!("{kind}: {detail}"))
                    .unwrap_or_default();
                self.page = Page::Manage(P::ConfirmDelete { row, what });
            }
            (P::ConfirmDelete { row, .. }, Action::Press(Button::Yes)) => {
                let manageable = t.app_passwords_manageable();
                let user = t.user_mut(id);
                let deleted = if row > APP_PASSWORD_ROWS {
                    manageable && user.app_passwords.delete(row - APP_PASSWORD_ROWS)
                } else {
                    user.info.delete(row)
                };
                let notice = if deleted {
                    "Deleted."
                } else {
                    "Nothing was deleted."
                };
                self.show_security_info(t, Some(notice.into()));
            }
            (P::ConfirmDelete { .. }, Action::Press(Button::No)) => {
                self.show_security_info(t, None)
            }
            (P::SecurityInfo { .. }, Action::Follow(Link::ChangeDefault)) => {
                let options = t
                    .verify_options(id)
                    .into_iter()
                    .map(|o| (o, default_label(t, id, o)))
                    .collect();
                self.page = Page::Manage(P::ChangeDefault {
                    options,
                    selected: None,
                });
            }
            (P::AddMethod { options, .. }, Action::Choose(Choice::Add(m)))
                if options.contains(m) =>
            {
                self.page = Page::Manage(P::AddMethod {
                    options,
                    selected: Some(*m),
                });
            }
            (
                P::AddMethod {
                    selected: Some(m), ..
                },
                Action::Press(Button::Add),
            ) => {
                let step = match m {
                    NewMethod::AuthenticatorApp => self.start_app(t, true),
                    NewMethod::Phone(slot) => new_phone(slot),
                    NewMethod::AppPassword => WizardPage::AppPasswordName {
                        name: String::new(),
                        error: None,
                    },
                    NewMethod::Passkey => {
                        self.start_passkey(t, true);
                        return true;
                    }
                };
                self.show_wizard(true, step);
            }
            (P::ChangeDefault { options, .. }, Action::Choose(Choice::Verify(o)))
                if options.iter().any(|x| x.0 == *o) =>
            {
                self.page = Page::Manage(P::ChangeDefault {
                    options,
                    selected: Some(*o),
                });
            }
            (P::ChangeDefault { .. }, Action::Press(Button::Back)) => {
                self.show_security_info(t, None)
            }
            (
                P::ChangeDefault {
                    selected: Some(o), ..
                },
                Action::Press(Button::Confirm),
            ) => {
                t.user_mut(id).info.set_default(o);
                self.show_security_info(t, Some("Default sign-in method changed.".into()));
            }
            _ => return false,
        }
        true
    }

    /// Security info with its current rows.
    pub fn show_security_info(&mut self, t: &mut Tenant, notice: Option<String>) {
        let id = self.user_id();
        let user = t.user(id);
        let mut rows: Vec<(u32, String, String)> = user
            .info
            .entries()
            .iter()
            .map(|e| match &e.method {
                Method::Phone { slot, number } => (e.id, slot.label().to_string(), number.clone()),
                Method::Authenticator { device_name, .. } => {
                    (e.id, "Microsoft Authenticator".into(), device_name.clone())
                }
                Method::SoftwareToken { .. } => (
                    e.id,
                    "Authenticator app".into(),
                    "Time-based one-time password (TOTP)".into(),
                ),
                Method::Passkey { device_name, .. } => {
                    (e.id, "Passkey".into(), device_name.clone())
                }
            })
            .collect();
        // Rule 23: once the tenant stops allowing App Passwords, the ones made keep working
        // for mail, but the user no longer sees or manages them here.
        if t.app_passwords_manageable() {
            rows.extend(user.app_passwords.records().iter().map(|r| {
                (
                    APP_PASSWORD_ROWS + r.id,
                    "App password".into(),
                    r.name.clone(),
                )
            }));
        }
        let default = user
            .info
            .default_option()
            .map(|o| default_label(t, id, o))
            .unwrap_or_else(|| "none".into());
        self.page = Page::Manage(ManagePage::SecurityInfo {
            rows,
            default,
            selected: None,
            notice,
        });
    }
}

/// How Security info names a default method.
fn default_label(t: &Tenant, id: crate::tenant::UserId, o: VerifyOption) -> String {
    match o {
        VerifyOption::Push => "Microsoft Authenticator - notification".into(),
        VerifyOption::AppCode => "Authenticator app or hardware token - code".into(),
        VerifyOption::Text => format!(
            "Phone - text {}",
            t.user(id)
                .info
                .phone(crate::tenant::PhoneSlot::Mobile)
                .unwrap_or_default()
        ),
        VerifyOption::Call(_) | VerifyOption::Passkey => option_label(o).to_string(),
    }
}
