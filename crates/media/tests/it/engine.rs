//! The async engine: two calls on real sockets, paced by the shared ticker. Only correctness
//! is asserted; the timeouts are hang guards.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use media::recorder::audible_samples;
use media::{Call, Codec, DtmfDigit, MediaEngine, MediaEvent, PromptId, SessionConfig, synth};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::timeout;

const GUARD: Duration = Duration::from_secs(20);

fn config(te: &[u8]) -> SessionConfig {
    SessionConfig {
        telephone_event_pts: te.to_vec(),
        record: Some(Duration::from_secs(10)),
        ..SessionConfig::new(Codec::Pcmu, None)
    }
}

async fn next_matching(
    rx: &mut UnboundedReceiver<MediaEvent>,
    mut pred: impl FnMut(&MediaEvent) -> bool,
) -> MediaEvent {
    timeout(GUARD, async {
        loop {
            let e = rx.recv().await.expect("the call is open");
            if pred(&e) {
                return e;
            }
        }
    })
    .await
    .expect("hang guard")
}

/// Waits until `listener` recorded `samples` audible samples, less what the `senders` skipped
/// or dropped; returns (audible samples heard, samples skipped or dropped).
async fn heard_at_least(listener: &Call, senders: &[&Call], samples: usize) -> (usize, usize) {
    timeout(GUARD, async {
        let mut heard = Vec::new();
        loop {
            heard.extend(listener.take_recording().await);
            let mut skipped = 0;
            for s in senders {
                let p = s.stats().await.player;
                skipped += 160 * (p.skipped_frames + p.bridge_dropped) as usize;
            }
            let audible = audible_samples(&heard, 1000.0);
            if audible + skipped >= samples {
                return (audible, skipped);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("hang guard")
}

#[tokio::test]
async fn engine_plays_prompts_and_relays_digits() {
    let engine = MediaEngine::start(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let (ivr, mut ivr_events) = engine.open_call(config(&[101])).await.unwrap();
    let (caller, mut caller_events) = engine.open_call(config(&[101])).await.unwrap();
    ivr.set_remote(caller.local_addr());
    caller.set_remote(ivr.local_addr());

    // The IVR plays a 600 ms prompt; the caller keys "11#" over it.
    ivr.play(PromptId(5), synth::sine(440.0, 8000.0, 600).into());
    for key in "11#".chars() {
        caller
            .send_dtmf(
                DtmfDigit::from_char(key).unwrap(),
                Duration::from_millis(80),
            )
            .await
            .unwrap();
    }
    let mut digits = String::new();
    while digits.len() < 3 {
        if let MediaEvent::Dtmf { digit, .. } =
            next_matching(&mut ivr_events, |e| matches!(e, MediaEvent::Dtmf { .. })).await
        {
            digits.push(digit.as_char());
        }
    }
    assert_eq!(digits, "11#");
    next_matching(&mut ivr_events, |e| {
        matches!(
            e,
            MediaEvent::PlaybackFinished {
                id: PromptId(5),
                ..
            }
        )
    })
    .await;
    for _ in 0..3 {
        next_matching(&mut caller_events, |e| {
            matches!(e, MediaEvent::DtmfSent { .. })
        })
        .await;
    }
    // Wait for the prompt's frames to arrive. A host stalled for more than 80 ms makes the
    // engine skip frames rather than burst them; those are allowed for, so the check stays
    // about correctness, not timing (in a normal run nothing is skipped and it is exact).
    let (heard, skipped) = heard_at_least(&caller, &[&ivr], 4800).await;
    assert!(
        heard <= 4800 && heard + skipped >= 4800,
        "heard {heard}, skipped {skipped}"
    );
    let stats = ivr.stats().await;
    assert!(stats.telephone_events >= 3 * 6);
    assert_eq!(stats.malformed, 0);
}

#[tokio::test]
async fn engine_bridges_two_legs_and_reports_missing_dtmf_support() {
    let engine = MediaEngine::start(IpAddr::V4(Ipv4Addr::LOCALHOST));
    // caller <-> leg_a ==bridge== leg_b <-> agent
    let (caller, _caller_events) = engine.open_call(config(&[101])).await.unwrap();
    let (leg_a, _a_events) = engine.open_call(config(&[101])).await.unwrap();
    let (leg_b, _b_events) = engine
        .open_call(SessionConfig {
            codec: Codec::Pcma,
            ..config(&[])
        })
        .await
        .unwrap();
    let (agent, _agent_events) = engine.open_call(config(&[])).await.unwrap();
    caller.set_remote(leg_a.local_addr());
    leg_a.set_remote(caller.local_addr());
    leg_b.set_remote(agent.local_addr());
    agent.set_remote(leg_b.local_addr());
    leg_a.bridge(&leg_b);

    caller.play(PromptId(1), synth::sine(600.0, 8000.0, 400).into());
    let (heard, skipped) = heard_at_least(&agent, &[&caller, &leg_b], 3200).await;
    assert!(
        heard <= 3200 && heard + skipped >= 3200,
        "heard {heard}, skipped {skipped}"
    );
    assert_eq!(
        agent
            .send_dtmf(DtmfDigit::D1, Duration::from_millis(100))
            .await,
        Err(media::player::NoTelephoneEvent)
    );
    leg_b.unbridge();
    drop(leg_a);
}
