//! Architecture invariants that a grep can check: simulated time only (no sleeping, no wall
//! clock outside `clock.rs`), no `unwrap()` in library code, no compile-time source paths
//! (`CARGO_MANIFEST_DIR`) and no process-wide state in library code, and only the trainer's
//! terminal edge reads standard input; code decides on which page is shown (`PageId`), never
//! on its heading or labels, except where a step asserts what a person reads or a screen is
//! drawn. The import graph keeps the core free of cycles: the tenant never imports actors,
//! the transcript never imports the tenant, and neither they nor the actors import the
//! harness, the book or the trainer.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// Library code without its `#[cfg(test)]` modules.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap().to_string()
}

#[test]
fn time_is_simulated_and_io_stays_at_the_edges() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for path in sources(&src) {
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if name.ends_with("_tests.rs") {
            continue;
        }
        let code = code_of(&path);
        for banned in [
            "thread::sleep",
            "time::sleep",
            "SystemTime",
            "Instant::now",
            "now_utc",
            "now_local",
        ] {
            assert!(
                name == "clock.rs" || !code.contains(banned),
                "{name} uses {banned}: only clock.rs may read the machine's time, and nothing sleeps"
            );
        }
        assert!(
            !code.contains(".unwrap()"),
            "{name} calls unwrap() outside tests"
        );
        // Not even in unit tests: they find the repository as the binary does.
        assert!(
            !std::fs::read_to_string(&path)
                .unwrap()
                .contains("CARGO_MANIFEST_DIR"),
            "{name} uses CARGO_MANIFEST_DIR: the binary must work on the project in front of it (Project::locate), not the tree it was compiled in"
        );
        let statics = code.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("static ")
                || l.starts_with("pub static ")
                || l.starts_with("pub(crate) static ")
        });
        for global in ["LazyLock", "OnceLock", "thread_local!"] {
            assert!(
                !code.contains(global) && !statics,
                "{name} has process-wide state (a static, `{global}`): per-run state travels through RunContext and the World"
            );
        }
        if name != "trainer/terminal.rs" && name != "book/mod.rs" {
            assert!(
                !code.contains("stdin()"),
                "{name} reads standard input; only the trainer's terminal edge (and the preprocessor protocol) may"
            );
        }
    }
}

/// Text that decides on what a page *says* (its heading, sub-heading, paragraphs or labels)
/// rather than on which page it *is* (`PageId`) or which control it offers (`Action`).
const DECIDES_ON_TEXT: &[&str] = &[
    ".title ==",
    ".title !=",
    "== page.title",
    "!= page.title",
    ".subtitle ==",
    ".subtitle !=",
    "title.contains(",
    "title.starts_with(",
    "title.ends_with(",
    "title.as_str()",
    "title.eq_ignore_ascii_case(",
    "subtitle.as_deref()",
    "subtitle.as_ref()",
    ".buttons.iter()",
    ".links.iter()",
    ".text.iter().any(",
    "all_text()",
];

/// Where reading a page's text is the point: (file under `src/`, function or `*` for the
/// whole file, why).
const READS_TEXT: &[(&str, &str, &str)] = &[
    (
        "screens/text.rs",
        "*",
        "draws a screen as text for the trainer and the demo",
    ),
    (
        "book/html.rs",
        "*",
        "draws a screen as an HTML card in the book",
    ),
    (
        "harness/steps/browser.rs",
        "sees",
        "`Then Dana sees \"...\"` asserts the heading a person reads",
    ),
    (
        "harness/steps/browser.rs",
        "make_default",
        "`Dana makes \"...\" her default method` checks the page then says it is the default",
    ),
    (
        "harness/steps/intruder.rs",
        "someone_else_sees",
        "`Then someone else sees \"...\"` asserts the heading the other person reads",
    ),
    (
        "harness/steps/browser.rs",
        "page_says",
        "`Then the page says \"...\"` asserts the words a person reads",
    ),
    (
        "harness/steps/browser.rs",
        "sign_in_starts_with",
        "`Then Dana's sign-in starts with \"...\"` asserts the words a person reads first",
    ),
    (
        "harness/steps/browser.rs",
        "never_shown",
        "`Then Dana was never shown \"...\"` asserts a heading a person never read",
    ),
    (
        "harness/steps/journeys.rs",
        "verifies_with",
        "asserts that what the person sees moved on after verifying",
    ),
];

/// The function a line belongs to: the nearest `fn name` at or above it.
fn enclosing_fn(lines: &[&str], at: usize) -> String {
    lines[..=at]
        .iter()
        .rev()
        .find_map(|l| {
            let l = l.trim_start();
            let after = l.split_once("fn ")?.1;
            let head = &l[..l.len() - after.len()];
            let keywords_only = head
                .split_whitespace()
                .all(|w| ["pub", "pub(crate)", "pub(super)", "async", "const", "fn"].contains(&w));
            keywords_only.then(|| {
                after
                    .split(['(', '<'])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
        })
        .unwrap_or_default()
}

/// Every decision on page text in `code` (a file under `src/` named `name`) that the
/// allow-list does not cover, as "file:line (fn): text".
fn text_decisions(name: &str, code: &str) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let Some(pattern) = DECIDES_ON_TEXT.iter().find(|p| line.contains(*p)) else {
            continue;
        };
        let function = enclosing_fn(&lines, i);
        let allowed = READS_TEXT
            .iter()
            .any(|(file, f, _)| *file == name && (*f == "*" || *f == function));
        if !allowed {
            out.push(format!(
                "{name}:{} (fn {function}): `{pattern}` in {}",
                i + 1,
                line.trim()
            ));
        }
    }
    out
}

#[test]
fn decisions_are_made_on_page_identity_titles_are_for_people() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for path in sources(&src) {
        let name = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        found.extend(text_decisions(&name, &code_of(&path)));
    }
    assert!(
        found.is_empty(),
        "decisions on what a page says instead of which page it is (use `view.page: PageId`, \
         `ScreenView::offers(&Action)`; text is for step assertions and drawing only, see \
         READS_TEXT):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_text_decision_check_catches_a_title_comparison() {
    let code = "async fn journey() {\n    if page.title == \"Stay signed in?\" {\n    }\n}\n";
    let found = text_decisions("harness/journeys.rs", code);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("fn journey"), "{found:?}");
    // The same line is allowed where a step asserts what a person reads...
    let sees = code.replace("journey", "sees");
    assert!(text_decisions("harness/steps/browser.rs", &sees).is_empty());
    // ...but not in another function of that file.
    assert_eq!(text_decisions("harness/steps/browser.rs", code).len(), 1);
    let labels = "fn finish() {\n    if page.buttons.iter().any(|b| b == \"Done\") {}\n}\n";
    assert_eq!(text_decisions("harness/journeys.rs", labels).len(), 1);
}

/// The modules of `crate` that a source file names: `crate::tenant::X` and grouped
/// `use crate::{tenant, clock::Instant}` both count.
fn crate_modules(text: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            for item in inner.split(',') {
                let name = word(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            out.insert(word(rest));
        }
    }
    out
}

#[test]
fn the_import_graph_has_no_cycles_through_the_core() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = |p: &Path| {
        p.strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
    };
    let edges = ["harness", "book", "trainer"];
    for path in sources(&src) {
        let name = rel(&path);
        // Tests included: a test that needs an actor belongs outside the tenant.
        let used = crate_modules(&std::fs::read_to_string(&path).unwrap());
        if name.starts_with("tenant/") {
            assert!(
                !used.contains("actors"),
                "{name} imports crate::actors: the tenant talks to devices through its ports (tenant::telephony)"
            );
        }
        if name == "transcript.rs" || name.starts_with("screens/") {
            // The transcript stores screens, so screens stay free of the tenant too: what both
            // need (phone slots, verification options, the activation payload) is in records.
            assert!(
                !used.contains("tenant"),
                "{name} imports crate::tenant: what the transcript and the screens show lives in crate::records"
            );
        }
        if name == "records.rs" {
            let allowed = ["clock"];
            for m in &used {
                assert!(
                    allowed.contains(&m.as_str()),
                    "records.rs imports crate::{m}: plain records depend on nothing but the clock"
                );
            }
        }
        let core = name.starts_with("tenant/")
            || name.starts_with("actors/")
            || name == "transcript.rs"
            || name == "records.rs";
        if core {
            for edge in edges {
                assert!(
                    !used.contains(edge),
                    "{name} imports crate::{edge}: the core (tenant, actors, transcript) knows nothing of the harness, book or trainer"
                );
            }
        }
    }
}

#[test]
fn the_import_scan_reads_grouped_imports() {
    let used =
        crate_modules("use crate::{actors::phone, clock};\nlet x = crate::tenant::Tenant::new();");
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["actors", "clock", "tenant"]
    );
}
