//! One answered call: its task (dialog states, media events, the host's commands) and the
//! host's handle, [`SipCall`].

use std::sync::Arc;

use media::{MediaEngine, MediaEvent, PlaybackEnd, PromptId, SessionConfig};
use rsipstack::dialog::dialog::DialogState;
use rsipstack::dialog::invite_dialog::InviteDialog;
use rsipstack::platform::CancellationToken;
use rsipstack::sip::prelude::HeadersExt;
use rsipstack::sip::{Header, StatusCode};
use tokio::sync::mpsc;

use crate::edge::CallSlot;
use crate::info::dtmf_from_info;
use crate::sdp::{Negotiated, Offer};

/// How a key press arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtmfVia {
    /// RFC 4733 telephone-events in RTP.
    Rfc4733,
    /// Tones in the audio (Goertzel).
    Inband,
    /// A SIP INFO request.
    Info,
}

/// What happens on a call, for the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallEvent {
    /// The caller pressed a key (`0`–`9`, `*`, `#`, `A`–`D`).
    Dtmf { digit: char, via: DtmfVia },
    /// A prompt queued with [`SipCall::play`] ended: played to its end (`completed`) or
    /// stopped.
    PlaybackFinished { id: u64, completed: bool },
    /// The call is over (the caller's BYE, ours, or the edge shutting down); nothing follows.
    HungUp,
}

#[derive(Debug)]
pub(crate) enum Command {
    Play(u64, Arc<[i16]>),
    Stop,
    HangUp,
}

/// An answered, confirmed call. Dropping it hangs up.
#[derive(Debug)]
pub struct SipCall {
    dialled: String,
    caller: String,
    commands: mpsc::UnboundedSender<Command>,
    events: mpsc::UnboundedReceiver<CallEvent>,
    /// The call's media, for bridging it with another call.
    media: media::BridgeHandle,
}

impl SipCall {
    /// A handle for a call task: the task reads the commands and sends the events.
    pub(crate) fn new(
        dialled: String,
        caller: String,
        media: media::BridgeHandle,
    ) -> (
        SipCall,
        mpsc::UnboundedReceiver<Command>,
        mpsc::UnboundedSender<CallEvent>,
    ) {
        let (commands, commands_rx) = mpsc::unbounded_channel();
        let (events_tx, events) = mpsc::unbounded_channel();
        let call = SipCall {
            dialled,
            caller,
            commands,
            events,
            media,
        };
        (call, commands_rx, events_tx)
    }

    /// Relays audio both ways between this call and `other` (see [`crate::bridge`], which
    /// also waits for either side to hang up). Prompts queued on a call still play first.
    pub fn bridge(&self, other: &SipCall) {
        self.media.bridge(&other.media);
    }

    /// Ends this call's bridge (both calls go back to prompts and silence).
    pub fn unbridge(&self) {
        self.media.unbridge();
    }

    /// The number dialled (the Request-URI user part).
    pub fn dialled(&self) -> &str {
        &self.dialled
    }

    /// The caller's user part from `From` (personal data: log it masked).
    pub fn caller(&self) -> &str {
        &self.caller
    }

    /// Queues a prompt: 8 kHz mono PCM, sent as G.711 RTP paced at 20 ms after what is
    /// already queued. [`CallEvent::PlaybackFinished`] with `id` follows.
    pub fn play(&self, id: u64, samples: Arc<[i16]>) {
        let _ = self.commands.send(Command::Play(id, samples));
    }

    /// Stops the prompt playing and clears the queue (barge-in).
    pub fn stop_playback(&self) {
        let _ = self.commands.send(Command::Stop);
    }

    /// Sends BYE (once); [`CallEvent::HungUp`] follows.
    pub fn hang_up(&self) {
        let _ = self.commands.send(Command::HangUp);
    }

    /// The next event; `None` after [`CallEvent::HungUp`].
    pub async fn next_event(&mut self) -> Option<CallEvent> {
        self.events.recv().await
    }
}

/// What a call task starts from.
pub(crate) struct CallSetup {
    pub(crate) dialog: InviteDialog,
    pub(crate) negotiated: Negotiated,
    pub(crate) dialled: String,
    pub(crate) caller: String,
    pub(crate) states: mpsc::UnboundedReceiver<DialogState>,
    pub(crate) media: MediaEngine,
    pub(crate) accepted: mpsc::Sender<SipCall>,
    pub(crate) stopping: CancellationToken,
    pub(crate) slot: CallSlot,
}

/// The call's task: ring, answer, wait for the ACK, hand the call to the host, then relay
/// until it ends.
pub(crate) async fn run(setup: CallSetup) {
    let CallSetup {
        dialog,
        negotiated,
        dialled,
        caller,
        mut states,
        media,
        accepted,
        stopping,
        slot,
    } = setup;
    let _slot = slot;
    let span = tracing::info_span!("sip call", id = %dialog.id().call_id);
    let _ = dialog.ringing(None, None);

    let mut config = SessionConfig::new(negotiated.codec, negotiated.remote);
    config.telephone_event_pts = negotiated.telephone_events.clone();
    let (rtp, mut media_events) = match media.open_call(config).await {
        Ok(opened) => opened,
        Err(e) => {
            span.in_scope(|| tracing::error!(error = %e, "no media for the call: 500"));
            let _ = dialog.reject(Some(StatusCode::ServerInternalError), None);
            return;
        }
    };
    let session = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut version = 1;
    let mut answer = negotiated.answer(rtp.local_addr(), session, version);
    if let Err(e) = dialog.accept(Some(vec![sdp_type()]), Some(answer.clone().into_bytes())) {
        span.in_scope(|| tracing::warn!(error = %e, "the 200 OK was not sent"));
        return;
    }

    // The caller's ACK confirms the call; a CANCEL or a missing ACK ends it first.
    loop {
        tokio::select! {
            state = states.recv() => match state {
                Some(DialogState::Confirmed(..)) => break,
                Some(DialogState::Terminated(_, reason)) => {
                    let reason = reason_of(reason);
                    span.in_scope(|| tracing::info!(reason, "call ended before it was confirmed"));
                    return;
                }
                None => return,
                Some(_) => {}
            },
            () = stopping.cancelled() => {
                let _ = dialog.bye().await;
                return;
            }
        }
    }

    let (call, mut commands, events) = SipCall::new(dialled, caller, rtp.bridge_handle());
    if accepted.send(call).await.is_err() {
        // No host takes calls any more.
        let _ = dialog.bye().await;
        return;
    }
    span.in_scope(|| tracing::info!("call answered"));

    let ended_by;
    loop {
        tokio::select! {
            // (A closed channel disables this branch; the engine only stops with the runtime.)
            Some(event) = media_events.recv() => {
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
                    MediaEvent::MediaTimeout => {
                        span.in_scope(|| tracing::debug!("no RTP from the caller for a while"));
                        None
                    }
                    MediaEvent::Latched { .. } | MediaEvent::DtmfSent { .. } => None,
                };
                if let Some(out) = out {
                    let _ = events.send(out);
                }
            }
            state = states.recv() => match state {
                Some(DialogState::Info(_, request, handle)) => {
                    let content_type = request
                        .header_value("Content-Type")
                        .unwrap_or_default();
                    let body = String::from_utf8_lossy(&request.body);
                    if let Some(digit) = dtmf_from_info(&content_type, &body) {
                        let _ = events.send(CallEvent::Dtmf {
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
                    // re-INVITE or UPDATE: hold, resume, a new address.
                    if request.body.is_empty() {
                        let _ = handle
                            .respond(StatusCode::OK, Some(vec![sdp_type()]), Some(answer.clone().into_bytes()))
                            .await;
                        continue;
                    }
                    let offer = std::str::from_utf8(&request.body)
                        .map_err(|_| crate::sdp::SdpError::Syntax("not UTF-8".to_owned()))
                        .and_then(Offer::parse)
                        .and_then(|o| o.negotiate());
                    match offer {
                        Ok(n) => {
                            if let Some(remote) = n.remote {
                                rtp.set_remote(remote);
                            }
                            span.in_scope(|| tracing::info!(hold = n.on_hold(), "media renegotiated"));
                            version += 1;
                            answer = n.answer(rtp.local_addr(), session, version);
                            let _ = handle
                                .respond(StatusCode::OK, Some(vec![sdp_type()]), Some(answer.clone().into_bytes()))
                                .await;
                        }
                        Err(e) => {
                            span.in_scope(|| tracing::info!(error = %e, "re-offer refused: 488"));
                            let _ = handle.reply(StatusCode::NotAcceptableHere).await;
                        }
                    }
                }
                Some(DialogState::Terminated(_, reason)) => {
                    ended_by = reason_of(reason);
                    break;
                }
                Some(_) => {}
                None => {
                    ended_by = "edge stopped";
                    break;
                }
            },
            command = commands.recv() => match command {
                Some(Command::Play(id, samples)) => rtp.play(PromptId(id), samples),
                Some(Command::Stop) => rtp.stop_playback(),
                Some(Command::HangUp) | None => {
                    ended_by = "we hung up";
                    break;
                }
            },
            () = stopping.cancelled() => {
                ended_by = "shutdown";
                break;
            }
        }
    }
    // The host learns at once; the BYE transaction (up to 32 s without an answer) finishes
    // here, holding the call's slot until then.
    let _ = events.send(CallEvent::HungUp);
    drop(rtp);
    span.in_scope(|| tracing::info!(ended_by, "call ended"));
    if matches!(ended_by, "we hung up" | "shutdown") {
        let _ = dialog.bye().await;
    }
}

fn sdp_type() -> Header {
    Header::ContentType("application/sdp".into())
}

fn reason_of(reason: rsipstack::dialog::dialog::TerminatedReason) -> &'static str {
    use rsipstack::dialog::dialog::TerminatedReason as R;
    match reason {
        R::Timeout => "timeout (no ACK)",
        R::UacCancel => "caller cancelled",
        R::UacBye => "caller hung up",
        R::UasBye => "we hung up",
        R::UacBusy | R::UasBusy => "busy",
        R::UasDecline => "declined",
        _ => "other",
    }
}
