//! Skills-based routing (ACD) for centralino: queues per service group × language, agents with
//! skills and languages, offers, relaxation, callbacks, wait estimates, live statistics, and the
//! Erlang C staffing formulas. Pure: no I/O, no clock, no threads.
//!
//! # Driving it (sans-IO)
//!
//! The host (call-control, the agent desktop) owns the clock and the I/O. It feeds every event
//! to [`Router::handle`] with the current [`Millis`] and carries out the [`Decision`]s that come
//! back; it wakes the router at [`Router::next_deadline`] with [`Input::Tick`]:
//!
//! ```text
//! let mut router = Router::new(RoutingConfig::inps())?;
//! for decision in router.handle(Input::ContactArrived { .. }, now)? { /* ring, stop ringing, … */ }
//! loop { sleep_until(router.next_deadline()); router.handle(Input::Tick, now)?; }
//! ```
//!
//! Within one call the input is applied first, then every timer due at or before `now` fires
//! (offer timeouts, wrap-up timeouts, relaxation steps), all at `now`. An input that makes no
//! sense (unknown agent, accepting an offer that was not made or was already accepted, ending a
//! call that is not connected) returns a [`RoutingError`] and changes nothing. Repeated state
//! requests (ready twice, not ready twice, logged out twice) are harmless no-ops, so two
//! supervisors acting on one agent end in a defined state.
//!
//! # States
//!
//! Agents: offline → (log in) not ready "logged in" → ready → reserved (an offer rings, at most
//! one per agent) → busy (accepted) → after-call work (ends by `WrapUpDone`, `AgentReady` or the
//! wrap-up timeout) → ready. A missed offer (timeout, or a decline if they count) returns the
//! contact to its place and the agent to the back of the idle order; after
//! `max_missed_offers` in a row the agent goes not ready "missed offers". Not ready during a
//! call applies once its wrap-up ends.
//!
//! Contacts: waiting (caller on hold) or waiting for a callback (caller hung up, place kept) →
//! offered → connected → gone (call ended); or gone by abandonment. A withdrawn offer puts the
//! contact back at its place. Contacts that leave are forgotten (their figures stay in the
//! counters).
//!
//! # Selection
//!
//! A contact may go to an agent who has the queue's service group with at least the proficiency
//! of the contact's current relaxation level, and speaks the queue's language — or, if the caller
//! agreed (`accepts_italian`) and the level allows it, speaks Italian (R-LANG-2). Levels come
//! from the configuration ([`RoutingConfig::inps`]: ≥ 3 at first, ≥ 2 after 60 s, Italian agents
//! for those who agreed after 120 s, any agent of the group after 180 s).
//!
//! When an agent becomes ready they get the best eligible waiting contact: highest priority
//! (contact priority + queue priority), then longest waiting. When a contact arrives (or reaches
//! a new level, or comes back from a withdrawn offer) it goes to the eligible ready agent idle
//! the longest. So after every call no eligible contact waits while an eligible agent is ready.
//!
//! # Estimated wait
//!
//! For a waiting contact at `position` p in its queue (1 = next; counted over the queue's
//! waiting contacts by priority then age, callbacks included):
//!
//! ```text
//! EWT = p × AHT_q / N_q
//! ```
//!
//! where `N_q` is the staffed capacity of the queue: the sum, over agents with the queue's group
//! and language who are logged in and not "not ready" (ready, reserved, busy or in after-call
//! work), of `1 / k_a`, `k_a` being the number of queues agent `a` serves with their own groups
//! and languages (an agent of pensions and disability speaking Italian and English counts ¼ in
//! each of their four queues). `AHT_q` is the queue's smoothed handle time (talk + after-call
//! work) of the calls it handled: `AHT_n = AHT_{n−1} + (h_n − AHT_{n−1}) / min(n, W)`
//! (`W` = `handle_time_window`; a plain mean of the first `W` calls, then an exponential
//! average), starting from `initial_handle_time`. With `N_q = 0` there is no estimate. A contact
//! offered as it arrives gets the estimate 0. The idea: the queue's agents finish one of its
//! calls every `AHT_q / N_q` on average, and the contact needs `p` of them. Counting every agent
//! whole in each of their queues made the estimates run short: in the benchmark's simulated
//! day (3,000 agents with 1–3 groups and 1–2 languages) the bias was −29.7 s (51 % within
//! tolerance); with the shares it is −2.2 s (92 %).
//!
//! Accuracy: the estimate given at arrival is kept with the contact; when a live contact is
//! answered, estimate − actual wait is added to the queue's [`EstimateAccuracy`] (mean error,
//! mean absolute error, share within max(30 s, 25 %)).
//!
//! # Statistics ([`QueueStats`])
//!
//! Counted per queue since start or [`Router::reset_counters`]:
//!
//! ```text
//! service level = answered within 20 s / (answered + abandoned after 5 s)
//! ASA           = Σ wait of answered contacts / answered
//! abandon rate  = abandoned after 5 s / (answered + abandoned after 5 s)
//! ```
//!
//! Abandons within 5 s ("short abandons") are counted apart and excluded from both; callbacks
//! are counted apart (requested, called back, cancelled) and excluded too. The 20 s and 5 s are
//! `service_level_threshold` and `short_abandon_threshold`. Agents by state count each logged-in
//! agent in every queue of their groups × languages.
//!
//! # Time
//!
//! [`Millis`] is a `u64` millisecond count on the host's monotonic clock, not a
//! `jiff::Timestamp`: every index key and timer compares instants, and a single integer compare
//! keeps the work per event small (the target is 1,000,000 events/s on one core); a monotonic
//! clock cannot jump with NTP.
//!
//! # Cost
//!
//! An event costs O(log n) ordered-set operations on small per-queue and per-skill indexes:
//! a contact looks at ≤ 10 idle-agent sets, an agent at the non-empty contact sets their skills
//! allow (bit masks skip the empty ones); no event scans all agents or contacts. Only the
//! views ([`Router::queue_stats`], [`Router::wait_info`]) are linear, in agents or in one
//! queue's contacts. `benches/routing.rs` measures it at 3,000 agents.

mod config;
pub mod erlang;
mod events;
mod router;
mod stats;
mod time;

pub use config::{
    ConfigError, Level, MAX_LEVELS, Proficiency, QueueConfig, QueueKey, RoutingConfig,
};
pub use events::{
    AgentId, AgentInfo, AgentState, AgentStateKind, ContactInfo, ContactState, ContactStateKind,
    Decision, Input, NotReadyReason, RoutingError, WaitInfo, WithdrawReason,
};
pub use router::Router;
pub use stats::{AgentCounts, EstimateAccuracy, QueueStats};
pub use time::Millis;

/// Service groups (`domain::ServiceGroup`).
const GROUPS: usize = 9;
/// Languages (`domain::Language`).
const LANGUAGES: usize = 8;
/// Possible queues: groups × languages.
const QUEUES: usize = GROUPS * LANGUAGES;

// The dense indexes above must match the domain enums.
const _: () = assert!(domain::ServiceGroup::ALL.len() == GROUPS);
const _: () = assert!(domain::Language::ALL.len() == LANGUAGES);
