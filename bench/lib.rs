//! Nothing here: the package exists for `benches/simulator.rs` (`cargo bench -p mfa-sim-bench`),
//! kept apart from `mfa-sim` so that its benchmark framework is not built by `cargo test` there.
