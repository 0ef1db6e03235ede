//! `mfa-sim mail ...`: the mail listeners for real clients live in a package of their own
//! (`mail/`, binary `mfa-sim-mail`), so that a plain build of mfa-sim compiles no protocol
//! parser. This subcommand finds that binary as cargo finds an external subcommand (beside
//! the running program, then on PATH) and runs it with the arguments given and the
//! `--project` chosen here (on Unix by `exec`, so it replaces this process); when it is not
//! there, it says how to build it.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The program's name.
const PROGRAM: &str = "mfa-sim-mail";

/// Run `mfa-sim-mail` with `args` (and `--project DIR` when one was given).
pub(crate) fn run(project: Option<&Path>, args: &[String]) -> Result<ExitCode> {
    let Some(program) = find() else {
        bail!(
            "`{PROGRAM}` is not built: the mail listeners are a package of their own. Build it with `cargo build --release -p {PROGRAM}` (it lands beside mfa-sim in target/release/), then run `mfa-sim mail serve` again"
        );
    };
    let mut command = std::process::Command::new(&program);
    if let Some(dir) = project {
        command.arg("--project").arg(dir);
    }
    command.args(args);
    // On Unix this process becomes `mfa-sim-mail` (exec): Ctrl-C reaches it alone, nothing is
    // left printing after its parent ended, and the exit status is its own. `exec` returns
    // only when it failed.
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let e = command.exec();
        bail!("cannot run {}: {e}", program.display());
    }
    // Elsewhere: run it and pass its exit status on.
    #[cfg(not(unix))]
    let status = command
        .status()
        .map_err(|e| anyhow::anyhow!("cannot run {}: {e}", program.display()))?;
    #[cfg(not(unix))]
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

/// `mfa-sim-mail` beside the running program, else the first on PATH.
fn find() -> Option<PathBuf> {
    let name = format!("{PROGRAM}{}", std::env::consts::EXE_SUFFIX);
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)));
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join(&name));
    beside
        .into_iter()
        .chain(on_path)
        .find(|candidate| candidate.is_file())
}
