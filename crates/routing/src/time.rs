//! Time as the router sees it: [`Millis`], a monotonic millisecond count that the host passes in.
//!
//! The router never reads a clock. The host picks an epoch (its start, usually) and converts its
//! monotonic clock (`tokio::time::Instant`, `std::time::Instant`) to milliseconds since then.
//! Wall-clock time (`jiff::Timestamp`) is deliberately not used here: it can jump (NTP, manual
//! changes), is 16 bytes with checked span arithmetic, and every queue key, idle-agent key and
//! timer compares instants, so a single `u64` compare keeps the hot path short. Millisecond
//! resolution is far finer than anything routing measures (offer timeouts, the 20 s service-level
//! threshold, the 5 s short-abandon rule).

use std::fmt;
use std::ops::Add;
use std::time::Duration;

/// An instant on the host's monotonic clock, in milliseconds since an epoch the host chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Millis(pub u64);

impl Millis {
    /// The host's epoch.
    pub const ZERO: Millis = Millis(0);

    /// `secs` seconds after the epoch.
    pub const fn from_secs(secs: u64) -> Millis {
        Millis(secs.saturating_mul(1000))
    }

    /// Milliseconds since the epoch.
    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// The time from `earlier` to `self`; zero when `earlier` is later.
    pub fn since(self, earlier: Millis) -> Duration {
        Duration::from_millis(self.0.saturating_sub(earlier.0))
    }

    /// Milliseconds from `earlier` to `self`; zero when `earlier` is later.
    pub(crate) fn ms_since(self, earlier: Millis) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// Whole milliseconds in `d`, saturating at `u64::MAX`.
pub(crate) fn duration_ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

impl Add<Duration> for Millis {
    type Output = Millis;

    /// Saturating: an instant never wraps around.
    fn add(self, d: Duration) -> Millis {
        Millis(self.0.saturating_add(duration_ms(d)))
    }
}

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}s", self.0 / 1000, self.0 % 1000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_saturates_instead_of_wrapping() {
        assert_eq!(Millis(5).since(Millis(9)), Duration::ZERO);
        assert_eq!(Millis(9).since(Millis(5)), Duration::from_millis(4));
        assert_eq!(
            Millis(u64::MAX - 1) + Duration::from_secs(1),
            Millis(u64::MAX)
        );
        assert_eq!(
            Millis::from_secs(2) + Duration::from_millis(5),
            Millis(2005)
        );
        assert_eq!(Millis(61_005).to_string(), "61.005s");
    }
}
