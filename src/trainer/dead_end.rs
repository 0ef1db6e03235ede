//! Never a silent dead end: after every command that acts, whether the goal can still be met
//! at all, and if not, why, so the trainer can say so and offer `restart`. The checks are
//! the ways an attempt can close its own door in the simulator: a trainee playing the user
//! cannot undo a block of sign-in or of MFA (only the desk can), and no one can act once the
//! session's simulated time is used up.

use super::exercise::{Condition, Role};
use super::session::{LONGEST_ACTION_SECS, Session};
use anyhow::Result;

impl Session {
    /// Why the goal can no longer be met, or None while it still can.
    pub(super) async fn dead_end(&self) -> Result<Option<String>> {
        if !self.real_phone && self.time_left()? < LONGEST_ACTION_SECS {
            return Ok(Some(format!(
                "this attempt has used its {} days of simulated time, so nothing more can be done in it",
                super::session::MAX_SESSION_SECS / 86_400
            )));
        }
        if self.exercise.role != Role::User || self.goal_met() || self.exercise.free_play {
            return Ok(None);
        }
        let w = &self.world;
        let sim = w.sim()?;
        let upn = w.person(&self.exercise.person)?.upn.clone();
        let first = w.person(&self.exercise.person)?.first_name().to_string();
        let summary = sim.admin.describe(&upn).await??;
        if summary.sign_in_blocked {
            return Ok(Some(format!(
                "{first}'s sign-in is blocked, and only the help desk can unblock it; as {first} you have no admin console"
            )));
        }
        let signs_in = self
            .exercise
            .goal
            .all
            .iter()
            .any(|c| matches!(c, Condition::SignedIn(_) | Condition::SignedInWith { .. }));
        if signs_in && summary.mfa_blocked {
            return Ok(Some(format!(
                "MFA is blocked for {first} for 90 days (rule 31), and only the help desk can lift it"
            )));
        }
        Ok(None)
    }
}
