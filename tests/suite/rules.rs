//! The rule registry (`mfa_sim::rules`) against the sources: every rule once and in order,
//! every rule shown by a test or a scenario, every test it names really a test in the file it
//! names, every `@rule:N` tag in the features a rule that exists, and every rule the
//! simulator models (fully or in part) backed by at least one test function.

use crate::common;

use mfa_sim::rules::{Modelled, RULES, rule};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file a test reference names: `tests/x.rs::f` is the function `f` in `tests/x.rs`. Every
/// test lives under `tests/` (the library keeps none in `src/`), so any other reference is not
/// a path; so is one that leaves `tests/` (`..`) or names no `.rs` file.
fn file_of(root: &Path, reference: &str) -> Option<(PathBuf, String)> {
    let (path, name) = reference.rsplit_once("::")?;
    let inside = path.starts_with("tests/")
        && path.ends_with(".rs")
        && !path.split('/').any(|part| part == ".." || part.is_empty());
    (inside && !name.is_empty()).then(|| (root.join(path), name.to_string()))
}

/// True when `code` has `fn name(` right under a test attribute.
fn has_test(code: &str, name: &str) -> bool {
    let lines: Vec<&str> = code.lines().collect();
    let head = format!("fn {name}(");
    lines.iter().enumerate().any(|(i, l)| {
        l.contains(&head)
            && lines[i.saturating_sub(2)..i]
                .iter()
                .any(|a| a.contains("#[test]") || a.contains("#[tokio::test"))
    })
}

/// Scenario tags `@rule:N` in the features: rule number to (file, line) places.
fn tags(features: &Path) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(features)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "feature"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            for word in line.split_whitespace() {
                if let Some(n) = word.strip_prefix("@rule:") {
                    out.entry(n.to_string()).or_default().push(format!(
                        "{}:{}",
                        file.file_name().unwrap().to_string_lossy(),
                        i + 1
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_rule_once_in_order() {
    for (i, r) in RULES.iter().enumerate() {
        assert_eq!(usize::from(r.number), i + 1, "rule at position {i}");
        assert!(rule(r.number).is_some());
        assert!(
            !r.title.is_empty() && !r.statement.is_empty(),
            "rule {}",
            r.number
        );
        assert!(!r.sources.is_empty(), "rule {} names no source", r.number);
        for s in r.sources {
            assert!(
                s.url.starts_with("https://"),
                "rule {}: {}",
                r.number,
                s.url
            );
            let microsoft = [
                "https://learn.microsoft.com/",
                "https://support.microsoft.com/",
            ]
            .iter()
            .any(|p| s.url.starts_with(p))
                || s.url.starts_with("https://github.com/MicrosoftDocs/")
                || s.url.starts_with("https://techcommunity.microsoft.com/");
            assert_eq!(
                !microsoft, s.third_party,
                "rule {}: {} is marked third_party = {}",
                r.number, s.url, s.third_party
            );
        }
        assert!(
            r.sources.iter().any(|s| !s.third_party),
            "rule {} rests on third-party pages only",
            r.number
        );
        for d in r.dates {
            assert!(d.from.is_some() || d.until.is_some(), "rule {}", r.number);
            if let (Some(a), Some(b)) = (d.from, d.until) {
                assert!(
                    a < b,
                    "rule {}: a span that ends before it starts",
                    r.number
                );
            }
        }
        if let Some(missing) = r.modelled.missing() {
            assert!(
                !missing.is_empty(),
                "rule {}: say what is missing",
                r.number
            );
        }
    }
    assert_eq!(RULES.len(), 36);
}

#[test]
fn every_named_test_exists_in_the_file_it_names() {
    let root = common::repo().root().to_path_buf();
    let mut missing = Vec::new();
    for r in &RULES {
        for reference in r.tests {
            match file_of(&root, reference) {
                Some((file, name)) => {
                    let code = std::fs::read_to_string(&file).unwrap_or_default();
                    if !has_test(&code, &name) {
                        missing.push(format!(
                            "rule {}: no test `{name}` in {}",
                            r.number,
                            file.display()
                        ));
                    }
                }
                None => missing.push(format!("rule {}: `{reference}` is not a path", r.number)),
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_rule_tag_names_a_rule() {
    let found = tags(&common::repo().features());
    assert!(!found.is_empty(), "no @rule tags in the features");
    for (n, places) in &found {
        let known = n.parse::<u8>().ok().and_then(rule).is_some();
        assert!(known, "@rule:{n} names no rule ({})", places.join(", "));
    }
}

#[test]
fn every_rule_has_evidence_and_modelled_rules_have_a_test() {
    let found = tags(&common::repo().features());
    let mut unmodelled = Vec::new();
    for r in &RULES {
        let scenarios = found.get(&r.number.to_string()).map_or(0, Vec::len);
        match r.modelled {
            Modelled::Fully | Modelled::Partly(_) => assert!(
                !r.tests.is_empty(),
                "rule {} is modelled but names no test function",
                r.number
            ),
            Modelled::Not(why) => {
                unmodelled.push(format!("  rule {}: {} ({why})", r.number, r.title))
            }
        }
        assert!(
            !r.tests.is_empty() || scenarios > 0 || matches!(r.modelled, Modelled::Not(_)),
            "rule {} has neither a test nor a @rule:{} scenario",
            r.number,
            r.number
        );
    }
    if !unmodelled.is_empty() {
        println!(
            "Rules the simulator does not model:\n{}",
            unmodelled.join("\n")
        );
    }
}

#[test]
fn the_test_finder_needs_a_test_attribute_and_the_exact_name() {
    let code = "#[test]\nfn shown() {}\n\nfn helper() {}\n#[tokio::test(flavor = \"multi_thread\")]\nasync fn later() {}\n";
    assert!(has_test(code, "shown") && has_test(code, "later"));
    assert!(!has_test(code, "helper"), "not a test");
    assert!(!has_test(code, "show"), "a prefix is not the name");
    let root = Path::new("/r");
    assert_eq!(
        file_of(root, "tests/cli.rs::f"),
        Some((root.join("tests/cli.rs"), "f".into()))
    );
    assert_eq!(
        file_of(root, "tests/suite/unit/tenant/oath.rs::f"),
        Some((root.join("tests/suite/unit/tenant/oath.rs"), "f".into()))
    );
    assert_eq!(
        file_of(root, "tenant::oath::f"),
        None,
        "a module path is not a file"
    );
    assert_eq!(
        file_of(root, "tests/../src/lib.rs::f"),
        None,
        "outside tests/"
    );
    assert_eq!(
        file_of(root, "tests/suite/unit/tenant::f"),
        None,
        "not a .rs file"
    );
}
