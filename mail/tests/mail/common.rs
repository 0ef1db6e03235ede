//! What the tests share: a tenant from the project's scenarios with its listeners, an App
//! Password made on the simulated pages, the outside tools, and the sign-in log's rows.

use mfa_sim::harness::GuideWorld;
use mfa_sim::records::SignInRow;
use mfa_sim_mail::listeners::{Listeners, Wanted};
use mfa_sim_mail::{Exchange, Limits, setup};
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::Output;

/// The project's own scenarios folder.
pub fn scenarios() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("scenarios")
}

/// The project's `tenant` started on its own date, without listeners.
pub async fn setup_world(tenant: &str) -> GuideWorld {
    setup::world(&scenarios(), tenant, None)
        .await
        .expect("the project's tenant starts")
}

/// A tenant on a date with its listeners on 127.0.0.1.
pub struct Served {
    pub world: GuideWorld,
    pub listeners: Listeners,
    pub exchange: Exchange,
}

impl Served {
    /// `tenant` on `date` (none: its own), default bounds.
    pub async fn start(tenant: &str, date: Option<&str>) -> Served {
        Self::with_limits(tenant, date, Limits::default()).await
    }

    /// ... with other bounds.
    pub async fn with_limits(tenant: &str, date: Option<&str>, limits: Limits) -> Served {
        let world = setup::world(&scenarios(), tenant, date)
            .await
            .expect("the project's tenant starts");
        let exchange = Exchange::with_limits(world.sim().unwrap().tenant.clone(), limits);
        let listeners = Listeners::start(
            exchange.clone(),
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            Wanted::default(),
        )
        .await
        .expect("the listeners bind on 127.0.0.1");
        Served {
            world,
            listeners,
            exchange,
        }
    }

    /// An App Password `who` makes on the simulated pages.
    pub async fn app_password(&self, who: &str) -> String {
        setup::app_password(&self.world, who, "Real mail client")
            .await
            .expect("the simulated user makes an App Password")
    }

    /// The sign-in log's rows from `from` on.
    pub fn rows_since(&self, from: usize) -> Vec<SignInRow> {
        let tenant = self.world.sim().unwrap().tenant.clone();
        let t = tenant.lock();
        t.sign_in_log()[from.min(t.sign_in_log().len())..].to_vec()
    }

    /// How many rows the sign-in log has.
    pub fn rows(&self) -> usize {
        self.world.sim().unwrap().tenant.lock().sign_in_log().len()
    }

    /// `127.0.0.1:port` of a protocol.
    pub fn at(&self, port: u16) -> String {
        format!("127.0.0.1:{port}")
    }
}

/// Whether an outside tool is there; when it is not, says so (or fails when
/// MFA_SIM_REQUIRE_TOOLS is set, as in the project's other tests).
pub fn tool(name: &str, test: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("MFA_SIM_REQUIRE_TOOLS").is_none(),
            "{test}: `{name}` is required (MFA_SIM_REQUIRE_TOOLS is set) but not installed"
        );
        eprintln!("SKIPPED {test}: `{name}` is not installed (apt-get install {name})");
    }
    found
}

/// Run a program to its end off the runtime's threads (the listeners keep serving).
pub async fn run(program: &str, args: Vec<String>, input: Option<Vec<u8>>) -> Output {
    let program = program.to_string();
    tokio::task::spawn_blocking(move || {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new(&program)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
        let mut stdin = child.stdin.take().expect("stdin was piped");
        if let Some(bytes) = input {
            stdin.write_all(&bytes).expect("writes the input");
        }
        drop(stdin);
        child.wait_with_output().expect("the program ends")
    })
    .await
    .expect("the blocking task ends")
}

/// curl with `--user user:secret`, bounded in time, and the URL; its exit status and output.
pub async fn curl(user: &str, secret: &str, url: &str, extra: &[&str]) -> (i32, String) {
    let mut args: Vec<String> = vec![
        "--silent".into(),
        "--show-error".into(),
        "--max-time".into(),
        "20".into(),
        "--user".into(),
        format!("{user}:{secret}"),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(url.to_string());
    let out = run(
        "curl",
        args,
        Some(b"Subject: hello\r\n\r\nA test message.\r\n".to_vec()),
    )
    .await;
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// A Python script (given on stdin) with arguments; its exit status and output.
pub async fn python(script: &str, args: &[String]) -> (i32, String) {
    let mut all = vec!["-".to_string()];
    all.extend(args.iter().cloned());
    let out = run("python3", all, Some(script.as_bytes().to_vec())).await;
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The rows as the sign-in log prints them, one a line (for assertion messages).
pub fn shown(rows: &[SignInRow]) -> String {
    rows.iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
