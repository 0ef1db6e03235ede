//! Replays every input kept in `fuzz/regressions/<target>/` through the fuzz target's own body
//! (`mfa_sim::fuzzing`), so a crash the fuzzer once found stays fixed on a plain `cargo test`.
//! Each folder must hold at least one file (seeds are kept there too).
//!
//! A panic anywhere counts, as it does under libFuzzer (whose panic hook aborts): also one in
//! an actor's tokio task, which the runtime would otherwise swallow.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

static PANICKED: AtomicBool = AtomicBool::new(false);

#[test]
fn every_kept_fuzz_input_runs_without_panicking() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        default_hook(info);
    }));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    // The targets find the project from the current directory, as under `cargo fuzz run`.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    for (target, body) in mfa_sim::fuzzing::TARGETS {
        let dir = root.join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(
            !files.is_empty(),
            "{}: no inputs kept for `{target}`",
            dir.display()
        );
        for file in files {
            let data = std::fs::read(&file).unwrap();
            PANICKED.store(false, Ordering::SeqCst);
            let outcome = std::panic::catch_unwind(|| body(&data));
            assert!(
                outcome.is_ok() && !PANICKED.load(Ordering::SeqCst),
                "{target}: {} panicked (replay with `cargo fuzz run {target} {}`)",
                file.display(),
                file.display()
            );
        }
    }
}
