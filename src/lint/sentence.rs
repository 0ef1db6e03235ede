//! One guide document checked sentence by sentence: what each sentence says that can be
//! checked ([`super::detect`]), its verdicts in the two eras, and the findings it makes. A
//! sentence keeps what held as well as what did not, so the book's annotated guide can mark
//! it holds, differs, broken or unchecked; `lint-guide` prints only the findings.

use super::detect::{self, Detected};
use super::document::{Document, Sentence};
use super::evidence::{self, Evidence};
use super::{Eras, Finding, Severity, Verdict, normal};
use crate::clock::Instant;
use crate::flows::Destination;
use std::path::Path;

/// One sentence of the guide, checked.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The sentence, with its line and column.
    pub sentence: Sentence,
    /// The guide step whose anchored lines it is on, if any.
    pub step: Option<String>,
    /// What is wrong or unchecked in it.
    pub findings: Vec<Finding>,
    /// What was checked and held on both dates, one phrase each.
    pub held: Vec<String>,
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
            screen: first.screen,
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
            screen: s.screen,
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

/// Check one guide document, sentence by sentence.
pub fn check_document(
    path: &Path,
    text: &str,
    eras: &Eras,
    steps: &[crate::guide::GuideStep],
) -> Vec<Checked> {
    let doc = Document::parse(text);
    let file = crate::project::shown(path);
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let found = detect::detect(sentence);
        let lower = sentence.text.to_lowercase();
        let step = crate::guide::step_at(steps, sentence.line).map(|s| s.id.clone());
        let mut findings = Vec::new();
        let mut held: Vec<String> = Vec::new();
        // The quoted label being judged, if the finding is about one (for the Vale export).
        let label: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
        let mut push = |severity, message: String, about: String, then, now| {
            findings.push(Finding {
                label: label.borrow().clone(),
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
        }
        for d in found {
            label.replace(match &d {
                Detected::Label { text, .. } => Some(text.clone()),
                _ => None,
            });
            match d {
                Detected::Label { text, verb } => {
                    let then = label_verdict(&text, &eras.then);
                    let now = label_verdict(&text, &eras.now);
                    let what = match &verb {
                        Some(v) => format!("\"{text}\" (to {v})"),
                        None => format!("\"{text}\""),
                    };
                    match (&then, &now) {
                        (Verdict::Found { page, .. }, Verdict::Found { .. }) => {
                            held.push(format!("{what} is on \"{page}\" on both dates"))
                        }
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
                                screen: None,
                            },
                            None => Verdict::NotChecked {
                                why: "no scenario opens this address on this date".into(),
                            },
                        }
                    };
                    let (then, now) = (opened(&eras.then), opened(&eras.now));
                    if let (Verdict::Found { page: p1, .. }, Verdict::Found { page: p2, .. }) =
                        (&then, &now)
                    {
                        if p1 == p2 {
                            held.push(format!("{url} opens \"{p1}\" on both dates"));
                            continue;
                        }
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
                    } else {
                        held.push(format!("the section \"{title}\" is in the guide"));
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
                        _ => {
                            held.push(format!(
                                "{} holds on both dates (rule {})",
                                claim.says, rule.number
                            ));
                            continue;
                        }
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
        out.push(Checked {
            sentence: sentence.clone(),
            step,
            findings,
            held,
        });
    }
    out
}

/// Check one guide document: its findings only.
pub fn lint_document(
    path: &Path,
    text: &str,
    eras: &Eras,
    steps: &[crate::guide::GuideStep],
) -> Vec<Finding> {
    check_document(path, text, eras, steps)
        .into_iter()
        .flat_map(|c| c.findings)
        .collect()
}
