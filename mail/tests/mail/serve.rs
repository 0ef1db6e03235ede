//! `mfa-sim-mail serve` as a technician runs it: the ports, an App Password the simulated
//! user made on the simulated pages, curl commands that work as printed, and each sign-in
//! printed as it happens.

use crate::common::tool;
use crate::train::{Stream, after};
use std::process::{Command, Stdio};

#[test]
fn serve_prints_working_commands_and_each_sign_in() {
    if !tool("curl", "serve_prints_working_commands_and_each_sign_in") {
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim-mail"))
        .arg("--project")
        .arg(&root)
        .args(["serve", "--user", "lee", "--app-password"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mfa-sim-mail runs");
    let mut out = Stream::of(child.stdout.take().expect("piped"));
    out.until(|t| t.contains("Ctrl-C stops").then_some(()));
    let app = after(&out.text, "or the App Password ")
        .expect("the App Password is printed")
        .to_string();
    assert_eq!(app.len(), 16, "{}", out.text);
    assert!(
        out.text.contains("simulated time 2021-06-01"),
        "{}",
        out.text
    );
    // The first printed command, as printed (its quotes are the shell's).
    let line = out
        .text
        .lines()
        .find(|l| l.trim_start().starts_with("curl --user") && l.ends_with("/INBOX"))
        .expect("an IMAP command is printed")
        .to_string();
    let words: Vec<String> = line
        .split_whitespace()
        .map(|w| w.trim_matches('\'').to_string())
        .collect();
    assert_eq!(words[2], format!("lee@contoso.com:{app}"), "{line}");
    let curl = Command::new("curl")
        .args(["--silent", "--show-error", "--max-time", "20"])
        .args(&words[1..])
        .output()
        .expect("curl runs");
    assert!(curl.status.success(), "{line}: {curl:?}");
    let row = out.until(|t| {
        t.lines()
            .find(|l| l.starts_with("sign-in: "))
            .map(str::to_string)
    });
    assert!(
        row.contains("| lee@contoso.com | a real IMAP client at 127.0.0.1 | IMAP (basic authentication) | - | App password | Success |"),
        "{row}"
    );
    // A name with a `|` in it cannot add a column to the printed row.
    let url = words.last().expect("a URL").to_string();
    let refused = Command::new("curl")
        .args([
            "--silent",
            "--max-time",
            "20",
            "--user",
            "x|y@contoso.com:wrong",
        ])
        .arg(&url)
        .output()
        .expect("curl runs");
    assert_eq!(refused.status.code(), Some(67), "{refused:?}");
    let row = out.until(|t| {
        t.lines()
            .filter(|l| l.starts_with("sign-in: "))
            .nth(1)
            .map(str::to_string)
    });
    assert!(row.contains("| x\\|y@contoso.com | a real IMAP"), "{row}");
    // Started by this test; ended by its id.
    child.kill().expect("the server stops");
    let _ = child.wait();
}
