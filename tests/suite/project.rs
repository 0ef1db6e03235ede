//! The binary works on the project in front of it, and nothing unparsable passes.
//!
//! Every test here runs the already-built `mfa-sim` binary (nothing is compiled anew) on a copy
//! of this repository's project in a temporary folder, as a help desk would on its own
//! checkout: with `--project`, and from a folder inside the copy.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mfa_sim(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() == "build" {
                continue;
            }
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the repository's project (marker, features, scenarios, book) in a temporary
/// folder; returns the folder guard and the copy's root.
fn copy_of_repository() -> (tempfile::TempDir, PathBuf) {
    let repo = common::repo();
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk-checkout");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo.root().join("mfa-sim.toml"), root.join("mfa-sim.toml")).unwrap();
    for part in ["features", "scenarios", "book"] {
        copy_dir(&repo.root().join(part), &root.join(part));
    }
    (tmp, root)
}

const EXTRA: &str = "@section:extra\nFeature: A help desk's own check\n\n  Background:\n    Given the tenant from \"contoso\"\n\n  @extra\n  Scenario: Only the copy has this scenario\n    When the administrator enables MFA for Dana\n    Then Dana's MFA state is \"enabled\"\n";

#[test]
fn the_binary_runs_the_project_in_front_of_it_not_the_one_it_was_built_from() {
    let (tmp, root) = copy_of_repository();
    std::fs::write(root.join("features/zz-extra.feature"), EXTRA).unwrap();

    // --project from an unrelated folder.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = mfa_sim(
        &elsewhere,
        &[
            "--project",
            root.to_str().unwrap(),
            "run",
            "--tag",
            "@extra",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Only the copy has this scenario"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("desk-checkout)"),
        "the project in use is named when it is not the current directory: {}",
        text(&out.stderr)
    );

    // Found from a folder inside the copy, as cargo finds Cargo.toml.
    let out = mfa_sim(&root.join("features"), &["run", "--tag", "@extra"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("1 scenarios, 3 steps, 0 not passed"));

    // No project: a clear refusal.
    let out = mfa_sim(&elsewhere, &["run"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no mfa-sim project in"),
        "{}",
        text(&out.stderr)
    );
    let out = mfa_sim(&elsewhere, &["--project", ".", "train"]);
    assert!(text(&out.stderr).contains("is not an mfa-sim project"));
}

#[test]
fn a_line_that_is_not_a_step_fails_the_run_naming_file_and_line() {
    let (_tmp, root) = copy_of_repository();
    let path = root.join("features/text-messages.feature");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = original.lines().collect();
    // Right after the first step of the first scenario.
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("When "))
        .unwrap();
    lines.insert(at + 1, "    Dana is now ready to go");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = mfa_sim(&root, &["run"]);
    assert!(!out.status.success(), "a broken file must fail the run");
    let err = text(&out.stderr);
    let place = format!("features/text-messages.feature:{}:5", at + 2);
    assert!(
        err.contains(&place) && err.contains("is not a step"),
        "expected {place} in:\n{err}"
    );
}

#[test]
fn every_kind_of_unreadable_feature_file_fails_the_run() {
    let (_tmp, root) = copy_of_repository();
    let features = root.join("features");
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "misspelt.feature",
            b"Feature: x\n  Scenaro: y\n    Given the tenant from \"contoso\"\n",
            "did you mean `Scenario:`",
        ),
        (
            "french.feature",
            b"# language: fr\nFonctionnalit\xc3\xa9: x\n",
            "language `fr`",
        ),
        (
            "binary.feature",
            b"\x89PNG\r\n\x1a\n\0\0\xff",
            "not a text file",
        ),
        ("empty.feature", b"", "no `Feature:`"),
    ];
    // All four at once, beside the good files: one run must name every one of them.
    for (name, bytes, _) in &cases {
        std::fs::write(features.join(name), bytes).unwrap();
    }
    let out = mfa_sim(&root, &["run"]);
    let err = text(&out.stderr);
    assert!(!out.status.success(), "damaged files passed silently");
    for (name, _, expect) in &cases {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("features/{name}")) && l.contains(expect)),
            "{name}: expected `{expect}` in:\n{err}"
        );
    }
    let book = mfa_sim(&root, &["book", "--out", "../scratch-book"]);
    let err = text(&book.stderr);
    assert!(!book.status.success(), "the book built over damaged files");
    assert!(err.contains("misspelt.feature:2:3"), "{err}");
}

#[test]
fn book_output_folders_that_mfa_sim_did_not_make_are_refused() {
    let (tmp, root) = copy_of_repository();
    let book = root.join("book");
    for (out, why) in [
        (".", "overlaps the book's sources"),
        ("src", "overlaps the book's sources"),
        ("..", "contains the project"),
        ("/", "contains the project"),
    ] {
        let o = mfa_sim(&book, &["book", "--out", out]);
        assert!(!o.status.success(), "--out {out} was accepted");
        assert!(
            text(&o.stderr).contains(why),
            "--out {out}: {}",
            text(&o.stderr)
        );
    }
    let scratch = tmp.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::write(scratch.join("thesis.docx"), "years of work").unwrap();
    let o = mfa_sim(&book, &["book", "--out", scratch.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(text(&o.stderr).contains("not empty"), "{}", text(&o.stderr));
    assert_eq!(
        std::fs::read_to_string(scratch.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert!(book.join("src/SUMMARY.md").is_file());
}

#[test]
fn a_tenant_by_name_and_by_path_is_the_same_tenant() {
    let repo = common::repo();
    let by_name = mfa_sim(
        repo.root(),
        &[
            "totp",
            "--scenario",
            "contoso-today",
            "--at",
            "2026-11-28T09:00:00Z",
        ],
    );
    let by_file = mfa_sim(
        repo.root(),
        &[
            "totp",
            "--scenario",
            "contoso-today.yaml",
            "--at",
            "2026-11-28T09:00:00Z",
        ],
    );
    let by_path = mfa_sim(
        repo.root(),
        &[
            "totp",
            "--scenario",
            "scenarios/contoso-today.yaml",
            "--at",
            "2026-11-28T09:00:00Z",
        ],
    );
    assert!(by_name.status.success(), "{}", text(&by_name.stderr));
    assert_eq!(by_name.stdout, by_file.stdout);
    assert_eq!(by_name.stdout, by_path.stdout);
    let missing = mfa_sim(repo.root(), &["check-guide", "--tenant", "no-such-tenant"]);
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("no-such-tenant.yaml"),
        "{}",
        text(&missing.stderr)
    );
}
