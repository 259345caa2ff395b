//! [`RateLimit`]: how many new calls may be set up per second, as a sans-IO token bucket
//! (`now` passed in).
//!
//! It is the generic cell rate algorithm, the token bucket kept as one instant: each call set
//! up pushes the bucket's "theoretical arrival time" one interval (1 s ÷ rate) later; a call
//! is admitted while that time is no more than `burst − 1` intervals ahead of now. Over any
//! window of `t` seconds at most `burst + rate·t` calls are admitted, and a caller refused is
//! told how long until the next one would be (for `Retry-After`).

use std::time::{Duration, Instant};

/// New call set-ups per second, with a burst allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Set-ups per second, sustained (at least 1).
    pub per_second: u32,
    /// Set-ups admitted back to back after a quiet spell (at least 1).
    pub burst: u32,
}

impl RateLimit {
    /// `per_second` sustained, and the same number at once.
    pub fn per_second(per_second: u32) -> RateLimit {
        RateLimit {
            per_second,
            burst: per_second,
        }
    }
}

/// The bucket.
#[derive(Debug, Clone)]
pub(crate) struct TokenBucket {
    interval: Duration,
    tolerance: Duration,
    /// When the bucket is empty again at the current pace (never before `now`).
    full_at: Instant,
}

impl TokenBucket {
    pub(crate) fn new(limit: RateLimit, now: Instant) -> TokenBucket {
        let interval = Duration::from_secs(1) / limit.per_second.max(1);
        TokenBucket {
            interval,
            tolerance: interval * (limit.burst.max(1) - 1),
            full_at: now,
        }
    }

    /// Takes one set-up: `Ok` if admitted, else how long until one would be.
    pub(crate) fn take(&mut self, now: Instant) -> Result<(), Duration> {
        let due = self.full_at.max(now);
        let ahead = due - now;
        if ahead > self.tolerance {
            return Err(ahead - self.tolerance);
        }
        self.full_at = due + self.interval;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let t0 = Instant::now();
        let mut bucket = TokenBucket::new(
            RateLimit {
                per_second: 10,
                burst: 3,
            },
            t0,
        );
        for _ in 0..3 {
            assert_eq!(bucket.take(t0), Ok(()));
        }
        // Empty: the next one in 100 ms.
        assert_eq!(bucket.take(t0), Err(100 * MS));
        assert_eq!(bucket.take(t0 + 40 * MS), Err(60 * MS));
        assert_eq!(bucket.take(t0 + 100 * MS), Ok(()));
        assert_eq!(bucket.take(t0 + 100 * MS), Err(100 * MS));
        // A quiet second refills the burst, no more.
        let later = t0 + Duration::from_secs(5);
        for _ in 0..3 {
            assert_eq!(bucket.take(later), Ok(()));
        }
        assert!(bucket.take(later).is_err());
    }

    #[test]
    fn zero_is_treated_as_one() {
        let t0 = Instant::now();
        let mut bucket = TokenBucket::new(
            RateLimit {
                per_second: 0,
                burst: 0,
            },
            t0,
        );
        assert_eq!(bucket.take(t0), Ok(()));
        assert_eq!(bucket.take(t0), Err(Duration::from_secs(1)));
    }

    proptest! {
        /// Over any run of requests, what is admitted by time t never exceeds
        /// burst + rate·t, and a refused request is told a wait that then succeeds.
        #[test]
        fn never_more_than_burst_plus_rate_times_elapsed(
            per_second in 1u32..2000,
            burst in 1u32..100,
            gaps in proptest::collection::vec(0u64..20_000, 1..300),
        ) {
            let t0 = Instant::now();
            let mut bucket = TokenBucket::new(RateLimit { per_second, burst }, t0);
            let mut now = t0;
            let mut admitted = 0u64;
            for gap in gaps {
                now += Duration::from_micros(gap);
                match bucket.take(now) {
                    Ok(()) => admitted += 1,
                    Err(wait) => {
                        prop_assert!(wait > Duration::ZERO);
                        let mut probe = bucket.clone();
                        prop_assert_eq!(probe.take(now + wait), Ok(()));
                    }
                }
                // The interval is 1 s ÷ rate rounded down to a nanosecond.
                let intervals = (now - t0).as_nanos() / bucket.interval.as_nanos();
                prop_assert!(u128::from(admitted) <= u128::from(burst) + intervals);
            }
        }
    }
}
