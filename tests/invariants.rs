//! Architecture invariants that a grep can check: simulated time only (no sleeping, no wall
//! clock outside `clock.rs`), no `unwrap()` in library code, no compile-time source paths
//! (`CARGO_MANIFEST_DIR`) and no process-wide state in library code, and only the trainer's
//! terminal edge reads standard input.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// Library code without its `#[cfg(test)]` modules.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap().to_string()
}

#[test]
fn time_is_simulated_and_io_stays_at_the_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for path in sources(&src) {
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if name.ends_with("_tests.rs") {
            continue;
        }
        let code = code_of(&path);
        for banned in [
            "thread::sleep",
            "time::sleep",
            "SystemTime",
            "Instant::now",
            "now_utc",
            "now_local",
        ] {
            assert!(
                name == "clock.rs" || !code.contains(banned),
                "{name} uses {banned}: only clock.rs may read the machine's time, and nothing sleeps"
            );
        }
        assert!(
            !code.contains(".unwrap()"),
            "{name} calls unwrap() outside tests"
        );
        assert!(
            !code.contains("CARGO_MANIFEST_DIR"),
            "{name} uses CARGO_MANIFEST_DIR outside tests: the binary must work on the project in front of it (Project::locate), not the tree it was compiled in"
        );
        let statics = code.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("static ")
                || l.starts_with("pub static ")
                || l.starts_with("pub(crate) static ")
        });
        for global in ["LazyLock", "OnceLock", "thread_local!"] {
            assert!(
                !code.contains(global) && !statics,
                "{name} has process-wide state (a static, `{global}`): per-run state travels through RunContext and the World"
            );
        }
        if name != "trainer/terminal.rs" && name != "book/mod.rs" {
            assert!(
                !code.contains("stdin()"),
                "{name} reads standard input; only the trainer's terminal edge (and the preprocessor protocol) may"
            );
        }
    }
}
