//! What a guide's sentences say that can be checked: quoted labels and the verbs that govern
//! them, values to type, addresses, references to other sections, and claims that a rule of
//! the service decides. Typographic and straight quotes are read alike.

use super::claims::{self, Claim};
use super::document::Sentence;

/// Verbs that make quoted text a control to use.
const ACTION_VERBS: &[&str] = &[
    "click", "select", "choose", "chose", "tap", "press", "enter", "open", "go to",
];

/// Nouns that make quoted text something the screen shows.
const SCREEN_NOUNS: &[&str] = &[
    "button",
    "link",
    "tab",
    "tabs",
    "screen",
    "page",
    "prompt",
    "option",
    "change to",
    "created an",
];

/// Verbs that make quoted text a value the person types.
const TYPING: &[&str] = &["name it", "type", "search for", "such as"];

/// One checkable thing a sentence says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    /// Quoted text the screen should show (a button, link, option, tab, title or prompt),
    /// with the verb that governs it, if any.
    Label {
        /// The quoted text as written.
        text: String,
        /// "click", "select"... when the sentence asks to use it.
        verb: Option<String>,
    },
    /// Quoted text the person is to type (a name, a search): nothing on screen to find.
    Value(String),
    /// An address to open.
    Address(String),
    /// "this link" or "the following link" with no address after it.
    MissingAddress,
    /// A reference to another section of the guide by its title.
    SectionRef(String),
    /// A claim about the service that a rule decides.
    Claim(&'static Claim),
}

/// Every quoted stretch of `text`: (byte offset of the opening quote, the text inside).
fn quotes(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((start, close)), c) if c == close => {
                let opener_len = text[start..].chars().next().map_or(1, char::len_utf8);
                let inner = text[start + opener_len..i].trim().to_string();
                if !inner.is_empty() {
                    out.push((start, inner));
                }
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The action verb closest before `at` in `lower` (the sentence in lower case), if any.
fn verb_before(lower: &str, at: usize) -> Option<String> {
    let before = &lower[..at.min(lower.len())];
    ACTION_VERBS
        .iter()
        .filter_map(|v| {
            before
                .rfind(v)
                .filter(|&i| {
                    // A whole word: not "selected" inside "preselected", not "open" in "opened".
                    let start_ok = i == 0 || !before.as_bytes()[i - 1].is_ascii_alphabetic();
                    let end = i + v.len();
                    let end_ok =
                        end >= before.len() || !before.as_bytes()[end].is_ascii_alphabetic();
                    start_ok && end_ok
                })
                .map(|i| (i, *v))
        })
        .max_by_key(|(i, _)| *i)
        .map(|(_, v)| v.to_string())
}

/// What `sentence` says that can be checked.
pub fn detect(sentence: &Sentence) -> Vec<Detected> {
    let text = &sentence.text;
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (at, inner) in quotes(text) {
        let before = &lower[..at.min(lower.len())];
        if before.contains("section") {
            found.push(Detected::SectionRef(inner));
            continue;
        }
        let last_words = before.trim_end();
        if TYPING.iter().any(|t| last_words.ends_with(t)) {
            found.push(Detected::Value(inner));
            continue;
        }
        let verb = verb_before(&lower, at);
        if verb.is_some() || SCREEN_NOUNS.iter().any(|n| lower.contains(n)) {
            found.push(Detected::Label { text: inner, verb });
        }
    }
    for word in text.split_whitespace() {
        let word = word.trim_end_matches(['.', ',', ')', ';']);
        let at = word.find("https://").or_else(|| word.find("http://"));
        if let Some(i) = at {
            found.push(Detected::Address(word[i..].to_string()));
        } else if word.starts_with("aka.ms/") {
            found.push(Detected::Address(word.to_string()));
        }
    }
    let wants_link = ["paste this link", "following link", "this link:"]
        .iter()
        .any(|p| lower.contains(p));
    if wants_link && !found.iter().any(|d| matches!(d, Detected::Address(_))) {
        found.push(Detected::MissingAddress);
    }
    // A title ("Generating App Passwords for ...") names a topic; it claims nothing.
    let title = lower
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with("ing"));
    if !title {
        found.extend(claims::in_sentence(&lower).map(Detected::Claim));
    }
    found
}
