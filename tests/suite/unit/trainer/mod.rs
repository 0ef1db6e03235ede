//! Tests of the modules of `mfa_sim::trainer`, one file each.

mod caller;
mod clean;
mod command;
mod debrief;
mod exercise;
mod input;
mod safety;
mod solution;
