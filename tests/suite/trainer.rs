//! Every shipped exercise played in script mode: a known-good solution must meet the goal and
//! a wrong path must not (with feedback). Transcripts are compared with
//! `tests/trainer/<id>.<good|wrong>.out`; after a deliberate change,
//! `MFA_SIM_BLESS=1 cargo test --test suite trainer::` rewrites them (review the diff).
//!
//! Solutions say `type {text}`, `type {code}` or `password <app> {app-password}` where a
//! person would read the value off the phone or the page: the test fills in the latest one
//! shown so far, so solutions stay valid when codes change.

use crate::common;

use mfa_sim::trainer::terminal::{script, start};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/trainer")
}

fn lines(id: &str, kind: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir().join(format!("{id}.{kind}")))
        .unwrap_or_else(|e| panic!("{id}.{kind}: {e}"));
    text.lines().map(str::to_string).collect()
}

/// The last value shown after `marker` (where `ok` holds for all `len` characters), and where.
fn latest(shown: &str, marker: &str, len: usize, ok: fn(char) -> bool) -> Option<(usize, String)> {
    shown
        .match_indices(marker)
        .filter_map(|(i, _)| {
            let value: String = shown[i + marker.len()..].chars().take(len).collect();
            (value.chars().count() == len && value.chars().all(ok)).then_some((i, value))
        })
        .last()
}

fn fill(line: &str, shown: &str) -> String {
    let digit = |c: char| c.is_ascii_digit();
    let mut found: Vec<(&str, usize, String)> = Vec::new();
    for (placeholder, marker, len, ok) in [
        (
            "{text}",
            "text from 97671: \"",
            6,
            digit as fn(char) -> bool,
        ),
        ("{code}", "dana@contoso.com): ", 6, digit),
        ("{code}", "code for dana@contoso.com: ", 6, digit),
        ("{app-password}", "App password: ", 16, |c: char| {
            c.is_ascii_lowercase()
        }),
    ] {
        if line.contains(placeholder)
            && let Some((at, value)) = latest(shown, marker, len, ok)
        {
            found.push((placeholder, at, value));
        }
    }
    // The newest value for each placeholder, wherever it was shown.
    found.sort_by_key(|(_, at, _)| *at);
    let mut line = line.to_string();
    for (placeholder, _, value) in found.iter().rev() {
        if line.contains(placeholder) {
            line = line.replace(placeholder, value);
        }
    }
    assert!(
        !line.contains('{'),
        "nothing to fill `{line}` with has been shown yet"
    );
    line
}

async fn play(id: &str, kind: &str) -> (bool, String) {
    let (mut session, briefing) = start(&common::repo(), id, false).await.unwrap();
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, lines(id, kind), fill, &mut out)
        .await
        .unwrap();
    (met, String::from_utf8(out).unwrap())
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

#[tokio::test(flavor = "multi_thread")]
async fn every_exercise_has_a_good_and_a_wrong_path() {
    let exercises = mfa_sim::trainer::exercise::all_in(&common::repo().exercises())
        .unwrap()
        .strict()
        .unwrap();
    assert!(exercises.len() >= 10);
    for ex in exercises {
        let (met, transcript) = play(&ex.id, "good").await;
        assert!(
            met,
            "{}: the known-good solution did not meet the goal:\n{transcript}",
            ex.id
        );
        assert!(transcript.contains("*** Goal met"), "{}", ex.id);
        compare(&ex.id, "good", &transcript);

        let (met, transcript) = play(&ex.id, "wrong").await;
        assert!(
            !met,
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

#[tokio::test(flavor = "multi_thread")]
async fn garbage_input_gets_help_and_the_session_goes_on() {
    let (_, transcript) = play("sms-setup", "wrong").await;
    assert!(
        transcript.contains("`dance` is not a command. Type `help`"),
        "{transcript}"
    );
    assert!(transcript.contains("That code didn't work"), "{transcript}");
    assert!(transcript.contains("Hint 1/4"), "{transcript}");
}

/// The binary in script mode (stdin a pipe): same transcript, and the exit status says
/// whether the goal was met.
#[test]
fn the_binary_reads_a_script_from_a_pipe_and_exits_with_the_result() {
    for (kind, code) in [("good", 0), ("wrong", 1)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
            .args(["train", "ticket-lost-phone"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(lines("ticket-lost-phone", kind).join("\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let want =
            std::fs::read_to_string(dir().join(format!("ticket-lost-phone.{kind}.out"))).unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    }
}

#[test]
fn the_list_names_every_exercise() {
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .arg("train")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for ex in mfa_sim::trainer::exercise::all_in(&common::repo().exercises())
        .unwrap()
        .strict()
        .unwrap()
    {
        assert!(text.contains(&ex.id), "{text}");
    }
}
