//! Tests of `mfa_sim::check::exercises` (`src/check/exercises.rs`), through its public API.

/// A solution is read like the rest of the file: each command must be one the trainer
/// understands, each placeholder one it fills, each guide step and page must exist; an
/// exercise without one is a finding.
#[test]
fn a_solution_is_checked_command_by_command() {
    let dir = tempfile::tempdir().unwrap();
    let book_src = dir.path().join("src");
    std::fs::create_dir(&book_src).unwrap();
    std::fs::write(book_src.join("text-messages.md"), "# Texts\n").unwrap();
    let path = dir.path().join("x.yaml");
    let head = "id: x\ntitle: X\nrole: user\ntenant: contoso\nperson: Dana\nbriefing: b\ngoal:\n  description: d\n  all:\n    - signed_in: Dana\n";
    let text = format!(
        "{head}solution:\n  - guide: SMS-05\n    page: text-messages.html\n    do: [\"type {{text}}\", press Verify]\n  - guide: SMS-77\n    page: nowhere.html#top\n    do: [dance with me, \"type {{pin}}\"]\n"
    );
    std::fs::write(&path, &text).unwrap();
    let ex = mfa_sim::trainer::exercise::parse(&text, &path).unwrap();
    let ids = vec!["SMS-05".to_string()];
    let found = mfa_sim::check::exercises::check_solution(&ex, &path, Some(&ids), &book_src);
    let said: Vec<String> = found
        .iter()
        .map(|f| format!("{}: {}", f.place, f.message))
        .collect();
    assert_eq!(said.len(), 4, "{said:#?}");
    for words in [
        "guide step SMS-77",
        "book page nowhere.html#top",
        "`dance with me` is not a trainer command",
        "holds {pin}",
    ] {
        assert!(said.iter().any(|s| s.contains(words)), "{words}: {said:#?}");
    }
    assert!(
        said.iter()
            .any(|s| s.contains("x.yaml:15: the solution names guide step SMS-77")),
        "{said:#?}"
    );

    let bare = mfa_sim::trainer::exercise::parse(head, &path).unwrap();
    let found = mfa_sim::check::exercises::check_solution(&bare, &path, Some(&ids), &book_src);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("no `solution:`"),
        "{}",
        found[0].message
    );
}
