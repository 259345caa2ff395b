//! Recording what a leg received, as 8 kHz PCM, for tests ("did the peer hear a prompt, and how
//! long") and diagnostics. Not a call-recording feature: it is capped and kept in memory.

/// Collects decoded audio in RTP timestamp order, filling gaps (lost packets, silence
/// suppression) with zeros so durations stay true.
#[derive(Debug, Clone)]
pub struct Recorder {
    max_samples: usize,
    samples: Vec<i16>,
    ssrc: Option<u32>,
    next_timestamp: u32,
}

/// Gaps longer than this (one second) are not filled: the stream was paused, not lost.
const MAX_FILL: u32 = 8000;

impl Recorder {
    /// A recorder that keeps at most `max_samples` samples (then stops recording).
    pub fn new(max_samples: usize) -> Recorder {
        Recorder {
            max_samples,
            samples: Vec::new(),
            ssrc: None,
            next_timestamp: 0,
        }
    }

    /// Adds a decoded frame that carried RTP timestamp `timestamp` on `ssrc`.
    pub fn push(&mut self, ssrc: u32, timestamp: u32, pcm: &[i16]) {
        if self.ssrc == Some(ssrc) {
            let gap = timestamp.wrapping_sub(self.next_timestamp);
            if gap > 0 && gap <= MAX_FILL {
                self.extend(&vec![0; gap as usize]);
            }
        }
        self.ssrc = Some(ssrc);
        self.next_timestamp = timestamp.wrapping_add(pcm.len() as u32);
        self.extend(pcm);
    }

    fn extend(&mut self, pcm: &[i16]) {
        let room = self.max_samples.saturating_sub(self.samples.len());
        self.samples.extend_from_slice(&pcm[..pcm.len().min(room)]);
    }

    /// What was recorded so far.
    pub fn samples(&self) -> &[i16] {
        &self.samples
    }

    /// Takes the recording, leaving the recorder empty (still recording).
    pub fn take(&mut self) -> Vec<i16> {
        std::mem::take(&mut self.samples)
    }
}

/// Root mean square of `samples` (0 for none).
pub fn rms(samples: &[i16]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let sum: f64 = samples.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    (sum / samples.len() as f64).sqrt()
}

/// How many samples are in 20 ms frames whose RMS is above `threshold`: the length of what
/// was heard, leaving out silence.
pub fn audible_samples(samples: &[i16], threshold: f64) -> usize {
    samples
        .chunks(160)
        .filter(|f| rms(f) > threshold)
        .map(<[i16]>::len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_filled_and_the_cap_holds() {
        let mut r = Recorder::new(1000);
        r.push(1, 0, &[100; 160]);
        r.push(1, 320, &[100; 160]); // one frame lost
        assert_eq!(r.samples().len(), 480);
        assert_eq!(audible_samples(r.samples(), 10.0), 320);
        r.push(2, 99, &[5; 160]); // new SSRC: no fill
        assert_eq!(r.samples().len(), 640);
        r.push(2, 259 + 100_000, &[5; 800]); // long pause: no fill, then capped
        assert_eq!(r.samples().len(), 1000);
        assert_eq!(r.take().len(), 1000);
        assert!(r.samples().is_empty());
    }

    #[test]
    fn rms_of_a_square_wave() {
        assert_eq!(rms(&[]), 0.0);
        assert_eq!(rms(&[100, -100, 100, -100]), 100.0);
    }
}
