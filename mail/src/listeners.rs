//! The four listeners, bound on one address (127.0.0.1 unless the caller chose another), each
//! a tokio task that accepts connections and gives each one its own task. [`Listeners`] owns
//! them: dropping it (or [`Listeners::stop`]) stops accepting and ends every open connection.

use crate::exchange::Exchange;
use std::net::{IpAddr, SocketAddr};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

/// The ports the listeners got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ports {
    /// IMAP.
    pub imap: u16,
    /// POP3.
    pub pop: u16,
    /// SMTP submission.
    pub smtp: u16,
    /// Exchange ActiveSync (HTTP).
    pub activesync: u16,
}

/// Which port each listener asks for (0: any free one).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    /// IMAP.
    pub imap: u16,
    /// POP3.
    pub pop: u16,
    /// SMTP submission.
    pub smtp: u16,
    /// Exchange ActiveSync (HTTP).
    pub activesync: u16,
}

/// The running listeners.
#[derive(Debug)]
pub struct Listeners {
    /// Where they listen.
    pub address: IpAddr,
    /// Their ports.
    pub ports: Ports,
    /// Every listener's and connection's task; aborted on drop.
    tasks: JoinSet<()>,
    /// Dropped or sent to: every task ends.
    stop: watch::Sender<bool>,
}

/// One connection's task.
type Connection = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// How a listener plays a connection.
type Protocol = fn(Exchange, tokio::net::TcpStream, SocketAddr) -> Connection;

impl Listeners {
    /// Bind all four on `address` (ports as `wanted`) and start them.
    pub async fn start(
        exchange: Exchange,
        address: IpAddr,
        wanted: Wanted,
    ) -> std::io::Result<Listeners> {
        let bind = |port| TcpListener::bind((address, port));
        let imap = bind(wanted.imap).await?;
        let pop = bind(wanted.pop).await?;
        let smtp = bind(wanted.smtp).await?;
        let eas = bind(wanted.activesync).await?;
        let ports = Ports {
            imap: imap.local_addr()?.port(),
            pop: pop.local_addr()?.port(),
            smtp: smtp.local_addr()?.port(),
            activesync: eas.local_addr()?.port(),
        };
        let (stop, stopped) = watch::channel(false);
        let mut tasks = JoinSet::new();
        let all: [(TcpListener, Protocol); 4] = [
            (imap, |e, s, p| Box::pin(crate::imap::serve(e, s, p))),
            (pop, |e, s, p| Box::pin(crate::pop::serve(e, s, p))),
            (smtp, |e, s, p| Box::pin(crate::smtp::serve(e, s, p))),
            (eas, |e, s, p| Box::pin(crate::activesync::serve(e, s, p))),
        ];
        for (listener, protocol) in all {
            tasks.spawn(accept(
                listener,
                exchange.clone(),
                protocol,
                stopped.clone(),
            ));
        }
        Ok(Listeners {
            address,
            ports,
            tasks,
            stop,
        })
    }

    /// Stop accepting and end every connection.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        self.tasks.abort_all();
        while self.tasks.join_next().await.is_some() {}
    }
}

/// Accept connections until told to stop; each gets its own task, which ends with the
/// listener (a connection never outlives its listener).
async fn accept(
    listener: TcpListener,
    exchange: Exchange,
    protocol: Protocol,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    let mut failed_accept = false;
    loop {
        if std::mem::take(&mut failed_accept) {
            // Real time, at the network edge only.
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        tokio::select! {
            _ = stopped.wait_for(|s| *s) => break,
            // Finished connections are reaped so the set does not grow (one that panicked
            // was counted by its `Watch` as it unwound; the others go on: each connection
            // is a task of its own).
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => {
                let Ok((stream, peer)) = accepted else {
                    // Out of file descriptors, say: wait a moment (below) instead of trying
                    // again at once in a busy loop.
                    failed_accept = true;
                    continue;
                };
                let Some(slot) = exchange.admit(peer.ip()) else {
                    // All slots taken: a one-line refusal in no protocol's grammar in
                    // particular would confuse clients; closing at once is what a busy
                    // server does.
                    drop(stream);
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let run = protocol(exchange.clone(), stream, peer);
                let lifetime = exchange.limits().lifetime;
                let watch = Watch(exchange.clone());
                connections.spawn(async move {
                    let _watch = watch;
                    // However it behaves, a connection ends at its lifetime (dropped: the
                    // socket closes).
                    let _ = tokio::time::timeout(lifetime, run).await;
                    drop(slot);
                });
            }
        }
    }
}

/// Counts its connection's task as panicked when dropped while unwinding: counted in the task
/// itself, at once, not when the accept loop next reaps it (which a stop may never do).
struct Watch(Exchange);

impl Drop for Watch {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.note_panic();
        }
    }
}
