//! Replay and robustness: random callers against the sample flows.
//!
//! A random script of caller choices is played against a contact (the driver turns "finish the
//! prompt" or "let the timer fire" into events with the ids the contact handed out, so the
//! scripts reach deep into the flows), the event log is recorded, and then replayed from
//! scratch: the actions must be the same, step for step. Along the way the host-side invariants
//! are checked: one playback and one timer at a time, timers never in the past, nothing after
//! `HangUp`, and — the "no dead end" rule — a contact that has not ended is always waiting for
//! something that will happen (a prompt, a timer, or routing).

use std::collections::BTreeMap;

use domain::Language;
use flow::{Action, Contact, Event, PlaybackId, RequestId, TimerId, Value, Vars};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;

use crate::support::{calendars, flows, rome};

/// One thing a random caller (or the host) does.
#[derive(Debug, Clone)]
enum Choice {
    Finish,
    Fire,
    Keys(String),
    /// What the question being asked wants (a tax code to a tax-code prompt, …), else this key.
    Answer(char),
    Say(usize),
    Result(usize, bool),
    AgentDone,
    QueueUnavailable,
    HangUp,
    Wait(u16),
    StaleFinish(u64),
    StaleTimeout(u64),
    StaleResult(u64),
    Started,
}

const PHRASES: [&str; 6] = [
    "pension",
    "deutsch",
    "application status please",
    "3",
    "1 2 3 4 5 6",
    "nothing useful",
];

const OUTCOMES: [&str; 8] = [
    "ok",
    "not_found",
    "invalid",
    "ambiguous",
    "locked",
    "unavailable",
    "error",
    "surprise",
];

fn choice() -> impl Strategy<Value = Choice> {
    prop_oneof![
        8 => Just(Choice::Finish),
        4 => Just(Choice::Fire),
        3 => "[0-9*#]{1,3}".prop_map(Choice::Keys),
        1 => "[0-9]{6,17}#?".prop_map(Choice::Keys),
        8 => prop::sample::select(&['1', '2', '3', '5'][..]).prop_map(Choice::Answer),
        1 => (0..PHRASES.len()).prop_map(Choice::Say),
        4 => (prop_oneof![2 => Just(0), 1 => Just(1), 2 => 0..OUTCOMES.len()], any::<bool>())
            .prop_map(|(o, f)| Choice::Result(o, f)),
        1 => Just(Choice::AgentDone),
        1 => Just(Choice::QueueUnavailable),
        1 => (0u16..600).prop_map(Choice::Wait),
        1 => (0u64..40).prop_map(Choice::StaleFinish),
        1 => (0u64..40).prop_map(Choice::StaleTimeout),
        1 => (0u64..40).prop_map(Choice::StaleResult),
        1 => Just(Choice::Started),
        1 => Just(Choice::HangUp),
    ]
}

fn new_contact(language: Language) -> Contact {
    let vars: Vars = [("dialled".to_owned(), Value::from("803164"))].into();
    Contact::new(flows(), calendars(), "main", language, vars).expect("the sample contact")
}

/// What the host knows from the actions so far.
#[derive(Debug, Default)]
struct Host {
    playback: Option<PlaybackId>,
    timer: Option<(TimerId, Timestamp)>,
    request: Option<RequestId>,
    enqueued: bool,
    /// The last prompt of the last playback.
    asked: String,
    hung_up: bool,
}

impl Host {
    /// Applies one step's actions, checking the host-side invariants.
    fn apply(&mut self, actions: &[Action], now: Timestamp) -> Result<(), String> {
        for (i, action) in actions.iter().enumerate() {
            if self.hung_up {
                return Err(format!("action after HangUp: {action:?}"));
            }
            match action {
                Action::Play {
                    playback, prompts, ..
                } => {
                    if let Some(old) = self.playback {
                        return Err(format!("Play {playback:?} while {old:?} still plays"));
                    }
                    self.playback = Some(*playback);
                    self.asked = prompts.last().map(|p| p.id.clone()).unwrap_or_default();
                }
                Action::StopPlayback { playback } => {
                    if self.playback != Some(*playback) {
                        return Err(format!("StopPlayback of {playback:?}, not playing"));
                    }
                    self.playback = None;
                }
                Action::StartTimer { timer, at } => {
                    if let Some(old) = self.timer {
                        return Err(format!("StartTimer {timer:?} while {old:?} runs"));
                    }
                    if *at < now {
                        return Err(format!("timer {timer:?} in the past"));
                    }
                    self.timer = Some((*timer, *at));
                }
                Action::CancelTimer { timer } => {
                    if self.timer.map(|t| t.0) != Some(*timer) {
                        return Err(format!("CancelTimer of {timer:?}, not running"));
                    }
                    self.timer = None;
                }
                Action::Invoke { request, .. } => self.request = Some(*request),
                Action::Enqueue { .. } => self.enqueued = true,
                Action::HangUp { .. } => {
                    self.hung_up = true;
                    if i + 1 != actions.len() {
                        return Err("HangUp is not the last action".into());
                    }
                }
                Action::Entered { .. } => self.enqueued = false,
                Action::SetLanguage { .. } | Action::SurveyAnswer { .. } => {}
            }
        }
        Ok(())
    }
}

/// A contact's events with the instants they were fed at.
type Log = Vec<(Event, Timestamp)>;

/// Plays a script; returns the event log and each step's actions.
fn run(
    language: Language,
    start: Timestamp,
    script: &[Choice],
) -> Result<(Log, Vec<Vec<Action>>), String> {
    let mut contact = new_contact(language);
    let mut host = Host::default();
    let mut now = start;
    let mut log = Vec::new();
    let mut steps = Vec::new();
    let mut send = |contact: &mut Contact,
                    host: &mut Host,
                    event: Event,
                    now: Timestamp|
     -> Result<(), String> {
        log.push((event.clone(), now));
        let actions = contact.step(event, now);
        host.apply(&actions, now)?;
        steps.push(actions);
        Ok(())
    };
    send(&mut contact, &mut host, Event::Started, now)?;
    for choice in script {
        now = now
            .checked_add(SignedDuration::from_secs(1))
            .map_err(|e| e.to_string())?;
        let event = match choice {
            Choice::Finish => match host.playback.take() {
                Some(playback) => Event::PromptFinished { playback },
                None => continue,
            },
            Choice::Fire => match host.timer.take() {
                Some((timer, at)) => {
                    now = now.max(at);
                    Event::Timeout { timer }
                }
                None => continue,
            },
            Choice::Keys(keys) => Event::Digits(keys.clone()),
            Choice::Answer(key) => Event::Digits(match host.asked.as_str() {
                "enter-tax-code" => "7777226241501234".to_owned(),
                "enter-pin" => "12345678".to_owned(),
                "enter-birth-date" => "01021980".to_owned(),
                "enter-application" => "123456#".to_owned(),
                _ => key.to_string(),
            }),
            Choice::Say(i) => Event::Speech(PHRASES[*i].to_owned()),
            Choice::Result(o, with_fields) => {
                let Some(request) = host.request.take() else {
                    continue;
                };
                let fields = if *with_fields {
                    BTreeMap::from([
                        ("citizen".to_owned(), Value::from("C-1")),
                        ("status".to_owned(), Value::from("approved")),
                        ("updated".to_owned(), Value::from(3)),
                    ])
                } else {
                    BTreeMap::new()
                };
                Event::OperationResult {
                    request,
                    outcome: OUTCOMES[*o].to_owned(),
                    fields,
                }
            }
            Choice::AgentDone => {
                host.enqueued = false;
                Event::AgentCallEnded
            }
            Choice::QueueUnavailable => {
                host.enqueued = false;
                Event::QueueUnavailable
            }
            Choice::HangUp => Event::HangUp,
            Choice::Wait(s) => {
                now = now
                    .checked_add(SignedDuration::from_secs(i64::from(*s)))
                    .map_err(|e| e.to_string())?;
                continue;
            }
            Choice::StaleFinish(id) => Event::PromptFinished {
                playback: PlaybackId(*id),
            },
            Choice::StaleTimeout(id) => Event::Timeout {
                timer: TimerId(*id),
            },
            Choice::StaleResult(id) => Event::OperationResult {
                request: RequestId(*id),
                outcome: "ok".into(),
                fields: BTreeMap::new(),
            },
            Choice::Started => Event::Started,
        };
        // A stale id that happens to be the live one is a real event: keep the host in step.
        match &event {
            Event::PromptFinished { playback } if host.playback == Some(*playback) => {
                host.playback = None;
            }
            Event::Timeout { timer } if host.timer.map(|t| t.0) == Some(*timer) => {
                host.timer = None;
            }
            _ => {}
        }
        send(&mut contact, &mut host, event, now)?;
        if contact.is_ended() {
            if !host.hung_up && contact.end_reason() != Some(&flow::EndReason::CallerHungUp) {
                return Err("ended without HangUp".into());
            }
        } else if host.playback.is_none() && host.timer.is_none() && !host.enqueued {
            return Err(format!(
                "dead end at {:?}: nothing playing, no timer, not queued",
                contact.position()
            ));
        }
    }
    Ok((log, steps))
}

fn replay(language: Language, log: &[(Event, Timestamp)]) -> Vec<Vec<Action>> {
    let mut contact = new_contact(language);
    log.iter()
        .map(|(event, now)| contact.step(event.clone(), *now))
        .collect()
}

fn language() -> impl Strategy<Value = Language> {
    (0usize..8).prop_map(|i| Language::ALL[i])
}

fn start() -> impl Strategy<Value = Timestamp> {
    // A week of March 2026 around the clock: agents open and closed.
    (0i64..7 * 24 * 4).prop_map(|quarter| {
        rome(2026, 3, 2, 0, 0)
            .checked_add(SignedDuration::from_mins(quarter * 15))
            .expect("in range")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The log of a contact replays to the same actions, and no script finds a dead end.
    #[test]
    fn the_event_log_replays_to_the_same_actions(
        language in language(),
        start in start(),
        script in prop::collection::vec(choice(), 0..120),
    ) {
        let (log, steps) = match run(language, start, &script) {
            Ok(x) => x,
            Err(e) => return Err(TestCaseError::fail(e)),
        };
        prop_assert_eq!(replay(language, &log), steps);
    }

    /// Events with arbitrary ids in arbitrary order: never a panic, and still replayable.
    #[test]
    fn arbitrary_events_never_panic(
        language in language(),
        events in prop::collection::vec(arbitrary_event(), 0..60),
    ) {
        let t0 = rome(2026, 3, 4, 10, 0);
        let log: Vec<(Event, Timestamp)> = events
            .into_iter()
            .enumerate()
            .map(|(i, e)| (e, t0.checked_add(SignedDuration::from_secs(i as i64)).expect("in range")))
            .collect();
        let first = replay(language, &log);
        prop_assert_eq!(replay(language, &log), first);
    }
}

fn arbitrary_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Started),
        (0u64..30).prop_map(|id| Event::PromptFinished {
            playback: PlaybackId(id)
        }),
        ".{0,6}".prop_map(Event::Digits),
        ".{0,12}".prop_map(Event::Speech),
        (0u64..30).prop_map(|id| Event::Timeout { timer: TimerId(id) }),
        (0u64..30, "[a-z_]{0,10}").prop_map(|(id, outcome)| Event::OperationResult {
            request: RequestId(id),
            outcome,
            fields: BTreeMap::new(),
        }),
        Just(Event::AgentCallEnded),
        Just(Event::QueueUnavailable),
        Just(Event::HangUp),
    ]
}

/// The random scripts are worth something only if they get everywhere: over a fixed-seed run
/// they enter every node of the sample flows.
#[test]
fn random_scripts_reach_every_node() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = (language(), start(), prop::collection::vec(choice(), 0..120));
    let mut entered = std::collections::BTreeMap::new();
    for _ in 0..1024 {
        let (language, start, script) = strategy.new_tree(&mut runner).expect("a script").current();
        let (_, steps) = run(language, start, &script).expect("a valid run");
        for action in steps.iter().flatten() {
            if let Action::Entered { flow, node } = action {
                *entered.entry(format!("{flow}/{node}")).or_insert(0) += 1;
            }
        }
    }
    let all: std::collections::BTreeSet<String> = flows()
        .iter()
        .flat_map(|f| f.nodes.keys().map(move |n| format!("{}/{n}", f.id)))
        .collect();
    let missed: Vec<_> = all.iter().filter(|n| !entered.contains_key(*n)).collect();
    assert!(missed.is_empty(), "never entered: {missed:?}");
}
