//! The built-in tour (`tour.feature`, compiled into mfa-sim): the pages a person walks
//! through to set up and manage MFA, played by the simulated people on the guide's date and
//! today when a project has no feature files of its own, so `lint-guide` can check a guide
//! whose help desk wrote no Gherkin.
//!
//! The tour is written to a folder of its own under the system's temporary folder for the
//! run and removed afterwards; only what it created there is removed.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The tour's scenarios.
pub const FEATURE: &str = include_str!("tour.feature");

/// The tour written out for one run; dropping it removes the file and the folder it made.
#[derive(Debug)]
pub struct Tour {
    folder: PathBuf,
}

impl Tour {
    /// Write the tour into a new folder (never one that exists already).
    pub fn write() -> Result<Tour> {
        let base = std::env::temp_dir();
        let pid = std::process::id();
        for n in 0..1000 {
            let folder = base.join(format!("mfa-sim-tour-{pid}-{n}"));
            match std::fs::create_dir(&folder) {
                Ok(()) => {
                    let tour = Tour { folder };
                    std::fs::write(tour.folder.join("tour.feature"), FEATURE).with_context(
                        || format!("cannot write the tour into {}", tour.folder.display()),
                    )?;
                    return Ok(tour);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!("cannot make a folder for the tour in {}", base.display())
                    });
                }
            }
        }
        anyhow::bail!("no free folder name for the tour in {}", base.display())
    }

    /// The folder holding `tour.feature`.
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

impl Drop for Tour {
    fn drop(&mut self) {
        // Only what `write` made: the file, then the folder (which fails if anything else
        // was put there, and is then left alone).
        let _ = std::fs::remove_file(self.folder.join("tour.feature"));
        let _ = std::fs::remove_dir(&self.folder);
    }
}
