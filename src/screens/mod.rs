//! Typed pages and how they look.
//!
//! [`Page`] is the enum of everything the browser can show, each variant carrying its own
//! data; [`ScreenView`] is what a person sees of it. Architecture invariant: screens never
//! change state; flows decide the next page, screens only describe the current one.

mod controls;
mod id;
mod page;
mod setup_pages;
pub mod text;
mod view;

pub use controls::{Action, Button, Checkbox, Choice, Contact, Control, Field, Link, NewMethod};
pub use id::{LegacyStep, ManageStep, PageId, SignInStep, WizardStep};
pub use page::{LegacyPage, ManagePage, Page, SignInPage, WizardPage};
pub use view::ScreenView;
