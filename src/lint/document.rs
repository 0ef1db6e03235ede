//! A guide document as lines and sentences, each with its place, and the headings a section
//! reference may name. Plain text and Markdown are read alike; the document is never changed.

/// One sentence (or list item) of the guide, with where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters) of its first character.
    pub col: usize,
    /// The sentence as written.
    pub text: String,
}

/// The guide, read.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// Every line as written.
    pub lines: Vec<String>,
    /// Every sentence, in order.
    pub sentences: Vec<Sentence>,
}

/// Where a sentence ends: a full stop, question or exclamation mark followed by a space and a
/// capital letter (so "i.e., they" and "2.0" stay inside one sentence).
fn sentence_breaks(line: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut out = Vec::new();
    for w in chars.windows(3) {
        let (_, a) = w[0];
        let (_, b) = w[1];
        let (i, c) = w[2];
        if matches!(a, '.' | '?' | '!') && b == ' ' && c.is_uppercase() {
            out.push(i);
        }
    }
    out
}

/// The list marker a line starts with (`1.`, `e.`, `•`, `-`), to be left out of the sentence.
fn after_marker(line: &str) -> usize {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let marker = trimmed.split_once(' ').map(|(m, _)| m).filter(|m| {
        matches!(*m, "•" | "-" | "*")
            || (m.len() <= 4
                && m.ends_with(['.', ')'])
                && m[..m.len() - 1].chars().all(|c| c.is_ascii_alphanumeric()))
    });
    match marker {
        Some(m) => lead + m.len() + 1,
        None => lead,
    }
}

impl Document {
    /// Read `text` (a whole guide).
    pub fn parse(text: &str) -> Document {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut sentences = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            // A Markdown heading is a title, not a sentence to check.
            if line.trim_start().starts_with('#') {
                continue;
            }
            let start = after_marker(line);
            let body = &line[start..];
            if body.trim().is_empty() {
                continue;
            }
            let mut from = 0;
            let mut cuts = sentence_breaks(body);
            cuts.push(body.len());
            for cut in cuts {
                let piece = &body[from..cut];
                let lead = piece.len() - piece.trim_start().len();
                let text = piece.trim();
                if !text.is_empty() {
                    let col = line[..start + from + lead].chars().count() + 1;
                    sentences.push(Sentence {
                        line: i + 1,
                        col,
                        text: text.to_string(),
                    });
                }
                from = cut;
            }
        }
        Document { lines, sentences }
    }

    /// True when some line other than `except` reads as a heading or title equal to `title`
    /// (case, quotes and trailing punctuation aside), or starts with it.
    pub fn has_section(&self, title: &str, except: usize) -> bool {
        let want = super::normal(title);
        if want.is_empty() {
            return false;
        }
        self.lines.iter().enumerate().any(|(i, l)| {
            let l = l.trim().trim_start_matches(['#', '•', '-', '*', ' ']);
            let have = super::normal(l);
            i + 1 != except && (have == want || have.starts_with(&want))
        })
    }
}
