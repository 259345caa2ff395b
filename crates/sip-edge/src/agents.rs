//! Agent phones, the async side: REGISTER transactions answered by the [`crate::registrar`]
//! core with credentials from the host ([`AgentDirectory`]), outbound INVITEs to a registered
//! extension ([`SipEdge::call_agent`]) as [`SipCall`] legs, and [`bridge`] to relay two calls
//! until one hangs up.
//!
//! The outbound leg: we offer PCMU, PCMA and telephone-event/8000 (payload type 101) from a
//! fresh RTP socket; 100 and 180 are waited through; on 200 rsipstack sends the ACK and the
//! answer fixes the remote address (a phone that answers PCMA only gets a re-INVITE from a
//! PCMA socket). A final failure, the ring timeout (we CANCEL), or a dropped `call_agent`
//! future (we CANCEL) end the attempt; a 2xx crossing our CANCEL is ACKed and ended with BYE
//! by rsipstack.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use media::{Codec, MediaEngine, MediaEvent, PlaybackEnd, PromptId, SessionConfig};
use rsipstack::dialog::DialogId;
use rsipstack::dialog::dialog::{DialogState, TerminatedReason};
use rsipstack::dialog::dialog_layer::DialogLayer;
use rsipstack::dialog::invitation::{InviteAsyncResult, InviteOption};
use rsipstack::dialog::invite_dialog::InviteDialog;
use rsipstack::platform::CancellationToken;
use rsipstack::sip::prelude::HeadersExt;
use rsipstack::sip::{Header, StatusCode, StatusCodeKind};
use rsipstack::transaction::transaction::Transaction;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::call::{CallEvent, Command, DtmfVia, SipCall};
use crate::digest::Ha1;
use crate::edge::{CallSlot, SipEdge};
use crate::info::dtmf_from_info;
use crate::registrar::{
    RegisterOutcome, RegisterRequest, Registrar, RegistrarConfig, Registration,
};
use crate::sdp::Offer;

/// The telephone-event payload type we offer.
const TELEPHONE_EVENT_PT: u8 = 101;

/// A credential look-up failed (the store is down, say): the phone gets 500, not 404.
#[derive(Debug, Clone, thiserror::Error)]
#[error("credential look-up failed: {0}")]
pub struct LookupError(pub String);

/// What [`AgentDirectory::ha1`] returns.
pub type LookupFuture = Pin<Box<dyn Future<Output = Result<Option<Ha1>, LookupError>> + Send>>;

/// The host's agent phones: an extension's HA1 (`MD5(extension:realm:password)`, see
/// [`Ha1::from_password`]) in the registrar's realm, or `None` when there is no such
/// extension. The edge stores no passwords. Any `Fn(&str) -> LookupFuture` is one.
pub trait AgentDirectory: Send + Sync + 'static {
    fn ha1(&self, extension: &str) -> LookupFuture;
}

impl<F> AgentDirectory for F
where
    F: Fn(&str) -> LookupFuture + Send + Sync + 'static,
{
    fn ha1(&self, extension: &str) -> LookupFuture {
        self(extension)
    }
}

/// The registrar's settings and the host's credentials, for
/// [`SipEdge::start_with_agent_phones`].
#[derive(Clone)]
pub struct AgentPhones {
    pub registrar: RegistrarConfig,
    pub directory: Arc<dyn AgentDirectory>,
}

impl std::fmt::Debug for AgentPhones {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AgentPhones")
            .field("registrar", &self.registrar)
            .finish_non_exhaustive()
    }
}

/// How [`SipEdge::call_agent`] calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCallOptions {
    /// How long the phone may take to answer (from the INVITE) before we CANCEL.
    pub ring_timeout: Duration,
    /// The name the agent's phone shows as calling (`From` display name).
    pub display_name: Option<String>,
}

impl Default for AgentCallOptions {
    fn default() -> AgentCallOptions {
        AgentCallOptions {
            ring_timeout: Duration::from_secs(30),
            display_name: None,
        }
    }
}

/// Why a call to an agent's phone did not connect.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallAgentError {
    /// The edge runs without a registrar ([`SipEdge::start`]).
    #[error("agent phones are not enabled on this SIP edge")]
    NoRegistrar,
    /// No live registration for the extension.
    #[error("extension {0} is not registered")]
    NotRegistered(String),
    /// 486 Busy Here or 600 Busy Everywhere.
    #[error("extension {extension} is busy ({status})")]
    Busy { extension: String, status: u16 },
    /// 603 Decline: the agent refused the call.
    #[error("extension {extension} declined the call")]
    Declined { extension: String },
    /// No answer in time; we sent CANCEL.
    #[error(
        "extension {extension} did not answer within {after:?} ({}); the call was cancelled",
        if *rang { "it rang" } else { "it never rang" }
    )]
    NoAnswer {
        extension: String,
        after: Duration,
        rang: bool,
    },
    /// Another final response.
    #[error("extension {extension} refused the call: {status} {reason}")]
    Rejected {
        extension: String,
        status: u16,
        reason: String,
    },
    /// The phone answered with SDP we cannot use (we hung up).
    #[error("extension {extension} answered with unusable SDP: {reason}")]
    BadAnswer { extension: String, reason: String },
    /// The INVITE could not be sent or got no response at all.
    #[error("cannot reach extension {extension}: {reason}")]
    Unreachable { extension: String, reason: String },
    /// No RTP socket for the call.
    #[error("no media for the call: {0}")]
    Media(String),
    /// The edge is shutting down.
    #[error("the SIP edge is stopping")]
    Stopping,
}

/// The agent side of the edge, shared by the edge's loop (REGISTER) and [`SipEdge`]
/// (registrations, outbound calls).
pub(crate) struct Agents {
    registrar: Mutex<Registrar>,
    directory: Option<Arc<dyn AgentDirectory>>,
    dialogs: Arc<DialogLayer>,
    media: MediaEngine,
    contact: rsipstack::sip::Uri,
    stopping: CancellationToken,
    active: Arc<AtomicUsize>,
}

impl std::fmt::Debug for Agents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Agents")
            .field("enabled", &self.directory.is_some())
            .finish_non_exhaustive()
    }
}

/// What [`Agents::new`] needs from the edge.
pub(crate) struct AgentsSetup {
    pub(crate) phones: Option<AgentPhones>,
    pub(crate) dialogs: Arc<DialogLayer>,
    pub(crate) media: MediaEngine,
    pub(crate) contact: rsipstack::sip::Uri,
    pub(crate) stopping: CancellationToken,
    pub(crate) active: Arc<AtomicUsize>,
}

impl Agents {
    pub(crate) fn new(setup: AgentsSetup) -> Agents {
        let (config, directory) = match setup.phones {
            Some(p) => (p.registrar, Some(p.directory)),
            None => (RegistrarConfig::default(), None),
        };
        let mut secret = [0u8; 16];
        if let Err(e) = getrandom::fill(&mut secret) {
            // Without OS randomness nonces are still unique per start, only guessable.
            tracing::warn!(error = %e, "no random nonce secret");
            let seed = std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), 1u8);
            secret[..8].copy_from_slice(&seed.to_le_bytes());
        }
        Agents {
            registrar: Mutex::new(Registrar::new(config, secret, Instant::now())),
            directory,
            dialogs: setup.dialogs,
            media: setup.media,
            contact: setup.contact,
            stopping: setup.stopping,
            active: setup.active,
        }
    }

    fn registrar(&self) -> std::sync::MutexGuard<'_, Registrar> {
        // The registrar's state stays consistent between calls: a panic elsewhere does not
        // corrupt it.
        self.registrar
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Answers a REGISTER off the edge's loop (405 without a registrar).
    pub(crate) fn register(self: &Arc<Self>, mut tx: Transaction, allow: &'static str) {
        let Some(directory) = self.directory.clone() else {
            tokio::spawn(async move {
                let _ = tx
                    .reply_with(
                        StatusCode::MethodNotAllowed,
                        vec![Header::Allow(allow.into())],
                        None,
                    )
                    .await;
            });
            return;
        };
        let agents = Arc::clone(self);
        tokio::spawn(async move {
            let (status, headers) = agents.answer_register(&tx, directory.as_ref()).await;
            if let Err(e) = tx.reply_with(status, headers, None).await {
                tracing::debug!(error = %e, "REGISTER reply not sent");
            }
        });
    }

    async fn answer_register(
        &self,
        tx: &Transaction,
        directory: &dyn AgentDirectory,
    ) -> (StatusCode, Vec<Header>) {
        let request = &tx.original;
        let extension = request
            .to_header()
            .ok()
            .and_then(|to| to.uri().ok())
            .and_then(|uri| uri.auth.map(|a| a.user))
            .unwrap_or_default();
        let mut contacts = Vec::new();
        let mut authorization = None;
        let mut expires = None;
        let mut user_agent = None;
        for header in request.headers.iter() {
            match header {
                Header::Contact(c) => contacts.push(c.value().to_owned()),
                Header::Authorization(a) => authorization = Some(a.value().to_owned()),
                Header::Expires(e) => expires = Some(e.value().to_owned()),
                Header::UserAgent(u) => user_agent = Some(u.value().to_owned()),
                _ => {}
            }
        }
        let source = via_source(request).unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
        let ha1 = if extension.is_empty() {
            None
        } else {
            match directory.ha1(&extension).await {
                Ok(ha1) => ha1,
                Err(e) => {
                    tracing::error!(error = %e, "REGISTER: 500");
                    return (StatusCode::ServerInternalError, Vec::new());
                }
            }
        };
        let register = RegisterRequest {
            extension: &extension,
            contacts: &contacts,
            expires: expires.as_deref(),
            authorization: authorization.as_deref(),
            source,
            user_agent: user_agent.as_deref(),
        };
        let outcome = self
            .registrar()
            .register(&register, ha1.as_ref(), Instant::now());
        match outcome {
            RegisterOutcome::Registered(bindings) => {
                tracing::info!(extension, bindings = bindings.len(), "REGISTER: 200");
                let headers = bindings
                    .into_iter()
                    .map(|(uri, seconds)| {
                        Header::Contact(format!("<{uri}>;expires={seconds}").into())
                    })
                    .collect();
                (StatusCode::OK, headers)
            }
            RegisterOutcome::Challenge(challenge) => (
                StatusCode::Unauthorized,
                vec![Header::WwwAuthenticate(challenge.into())],
            ),
            RegisterOutcome::Forbidden => {
                tracing::warn!(extension, %source, "REGISTER with wrong credentials: 403");
                (StatusCode::Forbidden, Vec::new())
            }
            RegisterOutcome::NotFound => {
                tracing::info!(extension, "REGISTER for an unknown extension: 404");
                (StatusCode::NotFound, Vec::new())
            }
            RegisterOutcome::IntervalTooBrief(min) => (
                StatusCode::IntervalTooBrief,
                vec![Header::MinExpires(min.to_string().into())],
            ),
            RegisterOutcome::BadRequest(reason) => {
                tracing::info!(extension, reason, "bad REGISTER: 400");
                (StatusCode::BadRequest, Vec::new())
            }
        }
    }
}

/// Where a request came from: the top Via's `received`/`rport` (RFC 3581) or its sent-by.
fn via_source(request: &rsipstack::sip::Request) -> Option<SocketAddr> {
    let via = request.headers.iter().find_map(|h| match h {
        Header::Via(v) => Some(v.value().to_owned()),
        _ => None,
    })?;
    let mut parts = via.split(';');
    let sent_by = parts.next()?.split_whitespace().nth(1)?;
    let (mut host, mut port) = match sent_by.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), p.parse().ok()?),
        None => (sent_by.to_owned(), 5060),
    };
    for param in parts {
        match param.trim().split_once('=') {
            Some(("received", value)) => host = value.trim().to_owned(),
            Some(("rport", value)) => port = value.trim().parse().ok()?,
            _ => {}
        }
    }
    host.trim_matches(|c| c == '[' || c == ']')
        .parse()
        .ok()
        .map(|ip| SocketAddr::new(ip, port))
}

impl SipEdge {
    /// Live agent-phone registrations, by extension (expired ones are gone).
    pub fn registrations(&self) -> Vec<Registration> {
        self.agents.registrar().registrations(Instant::now())
    }

    /// Whether `extension` has a live registration.
    pub fn is_registered(&self, extension: &str) -> bool {
        self.agents
            .registrar()
            .target(extension, Instant::now())
            .is_some()
    }

    /// The digest realm agent phones authenticate in.
    pub fn realm(&self) -> String {
        self.agents.registrar().realm().to_owned()
    }

    /// Calls an agent's registered phone; on answer, the agent's leg as a [`SipCall`]
    /// (dialled: the extension; caller: `centralino`). Dropping the future before it
    /// resolves cancels the INVITE. Bridge it to a caller with [`bridge`].
    pub async fn call_agent(
        &self,
        extension: &str,
        options: &AgentCallOptions,
    ) -> Result<SipCall, CallAgentError> {
        let agents = &self.agents;
        if agents.directory.is_none() {
            return Err(CallAgentError::NoRegistrar);
        }
        if agents.stopping.is_cancelled() {
            return Err(CallAgentError::Stopping);
        }
        let target = agents
            .registrar()
            .target(extension, Instant::now())
            .ok_or_else(|| CallAgentError::NotRegistered(extension.to_owned()))?;
        let unreachable = |reason: String| CallAgentError::Unreachable {
            extension: extension.to_owned(),
            reason,
        };
        let callee: rsipstack::sip::Uri = target
            .as_str()
            .try_into()
            .map_err(|e: rsipstack::sip::Error| unreachable(format!("contact {target}: {e}")))?;
        let (rtp, media_events) = open_media(&agents.media, Codec::Pcmu).await?;
        let session = session_id();
        let offer = sdp_offer(rtp.local_addr(), session, 1, &[Codec::Pcmu, Codec::Pcma]);
        let (state_tx, mut states) = mpsc::unbounded_channel();
        let invite = InviteOption {
            caller_display_name: options.display_name.clone(),
            caller: agents.contact.clone(),
            callee,
            content_type: Some("application/sdp".to_owned()),
            offer: Some(offer.into_bytes()),
            contact: agents.contact.clone(),
            ..Default::default()
        };
        let (dialog, handle) = agents
            .dialogs
            .do_invite_async(invite, state_tx)
            .map_err(|e| unreachable(e.to_string()))?;
        let span = tracing::info_span!("agent call", extension, id = %dialog.id().call_id);
        span.in_scope(|| tracing::info!(contact = %target, "calling the agent's phone"));
        agents.active.fetch_add(1, Ordering::Relaxed);
        let slot = CallSlot::new(Arc::clone(&agents.active));
        let mut pending = Pending {
            dialog: Some(dialog.clone()),
            handle: Some(handle),
            dialogs: Arc::clone(&agents.dialogs),
        };
        let Some(handle) = pending.handle.as_mut() else {
            return Err(CallAgentError::Stopping);
        };
        let waited = tokio::select! {
            result = handle => Ok(result),
            () = tokio::time::sleep(options.ring_timeout) => Err(false),
            () = agents.stopping.cancelled() => Err(true),
        };
        let result = match waited {
            Ok(result) => result,
            Err(true) => {
                pending.give_up();
                return Err(CallAgentError::Stopping);
            }
            Err(false) => {
                let rang = rang(&mut states);
                pending.give_up();
                span.in_scope(|| tracing::info!(rang, "no answer: CANCEL"));
                return Err(CallAgentError::NoAnswer {
                    extension: extension.to_owned(),
                    after: options.ring_timeout,
                    rang,
                });
            }
        };
        // The INVITE transaction is over: nothing left to cancel.
        pending.disarm();
        let (id, response) = match result {
            Ok(Ok(done)) => done,
            Ok(Err(e)) => return Err(unreachable(e.to_string())),
            Err(e) => return Err(unreachable(format!("the INVITE task failed: {e}"))),
        };
        let Some(response) = response else {
            return Err(unreachable("no final response".to_owned()));
        };
        let status = response.status_code.clone();
        if status.kind() != StatusCodeKind::Successful {
            span.in_scope(|| tracing::info!(%status, "the agent's phone refused"));
            return Err(refusal(extension, &status));
        }
        let answer = std::str::from_utf8(&response.body)
            .map_err(|_| crate::sdp::SdpError::Syntax("not UTF-8".to_owned()))
            .and_then(Offer::parse)
            .and_then(|a| a.negotiate());
        let negotiated = match answer {
            Ok(n) => n,
            Err(e) => {
                let _ = dialog.bye().await;
                agents.dialogs.remove_dialog(&id);
                return Err(CallAgentError::BadAnswer {
                    extension: extension.to_owned(),
                    reason: e.to_string(),
                });
            }
        };
        // We sent PCMU unless the phone takes only PCMA: then a PCMA socket and a re-INVITE.
        let answered_pcmu = answer_lists(&response.body, 0);
        let (rtp, media_events, remote) = if answered_pcmu {
            (rtp, media_events, negotiated.remote)
        } else {
            drop(rtp);
            let (rtp, events) = open_media(&agents.media, Codec::Pcma).await?;
            let offer = sdp_offer(rtp.local_addr(), session, 2, &[Codec::Pcma]);
            let reanswer = dialog
                .reinvite(Some(vec![sdp_type()]), Some(offer.into_bytes()))
                .await;
            let remote = match reanswer {
                Ok(Some(r)) if r.status_code.kind() == StatusCodeKind::Successful => {
                    std::str::from_utf8(&r.body)
                        .ok()
                        .and_then(|b| Offer::parse(b).ok())
                        .and_then(|a| a.negotiate().ok())
                        .and_then(|n| n.remote)
                        .or(negotiated.remote)
                }
                other => {
                    let _ = dialog.bye().await;
                    agents.dialogs.remove_dialog(&id);
                    return Err(CallAgentError::BadAnswer {
                        extension: extension.to_owned(),
                        reason: format!("PCMA re-INVITE failed: {other:?}"),
                    });
                }
            };
            (rtp, events, remote)
        };
        if let Some(remote) = remote {
            rtp.set_remote(remote);
        }
        span.in_scope(|| tracing::info!("the agent answered"));
        let (call, commands, events) = SipCall::new(
            extension.to_owned(),
            "centralino".to_owned(),
            rtp.bridge_handle(),
        );
        let leg = AgentLeg {
            dialog,
            id,
            rtp,
            media_events,
            states,
            commands,
            events,
            dialogs: Arc::clone(&agents.dialogs),
            stopping: agents.stopping.clone(),
            session,
            _slot: slot,
        };
        tokio::spawn(tracing::Instrument::instrument(leg.run(), span));
        Ok(call)
    }
}

/// Opens an RTP session for an outbound leg (remote unknown until the answer).
async fn open_media(
    engine: &MediaEngine,
    codec: Codec,
) -> Result<(media::Call, mpsc::UnboundedReceiver<MediaEvent>), CallAgentError> {
    let mut config = SessionConfig::new(codec, None);
    config.telephone_event_pts = vec![TELEPHONE_EVENT_PT];
    engine
        .open_call(config)
        .await
        .map_err(|e| CallAgentError::Media(e.to_string()))
}

/// Whether the agent's phone reached 180/183 before we gave up.
fn rang(states: &mut mpsc::UnboundedReceiver<DialogState>) -> bool {
    let mut rang = false;
    while let Ok(state) = states.try_recv() {
        rang |= matches!(state, DialogState::Early(..));
    }
    rang
}

fn refusal(extension: &str, status: &StatusCode) -> CallAgentError {
    let extension = extension.to_owned();
    match status {
        StatusCode::BusyHere | StatusCode::BusyEverywhere => CallAgentError::Busy {
            extension,
            status: status.code(),
        },
        StatusCode::Decline => CallAgentError::Declined { extension },
        other => CallAgentError::Rejected {
            extension,
            status: other.code(),
            reason: other.text().to_owned(),
        },
    }
}

/// Whether the answer's audio line lists payload type `pt`.
fn answer_lists(body: &[u8], pt: u8) -> bool {
    std::str::from_utf8(body)
        .ok()
        .and_then(|b| Offer::parse(b).ok())
        .and_then(|o| {
            o.media
                .into_iter()
                .find(|m| m.kind == "audio" && m.port != 0)
        })
        .is_some_and(|m| m.formats.iter().any(|f| f.parse() == Ok(pt)))
}

/// The INVITE in flight; dropped armed (the `call_agent` future was dropped, or gave up), it
/// cancels the INVITE and cleans up whatever the phone answers.
struct Pending {
    dialog: Option<InviteDialog>,
    handle: Option<JoinHandle<InviteAsyncResult>>,
    dialogs: Arc<DialogLayer>,
}

impl Pending {
    fn disarm(&mut self) {
        self.dialog = None;
        self.handle = None;
    }

    fn give_up(&mut self) {
        let (Some(dialog), Some(handle)) = (self.dialog.take(), self.handle.take()) else {
            return;
        };
        let dialogs = Arc::clone(&self.dialogs);
        tokio::spawn(async move {
            if let Err(e) = dialog.cancel().await {
                tracing::debug!(error = %e, "CANCEL to the agent's phone");
            }
            // A 2xx that crossed the CANCEL is ACKed and ended with BYE by rsipstack; the
            // dialog it registered is ours to remove.
            if let Ok(Ok((id, _))) = handle.await {
                dialogs.remove_dialog(&id);
            }
        });
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.give_up();
    }
}

/// An answered agent leg's task: media events and in-dialog requests to [`CallEvent`]s, the
/// host's commands to media and BYE.
struct AgentLeg {
    dialog: InviteDialog,
    id: DialogId,
    rtp: media::Call,
    media_events: mpsc::UnboundedReceiver<MediaEvent>,
    states: mpsc::UnboundedReceiver<DialogState>,
    commands: mpsc::UnboundedReceiver<Command>,
    events: mpsc::UnboundedSender<CallEvent>,
    dialogs: Arc<DialogLayer>,
    stopping: CancellationToken,
    session: u64,
    _slot: CallSlot,
}

impl AgentLeg {
    async fn run(mut self) {
        let mut version = 2;
        let ended_by = loop {
            tokio::select! {
                Some(event) = self.media_events.recv() => {
                    let out = match event {
                        MediaEvent::Dtmf { digit, source } => Some(CallEvent::Dtmf {
                            digit: digit.as_char(),
                            via: match source {
                                media::DtmfSource::Rfc4733 => DtmfVia::Rfc4733,
                                media::DtmfSource::Inband => DtmfVia::Inband,
                            },
                        }),
                        MediaEvent::PlaybackFinished { id, end } => Some(CallEvent::PlaybackFinished {
                            id: id.0,
                            completed: end == PlaybackEnd::Completed,
                        }),
                        MediaEvent::MediaTimeout
                        | MediaEvent::Latched { .. }
                        | MediaEvent::DtmfSent { .. } => None,
                    };
                    if let Some(out) = out {
                        let _ = self.events.send(out);
                    }
                }
                state = self.states.recv() => match state {
                    Some(DialogState::Terminated(_, reason)) => break ended(&reason),
                    Some(DialogState::Info(_, request, handle)) => {
                        let content_type = request.header_value("Content-Type").unwrap_or_default();
                        let body = String::from_utf8_lossy(&request.body);
                        if let Some(digit) = dtmf_from_info(&content_type, &body) {
                            let _ = self.events.send(CallEvent::Dtmf {
                                digit: digit.as_char(),
                                via: DtmfVia::Info,
                            });
                        }
                        let _ = handle.reply(StatusCode::OK).await;
                    }
                    Some(DialogState::Options(_, _, handle)) => {
                        let _ = handle.reply(StatusCode::OK).await;
                    }
                    Some(DialogState::Updated(_, request, handle)) => {
                        // The agent's phone re-offers (hold, resume, a new address).
                        let offer = std::str::from_utf8(&request.body)
                            .map_err(|_| crate::sdp::SdpError::Syntax("not UTF-8".to_owned()))
                            .and_then(Offer::parse)
                            .and_then(|o| o.negotiate());
                        match offer {
                            Ok(n) => {
                                if let Some(remote) = n.remote {
                                    self.rtp.set_remote(remote);
                                }
                                version += 1;
                                let answer = n.answer(self.rtp.local_addr(), self.session, version);
                                let _ = handle
                                    .respond(StatusCode::OK, Some(vec![sdp_type()]), Some(answer.into_bytes()))
                                    .await;
                            }
                            Err(_) => {
                                let _ = handle.reply(StatusCode::NotAcceptableHere).await;
                            }
                        }
                    }
                    Some(_) => {}
                    None => break "edge stopped",
                },
                command = self.commands.recv() => match command {
                    Some(Command::Play(id, samples)) => self.rtp.play(PromptId(id), samples),
                    Some(Command::Stop) => self.rtp.stop_playback(),
                    Some(Command::HangUp) | None => break "we hung up",
                },
                () = self.stopping.cancelled() => break "shutdown",
            }
        };
        let _ = self.events.send(CallEvent::HungUp);
        // Closing the media ends any bridge: the other call goes on with prompts and silence.
        drop(self.rtp);
        tracing::info!(ended_by, "agent call ended");
        if matches!(ended_by, "we hung up" | "shutdown") {
            let _ = self.dialog.bye().await;
        }
        self.dialogs.remove_dialog(&self.id);
    }
}

fn ended(reason: &TerminatedReason) -> &'static str {
    match reason {
        TerminatedReason::UasBye => "the agent hung up",
        TerminatedReason::UacBye => "we hung up",
        TerminatedReason::Timeout => "timeout",
        _ => "other",
    }
}

/// How a [`bridge`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BridgeEnd {
    /// The first call (the caller) hung up; the second is still up.
    FirstHungUp,
    /// The second call (the agent) hung up; the first is still up.
    SecondHungUp,
}

/// Relays audio between two calls until either hangs up, then unbridges and says which one
/// did; the other call is left up for the host to continue (a survey for the caller, say) or
/// hang up. Keys and prompt ends during the bridge are dropped.
pub async fn bridge(first: &mut SipCall, second: &mut SipCall) -> BridgeEnd {
    first.bridge(second);
    let end = loop {
        tokio::select! {
            event = first.next_event() => {
                if matches!(event, Some(CallEvent::HungUp) | None) {
                    break BridgeEnd::FirstHungUp;
                }
            }
            event = second.next_event() => {
                if matches!(event, Some(CallEvent::HungUp) | None) {
                    break BridgeEnd::SecondHungUp;
                }
            }
        }
    };
    first.unbridge();
    end
}

/// Our SDP offer: one audio stream with `codecs` and telephone-event, send and receive.
fn sdp_offer(local: SocketAddr, session: u64, version: u64, codecs: &[Codec]) -> String {
    let ip = local.ip();
    let family = if ip.is_ipv4() { "IP4" } else { "IP6" };
    let mut formats: Vec<String> = codecs
        .iter()
        .map(|c| c.payload_type().to_string())
        .collect();
    formats.push(TELEPHONE_EVENT_PT.to_string());
    let mut sdp = format!(
        "v=0\r\no=centralino {session} {version} IN {family} {ip}\r\ns=centralino\r\n\
         c=IN {family} {ip}\r\nt=0 0\r\nm=audio {} RTP/AVP {}\r\n",
        local.port(),
        formats.join(" ")
    );
    for codec in codecs {
        let name = match codec {
            Codec::Pcmu => "PCMU",
            Codec::Pcma => "PCMA",
        };
        sdp.push_str(&format!(
            "a=rtpmap:{} {name}/8000\r\n",
            codec.payload_type()
        ));
    }
    sdp.push_str(&format!(
        "a=rtpmap:{TELEPHONE_EVENT_PT} telephone-event/8000\r\na=fmtp:{TELEPHONE_EVENT_PT} 0-16\r\n\
         a=ptime:20\r\na=sendrecv\r\n"
    ));
    sdp
}

fn session_id() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn sdp_type() -> Header {
    Header::ContentType("application/sdp".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_offer_is_an_offer_our_own_answerer_accepts() {
        let local: SocketAddr = "127.0.0.1:40000".parse().unwrap();
        let offer = sdp_offer(local, 7, 1, &[Codec::Pcmu, Codec::Pcma]);
        assert!(
            offer.contains("m=audio 40000 RTP/AVP 0 8 101\r\n"),
            "{offer}"
        );
        let negotiated = Offer::parse(&offer).unwrap().negotiate().unwrap();
        assert_eq!(negotiated.codec, Codec::Pcmu);
        assert_eq!(negotiated.telephone_events, vec![101]);
        assert_eq!(negotiated.remote, Some(local));
        assert!(!negotiated.on_hold());
        assert!(answer_lists(offer.as_bytes(), 0));
        assert!(answer_lists(offer.as_bytes(), 8));

        let pcma = sdp_offer(local, 7, 2, &[Codec::Pcma]);
        let negotiated = Offer::parse(&pcma).unwrap().negotiate().unwrap();
        assert_eq!(negotiated.codec, Codec::Pcma);
        assert!(!answer_lists(pcma.as_bytes(), 0));
        assert!(!answer_lists(b"not sdp", 0));
    }

    #[test]
    fn the_source_is_the_via_with_received_and_rport() {
        let request = |via: &str| -> rsipstack::sip::Request {
            format!(
                "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: {via}\r\nFrom: <sip:1001@h>;tag=1\r\n\
                 To: <sip:1001@h>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n"
            )
            .as_str()
            .try_into()
            .unwrap()
        };
        assert_eq!(
            via_source(&request("SIP/2.0/UDP 127.0.0.1:5091;branch=z9hG4bK1")),
            Some("127.0.0.1:5091".parse().unwrap())
        );
        assert_eq!(
            via_source(&request(
                "SIP/2.0/UDP 10.0.0.9:5091;branch=z9hG4bK1;rport=40000;received=192.0.2.7"
            )),
            Some("192.0.2.7:40000".parse().unwrap())
        );
        assert_eq!(
            via_source(&request("SIP/2.0/TCP 127.0.0.1;branch=z9hG4bK1")),
            Some("127.0.0.1:5060".parse().unwrap())
        );
    }

    #[test]
    fn refusals_name_what_happened() {
        assert!(matches!(
            refusal("1001", &StatusCode::BusyHere),
            CallAgentError::Busy { status: 486, .. }
        ));
        assert!(matches!(
            refusal("1001", &StatusCode::Decline),
            CallAgentError::Declined { .. }
        ));
        let other = refusal("1001", &StatusCode::TemporarilyUnavailable);
        assert!(matches!(
            other,
            CallAgentError::Rejected { status: 480, .. }
        ));
        assert!(other.to_string().contains("480"), "{other}");
        let no_answer = CallAgentError::NoAnswer {
            extension: "1001".to_owned(),
            after: Duration::from_secs(3),
            rang: true,
        };
        assert!(no_answer.to_string().contains("it rang"), "{no_answer}");
    }
}
