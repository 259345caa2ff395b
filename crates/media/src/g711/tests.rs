//! G.711 against tables built independently from the recommendation's segment description
//! (Tables 1a/2a: segment, step and quantisation interval), every code 0–255 and every i16.

use super::*;

/// µ-law in the 14-bit domain: segment `s` (0..=7), step `k` (0..=15).
/// Reconstruction value `y = 2^s * (33 + 2k) - 33`; the interval is `y ± 2^s`, except that
/// the first step of segment 0 is `[0, 1)` and the last step takes everything above it.
fn ulaw_level(s: i32, k: i32) -> i32 {
    (1 << s) * (33 + 2 * k) - 33
}

/// A-law in the 13-bit domain (sign + 12-bit magnitude): segment 0 has `y = 2k + 1` in
/// `[2k, 2k + 2)`; segment `s >= 1` has `y = 2^s * (16 + k) + 2^(s-1)` in
/// `[2^s * (16 + k), 2^s * (17 + k))`.
fn alaw_interval(s: i32, k: i32) -> (i32, i32, i32) {
    if s == 0 {
        (2 * k, 2 * k + 2, 2 * k + 1)
    } else {
        let lo = (1 << s) * (16 + k);
        (lo, lo + (1 << s), lo + (1 << (s - 1)))
    }
}

/// The transmitted µ-law character: polarity (1 = positive), then segment and step inverted.
fn ulaw_char(positive: bool, s: i32, k: i32) -> u8 {
    (u8::from(positive) << 7) | (!((s << 4 | k) as u8) & 0x7F)
}

/// The transmitted A-law character: polarity (1 = positive), segment, step, even bits inverted.
fn alaw_char(positive: bool, s: i32, k: i32) -> u8 {
    (((positive as i32) << 7 | s << 4 | k) as u8) ^ 0x55
}

#[test]
fn ulaw_decode_matches_the_segment_formula_for_every_code() {
    let mut expected = [None; 256];
    for positive in [false, true] {
        for s in 0..8 {
            for k in 0..16 {
                let y = ulaw_level(s, k) * 4; // 14-bit to 16-bit
                let v = if positive { y } else { -y };
                expected[usize::from(ulaw_char(positive, s, k))] = Some(v as i16);
            }
        }
    }
    for code in 0..=255u8 {
        let want = expected[usize::from(code)].expect("every code is a (sign, segment, step)");
        assert_eq!(ulaw_decode(code), want, "code {code:#04x}");
    }
    // Spot values from the recommendation's table: extremes and zero.
    assert_eq!(ulaw_decode(0x80), 32124);
    assert_eq!(ulaw_decode(0x00), -32124);
    assert_eq!(ulaw_decode(0xFF), 0);
    assert_eq!(ulaw_decode(0x7F), 0);
}

#[test]
fn alaw_decode_matches_the_segment_formula_for_every_code() {
    let mut expected = [None; 256];
    for positive in [false, true] {
        for s in 0..8 {
            for k in 0..16 {
                let (_, _, y) = alaw_interval(s, k);
                let y = y * 8; // 13-bit to 16-bit
                let v = if positive { y } else { -y };
                expected[usize::from(alaw_char(positive, s, k))] = Some(v as i16);
            }
        }
    }
    for code in 0..=255u8 {
        let want = expected[usize::from(code)].expect("every code is a (sign, segment, step)");
        assert_eq!(alaw_decode(code), want, "code {code:#04x}");
    }
    assert_eq!(alaw_decode(0xAA), 32256);
    assert_eq!(alaw_decode(0x2A), -32256);
    assert_eq!(alaw_decode(0xD5), 8);
    assert_eq!(alaw_decode(0x55), -8);
}

#[test]
fn ulaw_encode_picks_the_interval_holding_every_i16() {
    // Decision table: (lower bound, character) per positive step, ascending.
    let mut bounds = Vec::new();
    for s in 0..8 {
        for k in 0..16 {
            let lo = if s == 0 && k == 0 {
                0
            } else {
                ulaw_level(s, k) - (1 << s)
            };
            bounds.push((lo, s, k));
        }
    }
    for x in i16::MIN..=i16::MAX {
        let positive = x >= 0;
        let magnitude = i32::from(if positive { x } else { !x }) >> 2;
        let &(_, s, k) = bounds
            .iter()
            .rev()
            .find(|(lo, _, _)| *lo <= magnitude)
            .unwrap();
        assert_eq!(ulaw_encode(x), ulaw_char(positive, s, k), "sample {x}");
    }
}

#[test]
fn alaw_encode_picks_the_interval_holding_every_i16() {
    let mut bounds = Vec::new();
    for s in 0..8 {
        for k in 0..16 {
            let (lo, hi, _) = alaw_interval(s, k);
            bounds.push((lo, hi, s, k));
        }
    }
    for x in i16::MIN..=i16::MAX {
        let positive = x >= 0;
        let magnitude = i32::from(if positive { x } else { !x }) >> 3;
        let &(_, _, s, k) = bounds
            .iter()
            .find(|(lo, hi, _, _)| (*lo..*hi).contains(&magnitude))
            .expect("the intervals cover 0..4096");
        assert_eq!(alaw_encode(x), alaw_char(positive, s, k), "sample {x}");
    }
}

#[test]
fn decode_then_encode_is_identity_except_negative_zero() {
    for code in 0..=255u8 {
        let back = ulaw_encode(ulaw_decode(code));
        if code == 0x7F {
            assert_eq!(back, 0xFF, "µ-law -0 decodes to 0, which encodes as +0");
        } else {
            assert_eq!(back, code, "µ-law {code:#04x}");
        }
        assert_eq!(alaw_encode(alaw_decode(code)), code, "A-law {code:#04x}");
    }
}

#[test]
fn encode_then_decode_stays_within_half_a_step() {
    for x in i16::MIN..=i16::MAX {
        let x32 = i32::from(x);
        // µ-law: the step in 16-bit units is 8 << segment; half of it plus the one's-complement
        // offset (up to 4 below zero) bounds the error, except where the top segment clips.
        let u = i32::from(ulaw_decode(ulaw_encode(x)));
        let s = i32::from((!ulaw_encode(x) >> 4) & 7);
        if x32.abs() < 32124 + (4 << s) {
            assert!((u - x32).abs() <= (4 << s) + 4, "µ-law {x} -> {u}");
        }
        let a = i32::from(alaw_decode(alaw_encode(x)));
        let s = i32::from(((alaw_encode(x) ^ 0x55) >> 4) & 7);
        let half = if s == 0 { 8 } else { 8 << (s - 1) };
        assert!((a - x32).abs() <= half + 8, "A-law {x} -> {a}");
        // Monotonic: a larger input never decodes smaller.
        if x > i16::MIN {
            assert!(ulaw_decode(ulaw_encode(x - 1)) <= u as i16);
            assert!(alaw_decode(alaw_encode(x - 1)) <= a as i16);
        }
    }
}

#[test]
fn slices_and_silence() {
    for codec in [Codec::Pcmu, Codec::Pcma] {
        assert_eq!(codec.encode_sample(0), codec.silence());
        assert_eq!(
            codec.decode_sample(codec.silence()),
            if codec == Codec::Pcmu { 0 } else { 8 }
        );
        let pcm: Vec<i16> = (0..160)
            .map(|i| ((i * 409) % 20000 - 10000) as i16)
            .collect();
        let mut bytes = Vec::new();
        codec.encode(&pcm, &mut bytes);
        assert_eq!(bytes.len(), 160);
        let mut back = Vec::new();
        codec.decode(&bytes, &mut back);
        assert_eq!(back.len(), 160);
        for (&b, &p) in back.iter().zip(&pcm) {
            assert_eq!(b, codec.decode_sample(codec.encode_sample(p)));
        }
        assert_eq!(Codec::from_payload_type(codec.payload_type()), Some(codec));
    }
    assert_eq!(Codec::from_payload_type(101), None);
}
