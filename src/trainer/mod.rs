//! The interactive trainer: new technicians practise the guide and real help-desk tickets
//! against the simulated tenant.
//!
//! - `exercise.rs`: the YAML exercises in `scenarios/exercises/`;
//! - `command.rs`: what a trainee can type;
//! - `caller.rs`: who is calling and how the desk checks (call-back, manager, video; `ask`,
//!   `directory`, `refuse`); `console.rs`: the admin console as typed (`admin ...`), whose
//!   behaviour lives in the tenant; `dead_end.rs`: when the goal can no longer be met, and why;
//! - `session.rs`: the session state machine (one simulation, one command at a time), with
//!   `goal.rs` (conditions and score), `safety.rs` (what must never happen, and why), `display.rs` (what the trainee sees) and `setup.rs`
//!   (what happened before the trainee arrived);
//! - `debrief.rs`: the debrief at the end of an attempt (score, mistakes with their guide step,
//!   book page and rule, the expert's way from `solution.rs`, simulated time taken);
//! - `input.rs`: lines of input, each at most 4096 bytes, read as they come;
//! - `clean.rs`: strips terminal control from everything echoed;
//! - `terminal.rs`: the edge that reads standard input, interactively or as a script;
//! - `outside.rs`: a `Companion` that follows the session from outside (the real mail
//!   clients of `mfa-sim-mail train`) and wakes it when it changed the simulation.
//!
//! Architecture invariant: only `terminal.rs` touches stdin and stdout.

pub mod caller;
pub mod clean;
pub mod command;
mod console;
mod dead_end;
pub mod debrief;
mod display;
pub mod exercise;
mod goal;
pub mod input;
pub mod outside;
pub mod safety;
pub mod session;
mod setup;
pub mod solution;
pub mod terminal;

pub use display::{DESK_ROWS, DeskState, PhoneState};
pub use exercise::Exercise;
pub use outside::Companion;
pub use session::{RealPhone, Reply, Session};
