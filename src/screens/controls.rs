//! What a person can do on a page: type into a field, press a button, follow a link, pick an
//! option or tick a box. Each control is a typed value with the short label the page shows;
//! flows match on the value, the book and trainer print the label.

use crate::records::{PhoneSlot, VerifyOption};
use serde::Serialize;

/// A text box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Field {
    /// Sign-in name.
    Email,
    /// Password (shown as dots).
    Password,
    /// "Update your password": the current (temporary) password.
    CurrentPassword,
    /// "Update your password": the new password.
    NewPassword,
    /// "Update your password": the new password again.
    ConfirmPassword,
    /// Country calling code.
    CountryCode,
    /// Phone number.
    PhoneNumber,
    /// A 6-digit code.
    Code,
    /// A name (App Password).
    Name,
    /// An office phone's extension.
    Extension,
}

impl Field {
    /// The label beside the box.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::Email => "Email, phone, or Skype",
            Field::Password => "Password",
            Field::CurrentPassword => "Current password",
            Field::NewPassword => "New password",
            Field::ConfirmPassword => "Confirm password",
            Field::CountryCode => "Country code",
            Field::PhoneNumber => "Phone number",
            Field::Code => "Code",
            Field::Name => "Name",
            Field::Extension => "Extension",
        }
    }
}

/// A button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Button {
    /// Next.
    Next,
    /// Sign in.
    SignIn,
    /// Verify.
    Verify,
    /// Done.
    Done,
    /// Yes.
    Yes,
    /// No.
    No,
    /// Back.
    Back,
    /// Confirm.
    Confirm,
    /// Add.
    Add,
    /// Create.
    Create,
    /// Delete.
    Delete,
    /// Close.
    Close,
    /// The older page's "Set up" (the mobile app, on Step 1).
    SetUp,
    /// Security info's "Add sign-in method".
    AddSignInMethod,
    /// Put off a suggestion (the passkey nudge).
    NotNow,
    /// Add a passkey (the rule-35 suggestion).
    AddPasskey,
    /// Skip registration for now (security defaults, within 14 days).
    SkipForNow,
}

impl Button {
    /// The label on the button.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Button::Next => "Next",
            Button::SignIn => "Sign in",
            Button::Verify => "Verify",
            Button::Done => "Done",
            Button::Yes => "Yes",
            Button::No => "No",
            Button::Back => "Back",
            Button::Confirm => "Confirm",
            Button::Add => "Add",
            Button::Create => "Create",
            Button::Delete => "Delete",
            Button::Close => "Close",
            Button::SetUp => "Set up",
            Button::AddSignInMethod => "Add sign-in method",
            Button::NotNow => "Not now",
            Button::AddPasskey => "Add a passkey",
            Button::SkipForNow => "Skip for now",
        }
    }
}

/// A link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Link {
    /// Combined registration: use a third-party TOTP app.
    DifferentAuthenticatorApp,
    /// Combined registration: choose another kind of method.
    DifferentMethod,
    /// The older page: a TOTP app without push.
    ConfigureWithoutNotifications,
    /// Pick another verification option at sign-in.
    SignInAnotherWay,
    /// Show the secret instead of the QR code.
    CantScan,
    /// Tab: additional security verification.
    VerificationTab,
    /// Tab: app passwords.
    AppPasswordsTab,
    /// Change the default sign-in method.
    ChangeDefault,
    /// The older page's Step 2: text another code (the old one stops working). The label is
    /// the simulator's: the older page's exact wording is not known.
    Resend,
}

impl Link {
    /// The link text.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Link::DifferentAuthenticatorApp => "I want to use a different authenticator app",
            Link::DifferentMethod => "I want to set up a different method",
            Link::ConfigureWithoutNotifications => "Configure app without notifications",
            Link::SignInAnotherWay => "Sign in another way",
            Link::CantScan => "Can't scan image?",
            Link::VerificationTab => "additional security verification",
            Link::AppPasswordsTab => "app passwords",
            Link::ChangeDefault => "Change",
            Link::Resend => "Resend",
        }
    }
}

/// The older page's "How should we contact you?" (first-time sign-up: entra-facts §2,
/// "Legacy Additional security verification").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Contact {
    /// Authentication phone (text or call).
    AuthenticationPhone,
    /// Office phone (call).
    OfficePhone,
    /// The mobile app (Microsoft Authenticator, or without notifications any TOTP app).
    MobileApp,
}

impl Contact {
    /// Label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Contact::AuthenticationPhone => "Authentication phone",
            Contact::OfficePhone => "Office phone",
            Contact::MobileApp => "Mobile app",
        }
    }
}

/// The older page's "How do you want to use the mobile app?": notifications (true) or
/// verification codes (false).
pub(crate) fn app_use_label(push: bool) -> &'static str {
    if push {
        "Receive notifications for verification"
    } else {
        "Use verification code"
    }
}

/// A kind of method Security info can add.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NewMethod {
    /// Microsoft Authenticator (or, by link, another app).
    AuthenticatorApp,
    /// A phone in a slot.
    Phone(PhoneSlot),
    /// An App Password.
    AppPassword,
    /// A passkey in Microsoft Authenticator.
    Passkey,
}

impl NewMethod {
    /// Label in the "Add a method" list.
    pub(crate) fn label(self) -> &'static str {
        match self {
            NewMethod::AuthenticatorApp => "Authenticator app",
            NewMethod::Phone(slot) => slot.label(),
            NewMethod::AppPassword => "App password",
            NewMethod::Passkey => "Passkey in Microsoft Authenticator",
        }
    }
}

/// One option in a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Choice {
    /// A way to verify at sign-in, or a default to set.
    Verify(VerifyOption),
    /// The older page's contact method.
    Contact(Contact),
    /// Text (false) or call (true).
    ByCall(bool),
    /// The older page's mobile app: notifications (true) or verification codes (false).
    AppUse(bool),
    /// A method to add.
    Add(NewMethod),
    /// A row of a list (method or App Password), by id.
    Row(u32),
}

impl Choice {
    /// How the option reads in the list.
    pub(crate) fn label(self) -> String {
        match self {
            Choice::Verify(option) => option.label().to_string(),
            Choice::Contact(contact) => contact.label().to_string(),
            Choice::ByCall(false) => "Send me a code by text message".to_string(),
            Choice::ByCall(true) => "Call me".to_string(),
            Choice::AppUse(push) => app_use_label(push).to_string(),
            Choice::Add(method) => method.label().to_string(),
            Choice::Row(id) => format!("row {id}"),
        }
    }
}

/// A tick box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Checkbox {
    /// "Don't show this again" on Stay signed in?
    DontShowAgain,
    /// "Don't ask again for N days" on the verification page.
    DontAskAgain,
}

impl Checkbox {
    /// The box's label.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Checkbox::DontShowAgain => "Don't show this again",
            Checkbox::DontAskAgain => "Don't ask again",
        }
    }
}

/// One thing a person does in the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Action {
    /// Type text into a field (replacing what was there).
    Enter(Field, String),
    /// Press a button.
    Press(Button),
    /// Follow a link.
    Follow(Link),
    /// Pick an option.
    Choose(Choice),
    /// Tick a box.
    Tick(Checkbox),
}

/// Something a person clicks: an [`Action`] other than typing, without any text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Control {
    /// A button.
    Button(Button),
    /// A link.
    Link(Link),
    /// An option in a list.
    Choice(Choice),
    /// A tick box.
    Tick(Checkbox),
}

impl Action {
    /// The control this action clicks; `None` for typing.
    pub fn control(&self) -> Option<Control> {
        match self {
            Action::Enter(..) => None,
            Action::Press(b) => Some(Control::Button(*b)),
            Action::Follow(l) => Some(Control::Link(*l)),
            Action::Choose(c) => Some(Control::Choice(*c)),
            Action::Tick(c) => Some(Control::Tick(*c)),
        }
    }

    /// How the transcript and trainer describe the action.
    pub(crate) fn describe(&self) -> String {
        match self {
            Action::Enter(Field::Password, _) => "types the password".to_string(),
            Action::Enter(field, text) => format!("types \"{text}\" into {}", field.label()),
            Action::Press(b) => format!("presses {}", b.label()),
            Action::Follow(l) => format!("follows \"{}\"", l.label()),
            Action::Choose(c) => format!("chooses \"{}\"", c.label()),
            Action::Tick(c) => format!("ticks \"{}\"", c.label()),
        }
    }
}
