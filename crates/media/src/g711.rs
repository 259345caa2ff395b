//! G.711 µ-law (PCMU) and A-law (PCMA): the only audio codecs the telephony edge speaks.
//!
//! The conversions follow the ITU-T G.711 reference software (G.191 `g711.c`): 16-bit linear
//! samples are reduced to the law's 14-bit (µ-law) or 13-bit (A-law) range, negative samples
//! are taken in one's complement (so `-1` is the smallest negative step, not a clipped value),
//! and decoding returns the midpoint of the quantisation interval scaled back to 16 bits.
//! Decoding goes through 256-entry tables built at compile time; encoding is a few shifts.

/// A G.711 law with its static RTP payload type (RFC 3551).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Codec {
    /// µ-law, payload type 0.
    Pcmu,
    /// A-law, payload type 8.
    Pcma,
}

impl Codec {
    /// The static payload type: 0 for PCMU, 8 for PCMA.
    pub const fn payload_type(self) -> u8 {
        match self {
            Codec::Pcmu => 0,
            Codec::Pcma => 8,
        }
    }

    /// The codec a static payload type names, if it is one of the two.
    pub const fn from_payload_type(pt: u8) -> Option<Codec> {
        match pt {
            0 => Some(Codec::Pcmu),
            8 => Some(Codec::Pcma),
            _ => None,
        }
    }

    /// The encoded byte of digital silence (linear 0).
    pub const fn silence(self) -> u8 {
        match self {
            Codec::Pcmu => 0xFF,
            Codec::Pcma => 0xD5,
        }
    }

    /// Encodes one sample.
    pub fn encode_sample(self, sample: i16) -> u8 {
        match self {
            Codec::Pcmu => ulaw_encode(sample),
            Codec::Pcma => alaw_encode(sample),
        }
    }

    /// Decodes one byte.
    pub fn decode_sample(self, code: u8) -> i16 {
        match self {
            Codec::Pcmu => ulaw_decode(code),
            Codec::Pcma => alaw_decode(code),
        }
    }

    /// Appends the encoding of `pcm` to `out` (one byte per sample).
    pub fn encode(self, pcm: &[i16], out: &mut Vec<u8>) {
        out.reserve(pcm.len());
        match self {
            Codec::Pcmu => out.extend(pcm.iter().map(|&s| ulaw_encode(s))),
            Codec::Pcma => out.extend(pcm.iter().map(|&s| alaw_encode(s))),
        }
    }

    /// Appends the decoding of `payload` to `out` (one sample per byte).
    pub fn decode(self, payload: &[u8], out: &mut Vec<i16>) {
        let table = match self {
            Codec::Pcmu => &ULAW_DECODE,
            Codec::Pcma => &ALAW_DECODE,
        };
        out.extend(payload.iter().map(|&c| table[usize::from(c)]));
    }
}

/// µ-law bias in the 14-bit domain (G.711: 33).
const ULAW_BIAS: i32 = 33;
/// Largest biased 14-bit µ-law magnitude (G.191 clips here).
const ULAW_CLIP: i32 = 0x1FFF;

/// Encodes a 16-bit linear sample as a µ-law byte.
pub fn ulaw_encode(sample: i16) -> u8 {
    let negative = sample < 0;
    let magnitude = if negative { !sample } else { sample };
    // 14-bit magnitude plus bias, clipped: the biased value is in 33..=0x1FFF.
    let biased = ((i32::from(magnitude) >> 2) + ULAW_BIAS).min(ULAW_CLIP);
    // The segment is the position of the leading one above bit 5 (0..=7).
    let segment = (31 - (biased as u32).leading_zeros()) as i32 - 5;
    let step = (biased >> (segment + 1)) & 0x0F;
    let code = ((segment << 4) | step) as u8;
    // Positive samples carry the sign bit; the whole byte is transmitted inverted.
    if negative { !code & 0x7F } else { !code }
}

/// Decodes a µ-law byte to a 16-bit linear sample.
pub fn ulaw_decode(code: u8) -> i16 {
    ULAW_DECODE[usize::from(code)]
}

/// Encodes a 16-bit linear sample as an A-law byte.
pub fn alaw_encode(sample: i16) -> u8 {
    let negative = sample < 0;
    let magnitude = if negative { !sample } else { sample };
    // 12-bit magnitude in units of the first segments' step (0..=2047).
    let m = i32::from(magnitude) >> 4;
    let code = if m < 32 {
        // Segments 0 and 1 share a step; `m` already is segment*16 + step.
        m
    } else {
        let segment = (31 - (m as u32).leading_zeros()) as i32 - 3;
        (segment << 4) | ((m >> (segment - 1)) & 0x0F)
    } as u8;
    let code = if negative { code } else { code | 0x80 };
    code ^ 0x55
}

/// Decodes an A-law byte to a 16-bit linear sample.
pub fn alaw_decode(code: u8) -> i16 {
    ALAW_DECODE[usize::from(code)]
}

static ULAW_DECODE: [i16; 256] = ulaw_table();
static ALAW_DECODE: [i16; 256] = alaw_table();

const fn ulaw_table() -> [i16; 256] {
    let mut table = [0i16; 256];
    let mut code = 0;
    while code < 256 {
        let c = !(code as u8);
        let exponent = ((c >> 4) & 0x07) as i32;
        let mantissa = (c & 0x0F) as i32;
        let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        table[code] = if c & 0x80 != 0 {
            -magnitude as i16
        } else {
            magnitude as i16
        };
        code += 1;
    }
    table
}

const fn alaw_table() -> [i16; 256] {
    let mut table = [0i16; 256];
    let mut code = 0;
    while code < 256 {
        let c = (code as u8) ^ 0x55;
        let exponent = ((c >> 4) & 0x07) as i32;
        let mantissa = (c & 0x0F) as i32;
        let magnitude = if exponent == 0 {
            (mantissa << 4) + 8
        } else {
            ((mantissa << 4) + 0x108) << (exponent - 1)
        };
        table[code] = if c & 0x80 != 0 {
            magnitude as i16
        } else {
            -magnitude as i16
        };
        code += 1;
    }
    table
}

#[cfg(test)]
mod tests;
