//! Tests of the modules of `mfa_sim::flows`, one file each.

mod flow_tests;
mod security_info;
mod wizard;
