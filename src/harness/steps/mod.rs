//! Step definitions, grouped by what they act on. Each begins with `w.at(step)` and either
//! checks something a person could observe or is followed in the features by a step that
//! does. The `/// Example:` line above each is printed by `mfa-sim steps`.

pub mod admin;
pub mod apps;
pub mod browser;
pub mod intruder;
pub mod journeys;
pub mod mail;
pub mod phone;
pub mod tenant;

/// `her`, `his` or `their` in step text: any of them, for readable features.
pub const PRONOUN: &str = "her/his/their";
