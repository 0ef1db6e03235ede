//! Tests of the modules of `mfa_sim::book`, one file each.

mod handout;
mod html;
mod output;
