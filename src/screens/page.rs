//! Every page of the simulated service, grouped by where it lives: the sign-in pages, the
//! older "Additional security verification" pages, the "Keep your account secure" wizard
//! (also used as Security info's add dialogs) and Security info itself.
//!
//! Labels are short UI names; explanatory sentences are the project's own words.

use super::id::{LegacyStep, ManageStep, PageId, SignInStep, WizardStep};
use super::view::ScreenView;
use super::{Button, Checkbox, Choice, Contact, Field, Link, NewMethod};
use crate::records::{PhoneSlot, VerifyOption};

const LOGIN: &str = "login.microsoftonline.com";
/// The older sign-up page.
pub(super) const PROOFUP: &str = "account.activedirectory.windowsazure.com/Proofup.aspx";
/// The older App passwords page.
/// What smart lockout says, in Microsoft's documented words (howto-password-smart-lockout).
pub(crate) const LOCKED_MESSAGE: &str = "Your account is temporarily locked to prevent unauthorized use. Try again later, and if you still have trouble, contact your admin.";
pub(super) const APP_PASSWORDS: &str = "account.activedirectory.windowsazure.com/AppPasswords.aspx";
/// The "Keep your account secure" wizard.
pub(super) const REGISTER: &str = "mysignins.microsoft.com/register";
/// Security info.
pub(super) const SECURITY_INFO: &str = "mysignins.microsoft.com/security-info";

/// What the browser shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    /// A new tab.
    Blank,
    /// Signing in.
    SignIn(SignInPage),
    /// The older sign-up and settings pages.
    Legacy(LegacyPage),
    /// "Keep your account secure" (interrupt) or a Security info dialog (`manage`).
    /// `progress` is "Method n of m" where the interrupt asks for two methods (rule 7).
    Wizard {
        /// Opened from Security info as an add dialog rather than as the sign-in interrupt.
        manage: bool,
        /// Which step of the wizard is showing, with what has been typed on it.
        step: WizardPage,
        /// "Method n of m" (n, m) when the interrupt asks for more than one method.
        progress: Option<(u8, u8)>,
    },
    /// Security info.
    Manage(ManagePage),
    /// Signed in: the Office home page.
    Home {
        /// The display name the greeting uses.
        name: String,
    },
}

/// Sign-in pages.
#[derive(Clone, Debug, PartialEq)]
pub enum SignInPage {
    /// Enter the sign-in name.
    Email {
        /// What has been typed into the sign-in name box so far.
        email: String,
        /// The red message under the box, if the last attempt was refused.
        error: Option<String>,
    },
    /// Enter the password.
    Password {
        /// The account being signed in to, shown above the box.
        upn: String,
        /// How many characters have been typed (the page shows only dots).
        password_len: usize,
        /// The red message under the box, if the last password was refused.
        error: Option<String>,
    },
    /// Smart lockout.
    Locked,
    /// "Update your password": the administrator's reset asked for a new password at the
    /// next sign-in; the user types the current (temporary) one and a new one twice.
    UpdatePassword {
        /// The account.
        upn: String,
        /// How many characters are in each box (current, new, confirm): shown as dots.
        typed: [usize; 3],
        /// The red message, if the change was refused.
        error: Option<String>,
    },
    /// Registration is required before going on.
    MoreInfoRequired {
        /// The account that must register methods.
        upn: String,
        /// Security defaults: days left in which registration may be skipped, if any.
        skip_days: Option<i64>,
    },
    /// Pick a verification option.
    VerifyIdentity {
        /// The ways offered to verify, each with the label the page shows for it.
        options: Vec<(VerifyOption, String)>,
        /// The red message, if the chosen way could not be used.
        error: Option<String>,
    },
    /// Type a code (texted, or from an app).
    EnterCode {
        /// The code was sent by text message rather than read from an app.
        texted: bool,
        /// The sentence telling the person where to find the code.
        prompt: String,
        /// What has been typed into the code box so far.
        code: String,
        /// How many days "Don't ask again" lasts, when the tenant offers it at all.
        remember_days: Option<u32>,
        /// Whether the "Don't ask again" box is ticked.
        remember: bool,
        /// The red message, if the last code was refused.
        error: Option<String>,
    },
    /// Waiting for approval in Microsoft Authenticator.
    ApproveRequest {
        /// The number to type in the app, when number matching applies.
        number: Option<u8>,
        /// How many days "Don't ask again" lasts, when offered (rule 26).
        remember_days: Option<u32>,
        /// Whether the "Don't ask again" box is ticked.
        remember: bool,
        /// The red message, if the request was denied or timed out.
        error: Option<String>,
    },
    /// Waiting for the call to be answered.
    Calling {
        /// The phone number being called, with most digits hidden.
        masked: String,
        /// How many days "Don't ask again" lasts, when offered (rule 26).
        remember_days: Option<u32>,
        /// Whether the "Don't ask again" box is ticked.
        remember: bool,
        /// The red message, if the call went unanswered or was refused.
        error: Option<String>,
    },
    /// The sign-in was stopped (denied, reported, blocked).
    Stopped {
        /// Why the sign-in cannot go on, as the page words it.
        message: String,
    },
    /// Stay signed in?
    StaySignedIn {
        /// Whether "Don't show this again" is ticked.
        dont_show: bool,
    },
    /// From September 2026: users of texts and calls are asked to add a passkey (snoozable).
    PasskeyNudge,
    /// From February 2027: texts and calls were this user's only methods and no longer reach
    /// them; a passkey must be added before going on (rule 36; no "Not now").
    PasskeyRequired,
    /// Waiting for the phone's screen lock to confirm a passkey sign-in.
    PasskeySignIn {
        /// The red message, if the request was refused or missed.
        error: Option<String>,
    },
}

/// The older (2019-2022) "Additional security verification" pages.
#[derive(Clone, Debug, PartialEq)]
pub enum LegacyPage {
    /// Step 1: how should we contact you? (`push`: for the mobile app, "Receive notifications
    /// for verification" rather than "Use verification code".)
    Step1 {
        /// The contact method picked in the first drop-down.
        contact: Contact,
        /// For the mobile app: notifications chosen rather than verification codes.
        push: bool,
        /// The country or region code typed for a phone.
        country: String,
        /// The phone number typed so far.
        number: String,
        /// "Call me" chosen rather than a text message.
        by_call: bool,
        /// The red message, if the entries were refused.
        error: Option<String>,
    },
    /// Configure mobile app: the QR code (Authenticator, or with `without_notifications` a
    /// TOTP app). `push`: the app was chosen for notifications, so the test is a request.
    ConfigureApp {
        /// What the QR code encodes (an activation link or an `otpauth://` URI).
        payload: String,
        /// The secret key to type by hand, for a code-only app.
        secret: Option<String>,
        /// Notifications were chosen, so the check in step 2 is a push rather than a code.
        push: bool,
        /// "Configure app without notifications" was followed: any TOTP app will do.
        without_notifications: bool,
        /// The red message, if the app was not yet set up when Next was pressed.
        error: Option<String>,
    },
    /// Step 2: prove the method.
    Step2 {
        /// The sentence telling the person what to do to prove the method.
        prompt: String,
        /// What has been typed into the code box so far.
        code: String,
        /// The check is a call in progress, so there is no code box.
        calling: bool,
        /// The code was texted, so the page offers to send another ([`Link::Resend`]).
        texted: bool,
        /// The red message, if the proof failed.
        error: Option<String>,
    },
    /// Step 3: keep using existing applications (App Password), or all done.
    Step3 {
        /// The first App Password, shown once, when the tenant allows them.
        app_password: Option<String>,
    },
    /// The settings page with its two tabs.
    Settings {
        /// The "app passwords" tab is open rather than the verification tab.
        app_passwords_tab: bool,
        /// The lines the verification tab lists about registered methods.
        methods: Vec<String>,
        /// Each App Password as (row id, name, date created).
        app_passwords: Vec<(u32, String, String)>,
        /// The row id of the App Password picked for deletion, if any.
        selected: Option<u32>,
        /// A confirmation shown after a change, if any.
        notice: Option<String>,
    },
    /// Create an App Password: its name.
    AppPasswordName {
        /// The name typed so far.
        name: String,
        /// The red message, if the name was refused.
        error: Option<String>,
    },
    /// The new App Password, shown once.
    AppPasswordCreated {
        /// The name the person gave it.
        name: String,
        /// The generated password, never shown again.
        password: String,
    },
}

/// Steps of "Keep your account secure" and of Security info's add dialogs.
#[derive(Clone, Debug, PartialEq)]
pub enum WizardPage {
    /// Start by getting Microsoft Authenticator; `other_methods`: the interrupt offers "I want
    /// to set up a different method" (there is another method the user may set up).
    StartApp {
        /// The "I want to set up a different method" link is offered.
        other_methods: bool,
    },
    /// Add the account in the app.
    SetUpAccount {
        /// The red message, if the page could not go on.
        error: Option<String>,
    },
    /// Scan the QR code; `manual`: "Can't scan image?" shows the code and URL.
    ScanQr {
        /// The activation link the QR code encodes.
        payload: String,
        /// "Can't scan image?" was followed, so the code and URL are shown.
        manual: bool,
        /// The red message, if the app had not been activated when Next was pressed.
        error: Option<String>,
    },
    /// Let's try it out: the test push.
    TryItOut {
        /// The number to type in the app, when number matching applies.
        number: Option<u8>,
        /// The test notification has been approved in the app.
        approved: bool,
        /// The red message, if the test notification was denied or missed.
        error: Option<String>,
    },
    /// A different authenticator app: add an account in it.
    OtherAppIntro {
        /// The red message, if the page could not go on.
        error: Option<String>,
    },
    /// Its QR code.
    OtherAppQr {
        /// The `otpauth://` URI the QR code encodes.
        uri: String,
        /// The secret key for typing into the app by hand.
        secret: String,
        /// "Can't scan image?" was followed, so the secret key is shown.
        show_secret: bool,
    },
    /// Type its current code.
    OtherAppCode {
        /// What has been typed into the code box so far.
        code: String,
        /// The red message, if the code was refused.
        error: Option<String>,
    },
    /// Choose a different method.
    ChooseMethod {
        /// The kinds of method the person may add here.
        options: Vec<NewMethod>,
        /// The kind picked in the list, if any.
        selected: Option<NewMethod>,
    },
    /// Phone number and text or call.
    Phone {
        /// Which of the three phone slots is being filled.
        slot: PhoneSlot,
        /// The country or region code typed.
        country: String,
        /// The phone number typed so far.
        number: String,
        /// "Call me" chosen rather than a text message.
        by_call: bool,
        /// The extension typed (office phone only: rule 13).
        extension: String,
        /// The red message, if the number was refused.
        error: Option<String>,
    },
    /// Type the texted code.
    PhoneCode {
        /// The number the code was sent to, with most digits hidden.
        masked: String,
        /// What has been typed into the code box so far.
        code: String,
        /// The red message, if the code was refused.
        error: Option<String>,
    },
    /// Waiting for the call.
    Calling {
        /// The number being called, with most digits hidden.
        masked: String,
        /// The red message, if the call went unanswered or was refused.
        error: Option<String>,
    },
    /// The phone was registered.
    PhoneDone {
        /// It was proved by a call rather than a text message.
        by_call: bool,
    },
    /// Passkey: the QR code Microsoft Authenticator reads to create it.
    PasskeyQr {
        /// The passkey request the QR code encodes.
        payload: String,
        /// The red message, if the phone had not confirmed when Next was pressed.
        error: Option<String>,
    },
    /// The passkey was created.
    PasskeyDone,
    /// App Password: its name.
    AppPasswordName {
        /// The name typed so far.
        name: String,
        /// The red message, if the name was refused.
        error: Option<String>,
    },
    /// App Password: shown once.
    AppPasswordShown {
        /// The name the person gave it.
        name: String,
        /// The generated password, never shown again.
        password: String,
    },
    /// All set.
    Success {
        /// The methods now registered, as the summary lists them.
        methods: Vec<String>,
        /// The method sign-ins will use first.
        default: String,
    },
}

/// Security info and its small dialogs.
#[derive(Clone, Debug, PartialEq)]
pub enum ManagePage {
    /// The list of methods.
    SecurityInfo {
        /// Each registered method as (row id, kind, detail such as the masked number).
        rows: Vec<(u32, String, String)>,
        /// The default sign-in method, as the page words it.
        default: String,
        /// The row id picked for deletion, if any.
        selected: Option<u32>,
        /// A confirmation shown after a change, if any.
        notice: Option<String>,
    },
    /// Add a method: which kind.
    AddMethod {
        /// The kinds of method that can still be added.
        options: Vec<NewMethod>,
        /// The kind picked in the list, if any.
        selected: Option<NewMethod>,
    },
    /// "Delete method": Security info asks before it deletes (rule 14: it cannot be undone).
    ConfirmDelete {
        /// The row to delete if the person presses Yes.
        row: u32,
        /// The row as the list showed it ("Phone: +1 4255550123").
        what: String,
    },
    /// Change the default method.
    ChangeDefault {
        /// The methods that may become the default, each with its label.
        options: Vec<(VerifyOption, String)>,
        /// The method picked in the list, if any.
        selected: Option<VerifyOption>,
    },
}

impl Page {
    /// Which page this is, whatever is typed or shown on it.
    pub fn id(&self) -> PageId {
        match self {
            Page::Blank => PageId::NewTab,
            Page::SignIn(p) => PageId::SignIn(p.id()),
            Page::Legacy(p) => PageId::Legacy(p.id()),
            Page::Wizard { manage, step, .. } => PageId::Wizard {
                manage: *manage,
                step: step.id(),
            },
            Page::Manage(p) => PageId::Manage(p.id()),
            Page::Home { .. } => PageId::Home,
        }
    }

    /// What a person sees, with the page's identity.
    pub fn view(&self) -> ScreenView {
        let mut view = self.draw();
        view.page = self.id();
        view
    }

    fn draw(&self) -> ScreenView {
        match self {
            Page::Blank => ScreenView::new("about:blank", "New tab"),
            Page::SignIn(p) => p.view(),
            Page::Legacy(p) => p.view(),
            Page::Wizard {
                manage,
                step,
                progress,
            } => step.view(*manage, *progress),
            Page::Manage(p) => p.view(),
            Page::Home { name } => ScreenView::new("www.office.com", "Microsoft 365")
                .say(format!("Good morning, {name}. You are signed in."))
                .say("Outlook, Word, Excel and your files are one click away."),
        }
    }
}

impl LegacyPage {
    fn id(&self) -> LegacyStep {
        match self {
            LegacyPage::Step1 { .. } => LegacyStep::Step1,
            LegacyPage::ConfigureApp { .. } => LegacyStep::ConfigureApp,
            LegacyPage::Step2 { .. } => LegacyStep::Step2,
            LegacyPage::Step3 { .. } => LegacyStep::Step3,
            LegacyPage::Settings {
                app_passwords_tab: false,
                ..
            } => LegacyStep::Settings,
            LegacyPage::Settings {
                app_passwords_tab: true,
                ..
            } => LegacyStep::AppPasswords,
            LegacyPage::AppPasswordName { .. } => LegacyStep::AppPasswordName,
            LegacyPage::AppPasswordCreated { .. } => LegacyStep::AppPasswordCreated,
        }
    }
}

impl WizardPage {
    pub(super) fn id(&self) -> WizardStep {
        match self {
            WizardPage::StartApp { .. } => WizardStep::StartApp,
            WizardPage::SetUpAccount { .. } => WizardStep::SetUpAccount,
            WizardPage::ScanQr { .. } => WizardStep::ScanQr,
            WizardPage::TryItOut { .. } => WizardStep::TryItOut,
            WizardPage::OtherAppIntro { .. } => WizardStep::OtherAppIntro,
            WizardPage::OtherAppQr { .. } => WizardStep::OtherAppQr,
            WizardPage::OtherAppCode { .. } => WizardStep::OtherAppCode,
            WizardPage::ChooseMethod { .. } => WizardStep::ChooseMethod,
            WizardPage::Phone { .. } => WizardStep::Phone,
            WizardPage::PhoneCode { .. } => WizardStep::PhoneCode,
            WizardPage::Calling { .. } => WizardStep::Calling,
            WizardPage::PhoneDone { .. } => WizardStep::PhoneDone,
            WizardPage::PasskeyQr { .. } => WizardStep::PasskeyQr,
            WizardPage::PasskeyDone => WizardStep::PasskeyDone,
            WizardPage::AppPasswordName { .. } => WizardStep::AppPasswordName,
            WizardPage::AppPasswordShown { .. } => WizardStep::AppPasswordShown,
            WizardPage::Success { .. } => WizardStep::Success,
        }
    }
}

impl ManagePage {
    fn id(&self) -> ManageStep {
        match self {
            ManagePage::SecurityInfo { .. } => ManageStep::SecurityInfo,
            ManagePage::AddMethod { .. } => ManageStep::AddMethod,
            ManagePage::ChangeDefault { .. } => ManageStep::ChangeDefault,
            ManagePage::ConfirmDelete { .. } => ManageStep::ConfirmDelete,
        }
    }
}

impl SignInPage {
    fn id(&self) -> SignInStep {
        match self {
            SignInPage::Email { .. } => SignInStep::Email,
            SignInPage::Password { .. } => SignInStep::Password,
            SignInPage::Locked => SignInStep::Locked,
            SignInPage::UpdatePassword { .. } => SignInStep::UpdatePassword,
            SignInPage::MoreInfoRequired { .. } => SignInStep::MoreInfoRequired,
            SignInPage::VerifyIdentity { .. } => SignInStep::VerifyIdentity,
            SignInPage::EnterCode { texted, .. } => SignInStep::EnterCode { texted: *texted },
            SignInPage::ApproveRequest { .. } => SignInStep::ApproveRequest,
            SignInPage::Calling { .. } => SignInStep::Calling,
            SignInPage::Stopped { .. } => SignInStep::Stopped,
            SignInPage::StaySignedIn { .. } => SignInStep::StaySignedIn,
            SignInPage::PasskeyNudge => SignInStep::PasskeyNudge,
            SignInPage::PasskeyRequired => SignInStep::PasskeyRequired,
            SignInPage::PasskeySignIn { .. } => SignInStep::PasskeySignIn,
        }
    }

    fn view(&self) -> ScreenView {
        let v = ScreenView::new(LOGIN, "Sign in");
        match self {
            SignInPage::Email { email, error } => v
                .field(Field::Email, email)
                .error(error)
                .buttons(&[Button::Next]),
            SignInPage::Password { upn, password_len, error } => ScreenView::new(LOGIN, "Enter password")
                .say(upn.clone())
                .field(Field::Password, &"•".repeat(*password_len))
                .error(error)
                .buttons(&[Button::SignIn]),
            // The heading and the boxes as the real page has them; the sentence is the
            // simulator's summary of why the page appears.
            SignInPage::UpdatePassword { upn, typed, error } => ScreenView::new(LOGIN, "Update your password")
                .say(upn.clone())
                .say("You need to update your password: your administrator reset it and asked for a new one at your next sign-in. [simulator's wording]")
                .field(Field::CurrentPassword, &"•".repeat(typed[0]))
                .field(Field::NewPassword, &"•".repeat(typed[1]))
                .field(Field::ConfirmPassword, &"•".repeat(typed[2]))
                .error(error)
                .buttons(&[Button::SignIn]),
            // Smart lockout's message in Microsoft's words (rule 27; entra-facts §7).
            SignInPage::Locked => ScreenView::new(LOGIN, "Account locked")
                .say(LOCKED_MESSAGE),
            SignInPage::MoreInfoRequired { upn, skip_days: None } => ScreenView::new(LOGIN, "More information required")
                .say(upn.clone())
                .say("Your organisation needs more information to keep your account secure.")
                .buttons(&[Button::Next]),
            SignInPage::MoreInfoRequired { upn, skip_days: Some(days) } => ScreenView::new(LOGIN, "More information required")
                .say(upn.clone())
                .say("Your organisation needs more information to keep your account secure.")
                .say(format!("{days} days until this is required."))
                .buttons(&[Button::SkipForNow, Button::Next]),
            SignInPage::VerifyIdentity { options, error } => {
                let mut v = ScreenView::new(LOGIN, "Verify your identity");
                for (o, label) in options {
                    v = v.choice(label, Choice::Verify(*o), false);
                }
                v.error(error)
            }
            SignInPage::EnterCode { prompt, code, remember_days, remember, error, .. } => {
                let v = ScreenView::new(LOGIN, "Enter code").say(prompt.clone()).field(Field::Code, code);
                dont_ask_again(v, *remember_days, *remember)
                    .error(error).links(&[Link::SignInAnotherWay]).buttons(&[Button::Verify])
            }
            SignInPage::ApproveRequest { number, remember_days, remember, error } => {
                let mut v = ScreenView::new(LOGIN, "Approve sign in request");
                v = match number {
                    Some(n) => {
                        v.number = Some(*n);
                        v.say(format!("Open Microsoft Authenticator and type the number {n} to sign in."))
                    }
                    None => v.say("We've sent a notification to Microsoft Authenticator. Approve it to sign in."),
                };
                dont_ask_again(v, *remember_days, *remember).error(error).links(&[Link::SignInAnotherWay])
            }
            SignInPage::Calling { masked, remember_days, remember, error } => {
                let v = ScreenView::new(LOGIN, "Approve sign in request")
                    .say(format!("We're calling your phone {masked}. Answer it and follow the instructions."));
                dont_ask_again(v, *remember_days, *remember).error(error).links(&[Link::SignInAnotherWay])
            }
            SignInPage::Stopped { message } => ScreenView::new(LOGIN, "Sign-in stopped")
                .say(message.clone())
                .error(&Some(message.clone())),
            SignInPage::PasskeyNudge => ScreenView::new(LOGIN, "Add a passkey")
                .say("Your organisation asks you to add a passkey: a faster way to sign in that cannot be phished.")
                .say("Text messages and calls from Microsoft are being retired; a passkey will replace them.")
                .buttons(&[Button::NotNow, Button::AddPasskey]),
            SignInPage::PasskeyRequired => ScreenView::new(LOGIN, "Add a passkey to keep signing in")
                .say("Microsoft no longer sends text messages or places calls for your organisation, and those were the only ways you had to prove it's you.")
                .say("Add a passkey in Microsoft Authenticator on your phone to go on. (The wording of this page is the simulator's.)")
                .buttons(&[Button::Next]),
            SignInPage::PasskeySignIn { error } => ScreenView::new(LOGIN, "Sign in with your passkey")
                .say("Use your phone: Microsoft Authenticator asks you to confirm with your screen lock (face, fingerprint or PIN).")
                .error(error)
                .links(&[Link::SignInAnotherWay]),
            SignInPage::StaySignedIn { dont_show } => ScreenView::new(LOGIN, "Stay signed in?")
                .say("Stay signed in on this browser so you are asked to sign in less often.")
                .tick("Don't show this again", Checkbox::DontShowAgain, *dont_show)
                .buttons(&[Button::No, Button::Yes]),
        }
    }
}

/// The "Don't ask again for N days" box of a second-factor page, where the tenant offers it
/// (rule 26 of [`crate::rules`]; never in a mail app's sign-in window).
fn dont_ask_again(view: ScreenView, days: Option<u32>, ticked: bool) -> ScreenView {
    match days {
        Some(days) => view.tick(
            &format!("Don't ask again for {days} days"),
            Checkbox::DontAskAgain,
            ticked,
        ),
        None => view,
    }
}
