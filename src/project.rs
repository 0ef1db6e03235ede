//! The project mfa-sim works on: a folder holding `mfa-sim.toml`, the guide's `features/`,
//! the tenants in `scenarios/` (exercises in `scenarios/exercises/`) and the `book/`.
//!
//! Like cargo with `Cargo.toml` and mdBook with `book.toml`, every command finds its project
//! from the current directory upwards, or takes `--project DIR`. Nothing in the library knows
//! where it was compiled: a copy of the repository, or a help desk's own checkout, is the
//! project in front of the user, never the tree the binary was built in.

use std::path::{Component, Path, PathBuf};

/// The file that marks a project's root folder.
pub const MARKER: &str = "mfa-sim.toml";

/// A project on disk, with the folders every command reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    root: PathBuf,
    settings: Settings,
}

/// `mfa-sim.toml`: where a project keeps its parts (all optional, relative to the root).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The project's name, shown in messages.
    #[serde(default)]
    pub name: Option<String>,
    /// Folder of `.feature` files (default `features`).
    #[serde(default)]
    pub features: Option<PathBuf>,
    /// Folder of tenant files (default `scenarios`).
    #[serde(default)]
    pub scenarios: Option<PathBuf>,
    /// Folder of the mdBook (default `book`).
    #[serde(default)]
    pub book: Option<PathBuf>,
    /// Folder of the help desk's guide documents, kept unchanged (default `guide`).
    #[serde(default)]
    pub guide: Option<PathBuf>,
}

/// Why no project could be used.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// Searched from a folder upwards and found no marker.
    #[error(
        "no mfa-sim project in {0} or any folder above it (a project has an `{MARKER}` file at its root; use --project DIR to name one)"
    )]
    NotFound(PathBuf),
    /// `--project DIR` names a folder without a marker.
    #[error("{0} is not an mfa-sim project: it has no `{MARKER}` file")]
    NotAProject(PathBuf),
    /// The folder cannot be read.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// The marker file is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Settings {
        /// The marker file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// A folder in the marker file points outside the project.
    #[error("{0}: `{1}` must be a folder inside the project (a relative path without `..`)")]
    Outside(PathBuf, String),
}

impl Project {
    /// The project whose root is `dir` (as `--project DIR` names it).
    pub fn at(dir: &Path) -> Result<Project, ProjectError> {
        let root = absolute(dir).map_err(|e| ProjectError::Io(dir.to_path_buf(), e))?;
        let marker = root.join(MARKER);
        if !marker.is_file() {
            return Err(ProjectError::NotAProject(dir.to_path_buf()));
        }
        let text =
            std::fs::read_to_string(&marker).map_err(|e| ProjectError::Io(marker.clone(), e))?;
        let settings = parse_settings(&text, &marker)?;
        Ok(Project { root, settings })
    }

    /// The nearest project at or above `start`.
    pub fn discover(start: &Path) -> Result<Project, ProjectError> {
        let start = absolute(start).map_err(|e| ProjectError::Io(start.to_path_buf(), e))?;
        let mut dir = Some(start.as_path());
        while let Some(d) = dir {
            if d.join(MARKER).is_file() {
                return Project::at(d);
            }
            dir = d.parent();
        }
        Err(ProjectError::NotFound(start))
    }

    /// `--project DIR` when given, else the nearest project above the current directory.
    pub fn locate(explicit: Option<&Path>) -> Result<Project, ProjectError> {
        match explicit {
            Some(dir) => Project::at(dir),
            None => {
                let cwd =
                    std::env::current_dir().map_err(|e| ProjectError::Io(PathBuf::from("."), e))?;
                Project::discover(&cwd)
            }
        }
    }

    /// The project's root folder (absolute, `..` resolved).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The project's name: from `mfa-sim.toml`, else its folder's name.
    pub fn name(&self) -> String {
        self.settings.name.clone().unwrap_or_else(|| {
            self.root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| self.root.display().to_string())
        })
    }

    /// The `.feature` files' folder.
    pub fn features(&self) -> PathBuf {
        self.part(&self.settings.features, "features")
    }

    /// The tenant files' folder.
    pub fn scenarios(&self) -> PathBuf {
        self.part(&self.settings.scenarios, "scenarios")
    }

    /// The trainer's exercises.
    pub fn exercises(&self) -> PathBuf {
        self.scenarios().join("exercises")
    }

    /// The book's root (the folder holding `book.toml`).
    pub fn book(&self) -> PathBuf {
        self.part(&self.settings.book, "book")
    }

    /// The folder of the guide documents under test (`guide/`).
    pub fn guide_dir(&self) -> PathBuf {
        self.part(&self.settings.guide, "guide")
    }

    /// The guide documents (`.txt` and `.md` files in the guide folder), sorted.
    pub fn guide_documents(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(self.guide_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        found.sort();
        found
    }

    /// The guide's step IDs (`features/guide-steps.yaml`).
    pub fn guide_steps(&self) -> PathBuf {
        self.features().join("guide-steps.yaml")
    }

    /// A tenant named on the command line or in a step: a name in the scenarios folder
    /// (`contoso`, or `contoso.yaml`), or a path to a YAML file. A name and the path of the
    /// same file give the same file.
    pub fn tenant(&self, name: &str) -> PathBuf {
        resolve_tenant(&self.scenarios(), name)
    }

    /// A line for stderr naming the project, when it is not the current directory.
    pub fn notice(&self) -> Option<String> {
        let cwd = std::env::current_dir().ok().and_then(|c| absolute(&c).ok());
        (cwd.as_deref() != Some(self.root.as_path()))
            .then(|| format!("     Project {} ({})", self.name(), self.root.display()))
    }

    fn part(&self, configured: &Option<PathBuf>, default: &str) -> PathBuf {
        self.root
            .join(configured.as_deref().unwrap_or(Path::new(default)))
    }
}

/// A tenant in `dir` by name (with or without `.yaml`), or a path to a YAML file when the
/// name has a folder in it.
pub fn resolve_tenant(dir: &Path, name: &str) -> PathBuf {
    let as_path = Path::new(name);
    if as_path.components().count() > 1 || as_path.is_absolute() {
        as_path.to_path_buf()
    } else if name.ends_with(".yaml") || name.ends_with(".yml") {
        dir.join(name)
    } else {
        dir.join(format!("{name}.yaml"))
    }
}

/// The tenants in `dir` by name (the YAML files' names without `.yaml`), sorted.
pub(crate) fn known_tenants(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
                .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The file name a tenant is shown by (`contoso.yaml`), for a name or a path.
pub fn tenant_label(name: &str) -> String {
    let file = Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    if file.ends_with(".yaml") || file.ends_with(".yml") {
        file
    } else {
        format!("{file}.yaml")
    }
}

/// Read a project's settings file (`text`, read from `path`, which errors name).
pub fn parse_settings(text: &str, path: &Path) -> Result<Settings, ProjectError> {
    let settings: Settings = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        ProjectError::Settings {
            path: path.to_path_buf(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    for dir in [&settings.features, &settings.scenarios, &settings.book]
        .into_iter()
        .flatten()
    {
        if !stays_inside(dir) {
            return Err(ProjectError::Outside(
                path.to_path_buf(),
                dir.display().to_string(),
            ));
        }
    }
    Ok(settings)
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A path as a person reads it in a message: relative to the current directory when it is
/// below it (`features/x.feature`), else as given.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok().and_then(|c| absolute(&c).ok());
    let full = absolute(path).ok();
    match (cwd, full) {
        (Some(cwd), Some(full)) => match full.strip_prefix(&cwd) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
            _ => path.display().to_string(),
        },
        _ => path.display().to_string(),
    }
}

/// True for a relative path that never climbs out (`a/b`, not `../a` or `/a`).
pub(crate) fn stays_inside(path: &Path) -> bool {
    path.components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// `path` made absolute against the current directory, with `.` and `..` resolved by
/// following the file system (so symbolic links cannot hide where a path really points).
/// The longest existing prefix is canonicalised; the rest is appended as written.
pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = joined.as_path();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut base) => {
                for part in rest.iter().rev() {
                    if part == ".." {
                        base.pop();
                    } else if part != "." {
                        base.push(part);
                    }
                }
                return Ok(base);
            }
            Err(e) => {
                let (Some(parent), Some(last)) =
                    (existing.parent(), existing.components().next_back())
                else {
                    return Err(e);
                };
                rest.push(last.as_os_str().to_os_string());
                existing = parent;
            }
        }
    }
}
