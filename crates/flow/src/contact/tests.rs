//! Tests of the interpreter on small flows: digit collection, barge-in and type-ahead, stale
//! events, and the defined ends of flows that cannot proceed.

use std::fmt::Write as _;

use super::*;
use crate::model::Flow;

const T0: i64 = 1_772_611_200; // 2026-03-04T08:00:00Z, a Wednesday

fn flows(texts: &[&str]) -> Arc<Flows> {
    let flows = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Flow::parse(&format!("f{i}.toml"), t).unwrap_or_else(|e| panic!("{e}")));
    Arc::new(Flows::from_flows(flows).unwrap())
}

struct T {
    contact: Contact,
    now: Timestamp,
    playback: Option<PlaybackId>,
    timer: Option<(TimerId, Timestamp)>,
    request: Option<RequestId>,
}

impl T {
    fn new(texts: &[&str]) -> T {
        T::with_vars(texts, Vars::new())
    }

    fn with_vars(texts: &[&str], vars: Vars) -> T {
        let flows = flows(texts);
        let entry = flows.iter().next().unwrap().id.clone();
        let contact = Contact::new(
            flows,
            Arc::new(Calendars::default()),
            &entry,
            Language::Italian,
            vars,
        )
        .unwrap();
        T {
            contact,
            now: Timestamp::from_second(T0).unwrap(),
            playback: None,
            timer: None,
            request: None,
        }
    }

    fn send(&mut self, event: Event) -> String {
        let actions = self.contact.step(event, self.now);
        let mut s = String::new();
        for a in &actions {
            let line = match a {
                Action::Entered { node, .. } => format!("> {node}"),
                Action::Play {
                    playback, prompts, ..
                } => {
                    self.playback = Some(*playback);
                    let ids: Vec<&str> = prompts.iter().map(|p| p.id.as_str()).collect();
                    format!("play {}", ids.join("+"))
                }
                Action::StopPlayback { .. } => {
                    self.playback = None;
                    "stop".to_owned()
                }
                Action::StartTimer { timer, at } => {
                    self.timer = Some((*timer, *at));
                    format!("timer {}s", at.as_second() - self.now.as_second())
                }
                Action::CancelTimer { .. } => {
                    self.timer = None;
                    "cancel".to_owned()
                }
                Action::Invoke {
                    request,
                    operation,
                    args,
                } => {
                    self.request = Some(*request);
                    let args: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!("invoke {operation}({})", args.join(", "))
                }
                Action::SetLanguage { language } => format!("language {language}"),
                Action::Enqueue { group, language } => format!("enqueue {group} {language}"),
                Action::SurveyAnswer {
                    question, answer, ..
                } => format!("answer {question}={answer}"),
                Action::HangUp { reason } => format!("hangup {}", reason.code()),
            };
            let _ = write!(s, "{line}; ");
        }
        s.trim_end_matches("; ").to_owned()
    }

    fn start(&mut self) -> String {
        self.send(Event::Started)
    }

    fn finish(&mut self) -> String {
        let playback = self.playback.take().expect("playing");
        self.send(Event::PromptFinished { playback })
    }

    fn keys(&mut self, k: &str) -> String {
        self.send(Event::Digits(k.into()))
    }

    fn fire(&mut self) -> String {
        let (timer, at) = self.timer.take().expect("a timer");
        self.now = at;
        self.send(Event::Timeout { timer })
    }

    fn result(&mut self, outcome: &str, fields: &[(&str, Value)]) -> String {
        let request = self.request.take().expect("a request");
        self.send(Event::OperationResult {
            request,
            outcome: outcome.into(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        })
    }
}

const COLLECT: &str = r##"
id = "c"
start = "ask"

[nodes.ask]
type = "collect"
prompt = "ask"
into = "code"
min = 3
max = 5
terminator = "#"
first_digit_timeout = 6
inter_digit_timeout = 2
no_input = "silence"
no_match = "wrong"
on_failure = "failed"
next = "done"

[nodes.done]
type = "hangup"
reason = "collected"

[nodes.failed]
type = "hangup"
reason = "gave-up"
"##;

#[test]
fn collect_ends_at_max_terminator_or_inter_digit_timeout() {
    let mut t = T::new(&[COLLECT]);
    assert_eq!(t.start(), "> ask; play ask");
    assert_eq!(t.finish(), "timer 6s");
    assert_eq!(t.keys("12345"), "cancel; > done; hangup collected");
    assert_eq!(t.contact.vars()["code"], Value::from("12345"));

    let mut t = T::new(&[COLLECT]);
    t.start();
    assert_eq!(t.keys("1"), "stop; timer 2s");
    assert_eq!(t.keys("23#"), "cancel; > done; hangup collected");
    assert_eq!(t.contact.vars()["code"], Value::from("123"));

    let mut t = T::new(&[COLLECT]);
    t.start();
    t.finish();
    t.keys("1234");
    assert_eq!(t.fire(), "> done; hangup collected");
    assert_eq!(t.contact.vars()["code"], Value::from("1234"));
}

#[test]
fn collect_retries_too_short_and_silence_then_gives_up() {
    let mut t = T::new(&[COLLECT]);
    t.start();
    t.finish();
    assert_eq!(t.keys("12#"), "cancel; play wrong+ask");
    t.finish();
    assert_eq!(t.fire(), "play silence+ask");
    t.finish();
    assert_eq!(t.keys("1*"), "cancel; > failed; hangup gave-up");
    assert!(!t.contact.vars().contains_key("code"));
}

#[test]
fn spoken_digits_answer_a_collect() {
    let mut t = T::new(&[COLLECT]);
    t.start();
    assert_eq!(
        t.send(Event::Speech("4 5 6 7".into())),
        "stop; > done; hangup collected"
    );
    assert_eq!(t.contact.vars()["code"], Value::from("4567"));
}

const PLAYS: &str = r#"
id = "p"
start = "legal"

[nodes.legal]
type = "play"
prompt = "legal"
barge_in = false
next = "hello"

[nodes.hello]
type = "play"
prompt = "hello"
next = "menu"

[nodes.menu]
type = "menu"
prompt = "menu"
options = { 1 = "one", 2 = "two" }
on_failure = "two"

[nodes.one]
type = "hangup"
reason = "one"

[nodes.two]
type = "hangup"
reason = "two"
"#;

#[test]
fn keys_during_a_prompt_without_barge_in_are_dropped() {
    let mut t = T::new(&[PLAYS]);
    assert_eq!(t.start(), "> legal; play legal");
    assert_eq!(t.keys("1"), "");
    assert_eq!(t.finish(), "> hello; play hello");
    assert_eq!(t.finish(), "> menu; play menu");
}

#[test]
fn typed_ahead_keys_skip_prompts_and_answer_the_next_question() {
    let mut t = T::new(&[PLAYS]);
    t.start();
    t.finish();
    assert_eq!(t.keys("2"), "stop; > menu; > two; hangup two");

    // Two keys at once: the first interrupts `hello`, both are typed ahead, the menu takes the
    // first, and the second arrives after the end.
    let mut t = T::new(&[PLAYS]);
    t.start();
    t.finish();
    assert_eq!(t.keys("12"), "stop; > menu; > one; hangup one");
    assert_eq!(t.keys("1"), "");
}

#[test]
fn stale_and_early_events_are_ignored() {
    let mut t = T::new(&[PLAYS]);
    assert_eq!(t.keys("1"), "", "before the start");
    assert_eq!(
        t.send(Event::PromptFinished {
            playback: PlaybackId(1)
        }),
        ""
    );
    t.start();
    assert_eq!(t.send(Event::Started), "", "started twice");
    assert_eq!(
        t.send(Event::PromptFinished {
            playback: PlaybackId(99)
        }),
        ""
    );
    assert_eq!(t.send(Event::Timeout { timer: TimerId(1) }), "");
    assert_eq!(
        t.send(Event::OperationResult {
            request: RequestId(1),
            outcome: "ok".into(),
            fields: BTreeMap::new()
        }),
        ""
    );
    assert_eq!(t.send(Event::AgentCallEnded), "");
    assert_eq!(t.send(Event::QueueUnavailable), "");
    assert_eq!(t.finish(), "> hello; play hello");
    assert_eq!(t.send(Event::Digits("xyz!".into())), "", "not keypad keys");
}

#[test]
fn a_menu_without_words_treats_speech_as_no_match() {
    let mut t = T::new(&[PLAYS]);
    t.start();
    t.finish();
    t.finish();
    t.finish();
    assert_eq!(t.send(Event::Speech("one".into())), "cancel; play menu");
}

#[test]
fn words_match_whole_words_and_the_longest_phrase_wins() {
    let words: BTreeMap<String, Target> =
        [("status", "a"), ("application status", "b"), ("pin", "c")]
            .into_iter()
            .map(|(w, n)| {
                (
                    w.to_owned(),
                    Target {
                        node: n.to_owned(),
                        line: 1,
                    },
                )
            })
            .collect();
    let hit = |text: &str| match_words(&words, text).map(|t| t.node.clone());
    assert_eq!(hit("the Application Status, please").as_deref(), Some("b"));
    assert_eq!(hit("status").as_deref(), Some("a"));
    assert_eq!(hit("spinning"), None, "no match inside a word");
    assert_eq!(hit(""), None);
}

#[test]
fn flows_that_cannot_proceed_end_with_a_defined_reason() {
    // A dangling target (the validator would have said so).
    let mut t = T::new(&[
        "id = \"d\"\nstart = \"a\"\n[nodes.a]\ntype = \"set\"\nvalues = { x = 1 }\nnext = \"gone\"\n",
    ]);
    assert_eq!(t.start(), "> a; hangup error");
    assert_eq!(
        t.contact.end_reason(),
        Some(&EndReason::Failed {
            flow: "d".into(),
            node: "gone".into(),
            problem: "no node `gone` in flow `d`".into(),
        })
    );

    // A loop that never waits for the caller.
    let mut t = T::new(&[
        "id = \"l\"\nstart = \"a\"\n[nodes.a]\ntype = \"set\"\nvalues = { x = 1 }\nnext = \"b\"\n\
         [nodes.b]\ntype = \"goto\"\nflow = \"l\"\n",
    ]);
    assert!(t.start().ends_with("hangup error"));
    assert!(matches!(
        t.contact.end_reason(),
        Some(EndReason::Failed { problem, .. }) if problem.contains("a loop")
    ));

    // A sub-flow calling itself forever.
    let mut t = T::new(&[
        "id = \"r\"\nstart = \"a\"\n[nodes.a]\ntype = \"subflow\"\nflow = \"r\"\nnext = \"b\"\n\
         [nodes.b]\ntype = \"return\"\n",
    ]);
    assert!(t.start().ends_with("hangup error"));
    assert!(matches!(
        t.contact.end_reason(),
        Some(EndReason::Failed { problem, .. }) if problem.contains("nested deeper than 32")
    ));

    // An unknown calendar.
    let mut t = T::new(&[
        "id = \"k\"\nstart = \"a\"\n[nodes.a]\ntype = \"branch\"\ncalendar = \"x\"\nopen = \"a\"\nclosed = \"a\"\n",
    ]);
    assert_eq!(t.start(), "> a; hangup error");

    // Returning from the entry flow completes the contact.
    let mut t = T::new(&["id = \"e\"\nstart = \"a\"\n[nodes.a]\ntype = \"return\"\n"]);
    assert_eq!(t.start(), "> a; hangup completed");
}

const STEPS: &str = r#"
id = "s"
start = "lang"
inputs = ["who"]

[nodes.lang]
type = "set"
values = { language = "$wanted", copy = "$who", wanted = "ignored" }
next = "by-language"

[nodes.by-language]
type = "branch"
variable = "language"
cases = { de = "op", it = "bye" }
else = "bye"

[nodes.op]
type = "invoke"
operation = "lookup"
args = { who = "$who", missing = "$nothing", n = 7 }
results = { amount = "amount" }
on = { ok = "amount", timeout = "late" }
on_error = "bye"
timeout = 3

[nodes.amount]
type = "branch"
variable = "amount"
cases = { "12.50" = "queue" }
else = "bye"

[nodes.queue]
type = "enqueue"
group = "pensions"
language = "$agents"

[nodes.late]
type = "hangup"
reason = "late"

[nodes.bye]
type = "hangup"
reason = "bye"
"#;

#[test]
fn set_branch_invoke_and_enqueue_use_variables() {
    let vars: Vars = [
        ("who".to_owned(), Value::from("C-1")),
        ("wanted".to_owned(), Value::from("de")),
        ("agents".to_owned(), Value::from("it")),
        ("language".to_owned(), Value::from("ru")),
    ]
    .into();
    let mut t = T::with_vars(&[STEPS], vars.clone());
    assert_eq!(
        t.start(),
        "> lang; language de; > by-language; > op; invoke lookup(n=7, who=C-1); timer 3s"
    );
    assert_eq!(t.contact.language(), Language::German);
    assert_eq!(t.contact.vars()["copy"], Value::from("C-1"));
    assert_eq!(t.contact.vars()["wanted"], Value::from("ignored"));
    assert!(!t.contact.vars().contains_key("language"));
    assert_eq!(
        t.result(
            "ok",
            &[
                ("amount", Value::Money(domain::Money::from_cents(1250))),
                ("extra", Value::from(1)),
            ]
        ),
        "cancel; > amount; > queue; enqueue pensions it"
    );
    assert!(!t.contact.vars().contains_key("extra"));
    assert_eq!(t.send(Event::AgentCallEnded), "hangup completed");

    let mut t = T::with_vars(&[STEPS], vars);
    t.start();
    assert_eq!(t.fire(), "> late; hangup late");
}

#[test]
fn queue_unavailable_without_a_target_ends_the_contact() {
    let mut t = T::new(&[
        "id = \"q\"\nstart = \"a\"\n[nodes.a]\ntype = \"enqueue\"\ngroup = \"disability\"\n",
    ]);
    assert_eq!(t.start(), "> a; enqueue disability it");
    assert_eq!(t.keys("1"), "", "keys in the queue do nothing");
    assert_eq!(t.send(Event::QueueUnavailable), "hangup queue-unavailable");
    assert_eq!(t.contact.end_reason(), Some(&EndReason::QueueUnavailable));
}

#[test]
fn the_caller_hanging_up_cancels_the_timer_and_ends() {
    let mut t = T::new(&[COLLECT]);
    t.start();
    t.finish();
    assert_eq!(t.send(Event::HangUp), "cancel");
    assert_eq!(t.contact.end_reason(), Some(&EndReason::CallerHungUp));
    assert_eq!(t.send(Event::Started), "");
}

#[test]
fn contacts_need_a_known_flow_and_its_inputs() {
    let flows = flows(&[STEPS]);
    let calendars = Arc::new(Calendars::default());
    assert_eq!(
        Contact::new(
            flows.clone(),
            calendars.clone(),
            "nope",
            Language::Italian,
            Vars::new()
        )
        .unwrap_err(),
        ContactError::UnknownFlow("nope".into())
    );
    assert_eq!(
        Contact::new(flows, calendars, "s", Language::Italian, Vars::new()).unwrap_err(),
        ContactError::MissingInput {
            flow: "s".into(),
            variable: "who".into()
        }
    );
}

#[test]
fn identify_by_pin_only() {
    let text = r#"
id = "i"
start = "who"

[nodes.who]
type = "identify"
what = "pin"
operation = "check"
pin_prompt = "pin"
pin_length = 4
max_failures = 2
retry_prompt = "again"
on_success = "ok"
on_locked = "locked"
on_failure = "failed"
on_error = "error"

[nodes.ok]
type = "hangup"
reason = "ok"

[nodes.locked]
type = "hangup"
reason = "locked"

[nodes.failed]
type = "hangup"
reason = "failed"

[nodes.error]
type = "hangup"
reason = "error"
"#;
    let mut t = T::new(&[text]);
    assert_eq!(t.start(), "> who; play pin");
    assert_eq!(t.keys("1234"), "stop; invoke check(pin=1234); timer 15s");
    assert_eq!(t.keys("9"), "", "type-ahead while checking");
    // A wrong answer drops the type-ahead: the caller hears why before trying again.
    assert_eq!(t.result("invalid", &[]), "cancel; play again+pin");
    assert_eq!(t.keys("5678"), "stop; invoke check(pin=5678); timer 15s");
    assert_eq!(
        t.result("unavailable", &[]),
        "cancel; > error; hangup error"
    );

    let mut t = T::new(&[text]);
    t.start();
    t.keys("1234");
    t.result("not_found", &[]);
    t.keys("1234");
    assert_eq!(
        t.result("not_found", &[]),
        "cancel; > failed; hangup failed"
    );

    let mut t = T::new(&[text]);
    t.start();
    t.keys("1234");
    assert_eq!(t.result("locked", &[]), "cancel; > locked; hangup locked");

    // Without a birth-date prompt, `ambiguous` is a failure like any other.
    let mut t = T::new(&[text]);
    t.start();
    t.keys("1234");
    assert_eq!(t.result("ambiguous", &[]), "cancel; play again+pin");
}
