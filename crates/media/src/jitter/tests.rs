use super::*;
use proptest::prelude::*;

fn packet(ssrc: u32, seq: u16) -> AudioPacket {
    AudioPacket {
        header: RtpHeader {
            marker: false,
            payload_type: 0,
            sequence: seq,
            timestamp: u32::from(seq) * 160,
            ssrc,
        },
        payload: vec![seq as u8],
    }
}

fn drain(buf: &mut ReorderBuffer) -> Vec<u16> {
    std::iter::from_fn(|| buf.pop())
        .map(|p| p.header.sequence)
        .collect()
}

#[test]
fn in_order_passes_straight_through() {
    let mut buf = ReorderBuffer::new(ReorderConfig::default());
    let now = Instant::now();
    for seq in [65534, 65535, 0, 1] {
        buf.push(now, packet(1, seq));
    }
    assert_eq!(drain(&mut buf), [65534, 65535, 0, 1]);
    assert_eq!(buf.stats().released, 4);
    assert_eq!(buf.poll_timeout(), None);
}

#[test]
fn swapped_packets_are_put_back_in_order() {
    let mut buf = ReorderBuffer::new(ReorderConfig::default());
    let now = Instant::now();
    for seq in [10, 12, 11, 13] {
        buf.push(now, packet(1, seq));
    }
    assert_eq!(drain(&mut buf), [10, 11, 12, 13]);
    assert_eq!(buf.stats().reordered, 1, "11 came after 12");
    assert_eq!(buf.stats().lost, 0);
}

#[test]
fn late_and_duplicate_packets_are_dropped_and_counted() {
    let mut buf = ReorderBuffer::new(ReorderConfig::default());
    let now = Instant::now();
    for seq in [5, 6, 7, 6, 4, 7] {
        buf.push(now, packet(1, seq));
    }
    assert_eq!(drain(&mut buf), [5, 6, 7]);
    assert_eq!(buf.stats().late, 3);
    // A duplicate of a held packet.
    buf.push(now, packet(1, 9));
    buf.push(now, packet(1, 9));
    assert_eq!(buf.stats().duplicates, 1);
}

#[test]
fn a_gap_is_given_up_at_the_depth_limit() {
    let mut buf = ReorderBuffer::new(ReorderConfig {
        depth: 3,
        max_wait: Duration::from_secs(9),
    });
    let now = Instant::now();
    buf.push(now, packet(1, 1));
    for seq in 3..=5 {
        buf.push(now, packet(1, seq));
    }
    assert_eq!(drain(&mut buf), [1], "three held, waiting for 2");
    buf.push(now, packet(1, 6));
    assert_eq!(drain(&mut buf), [3, 4, 5, 6]);
    assert_eq!(buf.stats().lost, 1);
    // 2 arriving now is late.
    buf.push(now, packet(1, 2));
    assert_eq!(buf.stats().late, 1);
}

#[test]
fn a_gap_is_given_up_after_the_wait() {
    let mut buf = ReorderBuffer::new(ReorderConfig::default());
    let t0 = Instant::now();
    buf.push(t0, packet(1, 1));
    buf.push(t0, packet(1, 3));
    assert_eq!(drain(&mut buf), [1]);
    let deadline = buf.poll_timeout().unwrap();
    buf.handle_timeout(deadline - Duration::from_millis(1));
    assert_eq!(drain(&mut buf), Vec::<u16>::new());
    buf.handle_timeout(deadline);
    assert_eq!(drain(&mut buf), [3]);
    assert_eq!(buf.stats().lost, 1);
}

#[test]
fn a_new_ssrc_or_a_big_jump_restarts() {
    let mut buf = ReorderBuffer::new(ReorderConfig::default());
    let now = Instant::now();
    buf.push(now, packet(1, 100));
    buf.push(now, packet(1, 102));
    buf.push(now, packet(2, 7));
    buf.push(now, packet(2, 8));
    assert_eq!(drain(&mut buf), [100, 102, 7, 8]);
    buf.push(now, packet(2, 30000));
    buf.push(now, packet(2, 30001));
    assert_eq!(drain(&mut buf), [30000, 30001]);
    assert_eq!(buf.stats().resyncs, 2);
    assert_eq!(buf.stats().lost, 0);
}

#[test]
fn sequence_numbers_used_by_events_are_not_gaps() {
    let mut buf = ReorderBuffer::new(ReorderConfig {
        depth: 2,
        max_wait: Duration::from_secs(9),
    });
    let now = Instant::now();
    buf.push(now, packet(1, 1));
    buf.push(now, packet(1, 4));
    buf.skip_sequence(now, 1, 3);
    buf.skip_sequence(now, 9, 2); // another stream: ignored
    buf.skip_sequence(now, 1, 2);
    buf.push(now, packet(1, 5));
    assert_eq!(drain(&mut buf), [1, 4, 5]);
    assert_eq!(buf.stats().lost, 0);
    assert_eq!(buf.stats().released, 3);
}

proptest! {
    /// Whatever the arrival order, packets come out strictly increasing (mod 2^16, within one
    /// stream), nothing is released twice, and every packet is accounted for.
    #[test]
    fn output_is_ordered_and_accounted(
        start: u16,
        order in proptest::collection::vec(0u16..40, 0..120),
    ) {
        let mut buf = ReorderBuffer::new(ReorderConfig::default());
        let t0 = Instant::now();
        let mut out = Vec::new();
        for (i, off) in order.iter().enumerate() {
            let now = t0 + Duration::from_millis(i as u64 * 5);
            buf.push(now, packet(1, start.wrapping_add(*off)));
            buf.handle_timeout(now);
            out.extend(drain(&mut buf));
        }
        buf.handle_timeout(t0 + Duration::from_secs(60));
        out.extend(drain(&mut buf));
        for w in out.windows(2) {
            let step = w[1].wrapping_sub(w[0]) as i16;
            prop_assert!(step > 0, "{} then {}", w[0], w[1]);
        }
        let s = buf.stats();
        prop_assert_eq!(s.received, order.len() as u64);
        prop_assert_eq!(s.released, out.len() as u64);
        prop_assert_eq!(s.received, s.released + s.late + s.duplicates);
    }
}
