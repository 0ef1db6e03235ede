//! Tests of the modules of `mfa_sim::book`, one file each.

mod commit;
mod handout;
mod html;
mod output;
