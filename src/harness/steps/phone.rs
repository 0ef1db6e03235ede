//! Steps on the user's phone: text messages, calls, signal, the clock and the app store.

use crate::harness::GuideWorld;
use crate::harness::params::{App, Duration, Person};
use crate::harness::world::OldPhone;
use anyhow::{Context, Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

/// Example: Then Dana's phone receives a text message with a 6-digit code
/// Expression: {person}'s phone receives a text message with a 6-digit code
#[then(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone receives a text message with a 6-digit code$"
)]
async fn text_arrives(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let text = w
        .phone(&who)?
        .latest_text()
        .await?
        .with_context(|| format!("no text message on {who}'s phone"))?;
    let code = text
        .code()
        .with_context(|| format!("the text \"{}\" has no 6-digit code", text.body))?;
    w.remembered.insert("texted code".into(), code);
    Ok(())
}

/// Example: Then Dana's phone has received 2 text messages
/// Expression: {person}'s phone has received {int} text message(s)
#[then(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone has received ((?:-?\d+)|(?:\d+)) text message(?:s)?$"
)]
async fn text_count(w: &mut GuideWorld, step: &Step, who: Person, n: usize) -> Result<()> {
    w.at(step);
    let count = w.phone(&who)?.texts().await?.len();
    ensure!(count == n, "{who}'s phone has {count} text messages");
    Ok(())
}

/// Example: Then Dana's phone rings
#[then(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone (rings|does not ring)$")]
async fn rings(w: &mut GuideWorld, step: &Step, who: Person, verb: String) -> Result<()> {
    w.at(step);
    let ringing = w.phone(&who)?.ringing().await?.is_some();
    ensure!(
        ringing == (verb == "rings"),
        "{who}'s phone {}",
        if ringing {
            "is ringing"
        } else {
            "is not ringing"
        }
    );
    Ok(())
}

/// Example: When Dana answers the call and presses "#"
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) answers the (call|desk phone) and presses "([^"]+)"$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) answers the (call|desk phone) and presses "([^"]+)"$"#
)]
async fn answer(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    which: String,
    keys: String,
) -> Result<()> {
    w.at(step);
    let phone = if which == "call" {
        w.phone(&who)?
    } else {
        desk_phone(w, &who)?
    };
    let said = phone
        .answer(&keys)
        .await?
        .with_context(|| format!("no call was ringing on {who}'s {which}"))?;
    ensure!(said.contains("pound"), "the call said: {said}");
    w.remembered.insert("call script".into(), said);
    Ok(())
}

/// Example: Then the call read out no code
#[then("the call read out no code")]
async fn call_has_no_code(w: &mut GuideWorld, step: &Step) -> Result<()> {
    w.at(step);
    let said = w
        .remembered
        .get("call script")
        .context("no call was answered earlier in this scenario")?;
    // Rule 16: a call is approved with #; it never reads out digits to type.
    ensure!(
        !said.chars().any(|c| c.is_ascii_digit()),
        "the call read out digits: {said}"
    );
    Ok(())
}

/// Example: Then the call said "press zero pound"
/// Expression: the call said {string}
#[then(
    regex = r#"^the call said (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn call_said(w: &mut GuideWorld, step: &Step, words: String) -> Result<()> {
    w.at(step);
    let said = w
        .remembered
        .get("call script")
        .context("no call was answered earlier in this scenario")?;
    ensure!(said.contains(&words), "the call said: {said}");
    Ok(())
}

/// Example: Then the call did not say "zero pound"
/// Expression: the call did not say {string}
#[then(
    regex = r#"^the call did not say (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn call_did_not_say(w: &mut GuideWorld, step: &Step, words: String) -> Result<()> {
    w.at(step);
    let said = w
        .remembered
        .get("call script")
        .context("no call was answered earlier in this scenario")?;
    ensure!(!said.contains(&words), "the call said: {said}");
    Ok(())
}

fn desk_phone(w: &GuideWorld, who: &str) -> Result<crate::actors::PhoneHandle> {
    w.person(who)?
        .desk_phone
        .clone()
        .with_context(|| format!("{who} has no desk phone"))
}

/// Example: When Dana's phone loses its signal
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone (loses|regains) its signal$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone (loses|regains) its signal$")]
async fn signal(w: &mut GuideWorld, step: &Step, who: Person, verb: String) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    phone.set_signal(verb == "regains").await?;
    ensure!(
        phone.has_signal().await? == (verb == "regains"),
        "the signal did not change"
    );
    Ok(())
}

/// Example: When Dana's phone goes offline
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone (goes offline|comes back online)$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone (goes offline|comes back online)$"
)]
async fn online(w: &mut GuideWorld, step: &Step, who: Person, verb: String) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    let on = verb == "comes back online";
    phone.set_online(on);
    ensure!(phone.is_online() == on, "the connection did not change");
    Ok(())
}

/// Example: When Dana's phone clock is 3 minutes fast
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone clock is (\d+ (?:seconds?|minutes?)) (fast|slow)$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone clock is (\d+ (?:seconds?|minutes?)) (fast|slow)$"
)]
async fn clock_wrong(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    off_by: Duration,
    way: String,
) -> Result<()> {
    w.at(step);
    let secs = off_by.0 * if way == "fast" { 1 } else { -1 };
    let phone = w.phone(&who)?;
    phone.set_clock_offset(secs);
    ensure!(
        phone.clock.offset() == secs,
        "the phone clock did not change"
    );
    Ok(())
}

/// Example: When Dana sets her phone clock to automatic
/// Expression: {person} sets her/his/their phone clock to automatic
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) sets (?:her|his|their) phone clock to automatic$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) sets (?:her|his|their) phone clock to automatic$"
)]
async fn clock_right(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    phone.set_clock_offset(0);
    ensure!(
        phone.clock.now() == w.sim()?.clock.now(),
        "the phone clock is still off"
    );
    Ok(())
}

/// Example: When Dana installs "Google Authenticator" from the app store
/// Expression: {person} installs {app} from the app store
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) installs (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)")) from the app store$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) installs (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)")) from the app store$"#
)]
async fn install(w: &mut GuideWorld, step: &Step, who: Person, app: App) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    ensure!(phone.install(&app).await?, "the app store has no {app}");
    ensure!(
        phone.apps().await?.contains(&app.0),
        "{app} is not on the phone"
    );
    Ok(())
}

/// Example: When Dana types the number of her desk phone into "Phone number"
/// Expression: {person} types the number of her/his/their desk phone into {string}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the number of (?:her|his|their) desk phone into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) types the number of (?:her|his|their) desk phone into (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn type_desk_number(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    field: String,
) -> Result<()> {
    w.at(step);
    let number = desk_phone(w, &who)?.own_number().await?;
    w.type_into(&who, &field, crate::harness::journeys::national(&number))
        .await?;
    Ok(())
}

/// Example: Given Dana's texts stop arriving
/// Expression: {person}'s texts stop arriving
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s texts stop arriving$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s texts stop arriving$")]
async fn texts_stop(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    phone.set_texts(false).await?;
    ensure!(!phone.receives_texts(), "texts still reach {who}'s phone");
    Ok(())
}

/// Example: When Dana's texts arrive again
/// Expression: {person}'s texts arrive again
#[given(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s texts arrive again$")]
#[when(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s texts arrive again$")]
async fn texts_again(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let phone = w.phone(&who)?;
    phone.set_texts(true).await?;
    ensure!(
        phone.receives_texts(),
        "texts still do not reach {who}'s phone"
    );
    Ok(())
}

/// Example: Then no new text arrives on Dana's phone
/// Expression: no new text arrives on {person}'s phone
#[then(regex = r"^no new text arrives on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone$")]
async fn no_new_text(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let first = w.person(&who)?.first_name().to_string();
    let arrived: Vec<String> = w
        .since_previous_step()
        .into_iter()
        .filter(|e| e.actor == crate::transcript::Actor::Phone(first.clone()))
        .filter_map(|e| match e.output {
            crate::transcript::Output::TextMessage { body, .. } => Some(body),
            _ => None,
        })
        .collect();
    ensure!(
        arrived.is_empty(),
        "a text arrived on {who}'s phone during the step before: \"{}\"",
        arrived.join("\", \"")
    );
    Ok(())
}

/// Example: When Dana gets a new phone and keeps the old one
#[given(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) gets a new phone and (keeps|wipes|loses) the old one$"
)]
#[when(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) gets a new phone and (keeps|wipes|loses) the old one$"
)]
async fn new_phone(w: &mut GuideWorld, step: &Step, who: Person, fate: String) -> Result<()> {
    // The number moves to the new phone (texts and calls go there); the new phone has no
    // apps. Kept, the old phone keeps its apps and accounts (Microsoft Authenticator on it
    // still gets requests); wiped, it has none; lost, it keeps them but no step can use it.
    w.at(step);
    let fate = match fate.as_str() {
        "keeps" => OldPhone::Kept,
        "wipes" => OldPhone::Wiped,
        _ => OldPhone::Lost,
    };
    let old_number = w.phone(&who)?.number.clone();
    w.new_phone(&who, fate).await?;
    let phone = w.phone(&who)?;
    ensure!(
        phone.number == old_number,
        "{who}'s new phone has the number {}, not {old_number}",
        phone.number
    );
    ensure!(
        phone.apps().await?.is_empty(),
        "{who}'s new phone already has apps"
    );
    Ok(())
}

/// Example: Then Dana's phone has no authenticator apps
/// Expression: {person}'s phone has no authenticator apps
#[then(regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s phone has no authenticator apps$")]
async fn no_apps(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let apps = w.phone(&who)?.apps().await?;
    ensure!(
        apps.is_empty(),
        "{who}'s phone has {}",
        crate::words::quoted_list(&apps)
    );
    Ok(())
}

/// Example: Then Dana's old phone has no authenticator apps
/// Expression: {person}'s old phone has no authenticator apps
#[then(
    regex = r"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s old phone has no authenticator apps$"
)]
async fn old_no_apps(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let apps = w.old_phone(&who)?.apps().await?;
    ensure!(
        apps.is_empty(),
        "{who}'s old phone still has {}",
        crate::words::quoted_list(&apps)
    );
    Ok(())
}

/// Example: Then "Microsoft Authenticator" on Dana's old phone lists her account
/// Expression: {app} on {person}'s old phone lists her/his/their account
#[then(
    regex = r#"^(?:(?:"(?P<__0_0>[\x{0}-!\#-\x{10FFFF}]*)")) on ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s old phone lists (?:her|his|their) account$"#
)]
async fn old_lists(w: &mut GuideWorld, step: &Step, app: App, who: Person) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let phone = w.old_phone(&who)?;
    let accounts = crate::harness::steps::apps::accounts_on(&phone, &app, &who).await?;
    ensure!(
        accounts.iter().any(|a| a.contains(&upn)),
        "{app} on {who}'s old phone lists {}",
        crate::words::quoted_list(&accounts)
    );
    Ok(())
}
