//! The debrief at the end of an attempt (issue 14): an expert's solution meets every goal
//! without a mistake; typos are not mistakes; a wrong path's mistakes name the guide step, the
//! book page and the rule; and every link the debriefs give leads somewhere real: each book
//! page exists in the built book (a rule's anchor included) and each guide step is in the
//! project's guide steps.

use crate::common;
use crate::trainer::{fill, lines};
use mfa_sim::trainer::debrief::{Debrief, Outcome};
use mfa_sim::trainer::terminal::{script, start};
use std::collections::BTreeSet;

/// Plays `lines` into exercise `id` (placeholders filled from what was shown) and returns
/// whether the goal was met, the transcript and the debrief.
async fn debrief_of(id: &str, lines: Vec<String>) -> (bool, String, Debrief) {
    let (mut session, briefing) = start(&common::repo(), id, None).await.unwrap();
    let mut out = Vec::new();
    let met = script(&mut session, &briefing, lines, fill, &mut out)
        .await
        .unwrap();
    (met, String::from_utf8(out).unwrap(), session.debrief())
}

fn exercises() -> Vec<mfa_sim::trainer::Exercise> {
    mfa_sim::trainer::exercise::all_in(&common::repo().exercises())
        .unwrap()
        .strict()
        .unwrap()
}

/// Every exercise's solution, the wrong path and the insecure shortcut (turning MFA off), and
/// the links of each debrief followed.
#[tokio::test(flavor = "multi_thread")]
async fn every_debrief_link_leads_to_a_book_page_and_a_guide_step_that_exist() {
    let book = common::built_book();
    let steps: BTreeSet<String> = mfa_sim::guide::load(&common::repo().guide_steps())
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut followed = 0;
    let mut with_rule = 0;
    for ex in exercises() {
        let (met, transcript, expert) = debrief_of(&ex.id, lines(&ex.id, "good")).await;
        assert!(met, "{}: the solution did not meet the goal", ex.id);
        assert_eq!(expert.outcome, Outcome::Met, "{}", ex.id);
        assert!(
            expert.mistakes.is_empty(),
            "{}: the expert's solution makes mistakes: {:?}",
            ex.id,
            expert.mistakes
        );
        assert_eq!(expert.score, 100, "{}", ex.id);
        assert_eq!(expert.expert, ex.solution, "{}", ex.id);
        assert!(transcript.contains("--- Debrief ---"), "{}", ex.id);
        assert!(
            transcript.contains("What an expert would have done:"),
            "{}",
            ex.id
        );

        let (_, _, wrong) = debrief_of(&ex.id, lines(&ex.id, "wrong")).await;
        assert_ne!(wrong.outcome, Outcome::Met, "{}", ex.id);
        assert_eq!(wrong.score, 0, "{}", ex.id);
        let (_, transcript, shortcut) = debrief_of(
            &ex.id,
            vec![format!("admin disable {}", ex.person.to_lowercase())],
        )
        .await;
        let guarded = ex
            .goal
            .never
            .iter()
            .any(|n| matches!(n, mfa_sim::trainer::exercise::Never::MfaStateBelow { .. }));
        // A trainee playing the user has no console: the shortcut is refused, not done
        // (`trainer.rs` checks the refusal and its rule).
        if guarded && ex.role == mfa_sim::trainer::exercise::Role::Technician {
            assert_eq!(shortcut.outcome, Outcome::Failed, "{}", ex.id);
            let m = &shortcut.mistakes[0];
            assert_eq!(m.rule, Some(6), "{}: {m:?}", ex.id);
            assert!(
                transcript
                    .contains("rule 6 \"Disabling and enabling again\", book rules.html#rule-6"),
                "{}:\n{transcript}",
                ex.id
            );
        }

        for d in [&expert, &wrong, &shortcut] {
            for page in d.pages() {
                let (file, anchor) = page.split_once('#').unwrap_or((page.as_str(), ""));
                let html = std::fs::read_to_string(book.join(file)).unwrap_or_else(|e| {
                    panic!(
                        "{}: the debrief links to {page}, not in the book: {e}",
                        ex.id
                    )
                });
                assert!(
                    anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")),
                    "{}: {file} has no anchor {anchor}",
                    ex.id
                );
                followed += 1;
            }
            for id in d.guide_steps() {
                assert!(
                    steps.contains(&id),
                    "{}: the debrief names guide step {id}, not in the guide steps",
                    ex.id
                );
            }
            with_rule += d.mistakes.iter().filter(|m| m.rule.is_some()).count();
        }
    }
    assert!(
        followed > 20 && with_rule > 5,
        "{followed} links, {with_rule} rules"
    );
}

/// A wrong texted code is a mistake tied to the step being tried (SMS-05, its page and the
/// rule that wrong codes are refused without locking the account); a line that is not a command, or a button that is not there, is not.
#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_code_is_a_mistake_with_its_step_and_rule_and_typos_are_not() {
    let (met, transcript, d) = debrief_of("sms-setup", lines("sms-setup", "wrong")).await;
    assert!(!met);
    assert!(
        transcript.contains("`dance` is not a command"),
        "{transcript}"
    );
    assert_eq!(d.mistakes.len(), 1, "{:?}", d.mistakes);
    let m = &d.mistakes[0];
    assert_eq!(m.command, "press Verify");
    assert_eq!(
        (m.guide.as_deref(), m.page.as_deref(), m.rule),
        (Some("SMS-05"), Some("text-messages.html"), Some(28)),
        "{m:?}"
    );
    assert!(m.what.contains("That code didn't work"), "{m:?}");
    assert!(d.seconds > 0 && d.minutes() >= 1, "{d:?}");

    let mut typos: Vec<String> = vec!["dance".into(), "press Nowhere".into(), "choose 99".into()];
    typos.extend(lines("sms-setup", "good"));
    let (met, transcript, d) = debrief_of("sms-setup", typos).await;
    assert!(met, "{transcript}");
    assert!(d.mistakes.is_empty(), "{:?}", d.mistakes);
    assert_eq!(d.score, 100);
    assert!(transcript.contains("Mistakes: none."), "{transcript}");
}

/// The exercise `mfa-sim new` writes has a solution too, and it meets that exercise's goal in
/// the new project, with no mistake.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_projects_solution_plays_to_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("desk");
    mfa_sim::scaffold::create(&root).unwrap();
    let project = mfa_sim::project::Project::at(&root).unwrap();
    let catalogue = mfa_sim::trainer::exercise::all_in(&project.exercises()).unwrap();
    let exercises = catalogue.strict().unwrap();
    assert_eq!(exercises.len(), 1);
    for ex in exercises {
        let (mut session, briefing) = start(&project, &ex.id, None).await.unwrap();
        let lines: Vec<String> = mfa_sim::trainer::solution::commands(&ex.solution)
            .map(|(_, c)| c.to_string())
            .collect();
        assert!(!lines.is_empty(), "{}", ex.id);
        let mut out = Vec::new();
        let met = script(&mut session, &briefing, lines, fill, &mut out)
            .await
            .unwrap();
        let transcript = String::from_utf8(out).unwrap();
        assert!(met, "{}:\n{transcript}", ex.id);
        assert!(session.debrief().mistakes.is_empty(), "{transcript}");
    }
}

/// A ticket with a time limit (simulated minutes, in its file) says so in the briefing and
/// ends, not met, once the limit has passed; the debrief gives the time against the limit.
#[tokio::test(flavor = "multi_thread")]
async fn a_time_limit_ends_the_ticket_when_it_has_passed() {
    let late = [
        "verify dana callback",
        "wait 901",
        "admin revoke-sessions dana",
    ]
    .map(String::from);
    let (met, transcript, d) = debrief_of("ticket-stolen-laptop", late.to_vec()).await;
    assert!(!met);
    for words in [
        "Time limit: 15 simulated minutes.",
        "Time is up: this exercise allows 15 simulated minutes and 16 have passed.",
        "  - all of it within 15 simulated minutes",
        "Time taken: 16 simulated minutes (901 simulated seconds; the limit is 15 minutes).",
    ] {
        assert!(transcript.contains(words), "{words:?}:\n{transcript}");
    }
    assert!(
        !transcript.contains("> admin revoke-sessions"),
        "{transcript}"
    );
    assert_eq!(
        (d.outcome, d.time_limit, d.score),
        (Outcome::NotMet, Some(15), 0)
    );
    // Within the limit, the same ticket is met.
    let mut within = vec!["verify dana callback".to_string(), "wait 840".to_string()];
    within.extend(lines("ticket-stolen-laptop", "good").into_iter().skip(1));
    let (met, transcript, _) = debrief_of("ticket-stolen-laptop", within).await;
    assert!(met, "{transcript}");
}

/// The desk's own mistakes about the caller count: a call to the mobile on the account (which
/// may be the lost phone) is refused as a check and is a mistake, and turning away the real
/// caller fails the ticket; both link to the book's page on checking callers and to the guide
/// step the exercise ties its check to.
#[tokio::test(flavor = "multi_thread")]
async fn checking_on_the_mobile_and_refusing_the_real_caller_are_mistakes() {
    let caller_page = mfa_sim::trainer::debrief::CALLER_PAGE;
    let (file, anchor) = caller_page.split_once('#').unwrap();
    let html = std::fs::read_to_string(common::built_book().join(file)).unwrap();
    assert!(html.contains(&format!("id=\"{anchor}\"")), "{caller_page}");
    let mut mobile = vec!["verify dana mobile".to_string()];
    mobile.extend(lines("ticket-lost-phone", "good"));
    let (met, transcript, d) = debrief_of("ticket-lost-phone", mobile).await;
    assert!(met, "{transcript}");
    assert!(
        transcript.contains("proves nothing: it may be the lost or stolen phone"),
        "{transcript}"
    );
    assert_eq!(d.mistakes.len(), 1, "{:?}", d.mistakes);
    let m = &d.mistakes[0];
    assert_eq!(m.command, "verify dana mobile");
    assert_eq!(m.page.as_deref(), Some(caller_page), "{m:?}");
    assert!(m.what.starts_with("not a check of the caller"), "{m:?}");
    assert_eq!(d.score, 90, "{d:?}");
    assert!(
        transcript.contains(&format!("book {caller_page}")),
        "{transcript}"
    );

    let (met, transcript, d) = debrief_of(
        "ticket-approved-by-mistake",
        vec!["admin log dana".into(), "refuse dana".into()],
    )
    .await;
    assert!(!met, "{transcript}");
    assert_eq!(d.outcome, Outcome::Failed, "{transcript}");
    assert_eq!(d.mistakes.len(), 1, "{:?}", d.mistakes);
    let m = &d.mistakes[0];
    assert_eq!(m.command, "refuse dana");
    assert!(m.what.contains("who was the real caller"), "{m:?}");
    assert_eq!(
        (m.guide.as_deref(), m.page.as_deref()),
        (Some("FALLBACK-1"), Some(caller_page)),
        "{m:?}"
    );
}

/// `restart` starts the ticket again: the mistakes before it still count in the debrief,
/// which says how many restarts there were and times the attempt from the last start.
#[tokio::test(flavor = "multi_thread")]
async fn a_restart_keeps_the_mistakes_and_is_counted_in_the_debrief() {
    let mut again = vec!["verify dana mobile".to_string(), "restart".to_string()];
    again.extend(lines("ticket-lost-phone", "good"));
    let (met, transcript, d) = debrief_of("ticket-lost-phone", again).await;
    assert!(met, "{transcript}");
    assert_eq!(
        (d.restarts, d.mistake_count(), d.score),
        (1, 1, 90),
        "{d:?}"
    );
    assert!(transcript.contains("Starting again."), "{transcript}");
    assert!(
        transcript.contains("simulated seconds, since the last of 1 restart)"),
        "{transcript}"
    );
}
