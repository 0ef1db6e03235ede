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

use crate::clock::Instant;
use crate::flows::Destination;
use crate::harness::Replay;
use crate::project::Project;
use anyhow::{Result, bail};
use detect::Detected;
use document::Document;
use evidence::Evidence;
use std::path::Path;

/// Text compared the way a reader would: case, quote style, spacing and end punctuation aside.
pub(crate) fn normal(text: &str) -> String {
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
    },
    /// Not shown, but something close is: a likely typo or a rename.
    Near {
        /// The nearest text shown.
        nearest: String,
        /// Where.
        page: String,
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
}

/// Run the project's scenarios on the guide's date and on `tenant` (and `date`) and gather
/// what each showed.
pub async fn eras(project: &Project, tenant: &str, date: Option<&str>) -> Result<Eras> {
    let replay = Replay {
        scenario: tenant.to_string(),
        date: date.map(str::to_string),
    };
    let (guide, other) = crate::verdict::runs(project, &project.features(), Some(replay)).await;
    if !guide.passed() {
        bail!(
            "the guide's own scenarios do not pass on its date, so there is nothing sound to compare the guide with; `mfa-sim run` shows why"
        );
    }
    let Some(other) = other.filter(|o| o.problems.is_empty() && !o.steps.is_empty()) else {
        bail!("the replay on {tenant} could not run, so there is no evidence for today");
    };
    let start = |name: &str| -> Result<Instant> {
        Ok(crate::scenario::Scenario::load(&project.tenant(name))?.start())
    };
    let now_at = match date {
        Some(d) => crate::clock::parse_instant(d)?,
        None => start(tenant)?,
    };
    Ok(Eras {
        then: Evidence::of(&guide),
        then_at: start(crate::harness::GUIDE_TENANT)?,
        now: Evidence::of(&other),
        now_at,
        now_label: format!(
            "{}, {}",
            crate::project::tenant_label(tenant),
            crate::clock::format_date(now_at)
        ),
    })
}

/// The verdict on a quoted label in one era.
fn label_verdict(label: &str, e: &Evidence) -> Verdict {
    let want = normal(label);
    let exact: Vec<&evidence::Shown> = e
        .shown
        .iter()
        .filter(|s| {
            let have = normal(&s.text);
            have == want || (want.len() >= 20 && have.contains(&want))
        })
        .collect();
    if let Some(first) = exact.first() {
        let mut pages: Vec<&str> = exact.iter().map(|s| s.page.as_str()).collect();
        pages.sort();
        pages.dedup();
        return Verdict::Found {
            page: first.page.clone(),
            actor: first.actor.clone(),
            elsewhere: pages.len() - 1,
        };
    }
    let best = e
        .shown
        .iter()
        .map(|s| {
            (
                strsim::normalized_damerau_levenshtein(&normal(&s.text), &want),
                s,
            )
        })
        .filter(|(score, s)| *score >= 0.75 && s.text.len() < 120)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, s)) => Verdict::Near {
            nearest: s.text.clone(),
            page: s.page.clone(),
        },
        None => Verdict::Absent,
    }
}

/// Words that place a sentence on the phone's own apps, whose screens the simulator does not
/// draw.
const PHONE_APP_WORDS: &[&str] = &[
    "on your phone",
    "app store",
    "play store",
    "once it’s downloaded",
    "once it's downloaded",
    "once the app is installed",
    "scan a qr",
];

fn where_shown(v: &Verdict) -> String {
    match v {
        Verdict::Found { page, .. } | Verdict::Near { page, .. } => format!("page \"{page}\""),
        _ => String::new(),
    }
}

/// Check one guide document.
pub fn lint_document(
    path: &Path,
    text: &str,
    eras: &Eras,
    steps: &[crate::guide::GuideStep],
) -> Vec<Finding> {
    let doc = Document::parse(text);
    let file = crate::project::shown(path);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let found = detect::detect(sentence);
        let lower = sentence.text.to_lowercase();
        let step = crate::guide::step_at(steps, sentence.line).map(|s| s.id.clone());
        let mut push = |severity, message: String, about: String, then, now| {
            out.push(Finding {
                file: file.clone(),
                line: sentence.line,
                col: sentence.col,
                severity,
                message,
                about,
                step: step.clone(),
                then,
                now,
            })
        };
        if found.is_empty() {
            let why = "nothing in this sentence names a label, an address or a claim the simulator can check".to_string();
            push(
                Severity::Note,
                "not checked: nothing in this sentence can be checked against the simulator".into(),
                String::new(),
                Verdict::NotChecked { why: why.clone() },
                Verdict::NotChecked { why },
            );
            continue;
        }
        for d in found {
            match d {
                Detected::Label { text, verb } => {
                    let then = label_verdict(&text, &eras.then);
                    let now = label_verdict(&text, &eras.now);
                    let what = match &verb {
                        Some(v) => format!("\"{text}\" (to {v})"),
                        None => format!("\"{text}\""),
                    };
                    match (&then, &now) {
                        (Verdict::Found { .. }, Verdict::Found { .. }) => {}
                        (Verdict::Found { .. }, Verdict::Near { nearest, .. }) => push(
                            Severity::Error,
                            format!(
                                "{what} is renamed by {}: the page now says \"{nearest}\"",
                                eras.now_label
                            ),
                            where_shown(&now),
                            then,
                            now,
                        ),
                        (Verdict::Found { .. }, _) => push(
                            Severity::Error,
                            format!(
                                "{what} is shown on the guide's date but not on {}",
                                eras.now_label
                            ),
                            where_shown(&then),
                            then,
                            now,
                        ),
                        (Verdict::Near { nearest, .. }, _) => push(
                            Severity::Warning,
                            format!(
                                "{what} is not shown even on the guide's date; the page said \"{nearest}\" (a typo in the guide?)"
                            ),
                            where_shown(&then),
                            then,
                            now,
                        ),
                        (_, Verdict::Found { .. }) => push(
                            Severity::Warning,
                            format!(
                                "{what} is not shown on the guide's date, only on {}",
                                eras.now_label
                            ),
                            where_shown(&now),
                            then,
                            now,
                        ),
                        _ if PHONE_APP_WORDS.iter().any(|w| lower.contains(w)) => {
                            let why = "the simulated phone apps do not draw their own screens, so their labels cannot be checked".to_string();
                            push(
                                Severity::Note,
                                format!("not checked: {what} is on a phone app's own screen"),
                                String::new(),
                                Verdict::NotChecked { why: why.clone() },
                                Verdict::NotChecked { why },
                            )
                        }
                        _ => push(
                            Severity::Warning,
                            format!(
                                "{what} is shown on neither the guide's date nor {}",
                                eras.now_label
                            ),
                            String::new(),
                            then,
                            now,
                        ),
                    }
                }
                Detected::Value(text) => {
                    let why =
                        "a value the person types; there is nothing on screen to find".to_string();
                    push(
                        Severity::Note,
                        format!("not checked: \"{text}\" is a value to type"),
                        String::new(),
                        Verdict::NotChecked { why: why.clone() },
                        Verdict::NotChecked { why },
                    );
                }
                Detected::Address(url) => {
                    let Some(dest) = Destination::parse(&url) else {
                        let why = "the simulator has no page at this address".to_string();
                        push(
                            Severity::Note,
                            format!("not checked: the simulator has no page at {url}"),
                            String::new(),
                            Verdict::NotChecked { why: why.clone() },
                            Verdict::NotChecked { why },
                        );
                        continue;
                    };
                    let opened = |e: &Evidence| -> Verdict {
                        let address = dest.address();
                        let pages: Vec<&(String, String)> =
                            e.addresses.iter().filter(|(a, _)| a == address).collect();
                        match pages.first() {
                            Some((_, page)) => Verdict::Found {
                                page: page.clone(),
                                actor: "a browser".into(),
                                elsewhere: pages.len() - 1,
                            },
                            None => Verdict::NotChecked {
                                why: "no scenario opens this address on this date".into(),
                            },
                        }
                    };
                    let (then, now) = (opened(&eras.then), opened(&eras.now));
                    if let (Verdict::Found { page: p1, .. }, Verdict::Found { page: p2, .. }) =
                        (&then, &now)
                        && p1 != p2
                    {
                        push(
                            Severity::Warning,
                            format!(
                                "{url} opened \"{p1}\" on the guide's date and opens \"{p2}\" on {}",
                                eras.now_label
                            ),
                            format!("page \"{p2}\""),
                            then.clone(),
                            now.clone(),
                        );
                    }
                }
                Detected::MissingAddress => {
                    let why = "the guide gives no address to check".to_string();
                    push(
                        Severity::Error,
                        "the guide asks to open a link but gives no address".into(),
                        String::new(),
                        Verdict::NotChecked { why: why.clone() },
                        Verdict::NotChecked { why },
                    );
                }
                Detected::SectionRef(title) => {
                    if !doc.has_section(&title, sentence.line) {
                        let why = "the guide has no section with this title".to_string();
                        push(
                            Severity::Error,
                            format!(
                                "the guide refers to a section \"{title}\" that it does not have"
                            ),
                            String::new(),
                            Verdict::NotChecked { why: why.clone() },
                            Verdict::NotChecked { why },
                        );
                    }
                }
                Detected::Claim(claim) => {
                    let Some(rule) = crate::rules::rule(claim.rule) else {
                        continue;
                    };
                    let verdict = |at: Instant| -> Verdict {
                        if claim.wrong_from.is_none_or(|from| at >= from) {
                            Verdict::Contradicted {
                                rule: rule.number,
                                instead: claim.instead.to_string(),
                                source: rule
                                    .sources
                                    .first()
                                    .map(|s| s.url.to_string())
                                    .unwrap_or_default(),
                            }
                        } else {
                            Verdict::Holds
                        }
                    };
                    let (then, now) = (verdict(eras.then_at), verdict(eras.now_at));
                    let when = match (&then, &now) {
                        (Verdict::Contradicted { .. }, _) => "even on the guide's date".to_string(),
                        (_, Verdict::Contradicted { .. }) => format!("on {}", eras.now_label),
                        _ => continue,
                    };
                    push(
                        Severity::Error,
                        format!(
                            "the guide says {}; wrong {when}: {}",
                            claim.says, claim.instead
                        ),
                        format!("rule {}: {}", rule.number, rule.title),
                        then,
                        now,
                    );
                }
            }
        }
    }
    out
}

/// Check the guide documents at `file` (or every one in the project's guide folder) against
/// the project's runs on its date and on `tenant` (and `date`).
pub async fn lint(
    project: &Project,
    file: Option<&Path>,
    tenant: &str,
    date: Option<&str>,
) -> Result<Vec<Finding>> {
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
    Ok(texts
        .iter()
        .flat_map(|(f, t)| {
            let own = f.starts_with(project.guide_dir())
                || crate::project::absolute(f).is_ok_and(|a| a.starts_with(project.guide_dir()));
            let anchors: &[crate::guide::GuideStep] = if own { &steps } else { &[] };
            lint_document(f, t, &eras, anchors)
        })
        .collect())
}
