//! No `Debug` text reaches a person: every output a person reads (the book's pages, the
//! demo, `run`, `check-guide` on the guide's date and on 2027-02-01, and the trainer
//! transcripts in `tests/trainer/*.out`) is scanned for the shapes Rust's `Debug` leaves
//! behind: `Some(`, `None`, `Ok(`, `Err(`, `Failed(`, `Reported)` and struct braces such as
//! `Foo { x:`. A hit names the file (or command) and the line.

use crate::common;

use std::path::{Path, PathBuf};

/// The Debug shapes found on one line.
fn debug_shapes(line: &str) -> Vec<String> {
    let mut found: Vec<String> = ["Some(", "Ok(", "Err(", "Failed(", "Reported)"]
        .into_iter()
        .filter(|shape| {
            line.match_indices(shape).any(|(at, _)| {
                // `Some(` but not `HandSome(`: the shape must start a word.
                !line[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .map(str::to_string)
        .collect();
    if line
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .any(|word| word == "None")
    {
        found.push("None".into());
    }
    if let Some(brace) = struct_brace(line) {
        found.push(brace);
    }
    found
}

/// `Name { field:` (a type name, a space, a brace, a space, a field and a colon).
fn struct_brace(line: &str) -> Option<String> {
    for (at, _) in line.match_indices(" { ") {
        let before = &line[..at];
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &line[at + 3..];
        let field: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        let starts_upper = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
        if starts_upper && !field.is_empty() && after[field.len()..].starts_with(':') {
            return Some(format!("{name} {{ {field}:"));
        }
    }
    None
}

/// Every Debug shape in `text`, as `where:line: shape in "line"`.
fn scan(place: &str, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .flat_map(|(n, line)| {
            debug_shapes(line).into_iter().map(move |shape| {
                let excerpt: String = line.trim().chars().take(160).collect();
                format!("{place}:{}: `{shape}` in {excerpt:?}", n + 1)
            })
        })
        .collect()
}

fn html_pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(html_pages(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn command_output(args: &[&str]) -> String {
    let (_, stdout, stderr) = common::output_of(args);
    format!("{stdout}{stderr}")
}

#[test]
fn the_scan_knows_the_shapes() {
    assert_eq!(debug_shapes("number is Some(24)"), ["Some("]);
    assert_eq!(
        debug_shapes("answers: Failed(Reported)."),
        ["Failed(", "Reported)"]
    );
    assert_eq!(debug_shapes("error None here"), ["None"]);
    assert_eq!(debug_shapes("got Err(Wrong) or Ok(())"), ["Ok(", "Err("]);
    assert_eq!(
        debug_shapes("saw PushView { account: \"x\" }"),
        ["PushView { account:"]
    );
    assert!(debug_shapes("Noneworthy, Handsome(ly), {{#scenario x}} a { b: c }").is_empty());
    assert!(debug_shapes("The service answers: not verified (nobody answered).").is_empty());
}

#[test]
fn command_outputs_carry_no_debug_text() {
    let mut hits = Vec::new();
    for args in [
        &["demo"][..],
        &["run"],
        &["check-guide"],
        &["check-guide", "--forecast"],
        &["check-guide", "--date", "2027-02-01"],
    ] {
        let place = format!("`mfa-sim {}`", args.join(" "));
        hits.extend(scan(&place, &command_output(args)));
    }
    assert!(
        hits.is_empty(),
        "Debug text reaches people:\n{}",
        hits.join("\n")
    );
}

#[test]
fn trainer_transcripts_carry_no_debug_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/trainer");
    let mut hits = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "out") {
            files += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            hits.extend(scan(&path.display().to_string(), &text));
        }
    }
    assert!(files > 0, "no trainer transcripts in {}", dir.display());
    assert!(
        hits.is_empty(),
        "Debug text reaches people:\n{}",
        hits.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_book_carries_no_debug_text() {
    let out = common::built_book();
    let pages = html_pages(out);
    assert!(!pages.is_empty(), "the book has pages");
    let mut hits = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        let name = page.strip_prefix(out).unwrap_or(&page).display();
        hits.extend(scan(&format!("book/{name}"), &text));
    }
    assert!(
        hits.is_empty(),
        "Debug text reaches people:\n{}",
        hits.join("\n")
    );
}
