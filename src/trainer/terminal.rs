//! The trainer's terminal edge: lists exercises, runs a session interactively (a prompt) or
//! as a script (one action per line from a pipe, echoed, exit status 0 when the goal is met).

use super::exercise::{all, find};
use super::session::Session;
use anyhow::{Result, anyhow};
use std::io::{BufRead, IsTerminal, Write};

/// `mfa-sim train`: the list of exercises.
pub fn list() -> Result<String> {
    let mut out = String::from("Exercises (run one with `mfa-sim train <id>`):\n");
    for e in all()? {
        let role = match e.role {
            super::exercise::Role::User => "user",
            super::exercise::Role::Technician => "help desk",
        };
        out.push_str(&format!("  {:<28} [{role:<9}] {}\n", e.id, e.title));
    }
    Ok(out)
}

/// `mfa-sim train <id>`: run a session on standard input; returns whether the goal was met.
pub async fn run(id: &str, real_phone: bool) -> Result<bool> {
    let exercise =
        find(id)?.ok_or_else(|| anyhow!("no exercise `{id}`; `mfa-sim train` lists them"))?;
    let (mut session, briefing) = Session::start(exercise, real_phone).await?;
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut out = std::io::stdout();
    writeln!(out, "{briefing}")?;
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            write!(out, "\n> ")?;
            out.flush()?;
        }
        let Some(line) = lines.next() else { break };
        let line = line?;
        if !interactive {
            writeln!(out, "\n> {line}")?;
        }
        let reply = session.handle(&line).await;
        writeln!(out, "{}", reply.text.trim_start_matches('\n'))?;
        if reply.finished {
            return Ok(session.goal_met());
        }
    }
    writeln!(out, "\n{}", session.result().await.trim_start_matches('\n'))?;
    Ok(session.goal_met())
}
