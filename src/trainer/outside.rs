//! What happens outside the trainer's commands. `mfa-sim-mail train` (the `mail/` package)
//! lets a real mail client sign in to the session's tenant while the trainee types; the
//! trainer does not know of that package (no import of it here), only of a [`Companion`]:
//! something told of the session's tenant whenever the session starts or starts again, and
//! able to wake the trainer when it changed the simulation, so the trainee sees the new
//! sign-in rows and the goal is checked as after an acting command.

use super::session::{Reply, Session};
use crate::tenant::TenantHandle;
use anyhow::Result;

/// A companion of a terminal session (see the module documentation).
pub struct Companion {
    /// Called with the session's tenant at the start, and after each command (a `restart`
    /// starts a new simulation with a new tenant).
    pub follow: Box<dyn Fn(TenantHandle) + Send>,
    /// A message here means the simulation changed outside the commands.
    pub woken: tokio::sync::mpsc::Receiver<()>,
}

impl std::fmt::Debug for Companion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Companion").finish_non_exhaustive()
    }
}

impl Session {
    /// The tenant of the session's simulation (a new one after `restart`).
    pub fn tenant(&self) -> Result<TenantHandle> {
        Ok(self.world.sim()?.tenant.clone())
    }

    /// Take in what changed outside the commands: the new outputs, then what must never
    /// happen, the time limit, the goal and a dead end, checked as after an acting command
    /// (the same code as `Session::handle`'s).
    pub async fn outside(&mut self) -> Reply {
        let after = self.after_acting().await;
        Reply {
            text: super::clean::clean(&after.text),
            finished: after.finished,
        }
    }
}
