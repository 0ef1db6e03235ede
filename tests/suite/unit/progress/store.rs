//! Tests of `mfa_sim::progress::store` (`src/progress/store.rs`), through its public API.

use mfa_sim::clock::Instant;
use mfa_sim::progress::store::*;
use mfa_sim::trainer::debrief::{Debrief, MistakeNote, Outcome};
use rusqlite::Connection;

pub fn attempt(trainee: &str, exercise: &str, score: u32, at: Instant) -> Attempt {
    let outcome = if score > 0 {
        Outcome::Met
    } else {
        Outcome::Failed
    };
    Attempt {
        trainee: trainee.into(),
        exercise: exercise.into(),
        real_time: at,
        simulated_time: 1_622_538_000,
        debrief: Debrief {
            exercise: exercise.into(),
            outcome,
            score,
            actions: 3,
            hints: 0,
            mistakes: if score == 100 {
                Vec::new()
            } else {
                vec![MistakeNote {
                    command: "admin disable dana".into(),
                    what: "Broken".into(),
                    guide: None,
                    page: None,
                    rule: Some(6),
                }]
            },
            unlisted: 0,
            expert: Vec::new(),
            seconds: 125,
            time_limit: None,
            restarts: 0,
        },
    }
}

#[test]
fn attempts_are_kept_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/folder/progress.sqlite");
    assert!(Store::read(&path).unwrap().is_none());
    assert!(!path.exists(), "reading never creates the file");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    let a = attempt("sam", "ticket-lost-phone", 0, 1_800_000_000);
    let b = attempt("sam", "ticket-lost-phone", 90, 1_800_000_600);
    store.record(&a).unwrap();
    store.record(&b).unwrap();
    drop(store);
    let store = Store::read(&path).unwrap().unwrap();
    assert_eq!(store.attempts().unwrap(), vec![a, b]);
}

/// A file made by the first schema, with an attempt in it, is brought up to date and
/// keeps the attempt; its time taken is filled in from its debrief.
#[test]
fn an_older_file_is_migrated_and_keeps_its_attempts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let old = attempt("sam", "sms-setup", 100, 1_800_000_000);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO attempts (trainee, exercise, real_time, simulated_time, outcome, score, mistakes, debrief) VALUES ('sam', 'sms-setup', 1800000000, 1622538000, 'met', 100, 0, ?1)",
            [serde_json::to_string(&old.debrief).unwrap()],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.attempts().unwrap(), vec![old]);
    let minutes: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT minutes FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(minutes, 3, "125 s is 3 started minutes");
}

#[test]
fn a_file_from_a_newer_mfa_sim_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(err.contains("new.sqlite") && err.contains("newer"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
