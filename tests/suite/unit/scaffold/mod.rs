//! Tests of `mfa_sim::scaffold` (`src/scaffold/mod.rs`), through its public API.

use mfa_sim::scaffold::*;

#[test]
fn names_become_organisations() {
    assert_eq!(organisation("northwind-help_desk"), "Northwind Help Desk");
}

#[test]
fn refuses_a_folder_with_anything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("desk");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(project.join("notes.txt"), "mine").unwrap();
    let err = create(&project).unwrap_err();
    assert!(matches!(err, ScaffoldError::NotEmpty(_)), "{err}");
    assert_eq!(
        std::fs::read_to_string(project.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn refuses_a_name_that_cannot_name_a_project() {
    let dir = tempfile::tempdir().unwrap();
    let err = create(&dir.path().join("my desk")).unwrap_err();
    assert!(matches!(err, ScaffoldError::BadName(_)), "{err}");
}

#[test]
fn writes_every_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("northwind-desk");
    let written = create(&project).unwrap();
    assert_eq!(written.len(), FILES.len());
    let toml = std::fs::read_to_string(project.join("mfa-sim.toml")).unwrap();
    assert!(toml.contains("name = \"northwind-desk\""), "{toml}");
    let tenant = std::fs::read_to_string(project.join("scenarios/example.yaml")).unwrap();
    assert!(tenant.contains("organisation: Northwind Desk"), "{tenant}");
    assert!(
        !written
            .iter()
            .any(|p| std::fs::read_to_string(p).unwrap().contains("{tenant}"))
    );
}
