//! The book: built in-process into a temporary folder and checked the way a reader would,
//! plus fixture books that must refuse to build.

use crate::common;
use base64::Engine;

use mfa_sim::book::build_at;

fn book_dir() -> std::path::PathBuf {
    common::repo().book()
}
use mfa_sim::tenant::oath::Oath;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn pages(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(pages(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// (guide IDs, the block's HTML) for every scenario block on a page.
fn scenario_blocks(html: &str) -> Vec<(Vec<String>, String)> {
    html.split(r#"<div class="mfa-scenario" id=""#)
        .skip(1)
        .map(|block| {
            let ids = block
                .split("data-guide=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default();
            (
                ids.split_whitespace().map(str::to_string).collect(),
                block.to_string(),
            )
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&amp;", "&")
}

fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var("MFA_SIM_REQUIRE_TOOLS").is_err(),
            "{name} is required (MFA_SIM_REQUIRE_TOOLS is set) but not installed"
        );
        eprintln!(
            "SKIPPED the cross-check with {name}: it is not installed (apt-get install zbar-tools)"
        );
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn the_book_shows_every_guide_step_with_live_outputs_and_is_deterministic() {
    // The first build is shared with the other tests that read the book; the second runs
    // beside it (the tests waiting for the first would otherwise leave a core idle).
    let second = tempfile::tempdir().unwrap();
    // On a thread and runtime of its own, as `built_book`: a book build is not `Send`.
    let again = std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(build_at(&book_dir(), Some(second.path())))
            .expect("the book builds twice");
        second
    });
    let first = tokio::task::spawn_blocking(common::built_book)
        .await
        .expect("the shared build did not panic");
    let second = again.join().expect("the second build did not panic");

    let a = pages(first);
    let b = pages(second.path());
    assert_eq!(a.len(), b.len());
    for ((pa, ha), (_, hb)) in a.iter().zip(&b) {
        assert!(ha == hb, "{} differs between two builds", pa.display());
    }

    let mut shown: BTreeSet<String> = BTreeSet::new();
    for (path, html) in &a {
        // Directives documented in code spans are meant to stay visible.
        let prose: String = html
            .split("<code>")
            .map(|part| part.split_once("</code>").map_or(part, |(_, rest)| rest))
            .collect();
        assert!(
            !prose.contains("{{#"),
            "unresolved directive left in {}",
            path.display()
        );
        for (ids, block) in scenario_blocks(html) {
            assert!(
                !block.contains("mfa-step mfa-failed") && !block.contains("mfa-undefined"),
                "a failed step is shown in {}",
                path.display()
            );
            if block.contains(r#"class="mfa-output"#) {
                shown.extend(ids);
            }
        }
    }
    let expected: BTreeSet<String> = mfa_sim::guide::load(&common::repo().guide_steps())
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    let missing: Vec<&String> = expected.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "guide steps with no live output in the book: {missing:?}"
    );
    assert_eq!(expected.len(), 49);

    // The rules chapter: every rule has its anchor, and tagged scenarios link to their pages.
    let rules = &a
        .iter()
        .find(|(p, _)| p.ends_with("rules.html"))
        .expect("the rules chapter is built")
        .1;
    for n in 1..=36 {
        assert!(
            rules.contains(&format!(r#"id="rule-{n}""#)),
            "no anchor rule-{n}"
        );
    }
    assert!(
        rules.contains(r#"<a href="troubleshooting.html#sc-troubleshooting-"#),
        "scenarios tagged @rule:N link to the page that shows them"
    );
    assert!(rules.contains("tests/suite/unit/tenant/verification.rs::app_codes_replay_and_age"));

    let intro = &a
        .iter()
        .find(|(p, _)| p.ends_with("text-messages.html"))
        .unwrap()
        .1;
    // Scenarios covering several guide steps show which of their steps serve which.
    let marked = scenario_blocks(intro)
        .into_iter()
        .find(|(ids, _)| ids.iter().any(|i| i == "SMS-08"))
        .expect("the SMS-05..08 scenario is on its page")
        .1;
    let order: Vec<usize> = [
        r#"<li class="mfa-serves">set-up for guide step SMS-05</li>"#,
        r#"<li class="mfa-serves">guide step SMS-05</li>"#,
        r#"<li class="mfa-serves">guide step SMS-06</li>"#,
        r#"<li class="mfa-serves">guide step SMS-08</li>"#,
    ]
    .iter()
    .map(|l| {
        marked
            .find(l)
            .unwrap_or_else(|| panic!("{l} missing in {marked}"))
    })
    .collect();
    assert!(order.is_sorted(), "{order:?}");
    assert!(
        intro.contains("mfa-sim 0.1.0") && intro.contains("2021-06-01 09:00:00 UTC"),
        "each page names the simulator version and simulated date"
    );

    // "Does this guide still hold?": each guide step's row lists its own notes, one item each.
    let holds = &a
        .iter()
        .find(|(p, _)| p.ends_with("still-holds.html"))
        .expect("the still-holds page is built")
        .1;
    let row = |id: &str| {
        let start = holds
            .find(&format!(r#"<section class="mfa-holds" id="holds-{id}">"#))
            .unwrap_or_else(|| panic!("no row for {id}"));
        let rest = &holds[start..];
        unescape(&rest[..rest.find("</section>").unwrap()])
    };
    // "Valid until": the first review date and its reason, from the rule registry's days.
    let forecast = unescape(holds);
    assert!(
        forecast.contains("Review this guide by 2027-02-01")
            && forecast.contains(r#"<a href="rules.html#rule-36">rule 36</a>"#)
            && forecast.contains(r##"<a href="#holds-SMS-09">SMS-09</a> on 2027-02-01"##),
        "the still-holds page gives the guide's review date and why"
    );
    let sms08 = row("SMS-08");
    assert!(
        sms08.contains("cannot be followed")
            && sms08.contains("<li>The replay cannot go on")
            && sms08.contains("features/text-messages.feature:"),
        "{sms08}"
    );
    let sms05 = row("SMS-05");
    assert!(
        sms05.contains("<li>In set-up") && !sms05.contains("Stay signed in?"),
        "SMS-05's row carries only its own notes: {sms05}"
    );
    let msa04 = row("MSA-04");
    assert!(
        msa04.contains("wrong even then")
            && msa04.contains("Even then:")
            && msa04.contains("\"Finish\""),
        "{msa04}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_qr_code_in_the_book_decodes_to_the_scenarios_otpauth_link() {
    let html = std::fs::read_to_string(common::built_book().join("third-party-authenticator.html"))
        .unwrap();
    let block = scenario_blocks(&html)
        .into_iter()
        .map(|(_, b)| b)
        .find(|b| b.contains("data-payload=\"otpauth://"))
        .expect("an otpauth QR code");
    let img = block
        .split(r#"<img class="mfa-qr""#)
        .find(|s| s.contains("data-payload=\"otpauth://"))
        .unwrap();
    let payload = unescape(
        img.split("data-payload=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap(),
    );
    let png = base64::engine::general_purpose::STANDARD
        .decode(
            img.split("base64,")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap(),
        )
        .unwrap();

    // The secret in the link is the one the scenario used: the code the app showed in the same
    // scenario is that secret's code at the simulated time it was shown.
    let oath = Oath::from_uri(&payload).expect("an otpauth link");
    let card = block
        .split(r#"<div class="mfa-output mfa-code">"#)
        .nth(1)
        .expect("the app showed a code");
    let time = card
        .split(r#"<div class="mfa-meta">"#)
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let shown = card
        .split(r#"<div class="mfa-code">"#)
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .replace(' ', "");
    let at = mfa_sim::clock::parse_instant(&format!("2021-06-01T{time}Z")).unwrap();
    assert_eq!(
        oath.code_at(at),
        shown,
        "the QR's secret produced the code shown in the scenario"
    );

    if tool("zbarimg") {
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("qr.png");
        std::fs::write(&file, png).unwrap();
        let decoded = std::process::Command::new("zbarimg")
            .args(["--raw", "-q"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            decoded.status.success(),
            "zbarimg could not read the QR image"
        );
        assert_eq!(String::from_utf8_lossy(&decoded.stdout).trim(), payload);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_step_fails_the_build_and_names_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-book");
    let out = tempfile::tempdir().unwrap();
    let err = format!("{:#}", build_at(&root, Some(out.path())).await.unwrap_err());
    assert!(
        err.contains("broken.feature")
            && err.contains("A check that cannot hold")
            && err.contains("MFA state is \"enforced\""),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_directive_naming_no_scenario_fails_the_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/missing-scenario-book");
    let out = tempfile::tempdir().unwrap();
    let err = format!("{:#}", build_at(&root, Some(out.path())).await.unwrap_err());
    assert!(err.contains("A scenario nobody wrote"), "{err}");
}

/// `mdbook build book` runs `mfa-sim preprocess` as book.toml says: the binary answers the
/// `supports` question and turns the book JSON on stdin into the book with live outputs.
/// The protocol is the same for any project: a new one (`mfa-sim new`) keeps this test quick.
#[test]
fn the_preprocessor_command_speaks_mdbooks_protocol() {
    use mdbook_preprocessor::PreprocessorContext;
    use std::io::Write;
    use std::process::{Command, Stdio};
    let bin = env!("CARGO_BIN_EXE_mfa-sim");
    assert!(
        Command::new(bin)
            .args(["preprocess", "supports", "html"])
            .status()
            .unwrap()
            .success()
    );
    assert!(
        !Command::new(bin)
            .args(["preprocess", "supports", "pdf"])
            .status()
            .unwrap()
            .success()
    );

    let dir = tempfile::tempdir().unwrap();
    mfa_sim::scaffold::create(&dir.path().join("desk")).expect("a new project");
    let book_dir = dir.path().join("desk/book");
    let book = mdbook_driver::MDBook::load(&book_dir).unwrap();
    let ctx = PreprocessorContext::new(book_dir.clone(), book.config.clone(), "html".into());
    let input = serde_json::to_vec(&(&ctx, &book.book)).unwrap();
    let mut child = Command::new(bin)
        .arg("preprocess")
        .current_dir(&book_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let processed: mdbook_preprocessor::book::Book =
        serde_json::from_slice(&out.stdout).expect("a book comes back");
    let chapter = processed
        .chapters()
        .find(|c| c.name == "Setting up sign-in with text messages")
        .expect("the chapter");
    assert!(
        chapter.content.contains(r#"class="mfa-scenario""#),
        "no live scenario in the chapter"
    );
    assert!(
        !chapter.content.contains("{{#scenario"),
        "a directive was left in the chapter"
    );
}

/// The cards of one kind of device or admin screen (`data-panel`) in a page, each up to the
/// end of its card.
fn panels<'a>(html: &'a str, kind: &str) -> Vec<&'a str> {
    html.split(&format!(r#"data-panel="{kind}""#))
        .skip(1)
        .map(|rest| {
            rest.split(r#"<div class="mfa-output"#)
                .next()
                .unwrap_or(rest)
        })
        .collect()
}

/// The text of a table's cells in a card, row by row.
fn cells(card: &str) -> Vec<Vec<String>> {
    card.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td>")
                .skip(1)
                .map(|c| unescape(c.split("</td>").next().unwrap_or_default()))
                .collect::<Vec<String>>()
        })
        .filter(|r| !r.is_empty())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_iphone_mail_and_admin_screens_are_drawn_from_the_simulation() {
    let dir = common::built_book();
    let read = |page: &str| std::fs::read_to_string(dir.join(page)).unwrap();

    // The account added with "Configure Manually" stores the App Password, shown as dots.
    let app_passwords = read("app-passwords.html");
    let manual = panels(&app_passwords, "mail-account");
    assert!(
        manual
            .iter()
            .any(|c| c.contains(">Password<") && c.contains("••••••••") && c.contains(">Server<")),
        "no iPhone Mail account set up by hand on the App Passwords page"
    );
    // Today's account added with "Sign in": the phone's prompt, then an account with no
    // password field and its Mail switch on once connected.
    let today = read("today-mail-apps.html");
    let signed_in = panels(&today, "mail-account");
    assert!(
        signed_in
            .iter()
            .any(|c| c.contains(">Configure Manually<") && c.contains("mfa-pressed\">Sign In<")),
        "no \"Sign in\" choice on today's mail page"
    );
    assert!(
        signed_in.iter().any(|c| c.contains(">Account<")
            && !c.contains(">Password<")
            && c.contains("mfa-toggle-on")),
        "no connected \"Sign in\" account on today's mail page"
    );
    // Everything the phone says that Apple's words are not is marked.
    for card in manual.iter().chain(&signed_in) {
        assert!(card.contains("mfa-ours"), "an unmarked status line: {card}");
    }

    // The admin's page of a user's methods lists what that user registered in the same
    // scenario: every phone number on it was typed or shown elsewhere in the scenario.
    let troubleshooting = read("troubleshooting.html");
    let mut phones_checked = 0;
    for (_, block) in scenario_blocks(&troubleshooting) {
        let cards = panels(&block, "auth-methods");
        let mut elsewhere = block.clone();
        for card in &cards {
            elsewhere = elsewhere.replace(card, "");
        }
        let digits_elsewhere = elsewhere.replace([' ', '-', '(', ')'], "");
        for card in &cards {
            assert!(card.contains("Dana Whitfield"), "{card}");
            for row in cells(card) {
                if row[0] == "Phone number" {
                    let number: String = row[1]
                        .split('(')
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .filter(char::is_ascii_digit)
                        .collect();
                    let local = &number[number.len().saturating_sub(10)..];
                    assert!(
                        local.len() == 10 && digits_elsewhere.contains(local),
                        "the methods page lists {} that the scenario never registered",
                        row[1]
                    );
                    phones_checked += 1;
                }
            }
        }
    }
    // A sign-in log entry opens as its details, the simulator's place names marked.
    assert!(
        panels(&troubleshooting, "sign-in-details")
            .iter()
            .any(|c| c.contains(">IP address<")
                && c.contains("Location:")
                && c.contains("mfa-ours")),
        "no sign-in log details on the troubleshooting page"
    );
    assert!(
        phones_checked > 0,
        "no authentication methods page with a phone on the troubleshooting page"
    );
}
