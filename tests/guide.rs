//! Runs every feature in `features/` against the simulator: the executable guide.
//!
//! `cargo test` runs this (harness = false: cucumber owns main). Console output shows each
//! step; a JUnit report goes to `target/cucumber/junit.xml`. Filter with a tag:
//! `cargo test --test guide -- @guide:SMS-05` (the first argument, if any, is a tag).

mod common;

use mfa_sim::harness::{RunOptions, run};
use std::path::PathBuf;
use std::time::Instant;

#[tokio::main]
async fn main() {
    let tag = std::env::args().skip(1).find(|a| a.starts_with('@'));
    let junit = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../cucumber/junit.xml");
    let started = Instant::now();
    let project = common::repo();
    let report = run(
        &project,
        &project.features(),
        RunOptions {
            console: true,
            tag,
            ..RunOptions::default()
        },
    )
    .await;
    for p in &report.problems {
        println!("error: {p}");
    }
    match mfa_sim::harness::reports::junit(&report) {
        Ok(xml) => {
            if let Err(e) =
                mfa_sim::harness::reports::write(&junit, &xml, mfa_sim::harness::reports::MARK)
            {
                println!("error: {e}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
    let problems = report.problems();
    println!(
        "\nguide: {} scenarios, {} steps, {} not passed, in {:.2?} (simulated time)",
        report.scenario_count(),
        report.steps.len(),
        problems.len(),
        started.elapsed()
    );
    for p in &problems {
        println!(
            "  {} {}:{} {} {} -> {:?}",
            p.status.word(),
            p.feature,
            p.step_line,
            p.keyword,
            p.text,
            p.status
        );
    }
    if !report.passed() {
        std::process::exit(1);
    }
}
