//! Mono 16-bit PCM audio, the WAV container, and resampling to the telephone rate.
//!
//! Speech engines write WAV at their own rate (espeak-ng 22 050 Hz, pico2wave 16 000 Hz);
//! the phone network wants 8 000 Hz. [`resample`] is a windowed-sinc (Blackman) polyphase
//! resampler: it low-passes below the lower of the two Nyquist frequencies before changing the
//! rate, so that nothing above 4 kHz folds back into the voice band. G.711 encoding is not done
//! here: it belongs to the media layer, which takes [`Audio::samples`].

use std::f64::consts::PI;
use std::io;
use std::num::NonZeroU32;
use std::path::Path;
use std::time::Duration;

/// The sample rate of telephone audio (G.711), in hertz.
pub const TELEPHONE_RATE: u32 = 8000;

const TELEPHONE: NonZeroU32 = NonZeroU32::new(TELEPHONE_RATE).expect("8000 is not zero");

/// Mono, signed 16-bit PCM at a known sample rate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audio {
    sample_rate: NonZeroU32,
    samples: Vec<i16>,
}

impl Audio {
    pub fn new(sample_rate: NonZeroU32, samples: Vec<i16>) -> Audio {
        Audio {
            sample_rate,
            samples,
        }
    }

    /// Samples per second.
    pub fn sample_rate(&self) -> u32 {
        self.sample_rate.get()
    }

    pub fn samples(&self) -> &[i16] {
        &self.samples
    }

    pub fn into_samples(self) -> Vec<i16> {
        self.samples
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    pub fn duration(&self) -> Duration {
        let rate = u64::from(self.sample_rate.get());
        let n = self.samples.len() as u64;
        Duration::from_secs(n / rate) + Duration::from_nanos((n % rate) * 1_000_000_000 / rate)
    }

    /// The same sound at another rate (see [`resample`]).
    pub fn resampled(&self, rate: NonZeroU32) -> Audio {
        Audio {
            sample_rate: rate,
            samples: resample(&self.samples, self.sample_rate.get(), rate.get()),
        }
    }

    /// The same sound at 8 kHz, ready for G.711.
    pub fn to_telephone(&self) -> Audio {
        self.resampled(TELEPHONE)
    }

    /// Reads a RIFF/WAVE file holding 8- or 16-bit integer PCM, mono or several channels (mixed
    /// down to mono). A `data` chunk whose declared size runs past the end (espeak-ng writes
    /// `0x7FFFF000` when streaming to a pipe) is read to the end of the bytes.
    pub fn from_wav(bytes: &[u8]) -> Result<Audio, WavError> {
        parse_wav(bytes)
    }

    /// The audio as a 16-bit mono PCM WAV file.
    pub fn to_wav(&self) -> Vec<u8> {
        let data_len = u32::try_from(self.samples.len() * 2).unwrap_or(u32::MAX - 36) & !1;
        let rate = self.sample_rate.get();
        let mut out = Vec::with_capacity(44 + data_len as usize);
        out.extend_from_slice(b"RIFF");
        out.extend_from_slice(&(36 + data_len).to_le_bytes());
        out.extend_from_slice(b"WAVEfmt ");
        out.extend_from_slice(&16u32.to_le_bytes());
        out.extend_from_slice(&1u16.to_le_bytes()); // PCM
        out.extend_from_slice(&1u16.to_le_bytes()); // mono
        out.extend_from_slice(&rate.to_le_bytes());
        out.extend_from_slice(&rate.saturating_mul(2).to_le_bytes()); // bytes per second
        out.extend_from_slice(&2u16.to_le_bytes()); // block align
        out.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
        out.extend_from_slice(b"data");
        out.extend_from_slice(&data_len.to_le_bytes());
        for s in self.samples.iter().take(data_len as usize / 2) {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out
    }

    /// Writes [`Audio::to_wav`] to `path` (not atomically; the cache does its own renaming).
    pub fn write_wav(&self, path: &Path) -> io::Result<()> {
        std::fs::write(path, self.to_wav())
    }
}

/// Why bytes are not a WAV file this crate can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WavError {
    #[error("not a RIFF/WAVE file")]
    NotWave,
    #[error("the WAV file has no fmt chunk before its data")]
    MissingFormat,
    #[error("the WAV file has no data chunk")]
    MissingData,
    #[error("the WAV file is truncated inside its {0} chunk")]
    Truncated(String),
    #[error("WAV format tag {0:#06x} is not integer PCM")]
    UnsupportedFormat(u16),
    #[error("{0}-bit WAV samples are not supported (8 or 16 are)")]
    UnsupportedBits(u16),
    #[error("the WAV file declares {channels} channels at {rate} Hz")]
    BadLayout { channels: u16, rate: u32 },
}

struct Format {
    channels: u16,
    rate: NonZeroU32,
    bits: u16,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn parse_wav(bytes: &[u8]) -> Result<Audio, WavError> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(WavError::NotWave);
    }
    let mut format: Option<Format> = None;
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let size = u32_at(bytes, at + 4).unwrap_or(0) as usize;
        let body_start = at + 8;
        let name = String::from_utf8_lossy(id).into_owned();
        if id == b"data" {
            let fmt = format.ok_or(WavError::MissingFormat)?;
            let end = body_start.saturating_add(size).min(bytes.len());
            return Ok(decode_samples(&bytes[body_start..end], &fmt));
        }
        let body = bytes
            .get(body_start..body_start.saturating_add(size))
            .ok_or(WavError::Truncated(name))?;
        if id == b"fmt " {
            format = Some(parse_format(body)?);
        }
        at = body_start + size + (size & 1);
    }
    Err(if format.is_none() {
        WavError::MissingFormat
    } else {
        WavError::MissingData
    })
}

fn parse_format(body: &[u8]) -> Result<Format, WavError> {
    let truncated = || WavError::Truncated("fmt ".to_owned());
    let mut tag = u16_at(body, 0).ok_or_else(truncated)?;
    let channels = u16_at(body, 2).ok_or_else(truncated)?;
    let rate = u32_at(body, 4).ok_or_else(truncated)?;
    let bits = u16_at(body, 14).ok_or_else(truncated)?;
    if tag == 0xFFFE {
        // WAVE_FORMAT_EXTENSIBLE: the real tag opens the sub-format GUID.
        tag = u16_at(body, 24).ok_or_else(truncated)?;
    }
    if tag != 1 {
        return Err(WavError::UnsupportedFormat(tag));
    }
    if bits != 8 && bits != 16 {
        return Err(WavError::UnsupportedBits(bits));
    }
    match NonZeroU32::new(rate) {
        Some(rate) if channels > 0 => Ok(Format {
            channels,
            rate,
            bits,
        }),
        _ => Err(WavError::BadLayout { channels, rate }),
    }
}

fn decode_samples(data: &[u8], fmt: &Format) -> Audio {
    let width = usize::from(fmt.bits / 8);
    let frame = width * usize::from(fmt.channels);
    let samples = data
        .chunks_exact(frame)
        .map(|f| {
            let sum: i32 = f
                .chunks_exact(width)
                .map(|s| match s {
                    [lo, hi] => i32::from(i16::from_le_bytes([*lo, *hi])),
                    [u] => (i32::from(*u) - 128) << 8,
                    _ => 0,
                })
                .sum();
            // The mean of i16 values is an i16.
            (sum / i32::from(fmt.channels)) as i16
        })
        .collect();
    Audio::new(fmt.rate, samples)
}

/// Pass band edge as a fraction of the lower Nyquist frequency: at 8 kHz the filter's −6 dB
/// point is 3.68 kHz and the stop band (−74 dB, Blackman) starts just below 4 kHz.
const ROLLOFF: f64 = 0.92;
/// Zero crossings of the sinc on each side: sets the filter length (about 200 taps at
/// 22 050 → 8 000 Hz) and so the width of the transition band.
const ZERO_CROSSINGS: f64 = 32.0;

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Changes the sample rate of mono 16-bit PCM from `from` to `to` hertz.
///
/// A windowed-sinc interpolator (Blackman window, 32 zero crossings a side) with its cut-off
/// at 0.92 × the lower Nyquist frequency, computed as a polyphase table (one set of taps per
/// distinct fractional position, `to / gcd(from, to)` of them) so that each output sample costs
/// one short dot product. The output has `round(len × to / from)` samples. Samples beyond the
/// edges count as silence. A rate of zero, or equal rates, returns the input unchanged.
pub fn resample(samples: &[i16], from: u32, to: u32) -> Vec<i16> {
    if from == to || from == 0 || to == 0 || samples.is_empty() {
        return samples.to_vec();
    }
    let (from, to) = (u64::from(from), u64::from(to));
    let out_len = (samples.len() as u64 * to + from / 2) / from;
    let ratio = to as f64 / from as f64;
    // Cut-off in cycles per input sample.
    let cutoff = 0.5 * ratio.min(1.0) * ROLLOFF;
    let half_width = ZERO_CROSSINGS / (2.0 * cutoff);
    let reach = half_width.ceil() as i64;
    let step = to / gcd(from, to);
    // phases[p] holds the taps for input offsets -reach+1 ..= reach around the sample at or
    // before the output position, whose fractional part is p / step.
    let phases: Vec<Vec<f64>> = (0..step)
        .map(|p| {
            let frac = p as f64 / step as f64;
            let mut taps: Vec<f64> = (-reach + 1..=reach)
                .map(|j| kernel(j as f64 - frac, cutoff, half_width))
                .collect();
            let sum: f64 = taps.iter().sum();
            if sum.abs() > f64::EPSILON {
                taps.iter_mut().for_each(|t| *t /= sum);
            }
            taps
        })
        .collect();
    let len = samples.len() as i64;
    (0..out_len)
        .map(|n| {
            // Exact position n × from / to, as an integer sample and a phase.
            let position = n * from;
            let base = (position / to) as i64;
            let phase = ((position % to) * step / to) as usize;
            let taps = &phases[phase];
            let first = base - reach + 1;
            let lo = (-first).max(0) as usize;
            let hi = (len - first).clamp(0, taps.len() as i64) as usize;
            let mut acc = 0.0;
            for (i, tap) in taps.iter().enumerate().take(hi).skip(lo) {
                acc += f64::from(samples[(first + i as i64) as usize]) * tap;
            }
            acc.round().clamp(f64::from(i16::MIN), f64::from(i16::MAX)) as i16
        })
        .collect()
}

/// The low-pass kernel at `t` input samples from the centre.
fn kernel(t: f64, cutoff: f64, half_width: f64) -> f64 {
    if t.abs() >= half_width {
        return 0.0;
    }
    let x = 2.0 * cutoff * t;
    let sinc = if x.abs() < 1e-12 {
        1.0
    } else {
        (PI * x).sin() / (PI * x)
    };
    let w = t / half_width; // -1..1
    let blackman = 0.42 + 0.5 * (PI * w).cos() + 0.08 * (2.0 * PI * w).cos();
    2.0 * cutoff * sinc * blackman
}

#[cfg(test)]
mod tests;
