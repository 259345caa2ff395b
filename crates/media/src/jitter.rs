//! The reorder buffer for incoming audio: puts packets of one audio stream back in sequence
//! order with a small, bounded delay, and counts what went wrong for metrics.
//!
//! It is not a playout buffer: nothing here is rendered to a sound card, the audio goes to the
//! in-band detector, the recorder and the bridge, which only need it in order. A packet waits
//! at most [`ReorderConfig::depth`] packets or [`ReorderConfig::max_wait`] for a missing
//! predecessor; then the gap is declared lost. Packets older than the last one released are
//! late and dropped. A new SSRC or a jump of more than [`RESYNC`] sequence numbers restarts the
//! stream (what was waiting is released first). Telephone-events never come through here.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::rtp::RtpHeader;

/// A sequence jump (either way) beyond which the stream is taken as restarted.
pub const RESYNC: i32 = 200;

/// Limits of the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReorderConfig {
    /// Packets held while waiting for a missing one (default 4, i.e. 80 ms of G.711).
    pub depth: usize,
    /// Longest a packet waits for a missing predecessor (default 60 ms).
    pub max_wait: Duration,
}

impl Default for ReorderConfig {
    fn default() -> Self {
        ReorderConfig {
            depth: 4,
            max_wait: Duration::from_millis(60),
        }
    }
}

/// Counters for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReorderStats {
    /// Packets pushed.
    pub received: u64,
    /// Packets handed out in order.
    pub released: u64,
    /// Packets that arrived after their place was passed (dropped).
    pub late: u64,
    /// Packets already held or released (dropped).
    pub duplicates: u64,
    /// Sequence numbers given up on.
    pub lost: u64,
    /// Packets that arrived out of order and were put back in place.
    pub reordered: u64,
    /// Stream restarts (new SSRC or a large jump).
    pub resyncs: u64,
}

/// An audio packet with its payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioPacket {
    /// Its header.
    pub header: RtpHeader,
    /// Its payload.
    pub payload: Vec<u8>,
}

#[derive(Debug)]
struct Held {
    arrived: Instant,
    sequence: u16,
    /// `None` for a sequence number used by a non-audio packet of the same stream.
    packet: Option<AudioPacket>,
}

/// Sequence-number ordering with a depth limit.
#[derive(Debug)]
pub struct ReorderBuffer {
    config: ReorderConfig,
    ssrc: Option<u32>,
    /// The next sequence number to release.
    next: u16,
    /// Held packets, sorted by distance from `next`.
    held: VecDeque<Held>,
    ready: VecDeque<AudioPacket>,
    stats: ReorderStats,
}

impl ReorderBuffer {
    /// An empty buffer.
    pub fn new(config: ReorderConfig) -> ReorderBuffer {
        ReorderBuffer {
            config: ReorderConfig {
                depth: config.depth.max(1),
                ..config
            },
            ssrc: None,
            next: 0,
            held: VecDeque::new(),
            ready: VecDeque::new(),
            stats: ReorderStats::default(),
        }
    }

    /// Adds a packet; whatever is now in order becomes available from [`ReorderBuffer::pop`].
    pub fn push(&mut self, now: Instant, packet: AudioPacket) {
        self.stats.received += 1;
        self.insert(
            now,
            packet.header.ssrc,
            packet.header.sequence,
            Some(packet),
        );
    }

    /// Records that `sequence` of stream `ssrc` carried something else (a telephone-event
    /// sharing the audio's SSRC and sequence space), so it is not waited for or counted lost.
    /// Nothing is released for it. Other streams are ignored.
    pub fn skip_sequence(&mut self, now: Instant, ssrc: u32, sequence: u16) {
        if self.ssrc == Some(ssrc) {
            self.insert(now, ssrc, sequence, None);
        }
    }

    fn insert(&mut self, now: Instant, ssrc: u32, seq: u16, packet: Option<AudioPacket>) {
        let counted = packet.is_some();
        if self.ssrc != Some(ssrc) {
            if self.ssrc.is_some() {
                self.resync();
            }
            self.ssrc = Some(ssrc);
            self.next = seq;
        }
        let mut distance = i32::from(seq.wrapping_sub(self.next) as i16);
        if !(-RESYNC..=RESYNC).contains(&distance) {
            self.resync();
            self.next = seq;
            distance = 0;
        }
        if distance < 0 {
            self.stats.late += u64::from(counted);
            return;
        }
        let at = self.held.partition_point(|h| self.offset(h) < distance);
        if self
            .held
            .get(at)
            .is_some_and(|h| self.offset(h) == distance)
        {
            self.stats.duplicates += u64::from(counted);
            return;
        }
        if at < self.held.len() {
            self.stats.reordered += u64::from(counted);
        }
        self.held.insert(
            at,
            Held {
                arrived: now,
                sequence: seq,
                packet,
            },
        );
        self.release(now);
    }

    /// Releases packets that waited long enough for a missing predecessor.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.release(now);
    }

    /// The next packet in order.
    pub fn pop(&mut self) -> Option<AudioPacket> {
        self.ready.pop_front()
    }

    /// Counters so far.
    pub fn stats(&self) -> ReorderStats {
        self.stats
    }

    /// When a held packet will be given up waiting for, if any is held.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.held.front().map(|h| h.arrived + self.config.max_wait)
    }

    fn offset(&self, h: &Held) -> i32 {
        i32::from(h.sequence.wrapping_sub(self.next))
    }

    fn release(&mut self, now: Instant) {
        while let Some(front) = self.held.front() {
            let gap = self.offset(front);
            let give_up = self.held.len() > self.config.depth
                || now.saturating_duration_since(front.arrived) >= self.config.max_wait;
            if gap != 0 && !give_up {
                break;
            }
            self.stats.lost += gap as u64;
            let held = self.held.pop_front().expect("front exists");
            self.next = held.sequence.wrapping_add(1);
            if let Some(packet) = held.packet {
                self.stats.released += 1;
                self.ready.push_back(packet);
            }
        }
    }

    /// Hands out everything held, in order, and forgets the stream position.
    fn resync(&mut self) {
        self.stats.resyncs += 1;
        let packets: Vec<AudioPacket> = self.held.drain(..).filter_map(|h| h.packet).collect();
        self.stats.released += packets.len() as u64;
        self.ready.extend(packets);
    }
}

#[cfg(test)]
mod tests;
