//! Fuzz target `feature_text`: see `mfa_sim::fuzzing::feature_text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfa_sim::fuzzing::feature_text(data));
