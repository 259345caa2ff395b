//! Tests of `validate`: one small flow per finding, the findings rendered as `flow check` shows
//! them.

use super::*;
use crate::catalog::{MemoryOperations, MemoryPrompts};

fn prompts() -> MemoryPrompts {
    MemoryPrompts::new()
        .with("p", &[])
        .with("bye", &[])
        .with("amount", &["amount"])
}

fn operations() -> MemoryOperations {
    MemoryOperations::new().with("status", &["citizen"], &["ok", "not_found"], &["status"])
}

/// Validates flows given as `(file, text)` and renders the findings one a line.
fn run_with(files: &[(&str, &str)], prompts: &MemoryPrompts) -> String {
    let flows = Flows::parse(files.iter().copied()).unwrap_or_else(|e| panic!("{e:?}"));
    let calendars = vec!["agents-it"];
    validate(&flows, prompts, &operations(), &calendars)
        .iter()
        .map(|d| format!("{d}\n"))
        .collect()
}

fn run(text: &str) -> String {
    run_with(&[("f.toml", text)], &prompts())
}

#[track_caller]
fn check(actual: &str, expected: &str) {
    let expected: String = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(actual, expected, "\n--- actual ---\n{actual}");
}

#[test]
fn dangling_targets_and_unreachable_nodes() {
    let text = r#"
id = "m"
start = "a"

[nodes.a]
type = "menu"
prompt = "p"
options = { 1 = "b", 2 = "nowhere" }
on_failure = "b"

[nodes.b]
type = "hangup"
reason = "done"

[nodes.island]
type = "play"
prompt = "p"
next = "b"
"#;
    check(
        &run(text),
        "
        f.toml:8: error: flow `m`, node `a`: target `nowhere` is not a node of this flow
        f.toml:15: error: flow `m`, node `island`: node `island` is unreachable from `start`
        ",
    );
    check(
        &run("id = \"m\"\nstart = \"x\"\n[nodes.a]\ntype = \"return\"\n"),
        "
        f.toml:2: error: flow `m`: `start` names node `x`, which this flow does not define
        f.toml:3: error: flow `m`, node `a`: node `a` is unreachable from `start`
        ",
    );
}

#[test]
fn operations_are_checked_against_the_catalog() {
    let text = r#"
id = "m"
start = "a"

[nodes.a]
type = "invoke"
operation = "status"
args = { citizen = "x", colour = "red" }
results = { status = "s", mood = "m" }
on = { ok = "b", maybe = "b" }
on_error = "b"

[nodes.b]
type = "invoke"
operation = "horoscope"
on_error = "c"

[nodes.c]
type = "invoke"
operation = "status"
on = { timeout = "d" }
on_error = "d"

[nodes.d]
type = "hangup"
reason = "done"
"#;
    check(
        &run(text),
        "
        f.toml:7: error: flow `m`, node `a`: operation `status` has no argument `colour` (it takes: citizen)
        f.toml:9: error: flow `m`, node `a`: operation `status` has no result field `mood` (its fields: status)
        f.toml:10: error: flow `m`, node `a`: operation `status` never answers `maybe` (its outcomes: not_found, ok, and `timeout`)
        f.toml:15: error: flow `m`, node `b`: unknown operation `horoscope`
        f.toml:20: error: flow `m`, node `c`: operation `status` needs argument `citizen` in `args`
        ",
    );
}

#[test]
fn identify_needs_an_operation_taking_what_it_sends() {
    let text = r#"
id = "m"
start = "a"

[nodes.a]
type = "identify"
what = "tax_code_and_pin"
operation = "status"
tax_code_prompt = "p"
pin_prompt = "p"
on_success = "b"
on_locked = "b"
on_failure = "b"

[nodes.b]
type = "hangup"
reason = "done"
"#;
    check(
        &run(text),
        "
        f.toml:8: error: flow `m`, node `a`: operation `status` takes no `pin`, which this identification sends
        f.toml:8: error: flow `m`, node `a`: operation `status` takes no `tax_code`, which this identification sends
        ",
    );
}

#[test]
fn unknown_calendars_and_flows() {
    let text = r#"
id = "m"
start = "a"

[nodes.a]
type = "branch"
calendar = "agents-moon"
open = "b"
closed = "c"

[nodes.b]
type = "subflow"
flow = "ghost"
next = "c"

[nodes.c]
type = "goto"
flow = "m"
node = "nope"
"#;
    check(
        &run(text),
        "
        f.toml:7: error: flow `m`, node `a`: unknown calendar `agents-moon`
        f.toml:13: error: flow `m`, node `b`: no flow `ghost`
        f.toml:19: error: flow `m`, node `c`: flow `m` has no node `nope`
        ",
    );
}

#[test]
fn prompts_missing_in_a_language_or_missing_variables() {
    let mut catalog = prompts();
    catalog.remove(Language::Arabic, "p");
    catalog.remove(Language::Russian, "p");
    catalog.insert(Language::German, "bye", &["name"]);
    let text = r#"
id = "m"
start = "a"

[nodes.a]
type = "play"
prompt = "p"
next = "b"

[nodes.b]
type = "play"
prompt = "amount"
next = "c"

[nodes.c]
type = "play"
prompt = "bye"
next = "d"

[nodes.d]
type = "play"
prompt = "hello"
next = "e"

[nodes.e]
type = "hangup"
reason = "done"
"#;
    check(
        &run_with(&[("f.toml", text)], &catalog),
        "
        f.toml:7: error: flow `m`, node `a`: prompt `p` is missing in ar, ru
        f.toml:12: error: flow `m`, node `b`: prompt `amount` uses variable `$amount` (in every language), but gives no `amount` in `args`
        f.toml:17: error: flow `m`, node `c`: prompt `bye` uses variable `$name` (in de), but gives no `name` in `args`
        f.toml:22: error: flow `m`, node `d`: prompt `hello` is missing in it, de, en, fr, ar, pl, es, ru
        ",
    );
}

#[test]
fn variables_used_before_they_can_be_set() {
    let text = r#"
id = "m"
start = "ask"
inputs = ["dialled"]

[nodes.ask]
type = "collect"
prompt = { id = "amount", args = { amount = "$dialled" } }
into = "amount"
max = 4
on_failure = "fail"
next = "say"

[nodes.say]
type = "play"
prompt = { id = "amount", args = { amount = "$amount" } }
next = "status"

[nodes.fail]
type = "play"
prompt = { id = "amount", args = { amount = "$amount" } }
next = "status"

[nodes.status]
type = "invoke"
operation = "status"
args = { citizen = "$citizen" }
results = { status = "status" }
on = { ok = "said", not_found = "said" }
on_error = "said"

[nodes.said]
type = "branch"
variable = "status"
cases = { approved = "bye" }
else = "bye"

[nodes.bye]
type = "play"
prompt = { id = "amount", args = { amount = "$language" } }
next = "end"

[nodes.end]
type = "hangup"
reason = "done"
"#;
    check(
        &run(text),
        "
        f.toml:21: error: flow `m`, node `fail`: variable `amount` is read here but no path from `start` sets it (set it, collect it, store an operation result in it, or list it in `inputs`)
        f.toml:27: error: flow `m`, node `status`: variable `citizen` is read here but no path from `start` sets it (set it, collect it, store an operation result in it, or list it in `inputs`)
        f.toml:34: warning: flow `m`, node `said`: variable `status` may be unset here: some paths from `start` do not set it
        ",
    );
}

#[test]
fn subflows_carry_what_they_set_and_need_their_inputs() {
    let main = r#"
id = "main"
start = "call"

[nodes.call]
type = "subflow"
flow = "who"
next = "say"

[nodes.say]
type = "play"
prompt = { id = "amount", args = { amount = "$citizen" } }
next = "again"

[nodes.again]
type = "subflow"
flow = "needs"
next = "end"

[nodes.end]
type = "subflow"
flow = "forever"
next = "bye"

[nodes.bye]
type = "hangup"
reason = "done"
"#;
    let who = r#"
id = "who"
start = "set"

[nodes.set]
type = "set"
values = { citizen = "C-1" }
next = "back"

[nodes.back]
type = "return"
"#;
    let needs = r#"
id = "needs"
start = "back"
inputs = ["citizen", "pin"]

[nodes.back]
type = "return"
"#;
    let forever = r#"
id = "forever"
start = "x"

[nodes.x]
type = "hangup"
reason = "done"
"#;
    check(
        &run_with(
            &[
                ("main.toml", main),
                ("who.toml", who),
                ("needs.toml", needs),
                ("forever.toml", forever),
            ],
            &prompts(),
        ),
        "
        main.toml:17: error: flow `main`, node `again`: variable `pin` is read here but no path from `start` sets it (set it, collect it, store an operation result in it, or list it in `inputs`)
        main.toml:22: warning: flow `main`, node `end`: flow `forever` has no `return` node, so `next` is never taken
        ",
    );
}

#[test]
fn the_diagnostic_carries_its_parts() {
    let flows = Flows::parse([(
        "f.toml",
        "id = \"m\"\nstart = \"a\"\n[nodes.a]\ntype = \"play\"\nprompt = \"p\"\nnext = \"zz\"\n",
    )])
    .unwrap();
    let calendars = BTreeSet::new();
    let d = validate(&flows, &prompts(), &operations(), &calendars);
    assert_eq!(
        d,
        vec![Diagnostic {
            severity: Severity::Error,
            file: "f.toml".into(),
            line: 6,
            flow: "m".into(),
            node: Some("a".into()),
            message: "target `zz` is not a node of this flow".into(),
        }]
    );
}
