//! Shared by the integration tests: this repository as an mfa-sim project.

#![allow(dead_code)]

use mfa_sim::Project;
use std::path::Path;

/// The repository's own project (tests may use `CARGO_MANIFEST_DIR`; the library may not).
pub fn repo() -> Project {
    Project::at(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the repository is a project")
}

/// Every file in `dir` whose name ends in `.ext`, sorted, with its text: the repository's own
/// files that property tests damage.
pub fn texts_in(dir: &Path, ext: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// How a test may damage a text file, line by line: what a person does by accident.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Remove line `n`.
    Drop(usize),
    /// Repeat line `n`.
    Duplicate(usize),
    /// Swap lines `a` and `b`.
    Swap(usize, usize),
    /// Cut the file at byte `n` (on a character boundary).
    Truncate(usize),
    /// Put line `from` of another text before line `at`.
    Splice(usize, usize),
    /// Replace line `n` with arbitrary text.
    Replace(usize, String),
}

/// Apply mutations to `text`; `other` feeds splices.
pub fn mutate(text: &str, other: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let donor: Vec<&str> = other.lines().collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Drop(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let mut cut = (*at).min(joined.len());
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = joined[..cut].lines().map(str::to_string).collect();
            }
            Mutation::Splice(from, at) if !donor.is_empty() => {
                let l = donor[from % donor.len()].to_string();
                lines.insert(at % (lines.len() + 1), l);
            }
            Mutation::Replace(i, t) if !lines.is_empty() => lines[i % n] = t.clone(),
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

/// A strategy for up to `max` mutations.
pub fn mutations(max: usize) -> impl proptest::strategy::Strategy<Value = Vec<Mutation>> {
    use proptest::prelude::*;
    let one = prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (0usize..20_000).prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Splice(a, b)),
        (any::<usize>(), "\\PC{0,80}").prop_map(|(i, t)| Mutation::Replace(i, t)),
    ];
    proptest::collection::vec(one, 1..=max)
}

/// Run `f` on another thread and fail if it does not finish within `seconds`: a hang
/// detector for property tests (speed itself is measured in `cargo bench`).
pub fn within<T: Send + 'static>(seconds: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(seconds))
        .unwrap_or_else(|_| {
            panic!("did not finish within {seconds} s (a hang, or a panic on the worker)")
        })
}

/// The verdicts of the repository's features replayed on `tenant` (and `date`), after
/// checking that the guide's own run passed and the replay ran. Worked out once per test
/// binary for each tenant and date (several test modules ask for the same ones).
pub async fn replayed_verdicts(
    tenant: &str,
    date: Option<&str>,
) -> Vec<mfa_sim::verdict::StepVerdict> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Cache = Mutex<HashMap<(String, Option<String>), Vec<mfa_sim::verdict::StepVerdict>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = (tenant.to_string(), date.map(str::to_string));
    let cache = CACHE.get_or_init(Cache::default);
    if let Some(v) = cache.lock().unwrap().get(&key) {
        return v.clone();
    }
    let v = replay_verdicts_uncached(tenant, date).await;
    cache.lock().unwrap().insert(key, v.clone());
    v
}

/// The repository's book, built once per test binary into a temporary folder that lives as
/// long as the process (the book test builds a second copy to compare with it).
pub fn built_book() -> &'static Path {
    use std::sync::OnceLock;
    static BOOK: OnceLock<tempfile::TempDir> = OnceLock::new();
    BOOK.get_or_init(|| {
        // Built on a thread of its own: the callers are inside a tokio runtime already.
        std::thread::spawn(|| {
            let out = tempfile::tempdir().unwrap();
            tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(mfa_sim::book::build_at(&repo().book(), Some(out.path())))
                .expect("the book builds");
            out
        })
        .join()
        .expect("the book build did not panic")
    })
    .path()
}

async fn replay_verdicts_uncached(
    tenant: &str,
    date: Option<&str>,
) -> Vec<mfa_sim::verdict::StepVerdict> {
    let project = repo();
    let replay = mfa_sim::harness::Replay {
        scenario: tenant.into(),
        date: date.map(str::to_string),
    };
    let guide = guide_run().await;
    assert!(guide.passed(), "the guide's own run: {:?}", guide.problems);
    let other = mfa_sim::harness::run(
        &project,
        &project.features(),
        mfa_sim::harness::RunOptions {
            replay: Some(replay),
            ..Default::default()
        },
    )
    .await;
    assert!(other.problems.is_empty(), "{:?}", other.problems);
    // A replay leaves out the scenarios that pin their own tenant or date, read from their
    // text before running: none that ran may turn out to be pinned.
    assert!(
        other.scenarios.values().all(|i| !i.pinned),
        "a replay ran a scenario pinned to its own tenant or date"
    );
    mfa_sim::verdict::verdicts(
        guide,
        &other,
        &mfa_sim::guide::load(&project.guide_steps()).expect("the guide steps load"),
        &project.features(),
    )
}

/// The repository's features run as written, once per test binary.
pub async fn guide_run() -> &'static mfa_sim::harness::RunReport {
    static RUN: tokio::sync::OnceCell<mfa_sim::harness::RunReport> =
        tokio::sync::OnceCell::const_new();
    RUN.get_or_init(|| async {
        let project = repo();
        mfa_sim::harness::run(&project, &project.features(), Default::default()).await
    })
    .await
}

/// The verdict on guide step `id`.
pub fn verdict_of<'a>(
    v: &'a [mfa_sim::verdict::StepVerdict],
    id: &str,
) -> &'a mfa_sim::verdict::StepVerdict {
    v.iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no verdict for {id}"))
}

/// What `mfa-sim ARGS` printed in the repository (status, standard output, standard error),
/// run once per test binary for each list of arguments: several test modules read the same
/// commands' output, each for its own reason.
pub fn output_of(args: &[&str]) -> (bool, String, String) {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Slot = Arc<OnceLock<(bool, String, String)>>;
    static SLOTS: OnceLock<Mutex<HashMap<Vec<String>, Slot>>> = OnceLock::new();
    let key: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let slot = SLOTS
        .get_or_init(Default::default)
        .lock()
        .unwrap()
        .entry(key)
        .or_default()
        .clone();
    slot.get_or_init(|| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
            .args(args)
            .current_dir(repo().root())
            .output()
            .expect("the binary runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .clone()
}

/// `mfa-sim ARGS` with `stdin` written to its standard input (a pipe, as in script mode).
pub fn mfa_sim_with_stdin(args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(stdin.as_bytes())
        .expect("the binary reads its input");
    child.wait_with_output().expect("the binary ends")
}
