//! Every shipped exercise played in script mode: its `solution:` must meet the goal and a
//! wrong path (`tests/trainer/<id>.wrong`) must not (with feedback). Transcripts are compared with
//! `tests/trainer/<id>.<good|wrong>.out`; after a deliberate change,
//! `MFA_SIM_BLESS=1 cargo test --test suite trainer::` rewrites them (review the diff).
//!
//! Solutions say `type {text}`, `type {code}` or `password <app> {app-password}` where a
//! person would read the value off the phone or the page: the test fills in the latest one
//! shown so far, so solutions stay valid when codes change.

use crate::common;

use mfa_sim::trainer::terminal::{script, start};
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/trainer")
}

/// The lines of a path: `good` is the exercise's own `solution:`, the others are files.
pub(crate) fn lines(id: &str, kind: &str) -> Vec<String> {
    if kind == "good" {
        let ex = mfa_sim::trainer::exercise::find_in(&common::repo().exercises(), id)
            .unwrap()
            .unwrap_or_else(|| panic!("no exercise {id}"));
        return mfa_sim::trainer::solution::commands(&ex.solution)
            .map(|(_, c)| c.to_string())
            .collect();
    }
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

pub(crate) fn fill(line: &str, shown: &str) -> String {
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
        ("{pass}", "minutes): ", 8, |c: char| {
            c.is_ascii_alphanumeric()
        }),
        ("{number}", "type the number ", 2, digit),
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
    let (mut session, briefing) = start(&common::repo(), id, None).await.unwrap();
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
    assert!(exercises.len() >= 16, "{} exercises", exercises.len());
    let impostors = exercises
        .iter()
        .filter(|e| e.caller.is == mfa_sim::trainer::exercise::CallerIs::Impostor)
        .count();
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
            (transcript.contains("*** Goal not met") && transcript.contains("Still missing:"))
                || transcript.contains("*** Failed: ended at once"),
            "{}",
            ex.id
        );
        compare(&ex.id, "wrong", &transcript);

        // A ticket whose caller is an impostor (pinned, or drawn so from the seed, which the
        // ticket's `.trusting` script says): trusting the caller fails, and says why.
        let trusting = dir().join(format!("{}.trusting", ex.id)).exists();
        assert!(
            trusting || ex.caller.is != mfa_sim::trainer::exercise::CallerIs::Impostor,
            "{}: an impostor ticket needs a .trusting script",
            ex.id
        );
        if trusting {
            let (met, transcript) = play(&ex.id, "trusting").await;
            assert!(
                !met,
                "{}: trusting the impostor met the goal:\n{transcript}",
                ex.id
            );
            for words in [
                "*** Failed: ended at once",
                "Why this is dangerous",
                "The caller was not",
            ] {
                assert!(
                    transcript.contains(words),
                    "{}: trusting did not say {words:?}:\n{transcript}",
                    ex.id
                );
            }
            compare(&ex.id, "trusting", &transcript);
        }
    }
    assert!(impostors >= 2, "{impostors} impostor tickets");
}

/// Plays `lines` (no placeholders) into exercise `id`.
async fn play_lines(id: &str, lines: Vec<String>) -> (bool, String) {
    let (mut session, briefing) = start(&common::repo(), id, None).await.unwrap();
    let mut out = Vec::new();
    let met = script(
        &mut session,
        &briefing,
        lines,
        |l, _| l.to_string(),
        &mut out,
    )
    .await
    .unwrap();
    (met, String::from_utf8(out).unwrap())
}

/// Issue 14, "safe fixes only": for every ticket, the insecure shortcuts end it at once as
/// failed, saying why it is dangerous and citing the rule from the registry: turning MFA off
/// for the user, and (where the desk changes the account) a reset before the caller is
/// verified. Each ticket's `never:` list says so, and so does its briefing.
#[tokio::test(flavor = "multi_thread")]
async fn every_ticket_fails_at_once_on_the_insecure_shortcut_with_why() {
    use mfa_sim::trainer::exercise::{Never, Role};
    let exercises = mfa_sim::trainer::exercise::all_in(&common::repo().exercises())
        .unwrap()
        .strict()
        .unwrap();
    let is_ticket =
        |e: &mfa_sim::trainer::Exercise| e.id.contains("ticket") || e.role == Role::Technician;
    let guarded = |e: &mfa_sim::trainer::Exercise| {
        e.goal
            .never
            .iter()
            .any(|n| matches!(n, Never::MfaStateBelow { .. }))
    };
    assert!(exercises.iter().filter(|e| is_ticket(e)).count() >= 7);
    // Every ticket, and every other exercise that keeps MFA on (the mail-app ones).
    let tickets: Vec<_> = exercises
        .into_iter()
        .filter(|e| is_ticket(e) || guarded(e))
        .collect();
    let rule = |n: u8| {
        let r = mfa_sim::rules::rule(n).unwrap();
        format!("rule {}: {}", r.number, r.statement)
    };
    for ex in tickets {
        let who = ex.person.to_lowercase();
        assert!(
            ex.goal
                .never
                .iter()
                .any(|n| matches!(n, Never::MfaStateBelow { .. })),
            "{}: MFA may be turned off",
            ex.id
        );
        if ex.role == Role::User {
            // The user has no admin console: the shortcut is refused, explained with the
            // rule, and MFA stays as it was.
            let (met, transcript) = play_lines(
                &ex.id,
                vec![format!("admin disable {who}"), "status".into()],
            )
            .await;
            assert!(!met, "{}", ex.id);
            for words in ["not the help desk", "no admin console", rule(6).as_str()] {
                assert!(
                    transcript.contains(words),
                    "{}: did not say {words:?}:\n{transcript}",
                    ex.id
                );
            }
            assert!(transcript.contains("> status"), "{}", ex.id);
            continue;
        }
        let mut shortcuts = vec![(format!("admin disable {who}"), rule(6))];
        assert!(
            ex.goal
                .never
                .iter()
                .any(|n| matches!(n, Never::BeforeVerified { .. } | Never::AnyOf { .. })),
            "{}: the account may be changed before the caller is verified",
            ex.id
        );
        if ex
            .goal
            .never
            .iter()
            .any(|n| matches!(n, Never::BeforeVerified { .. }))
        {
            shortcuts.push((format!("admin reregister {who}"), rule(29)));
            shortcuts.push((format!("admin tap {who} 60"), rule(32)));
        }
        for (shortcut, cited) in shortcuts {
            let (met, transcript) = play_lines(&ex.id, vec![shortcut.clone()]).await;
            assert!(!met, "{}: `{shortcut}` met the goal", ex.id);
            for words in [
                "*** Failed: ended at once",
                "Why this is dangerous",
                cited.as_str(),
            ] {
                assert!(
                    transcript.contains(words),
                    "{}: `{shortcut}` did not say {words:?}:\n{transcript}",
                    ex.id
                );
            }
            assert!(!transcript.contains("*** Goal met"), "{}", ex.id);
        }
        // `status` repeats what must never happen.
        let (_, transcript) = play_lines(&ex.id, vec!["status".into()]).await;
        assert!(
            transcript.contains("\n  never: ") && transcript.contains("must stay enforced"),
            "{}:\n{transcript}",
            ex.id
        );
        // Nothing else was typed: the session ended on the shortcut, before `quit`.
        let (_, transcript) = play_lines(
            &ex.id,
            vec![format!("admin disable {who}"), "status".into()],
        )
        .await;
        assert!(!transcript.contains("> status"), "{}:\n{transcript}", ex.id);
    }
}

/// Approving a request nobody at the desk started fails the push-bombing ticket at once.
#[tokio::test(flavor = "multi_thread")]
async fn approving_a_request_the_user_did_not_start_fails_the_ticket() {
    let (met, transcript) = play_lines(
        "ticket-unexpected-requests",
        vec!["phone".into(), "approve 50".into(), "report".into()],
    )
    .await;
    assert!(!met);
    let r = mfa_sim::rules::rule(17).unwrap();
    for words in [
        "*** Failed: ended at once",
        "did not start",
        "MSA-06",
        &format!("rule 17: {}", r.statement),
    ] {
        assert!(transcript.contains(words), "{words:?}:\n{transcript}");
    }
}

/// `who` tells a person's story from the exercise file; the briefing lists them.
#[tokio::test(flavor = "multi_thread")]
async fn who_tells_the_story_given_in_the_exercise() {
    let (_, transcript) = play_lines(
        "ticket-lost-phone",
        vec!["who dana".into(), "who sam".into(), "who".into()],
    )
    .await;
    assert!(transcript.contains("Who's who"), "{transcript}");
    assert!(
        transcript.contains("Dana: Left her phone on the 8:15 train"),
        "{transcript}"
    );
    assert!(
        transcript.contains("tells no story of \"sam\" (it has \"Dana\")"),
        "{transcript}"
    );
    assert!(
        transcript.contains("People in this exercise: \"Dana\""),
        "{transcript}"
    );
    assert!(transcript.contains("0 mistakes"), "{transcript}");
}

/// Plays the known-good path of `id` from a copy of `file` changed by `change`.
async fn play_changed(
    file: &str,
    id: &str,
    change: impl Fn(&str) -> String,
) -> Result<(bool, String), String> {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::repo().exercises().join(file)).unwrap();
    std::fs::write(dir.path().join(file), change(&text)).unwrap();
    let (mut session, briefing) =
        mfa_sim::trainer::terminal::start_from(dir.path(), &common::repo(), id, None)
            .await
            .map_err(|e| format!("{e:#}"))?;
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, lines(id, "good"), fill, &mut out)
        .await
        .unwrap();
    Ok((met, String::from_utf8(out).unwrap()))
}

/// `signed_in_with` holds only for the way the sign-in log records: the text-message setup
/// signs in with a texted code, so asking for an app's code is not met.
#[tokio::test(flavor = "multi_thread")]
async fn signed_in_with_follows_the_sign_in_log() {
    let with = |method: &'static str| {
        move |text: &str| {
            text.replace(
                "    - signed_in: Dana\n",
                &format!("    - signed_in: Dana\n    - signed_in_with: {{user: Dana, method: {method}}}\n"),
            )
        }
    };
    let (met, transcript) = play_changed("01-sms-setup.yaml", "sms-setup", with("text"))
        .await
        .unwrap();
    assert!(met, "{transcript}");
    let (met, transcript) = play_changed("01-sms-setup.yaml", "sms-setup", with("app"))
        .await
        .unwrap();
    assert!(!met);
    assert!(
        transcript.contains("Dana should sign in with Authenticator app code"),
        "{transcript}"
    );
}

/// An exercise whose setup already breaks its own `never:` does not start, and says why.
#[tokio::test(flavor = "multi_thread")]
async fn a_setup_that_breaks_never_does_not_start() {
    let err = play_changed("01-sms-setup.yaml", "sms-setup", |text| {
        text.replace(
            "hints:\n",
            "  never:\n    - mfa_state_below: {user: Dana, is: enforced}\nhints:\n",
        )
    })
    .await
    .unwrap_err();
    assert!(err.contains("can never be met"), "{err}");
    assert!(err.contains("per-user MFA is now enabled"), "{err}");
}

/// `registered_on_new_phone` is not met by scanning alone: the registration must finish.
#[tokio::test(flavor = "multi_thread")]
async fn a_scan_without_finishing_is_not_a_registration_on_the_new_phone() {
    let mut good = lines("ticket-new-phone", "good");
    let scan = good
        .iter()
        .position(|l| l == "scan Microsoft Authenticator")
        .unwrap();
    good.truncate(scan + 1);
    let (met, transcript) = play_lines("ticket-new-phone", good).await;
    assert!(!met);
    assert!(
        transcript.contains("Dana should register an authenticator app on the new phone"),
        "{transcript}"
    );
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
        let out = crate::common::mfa_sim_with_stdin(
            &["train", "ticket-lost-phone", "--no-save"],
            &lines("ticket-lost-phone", kind).join("\n"),
        );
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

/// Issue 14, "never a silent dead end": once the session's simulated time is used up the
/// trainer says the goal can no longer be met, why, and offers `restart`; `status` repeats
/// it; `restart` starts the exercise again (the score counts the restart).
#[tokio::test(flavor = "multi_thread")]
async fn a_dead_end_is_said_with_why_and_restart_starts_again() {
    let mut lines: Vec<String> = vec!["wait 86400".into(); 29];
    lines.push("wait 86340".into());
    lines.push("open office.com".into());
    lines.extend(std::iter::repeat_n("type dana@contoso.com".to_string(), 40));
    lines.push("status".into());
    lines.push("restart".into());
    lines.extend(self::lines("ticket-no-signal", "good"));
    let (mut session, briefing) = start(&common::repo(), "ticket-no-signal", None)
        .await
        .unwrap();
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, lines, fill, &mut out)
        .await
        .unwrap();
    let transcript = String::from_utf8(out).unwrap();
    assert_eq!(
        transcript
            .matches("*** The goal can no longer be met: this attempt has used its 30 days")
            .count(),
        1,
        "{transcript}"
    );
    assert!(transcript.contains("Type `restart`"), "{transcript}");
    assert!(
        transcript.contains("The goal can no longer be met: this attempt has used its 30 days of simulated time, so nothing more can be done in it. `restart` starts again."),
        "status: {transcript}"
    );
    assert!(transcript.contains("Starting again."), "{transcript}");
    assert!(met, "the good path after `restart`:\n{transcript}");
    assert!(transcript.contains("1 restart"), "{transcript}");
}

/// A setup that leaves a trainee playing the user blocked cannot be won: the exercise does
/// not start, and says why.
#[tokio::test(flavor = "multi_thread")]
async fn a_setup_that_blocks_the_user_does_not_start() {
    let err = play_changed("05-ticket-no-signal.yaml", "ticket-no-signal", |text| {
        text.replace(
            "  - signal: {user: Dana, on: false}\n",
            "  - signal: {user: Dana, on: false}\n  - block_sign_in: Dana\n",
        )
    })
    .await
    .unwrap_err();
    assert!(err.contains("out of reach"), "{err}");
    assert!(err.contains("only the help desk can unblock"), "{err}");
}

/// Who is calling, checked as a desk would: `verify` without a way lists the ways, the mobile
/// on the account proves nothing (a mistake, explained), a check that works verifies; asking
/// and looking things up are never mistakes; the technician cannot see the user's phone and
/// a trainee playing the user has no console; a typo gets a suggestion and is no mistake.
#[tokio::test(flavor = "multi_thread")]
async fn the_desk_checks_the_caller_and_each_role_has_its_own_powers() {
    let (_, transcript) = play_lines(
        "ticket-lost-phone",
        vec![
            "verify dana".into(),
            "phone".into(),
            "ask dana".into(),
            "directory dana".into(),
            "verfy dana callback".into(),
            "status".into(),
            "verify dana mobile".into(),
            "verify dana video".into(),
            "quit".into(),
        ],
    )
    .await;
    for words in [
        "How will you check that the caller is Dana Whitfield? `verify dana callback`",
        "From the help desk you cannot see Dana's phone",
        "office phone: +1 4255550142",
        "Did you mean `verify`?",
        "a call to the mobile number on the account proves nothing",
        "On a video call the caller matches Dana Whitfield's photo",
        "1 mistake,",
    ] {
        assert!(transcript.contains(words), "{words:?}:\n{transcript}");
    }
    assert!(!transcript.contains("-- Dana's phone"), "{transcript}");
    // Turning away the real person is no safe default: it fails, with why.
    let (met, transcript) = play_lines("ticket-lost-phone", vec!["refuse dana".into()]).await;
    assert!(!met);
    assert!(
        transcript.contains("*** Failed") && transcript.contains("You turned away Dana"),
        "{transcript}"
    );
    let (_, transcript) = play_lines(
        "ticket-no-signal",
        vec!["verify dana callback".into(), "phone".into(), "quit".into()],
    )
    .await;
    assert!(transcript.contains("not the help desk"), "{transcript}");
    assert!(transcript.contains("-- Dana's phone"), "{transcript}");
}

/// `copy` takes what the page shows; `type paste` types it.
#[tokio::test(flavor = "multi_thread")]
async fn copy_takes_what_the_page_shows() {
    let mut good = lines("third-party-app", "good");
    let scan = good
        .iter()
        .position(|l| l.starts_with("scan "))
        .expect("the third-party setup scans a QR code");
    good.insert(scan, "copy secret".into());
    good.insert(scan, "copy".into());
    let (_, transcript) = play_lines_filled("third-party-app", good).await;
    assert!(
        transcript.contains("Copied the secret key: "),
        "{transcript}"
    );
}

/// Plays `lines` into exercise `id`, filling placeholders as the solutions do.
async fn play_lines_filled(id: &str, lines: Vec<String>) -> (bool, String) {
    let (mut session, briefing) = start(&common::repo(), id, None).await.unwrap();
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, lines, fill, &mut out)
        .await
        .unwrap();
    (met, String::from_utf8(out).unwrap())
}

/// The changed-number ticket draws its caller from the seed (an impostor with this tenant's
/// seed, as its scripts show); pinned genuine, the desk checks, deletes the old number and adds
/// the new one, and the goal is met.
#[tokio::test(flavor = "multi_thread")]
async fn the_changed_number_ticket_with_a_genuine_caller() {
    let dir = tempfile::tempdir().unwrap();
    let file = "15-ticket-changed-number.yaml";
    let text = std::fs::read_to_string(common::repo().exercises().join(file)).unwrap();
    assert!(text.contains("  is: either\n"));
    std::fs::write(
        dir.path().join(file),
        text.replace("  is: either\n", "  is: genuine\n"),
    )
    .unwrap();
    let (mut session, briefing) = mfa_sim::trainer::terminal::start_from(
        dir.path(),
        &common::repo(),
        "ticket-changed-number",
        None,
    )
    .await
    .unwrap();
    // Pinned genuine, the end names no caller: only a ticket that could send an impostor does.
    let steps = [
        "verify dana callback",
        "admin add-phone dana mobile +1 4255550199",
        "admin show dana",
        "admin delete-method dana 1",
        "admin add-phone dana mobile +1 4255550199",
    ];
    let mut out = Vec::new();
    let met = script(
        &mut session,
        &briefing,
        steps.iter().map(|s| s.to_string()),
        |l, _| l.to_string(),
        &mut out,
    )
    .await
    .unwrap();
    let transcript = String::from_utf8(out).unwrap();
    assert!(met, "{transcript}");
    for words in [
        "Dana answers and confirms the request",
        "Not done for dana@contoso.com: You already have a Phone",
        "the console refused it; nothing changed",
        "Added Phone +1 4255550199 for dana@contoso.com",
    ] {
        assert!(transcript.contains(words), "{words:?}:\n{transcript}");
    }
}

/// `--real-phone --date`: the service runs on the chosen date at the machine's time of day,
/// and the briefing says why (codes follow the real clock); a date the simulator cannot use
/// is refused, and `--date` without `--real-phone` is refused by the command line.
#[tokio::test(flavor = "multi_thread")]
async fn real_phone_mode_runs_on_the_date_the_trainee_chooses() {
    let phone = mfa_sim::trainer::RealPhone {
        date: Some("2027-03-01".into()),
    };
    let (_session, briefing) = start(&common::repo(), "sms-setup", Some(phone))
        .await
        .unwrap();
    assert!(briefing.contains("Time: 2027-03-01 "), "{briefing}");
    assert!(
        briefing.contains("the date you chose (2027-03-01)"),
        "{briefing}"
    );
    assert!(briefing.contains("this machine's real clock"), "{briefing}");
    let today = mfa_sim::trainer::RealPhone { date: None };
    let (_session, briefing) = start(&common::repo(), "sms-setup", Some(today))
        .await
        .unwrap();
    assert!(briefing.contains("the real clock"), "{briefing}");
    assert!(briefing.contains("`--date YYYY-MM-DD`"), "{briefing}");
    let bad = mfa_sim::trainer::RealPhone {
        date: Some("1999-12-31".into()),
    };
    let err = start(&common::repo(), "sms-setup", Some(bad))
        .await
        .err()
        .expect("a date outside the window is refused");
    assert!(format!("{err:#}").contains("--date"), "{err:#}");
    let out = Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(["train", "add-authenticator", "--date", "2027-03-01"])
        .current_dir(common::repo().root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--real-phone"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// "Resend" on the older setup page works through the trainer's generic `press`: the phone
/// gets a second text, and the newest code sets the method up.
#[tokio::test(flavor = "multi_thread")]
async fn resend_on_the_older_page_works_from_the_trainer() {
    let mut steps = lines("sms-setup", "good");
    let at = steps
        .iter()
        .position(|l| l == "type {text}")
        .expect("the good path types a texted code");
    steps.insert(at, "press Resend".to_string());
    let (mut session, briefing) = start(&common::repo(), "sms-setup", None).await.unwrap();
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, steps, fill, &mut out)
        .await
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(met, "{out}");
    let resend = out.find("> press Resend").expect("the command is echoed");
    assert!(
        out[..resend].contains("<Resend>"),
        "the page offers Resend before it is pressed:\n{out}"
    );
    let after: Vec<&str> = out[resend..].lines().collect();
    assert!(
        after[1].contains("Dana's phone: text from"),
        "a second text arrives at once:\n{out}"
    );
    let fresh = after[1]
        .split('"')
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    assert_eq!(
        after[3],
        format!("> type {fresh}"),
        "the newest code is typed"
    );
}

/// Free play (`mfa-sim train --free TENANT`): any tenant and date, the tenant's first person
/// by default, no goal (it never ends by itself), no hints; the phone's signal and internet
/// switch there and nowhere else.
#[tokio::test(flavor = "multi_thread")]
async fn free_play_has_no_goal_and_switches_the_phone() {
    use mfa_sim::trainer::Session;
    use mfa_sim::trainer::exercise::Role;
    let free = mfa_sim::trainer::Exercise::free_play(
        "contoso-today",
        Some("2026-12-08".into()),
        "",
        Role::User,
    );
    let (mut session, briefing) = Session::start(free, &common::repo(), None).await.unwrap();
    assert!(
        briefing.contains("Free play: contoso-today.yaml on 2026-12-08"),
        "{briefing}"
    );
    assert!(
        briefing.contains("Simulated time: 2026-12-08"),
        "{briefing}"
    );
    assert!(
        briefing.contains("You are Dana"),
        "the tenant's first person: {briefing}"
    );
    let hint = session.handle("hint").await;
    assert!(
        hint.text.contains("Free play has no hints"),
        "{}",
        hint.text
    );
    let off = session.handle("signal off").await;
    assert!(
        !off.finished && off.text.contains("no signal"),
        "{}",
        off.text
    );
    assert!(!session.phone_state().await.unwrap().unwrap().signal);
    let offline = session.handle("internet off").await;
    assert!(offline.text.contains("offline"), "{}", offline.text);
    assert!(!session.phone_state().await.unwrap().unwrap().online);
    // Signing in with nothing to meet never ends the session by itself.
    for line in ["open office.com", "wait 60", "status"] {
        let r = session.handle(line).await;
        assert!(!r.finished, "{line}: {}", r.text);
    }
    let end = session.handle("quit").await;
    assert!(end.finished);
    assert!(end.text.contains("*** Free play ended ***"), "{}", end.text);
    assert!(!end.text.contains("Goal"), "{}", end.text);

    // In an exercise the ticket's phone stays as it is.
    let (mut session, _) = start(&common::repo(), "sms-setup", None).await.unwrap();
    let r = session.handle("signal off").await;
    assert!(
        r.text.starts_with("Not possible:") && r.text.contains("free play"),
        "{}",
        r.text
    );
    assert!(session.phone_state().await.unwrap().unwrap().signal);
    // A refused switch is not an action either.
    let r = session.handle("quit").await;
    assert!(r.text.contains("Counted: 0 actions."), "{}", r.text);
    // The user has no admin centre.
    let (session, _) = start(&common::repo(), "sms-setup", None).await.unwrap();
    assert!(session.desk_state().await.unwrap().is_none());
    // And a help desk in free play has no phone to switch; refusing the (real) caller is told,
    // and free play goes on.
    let desk = mfa_sim::trainer::Exercise::free_play("contoso", None, "Dana", Role::Technician);
    let (mut session, briefing) = Session::start(desk, &common::repo(), None).await.unwrap();
    assert!(
        briefing.contains("Free play: contoso.yaml on 2021-06-01"),
        "{briefing}"
    );
    let r = session.handle("signal off").await;
    assert!(r.text.contains("cannot see"), "{}", r.text);
    assert!(session.desk_state().await.unwrap().is_some());
    let r = session.handle("refuse dana").await;
    assert!(!r.finished, "{}", r.text);
    assert!(r.text.contains("the caller was Dana"), "{}", r.text);
    // With a real phone the title names the real clock's date, not the tenant's.
    let free = mfa_sim::trainer::Exercise::free_play("contoso", None, "", Role::User);
    let phone = mfa_sim::trainer::RealPhone {
        date: Some("2027-03-01".into()),
    };
    let (_session, briefing) = Session::start(free, &common::repo(), Some(phone))
        .await
        .unwrap();
    assert!(
        briefing.contains("Free play: contoso.yaml on 2027-03-01"),
        "{briefing}"
    );
}

/// The binary's free play: a script plays and ends well; nothing is saved (no progress file
/// is named and none is needed); `--date` alone and an unknown person say what is wrong.
#[test]
fn the_binary_plays_free_play_from_a_pipe() {
    let out = crate::common::mfa_sim_with_stdin(
        &[
            "train",
            "--free",
            "contoso",
            "--date",
            "2021-06-02",
            "--person",
            "Dana",
        ],
        "signal off\nphone\nquit\n",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Free play: contoso.yaml on 2021-06-02"),
        "{stdout}"
    );
    assert!(stdout.contains("signal: none"), "{stdout}");
    assert!(stdout.contains("*** Free play ended ***"), "{stdout}");
    let out = crate::common::mfa_sim_with_stdin(
        &["train", "--free", "contoso", "--person", "Nobody"],
        "quit\n",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Nobody"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crate::common::mfa_sim_with_stdin(&["train", "--person", "Dana"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--free"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
