//! Tests of the modules of `mfa_sim::check`, one file each.

mod exercises;
