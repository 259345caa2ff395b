//! The flow model: what a flow file means once parsed, with the line of every reference.
//!
//! These types are produced by the parser (`parse`) and read by the validator and the
//! interpreter; nothing here is built by hand in production code. Every reference to something
//! defined elsewhere (a node, a flow, a prompt, an operation, a calendar, a variable) keeps the
//! 1-based line it was written on, so a diagnostic can point at it.

use std::collections::BTreeMap;
use std::fmt;

use domain::{Language, Money, ServiceGroup};
use jiff::civil::{Date, DateTime};

/// The default number of failures (no-input plus no-match) after which a question gives up.
pub const DEFAULT_MAX_FAILURES: u8 = 3;

/// A set of flows, by id: what a profile's `flows/*.toml` define together.
#[derive(Debug, Clone, Default)]
pub struct Flows {
    pub(crate) flows: BTreeMap<String, Flow>,
}

impl Flows {
    /// The flow with this id.
    pub fn get(&self, id: &str) -> Option<&Flow> {
        self.flows.get(id)
    }

    /// All flows, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Flow> {
        self.flows.values()
    }

    pub fn len(&self) -> usize {
        self.flows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.flows.is_empty()
    }

    pub(crate) fn node(&self, flow: &str, node: &str) -> Option<&Node> {
        self.flows.get(flow)?.nodes.get(node)
    }
}

/// One flow: a graph of nodes entered at `start`.
#[derive(Debug, Clone)]
pub struct Flow {
    /// The flow's id (`id = "main"`), used by entry points, `subflow` and `goto`.
    pub id: String,
    /// Where the flow came from (a path, or a label for built-in text).
    pub file: String,
    /// The line of `id`.
    pub line: usize,
    pub start: Target,
    /// Variables the flow expects to be set when it is entered (by the host or by the caller of
    /// a sub-flow).
    pub inputs: Vec<VarRef>,
    pub nodes: BTreeMap<String, Node>,
}

/// A node of a flow.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    /// The line of the node's table header (`[nodes.<id>]`).
    pub line: usize,
    pub kind: NodeKind,
}

/// What a node does; one variant per `type = "…"`.
#[derive(Debug, Clone)]
pub enum NodeKind {
    Play(Play),
    Menu(Menu),
    Collect(Collect),
    Identify(Identify),
    Invoke(Invoke),
    Branch(Branch),
    Info(Info),
    Enqueue(Enqueue),
    Survey(Survey),
    Subflow(Subflow),
    Goto(Goto),
    Set(Set),
    Return,
    Hangup(Hangup),
}

impl NodeKind {
    /// The `type` name of the node.
    pub fn name(&self) -> &'static str {
        match self {
            NodeKind::Play(_) => "play",
            NodeKind::Menu(_) => "menu",
            NodeKind::Collect(_) => "collect",
            NodeKind::Identify(_) => "identify",
            NodeKind::Invoke(_) => "invoke",
            NodeKind::Branch(_) => "branch",
            NodeKind::Info(_) => "info",
            NodeKind::Enqueue(_) => "enqueue",
            NodeKind::Survey(_) => "survey",
            NodeKind::Subflow(_) => "subflow",
            NodeKind::Goto(_) => "goto",
            NodeKind::Set(_) => "set",
            NodeKind::Return => "return",
            NodeKind::Hangup(_) => "hangup",
        }
    }
}

/// A reference to a node of the same flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub node: String,
    pub line: usize,
}

/// A reference to a flow (by `subflow` and `goto`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRef {
    pub flow: String,
    pub line: usize,
}

/// A reference to a variable, where it is read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    pub line: usize,
}

/// A reference to a back-office operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationRef {
    pub name: String,
    pub line: usize,
}

/// A reference to a calendar of the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarRef {
    pub name: String,
    pub line: usize,
}

/// A value written in a flow: a variable (`"$name"`) or a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    Var(VarRef),
    Literal(Value),
}

/// A Fluent message and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptRef {
    /// The Fluent message id.
    pub id: String,
    pub args: BTreeMap<String, Operand>,
    pub line: usize,
}

/// What to do when a question gets no answer, or a wrong one.
#[derive(Debug, Clone)]
pub struct Retry {
    /// Played (then the question again) after a timeout without input.
    pub no_input: Option<PromptRef>,
    /// Played (then the question again) after input that matches nothing.
    pub no_match: Option<PromptRef>,
    /// Failures (no-input and no-match together) before `on_failure`; 1–9, default 3.
    pub max_failures: u8,
    pub on_failure: Target,
}

/// `play`: one prompt, then `next`.
#[derive(Debug, Clone)]
pub struct Play {
    pub prompt: PromptRef,
    /// Whether a key interrupts the prompt (default true); the key is kept for the next question.
    pub barge_in: bool,
    pub next: Target,
}

/// `menu`: a prompt, then one key (or words, when speech is on) choosing a target.
#[derive(Debug, Clone)]
pub struct Menu {
    pub prompt: PromptRef,
    pub options: BTreeMap<char, Target>,
    /// Lower-case words or phrases matched in what the caller says.
    pub words: BTreeMap<String, Target>,
    pub barge_in: bool,
    /// Seconds of silence after the prompt that count as no-input.
    pub timeout: u32,
    pub retry: Retry,
}

/// `collect`: a digit string into a variable.
#[derive(Debug, Clone)]
pub struct Collect {
    pub prompt: PromptRef,
    pub into: VarRef,
    pub min: u8,
    pub max: u8,
    pub terminator: Option<char>,
    pub first_digit_timeout: u32,
    pub inter_digit_timeout: u32,
    pub barge_in: bool,
    pub retry: Retry,
    pub next: Target,
}

/// What an `identify` node asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifyWhat {
    TaxCode,
    Pin,
    TaxCodeAndPin,
}

impl IdentifyWhat {
    pub fn asks_tax_code(self) -> bool {
        matches!(self, IdentifyWhat::TaxCode | IdentifyWhat::TaxCodeAndPin)
    }

    pub fn asks_pin(self) -> bool {
        matches!(self, IdentifyWhat::Pin | IdentifyWhat::TaxCodeAndPin)
    }
}

/// `identify`: tax code on the keypad and/or phone PIN, checked by the host's operation.
#[derive(Debug, Clone)]
pub struct Identify {
    pub what: IdentifyWhat,
    pub operation: OperationRef,
    pub tax_code_prompt: Option<PromptRef>,
    pub pin_prompt: Option<PromptRef>,
    /// Asked when the operation answers `ambiguous` (more than one citizen matches the keys).
    pub birth_date_prompt: Option<PromptRef>,
    /// Played before starting over when the operation does not recognise the caller.
    pub retry_prompt: Option<PromptRef>,
    pub pin_length: u8,
    pub first_digit_timeout: u32,
    pub inter_digit_timeout: u32,
    pub timeout: u32,
    pub results: BTreeMap<String, VarRef>,
    pub retry: Retry,
    pub on_success: Target,
    pub on_locked: Target,
    /// Where an operation failure (not a wrong answer) leads; `on_failure` when absent.
    pub on_error: Option<Target>,
}

/// `invoke`: a back-office operation, one target per outcome.
#[derive(Debug, Clone)]
pub struct Invoke {
    pub operation: OperationRef,
    pub args: BTreeMap<String, Operand>,
    /// Result field → variable.
    pub results: BTreeMap<String, VarRef>,
    /// Outcome → target.
    pub on: BTreeMap<String, Target>,
    /// Any outcome not listed in `on` (including `timeout`).
    pub on_error: Target,
    /// Seconds to wait for the result before the outcome is `timeout`.
    pub timeout: u32,
}

/// `branch`: on a calendar, or on a variable's value (the built-in `language` included).
#[derive(Debug, Clone)]
pub enum Branch {
    Calendar {
        calendar: CalendarRef,
        open: Target,
        closed: Target,
    },
    Variable {
        variable: VarRef,
        cases: BTreeMap<String, Target>,
        otherwise: Target,
    },
}

/// The four details of R-INFO-2, offered on keys 1–4 after an information message.
#[derive(Debug, Clone)]
pub struct Details {
    pub prompt: PromptRef,
    pub requirements: PromptRef,
    pub how_to_apply: PromptRef,
    pub duration: PromptRef,
    pub amount: PromptRef,
    pub timeout: u32,
}

impl Details {
    /// The detail chosen by key 1–4.
    pub fn by_key(&self, key: char) -> Option<&PromptRef> {
        match key {
            '1' => Some(&self.requirements),
            '2' => Some(&self.how_to_apply),
            '3' => Some(&self.duration),
            '4' => Some(&self.amount),
            _ => None,
        }
    }

    pub fn all(&self) -> [&PromptRef; 5] {
        [
            &self.prompt,
            &self.requirements,
            &self.how_to_apply,
            &self.duration,
            &self.amount,
        ]
    }
}

/// `info`: an information message, optionally with the four-option detail menu.
#[derive(Debug, Clone)]
pub struct Info {
    pub message: PromptRef,
    pub details: Option<Details>,
    pub next: Target,
}

/// `enqueue`: the hand-off to routing.
#[derive(Debug, Clone)]
pub struct Enqueue {
    pub group: ServiceGroup,
    /// The agents' language; the contact's language when absent.
    pub language: Option<Operand>,
    /// Where the flow continues after the conversation with the agent (e.g. the survey).
    pub next: Option<Target>,
    /// Where the flow continues when routing cannot take the call.
    pub on_unavailable: Option<Target>,
}

/// One question of a survey.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub prompt: PromptRef,
    /// The keys that answer it.
    pub answers: Vec<char>,
    pub line: usize,
}

/// `survey`: questions answered by one key each, recorded as they are answered.
#[derive(Debug, Clone)]
pub struct Survey {
    pub survey: String,
    pub intro: Option<PromptRef>,
    pub questions: Vec<Question>,
    pub thanks: Option<PromptRef>,
    pub timeout: u32,
    pub next: Target,
}

/// `subflow`: run another flow, continue at `next` when it returns.
#[derive(Debug, Clone)]
pub struct Subflow {
    pub flow: FlowRef,
    pub next: Target,
}

/// `goto`: continue in another flow (at its start or at `node`), without returning.
#[derive(Debug, Clone)]
pub struct Goto {
    pub flow: FlowRef,
    pub node: Option<Target>,
}

/// `set`: assign variables (`language` changes the contact's language).
#[derive(Debug, Clone)]
pub struct Set {
    pub values: BTreeMap<String, (VarRef, Operand)>,
    pub next: Target,
}

/// `hangup`: end the contact with a reason.
#[derive(Debug, Clone)]
pub struct Hangup {
    pub reason: String,
}

/// A variable's value.
///
/// Flows write only text and integers; the host's operations also answer money, dates, codes
/// (a tax code, a booking code: spoken character by character) and local date-times (an
/// appointment: spoken as a date and a time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Money(Money),
    Date(Date),
    /// A code spoken character by character; compared as its text.
    Code(String),
    /// A wall-clock date and time in the institute's zone.
    DateTime(DateTime),
}

impl Value {
    /// The text a `branch` on a variable compares with its cases.
    pub fn case_key(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Value {
    /// Text and codes as they are, integers in decimal, money as euro with two decimals
    /// (`-12.05`), dates in ISO 8601, date-times as `2026-12-01T09:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.write_str(s),
            Value::Integer(n) => write!(f, "{n}"),
            Value::Money(m) => {
                let cents = m.cents();
                let sign = if cents < 0 { "-" } else { "" };
                let abs = cents.unsigned_abs();
                write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
            }
            Value::Date(d) => write!(f, "{d}"),
            Value::Code(c) => f.write_str(c),
            Value::DateTime(dt) => write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M")),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

impl From<Money> for Value {
    fn from(m: Money) -> Value {
        Value::Money(m)
    }
}

impl From<Date> for Value {
    fn from(d: Date) -> Value {
        Value::Date(d)
    }
}

impl From<DateTime> for Value {
    fn from(dt: DateTime) -> Value {
        Value::DateTime(dt)
    }
}

/// The built-in variable holding the contact's language code; `set` on it changes the language.
pub const LANGUAGE_VAR: &str = "language";

/// Parses a language code of a `set language` or a `branch` case.
pub(crate) fn language_of(value: &Value) -> Option<Language> {
    match value {
        Value::Text(s) => s.parse().ok(),
        _ => None,
    }
}
