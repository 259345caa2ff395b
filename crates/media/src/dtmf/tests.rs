use super::*;

fn header(marker: bool, sequence: u16, timestamp: u32, ssrc: u32) -> RtpHeader {
    RtpHeader {
        marker,
        payload_type: 101,
        sequence,
        timestamp,
        ssrc,
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A digit as SIPp's `dtmf_2833_N.pcap` holds it: 10 packets over 140 ms, marker on the first,
/// durations 0..2240, E bit on the last three (which share one sequence number).
fn pcap_digit(event: u8) -> Vec<(Duration, RtpHeader, [u8; 4])> {
    let mut packets = Vec::new();
    for i in 0..10u16 {
        let end = i >= 7;
        let duration = if end { 2240 } else { i * 320 };
        let seq = 7984 + i.min(7);
        let ev = TelephoneEvent {
            event,
            end,
            volume: 10,
            duration,
        };
        let at = ms(u64::from(i) * 140 / 9);
        packets.push((at, header(i == 0, seq, 13280, 0x0E05_384E), ev.to_bytes()));
    }
    packets
}

fn feed(
    rx: &mut DtmfReceiver,
    base: Instant,
    packets: &[(Duration, RtpHeader, [u8; 4])],
) -> Vec<char> {
    let mut got = Vec::new();
    for (at, h, payload) in packets {
        rx.handle_packet(base + *at, h, payload).unwrap();
        while let Some(d) = rx.poll_digit() {
            got.push(d.digit.as_char());
        }
    }
    got
}

fn shifted(
    packets: Vec<(Duration, RtpHeader, [u8; 4])>,
    by: Duration,
) -> Vec<(Duration, RtpHeader, [u8; 4])> {
    packets
        .into_iter()
        .map(|(at, h, p)| (at + by, h, p))
        .collect()
}

#[test]
fn digit_codes_and_characters() {
    let all: String = (0..16)
        .map(|c| DtmfDigit::from_event(c).unwrap().as_char())
        .collect();
    assert_eq!(all, "0123456789*#ABCD");
    assert_eq!(DtmfDigit::from_event(16), None);
    for c in all.chars() {
        let d = DtmfDigit::from_char(c).unwrap();
        assert_eq!(d.as_char(), c);
        assert_eq!(DtmfDigit::from_event(d.event()), Some(d));
        let (row, col) = keypad_position(d);
        assert_eq!(digit_at(row, col), d);
    }
    assert_eq!(DtmfDigit::from_char('a'), Some(DtmfDigit::A));
    assert_eq!(DtmfDigit::from_char('x'), None);
    assert_eq!(DtmfDigit::Pound.frequencies(), (941.0, 1477.0));
    assert_eq!(DtmfDigit::D1.to_string(), "1");
}

#[test]
fn payload_round_trip_and_short_payload() {
    let ev = TelephoneEvent {
        event: 11,
        end: true,
        volume: 10,
        duration: 2240,
    };
    assert_eq!(ev.to_bytes(), [11, 0x8A, 0x08, 0xC0]);
    assert_eq!(TelephoneEvent::parse(&ev.to_bytes()).unwrap(), ev);
    assert_eq!(
        TelephoneEvent::parse(&[1, 2, 3]),
        Err(TelephoneEventError(3))
    );
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    assert!(
        rx.handle_packet(Instant::now(), &header(true, 1, 1, 1), &[1])
            .is_err()
    );
    assert_eq!(rx.poll_digit(), None);
}

#[test]
fn encoder_sends_start_updates_and_three_ends() {
    let packets: Vec<_> = DtmfEncoder::new(DtmfDigit::Pound, ms(100), 10).collect();
    assert_eq!(packets.len(), 7);
    assert_eq!(
        DtmfEncoder::new(DtmfDigit::Pound, ms(100), 10).packet_count(),
        7
    );
    let events: Vec<_> = packets
        .iter()
        .map(|p| TelephoneEvent::parse(&p.payload).unwrap())
        .collect();
    assert!(packets[0].marker);
    assert!(packets[1..].iter().all(|p| !p.marker));
    let durations: Vec<u16> = events.iter().map(|e| e.duration).collect();
    assert_eq!(durations, [160, 320, 480, 640, 800, 800, 800]);
    let ends: Vec<bool> = events.iter().map(|e| e.end).collect();
    assert_eq!(ends, [false, false, false, false, true, true, true]);
    assert!(events.iter().all(|e| e.event == 11 && e.volume == 10));
    // Shortest: 40 ms.
    assert_eq!(DtmfEncoder::new(DtmfDigit::D1, ms(0), 10).count(), 4);
}

#[test]
fn one_key_press_with_retransmitted_ends_is_one_digit() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let got = feed(&mut rx, Instant::now(), &pcap_digit(1));
    assert_eq!(got, ['1']);
}

#[test]
fn end_report_carries_the_duration() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    for (at, h, p) in pcap_digit(5) {
        rx.handle_packet(base + at, &h, &p).unwrap();
    }
    let d = rx.poll_digit().unwrap();
    assert_eq!(d.digit, DtmfDigit::D5);
    assert_eq!(d.duration, ms(280));
    assert_eq!(d.ssrc, 0x0E05_384E);
    assert_eq!(rx.poll_digit(), None);
}

#[test]
fn start_mode_reports_at_the_first_packet() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig {
        report_at: ReportAt::Start,
        ..DtmfReceiverConfig::default()
    });
    let base = Instant::now();
    let packets = pcap_digit(9);
    rx.handle_packet(base, &packets[0].1, &packets[0].2)
        .unwrap();
    assert_eq!(rx.poll_digit().map(|d| d.digit), Some(DtmfDigit::D9));
    assert_eq!(feed(&mut rx, base, &packets[1..]), Vec::<char>::new());
}

#[test]
fn verbatim_replay_of_the_same_pcap_is_two_digits() {
    // SIPp plays dtmf_2833_1.pcap twice 400 ms apart: identical SSRC, seq and timestamp.
    let mut packets = pcap_digit(1);
    packets.extend(shifted(pcap_digit(1), ms(400)));
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    assert_eq!(feed(&mut rx, Instant::now(), &packets), ['1', '1']);
}

#[test]
fn back_to_back_replay_inside_the_window_is_two_digits_by_the_marker() {
    // The second copy starts 20 ms after the first one's last end packet.
    let mut packets = pcap_digit(1);
    packets.extend(shifted(pcap_digit(1), ms(160)));
    for config in [
        DtmfReceiverConfig::default(),
        DtmfReceiverConfig {
            report_at: ReportAt::Start,
            ..DtmfReceiverConfig::default()
        },
    ] {
        let mut rx = DtmfReceiver::new(config);
        assert_eq!(
            feed(&mut rx, Instant::now(), &packets),
            ['1', '1'],
            "{config:?}"
        );
    }
}

#[test]
fn late_end_retransmission_within_the_window_is_not_a_digit() {
    // An end packet re-sent 200 ms after the last one is still the same key press.
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    let packets = pcap_digit(3);
    assert_eq!(feed(&mut rx, base, &packets), ['3']);
    let (_, h, p) = packets[9];
    rx.handle_packet(base + ms(140 + 200), &h, &p).unwrap();
    assert_eq!(rx.poll_digit(), None, "within the window: a retransmission");
}

#[test]
fn same_digit_twice_with_new_timestamps_is_two_digits() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    let mut t = base;
    let mut seq = 100;
    for (n, ts) in [(0, 8000u32), (1, 9600)] {
        for p in DtmfEncoder::new(DtmfDigit::D1, ms(60), 10) {
            rx.handle_packet(t, &header(p.marker, seq, ts, 42), &p.payload)
                .unwrap();
            seq += 1;
            t += ms(20);
        }
        assert_eq!(
            rx.poll_digit().map(|d| d.digit),
            Some(DtmfDigit::D1),
            "press {n}"
        );
        assert_eq!(rx.poll_digit(), None);
        t += ms(20);
    }
}

#[test]
fn lost_end_packets_are_reported_after_the_window() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    let packets = pcap_digit(7);
    assert_eq!(feed(&mut rx, base, &packets[..7]), Vec::<char>::new());
    let deadline = rx
        .poll_timeout()
        .expect("an unreported event waits for its end");
    rx.handle_timeout(deadline);
    assert_eq!(rx.poll_digit(), None, "not yet: the window is inclusive");
    rx.handle_timeout(deadline + ms(1));
    assert_eq!(rx.poll_digit().map(|d| d.digit), Some(DtmfDigit::D7));
    assert_eq!(rx.poll_timeout(), None);
}

#[test]
fn a_new_event_ends_the_previous_one() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    let first = pcap_digit(2);
    let mut second = shifted(pcap_digit(4), ms(100));
    for (_, h, _) in &mut second {
        h.timestamp = 20000;
    }
    let mut packets = first[..5].to_vec();
    packets.extend(second);
    assert_eq!(feed(&mut rx, base, &packets), ['2', '4']);
}

#[test]
fn non_dtmf_events_are_ignored() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    for i in 0..5u16 {
        let ev = TelephoneEvent {
            event: 16,
            end: i >= 2,
            volume: 10,
            duration: 160 * (i + 1),
        };
        rx.handle_packet(
            base + ms(u64::from(i) * 20),
            &header(i == 0, i, 5, 9),
            &ev.to_bytes(),
        )
        .unwrap();
    }
    rx.handle_timeout(base + ms(2000));
    assert_eq!(rx.poll_digit(), None);
}

#[test]
fn different_ssrc_same_timestamp_is_another_event() {
    let mut rx = DtmfReceiver::new(DtmfReceiverConfig::default());
    let base = Instant::now();
    let mut packets = pcap_digit(0);
    let mut other = shifted(pcap_digit(0), ms(150));
    for (_, h, _) in &mut other {
        h.ssrc = 0x0102_0304;
        h.marker = false;
    }
    packets.extend(other);
    assert_eq!(feed(&mut rx, base, &packets), ['0', '0']);
}
