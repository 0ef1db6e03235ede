//! A help desk writing its own: `mfa-sim new` makes a project that passes `check`, `run` and
//! `book` at once; `mfa-sim check` finds each kind of mistake an author makes, one line each
//! with file:line, and passes on this repository; `mfa-sim run --junit/--json` name every
//! scenario with file:line and never overwrite a file they did not write.

use std::path::Path;
use std::process::{Command, Output};

fn mfa_sim_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A new project made by `mfa-sim new` in a temporary folder.
fn new_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = mfa_sim_in(dir.path(), &["new", "desk"]);
    assert!(out.status.success(), "{}", text(&out));
    let project = dir.path().join("desk");
    (dir, project)
}

#[test]
fn a_new_project_passes_check_run_and_book_at_once() {
    let (_dir, project) = new_project();
    for args in [&["check"][..], &["run"], &["book"]] {
        let out = mfa_sim_in(&project, args);
        assert!(out.status.success(), "mfa-sim {args:?}:\n{}", text(&out));
    }
    assert!(project.join("book/build/index.html").is_file());
    let again = mfa_sim_in(project.parent().unwrap(), &["new", "desk"]);
    assert!(
        !again.status.success(),
        "new must refuse a folder with files"
    );
    assert!(text(&again).contains("not empty"), "{}", text(&again));
}

#[test]
fn run_writes_junit_and_json_naming_every_scenario_with_file_and_line() {
    let (_dir, project) = new_project();
    let out = mfa_sim_in(
        &project,
        &[
            "run",
            "--junit",
            "reports/junit.xml",
            "--json",
            "reports/run.json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("     Running features/text-messages.feature"),
        "cargo-style status lines on stderr:\n{err}"
    );
    let xml = std::fs::read_to_string(project.join("reports/junit.xml")).unwrap();
    for name in [
        "features/text-messages.feature:10: Signing in at the setup page asks for more information",
        "features/text-messages.feature:17: Registering the phone, then signing in with a texted code",
    ] {
        assert!(xml.contains(&format!("<testcase name=\"{name}\"")), "{xml}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(project.join("reports/run.json")).unwrap())
            .unwrap();
    assert_eq!(json["passed"], true);
    assert_eq!(json["scenarios"].as_array().unwrap().len(), 2);
    assert_eq!(json["scenarios"][1]["line"], 17);
    // A second run replaces its own reports, never a file someone else wrote.
    assert!(
        mfa_sim_in(&project, &["run", "--junit", "reports/junit.xml"])
            .status
            .success()
    );
    std::fs::write(project.join("notes.xml"), "<mine/>").unwrap();
    let refused = mfa_sim_in(&project, &["run", "--junit", "notes.xml"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("was not written by mfa-sim"),
        "{}",
        text(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(project.join("notes.xml")).unwrap(),
        "<mine/>"
    );
}

#[test]
fn a_failing_run_is_red_and_its_junit_report_says_where() {
    let (_dir, project) = new_project();
    let feature = project.join("features/text-messages.feature");
    let text_before = std::fs::read_to_string(&feature).unwrap();
    std::fs::write(
        &feature,
        text_before.replace(
            "Then Alex sees \"More information required\"",
            "Then Alex sees \"Welcome aboard\"",
        ),
    )
    .unwrap();
    let out = mfa_sim_in(&project, &["run", "--junit", "junit.xml"]);
    assert!(!out.status.success(), "{}", text(&out));
    let xml = std::fs::read_to_string(project.join("junit.xml")).unwrap();
    assert!(xml.contains("failures=\"1\""), "{xml}");
    assert!(
        xml.contains("features/text-messages.feature:14:5: Then Alex sees"),
        "{xml}"
    );
    assert!(
        !xml.contains("panicked"),
        "no program wording in reports: {xml}"
    );
}

#[test]
fn an_unknown_step_says_undefined_where_it_is_and_what_is_near() {
    let (_dir, project) = new_project();
    let feature = project.join("features/text-messages.feature");
    let before = std::fs::read_to_string(&feature).unwrap();
    std::fs::write(
        &feature,
        before.replace(
            "When Alex opens \"https://aka.ms/mfasetup\" in his browser",
            "When Alex browses to \"https://aka.ms/mfasetup\"",
        ),
    )
    .unwrap();
    for args in [&["run"][..], &["check"]] {
        let out = mfa_sim_in(&project, args);
        assert!(!out.status.success());
        let said = text(&out);
        assert!(
            said.contains("features/text-messages.feature:12:5"),
            "{args:?}: {said}"
        );
        assert!(said.contains("undefined step"), "{args:?}: {said}");
        assert!(
            said.contains("When Dana opens \"https://aka.ms/mfasetup\" in her browser"),
            "{args:?} suggests the nearest step: {said}"
        );
    }
}

/// Each kind of mistake `mfa-sim check` knows, made once in a fresh project, and the words
/// that must appear on the finding's line.
#[test]
fn check_finds_each_kind_of_mistake_with_its_place() {
    let (_dir, project) = new_project();
    let edit = |rel: &str, from: &str, to: &str| {
        let path = project.join(rel);
        let before = std::fs::read_to_string(&path).unwrap();
        assert!(before.contains(from), "{rel} has no {from:?}");
        std::fs::write(&path, before.replacen(from, to, 1)).unwrap();
    };
    // Features: a tag naming no guide step, an unknown rule, an unknown person, an unknown
    // app, a misspelt keyword, an unknown tenant.
    edit(
        "features/text-messages.feature",
        "@guide:TXT-01",
        "@guide:TXT-10 @rule:99",
    );
    edit(
        "features/text-messages.feature",
        "Then Alex's MFA state is \"enforced\"",
        "Then Alexa's MFA state is \"enforced\"",
    );
    std::fs::write(
        project.join("features/more.feature"),
        "Feature: More\n\n  Scenario: an app and a tenant\n    Given the tenant from \"exampel\"\n    When Alex adds an account to \"Authy Pro\" by scanning the QR code\n",
    )
    .unwrap();
    std::fs::write(
        project.join("features/typo.feature"),
        "Feature: Typo\n\n  Scenario: a misspelt keyword\n    Given the tenant from \"example\"\n    Wen 6 minutes pass\n",
    )
    .unwrap();
    // A person unknown to the tenant in a step written as a regex, named in full.
    std::fs::write(
        project.join("features/signal.feature"),
        "Feature: Signal\n\n  Scenario: a full name\n    Given the tenant from \"example\"\n    When Alex Rivero's phone loses its signal\n",
    )
    .unwrap();
    // A tenant file that does not load.
    std::fs::write(project.join("scenarios/broken.yaml"), "name: [\n").unwrap();
    // Exercises: an unknown person, a method kind that does not exist, an action the user
    // role can never take, a duplicate id.
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "person: Alex",
        "person: Alix",
    );
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "kind: text",
        "kind: sms",
    );
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "    - signed_in: Alex",
        "    - signed_in: Alex\n    - did: {action: tap, user: Alex}",
    );
    // Safe fixes and stories (issue 14): a story of someone the tenant does not have, a
    // console action that does not exist, a way of signing in that does not exist, a new
    // phone the setup never gives.
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "  Alex: >-",
        "  Jordan: Nobody here.\n  Alex: >-",
    );
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "    - approved_unstarted: Alex",
        "    - approved_unstarted: Alex\n    - before_verified: {user: Alex, actions: [tap, wipe-phone]}",
    );
    edit(
        "scenarios/exercises/01-text-setup.yaml",
        "    - has_method: {user: Alex, kind: sms}",
        "    - has_method: {user: Alex, kind: sms}\n    - signed_in_with: {user: Alex, method: carrier-pigeon}\n    - registered_on_new_phone: Alex",
    );
    let copy =
        std::fs::read_to_string(project.join("scenarios/exercises/01-text-setup.yaml")).unwrap();
    std::fs::write(project.join("scenarios/exercises/02-copy.yaml"), copy).unwrap();
    // The book: a scenario that does not exist.
    edit(
        "book/src/text-messages.md",
        "{{#scenario text-messages.feature:Signing in at the setup page asks for more information}}",
        "{{#scenario text-messages.feature:Signing in somewhere else}}",
    );
    let out = mfa_sim_in(&project, &["check"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let expect = [
        (
            "features/text-messages.feature:9",
            "@guide:TXT-10` names no step",
        ),
        (
            "features/text-messages.feature:10",
            "@rule:99 names no rule",
        ),
        ("features/text-messages.feature:", "nobody called `Alexa`"),
        ("features/more.feature:4", "no tenant called \"exampel\""),
        ("features/typo.feature:5", "Wen"),
        ("features/signal.feature:5", "nobody called `Alex Rivero`"),
        ("scenarios/broken.yaml:1", "expected a string"),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "nobody called `Alix`",
        ),
        ("scenarios/exercises/01-text-setup.yaml:", "kind \"sms\""),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "only the help desk can do",
        ),
        ("scenarios/exercises/02-copy.yaml", "already used"),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "`people` tells the story of someone the tenant does not have",
        ),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "no console action called \"wipe-phone\"",
        ),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "no way of signing in called \"carrier-pigeon\"",
        ),
        (
            "scenarios/exercises/01-text-setup.yaml:",
            "gives Alex no new phone",
        ),
        (
            "book/src/text-messages.md:5",
            "no scenario called \"Signing in somewhere else\"",
        ),
    ];
    for (place, words) in expect {
        assert!(
            said.lines()
                .any(|l| l.starts_with(place) && l.contains(words)),
            "no finding at {place} saying {words:?}:\n{said}"
        );
    }
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("problems found"),
        "{}",
        text(&out)
    );
}

#[test]
fn check_passes_on_this_repository() {
    let root = std::env::current_dir().unwrap();
    let out = mfa_sim_in(&root, &["check"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// The steps a help desk asked for, written in a new project as an author would (curly
/// quotes included), pass; and the checks among them can fail.
#[test]
fn the_help_desk_steps_run_in_a_new_project_and_can_fail() {
    let (_dir, project) = new_project();
    let feature = include_str!("help-desk-steps.feature.txt");
    std::fs::write(project.join("features/desk.feature"), feature).unwrap();
    let out = mfa_sim_in(&project, &["run", "features/desk.feature"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("13 scenarios"), "{}", text(&out));
    // Without the carrier trouble, the texted code does arrive: the check says so.
    std::fs::write(
        project.join("features/desk.feature"),
        feature.replace("    And Alex's texts stop arriving\n", ""),
    )
    .unwrap();
    let out = mfa_sim_in(&project, &["run", "features/desk.feature"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("a text arrived on Alex's phone during the step before"),
        "{}",
        text(&out)
    );
    // Each new kind of step can fail, and says what it found instead.
    let fails_saying = |from: &str, to: &str, said: &str| {
        assert!(feature.contains(from), "the feature has no {from:?}");
        std::fs::write(
            project.join("features/desk.feature"),
            feature.replacen(from, to, 1),
        )
        .unwrap();
        let out = mfa_sim_in(&project, &["run", "features/desk.feature"]);
        assert!(!out.status.success(), "{from:?} -> {to:?} passed");
        assert!(text(&out).contains(said), "{to:?}:\n{}", text(&out));
        assert!(
            !text(&out).contains("panicked") && !text(&out).contains("Some("),
            "no program text: {}",
            text(&out)
        );
    };
    // The sign-in log: the other address is there, with its place; a third is not.
    fails_saying(
        "from 198.51.100.77 in \"Lyon\"",
        "from 198.51.100.78 in \"Lyon\"",
        "198.51.100.77 (Lyon",
    );
    fails_saying(
        "Then someone else is not signed in as Alex",
        "Then someone else is signed in as Alex",
        "someone else is not signed in as Alex",
    );
    // A lost phone is out of Alex's hands; a kept one is not.
    fails_saying(
        "gets a new phone and keeps the old one",
        "gets a new phone and loses the old one",
        "Alex's old phone is lost",
    );
    fails_saying(
        "gets a new phone and wipes the old one",
        "gets a new phone and keeps the old one",
        "Alex's old phone still has \"Google Authenticator\"",
    );
    // The account stays in the app until it is removed.
    fails_saying(
        "    When Alex removes his account from \"Google Authenticator\"\n",
        "",
        "Google Authenticator on Alex's phone still lists",
    );
    // Default and delete name what the page offers when the method is not there.
    fails_saying(
        "makes \"Microsoft Authenticator - notification\"",
        "makes \"Authy\"",
        "nothing labelled \"Authy\" (it offers \"Phone - text +1 4255550111\"",
    );
    fails_saying(
        "deletes \"Phone: +1 4255550111\"",
        "deletes \"Phone: +1 4255550199\"",
        "(it offers \"Phone: +1 4255550111\"",
    );
    // A person named in full is named so in the message.
    fails_saying(
        "Then Alex Rivera sees \"More information required\"",
        "Then Alex Rivera is signed in to Office",
        "Alex Rivera's browser shows \"More information required\"",
    );
    // Closing the browser after "Stay signed in?" answered no signs Alex out; without the
    // close, the check fails.
    std::fs::write(
        project.join("features/desk.feature"),
        feature.replace("    When Alex closes his browser\n", ""),
    )
    .unwrap();
    let out = mfa_sim_in(&project, &["run", "features/desk.feature"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("Alex's browser is signed in"),
        "{}",
        text(&out)
    );
}

/// An unknown person, app, button, page or tenant fails its step with the known ones listed,
/// in words an author reads (no cucumber or Rust wording).
#[test]
fn an_unknown_value_lists_the_known_ones() {
    let (_dir, project) = new_project();
    let cases = [
        (
            "Then Alexa is not signed in",
            "nobody called `Alexa` in this scenario (people: Alex)",
        ),
        (
            "When Alex installs \"Authy2\" from the app store",
            "no app called \"Authy2\"; known: Microsoft Authenticator, Google Authenticator",
        ),
        (
            "When Alex opens \"https://aka.ms/mfasetup\" in his browser\n    And Alex presses \"Nope\"",
            "has nothing labelled \"Nope\" (it offers \"Next\")",
        ),
        (
            "When Alex opens \"https://example.org/\" in his browser",
            "known: \"https://www.office.com\", \"https://aka.ms/mfasetup\"",
        ),
        (
            "Given the tenant from \"nope\"",
            "no tenant called \"nope\"; known: \"example\"",
        ),
        (
            "When someone else signs in as Alex with his password from 198.51.100.777",
            "\"198.51.100.777\" is not an IPv4 address",
        ),
    ];
    let mut feature = String::from("Feature: Mistakes\n");
    for (i, (step, _)) in cases.iter().enumerate() {
        feature.push_str(&format!(
            "\n  Scenario: mistake {i}\n    Given the tenant from \"example\"\n    {step}\n"
        ));
    }
    std::fs::write(project.join("features/mistakes.feature"), feature).unwrap();
    let out = mfa_sim_in(&project, &["run", "features/mistakes.feature"]);
    assert!(!out.status.success());
    let said = text(&out);
    for (step, words) in cases {
        assert!(said.contains(words), "{step}: no {words:?} in\n{said}");
    }
    for program in [
        "can not be parsed",
        "panicked",
        "Captured output",
        "os error",
    ] {
        assert!(
            !said.contains(program),
            "program text {program:?} in\n{said}"
        );
    }
}

/// Issue 12: mdBook's own log lines reach the terminal as mdBook prints them, quiet by
/// default (its warnings and errors only) and its progress with `-v`. The scaffolded book is
/// damaged so mdBook complains: its front page includes a file that is not there.
#[test]
fn mdbook_warnings_reach_stderr_and_v_adds_its_progress() {
    let (_dir, project) = new_project();
    let readme = project.join("book/src/README.md");
    let mut page = std::fs::read_to_string(&readme).unwrap();
    page.push_str("\n{{#include no-such-page.md}}\n");
    std::fs::write(&readme, page).unwrap();

    let quiet = mfa_sim_in(&project, &["book"]);
    let err = String::from_utf8_lossy(&quiet.stderr).into_owned();
    // mdBook's own message, at its own level, from its own module.
    for words in [
        "ERROR",
        "WARN",
        "mdbook_driver",
        "Error updating",
        "Caused By",
        "no-such-page.md",
    ] {
        assert!(
            err.contains(words),
            "mdBook's complaint did not reach stderr (no {words:?}):\n{}",
            text(&quiet)
        );
    }
    assert!(
        !err.contains("Book building has started"),
        "mdBook's progress shows without -v:\n{err}"
    );

    let verbose = mfa_sim_in(&project, &["-v", "book"]);
    let err = String::from_utf8_lossy(&verbose.stderr).into_owned();
    for words in ["INFO", "Book building has started", "Error updating"] {
        assert!(
            err.contains(words),
            "-v did not add mdBook's {words:?}:\n{}",
            text(&verbose)
        );
    }
}
