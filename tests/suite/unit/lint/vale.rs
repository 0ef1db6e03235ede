//! Tests of `mfa_sim::lint::vale` (`src/lint/vale.rs`), through its public API.

use mfa_sim::lint::vale::*;

#[test]
fn labels_become_literal_patterns_and_the_rules_read_back() {
    assert_eq!(pattern("Can't scan image?"), r"Can't scan image\?");
    let d = Drift {
        renamed: [("App Passwords".to_string(), "App password".to_string())].into(),
        retired: ["Configure app without notifications".to_string()].into(),
    };
    let files = style(&d, "contoso-today.yaml, 2026-11-28").unwrap();
    let renamed: serde_yaml::Value = serde_yaml::from_str(&files[0].1).unwrap();
    assert_eq!(renamed["extends"], "substitution");
    assert_eq!(renamed["swap"]["App Passwords"], "App password");
    let retired: serde_yaml::Value = serde_yaml::from_str(&files[1].1).unwrap();
    assert_eq!(retired["extends"], "existence");
    assert_eq!(retired["tokens"][0], "Configure app without notifications");
    assert!(files.iter().all(|(_, t)| t.starts_with(MARK)));
}

#[test]
fn a_file_it_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let files = vec![("Renamed.yml", format!("{MARK}\nnew\n"))];
    std::fs::write(dir.path().join("Renamed.yml"), "someone's own rule\n").unwrap();
    assert!(write_style(dir.path(), &files).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Renamed.yml")).unwrap(),
        "someone's own rule\n"
    );
    std::fs::write(dir.path().join("Renamed.yml"), format!("{MARK}\nold\n")).unwrap();
    write_style(dir.path(), &files).unwrap();
    assert!(
        std::fs::read_to_string(dir.path().join("Renamed.yml"))
            .unwrap()
            .ends_with("new\n")
    );
}
