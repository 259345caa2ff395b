//! The edge's own task: binds the transports, routes every incoming transaction and dialog
//! state, and answers what needs no call (rejections, OPTIONS, unknown dialogs).

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use rsipstack::EndpointBuilder;
use rsipstack::dialog::DialogId;
use rsipstack::dialog::dialog::{Dialog, DialogState, DialogStateReceiver, DialogStateSender};
use rsipstack::dialog::dialog_layer::DialogLayer;
use rsipstack::platform::CancellationToken;
use rsipstack::sip::prelude::HeadersExt;
use rsipstack::sip::{Header, Method, StatusCode};
use rsipstack::transaction::TransactionReceiver;
use rsipstack::transaction::endpoint::EndpointOption;
use rsipstack::transaction::transaction::Transaction;
use rsipstack::transport::udp::UdpConnection;
use rsipstack::transport::{TcpListenerConnection, TransportLayer};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::agents::{AgentPhones, Agents, AgentsSetup};
use crate::call::{self, CallSetup, SipCall};
use crate::rate::{RateLimit, TokenBucket};
use crate::sdp::Offer;
use crate::transport::{GuardCounts, GuardedUdp, StreamGuard};

/// The methods we answer, for `Allow`.
const ALLOW: &str = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE";
/// New calls per second by default (the benchmark's target is 300).
pub const DEFAULT_SETUP_RATE: u32 = 400;
/// How long [`SipEdge::shutdown`] waits for calls to finish their BYE.
const DRAIN: Duration = Duration::from_secs(2);

/// Where and how the edge listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipConfig {
    /// UDP and TCP address (port 0: a free port, the same for both).
    pub listen: SocketAddr,
    /// Also listen on TCP.
    pub tcp: bool,
    /// Calls at once; a new INVITE beyond gets 486 Busy Here.
    pub max_calls: usize,
    /// New call set-ups per second; an INVITE beyond gets 503 with Retry-After (`None`: no
    /// limit). Checked before the call limit, after the number (404).
    pub max_setup_rate: Option<RateLimit>,
    /// The address RTP sockets bind to and the SDP announces (default: the listen address;
    /// 127.0.0.1 when that is unspecified).
    pub rtp_ip: Option<IpAddr>,
    /// RFC 3261 timer T1, the round-trip estimate (default 500 ms). The other timers scale
    /// with it as their defaults do (T2 = 8·T1, T4 = 10·T1); a 200 OK is retransmitted from
    /// T1 on, doubling, and a caller who has not ACKed after 64·T1 gets a BYE.
    pub t1: Duration,
}

impl Default for SipConfig {
    fn default() -> SipConfig {
        SipConfig {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 5060),
            tcp: true,
            max_calls: 2_000,
            max_setup_rate: Some(RateLimit::per_second(DEFAULT_SETUP_RATE)),
            rtp_ip: None,
            t1: Duration::from_millis(500),
        }
    }
}

/// Why the edge could not start.
#[derive(Debug, thiserror::Error)]
pub enum SipError {
    /// Binding a socket failed (the address is in use, or not ours).
    #[error("cannot listen for SIP on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
}

/// Calls answered by the edge, in the order they were confirmed (ACK received).
#[derive(Debug)]
pub struct IncomingCalls {
    calls: mpsc::Receiver<SipCall>,
}

impl IncomingCalls {
    /// The next call; `None` once the edge has stopped.
    pub async fn next(&mut self) -> Option<SipCall> {
        self.calls.recv().await
    }
}

/// A running SIP edge; see the crate docs.
#[derive(Debug)]
pub struct SipEdge {
    local: SocketAddr,
    /// Calls hang up, new INVITEs get 503.
    stopping: CancellationToken,
    /// The transports stop.
    transport: CancellationToken,
    active: Arc<AtomicUsize>,
    guard: Arc<GuardCounts>,
    refused: Arc<Refused>,
    task: JoinHandle<()>,
    /// The registrar and outbound calls to agents (`crate::agents`).
    pub(crate) agents: Arc<Agents>,
}

/// INVITEs refused for load.
#[derive(Debug, Default)]
struct Refused {
    /// 503 for the set-up rate.
    rate: AtomicU64,
    /// 486 at the call limit.
    busy: AtomicU64,
}

/// Reads a running edge's counters; cheap to clone.
#[derive(Debug, Clone)]
pub struct SipMonitor {
    active: Arc<AtomicUsize>,
    guard: Arc<GuardCounts>,
    refused: Arc<Refused>,
}

impl SipMonitor {
    /// The counters now.
    pub fn stats(&self) -> SipStats {
        SipStats {
            active_calls: self.active.load(Ordering::Relaxed),
            malformed_answered: self.guard.answered.load(Ordering::Relaxed),
            malformed_dropped: self.guard.dropped.load(Ordering::Relaxed),
            refused_rate: self.refused.rate.load(Ordering::Relaxed),
            refused_busy: self.refused.busy.load(Ordering::Relaxed),
        }
    }
}

/// Counters of a running edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SipStats {
    /// Calls in progress (from the INVITE accepted to the end of the call task).
    pub active_calls: usize,
    /// Malformed messages answered with an error by the guard (400, 416, 501, 505, 513).
    pub malformed_answered: u64,
    /// Malformed messages dropped unanswered by the guard.
    pub malformed_dropped: u64,
    /// INVITEs refused with 503 because new calls came faster than the set-up rate.
    pub refused_rate: u64,
    /// INVITEs refused with 486 at the call limit.
    pub refused_busy: u64,
}

impl SipEdge {
    /// Binds and starts answering; `serves(dialled)` says whether a Request-URI user is a
    /// number the host answers (else 404). REGISTER gets 405: no agent phones.
    pub async fn start(
        config: SipConfig,
        serves: impl Fn(&str) -> bool + Send + Sync + 'static,
    ) -> Result<(SipEdge, IncomingCalls), SipError> {
        SipEdge::start_inner(config, serves, None).await
    }

    /// As [`SipEdge::start`], with a registrar for agent phones ([`AgentPhones`]) and
    /// outbound calls to them ([`SipEdge::call_agent`]).
    pub async fn start_with_agent_phones(
        config: SipConfig,
        serves: impl Fn(&str) -> bool + Send + Sync + 'static,
        phones: AgentPhones,
    ) -> Result<(SipEdge, IncomingCalls), SipError> {
        SipEdge::start_inner(config, serves, Some(phones)).await
    }

    async fn start_inner(
        config: SipConfig,
        serves: impl Fn(&str) -> bool + Send + Sync + 'static,
        phones: Option<AgentPhones>,
    ) -> Result<(SipEdge, IncomingCalls), SipError> {
        let bind_error = |reason: String| SipError::Bind {
            addr: config.listen,
            reason,
        };
        let transport = CancellationToken::new();
        let layer = TransportLayer::new(transport.clone());
        // Every datagram and every TCP request passes the guard first (see `guard`).
        let guard = Arc::new(GuardCounts::default());
        let socket = GuardedUdp::bind(config.listen, Arc::clone(&guard))
            .map_err(|e| bind_error(e.to_string()))?;
        let udp = UdpConnection::from_socket(Arc::new(socket), None, Some(transport.child_token()))
            .await
            .map_err(|e| bind_error(e.to_string()))?;
        let local = udp
            .get_addr()
            .get_socketaddr()
            .map_err(|e| bind_error(e.to_string()))?;
        let local = SocketAddr::new(config.listen.ip(), local.port());
        layer.add_transport(udp.into());
        if config.tcp {
            // rsipstack binds TCP lazily and only logs a failure: try it first, to fail here.
            drop(std::net::TcpListener::bind(local).map_err(|e| bind_error(e.to_string()))?);
            let tcp = TcpListenerConnection::new(local, None)
                .await
                .map_err(|e| bind_error(e.to_string()))?;
            layer.add_transport(tcp.into());
        }
        let endpoint = EndpointBuilder::new()
            .with_cancel_token(transport.clone())
            .with_transport_layer(layer)
            .with_user_agent("centralino")
            .with_option(EndpointOption {
                t1: config.t1,
                t2: config.t1 * 8,
                t4: config.t1 * 10,
                t1x64: config.t1 * 64,
                ..EndpointOption::default()
            })
            .with_transport_inspector(Box::new(StreamGuard {
                counts: Arc::clone(&guard),
            }))
            .build();
        let incoming = endpoint
            .incoming_transactions()
            .map_err(|e| bind_error(e.to_string()))?;
        let dialogs = Arc::new(DialogLayer::new(endpoint.inner.clone()));
        let (state_tx, state_rx) = dialogs.new_dialog_state_channel();
        let rtp_ip = config.rtp_ip.unwrap_or(match local.ip() {
            ip if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            ip => ip,
        });
        let contact: rsipstack::sip::Uri = format!("sip:centralino@{local}")
            .as_str()
            .try_into()
            .map_err(|e: rsipstack::sip::Error| bind_error(e.to_string()))?;
        let (accepted, calls) = mpsc::channel(64);
        let stopping = CancellationToken::new();
        let active = Arc::new(AtomicUsize::new(0));
        let media = media::MediaEngine::start(rtp_ip);
        let agents = Arc::new(Agents::new(AgentsSetup {
            phones,
            dialogs: Arc::clone(&dialogs),
            media: media.clone(),
            contact: contact.clone(),
            stopping: stopping.clone(),
            active: Arc::clone(&active),
        }));
        let refused = Arc::new(Refused::default());
        let router = Router {
            dialogs,
            state_tx,
            calls: HashMap::new(),
            serves: Arc::new(serves),
            max_calls: config.max_calls,
            setups: config
                .max_setup_rate
                .map(|limit| TokenBucket::new(limit, std::time::Instant::now())),
            refused: Arc::clone(&refused),
            active: Arc::clone(&active),
            media,
            contact,
            accepted,
            stopping: stopping.clone(),
            agents: Arc::clone(&agents),
        };
        let serve = endpoint.inner.clone();
        let task = tokio::spawn(async move {
            let endpoint = endpoint;
            tokio::select! {
                result = serve.serve() => {
                    if let Err(e) = result {
                        tracing::error!(error = %e, "the SIP endpoint stopped");
                    }
                }
                () = router.run(incoming, state_rx) => {}
            }
            endpoint.shutdown();
        });
        tracing::info!(%local, tcp = config.tcp, "SIP listening");
        Ok((
            SipEdge {
                local,
                stopping,
                transport,
                active,
                guard,
                refused,
                task,
                agents,
            },
            IncomingCalls { calls },
        ))
    }

    /// The address UDP (and TCP) listen on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local
    }

    /// Calls in progress (from the INVITE accepted to the end).
    pub fn active_calls(&self) -> usize {
        self.active.load(Ordering::Relaxed)
    }

    /// The edge's counters now.
    pub fn stats(&self) -> SipStats {
        self.monitor().stats()
    }

    /// A handle that reads the counters while the edge runs (for metrics and tests).
    pub fn monitor(&self) -> SipMonitor {
        SipMonitor {
            active: Arc::clone(&self.active),
            guard: Arc::clone(&self.guard),
            refused: Arc::clone(&self.refused),
        }
    }

    /// Hangs up every call (BYE), waits briefly for them to end, and closes the sockets.
    pub async fn shutdown(self) {
        self.stopping.cancel();
        let deadline = tokio::time::Instant::now() + DRAIN;
        while self.active.load(Ordering::Relaxed) > 0 && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.transport.cancel();
        if let Err(e) = self.task.await {
            tracing::error!(error = %e, "the SIP edge task failed");
        }
    }
}

/// Counts a call for the limit while it lives.
#[derive(Debug)]
pub(crate) struct CallSlot(Arc<AtomicUsize>);

impl CallSlot {
    /// Takes over a count already incremented.
    pub(crate) fn new(active: Arc<AtomicUsize>) -> CallSlot {
        CallSlot(active)
    }
}

impl Drop for CallSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The edge task's state: one owner, no locks.
struct Router {
    dialogs: Arc<DialogLayer>,
    state_tx: DialogStateSender,
    /// Each call task's inbox of dialog states.
    calls: HashMap<DialogId, mpsc::UnboundedSender<DialogState>>,
    serves: Arc<dyn Fn(&str) -> bool + Send + Sync>,
    max_calls: usize,
    setups: Option<TokenBucket>,
    refused: Arc<Refused>,
    active: Arc<AtomicUsize>,
    media: media::MediaEngine,
    contact: rsipstack::sip::Uri,
    accepted: mpsc::Sender<SipCall>,
    stopping: CancellationToken,
    agents: Arc<Agents>,
}

impl Router {
    async fn run(mut self, mut incoming: TransactionReceiver, mut states: DialogStateReceiver) {
        loop {
            tokio::select! {
                biased;
                state = states.recv() => match state {
                    Some(state) => self.dispatch(state),
                    None => return,
                },
                tx = incoming.recv() => match tx {
                    Some(tx) => self.transaction(tx),
                    None => return,
                },
            }
        }
    }

    /// A dialog state goes to its call's task; a dialog that ended is forgotten.
    fn dispatch(&mut self, state: DialogState) {
        let id = match &state {
            DialogState::Calling(id)
            | DialogState::Trying(id)
            | DialogState::Early(id, _)
            | DialogState::WaitAck(id, _)
            | DialogState::Confirmed(id, _)
            | DialogState::Updated(id, _, _)
            | DialogState::Publish(id, _, _)
            | DialogState::Notify(id, _, _)
            | DialogState::Refer(id, _, _)
            | DialogState::Message(id, _, _)
            | DialogState::Info(id, _, _)
            | DialogState::Options(id, _, _)
            | DialogState::Terminated(id, _) => id.clone(),
        };
        let ended = matches!(state, DialogState::Terminated(..));
        if let Some(inbox) = self.calls.get(&id) {
            // A call task that is gone has nothing left to do with it.
            let _ = inbox.send(state);
        }
        // Requests carrying a TransactionHandle that reach no call are answered 501 by
        // rsipstack when the handle drops.
        if ended {
            self.calls.remove(&id);
            self.dialogs.remove_dialog(&id);
        }
    }

    fn transaction(&mut self, mut tx: Transaction) {
        let in_dialog = tx
            .original
            .to_header()
            .ok()
            .and_then(|to| to.tag().ok().flatten())
            .is_some();
        let method = tx.original.method;
        if in_dialog {
            match self.dialogs.match_dialog(&tx) {
                Some(Dialog::Invite(mut dialog)) => {
                    tokio::spawn(async move {
                        if let Err(e) = dialog.handle(&mut tx).await {
                            tracing::debug!(error = %e, "in-dialog request");
                        }
                    });
                }
                _ if method == Method::Ack => {}
                _ => reply(tx, StatusCode::CallTransactionDoesNotExist, Vec::new()),
            }
            return;
        }
        match method {
            Method::Invite => self.new_call(tx),
            Method::Options => reply(
                tx,
                StatusCode::OK,
                vec![
                    Header::Allow(ALLOW.into()),
                    Header::Accept("application/sdp".into()),
                ],
            ),
            Method::Ack => {}
            Method::Register => self.agents.register(tx, ALLOW),
            Method::Bye | Method::Cancel | Method::Info | Method::Update | Method::PRack => {
                reply(tx, StatusCode::CallTransactionDoesNotExist, Vec::new());
            }
            Method::Subscribe
            | Method::Notify
            | Method::Refer
            | Method::Message
            | Method::Publish => reply(
                tx,
                StatusCode::MethodNotAllowed,
                vec![Header::Allow(ALLOW.into())],
            ),
            #[allow(unreachable_patterns)]
            _ => reply(tx, StatusCode::NotImplemented, Vec::new()),
        }
    }

    fn new_call(&mut self, tx: Transaction) {
        let dialled = tx
            .original
            .uri
            .auth
            .as_ref()
            .map(|a| a.user.clone())
            .unwrap_or_default();
        if self.stopping.is_cancelled() {
            return reply(tx, StatusCode::ServiceUnavailable, Vec::new());
        }
        if !(self.serves)(&dialled) {
            tracing::info!(dialled, "INVITE for a number not served: 404");
            return reply(tx, StatusCode::NotFound, Vec::new());
        }
        if let Some(bucket) = &mut self.setups
            && let Err(wait) = bucket.take(std::time::Instant::now())
        {
            self.refused.rate.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(?wait, "set-up rate exceeded: 503");
            // Whole seconds (RFC 3261 §20.33), rounded up.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return reply(
                tx,
                StatusCode::ServiceUnavailable,
                vec![Header::RetryAfter(seconds.max(1).to_string().into())],
            );
        }
        if self.active.load(Ordering::Relaxed) >= self.max_calls {
            self.refused.busy.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(limit = self.max_calls, "call limit reached: 486");
            return reply(tx, StatusCode::BusyHere, Vec::new());
        }
        // A body that says it is not SDP (RFC 3261 §8.2.3); one without a type is read as SDP.
        let content_type = tx.original.header_value("Content-Type").unwrap_or_default();
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        if !tx.original.body.is_empty()
            && !media_type.is_empty()
            && !media_type.eq_ignore_ascii_case("application/sdp")
        {
            tracing::info!(media_type, "INVITE with a body that is not SDP: 415");
            return reply(
                tx,
                StatusCode::UnsupportedMediaType,
                vec![Header::Accept("application/sdp".into())],
            );
        }
        let negotiated = match std::str::from_utf8(&tx.original.body)
            .map_err(|_| crate::sdp::SdpError::Syntax("not UTF-8".to_owned()))
            .and_then(Offer::parse)
            .and_then(|offer| offer.negotiate())
        {
            Ok(n) => n,
            Err(e) => {
                tracing::info!(error = %e, "INVITE with an unusable offer: 488");
                return reply(tx, StatusCode::NotAcceptableHere, Vec::new());
            }
        };
        let caller = tx
            .original
            .from_header()
            .ok()
            .and_then(|from| from.uri().ok())
            .and_then(|uri| uri.auth.map(|a| a.user))
            .unwrap_or_default();
        let dialog = match self.dialogs.get_or_create_server_invite(
            &tx,
            self.state_tx.clone(),
            None,
            Some(self.contact.clone()),
        ) {
            Ok(dialog) => dialog,
            Err(e) => {
                tracing::warn!(error = %e, "the INVITE cannot start a dialog");
                return reply(tx, StatusCode::BadRequest, Vec::new());
            }
        };
        let (inbox, states) = mpsc::unbounded_channel();
        self.calls.insert(dialog.id(), inbox);
        self.active.fetch_add(1, Ordering::Relaxed);
        let slot = CallSlot(Arc::clone(&self.active));
        let mut driver = dialog.clone();
        let mut tx = tx;
        tokio::spawn(async move {
            // The INVITE server transaction: 100 Trying, our responses, the ACK, CANCEL.
            if let Err(e) = driver.handle(&mut tx).await {
                tracing::debug!(error = %e, "INVITE transaction");
            }
        });
        tokio::spawn(call::run(CallSetup {
            dialog,
            negotiated,
            dialled,
            caller,
            states,
            media: self.media.clone(),
            accepted: self.accepted.clone(),
            stopping: self.stopping.clone(),
            slot,
        }));
    }
}

/// Answers a transaction outside any call, off the edge's loop.
fn reply(mut tx: Transaction, status: StatusCode, headers: Vec<Header>) {
    tokio::spawn(async move {
        if let Err(e) = tx.reply_with(status, headers, None).await {
            tracing::debug!(error = %e, "reply not sent");
        }
    });
}
