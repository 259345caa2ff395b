//! Agent phones with a real peer: baresip (Debian `baresip-core`) registers to the edge's
//! registrar with digest authentication, is called with `call_agent`, and is bridged to a
//! caller (a second baresip). Both record what they hear.
//!
//! These tests fail when `CI` is set and baresip is missing, and are skipped with a note
//! otherwise. Durations below are hang guards or the test's own settings, never measurements.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use sip_edge::{
    AgentCallOptions, AgentPhones, BridgeEnd, CallAgentError, CallEvent, DEFAULT_REALM, Ha1,
    IncomingCalls, LookupFuture, RegistrarConfig, SipCall, SipConfig, SipEdge,
};
use test_peers::baresip::{Account, Baresip, BaresipOptions};
use test_peers::wav;

/// A bound on every wait.
const GUARD: Duration = Duration::from_secs(20);
/// The agent phone's tone and the caller's.
const AGENT_HZ: f64 = 440.0;
const CALLER_HZ: f64 = 1_000.0;
/// What the host plays to the caller after the agent hung up.
const AFTER_HZ: f64 = 700.0;

fn baresip() -> bool {
    test_peers::require_tool("baresip", "baresip-core")
}

/// Extensions 1001–1003 with password `centralino-EXT`; no others.
fn phones(min_expires: u32) -> AgentPhones {
    AgentPhones {
        registrar: RegistrarConfig {
            min_expires,
            ..RegistrarConfig::default()
        },
        directory: Arc::new(|extension: &str| -> LookupFuture {
            let ha1 = matches!(extension, "1001" | "1002" | "1003").then(|| {
                Ha1::from_password(extension, DEFAULT_REALM, &format!("centralino-{extension}"))
            });
            Box::pin(async move { Ok(ha1) })
        }),
    }
}

async fn start(min_expires: u32) -> (SipEdge, IncomingCalls) {
    let config = SipConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        tcp: true,
        max_calls: 10,
        ..SipConfig::default()
    };
    SipEdge::start_with_agent_phones(config, |dialled| dialled == "5000", phones(min_expires))
        .await
        .expect("the edge starts")
}

fn tone(dir: &Path, name: &str, hz: f64) -> std::path::PathBuf {
    let path = dir.join(name);
    // Longer than any test: baresip ends the call when its source file ends.
    wav::write_tone(&path, hz, Duration::from_secs(120), 0.3).unwrap();
    path
}

async fn agent_phone(
    edge: SocketAddr,
    extension: &str,
    password: &str,
    interval: u32,
    source: &Path,
) -> Baresip {
    Baresip::start(BaresipOptions {
        account: Account::agent_phone(extension, password, edge, interval),
        source: source.to_owned(),
        record: true,
    })
    .await
    .expect("baresip starts")
}

/// Polls `check` until it holds, failing after the guard.
async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + GUARD;
    while !check() {
        assert!(tokio::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_phone_registers_with_digest_a_wrong_password_is_refused_and_unregister_removes_it()
 {
    if !baresip() {
        return;
    }
    let (edge, _calls) = start(60).await;
    let dir = tempfile::tempdir().unwrap();
    let source = tone(dir.path(), "agent.wav", AGENT_HZ);

    let mut good = agent_phone(edge.local_addr(), "1001", "centralino-1001", 600, &source).await;
    let event = good
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_OK", "{}", good.log());
    assert!(edge.is_registered("1001"));
    let registrations = edge.registrations();
    assert_eq!(registrations.len(), 1, "{registrations:?}");
    let binding = &registrations[0];
    assert_eq!(binding.extension, "1001");
    assert!(
        binding.contact.contains(&format!("@{}", good.sip_addr())),
        "the binding is baresip's contact: {binding:?}"
    );
    assert_eq!(binding.source, good.sip_addr());
    // baresip asked for 600 s; the registrar's maximum is longer.
    assert!(binding.expires_in > Duration::from_secs(500), "{binding:?}");

    let mut wrong = agent_phone(edge.local_addr(), "1002", "not-the-password", 600, &source).await;
    let event = wrong
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_FAIL", "{}", wrong.log());
    assert!(event.param.contains("403"), "{event:?}");
    assert!(!edge.is_registered("1002"));

    let mut unknown = agent_phone(edge.local_addr(), "1099", "centralino-1099", 600, &source).await;
    let event = unknown
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_FAIL", "{}", unknown.log());
    assert!(event.param.contains("404"), "{event:?}");
    assert_eq!(edge.registrations().len(), 1);

    // Quitting unregisters (Expires: 0): the binding goes at once, not at its expiry.
    good.quit(GUARD).await.unwrap();
    eventually("the unregistered binding is gone", || {
        !edge.is_registered("1001")
    })
    .await;
    edge.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registration_that_is_not_refreshed_expires() {
    if !baresip() {
        return;
    }
    // Registrations of 2 s are allowed here so that expiry happens within the test.
    let (edge, _calls) = start(1).await;
    let dir = tempfile::tempdir().unwrap();
    let source = tone(dir.path(), "agent.wav", AGENT_HZ);
    let mut phone = agent_phone(edge.local_addr(), "1003", "centralino-1003", 2, &source).await;
    let event = phone
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_OK", "{}", phone.log());
    let binding = edge.registrations().pop().expect("registered");
    assert!(binding.expires_in <= Duration::from_secs(2), "{binding:?}");
    // Killed: no unregistration, no refresh. The binding must expire by itself.
    phone.kill().await;
    eventually("the binding expires", || !edge.is_registered("1003")).await;
    assert!(edge.registrations().is_empty());
    edge.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_caller_is_bridged_to_an_agent_phone_both_hear_the_other_and_the_caller_goes_on_after_the_agent_hangs_up()
 {
    if !baresip() {
        return;
    }
    let (edge, mut calls) = start(60).await;
    let dir = tempfile::tempdir().unwrap();
    let mut agent = agent_phone(
        edge.local_addr(),
        "1001",
        "centralino-1001",
        600,
        &tone(dir.path(), "agent.wav", AGENT_HZ),
    )
    .await;
    let event = agent
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_OK", "{}", agent.log());

    let mut caller = Baresip::start(BaresipOptions::caller(&tone(
        dir.path(),
        "caller.wav",
        CALLER_HZ,
    )))
    .await
    .unwrap();
    caller
        .dial(&format!("sip:5000@{}", edge.local_addr()))
        .await
        .unwrap();
    let mut incoming: SipCall = tokio::time::timeout(GUARD, calls.next())
        .await
        .expect("the caller's call arrives")
        .expect("the edge runs");
    assert_eq!(incoming.dialled(), "5000");

    // The host calls the agent and bridges; the bridge reports who hangs up first.
    let mut agent_leg = edge
        .call_agent("1001", &AgentCallOptions::default())
        .await
        .expect("the agent's phone answers");
    assert_eq!(agent_leg.dialled(), "1001");
    let host = tokio::spawn(async move {
        let end = sip_edge::bridge(&mut incoming, &mut agent_leg).await;
        // The agent hung up: the caller goes on (here: one more tone, then our BYE).
        let after: Arc<[i16]> = wav::tone(AFTER_HZ, Duration::from_secs(1), 0.3).into();
        incoming.play(1, after);
        let mut completed = false;
        while let Some(event) = incoming.next_event().await {
            if let CallEvent::PlaybackFinished {
                id: 1,
                completed: c,
            } = event
            {
                completed = c;
                break;
            }
        }
        incoming.hang_up();
        (end, completed, agent_leg.next_event().await)
    });

    for phone in [&mut caller, &mut agent] {
        let event = phone
            .wait_any(&["CALL_ESTABLISHED", "CALL_CLOSED"], GUARD)
            .await
            .unwrap();
        assert_eq!(event.kind, "CALL_ESTABLISHED", "{}", phone.log());
    }
    // Let both hear a second and a half of the other's tone (the files grow as they hear).
    for phone in [&caller, &agent] {
        eventually("the bridged tone is heard", || {
            phone
                .received_recording()
                .and_then(|path| wav::read(&path).ok())
                .is_some_and(|(rate, samples)| {
                    wav::audible(&samples, rate) >= Duration::from_millis(1_500)
                })
        })
        .await;
    }
    agent.hang_up().await.unwrap();
    agent.wait_event("CALL_CLOSED", GUARD).await.unwrap();

    let (end, completed, after_end) = tokio::time::timeout(GUARD, host)
        .await
        .expect("the host finishes")
        .unwrap();
    assert_eq!(
        end,
        BridgeEnd::SecondHungUp,
        "the host saw the agent hang up"
    );
    assert!(
        completed,
        "the caller heard the whole tone after the bridge"
    );
    assert_eq!(after_end, None, "the agent's leg has ended");
    let closed = caller.wait_event("CALL_CLOSED", GUARD).await.unwrap();
    assert!(!closed.param.is_empty());

    // What each heard: the other's tone, loud enough; the caller then the host's tone.
    let (rate, heard) = wav::read(&agent.received_recording().unwrap()).unwrap();
    assert!(wav::rms(&heard) > wav::AUDIBLE, "the agent heard sound");
    let hz = wav::dominant_frequency(&heard, rate).unwrap();
    assert!((hz - CALLER_HZ).abs() <= 20.0, "the agent heard {hz} Hz");

    let (rate, heard) = wav::read(&caller.received_recording().unwrap()).unwrap();
    assert!(wav::rms(&heard) > wav::AUDIBLE, "the caller heard sound");
    let hz = wav::dominant_frequency(&heard, rate).unwrap();
    assert!((hz - AGENT_HZ).abs() <= 20.0, "the caller heard {hz} Hz");
    // The last sound it heard is the host's tone (its last 800 ms, clear of the switch).
    let segments = wav::segments(&heard, rate, Duration::from_millis(200));
    let (_, stop) = *segments.last().expect("sound after the bridge");
    let to = (stop.as_millis() as usize * rate as usize / 1000).min(heard.len());
    let from = to.saturating_sub(rate as usize * 8 / 10);
    let hz = wav::dominant_frequency(&heard[from..to], rate).unwrap();
    assert!(
        (hz - AFTER_HZ).abs() <= 20.0,
        "after the agent hung up the caller heard {hz} Hz ({segments:?})"
    );
    edge.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calling_an_agent_fails_with_what_happened() {
    if !baresip() {
        return;
    }
    let (edge, _calls) = start(60).await;
    let dir = tempfile::tempdir().unwrap();
    let source = tone(dir.path(), "agent.wav", AGENT_HZ);

    let not_registered = edge
        .call_agent("1002", &AgentCallOptions::default())
        .await
        .unwrap_err();
    assert_eq!(
        not_registered,
        CallAgentError::NotRegistered("1002".to_owned())
    );

    // A phone that does not answer by itself: it rings until we give up and CANCEL.
    let mut phone = Baresip::start(BaresipOptions {
        account: Account {
            auto_answer: false,
            ..Account::agent_phone("1002", "centralino-1002", edge.local_addr(), 600)
        },
        source: source.clone(),
        record: false,
    })
    .await
    .unwrap();
    let event = phone
        .wait_any(&["REGISTER_OK", "REGISTER_FAIL"], GUARD)
        .await
        .unwrap();
    assert_eq!(event.kind, "REGISTER_OK", "{}", phone.log());
    let options = AgentCallOptions {
        ring_timeout: Duration::from_secs(2),
        display_name: Some("Coda pensioni".to_owned()),
    };
    let error = edge.call_agent("1002", &options).await.unwrap_err();
    assert!(
        matches!(error, CallAgentError::NoAnswer { rang: true, .. }),
        "{error}"
    );
    phone.wait_event("CALL_INCOMING", GUARD).await.unwrap();
    phone.wait_event("CALL_CLOSED", GUARD).await.unwrap();

    // The agent rejects the ringing call.
    let ring = tokio::spawn({
        let options = AgentCallOptions {
            ring_timeout: GUARD,
            display_name: None,
        };
        async move {
            let result = edge.call_agent("1002", &options).await;
            (edge, result)
        }
    });
    phone.wait_event("CALL_INCOMING", GUARD).await.unwrap();
    phone.hang_up().await.unwrap();
    let (edge, result) = tokio::time::timeout(GUARD, ring).await.unwrap().unwrap();
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            CallAgentError::Busy { .. }
                | CallAgentError::Declined { .. }
                | CallAgentError::Rejected { .. }
        ),
        "{error}"
    );
    edge.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_caller_hangs_up_the_bridge_says_so_and_the_host_ends_the_agent_leg() {
    if !baresip() {
        return;
    }
    let (edge, mut calls) = start(60).await;
    let dir = tempfile::tempdir().unwrap();
    let mut agent = agent_phone(
        edge.local_addr(),
        "1001",
        "centralino-1001",
        600,
        &tone(dir.path(), "agent.wav", AGENT_HZ),
    )
    .await;
    agent.wait_event("REGISTER_OK", GUARD).await.unwrap();
    let mut caller = Baresip::start(BaresipOptions::caller(&tone(
        dir.path(),
        "caller.wav",
        CALLER_HZ,
    )))
    .await
    .unwrap();
    caller
        .dial(&format!("sip:5000@{}", edge.local_addr()))
        .await
        .unwrap();
    let mut incoming = tokio::time::timeout(GUARD, calls.next())
        .await
        .unwrap()
        .unwrap();
    let mut agent_leg = edge
        .call_agent("1001", &AgentCallOptions::default())
        .await
        .unwrap();
    let host = tokio::spawn(async move {
        let end = sip_edge::bridge(&mut incoming, &mut agent_leg).await;
        agent_leg.hang_up();
        (end, agent_leg.next_event().await)
    });
    for phone in [&mut caller, &mut agent] {
        let event = phone
            .wait_any(&["CALL_ESTABLISHED", "CALL_CLOSED"], GUARD)
            .await
            .unwrap();
        assert_eq!(event.kind, "CALL_ESTABLISHED", "{}", phone.log());
    }
    caller.hang_up().await.unwrap();
    caller.wait_event("CALL_CLOSED", GUARD).await.unwrap();
    let (end, agent_event) = tokio::time::timeout(GUARD, host).await.unwrap().unwrap();
    assert_eq!(end, BridgeEnd::FirstHungUp);
    assert_eq!(agent_event, Some(CallEvent::HungUp));
    // The host's BYE reaches the agent's phone.
    agent.wait_event("CALL_CLOSED", GUARD).await.unwrap();
    edge.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_phone_that_takes_only_pcma_is_called_and_hears_the_host() {
    if !baresip() {
        return;
    }
    let (edge, _calls) = start(60).await;
    let dir = tempfile::tempdir().unwrap();
    let mut agent = Baresip::start(BaresipOptions {
        account: Account {
            audio_codecs: Some("pcma".to_owned()),
            ..Account::agent_phone("1001", "centralino-1001", edge.local_addr(), 600)
        },
        source: tone(dir.path(), "agent.wav", AGENT_HZ),
        record: true,
    })
    .await
    .unwrap();
    agent.wait_event("REGISTER_OK", GUARD).await.unwrap();
    let mut leg = edge
        .call_agent("1001", &AgentCallOptions::default())
        .await
        .expect("the PCMA-only phone answers");
    agent.wait_event("CALL_ESTABLISHED", GUARD).await.unwrap();
    let said: Arc<[i16]> = wav::tone(CALLER_HZ, Duration::from_secs(2), 0.3).into();
    leg.play(7, said);
    let finished = tokio::time::timeout(GUARD, async {
        loop {
            match leg.next_event().await {
                Some(CallEvent::PlaybackFinished { id: 7, completed }) => break completed,
                Some(CallEvent::HungUp) | None => break false,
                Some(_) => {}
            }
        }
    })
    .await
    .unwrap();
    assert!(finished, "the tone played to its end");
    leg.hang_up();
    agent.wait_event("CALL_CLOSED", GUARD).await.unwrap();
    let (rate, heard) = wav::read(&agent.received_recording().unwrap()).unwrap();
    assert!(
        wav::audible(&heard, rate) >= Duration::from_millis(1_500),
        "the agent heard the host's tone; log:\n{}",
        agent.log()
    );
    let hz = wav::dominant_frequency(&heard, rate).unwrap();
    assert!((hz - CALLER_HZ).abs() <= 20.0, "the agent heard {hz} Hz");
    // It decoded PCMA: what it heard came from the PCMA socket the re-INVITE announced (the
    // first answer refused PCMU, which we offered first).
    assert!(
        agent.log().contains("Set audio decoder: PCMA"),
        "{}",
        agent.log()
    );
    edge.shutdown().await;
}
