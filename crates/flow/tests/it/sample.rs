//! The sample flows (`tests/data`) driven event by event, each step's actions compared with the
//! expected text: `> flow/node` entered, `play #id lang prompts`, `timer #id at +Ns` (seconds
//! after the call started), `invoke #id operation(args)`, and so on.

use domain::Language;
use flow::{EndReason, validate};

use crate::support::{Call, calendars, check, flows, operations, prompts, rome};

#[test]
fn the_sample_flows_validate_clean() {
    let diagnostics = validate(&flows(), &prompts(), &operations(), &*calendars());
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

/// Wednesday 10:00, agents open: German by key (barging in), an agent by speech, the survey
/// after the conversation.
#[test]
fn agent_when_open_then_survey() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 4, 10, 0));
    check(
        &c.started(),
        "
        > main/welcome
        play #1 it welcome(number=803164)
        ",
    );
    check(
        &c.finish(),
        "
        > main/language
        play #2 it choose-language
        ",
    );
    check(
        &c.keys("2"),
        "
        stop #2
        > main/german
        language de
        > main/need
        play #3 de what-do-you-need
        ",
    );
    check(&c.finish(), "timer #4 at +8s");
    check(
        &c.say("I would like to talk to an agent, please"),
        "
        cancel #4
        > main/hours
        > main/to-agent
        enqueue pensions de
        ",
    );
    // Keys while waiting for an agent do nothing.
    check(&c.keys("5"), "");
    check(
        &c.agent_done(),
        "
        > main/survey
        play #5 de survey-intro
        ",
    );
    check(&c.finish(), "play #6 de survey-satisfaction");
    check(
        &c.keys("5"),
        "
        stop #6
        survey end-of-call satisfaction=5
        play #7 de survey-solved
        ",
    );
    check(&c.finish(), "timer #8 at +134s");
    // Silence skips the question.
    check(&c.timeout(), "play #9 de survey-thanks");
    check(
        &c.finish(),
        "
        > main/goodbye
        hangup completed
        ",
    );
    assert_eq!(
        c.contact.end_reason(),
        Some(&EndReason::Hangup("completed".into()))
    );
    check(&c.keys("1"), "");
}

/// A caller who skips every survey question hears no thanks for a rating: straight to goodbye.
#[test]
fn survey_with_every_question_skipped_says_no_thanks() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 4, 10, 0));
    c.started();
    c.finish();
    c.keys("2");
    c.finish();
    c.say("I would like to talk to an agent, please");
    check(&c.agent_done(), "> main/survey\nplay #5 de survey-intro");
    check(&c.finish(), "play #6 de survey-satisfaction");
    check(&c.finish(), "timer #7 at +132s");
    check(&c.timeout(), "play #8 de survey-solved");
    check(&c.finish(), "timer #9 at +139s");
    check(
        &c.timeout(),
        "
        > main/goodbye
        hangup completed
        ",
    );
}

/// Saturday 15:00 (R-HOURS-4): agents closed, the caller hears so and is offered the automated
/// services; identification by tax code and PIN in a sub-flow, then an operation.
#[test]
fn closed_on_saturday_afternoon_offers_self_service() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 7, 15, 0));
    c.started();
    // A key during the welcome skips it and answers the language menu (type-ahead).
    check(
        &c.keys("1"),
        "
        stop #1
        > main/language
        > main/italian
        > main/need
        play #2 it what-do-you-need
        ",
    );
    check(&c.finish(), "timer #3 at +7s");
    check(
        &c.say("pension"),
        "
        cancel #3
        > main/hours
        > main/closed
        play #4 it agents-closed
        ",
    );
    check(
        &c.finish(),
        "
        > main/self-service
        play #5 it offer-self-service
        ",
    );
    check(
        &c.keys("1"),
        "
        stop #5
        > main/status
        > identify/who
        play #6 it enter-tax-code
        ",
    );
    check(&c.finish(), "timer #7 at +16s");
    // Sixteen keys, one per character of the tax code.
    check(
        &c.keys("7777226241501234"),
        "
        cancel #7
        play #8 it enter-pin
        ",
    );
    check(&c.finish(), "timer #9 at +18s");
    check(
        &c.keys("1234"),
        "
        cancel #9
        timer #10 at +14s
        ",
    );
    // Four digits of eight, then silence: a no-match, asked again.
    check(&c.timeout(), "play #11 it no-match + enter-pin");
    check(&c.finish(), "timer #12 at +25s");
    check(
        &c.keys("12345678"),
        "
        cancel #12
        invoke #13 identify-caller(pin=12345678, tax_code=7777226241501234)
        timer #14 at +31s
        ",
    );
    check(
        &c.result("ok", &[("citizen", "C-42")]),
        "
        cancel #14
        > identify/application
        play #15 it enter-application
        ",
    );
    check(
        &c.keys("123456#"),
        "
        stop #15
        > identify/done
        > main/check
        invoke #16 application-status(application=123456, citizen=C-42)
        timer #17 at +28s
        ",
    );
    check(
        &c.result("ok", &[("status", "approved"), ("updated", "2026-02-01")]),
        "
        cancel #17
        > main/say-status
        play #18 it application-status(date=2026-02-01, status=approved)
        ",
    );
    check(
        &c.finish(),
        "
        > main/survey
        play #19 it survey-intro
        ",
    );
    check(&c.finish(), "play #20 it survey-satisfaction");
    check(&c.hang_up(), "");
    assert_eq!(c.contact.end_reason(), Some(&EndReason::CallerHungUp));
    check(&c.keys("3"), "");
}

/// Silence three times on the language menu takes its defined exit (Italian).
#[test]
fn silence_on_the_language_menu_takes_the_defined_exit() {
    let mut c = Call::new("main", Language::English, rome(2026, 3, 4, 10, 0));
    c.started();
    c.finish();
    check(&c.finish(), "timer #3 at +7s");
    check(&c.timeout(), "play #4 en no-input + choose-language");
    check(&c.finish(), "timer #5 at +13s");
    check(&c.timeout(), "play #6 en no-input + choose-language");
    check(&c.finish(), "timer #7 at +19s");
    check(
        &c.timeout(),
        "
        > main/italian
        language it
        > main/need
        play #8 it what-do-you-need
        ",
    );
}

/// Keys that match nothing, three times, end the call by the menu's failure exit.
#[test]
fn wrong_keys_take_the_failure_exit() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 4, 10, 0));
    c.started();
    c.finish();
    c.keys("1");
    check(
        &c.keys("9"),
        "
        stop #3
        play #4 it no-match + what-do-you-need
        ",
    );
    check(
        &c.say("the weather tomorrow"),
        "stop #4\nplay #5 it no-match + what-do-you-need",
    );
    check(
        &c.keys("*"),
        "
        stop #5
        > main/goodbye
        hangup completed
        ",
    );
}

/// A wrong PIN is asked again from the start; a locked PIN is told and ends the call.
#[test]
fn wrong_then_locked_pin() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 7, 15, 0));
    c.started();
    c.keys("1");
    c.say("agent");
    c.finish();
    c.keys("1");
    c.keys("7777226241501234");
    check(
        &c.keys("00000000"),
        "
        stop #6
        invoke #7 identify-caller(pin=00000000, tax_code=7777226241501234)
        timer #8 at +21s
        ",
    );
    check(
        &c.result("not_found", &[]),
        "
        cancel #8
        play #9 it not-recognised + enter-tax-code
        ",
    );
    c.keys("7777226241501234");
    check(
        &c.keys("11111111"),
        "
        stop #10
        invoke #11 identify-caller(pin=11111111, tax_code=7777226241501234)
        timer #12 at +24s
        ",
    );
    check(
        &c.result("locked", &[]),
        "
        cancel #12
        > identify/locked
        play #13 it pin-locked
        ",
    );
    check(
        &c.finish(),
        "
        > identify/bye
        hangup not-identified
        ",
    );
}

/// More than one citizen matches the keys: the date of birth decides.
#[test]
fn ambiguous_tax_code_asks_the_date_of_birth() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 7, 15, 0));
    c.started();
    c.keys("1");
    c.say("agent");
    c.finish();
    c.keys("1");
    c.keys("7777226241501234");
    c.keys("12345678");
    check(
        &c.result("ambiguous", &[]),
        "
        cancel #8
        play #9 it enter-birth-date
        ",
    );
    check(
        &c.keys("01021980"),
        "
        stop #9
        invoke #10 identify-caller(birth_date=01021980, pin=12345678, tax_code=7777226241501234)
        timer #11 at +23s
        ",
    );
    check(
        &c.result("ok", &[("citizen", "C-7")]),
        "
        cancel #11
        > identify/application
        play #12 it enter-application
        ",
    );
}

/// R-INFO-2: the NASpI message, a detail chosen by barging in, silence continues to the agents;
/// routing cannot take the call, so the closed path follows.
#[test]
fn information_details_then_queue_unavailable() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 4, 10, 0));
    c.started();
    c.keys("1");
    check(
        &c.keys("2"),
        "
        stop #2
        > main/naspi
        play #3 it info-naspi
        ",
    );
    check(
        &c.keys("4"),
        "
        stop #3
        play #4 it naspi-amount
        ",
    );
    check(&c.finish(), "play #5 it info-details");
    check(&c.finish(), "timer #6 at +10s");
    check(
        &c.timeout(),
        "
        > main/hours
        > main/to-agent
        enqueue pensions it
        ",
    );
    check(
        &c.send(flow::Event::QueueUnavailable),
        "
        > main/closed
        play #7 it agents-closed
        ",
    );
}

/// The back office does not answer in time: the flow's error exit.
#[test]
fn operation_timeout_takes_on_error() {
    let mut c = Call::new("main", Language::Italian, rome(2026, 3, 7, 15, 0));
    c.started();
    c.keys("1");
    c.say("agent");
    c.finish();
    c.keys("1");
    c.keys("7777226241501234");
    c.keys("12345678");
    c.result("ok", &[("citizen", "C-42")]);
    check(
        &c.keys("1234567#"),
        "
        stop #9
        > identify/done
        > main/check
        invoke #10 application-status(application=1234567, citizen=C-42)
        timer #11 at +18s
        ",
    );
    check(
        &c.timeout(),
        "
        > main/sorry
        play #12 it service-unavailable
        ",
    );
    // The late answer is ignored.
    check(&c.result_for(flow::RequestId(10), "ok"), "");
    check(
        &c.finish(),
        "
        > main/goodbye
        hangup completed
        ",
    );
}
