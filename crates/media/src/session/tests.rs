use super::*;
use crate::dtmf::{DtmfEncoder, TelephoneEvent};
use crate::recorder::audible_samples;
use crate::rtp::RtpHeader;
use crate::synth;

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

const A: &str = "127.0.0.1:4000";
const B: &str = "127.0.0.1:5000";

fn config(remote: &str, te: &[u8]) -> SessionConfig {
    SessionConfig {
        telephone_event_pts: te.to_vec(),
        record: Some(Duration::from_secs(10)),
        ..SessionConfig::new(Codec::Pcmu, Some(addr(remote)))
    }
}

fn events(s: &mut MediaSession) -> Vec<MediaEvent> {
    std::iter::from_fn(|| s.poll_event()).collect()
}

fn digits(events: &[MediaEvent]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            MediaEvent::Dtmf { digit, .. } => Some(digit.as_char()),
            _ => None,
        })
        .collect()
}

/// Steps two sessions on a fake clock, delivering every packet (optionally transformed).
struct Pair {
    a: MediaSession,
    b: MediaSession,
    now: Instant,
    a_events: Vec<MediaEvent>,
    b_events: Vec<MediaEvent>,
}

impl Pair {
    fn new(a: SessionConfig, b: SessionConfig) -> Pair {
        let now = Instant::now();
        Pair {
            a: MediaSession::new(now, a).unwrap(),
            b: MediaSession::new(now, b).unwrap(),
            now,
            a_events: Vec::new(),
            b_events: Vec::new(),
        }
    }

    /// One 20 ms tick; `mangle` may reorder or drop what A sends this tick.
    fn tick(&mut self, mangle: &mut dyn FnMut(Vec<Transmit>) -> Vec<Transmit>) {
        let from_a: Vec<_> = std::iter::from_fn(|| self.a.poll_transmit(self.now)).collect();
        for t in mangle(from_a) {
            assert_eq!(t.destination, addr(B));
            self.b.handle_datagram(self.now, addr(A), &t.payload);
        }
        while let Some(t) = self.b.poll_transmit(self.now) {
            self.a.handle_datagram(self.now, addr(B), &t.payload);
        }
        self.a.handle_timeout(self.now);
        self.b.handle_timeout(self.now);
        self.a_events.extend(events(&mut self.a));
        self.b_events.extend(events(&mut self.b));
        self.now += FRAME;
    }

    fn run(&mut self, ticks: usize) {
        for _ in 0..ticks {
            self.tick(&mut |t| t);
        }
    }
}

#[test]
fn prompt_and_dtmf_between_two_sessions() {
    let mut pair = Pair::new(config(B, &[101]), config(A, &[101]));
    pair.a
        .play(PromptId(1), synth::sine(440.0, 8000.0, 1000).into());
    pair.run(60);
    assert!(pair.a_events.contains(&MediaEvent::PlaybackFinished {
        id: PromptId(1),
        end: PlaybackEnd::Completed
    }));
    for c in "11#".chars() {
        pair.a
            .send_dtmf(DtmfDigit::from_char(c).unwrap(), Duration::from_millis(100))
            .unwrap();
    }
    pair.run(60);
    assert_eq!(digits(&pair.b_events), "11#");
    let sent: Vec<_> = pair
        .a_events
        .iter()
        .filter(|e| matches!(e, MediaEvent::DtmfSent { .. }))
        .collect();
    assert_eq!(sent.len(), 3);
    // B heard one second of tone.
    assert_eq!(audible_samples(pair.b.recording(), 500.0), 8000);
    assert_eq!(pair.b.stats().reorder.lost, 0);
    assert_eq!(pair.b.stats().telephone_events, 3 * 7);
}

#[test]
fn reordered_and_duplicated_audio_is_recorded_in_order() {
    let mut pair = Pair::new(config(B, &[101]), config(A, &[101]));
    let tone = synth::sine(300.0, 6000.0, 400);
    pair.a.play(PromptId(1), tone.clone().into());
    let mut held: Option<Transmit> = None;
    let mut n = 0;
    for _ in 0..30 {
        pair.tick(&mut |mut ts| {
            n += 1;
            // Every 4th packet arrives after the next one; every 5th arrives twice.
            let mut out = Vec::new();
            let delayed = held.take();
            if n % 5 == 0
                && let Some(t) = ts.first()
            {
                out.push(t.clone());
            }
            if n % 4 == 0 {
                held = ts.pop();
            }
            out.extend(ts);
            out.extend(delayed);
            out
        });
    }
    let stats = pair.b.stats().reorder;
    assert_eq!(stats.lost, 0);
    // A copy of a packet already handed on is indistinguishable from a late one.
    assert!(stats.reordered > 0 && stats.late > 0, "{stats:?}");
    let rec = pair.b.recording();
    let start = rec.iter().position(|&s| s != 0).unwrap() - 1;
    for (i, (&r, &t)) in rec[start..].iter().zip(&tone).enumerate() {
        assert_eq!(
            r,
            Codec::Pcmu.decode_sample(Codec::Pcmu.encode_sample(t)),
            "sample {i}"
        );
    }
}

#[test]
fn pacing_releases_one_frame_per_tick_and_skips_when_far_behind() {
    let t0 = Instant::now();
    let mut s = MediaSession::new(t0, config(B, &[])).unwrap();
    let count = |s: &mut MediaSession, now| std::iter::from_fn(|| s.poll_transmit(now)).count();
    assert_eq!(count(&mut s, t0), 1);
    assert_eq!(count(&mut s, t0 + Duration::from_millis(9)), 0);
    assert_eq!(
        count(&mut s, t0 + Duration::from_millis(11)),
        1,
        "half a frame early is due"
    );
    assert_eq!(count(&mut s, t0 + Duration::from_millis(29)), 0);
    assert_eq!(s.poll_timeout(), t0 + Duration::from_millis(40));
    assert_eq!(count(&mut s, t0 + Duration::from_millis(200)), 4);
    assert_eq!(s.stats().player.skipped_frames, 5);
    assert_eq!(count(&mut s, t0 + Duration::from_millis(220)), 1);
}

#[test]
fn latching_follows_the_first_valid_packet_and_ignores_others() {
    let t0 = Instant::now();
    let sdp = addr("10.0.0.5:7000");
    let nat = addr("203.0.113.9:40000");
    let stranger = addr("198.51.100.1:5004");
    let mut s = MediaSession::new(t0, config("10.0.0.5:7000", &[101])).unwrap();
    assert_eq!(s.poll_transmit(t0).unwrap().destination, sdp);
    let audio = |seq: u16| {
        RtpHeader {
            marker: false,
            payload_type: 0,
            sequence: seq,
            timestamp: 0,
            ssrc: 5,
        }
        .to_vec(&[0xFF; 160])
    };
    // Garbage and an unknown payload type do not latch.
    s.handle_datagram(t0, stranger, b"hello");
    let filler = RtpHeader {
        marker: false,
        payload_type: 97,
        sequence: 1,
        timestamp: 0,
        ssrc: 9,
    };
    s.handle_datagram(t0, stranger, &filler.to_vec(&[0; 4]));
    s.handle_datagram(t0, nat, &audio(1));
    assert_eq!(events(&mut s), [MediaEvent::Latched { remote: nat }]);
    s.handle_datagram(t0, stranger, &audio(2));
    let now = t0 + FRAME;
    assert_eq!(s.poll_transmit(now).unwrap().destination, nat);
    let stats = s.stats();
    assert_eq!(
        (
            stats.malformed,
            stats.unknown_payload_type,
            stats.foreign_source,
            stats.received
        ),
        (1, 1, 1, 1)
    );
    // A re-INVITE moves the call; the next valid packet latches again.
    s.set_remote(sdp);
    s.handle_datagram(now, sdp, &audio(3));
    assert_eq!(events(&mut s), []);
    assert_eq!(s.remote(), Some(sdp));
    s.handle_datagram(now, nat, &audio(4));
    assert_eq!(s.stats().foreign_source, 2);
}

#[test]
fn without_latching_packets_from_anywhere_are_taken_and_we_send_to_sdp() {
    let t0 = Instant::now();
    let mut s = MediaSession::new(
        t0,
        SessionConfig {
            latching: false,
            ..config(B, &[101])
        },
    )
    .unwrap();
    let audio = RtpHeader {
        marker: false,
        payload_type: 8,
        sequence: 1,
        timestamp: 0,
        ssrc: 5,
    };
    s.handle_datagram(t0, addr("192.0.2.1:1"), &audio.to_vec(&[0xD5; 160]));
    assert_eq!(s.stats().received, 1);
    assert!(events(&mut s).is_empty());
    assert_eq!(s.poll_transmit(t0).unwrap().destination, addr(B));
}

/// SIPp style: audio on one SSRC, pcap DTMF on its own SSRC (PT 101) and `play_dtmf` on PT 96,
/// interleaved on the same 5-tuple with PT 97 filler; every digit once, audio undisturbed.
#[test]
fn dtmf_on_its_own_ssrc_beside_audio() {
    let t0 = Instant::now();
    let mut s = MediaSession::new(t0, config(B, &[101, 96])).unwrap();
    let mut now = t0;
    let mut audio_seq = 1000u16;
    let mut dtmf_seq = 7984u16;
    let mut feed_digit =
        |s: &mut MediaSession, now: &mut Instant, pt: u8, ssrc: u32, ts: u32, d: DtmfDigit| {
            for ev in DtmfEncoder::new(d, Duration::from_millis(100), 10) {
                let audio = RtpHeader {
                    marker: false,
                    payload_type: 0,
                    sequence: audio_seq,
                    timestamp: u32::from(audio_seq) * 160,
                    ssrc: 0xCA11_0000,
                };
                s.handle_datagram(*now, addr(A), &audio.to_vec(&[0xFF; 160]));
                audio_seq = audio_seq.wrapping_add(1);
                let h = RtpHeader {
                    marker: ev.marker,
                    payload_type: pt,
                    sequence: dtmf_seq,
                    timestamp: ts,
                    ssrc,
                };
                s.handle_datagram(*now, addr(A), &h.to_vec(&ev.payload));
                let filler = RtpHeader {
                    payload_type: 97,
                    ..h
                };
                s.handle_datagram(*now, addr(A), &filler.to_vec(&[0; 4]));
                dtmf_seq = dtmf_seq.wrapping_add(1);
                *now += FRAME;
            }
        };
    feed_digit(&mut s, &mut now, 101, 0x0E05_384E, 13280, DtmfDigit::D1);
    feed_digit(&mut s, &mut now, 101, 0x0E05_384E, 13280, DtmfDigit::D1);
    feed_digit(&mut s, &mut now, 96, 0x0102_0304, 500, DtmfDigit::D4);
    feed_digit(&mut s, &mut now, 96, 0x0102_0305, 900, DtmfDigit::Pound);
    let ev = events(&mut s);
    assert_eq!(digits(&ev), "114#");
    assert!(!ev.iter().any(|e| matches!(
        e,
        MediaEvent::Dtmf {
            source: DtmfSource::Inband,
            ..
        }
    )));
    let stats = s.stats();
    assert_eq!(
        stats.reorder.resyncs, 0,
        "telephone-events never reach the audio buffer"
    );
    assert_eq!(stats.reorder.late + stats.reorder.lost, 0);
    assert_eq!(stats.unknown_payload_type, 28);
}

#[test]
fn inband_digits_when_no_telephone_event_was_negotiated() {
    let mut pair = Pair::new(config(B, &[]), config(A, &[]));
    let mut keys = Vec::new();
    for c in "42".chars() {
        keys.extend(synth::dtmf(DtmfDigit::from_char(c).unwrap(), 6000.0, 100));
        keys.extend(synth::silence(100));
    }
    pair.a.play(PromptId(1), keys.into());
    pair.run(30);
    assert_eq!(digits(&pair.b_events), "42");
    assert!(pair.b_events.iter().all(|e| !matches!(
        e,
        MediaEvent::Dtmf {
            source: DtmfSource::Rfc4733,
            ..
        }
    )));
    // With telephone-event negotiated, Auto leaves the tones alone.
    let mut pair = Pair::new(config(B, &[101]), config(A, &[101]));
    pair.a
        .play(PromptId(1), synth::dtmf(DtmfDigit::D7, 6000.0, 200).into());
    pair.run(20);
    assert_eq!(digits(&pair.b_events), "");
}

#[test]
fn media_timeout_is_reported_once_per_silence() {
    let t0 = Instant::now();
    let mut s = MediaSession::new(
        t0,
        SessionConfig {
            media_timeout: Duration::from_secs(2),
            ..config(B, &[])
        },
    )
    .unwrap();
    s.handle_timeout(t0 + Duration::from_millis(1999));
    assert!(events(&mut s).is_empty());
    assert_eq!(s.poll_timeout(), t0);
    s.handle_timeout(t0 + Duration::from_secs(2));
    s.handle_timeout(t0 + Duration::from_secs(3));
    assert_eq!(events(&mut s), [MediaEvent::MediaTimeout]);
    let audio = RtpHeader {
        marker: false,
        payload_type: 0,
        sequence: 1,
        timestamp: 0,
        ssrc: 5,
    };
    s.handle_datagram(
        t0 + Duration::from_secs(4),
        addr(B),
        &audio.to_vec(&[0xFF; 160]),
    );
    s.handle_timeout(t0 + Duration::from_secs(6));
    assert_eq!(events(&mut s), [MediaEvent::MediaTimeout]);
}

#[test]
fn barge_in_stops_the_prompt() {
    let mut pair = Pair::new(config(B, &[101]), config(A, &[101]));
    pair.b
        .play(PromptId(1), synth::sine(440.0, 8000.0, 3000).into());
    pair.b
        .play(PromptId(2), synth::sine(440.0, 8000.0, 3000).into());
    pair.run(5);
    pair.a
        .send_dtmf(DtmfDigit::D9, Duration::from_millis(80))
        .unwrap();
    for _ in 0..20 {
        pair.run(1);
        if digits(&pair.b_events) == "9" && pair.b.is_playing() {
            pair.b.stop_playback();
        }
    }
    pair.b_events.extend(events(&mut pair.b));
    let finished: Vec<_> = pair
        .b_events
        .iter()
        .filter(|e| matches!(e, MediaEvent::PlaybackFinished { .. }))
        .collect();
    assert_eq!(
        finished,
        [
            &MediaEvent::PlaybackFinished {
                id: PromptId(1),
                end: PlaybackEnd::Stopped
            },
            &MediaEvent::PlaybackFinished {
                id: PromptId(2),
                end: PlaybackEnd::Stopped
            },
        ]
    );
}

#[test]
fn bridge_relays_audio_with_the_other_legs_headers() {
    // Caller -> leg A ==bridge==> leg C -> agent.
    let t0 = Instant::now();
    let mut leg_a = MediaSession::new(t0, config("127.0.0.1:6000", &[101])).unwrap();
    let mut leg_c = MediaSession::new(
        t0,
        SessionConfig {
            codec: Codec::Pcma,
            ssrc: 0xC,
            ..config("127.0.0.1:7000", &[101])
        },
    )
    .unwrap();
    leg_a.set_bridged(true);
    leg_c.set_bridged(true);
    let tone = synth::sine(500.0, 6000.0, 200);
    let mut now = t0;
    let mut heard = Vec::new();
    for (i, frame) in tone.chunks(160).enumerate() {
        let mut payload = Vec::new();
        Codec::Pcmu.encode(frame, &mut payload);
        let h = RtpHeader {
            marker: i == 0,
            payload_type: 0,
            sequence: 50 + i as u16,
            timestamp: 999 + 160 * i as u32,
            ssrc: 0xCA11,
        };
        leg_a.handle_datagram(now, addr("127.0.0.1:6000"), &h.to_vec(&payload));
        while let Some(f) = leg_a.poll_bridge_frame() {
            leg_c.push_bridge_frame(f);
        }
        while let Some(t) = leg_c.poll_transmit(now) {
            let rtp = parse(&t.payload).unwrap();
            assert_eq!((rtp.header.ssrc, rtp.header.payload_type), (0xC, 8));
            Codec::Pcma.decode(rtp.payload, &mut heard);
        }
        now += FRAME;
    }
    assert_eq!(audible_samples(&heard, 1000.0), 1600);
    leg_c.set_bridged(false);
    leg_c.push_bridge_frame(BridgeFrame {
        codec: Codec::Pcmu,
        payload: vec![0; 160],
    });
    let t = leg_c.poll_transmit(now).unwrap();
    assert!(
        parse(&t.payload)
            .unwrap()
            .payload
            .iter()
            .all(|&b| b == Codec::Pcma.silence())
    );
}

#[test]
fn bad_configuration_and_hostile_input() {
    let now = Instant::now();
    for pt in [0, 8, 72, 128] {
        assert_eq!(
            MediaSession::new(now, config(B, &[pt])).unwrap_err(),
            ConfigError::PayloadType(pt)
        );
    }
    let mut s = MediaSession::new(now, config(B, &[101])).unwrap();
    let short_event = RtpHeader {
        marker: true,
        payload_type: 101,
        sequence: 1,
        timestamp: 1,
        ssrc: 1,
    };
    s.handle_datagram(now, addr(A), &short_event.to_vec(&[1, 2]));
    s.handle_datagram(now, addr(A), &[0x81, 200, 0, 6, 0, 0, 0, 0]);
    let mut x = 12345u32;
    for len in 0..2000 {
        let data: Vec<u8> = (0..len % 300)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        s.handle_datagram(now, addr(A), &data);
    }
    let stats = s.stats();
    assert!(stats.rtcp >= 1);
    assert!(stats.malformed >= 1);
    let _ = TelephoneEvent::parse(&[]);
}
