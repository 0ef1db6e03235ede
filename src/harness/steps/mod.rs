//! Step definitions, grouped by what they act on. Each begins with `w.at(step)` and either
//! checks something a person could observe or is followed in the features by a step that
//! does. The `/// Example:` line above each is printed by `mfa-sim steps`.
//!
//! A step written as a cucumber expression is registered with the regex the expression
//! expands to, under an `/// Expression:` line that people (and `mfa-sim steps`) read.
//! cucumber's `expr = "…"` expands each expression through a provider type of its own,
//! which compiles the whole expansion once per step: written out, the library builds in a good
//! part less time. `tests/suite/step_expressions.rs` keeps each regex equal to its expansion
//! (`MFA_SIM_BLESS=1 cargo test --test suite step_expressions` writes them).

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
