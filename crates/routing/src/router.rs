//! The router: agents, contacts, queues and timers, changed only by [`Router::handle`].
//!
//! Indexes (so that no event scans all agents or all contacts):
//! - per queue, one ordered set of waiting contacts per (relaxation level, accepts-Italian flag),
//!   keyed by (effective priority desc, arrival, sequence): the front of each set is its best;
//! - per service group, a 128-bit mask of which of those sets are non-empty (bit
//!   `language × 16 + level × 2 + flag`);
//! - per (service group, language, proficiency), the ready agents ordered by idle-since, with a
//!   40-bit non-empty mask per group (bit `language × 5 + proficiency − 1`);
//! - per agent and group, the mask of contact sets the agent may take, and per queue level the
//!   mask of idle sets that may take its contacts, both computed from the configuration once.
//!
//! A contact looks at the fronts of at most 10 idle sets; an agent at the fronts of the
//! non-empty contact sets it may take. Timers (offer timeouts, wrap-up ends, relaxation steps)
//! sit in one binary heap and are invalidated lazily by generation numbers.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use domain::{ContactId, Language, ServiceGroup};
use rustc_hash::FxHashMap;

use crate::config::{ConfigError, Proficiency, QueueKey, RoutingConfig};
use crate::events::{
    AgentId, AgentInfo, AgentState, AgentStateKind, ContactInfo, ContactState, ContactStateKind,
    Decision, Input, NotReadyReason, RoutingError, WaitInfo, WithdrawReason,
};
use crate::stats::{AgentCounts, Counters, QueueStats};
use crate::time::{Millis, duration_ms};
use crate::{GROUPS, LANGUAGES, QUEUES};

const ITALIAN: usize = Language::Italian as usize;
const PROFICIENCIES: usize = 5;
/// An agent's whole capacity in `Agent::share` and `Queue::staffed`.
const SHARE_UNIT: u64 = 1_000_000;
/// Contact sets per language in a group's mask: 8 levels × 2 flags.
const SUBS_PER_LANGUAGE: usize = 16;

/// A waiting contact's place: higher effective priority first, then earlier arrival.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ContactKey {
    priority: Reverse<i32>,
    arrived: Millis,
    seq: u64,
    slot: u32,
}

/// A ready agent's place: idle the longest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct IdleKey {
    since: Millis,
    seq: u64,
    agent: u32,
}

#[derive(Clone, Debug)]
struct LevelRule {
    after_ms: u64,
    min_proficiency: u8,
    italian_agents: bool,
}

#[derive(Clone, Debug)]
struct Queue {
    key: QueueKey,
    priority: i32,
    levels: Vec<LevelRule>,
    /// Waiting contacts per `level * 2 + accepts_italian`.
    sets: Vec<BTreeSet<ContactKey>>,
    /// Per `level * 2 + accepts_italian`: the group's idle sets whose agents may take them.
    agent_masks: Vec<u64>,
    /// Waiting contacts by their own priority, for the position at arrival.
    waiting_by_priority: BTreeMap<u8, u32>,
    /// Σ over agents logged in and not "not ready" with the queue's group and language of
    /// their share (1 / queues they serve), in millionths.
    staffed: u64,
    /// Smoothed handle time (talk + wrap-up), milliseconds.
    handle_ms: f64,
    handle_samples: u64,
    counters: Counters,
}

#[derive(Clone, Debug, Default)]
struct Group {
    /// Bit `language * 16 + set` when that queue's contact set is non-empty.
    contacts_nonempty: u128,
    /// Ready agents per (language, proficiency − 1).
    idle: [[BTreeSet<IdleKey>; PROFICIENCIES]; LANGUAGES],
    /// Bit `language * 5 + proficiency − 1` when that idle set is non-empty.
    idle_nonempty: u64,
}

#[derive(Clone, Debug)]
enum AgentSlotState {
    Offline,
    NotReady(NotReadyReason),
    Ready(IdleKey),
    Reserved {
        slot: u32,
        prev: IdleKey,
        deadline: Millis,
    },
    Busy {
        slot: u32,
    },
    WrapUp {
        queue: u8,
        talk_ms: u64,
        deadline: Millis,
    },
}

impl AgentSlotState {
    fn kind(&self) -> AgentStateKind {
        match self {
            AgentSlotState::Offline => AgentStateKind::Offline,
            AgentSlotState::NotReady(_) => AgentStateKind::NotReady,
            AgentSlotState::Ready(_) => AgentStateKind::Ready,
            AgentSlotState::Reserved { .. } => AgentStateKind::Reserved,
            AgentSlotState::Busy { .. } => AgentStateKind::Busy,
            AgentSlotState::WrapUp { .. } => AgentStateKind::AfterCallWork,
        }
    }

    /// Counts towards a queue's staffing (for wait estimates).
    fn working(&self) -> bool {
        !matches!(self, AgentSlotState::Offline | AgentSlotState::NotReady(_))
    }
}

#[derive(Clone, Debug)]
struct Agent {
    id: AgentId,
    skills: Vec<(ServiceGroup, Proficiency)>,
    /// Bit per `Language as usize`.
    languages: u8,
    /// Per group: the contact sets (bit layout of `Group::contacts_nonempty`) this agent may take.
    contact_masks: [u128; GROUPS],
    /// 1 / (queues the agent serves with their own groups and languages), in millionths.
    share: u64,
    state: AgentSlotState,
    since: Millis,
    missed: u32,
    pending_not_ready: Option<NotReadyReason>,
    /// Bumped at every state change; timers carry it.
    generation: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Waiting,
    Offered { agent: u32 },
    Connected { agent: u32, at: Millis },
}

#[derive(Clone, Debug)]
struct Contact {
    id: ContactId,
    /// Dense index into `Router::queues`.
    queue: u8,
    priority: u8,
    accepts_italian: bool,
    callback: bool,
    arrived: Millis,
    seq: u64,
    level: u8,
    phase: Phase,
    estimate_ms: Option<u64>,
}

impl Contact {
    fn set(&self) -> usize {
        usize::from(self.level) * 2 + usize::from(self.accepts_italian)
    }
}

#[derive(Clone, Debug, Default)]
struct Slot {
    generation: u32,
    contact: Option<Contact>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Timer {
    Relax {
        slot: u32,
        generation: u32,
        level: u8,
    },
    OfferTimeout {
        agent: u32,
        generation: u32,
    },
    WrapUpEnd {
        agent: u32,
        generation: u32,
    },
}

/// Which outcome of ending after-call work becomes a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Announce {
    Nothing,
    /// Only a pending not-ready (the host asked for "done" or ended the call).
    NotReady,
    /// Ready or not ready (the wrap-up timed out).
    Both,
}

/// The configuration's scalars, in milliseconds.
#[derive(Clone, Copy, Debug)]
struct Rules {
    offer_ms: u64,
    max_missed: u32,
    declines_count: bool,
    wrap_up_ms: u64,
    service_level_ms: u64,
    short_abandon_ms: u64,
    initial_handle_ms: f64,
    handle_window: u64,
}

/// The skills-based router (ACD). See the crate docs for how a host drives it.
#[derive(Clone, Debug)]
pub struct Router {
    config: RoutingConfig,
    rules: Rules,
    queues: Vec<Queue>,
    /// `QueueKey::index()` → index into `queues`.
    queue_of: [Option<u8>; QUEUES],
    groups: Vec<Group>,
    agents: Vec<Agent>,
    agent_index: FxHashMap<AgentId, u32>,
    slots: Vec<Slot>,
    free_slots: Vec<u32>,
    contact_index: FxHashMap<ContactId, u32>,
    timers: BinaryHeap<Reverse<(Millis, Timer)>>,
    now: Millis,
    seq: u64,
}

fn bits128(mut m: u128) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let b = m.trailing_zeros() as usize;
            m &= m - 1;
            b
        })
    })
}

fn bits64(mut m: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let b = m.trailing_zeros() as usize;
            m &= m - 1;
            b
        })
    })
}

fn speaks(languages: u8, language: usize) -> bool {
    languages & (1 << language) != 0
}

impl Router {
    /// A router with no agents and no contacts.
    pub fn new(config: RoutingConfig) -> Result<Router, ConfigError> {
        config.validate()?;
        let rules = Rules {
            offer_ms: duration_ms(config.offer_timeout),
            max_missed: config.max_missed_offers,
            declines_count: config.declines_count_as_missed,
            wrap_up_ms: duration_ms(config.wrap_up_timeout),
            service_level_ms: duration_ms(config.service_level_threshold),
            short_abandon_ms: duration_ms(config.short_abandon_threshold),
            initial_handle_ms: duration_ms(config.initial_handle_time) as f64,
            handle_window: u64::from(config.handle_time_window),
        };
        let mut queue_of = [None; QUEUES];
        let mut queues = Vec::with_capacity(config.queues.len());
        for (i, qc) in config.queues.iter().enumerate() {
            // validate() allows at most one queue per key, so at most 72 queues.
            queue_of[qc.key.index()] = u8::try_from(i).ok();
            let levels: Vec<LevelRule> = qc
                .levels
                .iter()
                .map(|l| LevelRule {
                    after_ms: duration_ms(l.after),
                    min_proficiency: l.min_proficiency.get(),
                    italian_agents: l.italian_agents,
                })
                .collect();
            let lang = qc.key.language as usize;
            let mut agent_masks = Vec::with_capacity(levels.len() * 2);
            for level in &levels {
                for flag in [false, true] {
                    let mut m = 0u64;
                    for p in level.min_proficiency..=5 {
                        let p = usize::from(p - 1);
                        m |= 1 << (lang * PROFICIENCIES + p);
                        if flag && level.italian_agents {
                            m |= 1 << (ITALIAN * PROFICIENCIES + p);
                        }
                    }
                    agent_masks.push(m);
                }
            }
            queues.push(Queue {
                key: qc.key,
                priority: i32::from(qc.priority),
                sets: vec![BTreeSet::new(); levels.len() * 2],
                levels,
                agent_masks,
                waiting_by_priority: BTreeMap::new(),
                staffed: 0,
                handle_ms: rules.initial_handle_ms,
                handle_samples: 0,
                counters: Counters::default(),
            });
        }
        Ok(Router {
            config,
            rules,
            queues,
            queue_of,
            groups: vec![Group::default(); GROUPS],
            agents: Vec::new(),
            agent_index: FxHashMap::default(),
            slots: Vec::new(),
            free_slots: Vec::new(),
            contact_index: FxHashMap::default(),
            timers: BinaryHeap::new(),
            now: Millis::ZERO,
            seq: 0,
        })
    }

    /// The configuration the router was built with.
    pub fn config(&self) -> &RoutingConfig {
        &self.config
    }

    /// Applies `input` at `now` and returns what the host must do.
    ///
    /// The input is applied first, then every timer due at or before `now` fires. On `Err` the
    /// router is unchanged (no timer fired either). `now` never goes backwards: an earlier value
    /// counts as the latest seen.
    pub fn handle(&mut self, input: Input, now: Millis) -> Result<Vec<Decision>, RoutingError> {
        let mut out = Vec::new();
        self.handle_into(input, now, &mut out)?;
        Ok(out)
    }

    /// [`Router::handle`] appending to a caller's buffer (no allocation per event); on `Err`
    /// nothing is appended.
    pub fn handle_into(
        &mut self,
        input: Input,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let now = now.max(self.now);
        match input {
            Input::AgentLoggedIn {
                agent,
                skills,
                languages,
            } => self.agent_logged_in(agent, skills, &languages, now)?,
            Input::AgentReady { agent } => self.agent_ready(agent, now, out)?,
            Input::AgentNotReady { agent, reason } => {
                self.agent_not_ready(agent, reason, now, out)?
            }
            Input::AgentLoggedOut { agent } => self.agent_logged_out(agent, now, out)?,
            Input::ContactArrived {
                contact,
                group,
                language,
                priority,
                accepts_italian,
            } => self.contact_arrived(
                contact,
                QueueKey { group, language },
                priority,
                accepts_italian,
                now,
                out,
            )?,
            Input::ContactAbandoned { contact } => self.contact_abandoned(contact, now, out)?,
            Input::OfferAccepted { agent, contact } => self.offer_accepted(agent, contact, now)?,
            Input::OfferDeclined { agent, contact } => {
                self.offer_declined(agent, contact, now, out)?
            }
            Input::CallEnded { contact } => self.call_ended(contact, now, out)?,
            Input::WrapUpDone { agent } => self.wrap_up_done(agent, now, out)?,
            Input::CallbackRequested { contact } => self.callback_requested(contact)?,
            Input::Tick => {}
        }
        self.now = now;
        self.fire_timers(now, out);
        Ok(())
    }

    /// The earliest instant at which a timer is due: call `handle(Input::Tick, t)` at or after
    /// it. May be earlier than needed (a timer made void), never later.
    pub fn next_deadline(&self) -> Option<Millis> {
        self.timers.peek().map(|Reverse((at, _))| *at)
    }

    /// The latest `now` the router has seen.
    pub fn now(&self) -> Millis {
        self.now
    }

    // ── agents ──────────────────────────────────────────────────────────────────────────────

    fn agent_ix(&self, agent: AgentId) -> Result<u32, RoutingError> {
        self.agent_index
            .get(&agent)
            .copied()
            .ok_or(RoutingError::UnknownAgent(agent))
    }

    fn agent_logged_in(
        &mut self,
        id: AgentId,
        mut skills: Vec<(ServiceGroup, Proficiency)>,
        languages: &[Language],
        now: Millis,
    ) -> Result<(), RoutingError> {
        let existing = self.agent_index.get(&id).copied();
        if let Some(a) = existing
            && !matches!(self.agents[a as usize].state, AgentSlotState::Offline)
        {
            return Err(RoutingError::AlreadyLoggedIn(id));
        }
        if skills.is_empty() {
            return Err(RoutingError::NoSkills(id));
        }
        if languages.is_empty() {
            return Err(RoutingError::NoLanguages(id));
        }
        skills.sort_by_key(|(g, _)| *g);
        if let Some(w) = skills.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(RoutingError::DuplicateSkill {
                agent: id,
                group: w[0].0,
            });
        }
        let langs = languages.iter().fold(0u8, |m, l| m | (1 << (*l as usize)));
        let mut contact_masks = [0u128; GROUPS];
        let mut served = 0u64;
        for &(group, proficiency) in &skills {
            contact_masks[group as usize] = self.contact_mask(group, proficiency.get(), langs);
            served += (0..LANGUAGES)
                .filter(|l| {
                    speaks(langs, *l) && self.queue_of[group as usize * LANGUAGES + l].is_some()
                })
                .count() as u64;
        }
        let share = SHARE_UNIT.checked_div(served).unwrap_or(0);
        let a = match existing {
            Some(a) => {
                let agent = &mut self.agents[a as usize];
                agent.skills = skills;
                agent.languages = langs;
                agent.contact_masks = contact_masks;
                agent.share = share;
                agent.pending_not_ready = None;
                a
            }
            None => {
                let a = u32::try_from(self.agents.len()).unwrap_or(u32::MAX);
                self.agents.push(Agent {
                    id,
                    skills,
                    languages: langs,
                    contact_masks,
                    share,
                    state: AgentSlotState::Offline,
                    since: now,
                    missed: 0,
                    pending_not_ready: None,
                    generation: 0,
                });
                self.agent_index.insert(id, a);
                a
            }
        };
        self.set_state(a, AgentSlotState::NotReady(NotReadyReason::LoggedIn), now);
        Ok(())
    }

    /// The contact sets of `group` an agent with this proficiency and these languages may take.
    fn contact_mask(&self, group: ServiceGroup, proficiency: u8, langs: u8) -> u128 {
        let mut m = 0u128;
        for lang in 0..LANGUAGES {
            let Some(qi) = self.queue_of[group as usize * LANGUAGES + lang] else {
                continue;
            };
            for (k, level) in self.queues[usize::from(qi)].levels.iter().enumerate() {
                if proficiency < level.min_proficiency {
                    continue;
                }
                for flag in 0..2 {
                    let native = speaks(langs, lang);
                    let italian = flag == 1 && level.italian_agents && speaks(langs, ITALIAN);
                    if native || italian {
                        m |= 1 << (lang * SUBS_PER_LANGUAGE + k * 2 + flag);
                    }
                }
            }
        }
        m
    }

    fn agent_ready(
        &mut self,
        id: AgentId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let a = self.agent_ix(id)?;
        match self.agents[a as usize].state {
            AgentSlotState::Ready(_) => Ok(()),
            AgentSlotState::NotReady(_) => {
                let key = self.idle_key(a, now);
                self.set_state(a, AgentSlotState::Ready(key), now);
                self.match_agent(a, now, out);
                Ok(())
            }
            AgentSlotState::WrapUp { .. } => {
                self.agents[a as usize].pending_not_ready = None;
                self.finish_wrap_up(a, now, out, Announce::Nothing);
                Ok(())
            }
            ref s => Err(RoutingError::AgentState {
                agent: id,
                state: s.kind(),
                action: "become ready",
            }),
        }
    }

    fn agent_not_ready(
        &mut self,
        id: AgentId,
        reason: NotReadyReason,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let a = self.agent_ix(id)?;
        let agent = &mut self.agents[a as usize];
        match agent.state {
            AgentSlotState::Offline => Err(RoutingError::AgentState {
                agent: id,
                state: AgentStateKind::Offline,
                action: "go not ready",
            }),
            AgentSlotState::NotReady(ref mut r) => {
                *r = reason;
                Ok(())
            }
            AgentSlotState::Ready(_) => {
                self.set_state(a, AgentSlotState::NotReady(reason), now);
                Ok(())
            }
            AgentSlotState::Reserved { slot, .. } => {
                self.set_state(a, AgentSlotState::NotReady(reason), now);
                self.requeue(slot, id, Some(WithdrawReason::AgentNotReady), now, out);
                Ok(())
            }
            AgentSlotState::Busy { .. } => {
                agent.pending_not_ready = Some(reason);
                Ok(())
            }
            AgentSlotState::WrapUp { .. } => {
                agent.pending_not_ready = Some(reason);
                self.finish_wrap_up(a, now, out, Announce::Nothing);
                Ok(())
            }
        }
    }

    fn agent_logged_out(
        &mut self,
        id: AgentId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let a = self.agent_ix(id)?;
        self.agents[a as usize].pending_not_ready = None;
        match self.agents[a as usize].state {
            AgentSlotState::Offline => {}
            AgentSlotState::NotReady(_) | AgentSlotState::Ready(_) => {
                self.set_state(a, AgentSlotState::Offline, now);
            }
            AgentSlotState::Reserved { slot, .. } => {
                self.set_state(a, AgentSlotState::Offline, now);
                self.requeue(slot, id, Some(WithdrawReason::AgentLoggedOut), now, out);
            }
            AgentSlotState::Busy { slot } => {
                if let Some(c) = self.free_contact(slot)
                    && let Phase::Connected { at, .. } = c.phase
                {
                    self.record_handled(usize::from(c.queue), now.ms_since(at));
                }
                self.set_state(a, AgentSlotState::Offline, now);
            }
            AgentSlotState::WrapUp { queue, talk_ms, .. } => {
                let since = self.agents[a as usize].since;
                self.record_handled(usize::from(queue), talk_ms + now.ms_since(since));
                self.set_state(a, AgentSlotState::Offline, now);
            }
        }
        Ok(())
    }

    fn wrap_up_done(
        &mut self,
        id: AgentId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let a = self.agent_ix(id)?;
        match self.agents[a as usize].state {
            AgentSlotState::WrapUp { .. } => {
                self.finish_wrap_up(a, now, out, Announce::NotReady);
                Ok(())
            }
            ref s => Err(RoutingError::AgentState {
                agent: id,
                state: s.kind(),
                action: "finish wrap-up",
            }),
        }
    }

    /// Ends after-call work: records the handle time, then the agent goes not ready (a pending
    /// request) or ready; the result is announced as a decision when the host did not just ask
    /// for it (`announce`).
    fn finish_wrap_up(&mut self, a: u32, now: Millis, out: &mut Vec<Decision>, announce: Announce) {
        let agent = &self.agents[a as usize];
        let AgentSlotState::WrapUp { queue, talk_ms, .. } = agent.state else {
            return;
        };
        let handle = talk_ms + now.ms_since(agent.since);
        self.record_handled(usize::from(queue), handle);
        let id = self.agents[a as usize].id;
        if let Some(reason) = self.agents[a as usize].pending_not_ready.take() {
            self.set_state(a, AgentSlotState::NotReady(reason.clone()), now);
            if announce != Announce::Nothing {
                out.push(Decision::AgentNotReady { agent: id, reason });
            }
        } else {
            let key = self.idle_key(a, now);
            self.set_state(a, AgentSlotState::Ready(key), now);
            if announce == Announce::Both {
                out.push(Decision::AgentReady { agent: id });
            }
            self.match_agent(a, now, out);
        }
    }

    fn record_handled(&mut self, qi: usize, handle_ms: u64) {
        let window = self.rules.handle_window;
        let q = &mut self.queues[qi];
        q.counters.handled += 1;
        q.counters.handle_ms += u128::from(handle_ms);
        q.handle_samples += 1;
        let weight = q.handle_samples.min(window) as f64;
        q.handle_ms += (handle_ms as f64 - q.handle_ms) / weight;
    }

    fn idle_key(&mut self, a: u32, now: Millis) -> IdleKey {
        self.seq += 1;
        IdleKey {
            since: now,
            seq: self.seq,
            agent: a,
        }
    }

    /// Every agent state change goes through here: idle indexes, staffing, generation, since.
    fn set_state(&mut self, a: u32, new: AgentSlotState, now: Millis) {
        let agent = &mut self.agents[a as usize];
        let old = std::mem::replace(&mut agent.state, new);
        agent.generation = agent.generation.wrapping_add(1);
        agent.since = now;
        let agent = &self.agents[a as usize];
        if let AgentSlotState::Ready(key) = old {
            for &(g, p) in &agent.skills {
                let group = &mut self.groups[g as usize];
                let p = usize::from(p.get() - 1);
                for lang in 0..LANGUAGES {
                    if speaks(agent.languages, lang) {
                        let set = &mut group.idle[lang][p];
                        set.remove(&key);
                        if set.is_empty() {
                            group.idle_nonempty &= !(1 << (lang * PROFICIENCIES + p));
                        }
                    }
                }
            }
        }
        if let AgentSlotState::Ready(key) = agent.state {
            for &(g, p) in &agent.skills {
                let group = &mut self.groups[g as usize];
                let p = usize::from(p.get() - 1);
                for lang in 0..LANGUAGES {
                    if speaks(agent.languages, lang) {
                        group.idle[lang][p].insert(key);
                        group.idle_nonempty |= 1 << (lang * PROFICIENCIES + p);
                    }
                }
            }
        }
        let (was, is) = (old.working(), agent.state.working());
        if was != is {
            for &(g, _) in &agent.skills {
                for lang in 0..LANGUAGES {
                    if speaks(agent.languages, lang)
                        && let Some(qi) = self.queue_of[g as usize * LANGUAGES + lang]
                    {
                        let q = &mut self.queues[usize::from(qi)];
                        if is {
                            q.staffed += agent.share;
                        } else {
                            q.staffed = q.staffed.saturating_sub(agent.share);
                        }
                    }
                }
            }
        }
    }

    // ── contacts ────────────────────────────────────────────────────────────────────────────

    fn contact_ix(&self, contact: ContactId) -> Result<u32, RoutingError> {
        self.contact_index
            .get(&contact)
            .copied()
            .ok_or(RoutingError::UnknownContact(contact))
    }

    fn contact_ref(&self, slot: u32) -> Option<&Contact> {
        self.slots.get(slot as usize)?.contact.as_ref()
    }

    fn contact_mut(&mut self, slot: u32) -> Option<&mut Contact> {
        self.slots.get_mut(slot as usize)?.contact.as_mut()
    }

    fn contact_state_kind(c: &Contact) -> ContactStateKind {
        match c.phase {
            Phase::Waiting if c.callback => ContactStateKind::WaitingCallback,
            Phase::Waiting => ContactStateKind::Waiting,
            Phase::Offered { .. } => ContactStateKind::Offered,
            Phase::Connected { .. } => ContactStateKind::Connected,
        }
    }

    fn contact_arrived(
        &mut self,
        id: ContactId,
        key: QueueKey,
        priority: u8,
        accepts_italian: bool,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        if self.contact_index.contains_key(&id) {
            return Err(RoutingError::DuplicateContact(id));
        }
        let Some(qi) = self.queue_of[key.index()] else {
            return Err(RoutingError::UnknownQueue(key));
        };
        let q = &self.queues[usize::from(qi)];
        let ahead: u32 = q
            .waiting_by_priority
            .range(priority..)
            .map(|(_, n)| *n)
            .sum();
        let estimate_ms = self.estimate_ms(usize::from(qi), ahead + 1);
        self.seq += 1;
        let contact = Contact {
            id,
            queue: qi,
            priority,
            accepts_italian,
            callback: false,
            arrived: now,
            seq: self.seq,
            level: 0,
            phase: Phase::Waiting,
            estimate_ms,
        };
        let slot = match self.free_slots.pop() {
            Some(s) => {
                self.slots[s as usize].contact = Some(contact);
                s
            }
            None => {
                self.slots.push(Slot {
                    generation: 0,
                    contact: Some(contact),
                });
                u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
            }
        };
        self.contact_index.insert(id, slot);
        self.queues[usize::from(qi)].counters.offered += 1;
        self.enqueue(slot);
        self.schedule_relaxation(slot);
        self.match_contact(slot, now, out);
        if let Some(c) = self.contact_mut(slot)
            && c.phase != Phase::Waiting
        {
            c.estimate_ms = Some(0);
        }
        Ok(())
    }

    /// Position × smoothed handle time ÷ staffed agents' shares (see the crate docs).
    fn estimate_ms(&self, qi: usize, position: u32) -> Option<u64> {
        let q = &self.queues[qi];
        (q.staffed > 0).then(|| {
            let agents = q.staffed as f64 / SHARE_UNIT as f64;
            (f64::from(position) * q.handle_ms / agents).round() as u64
        })
    }

    fn schedule_relaxation(&mut self, slot: u32) {
        let Some(c) = self.contact_ref(slot) else {
            return;
        };
        let next = c.level + 1;
        if let Some(level) = self.queues[usize::from(c.queue)]
            .levels
            .get(usize::from(next))
        {
            let at = Millis(c.arrived.0.saturating_add(level.after_ms));
            let generation = self.slots[slot as usize].generation;
            self.timers.push(Reverse((
                at,
                Timer::Relax {
                    slot,
                    generation,
                    level: next,
                },
            )));
        }
    }

    fn contact_abandoned(
        &mut self,
        id: ContactId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let slot = self.contact_ix(id)?;
        let Some(c) = self.contact_ref(slot) else {
            return Err(RoutingError::UnknownContact(id));
        };
        match c.phase {
            Phase::Connected { .. } => Err(RoutingError::ContactState {
                contact: id,
                state: ContactStateKind::Connected,
                action: "be abandoned",
            }),
            Phase::Waiting => {
                self.dequeue(slot);
                self.count_abandon(slot, now);
                self.free_contact(slot);
                Ok(())
            }
            Phase::Offered { agent } => {
                self.count_abandon(slot, now);
                self.free_contact(slot);
                let prev = match self.agents[agent as usize].state {
                    AgentSlotState::Reserved { prev, .. } => prev,
                    _ => self.idle_key(agent, now),
                };
                let agent_id = self.agents[agent as usize].id;
                out.push(Decision::OfferWithdrawn {
                    agent: agent_id,
                    contact: id,
                    reason: WithdrawReason::ContactAbandoned,
                });
                // Not the agent's fault: they keep their place among the idle.
                self.set_state(agent, AgentSlotState::Ready(prev), now);
                self.match_agent(agent, now, out);
                Ok(())
            }
        }
    }

    fn count_abandon(&mut self, slot: u32, now: Millis) {
        let short = self.rules.short_abandon_ms;
        let Some(c) = self.contact_ref(slot) else {
            return;
        };
        let (qi, callback, waited) = (usize::from(c.queue), c.callback, now.ms_since(c.arrived));
        let counters = &mut self.queues[qi].counters;
        if callback {
            counters.callbacks_cancelled += 1;
        } else if waited < short {
            counters.short_abandoned += 1;
        } else {
            counters.abandoned += 1;
        }
    }

    fn callback_requested(&mut self, id: ContactId) -> Result<(), RoutingError> {
        let slot = self.contact_ix(id)?;
        let Some(c) = self.contact_mut(slot) else {
            return Err(RoutingError::UnknownContact(id));
        };
        match c.phase {
            Phase::Waiting if c.callback => Ok(()),
            Phase::Waiting => {
                c.callback = true;
                let qi = usize::from(c.queue);
                self.queues[qi].counters.callbacks_requested += 1;
                Ok(())
            }
            _ => Err(RoutingError::ContactState {
                contact: id,
                state: Self::contact_state_kind(c),
                action: "ask for a callback",
            }),
        }
    }

    /// The reserved agent `agent_ix` for contact `contact` (both must match).
    fn offer_of(&self, agent: AgentId, contact: ContactId) -> Result<(u32, u32), RoutingError> {
        let a = self.agent_ix(agent)?;
        let no_offer = RoutingError::NoSuchOffer { agent, contact };
        let AgentSlotState::Reserved { slot, .. } = self.agents[a as usize].state else {
            return Err(no_offer);
        };
        match self.contact_ref(slot) {
            Some(c) if c.id == contact => Ok((a, slot)),
            _ => Err(no_offer),
        }
    }

    fn offer_accepted(
        &mut self,
        agent: AgentId,
        contact: ContactId,
        now: Millis,
    ) -> Result<(), RoutingError> {
        let (a, slot) = self.offer_of(agent, contact)?;
        let threshold = self.rules.service_level_ms;
        self.set_state(a, AgentSlotState::Busy { slot }, now);
        self.agents[a as usize].missed = 0;
        let Some(c) = self.contact_mut(slot) else {
            return Ok(());
        };
        c.phase = Phase::Connected { agent: a, at: now };
        let (qi, callback, waited, estimate) = (
            usize::from(c.queue),
            c.callback,
            now.ms_since(c.arrived),
            c.estimate_ms,
        );
        let counters = &mut self.queues[qi].counters;
        if callback {
            counters.called_back += 1;
        } else {
            counters.answered += 1;
            counters.answer_wait_ms += u128::from(waited);
            if waited <= threshold {
                counters.answered_within_threshold += 1;
            }
            if let Some(e) = estimate {
                counters.estimates.record(e, waited);
            }
        }
        Ok(())
    }

    fn offer_declined(
        &mut self,
        agent: AgentId,
        contact: ContactId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let (a, _) = self.offer_of(agent, contact)?;
        self.missed_offer(a, now, out, false);
        Ok(())
    }

    /// An offer ends without an answer: the contact goes back to its place, the agent counts a
    /// miss and goes ready, or not ready after too many.
    fn missed_offer(&mut self, a: u32, now: Millis, out: &mut Vec<Decision>, timed_out: bool) {
        let AgentSlotState::Reserved { slot, .. } = self.agents[a as usize].state else {
            return;
        };
        let id = self.agents[a as usize].id;
        let counts = timed_out || self.rules.declines_count;
        let missed = if counts {
            let agent = &mut self.agents[a as usize];
            agent.missed += 1;
            agent.missed
        } else {
            0
        };
        if counts && let Some(c) = self.contact_ref(slot) {
            let qi = usize::from(c.queue);
            self.queues[qi].counters.missed_offers += 1;
        }
        let reason = timed_out.then_some(WithdrawReason::TimedOut);
        // The agent is still reserved, so the contact looks for someone else first.
        self.requeue(slot, id, reason, now, out);
        let max = self.rules.max_missed;
        if counts && max > 0 && missed >= max {
            self.agents[a as usize].missed = 0;
            self.set_state(
                a,
                AgentSlotState::NotReady(NotReadyReason::MissedOffers),
                now,
            );
            out.push(Decision::AgentNotReady {
                agent: id,
                reason: NotReadyReason::MissedOffers,
            });
        } else {
            // Ready again, at the back of the idle order.
            let key = self.idle_key(a, now);
            self.set_state(a, AgentSlotState::Ready(key), now);
            self.match_agent(a, now, out);
        }
    }

    /// A contact whose offer ended goes back to its place (announced as withdrawn when
    /// `reason` is given) and looks for an agent.
    fn requeue(
        &mut self,
        slot: u32,
        agent: AgentId,
        reason: Option<WithdrawReason>,
        now: Millis,
        out: &mut Vec<Decision>,
    ) {
        let Some(c) = self.contact_mut(slot) else {
            return;
        };
        c.phase = Phase::Waiting;
        let id = c.id;
        if let Some(reason) = reason {
            out.push(Decision::OfferWithdrawn {
                agent,
                contact: id,
                reason,
            });
        }
        self.enqueue(slot);
        self.match_contact(slot, now, out);
    }

    fn call_ended(
        &mut self,
        id: ContactId,
        now: Millis,
        out: &mut Vec<Decision>,
    ) -> Result<(), RoutingError> {
        let slot = self.contact_ix(id)?;
        let Some(c) = self.contact_ref(slot) else {
            return Err(RoutingError::UnknownContact(id));
        };
        let Phase::Connected { agent: a, at } = c.phase else {
            return Err(RoutingError::ContactState {
                contact: id,
                state: Self::contact_state_kind(c),
                action: "end a call",
            });
        };
        let queue = c.queue;
        self.free_contact(slot);
        let deadline = now + self.config.wrap_up_timeout;
        self.set_state(
            a,
            AgentSlotState::WrapUp {
                queue,
                talk_ms: now.ms_since(at),
                deadline,
            },
            now,
        );
        if self.rules.wrap_up_ms == 0 {
            self.finish_wrap_up(a, now, out, Announce::NotReady);
        } else {
            let generation = self.agents[a as usize].generation;
            self.timers.push(Reverse((
                deadline,
                Timer::WrapUpEnd {
                    agent: a,
                    generation,
                },
            )));
        }
        Ok(())
    }

    fn free_contact(&mut self, slot: u32) -> Option<Contact> {
        let s = self.slots.get_mut(slot as usize)?;
        let c = s.contact.take()?;
        s.generation = s.generation.wrapping_add(1);
        self.contact_index.remove(&c.id);
        self.free_slots.push(slot);
        Some(c)
    }

    // ── queue indexes and matching ──────────────────────────────────────────────────────────

    fn enqueue(&mut self, slot: u32) {
        let Some(c) = self
            .slots
            .get(slot as usize)
            .and_then(|s| s.contact.as_ref())
        else {
            return;
        };
        let q = &mut self.queues[usize::from(c.queue)];
        let set = c.set();
        if let Some(s) = q.sets.get_mut(set) {
            s.insert(ContactKey {
                priority: Reverse(i32::from(c.priority) + q.priority),
                arrived: c.arrived,
                seq: c.seq,
                slot,
            });
            *q.waiting_by_priority.entry(c.priority).or_insert(0) += 1;
            let bit = q.key.language as usize * SUBS_PER_LANGUAGE + set;
            self.groups[q.key.group as usize].contacts_nonempty |= 1 << bit;
        }
    }

    fn dequeue(&mut self, slot: u32) {
        let Some(c) = self
            .slots
            .get(slot as usize)
            .and_then(|s| s.contact.as_ref())
        else {
            return;
        };
        let q = &mut self.queues[usize::from(c.queue)];
        let set = c.set();
        let key = ContactKey {
            priority: Reverse(i32::from(c.priority) + q.priority),
            arrived: c.arrived,
            seq: c.seq,
            slot,
        };
        if let Some(s) = q.sets.get_mut(set)
            && s.remove(&key)
        {
            if let Some(n) = q.waiting_by_priority.get_mut(&c.priority) {
                *n -= 1;
                if *n == 0 {
                    q.waiting_by_priority.remove(&c.priority);
                }
            }
            if s.is_empty() {
                let bit = q.key.language as usize * SUBS_PER_LANGUAGE + set;
                self.groups[q.key.group as usize].contacts_nonempty &= !(1 << bit);
            }
        }
    }

    /// A waiting contact takes the longest-idle eligible ready agent, if any.
    fn match_contact(&mut self, slot: u32, now: Millis, out: &mut Vec<Decision>) {
        let Some(c) = self.contact_ref(slot) else {
            return;
        };
        if c.phase != Phase::Waiting {
            return;
        }
        let q = &self.queues[usize::from(c.queue)];
        let group = &self.groups[q.key.group as usize];
        let mask = q.agent_masks.get(c.set()).copied().unwrap_or(0) & group.idle_nonempty;
        let best = bits64(mask)
            .filter_map(|bit| group.idle[bit / PROFICIENCIES][bit % PROFICIENCIES].first())
            .min()
            .copied();
        if let Some(key) = best {
            self.offer(key.agent, slot, now, out);
        }
    }

    /// A ready agent takes the best eligible waiting contact (priority, then age), if any.
    fn match_agent(&mut self, a: u32, now: Millis, out: &mut Vec<Decision>) {
        let agent = &self.agents[a as usize];
        if !matches!(agent.state, AgentSlotState::Ready(_)) {
            return;
        }
        let mut best: Option<ContactKey> = None;
        for &(g, _) in &agent.skills {
            let gi = g as usize;
            let mask = agent.contact_masks[gi] & self.groups[gi].contacts_nonempty;
            for bit in bits128(mask) {
                let lang = bit / SUBS_PER_LANGUAGE;
                let Some(qi) = self.queue_of[gi * LANGUAGES + lang] else {
                    continue;
                };
                let front = self.queues[usize::from(qi)]
                    .sets
                    .get(bit % SUBS_PER_LANGUAGE)
                    .and_then(BTreeSet::first);
                if let Some(k) = front
                    && best.is_none_or(|b| *k < b)
                {
                    best = Some(*k);
                }
            }
        }
        if let Some(key) = best {
            self.offer(a, key.slot, now, out);
        }
    }

    fn offer(&mut self, a: u32, slot: u32, now: Millis, out: &mut Vec<Decision>) {
        let AgentSlotState::Ready(prev) = self.agents[a as usize].state else {
            return;
        };
        self.dequeue(slot);
        let deadline = Millis(now.0.saturating_add(self.rules.offer_ms));
        self.set_state(
            a,
            AgentSlotState::Reserved {
                slot,
                prev,
                deadline,
            },
            now,
        );
        let generation = self.agents[a as usize].generation;
        self.timers.push(Reverse((
            deadline,
            Timer::OfferTimeout {
                agent: a,
                generation,
            },
        )));
        let agent = self.agents[a as usize].id;
        let Some(c) = self.contact_mut(slot) else {
            return;
        };
        c.phase = Phase::Offered { agent: a };
        let (contact, callback, qi) = (c.id, c.callback, usize::from(c.queue));
        let queue = self.queues[qi].key;
        out.push(if callback {
            Decision::CallBack {
                agent,
                contact,
                queue,
            }
        } else {
            Decision::Offer {
                agent,
                contact,
                queue,
            }
        });
    }

    // ── timers ──────────────────────────────────────────────────────────────────────────────

    fn timer_live(&self, t: Timer) -> bool {
        match t {
            Timer::Relax {
                slot,
                generation,
                level,
            } => self.slots.get(slot as usize).is_some_and(|s| {
                s.generation == generation
                    && s.contact.as_ref().is_some_and(|c| {
                        c.level + 1 == level && !matches!(c.phase, Phase::Connected { .. })
                    })
            }),
            Timer::OfferTimeout { agent, generation } => {
                self.agents.get(agent as usize).is_some_and(|a| {
                    a.generation == generation && matches!(a.state, AgentSlotState::Reserved { .. })
                })
            }
            Timer::WrapUpEnd { agent, generation } => {
                self.agents.get(agent as usize).is_some_and(|a| {
                    a.generation == generation && matches!(a.state, AgentSlotState::WrapUp { .. })
                })
            }
        }
    }

    fn fire_timers(&mut self, now: Millis, out: &mut Vec<Decision>) {
        while let Some(&Reverse((at, timer))) = self.timers.peek() {
            if self.timer_live(timer) {
                if at > now {
                    break;
                }
                self.timers.pop();
                self.fire(timer, now, out);
            } else {
                // Void timers are dropped as they reach the top, so `next_deadline` is exact
                // for the top one.
                self.timers.pop();
            }
        }
    }

    fn fire(&mut self, timer: Timer, now: Millis, out: &mut Vec<Decision>) {
        match timer {
            Timer::Relax { slot, level, .. } => {
                let Some(c) = self.contact_ref(slot) else {
                    return;
                };
                let waiting = c.phase == Phase::Waiting;
                if waiting {
                    self.dequeue(slot);
                }
                if let Some(c) = self.contact_mut(slot) {
                    c.level = level;
                }
                if waiting {
                    self.enqueue(slot);
                }
                self.schedule_relaxation(slot);
                if waiting {
                    self.match_contact(slot, now, out);
                }
            }
            Timer::OfferTimeout { agent, .. } => self.missed_offer(agent, now, out, true),
            Timer::WrapUpEnd { agent, .. } => self.finish_wrap_up(agent, now, out, Announce::Both),
        }
    }

    // ── views ───────────────────────────────────────────────────────────────────────────────

    /// An agent's state, skills and counters; `None` if never logged in.
    pub fn agent(&self, id: AgentId) -> Option<AgentInfo> {
        let a = &self.agents[*self.agent_index.get(&id)? as usize];
        let contact_of = |slot: u32| self.contact_ref(slot).map(|c| c.id);
        let state = match &a.state {
            AgentSlotState::Offline => AgentState::Offline,
            AgentSlotState::NotReady(r) => AgentState::NotReady(r.clone()),
            AgentSlotState::Ready(k) => AgentState::Ready {
                idle_since: k.since,
            },
            AgentSlotState::Reserved { slot, deadline, .. } => AgentState::Reserved {
                contact: contact_of(*slot)?,
                deadline: *deadline,
            },
            AgentSlotState::Busy { slot } => AgentState::Busy {
                contact: contact_of(*slot)?,
            },
            AgentSlotState::WrapUp { deadline, .. } => AgentState::AfterCallWork {
                deadline: *deadline,
            },
        };
        Some(AgentInfo {
            agent: id,
            state,
            since: a.since,
            skills: a.skills.clone(),
            languages: Language::ALL
                .into_iter()
                .filter(|l| speaks(a.languages, *l as usize))
                .collect(),
            missed_offers: a.missed,
            pending_not_ready: a.pending_not_ready.clone(),
        })
    }

    /// A contact's queue, level and state; `None` once abandoned or ended (or never seen).
    pub fn contact(&self, id: ContactId) -> Option<ContactInfo> {
        let c = self.contact_ref(*self.contact_index.get(&id)?)?;
        let agent_id = |a: u32| self.agents[a as usize].id;
        let state = match c.phase {
            Phase::Waiting if c.callback => ContactState::WaitingCallback,
            Phase::Waiting => ContactState::Waiting,
            Phase::Offered { agent } => ContactState::Offered {
                agent: agent_id(agent),
            },
            Phase::Connected { agent, .. } => ContactState::Connected {
                agent: agent_id(agent),
            },
        };
        Some(ContactInfo {
            contact: id,
            queue: self.queues[usize::from(c.queue)].key,
            priority: c.priority,
            accepts_italian: c.accepts_italian,
            arrived: c.arrived,
            level: c.level,
            state,
            callback: c.callback,
            estimated_wait_at_arrival: c.estimate_ms.map(std::time::Duration::from_millis),
        })
    }

    /// Position and estimated wait of a waiting contact (callbacks included); `None` for any
    /// other contact. Costs O(contacts waiting in its queue).
    pub fn wait_info(&self, id: ContactId, now: Millis) -> Option<WaitInfo> {
        let slot = *self.contact_index.get(&id)?;
        let c = self.contact_ref(slot)?;
        if c.phase != Phase::Waiting {
            return None;
        }
        let qi = usize::from(c.queue);
        let q = &self.queues[qi];
        let key = ContactKey {
            priority: Reverse(i32::from(c.priority) + q.priority),
            arrived: c.arrived,
            seq: c.seq,
            slot,
        };
        let ahead: usize = q.sets.iter().map(|s| s.range(..key).count()).sum();
        let position = u32::try_from(ahead).unwrap_or(u32::MAX).saturating_add(1);
        Some(WaitInfo {
            position,
            estimated_wait: self
                .estimate_ms(qi, position)
                .map(std::time::Duration::from_millis),
            waited: now.max(self.now).since(c.arrived),
        })
    }

    /// Live figures for every configured queue, in configuration order. Costs O(agents +
    /// waiting contacts): meant for a wallboard refresh, not for every event.
    pub fn queue_stats(&self, now: Millis) -> Vec<QueueStats> {
        let now = now.max(self.now);
        let mut agents = vec![AgentCounts::default(); self.queues.len()];
        for a in &self.agents {
            let kind = a.state.kind();
            if kind == AgentStateKind::Offline {
                continue;
            }
            for &(g, _) in &a.skills {
                for lang in 0..LANGUAGES {
                    if speaks(a.languages, lang)
                        && let Some(qi) = self.queue_of[g as usize * LANGUAGES + lang]
                    {
                        let n = &mut agents[usize::from(qi)];
                        match kind {
                            AgentStateKind::Ready => n.ready += 1,
                            AgentStateKind::Reserved => n.reserved += 1,
                            AgentStateKind::Busy => n.busy += 1,
                            AgentStateKind::AfterCallWork => n.after_call_work += 1,
                            AgentStateKind::NotReady => n.not_ready += 1,
                            AgentStateKind::Offline => {}
                        }
                    }
                }
            }
        }
        self.queues
            .iter()
            .zip(agents)
            .map(|(q, agents)| {
                let (mut live, mut callbacks, mut oldest) = (0u32, 0u32, None::<Millis>);
                for key in q.sets.iter().flatten() {
                    if self.contact_ref(key.slot).is_some_and(|c| c.callback) {
                        callbacks += 1;
                    } else {
                        live += 1;
                    }
                    oldest = Some(oldest.map_or(key.arrived, |o| o.min(key.arrived)));
                }
                let longest = oldest.map_or(std::time::Duration::ZERO, |o| now.since(o));
                QueueStats::new(
                    q.key,
                    &q.counters,
                    agents,
                    (live, callbacks, longest),
                    q.handle_ms,
                )
            })
            .collect()
    }

    /// Zeroes every queue's counters (offered, answered, abandoned, …, estimate accuracy), e.g.
    /// at midnight. Waiting contacts, agents and the smoothed handle times are kept.
    pub fn reset_counters(&mut self) {
        for q in &mut self.queues {
            q.counters = Counters::default();
        }
    }
}

#[cfg(test)]
mod tests;
