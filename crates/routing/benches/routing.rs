//! Routing throughput and decision latency at INPS scale: 3,000 agents over the 72 queues of
//! the INPS profile (9 service groups × 8 languages).
//!
//! A simulated host (virtual clock, seeded RNG) drives the router: Poisson arrivals at about the
//! agents' capacity, agents answering (95 %), declining (2 %) or letting offers time out (3 %),
//! exponential talk times, wrap-up done by hand or by timeout, impatient callers abandoning,
//! callbacks, agents' breaks, and `Tick` at every `next_deadline`. After a warm-up the host's
//! inputs are recorded; the benchmark replays that recording (the router is deterministic, so the
//! replay takes exactly the same decisions) on a clone of the warmed-up router:
//!
//! - criterion: events per second over the whole recording;
//! - then one timed pass: the latency of each `handle_into` call (one event and all the decisions
//!   it causes), as percentiles, overall and per input kind.
//!
//! `cargo bench -p routing` runs it in full; under `cargo test` it runs a small smoke version.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, Throughput};
use domain::{ContactId, Language, ServiceGroup};
use routing::{
    AgentId, AgentState, Decision, Input, Millis, NotReadyReason, Proficiency, Router,
    RoutingConfig,
};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn exp_ms(&mut self, mean_ms: f64) -> u64 {
        (-(1.0 - self.unit()).ln() * mean_ms) as u64
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    Arrival,
    Answer(AgentId, ContactId),
    Decline(AgentId, ContactId),
    End(ContactId),
    WrapDone(AgentId),
    Patience(ContactId),
    CallbackRequest(ContactId),
    Break(AgentId),
    Back(AgentId),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HostContact {
    Waiting,
    Offered(AgentId),
    Connected(AgentId),
}

struct Params {
    agents: u32,
    arrivals_per_s: f64,
    warm_up: Duration,
    record: usize,
}

struct Sim {
    router: Router,
    rng: Rng,
    now: u64,
    events: BinaryHeap<Reverse<(u64, u64, Ev)>>,
    seq: u64,
    next_contact: i64,
    contacts: HashMap<ContactId, HostContact>,
    record: Option<Vec<(Input, Millis)>>,
    out: Vec<Decision>,
    arrivals_per_s: f64,
}

const TALK_MS: f64 = 240_000.0;
const PATIENCE_MS: f64 = 240_000.0;

impl Sim {
    fn new(p: &Params, seed: u64) -> Sim {
        let mut sim = Sim {
            router: Router::new(RoutingConfig::inps()).expect("the INPS configuration is valid"),
            rng: Rng(seed),
            now: 0,
            events: BinaryHeap::new(),
            seq: 0,
            next_contact: 1,
            contacts: HashMap::new(),
            record: None,
            out: Vec::new(),
            arrivals_per_s: p.arrivals_per_s,
        };
        let foreign = &Language::ALL[1..];
        for i in 0..p.agents {
            let agent = AgentId(i + 1);
            let mut groups: Vec<ServiceGroup> = Vec::new();
            let n = 1 + sim.rng.below(3);
            while groups.len() < n as usize {
                let g = ServiceGroup::ALL[sim.rng.below(9) as usize];
                if !groups.contains(&g) {
                    groups.push(g);
                }
            }
            let skills = groups
                .into_iter()
                .map(|g| {
                    (
                        g,
                        Proficiency::new(1 + sim.rng.below(5) as u8).expect("1..=5"),
                    )
                })
                .collect();
            let mut languages = vec![Language::Italian];
            if sim.rng.unit() < 0.25 {
                languages.push(foreign[sim.rng.below(7) as usize]);
            }
            sim.send(Input::AgentLoggedIn {
                agent,
                skills,
                languages,
            });
            sim.send(Input::AgentReady { agent });
            let first_break = sim.rng.exp_ms(7_200_000.0);
            sim.at(first_break, Ev::Break(agent));
        }
        sim.at(0, Ev::Arrival);
        sim
    }

    fn at(&mut self, t: u64, ev: Ev) {
        self.seq += 1;
        self.events.push(Reverse((t, self.seq, ev)));
    }

    fn send(&mut self, input: Input) {
        let now = Millis(self.now);
        if let Some(r) = &mut self.record {
            r.push((input.clone(), now));
        }
        let mut out = std::mem::take(&mut self.out);
        out.clear();
        // A refused input (a late wrap-up, say) is part of the load too.
        let _ = self.router.handle_into(input, now, &mut out);
        for d in &out {
            self.on_decision(d);
        }
        self.out = out;
    }

    fn on_decision(&mut self, d: &Decision) {
        match *d {
            Decision::Offer { agent, contact, .. } | Decision::CallBack { agent, contact, .. } => {
                self.contacts.insert(contact, HostContact::Offered(agent));
                let r = self.rng.unit();
                if r < 0.95 {
                    let t = self.now + 1_000 + self.rng.below(5_000);
                    self.at(t, Ev::Answer(agent, contact));
                } else if r < 0.97 {
                    let t = self.now + 2_000 + self.rng.below(3_000);
                    self.at(t, Ev::Decline(agent, contact));
                } // else: nobody answers; the router's offer timeout fires.
            }
            Decision::OfferWithdrawn { contact, .. } => {
                if let Some(c) = self.contacts.get_mut(&contact) {
                    *c = HostContact::Waiting;
                }
            }
            Decision::AgentNotReady { .. } | Decision::AgentReady { .. } => {}
        }
    }

    /// One host step: the router's deadline or the next host event, whichever comes first.
    fn step(&mut self) {
        let next_event = self.events.peek().map(|Reverse((t, _, _))| *t);
        if let Some(deadline) = self.router.next_deadline()
            && next_event.is_none_or(|t| deadline.0 <= t)
        {
            self.now = self.now.max(deadline.0);
            self.send(Input::Tick);
            return;
        }
        let Some(Reverse((t, _, ev))) = self.events.pop() else {
            return;
        };
        self.now = self.now.max(t);
        let state = |s: &Sim, c: &ContactId| s.contacts.get(c).copied();
        match ev {
            Ev::Arrival => {
                let contact = ContactId::new(self.next_contact).expect("positive");
                self.next_contact += 1;
                let language = if self.rng.unit() < 0.85 {
                    Language::Italian
                } else {
                    Language::ALL[1 + self.rng.below(7) as usize]
                };
                let group = ServiceGroup::ALL[self.rng.below(9) as usize];
                let priority = u8::from(self.rng.unit() < 0.05);
                let accepts_italian = language != Language::Italian && self.rng.unit() < 0.5;
                self.contacts.insert(contact, HostContact::Waiting);
                self.send(Input::ContactArrived {
                    contact,
                    group,
                    language,
                    priority,
                    accepts_italian,
                });
                let patience = self.now + self.rng.exp_ms(PATIENCE_MS);
                self.at(patience, Ev::Patience(contact));
                if self.rng.unit() < 0.03 {
                    self.at(self.now + 45_000, Ev::CallbackRequest(contact));
                }
                let next = self.now + self.rng.exp_ms(1000.0 / self.arrivals_per_s);
                self.at(next, Ev::Arrival);
            }
            Ev::Answer(agent, contact) => {
                if state(self, &contact) == Some(HostContact::Offered(agent)) {
                    self.contacts.insert(contact, HostContact::Connected(agent));
                    self.send(Input::OfferAccepted { agent, contact });
                    let end = self.now + 10_000 + self.rng.exp_ms(TALK_MS);
                    self.at(end, Ev::End(contact));
                }
            }
            Ev::Decline(agent, contact) => {
                if state(self, &contact) == Some(HostContact::Offered(agent)) {
                    self.contacts.insert(contact, HostContact::Waiting);
                    self.send(Input::OfferDeclined { agent, contact });
                }
            }
            Ev::End(contact) => {
                if let Some(HostContact::Connected(agent)) = state(self, &contact) {
                    self.contacts.remove(&contact);
                    self.send(Input::CallEnded { contact });
                    if self.rng.unit() < 0.8 {
                        let t = self.now + 5_000 + self.rng.below(35_000);
                        self.at(t, Ev::WrapDone(agent));
                    }
                }
            }
            Ev::WrapDone(agent) => self.send(Input::WrapUpDone { agent }),
            Ev::Patience(contact) => {
                if matches!(
                    state(self, &contact),
                    Some(HostContact::Waiting | HostContact::Offered(_))
                ) {
                    self.contacts.remove(&contact);
                    self.send(Input::ContactAbandoned { contact });
                }
            }
            Ev::CallbackRequest(contact) => {
                if state(self, &contact) == Some(HostContact::Waiting) {
                    self.send(Input::CallbackRequested { contact });
                }
            }
            Ev::Break(agent) => {
                self.send(Input::AgentNotReady {
                    agent,
                    reason: NotReadyReason::Other("break".into()),
                });
                self.at(self.now + 600_000, Ev::Back(agent));
                let next = self.now + 600_000 + self.rng.exp_ms(7_200_000.0);
                self.at(next, Ev::Break(agent));
            }
            Ev::Back(agent) => match self.router.agent(agent).map(|a| a.state) {
                Some(AgentState::NotReady(_)) => self.send(Input::AgentReady { agent }),
                _ => self.at(self.now + 30_000, Ev::Back(agent)),
            },
        }
    }
}

struct Recording {
    router: Router,
    stream: Vec<(Input, Millis)>,
    simulated: Duration,
}

fn record(p: &Params) -> Recording {
    let mut sim = Sim::new(p, 0x5EED_2026);
    let warm_up = sim.now + u64::try_from(p.warm_up.as_millis()).unwrap_or(u64::MAX);
    while sim.now < warm_up {
        sim.step();
    }
    let router = sim.router.clone();
    let start = sim.now;
    sim.record = Some(Vec::with_capacity(p.record));
    while sim.record.as_ref().is_some_and(|r| r.len() < p.record) {
        sim.step();
    }
    Recording {
        router,
        stream: sim.record.take().unwrap_or_default(),
        simulated: Duration::from_millis(sim.now - start),
    }
}

fn kind(i: &Input) -> &'static str {
    match i {
        Input::AgentLoggedIn { .. } => "AgentLoggedIn",
        Input::AgentReady { .. } => "AgentReady",
        Input::AgentNotReady { .. } => "AgentNotReady",
        Input::AgentLoggedOut { .. } => "AgentLoggedOut",
        Input::ContactArrived { .. } => "ContactArrived",
        Input::ContactAbandoned { .. } => "ContactAbandoned",
        Input::OfferAccepted { .. } => "OfferAccepted",
        Input::OfferDeclined { .. } => "OfferDeclined",
        Input::CallEnded { .. } => "CallEnded",
        Input::WrapUpDone { .. } => "WrapUpDone",
        Input::CallbackRequested { .. } => "CallbackRequested",
        Input::Tick => "Tick",
    }
}

fn pct(sorted: &[u64], q: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One pass timing every call; prints the figures for bench/RESULTS.md.
fn latency(rec: &Recording, agents: u32) {
    let mut router = rec.router.clone();
    let mut out = Vec::with_capacity(16);
    let mut all = Vec::with_capacity(rec.stream.len());
    let mut by_kind: HashMap<&'static str, Vec<u64>> = HashMap::new();
    let (mut decisions, mut refused, mut offers) = (0usize, 0usize, 0usize);
    let wall = Instant::now();
    for (input, now) in rec.stream.iter().cloned() {
        let k = kind(&input);
        out.clear();
        let t0 = Instant::now();
        let r = router.handle_into(input, now, &mut out);
        let ns = t0.elapsed().as_nanos() as u64;
        black_box(&out);
        refused += usize::from(r.is_err());
        decisions += out.len();
        offers += out
            .iter()
            .filter(|d| matches!(d, Decision::Offer { .. } | Decision::CallBack { .. }))
            .count();
        all.push(ns);
        by_kind.entry(k).or_default().push(ns);
    }
    let wall = wall.elapsed();
    let total_ns: u64 = all.iter().sum();
    all.sort_unstable();
    let stats = router.queue_stats(Millis(rec.stream.last().map_or(0, |(_, t)| t.0)));
    let waiting: u32 = stats.iter().map(|s| s.waiting + s.callbacks_waiting).sum();
    let mut total = stats[0].clone();
    for s in &stats[1..] {
        total.merge_counters(s);
    }
    println!(
        "\n== routing latency pass ({} agents, {} queues)",
        agents,
        stats.len()
    );
    println!(
        "events {}  simulated {:.1} h  decisions {}  offers {}  refused inputs {}  waiting at end {}",
        rec.stream.len(),
        rec.simulated.as_secs_f64() / 3600.0,
        decisions,
        offers,
        refused,
        waiting
    );
    println!(
        "in handle: {:.0} ns/event mean = {:.2} M events/s; whole pass incl. timing and cloning inputs: {:.2} M events/s",
        total_ns as f64 / all.len() as f64,
        all.len() as f64 / (total_ns as f64 / 1e9) / 1e6,
        all.len() as f64 / wall.as_secs_f64() / 1e6
    );
    println!(
        "latency ns: p50 {}  p90 {}  p99 {}  p99.9 {}  p99.99 {}  max {}",
        pct(&all, 0.5),
        pct(&all, 0.9),
        pct(&all, 0.99),
        pct(&all, 0.999),
        pct(&all, 0.9999),
        all.last().copied().unwrap_or(0)
    );
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|(k, _)| *k);
    println!(
        "{:<18} {:>9} {:>7} {:>7} {:>7} {:>8}",
        "input", "count", "p50", "p99", "p99.9", "max"
    );
    for (k, mut v) in kinds {
        v.sort_unstable();
        println!(
            "{:<18} {:>9} {:>7} {:>7} {:>7} {:>8}",
            k,
            v.len(),
            pct(&v, 0.5),
            pct(&v, 0.99),
            pct(&v, 0.999),
            v.last().copied().unwrap_or(0)
        );
    }
    println!(
        "traffic in the recording: offered {}  answered {}  abandoned {} (+{} short)  service level {:.1} %  ASA {:.1} s  estimate MAE {:.1} s (bias {:+.1} s, {:.0} % within max(30 s, 25 %))",
        total.offered,
        total.answered,
        total.abandoned,
        total.short_abandoned,
        total.service_level().unwrap_or(0.0) * 100.0,
        total
            .average_speed_of_answer()
            .unwrap_or_default()
            .as_secs_f64(),
        total
            .estimates
            .mean_absolute_error()
            .unwrap_or_default()
            .as_secs_f64(),
        total.estimates.mean_error_ms().unwrap_or(0) as f64 / 1000.0,
        total.estimates.within_tolerance_ratio().unwrap_or(0.0) * 100.0
    );
}

fn replay(router: &mut Router, stream: Vec<(Input, Millis)>) {
    let mut out = Vec::with_capacity(16);
    for (input, now) in stream {
        out.clear();
        let _ = router.handle_into(input, now, &mut out);
    }
    black_box(&out);
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    if !full {
        // `cargo test`: a small run that proves the harness works.
        let p = Params {
            agents: 300,
            arrivals_per_s: 1.0,
            warm_up: Duration::from_secs(600),
            record: 20_000,
        };
        let rec = record(&p);
        assert_eq!(rec.stream.len(), 20_000);
        latency(&rec, p.agents);
        return;
    }
    let p = Params {
        agents: 3_000,
        arrivals_per_s: 10.0,
        warm_up: Duration::from_secs(2 * 3600),
        record: 1_000_000,
    };
    let rec = record(&p);
    let mut c = Criterion::default().configure_from_args();
    {
        let mut g = c.benchmark_group("routing");
        g.throughput(Throughput::Elements(rec.stream.len() as u64));
        g.sampling_mode(SamplingMode::Flat);
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(20));
        g.bench_function("replay_1M_events_3000_agents_72_queues", |b| {
            b.iter_batched(
                || (rec.router.clone(), rec.stream.clone()),
                |(mut router, stream)| {
                    replay(&mut router, stream);
                    router
                },
                BatchSize::PerIteration,
            )
        });
        g.finish();
    }
    latency(&rec, p.agents);
    c.final_summary();
}
