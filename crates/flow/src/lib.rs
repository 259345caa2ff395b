//! The IVR of centralino: the flow language (TOML), its validator, and a pure interpreter.
//!
//! Everything a caller hears and does before reaching an agent is a *flow*: a graph of nodes
//! written in a TOML file of the profile (`profiles/<name>/flows/*.toml`). This crate parses
//! flows ([`Flow::parse`], [`Flows::parse`]), checks them against what the rest of the system
//! offers ([`validate`] with a [`PromptCatalog`], an [`OperationCatalog`] and the calendars), and
//! runs one contact through them ([`Contact`]).
//!
//! # Contract
//!
//! The interpreter is sans-IO, like quinn-proto and str0m: a [`Contact`] is a plain value that
//! takes an [`Event`] and the current instant and returns [`Action`]s. It never reads a clock,
//! never does I/O and draws no random numbers. Timers are actions (`StartTimer { timer, at }`,
//! with `at` computed from the `now` it was given) and come back as `Timeout { timer }` events;
//! prompts, operations and the hand-off to routing are actions whose completion comes back as
//! events carrying the same id. So a contact's event log, replayed from scratch with the same
//! instants, gives the same actions — that is how calls are reproduced in tests.
//!
//! No event sequence makes it panic: unknown or stale ids are ignored, events after the end are
//! ignored, and a node that cannot proceed (a missing node, flow or calendar; a loop that never
//! waits for the caller; sub-flows nested too deep) ends the contact with
//! [`EndReason::Failed`] and a `HangUp` action rather than leaving the caller in silence.
//!
//! # Driving a contact
//!
//! ```text
//! let mut contact = Contact::new(flows, calendars, "main", Language::Italian, vars)?;
//! perform(contact.step(Event::Started, now));
//! loop {
//!     // wait for the first of: a key, speech, the end of a playback, a timer, an operation
//!     // result, the end of the agent conversation, the caller hanging up
//!     perform(contact.step(event, now));
//!     if contact.is_ended() { break; }
//! }
//! ```
//!
//! The host (call-control; the terminal softphone) performs each action in order:
//! `Play` renders and plays the prompts (in `language`) and reports `PromptFinished` when the
//! last one ends by itself; `StopPlayback` stops it (no `PromptFinished` needed); `StartTimer`
//! and `CancelTimer` manage one timer wheel; `Invoke` calls the back office and answers
//! `OperationResult` with the same `request`; `Enqueue` hands the caller to routing, which
//! answers `AgentCallEnded` (the flow may continue, e.g. with the survey) or `QueueUnavailable`;
//! `SurveyAnswer` is written to the store; `SetLanguage` is informational (later `Play`s carry
//! the language); `Entered` records the contact's path; `HangUp` ends the call. When the caller
//! hangs up, the host sends `HangUp` and stops.
//!
//! # The flow language
//!
//! One file defines one flow: `id`, the `start` node, optional `inputs` (variables the host or
//! the calling flow must have set), optional `description`, and `[nodes.<name>]` tables, each
//! with a `type`. Unknown keys are errors. Node, flow, outcome and reason names use letters,
//! digits, `-` and `_`; variable and Fluent message names start with a letter.
//!
//! **Targets** are node names of the same flow. **Prompts** are a Fluent message id
//! (`prompt = "welcome"`) or a table with arguments (`prompt = { id = "amount-due",
//! args = { amount = "$amount", year = 2025 } }`). **Operands** (prompt arguments, operation
//! arguments, `set` values) are `"$variable"`, a literal string (`"$$x"` for a literal `$x`), or
//! an integer. **Keys** are `0`–`9`, `*`, `#`, `A`–`D`. Times are whole seconds.
//!
//! | `type` | keys (defaults) |
//! | --- | --- |
//! | `play` | `prompt`, `next`, `barge_in` (true) |
//! | `menu` | `prompt`, `options` (key → target) and/or `words` (phrase → target), `timeout` (5), `barge_in` (true), *retry* |
//! | `collect` | `prompt`, `into` (variable), `max`, `min` (1), `terminator` (none), `first_digit_timeout` (8), `inter_digit_timeout` (4), `barge_in` (true), *retry*, `next` |
//! | `identify` | `what` (`tax_code`, `pin`, `tax_code_and_pin`), `operation`, `tax_code_prompt`, `pin_prompt`, `pin_length` (8), `birth_date_prompt`, `retry_prompt`, `results` (field → variable), `first_digit_timeout` (10), `inter_digit_timeout` (5), `timeout` (15), *retry*, `on_success`, `on_locked`, `on_error` (= `on_failure`) |
//! | `invoke` | `operation`, `args` (name → operand), `results` (field → variable), `on` (outcome → target), `on_error`, `timeout` (15) |
//! | `branch` | `calendar` with `open`, `closed`; or `variable` with `cases` (value → target), `else` |
//! | `info` | `message` (prompt), `details` (`prompt`, `requirements`, `how_to_apply`, `duration`, `amount`, `timeout` (5)), `next` |
//! | `enqueue` | `group` (service group id), `language` (operand; the contact's language), `next`, `on_unavailable` |
//! | `survey` | `survey` (name), `intro`, `questions` (`[{ id, prompt, answers = "12345" }]`), `thanks` (said only when a question was answered), `timeout` (6), `next` |
//! | `subflow` | `flow`, `next` (taken when the sub-flow reaches `return`) |
//! | `goto` | `flow`, `node` (its `start`) |
//! | `set` | `values` (variable → operand), `next` |
//! | `return` | — |
//! | `hangup` | `reason` |
//!
//! *retry* is `no_input` and `no_match` (prompts played before the question is asked again),
//! `max_failures` (3; no-input and no-match count together) and `on_failure` (the defined exit).
//!
//! Semantics worth knowing:
//!
//! - **Barge-in and type-ahead.** A key pressed during a prompt that allows barge-in stops it and
//!   counts: it answers the question being asked, or — during a `play`, an `info` message or an
//!   operation — is kept for the next question (up to 32 keys). A question entered with keys
//!   already typed does not play its prompt; a `play` entered with keys typed ahead is skipped.
//!   Keys during a prompt with `barge_in = false` are dropped.
//! - **Menus** match one key against `options`, or speech against `words`: a phrase matches when
//!   its words appear, in order and whole, in what was said (case and punctuation ignored); the
//!   longest matching phrase wins.
//! - **Collect** ends at `max` digits, at the terminator, or at the inter-digit timeout; fewer
//!   than `min` digits is a no-match, nothing at all by the first-digit timeout a no-input. A
//!   non-digit key that is not the terminator is a no-match. The digits are stored as text.
//! - **Identify** asks the tax code (one key per character, 11–16 keys, `#` ends early), then the
//!   PIN where `what` says so, then invokes `operation` with `tax_code`, `pin` and, after an
//!   `ambiguous` answer, `birth_date` (DDMMYYYY, when `birth_date_prompt` is given). Outcomes:
//!   `ok` → `on_success` (storing `results`); `locked` → `on_locked`; `not_found`, `invalid` or
//!   `ambiguous` → `retry_prompt` and start over, counting a failure; anything else (`timeout`,
//!   `unavailable`, `error`) → `on_error`. The host does the matching (keypad candidates,
//!   registry, PIN hash and lock).
//! - **Invoke** sends the resolved `args`; the result's fields named in `results` are stored;
//!   the outcome picks the target in `on`, anything else (including `timeout` when not listed)
//!   goes to `on_error`.
//! - **Branch** on a variable compares its text (integers in decimal, money as `12.50`, dates
//!   ISO) with the `cases`; an unset variable takes `else`. The built-in variable `language`
//!   holds the contact's language code: `variable = "language"` branches on the language, and
//!   `set` with `language = "de"` changes it (emitting `SetLanguage`).
//! - **Info** plays the message; with `details`, the detail menu follows: keys 1–4 play
//!   requirements, how to apply, duration and start, amount (then the menu again); `0`, `#` or
//!   silence continue at `next`; three wrong keys too.
//! - **Survey** is part of the flow (not a separate service) so it replays like the rest: each
//!   question takes one of its `answers` keys, recorded at once with `SurveyAnswer`; silence skips
//!   a question, a wrong key asks again (three at most).
//! - **Enqueue** hands off to routing; the flow waits. After the agent conversation the flow
//!   continues at `next` (typically the survey), or the contact completes. When routing cannot
//!   take the call the flow continues at `on_unavailable`, or ends with `queue-unavailable`.
//! - **Variables** are one namespace per contact, shared by sub-flows. `set` reads all its values
//!   before writing any. A variable that is not set leaves a prompt argument out.
//! - **Ends**: `hangup` ends with its reason; `return` from the entry flow with `completed`.
//!
//! A complete flow:
//!
//! ```toml
//! id = "main"
//! start = "welcome"
//! inputs = ["dialled"]
//!
//! [nodes.welcome]
//! type = "play"
//! prompt = "welcome"
//! next = "language"
//!
//! [nodes.language]
//! type = "menu"
//! prompt = "choose-language"
//! options = { 1 = "italian", 2 = "german" }
//! words = { italiano = "italian", deutsch = "german" }
//! no_input = "no-input"
//! no_match = "no-match"
//! on_failure = "italian"             # the defined exit: Italian by default
//!
//! [nodes.italian]
//! type = "set"
//! values = { language = "it" }
//! next = "need"
//!
//! [nodes.german]
//! type = "set"
//! values = { language = "de" }
//! next = "need"
//!
//! [nodes.need]
//! type = "menu"
//! prompt = "what-do-you-need"
//! options = { 1 = "agent-hours", 2 = "who" }
//! words = { pension = "agent-hours", "application status" = "who" }
//! no_match = "no-match"
//! on_failure = "goodbye"
//!
//! [nodes.agent-hours]
//! type = "branch"
//! calendar = "agents-it"
//! open = "to-agent"
//! closed = "closed"
//!
//! [nodes.to-agent]
//! type = "enqueue"
//! group = "pensions"
//! next = "survey"
//! on_unavailable = "closed"
//!
//! [nodes.closed]
//! type = "play"
//! prompt = "agents-closed"
//! next = "goodbye"
//!
//! [nodes.who]
//! type = "identify"
//! what = "tax_code_and_pin"
//! operation = "identify-caller"
//! tax_code_prompt = "enter-tax-code"
//! pin_prompt = "enter-pin"
//! retry_prompt = "not-recognised"
//! results = { citizen = "citizen" }
//! on_success = "status"
//! on_locked = "pin-locked"
//! on_failure = "goodbye"
//!
//! [nodes.status]
//! type = "invoke"
//! operation = "application-status"
//! args = { citizen = "$citizen" }
//! results = { status = "status", date = "status_date" }
//! on = { ok = "say-status", not_found = "no-application" }
//! on_error = "sorry"
//!
//! [nodes.say-status]
//! type = "play"
//! prompt = { id = "application-status", args = { status = "$status", date = "$status_date" } }
//! next = "survey"
//!
//! [nodes.survey]
//! type = "survey"
//! survey = "automated"
//! intro = "survey-intro"
//! questions = [
//!   { id = "satisfaction", prompt = "survey-satisfaction", answers = "12345" },
//! ]
//! thanks = "survey-thanks"
//! next = "goodbye"
//!
//! [nodes.no-application]
//! type = "play"
//! prompt = "no-application"
//! next = "survey"
//!
//! [nodes.sorry]
//! type = "play"
//! prompt = "service-unavailable"
//! next = "goodbye"
//!
//! [nodes.pin-locked]
//! type = "play"
//! prompt = "pin-locked"
//! next = "goodbye"
//!
//! [nodes.goodbye]
//! type = "hangup"
//! reason = "completed"
//! ```
//!
//! # Validation
//!
//! [`validate`] reports, with file and line: dangling targets and unknown flows, unreachable
//! nodes, unknown operations and their missing or unknown arguments, outcomes and result fields,
//! unknown calendars, prompts missing in any of the eight languages, prompts whose Fluent text
//! uses a variable the node does not pass, and variables read before they can be set (an error
//! when no path sets them, a warning when only some do).
//!
//! # Layout
//!
//! - `model`: the parsed flow ([`Flows`], [`Flow`], [`Node`], [`NodeKind`], [`Value`]).
//! - `parse`: TOML text → model, [`FlowError`].
//! - `catalog`: the catalog traits and their in-memory implementations.
//! - `validate`: [`validate`] and [`Diagnostic`].
//! - `contact`: the interpreter ([`Contact`], [`Event`], [`Action`]).

mod catalog;
mod contact;
mod model;
mod parse;
mod validate;

pub use catalog::{
    CalendarCatalog, MemoryOperations, MemoryPrompts, OperationCatalog, OperationSpec,
    PromptCatalog,
};
pub use contact::{
    Action, Contact, ContactError, EndReason, Event, MAX_DEPTH, MAX_HOPS, PlaybackId, Prompt,
    RequestId, TYPEAHEAD_MAX, TimerId, Vars,
};
pub use model::{
    Branch, CalendarRef, Collect, DEFAULT_MAX_FAILURES, Details, Enqueue, Flow, FlowRef, Flows,
    Goto, Hangup, Identify, IdentifyWhat, Info, Invoke, LANGUAGE_VAR, Menu, Node, NodeKind,
    Operand, OperationRef, Play, PromptRef, Question, Retry, Set, Subflow, Survey, Target, Value,
    VarRef,
};
pub use parse::FlowError;
pub use validate::{Diagnostic, Severity, validate};

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every message exists in every language; `application-status` uses `$status` and `$date`.
    struct AnyPrompt;

    impl PromptCatalog for AnyPrompt {
        fn message_variables(&self, _: domain::Language, id: &str) -> Option<BTreeSet<String>> {
            Some(match id {
                "application-status" => ["status".into(), "date".into()].into(),
                _ => BTreeSet::new(),
            })
        }
    }

    /// The complete flow of the crate documentation parses and validates clean.
    #[test]
    fn the_documented_example_is_a_valid_flow() {
        let docs = include_str!("lib.rs");
        let start = docs.find("//! ```toml\n").expect("the example") + "//! ```toml\n".len();
        let end = start + docs[start..].find("//! ```").expect("its end");
        let text: String = docs[start..end]
            .lines()
            .map(|l| format!("{}\n", l.trim_start_matches("//!").trim_start_matches(' ')))
            .collect();
        let flows = Flows::parse([("lib.rs", text.as_str())]).expect("the example parses");
        let operations = MemoryOperations::new()
            .with(
                "identify-caller",
                &["tax_code", "pin"],
                &["ok", "not_found", "locked"],
                &["citizen"],
            )
            .with(
                "application-status",
                &["citizen"],
                &["ok", "not_found"],
                &["status", "date"],
            );
        let calendars = vec!["agents-it"];
        let diagnostics = validate(&flows, &AnyPrompt, &operations, &calendars);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    }
}
