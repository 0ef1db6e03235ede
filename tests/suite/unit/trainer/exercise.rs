//! Tests of `mfa_sim::trainer::exercise` (`src/trainer/exercise.rs`), through its public API.

#[test]
fn shipped_exercises_load() {
    let all = mfa_sim::trainer::exercise::all_in(&crate::common::repo().exercises()).unwrap();
    assert!(all.problems.is_empty(), "{:?}", all.problems);
    assert!(
        all.exercises.len() >= 10,
        "{} exercises",
        all.exercises.len()
    );
}

#[test]
fn never_lists_and_people_read_as_written() {
    let path = std::path::Path::new("x.yaml");
    let text = "id: x\ntitle: X\nrole: technician\ntenant: contoso\nperson: Dana\nbriefing: b\npeople:\n  Dana: Lost her phone.\n  Lee: Her manager.\ngoal:\n  description: d\n  all:\n    - signed_in_with: {user: Dana, method: tap}\n    - registered_on_new_phone: Dana\n  never:\n    - mfa_state_below: {user: Dana, is: enforced}\n    - before_verified: {user: Dana, actions: [tap, reregister]}\n    - approved_unstarted: Dana\n";
    let ex = mfa_sim::trainer::exercise::parse(text, path).unwrap();
    assert_eq!(
        ex.people.0,
        vec![
            ("Dana".to_string(), "Lost her phone.".to_string()),
            ("Lee".to_string(), "Her manager.".to_string())
        ]
    );
    assert_eq!(ex.people.story("lee"), Some(("Lee", "Her manager.")));
    assert_eq!(
        ex.people.story(" Lee Okafor "),
        Some(("Lee", "Her manager."))
    );
    assert_eq!(ex.people.story("Sam"), None);
    assert_eq!(ex.goal.never.len(), 3);
    assert_eq!(
        ex.goal.never[1],
        mfa_sim::trainer::exercise::Never::BeforeVerified {
            user: "Dana".into(),
            actions: vec!["tap".into(), "reregister".into()]
        }
    );
    assert_eq!(
        ex.goal.all[0].to_string(),
        "Dana signed in with Temporary Access Pass"
    );
    let twice = text.replace("  Lee: Her manager.", "  dana: Again.");
    let err = mfa_sim::trainer::exercise::parse(&twice, path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("two stories"), "{err}");
    let unknown = text.replace("approved_unstarted: Dana", "approved_anything: Dana");
    let err = mfa_sim::trainer::exercise::parse(&unknown, path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("approved_anything"), "{err}");
}

#[test]
fn a_caller_reads_as_written() {
    let path = std::path::Path::new("x.yaml");
    let text = "id: x\ntitle: X\nrole: technician\ntenant: contoso\nperson: Lee\nbriefing: b\ncaller:\n  is: either\n  manager: Priya Nair\n  knows:\n    employee id: E-1187\n    Manager: Priya Nair\n  impostor_knows: [employee id]\n  impostor_says:\n    manager: Tom\ngoal:\n  description: d\n  all:\n    - verified_first: Lee\n  never:\n    - any_of: {user: Lee, actions: [tap]}\n";
    let ex = mfa_sim::trainer::exercise::parse(text, path).unwrap();
    assert_eq!(ex.caller.is, mfa_sim::trainer::exercise::CallerIs::Either);
    assert_eq!(
        ex.caller.knows.get(" manager "),
        Some(("Manager", "Priya Nair"))
    );
    assert_eq!(
        ex.caller.impostor_says.get("MANAGER"),
        Some(("manager", "Tom"))
    );
    assert!(ex.checks_caller());
    let twice = text.replace(
        "    Manager: Priya Nair\n",
        "    Manager: Priya Nair\n    manager: Again\n",
    );
    let err = mfa_sim::trainer::exercise::parse(&twice, path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("given twice"), "{err}");
    let unknown = text.replace("  is: either", "  is: maybe");
    assert!(mfa_sim::trainer::exercise::parse(&unknown, path).is_err());
    // A ticket from HR checks no caller.
    let hr = text.replace("    - verified_first: Lee\n", "    - no_methods: Lee\n");
    assert!(
        !mfa_sim::trainer::exercise::parse(&hr, path)
            .unwrap()
            .checks_caller()
    );
}

#[test]
fn a_phone_clock_is_wrong_by_at_most_a_day() {
    let path = crate::common::repo()
        .exercises()
        .join("08-ticket-clock.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(mfa_sim::trainer::exercise::parse(&text, &path).is_ok());
    assert!(text.contains("offset: -300"));
    let bad = text.replace("offset: -300", "offset: 9223372036854775807");
    let err = mfa_sim::trainer::exercise::parse(&bad, &path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("at most 86400 seconds"), "{err}");
    assert!(err.contains("08-ticket-clock.yaml:"), "{err}");
}

/// Free play's id is the trainer's own: a file that takes it is refused at its `id:` line,
/// and an exercise read from a file is never free play.
#[test]
fn a_file_may_not_call_itself_free_play() {
    let path = std::path::Path::new("x.yaml");
    let text = "title: X\nid: free-play\nrole: user\ntenant: contoso\nperson: Dana\nbriefing: b\ngoal:\n  description: d\n  all: []\n";
    let err = mfa_sim::trainer::exercise::parse(text, path).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("x.yaml:2"), "{message}");
    assert!(message.contains("free play"), "{message}");
    let upper = mfa_sim::trainer::exercise::parse(&text.replace("free-play", "Free-Play"), path);
    assert!(upper.is_err(), "the id is the trainer's in any case");
    let ex = mfa_sim::trainer::exercise::parse(&text.replace("free-play", "x"), path).unwrap();
    assert!(!ex.free_play);
    // Nor can a file turn itself into free play.
    let err = mfa_sim::trainer::exercise::parse(
        &format!("{}free_play: true\n", text.replace("free-play", "x")),
        path,
    )
    .unwrap_err();
    assert!(err.to_string().contains("free_play"), "{err}");
    let free = mfa_sim::trainer::Exercise::free_play(
        "contoso",
        None,
        "",
        mfa_sim::trainer::exercise::Role::User,
    );
    assert!(free.free_play && free.goal.all.is_empty() && free.hints.is_empty());
    assert_eq!(free.id, mfa_sim::trainer::exercise::FREE_PLAY_ID);
}
