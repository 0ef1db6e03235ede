//! Then and now: the guide's scenarios replayed on today's tenant and on 2027-02-01. The
//! verdicts come from the two runs; these tests check that the differences entra-facts lists
//! are found, and that the guide's own date shows nothing but the claims wrong even then.

use crate::common;

use mfa_sim::verdict::Verdict;

use common::{replayed_verdicts as check, verdict_of as of};

#[tokio::test(flavor = "multi_thread")]
async fn on_the_guides_date_every_step_holds_but_the_claims_wrong_even_then() {
    let v = check("contoso", None).await;
    assert_eq!(v.len(), 49);
    for s in &v {
        assert_eq!(
            s.verdict,
            Verdict::Holds,
            "{} on the guide's own date: {}",
            s.id,
            s.verdict.explain()
        );
    }
    let wrong: Vec<&str> = v
        .iter()
        .filter(|s| s.wrong_even_then.is_some())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(wrong, ["INTRO-3", "SMS-04", "MSA-04", "APW-00", "APW-09"]);
    // Rule 16: the guide's "a phone call with the code" was never so.
    assert!(
        of(&v, "SMS-04")
            .wrong_even_then
            .as_deref()
            .unwrap()
            .contains("never carries a code")
    );
    assert!(
        of(&v, "APW-09")
            .wrong_even_then
            .as_deref()
            .unwrap()
            .contains("every connection")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn today_shows_what_changed() {
    let v = check("contoso-today", None).await;
    let explain = |id: &str| of(&v, id).verdict.explain();
    // Number matching on every Authenticator request.
    assert!(matches!(of(&v, "MSA-06").verdict, Verdict::Differs(_)));
    assert!(
        explain("MSA-06").contains("number to type"),
        "{}",
        explain("MSA-06")
    );
    // No App Password offered during setup.
    assert!(
        explain("SMS-06").contains("no App Password"),
        "{}",
        explain("SMS-06")
    );
    // Basic authentication for mail apps is gone, IMAP included.
    for id in ["APW-08", "LEGACY-1"] {
        let Verdict::NoLongerPossible { why, instead, .. } = &of(&v, id).verdict else {
            panic!("{id}: {}", explain(id))
        };
        assert!(
            why.contains("basic authentication") && why.contains("2022-10-01"),
            "{why}"
        );
        assert!(instead.contains("modern authentication"), "{instead}");
    }
    // The third-party app's link is now "I want to use a different authenticator app".
    assert!(
        explain("TPA-02").contains("I want to use a different authenticator app"),
        "{}",
        explain("TPA-02")
    );
    assert!(
        explain("TPA-02").contains("Configure app without notifications"),
        "{}",
        explain("TPA-02")
    );
    // Texted codes still work today, but a passkey is suggested after them (rule 35 in src/rules.rs).
    assert!(
        explain("SMS-10").contains("Add a passkey"),
        "{}",
        explain("SMS-10")
    );
    // Outlook still handles MFA itself.
    assert_eq!(
        of(&v, "INTRO-2").verdict,
        Verdict::Holds,
        "{}",
        explain("INTRO-2")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn from_february_2027_texts_and_calls_need_a_telephony_provider() {
    let v = check("contoso-today", Some("2027-02-01")).await;
    for id in ["SMS-05", "SMS-09", "SMS-10"] {
        let Verdict::NoLongerPossible { why, .. } = &of(&v, id).verdict else {
            panic!("{id}: {}", of(&v, id).verdict.explain())
        };
        assert!(why.contains("no longer available"), "{why}");
    }
    let own = check("contoso-telephony", Some("2027-02-01")).await;
    for id in ["SMS-09", "SMS-10"] {
        assert!(
            !matches!(of(&own, id).verdict, Verdict::NoLongerPossible { .. }),
            "{id} with a telephony provider: {}",
            of(&own, id).verdict.explain()
        );
    }
}
