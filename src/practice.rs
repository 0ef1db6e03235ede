//! `mfa-sim train` and `mfa-sim progress` around the progress file: who the trainee is, where
//! the file is, saving a finished attempt, and printing a trainee's standing or the manager's
//! table. The trainer itself never sees the file (see `mfa_sim::progress`).

use anyhow::{Context, Result, anyhow};
use mfa_sim::Project;
use mfa_sim::cli::ProgressFile;
use mfa_sim::clock::Instant;
use mfa_sim::progress::{Attempt, Store};
use mfa_sim::trainer::debrief::Debrief;
use std::path::PathBuf;
use std::process::ExitCode;

/// Who trains when nobody says and the environment names no user.
const ANYONE: &str = "trainee";

/// The trainee's name: `--trainee`, else the user name from the environment (USER, then
/// USERNAME), else "trainee".
pub(crate) fn trainee(given: Option<String>) -> String {
    [
        given,
        std::env::var("USER").ok(),
        std::env::var("USERNAME").ok(),
    ]
    .into_iter()
    .flatten()
    .map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>())
    .map(|n| n.trim().to_string())
    .find(|n| !n.is_empty())
    .unwrap_or_else(|| ANYONE.to_string())
}

/// The progress file: `--progress PATH`, else the one in the user's data directory.
pub(crate) fn path(file: &ProgressFile) -> Result<PathBuf> {
    file.path
        .clone()
        .or_else(mfa_sim::progress::default_path)
        .ok_or_else(|| {
            anyhow!(
                "there is no home directory to keep progress in; give --progress PATH, or --no-save"
            )
        })
}

/// Open (or create) the progress file for writing.
pub(crate) fn open(file: &ProgressFile) -> Result<Store> {
    Ok(Store::open(&path(file)?)?)
}

/// Keep a finished attempt; says where on stderr.
pub(crate) fn save(
    store: &mut Store,
    trainee: &str,
    debrief: &Debrief,
    ended: Instant,
) -> Result<()> {
    let attempt = Attempt::finished(trainee, debrief, ended);
    store
        .record(&attempt)
        .context("the attempt was not saved (the debrief above is all there is of it)")?;
    eprintln!(
        "mfa-sim: attempt saved for {trainee} in {}",
        store.path().display()
    );
    Ok(())
}

/// After `mfa-sim train`'s list: what the trainee has done and what is next (nothing is
/// created when there is no progress file yet).
pub(crate) fn standing(project: &Project, trainee: &str, file: &ProgressFile) -> Result<()> {
    let path = path(file)?;
    let ids = exercise_ids(project);
    let attempts = match Store::read(&path)? {
        Some(store) => store.attempts()?,
        None => Vec::new(),
    };
    let standings = mfa_sim::progress::standing(&attempts, trainee, &ids);
    print!("{}", mfa_sim::progress::summary(trainee, &standings));
    Ok(())
}

/// `mfa-sim progress`: the manager's table (or CSV) on stdout.
pub(crate) fn table(
    explicit: Option<&std::path::Path>,
    csv: bool,
    file: &ProgressFile,
) -> Result<ExitCode> {
    let path = path(file)?;
    // The project's exercises give the order; outside a project, the file's own order.
    let ids = Project::locate(explicit)
        .map(|p| exercise_ids(&p))
        .unwrap_or_default();
    let attempts = match Store::read(&path)? {
        Some(store) => store.attempts()?,
        None => {
            eprintln!("mfa-sim: no progress file at {} yet", path.display());
            Vec::new()
        }
    };
    let text = if csv {
        mfa_sim::progress::manager_csv(&attempts, &ids)
    } else {
        mfa_sim::progress::manager_table(&attempts, &ids)
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn exercise_ids(project: &Project) -> Vec<String> {
    mfa_sim::trainer::exercise::all_in(&project.exercises())
        .map(|c| c.exercises.into_iter().map(|e| e.id).collect())
        .unwrap_or_default()
}
