//! The trainer's terminal edge: lists exercises, runs a session interactively (a prompt) or
//! as a script (one action per line from a pipe, echoed, exit status 0 when the goal is met).
//!
//! Input is read as it comes, one line at a time, on a thread of its own that hands lines
//! over a small bounded channel (see [`super::input`]: at most
//! [`MAX_LINE_BYTES`](super::input::MAX_LINE_BYTES) bytes a line; a longer line or one that is
//! not UTF-8 is skipped with a message naming its number). A script of any length therefore
//! plays in constant memory, and its transcript is written as it plays. The end of the input
//! and Ctrl-C both end the session with the score; the exit status is 0 only when the goal was
//! met. Everything echoed is cleaned of terminal control (see [`super::clean`]).

use super::clean::clean;
use super::debrief::Debrief;
use super::exercise::{Role, all_in, find_in};
use super::input::{Line, Lines, Numbered};
use super::outside::Companion;
use super::session::{RealPhone, Session};
use crate::clock::Instant;
use crate::project::Project;
use anyhow::{Result, anyhow};
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// What `mfa-sim train` shows: the list, and the files that could not be loaded.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// The exercises that loaded, one a line (for standard output).
    pub text: String,
    /// One message per exercise file that did not load, with file:line:column where known
    /// (for standard error).
    pub problems: Vec<String>,
}

/// The list of the exercises in `dir`.
pub fn list_in(dir: &Path) -> Result<Listing> {
    let catalogue = all_in(dir)?;
    let mut text = String::from("Exercises (run one with `mfa-sim train <id>`):\n");
    for e in &catalogue.exercises {
        let role = match e.role {
            Role::User => "user",
            Role::Technician => "help desk",
        };
        text.push_str(&format!("  {:<28} [{role:<9}] {}\n", e.id, e.title));
    }
    Ok(Listing {
        text: clean(&text),
        problems: catalogue
            .problems
            .iter()
            .map(|p| clean(&p.to_string()))
            .collect(),
    })
}

/// `mfa-sim train`: the list of a project's exercises.
pub fn list(project: &Project) -> Result<Listing> {
    list_in(&project.exercises())
}

/// Start the exercise `id` from the project's exercises: the session and its briefing.
pub async fn start(
    project: &Project,
    id: &str,
    real_phone: Option<RealPhone>,
) -> Result<(Session, String)> {
    start_from(&project.exercises(), project, id, real_phone).await
}

/// Start the exercise `id` from the folder `dir`, on the project's tenants.
pub async fn start_from(
    dir: &Path,
    project: &Project,
    id: &str,
    real_phone: Option<RealPhone>,
) -> Result<(Session, String)> {
    let id = clean(id);
    let exercise = find_in(dir, &id)
        .map_err(|e| {
            anyhow!(
                "the exercise `{id}` cannot be loaded: {}",
                clean(&e.to_string())
            )
        })?
        .ok_or_else(|| anyhow!("no exercise `{id}`; `mfa-sim train` lists them"))?;
    Session::start(exercise, project, real_phone).await
}

/// `mfa-sim train <id>`: run the project's exercise `id` on standard input (see the module
/// documentation); returns the attempt's debrief (its outcome says whether the goal was met)
/// and the simulated time it ended, for the caller to keep.
pub async fn run(
    project: &Project,
    id: &str,
    real_phone: Option<RealPhone>,
) -> Result<(Debrief, Instant)> {
    run_with(project, id, real_phone, None).await
}

/// [`run`], with a [`Companion`] that follows the session from outside (`mfa-sim-mail
/// train`: real mail clients sign in to the session's tenant).
pub async fn run_with(
    project: &Project,
    id: &str,
    real_phone: Option<RealPhone>,
    companion: Option<Companion>,
) -> Result<(Debrief, Instant)> {
    let (mut session, briefing) = start(project, id, real_phone).await?;
    play_stdin(&mut session, &briefing, companion).await?;
    Ok((session.debrief(), session.now()?))
}

/// `mfa-sim train --free TENANT`: free play (see [`super::Exercise::free_play`]) on standard
/// input, as [`run`] plays an exercise; returns the simulated time it ended.
pub async fn run_free(
    project: &Project,
    free: super::Exercise,
    real_phone: Option<RealPhone>,
) -> Result<Instant> {
    let (mut session, briefing) = Session::start(free, project, real_phone).await?;
    play_stdin(&mut session, &briefing, None).await?;
    session.now()
}

/// Play standard input into `session`; returns whether the goal was met.
async fn play_stdin(
    session: &mut Session,
    briefing: &str,
    companion: Option<Companion>,
) -> Result<bool> {
    let (follow, mut woken) = match companion {
        Some(c) => (Some(c.follow), Some(c.woken)),
        None => (None, None),
    };
    let tell = |session: &Session| {
        if let (Some(follow), Ok(tenant)) = (&follow, session.tenant()) {
            follow(tenant);
        }
    };
    tell(session);
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    // Reading stdin blocks, so it happens on its own thread; the bounded channel keeps it at
    // most a few lines ahead of the session. The thread is not joined: if the session ends
    // first (Ctrl-C), it is left blocked in `read` and ends with the process.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<io::Result<Numbered>>(8);
    std::thread::Builder::new()
        .name("trainer-stdin".into())
        .spawn(move || {
            let mut lines = Lines::new(stdin.lock());
            while let Some(item) = lines.next_line().transpose() {
                let failed = item.is_err();
                if tx.blocking_send(item).is_err() || failed {
                    break;
                }
            }
        })?;
    let mut play = Play {
        out: io::stdout(),
        echo: !interactive,
    };
    play.briefing(briefing)?;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let mut listening = true;
    loop {
        if interactive {
            play.prompt()?;
        }
        let next = loop {
            tokio::select! {
                // Ctrl-C first: its handler is installed when it is first polled (from the
                // first prompt on), and it wins over lines already waiting.
                biased;
                signal = &mut ctrl_c, if listening => match signal {
                    Ok(()) => return play.end(session, true).await,
                    // No signal handling on this platform: go on without it.
                    Err(_) => listening = false,
                },
                next = rx.recv() => break next,
                // The simulation changed outside the commands (a real mail client).
                Some(()) = async { woken.as_mut()?.recv().await }, if woken.is_some() => {
                    if play.outside(session).await? {
                        return Ok(session.goal_met());
                    }
                    if interactive {
                        play.prompt()?;
                    }
                }
            }
        };
        match next {
            None => break,
            Some(Err(e)) => return Err(anyhow!("cannot read standard input: {e}")),
            Some(Ok(numbered)) => {
                let finished = play.input(session, numbered).await?;
                tell(session);
                if finished {
                    return Ok(session.goal_met());
                }
            }
        }
    }
    play.end(session, false).await
}

/// Script mode for tests and short scripts: play `lines` into the session, echoing each one,
/// and write what a trainee would see. `fill` may rewrite a line given everything shown so
/// far (the tests use it to type the code that the phone just showed), so this keeps the
/// whole transcript in memory; `mfa-sim train` streams instead. Returns whether the goal was
/// met.
pub async fn script<W: Write>(
    session: &mut Session,
    briefing: &str,
    lines: impl IntoIterator<Item = String>,
    mut fill: impl FnMut(&str, &str) -> String,
    out: &mut W,
) -> Result<bool> {
    let mut play = Play {
        out: Vec::new(),
        echo: true,
    };
    play.briefing(briefing)?;
    let mut finished = false;
    for line in lines {
        let line = fill(&clean(&line), &String::from_utf8_lossy(&play.out));
        if play.command(session, &line).await? {
            finished = true;
            break;
        }
    }
    if !finished {
        play.end(session, false).await?;
    }
    out.write_all(&play.out)?;
    Ok(session.goal_met())
}

/// Writes a session to a terminal or a pipe as it plays.
struct Play<W> {
    out: W,
    /// Script mode: echo each line (a terminal echoes what is typed by itself).
    echo: bool,
}

impl<W: Write> Play<W> {
    fn briefing(&mut self, briefing: &str) -> io::Result<()> {
        writeln!(self.out, "{briefing}")?;
        self.out.flush()
    }

    fn prompt(&mut self) -> io::Result<()> {
        write!(self.out, "\n> ")?;
        self.out.flush()
    }

    /// One line of input; true when the session has finished.
    async fn input(&mut self, session: &mut Session, numbered: Numbered) -> Result<bool> {
        match &numbered.line {
            Line::Text(line) => self.command(session, &clean(line)).await,
            Line::TooLong | Line::NotUtf8 => {
                let gap = if self.echo { "\n" } else { "" };
                writeln!(self.out, "{gap}{numbered}")?;
                self.out.flush()?;
                Ok(false)
            }
        }
    }

    /// One command (already cleaned); true when the session has finished.
    async fn command(&mut self, session: &mut Session, line: &str) -> Result<bool> {
        let reply = session.handle(line).await;
        if self.echo {
            write!(self.out, "\n> {line}\n")?;
        }
        writeln!(self.out, "{}", reply.text.trim_start_matches('\n'))?;
        self.out.flush()?;
        Ok(reply.finished)
    }

    /// What changed outside the commands; true when the session has finished.
    async fn outside(&mut self, session: &mut Session) -> Result<bool> {
        let reply = session.outside().await;
        if !reply.text.trim().is_empty() {
            writeln!(self.out, "{}", reply.text.trim_start_matches('\n'))?;
            self.out.flush()?;
        }
        Ok(reply.finished)
    }

    /// The end of the input (or Ctrl-C): the score. Returns whether the goal was met.
    async fn end(&mut self, session: &Session, interrupted: bool) -> Result<bool> {
        if interrupted {
            write!(self.out, "\nInterrupted.")?;
        }
        writeln!(
            self.out,
            "\n{}",
            session.result().await.trim_start_matches('\n')
        )?;
        self.out.flush()?;
        Ok(session.goal_met())
    }
}
