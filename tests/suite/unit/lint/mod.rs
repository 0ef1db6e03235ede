//! Tests of the modules of `mfa_sim::lint`, one file each.

mod claims;
mod detect;
mod document;
mod render;
mod screens;
mod vale;
