//! The one actor mechanism every device and person in the simulation uses.
//!
//! An actor is a tokio task that owns its state. Its handle (a [`Mailbox`]) is cheap to clone
//! and holds the sending half of an unbounded channel of jobs; each job runs on the task with
//! `&mut` access to the state and, for [`Mailbox::call`], replies on a oneshot. Because jobs
//! run strictly in the order they were sent, a text message the tenant posts to a phone is
//! always in its inbox before a later "what is on the screen?" question is answered: that
//! ordering is what makes the transcript deterministic.
//!
//! Every task is tied to a [`Lifetime`]: when the [`LifetimeGuard`] it came from is dropped
//! (the `Simulation` owns it), each task stops at its next turn, even if handles to it are
//! still held somewhere (handles refer to each other, so "the last handle dropped" alone
//! would leave tasks running). The guard is a `tokio::sync::watch` sender nobody sends on:
//! dropping it is the signal.

use std::sync::{Arc, Weak};
use tokio::sync::{mpsc, oneshot, watch};

type Job<S> = Box<dyn FnOnce(&mut S) + Send>;

/// Ends every task of one [`Lifetime`] when dropped.
#[derive(Debug)]
pub struct LifetimeGuard {
    _stop: watch::Sender<()>,
}

/// What a task holds while it runs: the signal to stop, and a token that counts it as live.
#[derive(Clone, Debug)]
pub struct Lifetime {
    stop: watch::Receiver<()>,
    alive: Arc<()>,
}

/// Counts the tasks of one [`Lifetime`] still running, without keeping any of them alive.
#[derive(Clone, Debug)]
pub struct LiveTasks(Weak<()>);

impl LiveTasks {
    /// Tasks not yet finished (plus the `Lifetime` itself while its owner keeps it).
    pub fn count(&self) -> usize {
        self.0.strong_count()
    }
}

impl Lifetime {
    /// A new lifetime and the guard that ends it.
    pub fn new() -> (LifetimeGuard, Lifetime) {
        let (stop, watch) = watch::channel(());
        (
            LifetimeGuard { _stop: stop },
            Lifetime {
                stop: watch,
                alive: Arc::new(()),
            },
        )
    }

    /// A counter of the tasks started with this lifetime.
    pub fn live_tasks(&self) -> LiveTasks {
        LiveTasks(Arc::downgrade(&self.alive))
    }
}

/// The sending side of an actor. The task ends when every clone is dropped or its
/// [`LifetimeGuard`] is.
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
    /// Start the actor's task on the current tokio runtime, for as long as `lifetime` lasts.
    pub fn spawn(mut state: S, lifetime: &Lifetime) -> Self {
        let (jobs, mut inbox) = mpsc::unbounded_channel::<Job<S>>();
        let Lifetime { mut stop, alive } = lifetime.clone();
        tokio::spawn(async move {
            let _alive = alive;
            loop {
                tokio::select! {
                    job = inbox.recv() => match job {
                        Some(job) => job(&mut state),
                        None => break,
                    },
                    // Only ever an error: the guard was dropped.
                    _ = stop.changed() => break,
                }
            }
        });
        Mailbox { jobs }
    }

    /// Ask the actor something and wait for its answer.
    pub(crate) async fn call<R: Send + 'static>(
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
    pub(crate) fn post(&self, job: impl FnOnce(&mut S) + Send + 'static) {
        let _ = self.jobs.send(Box::new(job));
    }
}
