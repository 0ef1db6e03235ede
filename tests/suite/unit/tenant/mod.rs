//! Tests of the modules of `mfa_sim::tenant`, one file each.

mod administration;
mod app_passwords;
mod calendar;
mod enrolment;
mod fraud;
mod mail_auth;
mod methods;
mod oath;
mod passkeys;
mod policy;
mod security_defaults;
mod sessions;
mod telephony;
pub(crate) mod test_tenant;
mod verification;
