//! Fuzz target `tenant_yaml`: see `mfa_sim::fuzzing::tenant_yaml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfa_sim::fuzzing::tenant_yaml(data));
