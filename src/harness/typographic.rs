//! Typographic quotes and apostrophes in feature files, as a word processor writes them
//! (“Next”, Dana’s), read as the straight ones the steps are written with.
//!
//! A help desk often drafts scenarios in a document editor; without this, `Dana presses
//! “Next”` would be an undefined step for a reason nobody can see. The parser wraps
//! cucumber's own: every step's text and every Examples cell is straightened after parsing,
//! so lines, columns and everything else stay as written.

use cucumber::gherkin::{Feature, Scenario, Step, Table};
use cucumber::parser::{Basic, Parser};
use futures::StreamExt as _;
use futures::stream::Map;
use std::path::Path;

/// `“Next”` → `"Next"`, `Dana’s` → `Dana's`.
pub fn straighten(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
            other => other,
        })
        .collect()
}

fn table(t: &mut Table) {
    for row in &mut t.rows {
        for cell in row {
            *cell = straighten(cell);
        }
    }
}

fn step(s: &mut Step) {
    s.value = straighten(&s.value);
    if let Some(t) = &mut s.table {
        table(t);
    }
}

fn scenario(s: &mut Scenario) {
    s.steps.iter_mut().for_each(step);
    for examples in &mut s.examples {
        if let Some(t) = &mut examples.table {
            table(t);
        }
    }
}

type Parsed = cucumber::parser::Result<Feature>;

fn feature(parsed: Parsed) -> Parsed {
    parsed.map(straighten_feature)
}

/// Every step text and Examples cell of `f`, straightened.
pub(crate) fn straighten_feature(mut f: Feature) -> Feature {
    {
        if let Some(b) = &mut f.background {
            b.steps.iter_mut().for_each(step);
        }
        f.scenarios.iter_mut().for_each(scenario);
        for rule in &mut f.rules {
            if let Some(b) = &mut rule.background {
                b.steps.iter_mut().for_each(step);
            }
            rule.scenarios.iter_mut().for_each(scenario);
        }
    }
    f
}

/// cucumber's parser, with quotes straightened.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Typographic;

impl<I: AsRef<Path>> Parser<I> for Typographic {
    type Cli = <Basic as Parser<I>>::Cli;
    type Output = Map<<Basic as Parser<I>>::Output, fn(Parsed) -> Parsed>;

    fn parse(self, input: I, cli: Self::Cli) -> Self::Output {
        Basic::default()
            .parse(input, cli)
            .map(feature as fn(Parsed) -> Parsed)
    }
}
