//! 8 kHz mono 16-bit PCM WAV files for peers to play, and measurements of what they recorded.
//!
//! [`read`] accepts a file still being written (baresip's `sndfile` fixes the header sizes
//! only when the call ends): it takes the samples present after the `data` chunk header.

use std::path::Path;
use std::time::Duration;

use crate::PeerError;

/// The telephone sample rate.
pub const RATE: u32 = 8_000;

/// A frame for the measurements: 20 ms.
const FRAME: Duration = Duration::from_millis(20);

/// RMS (full scale = 1.0) above which a 20 ms frame counts as audible: about -40 dBFS, well
/// above G.711's idle noise and well below speech or a test tone.
pub const AUDIBLE: f64 = 0.01;

/// Writes mono 16-bit PCM at `rate`.
pub fn write(path: &Path, rate: u32, samples: &[i16]) -> Result<(), PeerError> {
    let data_len = u32::try_from(samples.len() * 2)
        .map_err(|_| PeerError::Protocol("too many samples for a WAV file".to_owned()))?;
    let mut bytes = Vec::with_capacity(44 + samples.len() * 2);
    bytes.extend_from_slice(b"RIFF");
    bytes.extend_from_slice(&(36 + data_len).to_le_bytes());
    bytes.extend_from_slice(b"WAVEfmt ");
    bytes.extend_from_slice(&16u32.to_le_bytes());
    bytes.extend_from_slice(&1u16.to_le_bytes()); // PCM
    bytes.extend_from_slice(&1u16.to_le_bytes()); // mono
    bytes.extend_from_slice(&rate.to_le_bytes());
    bytes.extend_from_slice(&(rate * 2).to_le_bytes());
    bytes.extend_from_slice(&2u16.to_le_bytes());
    bytes.extend_from_slice(&16u16.to_le_bytes());
    bytes.extend_from_slice(b"data");
    bytes.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        bytes.extend_from_slice(&s.to_le_bytes());
    }
    std::fs::write(path, bytes).map_err(PeerError::io(format!("writing {}", path.display())))
}

/// A sine of `hz` at `amplitude` (full scale = 1.0), 8 kHz.
pub fn tone(hz: f64, length: Duration, amplitude: f64) -> Vec<i16> {
    let n = (length.as_secs_f64() * f64::from(RATE)) as usize;
    (0..n)
        .map(|i| {
            let t = i as f64 / f64::from(RATE);
            (amplitude * f64::from(i16::MAX) * (2.0 * std::f64::consts::PI * hz * t).sin()) as i16
        })
        .collect()
}

/// Writes an 8 kHz tone file (for baresip's `aufile` source; at its end baresip ends the
/// call, so make it longer than the test).
pub fn write_tone(path: &Path, hz: f64, length: Duration, amplitude: f64) -> Result<(), PeerError> {
    write(path, RATE, &tone(hz, length, amplitude))
}

/// Writes an 8 kHz file of silence.
pub fn write_silence(path: &Path, length: Duration) -> Result<(), PeerError> {
    let n = (length.as_secs_f64() * f64::from(RATE)) as usize;
    write(path, RATE, &vec![0; n])
}

/// Reads a mono 16-bit PCM WAV: its rate and samples. A file whose `data` size is not yet
/// written (0 or past the end) gives the samples present.
pub fn read(path: &Path) -> Result<(u32, Vec<i16>), PeerError> {
    let bytes =
        std::fs::read(path).map_err(PeerError::io(format!("reading {}", path.display())))?;
    parse(&bytes).map_err(|reason| PeerError::Protocol(format!("{}: {reason}", path.display())))
}

fn parse(bytes: &[u8]) -> Result<(u32, Vec<i16>), String> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err("not a WAV file".to_owned());
    }
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at =
        |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let mut at = 12;
    let mut rate = None;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32_at(at + 4) as usize;
        let body = at + 8;
        if id == b"fmt " {
            if body + 16 > bytes.len() {
                return Err("short fmt chunk".to_owned());
            }
            let (format, channels, bits) = (u16_at(body), u16_at(body + 2), u16_at(body + 14));
            // 0xFFFE: WAVE_FORMAT_EXTENSIBLE, which libsndfile may write; PCM inside.
            if !(format == 1 || format == 0xFFFE) || channels != 1 || bits != 16 {
                return Err(format!(
                    "format {format}, {channels} channels, {bits} bits: want mono 16-bit PCM"
                ));
            }
            rate = Some(u32_at(body + 4));
        } else if id == b"data" {
            let rate = rate.ok_or("data before fmt")?;
            let available = bytes.len() - body;
            let len = if len == 0 || len > available {
                available
            } else {
                len
            };
            let samples = bytes[body..body + len - len % 2]
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect();
            return Ok((rate, samples));
        }
        at = body + len + len % 2;
    }
    match rate {
        // The header is written, no audio yet.
        Some(rate) => Ok((rate, Vec::new())),
        None => Err("no fmt chunk".to_owned()),
    }
}

/// RMS of `samples`, full scale = 1.0.
pub fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let sum: f64 = samples
        .iter()
        .map(|&s| {
            let x = f64::from(s) / f64::from(i16::MAX);
            x * x
        })
        .sum();
    (sum / samples.len() as f64).sqrt()
}

/// Each 20 ms frame: audible or not.
pub fn audible_frames(samples: &[i16], rate: u32) -> Vec<bool> {
    let frame = (rate as usize * FRAME.as_millis() as usize / 1000).max(1);
    samples
        .chunks(frame)
        .map(|chunk| rms(chunk) > AUDIBLE)
        .collect()
}

/// Total time of audible 20 ms frames.
pub fn audible(samples: &[i16], rate: u32) -> Duration {
    FRAME * audible_frames(samples, rate).iter().filter(|&&a| a).count() as u32
}

/// The stretches of sound (start, end) separated by at least `gap` of silence.
pub fn segments(samples: &[i16], rate: u32, gap: Duration) -> Vec<(Duration, Duration)> {
    let gap_frames = (gap.as_millis() / FRAME.as_millis()).max(1) as usize;
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for (i, audible) in audible_frames(samples, rate).into_iter().enumerate() {
        if !audible {
            continue;
        }
        match segments.last_mut() {
            Some((_, end)) if i - *end < gap_frames => *end = i + 1,
            _ => segments.push((i, i + 1)),
        }
    }
    segments
        .into_iter()
        .map(|(s, e)| (FRAME * s as u32, FRAME * e as u32))
        .collect()
}

/// Silence at the end after the last audible frame; `None` when nothing was audible yet.
pub fn trailing_silence(samples: &[i16], rate: u32) -> Option<Duration> {
    let frames = audible_frames(samples, rate);
    let last = frames.iter().rposition(|&a| a)?;
    Some(FRAME * (frames.len() - last - 1) as u32)
}

/// The strongest frequency between 100 and 3 400 Hz (10 Hz steps, Goertzel) over the first
/// second of audible audio; `None` when nothing is audible.
pub fn dominant_frequency(samples: &[i16], rate: u32) -> Option<f64> {
    let frame = (rate as usize * FRAME.as_millis() as usize / 1000).max(1);
    let audible: Vec<f64> = samples
        .chunks(frame)
        .filter(|chunk| rms(chunk) > AUDIBLE)
        .flatten()
        .take(rate as usize)
        .map(|&s| f64::from(s))
        .collect();
    if audible.is_empty() {
        return None;
    }
    let power = |hz: f64| {
        let w = 2.0 * std::f64::consts::PI * hz / f64::from(rate);
        let coeff = 2.0 * w.cos();
        let (mut s1, mut s2) = (0.0, 0.0);
        for &x in &audible {
            let s0 = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        s1 * s1 + s2 * s2 - coeff * s1 * s2
    };
    (10..=340)
        .map(|step| f64::from(step) * 10.0)
        .map(|hz| (hz, power(hz)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(hz, _)| hz)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_tone_reads_back_with_its_frequency_level_and_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.wav");
        write_tone(&path, 440.0, Duration::from_secs(2), 0.3).unwrap();
        let (rate, samples) = read(&path).unwrap();
        assert_eq!(rate, RATE);
        assert_eq!(samples.len(), 16_000);
        assert!((rms(&samples) - 0.3 / 2f64.sqrt()).abs() < 0.01);
        assert_eq!(dominant_frequency(&samples, rate), Some(440.0));
        assert_eq!(audible(&samples, rate), Duration::from_secs(2));
        assert_eq!(trailing_silence(&samples, rate), Some(Duration::ZERO));
    }

    #[test]
    fn silence_has_no_sound_and_segments_split_on_gaps() {
        let quiet = vec![0i16; 8_000];
        assert_eq!(audible(&quiet, RATE), Duration::ZERO);
        assert_eq!(dominant_frequency(&quiet, RATE), None);
        assert_eq!(trailing_silence(&quiet, RATE), None);

        let mut mixed = tone(300.0, Duration::from_millis(500), 0.2);
        mixed.extend(vec![0i16; 4_000]); // 500 ms
        mixed.extend(tone(1_000.0, Duration::from_millis(300), 0.2));
        mixed.extend(vec![0i16; 800]); // 100 ms
        mixed.extend(tone(1_000.0, Duration::from_millis(200), 0.2));
        mixed.extend(vec![0i16; 1_600]); // 200 ms
        assert_eq!(
            segments(&mixed, RATE, Duration::from_millis(300)),
            vec![
                (Duration::ZERO, Duration::from_millis(500)),
                (Duration::from_millis(1_000), Duration::from_millis(1_600)),
            ]
        );
        assert_eq!(audible(&mixed, RATE), Duration::from_millis(1_000));
        assert_eq!(
            trailing_silence(&mixed, RATE),
            Some(Duration::from_millis(200))
        );
    }

    #[test]
    fn a_file_still_being_written_gives_the_samples_present() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"RIFF\0\0\0\0WAVEfmt ");
        bytes.extend_from_slice(&16u32.to_le_bytes());
        for v in [1u16, 1] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(&8_000u32.to_le_bytes());
        bytes.extend_from_slice(&16_000u32.to_le_bytes());
        for v in [2u16, 16] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(b"data\0\0\0\0");
        assert_eq!(parse(&bytes), Ok((8_000, Vec::new())));
        bytes.extend_from_slice(&[1, 0, 2, 0, 3]);
        assert_eq!(parse(&bytes), Ok((8_000, vec![1, 2])));
        assert!(parse(b"RIFF").is_err());
        assert!(parse(b"RIFF\0\0\0\0WAVEdata\0\0\0\0").is_err());
    }
}
