//! The trainer's terminal edge: lists exercises, runs a session interactively (a prompt) or
//! as a script (one action per line from a pipe, echoed, exit status 0 when the goal is met).

use super::exercise::{Role, all_in, find_in};
use super::session::Session;
use crate::project::Project;
use anyhow::{Result, anyhow};
use std::io::{BufRead, IsTerminal, Write};

/// `mfa-sim train`: the list of exercises.
pub fn list(project: &Project) -> Result<String> {
    let mut out = String::from("Exercises (run one with `mfa-sim train <id>`):\n");
    for e in all_in(&project.exercises())? {
        let role = match e.role {
            Role::User => "user",
            Role::Technician => "help desk",
        };
        out.push_str(&format!("  {:<28} [{role:<9}] {}\n", e.id, e.title));
    }
    Ok(out)
}

/// Start the exercise `id`: the session and its briefing.
pub async fn start(project: &Project, id: &str, real_phone: bool) -> Result<(Session, String)> {
    let exercise = find_in(&project.exercises(), id)?
        .ok_or_else(|| anyhow!("no exercise `{id}`; `mfa-sim train` lists them"))?;
    Session::start(exercise, project, real_phone).await
}

/// `mfa-sim train <id>`: run a session on standard input; returns whether the goal was met.
pub async fn run(project: &Project, id: &str, real_phone: bool) -> Result<bool> {
    let (mut session, briefing) = start(project, id, real_phone).await?;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout();
    if !stdin.is_terminal() {
        let lines: Vec<String> = stdin.lock().lines().collect::<Result<_, _>>()?;
        return script(
            &mut session,
            &briefing,
            lines,
            |line, _| line.to_string(),
            &mut out,
        )
        .await;
    }
    writeln!(out, "{briefing}")?;
    let mut lines = stdin.lock().lines();
    loop {
        write!(out, "\n> ")?;
        out.flush()?;
        let Some(line) = lines.next() else { break };
        let reply = session.handle(&line?).await;
        writeln!(out, "{}", reply.text.trim_start_matches('\n'))?;
        if reply.finished {
            return Ok(session.goal_met());
        }
    }
    writeln!(out, "\n{}", session.result().await.trim_start_matches('\n'))?;
    Ok(session.goal_met())
}

/// Script mode: play `lines` into the session, echoing each one, and write what a trainee
/// would see. `fill` may rewrite a line given everything shown so far (the tests use it to
/// type the code that the phone just showed). Returns whether the goal was met.
pub async fn script<W: Write>(
    session: &mut Session,
    briefing: &str,
    lines: impl IntoIterator<Item = String>,
    mut fill: impl FnMut(&str, &str) -> String,
    out: &mut W,
) -> Result<bool> {
    let mut shown = format!("{briefing}\n");
    for line in lines {
        let line = fill(&line, &shown);
        let reply = session.handle(&line).await;
        shown.push_str(&format!(
            "\n> {line}\n{}\n",
            reply.text.trim_start_matches('\n')
        ));
        if reply.finished {
            out.write_all(shown.as_bytes())?;
            return Ok(session.goal_met());
        }
    }
    shown.push_str(&format!(
        "\n{}\n",
        session.result().await.trim_start_matches('\n')
    ));
    out.write_all(shown.as_bytes())?;
    Ok(session.goal_met())
}
