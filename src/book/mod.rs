//! The living book: an mdBook preprocessor that replaces directives with the scenarios as
//! they ran while the book was built.
//!
//! - `living.rs`: the [`Living`] preprocessor (directives, checks, page banner);
//! - `html.rs`: how steps and their outputs are drawn (screen cards, text bubbles, QR images);
//! - `tables.rs`: the generated tables (what changed, coverage, still holds, vocabulary).
//!
//! Two ways in, one code path: `mfa-sim book` builds in-process with mdbook-driver;
//! `mdbook build book` runs `mfa-sim preprocess` as the command named in `book.toml`.
//! Directives: `{{#scenario FILE:NAME}}`, `{{#feature FILE}}`, `{{#differences}}`,
//! `{{#coverage}}`, `{{#vocabulary}}`, `{{#still-holds}}`, `{{#exercises}}`.

mod html;
mod living;
mod tables;

pub use living::{BookError, Living};

use crate::harness::Replay;
use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};

/// The book folder of this checkout.
pub fn book_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("book")
}

/// The features folder a book runs: `preprocessor.mfa-sim.features` relative to the book root.
fn features_for(root: &Path, config: &mdbook_preprocessor::config::Config) -> Result<PathBuf> {
    let rel: Option<String> = config.get("preprocessor.mfa-sim.features")?;
    Ok(root.join(rel.unwrap_or_else(|| "../features".into())))
}

/// Run the features a book needs and make its preprocessor: the guide's run, plus, when
/// `preprocessor.mfa-sim.today` names a tenant, the replay on it for the "today" verdicts.
pub async fn prepare(root: &Path, config: &mdbook_preprocessor::config::Config) -> Result<Living> {
    let features = features_for(root, config)?;
    let today: Option<String> = config.get("preprocessor.mfa-sim.today")?;
    let replay = today.clone().map(|scenario| Replay {
        scenario,
        date: None,
    });
    let (report, other) = crate::verdict::runs(&features, replay).await;
    let mut living = Living::new(report, features.clone());
    if let (Some(other), Some(tenant)) = (other, today) {
        let steps = crate::guide::load(&features.join("guide-steps.yaml"))?;
        living.set_today(&other, &steps, &format!("{tenant}.yaml"));
    }
    Ok(living)
}

/// Build this checkout's book; returns the path of `index.html`.
pub async fn build(out: Option<&Path>) -> Result<PathBuf> {
    build_at(&book_dir(), out).await
}

/// Build the book at `root` (into `out`, or its configured build folder).
pub async fn build_at(root: &Path, out: Option<&Path>) -> Result<PathBuf> {
    let mut book = MDBook::load(root)
        .with_context(|| format!("cannot load the book at {}", root.display()))?;
    if let Some(out) = out {
        book.config
            .set("build.build-dir", out.to_string_lossy().as_ref())?;
    }
    let living = prepare(root, &book.config).await?;
    book.with_preprocessor(living);
    book.build().context("the book did not build")?;
    let dir = match out {
        Some(o) if o.is_absolute() => o.to_path_buf(),
        Some(o) => root.join(o),
        None => book.build_dir_for("html"),
    };
    Ok(dir.join("index.html"))
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
