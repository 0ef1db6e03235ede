//! The one actor mechanism every device and person in the simulation uses.
//!
//! An actor is a tokio task that owns its state. Its handle (a [`Mailbox`]) is cheap to clone
//! and holds the sending half of an unbounded channel of jobs; each job runs on the task with
//! `&mut` access to the state and, for [`Mailbox::call`], replies on a oneshot. Because jobs
//! run strictly in the order they were sent, a text message the tenant posts to a phone is
//! always in its inbox before a later "what is on the screen?" question is answered: that
//! ordering is what makes the transcript deterministic.

use tokio::sync::{mpsc, oneshot};

type Job<S> = Box<dyn FnOnce(&mut S) + Send>;

/// The sending side of an actor. Dropping every clone ends the task.
pub struct Mailbox<S> {
    jobs: mpsc::UnboundedSender<Job<S>>,
}

impl<S> Clone for Mailbox<S> {
    fn clone(&self) -> Self {
        Mailbox {
            jobs: self.jobs.clone(),
        }
    }
}

impl<S> std::fmt::Debug for Mailbox<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Mailbox")
    }
}

/// The actor's task has ended (its runtime shut down): a bug in how the simulation is driven.
#[derive(Debug, thiserror::Error)]
#[error("the {0} actor is no longer running")]
pub struct ActorGone(pub &'static str);

impl<S: Send + 'static> Mailbox<S> {
    /// Start the actor's task on the current tokio runtime.
    pub fn spawn(mut state: S) -> Self {
        let (jobs, mut inbox) = mpsc::unbounded_channel::<Job<S>>();
        tokio::spawn(async move {
            while let Some(job) = inbox.recv().await {
                job(&mut state);
            }
        });
        Mailbox { jobs }
    }

    /// Ask the actor something and wait for its answer.
    pub async fn call<R: Send + 'static>(
        &self,
        name: &'static str,
        job: impl FnOnce(&mut S) -> R + Send + 'static,
    ) -> Result<R, ActorGone> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Box::new(move |state| {
                let _ = reply.send(job(state));
            }))
            .map_err(|_| ActorGone(name))?;
        answer.await.map_err(|_| ActorGone(name))
    }

    /// Post something to the actor without waiting (how the tenant's gateways deliver).
    pub fn post(&self, job: impl FnOnce(&mut S) + Send + 'static) {
        let _ = self.jobs.send(Box::new(job));
    }
}
