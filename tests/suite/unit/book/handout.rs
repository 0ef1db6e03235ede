//! Tests of `mfa_sim::book::handout` (`src/book/handout.rs`), through its public API.

use mfa_sim::book::handout::*;
use mfa_sim::transcript::{Actor, Output};

#[test]
fn steps_become_instructions_to_the_user() {
    assert_eq!(
        instruction("Dana presses \"Next\"", "Dana"),
        "Press \"Next\""
    );
    assert_eq!(
        instruction("Dana types the code from her text message", "Dana"),
        "Type the code from your text message"
    );
    assert_eq!(
        instruction("Dana verifies with the texted code", "Dana"),
        "Verify with the texted code"
    );
    assert_eq!(
        instruction("Dana's \"iPhone Mail\" opens its sign-in window", "Dana"),
        "Your \"iPhone Mail\" opens its sign-in window"
    );
    assert_eq!(
        instruction("the administrator enables MFA for Dana", "Dana"),
        "The administrator enables MFA for you"
    );
    assert_eq!(
        instruction("Dana has set up text messages for MFA", "Dana"),
        "You have set up text messages for MFA"
    );
    // Labels in quotes are the page's and stay as they are.
    assert_eq!(
        instruction("Dana chooses \"Use her passkey\"", "Dana"),
        "Choose \"Use her passkey\""
    );
    assert_eq!(
        instruction(
            "Dana opens Microsoft Authenticator and accepts its terms",
            "Dana"
        ),
        "Open Microsoft Authenticator and accept its terms"
    );
    assert_eq!(imperative("follows"), "follow");
    assert_eq!(imperative("approves"), "approve");
}

#[test]
fn handout_anchors_come_from_the_feature_file() {
    assert_eq!(
        anchor("today-text-messages.feature"),
        "handout-text-messages"
    );
    assert_eq!(anchor("troubleshooting.feature"), "handout-troubleshooting");
}

#[test]
fn the_user_never_sees_the_console_or_the_log() {
    assert!(!for_the_user(
        &Actor::Admin,
        &Output::Note { text: "x".into() }
    ));
    assert!(for_the_user(
        &Actor::Phone("Dana".into()),
        &Output::Note { text: "x".into() }
    ));
}
