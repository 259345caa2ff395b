//! The driver with a small test flow over the seeded store, driven by the simulated leg.

use std::sync::Arc;

use domain::{Language, TaxCode};
use flow::{Flows, MemoryPrompts, validate};
use services::surveys::ServiceKind;

use super::*;
use crate::entry::EntryChannel;
use crate::ops::Operations;
use crate::render::PlainRenderer;
use crate::sim::{self, Script, SimEvent, SimOptions};
use crate::testing::{Fixture, fixture, now};

pub(crate) const TEST_FLOW: &str = r#"
id = "main"
start = "welcome"
inputs = ["dialled", "channel"]

[nodes.welcome]
type = "play"
prompt = { id = "welcome", args = { number = "$dialled" } }
next = "menu"

[nodes.menu]
type = "menu"
prompt = "menu"
options = { 1 = "who", 2 = "agent", 3 = "goodbye" }
words = { pensione = "agent" }
no_input = "no-input"
no_match = "no-match"
on_failure = "goodbye"

[nodes.who]
type = "identify"
what = "tax_code_and_pin"
operation = "identify"
tax_code_prompt = "enter-tax-code"
pin_prompt = "enter-pin"
birth_date_prompt = "enter-birth-date"
retry_prompt = "not-recognised"
results = { tax_code = "tax_code", given_name = "name" }
on_success = "latest"
on_locked = "locked"
on_failure = "goodbye"

[nodes.latest]
type = "invoke"
operation = "latest-application"
args = { tax_code = "$tax_code" }
results = { status = "status", status_date = "date", count = "count" }
on = { ok = "say-latest", not_found = "survey" }
on_error = "sorry"

[nodes.say-latest]
type = "play"
prompt = { id = "latest", args = { name = "$name", code = "$tax_code", status = "$status", date = "$date", count = "$count" } }
next = "survey"

[nodes.agent]
type = "enqueue"
group = "pensions"
next = "survey"

[nodes.survey]
type = "survey"
survey = "inps"
questions = [
  { id = "satisfaction", prompt = "survey-satisfaction", answers = "12345" },
  { id = "resolved", prompt = "survey-resolved", answers = "12" },
]
thanks = "survey-thanks"
next = "goodbye"

[nodes.locked]
type = "play"
prompt = "pin-locked"
next = "goodbye"

[nodes.sorry]
type = "play"
prompt = "sorry"
next = "goodbye"

[nodes.goodbye]
type = "hangup"
reason = "completed"
"#;

pub(crate) fn flows() -> Arc<Flows> {
    Arc::new(Flows::parse([("test/main.toml", TEST_FLOW)]).expect("the test flow parses"))
}

pub(crate) fn setup(number: &str) -> CallSetup {
    CallSetup {
        entry: EntryPoint {
            number: number.into(),
            flow: "main".into(),
            country: "IT".into(),
            channel: EntryChannel::Landline,
            language_first: false,
        },
        language: Language::Italian,
    }
}

/// Runs one scripted call; returns the driver (ended) and the events.
pub(crate) async fn call(
    f: &Fixture,
    keys: &str,
    say: Option<&str>,
    options: SimOptions,
) -> (ContactDriver, Vec<SimEvent>) {
    let (mut driver, outputs) = ContactDriver::start(
        Arc::clone(&f.office),
        flows(),
        Arc::new(PlainRenderer),
        &setup("803164"),
        now(),
    )
    .await
    .expect("the contact starts");
    let mut events = Vec::new();
    let mut script = Script::parse(Some(keys), say);
    sim::run(
        &mut driver,
        outputs,
        now(),
        &mut script,
        &mut events,
        options,
    )
    .await;
    (driver, events)
}

fn prompts(events: &[SimEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Prompt { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn end(events: &[SimEvent]) -> String {
    match events.last() {
        Some(SimEvent::End { reason, .. }) => reason.clone(),
        other => panic!("the last event is not the end: {other:?}"),
    }
}

#[test]
fn the_test_flow_follows_the_operations_contract() {
    let mut prompts = MemoryPrompts::new()
        .with("welcome", &["number"])
        .with("latest", &["name", "code", "status", "date", "count"]);
    for id in [
        "menu",
        "no-input",
        "no-match",
        "enter-tax-code",
        "enter-pin",
        "enter-birth-date",
        "not-recognised",
        "survey-satisfaction",
        "survey-resolved",
        "survey-thanks",
        "pin-locked",
        "sorry",
    ] {
        prompts.insert_all(id, &[]);
    }
    let calendars: Vec<&str> = vec![];
    let diagnostics = validate(&flows(), &prompts, &Operations, &calendars);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[tokio::test]
async fn identified_caller_hears_the_latest_application_and_answers_the_survey() {
    let f = fixture().await;
    let keys = domain::keypad::keys_for(f.mario.as_str());
    let script = format!("1 {keys} 12345678 4 1");
    let (driver, events) = call(&f, &script, None, SimOptions::default()).await;
    assert_eq!(end(&events), "completed", "{events:#?}");
    let said = prompts(&events);
    assert_eq!(said[0], "welcome(number=803164)");
    assert!(
        said.contains(
            &"latest(code=RSSMRA80A01H501U, count=1, date=2026-04-15, name=Mario, status=received)"
                .to_owned()
        ),
        "{said:#?}"
    );
    let invoked: Vec<(String, String)> = events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Invoke {
                operation, outcome, ..
            } => Some((operation.clone(), outcome.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        invoked,
        [
            ("identify".to_owned(), "ok".to_owned()),
            ("latest-application".to_owned(), "ok".to_owned())
        ]
    );
    let nodes: Vec<&str> = driver.path().iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        nodes,
        [
            "welcome",
            "menu",
            "who",
            "latest",
            "say-latest",
            "survey",
            "goodbye"
        ]
    );

    // Recorded like a real call: the contact, what it was served by, its end, the answers.
    let store = &f.office.store;
    let stored = store
        .contacts()
        .by_id(driver.contact_id())
        .await
        .unwrap()
        .expect("the contact is stored");
    assert_eq!(stored.contact.entry_number.as_deref(), Some("803164"));
    assert_eq!(stored.service_kind, Some(ServiceKind::Automated));
    assert!(stored.ended_at.is_some());
    assert_eq!(
        stored.contact.tax_code.as_ref().map(TaxCode::as_str),
        Some(f.mario.as_str()),
        "the identified caller is recorded"
    );
    let answers = store.surveys().answers(driver.contact_id()).await.unwrap();
    let given: Vec<(&str, AnswerValueText)> = answers
        .iter()
        .map(|a| {
            (
                a.answer.question.as_str(),
                AnswerValueText::of(a.answer.value),
            )
        })
        .collect();
    assert_eq!(
        given,
        [
            ("satisfaction", AnswerValueText("score 4")),
            ("resolved", AnswerValueText("yes"))
        ]
    );
    // The PIN check is audited with the contact.
    let audit = store.audit().recent(50).await.unwrap();
    let contact = format!("contact {}", driver.contact_id());
    assert!(
        audit
            .iter()
            .any(|a| a.event.action == "pin.used" && a.event.detail.contains(&contact)),
        "{audit:#?}"
    );
}

#[derive(Debug, PartialEq, Eq)]
struct AnswerValueText(&'static str);

impl AnswerValueText {
    fn of(value: services::surveys::AnswerValue) -> AnswerValueText {
        use services::surveys::AnswerValue;
        AnswerValueText(match value {
            AnswerValue::Score(4) => "score 4",
            AnswerValue::Score(_) => "another score",
            AnswerValue::YesNo(true) => "yes",
            AnswerValue::YesNo(false) => "no",
        })
    }
}

#[tokio::test]
async fn the_hand_off_ends_the_scripted_part_unless_the_agent_call_is_simulated() {
    let f = fixture().await;
    let (driver, events) = call(&f, "2", None, SimOptions::default()).await;
    assert!(
        events.iter().any(|e| matches!(
            e,
            SimEvent::Enqueue {
                group: domain::ServiceGroup::Pensions,
                language: Language::Italian,
                ..
            }
        )),
        "{events:#?}"
    );
    assert_eq!(end(&events), "enqueued");
    let stored = f
        .office
        .store
        .contacts()
        .by_id(driver.contact_id())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.service_kind, Some(ServiceKind::Agent));
    assert!(stored.ended_at.is_some());

    let options = SimOptions { after_agent: true };
    let (driver, events) = call(&f, "2 1 2", None, options).await;
    assert!(
        events
            .iter()
            .any(|e| matches!(e, SimEvent::AgentCallEnded { .. }))
    );
    assert_eq!(end(&events), "completed");
    let answers = f
        .office
        .store
        .surveys()
        .answers(driver.contact_id())
        .await
        .unwrap();
    assert_eq!(answers.len(), 2);
    assert!(
        answers
            .iter()
            .all(|a| a.answer.service_kind == ServiceKind::Agent)
    );
    // A score of 1 and "not resolved" open follow-ups for supervisors.
    let followups = f
        .office
        .store
        .surveys()
        .followups_for(driver.contact_id())
        .await
        .unwrap();
    assert_eq!(followups.len(), 2);
}

#[tokio::test]
async fn words_are_matched_where_a_menu_listens_for_them() {
    let f = fixture().await;
    let (_, events) = call(
        &f,
        "",
        Some("vorrei parlare della mia pensione"),
        SimOptions::default(),
    )
    .await;
    assert!(
        events.iter().any(|e| matches!(e, SimEvent::Say { .. })),
        "{events:#?}"
    );
    assert!(events.iter().any(|e| matches!(e, SimEvent::Enqueue { .. })));
    assert_eq!(end(&events), "enqueued");
    // `-` in `say` answers with keys instead.
    let (_, events) = call(&f, "3", Some("-"), SimOptions::default()).await;
    assert_eq!(end(&events), "completed");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, SimEvent::Keys { keys, .. } if keys == "3"))
    );
}

#[tokio::test]
async fn silence_and_wrong_keys_take_the_retry_prompts_then_the_defined_exit() {
    let f = fixture().await;
    let (_, events) = call(&f, ". 9 -", None, SimOptions::default()).await;
    let said = prompts(&events);
    assert_eq!(
        said,
        [
            "welcome(number=803164)",
            "menu",
            "no-input",
            "menu",
            "no-match",
            "menu"
        ],
        "{events:#?}"
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, SimEvent::Silence { .. }))
            .count(),
        2
    );
    assert_eq!(end(&events), "completed");
}

#[tokio::test]
async fn a_caller_whose_script_runs_out_hangs_up() {
    let f = fixture().await;
    let (driver, events) = call(&f, "1", None, SimOptions::default()).await;
    assert!(events.iter().any(|e| matches!(e, SimEvent::HangUp { .. })));
    assert_eq!(end(&events), "caller-hung-up");
    let stored = f
        .office
        .store
        .contacts()
        .by_id(driver.contact_id())
        .await
        .unwrap()
        .unwrap();
    assert!(stored.ended_at.is_some(), "the end is recorded");
    assert_eq!(stored.service_kind, None, "served by nothing");
}

#[tokio::test]
async fn three_wrong_pins_lock_and_the_caller_is_told() {
    let f = fixture().await;
    let keys = domain::keypad::keys_for(f.mario.as_str());
    let script = format!("1 {keys} 11111111 {keys} 22222222 {keys} 33333333");
    let (_, events) = call(&f, &script, None, SimOptions::default()).await;
    let outcomes: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Invoke { outcome, .. } => Some(outcome.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(outcomes, ["invalid", "invalid", "locked"]);
    let said = prompts(&events);
    assert_eq!(said.iter().filter(|p| *p == "not-recognised").count(), 2);
    assert!(said.contains(&"pin-locked".to_owned()), "{said:#?}");
    assert_eq!(end(&events), "completed");
}

#[tokio::test]
async fn keypad_twins_are_told_apart_by_the_birth_date() {
    let f = fixture().await;
    let keys = domain::keypad::keys_for(f.twins.1.as_str());
    // Not the right PIN (the twins have none): the point is the birth-date question.
    let script = format!("1 {keys} 12345678 01021980");
    let (_, events) = call(&f, &script, None, SimOptions::default()).await;
    let said = prompts(&events);
    assert!(said.contains(&"enter-birth-date".to_owned()), "{said:#?}");
    let outcomes: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Invoke { outcome, .. } => Some(outcome.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        outcomes,
        ["ambiguous", "not_found"],
        "no PIN issued to them"
    );
}

#[tokio::test]
async fn the_same_script_gives_the_same_call() {
    let f = fixture().await;
    let strip = |events: Vec<SimEvent>| format!("{events:?}");
    let (_, first) = call(&f, ". 2", None, SimOptions::default()).await;
    let (_, second) = call(&f, ". 2", None, SimOptions::default()).await;
    assert_eq!(strip(first), strip(second));
}

#[tokio::test]
async fn a_survey_question_the_profile_does_not_know_is_not_stored() {
    let f = fixture().await;
    let flow = TEST_FLOW.replace("{ id = \"resolved\"", "{ id = \"wait-time\"");
    let flows = Arc::new(Flows::parse([("test/main.toml", flow.as_str())]).unwrap());
    let (mut driver, outputs) = ContactDriver::start(
        Arc::clone(&f.office),
        flows,
        Arc::new(PlainRenderer),
        &setup("803164"),
        now(),
    )
    .await
    .unwrap();
    let mut events = Vec::new();
    let mut script = Script::parse(Some("2 5 1"), None);
    let options = SimOptions { after_agent: true };
    sim::run(
        &mut driver,
        outputs,
        now(),
        &mut script,
        &mut events,
        options,
    )
    .await;
    let recorded: Vec<(String, bool)> = events
        .iter()
        .filter_map(|e| match e {
            SimEvent::Survey {
                question, recorded, ..
            } => Some((question.clone(), *recorded)),
            _ => None,
        })
        .collect();
    assert_eq!(
        recorded,
        [
            ("satisfaction".to_owned(), true),
            ("wait-time".to_owned(), false)
        ]
    );
}

#[tokio::test]
async fn a_flow_that_cannot_start_is_an_error_not_a_contact() {
    let f = fixture().await;
    let mut setup = setup("803164");
    setup.entry.flow = "cu".into();
    let started = ContactDriver::start(
        Arc::clone(&f.office),
        flows(),
        Arc::new(PlainRenderer),
        &setup,
        now(),
    )
    .await;
    assert!(matches!(started, Err(CallError::Flow(_))), "{started:?}");
}
