//! `check-guide`'s verdicts, guide step by guide step: each verdict comes from the lines of
//! the scenarios that serve that step (`# guide: ID` markers), a replay that stops says
//! where and why, and the notes are whole sentences a reader can check against the features.
//! The places asserted are looked up in the feature files, not written here, so moving a
//! scenario does not break these tests but attributing a note to the wrong step does.

use crate::common;

use mfa_sim::verdict::{StepVerdict, Verdict};

use common::{replayed_verdicts as check, verdict_of as of};

/// `features/FILE:LINE` of the first line that contains `text` in the scenario called
/// `scenario`, after its `# guide: ID` marker (an empty `id`: from the scenario's title).
fn place(file: &str, scenario: &str, id: &str, text: &str) -> String {
    let path = common::repo().features().join(file);
    let source = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim().ends_with(scenario))
        .unwrap_or_else(|| panic!("no scenario {scenario} in {file}"));
    let marker = if id.is_empty() {
        start
    } else {
        (start..lines.len())
            .find(|i| lines[*i].trim().starts_with(&format!("# guide: {id}")))
            .unwrap_or_else(|| panic!("no marker for {id} in {scenario}"))
    };
    let line = (marker..lines.len())
        .find(|i| lines[*i].contains(text))
        .unwrap_or_else(|| panic!("no line with {text} after the {id} marker"));
    format!("features/{file}:{}", line + 1)
}

fn notes(v: &StepVerdict) -> Vec<String> {
    v.verdict.notes()
}

fn any_note(v: &StepVerdict, what: &[&str]) -> bool {
    notes(v).iter().any(|n| what.iter().all(|w| n.contains(w)))
}

#[tokio::test(flavor = "multi_thread")]
async fn today_each_guide_step_gets_the_notes_of_its_own_lines() {
    let v = check("contoso-today", None).await;
    let setup = "Verifying the texted code, the App Password, and signing in again";

    // SMS-03 is the sign-in at the setup address, which still asks for more information;
    // the lockout scenario no longer claims it.
    assert_eq!(
        of(&v, "SMS-03").verdict,
        Verdict::Holds,
        "{:?}",
        notes(of(&v, "SMS-03"))
    );

    // SMS-05..SMS-08 share a scenario but not their notes.
    let (s5, s6, s7, s8) = (
        notes(of(&v, "SMS-05")),
        notes(of(&v, "SMS-06")),
        notes(of(&v, "SMS-07")),
        notes(of(&v, "SMS-08")),
    );
    assert!(
        s5 != s6 && s6 != s7 && s7 != s8 && s5 != s7,
        "{s5:?}\n{s6:?}\n{s7:?}\n{s8:?}"
    );
    // The wizard's way to a phone is set-up for SMS-05, reported there and said to be set-up.
    let chosen = place(
        "text-messages.feature",
        setup,
        "",
        "chooses to get codes by text message",
    );
    assert!(
        s5.iter().any(|n| n.starts_with("In set-up")
            && n.contains("I want to set up a different method")
            && n.contains(&chosen)),
        "expected a set-up note at {chosen}: {s5:?}"
    );
    assert!(
        any_note(
            of(&v, "SMS-07"),
            &["\"Next\" where the guide says \"Done\""]
        ),
        "{s7:?}"
    );
    assert!(
        !s5.iter().any(|n| n.contains("Done")),
        "SMS-07's button leaked into SMS-05: {s5:?}"
    );

    // SMS-08: today's wizard does not send Dana back to sign in; the replay says so and says
    // where the second sign-in stops.
    let sms08 = of(&v, "SMS-08");
    assert!(
        matches!(sms08.verdict, Verdict::Stops(_)),
        "{:?}",
        sms08.verdict
    );
    assert!(
        any_note(
            sms08,
            &["\"Stay signed in?\" where the guide expects \"Sign in\""]
        ),
        "{:?}",
        notes(sms08)
    );
    let stop = place(
        "text-messages.feature",
        setup,
        "SMS-08",
        "signs in with her email address and password",
    );
    assert!(
        any_note(
            sms08,
            &[
                "The replay cannot go on",
                &stop,
                "Dana signs in with her email address"
            ]
        ),
        "expected the stop at {stop}: {:?}",
        notes(sms08)
    );

    // SMS-06, the App Password after the texted code: none is shown today, so the mail app
    // cannot be given one; the stop names the step that tried.
    let sms06 = of(&v, "SMS-06");
    assert!(
        matches!(sms06.verdict, Verdict::Stops(_)),
        "{:?}",
        sms06.verdict
    );
    assert!(
        any_note(sms06, &["No App Password is shown"]),
        "{:?}",
        notes(sms06)
    );
    let typed = place(
        "text-messages.feature",
        "The App Password shown after the texted code lets a mail app in",
        "SMS-06",
        "types the App Password into \"iPhone Mail\"",
    );
    assert!(
        any_note(
            sms06,
            &["The replay cannot go on", "no App Password", &typed]
        ),
        "expected the stop at {typed}: {:?}",
        notes(sms06)
    );
    // Complete: never cut to four.
    assert!(notes(sms06).len() > 4, "{:?}", notes(sms06));

    // SMS-10: the passkey suggestion follows the texted code; pressing "Not now" on it is
    // SMS-11's, not SMS-10's.
    let sms10 = of(&v, "SMS-10");
    assert!(
        matches!(sms10.verdict, Verdict::Differs(_)),
        "{:?}",
        sms10.verdict
    );
    assert!(any_note(sms10, &["Add a passkey"]), "{:?}", notes(sms10));
    assert!(!any_note(sms10, &["Not now"]), "{:?}", notes(sms10));
    assert!(
        any_note(of(&v, "SMS-11"), &["Not now"]),
        "{:?}",
        notes(of(&v, "SMS-11"))
    );

    // MSA-04: no "Finish" in the app, said even today; today's wizard has no code box either.
    let msa04 = of(&v, "MSA-04");
    assert!(
        msa04
            .wrong_even_then
            .as_deref()
            .is_some_and(|w| w.contains("no \"Finish\" button")),
        "{msa04:?}"
    );
    assert_ne!(msa04.verdict, Verdict::Holds);

    // APW-00: Outlook still needs no App Password, and the iPhone claim was wrong even then.
    let apw00 = of(&v, "APW-00");
    assert!(
        apw00
            .wrong_even_then
            .as_deref()
            .is_some_and(|w| w.contains("iOS 11")),
        "{apw00:?}"
    );
    assert!(
        !matches!(apw00.verdict, Verdict::NoLongerPossible { .. }),
        "{:?}",
        apw00.verdict
    );

    // Every note is a sentence with the place it was seen.
    for s in &v {
        if let Verdict::Differs(list) | Verdict::Stops(list) = &s.verdict {
            for n in list {
                assert!(
                    n.chars().next().is_some_and(char::is_uppercase)
                        && n.ends_with('.')
                        && n.contains("features/"),
                    "{}: not a sentence with its place: {n}",
                    s.id
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn on_the_guides_date_msa04_and_apw00_are_wrong_even_then() {
    let v = check("contoso", None).await;
    for id in ["MSA-04", "APW-00"] {
        assert_eq!(of(&v, id).verdict, Verdict::Holds, "{id}");
        assert!(of(&v, id).wrong_even_then.is_some(), "{id}");
    }
    assert!(
        of(&v, "MSA-04")
            .wrong_even_then
            .as_deref()
            .unwrap()
            .contains("lists the account")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn on_2027_02_01_texts_are_no_longer_possible_and_each_step_says_where() {
    let v = check("contoso-today", Some("2027-02-01")).await;
    for id in ["SMS-05", "SMS-09", "SMS-10"] {
        let Verdict::NoLongerPossible { why, at, instead } = &of(&v, id).verdict else {
            panic!("{id}: {:?}", of(&v, id).verdict)
        };
        assert!(why.contains("no longer available"), "{id}: {why}");
        assert!(
            instead.contains("Microsoft Authenticator"),
            "{id}: {instead}"
        );
        assert!(
            !at.is_empty() && at.iter().all(|a| a.contains("features/")),
            "{id}: {at:?}"
        );
    }
    // SMS-05's refusal comes before its own lines (the phone is refused while it is being
    // registered, in set-up); SMS-06 to SMS-08 come after it in the same scenario, so they
    // cannot be followed either, and a refusal names SMS-05 as where it came. (How the
    // service refuses phones in 2027 may still change; this is the shape that must hold.)
    let Verdict::NoLongerPossible { at, .. } = &of(&v, "SMS-05").verdict else {
        unreachable!()
    };
    assert!(at.iter().any(|a| a.contains("in set-up")), "{at:?}");
    for id in ["SMS-06", "SMS-07", "SMS-08"] {
        let verdict = &of(&v, id).verdict;
        match verdict {
            Verdict::NoLongerPossible { at, .. } => assert!(
                at.iter()
                    .any(|a| a.contains("in the steps of SMS-05") && a.contains("not reached")),
                "{id}: {at:?}"
            ),
            Verdict::Holds | Verdict::Differs(_) => panic!("{id} cannot hold in 2027: {verdict:?}"),
            _ => {}
        }
    }
    // Microsoft Authenticator still works.
    assert!(
        !matches!(of(&v, "MSA-06").verdict, Verdict::NoLongerPossible { .. }),
        "{:?}",
        of(&v, "MSA-06").verdict
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn with_security_defaults_the_text_setup_cannot_be_followed_and_basic_auth_is_refused() {
    let v = check("contoso-defaults", None).await;
    for id in ["SMS-02", "SMS-03", "MSA-02"] {
        assert_eq!(
            of(&v, id).verdict,
            Verdict::Holds,
            "{id}: {:?}",
            of(&v, id).verdict
        );
    }
    let sms04 = of(&v, "SMS-04");
    assert!(
        matches!(sms04.verdict, Verdict::Stops(_)),
        "{:?}",
        sms04.verdict
    );
    assert!(
        any_note(
            sms04,
            &[
                "Microsoft Authenticator: start by getting the app",
                "Step 1"
            ]
        ),
        "{:?}",
        notes(sms04)
    );
    let stop = place(
        "text-messages.feature",
        "Choosing text messages and entering the phone number",
        "SMS-04",
        "chooses to get codes by text message",
    );
    assert!(
        any_note(sms04, &["The replay cannot go on", &stop]),
        "expected the stop at {stop}: {:?}",
        notes(sms04)
    );
    let Verdict::NoLongerPossible { why, .. } = &of(&v, "LEGACY-1").verdict else {
        panic!("{:?}", of(&v, "LEGACY-1").verdict)
    };
    assert!(why.contains("security defaults"), "{why}");
}

#[test]
fn the_command_prints_one_note_per_line_and_counts_every_kind() {
    let (ok, text, err) = common::output_of(&["check-guide"]);
    assert!(ok, "{err}");
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("SMS-06 "))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    assert!(block.len() > 4, "{text}");
    assert!(
        block.iter().all(|l| l.trim_start().starts_with("- ")),
        "{block:?}"
    );
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.contains("cannot be followed")),
        "{text}"
    );
}

/// `check-guide --forecast`: the first day the guide needs reviewing comes from the rule
/// registry's dates, with the rule that changes that day and the steps it breaks.
#[test]
fn the_forecast_names_the_first_review_date_and_its_rule() {
    let (ok, text, err) = common::output_of(&["check-guide", "--forecast"]);
    assert!(ok, "{err}");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .contains("2027-01-01, 2027-02-01, 2027-07-01"),
        "{text}"
    );
    assert!(
        lines.next().unwrap().starts_with(
            "Review the guide by 2027-02-01: rule 36, Microsoft's texts and calls end"
        ),
        "{text}"
    );
    assert!(
        text.contains("SMS-09     2027-02-01: holds with differences -> no longer possible"),
        "{text}"
    );
    // MSA-02 (install the app) does not depend on texts: it does not change.
    assert!(!text.contains("\nMSA-02 "), "{text}");
}
