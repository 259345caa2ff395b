//! Erlang C for the staffing calculator: probability of waiting, service level, average speed
//! of answer, occupancy and the agents needed for a target, for an M/M/N queue.
//!
//! With `A` = offered traffic in erlangs (arrivals per second × average handle time in
//! seconds) and `N` agents:
//!
//! ```text
//! Erlang B:  B(0) = 1,  B(n) = A·B(n−1) / (n + A·B(n−1))          (blocking, no queue)
//! Erlang C:  C = N·B(N) / (N − A·(1 − B(N)))   for N > A, else 1    (probability of waiting)
//! SL(t)    = 1 − C · e^(−(N − A)·t / AHT)                           (answered within t)
//! ASA      = C · AHT / (N − A)
//! occupancy = A / N
//! ```
//!
//! The recursion for B never forms a factorial or a power, so it is stable for thousands of
//! agents (the textbook sum of `A^k / k!` overflows an `f64` from about 170 agents).

use std::time::Duration;

/// Inputs the formulas cannot use.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ErlangError {
    #[error("traffic must be a finite number of erlangs ≥ 0, not {0}")]
    Traffic(f64),
    #[error("the average handle time must be longer than zero")]
    HandleTime,
    #[error("the target must be between 0 and 1 (exclusive), not {0}")]
    Target(f64),
    #[error("no staffing up to {0} agents reaches the target")]
    Unreachable(u32),
}

/// The most agents [`agents_for_service_level`] and [`agents_for_asa`] try.
pub const MAX_AGENTS: u32 = 1_000_000;

fn check_traffic(traffic: f64) -> Result<(), ErlangError> {
    if traffic.is_finite() && traffic >= 0.0 {
        Ok(())
    } else {
        Err(ErlangError::Traffic(traffic))
    }
}

fn check_aht(aht: Duration) -> Result<f64, ErlangError> {
    if aht.is_zero() {
        Err(ErlangError::HandleTime)
    } else {
        Ok(aht.as_secs_f64())
    }
}

/// Offered traffic in erlangs: `calls` arriving in `interval`, each taking `aht`.
pub fn traffic(calls: f64, interval: Duration, aht: Duration) -> Result<f64, ErlangError> {
    let secs = interval.as_secs_f64();
    let a = if secs > 0.0 {
        calls / secs * aht.as_secs_f64()
    } else {
        f64::NAN
    };
    check_traffic(a)?;
    Ok(a)
}

/// Erlang B: the probability that all `agents` are busy when nobody may queue.
pub fn erlang_b(traffic: f64, agents: u32) -> Result<f64, ErlangError> {
    check_traffic(traffic)?;
    let mut b = 1.0;
    for n in 1..=agents {
        b = traffic * b / (f64::from(n) + traffic * b);
    }
    Ok(b)
}

/// Erlang C from Erlang B for the same traffic and agents.
fn c_from_b(traffic: f64, agents: u32, b: f64) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return 1.0;
    }
    let c = n * b / (n - traffic * (1.0 - b));
    c.clamp(0.0, 1.0)
}

/// Erlang C: the probability that a contact has to wait (1 when `agents` ≤ traffic: the queue
/// grows without bound).
pub fn erlang_c(traffic: f64, agents: u32) -> Result<f64, ErlangError> {
    let b = erlang_b(traffic, agents)?;
    Ok(c_from_b(traffic, agents, b))
}

fn sl_from_c(traffic: f64, agents: u32, c: f64, aht_s: f64, threshold: Duration) -> f64 {
    let n = f64::from(agents);
    if n <= traffic {
        return 0.0;
    }
    (1.0 - c * (-(n - traffic) * threshold.as_secs_f64() / aht_s).exp()).clamp(0.0, 1.0)
}

/// The share of contacts answered within `threshold` (0 when `agents` ≤ traffic).
pub fn service_level(
    traffic: f64,
    agents: u32,
    aht: Duration,
    threshold: Duration,
) -> Result<f64, ErlangError> {
    let aht_s = check_aht(aht)?;
    let c = erlang_c(traffic, agents)?;
    Ok(sl_from_c(traffic, agents, c, aht_s, threshold))
}

/// The average wait of all contacts; `None` when `agents` ≤ traffic (it grows without bound).
pub fn average_speed_of_answer(
    traffic: f64,
    agents: u32,
    aht: Duration,
) -> Result<Option<Duration>, ErlangError> {
    let aht_s = check_aht(aht)?;
    let c = erlang_c(traffic, agents)?;
    let n = f64::from(agents);
    Ok((n > traffic).then(|| Duration::from_secs_f64(c * aht_s / (n - traffic))))
}

/// The share of time agents are busy: traffic ÷ agents, at most 1.
pub fn occupancy(traffic: f64, agents: u32) -> Result<f64, ErlangError> {
    check_traffic(traffic)?;
    Ok(if agents == 0 {
        1.0
    } else {
        (traffic / f64::from(agents)).min(1.0)
    })
}

/// Walks N from the smallest stable staffing upwards, with B(N) kept by the recursion, until
/// `good(N, C)` holds.
fn smallest_agents(
    traffic: f64,
    mut good: impl FnMut(u32, f64) -> bool,
) -> Result<u32, ErlangError> {
    check_traffic(traffic)?;
    if traffic == 0.0 {
        return Ok(0);
    }
    // The first N with N > A.
    let start = (traffic.floor() as u32).saturating_add(1);
    let mut b = erlang_b(traffic, start)?;
    let mut n = start;
    loop {
        if good(n, c_from_b(traffic, n, b)) {
            return Ok(n);
        }
        if n >= MAX_AGENTS {
            return Err(ErlangError::Unreachable(MAX_AGENTS));
        }
        n += 1;
        b = traffic * b / (f64::from(n) + traffic * b);
    }
}

/// The fewest agents answering at least `target` (e.g. 0.8) of contacts within `threshold`
/// (e.g. 20 s). Zero traffic needs zero agents.
pub fn agents_for_service_level(
    traffic: f64,
    aht: Duration,
    threshold: Duration,
    target: f64,
) -> Result<u32, ErlangError> {
    let aht_s = check_aht(aht)?;
    if !(target > 0.0 && target < 1.0) {
        return Err(ErlangError::Target(target));
    }
    smallest_agents(traffic, |n, c| {
        sl_from_c(traffic, n, c, aht_s, threshold) >= target
    })
}

/// The fewest agents whose average speed of answer is at most `target`.
pub fn agents_for_asa(traffic: f64, aht: Duration, target: Duration) -> Result<u32, ErlangError> {
    let aht_s = check_aht(aht)?;
    let target_s = target.as_secs_f64();
    smallest_agents(traffic, |n, c| {
        c * aht_s / (f64::from(n) - traffic) <= target_s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    fn close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} vs {b} (tolerance {tol})");
    }

    #[test]
    fn erlang_b_matches_the_published_one_percent_table() {
        // Erlang B tables: traffic carried at 1 % blocking for 10, 20 and 50 circuits.
        close(erlang_b(4.461, 10).unwrap(), 0.01, 5e-5);
        close(erlang_b(12.031, 20).unwrap(), 0.01, 5e-5);
        close(erlang_b(37.901, 50).unwrap(), 0.01, 5e-5);
        // B(A = N = 10) = 0.2146, B(5, 5) = 0.2849 (tables to 4 places).
        close(erlang_b(10.0, 10).unwrap(), 0.2146, 5e-5);
        close(erlang_b(5.0, 5).unwrap(), 0.2849, 5e-5);
        assert_eq!(erlang_b(3.0, 0).unwrap(), 1.0);
    }

    #[test]
    fn erlang_c_matches_the_classic_worked_example() {
        // 100 calls in 30 minutes, 3 minutes handle time: 10 erlangs. With 14 agents the
        // published worked example gives a 17.4 % chance of waiting, ASA 7.8 s and 88.8 %
        // answered within 20 s.
        let a = traffic(100.0, S(1800), S(180)).unwrap();
        close(a, 10.0, 1e-12);
        close(erlang_c(a, 14).unwrap(), 0.1741, 5e-5);
        let asa = average_speed_of_answer(a, 14, S(180)).unwrap().unwrap();
        close(asa.as_secs_f64(), 7.8, 0.05);
        close(service_level(a, 14, S(180), S(20)).unwrap(), 0.888, 5e-4);
        // 80 % within 20 s needs 14 (13 give 79.6 %).
        close(service_level(a, 13, S(180), S(20)).unwrap(), 0.7956, 5e-5);
        assert_eq!(agents_for_service_level(a, S(180), S(20), 0.8), Ok(14));
        // ASA ≤ 20 s: 13 agents (17.1 s); 12 give 40.4 s.
        assert_eq!(agents_for_asa(a, S(180), S(20)), Ok(13));
    }

    #[test]
    fn erlang_c_is_exact_against_rational_arithmetic_and_stable_at_thousands() {
        // Reference values computed with exact fractions (the sum formula, no rounding).
        close(erlang_c(10.0, 11).unwrap(), 0.682_118_204_689_332_4, 1e-12);
        close(erlang_c(2.0, 3).unwrap(), 4.0 / 9.0, 1e-12);
        close(
            erlang_c(100.0, 110).unwrap(),
            0.237_007_500_285_052_74,
            1e-10,
        );
        close(
            erlang_c(2900.0, 3000).unwrap(),
            0.039_460_469_753_365_73,
            1e-9,
        );
        // INPS scale: 2,900 erlangs, 5 min handle time, 80 % in 20 s → 2,918 agents.
        assert_eq!(
            agents_for_service_level(2900.0, S(300), S(20), 0.8),
            Ok(2918)
        );
    }

    #[test]
    fn overload_and_edges_are_defined() {
        assert_eq!(erlang_c(10.0, 10).unwrap(), 1.0);
        assert_eq!(erlang_c(10.0, 3).unwrap(), 1.0);
        assert_eq!(service_level(10.0, 9, S(180), S(20)).unwrap(), 0.0);
        assert_eq!(average_speed_of_answer(10.0, 10, S(180)).unwrap(), None);
        assert_eq!(agents_for_service_level(0.0, S(180), S(20), 0.8), Ok(0));
        assert_eq!(occupancy(10.0, 14).unwrap(), 10.0 / 14.0);
        assert!(matches!(
            erlang_c(f64::NAN, 3),
            Err(ErlangError::Traffic(_))
        ));
        assert!(matches!(erlang_c(-1.0, 3), Err(ErlangError::Traffic(_))));
        assert_eq!(
            agents_for_service_level(10.0, S(180), S(20), 1.0),
            Err(ErlangError::Target(1.0))
        );
        assert_eq!(
            service_level(10.0, 14, Duration::ZERO, S(20)),
            Err(ErlangError::HandleTime)
        );
        assert!(traffic(10.0, Duration::ZERO, S(1)).is_err());
    }

    #[test]
    fn more_agents_never_lower_the_service_level() {
        let mut last = 0.0;
        for n in 0..60 {
            let sl = service_level(40.0, n, S(240), S(20)).unwrap();
            assert!(sl >= last, "{n} agents: {sl} < {last}");
            last = sl;
        }
        assert!(last > 0.99);
    }
}
