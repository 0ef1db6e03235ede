//! mfa-sim: a help-desk MFA guide turned into executable documentation.
//!
//! A simulated Microsoft 365 tenant ([`tenant`]) and the actors that play the guide
//! ([`actors`]) run in simulated time ([`clock`]) from a scenario ([`scenario`]). The guide's
//! steps are Gherkin scenarios driven by [`harness`]; the same runs feed the book ([`book`])
//! and the trainer ([`trainer`]), whose attempts [`progress`] keeps. The real service's rules it answers to are listed, with
//! sources and tests, in [`rules`]. See ARCHITECTURE.md for the map.

#![warn(missing_docs, unreachable_pub)]

pub mod actors;
pub mod book;
pub mod check;
pub mod cli;
pub mod clock;
pub mod flows;
pub mod fuzzing;
pub mod guide;
pub mod harness;
pub mod lint;
pub mod progress;
pub mod project;
pub mod records;
pub mod rules;
pub mod scaffold;
pub mod scenario;
pub mod screens;
pub mod seed;
pub mod simulation;
pub mod tenant;
pub mod tickets;
pub mod trainer;
pub mod transcript;
pub mod verdict;
pub mod web;
pub mod words;

pub use project::Project;
pub use scenario::Scenario;
pub use simulation::Simulation;
