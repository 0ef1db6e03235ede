//! The `mfa-sim` binary as a user runs it: help, the demo, the step list, the otpauth link
//! checked against an independent TOTP implementation, and a scenario file with a mistake.

use std::process::{Command, Output};

fn mfa_sim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn help_lists_every_subcommand() {
    let out = stdout(&mfa_sim(&["--help"]));
    for cmd in [
        "demo",
        "run",
        "steps",
        "totp",
        "book",
        "train",
        "check-guide",
        "serve",
        "mail",
    ] {
        assert!(out.contains(cmd), "--help does not list {cmd}:\n{out}");
    }
}

#[test]
fn the_demo_plays_the_text_message_setup_identically_twice() {
    let first = mfa_sim(&["demo"]);
    let second = mfa_sim(&["demo"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        stdout(&first),
        stdout(&second),
        "the demo is not deterministic"
    );
    let text = stdout(&first);
    assert!(text.contains("text from 97671"), "{text}");
    assert!(text.contains("App password:"), "{text}");
    assert!(text.contains("[09:00:00]"), "{text}");
}

#[test]
fn steps_prints_the_vocabulary() {
    let out = stdout(&mfa_sim(&["steps"]));
    assert!(
        out.contains("## browser") && out.contains("e.g. When Dana presses \"Next\""),
        "{out}"
    );
}

#[test]
fn a_scenario_file_with_a_mistake_gets_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, "name: Broken\norganisation: C\ndomain: c.com\ndate: 2021-06-01\nusers:\n  - name: Dana\n    upn: dana@c.com\n    password: x\n    phone: 12\n").unwrap();
    let out = mfa_sim(&[
        "totp",
        "--scenario",
        path.to_str().unwrap(),
        "--at",
        "1622538000",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("broken.yaml:9:12"), "{err}");
    assert!(err.contains("expected struct PhoneSpec"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn oathtool_computes_a_code_the_simulator_accepts() {
    let at = "1622538040";
    let uri = stdout(&mfa_sim(&["totp", "--at", at]));
    let uri = uri.trim();
    assert!(
        uri.starts_with("otpauth://totp/Contoso:dana%40contoso.com?secret="),
        "{uri}"
    );
    assert_eq!(
        uri,
        stdout(&mfa_sim(&["totp", "--at", at])).trim(),
        "same scenario and time, same secret"
    );
    let secret = uri
        .split("secret=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let Ok(oath) = Command::new("oathtool")
        .args(["--totp", "-b", "--now", &format!("@{at}"), secret])
        .output()
    else {
        assert!(
            std::env::var("MFA_SIM_REQUIRE_TOOLS").is_err(),
            "oathtool is required (MFA_SIM_REQUIRE_TOOLS is set) but not installed"
        );
        eprintln!(
            "SKIPPED the cross-check with oathtool: it is not installed (apt-get install oathtool)"
        );
        return;
    };
    let code = stdout(&oath).trim().to_string();
    assert_eq!(code.len(), 6, "oathtool said: {code}");
    let check = mfa_sim(&["totp", "--at", at, "--check", &code]);
    assert!(
        check.status.success(),
        "the simulator refused oathtool's code {code}: {}",
        stdout(&check)
    );
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000);
    assert!(
        !mfa_sim(&["totp", "--at", at, "--check", &wrong])
            .status
            .success(),
        "a wrong code was accepted"
    );
}

/// A child process ended when dropped (also when the test fails half-way).
struct Ended(std::process::Child);

impl Drop for Ended {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_prints_its_loopback_address_and_answers_there() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut server = Ended(
        Command::new(env!("CARGO_BIN_EXE_mfa-sim"))
            .args(["serve", "--no-save"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs"),
    );
    let child = &mut server.0;
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(address.starts_with("127.0.0.1:"), "{line}");
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Practise the MFA guide"));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        !stderr.contains("warning"),
        "loopback needs no warning: {stderr}"
    );
}

#[test]
fn serve_refuses_a_session_bound_of_zero() {
    let out = mfa_sim(&["serve", "--no-save", "--max-sessions", "0"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--max-sessions must be at least 1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn mail_without_its_package_built_says_how_to_build_it() {
    // A copy of the binary (a hard link where the file system allows) in a folder of its own,
    // with an empty PATH: no `mfa-sim-mail` beside it or anywhere.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let alone = dir.path().join("mfa-sim");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_mfa-sim"), &alone).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_mfa-sim"), &alone).expect("copies the binary");
    }
    let out = Command::new(&alone)
        .args(["mail", "serve"])
        .env("PATH", "")
        .output()
        .expect("the binary runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("`mfa-sim-mail` is not built")
            && said.contains("cargo build --release -p mfa-sim-mail"),
        "{said}"
    );
}
