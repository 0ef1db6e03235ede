//! `mfa-sim new DIR`: a help desk's own guide project, ready to run.
//!
//! The scaffold holds one of everything, each small and each passing at once: a guide
//! document to replace, its steps file, a tenant, a feature tagged with the steps, a book with
//! one chapter and a coverage page, and a trainer exercise. `mfa-sim check`, `mfa-sim run`
//! and `mfa-sim book` all pass on it as made (a test keeps it so). The texts here are the
//! project's own wording.
//!
//! Nothing is overwritten: the folder must not exist or must be empty.

use std::path::{Path, PathBuf};

/// Why a project could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The folder holds something already.
    #[error(
        "{0} already exists and is not empty; `mfa-sim new` only writes into a new or empty folder"
    )]
    NotEmpty(String),
    /// The folder's name cannot name a project.
    #[error("{0}: a project folder needs a name made of letters, digits, `-` or `_`")]
    BadName(String),
    /// The file system refused.
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
}

/// The files of a new project: (path inside the project, contents with `{name}`, `{tenant}`
/// and `{organisation}` to fill in).
pub const FILES: &[(&str, &str)] = &[
    ("mfa-sim.toml", include_str!("mfa-sim.toml")),
    ("guide/guide.md", include_str!("guide.md")),
    (
        "features/guide-steps.yaml",
        include_str!("guide-steps.yaml"),
    ),
    (
        "features/text-messages.feature",
        include_str!("text-messages.feature"),
    ),
    ("scenarios/example.yaml", include_str!("tenant.yaml")),
    (
        "scenarios/exercises/01-text-setup.yaml",
        include_str!("exercise.yaml"),
    ),
    ("book/book.toml", include_str!("book.toml")),
    ("book/src/SUMMARY.md", include_str!("SUMMARY.md")),
    ("book/src/README.md", include_str!("README.md")),
    ("book/src/text-messages.md", include_str!("chapter.md")),
    ("book/src/coverage.md", include_str!("coverage.md")),
];

/// The tenant file's name without `.yaml`.
const TENANT: &str = "example";

/// Make a new project in `dir`; returns the files written, in order.
pub fn create(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let shown = crate::project::shown(dir);
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| ScaffoldError::Io(shown.clone(), e))?
            .next()
            .is_none();
        if !empty {
            return Err(ScaffoldError::NotEmpty(shown));
        }
    }
    let name = crate::project::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ScaffoldError::BadName(shown));
    }
    let organisation = organisation(&name);
    let mut written = Vec::new();
    for (rel, template) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| ScaffoldError::Io(crate::project::shown(parent), e))?;
        }
        let text = template
            .replace("{name}", &name)
            .replace("{tenant}", TENANT)
            .replace("{organisation}", &organisation);
        // `create_new`: a file that appeared meanwhile is never replaced.
        use std::io::Write as _;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| ScaffoldError::Io(crate::project::shown(&path), e))?;
        written.push(path);
    }
    Ok(written)
}

/// `northwind-help` → `Northwind Help`.
pub fn organisation(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}
