//! From flow-file text to the model, with an error that names file, line and key.
//!
//! The text is parsed by `toml` into its spanned document tree (`DeTable`), then read here key
//! by key: serde's derive cannot keep spans inside internally tagged enums (`type = "menu"`), and
//! reading by hand lets every message say which key of which node is wrong and which keys were
//! expected instead. Unknown keys are errors, so a typo never silently changes a flow.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use domain::{Language, ServiceGroup};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::{
    Branch, CalendarRef, Collect, DEFAULT_MAX_FAILURES, Details, Enqueue, Flow, FlowRef, Flows,
    Goto, Hangup, Identify, IdentifyWhat, Info, Invoke, LANGUAGE_VAR, Menu, Node, NodeKind,
    Operand, OperationRef, Play, PromptRef, Question, Retry, Set, Subflow, Survey, Target, Value,
    VarRef,
};

/// A flow file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FlowError {
    pub file: String,
    /// 1-based line, when the error has a place in the file.
    pub line: Option<usize>,
    /// The key path (`nodes.need.options.1`), when known.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for FlowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ": key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The keys DTMF can send.
pub(crate) const DTMF_KEYS: &str = "0123456789*#ABCD";

const NODE_TYPES: &str = "play, menu, collect, identify, invoke, branch, info, enqueue, survey, subflow, goto, set, \
     return, hangup";

impl Flow {
    /// Parses one flow file; `file` says where the text came from (it appears in errors).
    pub fn parse(file: &str, text: &str) -> Result<Flow, FlowError> {
        let src = Src { file, text };
        let doc = DeTable::parse(text).map_err(|e| FlowError {
            file: file.to_owned(),
            line: e.span().map(|s| src.line(s.start)),
            key: None,
            message: e.message().trim().to_owned(),
        })?;
        let mut top = Reader::new(&src, doc.get_ref(), String::new(), 1, "a flow file");
        top.expect_keys(&["id", "start", "inputs", "description", "nodes"])?;
        let (id, id_line) = top.req_ident("id")?;
        let start = top.req_target("start")?;
        let inputs = top
            .opt_array("inputs")?
            .map(|items| {
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let key = format!("inputs[{i}]");
                        let name = src.string(item, &key)?;
                        src.var_name(&name, item.span(), &key)?;
                        Ok(VarRef {
                            name,
                            line: src.line(item.span().start),
                        })
                    })
                    .collect::<Result<Vec<_>, FlowError>>()
            })
            .transpose()?
            .unwrap_or_default();
        top.opt_str("description")?;
        let nodes_value = top.req("nodes")?;
        let nodes_table = src.table(nodes_value, "nodes")?;
        let mut nodes = BTreeMap::new();
        for (key, value) in nodes_table.iter() {
            let node_id = key.get_ref().to_string();
            let path = join("nodes", &node_id);
            src.ident(&node_id, key.span(), &path)?;
            let node = parse_node(
                &src,
                node_id.clone(),
                src.line(key.span().start),
                value,
                path,
            )?;
            nodes.insert(node_id, node);
        }
        if nodes.is_empty() {
            return Err(src.err(
                nodes_value.span(),
                "nodes",
                "a flow needs at least one node",
            ));
        }
        top.finish()?;
        Ok(Flow {
            id,
            file: file.to_owned(),
            line: id_line,
            start,
            inputs,
            nodes,
        })
    }
}

impl Flows {
    /// Collects parsed flows; two flows with the same id are an error.
    pub fn from_flows(list: impl IntoIterator<Item = Flow>) -> Result<Flows, FlowError> {
        let mut flows: BTreeMap<String, Flow> = BTreeMap::new();
        for flow in list {
            if let Some(first) = flows.get(&flow.id) {
                return Err(FlowError {
                    file: flow.file.clone(),
                    line: Some(flow.line),
                    key: Some("id".into()),
                    message: format!(
                        "flow {:?} is already defined in {}:{}",
                        flow.id, first.file, first.line
                    ),
                });
            }
            flows.insert(flow.id.clone(), flow);
        }
        Ok(Flows { flows })
    }

    /// Parses several files (`(file, text)` pairs), reporting every file's error.
    pub fn parse<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Flows, Vec<FlowError>> {
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        for (file, text) in sources {
            match Flow::parse(file, text) {
                Ok(flow) => parsed.push(flow),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Flows::from_flows(parsed).map_err(|e| vec![e])
    }
}

fn parse_node(
    src: &Src<'_>,
    id: String,
    line: usize,
    value: &Spanned<DeValue<'_>>,
    path: String,
) -> Result<Node, FlowError> {
    let table = src.table(value, &path)?;
    let mut r = Reader::new(src, table, path, line, "this node");
    let (ty, ty_span) = r.req_str_span("type")?;
    r.what = node_what(&ty);
    if let Some(keys) = node_keys(&ty) {
        r.expect_keys(keys)?;
    }
    let kind = match ty.as_str() {
        "play" => NodeKind::Play(Play {
            prompt: r.req_prompt("prompt")?,
            barge_in: r.opt_bool("barge_in", true)?,
            next: r.req_target("next")?,
        }),
        "menu" => {
            let prompt = r.req_prompt("prompt")?;
            let options = r
                .opt_target_map("options")?
                .into_iter()
                .map(|(k, t)| Ok((src.dtmf_key(&k.0, k.1, &join(&r.path, "options"))?, t)))
                .collect::<Result<BTreeMap<_, _>, FlowError>>()?;
            let mut words = BTreeMap::new();
            for ((word, span), target) in r.opt_target_map("words")? {
                let normal = normalize_words(&word);
                if normal.is_empty() {
                    return Err(src.err(
                        span,
                        &join(&join(&r.path, "words"), &word),
                        "a word must contain letters or digits",
                    ));
                }
                words.insert(normal, target);
            }
            if options.is_empty() && words.is_empty() {
                return Err(r.missing("options", "a menu needs `options` (keys) or `words`"));
            }
            NodeKind::Menu(Menu {
                prompt,
                options,
                words,
                barge_in: r.opt_bool("barge_in", true)?,
                timeout: r.opt_seconds("timeout", 5)?,
                retry: r.retry()?,
            })
        }
        "collect" => {
            let prompt = r.req_prompt("prompt")?;
            let into = r.req_var("into")?;
            r.not_language(&into, "into")?;
            let max = r.opt_int("max", None, 1..=32)?;
            let min = r.opt_int("min", Some(1), 1..=32)?;
            let max = match max {
                Some(max) => max,
                None => return Err(r.missing("max", "a collect node needs `max` (1–32)")),
            };
            let min = min.unwrap_or(1);
            if min > max {
                let span = r.get("min").map_or(0..0, Spanned::span);
                return Err(src.err(
                    span,
                    &join(&r.path, "min"),
                    &format!("min ({min}) is greater than max ({max})"),
                ));
            }
            NodeKind::Collect(Collect {
                prompt,
                into,
                min: min as u8,
                max: max as u8,
                terminator: r.opt_key("terminator")?,
                first_digit_timeout: r.opt_seconds("first_digit_timeout", 8)?,
                inter_digit_timeout: r.opt_seconds("inter_digit_timeout", 4)?,
                barge_in: r.opt_bool("barge_in", true)?,
                retry: r.retry()?,
                next: r.req_target("next")?,
            })
        }
        "identify" => {
            let (what_text, what_span) = r.req_str_span("what")?;
            let what = match what_text.as_str() {
                "tax_code" => IdentifyWhat::TaxCode,
                "pin" => IdentifyWhat::Pin,
                "tax_code_and_pin" => IdentifyWhat::TaxCodeAndPin,
                other => {
                    return Err(src.err(
                        what_span,
                        &join(&r.path, "what"),
                        &format!(
                            "unknown identification {other:?} (expected tax_code, pin or \
                             tax_code_and_pin)"
                        ),
                    ));
                }
            };
            let operation = r.req_operation("operation")?;
            let tax_code_prompt = if what.asks_tax_code() {
                Some(r.req_prompt("tax_code_prompt")?)
            } else {
                None
            };
            let (pin_prompt, pin_length) = if what.asks_pin() {
                (
                    Some(r.req_prompt("pin_prompt")?),
                    r.opt_int("pin_length", Some(8), 4..=16)?.unwrap_or(8) as u8,
                )
            } else {
                (None, 0)
            };
            NodeKind::Identify(Identify {
                what,
                operation,
                tax_code_prompt,
                pin_prompt,
                birth_date_prompt: r.opt_prompt("birth_date_prompt")?,
                retry_prompt: r.opt_prompt("retry_prompt")?,
                pin_length,
                first_digit_timeout: r.opt_seconds("first_digit_timeout", 10)?,
                inter_digit_timeout: r.opt_seconds("inter_digit_timeout", 5)?,
                timeout: r.opt_seconds("timeout", 15)?,
                results: r.opt_results()?,
                retry: r.retry()?,
                on_success: r.req_target("on_success")?,
                on_locked: r.req_target("on_locked")?,
                on_error: r.opt_target("on_error")?,
            })
        }
        "invoke" => {
            let operation = r.req_operation("operation")?;
            let args = r.opt_operand_map("args")?;
            let results = r.opt_results()?;
            let mut on = BTreeMap::new();
            for ((outcome, span), target) in r.opt_target_map("on")? {
                src.ident(&outcome, span, &join(&join(&r.path, "on"), &outcome))?;
                on.insert(outcome, target);
            }
            NodeKind::Invoke(Invoke {
                operation,
                args,
                results,
                on,
                on_error: r.req_target("on_error")?,
                timeout: r.opt_seconds("timeout", 15)?,
            })
        }
        "branch" => {
            let calendar = r.opt_str_span("calendar")?;
            let variable = r.opt_var("variable")?;
            NodeKind::Branch(match (calendar, variable) {
                (Some((name, span)), None) => {
                    r.what = "a branch node on a calendar";
                    Branch::Calendar {
                        calendar: CalendarRef {
                            name,
                            line: src.line(span.start),
                        },
                        open: r.req_target("open")?,
                        closed: r.req_target("closed")?,
                    }
                }
                (None, Some(variable)) => {
                    r.what = "a branch node on a variable";
                    let mut cases = BTreeMap::new();
                    for ((case, span), target) in r.opt_target_map("cases")? {
                        if variable.name == LANGUAGE_VAR && case.parse::<Language>().is_err() {
                            return Err(src.err(
                                span,
                                &join(&join(&r.path, "cases"), &case),
                                &format!(
                                    "{case:?} is not a language code (it, de, en, fr, ar, pl, \
                                     es, ru)"
                                ),
                            ));
                        }
                        cases.insert(case, target);
                    }
                    Branch::Variable {
                        variable,
                        cases,
                        otherwise: r.req_target("else")?,
                    }
                }
                (Some(_), Some(_)) => {
                    let span = r.get("variable").map_or(0..0, Spanned::span);
                    return Err(src.err(
                        span,
                        &join(&r.path, "variable"),
                        "a branch tests either `calendar` or `variable`, not both",
                    ));
                }
                (None, None) => {
                    return Err(r.missing(
                        "calendar",
                        "a branch needs `calendar` (open/closed) or `variable` (cases/else)",
                    ));
                }
            })
        }
        "info" => {
            let message = r.req_prompt("message")?;
            let details = match r.opt_table("details")? {
                None => None,
                Some(mut d) => {
                    d.what = "the details of an info node";
                    d.expect_keys(&[
                        "prompt",
                        "requirements",
                        "how_to_apply",
                        "duration",
                        "amount",
                        "timeout",
                    ])?;
                    let details = Details {
                        prompt: d.req_prompt("prompt")?,
                        requirements: d.req_prompt("requirements")?,
                        how_to_apply: d.req_prompt("how_to_apply")?,
                        duration: d.req_prompt("duration")?,
                        amount: d.req_prompt("amount")?,
                        timeout: d.opt_seconds("timeout", 5)?,
                    };
                    d.finish()?;
                    Some(details)
                }
            };
            NodeKind::Info(Info {
                message,
                details,
                next: r.req_target("next")?,
            })
        }
        "enqueue" => {
            let (group_text, group_span) = r.req_str_span("group")?;
            let group = group_text
                .parse::<ServiceGroup>()
                .map_err(|e| src.err(group_span, &join(&r.path, "group"), &e.to_string()))?;
            let language = match r.get("language") {
                None => None,
                Some(v) => {
                    let key = join(&r.path, "language");
                    let operand = src.operand(v, &key)?;
                    if let Operand::Literal(lit) = &operand {
                        check_language_literal(src, lit, v.span(), &key)?;
                    }
                    r.mark("language");
                    Some(operand)
                }
            };
            NodeKind::Enqueue(Enqueue {
                group,
                language,
                next: r.opt_target("next")?,
                on_unavailable: r.opt_target("on_unavailable")?,
            })
        }
        "survey" => {
            let (survey, _) = r.req_ident("survey")?;
            let intro = r.opt_prompt("intro")?;
            let items = match r.opt_array("questions")? {
                Some(items) if !items.is_empty() => items,
                _ => return Err(r.missing("questions", "a survey needs at least one question")),
            };
            let mut questions = Vec::new();
            let mut seen = BTreeSet::new();
            for (i, item) in items.iter().enumerate() {
                let path = format!("{}.questions[{i}]", r.path);
                let table = src.table(item, &path)?;
                let line = src.line(item.span().start);
                let mut q = Reader::new(src, table, path, line, "a survey question");
                q.expect_keys(&["id", "prompt", "answers"])?;
                let (id, id_line) = q.req_ident("id")?;
                if !seen.insert(id.clone()) {
                    return Err(FlowError {
                        file: src.file.to_owned(),
                        line: Some(id_line),
                        key: Some(join(&q.path, "id")),
                        message: format!("question {id:?} appears twice in this survey"),
                    });
                }
                let prompt = q.req_prompt("prompt")?;
                let (keys, keys_span) = q.req_str_span("answers")?;
                let mut answers = Vec::new();
                for c in keys.chars() {
                    let key = src.dtmf_key(&c.to_string(), keys_span.clone(), &q.path)?;
                    if answers.contains(&key) {
                        return Err(src.err(
                            keys_span,
                            &join(&q.path, "answers"),
                            &format!("key {key:?} is listed twice"),
                        ));
                    }
                    answers.push(key);
                }
                if answers.is_empty() {
                    return Err(src.err(
                        keys_span,
                        &join(&q.path, "answers"),
                        "list the keys that answer the question, e.g. \"12345\"",
                    ));
                }
                q.finish()?;
                questions.push(Question {
                    id,
                    prompt,
                    answers,
                    line,
                });
            }
            NodeKind::Survey(Survey {
                survey,
                intro,
                questions,
                thanks: r.opt_prompt("thanks")?,
                timeout: r.opt_seconds("timeout", 6)?,
                next: r.req_target("next")?,
            })
        }
        "subflow" => NodeKind::Subflow(Subflow {
            flow: r.req_flow("flow")?,
            next: r.req_target("next")?,
        }),
        "goto" => NodeKind::Goto(Goto {
            flow: r.req_flow("flow")?,
            node: r.opt_target("node")?,
        }),
        "set" => {
            let Some(values) = r.opt_table_raw("values")? else {
                return Err(r.missing("values", "a set node needs `values = { name = … }`"));
            };
            let mut out = BTreeMap::new();
            for (key, value) in values.iter() {
                let name = key.get_ref().to_string();
                let path = join(&join(&r.path, "values"), &name);
                src.var_name(&name, key.span(), &path)?;
                let operand = src.operand(value, &path)?;
                if name == LANGUAGE_VAR
                    && let Operand::Literal(lit) = &operand
                {
                    check_language_literal(src, lit, value.span(), &path)?;
                }
                let var = VarRef {
                    name: name.clone(),
                    line: src.line(key.span().start),
                };
                out.insert(name, (var, operand));
            }
            if out.is_empty() {
                return Err(r.missing("values", "a set node needs at least one value"));
            }
            NodeKind::Set(Set {
                values: out,
                next: r.req_target("next")?,
            })
        }
        "return" => NodeKind::Return,
        "hangup" => {
            let (reason, _) = r.req_ident("reason")?;
            NodeKind::Hangup(Hangup { reason })
        }
        other => {
            return Err(src.err(
                ty_span,
                &join(&r.path, "type"),
                &format!("unknown node type {other:?} (expected one of: {NODE_TYPES})"),
            ));
        }
    };
    r.finish()?;
    Ok(Node { id, line, kind })
}

/// Every key a node of this type may have (some only in combination with others).
fn node_keys(ty: &str) -> Option<&'static [&'static str]> {
    const RETRY: [&str; 4] = ["no_input", "no_match", "max_failures", "on_failure"];
    macro_rules! keys {
        ($($k:literal),* ; retry) => {{
            const K: &[&str] = &["type", $($k,)* RETRY[0], RETRY[1], RETRY[2], RETRY[3]];
            K
        }};
        ($($k:literal),*) => {{
            const K: &[&str] = &["type", $($k),*];
            K
        }};
    }
    Some(match ty {
        "play" => keys!("prompt", "barge_in", "next"),
        "menu" => keys!("prompt", "options", "words", "barge_in", "timeout"; retry),
        "collect" => keys!(
            "prompt", "into", "min", "max", "terminator", "first_digit_timeout",
            "inter_digit_timeout", "barge_in", "next"; retry
        ),
        "identify" => keys!(
            "what", "operation", "tax_code_prompt", "pin_prompt", "pin_length",
            "birth_date_prompt", "retry_prompt", "first_digit_timeout", "inter_digit_timeout",
            "timeout", "results", "on_success", "on_locked", "on_error"; retry
        ),
        "invoke" => keys!("operation", "args", "results", "on", "on_error", "timeout"),
        "branch" => keys!("calendar", "open", "closed", "variable", "cases", "else"),
        "info" => keys!("message", "details", "next"),
        "enqueue" => keys!("group", "language", "next", "on_unavailable"),
        "survey" => keys!("survey", "intro", "questions", "thanks", "timeout", "next"),
        "subflow" => keys!("flow", "next"),
        "goto" => keys!("flow", "node"),
        "set" => keys!("values", "next"),
        "return" => keys!(),
        "hangup" => keys!("reason"),
        _ => return None,
    })
}

/// What a node of this type is called in messages.
fn node_what(ty: &str) -> &'static str {
    match ty {
        "play" => "a play node",
        "menu" => "a menu node",
        "collect" => "a collect node",
        "identify" => "an identify node",
        "invoke" => "an invoke node",
        "branch" => "a branch node",
        "info" => "an info node",
        "enqueue" => "an enqueue node",
        "survey" => "a survey node",
        "subflow" => "a subflow node",
        "goto" => "a goto node",
        "set" => "a set node",
        "return" => "a return node",
        "hangup" => "a hangup node",
        _ => "this node",
    }
}

fn check_language_literal(
    src: &Src<'_>,
    lit: &Value,
    span: Range<usize>,
    key: &str,
) -> Result<(), FlowError> {
    match lit {
        Value::Text(s) if s.parse::<Language>().is_ok() => Ok(()),
        _ => Err(src.err(
            span,
            key,
            &format!("{lit} is not a language code (it, de, en, fr, ar, pl, es, ru)"),
        )),
    }
}

/// Lower-cases and collapses whitespace and punctuation, so words and speech compare fairly.
pub(crate) fn normalize_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A key path segment, quoted when it is not a bare TOML key.
fn join(path: &str, key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if bare {
        key.to_owned()
    } else {
        format!("{key:?}")
    };
    if path.is_empty() {
        key
    } else {
        format!("{path}.{key}")
    }
}

/// The source text, for lines and errors.
struct Src<'a> {
    file: &'a str,
    text: &'a str,
}

impl Src<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn err(&self, span: Range<usize>, key: &str, message: &str) -> FlowError {
        FlowError {
            file: self.file.to_owned(),
            line: Some(self.line(span.start)),
            key: (!key.is_empty()).then(|| key.to_owned()),
            message: message.to_owned(),
        }
    }

    fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v DeTable<'i>, FlowError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            other => Err(self.err(
                value.span(),
                key,
                &format!("expected a table, found {}", other.type_str()),
            )),
        }
    }

    fn string(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<String, FlowError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(self.err(
                value.span(),
                key,
                &format!("expected a string, found {}", other.type_str()),
            )),
        }
    }

    /// Node, flow, outcome and reason names: letters, digits, `-` and `_`, not starting with a
    /// punctuation mark.
    fn ident(&self, name: &str, span: Range<usize>, key: &str) -> Result<(), FlowError> {
        let ok = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(self.err(
                span,
                key,
                &format!("{name:?} is not a name: use letters, digits, `-` and `_`"),
            ))
        }
    }

    /// Variable and Fluent names: a letter, then letters, digits, `-` and `_`.
    fn var_name(&self, name: &str, span: Range<usize>, key: &str) -> Result<(), FlowError> {
        let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(self.err(
                span,
                key,
                &format!(
                    "{name:?} is not a variable or message name: start with a letter, then \
                     letters, digits, `-` and `_`"
                ),
            ))
        }
    }

    fn dtmf_key(&self, text: &str, span: Range<usize>, key: &str) -> Result<char, FlowError> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if DTMF_KEYS.contains(c) => Ok(c),
            _ => Err(self.err(
                span,
                key,
                &format!("{text:?} is not a keypad key (0–9, *, #, A–D)"),
            )),
        }
    }

    /// `"$name"` is a variable, `"$$…"` a literal starting with `$`, other strings and integers
    /// are literals.
    fn operand(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Operand, FlowError> {
        match value.get_ref() {
            DeValue::String(s) => {
                if let Some(rest) = s.strip_prefix("$$") {
                    Ok(Operand::Literal(Value::Text(format!("${rest}"))))
                } else if let Some(name) = s.strip_prefix('$') {
                    self.var_name(name, value.span(), key)?;
                    Ok(Operand::Var(VarRef {
                        name: name.to_owned(),
                        line: self.line(value.span().start),
                    }))
                } else {
                    Ok(Operand::Literal(Value::Text(s.to_string())))
                }
            }
            DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
                .map(|n| Operand::Literal(Value::Integer(n)))
                .map_err(|_| self.err(value.span(), key, "integer out of range")),
            other => Err(self.err(
                value.span(),
                key,
                &format!(
                    "expected a string (\"$variable\" or text) or an integer, found {}",
                    other.type_str()
                ),
            )),
        }
    }
}

/// A key of a table and where it is written.
type KeyAt = (String, Range<usize>);

/// Reads one table's keys, remembering which were asked for so leftovers are reported.
struct Reader<'s, 'v, 'i> {
    src: &'s Src<'s>,
    table: &'v DeTable<'i>,
    path: String,
    /// Line of the table header, for missing keys.
    line: usize,
    /// What the table is, for messages ("a menu node").
    what: &'static str,
    asked: Vec<&'static str>,
}

impl<'s, 'v, 'i> Reader<'s, 'v, 'i> {
    fn new(
        src: &'s Src<'s>,
        table: &'v DeTable<'i>,
        path: String,
        line: usize,
        what: &'static str,
    ) -> Self {
        Reader {
            src,
            table,
            path,
            line,
            what,
            asked: Vec::new(),
        }
    }

    fn mark(&mut self, key: &'static str) {
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
    }

    fn get(&self, key: &str) -> Option<&'v Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn take(&mut self, key: &'static str) -> Option<&'v Spanned<DeValue<'i>>> {
        self.mark(key);
        self.table.get(key)
    }

    fn key(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn missing(&self, key: &str, message: &str) -> FlowError {
        FlowError {
            file: self.src.file.to_owned(),
            line: Some(self.line),
            key: Some(self.key(key)),
            message: message.to_owned(),
        }
    }

    fn req(&mut self, key: &'static str) -> Result<&'v Spanned<DeValue<'i>>, FlowError> {
        let what = self.what;
        self.take(key)
            .ok_or_else(|| self.missing(key, &format!("missing key `{key}` in {what}")))
    }

    fn opt_str_span(
        &mut self,
        key: &'static str,
    ) -> Result<Option<(String, Range<usize>)>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => Ok(Some((self.src.string(v, &self.key(key))?, v.span()))),
        }
    }

    fn req_str_span(&mut self, key: &'static str) -> Result<(String, Range<usize>), FlowError> {
        let v = self.req(key)?;
        Ok((self.src.string(v, &self.key(key))?, v.span()))
    }

    fn opt_str(&mut self, key: &'static str) -> Result<Option<String>, FlowError> {
        Ok(self.opt_str_span(key)?.map(|(s, _)| s))
    }

    fn req_ident(&mut self, key: &'static str) -> Result<(String, usize), FlowError> {
        let (s, span) = self.req_str_span(key)?;
        self.src.ident(&s, span.clone(), &self.key(key))?;
        Ok((s, self.src.line(span.start)))
    }

    fn opt_bool(&mut self, key: &'static str, default: bool) -> Result<bool, FlowError> {
        match self.take(key) {
            None => Ok(default),
            Some(v) => match v.get_ref() {
                DeValue::Boolean(b) => Ok(*b),
                other => Err(self.src.err(
                    v.span(),
                    &self.key(key),
                    &format!("expected true or false, found {}", other.type_str()),
                )),
            },
        }
    }

    fn opt_int(
        &mut self,
        key: &'static str,
        default: Option<u32>,
        range: std::ops::RangeInclusive<u32>,
    ) -> Result<Option<u32>, FlowError> {
        let Some(v) = self.take(key) else {
            return Ok(default);
        };
        let n = match v.get_ref() {
            DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix()).ok(),
            _ => None,
        };
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) if range.contains(&n) => Ok(Some(n)),
            _ => Err(self.src.err(
                v.span(),
                &self.key(key),
                &format!(
                    "expected an integer from {} to {}",
                    range.start(),
                    range.end()
                ),
            )),
        }
    }

    fn opt_seconds(&mut self, key: &'static str, default: u32) -> Result<u32, FlowError> {
        Ok(self
            .opt_int(key, Some(default), 1..=300)?
            .unwrap_or(default))
    }

    fn opt_key(&mut self, key: &'static str) -> Result<Option<char>, FlowError> {
        match self.opt_str_span(key)? {
            None => Ok(None),
            Some((s, span)) => Ok(Some(self.src.dtmf_key(&s, span, &self.key(key))?)),
        }
    }

    fn target_from(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Target, FlowError> {
        let node = self.src.string(value, key)?;
        self.src.ident(&node, value.span(), key)?;
        Ok(Target {
            node,
            line: self.src.line(value.span().start),
        })
    }

    fn req_target(&mut self, key: &'static str) -> Result<Target, FlowError> {
        let v = self.req(key)?;
        self.target_from(v, &self.key(key))
    }

    fn opt_target(&mut self, key: &'static str) -> Result<Option<Target>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => Ok(Some(self.target_from(v, &self.key(key))?)),
        }
    }

    fn req_flow(&mut self, key: &'static str) -> Result<FlowRef, FlowError> {
        let (flow, line) = self.req_ident(key)?;
        Ok(FlowRef { flow, line })
    }

    fn req_operation(&mut self, key: &'static str) -> Result<OperationRef, FlowError> {
        let (name, line) = self.req_ident(key)?;
        Ok(OperationRef { name, line })
    }

    fn var_from(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<VarRef, FlowError> {
        let name = self.src.string(value, key)?;
        self.src.var_name(&name, value.span(), key)?;
        Ok(VarRef {
            name,
            line: self.src.line(value.span().start),
        })
    }

    fn req_var(&mut self, key: &'static str) -> Result<VarRef, FlowError> {
        let v = self.req(key)?;
        self.var_from(v, &self.key(key))
    }

    fn opt_var(&mut self, key: &'static str) -> Result<Option<VarRef>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => Ok(Some(self.var_from(v, &self.key(key))?)),
        }
    }

    fn prompt_from(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<PromptRef, FlowError> {
        let line = self.src.line(value.span().start);
        match value.get_ref() {
            DeValue::String(id) => {
                self.src.var_name(id, value.span(), key)?;
                Ok(PromptRef {
                    id: id.to_string(),
                    args: BTreeMap::new(),
                    line,
                })
            }
            DeValue::Table(t) => {
                let mut r = Reader::new(self.src, t, key.to_owned(), line, "a prompt");
                r.expect_keys(&["id", "args"])?;
                let (id, span) = r.req_str_span("id")?;
                self.src.var_name(&id, span, &r.key("id"))?;
                let args = r.opt_operand_map("args")?;
                r.finish()?;
                Ok(PromptRef { id, args, line })
            }
            other => Err(self.src.err(
                value.span(),
                key,
                &format!(
                    "expected a message id or {{ id = \"…\", args = {{ … }} }}, found {}",
                    other.type_str()
                ),
            )),
        }
    }

    fn req_prompt(&mut self, key: &'static str) -> Result<PromptRef, FlowError> {
        let v = self.req(key)?;
        self.prompt_from(v, &self.key(key))
    }

    fn opt_prompt(&mut self, key: &'static str) -> Result<Option<PromptRef>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => Ok(Some(self.prompt_from(v, &self.key(key))?)),
        }
    }

    fn opt_table_raw(&mut self, key: &'static str) -> Result<Option<&'v DeTable<'i>>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => Ok(Some(self.src.table(v, &self.key(key))?)),
        }
    }

    fn opt_table(&mut self, key: &'static str) -> Result<Option<Reader<'s, 'v, 'i>>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => {
                let t = self.src.table(v, &self.key(key))?;
                Ok(Some(Reader::new(
                    self.src,
                    t,
                    self.key(key),
                    self.src.line(v.span().start),
                    "this table",
                )))
            }
        }
    }

    fn opt_array(
        &mut self,
        key: &'static str,
    ) -> Result<Option<&'v [Spanned<DeValue<'i>>]>, FlowError> {
        match self.take(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Array(a) => Ok(Some(a)),
                other => Err(self.src.err(
                    v.span(),
                    &self.key(key),
                    &format!("expected an array, found {}", other.type_str()),
                )),
            },
        }
    }

    /// `{ key = "target", … }`, with each key and its span.
    fn opt_target_map(&mut self, key: &'static str) -> Result<Vec<(KeyAt, Target)>, FlowError> {
        let Some(t) = self.opt_table_raw(key)? else {
            return Ok(Vec::new());
        };
        let base = self.key(key);
        t.iter()
            .map(|(k, v)| {
                let name = k.get_ref().to_string();
                let target = self.target_from(v, &join(&base, &name))?;
                Ok(((name, k.span()), target))
            })
            .collect()
    }

    fn opt_operand_map(
        &mut self,
        key: &'static str,
    ) -> Result<BTreeMap<String, Operand>, FlowError> {
        let Some(t) = self.opt_table_raw(key)? else {
            return Ok(BTreeMap::new());
        };
        let base = self.key(key);
        let mut out = BTreeMap::new();
        for (k, v) in t.iter() {
            let name = k.get_ref().to_string();
            let path = join(&base, &name);
            self.src.var_name(&name, k.span(), &path)?;
            out.insert(name, self.src.operand(v, &path)?);
        }
        Ok(out)
    }

    /// `results = { field = "variable", … }`.
    fn opt_results(&mut self) -> Result<BTreeMap<String, VarRef>, FlowError> {
        let Some(t) = self.opt_table_raw("results")? else {
            return Ok(BTreeMap::new());
        };
        let base = self.key("results");
        let mut out = BTreeMap::new();
        for (k, v) in t.iter() {
            let field = k.get_ref().to_string();
            let path = join(&base, &field);
            self.src.var_name(&field, k.span(), &path)?;
            let var = self.var_from(v, &path)?;
            if var.name == LANGUAGE_VAR {
                return Err(self.src.err(
                    v.span(),
                    &path,
                    "`language` is built in: change it with a `set` node",
                ));
            }
            out.insert(field, var);
        }
        Ok(out)
    }

    fn not_language(&self, var: &VarRef, key: &str) -> Result<(), FlowError> {
        if var.name == LANGUAGE_VAR {
            return Err(FlowError {
                file: self.src.file.to_owned(),
                line: Some(var.line),
                key: Some(self.key(key)),
                message: "`language` is built in: change it with a `set` node".to_owned(),
            });
        }
        Ok(())
    }

    fn retry(&mut self) -> Result<Retry, FlowError> {
        Ok(Retry {
            no_input: self.opt_prompt("no_input")?,
            no_match: self.opt_prompt("no_match")?,
            max_failures: self
                .opt_int("max_failures", Some(u32::from(DEFAULT_MAX_FAILURES)), 1..=9)?
                .map_or(DEFAULT_MAX_FAILURES, |n| n as u8),
            on_failure: self.req_target("on_failure")?,
        })
    }

    /// Fails on the first key (in file order) that is not one of `keys`: a misspelt key is
    /// reported as such rather than as the required key it was meant to be.
    fn expect_keys(&self, keys: &[&str]) -> Result<(), FlowError> {
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !keys.contains(&k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        match unknown.first() {
            None => Ok(()),
            Some((k, _)) => Err(self.src.err(
                k.span(),
                &self.key(k.get_ref()),
                &format!(
                    "unknown key `{}` in {} (expected: {})",
                    k.get_ref(),
                    self.what,
                    keys.join(", ")
                ),
            )),
        }
    }

    /// Every key of the table must have been asked for.
    fn finish(&self) -> Result<(), FlowError> {
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.asked.contains(&k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        match unknown.first() {
            None => Ok(()),
            Some((k, _)) => {
                let mut expected = self.asked.clone();
                expected.sort_unstable();
                Err(self.src.err(
                    k.span(),
                    &self.key(k.get_ref()),
                    &format!(
                        "unknown key `{}` in {} (expected: {})",
                        k.get_ref(),
                        self.what,
                        expected.join(", ")
                    ),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests;
