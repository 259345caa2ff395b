//! The script's token rules and the simulated clock.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::contact::ContactDriver;
use crate::contact::tests::{flows, setup};
use crate::render::PlainRenderer;
use crate::testing::{fixture, now};

#[test]
fn tokens_of_keys_and_words() {
    let mut script = Script::parse(Some(" 1  . 123# - "), Some("la mia pensione | - | . "));
    assert_eq!(
        script.next(true),
        Some(Answer::Say("la mia pensione".into()))
    );
    assert_eq!(
        script.next(true),
        Some(Answer::Keys("1".into())),
        "`-`: keys instead"
    );
    assert_eq!(
        script.next(true),
        Some(Answer::Silence),
        "`.` in say: silence"
    );
    assert_eq!(script.next(true), Some(Answer::Silence), "`.` in keys");
    assert_eq!(script.next(false), Some(Answer::Keys("123#".into())));
    assert_eq!(script.next(false), Some(Answer::Silence), "`-` in keys");
    assert_eq!(script.next(false), None, "used up");
    assert!(Script::parse(None, Some(" | ")).is_empty());
    // A tax code written out is typed on its keypad keys; DTMF letters stay keys.
    let mut script = Script::parse(Some("RSSMRA80A01H501U rssmra80a01h501u 1A*#"), None);
    assert_eq!(
        script.next(false),
        Some(Answer::Keys("7776728020145018".into()))
    );
    assert_eq!(
        script.next(false),
        Some(Answer::Keys("7776728020145018".into()))
    );
    assert_eq!(script.next(false), Some(Answer::Keys("1A*#".into())));
}

#[test]
fn text_takes_its_length_at_fourteen_characters_a_second() {
    assert_eq!(estimate(&"x".repeat(28)), SignedDuration::from_secs(2));
    assert_eq!(
        estimate("ok"),
        SignedDuration::from_millis(500),
        "at least half a second"
    );
}

fn at(events: &[SimEvent], wanted: impl Fn(&SimEvent) -> bool) -> Timestamp {
    events
        .iter()
        .find_map(|e| {
            wanted(e).then(|| match e {
                SimEvent::Prompt { at, .. }
                | SimEvent::Keys { at, .. }
                | SimEvent::Silence { at }
                | SimEvent::End { at, .. } => *at,
                other => panic!("no instant wanted from {other:?}"),
            })
        })
        .expect("the event happened")
}

#[tokio::test]
async fn the_clock_moves_with_prompts_answers_and_timeouts() {
    let f = fixture().await;
    let (mut driver, outputs) = ContactDriver::start(
        Arc::clone(&f.office),
        flows(),
        Arc::new(PlainRenderer),
        &setup("803164"),
        now(),
    )
    .await
    .unwrap();
    let mut events = Vec::new();
    let mut script = Script::parse(Some(". 3"), None);
    let ended = run(
        &mut driver,
        outputs,
        now(),
        &mut script,
        &mut events,
        SimOptions::default(),
    )
    .await;
    let secs = |t: Timestamp| t.duration_since(now()).as_millis();
    // "welcome(number=803164)": 22 characters, 1.571 s; then "menu" (0.5 s at least).
    let menu = at(
        &events,
        |e| matches!(e, SimEvent::Prompt { id, .. } if id == "menu"),
    );
    assert_eq!(secs(menu), 1571);
    // Silence lasts the menu's 5-second timeout after its prompt.
    assert_eq!(
        secs(at(&events, |e| matches!(e, SimEvent::Silence { .. }))),
        1571 + 500 + 5000
    );
    // "no-input" (8 characters, 0.571 s) and "menu" (0.5 s) again, then the key a second later.
    let key = 7071 + 571 + 500 + 1000;
    assert_eq!(
        secs(at(&events, |e| matches!(e, SimEvent::Keys { .. }))),
        key
    );
    assert_eq!(secs(ended), key);
    assert_eq!(
        secs(at(&events, |e| matches!(e, SimEvent::End { .. }))),
        key
    );
}

/// A listener that gives every prompt three seconds (as audio would).
struct ThreeSeconds(Vec<SimEvent>);

impl Listener for ThreeSeconds {
    fn prompt(&mut self, _: &RenderedPrompt, _: Language, _: Timestamp) -> Option<SignedDuration> {
        Some(SignedDuration::from_secs(3))
    }

    fn event(&mut self, event: &SimEvent) {
        self.0.push(event.clone());
    }
}

#[tokio::test]
async fn a_listener_may_say_how_long_prompts_last() {
    let f = fixture().await;
    let (mut driver, outputs) = ContactDriver::start(
        Arc::clone(&f.office),
        flows(),
        Arc::new(PlainRenderer),
        &setup("803164"),
        now(),
    )
    .await
    .unwrap();
    let mut listener = ThreeSeconds(Vec::new());
    let mut script = Script::parse(Some("3"), None);
    let ended = run(
        &mut driver,
        outputs,
        now(),
        &mut script,
        &mut listener,
        SimOptions::default(),
    )
    .await;
    // Two prompts of 3 s, the key 1 s after the second.
    assert_eq!(ended.duration_since(now()), SignedDuration::from_secs(7));
}
