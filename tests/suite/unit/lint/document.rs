//! Tests of `mfa_sim::lint::document` (`src/lint/document.rs`), through its public API.

use mfa_sim::lint::document::*;

#[test]
fn sentences_keep_their_line_and_column() {
    let d = Document::parse("Intro line.\n  1. Click “Next”. Then wait, i.e. a while.\n");
    assert_eq!(d.sentences.len(), 3);
    assert_eq!((d.sentences[1].line, d.sentences[1].col), (2, 6));
    assert_eq!(d.sentences[1].text, "Click “Next”.");
    assert_eq!(d.sentences[2].text, "Then wait, i.e. a while.");
    assert_eq!(d.sentences[2].col, 20);
}

#[test]
fn a_section_is_found_by_its_heading_not_by_the_line_that_names_it() {
    let d = Document::parse("See the section “Setup” below.\n\nSETUP:\nDo it.\n");
    assert!(d.has_section("Setup", 1));
    assert!(!d.has_section("Teardown", 1));
    let only_ref = Document::parse("See the section “Setup” below.\n");
    assert!(!only_ref.has_section("Setup", 1));
}
