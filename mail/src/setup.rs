//! Getting a simulation ready for a real client, through the simulator's own flows: the
//! tenant from the project's scenarios on a chosen date, and an App Password that the
//! simulated user makes on the simulated pages (per-user MFA turned on by the tenant's
//! administration rule when it is off, text messages registered at the next sign-in, then
//! the App passwords page of that date). Nothing here writes a password by hand: the App
//! Password is the one the page showed.

use anyhow::{Context, Result};
use mfa_sim::flows::Destination;
use mfa_sim::harness::{GuideWorld, journeys};
use mfa_sim::screens::{PageId, SignInStep};
use mfa_sim::tenant::MfaState;
use std::path::Path;

/// The tenant `name` (a name in `scenarios`, or a path) started on `date` (`YYYY-MM-DD` or
/// RFC 3339; none: the file's own date).
pub async fn world(scenarios: &Path, name: &str, date: Option<&str>) -> Result<GuideWorld> {
    let mut world = GuideWorld::for_tenants(scenarios.to_path_buf());
    world
        .load(name, date)
        .await
        .with_context(|| format!("cannot start the tenant `{name}`"))?;
    Ok(world)
}

/// `who` (a first name or sign-in name) makes an App Password named `label` on the
/// simulated pages and is shown it; returns it as shown. Turns per-user MFA on first when it
/// is off, as an administrator would, and registers text messages when the sign-in asks.
pub async fn app_password(w: &GuideWorld, who: &str, label: &str) -> Result<String> {
    let upn = w.person(who)?.upn.clone();
    {
        let tenant = w.sim()?.tenant.clone();
        let mut t = tenant.lock();
        let id = t.id_of(&upn)?;
        if t.user(id).mfa == MfaState::Disabled {
            t.set_mfa_state(id, MfaState::Enabled);
        }
    }
    let page = journeys::sign_in(w, who, Destination::MfaSetup).await?;
    if page.page == PageId::SignIn(SignInStep::MoreInfoRequired) {
        journeys::set_up_text_messages(w, who)
            .await
            .context("registering text messages before the App Password")?;
    }
    w.browser(who)?.close().await?;
    journeys::create_app_password(w, who, label)
        .await
        .context("making the App Password on the simulated pages")
}
