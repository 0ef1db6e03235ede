//! Claims a guide makes about the service that a rule of the service decides, found by the
//! words guides use for them. Each names its rule (`crate::rules`), from which the verdict
//! takes the rule's statement and source, and the day from which the claim is wrong (none:
//! it never held).
//!
//! The phrases are this project's list of how guides word these claims; add to it when a
//! guide words one differently. A sentence matching no phrase is not a claim here, and is
//! reported as not checked when nothing else in it can be checked.

use crate::clock::Instant;
use crate::tenant::calendar::cutover;

/// A claim and the rule that decides it.
#[derive(Debug, PartialEq, Eq)]
pub struct Claim {
    /// Words that make a sentence this claim (lower case; all of one group must appear).
    pub phrases: &'static [&'static [&'static str]],
    /// What the guide claims, in a few words.
    pub says: &'static str,
    /// The rule that decides it (`crate::rules`).
    pub rule: u8,
    /// The claim is wrong from this day on; `None`: it never held.
    pub wrong_from: Option<Instant>,
    /// What is true instead, in the project's words.
    pub instead: &'static str,
}

/// Every claim the checker knows.
pub const CLAIMS: &[Claim] = &[
    Claim {
        phrases: &[
            &["one time use"],
            &["one-time use"],
            &["single use", "password"],
        ],
        says: "an App Password works once",
        rule: 22,
        wrong_from: None,
        instead: "an App Password is typed once into the app and used on every connection until it is deleted",
    },
    Claim {
        phrases: &[&["phone call with the code"], &["call with the code"]],
        says: "a verification call reads out a code",
        rule: 16,
        wrong_from: None,
        instead: "a verification call never carries a code: the person answers and presses #",
    },
    Claim {
        phrases: &[
            &["mail app", "app password"],
            &["non-microsoft", "app password"],
            &["do not support", "app password"],
        ],
        says: "mail apps that send a password keep working with an App Password",
        rule: 24,
        wrong_from: Some(cutover::OCTOBER_2022),
        instead: "Exchange Online no longer takes basic authentication for IMAP, POP, ActiveSync or EWS, so App Passwords no longer help those apps; add the account with \"Sign in\" or use Outlook",
    },
    Claim {
        phrases: &[&["code texted to your phone"], &["text message", "code"]],
        says: "Microsoft sends codes by text message",
        rule: 36,
        wrong_from: Some(cutover::PHONE_DELIVERY_END),
        instead: "Microsoft no longer sends its own texts and calls; register Microsoft Authenticator or a passkey",
    },
    Claim {
        phrases: &[&["approve a", "authenticator app"]],
        says: "the sign-in is approved in the app with a tap",
        rule: 33,
        wrong_from: Some(cutover::NUMBER_MATCHING),
        instead: "the app asks for the number shown on the sign-in page before it approves",
    },
];

/// The claims `lower` (a sentence in lower case) makes.
pub fn in_sentence(lower: &str) -> impl Iterator<Item = &'static Claim> + '_ {
    CLAIMS.iter().filter(move |c| {
        c.phrases
            .iter()
            .any(|group| group.iter().all(|p| lower.contains(p)))
    })
}
