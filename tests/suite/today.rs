//! Today's guide in the built book: its scenarios shown, the original chapters linked to
//! their today counterparts and back, each handout page drawn from its scenario's run, and
//! the ticket index's every link landing on something that exists.
//! Uses the one shared book build (`common::built_book`).

use crate::common;
use std::path::Path;

/// The original chapters and their today counterparts (book/src file names).
const PAIRS: &[(&str, &str)] = &[
    ("text-messages.md", "today-text-messages.md"),
    ("authenticator.md", "today-authenticator.md"),
    ("third-party-authenticator.md", "today-other-app.md"),
    ("adding-methods.md", "today-adding-methods.md"),
    ("app-passwords.md", "today-mail-apps.md"),
    ("passkeys-and-policy.md", "today-passkey.md"),
    ("troubleshooting.md", "tickets.md"),
];

fn source(name: &str) -> String {
    std::fs::read_to_string(common::repo().book().join("src").join(name))
        .unwrap_or_else(|e| panic!("book/src/{name}: {e}"))
}

#[test]
fn every_original_chapter_links_to_its_today_counterpart_and_back() {
    for (old, new) in PAIRS {
        assert!(
            source(old).contains(&format!("]({new})")),
            "{old} does not link to {new}"
        );
        assert!(
            source(new).contains(&format!("]({old})")),
            "{new} does not link back to {old}"
        );
    }
    // Every chapter of the guide's first part links somewhere into today's guide.
    let summary = source("SUMMARY.md");
    let first_part = summary.split("\n# ").next().unwrap();
    for line in first_part.lines() {
        let Some(file) = line.split("](").nth(1).and_then(|r| r.split(')').next()) else {
            continue;
        };
        if [
            "README.md",
            "what-changed.md",
            "still-holds.md",
            "rules.md",
            "coverage.md",
        ]
        .contains(&file)
        {
            continue;
        }
        let text = source(file);
        assert!(
            text.contains("](today") || text.contains("](tickets.md"),
            "{file} has no link into today's guide"
        );
    }
}

/// The `@today` scenarios of `features/today-*.feature`: (feature stem, scenario line).
fn today_scenarios() -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (path, text) in common::texts_in(&common::repo().features(), "feature") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if !stem.starts_with("today-") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if l.trim_start().starts_with("Scenario") {
                assert!(
                    i > 0 && lines[i - 1].contains("@today"),
                    "{stem}.feature:{}: a scenario of today's guide is tagged @today",
                    i + 1
                );
                out.push((stem.clone(), i + 1));
            }
        }
    }
    assert!(out.len() >= 6, "today's guide has a scenario per setup");
    out
}

#[test]
fn every_today_scenario_is_shown_in_its_chapter() {
    let book = common::built_book();
    for (stem, line) in today_scenarios() {
        let page = std::fs::read_to_string(book.join(format!("{stem}.html")))
            .unwrap_or_else(|e| panic!("{stem}.html: {e}"));
        assert!(
            page.contains(&format!(r#"id="sc-{stem}-{line}""#)),
            "{stem}.html does not show the scenario at {stem}.feature:{line}"
        );
    }
}

/// The titles of the browser screens drawn in `html`, in order.
fn screen_titles(html: &str) -> Vec<String> {
    html.split(r#"<div class="mfa-screen">"#)
        .skip(1)
        .filter_map(|card| {
            card.split(r#"<div class="mfa-title">"#)
                .nth(1)
                .and_then(|t| t.split("</div>").next())
                .map(str::to_string)
        })
        .collect()
}

fn handout_pages(book: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(common::repo().book().join("src")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(stem) = name
            .strip_prefix("handout-")
            .and_then(|n| n.strip_suffix(".md"))
        {
            let html = std::fs::read_to_string(book.join(format!("handout-{stem}.html")))
                .unwrap_or_else(|e| panic!("handout-{stem}.html was not built: {e}"));
            found.push((stem.to_string(), html));
        }
    }
    found.sort();
    found
}

#[test]
fn each_handout_page_shows_its_scenarios_screens_in_order() {
    let book = common::built_book();
    let handouts = handout_pages(book);
    assert!(
        handouts.len() >= 6,
        "one handout per setup of today's guide"
    );
    let index = std::fs::read_to_string(book.join("handouts.html")).unwrap();
    for (stem, html) in &handouts {
        assert!(
            index.contains(&format!(r#"href="handout-{stem}.html""#)),
            "handouts.html does not list handout-{stem}.html"
        );
        let section = html
            .split(r#"<section class="mfa-handout"#)
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or_else(|| panic!("handout-{stem}.html has no handout"));
        assert!(section.contains(&format!(r#"id="handout-{stem}""#)));
        // The handout links to its scenario in the book; follow it.
        let link = section
            .split(r#"<a href=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("handout-{stem} does not link to its scenario"));
        let (page, anchor) = link.split_once('#').unwrap();
        let chapter = std::fs::read_to_string(book.join(page))
            .unwrap_or_else(|e| panic!("handout-{stem} links to {page}: {e}"));
        let block = chapter
            .split(&format!(r#"id="{anchor}""#))
            .nth(1)
            .unwrap_or_else(|| panic!("{page} has no #{anchor}"));
        let block = block.split(r#"<div class="mfa-scenario" "#).next().unwrap();
        // Each step of the handout shows screens that the same step of the run showed, in
        // the same order; and the handout shows at least one screen.
        let mut shown = 0;
        for step in section
            .split(r#"<li class="mfa-handout-step" data-line=""#)
            .skip(1)
        {
            let line = step.split('"').next().unwrap();
            let ours = screen_titles(step);
            shown += ours.len();
            let theirs = block
                .split(&format!(r#"data-line="{line}""#))
                .nth(1)
                .and_then(|s| s.split("data-line=").next())
                .unwrap_or_else(|| panic!("{page}#{anchor} has no step at line {line}"));
            let theirs = screen_titles(theirs);
            let mut at = theirs.iter();
            for title in &ours {
                assert!(
                    at.any(|t| t == title),
                    "handout-{stem}, line {line}: the screen \"{title}\" is not what the run showed there ({theirs:?})"
                );
            }
        }
        assert!(shown > 0, "handout-{stem} shows no screen");
        // The user ends where the run ended: the last screen of the run is the handout's.
        assert_eq!(
            screen_titles(section).last(),
            screen_titles(block).last(),
            "handout-{stem} does not end on the scenario's last screen"
        );
    }
}

/// The symptoms the index must cover (issue 12), by ticket id.
const SYMPTOMS: &[&str] = &[
    "no-signal",
    "new-phone",
    "lost-phone",
    "code-refused-clock",
    "code-refused-reused",
    "code-refused-old-entry",
    "code-refused-unfinished",
    "code-refused-policy",
    "push-never-arrives",
    "unexpected-requests",
    "locked-out",
    "too-many-texts",
    "mail-after-mfa",
    "account-blocked",
];

/// Every `href` in `html`.
fn links(html: &str) -> Vec<String> {
    html.split(r#"href=""#)
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// Whether `link` (relative to the book's root, with an anchor) lands on an element that
/// exists in the built book.
fn lands(book: &Path, link: &str) -> bool {
    let (page, anchor) = link.split_once('#').unwrap_or((link, ""));
    let Ok(html) = std::fs::read_to_string(book.join(page)) else {
        return false;
    };
    anchor.is_empty() || html.contains(&format!(r#"id="{anchor}""#))
}

#[test]
fn every_ticket_links_to_scenarios_an_exercise_and_rules_that_exist_in_the_built_book() {
    let book = common::built_book();
    let project = common::repo();
    let index = mfa_sim::tickets::load(&project.features().join(mfa_sim::tickets::FILE))
        .expect("the ticket index loads");
    let ids: Vec<&str> = index.iter().map(|t| t.id.as_str()).collect();
    for s in SYMPTOMS {
        assert!(ids.contains(s), "the ticket index has no entry `{s}`");
    }
    let page = std::fs::read_to_string(book.join("tickets.html")).unwrap();
    for t in &index {
        let start = format!(r#"id="ticket-{}""#, t.id);
        let entry = page
            .split(&start)
            .nth(1)
            .unwrap_or_else(|| panic!("tickets.html has no #ticket-{}", t.id));
        let entry = entry.split(r#"id="ticket-"#).next().unwrap();
        let all = links(entry);
        let scenarios: Vec<&String> = all.iter().filter(|l| l.contains("#sc-")).collect();
        assert_eq!(
            scenarios.len(),
            t.scenarios.len(),
            "ticket {}: one link per scenario",
            t.id
        );
        for l in &scenarios {
            assert!(lands(book, l), "ticket {}: {l} leads nowhere", t.id);
        }
        let exercise = format!("appendix/trainer.html#exercise-{}", t.exercise);
        assert!(
            all.contains(&exercise),
            "ticket {}: no link to {exercise}",
            t.id
        );
        assert!(
            lands(book, &exercise),
            "ticket {}: {exercise} leads nowhere",
            t.id
        );
        for n in &t.rules {
            let rule = format!("rules.html#rule-{n}");
            assert!(all.contains(&rule), "ticket {}: no link to {rule}", t.id);
            assert!(lands(book, &rule), "ticket {}: {rule} leads nowhere", t.id);
        }
    }
}

/// `mfa-sim check` reads the ticket index behind `{{#tickets}}` and names each thing in it that
/// does not resolve, in a fresh project (`mfa-sim new`).
#[test]
fn check_names_every_ticket_link_that_would_rot() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let run = |cwd: &Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
            .current_dir(cwd)
            .args(args)
            .output()
            .expect("the binary runs")
    };
    assert!(run(dir.path(), &["new", "desk"]).status.success());
    let project = dir.path().join("desk");
    std::fs::write(
        project.join("book/src/tickets.md"),
        "# Tickets\n\n{{#tickets}}\n",
    )
    .unwrap();
    std::fs::write(
        project.join("features/tickets.yaml"),
        "- id: no-signal\n  symptom: No signal\n  ask: [Signal?]\n  log: nothing\n  fix: another method\n  scenarios:\n    - {file: text-messages.feature, scenario: Nobody wrote this}\n    - {file: gone.feature, scenario: Nor this}\n  exercise: ticket-nobody-wrote\n  rules: [99]\n",
    )
    .unwrap();
    let out = run(&project, &["check"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    for words in [
        "book/src/tickets.md:3",
        "no scenario called \"Nobody wrote this\"",
        "no feature file \"gone.feature\"",
        "no trainer exercise `ticket-nobody-wrote`",
        "rule 99",
    ] {
        assert!(
            said.contains(words),
            "check does not say {words:?}:\n{said}"
        );
    }
}
