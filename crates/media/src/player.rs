//! The outgoing stream of a call: prompts (8 kHz PCM) cut into 20 ms G.711 packets, DTMF sent
//! as RFC 4733 events, audio bridged from another leg, and silence in between.
//!
//! A [`Player`] is a clock-less state machine: each call to [`Player::tick`] is one 20 ms frame
//! (the caller's pacer decides when). Every tick advances the RTP timestamp by 160 whether or
//! not a packet goes out, so the timestamp follows real time across pauses; sequence numbers
//! advance only with packets. The marker bit is set on the first audio packet of a talkspurt:
//! the first packet of the stream and the first audio packet after ticks that sent none (idle
//! without comfort silence, or a DTMF event).
//!
//! Per tick, in priority order: a DTMF event in progress (audio pauses: prompts keep their
//! place), the prompt at the head of the queue, a frame bridged from another leg, then idle
//! ([`IdleMode`]). Prompts start on a frame boundary; a prompt's last frame is padded with
//! silence. Every prompt queued gets exactly one [`PlayerEvent::PlaybackFinished`]: completed,
//! or stopped by [`Player::stop`] (barge-in clears the whole queue).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use crate::dtmf::{DtmfDigit, DtmfEncoder};
use crate::g711::Codec;
use crate::rtp::RtpHeader;

/// Samples in one 20 ms frame at 8 kHz.
pub const FRAME_SAMPLES: usize = 160;
/// Frames bridged audio may queue before the oldest is dropped (100 ms).
pub const BRIDGE_QUEUE: usize = 5;

/// The caller's name for a queued prompt, echoed in [`PlayerEvent::PlaybackFinished`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PromptId(pub u64);

/// How a prompt's playback ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaybackEnd {
    /// Its last frame was sent.
    Completed,
    /// It was cleared by [`Player::stop`] before or while playing.
    Stopped,
}

/// What the player reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayerEvent {
    /// A queued prompt is done.
    PlaybackFinished {
        /// Which.
        id: PromptId,
        /// How.
        end: PlaybackEnd,
    },
    /// The last end packet of an outgoing DTMF event was sent.
    DtmfSent {
        /// The key.
        digit: DtmfDigit,
    },
}

/// What to send when there is nothing to play.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdleMode {
    /// Encoded silence every 20 ms (the default): keeps NAT bindings and the peer's
    /// latching and jitter buffer alive, and costs the same bandwidth as speech.
    #[default]
    Silence,
    /// Nothing (silence suppression without comfort noise); the next audio packet carries
    /// the marker bit.
    Nothing,
}

/// Settings of the outgoing stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayerConfig {
    /// The codec sent.
    pub codec: Codec,
    /// Our SSRC (random per stream, chosen by the caller).
    pub ssrc: u32,
    /// First sequence number (random, chosen by the caller).
    pub initial_sequence: u16,
    /// First timestamp (random, chosen by the caller).
    pub initial_timestamp: u32,
    /// The telephone-event payload type for sending DTMF, if one was negotiated.
    pub telephone_event_pt: Option<u8>,
    /// What to send when idle.
    pub idle: IdleMode,
    /// Audio (or silence) between two outgoing DTMF events (default 60 ms).
    pub dtmf_gap: Duration,
}

impl PlayerConfig {
    /// Defaults for `codec` with the given stream identifiers.
    pub fn new(codec: Codec, ssrc: u32, initial_sequence: u16, initial_timestamp: u32) -> Self {
        PlayerConfig {
            codec,
            ssrc,
            initial_sequence,
            initial_timestamp,
            telephone_event_pt: None,
            idle: IdleMode::Silence,
            dtmf_gap: Duration::from_millis(60),
        }
    }
}

/// An encoded 20 ms frame handed from one leg to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BridgeFrame {
    /// The codec of `payload`.
    pub codec: Codec,
    /// 160 encoded samples.
    pub payload: Vec<u8>,
}

/// Sending DTMF needs a negotiated telephone-event payload type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no telephone-event payload type was negotiated")]
pub struct NoTelephoneEvent;

#[derive(Debug)]
struct Prompt {
    id: PromptId,
    samples: Arc<[i16]>,
    position: usize,
}

#[derive(Debug)]
struct Sending {
    digit: DtmfDigit,
    encoder: DtmfEncoder,
    timestamp: u32,
}

/// Counters for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlayerStats {
    /// Packets written (audio and events).
    pub packets: u64,
    /// Bridged frames dropped because the queue was full.
    pub bridge_dropped: u64,
    /// Frames skipped because the pacer fell behind.
    pub skipped_frames: u64,
}

/// The outgoing stream (see the module docs).
#[derive(Debug)]
pub struct Player {
    config: PlayerConfig,
    sequence: u16,
    timestamp: u32,
    audio_last_tick: bool,
    prompts: VecDeque<Prompt>,
    dtmf_queue: VecDeque<(DtmfDigit, Duration)>,
    sending: Option<Sending>,
    gap_ticks: u32,
    bridge: VecDeque<BridgeFrame>,
    events: VecDeque<PlayerEvent>,
    payload: Vec<u8>,
    stats: PlayerStats,
}

impl Player {
    /// An idle player.
    pub fn new(config: PlayerConfig) -> Player {
        Player {
            config,
            sequence: config.initial_sequence,
            timestamp: config.initial_timestamp,
            audio_last_tick: false,
            prompts: VecDeque::new(),
            dtmf_queue: VecDeque::new(),
            sending: None,
            gap_ticks: 0,
            bridge: VecDeque::new(),
            events: VecDeque::new(),
            payload: Vec::with_capacity(FRAME_SAMPLES),
            stats: PlayerStats::default(),
        }
    }

    /// Queues a prompt after those already queued. An empty prompt completes at the next tick.
    pub fn enqueue(&mut self, id: PromptId, samples: Arc<[i16]>) {
        self.prompts.push_back(Prompt {
            id,
            samples,
            position: 0,
        });
    }

    /// Barge-in: stops the prompt playing and clears the queue; each gets a `Stopped` event.
    pub fn stop(&mut self) {
        for p in self.prompts.drain(..) {
            self.events.push_back(PlayerEvent::PlaybackFinished {
                id: p.id,
                end: PlaybackEnd::Stopped,
            });
        }
    }

    /// Whether a prompt is playing or queued.
    pub fn is_playing(&self) -> bool {
        !self.prompts.is_empty()
    }

    /// Queues a key press to send as RFC 4733 events (after those already queued).
    pub fn send_dtmf(
        &mut self,
        digit: DtmfDigit,
        duration: Duration,
    ) -> Result<(), NoTelephoneEvent> {
        if self.config.telephone_event_pt.is_none() {
            return Err(NoTelephoneEvent);
        }
        self.dtmf_queue.push_back((digit, duration));
        Ok(())
    }

    /// Queues a frame from the other leg of a bridge (oldest dropped beyond [`BRIDGE_QUEUE`]).
    pub fn push_bridged(&mut self, frame: BridgeFrame) {
        if self.bridge.len() >= BRIDGE_QUEUE {
            self.bridge.pop_front();
            self.stats.bridge_dropped += 1;
        }
        self.bridge.push_back(frame);
    }

    /// Forgets queued bridged frames (the bridge was torn down).
    pub fn clear_bridged(&mut self) {
        self.bridge.clear();
    }

    /// The codec sent.
    pub fn codec(&self) -> Codec {
        self.config.codec
    }

    /// Our SSRC.
    pub fn ssrc(&self) -> u32 {
        self.config.ssrc
    }

    /// Counters so far.
    pub fn stats(&self) -> PlayerStats {
        self.stats
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<PlayerEvent> {
        self.events.pop_front()
    }

    /// One 20 ms frame: appends at most one packet to `out` and says whether it did.
    pub fn tick(&mut self, out: &mut Vec<u8>) -> bool {
        let timestamp = self.timestamp;
        self.timestamp = self.timestamp.wrapping_add(FRAME_SAMPLES as u32);
        if self.gap_ticks > 0 {
            self.gap_ticks -= 1;
        } else if let Some(te) = self.config.telephone_event_pt {
            if self.sending.is_none()
                && let Some((digit, duration)) = self.dtmf_queue.pop_front()
            {
                let encoder = DtmfEncoder::new(digit, duration, DtmfEncoder::DEFAULT_VOLUME);
                self.sending = Some(Sending {
                    digit,
                    encoder,
                    timestamp,
                });
            }
            if let Some(s) = self.sending.as_mut() {
                let ev = s
                    .encoder
                    .next()
                    .expect("a finished event is removed at its last packet");
                let header = RtpHeader {
                    marker: ev.marker,
                    payload_type: te,
                    sequence: self.sequence,
                    timestamp: s.timestamp,
                    ssrc: self.config.ssrc,
                };
                header.write(&ev.payload, out);
                self.sequence = self.sequence.wrapping_add(1);
                self.stats.packets += 1;
                self.audio_last_tick = false;
                if s.encoder.is_finished() {
                    let digit = s.digit;
                    self.sending = None;
                    self.events.push_back(PlayerEvent::DtmfSent { digit });
                    self.gap_ticks = (self.config.dtmf_gap.as_millis() / 20) as u32;
                }
                return true;
            }
        }
        self.payload.clear();
        let codec = self.config.codec;
        if let Some(p) = self.prompts.front_mut() {
            let end = (p.position + FRAME_SAMPLES).min(p.samples.len());
            codec.encode(&p.samples[p.position..end], &mut self.payload);
            self.payload.resize(FRAME_SAMPLES, codec.silence());
            p.position = end;
            if end == p.samples.len() {
                let id = p.id;
                self.prompts.pop_front();
                self.events.push_back(PlayerEvent::PlaybackFinished {
                    id,
                    end: PlaybackEnd::Completed,
                });
            }
        } else if let Some(frame) = self.bridge.pop_front() {
            if frame.codec == codec {
                self.payload.extend_from_slice(&frame.payload);
            } else {
                self.payload.extend(
                    frame
                        .payload
                        .iter()
                        .map(|&b| codec.encode_sample(frame.codec.decode_sample(b))),
                );
            }
        } else if self.config.idle == IdleMode::Silence {
            self.payload.resize(FRAME_SAMPLES, codec.silence());
        } else {
            self.audio_last_tick = false;
            return false;
        }
        let header = RtpHeader {
            marker: !self.audio_last_tick,
            payload_type: codec.payload_type(),
            sequence: self.sequence,
            timestamp,
            ssrc: self.config.ssrc,
        };
        header.write(&self.payload, out);
        self.sequence = self.sequence.wrapping_add(1);
        self.audio_last_tick = true;
        self.stats.packets += 1;
        true
    }

    /// Lets `frames` frames pass without sending (the pacer fell behind): the timestamp and
    /// the prompt being played move on as if they had been sent, so audio stays in time.
    pub fn skip(&mut self, frames: u32) {
        self.stats.skipped_frames += u64::from(frames);
        self.timestamp = self.timestamp.wrapping_add(frames * FRAME_SAMPLES as u32);
        self.audio_last_tick = false;
        let mut samples = frames as usize * FRAME_SAMPLES;
        while samples > 0 {
            let Some(p) = self.prompts.front_mut() else {
                break;
            };
            let take = samples.min(p.samples.len() - p.position);
            p.position += take;
            samples -= take;
            if p.position == p.samples.len() {
                let id = p.id;
                self.prompts.pop_front();
                self.events.push_back(PlayerEvent::PlaybackFinished {
                    id,
                    end: PlaybackEnd::Completed,
                });
            }
        }
        for _ in 0..frames.min(BRIDGE_QUEUE as u32) {
            self.bridge.pop_front();
        }
    }
}

#[cfg(test)]
mod tests;
