//! Tests of `mfa_sim::project` (`src/project.rs`), through its public API.

use mfa_sim::project::*;
use std::path::Path;

#[test]
fn names_and_paths_give_the_same_tenant() {
    let dir = Path::new("/p/scenarios");
    assert_eq!(
        resolve_tenant(dir, "contoso"),
        Path::new("/p/scenarios/contoso.yaml")
    );
    assert_eq!(
        resolve_tenant(dir, "contoso.yaml"),
        Path::new("/p/scenarios/contoso.yaml")
    );
    assert_eq!(
        resolve_tenant(dir, "other/contoso.yaml"),
        Path::new("other/contoso.yaml")
    );
    assert_eq!(tenant_label("contoso"), "contoso.yaml");
    assert_eq!(tenant_label("x/contoso-today.yaml"), "contoso-today.yaml");
}

#[test]
fn settings_errors_name_line_and_key() {
    let err = parse_settings("name = \"x\"\nfeaturs = \"f\"\n", Path::new("m.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("m.toml:2:1: "), "{err}");
    assert!(err.contains("featurs"), "{err}");
    let err = parse_settings("book = \"../elsewhere\"\n", Path::new("m.toml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("inside the project"), "{err}");
}

#[test]
fn discovery_walks_up_and_refuses_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    std::fs::create_dir_all(root.join("features/deep")).unwrap();
    std::fs::write(root.join(MARKER), "").unwrap();
    let found = Project::discover(&root.join("features/deep")).unwrap();
    assert_eq!(found.root(), absolute(&root).unwrap());
    assert_eq!(found.features(), found.root().join("features"));
    let lonely = tmp.path().join("lonely");
    std::fs::create_dir_all(&lonely).unwrap();
    assert!(matches!(
        Project::at(&lonely),
        Err(ProjectError::NotAProject(_))
    ));
}

#[test]
fn absolute_resolves_dots_and_missing_tails() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path().canonicalize().unwrap();
    std::fs::create_dir_all(base.join("a/b")).unwrap();
    assert_eq!(absolute(&base.join("a/b/..")).unwrap(), base.join("a"));
    assert_eq!(
        absolute(&base.join("a/new/../x")).unwrap(),
        base.join("a/x")
    );
}
