//! `mfa-sim-mail train`: the terminal trainer with the listeners attached to the session's
//! tenant. The trainee (this test, over a pipe) makes an App Password on the simulated pages;
//! curl signs in with it over IMAP; the trainer, woken by the sign-in, shows its row and
//! ends the exercise with the goal met.

use crate::common::tool;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Everything read so far from a stream, added to as lines arrive.
pub(crate) struct Stream {
    lines: mpsc::Receiver<String>,
    pub(crate) text: String,
}

impl Stream {
    pub(crate) fn of(read: impl std::io::Read + Send + 'static) -> Stream {
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(read).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Stream {
            lines,
            text: String::new(),
        }
    }

    /// Read until `found` says the text so far holds what is wanted (30 s at most).
    pub(crate) fn until<T>(&mut self, mut found: impl FnMut(&str) -> Option<T>) -> T {
        let end = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(t) = found(&self.text) {
                return t;
            }
            let left = end.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.text.push_str(&line);
                    self.text.push('\n');
                }
                Err(_) => panic!("not seen in time; so far:\n{}", self.text),
            }
        }
    }
}

/// The word after `marker` in the last place `text` has it.
pub(crate) fn after<'t>(text: &'t str, marker: &str) -> Option<&'t str> {
    let (_, rest) = text.rsplit_once(marker)?;
    rest.split(|c: char| !c.is_ascii_alphanumeric()).next()
}

/// `mfa-sim-mail train real-client-app-password` over pipes: what it prints, and its IMAP
/// port.
struct Trainer {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    out: Stream,
    port: String,
}

impl Trainer {
    fn start() -> Trainer {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut child = Command::new(env!("CARGO_BIN_EXE_mfa-sim-mail"))
            .arg("--project")
            .arg(&root)
            .args(["train", "real-client-app-password"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mfa-sim-mail runs");
        let stdin = child.stdin.take().expect("piped");
        let out = Stream::of(child.stdout.take().expect("piped"));
        let mut err = Stream::of(child.stderr.take().expect("piped"));
        let port = err.until(|t| after(t, "IMAP        127.0.0.1:").map(str::to_string));
        Trainer {
            child,
            stdin,
            out,
            port,
        }
    }

    fn say(&mut self, lines: &[&str]) {
        for line in lines {
            writeln!(self.stdin, "{line}").expect("the trainer reads");
        }
        self.stdin.flush().expect("flushes");
    }

    /// Lee makes an App Password on the simulated pages; returns it (read from the text
    /// printed after this call began).
    fn make_app_password(&mut self) -> String {
        let from = self.out.text.len();
        self.say(&[
            "open account.activedirectory.windowsazure.com/AppPasswords.aspx",
            "type lee@contoso.com",
            "press Next",
            "type Maple-Syrup-Season-7",
            "press Sign in",
        ]);
        let code = self.out.until(|t| {
            let (_, since) = t[from..].rsplit_once("> press Sign in")?;
            after(since, "text from 97671: \"").map(str::to_string)
        });
        self.say(&[
            &format!("type {code}"),
            "press Verify",
            "press No",
            "press app passwords",
            "press Create",
            "type My own mail client",
            "press Next",
        ]);
        self.out
            .until(|t| after(&t[from..], "App password: ").map(str::to_string))
    }

    /// curl reads the inbox over IMAP with `secret`.
    fn imap(&self, secret: &str) -> std::process::Output {
        Command::new("curl")
            .args(["--silent", "--show-error", "--max-time", "20", "--user"])
            .arg(format!("lee@contoso.com:{secret}"))
            .arg(format!("imap://127.0.0.1:{}/INBOX", self.port))
            .output()
            .expect("curl runs")
    }

    /// The end of input; the trainer must end with status 0 (the goal met).
    fn finish(self) {
        let Trainer {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        let status = child.wait().expect("the trainer ends");
        assert!(status.success(), "exit status 0 when the goal is met");
    }
}

#[test]
fn a_real_client_meets_a_trainer_goal() {
    if !tool("curl", "a_real_client_meets_a_trainer_goal") {
        return;
    }
    let mut t = Trainer::start();
    let app = t.make_app_password();
    let curl = t.imap(&app);
    assert!(curl.status.success(), "{curl:?}");
    // No command typed since: the sign-in itself woke the trainer.
    t.out.until(|t| t.contains("*** Goal met").then_some(()));
    assert!(
        t.out
            .text
            .contains("| lee@contoso.com | a real IMAP client at 127.0.0.1 | IMAP (basic authentication) | - | App password | Success |"),
        "{}",
        t.out.text
    );
    t.finish();
}

/// After `restart` the listeners ask the new simulation: an App Password made before it is
/// refused over IMAP (the new one has none yet), and one made after it meets the goal.
#[test]
fn restart_attaches_the_new_simulation() {
    if !tool("curl", "restart_attaches_the_new_simulation") {
        return;
    }
    let mut t = Trainer::start();
    let before = t.make_app_password();
    t.say(&["restart"]);
    t.out.until(|t| t.contains("Starting again.").then_some(()));
    // The trainer attaches its tenant after each command: one more makes sure it has.
    t.say(&["status"]);
    let from = t.out.text.len();
    let refused = t.imap(&before);
    assert_eq!(refused.status.code(), Some(67), "{refused:?}");
    t.out
        .until(|t| t[from..].contains("| Failure |").then_some(()));
    let made = t.make_app_password();
    let accepted = t.imap(&made);
    assert!(accepted.status.success(), "{accepted:?}");
    t.out.until(|t| t.contains("*** Goal met").then_some(()));
    t.finish();
}
