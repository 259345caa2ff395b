//! What `centralino flow check` adds to `flow::validate`: the checks that need call-control's
//! side of the contract — the entry points and the survey questionnaire.
//!
//! - Every entry point's flow exists, and asks for no input variable the entry does not set
//!   (`dialled`, `country`, `language_first`, `channel`), so a call can always start.
//! - Every survey question of a flow is a question of the profile's `[survey]`, and each of its
//!   answer keys answers that question (1–5 for a score, 1 = yes and 2 = no), so every answer
//!   a caller gives can be stored.

use calendar::Calendars;
use flow::{Diagnostic, Flows, NodeKind, PromptCatalog, Severity, validate};
use services::surveys::SurveySpec;

use crate::entry::{ENTRY_VARIABLES, EntryPoint};
use crate::ops::Operations;

/// Everything `flow check` reports, sorted by file and line.
pub fn check_profile(
    flows: &Flows,
    prompts: &dyn PromptCatalog,
    calendars: &Calendars,
    entries: &[EntryPoint],
    entries_file: &str,
    survey: &SurveySpec,
) -> Vec<Diagnostic> {
    let mut out = validate(flows, prompts, &Operations, calendars);
    out.extend(check_entries(flows, entries, entries_file));
    out.extend(check_surveys(flows, survey));
    out.sort_by(|a, b| (&a.file, a.line, a.severity).cmp(&(&b.file, b.line, b.severity)));
    out.dedup();
    out
}

/// The entry points against the flows (`entries_file` names where they are configured).
pub fn check_entries(flows: &Flows, entries: &[EntryPoint], entries_file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for entry in entries {
        let Some(flow) = flows.get(&entry.flow) else {
            out.push(Diagnostic {
                severity: Severity::Error,
                file: entries_file.to_owned(),
                line: 1,
                flow: entry.flow.clone(),
                node: None,
                message: format!(
                    "entry point {} starts flow `{}`, which no flow file defines",
                    entry.number, entry.flow
                ),
            });
            continue;
        };
        if !seen.insert(flow.id.as_str()) {
            continue;
        }
        for input in &flow.inputs {
            if input.name != flow::LANGUAGE_VAR && !ENTRY_VARIABLES.contains(&input.name.as_str()) {
                out.push(Diagnostic {
                    severity: Severity::Error,
                    file: flow.file.clone(),
                    line: input.line,
                    flow: flow.id.clone(),
                    node: None,
                    message: format!(
                        "input `{}` is not set when a call enters this flow (entry points set: {})",
                        input.name,
                        ENTRY_VARIABLES.join(", ")
                    ),
                });
            }
        }
    }
    out
}

/// The flows' survey questions against the profile's questionnaire.
pub fn check_surveys(flows: &Flows, survey: &SurveySpec) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let known: Vec<&str> = survey.questions.iter().map(|q| q.id.as_str()).collect();
    for flow in flows.iter() {
        for node in flow.nodes.values() {
            let NodeKind::Survey(s) = &node.kind else {
                continue;
            };
            for question in &s.questions {
                let mut error = |message: String| {
                    out.push(Diagnostic {
                        severity: Severity::Error,
                        file: flow.file.clone(),
                        line: question.line,
                        flow: flow.id.clone(),
                        node: Some(node.id.clone()),
                        message,
                    });
                };
                let Some(spec) = survey.question(&question.id) else {
                    error(format!(
                        "survey question `{}` is not in the profile's [survey] (its questions: {})",
                        question.id,
                        known.join(", ")
                    ));
                    continue;
                };
                for key in &question.answers {
                    if spec.answer_from_key(*key).is_none() {
                        error(format!(
                            "key `{key}` does not answer survey question `{}` ({}: {})",
                            question.id,
                            spec.kind.code(),
                            match spec.kind {
                                services::surveys::QuestionKind::Score1To5 => "keys 1 to 5",
                                services::surveys::QuestionKind::YesNo => "1 = yes, 2 = no",
                            }
                        ));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use flow::{Flows, MemoryPrompts};

    use super::*;
    use crate::entry::EntryChannel;

    fn entry(flow: &str) -> EntryPoint {
        EntryPoint {
            number: "803164".into(),
            flow: flow.into(),
            country: "IT".into(),
            channel: EntryChannel::Landline,
            language_first: false,
        }
    }

    const FLOW: &str = r#"
id = "main"
start = "survey"
inputs = ["dialled", "caller_id"]

[nodes.survey]
type = "survey"
survey = "inps"
questions = [
  { id = "satisfaction", prompt = "q1", answers = "123456" },
  { id = "resolved", prompt = "q2", answers = "12" },
  { id = "speed", prompt = "q3", answers = "12" },
]
next = "end"

[nodes.end]
type = "hangup"
reason = "completed"
"#;

    #[test]
    fn entries_and_surveys_are_checked_against_the_profile() {
        let flows = Flows::parse([("flows/main.toml", FLOW)]).unwrap();
        let prompts = MemoryPrompts::new()
            .with("q1", &[])
            .with("q2", &[])
            .with("q3", &[]);
        let found = check_profile(
            &flows,
            &prompts,
            &Calendars::default(),
            &[entry("main"), entry("cu")],
            "centralino.toml",
            &SurveySpec::inps_default(),
        );
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "centralino.toml:1: error: flow `cu`: entry point 803164 starts flow `cu`, which no flow file defines",
                "flows/main.toml:4: error: flow `main`: input `caller_id` is not set when a call enters this flow (entry points set: dialled, country, language_first, channel)",
                "flows/main.toml:10: error: flow `main`, node `survey`: key `6` does not answer survey question `satisfaction` (score-1-5: keys 1 to 5)",
                "flows/main.toml:12: error: flow `main`, node `survey`: survey question `speed` is not in the profile's [survey] (its questions: satisfaction, resolved)",
            ],
        );
    }
}
