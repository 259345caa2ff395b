use super::*;
use crate::rtp::{Rtp, parse};

fn player(idle: IdleMode) -> Player {
    Player::new(PlayerConfig {
        telephone_event_pt: Some(101),
        idle,
        ..PlayerConfig::new(Codec::Pcmu, 0xABCD, 65534, 4_294_967_000)
    })
}

/// Ticks `n` times; returns the packets (None for a silent tick).
fn ticks(p: &mut Player, n: usize) -> Vec<Option<Vec<u8>>> {
    (0..n)
        .map(|_| {
            let mut out = Vec::new();
            p.tick(&mut out).then_some(out)
        })
        .collect()
}

fn rtp(bytes: &Option<Vec<u8>>) -> Rtp<'_> {
    parse(bytes.as_ref().expect("a packet")).unwrap()
}

fn events(p: &mut Player) -> Vec<PlayerEvent> {
    std::iter::from_fn(|| p.poll_event()).collect()
}

#[test]
fn a_prompt_becomes_20ms_packets() {
    let mut p = player(IdleMode::Silence);
    let samples: Arc<[i16]> = (0..400).map(|i| (i * 50) as i16).collect();
    p.enqueue(PromptId(7), samples.clone());
    assert!(p.is_playing());
    let out = ticks(&mut p, 5);
    let parsed: Vec<_> = out.iter().map(rtp).collect();
    let seqs: Vec<u16> = parsed.iter().map(|r| r.header.sequence).collect();
    assert_eq!(seqs, [65534, 65535, 0, 1, 2]);
    for (i, r) in parsed.iter().enumerate() {
        assert_eq!(
            r.header.timestamp,
            4_294_967_000u32.wrapping_add(160 * i as u32)
        );
        assert_eq!(r.header.ssrc, 0xABCD);
        assert_eq!(r.header.payload_type, 0);
        assert_eq!(r.header.marker, i == 0, "marker only on the first packet");
        assert_eq!(r.payload.len(), 160);
    }
    let mut decoded = Vec::new();
    for r in &parsed[..3] {
        Codec::Pcmu.decode(r.payload, &mut decoded);
    }
    for (d, s) in decoded.iter().zip(samples.iter()) {
        assert_eq!(*d, Codec::Pcmu.decode_sample(Codec::Pcmu.encode_sample(*s)));
    }
    assert!(
        decoded[400..].iter().all(|&s| s == 0),
        "the last frame is padded with silence"
    );
    assert!(
        parsed[3].payload.iter().all(|&b| b == 0xFF),
        "comfort silence after"
    );
    assert_eq!(
        events(&mut p),
        [PlayerEvent::PlaybackFinished {
            id: PromptId(7),
            end: PlaybackEnd::Completed
        }]
    );
    assert!(!p.is_playing());
    assert_eq!(p.stats().packets, 5);
}

#[test]
fn without_comfort_silence_the_clock_still_runs_and_marks_talkspurts() {
    let mut p = player(IdleMode::Nothing);
    assert_eq!(ticks(&mut p, 3), [None, None, None]);
    p.enqueue(PromptId(1), vec![1000; 320].into());
    let out = ticks(&mut p, 4);
    assert!(out[2].is_none() && out[3].is_none());
    let (a, b) = (rtp(&out[0]), rtp(&out[1]));
    assert!(a.header.marker && !b.header.marker);
    assert_eq!(
        a.header.sequence, 65534,
        "sequence numbers only count packets"
    );
    assert_eq!(
        a.header.timestamp,
        4_294_967_000u32.wrapping_add(3 * 160),
        "time ran on"
    );
    p.enqueue(PromptId(2), vec![1000; 10].into());
    let out = ticks(&mut p, 1);
    assert!(rtp(&out[0]).header.marker, "a new talkspurt after silence");
    assert_eq!(rtp(&out[0]).header.sequence, 0);
}

#[test]
fn queued_prompts_play_in_order_and_stop_clears_them() {
    let mut p = player(IdleMode::Silence);
    p.enqueue(PromptId(1), vec![500; 160].into());
    p.enqueue(PromptId(2), vec![500; 480].into());
    p.enqueue(PromptId(3), vec![500; 480].into());
    ticks(&mut p, 2);
    assert_eq!(
        events(&mut p),
        [PlayerEvent::PlaybackFinished {
            id: PromptId(1),
            end: PlaybackEnd::Completed
        }]
    );
    p.stop();
    assert_eq!(
        events(&mut p),
        [
            PlayerEvent::PlaybackFinished {
                id: PromptId(2),
                end: PlaybackEnd::Stopped
            },
            PlayerEvent::PlaybackFinished {
                id: PromptId(3),
                end: PlaybackEnd::Stopped
            },
        ]
    );
    let out = ticks(&mut p, 1);
    assert!(rtp(&out[0]).payload.iter().all(|&b| b == 0xFF));
    assert!(!rtp(&out[0]).header.marker, "the stream went on");
}

#[test]
fn dtmf_interrupts_audio_with_events_and_three_ends() {
    let mut p = player(IdleMode::Silence);
    p.enqueue(PromptId(1), vec![2000; 3200].into());
    ticks(&mut p, 2);
    p.send_dtmf(DtmfDigit::D1, Duration::from_millis(60))
        .unwrap();
    p.send_dtmf(DtmfDigit::Pound, Duration::from_millis(40))
        .unwrap();
    let out = ticks(&mut p, 20);
    let parsed: Vec<_> = out.iter().map(rtp).collect();
    let kinds: String = parsed
        .iter()
        .map(|r| match r.header.payload_type {
            101 if crate::dtmf::TelephoneEvent::parse(r.payload).unwrap().end => 'E',
            101 => 'u',
            _ => 'a',
        })
        .collect();
    // "1": 3 packets with the last an end, plus 2 more ends; 3 audio ticks gap; "#": 2 + 2.
    assert_eq!(kinds, "uuEEEaaauEEEaaaaaaaa");
    let first_event_ts = parsed[0].header.timestamp;
    assert!(parsed[0].header.marker);
    assert!(
        parsed[..5]
            .iter()
            .all(|r| r.header.timestamp == first_event_ts)
    );
    assert!(parsed[1..5].iter().all(|r| !r.header.marker));
    assert!(
        parsed[5].header.marker,
        "audio after an event starts a talkspurt"
    );
    assert_eq!(
        parsed[5].header.timestamp,
        first_event_ts.wrapping_add(5 * 160)
    );
    assert_eq!(
        parsed[8].header.timestamp,
        first_event_ts.wrapping_add(8 * 160)
    );
    let seqs: Vec<u16> = parsed.iter().map(|r| r.header.sequence).collect();
    assert!(seqs.windows(2).all(|w| w[1] == w[0].wrapping_add(1)));
    assert_eq!(
        events(&mut p),
        [
            PlayerEvent::DtmfSent {
                digit: DtmfDigit::D1
            },
            PlayerEvent::DtmfSent {
                digit: DtmfDigit::Pound
            },
        ]
    );
    // The prompt kept its place: 2 + 3 + 8 audio frames of 20 were played.
    ticks(&mut p, 6);
    assert!(events(&mut p).is_empty());
    ticks(&mut p, 1);
    assert_eq!(events(&mut p).len(), 1);
}

#[test]
fn dtmf_needs_a_payload_type() {
    let mut p = Player::new(PlayerConfig::new(Codec::Pcma, 1, 1, 1));
    assert_eq!(
        p.send_dtmf(DtmfDigit::D5, Duration::from_millis(100)),
        Err(NoTelephoneEvent)
    );
}

#[test]
fn bridged_frames_are_sent_with_our_header_and_codec() {
    let mut p = player(IdleMode::Silence);
    let pcm = crate::synth::sine(440.0, 8000.0, 20);
    let mut alaw = Vec::new();
    Codec::Pcma.encode(&pcm, &mut alaw);
    for _ in 0..7 {
        p.push_bridged(BridgeFrame {
            codec: Codec::Pcma,
            payload: alaw.clone(),
        });
    }
    assert_eq!(p.stats().bridge_dropped, 2);
    let out = ticks(&mut p, 6);
    let r = rtp(&out[0]);
    assert_eq!((r.header.payload_type, r.header.ssrc), (0, 0xABCD));
    let mut back = Vec::new();
    Codec::Pcmu.decode(r.payload, &mut back);
    let mut direct = Vec::new();
    Codec::Pcma.decode(&alaw, &mut direct);
    for (b, d) in back.iter().zip(&direct) {
        assert!((i32::from(*b) - i32::from(*d)).abs() <= 260, "{b} vs {d}");
    }
    assert!(
        rtp(&out[5]).payload.iter().all(|&b| b == 0xFF),
        "five frames, then silence"
    );
}

#[test]
fn skipping_keeps_audio_in_time() {
    let mut p = player(IdleMode::Silence);
    p.enqueue(PromptId(1), vec![100; 800].into());
    ticks(&mut p, 1);
    p.skip(3);
    assert!(events(&mut p).is_empty());
    let out = ticks(&mut p, 1);
    let r = rtp(&out[0]);
    assert!(r.header.marker);
    assert_eq!(r.header.timestamp, 4_294_967_000u32.wrapping_add(4 * 160));
    assert_eq!(r.header.sequence, 65535);
    assert_eq!(events(&mut p).len(), 1, "5 frames of 5 played or skipped");
    p.skip(2);
    assert_eq!(p.stats().skipped_frames, 5);
}
