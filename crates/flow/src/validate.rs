//! The validator: everything about a set of flows that can be known before a call arrives.
//!
//! Parsing already guarantees the shape of each file; this module checks what crosses node,
//! flow and catalog boundaries: dangling targets, unreachable nodes, unknown flows, operations
//! and calendars, prompts missing in one of the eight languages or used without the variables
//! their Fluent text needs, and variables read before they can have been set.
//!
//! The variable check is a data-flow analysis over each flow graph, run twice: a *may* analysis
//! (is the variable set on at least one path here?) whose failure is an error, and a *must*
//! analysis (is it set on every path?) whose failure is a warning, because a flow can be correct
//! for reasons the analysis does not see (an operation that always answers a field). Sub-flow
//! calls carry the callee's summary: what it may or must have set at its `return` nodes.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

use domain::Language;

use crate::catalog::{CalendarCatalog, OperationCatalog, PromptCatalog};
use crate::model::{
    Branch, Flow, Flows, LANGUAGE_VAR, Node, NodeKind, Operand, PromptRef, Target, VarRef,
};

/// How bad a finding is: errors fail `flow check`, warnings are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line of the node, target or reference at fault.
    pub line: usize,
    pub flow: String,
    /// The node at fault, when there is one.
    pub node: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}:{}: {level}: ", self.file, self.line)?;
        match &self.node {
            Some(node) => write!(f, "flow `{}`, node `{node}`: ", self.flow)?,
            None => write!(f, "flow `{}`: ", self.flow)?,
        }
        f.write_str(&self.message)
    }
}

/// Checks `flows` against the catalogs; the findings come sorted by file and line.
pub fn validate(
    flows: &Flows,
    prompts: &dyn PromptCatalog,
    operations: &dyn OperationCatalog,
    calendars: &dyn CalendarCatalog,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let entries = goto_entries(flows);
    let mut reachable_by_flow = BTreeMap::new();
    for flow in flows.iter() {
        let mut d = Sink {
            flow,
            out: &mut out,
        };
        check_targets(&mut d, flows);
        let extra = entries.get(flow.id.as_str()).cloned().unwrap_or_default();
        let reachable = reachable(flow, &extra);
        for node in flow.nodes.values() {
            if !reachable.contains(node.id.as_str()) {
                d.error(
                    node.line,
                    Some(node),
                    format!("node `{}` is unreachable from `start`", node.id),
                );
            }
        }
        for node in flow.nodes.values() {
            check_catalogs(&mut d, node, prompts, operations, calendars);
        }
        reachable_by_flow.insert(flow.id.clone(), reachable);
    }
    check_variables(flows, &entries, &reachable_by_flow, &mut out);
    out.sort_by(|a, b| {
        (&a.file, a.line, a.severity, &a.message).cmp(&(&b.file, b.line, b.severity, &b.message))
    });
    out.dedup();
    out
}

struct Sink<'a> {
    flow: &'a Flow,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    fn push(&mut self, severity: Severity, line: usize, node: Option<&Node>, message: String) {
        self.out.push(Diagnostic {
            severity,
            file: self.flow.file.clone(),
            line,
            flow: self.flow.id.clone(),
            node: node.map(|n| n.id.clone()),
            message,
        });
    }

    fn error(&mut self, line: usize, node: Option<&Node>, message: String) {
        self.push(Severity::Error, line, node, message);
    }

    fn warning(&mut self, line: usize, node: Option<&Node>, message: String) {
        self.push(Severity::Warning, line, node, message);
    }
}

/// What taking an edge sets, besides what the node sets on every edge.
enum Defs<'a> {
    Nothing,
    Vars(Vec<&'a str>),
    /// The variables the called flow sets before returning.
    Callee(&'a str),
}

fn result_vars(results: &BTreeMap<String, VarRef>) -> Vec<&str> {
    results.values().map(|v| v.name.as_str()).collect()
}

fn retry_prompts(r: &crate::model::Retry) -> Vec<&PromptRef> {
    r.no_input.iter().chain(r.no_match.iter()).collect()
}

/// The in-flow edges of a node.
fn edges(kind: &NodeKind) -> Vec<(&Target, Defs<'_>)> {
    match kind {
        NodeKind::Play(p) => vec![(&p.next, Defs::Nothing)],
        NodeKind::Menu(m) => m
            .options
            .values()
            .chain(m.words.values())
            .map(|t| (t, Defs::Nothing))
            .chain([(&m.retry.on_failure, Defs::Nothing)])
            .collect(),
        NodeKind::Collect(c) => vec![
            (&c.next, Defs::Vars(vec![c.into.name.as_str()])),
            (&c.retry.on_failure, Defs::Nothing),
        ],
        NodeKind::Identify(i) => {
            let mut v = vec![
                (&i.on_success, Defs::Vars(result_vars(&i.results))),
                (&i.on_locked, Defs::Nothing),
                (&i.retry.on_failure, Defs::Nothing),
            ];
            if let Some(t) = &i.on_error {
                v.push((t, Defs::Nothing));
            }
            v
        }
        NodeKind::Invoke(inv) => inv
            .on
            .iter()
            .map(|(outcome, t)| {
                if outcome == "timeout" {
                    (t, Defs::Nothing)
                } else {
                    (t, Defs::Vars(result_vars(&inv.results)))
                }
            })
            .chain([(&inv.on_error, Defs::Nothing)])
            .collect(),
        NodeKind::Branch(Branch::Calendar { open, closed, .. }) => {
            vec![(open, Defs::Nothing), (closed, Defs::Nothing)]
        }
        NodeKind::Branch(Branch::Variable {
            cases, otherwise, ..
        }) => cases
            .values()
            .chain([otherwise])
            .map(|t| (t, Defs::Nothing))
            .collect(),
        NodeKind::Info(i) => vec![(&i.next, Defs::Nothing)],
        NodeKind::Enqueue(e) => e
            .next
            .iter()
            .chain(e.on_unavailable.iter())
            .map(|t| (t, Defs::Nothing))
            .collect(),
        NodeKind::Survey(s) => vec![(&s.next, Defs::Nothing)],
        NodeKind::Subflow(s) => vec![(&s.next, Defs::Callee(s.flow.flow.as_str()))],
        NodeKind::Set(s) => vec![(&s.next, Defs::Nothing)],
        NodeKind::Goto(_) | NodeKind::Return | NodeKind::Hangup(_) => Vec::new(),
    }
}

/// Variables a node sets on every edge it leaves by.
fn node_defs(kind: &NodeKind) -> Vec<&str> {
    match kind {
        NodeKind::Set(s) => s.values.keys().map(String::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every prompt a node may play.
fn prompts_of(kind: &NodeKind) -> Vec<&PromptRef> {
    match kind {
        NodeKind::Play(p) => vec![&p.prompt],
        NodeKind::Menu(m) => [&m.prompt]
            .into_iter()
            .chain(retry_prompts(&m.retry))
            .collect(),
        NodeKind::Collect(c) => [&c.prompt]
            .into_iter()
            .chain(retry_prompts(&c.retry))
            .collect(),
        NodeKind::Identify(i) => i
            .tax_code_prompt
            .iter()
            .chain(i.pin_prompt.iter())
            .chain(i.birth_date_prompt.iter())
            .chain(i.retry_prompt.iter())
            .chain(retry_prompts(&i.retry))
            .collect(),
        NodeKind::Info(i) => [&i.message]
            .into_iter()
            .chain(i.details.iter().flat_map(|d| d.all()))
            .collect(),
        NodeKind::Survey(s) => s
            .intro
            .iter()
            .chain(s.questions.iter().map(|q| &q.prompt))
            .chain(s.thanks.iter())
            .collect(),
        _ => Vec::new(),
    }
}

/// Variables a node reads when it is entered, with where.
fn uses<'a>(flows: &'a Flows, kind: &'a NodeKind) -> Vec<VarRef> {
    let mut out: Vec<VarRef> = Vec::new();
    let operand = |o: &Operand, out: &mut Vec<VarRef>| {
        if let Operand::Var(v) = o {
            out.push(v.clone());
        }
    };
    for p in prompts_of(kind) {
        for arg in p.args.values() {
            operand(arg, &mut out);
        }
    }
    match kind {
        NodeKind::Invoke(inv) => inv.args.values().for_each(|a| operand(a, &mut out)),
        NodeKind::Branch(Branch::Variable { variable, .. }) => out.push(variable.clone()),
        NodeKind::Enqueue(e) => e.language.iter().for_each(|a| operand(a, &mut out)),
        NodeKind::Set(s) => s.values.values().for_each(|(_, a)| operand(a, &mut out)),
        NodeKind::Subflow(crate::model::Subflow { flow, .. })
        | NodeKind::Goto(crate::model::Goto { flow, .. }) => {
            if let Some(callee) = flows.get(&flow.flow) {
                out.extend(callee.inputs.iter().map(|i| VarRef {
                    name: i.name.clone(),
                    line: flow.line,
                }));
            }
        }
        _ => {}
    }
    out
}

/// Nodes other flows jump into with `goto … node = …`, by flow.
fn goto_entries(flows: &Flows) -> BTreeMap<&str, Vec<&str>> {
    let mut entries: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for flow in flows.iter() {
        for node in flow.nodes.values() {
            if let NodeKind::Goto(g) = &node.kind
                && let Some(target) = &g.node
            {
                entries
                    .entry(g.flow.flow.as_str())
                    .or_default()
                    .push(target.node.as_str());
            }
        }
    }
    entries
}

fn reachable<'a>(flow: &'a Flow, extra: &[&'a str]) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<&str> = VecDeque::new();
    queue.push_back(flow.start.node.as_str());
    queue.extend(extra.iter().copied());
    while let Some(id) = queue.pop_front() {
        let Some((key, node)) = flow.nodes.get_key_value(id) else {
            continue;
        };
        if !seen.insert(key.as_str()) {
            continue;
        }
        for (target, _) in edges(&node.kind) {
            queue.push_back(target.node.as_str());
        }
    }
    seen
}

fn check_targets(d: &mut Sink<'_>, flows: &Flows) {
    let flow = d.flow;
    if !flow.nodes.contains_key(&flow.start.node) {
        d.error(
            flow.start.line,
            None,
            format!(
                "`start` names node `{}`, which this flow does not define",
                flow.start.node
            ),
        );
    }
    for node in flow.nodes.values() {
        for (target, _) in edges(&node.kind) {
            if !flow.nodes.contains_key(&target.node) {
                d.error(
                    target.line,
                    Some(node),
                    format!("target `{}` is not a node of this flow", target.node),
                );
            }
        }
        match &node.kind {
            NodeKind::Subflow(s) => match flows.get(&s.flow.flow) {
                None => d.error(
                    s.flow.line,
                    Some(node),
                    format!("no flow `{}`", s.flow.flow),
                ),
                Some(callee) => {
                    let returns = callee
                        .nodes
                        .values()
                        .any(|n| matches!(n.kind, NodeKind::Return));
                    if !returns {
                        d.warning(
                            s.flow.line,
                            Some(node),
                            format!(
                                "flow `{}` has no `return` node, so `next` is never taken",
                                s.flow.flow
                            ),
                        );
                    }
                }
            },
            NodeKind::Goto(g) => match flows.get(&g.flow.flow) {
                None => d.error(
                    g.flow.line,
                    Some(node),
                    format!("no flow `{}`", g.flow.flow),
                ),
                Some(target_flow) => {
                    if let Some(t) = &g.node
                        && !target_flow.nodes.contains_key(&t.node)
                    {
                        d.error(
                            t.line,
                            Some(node),
                            format!("flow `{}` has no node `{}`", g.flow.flow, t.node),
                        );
                    }
                }
            },
            _ => {}
        }
    }
}

fn list(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let v: Vec<String> = names.into_iter().map(|s| s.as_ref().to_owned()).collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

fn check_catalogs(
    d: &mut Sink<'_>,
    node: &Node,
    prompts: &dyn PromptCatalog,
    operations: &dyn OperationCatalog,
    calendars: &dyn CalendarCatalog,
) {
    for prompt in prompts_of(&node.kind) {
        check_prompt(d, node, prompt, prompts);
    }
    match &node.kind {
        NodeKind::Invoke(inv) => {
            let op = &inv.operation;
            let Some(spec) = operations.operation(&op.name) else {
                d.error(
                    op.line,
                    Some(node),
                    format!("unknown operation `{}`", op.name),
                );
                return;
            };
            for arg in spec.args.iter().filter(|a| !inv.args.contains_key(*a)) {
                d.error(
                    op.line,
                    Some(node),
                    format!("operation `{}` needs argument `{arg}` in `args`", op.name),
                );
            }
            for arg in inv.args.keys().filter(|a| !spec.args.contains(*a)) {
                d.error(
                    op.line,
                    Some(node),
                    format!(
                        "operation `{}` has no argument `{arg}` (it takes: {})",
                        op.name,
                        list(&spec.args)
                    ),
                );
            }
            for (outcome, target) in &inv.on {
                if outcome != "timeout" && !spec.outcomes.contains(outcome) {
                    d.error(
                        target.line,
                        Some(node),
                        format!(
                            "operation `{}` never answers `{outcome}` (its outcomes: {}, and \
                             `timeout`)",
                            op.name,
                            list(&spec.outcomes)
                        ),
                    );
                }
            }
            check_results(d, node, &op.name, &inv.results, &spec.results);
        }
        NodeKind::Identify(i) => {
            let op = &i.operation;
            let Some(spec) = operations.operation(&op.name) else {
                d.error(
                    op.line,
                    Some(node),
                    format!("unknown operation `{}`", op.name),
                );
                return;
            };
            let mut needed = Vec::new();
            if i.what.asks_tax_code() {
                needed.push("tax_code");
            }
            if i.what.asks_pin() {
                needed.push("pin");
            }
            if i.birth_date_prompt.is_some() {
                needed.push("birth_date");
            }
            for arg in needed.into_iter().filter(|a| !spec.args.contains(*a)) {
                d.error(
                    op.line,
                    Some(node),
                    format!(
                        "operation `{}` takes no `{arg}`, which this identification sends",
                        op.name
                    ),
                );
            }
            if !spec.outcomes.contains("ok") {
                d.error(
                    op.line,
                    Some(node),
                    format!(
                        "operation `{}` never answers `ok`, so identification cannot succeed",
                        op.name
                    ),
                );
            }
            check_results(d, node, &op.name, &i.results, &spec.results);
        }
        NodeKind::Branch(Branch::Calendar { calendar, .. })
            if !calendars.has_calendar(&calendar.name) =>
        {
            d.error(
                calendar.line,
                Some(node),
                format!("unknown calendar `{}`", calendar.name),
            );
        }
        _ => {}
    }
}

fn check_results(
    d: &mut Sink<'_>,
    node: &Node,
    operation: &str,
    results: &BTreeMap<String, VarRef>,
    known: &BTreeSet<String>,
) {
    for (field, var) in results {
        if !known.contains(field) {
            d.error(
                var.line,
                Some(node),
                format!(
                    "operation `{operation}` has no result field `{field}` (its fields: {})",
                    list(known)
                ),
            );
        }
    }
}

fn check_prompt(d: &mut Sink<'_>, node: &Node, prompt: &PromptRef, catalog: &dyn PromptCatalog) {
    let mut missing = Vec::new();
    // variable → languages whose text needs it but the node does not give it
    let mut unbound: BTreeMap<String, Vec<Language>> = BTreeMap::new();
    for language in Language::ALL {
        match catalog.message_variables(language, &prompt.id) {
            None => missing.push(language),
            Some(vars) => {
                for var in vars {
                    if !prompt.args.contains_key(&var) {
                        unbound.entry(var).or_default().push(language);
                    }
                }
            }
        }
    }
    if !missing.is_empty() {
        d.error(
            prompt.line,
            Some(node),
            format!(
                "prompt `{}` is missing in {}",
                prompt.id,
                list(missing.iter().map(|l| l.code()))
            ),
        );
    }
    for (var, languages) in unbound {
        let which = if languages.len() == Language::ALL.len() {
            "every language".to_owned()
        } else {
            list(languages.iter().map(|l| l.code()))
        };
        d.error(
            prompt.line,
            Some(node),
            format!(
                "prompt `{}` uses variable `${var}` (in {which}), but gives no `{var}` in \
                 `args`",
                prompt.id
            ),
        );
    }
}

// ── Variables ────────────────────────────────────────────────────────────────────────────────

/// A set of variable names where `None` is "every variable" (the top of the must lattice).
type VarSet = Option<BTreeSet<String>>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Set on at least one path: join is union, start from nothing.
    May,
    /// Set on every path: join is intersection, start from everything.
    Must,
}

fn join(mode: Mode, a: &VarSet, b: &VarSet) -> VarSet {
    match (mode, a, b) {
        (Mode::Must, None, x) | (Mode::Must, x, None) => x.clone(),
        (Mode::Must, Some(a), Some(b)) => Some(a.intersection(b).cloned().collect()),
        (Mode::May, a, b) => union(a, b),
    }
}

fn extend(set: &VarSet, names: impl IntoIterator<Item = impl AsRef<str>>) -> VarSet {
    set.as_ref().map(|s| {
        let mut s = s.clone();
        s.extend(names.into_iter().map(|n| n.as_ref().to_owned()));
        s
    })
}

fn union(a: &VarSet, b: &VarSet) -> VarSet {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b).cloned().collect()),
        _ => None,
    }
}

/// The state at each node's entry, for one flow, given the callees' summaries.
fn analyse(
    flow: &Flow,
    extra_entries: &[&str],
    summaries: &BTreeMap<String, VarSet>,
    mode: Mode,
) -> BTreeMap<String, VarSet> {
    let bottom: VarSet = match mode {
        Mode::May => Some(BTreeSet::new()),
        Mode::Must => None,
    };
    let entry: VarSet = Some(
        flow.inputs
            .iter()
            .map(|v| v.name.clone())
            .chain([LANGUAGE_VAR.to_owned()])
            .collect(),
    );
    let mut state: BTreeMap<String, VarSet> = flow
        .nodes
        .keys()
        .map(|k| (k.clone(), bottom.clone()))
        .collect();
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut queued_once: BTreeSet<String> = BTreeSet::new();
    // An entry is one more way in: its state meets the inputs with whatever else flows in.
    for id in [flow.start.node.as_str()]
        .into_iter()
        .chain(extra_entries.iter().copied())
    {
        if let Some(s) = state.get_mut(id) {
            *s = join(mode, s, &entry);
            if queued_once.insert(id.to_owned()) {
                queue.push_back(id.to_owned());
            }
        }
    }
    // Each state only moves one way in a finite lattice, so this terminates.
    while let Some(id) = queue.pop_front() {
        let Some(node) = flow.nodes.get(&id) else {
            continue;
        };
        let here = state.get(&id).cloned().unwrap_or_else(|| bottom.clone());
        let base = extend(&here, node_defs(&node.kind));
        for (target, defs) in edges(&node.kind) {
            let out = match defs {
                Defs::Nothing => base.clone(),
                Defs::Vars(v) => extend(&base, v),
                Defs::Callee(callee) => {
                    let summary = summaries
                        .get(callee)
                        .cloned()
                        .unwrap_or_else(|| bottom.clone());
                    union(&base, &summary)
                }
            };
            let Some(old) = state.get(&target.node) else {
                continue;
            };
            let new = join(mode, old, &out);
            let changed = &new != old;
            if changed {
                state.insert(target.node.clone(), new);
            }
            if changed || queued_once.insert(target.node.clone()) {
                queue.push_back(target.node.clone());
            }
        }
    }
    state
}

fn check_variables(
    flows: &Flows,
    entries: &BTreeMap<&str, Vec<&str>>,
    reachable: &BTreeMap<String, BTreeSet<&str>>,
    out: &mut Vec<Diagnostic>,
) {
    // Summaries: what a flow has set (may / must) when it returns. Iterated to a fixpoint over
    // sub-flow calls; both lattices are finite, and a bound guards against surprises.
    let mut may_sum: BTreeMap<String, VarSet> = BTreeMap::new();
    let mut must_sum: BTreeMap<String, VarSet> = BTreeMap::new();
    let mut results = BTreeMap::new();
    for _ in 0..(flows.len() + 2).min(64) {
        let mut changed = false;
        for flow in flows.iter() {
            let extra = entries.get(flow.id.as_str()).cloned().unwrap_or_default();
            let may = analyse(flow, &extra, &may_sum, Mode::May);
            let must = analyse(flow, &extra, &must_sum, Mode::Must);
            let at_returns = |state: &BTreeMap<String, VarSet>, mode: Mode| -> VarSet {
                let mut acc: VarSet = match mode {
                    Mode::May => Some(BTreeSet::new()),
                    Mode::Must => None,
                };
                for node in flow.nodes.values() {
                    if matches!(node.kind, NodeKind::Return)
                        && let Some(s) = state.get(&node.id)
                    {
                        acc = join(mode, &acc, s);
                    }
                }
                acc
            };
            let new_may = at_returns(&may, Mode::May);
            let new_must = at_returns(&must, Mode::Must);
            if may_sum.get(&flow.id) != Some(&new_may) {
                may_sum.insert(flow.id.clone(), new_may);
                changed = true;
            }
            if must_sum.get(&flow.id) != Some(&new_must) {
                must_sum.insert(flow.id.clone(), new_must);
                changed = true;
            }
            results.insert(flow.id.clone(), (may, must));
        }
        if !changed {
            break;
        }
    }
    for flow in flows.iter() {
        let Some((may, must)) = results.get(&flow.id) else {
            continue;
        };
        let mut d = Sink { flow, out };
        for node in flow.nodes.values() {
            if !reachable
                .get(&flow.id)
                .is_some_and(|r| r.contains(node.id.as_str()))
            {
                continue;
            }
            for var in uses(flows, &node.kind) {
                if var.name == LANGUAGE_VAR {
                    continue;
                }
                let may_set = may
                    .get(&node.id)
                    .is_some_and(|s| s.as_ref().is_none_or(|s| s.contains(&var.name)));
                let must_set = must
                    .get(&node.id)
                    .is_some_and(|s| s.as_ref().is_none_or(|s| s.contains(&var.name)));
                if !may_set {
                    d.error(
                        var.line,
                        Some(node),
                        format!(
                            "variable `{}` is read here but no path from `start` sets it (set \
                             it, collect it, store an operation result in it, or list it in \
                             `inputs`)",
                            var.name
                        ),
                    );
                } else if !must_set {
                    d.warning(
                        var.line,
                        Some(node),
                        format!(
                            "variable `{}` may be unset here: some paths from `start` do not \
                             set it",
                            var.name
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
