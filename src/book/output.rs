//! Where a book may be written. mdBook empties its output folder before it writes, so the
//! folder is checked first: mfa-sim only ever empties a folder it built itself.
//!
//! A build leaves [`BUILD_MARKER`] in its output. A folder is accepted when it does not
//! exist, is empty, or holds that marker; it is refused when it is `/`, the project or any
//! folder above it, the book's sources or anything above or inside them, or a non-empty
//! folder without the marker.

use crate::project::Project;
use std::path::{Path, PathBuf};

/// The file a book build leaves in its output folder, so the next build may replace it.
pub const BUILD_MARKER: &str = ".mfa-sim-build";

/// Why a book cannot be written to a folder.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would contain the project (or be the file system's root).
    #[error(
        "refusing to write the book to {0}: it contains the project at {1}, and building empties the output folder"
    )]
    ContainsProject(PathBuf, PathBuf),
    /// The output is the book's sources, inside them, or above them.
    #[error(
        "refusing to write the book to {0}: it overlaps the book's sources in {1}; choose a folder of its own, such as {2}"
    )]
    OverlapsSources(PathBuf, PathBuf, PathBuf),
    /// A non-empty folder that no mfa-sim build made.
    #[error(
        "refusing to write the book to {0}: the folder is not empty and was not made by `mfa-sim book` (it has no {BUILD_MARKER}); building empties the output folder, so choose an empty or new folder"
    )]
    NotOurs(PathBuf),
    /// The output exists and is a file.
    #[error("refusing to write the book to {0}: it is a file, not a folder")]
    IsAFile(PathBuf),
    /// The folder cannot be read.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Check that the book of `project` (sources in `book_root`) may be written to `dest` (an
/// absolute path with `..` resolved).
pub fn check_output(dest: &Path, project: &Project, book_root: &Path) -> Result<(), OutputError> {
    let sources = crate::project::absolute(&book_root.join("src"))
        .map_err(|e| OutputError::Io(book_root.to_path_buf(), e))?;
    if dest.parent().is_none() || project.root().starts_with(dest) {
        return Err(OutputError::ContainsProject(
            dest.to_path_buf(),
            project.root().to_path_buf(),
        ));
    }
    if sources.starts_with(dest) || dest.starts_with(&sources) {
        return Err(OutputError::OverlapsSources(
            dest.to_path_buf(),
            sources,
            book_root.join("build"),
        ));
    }
    if dest.is_file() {
        return Err(OutputError::IsAFile(dest.to_path_buf()));
    }
    if !dest.exists() || dest.join(BUILD_MARKER).is_file() {
        return Ok(());
    }
    let mut entries =
        std::fs::read_dir(dest).map_err(|e| OutputError::Io(dest.to_path_buf(), e))?;
    if entries.next().is_some() {
        return Err(OutputError::NotOurs(dest.to_path_buf()));
    }
    Ok(())
}

/// Leave the marker in a finished build.
pub(super) fn mark(dest: &Path) -> Result<(), OutputError> {
    std::fs::write(
        dest.join(BUILD_MARKER),
        format!(
            "Built by mfa-sim {}. `mfa-sim book` may empty and rebuild this folder.\n",
            env!("CARGO_PKG_VERSION")
        ),
    )
    .map_err(|e| OutputError::Io(dest.to_path_buf(), e))
}
