//! Media for telephone calls: RTP with G.711 audio, DTMF (RFC 4733 and in-band), prompt
//! playback paced at 20 ms, recording of what was heard, and bridging two legs.
//!
//! # Contract
//!
//! - The core is sans-IO. A [`MediaSession`] (one per call leg) takes datagrams and `now` as
//!   inputs and gives packets to send ([`MediaSession::poll_transmit`]) and [`MediaEvent`]s
//!   ([`MediaSession::poll_event`]) as outputs; it reads no clock, owns no socket, spawns
//!   nothing. Everything below it (`rtp`, `g711`, `dtmf`, `inband`, `jitter`, `player`,
//!   `recorder`) is plain data and functions.
//! - [`MediaEngine`] is the only async code: a UDP socket per call and **one** 20 ms ticker for
//!   all calls, polling every session each tick; events leave on a channel per call.
//! - Network input never panics: malformed packets, RTCP, unknown payload types and packets
//!   from foreign addresses are counted ([`SessionStats`]) and dropped.
//! - DTMF: telephone-events are accepted on every negotiated payload type and from any SSRC,
//!   never pass through the audio reorder buffer, and are reported once per key press with a
//!   time-bounded de-duplication ([`dtmf`]). In-band tones are detected by Goertzel filters
//!   ([`inband`]) when the peer negotiated no telephone-event (or when forced on).
//! - Symmetric RTP: the first valid packet fixes where we send ([`session`] docs).
//! - Identifiers that RFC 3550 wants random (SSRC, first sequence number and timestamp) are
//!   inputs of the core; the engine draws them.
//!
//! # Layout
//!
//! - [`g711`] — [`Codec`] (PCMU/PCMA), µ-law and A-law sample conversion.
//! - [`rtp`] — parse and write RTP packets (through `rtp-types`).
//! - [`dtmf`] — [`DtmfDigit`], RFC 4733 payload, [`DtmfReceiver`], [`DtmfEncoder`].
//! - [`inband`] — [`InbandDetector`].
//! - [`jitter`] — [`ReorderBuffer`] for incoming audio.
//! - [`player`] — [`Player`], the outgoing stream (prompts, DTMF, bridged audio, silence).
//! - [`recorder`] — [`Recorder`] and helpers to measure what was heard.
//! - [`session`] — [`MediaSession`], [`SessionConfig`], [`MediaEvent`].
//! - [`engine`] — [`MediaEngine`], [`Call`].
//! - [`synth`] — test signals (sines, key tones, silence).

pub mod dtmf;
pub mod engine;
pub mod g711;
pub mod inband;
pub mod jitter;
pub mod player;
pub mod recorder;
pub mod rtp;
pub mod session;
pub mod synth;

pub use dtmf::{DtmfDigit, DtmfEncoder, DtmfReceiver, DtmfReceiverConfig, ReportAt};
pub use engine::{BridgeHandle, Call, EngineError, MediaEngine};
pub use g711::Codec;
pub use inband::InbandDetector;
pub use jitter::{ReorderBuffer, ReorderConfig};
pub use player::{IdleMode, PlaybackEnd, Player, PlayerConfig, PromptId};
pub use recorder::Recorder;
pub use session::{
    DtmfSource, InbandMode, MediaEvent, MediaSession, SessionConfig, SessionStats, Transmit,
};
