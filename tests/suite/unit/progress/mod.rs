//! Tests of the modules of `mfa_sim::progress`, one file each.

mod report;
pub(crate) mod store;
