//! The interpreter: one contact stepping through the flows, event in, actions out.
//!
//! A [`Contact`] is a plain value. The host feeds it [`Event`]s with the current instant and
//! performs the [`Action`]s it returns; the contact never reads a clock, never does I/O and draws
//! no random numbers, so the same events at the same instants always give the same actions.
//! Every id it hands out (playbacks, timers, operation requests) comes from one counter in the
//! contact, and events that carry a stale id (a timer already cancelled, a prompt already
//! stopped) are ignored, so the host never has to race to cancel anything.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::sync::Arc;

use calendar::Calendars;
use domain::{Language, ServiceGroup};
use jiff::{SignedDuration, Timestamp};

use crate::model::{
    Branch, Flows, IdentifyWhat, LANGUAGE_VAR, Node, NodeKind, Operand, PromptRef, Retry, Target,
    Value, language_of,
};
use crate::parse::{DTMF_KEYS, normalize_words};

/// Variables by name.
pub type Vars = BTreeMap<String, Value>;

/// Transitions within one step without waiting for the caller before the contact is ended as
/// looping.
pub const MAX_HOPS: usize = 1000;
/// Nested sub-flow calls allowed.
pub const MAX_DEPTH: usize = 32;
/// Keys kept for the next question (type-ahead); older keys are dropped beyond this.
pub const TYPEAHEAD_MAX: usize = 32;

/// A playback the contact asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaybackId(pub u64);

/// A timer the contact asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(pub u64);

/// An operation request the contact made; its result must carry the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// A Fluent message with its arguments resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub id: String,
    pub args: BTreeMap<String, Value>,
}

/// What happens to a contact, as the host tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The call is answered: the contact enters its flow.
    Started,
    /// A playback ended by itself (not after `StopPlayback`; a late one is ignored anyway).
    PromptFinished { playback: PlaybackId },
    /// Keys pressed, in order (`0`–`9`, `*`, `#`, `A`–`D`; anything else is ignored).
    Digits(String),
    /// What the caller said (recognised text, or an intent word from the host's matcher).
    Speech(String),
    /// A timer the contact started has expired.
    Timeout { timer: TimerId },
    /// The answer to an `Invoke`.
    OperationResult {
        request: RequestId,
        outcome: String,
        fields: BTreeMap<String, Value>,
    },
    /// The conversation with the agent after an `Enqueue` is over; the caller is still on.
    AgentCallEnded,
    /// Routing could not take the call after an `Enqueue` (queue closed or full).
    QueueUnavailable,
    /// The caller hung up.
    HangUp,
}

/// What the host must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The contact entered a node (for the contact's recorded path; nothing to perform).
    Entered {
        flow: String,
        node: String,
    },
    /// Play these prompts back to back; report `PromptFinished` when the last one ends. A new
    /// `Play` is always preceded by `StopPlayback` of one still running.
    Play {
        playback: PlaybackId,
        prompts: Vec<Prompt>,
        language: Language,
        /// Whether keys interrupt it (the contact then sends `StopPlayback` itself).
        barge_in: bool,
    },
    StopPlayback {
        playback: PlaybackId,
    },
    /// Feed `Timeout { timer }` back at `at` unless cancelled first.
    StartTimer {
        timer: TimerId,
        at: Timestamp,
    },
    CancelTimer {
        timer: TimerId,
    },
    /// Run a back-office operation; answer with `OperationResult { request, … }`.
    Invoke {
        request: RequestId,
        operation: String,
        args: BTreeMap<String, Value>,
    },
    /// Prompts from now on are in this language.
    SetLanguage {
        language: Language,
    },
    /// Hand the caller to routing; answer with `AgentCallEnded` or `QueueUnavailable`.
    Enqueue {
        group: ServiceGroup,
        language: Language,
    },
    /// Record one survey answer.
    SurveyAnswer {
        survey: String,
        question: String,
        answer: char,
    },
    /// End the call. No action follows.
    HangUp {
        reason: EndReason,
    },
}

/// Why a contact ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndReason {
    /// A `hangup` node, with its reason.
    Hangup(String),
    /// The flow ran out: a `return` with no caller, or the agent conversation ended with no
    /// `next`.
    Completed,
    /// The caller hung up.
    CallerHungUp,
    /// Routing could not take the call and the `enqueue` node names no `on_unavailable`.
    QueueUnavailable,
    /// The interpreter could not go on: a missing node, flow or calendar, a loop without
    /// questions, sub-flows nested too deep.
    Failed {
        flow: String,
        node: String,
        problem: String,
    },
}

impl EndReason {
    /// The short code recorded with the contact (`completed`, `caller-hung-up`, …).
    pub fn code(&self) -> &str {
        match self {
            EndReason::Hangup(reason) => reason,
            EndReason::Completed => "completed",
            EndReason::CallerHungUp => "caller-hung-up",
            EndReason::QueueUnavailable => "queue-unavailable",
            EndReason::Failed { .. } => "error",
        }
    }
}

impl fmt::Display for EndReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EndReason::Failed {
                flow,
                node,
                problem,
            } => write!(f, "error in flow `{flow}`, node `{node}`: {problem}"),
            other => f.write_str(other.code()),
        }
    }
}

/// A contact that cannot be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    #[error("no flow {0:?}")]
    UnknownFlow(String),
    #[error("flow {flow:?} needs input variable {variable:?}")]
    MissingInput { flow: String, variable: String },
}

/// One contact's place in the flows.
#[derive(Debug, Clone)]
pub struct Contact {
    flows: Arc<Flows>,
    calendars: Arc<Calendars>,
    entry: String,
    language: Language,
    vars: Vars,
    /// Current flow and node.
    flow: String,
    node: String,
    /// Sub-flow calls: (calling flow, node to continue at).
    stack: Vec<(String, String)>,
    phase: Phase,
    next_id: u64,
    typeahead: VecDeque<char>,
    playback: Option<PlaybackId>,
    timer: Option<TimerId>,
    /// Digits of the question being answered.
    digits: String,
    /// Played before the question the next time it is asked (no-input, no-match, retry).
    prefix: Option<PromptRef>,
    /// The inter-digit timeout to start once the keys of the current event are all taken.
    inter_digit: Option<u32>,
    life: Life,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Life {
    NotStarted,
    Running,
    Ended(EndReason),
}

/// Where the contact is within its current node.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Idle,
    Play,
    Menu {
        failures: u8,
    },
    Collect {
        failures: u8,
    },
    Identify {
        failures: u8,
        stage: IdStage,
        tax_code: Option<String>,
        pin: Option<String>,
        birth_date: Option<String>,
    },
    Invoke {
        request: RequestId,
    },
    Info {
        stage: InfoStage,
        failures: u8,
    },
    Enqueued,
    Survey {
        stage: SurveyStage,
        failures: u8,
        /// Whether any question was answered: thanks are said only for answers.
        answered: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdStage {
    TaxCode,
    Pin,
    BirthDate,
    Checking(RequestId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InfoStage {
    Message,
    Menu,
    Detail,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SurveyStage {
    Intro,
    Question(usize),
    Thanks,
}

/// How the current question takes input.
#[derive(Debug, Clone, Copy)]
enum InputSpec {
    /// One key (or speech).
    Key { timeout: u32 },
    /// A digit string.
    Digits {
        min: u8,
        max: u8,
        terminator: Option<char>,
        first: u32,
        inter: u32,
    },
}

/// What a question got.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Input(String),
    Speech(String),
    NoInput,
    NoMatch,
}

/// What the driver does next.
#[derive(Debug)]
enum Next {
    Wait,
    Jump(String),
    Ask,
    Outcome(Outcome),
    /// The current (non-question) playback is over.
    PromptDone,
    End(EndReason),
}

/// The length bounds of a tax code typed on the keypad: 11 digits (numeric) to 16 keys.
const TAX_CODE_KEYS: (u8, u8) = (11, 16);
/// Date of birth as DDMMYYYY.
const BIRTH_DATE_KEYS: u8 = 8;

impl Contact {
    /// A contact about to enter `entry` in `language`, with the host's variables (the entry
    /// flow's `inputs` must be among them). Nothing happens until [`Event::Started`].
    pub fn new(
        flows: Arc<Flows>,
        calendars: Arc<Calendars>,
        entry: &str,
        language: Language,
        mut vars: Vars,
    ) -> Result<Contact, ContactError> {
        let flow = flows
            .get(entry)
            .ok_or_else(|| ContactError::UnknownFlow(entry.to_owned()))?;
        for input in &flow.inputs {
            if input.name != LANGUAGE_VAR && !vars.contains_key(&input.name) {
                return Err(ContactError::MissingInput {
                    flow: entry.to_owned(),
                    variable: input.name.clone(),
                });
            }
        }
        vars.remove(LANGUAGE_VAR);
        Ok(Contact {
            entry: entry.to_owned(),
            flow: entry.to_owned(),
            node: flow.start.node.clone(),
            flows,
            calendars,
            language,
            vars,
            stack: Vec::new(),
            phase: Phase::Idle,
            next_id: 1,
            typeahead: VecDeque::new(),
            playback: None,
            timer: None,
            digits: String::new(),
            prefix: None,
            inter_digit: None,
            life: Life::NotStarted,
        })
    }

    /// The contact's language now.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The variables now (without the built-in `language`).
    pub fn vars(&self) -> &Vars {
        &self.vars
    }

    /// The flow and node the contact is at.
    pub fn position(&self) -> (&str, &str) {
        (&self.flow, &self.node)
    }

    /// The flow the contact entered first.
    pub fn entry(&self) -> &str {
        &self.entry
    }

    pub fn is_ended(&self) -> bool {
        matches!(self.life, Life::Ended(_))
    }

    /// Why the contact ended, once it has.
    pub fn end_reason(&self) -> Option<&EndReason> {
        match &self.life {
            Life::Ended(reason) => Some(reason),
            _ => None,
        }
    }

    /// Feeds one event at `now`; returns what the host must do, in order.
    ///
    /// Never panics; after the contact has ended every event returns no actions.
    pub fn step(&mut self, event: Event, now: Timestamp) -> Vec<Action> {
        let mut out = Vec::new();
        match (&self.life, event) {
            (Life::Ended(_), _) => {}
            (_, Event::HangUp) => {
                self.cancel_timer(&mut out);
                self.life = Life::Ended(EndReason::CallerHungUp);
            }
            (Life::NotStarted, Event::Started) => {
                self.life = Life::Running;
                let start = self.node.clone();
                self.drive(Next::Jump(start), now, &mut out);
            }
            (Life::NotStarted, _) | (Life::Running, Event::Started) => {}
            (Life::Running, Event::Digits(keys)) => {
                for key in keys.chars().filter(|c| DTMF_KEYS.contains(*c)) {
                    if self.is_ended() {
                        break;
                    }
                    let next = self.on_key(key, &mut out);
                    self.drive(next, now, &mut out);
                }
            }
            (Life::Running, event) => {
                let next = self.on_event(event, now, &mut out);
                self.drive(next, now, &mut out);
            }
        }
        // Digits still wanted after this event's keys: wait for the next one, but not forever.
        if let Some(seconds) = self.inter_digit.take()
            && !self.is_ended()
        {
            self.start_timer(seconds, now, &mut out);
        }
        out
    }

    // ── The driver ───────────────────────────────────────────────────────────────────────────

    fn drive(&mut self, mut next: Next, now: Timestamp, out: &mut Vec<Action>) {
        let mut hops = 0;
        loop {
            hops += 1;
            if hops > MAX_HOPS {
                self.fail(
                    format!("passed {MAX_HOPS} steps without waiting for the caller (a loop?)"),
                    out,
                );
                return;
            }
            next = match next {
                Next::Wait => return,
                Next::End(reason) => {
                    self.end(reason, out);
                    return;
                }
                Next::Jump(node) => self.enter(node, now, out),
                Next::Ask => self.ask(out),
                Next::Outcome(outcome) => self.on_outcome(outcome, now, out),
                Next::PromptDone => self.prompt_done(),
            };
        }
    }

    fn failed(&self, problem: impl Into<String>) -> Next {
        Next::End(EndReason::Failed {
            flow: self.flow.clone(),
            node: self.node.clone(),
            problem: problem.into(),
        })
    }

    fn fail(&mut self, problem: String, out: &mut Vec<Action>) {
        let reason = EndReason::Failed {
            flow: self.flow.clone(),
            node: self.node.clone(),
            problem,
        };
        self.end(reason, out);
    }

    fn end(&mut self, reason: EndReason, out: &mut Vec<Action>) {
        self.cancel_timer(out);
        if let Some(playback) = self.playback.take() {
            out.push(Action::StopPlayback { playback });
        }
        self.phase = Phase::Idle;
        out.push(Action::HangUp {
            reason: reason.clone(),
        });
        self.life = Life::Ended(reason);
    }

    fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    fn play(&mut self, prompts: Vec<Prompt>, barge_in: bool, out: &mut Vec<Action>) {
        if let Some(playback) = self.playback.take() {
            out.push(Action::StopPlayback { playback });
        }
        let playback = PlaybackId(self.next_id());
        self.playback = Some(playback);
        out.push(Action::Play {
            playback,
            prompts,
            language: self.language,
            barge_in,
        });
    }

    fn stop_playback(&mut self, out: &mut Vec<Action>) {
        if let Some(playback) = self.playback.take() {
            out.push(Action::StopPlayback { playback });
        }
    }

    fn start_timer(&mut self, seconds: u32, now: Timestamp, out: &mut Vec<Action>) {
        self.cancel_timer(out);
        let timer = TimerId(self.next_id());
        let at = now
            .saturating_add(SignedDuration::from_secs(i64::from(seconds)))
            .unwrap_or(Timestamp::MAX);
        self.timer = Some(timer);
        out.push(Action::StartTimer { timer, at });
    }

    fn cancel_timer(&mut self, out: &mut Vec<Action>) {
        if let Some(timer) = self.timer.take() {
            out.push(Action::CancelTimer { timer });
        }
    }

    fn value_of(&self, operand: &Operand) -> Option<Value> {
        match operand {
            Operand::Literal(v) => Some(v.clone()),
            Operand::Var(v) if v.name == LANGUAGE_VAR => {
                Some(Value::Text(self.language.code().to_owned()))
            }
            Operand::Var(v) => self.vars.get(&v.name).cloned(),
        }
    }

    fn resolve(&self, prompt: &PromptRef) -> Prompt {
        Prompt {
            id: prompt.id.clone(),
            args: prompt
                .args
                .iter()
                .filter_map(|(name, op)| Some((name.clone(), self.value_of(op)?)))
                .collect(),
        }
    }

    fn current<'f>(&self, flows: &'f Flows) -> Option<&'f Node> {
        flows.node(&self.flow, &self.node)
    }

    // ── Entering nodes ───────────────────────────────────────────────────────────────────────

    fn enter(&mut self, node_id: String, now: Timestamp, out: &mut Vec<Action>) -> Next {
        let flows = Arc::clone(&self.flows);
        self.cancel_timer(out);
        self.stop_playback(out);
        self.node = node_id;
        self.phase = Phase::Idle;
        self.digits.clear();
        self.prefix = None;
        self.inter_digit = None;
        let Some(node) = flows.node(&self.flow, &self.node) else {
            let problem = format!("no node `{}` in flow `{}`", self.node, self.flow);
            return self.failed(problem);
        };
        out.push(Action::Entered {
            flow: self.flow.clone(),
            node: self.node.clone(),
        });
        match &node.kind {
            NodeKind::Play(p) => {
                if p.barge_in && !self.typeahead.is_empty() {
                    return Next::Jump(p.next.node.clone());
                }
                self.phase = Phase::Play;
                let prompt = self.resolve(&p.prompt);
                self.play(vec![prompt], p.barge_in, out);
                Next::Wait
            }
            NodeKind::Menu(_) => {
                self.phase = Phase::Menu { failures: 0 };
                Next::Ask
            }
            NodeKind::Collect(_) => {
                self.phase = Phase::Collect { failures: 0 };
                Next::Ask
            }
            NodeKind::Identify(i) => {
                self.phase = Phase::Identify {
                    failures: 0,
                    stage: first_id_stage(i.what),
                    tax_code: None,
                    pin: None,
                    birth_date: None,
                };
                Next::Ask
            }
            NodeKind::Invoke(inv) => {
                let args = inv
                    .args
                    .iter()
                    .filter_map(|(name, op)| Some((name.clone(), self.value_of(op)?)))
                    .collect();
                let request = RequestId(self.next_id());
                out.push(Action::Invoke {
                    request,
                    operation: inv.operation.name.clone(),
                    args,
                });
                self.phase = Phase::Invoke { request };
                self.start_timer(inv.timeout, now, out);
                Next::Wait
            }
            NodeKind::Branch(Branch::Calendar {
                calendar,
                open,
                closed,
            }) => match self.calendars.get(&calendar.name) {
                Some(cal) if cal.is_open(now) => Next::Jump(open.node.clone()),
                Some(_) => Next::Jump(closed.node.clone()),
                None => self.failed(format!("no calendar `{}`", calendar.name)),
            },
            NodeKind::Branch(Branch::Variable {
                variable,
                cases,
                otherwise,
            }) => {
                let value = self.value_of(&Operand::Var(variable.clone()));
                let target = value
                    .and_then(|v| cases.get(&v.case_key()))
                    .unwrap_or(otherwise);
                Next::Jump(target.node.clone())
            }
            NodeKind::Info(info) => {
                self.phase = Phase::Info {
                    stage: InfoStage::Message,
                    failures: 0,
                };
                if !self.typeahead.is_empty() {
                    return Next::PromptDone;
                }
                let prompt = self.resolve(&info.message);
                self.play(vec![prompt], true, out);
                Next::Wait
            }
            NodeKind::Enqueue(e) => {
                let language = e
                    .language
                    .as_ref()
                    .and_then(|op| self.value_of(op))
                    .and_then(|v| language_of(&v))
                    .unwrap_or(self.language);
                self.typeahead.clear();
                self.phase = Phase::Enqueued;
                out.push(Action::Enqueue {
                    group: e.group,
                    language,
                });
                Next::Wait
            }
            NodeKind::Survey(s) => {
                self.typeahead.clear();
                match &s.intro {
                    Some(intro) => {
                        self.phase = Phase::Survey {
                            stage: SurveyStage::Intro,
                            failures: 0,
                            answered: false,
                        };
                        let prompt = self.resolve(intro);
                        self.play(vec![prompt], true, out);
                        Next::Wait
                    }
                    None => {
                        self.phase = Phase::Survey {
                            stage: SurveyStage::Question(0),
                            failures: 0,
                            answered: false,
                        };
                        Next::Ask
                    }
                }
            }
            NodeKind::Subflow(s) => {
                let Some(callee) = flows.get(&s.flow.flow) else {
                    return self.failed(format!("no flow `{}`", s.flow.flow));
                };
                if self.stack.len() >= MAX_DEPTH {
                    return self.failed(format!("sub-flows nested deeper than {MAX_DEPTH}"));
                }
                self.stack.push((self.flow.clone(), s.next.node.clone()));
                self.flow = callee.id.clone();
                Next::Jump(callee.start.node.clone())
            }
            NodeKind::Goto(g) => {
                let Some(target) = flows.get(&g.flow.flow) else {
                    return self.failed(format!("no flow `{}`", g.flow.flow));
                };
                self.flow = target.id.clone();
                let node = g.node.as_ref().unwrap_or(&target.start);
                Next::Jump(node.node.clone())
            }
            NodeKind::Set(set) => {
                // All values are read before any is written: `set` is one simultaneous step.
                let values: Vec<(String, Option<Value>)> = set
                    .values
                    .iter()
                    .map(|(name, (_, op))| (name.clone(), self.value_of(op)))
                    .collect();
                for (name, value) in values {
                    if name == LANGUAGE_VAR {
                        if let Some(language) = value.as_ref().and_then(language_of)
                            && language != self.language
                        {
                            self.language = language;
                            out.push(Action::SetLanguage { language });
                        }
                    } else {
                        match value {
                            Some(v) => self.vars.insert(name, v),
                            None => self.vars.remove(&name),
                        };
                    }
                }
                Next::Jump(set.next.node.clone())
            }
            NodeKind::Return => match self.stack.pop() {
                Some((flow, next)) => {
                    self.flow = flow;
                    Next::Jump(next)
                }
                None => Next::End(EndReason::Completed),
            },
            NodeKind::Hangup(h) => Next::End(EndReason::Hangup(h.reason.clone())),
        }
    }

    // ── Questions ────────────────────────────────────────────────────────────────────────────

    /// The current question: its prompt, whether keys interrupt it, how it takes input.
    fn question(&self, node: &Node) -> Option<(PromptRef, bool, InputSpec)> {
        match (&node.kind, &self.phase) {
            (NodeKind::Menu(m), Phase::Menu { .. }) => Some((
                m.prompt.clone(),
                m.barge_in,
                InputSpec::Key { timeout: m.timeout },
            )),
            (NodeKind::Collect(c), Phase::Collect { .. }) => Some((
                c.prompt.clone(),
                c.barge_in,
                InputSpec::Digits {
                    min: c.min,
                    max: c.max,
                    terminator: c.terminator,
                    first: c.first_digit_timeout,
                    inter: c.inter_digit_timeout,
                },
            )),
            (NodeKind::Identify(i), Phase::Identify { stage, .. }) => {
                let digits = |min, max| InputSpec::Digits {
                    min,
                    max,
                    terminator: Some('#'),
                    first: i.first_digit_timeout,
                    inter: i.inter_digit_timeout,
                };
                let (prompt, spec) = match stage {
                    IdStage::TaxCode => (
                        i.tax_code_prompt.as_ref()?,
                        digits(TAX_CODE_KEYS.0, TAX_CODE_KEYS.1),
                    ),
                    IdStage::Pin => (i.pin_prompt.as_ref()?, digits(i.pin_length, i.pin_length)),
                    IdStage::BirthDate => (
                        i.birth_date_prompt.as_ref()?,
                        digits(BIRTH_DATE_KEYS, BIRTH_DATE_KEYS),
                    ),
                    IdStage::Checking(_) => return None,
                };
                Some((prompt.clone(), true, spec))
            }
            (
                NodeKind::Info(info),
                Phase::Info {
                    stage: InfoStage::Menu,
                    ..
                },
            ) => {
                let d = info.details.as_ref()?;
                Some((
                    d.prompt.clone(),
                    true,
                    InputSpec::Key { timeout: d.timeout },
                ))
            }
            (
                NodeKind::Survey(s),
                Phase::Survey {
                    stage: SurveyStage::Question(i),
                    ..
                },
            ) => {
                let q = s.questions.get(*i)?;
                Some((
                    q.prompt.clone(),
                    true,
                    InputSpec::Key { timeout: s.timeout },
                ))
            }
            _ => None,
        }
    }

    /// (Re)asks the current question: answers typed ahead are used at once, otherwise the
    /// prompt plays (after the no-input/no-match prefix, if any).
    fn ask(&mut self, out: &mut Vec<Action>) -> Next {
        let flows = Arc::clone(&self.flows);
        let Some(node) = self.current(&flows) else {
            return self.failed("the current node disappeared");
        };
        let Some((prompt, barge_in, spec)) = self.question(node) else {
            return self.failed("no question to ask here");
        };
        self.cancel_timer(out);
        self.digits.clear();
        self.inter_digit = None;
        let prefix = self.prefix.take();
        // Keys typed ahead are used, unless the prompt cannot be interrupted or the caller must
        // first hear what went wrong.
        if !barge_in || prefix.is_some() {
            self.typeahead.clear();
        }
        if !self.typeahead.is_empty() {
            while let Some(key) = self.typeahead.pop_front() {
                if let Some(outcome) = self.take_key(key, spec, out) {
                    return Next::Outcome(outcome);
                }
            }
            // Some digits, not yet complete: wait for the rest.
            return Next::Wait;
        }
        let mut prompts = Vec::new();
        if let Some(prefix) = &prefix {
            prompts.push(self.resolve(prefix));
        }
        prompts.push(self.resolve(&prompt));
        self.play(prompts, barge_in, out);
        Next::Wait
    }

    /// One key for the current question; `None` while more keys are wanted.
    fn take_key(&mut self, key: char, spec: InputSpec, out: &mut Vec<Action>) -> Option<Outcome> {
        match spec {
            InputSpec::Key { .. } => {
                self.cancel_timer(out);
                self.inter_digit = None;
                Some(Outcome::Input(key.to_string()))
            }
            InputSpec::Digits {
                min,
                max,
                terminator,
                inter,
                ..
            } => {
                if Some(key) == terminator || !key.is_ascii_digit() {
                    self.cancel_timer(out);
                    self.inter_digit = None;
                    if Some(key) == terminator {
                        return Some(self.digits_done(min));
                    }
                    self.digits.clear();
                    return Some(Outcome::NoMatch);
                }
                self.digits.push(key);
                self.cancel_timer(out);
                if self.digits.len() >= usize::from(max) {
                    self.inter_digit = None;
                    return Some(Outcome::Input(std::mem::take(&mut self.digits)));
                }
                self.inter_digit = Some(inter);
                None
            }
        }
    }

    fn digits_done(&mut self, min: u8) -> Outcome {
        let digits = std::mem::take(&mut self.digits);
        if digits.is_empty() {
            Outcome::NoInput
        } else if digits.len() >= usize::from(min) {
            Outcome::Input(digits)
        } else {
            Outcome::NoMatch
        }
    }

    // ── Events ───────────────────────────────────────────────────────────────────────────────

    fn on_key(&mut self, key: char, out: &mut Vec<Action>) -> Next {
        let flows = Arc::clone(&self.flows);
        let Some(node) = self.current(&flows) else {
            return Next::Wait;
        };
        if let Some((_, barge_in, spec)) = self.question(node) {
            if self.playback.is_some() {
                if !barge_in {
                    return Next::Wait;
                }
                self.stop_playback(out);
            }
            return match self.take_key(key, spec, out) {
                Some(outcome) => Next::Outcome(outcome),
                None => Next::Wait,
            };
        }
        match self.phase {
            Phase::Enqueued | Phase::Idle => Next::Wait,
            _ => {
                if let Some(playback) = self.playback {
                    if !self.playback_barge_in(node) {
                        return Next::Wait;
                    }
                    out.push(Action::StopPlayback { playback });
                    self.playback = None;
                    self.push_typeahead(key);
                    return Next::PromptDone;
                }
                self.push_typeahead(key);
                Next::Wait
            }
        }
    }

    fn playback_barge_in(&self, node: &Node) -> bool {
        match &node.kind {
            NodeKind::Play(p) => p.barge_in,
            _ => true,
        }
    }

    fn push_typeahead(&mut self, key: char) {
        if self.typeahead.len() >= TYPEAHEAD_MAX {
            self.typeahead.pop_front();
        }
        self.typeahead.push_back(key);
    }

    fn on_event(&mut self, event: Event, now: Timestamp, out: &mut Vec<Action>) -> Next {
        let flows = Arc::clone(&self.flows);
        let Some(node) = self.current(&flows) else {
            return Next::Wait;
        };
        let question = self.question(node);
        match event {
            Event::PromptFinished { playback } => {
                if self.playback != Some(playback) {
                    return Next::Wait;
                }
                self.playback = None;
                match question {
                    Some((_, _, InputSpec::Key { timeout })) => {
                        self.start_timer(timeout, now, out);
                        Next::Wait
                    }
                    Some((_, _, InputSpec::Digits { first, inter, .. })) => {
                        let wait = if self.digits.is_empty() { first } else { inter };
                        self.start_timer(wait, now, out);
                        Next::Wait
                    }
                    None => Next::PromptDone,
                }
            }
            Event::Timeout { timer } => {
                if self.timer != Some(timer) {
                    return Next::Wait;
                }
                self.timer = None;
                match question {
                    Some((_, _, InputSpec::Key { .. })) => Next::Outcome(Outcome::NoInput),
                    Some((_, _, InputSpec::Digits { min, .. })) => {
                        Next::Outcome(self.digits_done(min))
                    }
                    None => match self.phase {
                        Phase::Invoke { .. }
                        | Phase::Identify {
                            stage: IdStage::Checking(_),
                            ..
                        } => self.on_result("timeout", &BTreeMap::new(), node),
                        _ => Next::Wait,
                    },
                }
            }
            Event::Speech(text) => {
                let Some((_, barge_in, spec)) = question else {
                    return Next::Wait;
                };
                if self.playback.is_some() {
                    if !barge_in {
                        return Next::Wait;
                    }
                    self.stop_playback(out);
                }
                self.cancel_timer(out);
                match spec {
                    InputSpec::Key { .. } => Next::Outcome(Outcome::Speech(text)),
                    InputSpec::Digits { min, max, .. } => {
                        // Spoken digits, as the recogniser wrote them ("1 2 3").
                        let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                        let ok = !digits.is_empty()
                            && digits.chars().all(|c| c.is_ascii_digit())
                            && (usize::from(min)..=usize::from(max)).contains(&digits.len());
                        self.digits.clear();
                        if ok {
                            Next::Outcome(Outcome::Input(digits))
                        } else {
                            Next::Outcome(Outcome::NoMatch)
                        }
                    }
                }
            }
            Event::OperationResult {
                request,
                outcome,
                fields,
            } => {
                let expected = match self.phase {
                    Phase::Invoke { request } => Some(request),
                    Phase::Identify {
                        stage: IdStage::Checking(request),
                        ..
                    } => Some(request),
                    _ => None,
                };
                if expected != Some(request) {
                    return Next::Wait;
                }
                self.cancel_timer(out);
                self.on_result(&outcome, &fields, node)
            }
            Event::AgentCallEnded => match (&node.kind, &self.phase) {
                (NodeKind::Enqueue(e), Phase::Enqueued) => match &e.next {
                    Some(next) => Next::Jump(next.node.clone()),
                    None => Next::End(EndReason::Completed),
                },
                _ => Next::Wait,
            },
            Event::QueueUnavailable => match (&node.kind, &self.phase) {
                (NodeKind::Enqueue(e), Phase::Enqueued) => match &e.on_unavailable {
                    Some(next) => Next::Jump(next.node.clone()),
                    None => Next::End(EndReason::QueueUnavailable),
                },
                _ => Next::Wait,
            },
            // Handled in `step`.
            Event::Started | Event::HangUp | Event::Digits(_) => Next::Wait,
        }
    }

    /// A playback that is not a question is over (or was interrupted).
    fn prompt_done(&mut self) -> Next {
        let flows = Arc::clone(&self.flows);
        let Some(node) = self.current(&flows) else {
            return Next::Wait;
        };
        match (&node.kind, self.phase.clone()) {
            (NodeKind::Play(p), Phase::Play) => Next::Jump(p.next.node.clone()),
            (NodeKind::Info(info), Phase::Info { stage, failures }) => match stage {
                InfoStage::Message | InfoStage::Detail if info.details.is_some() => {
                    self.phase = Phase::Info {
                        stage: InfoStage::Menu,
                        failures,
                    };
                    Next::Ask
                }
                _ => Next::Jump(info.next.node.clone()),
            },
            (NodeKind::Survey(s), Phase::Survey { stage, .. }) => match stage {
                SurveyStage::Intro => {
                    self.typeahead.clear();
                    self.phase = Phase::Survey {
                        stage: SurveyStage::Question(0),
                        failures: 0,
                        answered: false,
                    };
                    Next::Ask
                }
                SurveyStage::Thanks => Next::Jump(s.next.node.clone()),
                SurveyStage::Question(_) => Next::Wait,
            },
            // A stray end of playback (already handled): nothing to do.
            _ => Next::Wait,
        }
    }

    // ── Outcomes ─────────────────────────────────────────────────────────────────────────────

    fn on_outcome(&mut self, outcome: Outcome, now: Timestamp, out: &mut Vec<Action>) -> Next {
        let flows = Arc::clone(&self.flows);
        let Some(node) = self.current(&flows) else {
            return Next::Wait;
        };
        match (&node.kind, self.phase.clone()) {
            (NodeKind::Menu(m), Phase::Menu { failures }) => {
                let target = match &outcome {
                    Outcome::Input(key) => {
                        let mut chars = key.chars();
                        chars.next().and_then(|k| m.options.get(&k))
                    }
                    Outcome::Speech(text) => match_words(&m.words, text),
                    Outcome::NoInput | Outcome::NoMatch => None,
                };
                if let Some(target) = target {
                    return Next::Jump(target.node.clone());
                }
                let failures = failures + 1;
                self.phase = Phase::Menu { failures };
                self.retry(&m.retry, failures, &outcome)
            }
            (NodeKind::Collect(c), Phase::Collect { failures }) => match outcome {
                Outcome::Input(digits) => {
                    self.vars.insert(c.into.name.clone(), Value::Text(digits));
                    Next::Jump(c.next.node.clone())
                }
                other => {
                    let failures = failures + 1;
                    self.phase = Phase::Collect { failures };
                    self.retry(&c.retry, failures, &other)
                }
            },
            (
                NodeKind::Identify(i),
                Phase::Identify {
                    failures,
                    stage,
                    mut tax_code,
                    mut pin,
                    mut birth_date,
                },
            ) => match outcome {
                Outcome::Input(digits) => {
                    match stage {
                        IdStage::TaxCode => tax_code = Some(digits),
                        IdStage::Pin => pin = Some(digits),
                        IdStage::BirthDate => birth_date = Some(digits),
                        IdStage::Checking(_) => return Next::Wait,
                    }
                    let stage = if stage == IdStage::TaxCode && i.what.asks_pin() {
                        IdStage::Pin
                    } else {
                        let mut args = BTreeMap::new();
                        for (name, value) in [
                            ("tax_code", &tax_code),
                            ("pin", &pin),
                            ("birth_date", &birth_date),
                        ] {
                            if let Some(v) = value {
                                args.insert(name.to_owned(), Value::Text(v.clone()));
                            }
                        }
                        let request = RequestId(self.next_id());
                        out.push(Action::Invoke {
                            request,
                            operation: i.operation.name.clone(),
                            args,
                        });
                        self.start_timer(i.timeout, now, out);
                        IdStage::Checking(request)
                    };
                    let checking = matches!(stage, IdStage::Checking(_));
                    self.phase = Phase::Identify {
                        failures,
                        stage,
                        tax_code,
                        pin,
                        birth_date,
                    };
                    if checking { Next::Wait } else { Next::Ask }
                }
                other => {
                    let failures = failures + 1;
                    self.phase = Phase::Identify {
                        failures,
                        stage,
                        tax_code,
                        pin,
                        birth_date,
                    };
                    self.retry(&i.retry, failures, &other)
                }
            },
            (NodeKind::Info(info), Phase::Info { failures, .. }) => {
                let Some(details) = &info.details else {
                    return Next::Jump(info.next.node.clone());
                };
                let key = match &outcome {
                    Outcome::Input(k) => k.chars().next(),
                    Outcome::Speech(t) => single_key(t),
                    Outcome::NoInput => return Next::Jump(info.next.node.clone()),
                    Outcome::NoMatch => None,
                };
                if let Some(detail) = key.and_then(|k| details.by_key(k)) {
                    self.phase = Phase::Info {
                        stage: InfoStage::Detail,
                        failures,
                    };
                    let prompt = self.resolve(detail);
                    self.play(vec![prompt], true, out);
                    return Next::Wait;
                }
                if matches!(key, Some('0' | '#')) {
                    return Next::Jump(info.next.node.clone());
                }
                let failures = failures + 1;
                if failures >= crate::model::DEFAULT_MAX_FAILURES {
                    return Next::Jump(info.next.node.clone());
                }
                self.phase = Phase::Info {
                    stage: InfoStage::Menu,
                    failures,
                };
                Next::Ask
            }
            (
                NodeKind::Survey(s),
                Phase::Survey {
                    stage: SurveyStage::Question(index),
                    failures,
                    answered,
                },
            ) => {
                let Some(question) = s.questions.get(index) else {
                    return Next::Jump(s.next.node.clone());
                };
                let key = match &outcome {
                    Outcome::Input(k) => k.chars().next(),
                    Outcome::Speech(t) => single_key(t),
                    Outcome::NoInput | Outcome::NoMatch => None,
                };
                let answer = key.filter(|k| question.answers.contains(k));
                let answered = answered || answer.is_some();
                if let Some(answer) = answer {
                    out.push(Action::SurveyAnswer {
                        survey: s.survey.clone(),
                        question: question.id.clone(),
                        answer,
                    });
                } else if outcome != Outcome::NoInput
                    && failures + 1 < crate::model::DEFAULT_MAX_FAILURES
                {
                    // A key that answers nothing: ask again (silence skips the question).
                    self.phase = Phase::Survey {
                        stage: SurveyStage::Question(index),
                        failures: failures + 1,
                        answered,
                    };
                    return Next::Ask;
                }
                if index + 1 < s.questions.len() {
                    self.phase = Phase::Survey {
                        stage: SurveyStage::Question(index + 1),
                        failures: 0,
                        answered,
                    };
                    return Next::Ask;
                }
                // Thanks for answers only: a caller who skipped every question is not thanked
                // for a rating they did not give.
                match s.thanks.as_ref().filter(|_| answered) {
                    Some(thanks) => {
                        self.phase = Phase::Survey {
                            stage: SurveyStage::Thanks,
                            failures: 0,
                            answered,
                        };
                        let prompt = self.resolve(thanks);
                        self.play(vec![prompt], true, out);
                        Next::Wait
                    }
                    None => Next::Jump(s.next.node.clone()),
                }
            }
            _ => Next::Wait,
        }
    }

    /// After a failed answer: the failure exit at the limit, else the question again with the
    /// no-input or no-match prompt before it.
    fn retry(&mut self, retry: &Retry, failures: u8, outcome: &Outcome) -> Next {
        if failures >= retry.max_failures {
            return Next::Jump(retry.on_failure.node.clone());
        }
        self.prefix = match outcome {
            Outcome::NoInput => retry.no_input.clone(),
            _ => retry.no_match.clone(),
        };
        Next::Ask
    }

    /// An operation answered (or timed out) for an `invoke` or `identify` node.
    fn on_result(&mut self, outcome: &str, fields: &BTreeMap<String, Value>, node: &Node) -> Next {
        match (&node.kind, self.phase.clone()) {
            (NodeKind::Invoke(inv), Phase::Invoke { .. }) => {
                if outcome != "timeout" {
                    self.store_results(&inv.results, fields);
                }
                let target = inv.on.get(outcome).unwrap_or(&inv.on_error);
                Next::Jump(target.node.clone())
            }
            (
                NodeKind::Identify(i),
                Phase::Identify {
                    failures,
                    tax_code,
                    pin,
                    birth_date,
                    ..
                },
            ) => match outcome {
                "ok" => {
                    self.store_results(&i.results, fields);
                    Next::Jump(i.on_success.node.clone())
                }
                "locked" => Next::Jump(i.on_locked.node.clone()),
                "ambiguous" if i.birth_date_prompt.is_some() && birth_date.is_none() => {
                    self.phase = Phase::Identify {
                        failures,
                        stage: IdStage::BirthDate,
                        tax_code,
                        pin,
                        birth_date,
                    };
                    Next::Ask
                }
                "ambiguous" | "not_found" | "invalid" => {
                    let failures = failures + 1;
                    if failures >= i.retry.max_failures {
                        return Next::Jump(i.retry.on_failure.node.clone());
                    }
                    self.phase = Phase::Identify {
                        failures,
                        stage: first_id_stage(i.what),
                        tax_code: None,
                        pin: None,
                        birth_date: None,
                    };
                    self.prefix = i.retry_prompt.clone();
                    Next::Ask
                }
                _ => Next::Jump(
                    i.on_error
                        .as_ref()
                        .unwrap_or(&i.retry.on_failure)
                        .node
                        .clone(),
                ),
            },
            _ => Next::Wait,
        }
    }

    fn store_results(
        &mut self,
        results: &BTreeMap<String, crate::model::VarRef>,
        fields: &BTreeMap<String, Value>,
    ) {
        for (field, var) in results {
            if let Some(value) = fields.get(field) {
                if var.name == LANGUAGE_VAR {
                    continue;
                }
                self.vars.insert(var.name.clone(), value.clone());
            }
        }
    }
}

fn first_id_stage(what: IdentifyWhat) -> IdStage {
    if what.asks_tax_code() {
        IdStage::TaxCode
    } else {
        IdStage::Pin
    }
}

/// Speech that is one key ("3", " 3 ").
fn single_key(text: &str) -> Option<char> {
    let mut chars = text.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if DTMF_KEYS.contains(c) => Some(c),
        _ => None,
    }
}

/// The target of the longest menu phrase found, as whole words, in what the caller said.
fn match_words<'a>(words: &'a BTreeMap<String, Target>, text: &str) -> Option<&'a Target> {
    let said = normalize_words(text);
    let said: Vec<&str> = said.split(' ').filter(|w| !w.is_empty()).collect();
    let mut best: Option<(usize, &Target)> = None;
    for (phrase, target) in words {
        let phrase: Vec<&str> = phrase.split(' ').collect();
        let found =
            !phrase.is_empty() && said.windows(phrase.len()).any(|w| w == phrase.as_slice());
        if found && best.is_none_or(|(len, _)| phrase.len() > len) {
            best = Some((phrase.len(), target));
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests;
