//! Tests of the modules of `mfa_sim::actors`, one file each.

mod admin;
mod mail_client;
