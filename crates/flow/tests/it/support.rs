//! The sample profile (flows, catalogs, calendar) and a scripted caller that records its log.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use calendar::{CalendarSpec, Calendars};
use domain::Language;
use flow::{
    Action, Contact, Event, Flows, MemoryOperations, MemoryPrompts, PlaybackId, RequestId, TimerId,
    Value, Vars,
};
use jiff::{SignedDuration, Timestamp};

pub(crate) const MAIN: &str = include_str!("../data/main.toml");
pub(crate) const IDENTIFY: &str = include_str!("../data/identify.toml");
const CALENDARS: &str = include_str!("../data/calendars.toml");

pub(crate) fn flows() -> Arc<Flows> {
    Arc::new(
        Flows::parse([
            ("tests/data/main.toml", MAIN),
            ("tests/data/identify.toml", IDENTIFY),
        ])
        .expect("the sample flows parse"),
    )
}

pub(crate) fn calendars() -> Arc<Calendars> {
    let specs: BTreeMap<String, CalendarSpec> =
        toml::from_str(CALENDARS).expect("the sample calendars parse");
    Arc::new(Calendars::from_specs(&specs).expect("the sample calendars are valid"))
}

/// Every prompt of the sample flows, in all eight languages.
pub(crate) fn prompts() -> MemoryPrompts {
    let mut p = MemoryPrompts::new().with("welcome", &["number"]);
    for id in [
        "choose-language",
        "no-input",
        "no-match",
        "what-do-you-need",
        "info-naspi",
        "info-details",
        "naspi-requirements",
        "naspi-how",
        "naspi-duration",
        "naspi-amount",
        "agents-closed",
        "offer-self-service",
        "no-application",
        "service-unavailable",
        "survey-intro",
        "survey-satisfaction",
        "survey-solved",
        "survey-thanks",
        "enter-tax-code",
        "enter-pin",
        "enter-birth-date",
        "not-recognised",
        "enter-application",
        "pin-locked",
    ] {
        p.insert_all(id, &[]);
    }
    p.with("application-status", &["status", "date"])
}

pub(crate) fn operations() -> MemoryOperations {
    MemoryOperations::new()
        .with(
            "identify-caller",
            &["tax_code", "pin", "birth_date"],
            &[
                "ok",
                "not_found",
                "invalid",
                "ambiguous",
                "locked",
                "unavailable",
            ],
            &["citizen"],
        )
        .with(
            "application-status",
            &["citizen", "application"],
            &["ok", "not_found", "invalid", "unavailable", "error"],
            &["status", "updated"],
        )
}

/// The instant of a wall-clock time in Rome.
pub(crate) fn rome(y: i16, m: i8, d: i8, h: i8, mi: i8) -> Timestamp {
    jiff::civil::date(y, m, d)
        .at(h, mi, 0, 0)
        .in_tz("Europe/Rome")
        .expect("a valid Rome time")
        .timestamp()
}

/// A caller scripted event by event: it feeds the contact, remembers the ids the last actions
/// carried, keeps the event log, and renders each step's actions as text.
pub(crate) struct Call {
    pub(crate) contact: Contact,
    pub(crate) start: Timestamp,
    pub(crate) now: Timestamp,
    pub(crate) log: Vec<(Event, Timestamp)>,
    pub(crate) steps: Vec<Vec<Action>>,
    playback: Option<PlaybackId>,
    timer: Option<(TimerId, Timestamp)>,
    request: Option<RequestId>,
}

impl Call {
    pub(crate) fn new(entry: &str, language: Language, start: Timestamp) -> Call {
        let vars: Vars = [("dialled".to_owned(), Value::from("803164"))].into();
        let contact = Contact::new(flows(), calendars(), entry, language, vars)
            .expect("the contact can be created");
        Call {
            contact,
            start,
            now: start,
            log: Vec::new(),
            steps: Vec::new(),
            playback: None,
            timer: None,
            request: None,
        }
    }

    pub(crate) fn send(&mut self, event: Event) -> String {
        self.log.push((event.clone(), self.now));
        let actions = self.contact.step(event, self.now);
        for a in &actions {
            match a {
                Action::Play { playback, .. } => self.playback = Some(*playback),
                Action::StopPlayback { playback } if self.playback == Some(*playback) => {
                    self.playback = None;
                }
                Action::StartTimer { timer, at } => self.timer = Some((*timer, *at)),
                Action::CancelTimer { timer } if self.timer.map(|t| t.0) == Some(*timer) => {
                    self.timer = None;
                }
                Action::Invoke { request, .. } => self.request = Some(*request),
                _ => {}
            }
        }
        let text = render(&actions, self.start);
        self.steps.push(actions);
        text
    }

    pub(crate) fn advance(&mut self, seconds: i64) {
        self.now = self
            .now
            .checked_add(SignedDuration::from_secs(seconds))
            .expect("in range");
    }

    pub(crate) fn started(&mut self) -> String {
        self.send(Event::Started)
    }

    /// The current playback ends by itself, one second later.
    pub(crate) fn finish(&mut self) -> String {
        self.advance(1);
        let playback = self.playback.take().expect("a prompt is playing");
        self.send(Event::PromptFinished { playback })
    }

    pub(crate) fn keys(&mut self, keys: &str) -> String {
        self.advance(1);
        self.send(Event::Digits(keys.to_owned()))
    }

    pub(crate) fn say(&mut self, text: &str) -> String {
        self.advance(1);
        self.send(Event::Speech(text.to_owned()))
    }

    /// The pending timer fires at its deadline.
    pub(crate) fn timeout(&mut self) -> String {
        let (timer, at) = self.timer.take().expect("a timer is running");
        self.now = at;
        self.send(Event::Timeout { timer })
    }

    pub(crate) fn result(&mut self, outcome: &str, fields: &[(&str, &str)]) -> String {
        self.advance(1);
        let request = self.request.take().expect("an operation is pending");
        self.send(Event::OperationResult {
            request,
            outcome: outcome.to_owned(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
                .collect(),
        })
    }

    /// An answer to a given request, whether or not it is still awaited.
    pub(crate) fn result_for(&mut self, request: RequestId, outcome: &str) -> String {
        self.advance(1);
        self.send(Event::OperationResult {
            request,
            outcome: outcome.to_owned(),
            fields: BTreeMap::new(),
        })
    }

    pub(crate) fn agent_done(&mut self) -> String {
        self.advance(120);
        self.send(Event::AgentCallEnded)
    }

    pub(crate) fn hang_up(&mut self) -> String {
        self.advance(1);
        self.send(Event::HangUp)
    }
}

/// One line per action; times as seconds after the call's start.
pub(crate) fn render(actions: &[Action], start: Timestamp) -> String {
    let mut s = String::new();
    for a in actions {
        let line = match a {
            Action::Entered { flow, node } => format!("> {flow}/{node}"),
            Action::Play {
                playback,
                prompts,
                language,
                barge_in,
            } => {
                let prompts: Vec<String> = prompts
                    .iter()
                    .map(|p| {
                        if p.args.is_empty() {
                            p.id.clone()
                        } else {
                            let args: Vec<String> =
                                p.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                            format!("{}({})", p.id, args.join(", "))
                        }
                    })
                    .collect();
                let barge = if *barge_in { "" } else { " no-barge-in" };
                format!(
                    "play #{} {language} {}{barge}",
                    playback.0,
                    prompts.join(" + ")
                )
            }
            Action::StopPlayback { playback } => format!("stop #{}", playback.0),
            Action::StartTimer { timer, at } => {
                format!(
                    "timer #{} at +{}s",
                    timer.0,
                    at.duration_since(start).as_secs()
                )
            }
            Action::CancelTimer { timer } => format!("cancel #{}", timer.0),
            Action::Invoke {
                request,
                operation,
                args,
            } => {
                let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("invoke #{} {operation}({})", request.0, args.join(", "))
            }
            Action::SetLanguage { language } => format!("language {language}"),
            Action::Enqueue { group, language } => format!("enqueue {group} {language}"),
            Action::SurveyAnswer {
                survey,
                question,
                answer,
            } => format!("survey {survey} {question}={answer}"),
            Action::HangUp { reason } => format!("hangup {}", reason.code()),
        };
        let _ = writeln!(s, "{line}");
    }
    s
}

/// Compares rendered actions with an expected block written indented in the test.
#[track_caller]
pub(crate) fn check(actual: &str, expected: &str) {
    let lines: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
    let indent = lines
        .iter()
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let expected: String = lines
        .iter()
        .map(|l| format!("{}\n", &l[indent..]))
        .collect();
    assert_eq!(
        actual, expected,
        "\n--- actual ---\n{actual}--- expected ---\n{expected}"
    );
}
