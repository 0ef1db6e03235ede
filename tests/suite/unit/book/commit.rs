//! Tests of `mfa_sim::book::commit_of` (`src/book/mod.rs`): the commit a book names, and
//! whether the checkout's tracked files had changes not yet committed.

use std::process::Command;

fn git(dir: &std::path::Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_commit_says_when_tracked_files_changed() {
    let dir = tempfile::tempdir().unwrap();
    if !git(dir.path(), &["init", "-q"]) {
        assert!(
            std::env::var("MFA_SIM_REQUIRE_TOOLS").is_err(),
            "git is required (MFA_SIM_REQUIRE_TOOLS is set) but not installed"
        );
        eprintln!("SKIPPED the_commit_says_when_tracked_files_changed: git is not installed");
        return;
    }
    assert_eq!(mfa_sim::book::commit_of(dir.path()), None, "no commit yet");
    std::fs::write(dir.path().join("guide.md"), "one\n").unwrap();
    assert!(git(dir.path(), &["add", "guide.md"]));
    assert!(git(dir.path(), &["commit", "-q", "-m", "first"]));
    let clean = mfa_sim::book::commit_of(dir.path()).expect("a checkout");
    assert_eq!(clean.hash.len(), 40);
    assert_eq!(clean.changed, Some(false));
    // An untracked file (a built book, say) is no change to the commit's files.
    std::fs::write(dir.path().join("notes.txt"), "x\n").unwrap();
    assert_eq!(
        mfa_sim::book::commit_of(dir.path()).unwrap().changed,
        Some(false)
    );
    std::fs::write(dir.path().join("guide.md"), "two\n").unwrap();
    let changed = mfa_sim::book::commit_of(dir.path()).unwrap();
    assert_eq!(changed.hash, clean.hash);
    assert_eq!(changed.changed, Some(true));
}
