//! Small helpers for putting values into sentences people read (error messages, trainer
//! replies, check notes), so that no `Debug` shape (`Some("…")`, `["a", "b"]`) reaches them.

/// `"text"` in quotes, or `nothing` when there is none.
pub fn quoted_or_nothing(text: Option<&str>) -> String {
    text.map_or_else(|| "nothing".to_string(), |t| format!("\"{t}\""))
}

/// `text` in double quotes, unless it already is (a rule titled with a UI label in quotes,
/// `"Stay signed in?"`, is not quoted twice).
pub fn quoted(text: &str) -> String {
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        text.to_string()
    } else {
        format!("\"{text}\"")
    }
}

/// `"a", "b"` in quotes, or `nothing` when the list is empty.
pub fn quoted_list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let quoted: Vec<String> = items
        .into_iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    if quoted.is_empty() {
        "nothing".to_string()
    } else {
        quoted.join(", ")
    }
}
