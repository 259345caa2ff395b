//! Test signals at 8 kHz: sines, DTMF key tones and silence. Used by this crate's tests and
//! benchmark and by the edges' tests that need audio without a TTS engine.

use std::f32::consts::TAU;

use crate::dtmf::DtmfDigit;

/// Samples per second of all audio in this crate.
pub const RATE: u32 = 8000;

/// Samples in `ms` milliseconds.
pub fn samples_for_ms(ms: u32) -> usize {
    (ms * (RATE / 1000)) as usize
}

/// A sum of sines (Hz, peak amplitude), `ms` long, clipped to i16.
pub fn tones(parts: &[(f32, f32)], ms: u32) -> Vec<i16> {
    (0..samples_for_ms(ms))
        .map(|n| {
            let t = n as f32 / RATE as f32;
            let v: f32 = parts.iter().map(|(f, a)| a * (TAU * f * t).sin()).sum();
            v.clamp(-32768.0, 32767.0) as i16
        })
        .collect()
}

/// One sine.
pub fn sine(freq: f32, amplitude: f32, ms: u32) -> Vec<i16> {
    tones(&[(freq, amplitude)], ms)
}

/// The key's two tones, each at `amplitude`.
pub fn dtmf(digit: DtmfDigit, amplitude: f32, ms: u32) -> Vec<i16> {
    let (low, high) = digit.frequencies();
    tones(&[(low, amplitude), (high, amplitude)], ms)
}

/// Silence.
pub fn silence(ms: u32) -> Vec<i16> {
    vec![0; samples_for_ms(ms)]
}
