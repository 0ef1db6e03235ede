//! Tests of `mfa_sim::trainer::debrief` (`src/trainer/debrief.rs`), through its public API.

use mfa_sim::screens::{PageId, SignInStep};
use mfa_sim::trainer::debrief::*;
use mfa_sim::trainer::solution::{self};

#[test]
fn a_goal_not_met_scores_nothing_and_a_met_one_loses_points_for_help() {
    assert_eq!(score(Outcome::Met, 0, 0), 100);
    assert_eq!(score(Outcome::Met, 2, 1), 75);
    assert_eq!(score(Outcome::Met, 50, 50), LEAST_FOR_A_MET_GOAL);
    assert_eq!(score(Outcome::NotMet, 0, 0), 0);
    assert_eq!(score(Outcome::Failed, 0, 0), 0);
}

#[test]
fn a_refused_code_touches_the_rule_of_its_page() {
    assert_eq!(
        rule_of_page(PageId::SignIn(SignInStep::EnterCode { texted: true })),
        Some(15)
    );
    assert_eq!(rule_of_page(PageId::Home), None);
    for n in [15, 17, 18, 27, 28] {
        assert!(mfa_sim::rules::rule(n).is_some(), "rule {n}");
    }
}

#[test]
fn the_cited_rule_is_found_only_as_the_registry_words_it() {
    let r = mfa_sim::rules::rule(29).unwrap();
    let why = format!("Broken.\nWhy: ...\nrule 29: {}", r.statement);
    assert_eq!(rule_cited(&why), Some(29));
    assert_eq!(rule_cited("rule 29: something else"), None);
}

#[test]
fn the_trail_follows_the_solution_as_progress_measures_it() {
    let exercise = mfa_sim::trainer::exercise::parse(
        "id: x\ntitle: X\nrole: user\ntenant: contoso\nperson: Dana\nbriefing: b\ngoal:\n  description: d\n  all:\n    - signed_in: Dana\nsolution:\n  - do: [verify dana, \"type {text}\"]\n  - do: [press Verify]\n",
        std::path::Path::new("x.yaml"),
    )
    .unwrap();
    let typed = [
        "look",
        "type 1",
        "verify dana",
        "type 000000",
        "press verify",
    ];
    let mut trail = Trail::default();
    for (n, line) in typed.iter().enumerate() {
        trail.typed(&exercise.solution, line);
        assert_eq!(
            trail.progress(),
            solution::progress(&exercise.solution, typed[..=n].iter().copied()),
            "after {line}"
        );
    }
    assert_eq!((trail.progress(), trail.last()), (3, "press verify"));
}

#[test]
fn a_time_limit_is_a_minute_to_thirty_days() {
    let head = "id: x\ntitle: X\nrole: user\ntenant: contoso\nperson: Dana\nbriefing: b\ngoal:\n  description: d\n  all:\n    - signed_in: Dana\n";
    let path = std::path::Path::new("x.yaml");
    let parse = |limit: &str| {
        mfa_sim::trainer::exercise::parse(&format!("{head}time_limit: {limit}\n"), path)
    };
    assert_eq!(parse("15").unwrap().time_limit, Some(15));
    assert_eq!(parse("43200").unwrap().time_limit, Some(43_200));
    for bad in ["0", "43201", "-5"] {
        let err = parse(bad).unwrap_err().to_string();
        assert!(err.contains("x.yaml:"), "{bad}: {err}");
    }
    assert!(
        parse("0")
            .unwrap_err()
            .to_string()
            .contains("a time limit is 1 to 43200")
    );
}

#[test]
fn minutes_round_up_and_time_never_runs_backwards() {
    let exercise = mfa_sim::trainer::exercise::parse(
        "id: x\ntitle: X\nrole: user\ntenant: contoso\nperson: Dana\nbriefing: b\ngoal:\n  description: d\n  all:\n    - signed_in: Dana\nsolution:\n  - {guide: SMS-05, page: text-messages.html, do: [\"type {text}\"]}\n",
        std::path::Path::new("x.yaml"),
    )
    .unwrap();
    let d_mistakes = || {
        vec![Mistake {
            command: "type 000000".into(),
            kind: MistakeKind::Refused {
                page: PageId::SignIn(SignInStep::EnterCode { texted: true }),
                message: "That code didn't work.".into(),
            },
            progress: 0,
        }]
    };
    let mistake = Mistake {
        command: "type 000000".into(),
        kind: MistakeKind::Refused {
            page: PageId::SignIn(SignInStep::EnterCode { texted: true }),
            message: "That code didn't work.".into(),
        },
        progress: 0,
    };
    let d = Debrief::of(
        &exercise,
        Outcome::Met,
        &[mistake],
        Counts {
            actions: 3,
            ..Counts::default()
        },
        100..161,
    );
    assert_eq!((d.seconds, d.minutes(), d.score), (61, 2, 90));
    assert_eq!(d.mistakes[0].guide.as_deref(), Some("SMS-05"));
    assert_eq!(d.pages(), vec!["text-messages.html", "rules.html#rule-15"]);
    assert_eq!(d.guide_steps(), vec!["SMS-05"]);
    let text = d.to_string();
    assert!(
        text.contains("Time taken: 2 simulated minutes (61"),
        "{text}"
    );
    assert!(
        text.contains("guide step SMS-05, book text-messages.html; rule 15"),
        "{text}"
    );
    assert!(
        text.contains("type <the code in the latest text message>"),
        "{text}"
    );
    // Past the listed ones, mistakes are counted and still cost points.
    let many = Debrief::of(
        &exercise,
        Outcome::Met,
        &d_mistakes(),
        Counts {
            unlisted: 5,
            actions: 3,
            ..Counts::default()
        },
        100..161,
    );
    assert_eq!((many.mistake_count(), many.score), (6, 40));
    assert!(many.to_string().contains("... and 5 more, not listed."));
    let d = Debrief::of(
        &exercise,
        Outcome::NotMet,
        &[],
        Counts::default(),
        std::ops::Range {
            start: 100,
            end: 50,
        },
    );
    assert_eq!((d.seconds, d.score), (0, 0));
    assert!(d.to_string().contains("Mistakes: none."));
}
