//! Fuzz target `trainer_session`: see `mfa_sim::fuzzing::trainer_session`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mfa_sim::fuzzing::trainer_session(data));
