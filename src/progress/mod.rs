//! Trainees' progress across exercises, kept in an embedded SQLite database (one file, SQLite
//! compiled into the binary, nothing to install).
//!
//! - `store.rs`: the file: opening (a clear [`ProgressError`] naming it when it is not a
//!   database, is locked or comes from a newer mfa-sim), the schema version
//!   (`PRAGMA user_version`) and its migrations, each attempt written in one transaction;
//! - `report.rs`: what is read back: a trainee's done and next exercises, and the table for a
//!   help-desk manager (trainees by exercise), as text or CSV.
//!
//! Where the file lives is the binary's choice: `--progress PATH`, or `progress.sqlite` in the
//! user's data directory ([`default_path`], from the `directories` crate). Nothing here reads
//! the machine's clock: the real date of an attempt is given by the caller (from
//! [`crate::clock::Clock::wall`]).
//!
//! Architecture invariant: the trainer never touches the database; it hands over a finished
//! attempt's [`Debrief`](crate::trainer::debrief::Debrief), and only the binary decides
//! whether and where it is saved.

mod report;
pub mod store;

pub use report::{Standing, manager_csv, manager_rows, manager_table, standing, summary};
pub use store::{Attempt, ProgressError, SCHEMA_VERSION, Store};

use std::path::PathBuf;

/// The progress file's name in the user's data directory.
pub const FILE_NAME: &str = "progress.sqlite";

/// Where progress is kept when no `--progress PATH` is given: `progress.sqlite` in the user's
/// data directory for mfa-sim (`~/.local/share/mfa-sim` on Linux, `~/Library/Application
/// Support/mfa-sim` on macOS, `%APPDATA%\mfa-sim\data` on Windows); None when the platform has
/// no home directory.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "mfa-sim").map(|d| d.data_dir().join(FILE_NAME))
}
