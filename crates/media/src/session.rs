//! [`MediaSession`]: everything media about one call leg, as a sans-IO state machine.
//!
//! # Driving it
//! Inputs are datagrams (`handle_datagram(now, from, bytes)`), the passing of time
//! (`handle_timeout(now)`) and commands (`play`, `stop_playback`, `send_dtmf`, `set_remote`,
//! bridging). Outputs are packets to send (`poll_transmit(now)`, drained until `None`) and
//! [`MediaEvent`]s (`poll_event`, drained until `None`). The session never reads a clock,
//! never touches a socket and never blocks.
//!
//! # Pacing
//! The session keeps its own frame schedule: one frame every 20 ms from the `now` it was created
//! with. `poll_transmit(now)` produces every frame due by `now` (a frame counts as due up to
//! half a frame early, so a shared ticker whose ticks jitter by less than 10 ms releases exactly
//! one frame per tick). If the caller fell behind by more than [`MAX_CATCH_UP`] frames, the
//! excess frames are skipped rather than burst (the player keeps audio in time), so a stalled
//! host never floods the peer.
//!
//! # Receiving
//! Each datagram is parsed; RTCP, malformed packets and payload types that were not negotiated
//! are counted and dropped. Telephone-events (on any of the negotiated telephone-event payload
//! types, from any SSRC) go straight to the RFC 4733 receiver; when they share the audio's SSRC,
//! the reorder buffer is only told their sequence number is taken, so it neither waits for it
//! nor counts it lost. Audio (PCMU or PCMA) goes
//! through the reorder buffer, then to the in-band DTMF detector, the recorder and the bridge.
//!
//! # Symmetric RTP (latching)
//! Callers behind NAT announce a private address in SDP; their packets arrive from the NAT's
//! public one. With [`SessionConfig::latching`] (the default), the first packet that parses and
//! carries a negotiated payload type fixes the remote address: from then on we send there
//! ([`MediaEvent::Latched`] reports it if it differs from the SDP address) and drop packets
//! from any other source (counted as `foreign_source`), so a stray or hostile sender cannot
//! take the call's audio over. A re-INVITE's new address ([`MediaSession::set_remote`]) re-arms
//! latching. Without latching we send to the SDP address and accept packets from anywhere.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::dtmf::{DtmfDigit, DtmfReceiver, DtmfReceiverConfig};
use crate::g711::Codec;
use crate::inband::InbandDetector;
use crate::jitter::{AudioPacket, ReorderBuffer, ReorderConfig, ReorderStats};
use crate::player::{
    BRIDGE_QUEUE, BridgeFrame, IdleMode, NoTelephoneEvent, PlaybackEnd, Player, PlayerConfig,
    PlayerEvent, PlayerStats, PromptId,
};
use crate::recorder::Recorder;
use crate::rtp::{RtpError, parse};

/// One frame of G.711 at 8 kHz.
pub const FRAME: Duration = Duration::from_millis(20);
/// Frames a late poll may still send back to back; older ones are skipped.
pub const MAX_CATCH_UP: u32 = 3;

/// When to run the in-band (Goertzel) DTMF detector on received audio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InbandMode {
    /// Never.
    Off,
    /// Always (a trunk known to send tones). Digits may then be reported twice if the peer
    /// also sends RFC 4733 for the same key.
    On,
    /// Only when no telephone-event payload type was negotiated (the default): a peer that
    /// offered RFC 4733 uses it, and the detector's cost is saved.
    #[default]
    Auto,
}

/// Everything a session needs from signalling (SDP) and configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionConfig {
    /// The audio codec we send (the answer's first codec). Both PCMU and PCMA are decoded.
    pub codec: Codec,
    /// Telephone-event payload types accepted, as negotiated (any of 96–127 or whatever the
    /// peer offered); the first one is used for sending. Empty: no RFC 4733.
    pub telephone_event_pts: Vec<u8>,
    /// The address from the peer's SDP, if known.
    pub remote: Option<SocketAddr>,
    /// Symmetric RTP (see the module docs). Default on.
    pub latching: bool,
    /// Our SSRC.
    pub ssrc: u32,
    /// Our first sequence number.
    pub initial_sequence: u16,
    /// Our first timestamp.
    pub initial_timestamp: u32,
    /// What to send when nothing plays.
    pub idle: IdleMode,
    /// RFC 4733 reception.
    pub dtmf: DtmfReceiverConfig,
    /// In-band detection.
    pub inband: InbandMode,
    /// The audio reorder buffer.
    pub reorder: ReorderConfig,
    /// Silence from the peer after which [`MediaEvent::MediaTimeout`] is reported (default 30 s).
    pub media_timeout: Duration,
    /// Record received audio up to this length (default: no recording).
    pub record: Option<Duration>,
}

impl SessionConfig {
    /// Defaults for `codec` towards `remote`. The stream identifiers are fixed placeholders:
    /// set `ssrc`, `initial_sequence` and `initial_timestamp` to random values (RFC 3550)
    /// unless the test wants them known; [`crate::MediaEngine`] does.
    pub fn new(codec: Codec, remote: Option<SocketAddr>) -> SessionConfig {
        SessionConfig {
            codec,
            telephone_event_pts: Vec::new(),
            remote,
            latching: true,
            ssrc: 0x6365_6E74,
            initial_sequence: 0,
            initial_timestamp: 0,
            idle: IdleMode::Silence,
            dtmf: DtmfReceiverConfig::default(),
            inband: InbandMode::Auto,
            reorder: ReorderConfig::default(),
            media_timeout: Duration::from_secs(30),
            record: None,
        }
    }
}

/// A configuration the session cannot work with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A telephone-event payload type above 127, equal to a G.711 type, or in the range RTCP
    /// multiplexing reserves (72–76).
    #[error("unusable telephone-event payload type {0}")]
    PayloadType(u8),
}

/// A packet to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transmit {
    /// Where to.
    pub destination: SocketAddr,
    /// The RTP packet.
    pub payload: Vec<u8>,
}

/// How a digit was signalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtmfSource {
    /// RFC 4733 telephone-event packets.
    Rfc4733,
    /// Tones in the audio.
    Inband,
}

/// What a session reports to call control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaEvent {
    /// The peer pressed a key.
    Dtmf {
        /// Which.
        digit: DtmfDigit,
        /// How it came.
        source: DtmfSource,
    },
    /// A queued prompt finished or was stopped.
    PlaybackFinished {
        /// Which.
        id: PromptId,
        /// How.
        end: PlaybackEnd,
    },
    /// An outgoing key press was fully sent.
    DtmfSent {
        /// Which.
        digit: DtmfDigit,
    },
    /// Media arrives from (and is now sent to) an address other than the SDP one.
    Latched {
        /// The peer's real address.
        remote: SocketAddr,
    },
    /// No media from the peer for [`SessionConfig::media_timeout`]; reported once per silence.
    MediaTimeout,
}

/// Counters for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionStats {
    /// Packets accepted (audio and telephone-event).
    pub received: u64,
    /// Telephone-event packets among them.
    pub telephone_events: u64,
    /// Datagrams that are not RTP, or telephone-events too short to read.
    pub malformed: u64,
    /// RTCP datagrams (ignored).
    pub rtcp: u64,
    /// Packets with a payload type not negotiated (ignored), such as SIPp's PT 97 filler.
    pub unknown_payload_type: u64,
    /// Packets from an address other than the latched one (dropped).
    pub foreign_source: u64,
    /// The reorder buffer's counters.
    pub reorder: ReorderStats,
    /// The player's counters.
    pub player: PlayerStats,
}

/// The media of one call leg (see the module docs).
#[derive(Debug)]
pub struct MediaSession {
    codec: Codec,
    telephone_event_pts: Vec<u8>,
    remote: Option<SocketAddr>,
    latching: bool,
    latched: bool,
    player: Player,
    dtmf: DtmfReceiver,
    inband: Option<InbandDetector>,
    reorder: ReorderBuffer,
    recorder: Option<Recorder>,
    bridged: bool,
    bridge_out: VecDeque<BridgeFrame>,
    next_frame: Instant,
    last_media: Instant,
    media_timeout: Duration,
    timed_out: bool,
    events: VecDeque<MediaEvent>,
    stats: SessionStats,
    pcm: Vec<i16>,
}

impl MediaSession {
    /// A session whose first frame is due at `now`.
    pub fn new(now: Instant, config: SessionConfig) -> Result<MediaSession, ConfigError> {
        for &pt in &config.telephone_event_pts {
            if pt > 127 || Codec::from_payload_type(pt).is_some() || (72..=76).contains(&pt) {
                return Err(ConfigError::PayloadType(pt));
            }
        }
        let inband = match config.inband {
            InbandMode::On => true,
            InbandMode::Off => false,
            InbandMode::Auto => config.telephone_event_pts.is_empty(),
        };
        let player = Player::new(PlayerConfig {
            telephone_event_pt: config.telephone_event_pts.first().copied(),
            idle: config.idle,
            ..PlayerConfig::new(
                config.codec,
                config.ssrc,
                config.initial_sequence,
                config.initial_timestamp,
            )
        });
        Ok(MediaSession {
            codec: config.codec,
            telephone_event_pts: config.telephone_event_pts,
            remote: config.remote,
            latching: config.latching,
            latched: false,
            player,
            dtmf: DtmfReceiver::new(config.dtmf),
            inband: inband.then(InbandDetector::new),
            reorder: ReorderBuffer::new(config.reorder),
            recorder: config
                .record
                .map(|d| Recorder::new((d.as_millis() * 8) as usize)),
            bridged: false,
            bridge_out: VecDeque::new(),
            next_frame: now,
            last_media: now,
            media_timeout: config.media_timeout,
            timed_out: false,
            events: VecDeque::new(),
            stats: SessionStats::default(),
            pcm: Vec::with_capacity(160),
        })
    }

    /// Feeds one received datagram.
    pub fn handle_datagram(&mut self, now: Instant, from: SocketAddr, data: &[u8]) {
        let rtp = match parse(data) {
            Ok(rtp) => rtp,
            Err(RtpError::Rtcp) => {
                self.stats.rtcp += 1;
                return;
            }
            Err(RtpError::Malformed(_)) => {
                self.stats.malformed += 1;
                return;
            }
        };
        let pt = rtp.header.payload_type;
        let telephone_event = self.telephone_event_pts.contains(&pt);
        if !telephone_event && Codec::from_payload_type(pt).is_none() {
            self.stats.unknown_payload_type += 1;
            return;
        }
        if !self.accept_source(from) {
            self.stats.foreign_source += 1;
            return;
        }
        self.stats.received += 1;
        self.last_media = now;
        self.timed_out = false;
        if telephone_event {
            self.stats.telephone_events += 1;
            // Events may share the audio's SSRC and sequence space: tell the reorder buffer
            // the number is taken (the packet itself never goes through it).
            self.reorder
                .skip_sequence(now, rtp.header.ssrc, rtp.header.sequence);
            self.drain_audio();
            if self
                .dtmf
                .handle_packet(now, &rtp.header, rtp.payload)
                .is_err()
            {
                self.stats.malformed += 1;
            }
            self.drain_digits();
        } else {
            let packet = AudioPacket {
                header: rtp.header,
                payload: rtp.payload.to_vec(),
            };
            self.reorder.push(now, packet);
            self.drain_audio();
        }
    }

    fn accept_source(&mut self, from: SocketAddr) -> bool {
        if !self.latching {
            return true;
        }
        if self.latched {
            return self.remote == Some(from);
        }
        self.latched = true;
        if self.remote != Some(from) {
            tracing::debug!(%from, sdp = ?self.remote, "RTP latched");
            self.remote = Some(from);
            self.events.push_back(MediaEvent::Latched { remote: from });
        }
        true
    }

    /// Runs what is due by `now`: DTMF whose end never came, audio waiting for a lost packet,
    /// the media timeout.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.dtmf.handle_timeout(now);
        self.drain_digits();
        self.reorder.handle_timeout(now);
        self.drain_audio();
        if !self.timed_out && now.saturating_duration_since(self.last_media) >= self.media_timeout {
            self.timed_out = true;
            self.events.push_back(MediaEvent::MediaTimeout);
        }
    }

    /// The earliest instant at which `poll_transmit` or `handle_timeout` has work.
    pub fn poll_timeout(&self) -> Instant {
        let mut t = self.next_frame;
        for other in [self.dtmf.poll_timeout(), self.reorder.poll_timeout()]
            .into_iter()
            .flatten()
        {
            t = t.min(other);
        }
        if !self.timed_out {
            t = t.min(self.last_media + self.media_timeout);
        }
        t
    }

    /// The next packet due by `now` (see "Pacing" in the module docs). Call until `None`.
    pub fn poll_transmit(&mut self, now: Instant) -> Option<Transmit> {
        loop {
            if self.next_frame > now + FRAME / 2 {
                return None;
            }
            let behind = now.saturating_duration_since(self.next_frame);
            let late = (behind.as_micros() / FRAME.as_micros()) as u32;
            if late > MAX_CATCH_UP {
                let skip = late - MAX_CATCH_UP;
                self.player.skip(skip);
                self.next_frame += FRAME * skip;
                self.drain_player();
            }
            self.next_frame += FRAME;
            let mut payload = Vec::with_capacity(12 + 160);
            let sent = self.player.tick(&mut payload);
            self.drain_player();
            if sent && let Some(destination) = self.remote {
                return Some(Transmit {
                    destination,
                    payload,
                });
            }
        }
    }

    /// The next event.
    pub fn poll_event(&mut self) -> Option<MediaEvent> {
        self.events.pop_front()
    }

    /// Queues a prompt (8 kHz mono PCM) after those queued.
    pub fn play(&mut self, id: PromptId, samples: Arc<[i16]>) {
        self.player.enqueue(id, samples);
    }

    /// Barge-in: stops the prompt playing and clears the queue.
    pub fn stop_playback(&mut self) {
        self.player.stop();
        self.drain_player();
    }

    /// Whether a prompt is playing or queued.
    pub fn is_playing(&self) -> bool {
        self.player.is_playing()
    }

    /// Sends a key press as RFC 4733 events on the first negotiated telephone-event type.
    pub fn send_dtmf(
        &mut self,
        digit: DtmfDigit,
        duration: Duration,
    ) -> Result<(), NoTelephoneEvent> {
        self.player.send_dtmf(digit, duration)
    }

    /// A new remote address from SDP (re-INVITE); latching starts over.
    pub fn set_remote(&mut self, remote: SocketAddr) {
        self.remote = Some(remote);
        self.latched = false;
    }

    /// Where packets go now (the SDP address, or the latched one).
    pub fn remote(&self) -> Option<SocketAddr> {
        self.remote
    }

    /// Starts or stops handing received audio to a bridge ([`MediaSession::poll_bridge_frame`])
    /// and playing bridged audio ([`MediaSession::push_bridge_frame`]).
    pub fn set_bridged(&mut self, bridged: bool) {
        self.bridged = bridged;
        if !bridged {
            self.bridge_out.clear();
            self.player.clear_bridged();
        }
    }

    /// A received audio frame for the other leg of a bridge.
    pub fn poll_bridge_frame(&mut self) -> Option<BridgeFrame> {
        self.bridge_out.pop_front()
    }

    /// An audio frame from the other leg, sent in this leg's stream (our SSRC, sequence and
    /// timestamps, our codec) at this leg's pace; prompts take precedence.
    pub fn push_bridge_frame(&mut self, frame: BridgeFrame) {
        if self.bridged {
            self.player.push_bridged(frame);
        }
    }

    /// What was recorded so far (empty unless [`SessionConfig::record`] was set).
    pub fn recording(&self) -> &[i16] {
        self.recorder.as_ref().map_or(&[], |r| r.samples())
    }

    /// Takes the recording.
    pub fn take_recording(&mut self) -> Vec<i16> {
        self.recorder
            .as_mut()
            .map(Recorder::take)
            .unwrap_or_default()
    }

    /// The codec we send.
    pub fn codec(&self) -> Codec {
        self.codec
    }

    /// Counters so far.
    pub fn stats(&self) -> SessionStats {
        SessionStats {
            reorder: self.reorder.stats(),
            player: self.player.stats(),
            ..self.stats
        }
    }

    fn drain_digits(&mut self) {
        while let Some(d) = self.dtmf.poll_digit() {
            self.events.push_back(MediaEvent::Dtmf {
                digit: d.digit,
                source: DtmfSource::Rfc4733,
            });
        }
    }

    fn drain_player(&mut self) {
        while let Some(e) = self.player.poll_event() {
            self.events.push_back(match e {
                PlayerEvent::PlaybackFinished { id, end } => {
                    MediaEvent::PlaybackFinished { id, end }
                }
                PlayerEvent::DtmfSent { digit } => MediaEvent::DtmfSent { digit },
            });
        }
    }

    fn drain_audio(&mut self) {
        while let Some(packet) = self.reorder.pop() {
            let Some(codec) = Codec::from_payload_type(packet.header.payload_type) else {
                continue;
            };
            if self.inband.is_some() || self.recorder.is_some() {
                self.pcm.clear();
                codec.decode(&packet.payload, &mut self.pcm);
                if let Some(det) = self.inband.as_mut() {
                    det.push(&self.pcm);
                    while let Some(digit) = det.poll_digit() {
                        self.events.push_back(MediaEvent::Dtmf {
                            digit,
                            source: DtmfSource::Inband,
                        });
                    }
                }
                if let Some(rec) = self.recorder.as_mut() {
                    rec.push(packet.header.ssrc, packet.header.timestamp, &self.pcm);
                }
            }
            if self.bridged {
                if self.bridge_out.len() >= 2 * BRIDGE_QUEUE {
                    self.bridge_out.pop_front();
                }
                self.bridge_out.push_back(BridgeFrame {
                    codec,
                    payload: packet.payload,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
