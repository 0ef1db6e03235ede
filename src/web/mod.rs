//! `mfa-sim serve`: the simulated service and the user's phone in a real browser, for
//! training and for show. One engine, two front ends: each browser session plays the
//! trainer's own [`crate::trainer::Session`], and every click or box typed in is the trainer
//! command a terminal trainee would type, so goals, hints, scores, debriefs and progress are
//! the trainer's.
//!
//! - `app.rs`: the router, its handlers and the security headers;
//! - `action.rs`: what a form asks for, typed, and the trainer command it becomes;
//! - `sessions.rs`: one session per browser (a cookie), bounded, forgotten when idle;
//! - `csrf.rs`: session ids and form tokens from the operating system's randomness;
//! - `pages.rs`: the pages, whose browser card is the book's card with live controls;
//! - `phone_panel.rs`: the user's phone beside the browser;
//! - `desk_panel.rs`: the help desk's admin actions and caller checks as forms;
//! - `manager.rs`: trainees by exercise, last debriefs, CSV.
//!
//! Architecture invariant: the web layer's session ids, tokens and idle expiry are the only
//! place in mfa-sim that uses the operating system's randomness and the machine's clock for
//! anything but the trainer's real-phone mode and progress dates; the simulation inside each
//! session stays seeded and on simulated time.

pub mod action;
pub mod app;
pub mod csrf;
pub mod desk_panel;
pub mod manager;
pub mod pages;
pub mod phone_panel;
pub mod sessions;

use crate::project::Project;
use crate::trainer::Exercise;
use std::path::PathBuf;
use std::time::Duration;

/// How the server is set up (`mfa-sim serve`'s flags).
#[derive(Clone, Debug)]
pub struct Config {
    /// The project whose exercises and tenants are played.
    pub project: Project,
    /// A code trainees must give to start (and to read the manager's page).
    pub access_code: Option<String>,
    /// At most this many sessions at once.
    pub max_sessions: usize,
    /// A session unused for this long is forgotten.
    pub idle: Duration,
    /// The progress file attempts are saved in; None: not saved (`--no-save`).
    pub progress: Option<PathBuf>,
}

/// What the handlers share.
pub struct Site {
    config: Config,
    sessions: sessions::Sessions,
    /// The project's exercises, read once when the server starts (a file that does not
    /// load stops `serve` with its place, as `mfa-sim check` would say it).
    exercises: Vec<Exercise>,
    /// The tenants free play may start on: the project's scenario files by name, read once
    /// when the server starts (a form naming another is refused, so no path reaches the disk).
    tenants: Vec<String>,
    /// Held while an attempt is written to the progress file.
    writing: std::sync::Mutex<()>,
}

impl Site {
    fn new(config: Config) -> anyhow::Result<Site> {
        if config.max_sessions == 0 {
            anyhow::bail!("--max-sessions must be at least 1");
        }
        if config.idle.is_zero() {
            anyhow::bail!("--idle-minutes must be at least 1");
        }
        let exercises = crate::trainer::exercise::all_in(&config.project.exercises())?.strict()?;
        let tenants = crate::project::known_tenants(&config.project.scenarios());
        Ok(Site {
            sessions: sessions::Sessions::new(config.max_sessions, config.idle),
            exercises,
            tenants,
            config,
            writing: std::sync::Mutex::new(()),
        })
    }

    /// Whether `given` is the server's access code (always, when it has none); constant time.
    fn access_code_ok(&self, given: Option<&str>) -> bool {
        use subtle::ConstantTimeEq;
        match &self.config.access_code {
            None => true,
            Some(code) => {
                let given = given.unwrap_or_default().trim();
                given.len() == code.len() && bool::from(given.as_bytes().ct_eq(code.as_bytes()))
            }
        }
    }

    /// The project's exercises.
    fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }
}

/// Serve `config` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = app::router(config)?;
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    Ok(())
}
