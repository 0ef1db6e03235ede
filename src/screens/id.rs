//! [`PageId`]: which page is on screen, without what is typed or shown on it.
//!
//! Code that must know where the browser is (journeys, steps that move on, the trainer's
//! setup, the browser's record of what changed) asks for the identity, never for the
//! heading: a heading is text for a person and may be reworded, an identity is not. Each
//! [`Page`](super::Page) has exactly one identity ([`Page::id`](super::Page::id)), and every
//! [`ScreenView`](super::ScreenView) carries the identity of the page it was drawn from.

use serde::Serialize;

/// Which page the browser shows. One variant per kind of page; the older and newer sign-up
/// pages are different identities even where they do the same job.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PageId {
    /// An empty tab ("New tab").
    #[default]
    NewTab,
    /// A sign-in page (login.microsoftonline.com).
    SignIn(SignInStep),
    /// The older (2019-2022) "Additional security verification" pages.
    Legacy(LegacyStep),
    /// A step of "Keep your account secure" or, with `manage`, of a Security info dialog.
    Wizard {
        /// Opened from Security info rather than as the sign-in interrupt.
        manage: bool,
        /// Which step.
        step: WizardStep,
    },
    /// Security info and its small dialogs.
    Manage(ManageStep),
    /// Signed in: the Microsoft 365 home page.
    Home,
}

/// The sign-in pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SignInStep {
    /// "Sign in": the sign-in name.
    Email,
    /// "Enter password".
    Password,
    /// "Account locked" (smart lockout).
    Locked,
    /// "Update your password": a new password after an administrator's reset.
    UpdatePassword,
    /// "More information required": registration comes first.
    MoreInfoRequired,
    /// "Verify your identity": pick an option.
    VerifyIdentity,
    /// "Enter code": a texted code (`texted`) or one from an authenticator app.
    EnterCode {
        /// The code was texted to the phone.
        texted: bool,
    },
    /// "Approve sign in request": waiting for Microsoft Authenticator.
    ApproveRequest,
    /// "Approve sign in request": waiting for the call to be answered.
    Calling,
    /// "Sign-in stopped".
    Stopped,
    /// "Stay signed in?".
    StaySignedIn,
    /// "Add a passkey" (from September 2026, snoozable).
    PasskeyNudge,
    /// "Add a passkey to keep signing in" (from February 2027, blocking: rule 36).
    PasskeyRequired,
    /// "Sign in with your passkey": waiting for the phone's screen lock.
    PasskeySignIn,
}

/// The older sign-up and settings pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum LegacyStep {
    /// Step 1: how should we contact you?
    Step1,
    /// "Configure mobile app": the QR code.
    ConfigureApp,
    /// Step 2: prove the method.
    Step2,
    /// Step 3: keep using existing applications (App Password), or done.
    Step3,
    /// The settings page, on its verification tab.
    Settings,
    /// The settings page, on its app passwords tab.
    AppPasswords,
    /// "Create app password": its name.
    AppPasswordName,
    /// "Your app password": shown once.
    AppPasswordCreated,
}

/// The steps of "Keep your account secure" (and Security info's add dialogs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum WizardStep {
    /// Microsoft Authenticator: start by getting the app.
    StartApp,
    /// Microsoft Authenticator: set up your account.
    SetUpAccount,
    /// Microsoft Authenticator: scan the QR code.
    ScanQr,
    /// Microsoft Authenticator: let's try it out.
    TryItOut,
    /// Another authenticator app: set up your account.
    OtherAppIntro,
    /// Another authenticator app: scan the QR code.
    OtherAppQr,
    /// Another authenticator app: enter code.
    OtherAppCode,
    /// Choose a different method.
    ChooseMethod,
    /// A phone number, text or call.
    Phone,
    /// Type the texted code.
    PhoneCode,
    /// Waiting for the call.
    Calling,
    /// The phone was registered.
    PhoneDone,
    /// Passkey: the QR code for Microsoft Authenticator.
    PasskeyQr,
    /// Passkey: created.
    PasskeyDone,
    /// App password: its name.
    AppPasswordName,
    /// App password: shown once.
    AppPasswordShown,
    /// "Success!".
    Success,
}

/// Security info and its dialogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ManageStep {
    /// The list of methods.
    SecurityInfo,
    /// "Add a method".
    AddMethod,
    /// "Change default method".
    ChangeDefault,
    /// "Delete method": the confirmation before a row is deleted.
    ConfirmDelete,
}

impl PageId {
    /// One of the older "Additional security verification" pages.
    pub(crate) fn is_legacy(self) -> bool {
        matches!(self, PageId::Legacy(_))
    }

    /// A step of the wizard, whether the interrupt or a Security info dialog.
    pub fn wizard_step(self) -> Option<WizardStep> {
        match self {
            PageId::Wizard { step, .. } => Some(step),
            _ => None,
        }
    }
}
