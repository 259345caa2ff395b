//! Tests of `parse`: every node type reads, and every mistake names file, line and key.

use super::*;

fn parse(text: &str) -> Result<Flow, FlowError> {
    Flow::parse("flows/test.toml", text)
}

fn err(text: &str) -> FlowError {
    match parse(text) {
        Ok(flow) => panic!("expected an error, parsed {flow:#?}"),
        Err(e) => e,
    }
}

#[track_caller]
fn check_err(text: &str, line: usize, key: &str, message_part: &str) {
    let e = err(text);
    assert_eq!(e.file, "flows/test.toml");
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.key.as_deref(), Some(key), "{e}");
    assert!(
        e.message.contains(message_part),
        "{e:?} does not contain {message_part:?}"
    );
}

const HEAD: &str = "id = \"t\"\nstart = \"a\"\n";

#[test]
fn every_node_type_parses() {
    let text = r##"
id = "every"
start = "play"
inputs = ["dialled"]
description = "one of each"

[nodes.play]
type = "play"
prompt = { id = "welcome", args = { number = "$dialled", year = 2026, cost = "$$5" } }
barge_in = false
next = "menu"

[nodes.menu]
type = "menu"
prompt = "menu"
options = { 1 = "collect", "*" = "menu", "#" = "identify" }
words = { "Application  Status!" = "invoke" }
timeout = 7
no_input = "no-input"
no_match = "no-match"
max_failures = 2
on_failure = "bye"

[nodes.collect]
type = "collect"
prompt = "enter"
into = "number"
min = 4
max = 6
terminator = "#"
first_digit_timeout = 9
inter_digit_timeout = 2
on_failure = "bye"
next = "identify"

[nodes.identify]
type = "identify"
what = "pin"
operation = "check-pin"
pin_prompt = "enter-pin"
pin_length = 6
results = { citizen = "citizen" }
on_success = "invoke"
on_locked = "bye"
on_failure = "bye"

[nodes.invoke]
type = "invoke"
operation = "status"
args = { citizen = "$citizen", kind = "pension" }
results = { status = "status" }
on = { ok = "branch", not_found = "lang" }
on_error = "bye"
timeout = 20

[nodes.branch]
type = "branch"
calendar = "agents-it"
open = "queue"
closed = "info"

[nodes.lang]
type = "branch"
variable = "language"
cases = { de = "info", it = "queue" }
else = "info"

[nodes.info]
type = "info"
message = "info-naspi"
details = { prompt = "d", requirements = "r", how_to_apply = "h", duration = "u", amount = "m", timeout = 4 }
next = "queue"

[nodes.queue]
type = "enqueue"
group = "citizen-support"
language = "it"
next = "survey"
on_unavailable = "sub"

[nodes.survey]
type = "survey"
survey = "after-agent"
intro = "survey-intro"
thanks = "survey-thanks"
next = "sub"

[[nodes.survey.questions]]
id = "q1"
prompt = "survey-q1"
answers = "12345"

[nodes.sub]
type = "subflow"
flow = "other"
next = "set"

[nodes.set]
type = "set"
values = { language = "de", copy = "$status" }
next = "goto"

[nodes.goto]
type = "goto"
flow = "other"
node = "x"

[nodes.ret]
type = "return"

[nodes.bye]
type = "hangup"
reason = "failed-menu"
"##;
    let flow = parse(text).unwrap();
    assert_eq!(flow.id, "every");
    assert_eq!(flow.inputs[0].name, "dialled");
    assert_eq!(flow.nodes.len(), 15);
    let kinds: BTreeSet<&str> = flow.nodes.values().map(|n| n.kind.name()).collect();
    assert_eq!(kinds.len(), 14, "{kinds:?}");

    let NodeKind::Play(play) = &flow.nodes["play"].kind else {
        panic!()
    };
    assert_eq!(flow.nodes["play"].line, 7);
    assert!(!play.barge_in);
    assert_eq!(
        play.prompt.args["number"],
        Operand::Var(VarRef {
            name: "dialled".into(),
            line: 9
        })
    );
    assert_eq!(
        play.prompt.args["year"],
        Operand::Literal(Value::Integer(2026))
    );
    assert_eq!(
        play.prompt.args["cost"],
        Operand::Literal(Value::Text("$5".into()))
    );

    let NodeKind::Menu(menu) = &flow.nodes["menu"].kind else {
        panic!()
    };
    assert_eq!(
        menu.options.keys().collect::<String>(),
        "#*1",
        "keys in order"
    );
    assert_eq!(menu.words.keys().next().unwrap(), "application status");
    assert_eq!(menu.retry.max_failures, 2);
    assert_eq!(menu.retry.on_failure.line, 22);
    assert_eq!(menu.timeout, 7);

    let NodeKind::Collect(c) = &flow.nodes["collect"].kind else {
        panic!()
    };
    assert_eq!((c.min, c.max, c.terminator), (4, 6, Some('#')));
    assert_eq!(c.retry.max_failures, DEFAULT_MAX_FAILURES);

    let NodeKind::Identify(i) = &flow.nodes["identify"].kind else {
        panic!()
    };
    assert_eq!(i.what, IdentifyWhat::Pin);
    assert_eq!(i.pin_length, 6);
    assert!(i.tax_code_prompt.is_none());

    let NodeKind::Branch(Branch::Variable { cases, .. }) = &flow.nodes["lang"].kind else {
        panic!()
    };
    assert_eq!(cases.len(), 2);

    let NodeKind::Survey(s) = &flow.nodes["survey"].kind else {
        panic!()
    };
    assert_eq!(s.questions[0].answers, vec!['1', '2', '3', '4', '5']);

    let NodeKind::Enqueue(e) = &flow.nodes["queue"].kind else {
        panic!()
    };
    assert_eq!(e.group, ServiceGroup::CitizenSupport);
}

#[test]
fn toml_syntax_errors_name_the_line() {
    let e = err("id = \"t\"\nstart = \n");
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.to_string().starts_with("flows/test.toml:2: "), "{e}");
}

#[test]
fn missing_and_unknown_top_level_keys() {
    check_err("start = \"a\"\n", 1, "id", "missing key `id`");
    check_err(
        &format!("{HEAD}colour = \"red\"\n[nodes.a]\ntype = \"return\"\n"),
        3,
        "colour",
        "unknown key `colour` in a flow file",
    );
    check_err(HEAD, 1, "nodes", "missing key `nodes`");
    check_err(
        &format!("{HEAD}nodes = {{}}\n"),
        3,
        "nodes",
        "at least one node",
    );
}

#[test]
fn node_errors_name_node_line_and_key() {
    check_err(
        &format!("{HEAD}\n[nodes.a]\nnext = \"b\"\n"),
        4,
        "nodes.a.type",
        "missing key `type`",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"dance\"\n"),
        5,
        "nodes.a.type",
        "unknown node type \"dance\"",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = \"p\"\n"),
        4,
        "nodes.a.next",
        "missing key `next` in a play node",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = \"p\"\nnext = \"b\"\nnxet = \"c\"\n"
        ),
        8,
        "nodes.a.nxet",
        "unknown key `nxet` in a play node (expected: type, prompt, barge_in, next)",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = \"p\"\nnext = \"no such\"\n"),
        7,
        "nodes.a.next",
        "is not a name",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = 3\nnext = \"b\"\n"),
        6,
        "nodes.a.prompt",
        "expected a message id",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = {{ id = \"p\", arg = {{}} }}\nnext = \"b\"\n"
        ),
        6,
        "nodes.a.prompt.arg",
        "unknown key `arg` in a prompt",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = {{ id = \"p\", args = {{ x = 1.5 }} }}\nnext = \"b\"\n"
        ),
        6,
        "nodes.a.prompt.args.x",
        "found float",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"play\"\nprompt = {{ id = \"p\", args = {{ x = \"$9lives\" }} }}\nnext = \"b\"\n"
        ),
        6,
        "nodes.a.prompt.args.x",
        "not a variable",
    );
}

#[test]
fn menu_errors() {
    let menu = |extra: &str| {
        format!("{HEAD}\n[nodes.a]\ntype = \"menu\"\nprompt = \"p\"\non_failure = \"a\"\n{extra}")
    };
    check_err(
        &menu(""),
        4,
        "nodes.a.options",
        "needs `options` (keys) or `words`",
    );
    check_err(
        &menu("options = { 12 = \"a\" }\n"),
        8,
        "nodes.a.options",
        "\"12\" is not a keypad key",
    );
    check_err(
        &menu("options = { 1 = \"a\" }\nwords = { \"!!\" = \"a\" }\n"),
        9,
        "nodes.a.words.\"!!\"",
        "letters or digits",
    );
    check_err(
        &menu("options = { 1 = \"a\" }\nmax_failures = 0\n"),
        9,
        "nodes.a.max_failures",
        "from 1 to 9",
    );
    check_err(
        &menu("options = { 1 = \"a\" }\ntimeout = \"5s\"\n"),
        9,
        "nodes.a.timeout",
        "integer from 1 to 300",
    );
}

#[test]
fn collect_identify_and_branch_errors() {
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"collect\"\nprompt = \"p\"\ninto = \"x\"\nmin = 5\nmax = 4\non_failure = \"a\"\nnext = \"a\"\n"
        ),
        8,
        "nodes.a.min",
        "min (5) is greater than max (4)",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"collect\"\nprompt = \"p\"\ninto = \"x\"\n"),
        4,
        "nodes.a.max",
        "needs `max`",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"identify\"\nwhat = \"face\"\n"),
        6,
        "nodes.a.what",
        "unknown identification \"face\"",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"identify\"\nwhat = \"pin\"\noperation = \"o\"\npin_prompt = \"p\"\ntax_code_prompt = \"t\"\n"
        ),
        4,
        "nodes.a.on_failure",
        "missing key `on_failure` in an identify node",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"identify\"\nwhat = \"pin\"\noperation = \"o\"\npin_prompt = \"p\"\ntax_code_prompt = \"t\"\non_success = \"a\"\non_locked = \"a\"\non_failure = \"a\"\n"
        ),
        9,
        "nodes.a.tax_code_prompt",
        "unknown key `tax_code_prompt` in an identify node",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"identify\"\nwhat = \"pin\"\noperation = \"o\"\npin_prompt = \"p\"\non_failur = \"a\"\n"
        ),
        9,
        "nodes.a.on_failur",
        "unknown key `on_failur` in an identify node",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"branch\"\ncalendar = \"c\"\nvariable = \"v\"\n"),
        7,
        "nodes.a.variable",
        "either `calendar` or `variable`",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"branch\"\n"),
        4,
        "nodes.a.calendar",
        "needs `calendar`",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"branch\"\ncalendar = \"c\"\nopen = \"a\"\nclosed = \"a\"\ncases = {{}}\n"
        ),
        9,
        "nodes.a.cases",
        "unknown key `cases` in a branch node on a calendar",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"branch\"\nvariable = \"language\"\ncases = {{ klingon = \"a\" }}\nelse = \"a\"\n"
        ),
        7,
        "nodes.a.cases.klingon",
        "not a language code",
    );
}

#[test]
fn enqueue_set_and_survey_errors() {
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"enqueue\"\ngroup = \"astrology\"\n"),
        6,
        "nodes.a.group",
        "unknown service group \"astrology\"",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"enqueue\"\ngroup = \"pensions\"\nlanguage = \"xx\"\n"
        ),
        7,
        "nodes.a.language",
        "xx is not a language code",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"set\"\nvalues = {{ language = \"tlh\" }}\nnext = \"a\"\n"
        ),
        6,
        "nodes.a.values.language",
        "tlh is not a language code",
    );
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"set\"\nvalues = {{}}\nnext = \"a\"\n"),
        4,
        "nodes.a.values",
        "at least one value",
    );
    let survey = |questions: &str| {
        format!(
            "{HEAD}\n[nodes.a]\ntype = \"survey\"\nsurvey = \"s\"\nnext = \"a\"\nquestions = [{questions}]\n"
        )
    };
    check_err(&survey(""), 4, "nodes.a.questions", "at least one question");
    check_err(
        &survey("{ id = \"q\", prompt = \"p\", answers = \"121\" }"),
        8,
        "nodes.a.questions[0].answers",
        "key '1' is listed twice",
    );
    check_err(
        &survey(
            "{ id = \"q\", prompt = \"p\", answers = \"1\" },\n { id = \"q\", prompt = \"p\", answers = \"1\" }",
        ),
        9,
        "nodes.a.questions[1].id",
        "appears twice",
    );
    check_err(
        &survey("{ id = \"q\", prompt = \"p\", answers = \"1\", weight = 2 }"),
        8,
        "nodes.a.questions[0].weight",
        "unknown key `weight` in a survey question",
    );
}

#[test]
fn the_language_variable_is_only_set_by_set() {
    check_err(
        &format!("{HEAD}\n[nodes.a]\ntype = \"collect\"\nprompt = \"p\"\ninto = \"language\"\n"),
        7,
        "nodes.a.into",
        "`language` is built in",
    );
    check_err(
        &format!(
            "{HEAD}\n[nodes.a]\ntype = \"invoke\"\noperation = \"o\"\nresults = {{ lang = \"language\" }}\n"
        ),
        7,
        "nodes.a.results.lang",
        "`language` is built in",
    );
}

#[test]
fn duplicate_flow_ids_name_both_places() {
    let text = format!("{HEAD}\n[nodes.a]\ntype = \"return\"\n");
    let errors =
        Flows::parse([("one.toml", text.as_str()), ("two.toml", text.as_str())]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "two.toml:1: key `id`: flow \"t\" is already defined in one.toml:1"
    );
}

#[test]
fn every_broken_file_is_reported() {
    let errors = Flows::parse([("one.toml", "id = 1"), ("two.toml", "start =")]).unwrap_err();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].file, "one.toml");
    assert_eq!(errors[1].file, "two.toml");
}

#[test]
fn words_are_normalised() {
    assert_eq!(
        normalize_words("  Application-Status, please! "),
        "application status please"
    );
    assert_eq!(normalize_words("Pensión"), "pensión");
    assert_eq!(normalize_words("?!"), "");
}
