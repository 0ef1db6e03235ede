//! The living book: an mdBook preprocessor that replaces directives with the scenarios as
//! they ran while the book was built.
//!
//! - `living.rs`: the [`Living`] preprocessor (directives, checks, page banner);
//! - `html.rs`: how steps and their outputs are drawn (screen cards, text bubbles, QR images);
//! - `tables.rs`: the generated tables (what changed, coverage, still holds, vocabulary);
//! - `handout.rs`: a scenario as a printable page for the end user (`{{#handout FILE:NAME}}`);
//! - `tickets.rs`: the ticket index by symptom (`{{#tickets}}`, from `features/tickets.yaml`);
//! - `annotated.rs`: the guide document itself, each line marked as it fares today;
//! - `screens.rs`: every page the guide walks through, what changed on it since the guide.
//!
//! Two ways in, one code path: `mfa-sim book` builds in-process with mdbook-driver;
//! `mdbook build book` runs `mfa-sim preprocess` as the command named in `book.toml`.
//! Directives: `{{#scenario FILE:NAME}}`, `{{#feature FILE}}`, `{{#differences}}`,
//! `{{#coverage}}`, `{{#vocabulary}}`, `{{#still-holds}}`, `{{#exercises}}`, `{{#handout FILE:NAME}}`,
//! `{{#tickets}}`, `{{#annotated-guide}}`, `{{#screens-then-and-now}}`.

mod annotated;
pub mod handout;
pub mod html;
pub mod living;
pub mod output;
mod screens;
mod tables;
mod tickets;

pub use living::{BookError, Living, directives};

pub use output::OutputError;
pub(crate) use output::check_output;

use crate::harness::Replay;
use crate::project::{Project, stays_inside};
use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};

/// The features folder a book runs: `preprocessor.mfa-sim.features` relative to the book
/// root (default `../features`); it must be inside the book's project.
fn features_for(
    project: &Project,
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
) -> Result<PathBuf> {
    let rel: Option<String> = config.get("preprocessor.mfa-sim.features")?;
    let features =
        crate::project::absolute(&root.join(rel.unwrap_or_else(|| "../features".into())))?;
    if !features.starts_with(project.root()) {
        bail!(
            "{}: preprocessor.mfa-sim.features points to {}, outside the project at {}",
            root.join("book.toml").display(),
            features.display(),
            project.root().display()
        );
    }
    Ok(features)
}

/// Run the features a book needs and make its preprocessor: the guide's run, plus, when
/// `preprocessor.mfa-sim.today` names a tenant, the replay on it for the "today" verdicts.
/// The project is the one the book's folder belongs to.
pub(crate) async fn prepare(
    root: &Path,
    config: &mdbook_preprocessor::config::Config,
) -> Result<Living> {
    let project = Project::discover(root)?;
    let features = features_for(&project, root, config)?;
    let today: Option<String> = config.get("preprocessor.mfa-sim.today")?;
    if let Some(t) = &today {
        let path = project.tenant(t);
        crate::Scenario::load(&path)
            .with_context(|| format!("preprocessor.mfa-sim.today names the tenant `{t}`"))?;
    }
    let replay = today.clone().map(|scenario| Replay {
        scenario,
        date: None,
    });
    let (report, other) = crate::verdict::runs(&project, &features, replay).await;
    let mut living = Living::new(report, features.clone(), project.exercises());
    living.set_commit(commit_of(project.root()));
    if let (Some(other), Some(tenant)) = (other, today) {
        if !other.problems.is_empty() || other.steps.is_empty() {
            let why: Vec<String> = other.problems.iter().map(ToString::to_string).collect();
            bail!(
                "the replay on {tenant} could not run, so the book has no evidence for its \"today\" verdicts:\n  {}",
                if why.is_empty() {
                    "no step ran".to_string()
                } else {
                    why.join("\n  ")
                }
            );
        }
        let steps = crate::guide::load(&features.join("guide-steps.yaml"))?;
        living.set_today(&other, &steps, &crate::project::tenant_label(&tenant));
        let forecast = crate::verdict::forecast::forecast(
            &project,
            &features,
            &living.report,
            Some(&other),
            &steps,
            &tenant,
        )
        .await?;
        living.set_forecast(forecast);
        living.set_guide(
            annotated_guide(&project, &living.report, &other, &steps, &tenant, &features)
                .map_err(|e| format!("{e:#}")),
        );
    }
    Ok(living)
}

/// The project's guide documents checked against the evidence of the two runs the book made
/// (no scenario is played again).
fn annotated_guide(
    project: &Project,
    guide: &crate::harness::RunReport,
    today: &crate::harness::RunReport,
    steps: &[crate::guide::GuideStep],
    tenant: &str,
    features: &Path,
) -> Result<annotated::AnnotatedGuide> {
    let eras = crate::lint::Eras::of_runs(project, features, guide, today, tenant, None)?;
    let mut documents = Vec::new();
    for path in project.guide_documents() {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read the guide {}", path.display()))?;
        let name = path
            .strip_prefix(project.root())
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        documents.push(annotated::GuideDocument {
            name,
            lines: text.lines().map(str::to_string).collect(),
            checked: crate::lint::check_document(&path, &text, &eras, steps),
        });
    }
    Ok(annotated::AnnotatedGuide {
        documents,
        steps: steps.to_vec(),
        screens: eras.screens,
    })
}

/// Where a book was built from: a git commit, and whether the checkout's tracked files
/// differed from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// The commit's hash.
    pub hash: String,
    /// Some(true): tracked files had changes not committed, so the book may show what the
    /// commit does not hold; Some(false): none; None: not known (git is not installed and
    /// the commit was read from `.git` by hand).
    pub changed: Option<bool>,
}

/// The git commit the project at `root` is checked out at: `git rev-parse HEAD` (and `git
/// status` for changes to tracked files) where git is installed, else read from `.git` by hand
/// (a worktree's `.git` file, a branch's ref file or `packed-refs`). None when the project is
/// not a git checkout.
pub fn commit_of(root: &Path) -> Option<Commit> {
    let is_hash = |s: &str| s.len() >= 40 && s.chars().all(|c| c.is_ascii_hexdigit());
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
    };
    if let Ok(out) = git(&["rev-parse", "HEAD"]) {
        let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && is_hash(&hash) {
            let changed = git(&["status", "--porcelain", "--untracked-files=no"])
                .ok()
                .filter(|s| s.status.success())
                .map(|s| !s.stdout.is_empty());
            return Some(Commit { hash, changed });
        }
        // git is here and says this is no checkout (or has no commit yet).
        return None;
    }
    commit_by_hand(root).map(|hash| Commit {
        hash,
        changed: None,
    })
}

/// The commit read from `.git` without git (see [`commit_of`]).
fn commit_by_hand(root: &Path) -> Option<String> {
    let is_hash = |s: &str| s.len() >= 40 && s.chars().all(|c| c.is_ascii_hexdigit());
    let dot = root.join(".git");
    let git_dir = if dot.is_file() {
        let text = std::fs::read_to_string(&dot).ok()?;
        let dir = PathBuf::from(text.trim().strip_prefix("gitdir:")?.trim());
        if dir.is_absolute() {
            dir
        } else {
            root.join(dir)
        }
    } else {
        dot
    };
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(name) = head.strip_prefix("ref:").map(str::trim) else {
        return is_hash(head).then(|| head.to_string());
    };
    // A worktree keeps its HEAD but shares refs with the main repository (`commondir`).
    let common = std::fs::read_to_string(git_dir.join("commondir"))
        .map(|c| git_dir.join(c.trim()))
        .unwrap_or_else(|_| git_dir.clone());
    for dir in [&git_dir, &common] {
        if let Ok(r) = std::fs::read_to_string(dir.join(name)) {
            let r = r.trim();
            if is_hash(r) {
                return Some(r.to_string());
            }
        }
        if let Ok(packed) = std::fs::read_to_string(dir.join("packed-refs")) {
            for line in packed.lines() {
                if let Some((hash, r)) = line.split_once(' ')
                    && r == name
                    && is_hash(hash)
                {
                    return Some(hash.to_string());
                }
            }
        }
    }
    None
}

/// Build a project's book; returns the path of `index.html`. `out` is resolved against the
/// current directory.
pub async fn build(project: &Project, out: Option<&Path>) -> Result<PathBuf> {
    build_at(&project.book(), out).await
}

/// Build the book at `root` (into `out`, resolved against the current directory, or its
/// configured build folder). The output folder is checked first ([`check_output`]): mdBook
/// empties it, so a folder mfa-sim did not build is refused, never emptied.
pub async fn build_at(root: &Path, out: Option<&Path>) -> Result<PathBuf> {
    let mut book = MDBook::load(root)
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    let project = Project::discover(root)?;
    let configured = book.config.build.build_dir.clone();
    let dest = match out {
        Some(o) => crate::project::absolute(o)?,
        None => {
            if !stays_inside(&configured) {
                bail!(
                    "{}: build.build-dir `{}` must be a folder inside the book",
                    root.join("book.toml").display(),
                    configured.display()
                );
            }
            crate::project::absolute(&root.join(&configured))?
        }
    };
    check_output(&dest, &project, root)?;
    book.config
        .set("build.build-dir", dest.to_string_lossy().as_ref())?;
    let living = prepare(root, &book.config).await?;
    book.with_preprocessor(living);
    book.build().context("the book did not build")?;
    output::mark(&dest)?;
    Ok(dest.join("index.html"))
}

/// `mfa-sim preprocess [supports RENDERER]`: the preprocessor protocol for `mdbook build`.
pub async fn preprocess_command(args: &[String]) -> Result<()> {
    if let Some(i) = args.iter().position(|a| a == "supports") {
        let renderer = args.get(i + 1).map_or("", String::as_str);
        std::process::exit(if renderer == "html" || renderer == "markdown" {
            0
        } else {
            1
        });
    }
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin())?;
    let living = prepare(&ctx.root, &ctx.config).await?;
    let book = mdbook_preprocessor::Preprocessor::run(&living, &ctx, book)?;
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}
