//! `mfa-sim lint-guide`: the help desk's guide document checked sentence by sentence against
//! the simulated service, on the guide's date and on today's.
//!
//! The document (`guide/` in the project, plain text or Markdown, never changed) is read into
//! sentences ([`document`]); each sentence is searched for what can be checked ([`detect`]):
//! quoted labels and the verbs that govern them, values to type, addresses, references to
//! other sections, and claims a rule of the service decides ([`claims`]). The project's
//! scenarios are run twice, on the guide's tenant and date and on today's tenant (or another
//! date), and everything the simulator showed is gathered ([`evidence`]). Each detected thing
//! then gets a [`Verdict`] per era and the finding a [`Severity`]:
//!
//! - a label found then but gone or renamed today, a claim a rule contradicts, a link the
//!   guide does not give, a section it refers to but does not have: **error**;
//! - a label that is a near match on the guide's date (a likely typo) or found on neither
//!   date: **warning**;
//! - what nothing can check (a value to type, the phone apps' own screens, a sentence with
//!   nothing checkable): **note**, said plainly and never counted as holding.

pub mod claims;
pub mod detect;
pub mod document;
pub mod evidence;
pub mod render;
pub mod screens;
pub mod sentence;
pub mod tour;
pub mod vale;

use crate::clock::Instant;
use crate::harness::Replay;
use crate::project::Project;
use anyhow::{Result, bail};
use evidence::Evidence;
pub use sentence::{Checked, check_document, lint_document};
use std::path::Path;

/// Text compared the way a reader would: case, quote style, spacing and end punctuation aside.
pub fn normal(text: &str) -> String {
    let straight = crate::harness::typographic::straighten(text).to_lowercase();
    let words: Vec<&str> = straight.split_whitespace().collect();
    words
        .join(" ")
        .trim_matches(|c: char| matches!(c, '.' | ':' | ';' | ',' | '!' | '?' | '"' | '\'' | ' '))
        .to_string()
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The guide is wrong (today, or always).
    Error,
    /// Probably wrong: a near match, or found on neither date.
    Warning,
    /// Nothing could check it.
    Note,
}

impl Severity {
    /// The word in the compiler shape.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What the simulator says about one detected thing on one date.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Shown: on which page, by whom, and on how many other pages.
    Found {
        /// The page (or device view).
        page: String,
        /// Who showed it.
        actor: String,
        /// Other pages that show it too.
        elsewhere: usize,
        /// Which browser page it was on (none for a phone, an app or a text message).
        #[serde(skip)]
        screen: Option<crate::screens::PageId>,
    },
    /// Not shown, but something close is: a likely typo or a rename.
    Near {
        /// The nearest text shown.
        nearest: String,
        /// Where.
        page: String,
        /// Which browser page it was on, if one.
        #[serde(skip)]
        screen: Option<crate::screens::PageId>,
    },
    /// Nothing like it was shown.
    Absent,
    /// A rule of the service says otherwise.
    Contradicted {
        /// The rule's number.
        rule: u8,
        /// What is true instead.
        instead: String,
        /// Where the rule is documented.
        source: String,
    },
    /// A claim that holds on this date.
    Holds,
    /// Nothing to check it against, and why.
    NotChecked {
        /// Why.
        why: String,
    },
}

/// One finding: a place in the guide, what is there, and the verdicts then and now.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Finding {
    /// The guide document as shown to a person.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// How bad.
    pub severity: Severity,
    /// The message, one line.
    pub message: String,
    /// The rule or page it rests on (`rule 22`, `page "Security info"`).
    pub about: String,
    /// The guide step whose lines it is on (`features/guide-steps.yaml` anchors), if any.
    pub step: Option<String>,
    /// The quoted label it is about, as the guide writes it, if it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// On the guide's date.
    pub then: Verdict,
    /// On the date checked.
    pub now: Verdict,
}

impl Finding {
    /// True when it counts against the guide (errors, and warnings with `strict`).
    pub fn fails(&self, strict: bool) -> bool {
        self.severity == Severity::Error || (strict && self.severity == Severity::Warning)
    }
}

/// The two runs' evidence and their dates.
pub struct Eras {
    /// The guide's own tenant on its date.
    pub then: Evidence,
    /// The date the guide's date is compared with.
    pub then_at: Instant,
    /// Today's tenant (or another date).
    pub now: Evidence,
    /// Its date.
    pub now_at: Instant,
    /// "contoso-today.yaml, 2026-11-28" for messages.
    pub now_label: String,
    /// The browser pages each run walked through (the guide's date, then the other).
    pub screens: (screens::Screens, screens::Screens),
}

/// Run the project's scenarios on the guide's date and on `tenant` (and `date`) and gather
/// what each showed.
pub async fn eras(project: &Project, tenant: &str, date: Option<&str>) -> Result<Eras> {
    let replay = Replay {
        scenario: tenant.to_string(),
        date: date.map(str::to_string),
    };
    // A project with no feature files of its own (a help desk with a guide and no Gherkin)
    // is checked against the built-in tour of the service's pages.
    let own = crate::harness::syntax::feature_files(&project.features()).unwrap_or_default();
    let tour = if own.is_empty() {
        Some(tour::Tour::write()?)
    } else {
        None
    };
    let features = tour
        .as_ref()
        .map_or_else(|| project.features(), |t| t.folder().to_path_buf());
    let (guide, other) = crate::verdict::runs(project, &features, Some(replay)).await;
    if !guide.passed() {
        bail!(
            "the guide's own scenarios do not pass on its date, so there is nothing sound to compare the guide with; `mfa-sim run` shows why"
        );
    }
    let Some(other) = other.filter(|o| o.problems.is_empty() && !o.steps.is_empty()) else {
        bail!("the replay on {tenant} could not run, so there is no evidence for today");
    };
    Eras::of_runs(project, &features, &guide, &other, tenant, date)
}

impl Eras {
    /// The evidence of two runs already made: the guide's own (`guide`) and the replay on
    /// `tenant` (and `date`), as the book has them, so no scenario is played again.
    pub fn of_runs(
        project: &Project,
        features: &Path,
        guide: &crate::harness::RunReport,
        other: &crate::harness::RunReport,
        tenant: &str,
        date: Option<&str>,
    ) -> Result<Eras> {
        let start = |name: &str| -> Result<Instant> {
            Ok(crate::scenario::Scenario::load(&project.tenant(name))?.start())
        };
        let now_at = match date {
            Some(d) => crate::clock::parse_instant(d)?,
            None => start(tenant)?,
        };
        Ok(Eras {
            then: Evidence::of(guide),
            then_at: start(crate::harness::GUIDE_TENANT)?,
            now: Evidence::of(other),
            now_at,
            now_label: format!(
                "{}, {}",
                crate::project::tenant_label(tenant),
                crate::clock::format_date(now_at)
            ),
            screens: (
                screens::screens(guide, features),
                screens::screens(other, features),
            ),
        })
    }
}

/// Check the guide documents at `file` (or every one in the project's guide folder) against
/// the project's runs on its date and on `tenant` (and `date`).
pub async fn lint(
    project: &Project,
    file: Option<&Path>,
    tenant: &str,
    date: Option<&str>,
) -> Result<Vec<Finding>> {
    Ok(lint_with_eras(project, file, tenant, date).await?.0)
}

/// [`lint`], and the two runs' evidence it was checked against (for the Vale export).
pub async fn lint_with_eras(
    project: &Project,
    file: Option<&Path>,
    tenant: &str,
    date: Option<&str>,
) -> Result<(Vec<Finding>, Eras)> {
    let files = match file {
        Some(f) => vec![f.to_path_buf()],
        None => project.guide_documents(),
    };
    if files.is_empty() {
        bail!(
            "no guide document to check: put the guide (.txt or .md) in {} or name a file",
            crate::project::shown(&project.guide_dir())
        );
    }
    let mut texts = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| {
            anyhow::anyhow!("{}: cannot read the guide: {e}", crate::project::shown(f))
        })?;
        texts.push((f.clone(), text));
    }
    let eras = eras(project, tenant, date).await?;
    // Anchors place findings on guide steps; they belong to the project's own guide, so a
    // document named on the command line from elsewhere gets none.
    let steps = crate::guide::load(&project.guide_steps()).unwrap_or_default();
    let findings = texts
        .iter()
        .flat_map(|(f, t)| {
            let own = f.starts_with(project.guide_dir())
                || crate::project::absolute(f).is_ok_and(|a| a.starts_with(project.guide_dir()));
            let anchors: &[crate::guide::GuideStep] = if own { &steps } else { &[] };
            lint_document(f, t, &eras, anchors)
        })
        .collect();
    Ok((findings, eras))
}
