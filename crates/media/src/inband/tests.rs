use super::*;
use crate::synth::{self, dtmf, silence, tones};

/// xorshift32: deterministic noise without a dependency.
struct Noise(u32);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        (self.0 as f32 / u32::MAX as f32) * 2.0 - 1.0
    }
}

fn detect(samples: &[i16]) -> String {
    let mut det = InbandDetector::new();
    // Feed in 20 ms frames, as RTP delivers them.
    for frame in samples.chunks(160) {
        det.push(frame);
    }
    std::iter::from_fn(|| det.poll_digit())
        .map(|d| d.as_char())
        .collect()
}

fn keys(s: &str, amplitude: f32, on: u32, off: u32) -> Vec<i16> {
    let mut out = silence(off);
    for c in s.chars() {
        out.extend(dtmf(DtmfDigit::from_char(c).unwrap(), amplitude, on));
        out.extend(silence(off));
    }
    out
}

fn add_noise(samples: &mut [i16], amplitude: f32, seed: u32) {
    let mut noise = Noise(seed);
    for s in samples {
        *s = (f32::from(*s) + amplitude * noise.next()).clamp(-32768.0, 32767.0) as i16;
    }
}

#[test]
fn all_sixteen_keys() {
    assert_eq!(
        detect(&keys("0123456789*#ABCD", 6000.0, 60, 60)),
        "0123456789*#ABCD"
    );
}

#[test]
fn keys_in_noise() {
    // Each tone 4000 peak (8e6 power each); uniform noise 3000 peak has 3e6 power: ~7 dB SNR
    // for the pair against noise over the whole band.
    let mut samples = keys("159#0*", 4000.0, 70, 70);
    add_noise(&mut samples, 3000.0, 7);
    assert_eq!(detect(&samples), "159#0*");
}

#[test]
fn noise_alone_is_no_key() {
    let mut samples = silence(5000);
    add_noise(&mut samples, 10000.0, 99);
    assert_eq!(detect(&samples), "");
}

#[test]
fn minimum_duration() {
    // 40 ms at every alignment against the blocks is a key; 20 ms is not.
    for offset in (0..BLOCK as u32).step_by(17) {
        let mut samples = vec![0; offset as usize];
        samples.extend(keys("5", 6000.0, 40, 60));
        assert_eq!(detect(&samples), "5", "40 ms at offset {offset}");
        let mut samples = vec![0; offset as usize];
        samples.extend(keys("5", 6000.0, 20, 60));
        assert_eq!(detect(&samples), "", "20 ms at offset {offset}");
    }
}

#[test]
fn a_held_key_is_one_digit_and_a_pause_makes_two() {
    assert_eq!(detect(&keys("8", 6000.0, 1500, 100)), "8");
    // "11" with a 50 ms pause between.
    assert_eq!(detect(&keys("11", 6000.0, 80, 50)), "11");
    // A 10 ms dropout inside one key is not a pause.
    let mut samples = dtmf(DtmfDigit::D3, 6000.0, 100);
    samples.extend(silence(10));
    samples.extend(dtmf(DtmfDigit::D3, 6000.0, 100));
    samples.extend(silence(100));
    assert_eq!(detect(&samples), "3");
}

#[test]
fn level_and_twist() {
    let pair = |low: f32, high: f32| {
        let (fl, fh) = DtmfDigit::D9.frequencies();
        let mut s = silence(60);
        s.extend(tones(&[(fl, low), (fh, high)], 80));
        s.extend(silence(60));
        detect(&s)
    };
    assert_eq!(pair(6000.0, 6000.0), "9");
    // 6 dB twist either way is accepted; 12 dB is not.
    assert_eq!(pair(3000.0, 6000.0), "9");
    assert_eq!(pair(6000.0, 3000.0), "9");
    assert_eq!(pair(1500.0, 6000.0), "");
    assert_eq!(pair(6000.0, 1500.0), "");
    // About -25 dBm0 per tone is heard; -40 dBm0 is not.
    assert_eq!(pair(1300.0, 1300.0), "9");
    assert_eq!(pair(220.0, 220.0), "");
}

#[test]
fn off_nominal_frequencies_within_tolerance() {
    let (fl, fh) = DtmfDigit::D2.frequencies();
    for factor in [0.985, 1.015] {
        let mut s = tones(&[(fl * factor, 6000.0), (fh * factor, 6000.0)], 80);
        s.extend(silence(60));
        assert_eq!(detect(&s), "2", "factor {factor}");
    }
}

#[test]
fn single_tones_and_chords_are_not_keys() {
    for f in [697.0, 941.0, 1209.0, 1633.0, 440.0, 1000.0] {
        assert_eq!(detect(&synth::sine(f, 8000.0, 500)), "", "{f} Hz");
    }
    // A key's pair with a third tone as loud as them.
    let (fl, fh) = DtmfDigit::D1.frequencies();
    assert_eq!(
        detect(&tones(&[(fl, 5000.0), (fh, 5000.0), (1000.0, 5000.0)], 500)),
        ""
    );
}

/// Voiced speech, roughly: a glottal harmonic series with wandering pitch shaped by the
/// formants of five vowels, in syllables, over a noise floor.
fn speech_like(seconds: u32, seed: u32) -> Vec<i16> {
    const VOWELS: [[f32; 3]; 5] = [
        [730.0, 1090.0, 2440.0],
        [270.0, 2290.0, 3010.0],
        [300.0, 870.0, 2240.0],
        [530.0, 1840.0, 2480.0],
        [570.0, 840.0, 2410.0],
    ];
    let mut noise = Noise(seed);
    let mut out = Vec::new();
    let mut phases = vec![0.0f32; 64];
    let syllable = 1600; // 200 ms
    for s in 0..(seconds * 5) as usize {
        let vowel = VOWELS[(noise.next().abs() * 5.0) as usize % 5];
        let f0_start = 90.0 + 170.0 * noise.next().abs();
        let f0_end = 90.0 + 170.0 * noise.next().abs();
        for n in 0..syllable {
            let x = n as f32 / syllable as f32;
            let f0 = f0_start + (f0_end - f0_start) * x;
            let envelope = (std::f32::consts::PI * x).sin();
            let mut v = 0.0;
            for (h, phase) in phases.iter_mut().enumerate().skip(1) {
                let f = f0 * h as f32;
                if f > 3800.0 {
                    break;
                }
                let gain: f32 = vowel
                    .iter()
                    .map(|&formant| 1.0 / (1.0 + ((f - formant) / 90.0).powi(2)))
                    .sum();
                *phase = (*phase + std::f32::consts::TAU * f / 8000.0) % std::f32::consts::TAU;
                v += gain * phase.sin() / h as f32;
            }
            let sample = 9000.0 * envelope * v + 300.0 * noise.next();
            out.push(sample.clamp(-32768.0, 32767.0) as i16);
        }
        if s % 3 == 2 {
            out.extend(silence(80));
        }
    }
    out
}

#[test]
fn speech_like_signals_do_not_trigger() {
    for seed in [1, 2, 3, 4] {
        assert_eq!(detect(&speech_like(6, seed)), "", "seed {seed}");
    }
}

#[test]
fn keys_over_speech_are_still_heard() {
    let mut samples = speech_like(2, 5);
    let keys = keys("47", 8000.0, 100, 100);
    for (s, k) in samples.iter_mut().zip(&keys) {
        *s = (i32::from(*s) / 4 + i32::from(*k)).clamp(-32768, 32767) as i16;
    }
    assert_eq!(detect(&samples), "47");
}
