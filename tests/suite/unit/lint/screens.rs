//! Tests of `mfa_sim::lint::screens` (`src/lint/screens.rs`), through its public API.

use mfa_sim::lint::screens::*;
use mfa_sim::screens::PageId;
use mfa_sim::screens::{LegacyStep, SignInStep};

fn screen(titles: &[&str], labels: &[(LabelKind, &str)], step: &str) -> Screen {
    Screen {
        titles: titles.iter().map(|t| t.to_string()).collect(),
        labels: [(
            ("x.feature".to_string(), 3),
            labels.iter().map(|(k, t)| (*k, t.to_string())).collect(),
        )]
        .into(),
        steps: [step.to_string()].into(),
        after: Some(PageId::SignIn(SignInStep::Password)),
    }
}

#[test]
fn pages_are_matched_by_identity_and_labels_paired_into_renames() {
    let settings = PageId::Legacy(LegacyStep::Settings);
    let nudge = PageId::SignIn(SignInStep::PasskeyNudge);
    let then: Screens = [(
        settings,
        screen(
            &["Additional security verification"],
            &[
                (LabelKind::Link, "App Passwords"),
                (LabelKind::Button, "Save"),
                (LabelKind::Option, "Call my authentication phone"),
            ],
            "APW-02",
        ),
    )]
    .into();
    let now: Screens = [
        (
            settings,
            screen(
                &["Security info"],
                &[
                    (LabelKind::Link, "App passwords"),
                    (LabelKind::Button, "Save"),
                    (LabelKind::Button, "Add sign-in method"),
                ],
                "APW-02",
            ),
        ),
        (nudge, screen(&["Add a passkey"], &[], "SMS-10")),
    ]
    .into();
    let diff = then_and_now(&then, &now, &[]);
    assert_eq!(diff.len(), 2);
    assert_eq!(diff[0].page, nudge, "page order is PageId order");
    assert_eq!(
        diff[0].changes,
        [Change::New {
            after: Some(PageId::SignIn(SignInStep::Password))
        }]
    );
    assert_eq!(
        diff[1].changes,
        [
            Change::Retitled {
                from: vec!["Additional security verification".into()],
                to: vec!["Security info".into()]
            },
            Change::Renamed {
                kind: LabelKind::Link,
                from: "App Passwords".into(),
                to: "App passwords".into()
            },
            Change::Added(LabelKind::Button, "Add sign-in method".into()),
            Change::Removed(LabelKind::Option, "Call my authentication phone".into()),
        ]
    );
    assert_eq!(diff[1].steps, ["APW-02"]);
    // The same page on both dates with the same labels is no difference.
    assert!(then_and_now(&then, &then, &[]).is_empty());
}
