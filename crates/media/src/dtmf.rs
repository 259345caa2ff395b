//! DTMF as RFC 4733 telephone-events: the payload, a receiver that turns a stream of event
//! packets into digits exactly once, and an encoder for sending them.
//!
//! # Receiving
//! An event is identified by (SSRC, RTP timestamp, event code). Its packets repeat with a
//! growing duration; the last one has the E bit and is sent three times. The receiver is fed
//! every packet that carries a negotiated telephone-event payload type, whatever its SSRC
//! (SIPp's pcap DTMF uses an SSRC of its own beside the audio), and never through the audio
//! reorder buffer.
//!
//! - [`ReportAt::End`] (default) reports a digit at its first end packet; the retransmitted
//!   end packets are ignored. If the end packets are all lost, the digit is reported when no
//!   packet of it arrived for the de-duplication window, or when another event starts.
//! - [`ReportAt::Start`] reports a digit at the first packet of a new event, for the lowest
//!   latency (a prompt can be cut the moment the key goes down); the cost is that an event
//!   whose start is lost is reported at its first surviving packet, which may be an end one.
//!
//! De-duplication is time-bounded: a packet belongs to the current event only if it has the
//! same (SSRC, timestamp, code) **and** arrives within [`DtmfReceiverConfig::dedup_window`] of
//! the previous packet of that event, and is not a fresh start (marker bit, no E bit) after the
//! event already ended. Replayed captures (SIPp `play_pcap_audio` sends a digit's pcap
//! verbatim, so "11" has identical SSRC, sequence numbers and timestamps twice) are therefore
//! two digits, while the three end packets of one key press stay one.

use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

use crate::rtp::RtpHeader;

/// One of the sixteen DTMF keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DtmfDigit {
    /// 0
    D0,
    /// 1
    D1,
    /// 2
    D2,
    /// 3
    D3,
    /// 4
    D4,
    /// 5
    D5,
    /// 6
    D6,
    /// 7
    D7,
    /// 8
    D8,
    /// 9
    D9,
    /// `*`
    Star,
    /// `#`
    Pound,
    /// A
    A,
    /// B
    B,
    /// C
    C,
    /// D
    D,
}

const DIGITS: [DtmfDigit; 16] = [
    DtmfDigit::D0,
    DtmfDigit::D1,
    DtmfDigit::D2,
    DtmfDigit::D3,
    DtmfDigit::D4,
    DtmfDigit::D5,
    DtmfDigit::D6,
    DtmfDigit::D7,
    DtmfDigit::D8,
    DtmfDigit::D9,
    DtmfDigit::Star,
    DtmfDigit::Pound,
    DtmfDigit::A,
    DtmfDigit::B,
    DtmfDigit::C,
    DtmfDigit::D,
];

const CHARS: &[u8; 16] = b"0123456789*#ABCD";

impl DtmfDigit {
    /// The digit for an RFC 4733 event code: 0–9, 10 = `*`, 11 = `#`, 12–15 = A–D.
    pub fn from_event(code: u8) -> Option<DtmfDigit> {
        DIGITS.get(usize::from(code)).copied()
    }

    /// The RFC 4733 event code.
    pub fn event(self) -> u8 {
        self as u8
    }

    /// The key as a character: `0`–`9`, `*`, `#`, `A`–`D`.
    pub fn as_char(self) -> char {
        char::from(CHARS[self as usize])
    }

    /// The digit for a key character (letters in either case).
    pub fn from_char(c: char) -> Option<DtmfDigit> {
        let upper = c.to_ascii_uppercase();
        CHARS
            .iter()
            .position(|&b| char::from(b) == upper)
            .and_then(|i| DIGITS.get(i))
            .copied()
    }

    /// The (low, high) tone pair in Hz.
    pub fn frequencies(self) -> (f32, f32) {
        const ROWS: [f32; 4] = [697.0, 770.0, 852.0, 941.0];
        const COLS: [f32; 4] = [1209.0, 1336.0, 1477.0, 1633.0];
        let (row, col) = keypad_position(self);
        (ROWS[row], COLS[col])
    }
}

/// (row, column) on the 4×4 keypad.
pub(crate) fn keypad_position(digit: DtmfDigit) -> (usize, usize) {
    use DtmfDigit::*;
    match digit {
        D1 => (0, 0),
        D2 => (0, 1),
        D3 => (0, 2),
        A => (0, 3),
        D4 => (1, 0),
        D5 => (1, 1),
        D6 => (1, 2),
        B => (1, 3),
        D7 => (2, 0),
        D8 => (2, 1),
        D9 => (2, 2),
        C => (2, 3),
        Star => (3, 0),
        D0 => (3, 1),
        Pound => (3, 2),
        D => (3, 3),
    }
}

/// The key at a keypad position.
pub(crate) fn digit_at(row: usize, col: usize) -> DtmfDigit {
    const KEYPAD: [[DtmfDigit; 4]; 4] = [
        [DtmfDigit::D1, DtmfDigit::D2, DtmfDigit::D3, DtmfDigit::A],
        [DtmfDigit::D4, DtmfDigit::D5, DtmfDigit::D6, DtmfDigit::B],
        [DtmfDigit::D7, DtmfDigit::D8, DtmfDigit::D9, DtmfDigit::C],
        [
            DtmfDigit::Star,
            DtmfDigit::D0,
            DtmfDigit::Pound,
            DtmfDigit::D,
        ],
    ];
    KEYPAD[row][col]
}

impl fmt::Display for DtmfDigit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_char())
    }
}

/// One RFC 4733 event block (the first four bytes of a telephone-event payload).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TelephoneEvent {
    /// Event code (0–15 are DTMF; others, e.g. 16 flash, are ignored by the receiver).
    pub event: u8,
    /// The E bit: this is an end packet.
    pub end: bool,
    /// Power level in −dBm0 (0–63).
    pub volume: u8,
    /// Duration so far, in timestamp units (8 kHz samples).
    pub duration: u16,
}

/// A telephone-event payload that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("telephone-event payload of {0} bytes (need at least 4)")]
pub struct TelephoneEventError(pub usize);

impl TelephoneEvent {
    /// Reads the first event block. Later blocks (RFC 4733 §2.5.1.5 packs several short events
    /// into one packet) are not used: senders on SIP trunks and phones send one per packet.
    pub fn parse(payload: &[u8]) -> Result<TelephoneEvent, TelephoneEventError> {
        match payload {
            [event, flags, d0, d1, ..] => Ok(TelephoneEvent {
                event: *event,
                end: flags & 0x80 != 0,
                volume: flags & 0x3F,
                duration: u16::from_be_bytes([*d0, *d1]),
            }),
            _ => Err(TelephoneEventError(payload.len())),
        }
    }

    /// The four payload bytes (R bit zero).
    pub fn to_bytes(&self) -> [u8; 4] {
        let flags = (u8::from(self.end) << 7) | (self.volume & 0x3F);
        let [d0, d1] = self.duration.to_be_bytes();
        [self.event, flags, d0, d1]
    }
}

/// When the receiver reports a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportAt {
    /// At the first end packet (or when the event is known to be over): one report per key
    /// press with its duration known. The default.
    #[default]
    End,
    /// At the first packet of a new event: lowest latency, for barge-in.
    Start,
}

/// Receiver settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DtmfReceiverConfig {
    /// When to report.
    pub report_at: ReportAt,
    /// How long after the last packet of an event a packet with the same (SSRC, timestamp,
    /// code) still counts as the same event; also how long an event without end packets may
    /// stay silent before it is taken as over. Default 250 ms: above the three end packets'
    /// spread at the usual 20–50 ms interval, below any human key repeat.
    pub dedup_window: Duration,
}

impl Default for DtmfReceiverConfig {
    fn default() -> Self {
        DtmfReceiverConfig {
            report_at: ReportAt::End,
            dedup_window: Duration::from_millis(250),
        }
    }
}

/// A digit recognised from telephone-events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedDigit {
    /// The key.
    pub digit: DtmfDigit,
    /// Its duration as last reported by the sender (zero when reported at start).
    pub duration: Duration,
    /// The SSRC that carried it.
    pub ssrc: u32,
}

#[derive(Debug, Clone, Copy)]
struct Current {
    ssrc: u32,
    timestamp: u32,
    event: u8,
    ended: bool,
    reported: bool,
    duration: u16,
    last_seen: Instant,
}

/// Turns telephone-event packets into digits (see the module docs for the rules).
#[derive(Debug)]
pub struct DtmfReceiver {
    config: DtmfReceiverConfig,
    current: Option<Current>,
    out: VecDeque<ReceivedDigit>,
}

impl DtmfReceiver {
    /// A receiver with no event in progress.
    pub fn new(config: DtmfReceiverConfig) -> DtmfReceiver {
        DtmfReceiver {
            config,
            current: None,
            out: VecDeque::new(),
        }
    }

    /// Feeds one telephone-event packet. A payload shorter than four bytes is an error and
    /// changes nothing.
    pub fn handle_packet(
        &mut self,
        now: Instant,
        header: &RtpHeader,
        payload: &[u8],
    ) -> Result<(), TelephoneEventError> {
        let ev = TelephoneEvent::parse(payload)?;
        let window = self.config.dedup_window;
        let same = self.current.as_ref().is_some_and(|c| {
            c.ssrc == header.ssrc
                && c.timestamp == header.timestamp
                && c.event == ev.event
                && now.saturating_duration_since(c.last_seen) <= window
                && !(c.ended && header.marker && !ev.end)
        });
        if same {
            let Some(c) = self.current.as_mut() else {
                return Ok(());
            };
            c.last_seen = now;
            c.duration = c.duration.max(ev.duration);
            if ev.end && !c.ended {
                c.ended = true;
                if !c.reported {
                    c.reported = true;
                    let c = *c;
                    self.report(c);
                }
            }
            return Ok(());
        }
        // A new event ends the previous one (RFC 4733 §2.5.2.2).
        self.finish_current();
        if DtmfDigit::from_event(ev.event).is_none() {
            // Not a DTMF key (flash, tones): remember it only so its repeats are not digits.
            self.current = Some(Current {
                ssrc: header.ssrc,
                timestamp: header.timestamp,
                event: ev.event,
                ended: ev.end,
                reported: true,
                duration: ev.duration,
                last_seen: now,
            });
            return Ok(());
        }
        let report_now = ev.end || self.config.report_at == ReportAt::Start;
        let c = Current {
            ssrc: header.ssrc,
            timestamp: header.timestamp,
            event: ev.event,
            ended: ev.end,
            reported: report_now,
            duration: ev.duration,
            last_seen: now,
        };
        self.current = Some(c);
        if report_now {
            self.report(c);
        }
        Ok(())
    }

    /// Reports an event whose end packets never came, once it has been silent for the window.
    pub fn handle_timeout(&mut self, now: Instant) {
        if let Some(c) = self.current
            && now.saturating_duration_since(c.last_seen) > self.config.dedup_window
        {
            self.finish_current();
        }
    }

    /// When [`DtmfReceiver::handle_timeout`] has something to do, if ever.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.current
            .filter(|c| !c.reported)
            .map(|c| c.last_seen + self.config.dedup_window)
    }

    /// The next recognised digit.
    pub fn poll_digit(&mut self) -> Option<ReceivedDigit> {
        self.out.pop_front()
    }

    fn finish_current(&mut self) {
        if let Some(c) = self.current.take()
            && !c.reported
        {
            self.report(c);
        }
    }

    fn report(&mut self, c: Current) {
        let Some(digit) = DtmfDigit::from_event(c.event) else {
            return;
        };
        let duration = if self.config.report_at == ReportAt::Start {
            Duration::ZERO
        } else {
            Duration::from_micros(u64::from(c.duration) * 125)
        };
        tracing::debug!(%digit, ssrc = c.ssrc, "RFC 4733 digit");
        self.out.push_back(ReceivedDigit {
            digit,
            duration,
            ssrc: c.ssrc,
        });
    }
}

/// Samples per 20 ms packet at 8 kHz.
const FRAME: u16 = 160;

/// The packets of one outgoing key press, one per 20 ms: a start packet with the marker bit,
/// updates with growing duration, and the end packet sent three times. All carry the same RTP
/// timestamp (the caller's timestamp when the event started).
#[derive(Debug, Clone)]
pub struct DtmfEncoder {
    digit: DtmfDigit,
    volume: u8,
    total: u16,
    sent: u16,
    end_packets_left: u8,
}

/// One packet of an outgoing event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodedEvent {
    /// Marker bit: set on the first packet only.
    pub marker: bool,
    /// The telephone-event payload.
    pub payload: [u8; 4],
}

impl DtmfEncoder {
    /// Default volume: −10 dBm0, as SIPp and most phones send.
    pub const DEFAULT_VOLUME: u8 = 10;

    /// An encoder for `digit` held for `duration` (rounded up to 20 ms, at least 40 ms, at most
    /// 8 s so one event never needs a second segment).
    pub fn new(digit: DtmfDigit, duration: Duration, volume: u8) -> DtmfEncoder {
        let ms = duration.as_millis().clamp(40, 8000) as u16;
        let total = ms.div_ceil(20) * FRAME;
        DtmfEncoder {
            digit,
            volume: volume.min(63),
            total,
            sent: 0,
            end_packets_left: 3,
        }
    }

    /// Whether every packet was sent.
    pub fn is_finished(&self) -> bool {
        self.end_packets_left == 0
    }

    /// How many packets this event takes in all.
    pub fn packet_count(&self) -> usize {
        usize::from(self.total / FRAME) + 2
    }
}

impl Iterator for DtmfEncoder {
    type Item = EncodedEvent;

    fn next(&mut self) -> Option<EncodedEvent> {
        if self.end_packets_left == 0 {
            return None;
        }
        let marker = self.sent == 0;
        self.sent = (self.sent + FRAME).min(self.total);
        let end = self.sent == self.total;
        if end {
            self.end_packets_left -= 1;
        }
        let event = TelephoneEvent {
            event: self.digit.event(),
            end,
            volume: self.volume,
            duration: self.sent,
        };
        Some(EncodedEvent {
            marker,
            payload: event.to_bytes(),
        })
    }
}

#[cfg(test)]
mod tests;
