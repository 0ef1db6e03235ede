//! Tests of the modules of `mfa_sim::harness`, one file each.

mod capture;
mod params;
mod syntax;
mod typographic;
mod vocabulary;
mod world;
