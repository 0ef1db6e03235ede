//! The `mfa-sim` binary: parses the command line (see `cli.rs`) and hands each subcommand to
//! the library. Errors are printed as one readable message; the exit status is non-zero.

use anyhow::{Context, Result};
use clap::Parser;
use mfa_sim::cli::{Cli, Command};
use mfa_sim::harness::{RunOptions, features_dir, run, vocabulary};
use mfa_sim::scenario::{Scenario, resolve};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mfa-sim: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(dispatch(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mfa-sim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(command: Command) -> Result<ExitCode> {
    match command {
        Command::Demo => demo().await,
        Command::Run { tag } => {
            let report = run(
                &features_dir(),
                RunOptions {
                    tag,
                    ..RunOptions::default()
                },
            )
            .await;
            print!("{}", mfa_sim::harness::report_text(&report, false));
            Ok(if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Steps => {
            println!("Steps the features may use (defined in src/harness/steps/):");
            print!("{}", vocabulary::render());
            Ok(ExitCode::SUCCESS)
        }
        Command::Totp {
            scenario,
            user,
            at,
            check,
        } => totp(&scenario, &user, &at, check.as_deref()).await,
        Command::CheckGuide { date, tenant } => {
            if let Some(d) = &date {
                mfa_sim::clock::parse_instant(d)?;
            }
            Scenario::load(&resolve(&tenant))?;
            let replay = mfa_sim::harness::Replay {
                scenario: tenant.clone(),
                date: date.clone(),
            };
            let (guide, other) = mfa_sim::verdict::runs(&features_dir(), Some(replay)).await;
            let steps = mfa_sim::guide::load(&mfa_sim::guide::steps_file())?;
            let verdicts = mfa_sim::verdict::verdicts(
                &guide,
                &other.unwrap_or_default(),
                &steps,
                &features_dir(),
            );
            let when = date.unwrap_or_else(|| "its own date".into());
            print!(
                "{}",
                mfa_sim::verdict::table(
                    &format!("The guide replayed on {tenant}.yaml, {when}"),
                    &verdicts
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Train { exercise: None, .. } => {
            // The exercises that load go to stdout; each file that does not, to stderr (and
            // the exit status says something is wrong).
            let listing = mfa_sim::trainer::terminal::list()?;
            print!("{}", listing.text);
            for problem in &listing.problems {
                eprintln!("mfa-sim: {problem}");
            }
            Ok(if listing.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Train {
            exercise: Some(id),
            real_phone,
        } => {
            let met = mfa_sim::trainer::terminal::run(&id, real_phone).await?;
            Ok(if met {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Preprocess { args } => {
            mfa_sim::book::preprocess_command(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Book { out } => {
            let index = mfa_sim::book::build(out.as_deref()).await?;
            println!("{}", index.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn demo() -> Result<ExitCode> {
    let feature = features_dir().join("text-messages.feature");
    let report = run(
        &feature,
        RunOptions {
            tag: Some("@guide:SMS-05".into()),
            ..RunOptions::default()
        },
    )
    .await;
    print!("{}", mfa_sim::harness::report_text(&report, true));
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

async fn totp(scenario: &str, user: &str, at: &str, check: Option<&str>) -> Result<ExitCode> {
    let scenario = Scenario::load(&resolve(scenario))?;
    let at = match at.parse::<i64>() {
        Ok(secs) => secs,
        Err(_) => mfa_sim::clock::parse_instant(at)?,
    };
    let sim = mfa_sim::Simulation::start_on(scenario, at).await;
    let upn = sim.person(user)?.upn.clone();
    let mut tenant = sim.tenant.lock();
    let id = tenant.id_of(&upn)?;
    let (challenge, oath) = tenant
        .start_software_token_setup(id)
        .context("cannot add an authenticator app")?;
    match check {
        None => {
            println!("{}", oath.uri());
            Ok(ExitCode::SUCCESS)
        }
        Some(code) => {
            let verdict = tenant.submit_code(challenge, code);
            println!("{verdict:?}: {}", verdict.message());
            Ok(if verdict == mfa_sim::tenant::CodeCheck::Accepted {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
