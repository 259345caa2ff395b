//! Property tests over random event sequences, checked against an independent model after
//! every step: no agent is offered two contacts; skills and languages (with relaxation) are
//! always respected; no eligible contact waits while an eligible agent is ready; contacts go by
//! priority then age and to the longest-idle agent; no contact is lost; no agent stays reserved
//! past the offer timeout; a refused input changes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use domain::{ContactId, Language, ServiceGroup};
use proptest::prelude::*;
use routing::{
    AgentId, AgentState, ContactState, Decision, Input, Level, Millis, NotReadyReason, Proficiency,
    QueueConfig, QueueKey, Router, RoutingConfig,
};

const GROUPS: [ServiceGroup; 2] = [ServiceGroup::Pensions, ServiceGroup::Disability];
const LANGS: [Language; 3] = [Language::Italian, Language::English, Language::German];
const AGENTS: u32 = 6;
const OFFER_TIMEOUT_MS: u64 = 5_000;

fn p(n: u8) -> Proficiency {
    Proficiency::new(n).unwrap()
}

/// Five queues (Disability/German is left out on purpose), short relaxation steps so that
/// random time jumps cross them, one queue with a higher priority.
fn config(declines_count: bool, wrap_up: bool) -> RoutingConfig {
    let s = Duration::from_secs;
    let mut queues = Vec::new();
    for group in GROUPS {
        for language in LANGS {
            if (group, language) == (ServiceGroup::Disability, Language::German) {
                continue;
            }
            let levels = vec![
                Level::new(s(0), p(3), false),
                Level::new(s(10), p(2), false),
                Level::new(s(20), p(2), true),
                Level::new(s(30), p(1), true),
            ];
            let priority = if (group, language) == (ServiceGroup::Disability, Language::Italian) {
                2
            } else {
                0
            };
            queues.push(QueueConfig {
                key: QueueKey::new(group, language),
                priority,
                levels,
            });
        }
    }
    RoutingConfig {
        queues,
        offer_timeout: Duration::from_millis(OFFER_TIMEOUT_MS),
        max_missed_offers: 2,
        declines_count_as_missed: declines_count,
        wrap_up_timeout: if wrap_up { s(8) } else { Duration::ZERO },
        ..RoutingConfig::inps()
    }
}

#[derive(Clone, Debug)]
enum Op {
    Login {
        agent: u32,
        skills: Vec<(usize, u8)>,
        langs: Vec<usize>,
    },
    Ready(u32),
    NotReady(u32),
    Logout(u32),
    Arrive {
        group: usize,
        lang: usize,
        priority: u8,
        accepts_italian: bool,
    },
    Abandon(usize),
    /// Accept the agent's current offer, if any, else a random contact (refused).
    Accept(u32, usize),
    Decline(u32, usize),
    CallEnded(usize),
    WrapUpDone(u32),
    Callback(usize),
    Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
    let agent = 0..AGENTS;
    prop_oneof![
        2 => (
            0..AGENTS,
            prop::collection::vec((0..GROUPS.len(), 1u8..=5), 1..3),
            prop::collection::vec(0..LANGS.len(), 1..3),
        )
            .prop_map(|(agent, skills, langs)| Op::Login { agent, skills, langs }),
        3 => agent.clone().prop_map(Op::Ready),
        1 => agent.clone().prop_map(Op::NotReady),
        1 => agent.clone().prop_map(Op::Logout),
        4 => (0..GROUPS.len(), 0..LANGS.len(), 0u8..3, any::<bool>()).prop_map(
            |(group, lang, priority, accepts_italian)| Op::Arrive {
                group,
                lang,
                priority,
                accepts_italian
            }
        ),
        1 => any::<usize>().prop_map(Op::Abandon),
        4 => (agent.clone(), any::<usize>()).prop_map(|(a, c)| Op::Accept(a, c)),
        1 => (agent.clone(), any::<usize>()).prop_map(|(a, c)| Op::Decline(a, c)),
        3 => any::<usize>().prop_map(Op::CallEnded),
        2 => agent.prop_map(Op::WrapUpDone),
        1 => any::<usize>().prop_map(Op::Callback),
        3 => (0u64..12_000).prop_map(Op::Advance),
    ]
}

#[derive(Clone, Debug)]
struct MAgent {
    skills: BTreeMap<ServiceGroup, u8>,
    langs: BTreeSet<Language>,
}

#[derive(Clone, Debug)]
struct MContact {
    queue: QueueKey,
    priority: u8,
    accepts_italian: bool,
    arrived: Millis,
    order: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holding {
    Offered(ContactId),
    Connected(ContactId),
}

struct Model {
    config: RoutingConfig,
    agents: BTreeMap<AgentId, MAgent>,
    contacts: BTreeMap<ContactId, MContact>,
    holding: BTreeMap<AgentId, Holding>,
    next_contact: i64,
    arrivals: u64,
}

impl Model {
    fn queue(&self, key: QueueKey) -> &QueueConfig {
        self.config.queues.iter().find(|q| q.key == key).unwrap()
    }

    /// The relaxation level a contact has reached at `now`, by the configuration alone.
    fn level_at(&self, c: &MContact, now: Millis) -> usize {
        let waited = now.since(c.arrived);
        self.queue(c.queue)
            .levels
            .iter()
            .rposition(|l| waited >= l.after)
            .unwrap()
    }

    fn eligible(&self, agent: AgentId, contact: ContactId, level: usize) -> bool {
        let (Some(a), Some(c)) = (self.agents.get(&agent), self.contacts.get(&contact)) else {
            return false;
        };
        let rule = &self.queue(c.queue).levels[level];
        let Some(&prof) = a.skills.get(&c.queue.group) else {
            return false;
        };
        prof >= rule.min_proficiency.get()
            && (a.langs.contains(&c.queue.language)
                || (c.accepts_italian
                    && rule.italian_agents
                    && a.langs.contains(&Language::Italian)))
    }

    /// Lower is served first: effective priority, then arrival.
    fn rank(&self, contact: ContactId) -> (i32, Millis, u64) {
        let c = &self.contacts[&contact];
        let qp = i32::from(self.queue(c.queue).priority);
        (-(i32::from(c.priority) + qp), c.arrived, c.order)
    }

    fn pick(&self, index: usize) -> Option<ContactId> {
        if self.contacts.is_empty() {
            return None;
        }
        self.contacts
            .keys()
            .nth(index % self.contacts.len())
            .copied()
    }
}

fn waiting(state: ContactState) -> bool {
    matches!(state, ContactState::Waiting | ContactState::WaitingCallback)
}

fn run(ops: Vec<Op>, declines_count: bool, wrap_up: bool) -> Result<(), TestCaseError> {
    let config = config(declines_count, wrap_up);
    let mut router = Router::new(config.clone()).unwrap();
    let mut m = Model {
        config,
        agents: BTreeMap::new(),
        contacts: BTreeMap::new(),
        holding: BTreeMap::new(),
        next_contact: 1,
        arrivals: 0,
    };
    let mut now = Millis::ZERO;
    let mut ops = ops;
    // Drain: let every timer run out, so no agent may remain reserved.
    ops.extend((0..12).map(|_| Op::Advance(OFFER_TIMEOUT_MS)));

    for op in ops {
        let before = format!("{router:?}");
        // Pre-step views: waiting contacts with their level, ready agents with idle-since.
        let levels: BTreeMap<ContactId, (usize, ContactState)> = m
            .contacts
            .keys()
            .map(|id| {
                let info = router.contact(*id).unwrap();
                (*id, (usize::from(info.level), info.state))
            })
            .collect();
        let ready_before: BTreeMap<AgentId, Millis> = m
            .agents
            .keys()
            .filter_map(|a| match router.agent(*a)?.state {
                AgentState::Ready { idle_since } => Some((*a, idle_since)),
                _ => None,
            })
            .collect();
        let mut avail: BTreeMap<ContactId, usize> = levels
            .iter()
            .filter(|(_, (_, s))| waiting(*s))
            .map(|(id, (l, _))| (*id, *l))
            .collect();

        let input = match &op {
            Op::Login {
                agent,
                skills,
                langs,
            } => Input::AgentLoggedIn {
                agent: AgentId(*agent),
                skills: skills.iter().map(|(g, n)| (GROUPS[*g], p(*n))).collect(),
                languages: langs.iter().map(|l| LANGS[*l]).collect(),
            },
            Op::Ready(a) => Input::AgentReady { agent: AgentId(*a) },
            Op::NotReady(a) => Input::AgentNotReady {
                agent: AgentId(*a),
                reason: NotReadyReason::Other("break".into()),
            },
            Op::Logout(a) => Input::AgentLoggedOut { agent: AgentId(*a) },
            Op::Arrive {
                group,
                lang,
                priority,
                accepts_italian,
            } => Input::ContactArrived {
                contact: ContactId::new(m.next_contact).unwrap(),
                group: GROUPS[*group],
                language: LANGS[*lang],
                priority: *priority,
                accepts_italian: *accepts_italian,
            },
            Op::Abandon(i) => match m.pick(*i) {
                Some(contact) => Input::ContactAbandoned { contact },
                None => Input::Tick,
            },
            Op::Accept(a, i) | Op::Decline(a, i) => {
                let agent = AgentId(*a);
                let contact = match m.holding.get(&agent) {
                    Some(Holding::Offered(c)) if i % 4 != 0 => Some(*c),
                    _ => m.pick(*i),
                };
                match (contact, &op) {
                    (Some(contact), Op::Accept(..)) => Input::OfferAccepted { agent, contact },
                    (Some(contact), _) => Input::OfferDeclined { agent, contact },
                    (None, _) => Input::Tick,
                }
            }
            Op::CallEnded(i) => {
                let connected: Vec<ContactId> = m
                    .holding
                    .values()
                    .filter_map(|h| match h {
                        Holding::Connected(c) => Some(*c),
                        Holding::Offered(_) => None,
                    })
                    .collect();
                let contact = if !connected.is_empty() && i % 5 != 0 {
                    Some(connected[i % connected.len()])
                } else {
                    m.pick(*i)
                };
                match contact {
                    Some(contact) => Input::CallEnded { contact },
                    None => Input::Tick,
                }
            }
            Op::WrapUpDone(a) => Input::WrapUpDone { agent: AgentId(*a) },
            Op::Callback(i) => match m.pick(*i) {
                Some(contact) => Input::CallbackRequested { contact },
                None => Input::Tick,
            },
            Op::Advance(ms) => {
                now = Millis(now.0 + ms);
                Input::Tick
            }
        };

        let result = router.handle(input.clone(), now);
        let decisions = match result {
            Err(e) => {
                prop_assert_eq!(
                    format!("{router:?}"),
                    before,
                    "refused input {:?} ({}) changed the router",
                    input,
                    e
                );
                continue;
            }
            Ok(d) => d,
        };

        // The input's own effect on the model.
        match &input {
            Input::AgentLoggedIn {
                agent,
                skills,
                languages,
            } => {
                m.agents.insert(
                    *agent,
                    MAgent {
                        skills: skills.iter().map(|(g, p)| (*g, p.get())).collect(),
                        langs: languages.iter().copied().collect(),
                    },
                );
            }
            Input::ContactArrived {
                contact,
                group,
                language,
                priority,
                accepts_italian,
            } => {
                m.next_contact += 1;
                m.arrivals += 1;
                m.contacts.insert(
                    *contact,
                    MContact {
                        queue: QueueKey::new(*group, *language),
                        priority: *priority,
                        accepts_italian: *accepts_italian,
                        arrived: now,
                        order: m.arrivals,
                    },
                );
                avail.insert(*contact, 0);
            }
            Input::ContactAbandoned { contact } => {
                m.contacts.remove(contact);
                avail.remove(contact);
            }
            Input::OfferAccepted { agent, contact } => {
                prop_assert_eq!(m.holding.get(agent), Some(&Holding::Offered(*contact)));
                m.holding.insert(*agent, Holding::Connected(*contact));
            }
            Input::OfferDeclined { agent, contact } => {
                prop_assert_eq!(m.holding.remove(agent), Some(Holding::Offered(*contact)));
                avail.insert(*contact, levels[contact].0);
            }
            Input::CallEnded { contact } => {
                let agent = m
                    .holding
                    .iter()
                    .find(|(_, h)| **h == Holding::Connected(*contact))
                    .map(|(a, _)| *a);
                prop_assert!(agent.is_some(), "ended a call the model has not connected");
                if let Some(a) = agent {
                    m.holding.remove(&a);
                }
                m.contacts.remove(contact);
            }
            Input::AgentLoggedOut { agent } => {
                if let Some(Holding::Connected(c)) = m.holding.get(agent).copied() {
                    m.holding.remove(agent);
                    m.contacts.remove(&c);
                }
            }
            _ => {}
        }

        // Decisions, in order.
        for d in &decisions {
            match d {
                Decision::Offer { agent, contact, .. }
                | Decision::CallBack { agent, contact, .. } => {
                    // Never two offers (or an offer during a call) for one agent, never one
                    // contact to two agents.
                    prop_assert_eq!(
                        m.holding.get(agent),
                        None,
                        "{:?} already holds a contact",
                        agent
                    );
                    prop_assert!(
                        !m.holding.values().any(|h| matches!(h, Holding::Offered(c) | Holding::Connected(c) if c == contact)),
                        "contact {} offered twice", contact
                    );
                    // Skills and languages, at the most relaxed level the contact can have.
                    let level = m.level_at(&m.contacts[contact], now);
                    prop_assert!(
                        m.eligible(*agent, *contact, level),
                        "{:?} is not eligible for {} (level {})",
                        agent,
                        contact,
                        level
                    );
                    // Priority, then age: no better contact this agent could take was waiting.
                    prop_assert!(
                        avail.contains_key(contact),
                        "offered contact {} was not waiting",
                        contact
                    );
                    for (w, wl) in &avail {
                        if w != contact && m.eligible(*agent, *w, *wl) {
                            prop_assert!(
                                m.rank(*w) > m.rank(*contact),
                                "{:?} got {} while better {} waited",
                                agent,
                                contact,
                                w
                            );
                        }
                    }
                    avail.remove(contact);
                    // A new contact goes to the longest-idle eligible agent.
                    if let Input::ContactArrived { contact: new, .. } = &input
                        && new == contact
                    {
                        let mine = ready_before.get(agent).copied();
                        prop_assert!(mine.is_some(), "offered to an agent who was not ready");
                        for (b, since) in &ready_before {
                            if m.eligible(*b, *contact, 0) {
                                prop_assert!(
                                    *since >= mine.unwrap_or(Millis::ZERO),
                                    "{:?} idle longer than {:?}",
                                    b,
                                    agent
                                );
                            }
                        }
                    }
                    m.holding.insert(*agent, Holding::Offered(*contact));
                }
                Decision::OfferWithdrawn { agent, contact, .. } => {
                    prop_assert_eq!(m.holding.remove(agent), Some(Holding::Offered(*contact)));
                    if m.contacts.contains_key(contact) {
                        avail.insert(*contact, levels[contact].0);
                    }
                }
                Decision::AgentNotReady { .. } | Decision::AgentReady { .. } => {}
            }
        }

        // After every step: the router agrees with the model.
        for (id, mc) in &m.contacts {
            let info = router.contact(*id);
            prop_assert!(info.is_some(), "contact {} was lost", id);
            let info = info.unwrap();
            let held = m
                .holding
                .iter()
                .find(|(_, h)| matches!(h, Holding::Offered(c) | Holding::Connected(c) if c == id));
            match (info.state, held) {
                (ContactState::Offered { agent }, Some((a, Holding::Offered(_))))
                | (ContactState::Connected { agent }, Some((a, Holding::Connected(_)))) => {
                    prop_assert_eq!(agent, *a)
                }
                (s, None) if waiting(s) => {
                    prop_assert_eq!(
                        usize::from(info.level),
                        m.level_at(mc, now),
                        "contact {} level",
                        id
                    );
                }
                (s, h) => prop_assert!(
                    false,
                    "contact {} is {:?} but the model says {:?}",
                    id,
                    s,
                    h
                ),
            }
        }
        for a in m.agents.keys() {
            let state = router.agent(*a).unwrap().state;
            match (&state, m.holding.get(a)) {
                (AgentState::Reserved { contact, deadline }, Some(Holding::Offered(c))) => {
                    prop_assert_eq!(contact, c);
                    prop_assert!(*deadline > now, "{:?} stuck reserved", a);
                    prop_assert!(deadline.0 <= now.0 + OFFER_TIMEOUT_MS);
                }
                (AgentState::Busy { contact }, Some(Holding::Connected(c))) => {
                    prop_assert_eq!(contact, c)
                }
                (AgentState::Reserved { .. } | AgentState::Busy { .. }, h) | (_, h @ Some(_)) => {
                    prop_assert!(false, "{:?} is {:?} but the model says {:?}", a, state, h)
                }
                _ => {}
            }
        }
        // No eligible contact waits while an eligible agent is ready.
        for a in m.agents.keys() {
            if let AgentState::Ready { .. } = router.agent(*a).unwrap().state {
                for (id, mc) in &m.contacts {
                    let s = router.contact(*id).unwrap().state;
                    if waiting(s) {
                        prop_assert!(
                            !m.eligible(*a, *id, m.level_at(mc, now)),
                            "{} waits while eligible {:?} is ready",
                            id,
                            a
                        );
                    }
                }
            }
        }
        // Waiting counts agree with the wallboard.
        let stats = router.queue_stats(now);
        let waiting_total: u32 = stats.iter().map(|s| s.waiting + s.callbacks_waiting).sum();
        let model_waiting = m
            .contacts
            .keys()
            .filter(|id| waiting(router.contact(**id).unwrap().state))
            .count();
        prop_assert_eq!(waiting_total as usize, model_waiting);
    }
    // After the drain nobody is reserved.
    for a in m.agents.keys() {
        prop_assert!(
            !matches!(router.agent(*a).unwrap().state, AgentState::Reserved { .. }),
            "{:?} still reserved after every timeout passed",
            a
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn routing_invariants_hold_over_random_event_sequences(
        ops in prop::collection::vec(op(), 1..120),
        declines_count in any::<bool>(),
        wrap_up in any::<bool>(),
    ) {
        run(ops, declines_count, wrap_up)?;
    }
}
