//! Live statistics per queue for the wallboard: counters since the last reset, agents by state,
//! the service-level, ASA and abandonment formulas, and the accuracy of wait estimates.

use std::time::Duration;

use crate::config::QueueKey;

/// Agents serving a queue (skill in its group and its language), by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgentCounts {
    pub ready: u32,
    pub reserved: u32,
    pub busy: u32,
    pub after_call_work: u32,
    pub not_ready: u32,
}

impl AgentCounts {
    /// Agents logged in (every state but offline).
    pub fn logged_in(&self) -> u32 {
        self.ready + self.reserved + self.busy + self.after_call_work + self.not_ready
    }
}

/// How close the wait estimates given at arrival came to the waits that followed.
///
/// A sample is taken for every live contact answered (`OfferAccepted`): estimate given at
/// arrival minus actual wait (arrival → accept). Abandoned contacts and callbacks give no
/// sample (their wait never completed), nor do contacts with no estimate (queue unstaffed).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EstimateAccuracy {
    pub samples: u64,
    /// Σ (estimate − actual), milliseconds.
    pub sum_error_ms: i128,
    /// Σ |estimate − actual|, milliseconds.
    pub sum_abs_error_ms: u128,
    /// Samples with |estimate − actual| ≤ max(30 s, 25 % of the actual wait).
    pub within_tolerance: u64,
}

impl EstimateAccuracy {
    pub(crate) fn record(&mut self, estimate_ms: u64, actual_ms: u64) {
        let err = i128::from(estimate_ms) - i128::from(actual_ms);
        self.samples += 1;
        self.sum_error_ms += err;
        self.sum_abs_error_ms += err.unsigned_abs();
        let tolerance = (actual_ms / 4).max(30_000);
        if err.unsigned_abs() <= u128::from(tolerance) {
            self.within_tolerance += 1;
        }
    }

    pub(crate) fn merge(&mut self, other: &EstimateAccuracy) {
        self.samples += other.samples;
        self.sum_error_ms += other.sum_error_ms;
        self.sum_abs_error_ms += other.sum_abs_error_ms;
        self.within_tolerance += other.within_tolerance;
    }

    /// Mean |estimate − actual|.
    pub fn mean_absolute_error(&self) -> Option<Duration> {
        let n = u128::from(self.samples);
        (n > 0).then(|| {
            Duration::from_millis(u64::try_from(self.sum_abs_error_ms / n).unwrap_or(u64::MAX))
        })
    }

    /// Mean (estimate − actual) in milliseconds: positive when estimates run long.
    pub fn mean_error_ms(&self) -> Option<i64> {
        let n = i128::from(self.samples);
        (n > 0).then(|| i64::try_from(self.sum_error_ms / n).unwrap_or(i64::MAX))
    }

    /// Share of samples within the tolerance.
    pub fn within_tolerance_ratio(&self) -> Option<f64> {
        (self.samples > 0).then(|| self.within_tolerance as f64 / self.samples as f64)
    }
}

/// Counters a queue keeps between resets.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Counters {
    pub(crate) offered: u64,
    pub(crate) answered: u64,
    pub(crate) answered_within_threshold: u64,
    pub(crate) answer_wait_ms: u128,
    pub(crate) abandoned: u64,
    pub(crate) short_abandoned: u64,
    pub(crate) callbacks_requested: u64,
    pub(crate) called_back: u64,
    pub(crate) callbacks_cancelled: u64,
    pub(crate) handled: u64,
    pub(crate) handle_ms: u128,
    pub(crate) missed_offers: u64,
    pub(crate) estimates: EstimateAccuracy,
}

/// One queue's figures for the wallboard.
///
/// Counters run since the router started or since [`crate::Router::reset_counters`].
#[derive(Clone, Debug, PartialEq)]
pub struct QueueStats {
    pub queue: QueueKey,
    /// Contacts waiting now with the caller on hold.
    pub waiting: u32,
    /// Contacts waiting now for a callback.
    pub callbacks_waiting: u32,
    /// The longest current wait among waiting contacts (callbacks included).
    pub longest_wait: Duration,
    pub agents: AgentCounts,
    /// Contacts that entered the queue.
    pub offered: u64,
    /// Live contacts answered by an agent.
    pub answered: u64,
    /// Of those, answered within the service-level threshold (20 s).
    pub answered_within_threshold: u64,
    /// Total wait of answered contacts, for ASA.
    pub answer_wait_total: Duration,
    /// Live contacts abandoned after the short-abandon threshold (5 s).
    pub abandoned: u64,
    /// Live contacts abandoned within the short-abandon threshold (excluded from the rates).
    pub short_abandoned: u64,
    pub callbacks_requested: u64,
    /// Callbacks accepted by an agent.
    pub called_back: u64,
    /// Callbacks cancelled before their turn.
    pub callbacks_cancelled: u64,
    /// Offers that timed out or were declined (if declines count).
    pub missed_offers: u64,
    /// Contacts whose handling ended (call and wrap-up), and their total handle time.
    pub handled: u64,
    pub handle_time_total: Duration,
    /// The smoothed handle time the wait estimates use now.
    pub estimate_handle_time: Duration,
    pub estimates: EstimateAccuracy,
}

fn ms(total: u128) -> Duration {
    Duration::from_millis(u64::try_from(total).unwrap_or(u64::MAX))
}

impl QueueStats {
    pub(crate) fn new(
        queue: QueueKey,
        c: &Counters,
        agents: AgentCounts,
        waiting: (u32, u32, Duration),
        aht_ms: f64,
    ) -> QueueStats {
        QueueStats {
            queue,
            waiting: waiting.0,
            callbacks_waiting: waiting.1,
            longest_wait: waiting.2,
            agents,
            offered: c.offered,
            answered: c.answered,
            answered_within_threshold: c.answered_within_threshold,
            answer_wait_total: ms(c.answer_wait_ms),
            abandoned: c.abandoned,
            short_abandoned: c.short_abandoned,
            callbacks_requested: c.callbacks_requested,
            called_back: c.called_back,
            callbacks_cancelled: c.callbacks_cancelled,
            missed_offers: c.missed_offers,
            handled: c.handled,
            handle_time_total: ms(c.handle_ms),
            estimate_handle_time: Duration::from_millis(aht_ms.max(0.0).round() as u64),
            estimates: c.estimates,
        }
    }

    /// Service level = answered within 20 s ÷ (answered + abandoned after 5 s).
    /// `None` before any contact counts.
    pub fn service_level(&self) -> Option<f64> {
        let base = self.answered + self.abandoned;
        (base > 0).then(|| self.answered_within_threshold as f64 / base as f64)
    }

    /// Average speed of answer = total wait of answered contacts ÷ answered.
    pub fn average_speed_of_answer(&self) -> Option<Duration> {
        (self.answered > 0)
            .then(|| ms(self.answer_wait_total.as_millis() / u128::from(self.answered)))
    }

    /// Abandon rate = abandoned after 5 s ÷ (answered + abandoned after 5 s).
    pub fn abandon_rate(&self) -> Option<f64> {
        let base = self.answered + self.abandoned;
        (base > 0).then(|| self.abandoned as f64 / base as f64)
    }

    /// Average handle time (talk + wrap-up) of the contacts handled.
    pub fn average_handle_time(&self) -> Option<Duration> {
        (self.handled > 0)
            .then(|| ms(self.handle_time_total.as_millis() / u128::from(self.handled)))
    }

    /// Adds another queue's counters (for totals over queues; agents are not added, since one
    /// agent serves several queues).
    pub fn merge_counters(&mut self, other: &QueueStats) {
        self.waiting += other.waiting;
        self.callbacks_waiting += other.callbacks_waiting;
        self.longest_wait = self.longest_wait.max(other.longest_wait);
        self.offered += other.offered;
        self.answered += other.answered;
        self.answered_within_threshold += other.answered_within_threshold;
        self.answer_wait_total += other.answer_wait_total;
        self.abandoned += other.abandoned;
        self.short_abandoned += other.short_abandoned;
        self.callbacks_requested += other.callbacks_requested;
        self.called_back += other.called_back;
        self.callbacks_cancelled += other.callbacks_cancelled;
        self.missed_offers += other.missed_offers;
        self.handled += other.handled;
        self.handle_time_total += other.handle_time_total;
        self.estimates.merge(&other.estimates);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Language, ServiceGroup};

    fn stats(c: Counters) -> QueueStats {
        QueueStats::new(
            QueueKey::new(ServiceGroup::Pensions, Language::Italian),
            &c,
            AgentCounts::default(),
            (0, 0, Duration::ZERO),
            1000.0,
        )
    }

    #[test]
    fn rates_follow_the_documented_formulas() {
        let s = stats(Counters {
            answered: 8,
            answered_within_threshold: 6,
            answer_wait_ms: 8 * 12_500,
            abandoned: 2,
            short_abandoned: 5,
            ..Counters::default()
        });
        // 6 / (8 + 2): short abandons are in neither numerator nor denominator.
        assert_eq!(s.service_level(), Some(0.6));
        assert_eq!(s.abandon_rate(), Some(0.2));
        assert_eq!(
            s.average_speed_of_answer(),
            Some(Duration::from_millis(12_500))
        );
        let empty = stats(Counters::default());
        assert_eq!(empty.service_level(), None);
        assert_eq!(empty.average_speed_of_answer(), None);
        assert_eq!(empty.average_handle_time(), None);
    }

    #[test]
    fn estimate_accuracy_tracks_bias_and_tolerance() {
        let mut e = EstimateAccuracy::default();
        e.record(60_000, 40_000); // +20 s: within 30 s
        e.record(100_000, 200_000); // −100 s: outside max(30 s, 50 s)
        e.record(300_000, 250_000); // +50 s: within 25 % of 250 s = 62.5 s
        assert_eq!(e.samples, 3);
        assert_eq!(e.mean_error_ms(), Some(-10_000));
        assert_eq!(
            e.mean_absolute_error(),
            Some(Duration::from_millis(170_000 / 3))
        );
        assert_eq!(e.within_tolerance, 2);
    }
}
