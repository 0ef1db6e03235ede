//! The interactive trainer: new technicians practise the guide and real help-desk tickets
//! against the simulated tenant.
//!
//! - `exercise.rs`: the YAML exercises in `scenarios/exercises/`;
//! - `command.rs`: what a trainee can type;
//! - `session.rs`: the session state machine (one simulation, one command at a time);
//! - `terminal.rs`: the edge that reads standard input, interactively or as a script.
//!
//! Architecture invariant: only `terminal.rs` touches stdin and stdout.

pub mod command;
pub mod exercise;
pub mod session;
pub mod terminal;

pub use exercise::Exercise;
pub use session::{Reply, Session};
