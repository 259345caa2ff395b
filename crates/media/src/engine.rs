//! [`MediaEngine`]: the thin async shell around [`MediaSession`]s — UDP sockets, one shared
//! 20 ms ticker, and channels.
//!
//! # Shape
//! One engine task owns every call's session (no locks). It wakes for three things:
//! - **the ticker**: a single `tokio::time::interval(20 ms)` for all calls. Each tick runs
//!   `handle_timeout` and drains `poll_transmit` for every session, sending with
//!   `try_send_to` (a full socket buffer drops the packet rather than stall every call). The
//!   interval uses [`MissedTickBehavior::Skip`]: after a stall the ticker goes back to the 20 ms
//!   grid instead of firing a burst of ticks; the sessions' own frame schedules decide what is
//!   still due (up to [`crate::session::MAX_CATCH_UP`] frames back to back, older ones skipped
//!   with timestamps kept in time). One timer for 2 000 calls instead of 2 000 timers, and all
//!   calls' packets leave together each tick.
//! - **datagrams**: each call's socket has a small receive task that forwards datagrams to the
//!   engine task, which feeds them to the session at once (so a DTMF end packet becomes an
//!   event without waiting for a tick).
//! - **commands** from [`Call`] handles: play, stop, send DTMF, new remote, bridge, recording.
//!
//! Events go out on each call's own unbounded channel (they are few: digits, prompt ends), so
//! a slow consumer never blocks media. Dropping a [`Call`] closes its socket and session.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::UdpSocket;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{Instant, MissedTickBehavior};

use crate::dtmf::DtmfDigit;
use crate::player::{NoTelephoneEvent, PromptId};
use crate::session::{ConfigError, FRAME, MediaEvent, MediaSession, SessionConfig, SessionStats};

/// Why a call could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Binding its RTP socket failed.
    #[error("cannot bind an RTP socket: {0}")]
    Bind(#[from] io::Error),
    /// The session configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The engine task is gone (the runtime is shutting down).
    #[error("the media engine has stopped")]
    Stopped,
}

type CallId = u64;

#[derive(Debug)]
enum Command {
    Open {
        id: CallId,
        socket: Arc<UdpSocket>,
        config: Box<SessionConfig>,
        events: mpsc::UnboundedSender<MediaEvent>,
        done: oneshot::Sender<Result<(), ConfigError>>,
    },
    Datagram {
        id: CallId,
        from: SocketAddr,
        data: Vec<u8>,
        at: Instant,
    },
    Play(CallId, PromptId, Arc<[i16]>),
    Stop(CallId),
    SendDtmf(
        CallId,
        DtmfDigit,
        Duration,
        oneshot::Sender<Result<(), NoTelephoneEvent>>,
    ),
    SetRemote(CallId, SocketAddr),
    Bridge(CallId, CallId),
    Unbridge(CallId),
    TakeRecording(CallId, oneshot::Sender<Vec<i16>>),
    Stats(CallId, oneshot::Sender<SessionStats>),
    Close(CallId),
}

/// Handle to the engine task; cheap to clone. The task ends when the engine and every
/// [`Call`] are dropped.
#[derive(Debug, Clone)]
pub struct MediaEngine {
    commands: mpsc::UnboundedSender<Command>,
    bind_ip: IpAddr,
    ids: Arc<std::sync::atomic::AtomicU64>,
}

impl MediaEngine {
    /// Starts the engine task on the current tokio runtime; calls' sockets bind to `bind_ip`
    /// on ephemeral ports.
    pub fn start(bind_ip: IpAddr) -> MediaEngine {
        let (commands, rx) = mpsc::unbounded_channel();
        tokio::spawn(run(rx, commands.downgrade()));
        MediaEngine {
            commands,
            bind_ip,
            ids: Arc::default(),
        }
    }

    /// Opens a call: binds its RTP socket (put [`Call::local_addr`] in the SDP) and starts its
    /// session. The SSRC, first sequence number and first timestamp in `config` are replaced
    /// with random values (RFC 3550).
    pub async fn open_call(
        &self,
        mut config: SessionConfig,
    ) -> Result<(Call, mpsc::UnboundedReceiver<MediaEvent>), EngineError> {
        let socket = Arc::new(UdpSocket::bind((self.bind_ip, 0)).await?);
        let local = socket.local_addr()?;
        let id = self.ids.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let random = RandomState::new().hash_one(id);
        config.ssrc = random as u32;
        config.initial_sequence = (random >> 32) as u16;
        config.initial_timestamp = RandomState::new().hash_one(id) as u32;
        let (events, events_rx) = mpsc::unbounded_channel();
        let (done, done_rx) = oneshot::channel();
        let open = Command::Open {
            id,
            socket,
            config: Box::new(config),
            events,
            done,
        };
        self.commands.send(open).map_err(|_| EngineError::Stopped)?;
        done_rx.await.map_err(|_| EngineError::Stopped)??;
        let call = Call {
            id,
            local,
            commands: self.commands.clone(),
        };
        Ok((call, events_rx))
    }
}

/// One call's media in the engine. Dropping it closes the call.
#[derive(Debug)]
pub struct Call {
    id: CallId,
    local: SocketAddr,
    commands: mpsc::UnboundedSender<Command>,
}

impl Call {
    /// Our RTP address, for the SDP.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Queues a prompt (8 kHz mono PCM).
    pub fn play(&self, id: PromptId, samples: Arc<[i16]>) {
        self.send(Command::Play(self.id, id, samples));
    }

    /// Barge-in: stops the prompt and clears the queue.
    pub fn stop_playback(&self) {
        self.send(Command::Stop(self.id));
    }

    /// Sends a key press as RFC 4733 events.
    pub async fn send_dtmf(
        &self,
        digit: DtmfDigit,
        duration: Duration,
    ) -> Result<(), NoTelephoneEvent> {
        let (tx, rx) = oneshot::channel();
        self.send(Command::SendDtmf(self.id, digit, duration, tx));
        // An engine that is gone has nothing to send with either.
        rx.await.unwrap_or(Err(NoTelephoneEvent))
    }

    /// The peer's new SDP address (re-INVITE).
    pub fn set_remote(&self, remote: SocketAddr) {
        self.send(Command::SetRemote(self.id, remote));
    }

    /// Relays audio both ways between this call and `other` (each leg keeps its own SSRC,
    /// sequence numbers, timestamps and codec). Replaces earlier bridges of either.
    pub fn bridge(&self, other: &Call) {
        self.send(Command::Bridge(self.id, other.id));
    }

    /// Ends this call's bridge (both legs).
    pub fn unbridge(&self) {
        self.send(Command::Unbridge(self.id));
    }

    /// A handle that can bridge this call from another task (the [`Call`] itself stays with
    /// its owner). It does not keep the call open.
    pub fn bridge_handle(&self) -> BridgeHandle {
        BridgeHandle {
            id: self.id,
            commands: self.commands.clone(),
        }
    }

    /// Takes what was recorded so far (empty unless the config asked for recording).
    pub async fn take_recording(&self) -> Vec<i16> {
        let (tx, rx) = oneshot::channel();
        self.send(Command::TakeRecording(self.id, tx));
        rx.await.unwrap_or_default()
    }

    /// The session's counters.
    pub async fn stats(&self) -> SessionStats {
        let (tx, rx) = oneshot::channel();
        self.send(Command::Stats(self.id, tx));
        rx.await.unwrap_or_default()
    }

    fn send(&self, command: Command) {
        // The engine only stops when the runtime does; nothing to do then.
        let _ = self.commands.send(command);
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.send(Command::Close(self.id));
    }
}

/// Bridges calls owned by other tasks: [`Call::bridge`] by id. A handle whose call has
/// closed does nothing.
#[derive(Debug, Clone)]
pub struct BridgeHandle {
    id: CallId,
    commands: mpsc::UnboundedSender<Command>,
}

impl BridgeHandle {
    /// Relays audio both ways between the two calls, as [`Call::bridge`]. Calls of two
    /// different engines cannot be bridged: nothing happens then.
    pub fn bridge(&self, other: &BridgeHandle) {
        if self.commands.same_channel(&other.commands) {
            let _ = self.commands.send(Command::Bridge(self.id, other.id));
        }
    }

    /// Ends the call's bridge (both legs), as [`Call::unbridge`].
    pub fn unbridge(&self) {
        let _ = self.commands.send(Command::Unbridge(self.id));
    }
}

struct Entry {
    session: MediaSession,
    socket: Arc<UdpSocket>,
    events: mpsc::UnboundedSender<MediaEvent>,
    receiver: JoinHandle<()>,
    bridged_with: Option<CallId>,
}

async fn run(
    mut commands: mpsc::UnboundedReceiver<Command>,
    me: mpsc::WeakUnboundedSender<Command>,
) {
    let mut calls: HashMap<CallId, Entry> = HashMap::new();
    let mut ticker = tokio::time::interval(FRAME);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Skip);
    // The instant of the latest tick: new sessions start their frame schedule on it, so every
    // session's frames fall on the ticker's grid and each tick releases exactly one.
    let mut grid = Instant::now().into_std();
    loop {
        // The tick comes first: a flood of datagrams or commands must not starve pacing.
        tokio::select! {
            biased;
            tick = ticker.tick() => {
                grid = tick.into_std();
                let now = Instant::now().into_std();
                for entry in calls.values_mut() {
                    entry.session.handle_timeout(now);
                    while let Some(t) = entry.session.poll_transmit(now) {
                        if let Err(e) = entry.socket.try_send_to(&t.payload, t.destination) {
                            tracing::trace!(error = %e, "RTP send dropped");
                        }
                    }
                    forward_events(entry);
                }
            }
            command = commands.recv() => {
                let Some(command) = command else { break };
                handle(&mut calls, command, &me, grid);
            }
        }
    }
    for entry in calls.into_values() {
        entry.receiver.abort();
    }
}

fn handle(
    calls: &mut HashMap<CallId, Entry>,
    command: Command,
    me: &mpsc::WeakUnboundedSender<Command>,
    grid: std::time::Instant,
) {
    match command {
        Command::Open {
            id,
            socket,
            config,
            events,
            done,
        } => {
            let session = match MediaSession::new(grid + FRAME, *config) {
                Ok(s) => s,
                Err(e) => {
                    let _ = done.send(Err(e));
                    return;
                }
            };
            let Some(tx) = me.upgrade() else { return };
            let receiver = tokio::spawn(receive(id, socket.clone(), tx));
            calls.insert(
                id,
                Entry {
                    session,
                    socket,
                    events,
                    receiver,
                    bridged_with: None,
                },
            );
            let _ = done.send(Ok(()));
        }
        Command::Datagram { id, from, data, at } => {
            let Some(entry) = calls.get_mut(&id) else {
                return;
            };
            entry.session.handle_datagram(at.into_std(), from, &data);
            forward_events(entry);
            if let Some(other) = entry.bridged_with {
                let frames: Vec<_> =
                    std::iter::from_fn(|| entry.session.poll_bridge_frame()).collect();
                if let Some(peer) = calls.get_mut(&other) {
                    for f in frames {
                        peer.session.push_bridge_frame(f);
                    }
                }
            }
        }
        Command::Play(id, prompt, samples) => {
            if let Some(e) = calls.get_mut(&id) {
                e.session.play(prompt, samples);
            }
        }
        Command::Stop(id) => {
            if let Some(e) = calls.get_mut(&id) {
                e.session.stop_playback();
                forward_events(e);
            }
        }
        Command::SendDtmf(id, digit, duration, done) => {
            let result = calls.get_mut(&id).map_or(Err(NoTelephoneEvent), |e| {
                e.session.send_dtmf(digit, duration)
            });
            let _ = done.send(result);
        }
        Command::SetRemote(id, remote) => {
            if let Some(e) = calls.get_mut(&id) {
                e.session.set_remote(remote);
            }
        }
        Command::Bridge(a, b) => {
            if a == b || !calls.contains_key(&a) || !calls.contains_key(&b) {
                return;
            }
            unbridge(calls, a);
            unbridge(calls, b);
            for (x, y) in [(a, b), (b, a)] {
                if let Some(e) = calls.get_mut(&x) {
                    e.bridged_with = Some(y);
                    e.session.set_bridged(true);
                }
            }
        }
        Command::Unbridge(id) => unbridge(calls, id),
        Command::TakeRecording(id, done) => {
            let rec = calls
                .get_mut(&id)
                .map(|e| e.session.take_recording())
                .unwrap_or_default();
            let _ = done.send(rec);
        }
        Command::Stats(id, done) => {
            let _ = done.send(
                calls
                    .get(&id)
                    .map(|e| e.session.stats())
                    .unwrap_or_default(),
            );
        }
        Command::Close(id) => {
            unbridge(calls, id);
            if let Some(e) = calls.remove(&id) {
                e.receiver.abort();
            }
        }
    }
}

fn unbridge(calls: &mut HashMap<CallId, Entry>, id: CallId) {
    let Some(other) = calls.get_mut(&id).and_then(|e| e.bridged_with.take()) else {
        return;
    };
    for x in [id, other] {
        if let Some(e) = calls.get_mut(&x) {
            e.bridged_with = None;
            e.session.set_bridged(false);
        }
    }
}

fn forward_events(entry: &mut Entry) {
    while let Some(event) = entry.session.poll_event() {
        // A call whose owner stopped listening still runs until its handle is dropped.
        let _ = entry.events.send(event);
    }
}

async fn receive(id: CallId, socket: Arc<UdpSocket>, engine: mpsc::UnboundedSender<Command>) {
    let mut buf = vec![0u8; 2048];
    loop {
        match socket.recv_from(&mut buf).await {
            Ok((n, from)) => {
                let data = buf[..n].to_vec();
                let at = Instant::now();
                if engine
                    .send(Command::Datagram { id, from, data, at })
                    .is_err()
                {
                    return;
                }
            }
            // ICMP port unreachable from an earlier send shows up here on some systems.
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {}
            Err(e) => {
                tracing::warn!(error = %e, "RTP receive failed");
                return;
            }
        }
    }
}
