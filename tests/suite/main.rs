//! Every integration test but the guide run (`tests/guide.rs`, cucumber owns its `main`) and
//! the fuzz replay (`tests/fuzz_regressions.rs`, which sets a process-wide panic hook), in one
//! binary: one link instead of a dozen keeps a fresh `cargo test` quick. The library's own tests
//! are here too, in `unit/` (one module per module of `src/`, through the public API): the
//! library is `test = false`, so it is compiled once and not again as a unit-test harness.
//!
//! Run one part with its module name: `cargo test --test suite trainer::`.

#[path = "../common/mod.rs"]
mod common;

mod authoring;
mod book;
mod check_guide;
mod cli;
mod debrief;
mod guide_pages;
mod harness;
mod inputs_features;
mod inputs_tenant;
mod inputs_trainer;
mod invariants;
mod lint_guide;
mod no_debug_text;
mod progress;
mod project;
mod rules;
mod step_expressions;
mod then_and_now;
mod today;
mod trainer;
mod unit;
mod web;
