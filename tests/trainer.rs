//! Every shipped exercise, played in script mode through the real binary: a known-good
//! solution must meet the goal (exit 0) and a wrong path must not (exit 1, with feedback).
//! Transcripts are compared with `tests/trainer/<id>.<good|wrong>.out`; after a deliberate
//! change, `MFA_SIM_BLESS=1 cargo test --test trainer` rewrites them (review the diff).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/trainer")
}

fn play(id: &str, kind: &str) -> (i32, String) {
    let script = std::fs::read_to_string(dir().join(format!("{id}.{kind}")))
        .unwrap_or_else(|e| panic!("{id}.{kind}: {e}"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(["train", id])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{id}.{kind} wrote to stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn compare(id: &str, kind: &str, transcript: &str) {
    let expected = dir().join(format!("{id}.{kind}.out"));
    if std::env::var("MFA_SIM_BLESS").is_ok() {
        std::fs::write(&expected, transcript).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&expected).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with MFA_SIM_BLESS=1 to create it)",
            expected.display()
        )
    });
    if want != transcript {
        let line = want
            .lines()
            .zip(transcript.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{id}.{kind}: transcript differs from {} at line {}:\n  expected: {:?}\n  got:      {:?}",
            expected.display(),
            line + 1,
            want.lines().nth(line),
            transcript.lines().nth(line)
        );
    }
}

#[test]
fn every_exercise_has_a_good_and_a_wrong_path() {
    let exercises = mfa_sim::trainer::exercise::all().unwrap();
    assert!(exercises.len() >= 10);
    for ex in exercises {
        let (code, transcript) = play(&ex.id, "good");
        assert_eq!(
            code, 0,
            "{}: the known-good solution did not meet the goal:\n{transcript}",
            ex.id
        );
        assert!(transcript.contains("*** Goal met"), "{}", ex.id);
        compare(&ex.id, "good", &transcript);

        let (code, transcript) = play(&ex.id, "wrong");
        assert_eq!(
            code, 1,
            "{}: the wrong path met the goal:\n{transcript}",
            ex.id
        );
        assert!(
            transcript.contains("*** Goal not met") && transcript.contains("Still missing:"),
            "{}",
            ex.id
        );
        compare(&ex.id, "wrong", &transcript);
    }
}

#[test]
fn garbage_input_gets_help_and_the_session_goes_on() {
    let (_, transcript) = play("sms-setup", "wrong");
    assert!(
        transcript.contains("`dance` is not a command. Type `help`"),
        "{transcript}"
    );
    assert!(transcript.contains("That code didn't work"), "{transcript}");
    assert!(transcript.contains("Hint 1/4"), "{transcript}");
}

#[test]
fn the_list_names_every_exercise() {
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .arg("train")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for ex in mfa_sim::trainer::exercise::all().unwrap() {
        assert!(text.contains(&ex.id), "{text}");
    }
}
