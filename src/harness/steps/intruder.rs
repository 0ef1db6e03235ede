//! Someone else with a person's password: a browser of its own, on a network that is not the
//! person's, signing in as them. What stops it (or does not) is the tenant's doing; the
//! sign-in log shows the attempt with the address and place it came from.

use crate::flows::Destination;
use crate::harness::GuideWorld;
use crate::harness::params::{Address, Person};
use crate::screens::{Action, Field, PageId, SignInStep};
use crate::words::quoted_or_nothing;
use anyhow::{Result, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

/// Example: When someone else signs in as Dana with her password from 198.51.100.77
///
/// Their browser opens Office from that address and types Dana's email address and password;
/// whatever the service asks next (a second factor) is left waiting.
/// Expression: someone else signs in as {person} with her/his/their password from {address}
#[given(
    regex = r"^someone else signs in as ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) with (?:her|his|their) password from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$"
)]
#[when(
    regex = r"^someone else signs in as ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) with (?:her|his|their) password from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$"
)]
async fn someone_else_signs_in(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    address: Address,
) -> Result<()> {
    w.at(step);
    let person = w.person(&who)?.clone();
    let browser = w.intruder(Some(address.0)).await?;
    let page = browser.open(Destination::Office).await?;
    if page.page == PageId::SignIn(SignInStep::Email) {
        browser
            .act(Action::Enter(Field::Email, person.upn.clone()))
            .await??;
        browser
            .act(Action::Press(crate::screens::Button::Next))
            .await??;
        browser
            .act(Action::Enter(Field::Password, person.password.clone()))
            .await??;
        let page = browser
            .act(Action::Press(crate::screens::Button::SignIn))
            .await??;
        ensure!(
            page.page != PageId::SignIn(SignInStep::Password) || page.error.is_none(),
            "{who}'s password was refused: {}",
            quoted_or_nothing(page.error.as_deref())
        );
        // Let in with the password alone, they answer "Stay signed in?" with No.
        if page.page == PageId::SignIn(SignInStep::StaySignedIn) {
            browser
                .act(Action::Press(crate::screens::Button::No))
                .await??;
        }
    }
    Ok(())
}

/// Example: Then someone else is not signed in as Dana
/// Expression: someone else is not signed in as {person}
#[then(regex = r"^someone else is not signed in as ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$")]
async fn someone_else_not_signed_in(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let signed_in = intruder_signed_in_as(w, &who).await?;
    ensure!(
        !signed_in,
        "someone else is signed in as {who} (their browser shows \"{}\")",
        w.intruder_so_far(&who)?.page().await?.title
    );
    Ok(())
}

/// Example: Then someone else is signed in as Dana
/// Expression: someone else is signed in as {person}
#[then(regex = r"^someone else is signed in as ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$")]
async fn someone_else_signed_in(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let signed_in = intruder_signed_in_as(w, &who).await?;
    ensure!(
        signed_in,
        "someone else is not signed in as {who}: their browser shows \"{}\"",
        w.intruder_so_far(&who)?.page().await?.title
    );
    Ok(())
}

/// Example: Then someone else sees "Approve sign in request"
/// Expression: someone else sees {string}
#[then(
    regex = r#"^someone else sees (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn someone_else_sees(w: &mut GuideWorld, step: &Step, title: String) -> Result<()> {
    w.at(step);
    let page = w.intruder_so_far("the person")?.page().await?;
    let shown = [Some(&page.title), page.subtitle.as_ref()];
    let matches = shown
        .iter()
        .flatten()
        .any(|t| t.eq_ignore_ascii_case(&title) || t.starts_with(&title));
    observe!(
        w,
        matches,
        "someone else's browser shows \"{}\", not \"{title}\"",
        page.title
    );
    Ok(())
}

/// Whether the intruder's browser holds a session for `who`.
async fn intruder_signed_in_as(w: &GuideWorld, who: &str) -> Result<bool> {
    let upn = w.person(who)?.upn.clone();
    let session = w.intruder_so_far(who)?.signed_in().await?;
    let id = w.sim()?.tenant.lock().find(&upn);
    Ok(session.is_some_and(|(user, _)| Some(user) == id))
}

/// Example: Then the sign-in log shows a sign-in for Dana from 198.51.100.77
/// Expression: the sign-in log shows a sign-in for {person} from {address}
#[then(
    regex = r"^the sign-in log shows a sign-in for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$"
)]
async fn log_from(w: &mut GuideWorld, step: &Step, who: Person, address: Address) -> Result<()> {
    w.at(step);
    log_row_from(w, &who, address, None).await
}

/// Example: Then the sign-in log shows a sign-in for Dana from 198.51.100.77 in "Lyon"
/// Expression: the sign-in log shows a sign-in for {person} from {address} in {string}
#[then(
    regex = r#"^the sign-in log shows a sign-in for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) from (\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}) in (?:"(?P<__2_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__2_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn log_from_place(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    address: Address,
    place: String,
) -> Result<()> {
    w.at(step);
    log_row_from(w, &who, address, Some(&place)).await
}

/// A row of `who`'s in the sign-in log from `address` (and, if given, a place that contains
/// `place`); failing, the message lists `who`'s rows with where they came from.
async fn log_row_from(
    w: &GuideWorld,
    who: &str,
    address: Address,
    place: Option<&str>,
) -> Result<()> {
    let upn = w.person(who)?.upn.clone();
    let log = w.sim()?.admin.sign_in_log().await?;
    let theirs: Vec<_> = log.iter().filter(|r| r.user == upn).collect();
    let found = theirs.iter().any(|r| {
        r.address == Some(address.0)
            && place.is_none_or(|p| {
                r.place
                    .is_some_and(|at| at.to_lowercase().contains(&p.to_lowercase()))
            })
    });
    let wanted = match place {
        Some(p) => format!("{address} in \"{p}\""),
        None => address.to_string(),
    };
    ensure!(
        found,
        "no sign-in for {who} from {wanted}; {who}'s rows in the log:\n{}",
        if theirs.is_empty() {
            "(none)".to_string()
        } else {
            theirs
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        }
    );
    Ok(())
}
