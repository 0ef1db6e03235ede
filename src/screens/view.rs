//! [`ScreenView`]: a page reduced to what a person sees, the common form that the transcript
//! stores and that the book (HTML card) and the trainer (text) draw.

use super::{Action, Button, Checkbox, Choice, Field, Link, PageId};
use serde::Serialize;

/// What is on the screen.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ScreenView {
    /// Which page this is: what code decides on (the title is for people).
    pub page: PageId,
    /// Address bar.
    pub address: String,
    /// Page heading.
    pub title: String,
    /// Sub-heading (wizard step, tab).
    pub subtitle: Option<String>,
    /// Paragraphs.
    pub text: Vec<String>,
    /// Text boxes: label and what is typed (passwords as dots).
    pub fields: Vec<(String, String)>,
    /// Options: label and whether selected.
    pub choices: Vec<(String, bool)>,
    /// Tick boxes: label and whether ticked.
    pub ticks: Vec<(String, bool)>,
    /// Buttons.
    pub buttons: Vec<String>,
    /// Links.
    pub links: Vec<String>,
    /// A table (methods, App Passwords), first row the header.
    pub table: Vec<Vec<String>>,
    /// A QR code: its payload.
    pub qr: Option<String>,
    /// A secret shown for manual entry in another authenticator app (Base32).
    pub secret: Option<String>,
    /// The code and URL shown for adding a work account to Microsoft Authenticator by hand
    /// ("Can't scan image?").
    pub activation: Option<Activation>,
    /// An App Password shown (once).
    pub app_password: Option<String>,
    /// A number to type into Microsoft Authenticator.
    pub number: Option<u8>,
    /// An error message in red.
    pub error: Option<String>,
    /// A success message in green.
    pub notice: Option<String>,
    /// The button or link the person pressed on this page (set when the page is recorded
    /// as it was left).
    pub pressed: Option<String>,
    /// Every control with the action it performs (for the trainer and step definitions).
    #[serde(skip)]
    pub controls: Vec<(String, Action)>,
    /// The text boxes, typed, in the order of `fields`.
    #[serde(skip)]
    pub inputs: Vec<Field>,
}

/// What Microsoft Authenticator needs to add a work account without the QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Activation {
    /// The activation code, in groups of three digits as the page shows it.
    pub code: String,
    /// The address the app registers with.
    pub url: String,
}

impl ScreenView {
    /// Start a view with its address and title.
    pub fn new(address: &str, title: &str) -> Self {
        ScreenView {
            address: address.to_string(),
            title: title.to_string(),
            ..Default::default()
        }
    }

    /// Set the sub-heading.
    pub fn subtitle(mut self, s: &str) -> Self {
        self.subtitle = Some(s.to_string());
        self
    }

    /// Add a paragraph.
    pub fn say(mut self, s: impl Into<String>) -> Self {
        self.text.push(s.into());
        self
    }

    /// Add a text box.
    pub fn field(mut self, field: Field, value: &str) -> Self {
        self.fields
            .push((field.label().to_string(), value.to_string()));
        self.inputs.push(field);
        self
    }

    /// Add an option.
    pub(crate) fn choice(mut self, label: &str, choice: Choice, selected: bool) -> Self {
        self.choices.push((label.to_string(), selected));
        self.controls
            .push((label.to_string(), Action::Choose(choice)));
        self
    }

    /// Add a tick box.
    pub(crate) fn tick(mut self, label: &str, checkbox: Checkbox, ticked: bool) -> Self {
        self.ticks.push((label.to_string(), ticked));
        self.controls
            .push((label.to_string(), Action::Tick(checkbox)));
        self
    }

    /// Add buttons.
    pub fn buttons(mut self, buttons: &[Button]) -> Self {
        for b in buttons {
            self.buttons.push(b.label().to_string());
            self.controls
                .push((b.label().to_string(), Action::Press(*b)));
        }
        self
    }

    /// Add links.
    pub fn links(mut self, links: &[Link]) -> Self {
        for l in links {
            self.links.push(l.label().to_string());
            self.controls
                .push((l.label().to_string(), Action::Follow(*l)));
        }
        self
    }

    /// The action behind a visible label (button, link, option or tick box), matched
    /// case-insensitively; an option may be named by the start of its label.
    pub fn control(&self, label: &str) -> Option<Action> {
        let want = label.trim().to_lowercase();
        let exact = self.controls.iter().find(|(l, _)| l.to_lowercase() == want);
        let prefix = || {
            self.controls.iter().find(|(l, a)| {
                matches!(a, Action::Choose(_)) && l.to_lowercase().starts_with(&want)
            })
        };
        exact.or_else(prefix).map(|(_, a)| a.clone())
    }

    /// The text box with this label (or kind name), matched case-insensitively.
    pub fn input(&self, label: &str) -> Option<Field> {
        let want = label.trim().to_lowercase();
        self.inputs.iter().copied().find(|f| {
            f.label().to_lowercase() == want
                || format!("{f:?}").to_lowercase() == want.replace(' ', "")
        })
    }

    /// Set the error line.
    pub fn error(mut self, e: &Option<String>) -> Self {
        self.error = e.clone();
        self
    }

    /// Set the notice line.
    pub fn notice(mut self, n: &Option<String>) -> Self {
        self.notice = n.clone();
        self
    }

    /// True when the page offers this control (button, link, option or tick box).
    pub fn offers(&self, action: &Action) -> bool {
        self.controls.iter().any(|(_, a)| a == action)
    }

    /// Every piece of visible text, for "the page says ..." checks.
    pub fn all_text(&self) -> String {
        let mut out = vec![self.title.clone()];
        out.extend(self.subtitle.clone());
        out.extend(self.text.clone());
        out.extend(self.fields.iter().map(|(l, v)| format!("{l}: {v}")));
        out.extend(self.choices.iter().map(|(l, _)| l.clone()));
        out.extend(self.ticks.iter().map(|(l, _)| l.clone()));
        out.extend(self.buttons.clone());
        out.extend(self.links.clone());
        out.extend(self.table.iter().map(|r| r.join(" ")));
        out.extend(self.error.clone());
        out.extend(self.notice.clone());
        out.extend(
            self.activation
                .iter()
                .flat_map(|a| [format!("Code: {}", a.code), format!("URL: {}", a.url)]),
        );
        out.extend(self.secret.iter().map(|s| format!("Secret key: {s}")));
        out.extend(self.app_password.clone());
        out.extend(self.number.map(|n| n.to_string()));
        out.join("\n")
    }
}
