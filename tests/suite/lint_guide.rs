//! `mfa-sim lint-guide`: the guide document checked sentence by sentence. The findings
//! asserted here were checked by hand against the simulator's pages and the reference facts:
//! the guide's missing link (SMS-02), its section that does not exist, its claims that a call
//! carries a code and that App Passwords are single-use (rules 16 and 22), the typo "Approve a
//! quest", and the labels renamed or gone today. A second guide, in Markdown and written for
//! this test by another help desk, has one defect of each kind and runs with no scenario of
//! its own.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn lint(args: &[&str]) -> (bool, Value, String) {
    let mut all = vec!["lint-guide", "--format", "json"];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(&all)
        .output()
        .expect("the binary runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The findings at `line` as (severity, message).
fn at(json: &Value, line: u64) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["line"] == line)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(json: &Value, line: u64, severity: &str, words: &str) -> bool {
    at(json, line)
        .iter()
        .any(|(s, m)| s == severity && m.contains(words))
}

#[test]
fn the_projects_guide_gets_the_findings_checked_by_hand() {
    // The same run writes the Vale style (no extra simulation for it).
    let vale = tempfile::tempdir().unwrap();
    let style = vale.path().join("MfaSim");
    let (ok, json, err) = lint(&["--vale", style.to_str().unwrap()]);
    assert!(!ok, "the guide has errors: the exit status says so");
    assert!(json.is_object(), "{err}");
    let cases = [
        (10, "error", "wrong on contoso-today.yaml"),
        (33, "error", "asks to open a link but gives no address"),
        (37, "error", "a verification call reads out a code"),
        (
            55,
            "error",
            "section \"Setting up App Passwords\" that it does not have",
        ),
        (
            64,
            "warning",
            "\"Approve a request on my Microsoft Authenticator app\"",
        ),
        (
            70,
            "error",
            "\"Configure app without notifications\" (to click) is shown on the guide's date but not",
        ),
        (92, "error", "\"App Passwords\" is renamed"),
        (99, "error", "an App Password works once"),
    ];
    for (line, severity, words) in cases {
        assert!(
            has(&json, line, severity, words),
            "line {line}: no {severity} saying {words:?}; found {:?}",
            at(&json, line)
        );
    }
    // Findings name the guide step whose anchored lines they are on.
    let step_of = |line: u64| {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["line"] == line)
            .map(|f| f["step"].clone())
    };
    assert_eq!(step_of(33), Some(Value::from("SMS-02")));
    assert_eq!(step_of(99), Some(Value::from("APW-09")));
    // Line 3 (the company's history) names nothing to check: a note, never a pass.
    assert!(has(&json, 3, "note", "not checked"), "{:?}", at(&json, 3));

    // The Vale style reads back as YAML: the tab the guide calls "App Passwords" is now
    // "App password" (line 92), and the older page's link "Configure app without
    // notifications" (line 70) is shown nowhere today.
    let read = |name: &str| -> serde_yaml::Value {
        let text = std::fs::read_to_string(style.join(name)).unwrap();
        assert!(text.starts_with(mfa_sim::lint::vale::MARK), "{text}");
        serde_yaml::from_str(&text).unwrap()
    };
    let renamed = read("Renamed.yml");
    assert_eq!(renamed["extends"], "substitution");
    assert_eq!(renamed["swap"]["App Passwords"], "App password");
    let retired = read("Retired.yml");
    assert_eq!(retired["extends"], "existence");
    let tokens: Vec<&str> = retired["tokens"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    assert!(
        tokens.contains(&"Configure app without notifications"),
        "{tokens:?}"
    );
}

#[test]
fn the_vale_export_never_replaces_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = dir.path().join("Retired.yml");
    std::fs::write(&theirs, "extends: existence\ntokens: [their own]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(["lint-guide", "--vale", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("was not written by mfa-sim"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&theirs).unwrap(),
        "extends: existence\ntokens: [their own]\n"
    );
    assert!(
        !dir.path().join("Renamed.yml").exists(),
        "nothing is written"
    );
}

#[test]
fn another_desks_markdown_guide_with_one_defect_of_each_kind() {
    let (ok, json, err) = lint(&["tests/fixtures/lint/other-desk.md"]);
    assert!(!ok, "{err}");
    assert!(
        has(&json, 8, "warning", "\"Next\""),
        "typo: {:?}",
        at(&json, 8)
    );
    assert!(
        has(&json, 9, "error", "not on contoso-today"),
        "renamed today: {:?}",
        at(&json, 9)
    );
    assert!(
        at(&json, 10).is_empty(),
        "a label that holds is no finding: {:?}",
        at(&json, 10)
    );
    assert!(
        has(&json, 11, "error", "\"Troubleshooting\""),
        "{:?}",
        at(&json, 11)
    );
    assert!(has(&json, 12, "error", "no address"), "{:?}", at(&json, 12));
    assert!(
        has(&json, 16, "error", "rule 22")
            || at(&json, 16).iter().any(|(_, m)| m.contains("works once"))
    );
    assert!(has(&json, 3, "note", "not checked"), "{:?}", at(&json, 3));
}

/// Another help desk's project: its tenants and its Markdown guide, and no feature file.
fn desk_without_gherkin() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("mfa-sim.toml"), "name = \"northwind\"\n").unwrap();
    for sub in ["guide", "scenarios"] {
        std::fs::create_dir(root.join(sub)).unwrap();
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for tenant in ["contoso.yaml", "contoso-today.yaml"] {
        std::fs::copy(
            repo.join("scenarios").join(tenant),
            root.join("scenarios").join(tenant),
        )
        .unwrap();
    }
    std::fs::copy(
        repo.join("tests/fixtures/lint/other-desk.md"),
        root.join("guide/other-desk.md"),
    )
    .unwrap();
    dir
}

#[test]
fn a_guide_with_no_gherkin_is_checked_against_the_built_in_tour() {
    let desk = desk_without_gherkin();
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .current_dir(desk.path())
        .args(["lint-guide", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    let verdicts = |line: u64| -> Vec<(String, String)> {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["line"] == line)
            .map(|f| {
                (
                    f["then"]["verdict"].as_str().unwrap().to_string(),
                    f["now"]["verdict"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pair = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    assert_eq!(verdicts(3), pair("not_checked", "not_checked"), "no label");
    assert_eq!(
        verdicts(8),
        pair("near", "near"),
        "\"Nxet\" is a typo of \"Next\""
    );
    assert_eq!(
        verdicts(9),
        pair("found", "absent"),
        "the older page's link"
    );
    assert_eq!(
        verdicts(10),
        Vec::new(),
        "\"Add sign-in method\" holds: no finding"
    );
    assert_eq!(
        verdicts(16),
        pair("contradicted", "contradicted"),
        "rule 22"
    );
    // Found on the guide's date, on the page and by the actor that showed it.
    let nine = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["line"] == 9)
        .unwrap();
    assert_eq!(nine["then"]["page"], "Configure mobile app", "{nine}");
    assert_eq!(nine["then"]["actor"], "Dana's browser", "{nine}");
    assert!(!out.status.success(), "it has errors");
    assert!(
        !desk.path().join("features").exists(),
        "no feature file was made"
    );
}

#[test]
fn only_errors_fail_and_the_compiler_shape_names_file_line_and_column() {
    let desk = desk_without_gherkin();
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .current_dir(desk.path())
        .args(["lint-guide"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "errors make the exit status 1");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("guide/other-desk.md:11:4: error: ")),
        "{text}"
    );
    assert!(
        !text.contains(": note: "),
        "notes only with --notes: {text}"
    );
}
