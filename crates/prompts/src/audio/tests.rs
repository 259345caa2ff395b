use super::*;

fn rate(hz: u32) -> NonZeroU32 {
    NonZeroU32::new(hz).unwrap()
}

fn sine(freq: f64, rate: u32, seconds: f64, amplitude: f64) -> Vec<i16> {
    let n = (f64::from(rate) * seconds) as usize;
    (0..n)
        .map(|i| (amplitude * (2.0 * PI * freq * i as f64 / f64::from(rate)).sin()).round() as i16)
        .collect()
}

/// RMS over the middle of the signal, away from the edges where the filter sees silence.
fn rms_middle(samples: &[i16]) -> f64 {
    let skip = samples.len() / 5;
    let middle = &samples[skip..samples.len() - skip];
    let sum: f64 = middle.iter().map(|&s| f64::from(s).powi(2)).sum();
    (sum / middle.len() as f64).sqrt()
}

/// Frequency from the number of upward zero crossings over the middle of the signal.
fn frequency_middle(samples: &[i16], rate: u32) -> f64 {
    let skip = samples.len() / 5;
    let middle = &samples[skip..samples.len() - skip];
    let crossings = middle.windows(2).filter(|w| w[0] < 0 && w[1] >= 0).count();
    crossings as f64 * f64::from(rate) / middle.len() as f64
}

#[test]
fn a_voice_band_tone_keeps_its_frequency_level_and_length() {
    for (from, freq) in [
        (22_050, 1000.0),
        (16_000, 440.0),
        (22_050, 3000.0),
        (44_100, 2000.0),
    ] {
        let input = sine(freq, from, 1.0, 10_000.0);
        let out = resample(&input, from, TELEPHONE_RATE);
        assert_eq!(out.len(), 8000, "{from} Hz → 8 kHz keeps the duration");
        let f = frequency_middle(&out, TELEPHONE_RATE);
        assert!(
            (f - freq).abs() < freq * 0.01,
            "{freq} Hz came out as {f} Hz"
        );
        let gain_db = 20.0 * (rms_middle(&out) / rms_middle(&input)).log10();
        assert!(
            gain_db.abs() < 0.5,
            "{freq} Hz from {from} Hz: gain {gain_db:.2} dB"
        );
    }
}

#[test]
fn tones_above_four_kilohertz_are_removed_not_folded() {
    // 5 kHz and 6.5 kHz would alias to 3 kHz and 1.5 kHz without the low-pass.
    for freq in [4300.0, 5000.0, 6500.0, 9000.0] {
        let input = sine(freq, 22_050, 1.0, 10_000.0);
        let out = resample(&input, 22_050, TELEPHONE_RATE);
        let attenuation_db = 20.0 * (rms_middle(&out).max(0.5) / rms_middle(&input)).log10();
        assert!(
            attenuation_db < -60.0,
            "{freq} Hz only attenuated by {attenuation_db:.1} dB"
        );
    }
}

#[test]
fn lengths_round_and_odd_cases_pass_through() {
    assert_eq!(resample(&[1000; 22_051], 22_050, 8000).len(), 8000);
    assert_eq!(resample(&[1000; 3], 22_050, 8000).len(), 1);
    assert_eq!(resample(&[], 22_050, 8000), Vec::<i16>::new());
    assert_eq!(resample(&[1, 2, 3], 8000, 8000), vec![1, 2, 3]);
    // Upsampling keeps a tone too.
    let up = resample(&sine(1000.0, 8000, 1.0, 8000.0), 8000, 16_000);
    assert_eq!(up.len(), 16_000);
    assert!((frequency_middle(&up, 16_000) - 1000.0).abs() < 10.0);
    // Full-scale input does not overflow.
    let loud = resample(&[i16::MAX; 1000], 22_050, 8000);
    assert!(loud[100..200].iter().all(|&s| s > 32_000));
    let quiet = resample(&[i16::MIN; 1000], 22_050, 8000);
    assert!(quiet[100..200].iter().all(|&s| s < -32_000));
}

#[test]
fn wav_round_trips_and_reports_its_duration() {
    let audio = Audio::new(rate(8000), sine(440.0, 8000, 0.5, 5000.0));
    let bytes = audio.to_wav();
    assert_eq!(bytes.len(), 44 + 8000);
    assert_eq!(&bytes[0..4], b"RIFF");
    let back = Audio::from_wav(&bytes).unwrap();
    assert_eq!(back, audio);
    assert_eq!(back.duration(), Duration::from_millis(500));
    assert_eq!(back.to_telephone(), back);
}

fn header(channels: u16, rate: u32, bits: u16, data_len: u32) -> Vec<u8> {
    let mut h = Vec::new();
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&0x7FFF_F000u32.to_le_bytes());
    h.extend_from_slice(b"WAVE");
    // An unknown chunk of odd size, padded, before fmt.
    h.extend_from_slice(b"LIST");
    h.extend_from_slice(&3u32.to_le_bytes());
    h.extend_from_slice(&[1, 2, 3, 0]);
    h.extend_from_slice(b"fmt ");
    h.extend_from_slice(&16u32.to_le_bytes());
    h.extend_from_slice(&1u16.to_le_bytes());
    h.extend_from_slice(&channels.to_le_bytes());
    h.extend_from_slice(&rate.to_le_bytes());
    h.extend_from_slice(&(rate * u32::from(channels * bits / 8)).to_le_bytes());
    h.extend_from_slice(&(channels * bits / 8).to_le_bytes());
    h.extend_from_slice(&bits.to_le_bytes());
    h.extend_from_slice(b"data");
    h.extend_from_slice(&data_len.to_le_bytes());
    h
}

#[test]
fn streamed_stereo_and_eight_bit_wavs_are_read() {
    // espeak-ng's pipe output: sizes 0x7FFFF000, data runs to the end.
    let mut stereo = header(2, 22_050, 16, 0x7FFF_F000);
    for (l, r) in [(100i16, 300i16), (-200, -400), (7, 8)] {
        stereo.extend_from_slice(&l.to_le_bytes());
        stereo.extend_from_slice(&r.to_le_bytes());
    }
    stereo.push(0); // a stray half frame is dropped
    let audio = Audio::from_wav(&stereo).unwrap();
    assert_eq!(audio.sample_rate(), 22_050);
    assert_eq!(audio.samples(), &[200, -300, 7]);

    let mut eight = header(1, 8000, 8, 3);
    eight.extend_from_slice(&[128, 255, 0]);
    let audio = Audio::from_wav(&eight).unwrap();
    assert_eq!(audio.samples(), &[0, 127 << 8, -128 << 8]);
}

#[test]
fn bad_wavs_say_what_is_wrong() {
    assert_eq!(Audio::from_wav(b"RIFX"), Err(WavError::NotWave));
    assert_eq!(
        Audio::from_wav(b"hello world, not a wav"),
        Err(WavError::NotWave)
    );
    let mut no_data = header(1, 8000, 16, 0);
    no_data.truncate(no_data.len() - 8);
    assert_eq!(Audio::from_wav(&no_data), Err(WavError::MissingData));
    assert_eq!(
        Audio::from_wav(&header(1, 8000, 24, 0)),
        Err(WavError::UnsupportedBits(24))
    );
    assert_eq!(
        Audio::from_wav(&header(0, 8000, 16, 0)),
        Err(WavError::BadLayout {
            channels: 0,
            rate: 8000
        })
    );
    let mut float = header(1, 8000, 16, 0);
    float[32] = 3; // format tag 3 = IEEE float
    assert_eq!(Audio::from_wav(&float), Err(WavError::UnsupportedFormat(3)));
    let mut cut = header(1, 8000, 16, 0);
    cut.truncate(36);
    assert!(matches!(Audio::from_wav(&cut), Err(WavError::Truncated(_))));
}
