//! The `mfa-sim-mail` binary (also reached as `mfa-sim mail ...`): the mail listeners for
//! real clients, on the simulated tenant of a project.
//!
//! - `serve`: the tenant on a chosen date, the four listeners, ready-to-paste curl commands,
//!   and each sign-in row printed as it happens, until Ctrl-C;
//! - `train EXERCISE`: the terminal trainer with the listeners attached to the session's
//!   simulation (followed across `restart`), so a trainee can point a real client at it.
//!
//! A training server: plain text, 127.0.0.1 unless `--listen` says otherwise (with a warning).

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use mfa_sim::Project;
use mfa_sim_mail::listeners::{Listeners, Wanted};
use mfa_sim_mail::{Exchange, Ports, setup};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Real mail clients (curl, Python, Thunderbird) against the simulated tenant: a training
/// server for IMAP, POP3, SMTP submission and Exchange ActiveSync, in plain text on
/// 127.0.0.1.
#[derive(Parser, Debug)]
#[command(name = "mfa-sim-mail", version, about, long_about = None)]
struct Cli {
    /// The project (a folder with `mfa-sim.toml`); default: the nearest one at or above the
    /// current directory.
    #[arg(long, global = true, value_name = "DIR")]
    project: Option<PathBuf>,
    /// The address to listen on (default 127.0.0.1; anything else is reachable from other
    /// machines, in plain text, and a warning says so).
    #[arg(long, global = true, value_name = "ADDR", default_value = "127.0.0.1")]
    listen: IpAddr,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start the tenant and the listeners; print the ports, curl commands and each sign-in.
    Serve {
        /// The tenant: a name in the project's scenarios/ or a path to a YAML file.
        #[arg(long, default_value = "contoso")]
        tenant: String,
        /// The simulated date (YYYY-MM-DD); default: the tenant file's own.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Whose credentials the printed commands use (first name or sign-in name; default:
        /// the tenant's first person).
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Have that user make an App Password on the simulated pages first (turning on
        /// per-user MFA when it is off and registering text messages), and print it.
        #[arg(long)]
        app_password: bool,
    },
    /// Play an exercise in the terminal trainer with the listeners attached to its tenant.
    Train {
        /// The exercise id (`mfa-sim train` lists them).
        exercise: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mfa-sim-mail: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mfa-sim-mail: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let project = Project::locate(cli.project.as_deref())?;
    if let Some(line) = project.notice() {
        eprintln!("{line}");
    }
    if !cli.listen.is_loopback() {
        eprintln!(
            "mfa-sim-mail: warning: listening on {}, reachable from other machines; this training server takes passwords in plain text",
            cli.listen
        );
    }
    match cli.command {
        Command::Serve {
            tenant,
            date,
            user,
            app_password,
        } => {
            serve(
                &project,
                cli.listen,
                &tenant,
                date.as_deref(),
                user,
                app_password,
            )
            .await
        }
        Command::Train { exercise } => train(&project, cli.listen, &exercise).await,
    }
}

async fn serve(
    project: &Project,
    listen: IpAddr,
    tenant: &str,
    date: Option<&str>,
    user: Option<String>,
    app_password: bool,
) -> Result<ExitCode> {
    let world = setup::world(&project.scenarios(), tenant, date).await?;
    let sim = world.sim()?;
    let person = match &user {
        Some(who) => world.person(who)?.clone(),
        None => sim
            .people()
            .first()
            .cloned()
            .context("the tenant has nobody in it")?,
    };
    let made = if app_password {
        Some(setup::app_password(&world, &person.upn, "Real mail client").await?)
    } else {
        None
    };
    let exchange = Exchange::new(sim.tenant.clone());
    let mut rows = exchange.rows();
    let listeners = Listeners::start(exchange, listen, Wanted::default())
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let now = mfa_sim::clock::format_instant(sim.clock.now());
    println!(
        "mfa-sim-mail: a training server for real mail clients, tenant `{tenant}`, simulated time {now} (it does not move)."
    );
    println!("{}", ports_text(listen, listeners.ports));
    println!(
        "\n{} ({}) signs in with the account password {}{}",
        person.name,
        person.upn,
        person.password,
        match &made {
            Some(p) => format!(" or the App Password {p} (made just now on the simulated App passwords page)"),
            None => ". For an App Password made on the simulated pages, start again with --app-password.".into(),
        }
    );
    let secret = made.as_deref().unwrap_or(&person.password);
    println!(
        "\n{}",
        curl_text(listen, listeners.ports, &person.upn, secret)
    );
    println!(
        "\nEach sign-in the listeners cause is printed below as the sign-in log shows it. Ctrl-C stops."
    );
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            row = rows.recv() => match row {
                Ok(row) => println!("sign-in: {}", shown(row)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    println!("sign-in: ({n} rows not shown: they came too fast)");
                }
                Err(_) => break,
            },
        }
    }
    listeners.stop().await;
    Ok(ExitCode::SUCCESS)
}

/// A row as `serve` prints it: the name a client typed cannot drive the terminal (cleaned of
/// control, though the listeners already refuse names that hold any) nor add a column (a `|`
/// in it is written `\|`).
fn shown(mut row: mfa_sim::records::SignInRow) -> String {
    row.user = row.user.replace('|', "\\|");
    mfa_sim::trainer::clean::clean(&row.to_string())
}

/// The host part of a URL or `host:port` for `at`: an IPv6 address in brackets, and for the
/// unspecified address (listening on all of them) the loopback one, which reaches it from this
/// machine.
fn host(at: IpAddr) -> String {
    match at {
        IpAddr::V4(a) if a.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(a) if a.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    }
}

/// Where each protocol listens.
fn ports_text(listen: IpAddr, p: Ports) -> String {
    let at = host(listen);
    let all = if listen.is_unspecified() {
        format!("  (listening on every address of this machine, {listen}; from this machine:)\n")
    } else {
        String::new()
    };
    format!(
        "{all}  IMAP        {at}:{}\n  POP3        {at}:{}\n  SMTP        {at}:{}\n  ActiveSync  http://{at}:{}/Microsoft-Server-ActiveSync",
        p.imap, p.pop, p.smtp, p.activesync
    )
}

/// Commands to paste (a password with a quote in it would need escaping; the simulator's
/// never have one).
fn curl_text(listen: IpAddr, p: Ports, upn: &str, secret: &str) -> String {
    let at = host(listen);
    let user = format!("'{upn}:{secret}'");
    format!(
        "Try (exit status 67 means the sign-in was refused; the ActiveSync line exits 0 either way and shows 200 or 401):\n  curl --user {user} imap://{at}:{}/INBOX\n  curl --user {user} 'imap://{at}:{}/INBOX;UID=1'\n  curl --user {user} pop3://{at}:{}/1\n  printf 'Subject: hello\\r\\n\\r\\nhi\\r\\n' | curl --user {user} smtp://{at}:{} --mail-from {upn} --mail-rcpt {upn} --upload-file -\n  curl -i -X OPTIONS --user {user} http://{at}:{}/Microsoft-Server-ActiveSync",
        p.imap, p.imap, p.pop, p.smtp, p.activesync
    )
}

async fn train(project: &Project, listen: IpAddr, exercise: &str) -> Result<ExitCode> {
    // An exercise that is not there is said before any port is opened (the id cleaned of
    // terminal control, as the trainer echoes it).
    let exercise = &mfa_sim::trainer::clean::clean(exercise);
    match mfa_sim::trainer::exercise::find_in(&project.exercises(), exercise) {
        Ok(Some(_)) => {}
        Ok(None) => anyhow::bail!("no exercise `{exercise}`; `mfa-sim train` lists them"),
        Err(e) => anyhow::bail!(
            "the exercise `{exercise}` cannot be loaded: {}",
            mfa_sim::trainer::clean::clean(&e.to_string())
        ),
    }
    // Until the session's tenant is attached (before its briefing is printed), the listeners
    // ask an empty tenant of their own, which knows nobody and so refuses everyone.
    let empty = mfa_sim::tenant::Tenant::new(
        "nobody yet",
        mfa_sim::tenant::Policy::default(),
        mfa_sim::clock::Clock::starting_at(mfa_sim::clock::EARLIEST),
        mfa_sim::seed::Seed::new(0),
    );
    let exchange = Exchange::new(mfa_sim::tenant::TenantHandle::new(empty));
    let listeners = Listeners::start(exchange.clone(), listen, Wanted::default())
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    eprintln!(
        "mfa-sim-mail: real mail clients can reach this exercise's tenant:\n{}",
        ports_text(listen, listeners.ports)
    );
    let (wake, woken) = tokio::sync::mpsc::channel(1);
    let mut rows = exchange.rows();
    let forward = tokio::spawn(async move {
        while let Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) =
            rows.recv().await
        {
            // One pending wake-up is enough: the trainer then reads every new row.
            let _ = wake.try_send(());
        }
    });
    let following = exchange.clone();
    let companion = mfa_sim::trainer::Companion {
        follow: Box::new(move |tenant| following.attach(tenant)),
        woken,
    };
    let outcome =
        mfa_sim::trainer::terminal::run_with(project, exercise, None, Some(companion)).await;
    forward.abort();
    listeners.stop().await;
    let (debrief, _) = outcome?;
    Ok(
        if debrief.outcome == mfa_sim::trainer::debrief::Outcome::Met {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        },
    )
}
