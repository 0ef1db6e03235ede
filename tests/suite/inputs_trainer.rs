//! The trainer's inputs are bounded: overlong and non-UTF-8 lines are skipped with their
//! number, terminal control never reaches the output, `wait` and the session's simulated time
//! have limits, Ctrl-C ends with the score, a broken exercise file is reported while the
//! others still list and play. Property tests feed arbitrary and mutated commands to sessions
//! and arbitrary and mutated YAML to the exercise parser: no panic, no hang, no time travel.

use crate::common;

use mfa_sim::trainer::Session;
use mfa_sim::trainer::exercise::{all_in, parse};
use mfa_sim::trainer::session::MAX_SESSION_SECS;
use mfa_sim::trainer::terminal::{list_in, start, start_from};
use proptest::prelude::*;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// How long one command may take in real time (debug build, busy machine).
const PER_COMMAND: Duration = Duration::from_secs(10);

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// The binary on `stdin`, saving nothing (no test writes to the user's progress file).
fn train(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(args)
        .arg("--no-save")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("the trainer writes UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_hostile_script_plays_to_the_end_with_a_message_for_each_bad_line() {
    let mut script: Vec<u8> = b"open aka.ms/mfasetup\n".to_vec();
    script.extend(vec![b'x'; 5000]); // line 2
    script.extend(b"\n\xff\xfe not text\n"); // line 3
    script.extend(b"type \x1b[2J\x1b]0;pwned\x07dana@contoso.com\r\n"); // line 4
    script.extend(b"wait -5\nwait 99999999999999999999\nwait 86401\nwait 0\n"); // 5-8
    script.extend(b"\x1b[31mdance\x1b[0m\x9b\n"); // line 9: red, and a stray C1 byte
    script.extend(b"status"); // line 10, no newline
    let (code, out, err) = train(&["train", "sms-setup"], &script);
    assert_eq!(code, Some(1), "{err}");
    for want in [
        "line 2: longer than 4096 bytes, ignored",
        "line 3: not valid UTF-8, ignored",
        "> type dana@contoso.com\nYou typed into Email, phone, or Skype.",
        "> wait -5\nTime only moves forward",
        "> wait 99999999999999999999\n`wait` moves time on by at most 86400 seconds",
        "> wait 86401\n`wait` moves time on by at most 86400 seconds",
        "> wait 0\nTime only moves forward",
        "line 9: not valid UTF-8, ignored",
        "> status\nGoal:",
        "*** Goal not met",
        // Typos and refused lines are answered with help, never counted as mistakes.
        "Counted: 2 actions.",
        "(goal not met; 0 mistakes, 0 hints)",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains("pwned"));
    assert!(!out.contains("xxxx"), "the overlong line was echoed");
}

#[test]
fn escape_sequences_typed_by_the_trainee_are_not_echoed() {
    let (_, out, _) = train(
        &["train", "sms-setup"],
        b"\x1b[2J\x1b]0;pwned\x07hint\n\x1b[Aopen \x1b[1mbad\x1b[0m.example\n",
    );
    assert!(out.contains("\n> hint\nHint 1/4"), "{out}");
    assert!(out.contains("\n> open bad.example\n"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains("pwned"), "{out:?}");
}

/// Ctrl-C (SIGINT) while the trainer waits for the next line: the score, exit status 1.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_session_with_the_score() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(["train", "sms-setup", "--no-save"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"open aka.ms/mfasetup\n").unwrap();
    stdin.flush().unwrap();
    // Read until the reply to the first line has been written: the trainer is then waiting
    // for the next line (stdin stays open).
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).contains("Choices: 1) Next") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "{}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    stdout.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    let out = String::from_utf8(seen).unwrap();
    assert!(out.contains("\nInterrupted.\n*** Goal not met"), "{out}");
    assert!(out.contains("Counted: 1 action."), "{out}");
    assert!(out.contains("; 0 mistakes, 0 hints)"), "{out}");
    assert_eq!(status.code(), Some(1));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_exercise_is_reported_and_the_others_still_list_and_play() {
    let dir = tempfile::tempdir().unwrap();
    // A good exercise whose title tries to drive the terminal (YAML's `\e` is ESC).
    let good = std::fs::read_to_string(common::repo().exercises().join("01-sms-setup.yaml"))
        .unwrap()
        .replace(
            "title: First setup with text messages",
            "title: \"\\e]0;pwned\\aFirst setup with text messages\\e[2J\"",
        );
    write(dir.path(), "01-sms-setup.yaml", &good);
    // Line 5 has a field that does not exist (its name tries an escape too).
    let broken = good
        .replace("id: sms-setup", "id: broken-one")
        .replace("tenant: contoso", "tenant: contoso\n\"colour\\e[31m\": red");
    write(dir.path(), "02-broken-one.yaml", &broken);
    write(dir.path(), "03-bad-yaml.yaml", "id: [unclosed\n");
    write(dir.path(), "04-again.yaml", &good); // the same id again

    let listing = list_in(dir.path()).unwrap();
    assert!(listing.text.contains("sms-setup"), "{}", listing.text);
    assert!(!listing.text.contains("broken-one"), "{}", listing.text);
    assert_eq!(listing.problems.len(), 3, "{:?}", listing.problems);
    assert!(
        listing.problems[0].contains("02-broken-one.yaml:5:1: unknown field `colour`"),
        "{:?}",
        listing.problems
    );
    assert!(listing.problems[1].contains("03-bad-yaml.yaml:"));
    assert!(listing.problems[2].contains("04-again.yaml: the id `sms-setup` is already used"));
    assert!(!listing.problems.iter().any(|p| p.contains('\u{1b}')));
    assert!(
        listing.text.contains("First setup with text messages\n")
            && !listing.text.contains("pwned"),
        "{:?}",
        listing.text
    );

    let err = start_from(dir.path(), &common::repo(), "broken-one", None)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("the exercise `broken-one` cannot be loaded")
            && err.contains("02-broken-one.yaml:5:1"),
        "{err}"
    );
    let err = start_from(dir.path(), &common::repo(), "bad-yaml", None)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("03-bad-yaml.yaml:"), "{err}");
    let err = start_from(dir.path(), &common::repo(), "nothing-here", None)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("no exercise `nothing-here`"), "{err}");

    let (mut session, briefing) = start_from(dir.path(), &common::repo(), "sms-setup", None)
        .await
        .unwrap();
    assert!(
        briefing.contains("== First setup with text messages =="),
        "{briefing:?}"
    );
    assert!(!briefing.contains('\u{1b}') && !briefing.contains("pwned"));
    assert!(
        session
            .handle("open aka.ms/mfasetup")
            .await
            .text
            .contains("Sign in")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn simulated_time_stops_at_the_session_limit() {
    let (mut session, _) = start(&common::repo(), "sms-setup", None).await.unwrap();
    let start = session.now().unwrap();
    let mut refused = None;
    for i in 0..40 {
        let reply = session.handle("wait 86400").await;
        if reply.text.contains("lasts at most 30 days") {
            refused = Some(i);
            break;
        }
    }
    assert_eq!(refused, Some(29));
    let left = session.time_left().unwrap();
    assert_eq!(left, 86_400);
    let reply = session.handle(&format!("wait {}", left - 60)).await;
    assert!(reply.text.contains("seconds pass"), "{}", reply.text);
    // A minute is kept for acting (typing takes 4 s); at the end, acting is refused and
    // looking is not.
    session.handle("open aka.ms/mfasetup").await;
    let mut replies = Vec::new();
    for _ in 0..20 {
        replies.push(session.handle("type someone@contoso.com").await.text);
    }
    assert!(replies[0].contains("You typed"), "{}", replies[0]);
    assert!(replies[19].contains("used its 30 days"), "{}", replies[19]);
    assert!(session.handle("status").await.text.starts_with("Goal:"));
    let now = session.now().unwrap();
    assert!(now - start <= MAX_SESSION_SECS, "{}", now - start);
    assert!(session.handle("quit").await.finished);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tap_lasts_within_the_policy() {
    // Rule 32 and the facts file: the default policy allows 1 to 8 hours; the console
    // refuses anything else and issues nothing.
    let (mut session, _) = start(&common::repo(), "ticket-lost-phone", None)
        .await
        .unwrap();
    session.handle("verify dana callback").await;
    for bad in [
        "admin tap dana 9999999999999999",
        "admin tap dana -1",
        "admin tap dana 5",
        "admin tap dana 481",
    ] {
        let reply = session.handle(bad).await;
        assert!(
            reply.text.contains("policy allows 60 to 480 minutes")
                || reply.text.contains("whole number"),
            "{bad}: {}",
            reply.text
        );
        assert!(!reply.text.contains("valid"), "{bad}: {}", reply.text);
    }
    let reply = session.handle("admin tap dana soon").await;
    assert!(reply.text.contains("whole number"), "{}", reply.text);
    let reply = session.handle("admin tap dana").await;
    assert!(reply.text.contains("(valid 60 minutes)"), "{}", reply.text);
}

// ---- property tests ----

/// Every line of the shipped solutions (each exercise's `solution:`) and wrong paths, with
/// placeholders typed as a person might.
fn solution_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/trainer");
        let mut raw: Vec<String> = Vec::new();
        for ex in all_in(&common::repo().exercises()).unwrap().exercises {
            raw.extend(
                mfa_sim::trainer::solution::commands(&ex.solution).map(|(_, c)| c.to_string()),
            );
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "wrong"))
            .collect();
        files.sort();
        for f in files {
            raw.extend(
                std::fs::read_to_string(f)
                    .unwrap()
                    .lines()
                    .map(str::to_string),
            );
        }
        raw.iter()
            .map(|l| {
                l.replace("{text}", "123456")
                    .replace("{code}", "654321")
                    .replace("{app-password}", "abcdefghijklmnop")
            })
            .collect()
    })
}

fn exercise_ids() -> &'static [String] {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        all_in(&common::repo().exercises())
            .unwrap()
            .exercises
            .into_iter()
            .map(|e| e.id)
            .collect()
    })
}

/// A command line: a solution line (as is or mutated), a verb with arbitrary words, a
/// number, or anything at all.
fn command_line() -> impl Strategy<Value = String> {
    let verbs = prop::sample::select(vec![
        "open",
        "press",
        "type",
        "answer",
        "install",
        "scan",
        "approve",
        "code",
        "mail",
        "password",
        "wait",
        "verify",
        "verify dana",
        "ask dana",
        "directory",
        "refuse",
        "admin",
        "admin delete-method dana",
        "admin add-phone dana mobile",
        "admin audit",
        "admin tap dana",
        "admin reset-password dana",
        "admin show",
        "clock",
        "choose",
        "deny",
        "report",
        "accept",
        "close",
        "phone",
        "look",
        "hint",
        "status",
        "help",
    ]);
    let solution = prop::sample::select(solution_lines().to_vec());
    prop_oneof![
        3 => solution.clone(),
        3 => (solution, any::<prop::sample::Index>(), ".{0,6}", 0..4u8).prop_map(
            |(line, at, text, op)| {
                let cut = line
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(at.index(line.chars().count().max(1)))
                    .unwrap_or(line.len());
                match op {
                    0 => line[..cut].to_string(),
                    1 => format!("{}{text}{}", &line[..cut], &line[cut..]),
                    2 => format!("{line} {text}"),
                    _ => line.to_uppercase(),
                }
            }
        ),
        2 => (verbs, ".{0,20}").prop_map(|(v, rest)| format!("{v} {rest}")),
        1 => any::<i64>().prop_map(|n| format!("wait {n}")),
        1 => any::<i128>().prop_map(|n| format!("admin tap dana {n}")),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => ".{0,40}",
        1 => prop::collection::vec(any::<u8>(), 0..40)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary command lines never panic, never hang, never move time backwards or past the
    /// session limit, and never echo an escape character.
    #[test]
    fn sessions_survive_arbitrary_commands(
        exercise in any::<prop::sample::Index>(),
        lines in prop::collection::vec(command_line(), 1..14),
    ) {
        let id = exercise.get(exercise_ids()).clone();
        runtime().block_on(async {
            let (mut session, _) = start(&common::repo(), &id, None).await.unwrap();
            let start = session.now().unwrap();
            let mut before = start;
            for line in &lines {
                let reply = tokio::time::timeout(PER_COMMAND, session.handle(line))
                    .await
                    .unwrap_or_else(|_| panic!("{id}: `{line}` took longer than {PER_COMMAND:?}"));
                let now = session.now().unwrap();
                assert!(now >= before, "{id}: `{line}` moved time back from {before} to {now}");
                assert!(now - start <= MAX_SESSION_SECS, "{id}: `{line}` passed the session limit");
                assert!(!reply.text.contains('\u{1b}'), "{id}: `{line}` echoed an escape");
                before = now;
                if reply.finished {
                    break;
                }
            }
        });
    }
}

/// The shipped exercise files, as text.
fn shipped_yaml() -> &'static [(PathBuf, String)] {
    static FILES: OnceLock<Vec<(PathBuf, String)>> = OnceLock::new();
    FILES.get_or_init(|| common::texts_in(&common::repo().exercises(), "yaml"))
}

#[derive(Clone, Debug)]
enum Mutation {
    Drop(prop::sample::Index),
    Duplicate(prop::sample::Index),
    Swap(prop::sample::Index, prop::sample::Index),
    Truncate(prop::sample::Index),
    Splice(
        prop::sample::Index,
        prop::sample::Index,
        prop::sample::Index,
    ),
    Flip(prop::sample::Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<prop::sample::Index>;
    prop_oneof![
        i().prop_map(Mutation::Drop),
        i().prop_map(Mutation::Duplicate),
        (i(), i()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        i().prop_map(Mutation::Truncate),
        (i(), i(), i()).prop_map(|(a, b, c)| Mutation::Splice(a, b, c)),
        (
            i(),
            prop::sample::select(vec![
                "true",
                "-1",
                "0",
                "9223372036854775808",
                "-9223372036854775809",
                "1.5",
                "[]",
                "{}",
                "~",
                "\"\"",
                "'x'",
                "- a",
                "{user: Nobody, offset: 86401}",
                "&a *a",
                "\x1b[2J",
                "|",
                ">-",
            ]),
        )
            .prop_map(|(a, v)| Mutation::Flip(a, v)),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::Drop(a) => {
            if !lines.is_empty() {
                lines.remove(a.index(n));
            }
        }
        Mutation::Duplicate(a) => {
            if !lines.is_empty() {
                let l = lines[a.index(n)].clone();
                lines.insert(a.index(n), l);
            }
        }
        Mutation::Swap(a, b) => {
            if !lines.is_empty() {
                lines.swap(a.index(n), b.index(n));
            }
        }
        Mutation::Truncate(a) => {
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(a.index(text.chars().count().max(1)))
                .unwrap_or(text.len());
            return text[..cut].to_string();
        }
        Mutation::Splice(file, line, at) => {
            let (_, other) = file.get(shipped_yaml());
            let others: Vec<&str> = other.lines().collect();
            if !others.is_empty() {
                let l = line.get(&others).to_string();
                lines.insert(at.index(lines.len() + 1), l);
            }
        }
        Mutation::Flip(a, value) => {
            if !lines.is_empty() {
                let l = &mut lines[a.index(n)];
                if let Some(i) = l.find(": ") {
                    l.truncate(i + 2);
                    l.push_str(value);
                } else {
                    l.push_str(value);
                }
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text is an exercise or a typed error with a location, never a panic.
    #[test]
    fn arbitrary_text_parses_or_is_a_typed_error(text in ".{0,200}") {
        let path = Path::new("fuzz.yaml");
        if let Err(e) = parse(&text, path) {
            prop_assert!(e.to_string().starts_with("fuzz.yaml"));
        }
    }

    /// Mutated shipped exercises: Ok, or a typed error naming the file.
    #[test]
    fn mutated_exercises_parse_or_are_typed_errors(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let (path, text) = file.get(shipped_yaml());
        let mut text = text.clone();
        for m in &mutations {
            text = mutate(&text, m);
        }
        if let Err(e) = parse(&text, path) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            prop_assert!(e.to_string().contains(&name), "{e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    /// A mutated exercise that still parses starts a session or fails with an error: its
    /// setup never panics or hangs.
    #[test]
    fn mutated_exercises_start_or_fail_cleanly(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..3),
    ) {
        let (path, text) = file.get(shipped_yaml());
        let mut text = text.clone();
        for m in &mutations {
            text = mutate(&text, m);
        }
        if let Ok(exercise) = parse(&text, path) {
            runtime().block_on(async {
                let started = tokio::time::timeout(PER_COMMAND * 3, Session::start(exercise, &common::repo(), None))
                    .await
                    .expect("setup took too long");
                if let Ok((mut session, briefing)) = started {
                    assert!(!briefing.contains('\u{1b}'));
                    let reply = tokio::time::timeout(PER_COMMAND, session.handle("status"))
                        .await
                        .expect("status took too long");
                    assert!(!reply.text.contains('\u{1b}'));
                }
            });
        }
    }
}
