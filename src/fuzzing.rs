//! The bodies of the fuzz targets in `fuzz/` (cargo-fuzz), shared with
//! `tests/fuzz_regressions.rs`, which replays every input kept in `fuzz/regressions/<target>/`
//! through the same code on a plain `cargo test`.
//!
//! Each function takes arbitrary bytes and must not panic, whatever they are: text that is not
//! UTF-8 is ignored, anything that parses is used the way the program uses it.

use crate::scenario::Scenario;
use crate::simulation::Simulation;
use crate::trainer::exercise;
use std::path::Path;

/// A fuzz target's body: any bytes in, no panic out.
pub type Target = fn(&[u8]);

/// The fuzz targets, by name: `fuzz/fuzz_targets/<name>.rs` and `fuzz/regressions/<name>/`.
pub const TARGETS: [(&str, Target); 4] = [
    ("tenant_yaml", tenant_yaml),
    ("exercise_yaml", exercise_yaml),
    ("feature_text", feature_text),
    ("trainer_session", trainer_session),
];

/// Generated populations larger than this are not started (they are the benchmark's business,
/// and a fuzzer that asks for a billion people only finds out how much memory there is).
pub(crate) const MAX_FUZZED_POPULATION: usize = 200;

/// At most this many trainer commands are played from one input.
pub(crate) const MAX_SESSION_LINES: usize = 64;

fn runtime() -> Option<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()
}

/// Scenario text: parse it, and if it is a scenario, start its simulation and drop it.
pub fn tenant_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(scenario) = Scenario::parse(text, Path::new("fuzz.yaml")) else {
        return;
    };
    if scenario
        .generate
        .as_ref()
        .is_some_and(|p| p.count > MAX_FUZZED_POPULATION)
    {
        return;
    }
    if let Some(rt) = runtime() {
        let sim = rt.block_on(Simulation::start(scenario));
        drop(sim);
    }
}

/// Exercise text through the exercise parser.
pub fn exercise_yaml(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = exercise::parse(text, Path::new("fuzz.yaml"));
    }
}

/// Feature text through the strict reader; when it reads cleanly, through the feature runner
/// on the project found from the current directory (the run must not panic; whether it
/// passes does not matter).
pub fn feature_text(data: &[u8]) {
    let findings = crate::harness::syntax::check_bytes(data, "fuzz.feature");
    if !findings.is_empty() {
        return;
    }
    let (Ok(project), Some(rt)) = (crate::project::Project::locate(None), runtime()) else {
        return;
    };
    let file = std::env::temp_dir().join(format!("mfa-sim-fuzz-{}.feature", std::process::id()));
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let _ = rt.block_on(crate::harness::run(
        &project,
        &file,
        crate::harness::RunOptions::default(),
    ));
    let _ = std::fs::remove_file(&file);
}

/// A trainer session: the first line picks a shipped exercise (by id, or by number in the
/// sorted list, or the first one), every further line is a command the trainee types.
pub fn trainer_session(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let pick = lines.next().unwrap_or_default().trim();
    let Ok(project) = crate::project::Project::locate(None) else {
        return;
    };
    let Ok(catalogue) = exercise::all_in(&project.exercises()) else {
        return;
    };
    let all = catalogue.exercises;
    let chosen = all
        .iter()
        .position(|e| e.id == pick)
        .or_else(|| pick.parse::<usize>().ok().map(|n| n % all.len().max(1)))
        .unwrap_or(0);
    let Some(exercise) = all.into_iter().nth(chosen) else {
        return;
    };
    let Some(rt) = runtime() else {
        return;
    };
    rt.block_on(async {
        let Ok((mut session, _briefing)) =
            crate::trainer::Session::start(exercise, &project, None).await
        else {
            return;
        };
        for line in lines.take(MAX_SESSION_LINES) {
            if session.handle(line).await.finished {
                break;
            }
        }
        let _ = session.result().await;
    });
}
