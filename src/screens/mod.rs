//! Typed pages and how they look.
//!
//! [`Page`] is the enum of everything the browser can show, each variant carrying its own
//! data; [`PageId`] is which page it is, without the data; [`ScreenView`] is what a person
//! sees of it, tagged with its [`PageId`]. Architecture invariants: screens never change
//! state (flows decide the next page, screens only describe the current one); decisions are
//! made on [`PageId`] and typed controls, while titles and labels are for people: read only
//! by step assertions and by the code that draws a screen (`tests/suite/invariants.rs`).

mod controls;
mod id;
mod page;
mod setup_pages;
pub mod text;
mod view;

pub(crate) use controls::app_use_label;
pub use controls::{Action, Button, Checkbox, Choice, Contact, Control, Field, Link, NewMethod};
pub use id::{LegacyStep, ManageStep, PageId, SignInStep, WizardStep};
pub use page::{LegacyPage, ManagePage, Page, SignInPage, WizardPage};
pub use view::{Activation, ScreenView};
