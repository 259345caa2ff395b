//! RTP packets (RFC 3550) on the wire, through `rtp-types`, behind our own small types so the
//! rest of the crate (and its users) never see the library's borrowing parser.
//!
//! Parsing never panics: anything that is not a well-formed RTP version 2 packet is an
//! [`RtpError`]. RTCP multiplexed on the RTP port (RFC 5761: second byte 200–204, i.e. payload
//! types 72–76 with the marker set) is recognised and reported as [`RtpError::Rtcp`] so callers
//! can drop it quietly.

use rtp_types::{RtpPacket, RtpPacketBuilder};

/// The fixed header fields this crate reads and writes (no CSRCs, no extensions on send).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtpHeader {
    /// Marker bit: start of a talkspurt for audio, start of an event for telephone-event.
    pub marker: bool,
    /// Payload type, 0–127.
    pub payload_type: u8,
    /// Sequence number.
    pub sequence: u16,
    /// Media timestamp (8 kHz clock for everything here).
    pub timestamp: u32,
    /// Synchronisation source.
    pub ssrc: u32,
}

/// A parsed packet borrowing its payload from the datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rtp<'a> {
    /// The header.
    pub header: RtpHeader,
    /// The payload without padding, CSRCs or header extension.
    pub payload: &'a [u8],
}

/// Why a datagram is not an RTP packet we can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RtpError {
    /// Too short, wrong version, bad padding, truncated CSRC list or extension.
    #[error("malformed RTP packet: {0}")]
    Malformed(String),
    /// An RTCP packet multiplexed on the RTP port.
    #[error("RTCP packet on the RTP port")]
    Rtcp,
}

/// Largest datagram we accept or build (a 20 ms G.711 packet is 172 bytes).
pub const MAX_PACKET: usize = 1500;

/// Parses one datagram.
pub fn parse(data: &[u8]) -> Result<Rtp<'_>, RtpError> {
    if data.len() >= 2 && (200..=204).contains(&data[1]) && data[0] >> 6 == 2 {
        return Err(RtpError::Rtcp);
    }
    if data.len() > MAX_PACKET {
        return Err(RtpError::Malformed(format!("{} bytes", data.len())));
    }
    let packet = RtpPacket::parse(data).map_err(|e| RtpError::Malformed(e.to_string()))?;
    let header = RtpHeader {
        marker: packet.marker_bit(),
        payload_type: packet.payload_type(),
        sequence: packet.sequence_number(),
        timestamp: packet.timestamp(),
        ssrc: packet.ssrc(),
    };
    // `payload()` borrows from `packet`; recompute the bounds to borrow from `data` instead.
    let offset = packet.payload_offset();
    let len = packet.payload_len();
    let payload = data
        .get(offset..offset + len)
        .ok_or_else(|| RtpError::Malformed("payload out of bounds".into()))?;
    Ok(Rtp { header, payload })
}

impl RtpHeader {
    /// Appends the packet (this header, then `payload`) to `out`.
    ///
    /// # Panics
    /// If `payload_type` is above 127: headers are built by this crate from validated
    /// configuration, so that is a bug, not input.
    pub fn write(&self, payload: &[u8], out: &mut Vec<u8>) {
        assert!(
            self.payload_type <= 127,
            "payload type {} out of range",
            self.payload_type
        );
        RtpPacketBuilder::<&[u8], &[u8]>::new()
            .marker_bit(self.marker)
            .payload_type(self.payload_type)
            .sequence_number(self.sequence)
            .timestamp(self.timestamp)
            .ssrc(self.ssrc)
            .payload(payload)
            .write_into_vec(out)
            .expect("a valid payload type and no CSRCs or extension always serialise");
    }

    /// The packet as a new buffer.
    pub fn to_vec(&self, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + payload.len());
        self.write(payload, &mut out);
        out
    }
}

#[cfg(test)]
mod tests;
