//! Unit tests: every state transition, relaxation, callbacks, missed offers, statistics and
//! estimates, driven through `Router::handle` with a hand-moved clock.

use std::time::Duration;

use domain::{ContactId, Language, ServiceGroup};

use super::Router;
use crate::config::{Proficiency, QueueKey, RoutingConfig};
use crate::events::{
    AgentId, AgentState, ContactState, Decision, Input, NotReadyReason, RoutingError,
    WithdrawReason,
};
use crate::time::Millis;

use Language::{English as EN, Italian as IT};
use ServiceGroup::{Disability as DIS, Pensions as PEN};

fn p(n: u8) -> Proficiency {
    Proficiency::new(n).unwrap()
}

fn c(n: i64) -> ContactId {
    ContactId::new(n).unwrap()
}

const A1: AgentId = AgentId(1);
const A2: AgentId = AgentId(2);
const A3: AgentId = AgentId(3);

struct T {
    r: Router,
    now: Millis,
}

impl T {
    fn new() -> T {
        T::with(RoutingConfig::inps())
    }

    fn with(config: RoutingConfig) -> T {
        T {
            r: Router::new(config).unwrap(),
            now: Millis::ZERO,
        }
    }

    /// Moves the clock to `secs` seconds (fractions allowed).
    fn at(&mut self, secs: f64) -> &mut T {
        self.now = Millis((secs * 1000.0).round() as u64);
        self
    }

    fn h(&mut self, input: Input) -> Vec<Decision> {
        self.r
            .handle(input.clone(), self.now)
            .unwrap_or_else(|e| panic!("{input:?} refused: {e}"))
    }

    fn tick(&mut self) -> Vec<Decision> {
        self.h(Input::Tick)
    }

    /// The input is refused and the router is exactly as before.
    fn refused(&mut self, input: Input) -> RoutingError {
        let before = format!("{:?}", self.r);
        let err = self.r.handle(input, self.now).unwrap_err();
        assert_eq!(
            format!("{:?}", self.r),
            before,
            "a refused input changed the router"
        );
        err
    }

    fn login(&mut self, agent: AgentId, skills: &[(ServiceGroup, u8)], langs: &[Language]) {
        let d = self.h(Input::AgentLoggedIn {
            agent,
            skills: skills.iter().map(|(g, n)| (*g, p(*n))).collect(),
            languages: langs.to_vec(),
        });
        assert!(d.is_empty());
    }

    fn ready(&mut self, agent: AgentId) -> Vec<Decision> {
        self.h(Input::AgentReady { agent })
    }

    fn arrive(&mut self, contact: i64, group: ServiceGroup, lang: Language) -> Vec<Decision> {
        self.arrive_with(contact, group, lang, 0, false)
    }

    fn arrive_with(
        &mut self,
        contact: i64,
        group: ServiceGroup,
        language: Language,
        priority: u8,
        accepts_italian: bool,
    ) -> Vec<Decision> {
        self.h(Input::ContactArrived {
            contact: c(contact),
            group,
            language,
            priority,
            accepts_italian,
        })
    }

    fn accept(&mut self, agent: AgentId, contact: i64) {
        let d = self.h(Input::OfferAccepted {
            agent,
            contact: c(contact),
        });
        assert!(d.is_empty(), "{d:?}");
    }

    fn state(&self, agent: AgentId) -> AgentState {
        self.r.agent(agent).unwrap().state
    }

    fn cstate(&self, contact: i64) -> Option<ContactState> {
        self.r.contact(c(contact)).map(|i| i.state)
    }

    fn stats(&self, group: ServiceGroup, lang: Language) -> crate::QueueStats {
        self.r
            .queue_stats(self.now)
            .into_iter()
            .find(|s| s.queue == QueueKey::new(group, lang))
            .unwrap()
    }
}

fn offer(agent: AgentId, contact: i64, group: ServiceGroup, lang: Language) -> Decision {
    Decision::Offer {
        agent,
        contact: c(contact),
        queue: QueueKey::new(group, lang),
    }
}

#[test]
fn a_call_goes_through_every_agent_state() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 4)], &[IT]);
    assert_eq!(t.state(A1), AgentState::NotReady(NotReadyReason::LoggedIn));
    assert!(t.at(1.0).ready(A1).is_empty());
    assert_eq!(
        t.state(A1),
        AgentState::Ready {
            idle_since: Millis(1000)
        }
    );
    assert_eq!(t.at(2.0).arrive(10, PEN, IT), vec![offer(A1, 10, PEN, IT)]);
    assert_eq!(
        t.state(A1),
        AgentState::Reserved {
            contact: c(10),
            deadline: Millis(17_000)
        }
    );
    assert_eq!(t.cstate(10), Some(ContactState::Offered { agent: A1 }));
    t.at(5.0).accept(A1, 10);
    assert_eq!(t.state(A1), AgentState::Busy { contact: c(10) });
    assert_eq!(t.cstate(10), Some(ContactState::Connected { agent: A1 }));
    assert!(t.at(65.0).h(Input::CallEnded { contact: c(10) }).is_empty());
    assert_eq!(
        t.state(A1),
        AgentState::AfterCallWork {
            deadline: Millis(125_000)
        }
    );
    assert_eq!(t.cstate(10), None, "an ended contact leaves the router");
    assert!(t.at(70.0).h(Input::WrapUpDone { agent: A1 }).is_empty());
    assert_eq!(
        t.state(A1),
        AgentState::Ready {
            idle_since: Millis(70_000)
        }
    );
    assert!(t.at(71.0).h(Input::AgentLoggedOut { agent: A1 }).is_empty());
    assert_eq!(t.state(A1), AgentState::Offline);
    // Handle time = talk (60 s) + wrap-up (5 s).
    let s = t.stats(PEN, IT);
    assert_eq!(s.handled, 1);
    assert_eq!(s.average_handle_time(), Some(Duration::from_secs(65)));
    assert_eq!(s.estimate_handle_time, Duration::from_secs(65));
    assert_eq!(
        t.r.next_deadline(),
        None,
        "the void wrap-up timer is dropped"
    );
}

#[test]
fn the_longest_idle_eligible_agent_gets_the_contact() {
    let mut t = T::new();
    for a in [A1, A2, A3] {
        t.login(a, &[(PEN, 3)], &[IT]);
    }
    t.at(1.0).ready(A2);
    t.at(2.0).ready(A3);
    t.at(3.0).ready(A1);
    assert_eq!(t.at(4.0).arrive(1, PEN, IT), vec![offer(A2, 1, PEN, IT)]);
    assert_eq!(t.arrive(2, PEN, IT), vec![offer(A3, 2, PEN, IT)]);
    assert_eq!(t.arrive(3, PEN, IT), vec![offer(A1, 3, PEN, IT)]);
    assert!(t.arrive(4, PEN, IT).is_empty());
}

#[test]
fn contacts_go_by_priority_then_age_and_queue_priority_counts() {
    let mut config = RoutingConfig::inps();
    for q in &mut config.queues {
        if q.key == QueueKey::new(DIS, IT) {
            q.priority = 10;
        }
    }
    let mut t = T::with(config);
    t.login(A1, &[(PEN, 5), (DIS, 5)], &[IT]);
    t.at(1.0).arrive_with(1, PEN, IT, 0, false);
    t.at(2.0).arrive_with(2, PEN, IT, 0, false);
    t.at(3.0).arrive_with(3, PEN, IT, 5, false);
    t.at(4.0).arrive_with(4, DIS, IT, 0, false); // queue priority 10
    t.at(5.0).arrive_with(5, PEN, IT, 5, false);
    let mut order = Vec::new();
    t.at(10.0).ready(A1);
    for _ in 0..5 {
        let AgentState::Reserved { contact, .. } = t.state(A1) else {
            panic!("agent not reserved: {:?}", t.state(A1));
        };
        order.push(contact.get());
        t.accept(A1, contact.get());
        t.h(Input::CallEnded { contact });
        t.h(Input::WrapUpDone { agent: A1 });
    }
    assert_eq!(order, vec![4, 3, 5, 1, 2]);
}

#[test]
fn skills_and_languages_are_respected_and_relaxation_widens_in_steps() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 5)], &[EN]); // right group, wrong language
    t.login(A2, &[(DIS, 5)], &[IT]); // right language, wrong group
    t.login(A3, &[(PEN, 1)], &[IT]); // proficiency 1: only after 180 s
    for a in [A1, A2, A3] {
        t.ready(a);
    }
    assert!(t.at(0.0).arrive(1, PEN, IT).is_empty());
    assert_eq!(t.r.next_deadline(), Some(Millis(60_000)));
    assert!(t.at(60.0).tick().is_empty(), "level 1 wants proficiency 2");
    assert_eq!(t.r.contact(c(1)).unwrap().level, 1);
    assert_eq!(t.r.next_deadline(), Some(Millis(180_000)));
    assert!(t.at(179.999).tick().is_empty());
    assert_eq!(t.at(180.0).tick(), vec![offer(A3, 1, PEN, IT)]);
}

#[test]
fn proficiency_two_suffices_after_sixty_seconds() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 2)], &[IT]);
    t.ready(A1);
    assert!(t.arrive(1, PEN, IT).is_empty());
    assert!(t.at(59.9).tick().is_empty());
    assert_eq!(t.at(60.0).tick(), vec![offer(A1, 1, PEN, IT)]);
}

#[test]
fn a_foreign_caller_who_agreed_may_go_to_italian_agents_after_the_step() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 4)], &[IT]);
    t.ready(A1);
    assert!(t.arrive_with(1, PEN, EN, 0, false).is_empty());
    assert!(t.arrive_with(2, PEN, EN, 0, true).is_empty());
    assert!(t.at(119.0).tick().is_empty());
    assert_eq!(t.at(120.0).tick(), vec![offer(A1, 2, PEN, EN)]);
    t.accept(A1, 2);
    t.h(Input::CallEnded { contact: c(2) });
    // The caller who did not agree never goes to an Italian-only agent, even at the last level.
    assert!(t.at(500.0).h(Input::WrapUpDone { agent: A1 }).is_empty());
    assert_eq!(t.cstate(1), Some(ContactState::Waiting));
    assert_eq!(t.r.contact(c(1)).unwrap().level, 3);
    // A bilingual agent takes them at once.
    t.login(A2, &[(PEN, 3)], &[IT, EN]);
    assert_eq!(t.ready(A2), vec![offer(A2, 1, PEN, EN)]);
}

#[test]
fn an_unanswered_offer_is_withdrawn_and_the_contact_keeps_its_place() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.at(0.0).ready(A1);
    t.at(1.0).ready(A2);
    assert_eq!(t.at(2.0).arrive(1, PEN, IT), vec![offer(A1, 1, PEN, IT)]);
    assert_eq!(t.r.next_deadline(), Some(Millis(17_000)));
    assert!(t.at(16.9).tick().is_empty());
    assert_eq!(
        t.at(17.0).tick(),
        vec![
            Decision::OfferWithdrawn {
                agent: A1,
                contact: c(1),
                reason: WithdrawReason::TimedOut
            },
            offer(A2, 1, PEN, IT),
        ]
    );
    let info = t.r.agent(A1).unwrap();
    assert_eq!(info.missed_offers, 1);
    assert_eq!(
        info.state,
        AgentState::Ready {
            idle_since: Millis(17_000)
        }
    );
    assert_eq!(t.r.contact(c(1)).unwrap().arrived, Millis(2000));
    assert_eq!(t.stats(PEN, IT).missed_offers, 1);
}

#[test]
fn missed_offers_in_a_row_put_the_agent_not_ready() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    // Alone, the agent is offered the same contact again after each miss.
    for (i, secs) in [15.0, 30.0].into_iter().enumerate() {
        let d = t.at(secs).tick();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[1], offer(A1, 1, PEN, IT));
        assert_eq!(t.r.agent(A1).unwrap().missed_offers, i as u32 + 1);
    }
    assert_eq!(
        t.at(45.0).tick(),
        vec![
            Decision::OfferWithdrawn {
                agent: A1,
                contact: c(1),
                reason: WithdrawReason::TimedOut
            },
            Decision::AgentNotReady {
                agent: A1,
                reason: NotReadyReason::MissedOffers
            },
        ]
    );
    assert_eq!(
        t.state(A1),
        AgentState::NotReady(NotReadyReason::MissedOffers)
    );
    assert_eq!(t.cstate(1), Some(ContactState::Waiting));
    // Ready again: offered, accepted; the count restarts.
    assert_eq!(t.at(50.0).ready(A1), vec![offer(A1, 1, PEN, IT)]);
    t.accept(A1, 1);
    assert_eq!(t.r.agent(A1).unwrap().missed_offers, 0);
}

#[test]
fn a_decline_counts_as_missed_and_the_contact_tries_someone_else() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.at(0.0).ready(A1);
    t.at(1.0).ready(A2);
    t.at(2.0).arrive(1, PEN, IT);
    let d = t.h(Input::OfferDeclined {
        agent: A1,
        contact: c(1),
    });
    assert_eq!(d, vec![offer(A2, 1, PEN, IT)]);
    assert_eq!(t.r.agent(A1).unwrap().missed_offers, 1);

    // With declines not counted, the agent's count stays.
    let mut config = RoutingConfig::inps();
    config.declines_count_as_missed = false;
    let mut t = T::with(config);
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    let d = t.h(Input::OfferDeclined {
        agent: A1,
        contact: c(1),
    });
    assert_eq!(d, vec![offer(A1, 1, PEN, IT)]);
    assert_eq!(t.r.agent(A1).unwrap().missed_offers, 0);
}

#[test]
fn abandoning_while_offered_frees_the_agent_at_their_place() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.at(0.0).ready(A1);
    t.at(1.0).ready(A2);
    t.at(2.0).arrive(1, PEN, IT);
    let d = t.at(9.0).h(Input::ContactAbandoned { contact: c(1) });
    assert_eq!(
        d,
        vec![Decision::OfferWithdrawn {
            agent: A1,
            contact: c(1),
            reason: WithdrawReason::ContactAbandoned
        }]
    );
    assert_eq!(t.cstate(1), None);
    assert_eq!(
        t.state(A1),
        AgentState::Ready {
            idle_since: Millis(0)
        }
    );
    assert_eq!(t.r.agent(A1).unwrap().missed_offers, 0);
    // Still the longest idle.
    assert_eq!(t.arrive(2, PEN, IT), vec![offer(A1, 2, PEN, IT)]);
    assert_eq!(t.stats(PEN, IT).abandoned, 1);
}

#[test]
fn a_callback_keeps_its_place_and_is_called_back_at_its_turn() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.at(0.0).arrive(1, PEN, IT);
    t.at(1.0).arrive(2, PEN, IT);
    assert!(
        t.at(30.0)
            .h(Input::CallbackRequested { contact: c(1) })
            .is_empty()
    );
    assert_eq!(t.cstate(1), Some(ContactState::WaitingCallback));
    assert_eq!(t.r.wait_info(c(1), t.now).unwrap().position, 1);
    assert_eq!(t.r.wait_info(c(2), t.now).unwrap().position, 2);
    let s = t.stats(PEN, IT);
    assert_eq!(
        (s.waiting, s.callbacks_waiting, s.callbacks_requested),
        (1, 1, 1)
    );
    assert_eq!(
        t.at(40.0).ready(A1),
        vec![Decision::CallBack {
            agent: A1,
            contact: c(1),
            queue: QueueKey::new(PEN, IT)
        }]
    );
    t.accept(A1, 1);
    assert_eq!(t.cstate(1), Some(ContactState::Connected { agent: A1 }));
    t.at(100.0).h(Input::CallEnded { contact: c(1) });
    let s = t.stats(PEN, IT);
    assert_eq!(
        (s.called_back, s.answered),
        (1, 0),
        "callbacks stay out of the service level"
    );
    // Asking twice is harmless; asking once offered is refused.
    t.h(Input::CallbackRequested { contact: c(2) });
    t.h(Input::CallbackRequested { contact: c(2) });
    assert_eq!(t.stats(PEN, IT).callbacks_requested, 2);
    // A cancelled callback is counted apart from abandons.
    t.h(Input::ContactAbandoned { contact: c(2) });
    let s = t.stats(PEN, IT);
    assert_eq!(
        (s.callbacks_cancelled, s.abandoned, s.short_abandoned),
        (1, 0, 0)
    );
}

#[test]
fn not_ready_during_a_call_applies_after_wrap_up() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    t.accept(A1, 1);
    let brk = NotReadyReason::Other("break".into());
    assert!(
        t.h(Input::AgentNotReady {
            agent: A1,
            reason: brk.clone()
        })
        .is_empty()
    );
    assert_eq!(t.state(A1), AgentState::Busy { contact: c(1) });
    assert_eq!(t.r.agent(A1).unwrap().pending_not_ready, Some(brk.clone()));
    t.arrive(2, PEN, IT);
    t.at(50.0).h(Input::CallEnded { contact: c(1) });
    assert_eq!(
        t.at(55.0).h(Input::WrapUpDone { agent: A1 }),
        vec![Decision::AgentNotReady {
            agent: A1,
            reason: brk.clone()
        }]
    );
    assert_eq!(t.state(A1), AgentState::NotReady(brk));
    assert_eq!(t.cstate(2), Some(ContactState::Waiting));
}

#[test]
fn not_ready_during_wrap_up_applies_at_once_and_ready_ends_wrap_up() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    t.accept(A1, 1);
    t.at(10.0).h(Input::CallEnded { contact: c(1) });
    let brk = NotReadyReason::Other("training".into());
    let d = t.h(Input::AgentNotReady {
        agent: A1,
        reason: brk.clone(),
    });
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(t.state(A1), AgentState::NotReady(brk));

    t.ready(A1);
    t.arrive(2, PEN, IT);
    t.accept(A1, 2);
    t.at(20.0).h(Input::CallEnded { contact: c(2) });
    t.arrive(3, PEN, IT);
    assert_eq!(t.at(21.0).ready(A1), vec![offer(A1, 3, PEN, IT)]);
}

#[test]
fn wrap_up_times_out_and_the_agent_takes_the_next_contact() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    t.accept(A1, 1);
    t.at(30.0).h(Input::CallEnded { contact: c(1) });
    t.arrive(2, PEN, IT);
    // Wrap-up ends at 90 s, when contact 2 (arrived at 30 s) also reaches its next level.
    assert_eq!(t.r.next_deadline(), Some(Millis(90_000)));
    assert!(t.at(89.9).tick().is_empty());
    assert_eq!(
        t.at(90.0).tick(),
        vec![Decision::AgentReady { agent: A1 }, offer(A1, 2, PEN, IT)]
    );
    // A late WrapUpDone is refused and changes nothing.
    assert!(matches!(
        t.refused(Input::WrapUpDone { agent: A1 }),
        RoutingError::AgentState { .. }
    ));
}

#[test]
fn without_wrap_up_agents_are_ready_as_the_call_ends() {
    let mut config = RoutingConfig::inps();
    config.wrap_up_timeout = Duration::ZERO;
    let mut t = T::with(config);
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    t.accept(A1, 1);
    t.arrive(2, PEN, IT);
    assert_eq!(
        t.at(5.0).h(Input::CallEnded { contact: c(1) }),
        vec![offer(A1, 2, PEN, IT)]
    );
}

#[test]
fn logging_out_from_each_state_leaves_nothing_behind() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.at(0.0).ready(A1);
    t.at(1.0).arrive(1, PEN, IT);
    // Reserved: the offer is withdrawn, the contact keeps its place and finds A2.
    t.at(2.0).ready(A2);
    let d = t.at(3.0).h(Input::AgentLoggedOut { agent: A1 });
    assert_eq!(
        d,
        vec![
            Decision::OfferWithdrawn {
                agent: A1,
                contact: c(1),
                reason: WithdrawReason::AgentLoggedOut
            },
            offer(A2, 1, PEN, IT),
        ]
    );
    // Busy: the call counts as ended.
    t.accept(A2, 1);
    t.at(13.0).h(Input::AgentLoggedOut { agent: A2 });
    assert_eq!(t.cstate(1), None);
    assert_eq!(t.state(A2), AgentState::Offline);
    assert_eq!(t.stats(PEN, IT).handled, 1);
    // Twice: harmless. Then back in with new skills.
    assert!(t.h(Input::AgentLoggedOut { agent: A2 }).is_empty());
    t.login(A2, &[(DIS, 5)], &[EN]);
    assert_eq!(t.r.agent(A2).unwrap().skills, vec![(DIS, p(5))]);
    assert_eq!(t.r.agent(A2).unwrap().languages, vec![EN]);
    // Not ready while reserved: withdrawn too.
    t.ready(A2);
    t.arrive(5, DIS, EN);
    let d = t.h(Input::AgentNotReady {
        agent: A2,
        reason: NotReadyReason::Other("phone".into()),
    });
    assert_eq!(
        d,
        vec![Decision::OfferWithdrawn {
            agent: A2,
            contact: c(5),
            reason: WithdrawReason::AgentNotReady
        }]
    );
    assert_eq!(t.cstate(5), Some(ContactState::Waiting));
}

#[test]
fn repeated_requests_from_two_supervisors_are_harmless() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.at(1.0).ready(A1);
    assert!(t.at(2.0).ready(A1).is_empty());
    assert_eq!(
        t.state(A1),
        AgentState::Ready {
            idle_since: Millis(1000)
        }
    );
    let r1 = NotReadyReason::Other("meeting".into());
    let r2 = NotReadyReason::Other("break".into());
    t.h(Input::AgentNotReady {
        agent: A1,
        reason: r1,
    });
    t.h(Input::AgentNotReady {
        agent: A1,
        reason: r2.clone(),
    });
    assert_eq!(t.state(A1), AgentState::NotReady(r2));
}

#[test]
fn illegal_inputs_are_refused_and_change_nothing() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.arrive(1, PEN, IT);
    t.arrive(2, PEN, IT);
    assert_eq!(
        t.refused(Input::AgentReady { agent: A3 }),
        RoutingError::UnknownAgent(A3)
    );
    assert_eq!(
        t.refused(Input::OfferAccepted {
            agent: A2,
            contact: c(1)
        }),
        RoutingError::NoSuchOffer {
            agent: A2,
            contact: c(1)
        }
    );
    assert_eq!(
        t.refused(Input::OfferAccepted {
            agent: A1,
            contact: c(2)
        }),
        RoutingError::NoSuchOffer {
            agent: A1,
            contact: c(2)
        }
    );
    t.accept(A1, 1);
    assert!(matches!(
        t.refused(Input::OfferAccepted {
            agent: A1,
            contact: c(1)
        }),
        RoutingError::NoSuchOffer { .. }
    ));
    assert!(matches!(
        t.refused(Input::AgentReady { agent: A1 }),
        RoutingError::AgentState { .. }
    ));
    assert!(matches!(
        t.refused(Input::CallEnded { contact: c(2) }),
        RoutingError::ContactState { .. }
    ));
    assert!(matches!(
        t.refused(Input::ContactAbandoned { contact: c(1) }),
        RoutingError::ContactState { .. }
    ));
    assert_eq!(
        t.refused(Input::CallEnded { contact: c(9) }),
        RoutingError::UnknownContact(c(9))
    );
    assert_eq!(
        t.refused(Input::ContactArrived {
            contact: c(2),
            group: PEN,
            language: IT,
            priority: 0,
            accepts_italian: false
        }),
        RoutingError::DuplicateContact(c(2))
    );
    assert!(matches!(
        t.refused(Input::WrapUpDone { agent: A2 }),
        RoutingError::AgentState { .. }
    ));
    assert_eq!(
        t.refused(Input::AgentLoggedIn {
            agent: A2,
            skills: vec![(PEN, p(1))],
            languages: vec![IT]
        }),
        RoutingError::AlreadyLoggedIn(A2)
    );
    assert_eq!(
        t.refused(Input::AgentLoggedIn {
            agent: A3,
            skills: vec![],
            languages: vec![IT]
        }),
        RoutingError::NoSkills(A3)
    );
    assert_eq!(
        t.refused(Input::AgentLoggedIn {
            agent: A3,
            skills: vec![(PEN, p(1))],
            languages: vec![]
        }),
        RoutingError::NoLanguages(A3)
    );
    assert_eq!(
        t.refused(Input::AgentLoggedIn {
            agent: A3,
            skills: vec![(PEN, p(1)), (DIS, p(2)), (PEN, p(3))],
            languages: vec![IT]
        }),
        RoutingError::DuplicateSkill {
            agent: A3,
            group: PEN
        }
    );
    t.h(Input::AgentLoggedOut { agent: A2 });
    assert!(matches!(
        t.refused(Input::AgentNotReady {
            agent: A2,
            reason: NotReadyReason::LoggedIn
        }),
        RoutingError::AgentState { .. }
    ));
    t.at(30.0);
    t.refused(Input::OfferDeclined {
        agent: A2,
        contact: c(2),
    });
    assert_eq!(
        t.r.now(),
        Millis::ZERO,
        "a refused input does not move the clock"
    );
}

#[test]
fn a_contact_for_a_queue_that_is_not_configured_is_refused() {
    let mut config = RoutingConfig::inps();
    config.queues.retain(|q| q.key.language == IT);
    let mut t = T::with(config);
    assert_eq!(
        t.refused(Input::ContactArrived {
            contact: c(1),
            group: PEN,
            language: EN,
            priority: 0,
            accepts_italian: true
        }),
        RoutingError::UnknownQueue(QueueKey::new(PEN, EN))
    );
    // An English speaker logs in; only Italian queues exist, so they serve nothing English.
    t.login(A1, &[(PEN, 5)], &[EN]);
    t.ready(A1);
    assert!(t.arrive(2, PEN, IT).is_empty());
}

#[test]
fn service_level_asa_and_abandons_follow_the_formulas() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.at(0.0).arrive(1, PEN, IT);
    t.arrive(2, PEN, IT);
    t.arrive(3, PEN, IT);
    t.arrive(4, PEN, IT);
    t.at(3.0).h(Input::ContactAbandoned { contact: c(3) }); // short: excluded
    t.at(10.0).ready(A1);
    t.accept(A1, 1); // waited 10 s: within 20 s
    t.at(30.0).ready(A2);
    t.accept(A2, 2); // waited 30 s
    t.at(40.0).h(Input::ContactAbandoned { contact: c(4) }); // counted
    let s = t.stats(PEN, IT);
    assert_eq!(s.offered, 4);
    assert_eq!((s.answered, s.answered_within_threshold), (2, 1));
    assert_eq!((s.abandoned, s.short_abandoned), (1, 1));
    assert_eq!(s.service_level(), Some(1.0 / 3.0));
    assert_eq!(s.average_speed_of_answer(), Some(Duration::from_secs(20)));
    assert_eq!(s.abandon_rate(), Some(1.0 / 3.0));
    assert_eq!(s.agents.busy, 2);
    assert_eq!(s.agents.logged_in(), 2);
    t.r.reset_counters();
    let s = t.stats(PEN, IT);
    assert_eq!((s.offered, s.answered, s.service_level()), (0, 0, None));
    assert_eq!(s.agents.busy, 2, "agents are live state, not counters");
}

#[test]
fn wallboard_shows_waiting_longest_wait_and_agents_by_state() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT, EN]);
    t.login(A2, &[(PEN, 1)], &[IT]);
    t.login(A3, &[(DIS, 3)], &[IT]);
    t.ready(A2);
    t.at(0.0).arrive(1, PEN, IT);
    t.at(5.0).arrive_with(2, PEN, IT, 9, false);
    let s = t.at(20.0).stats(PEN, IT);
    assert_eq!(s.waiting, 2);
    assert_eq!(
        s.longest_wait,
        Duration::from_secs(20),
        "the oldest, not the first"
    );
    assert_eq!(
        (s.agents.ready, s.agents.not_ready, s.agents.logged_in()),
        (1, 1, 2)
    );
    let en = t.stats(PEN, EN);
    assert_eq!((en.agents.not_ready, en.waiting), (1, 0));
    assert_eq!(t.stats(DIS, IT).agents.not_ready, 1);
}

#[test]
fn wait_estimates_use_position_handle_time_and_staffing() {
    let mut config = RoutingConfig::inps();
    config.initial_handle_time = Duration::from_secs(300);
    config.wrap_up_timeout = Duration::ZERO;
    let mut t = T::with(config);
    // No agents: no estimate.
    t.at(0.0).arrive(1, PEN, IT);
    assert_eq!(t.r.contact(c(1)).unwrap().estimated_wait_at_arrival, None);
    assert_eq!(t.r.wait_info(c(1), t.now).unwrap().estimated_wait, None);
    t.h(Input::ContactAbandoned { contact: c(1) });
    // Two agents busy: 300 s / 2 agents per place.
    for a in [A1, A2] {
        t.login(a, &[(PEN, 3)], &[IT]);
        t.ready(a);
    }
    t.arrive(2, PEN, IT);
    t.arrive(3, PEN, IT);
    assert_eq!(
        t.r.contact(c(2)).unwrap().estimated_wait_at_arrival,
        Some(Duration::ZERO),
        "offered at once"
    );
    t.accept(A1, 2);
    t.accept(A2, 3);
    t.arrive(4, PEN, IT);
    t.arrive_with(5, PEN, IT, 0, false);
    t.arrive_with(6, PEN, IT, 1, false); // higher priority: first in line
    let est = |t: &T, n| t.r.contact(c(n)).unwrap().estimated_wait_at_arrival;
    assert_eq!(est(&t, 4), Some(Duration::from_secs(150)));
    assert_eq!(est(&t, 5), Some(Duration::from_secs(300)));
    assert_eq!(est(&t, 6), Some(Duration::from_secs(150)));
    t.at(10.0);
    let w = t.r.wait_info(c(5), t.now).unwrap();
    assert_eq!(w.position, 3);
    assert_eq!(w.estimated_wait, Some(Duration::from_secs(450)));
    assert_eq!(w.waited, Duration::from_secs(10));
    // A call of 100 s ends: the first measured handle time replaces the assumed one.
    t.at(100.0).h(Input::CallEnded { contact: c(2) });
    assert_eq!(
        t.stats(PEN, IT).estimate_handle_time,
        Duration::from_secs(100)
    );
    assert_eq!(
        t.r.contact(c(6)).unwrap().state,
        ContactState::Offered { agent: A1 }
    );
    assert_eq!(
        t.r.wait_info(c(6), t.now),
        None,
        "only waiting contacts have a position"
    );
    let w = t.r.wait_info(c(5), t.now).unwrap();
    assert_eq!(w.position, 2);
    assert_eq!(w.estimated_wait, Some(Duration::from_secs(100)));
    // Accuracy: contact 6 was told 150 s and waited 100 s.
    t.accept(A1, 6);
    let e = t.stats(PEN, IT).estimates;
    assert_eq!(e.samples, 3);
    // Contacts 2 and 3: told 0, waited 0; contact 6: told 150 s, waited 100 s.
    assert_eq!(e.sum_error_ms, 150_000 - 100_000);
    // Second sample, 120 s: the mean of the first W samples, (100 + 120) / 2.
    t.at(120.0).h(Input::CallEnded { contact: c(3) });
    assert_eq!(
        t.stats(PEN, IT).estimate_handle_time,
        Duration::from_secs(110)
    );
}

#[test]
fn the_clock_never_goes_backwards() {
    let mut t = T::new();
    t.login(A1, &[(PEN, 3)], &[IT]);
    t.at(10.0).ready(A1);
    t.at(5.0).arrive(1, PEN, IT);
    assert_eq!(t.r.contact(c(1)).unwrap().arrived, Millis(10_000));
    assert_eq!(t.r.now(), Millis(10_000));
}

#[test]
fn an_agent_of_several_queues_counts_as_a_share_of_each() {
    let mut t = T::new();
    // Pensions and disability, Italian and English: four queues, a quarter in each.
    t.login(A1, &[(PEN, 3), (DIS, 3)], &[IT, EN]);
    // Pensions in Italian only: one queue, whole.
    t.login(A2, &[(PEN, 3)], &[IT]);
    t.ready(A1);
    t.ready(A2);
    t.arrive(1, PEN, IT);
    t.arrive(2, PEN, IT);
    t.arrive(3, PEN, IT); // both busy: position 1 over 1.25 agents
    let est = t.r.contact(c(3)).unwrap().estimated_wait_at_arrival;
    assert_eq!(est, Some(Duration::from_secs(240)));
    t.arrive(4, DIS, EN); // position 1 over 0.25 agents
    let est = t.r.contact(c(4)).unwrap().estimated_wait_at_arrival;
    assert_eq!(est, Some(Duration::from_secs(1200)));
    // Logged out: the share leaves every queue.
    t.h(Input::AgentLoggedOut { agent: A2 });
    t.h(Input::AgentLoggedOut { agent: A1 });
    assert_eq!(t.r.wait_info(c(3), t.now).unwrap().estimated_wait, None);
    assert_eq!(t.r.wait_info(c(4), t.now).unwrap().estimated_wait, None);
}
