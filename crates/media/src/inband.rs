//! In-band DTMF: recognising key tones in 8 kHz audio, for trunks and phones that send the
//! tones themselves instead of RFC 4733 events.
//!
//! The signal is analysed in windows of [`BLOCK`] samples (12.75 ms; at this length the
//! response of each Goertzel filter has a null close to its neighbours' frequencies, which keeps
//! adjacent rows apart), overlapping by half ([`HOP`] samples, 6.4 ms). Each window is tested
//! for the eight DTMF frequencies:
//!
//! - level: both tones at least about −30 dBm0;
//! - twist: the two tones within 8 dB of each other (either way);
//! - relative peak: the strongest row and column each 8 dB above the other rows/columns;
//! - purity: the two tones hold at least 70 % of the window's energy (speech and music spread
//!   theirs over many frequencies).
//!
//! A window only partly covered by a tone usually fails the relative-peak check (its spectrum
//! is too wide). A key is reported once, when [`HITS_TO_BEGIN`] consecutive windows agree:
//! every tone of 40 ms or more (the ITU-T Q.24 minimum) gives at least four whole windows, a
//! 20 ms tone at most three passing ones. The next key needs [`MISSES_TO_END`] windows without
//! it: a pause of 40 ms gives seven, a dropout of 10 ms at most three, so a tone with a short
//! break stays one key. Windows below the level threshold skip the filters, so silence costs
//! one multiply-add per sample.

use std::collections::VecDeque;
use std::f32::consts::PI;

use crate::dtmf::{DtmfDigit, digit_at};

/// Samples per analysis window.
pub const BLOCK: usize = 102;
/// Samples between the starts of consecutive windows.
pub const HOP: usize = 51;
/// Consecutive windows with the same key before it is reported.
pub const HITS_TO_BEGIN: u8 = 4;
/// Consecutive windows without it before another key (or the same again) can be reported.
pub const MISSES_TO_END: u8 = 4;

const ROWS: [f32; 4] = [697.0, 770.0, 852.0, 941.0];
const COLS: [f32; 4] = [1209.0, 1336.0, 1477.0, 1633.0];
/// Minimum tone amplitude (about −30 dBm0 for G.711, where 0 dBm0 is a 22 656 peak).
const MIN_AMPLITUDE: f32 = 700.0;
/// 8 dB as a power ratio.
const TWIST: f32 = 6.31;
/// 8 dB as a power ratio.
const RELATIVE_PEAK: f32 = 6.31;
const MIN_PURITY: f32 = 0.7;

/// Finds DTMF key tones in 8 kHz mono PCM.
#[derive(Debug, Clone)]
pub struct InbandDetector {
    coeffs: [f32; 8],
    block: Vec<f32>,
    last: Option<DtmfDigit>,
    hits: u8,
    misses: u8,
    active: Option<DtmfDigit>,
    out: VecDeque<DtmfDigit>,
}

impl Default for InbandDetector {
    fn default() -> Self {
        InbandDetector::new()
    }
}

impl InbandDetector {
    /// A detector with nothing heard yet.
    pub fn new() -> InbandDetector {
        let mut coeffs = [0.0; 8];
        for (c, f) in coeffs.iter_mut().zip(ROWS.iter().chain(COLS.iter())) {
            *c = 2.0 * (2.0 * PI * f / 8000.0).cos();
        }
        InbandDetector {
            coeffs,
            block: Vec::with_capacity(BLOCK),
            last: None,
            hits: 0,
            misses: MISSES_TO_END,
            active: None,
            out: VecDeque::new(),
        }
    }

    /// Feeds samples (any count; blocks continue across calls).
    pub fn push(&mut self, samples: &[i16]) {
        for &s in samples {
            self.block.push(f32::from(s));
            if self.block.len() == BLOCK {
                let hit = self.analyse();
                self.block.drain(..HOP);
                self.step(hit);
            }
        }
    }

    /// The next key heard.
    pub fn poll_digit(&mut self) -> Option<DtmfDigit> {
        self.out.pop_front()
    }

    fn step(&mut self, hit: Option<DtmfDigit>) {
        match hit {
            Some(d) => {
                if Some(d) == self.last {
                    self.hits = self.hits.saturating_add(1);
                } else {
                    self.last = Some(d);
                    self.hits = 1;
                }
                // Another key without a pause counts as a miss of the one held.
                if self.active == Some(d) {
                    self.misses = 0;
                } else {
                    self.misses = self.misses.saturating_add(1);
                }
            }
            None => {
                self.last = None;
                self.hits = 0;
                self.misses = self.misses.saturating_add(1);
            }
        }
        if self.misses >= MISSES_TO_END {
            self.active = None;
        }
        if self.active.is_none()
            && self.hits >= HITS_TO_BEGIN
            && let Some(d) = self.last
        {
            self.active = Some(d);
            self.misses = 0;
            tracing::debug!(digit = %d, "in-band digit");
            self.out.push_back(d);
        }
    }

    /// The key in the current block, if it passes every check.
    fn analyse(&self) -> Option<DtmfDigit> {
        let energy: f32 = self.block.iter().map(|x| x * x).sum();
        let min_energy = MIN_AMPLITUDE * MIN_AMPLITUDE / 2.0 * BLOCK as f32;
        if energy < 2.0 * min_energy {
            return None;
        }
        // The eight filters run side by side (independent chains the compiler can vectorise).
        let (mut s1, mut s2) = ([0.0f32; 8], [0.0f32; 8]);
        for &x in &self.block {
            for k in 0..8 {
                let s0 = x + self.coeffs[k] * s1[k] - s2[k];
                s2[k] = s1[k];
                s1[k] = s0;
            }
        }
        let mut power = [0.0f32; 8];
        for k in 0..8 {
            // Normalised so a pure tone's value equals its energy in the block.
            let (a, b, c) = (s1[k], s2[k], self.coeffs[k]);
            power[k] = 2.0 * (a * a + b * b - c * a * b) / BLOCK as f32;
        }
        let (rows, cols) = power.split_at(4);
        let (r, &row) = strongest(rows);
        let (c, &col) = strongest(cols);
        let ok = row >= min_energy
            && col >= min_energy
            && row <= col * TWIST
            && col <= row * TWIST
            && dominates(rows, r)
            && dominates(cols, c)
            && row + col >= MIN_PURITY * energy;
        ok.then(|| digit_at(r, c))
    }
}

fn strongest(p: &[f32]) -> (usize, &f32) {
    p.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .expect("four frequencies per group")
}

fn dominates(p: &[f32], best: usize) -> bool {
    p.iter()
        .enumerate()
        .all(|(i, &v)| i == best || v * RELATIVE_PEAK < p[best])
}

#[cfg(test)]
mod tests;
