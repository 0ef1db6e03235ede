//! Trainees' progress (issue 14): attempts kept across runs of the binary in the file given
//! with `--progress` (never the user's own: every test here names a temporary file), what
//! `train` and `progress` print from it, and a file that is garbage, locked, or whose writer
//! was killed midway: a clear error naming the file, and the earlier attempts never lost.

use mfa_sim::progress::{Attempt, ProgressError, Store};
use mfa_sim::trainer::debrief::{Debrief, Outcome};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::mfa_sim_with_stdin as mfa_sim;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn attempt(trainee: &str, n: usize) -> Attempt {
    Attempt {
        trainee: trainee.into(),
        exercise: format!("exercise-{}", n % 3),
        real_time: 1_800_000_000 + n as i64,
        simulated_time: 1_622_538_000,
        debrief: Debrief {
            exercise: format!("exercise-{}", n % 3),
            outcome: Outcome::Met,
            score: 100,
            actions: 3,
            hints: 0,
            mistakes: Vec::new(),
            unlisted: 0,
            expert: Vec::new(),
            seconds: 60,
            time_limit: None,
            restarts: 0,
        },
    }
}

#[test]
fn attempts_are_kept_per_trainee_and_shown_to_the_trainee_and_the_manager() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("desk/progress.sqlite");
    let file = file.to_str().unwrap();
    let good = "verify dana callback\nadmin reregister dana\nadmin tap dana 60\n";
    let cases = [
        ("sam", "admin disable dana\n", 1),
        ("sam", good, 0),
        ("kim", "verify dana callback\n", 1),
    ];
    for (trainee, script, code) in cases {
        let out = mfa_sim(
            &[
                "train",
                "ticket-lost-phone",
                "--trainee",
                trainee,
                "--progress",
                file,
            ],
            script,
        );
        assert_eq!(out.status.code(), Some(code), "{}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(&format!("attempt saved for {trainee} in {file}")),
            "{}",
            text(&out.stderr)
        );
    }
    let out = mfa_sim(&["train", "--trainee", "sam", "--progress", file], "");
    let said = text(&out.stdout);
    assert!(
        said.contains("sam: 1 of ") && said.contains("ticket-lost-phone (100)"),
        "{said}"
    );
    assert!(said.contains("Next: mfa-sim train sms-setup"), "{said}");
    let out = mfa_sim(&["train", "--trainee", "kim", "--progress", file], "");
    assert!(
        text(&out.stdout).contains("Tried, not done yet: ticket-lost-phone (1 attempt)"),
        "{}",
        text(&out.stdout)
    );

    let out = mfa_sim(&["progress", "--csv", "--progress", file], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "trainee,exercise,done,best,attempts,last date,mistakes"
    );
    assert!(
        lines[1].starts_with("sam,ticket-lost-phone,yes,100,2,") && lines[1].ends_with(",1"),
        "{csv}"
    );
    assert!(
        lines[2].starts_with("kim,ticket-lost-phone,no,0,1,") && lines[2].ends_with(",0"),
        "{csv}"
    );
    let table = text(&mfa_sim(&["progress", "--progress", file], "").stdout);
    assert!(table.starts_with("trainee  exercise"), "{table}");

    // The stored debrief is the one printed: the failed attempt's mistake cites rule 6.
    let store = Store::read(Path::new(file)).unwrap().unwrap();
    let all = store.attempts().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].debrief.outcome, Outcome::Failed);
    assert_eq!(all[0].debrief.mistakes[0].rule, Some(6));
    assert!(all[1].debrief.expert.len() == 2 && all[1].debrief.score == 100);
}

#[test]
fn no_save_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = mfa_sim(
        &[
            "train",
            "ticket-lost-phone",
            "--no-save",
            "--trainee",
            "sam",
        ],
        "verify dana\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !text(&out.stderr).contains("saved"),
        "{}",
        text(&out.stderr)
    );
    // --no-save and --progress contradict each other.
    let file = dir.path().join("p.sqlite");
    let out = mfa_sim(
        &[
            "train",
            "sms-setup",
            "--no-save",
            "--progress",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(!file.exists());
}

/// A file that is not a database: the trainer refuses before the attempt starts, names the
/// file, and leaves it as it was; `progress` says the same.
#[test]
fn a_garbage_file_gives_a_clear_error_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.sqlite");
    let garbage = b"these are somebody's notes, not a database\n".repeat(100);
    std::fs::write(&file, &garbage).unwrap();
    let path = file.to_str().unwrap();
    for args in [
        &["train", "sms-setup", "--trainee", "sam", "--progress", path][..],
        &["train", "--trainee", "sam", "--progress", path],
        &["progress", "--progress", path],
    ] {
        let out = mfa_sim(args, "quit\n");
        assert!(!out.status.success(), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!("{path} is not a readable progress file")),
            "{args:?}: {err}"
        );
        assert!(
            !text(&out.stdout).contains("== First setup"),
            "{args:?}: the attempt started"
        );
    }
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
    match Store::open(&file) {
        Err(ProgressError::Unreadable { path, .. }) => assert_eq!(path, file),
        other => panic!("{:?}", other.err()),
    }
}

/// Another program holds a write transaction: saving says the file is in use, names it, and
/// writes nothing. Then that program dies without committing (its transaction dropped): the
/// file reopens with every earlier attempt and none of the dead writer's.
#[test]
fn a_locked_file_says_so_and_a_dropped_write_loses_nothing_earlier() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.sqlite");
    let mut store = Store::open(&file).unwrap();
    for n in 0..3 {
        store.record(&attempt("sam", n)).unwrap();
    }
    let mut other = rusqlite::Connection::open(&file).unwrap();
    let tx = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute("DELETE FROM attempts", []).unwrap();
    tx.execute(
        "INSERT INTO attempts (trainee, exercise, real_time, simulated_time, outcome, score, mistakes, debrief) VALUES ('ghost', 'x', 0, 0, 'met', 100, 0, '{}')",
        [],
    )
    .unwrap();
    let err = store.record(&attempt("sam", 9)).unwrap_err();
    assert!(matches!(err, ProgressError::Locked { .. }), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("{} is in use by another program", file.display())),
        "{err}"
    );
    drop(tx);
    drop(other);
    drop(store);
    let store = Store::open(&file).unwrap();
    let kept = store.attempts().unwrap();
    assert_eq!(kept, (0..3).map(|n| attempt("sam", n)).collect::<Vec<_>>());
}

/// A writer killed while it writes: a child process (this test binary, running
/// [`writer_that_is_killed`]) records attempts as fast as it can until it is killed. Every
/// attempt the file held before the kill is still there afterwards, and the file takes new ones.
#[test]
fn a_writer_killed_midway_loses_no_earlier_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.sqlite");
    drop(Store::open(&file).unwrap());
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "progress::writer_that_is_killed",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MFA_SIM_TEST_WRITER", &file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait (without sleeping) until the child has written a good number, then kill it while
    // it writes the next.
    let seen = loop {
        let n = Store::read(&file)
            .ok()
            .flatten()
            .and_then(|s| s.attempts().ok())
            .map_or(0, |a| a.len());
        if n >= 25 {
            break n;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer stopped by itself"
        );
        std::thread::yield_now();
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let mut store = Store::open(&file).unwrap();
    let kept = store.attempts().unwrap();
    assert!(kept.len() >= seen, "{} < {seen}", kept.len());
    for (n, a) in kept.iter().enumerate() {
        assert_eq!(*a, attempt("writer", n), "attempt {n}");
    }
    store.record(&attempt("after", 0)).unwrap();
    assert_eq!(store.attempts().unwrap().len(), kept.len() + 1);
}

/// The child of [`a_writer_killed_midway_loses_no_earlier_attempt`]: does nothing unless it
/// is given a file.
#[test]
#[ignore = "run only as the child of a_writer_killed_midway_loses_no_earlier_attempt"]
fn writer_that_is_killed() {
    let Some(file) = std::env::var_os("MFA_SIM_TEST_WRITER") else {
        return;
    };
    let mut store = Store::open(Path::new(&file)).unwrap();
    for n in 0.. {
        store.record(&attempt("writer", n)).unwrap();
    }
}
