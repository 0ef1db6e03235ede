//! The living book: an mdBook preprocessor that replaces directives with the scenarios as
//! they ran while the book was built.
//!
//! - `living.rs`: the [`Living`] preprocessor (directives, checks, page banner);
//! - `html.rs`: how steps and their outputs are drawn (screen cards, text bubbles, QR images).
//!
//! Two ways in, one code path: `mfa-sim book` builds in-process with mdbook-driver;
//! `mdbook build book` runs `mfa-sim preprocess` as the command named in `book.toml`.
//! Directives: `{{#scenario FILE:NAME}}`, `{{#feature FILE}}`, `{{#differences}}`,
//! `{{#coverage}}`, `{{#vocabulary}}`.

mod html;
mod living;

pub use living::{BookError, Living};

use crate::harness::{RunOptions, RunReport, run};
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

/// Run the features a book needs.
pub async fn run_features(features: &Path) -> RunReport {
    run(features, RunOptions::default()).await
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
    let features = features_for(root, &book.config)?;
    let report = run_features(&features).await;
    book.with_preprocessor(Living::new(report, features));
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
    let features = features_for(&ctx.root, &ctx.config)?;
    let report = run_features(&features).await;
    let living = Living::new(report, features);
    let book = mdbook_preprocessor::Preprocessor::run(&living, &ctx, book)?;
    serde_json::to_writer(std::io::stdout(), &book)?;
    Ok(())
}
