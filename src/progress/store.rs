//! The progress file: an SQLite database with one table of attempts.
//!
//! The schema has a version (`PRAGMA user_version`); opening a file brings it up to
//! [`SCHEMA_VERSION`] by running each [`MIGRATIONS`] step it lacks, each in a transaction of
//! its own together with the new version number, so a file is always at one version or the
//! next, never in between. Every attempt is written in one transaction: an attempt is in the
//! file whole or not at all, and a write cut short (the process killed, the disk full) leaves
//! the attempts before it as they were (SQLite's rollback journal undoes the rest the next
//! time the file is opened).
//!
//! Nothing here deletes or rewrites a file it cannot read: a file that is not a database, is
//! damaged, is locked by another program or was written by a newer mfa-sim is an error that
//! names the file and says what to do.

use crate::clock::Instant;
use crate::trainer::debrief::{Debrief, Outcome};
use rusqlite::{Connection, ErrorCode, OpenFlags, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this mfa-sim writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a write waits for another program to let go of the file before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(2);

/// Step `n` takes a file from version `n` to `n + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: one row per attempt; the debrief as JSON (`trainer::debrief::Debrief`).
    "CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        trainee TEXT NOT NULL,
        exercise TEXT NOT NULL,
        real_time INTEGER NOT NULL,
        simulated_time INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        score INTEGER NOT NULL,
        mistakes INTEGER NOT NULL,
        debrief TEXT NOT NULL
    );
    CREATE INDEX attempts_by_trainee ON attempts (trainee, exercise);",
    // 2: the time taken (simulated minutes, filled in for earlier attempts from their
    // debrief) and the exercise's time limit, if it had one.
    "ALTER TABLE attempts ADD COLUMN minutes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE attempts ADD COLUMN time_limit INTEGER;
    UPDATE attempts SET minutes = (json_extract(debrief, '$.seconds') + 59) / 60;",
];

/// Why the progress file cannot be used. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// The file is not an SQLite database, or is damaged.
    #[error(
        "{path} is not a readable progress file ({detail}); mfa-sim leaves it as it is. Restore it from a backup, or move it away to start a new one (or use --progress PATH, or --no-save)"
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// Another program holds the file.
    #[error(
        "{path} is in use by another program (another mfa-sim?); nothing was written. Try again when it has finished, or use --no-save"
    )]
    Locked {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer mfa-sim.
    #[error(
        "{path} has progress schema version {found}, newer than this mfa-sim knows ({known}); use the newer mfa-sim, or another file with --progress PATH"
    )]
    Newer {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// The folder for the file could not be made.
    #[error("cannot create the folder for the progress file {path}: {source}")]
    Folder {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Anything else SQLite refused.
    #[error("the progress file {path}: {source}")]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
}

/// One attempt, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Who practised.
    pub trainee: String,
    /// The exercise's id.
    pub exercise: String,
    /// The real time the attempt ended (Unix seconds, from the wall clock).
    pub real_time: Instant,
    /// The simulated time the attempt ended.
    pub simulated_time: Instant,
    /// The debrief (outcome, points, mistakes, the expert's way, time taken).
    pub debrief: Debrief,
}

impl Attempt {
    /// A finished attempt as the terminal and the web trainer keep it: `trainee`'s
    /// `debrief`, ended at simulated time `ended`, stamped with the machine's time now.
    pub fn finished(trainee: &str, debrief: &Debrief, ended: Instant) -> Attempt {
        Attempt {
            trainee: trainee.to_string(),
            exercise: debrief.exercise.clone(),
            real_time: crate::clock::Clock::wall().now(),
            simulated_time: ended,
            debrief: debrief.clone(),
        }
    }
}

/// An open progress file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open the progress file at `path`, creating it (and its folder) if it does not exist,
    /// and bring its schema up to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, ProgressError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ProgressError::Folder {
                path: path.to_path_buf(),
                source,
            })?;
        }
        Self::connect(path, OpenFlags::default())
    }

    /// Open the progress file at `path` to read it; `Ok(None)` when there is none (nothing is
    /// created). A file at an older version is brought up to date.
    pub fn read(path: &Path) -> Result<Option<Store>, ProgressError> {
        if !path.exists() {
            return Ok(None);
        }
        Self::connect(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE).map(Some)
    }

    fn connect(path: &Path, flags: OpenFlags) -> Result<Store, ProgressError> {
        let fail = |e| classify(path, e);
        let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
        conn.busy_timeout(BUSY_WAIT).map_err(fail)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        // Reading the header is where a file that is not a database shows itself.
        let found = store.version()?;
        if found > SCHEMA_VERSION {
            return Err(ProgressError::Newer {
                path: path.to_path_buf(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        let check: String = store
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(fail)?;
        if check != "ok" {
            return Err(ProgressError::Unreadable {
                path: path.to_path_buf(),
                detail: format!("SQLite's check says: {check}"),
            });
        }
        store.migrate(found)?;
        Ok(store)
    }

    /// The file's schema version.
    pub fn version(&self) -> Result<u32, ProgressError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get::<_, u32>(0))
            .map_err(|e| classify(&self.path, e))
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn migrate(&mut self, from: u32) -> Result<(), ProgressError> {
        let path = self.path.clone();
        let fail = |e| classify(&path, e);
        for (n, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self.conn.transaction().map_err(fail)?;
            tx.execute_batch(step).map_err(fail)?;
            tx.pragma_update(None, "user_version", n as u32 + 1)
                .map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
        Ok(())
    }

    /// Add an attempt, in one transaction; returns its row id.
    pub fn record(&mut self, attempt: &Attempt) -> Result<i64, ProgressError> {
        let path = self.path.clone();
        let fail = |e| classify(&path, e);
        let debrief =
            serde_json::to_string(&attempt.debrief).map_err(|e| ProgressError::Sqlite {
                path: path.clone(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        let tx = self.conn.transaction().map_err(fail)?;
        tx.execute(
            "INSERT INTO attempts (trainee, exercise, real_time, simulated_time, outcome, score, mistakes, debrief, minutes, time_limit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                attempt.trainee,
                attempt.exercise,
                attempt.real_time,
                attempt.simulated_time,
                outcome_name(attempt.debrief.outcome),
                attempt.debrief.score,
                attempt.debrief.mistake_count() as i64,
                debrief,
                attempt.debrief.minutes(),
                attempt.debrief.time_limit,
            ],
        )
        .map_err(fail)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(fail)?;
        Ok(id)
    }

    /// Every attempt, oldest first.
    pub fn attempts(&self) -> Result<Vec<Attempt>, ProgressError> {
        let fail = |e| classify(&self.path, e);
        let mut query = self
            .conn
            .prepare(
                "SELECT trainee, exercise, real_time, simulated_time, debrief
                 FROM attempts ORDER BY id",
            )
            .map_err(fail)?;
        let rows = query
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(fail)?;
        let mut out = Vec::new();
        for row in rows {
            let (trainee, exercise, real_time, simulated_time, debrief) = row.map_err(fail)?;
            let debrief: Debrief =
                serde_json::from_str(&debrief).map_err(|e| ProgressError::Unreadable {
                    path: self.path.clone(),
                    detail: format!("an attempt's debrief does not read: {e}"),
                })?;
            out.push(Attempt {
                trainee,
                exercise,
                real_time,
                simulated_time,
                debrief,
            });
        }
        Ok(out)
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Met => "met",
        Outcome::NotMet => "not met",
        Outcome::Failed => "failed",
    }
}

/// What went wrong, with the file's name.
fn classify(path: &Path, e: rusqlite::Error) -> ProgressError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => ProgressError::Unreadable {
            path,
            detail: e.to_string(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => ProgressError::Locked { path },
        _ => ProgressError::Sqlite { path, source: e },
    }
}
