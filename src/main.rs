//! The `mfa-sim` binary: parses the command line (see `cli.rs`), finds the project (the
//! nearest `mfa-sim.toml` at or above the current directory, or `--project DIR`) and hands
//! each subcommand to the library. Errors are printed as one readable message; the exit
//! status is non-zero.

use anyhow::{Context, Result, bail};
use clap::Parser;
use mfa_sim::Project;
use mfa_sim::cli::{Cli, Command, LintFormat, StepsFormat};
use mfa_sim::harness::{RunOptions, run, vocabulary};
use mfa_sim::scenario::Scenario;
use std::path::PathBuf;
use std::process::ExitCode;

mod mail_clients;
mod practice;
mod runner;

fn main() -> ExitCode {
    let cli = Cli::parse();
    logging(cli.verbose);
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
    match runtime.block_on(dispatch(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mfa-sim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Print what libraries log through `tracing` (mdBook's "Book building has started", its
/// warnings) on standard error: warnings and errors by default, more with `-v`, or whatever
/// `RUST_LOG` asks for.
fn logging(verbose: u8) {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;
    let by_flag = Targets::new().with_default(match verbose {
        0 => LevelFilter::WARN,
        1 => LevelFilter::INFO,
        2 => LevelFilter::DEBUG,
        _ => LevelFilter::TRACE,
    });
    // RUST_LOG in the `target=level,level` form; one that does not parse is said and ignored.
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.trim().is_empty() => spec.parse::<Targets>().unwrap_or_else(|e| {
            eprintln!("mfa-sim: RUST_LOG={spec:?} is not `target=level,...` ({e}); using -v");
            by_flag
        }),
        _ => by_flag,
    };
    // Only fails when a subscriber is already set, which nothing else in the binary does.
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .without_time(),
        )
        .with(filter)
        .try_init();
}

/// The project every command but `preprocess` works on, announced on stderr when it is not
/// the current directory.
fn project(explicit: Option<&std::path::Path>) -> Result<Project> {
    let project = Project::locate(explicit)?;
    if let Some(line) = project.notice() {
        eprintln!("{line}");
    }
    Ok(project)
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let explicit = cli.project.as_deref();
    match cli.command {
        Command::Demo => demo(&project(explicit)?).await,
        Command::Run {
            paths,
            tag,
            junit,
            json,
        } => {
            let project = project(explicit)?;
            let options = runner::Options {
                paths,
                tag,
                junit,
                json,
            };
            runner::run_command(&project, options).await
        }
        Command::New { dir } => {
            let written = mfa_sim::scaffold::create(&dir)?;
            eprintln!(
                "{:>12} mfa-sim project `{}` ({} files)",
                "Created",
                mfa_sim::project::shown(&dir),
                written.len()
            );
            for path in &written {
                println!("{}", mfa_sim::project::shown(path));
            }
            eprintln!(
                "next: cd {} && mfa-sim check && mfa-sim run && mfa-sim book",
                mfa_sim::project::shown(&dir)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let project = project(explicit)?;
            let findings = mfa_sim::check::check(&project).await;
            for f in &findings {
                println!("{f}");
            }
            if findings.is_empty() {
                eprintln!(
                    "{:>12} {}: features, tenants, exercises and book, no problems found",
                    "Checked",
                    project.name()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!(
                    "error: {} problem{} found in {}",
                    findings.len(),
                    if findings.len() == 1 { "" } else { "s" },
                    project.name()
                );
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Steps { format } => {
            // The values come from the project when there is one; the steps exist without.
            let values = match Project::locate(explicit) {
                Ok(project) => vocabulary::Values::of(&project.scenarios()),
                Err(_) => vocabulary::Values::of(std::path::Path::new("")),
            };
            match format {
                StepsFormat::Text => {
                    println!(
                        "Steps the features may use (words in <angle brackets> are blanks to fill in):"
                    );
                    print!("{}", vocabulary::render(&values));
                }
                StepsFormat::Markdown => print!("{}", vocabulary::render_markdown(&values)),
                StepsFormat::Json => print!("{}", vocabulary::render_json(&values)),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Totp {
            scenario,
            user,
            at,
            check,
        } => totp(&project(explicit)?, &scenario, &user, &at, check.as_deref()).await,
        Command::CheckGuide {
            tenant,
            forecast: true,
            ..
        } => {
            let project = project(explicit)?;
            Scenario::load(&project.tenant(&tenant))?;
            let features = project.features();
            let steps = mfa_sim::guide::load(&project.guide_steps())?;
            let (guide, _) = mfa_sim::verdict::runs(&project, &features, None).await;
            if !guide.passed() {
                bail!(
                    "the guide's own scenarios do not pass on its date, so nothing can be compared; `mfa-sim run` shows why:\n{}",
                    problems(&guide)
                );
            }
            let f = mfa_sim::verdict::forecast::forecast(
                &project, &features, &guide, None, &steps, &tenant,
            )
            .await?;
            print!("{}", mfa_sim::verdict::forecast::text(&f));
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckGuide { date, tenant, .. } => {
            let project = project(explicit)?;
            if let Some(d) = &date {
                mfa_sim::clock::parse_instant(d)?;
            }
            Scenario::load(&project.tenant(&tenant))?;
            let replay = mfa_sim::harness::Replay {
                scenario: tenant.clone(),
                date: date.clone(),
            };
            let features = project.features();
            let steps = mfa_sim::guide::load(&project.guide_steps())?;
            let (guide, other) = mfa_sim::verdict::runs(&project, &features, Some(replay)).await;
            if !guide.passed() {
                bail!(
                    "the guide's own scenarios do not pass on its date, so nothing can be compared; `mfa-sim run` shows why:\n{}",
                    problems(&guide)
                );
            }
            let other = other.unwrap_or_default();
            if !other.problems.is_empty() || other.steps.is_empty() {
                bail!(
                    "the replay on {tenant} could not run, so there is no evidence for any verdict:\n{}",
                    problems(&other)
                );
            }
            let verdicts = mfa_sim::verdict::verdicts(&guide, &other, &steps, &features);
            let when = date.unwrap_or_else(|| "its own date".into());
            print!(
                "{}",
                mfa_sim::verdict::table(
                    &format!(
                        "The guide replayed on {}, {when}",
                        mfa_sim::project::tenant_label(&tenant)
                    ),
                    &verdicts
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::LintGuide {
            file,
            tenant,
            date,
            format,
            notes,
            strict,
            vale,
        } => {
            let project = project(explicit)?;
            if let Some(d) = &date {
                mfa_sim::clock::parse_instant(d)?;
            }
            Scenario::load(&project.tenant(&tenant))?;
            // Refused before the runs, so none is wasted on a folder it may not write.
            if let Some(dir) = &vale {
                for name in mfa_sim::lint::vale::FILES {
                    mfa_sim::harness::reports::writable(
                        &dir.join(name),
                        mfa_sim::lint::vale::MARK,
                    )?;
                }
            }
            let (findings, eras) =
                mfa_sim::lint::lint_with_eras(&project, file.as_deref(), &tenant, date.as_deref())
                    .await?;
            if let Some(dir) = &vale {
                let drift = mfa_sim::lint::vale::drift(&eras, &findings);
                let files = mfa_sim::lint::vale::style(&drift, &eras.now_label)
                    .map_err(anyhow::Error::msg)?;
                for path in mfa_sim::lint::vale::write_style(dir, &files)? {
                    eprintln!(
                        "wrote {} ({} renamed, {} retired)",
                        mfa_sim::project::shown(&path),
                        drift.renamed.len(),
                        drift.retired.len()
                    );
                }
            }
            let render = mfa_sim::lint::render::text;
            match format {
                LintFormat::Text => print!("{}", render(&findings, notes)),
                LintFormat::Json => print!("{}", mfa_sim::lint::render::json(&findings)),
                LintFormat::Junit => println!(
                    "{}",
                    mfa_sim::lint::render::junit(&findings).map_err(anyhow::Error::msg)?
                ),
                LintFormat::Markdown => print!("{}", mfa_sim::lint::render::markdown(&findings)),
            }
            let (errors, warnings, unchecked) = mfa_sim::lint::render::counts(&findings);
            eprintln!(
                "{errors} errors, {warnings} warnings, {unchecked} sentences not checked{}",
                if notes || format != LintFormat::Text {
                    ""
                } else {
                    " (--notes lists them)"
                }
            );
            Ok(exit(!findings.iter().any(|f| f.fails(strict))))
        }
        Command::Train {
            date: Some(_),
            real_phone: false,
            free: None,
            ..
        } => Err(anyhow::anyhow!(
            "--date goes with --real-phone (the real clock on that date) or --free (free play on that date)"
        )),
        Command::Train {
            free: Some(tenant),
            real_phone,
            date,
            person,
            desk,
            ..
        } => {
            let project = project(explicit)?;
            let role = if desk {
                mfa_sim::trainer::exercise::Role::Technician
            } else {
                mfa_sim::trainer::exercise::Role::User
            };
            // With the real phone the date is the real clock's (on the chosen day); without,
            // it is the simulation's start.
            let (on, phone) = if real_phone {
                (None, Some(mfa_sim::trainer::RealPhone { date }))
            } else {
                (date, None)
            };
            let free = mfa_sim::trainer::Exercise::free_play(
                &tenant,
                on,
                person.as_deref().unwrap_or_default(),
                role,
            );
            // Free play is not an attempt: nothing is saved and it ends well when it ends.
            mfa_sim::trainer::terminal::run_free(&project, free, phone).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Train {
            exercise: None,
            trainee,
            file,
            ..
        } => {
            // The exercises that load go to stdout; each file that does not, to stderr (and
            // the exit status says something is wrong). Then what is done and what is next.
            let project = project(explicit)?;
            let listing = mfa_sim::trainer::terminal::list(&project)?;
            print!("{}", listing.text);
            for problem in &listing.problems {
                eprintln!("mfa-sim: {problem}");
            }
            practice::standing(&project, &practice::trainee(trainee), &file)?;
            Ok(exit(listing.problems.is_empty()))
        }
        Command::Train {
            exercise: Some(id),
            real_phone,
            date,
            trainee,
            file,
            no_save,
            ..
        } => {
            let project = project(explicit)?;
            let trainee = practice::trainee(trainee);
            // The file is opened before the attempt, so a file that cannot be used says so
            // before any practice is lost.
            let mut store = if no_save {
                None
            } else {
                Some(practice::open(&file)?)
            };
            let phone = real_phone.then_some(mfa_sim::trainer::RealPhone { date });
            let (debrief, ended) = mfa_sim::trainer::terminal::run(&project, &id, phone).await?;
            if let Some(store) = store.as_mut() {
                practice::save(store, &trainee, &debrief, ended)?;
            }
            Ok(exit(
                debrief.outcome == mfa_sim::trainer::debrief::Outcome::Met,
            ))
        }
        Command::Progress { csv, file } => practice::table(explicit, csv, &file),
        Command::Serve {
            port,
            listen,
            access_code,
            max_sessions,
            idle_minutes,
            file,
            no_save,
        } => {
            let project = project(explicit)?;
            let progress = if no_save {
                None
            } else {
                let path = practice::path(&file)?;
                // Opened once now, so a file that cannot be used says so before anyone trains.
                mfa_sim::progress::Store::open(&path)?;
                Some(path)
            };
            let config = mfa_sim::web::Config {
                project,
                access_code: access_code.filter(|c| !c.trim().is_empty()),
                max_sessions,
                idle: std::time::Duration::from_secs(idle_minutes.saturating_mul(60)),
                progress,
            };
            let listener = tokio::net::TcpListener::bind((listen, port))
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {listen}:{port}: {e}"))?;
            let address = listener.local_addr()?;
            if !listen.is_loopback() {
                eprintln!(
                    "mfa-sim: warning: listening on {listen}, reachable from other machines over plain HTTP{}",
                    if config.access_code.is_some() {
                        ""
                    } else {
                        "; give --access-code to keep strangers out"
                    }
                );
            }
            println!("mfa-sim: serving the training site on http://{address}/ (Ctrl-C stops it)");
            mfa_sim::web::serve(listener, config, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Preprocess { args } => {
            mfa_sim::book::preprocess_command(&args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Mail { args } => mail_clients::run(explicit, &args),
        Command::Book { out } => {
            let project = project(explicit)?;
            let index = mfa_sim::book::build(&project, out.as_deref()).await?;
            println!("{}", index.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The first problems of a report, one per line.
fn problems(report: &mfa_sim::harness::RunReport) -> String {
    let mut lines: Vec<String> = report.problems.iter().map(|p| format!("  {p}")).collect();
    lines.extend(report.problems().iter().take(10).map(|s| {
        format!(
            "  {}:{}: {} {} ({})",
            s.feature,
            s.step_line,
            s.keyword,
            s.text,
            s.status.word()
        )
    }));
    if lines.is_empty() {
        lines.push("  no scenario ran".into());
    }
    lines.join("\n")
}

async fn demo(project: &Project) -> Result<ExitCode> {
    let feature: PathBuf = project.features().join("text-messages.feature");
    let report = run(
        project,
        &feature,
        RunOptions {
            tag: Some("@guide:SMS-05".into()),
            ..RunOptions::default()
        },
    )
    .await;
    print!("{}", mfa_sim::harness::report_text(&report, true));
    Ok(exit(report.passed()))
}

async fn totp(
    project: &Project,
    scenario: &str,
    user: &str,
    at: &str,
    check: Option<&str>,
) -> Result<ExitCode> {
    let scenario = Scenario::load(&project.tenant(scenario))?;
    let at = match at.parse::<i64>() {
        Ok(secs) => mfa_sim::clock::check_instant(secs)?,
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
            println!("{verdict}: {}", verdict.message());
            Ok(exit(verdict == mfa_sim::tenant::CodeCheck::Accepted))
        }
    }
}
