//! Steps about the tenant itself and simulated time.

use crate::harness::GuideWorld;
use crate::harness::params::Duration;
use anyhow::{Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

/// Example: Given the tenant from "contoso"
/// Expression: the tenant from {string}
#[given(
    regex = r#"^the tenant from (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn tenant_from(w: &mut GuideWorld, step: &Step, name: String) -> Result<()> {
    w.at(step);
    w.load(&name, None).await?;
    ensure!(
        !w.sim()?.people().is_empty(),
        "the scenario {name} has nobody in it"
    );
    Ok(())
}

/// Example: Given the tenant from "contoso" on 2024-01-15
#[given(regex = r#"^the tenant from "([^"]+)" on (\d{4}-\d{2}-\d{2})$"#)]
async fn tenant_from_on(w: &mut GuideWorld, step: &Step, name: String, date: String) -> Result<()> {
    w.at(step);
    w.load(&name, Some(&date)).await?;
    let now = crate::clock::format_date(w.sim()?.clock.now());
    ensure!(now == date, "the simulation started on {now}, not {date}");
    Ok(())
}

/// Example: When 6 minutes pass
/// Expression: {duration} pass(es)
#[given(regex = r"^(\d+ (?:seconds?|minutes?|hours?|days?|weeks?)) pass(?:es)?$")]
#[when(regex = r"^(\d+ (?:seconds?|minutes?|hours?|days?|weeks?)) pass(?:es)?$")]
async fn time_passes(w: &mut GuideWorld, step: &Step, length: Duration) -> Result<()> {
    w.at(step);
    let before = w.sim()?.clock.now();
    w.sim()?.wait(length.0);
    ensure!(w.sim()?.clock.now() > before, "time did not move");
    Ok(())
}

/// Example: Then the simulated date is 2021-06-01
#[then(regex = r"^the simulated date is (\d{4}-\d{2}-\d{2})$")]
async fn date_is(w: &mut GuideWorld, step: &Step, date: String) -> Result<()> {
    w.at(step);
    let now = crate::clock::format_date(w.sim()?.clock.now());
    ensure!(now == date, "the simulated date is {now}");
    Ok(())
}
