//! Tests of `mfa_sim::verdict::judge` (`src/verdict/judge.rs`), through its public API.

use mfa_sim::verdict::judge::*;
use mfa_sim::verdict::notes::Observed;
use mfa_sim::verdict::notes::{Found, Note, Place};

fn at(file: &str, line: usize) -> Place {
    Place {
        file: file.into(),
        line,
        step: format!("When step {line}"),
    }
}

#[test]
fn the_same_note_at_several_steps_is_one_sentence_with_every_place_set_up_first_stops_last() {
    let note = |line, setup| Found {
        note: Note::Step("the page shows \"A\" where the guide expects \"B\"".into()),
        at: at("features/x.feature", line),
        setup,
    };
    let v = Judged::Differs(vec![
        note(30, false),
        note(12, false),
        Found {
            at: at("features/y.feature", 4),
            ..note(0, false)
        },
        note(7, true),
        Found {
            note: Note::StopsWorking {
                why: "the page has no box \"Code\"".into(),
            },
            at: at("features/x.feature", 41),
            setup: false,
        },
    ])
    .worded();
    assert_eq!(
        v.notes(),
        [
            "In set-up, before this guide step's own lines: the page shows \"A\" where the guide expects \"B\" (features/x.feature:7).",
            "The page shows \"A\" where the guide expects \"B\" (features/x.feature, lines 12 and 30; features/y.feature:4).",
            "The replay cannot go on: the page has no box \"Code\" (at features/x.feature:41, When step 41).",
        ]
    );
    // More than four notes are all kept.
    let many = Judged::Differs(
        (1..=6)
            .map(|n| Found {
                note: Note::NowShows(Observed::Mail(format!("status {n}"))),
                at: at("features/x.feature", n),
                setup: false,
            })
            .collect(),
    )
    .worded();
    assert_eq!(many.notes().len(), 6);
}
