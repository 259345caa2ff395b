//! Two sans-IO sessions over real UDP sockets, stepped on a fake clock: every packet one sends
//! is received by the other before the next step, so nothing depends on wall-clock timing
//! (the socket read timeout is only a hang guard).

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use media::recorder::{audible_samples, rms};
use media::{
    Codec, DtmfDigit, DtmfSource, MediaEvent, MediaSession, PlaybackEnd, PromptId, SessionConfig,
    synth,
};

struct Leg {
    socket: UdpSocket,
    session: MediaSession,
    events: Vec<MediaEvent>,
}

impl Leg {
    /// Sends what is due; returns how many packets went out.
    fn transmit(&mut self, now: Instant) -> usize {
        let mut n = 0;
        while let Some(t) = self.session.poll_transmit(now) {
            self.socket.send_to(&t.payload, t.destination).unwrap();
            n += 1;
        }
        n
    }

    /// Receives exactly `n` datagrams (blocking; the timeout is a hang guard).
    fn receive(&mut self, now: Instant, n: usize) {
        let mut buf = [0u8; 2048];
        for _ in 0..n {
            let (len, from) = self
                .socket
                .recv_from(&mut buf)
                .expect("a datagram within the guard");
            self.session.handle_datagram(now, from, &buf[..len]);
        }
        self.session.handle_timeout(now);
        self.events
            .extend(std::iter::from_fn(|| self.session.poll_event()));
    }
}

fn leg(now: Instant, socket: UdpSocket, remote: std::net::SocketAddr, ssrc: u32) -> Leg {
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let config = SessionConfig {
        telephone_event_pts: vec![101],
        record: Some(Duration::from_secs(10)),
        ssrc,
        initial_sequence: 65500,
        initial_timestamp: 123_456,
        ..SessionConfig::new(Codec::Pcmu, Some(remote))
    };
    Leg {
        socket,
        session: MediaSession::new(now, config).unwrap(),
        events: Vec::new(),
    }
}

#[test]
fn prompt_and_rfc4733_digits_over_udp() {
    let sa = UdpSocket::bind("127.0.0.1:0").unwrap();
    let sb = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (addr_a, addr_b) = (sa.local_addr().unwrap(), sb.local_addr().unwrap());
    let mut now = Instant::now();
    let mut a = leg(now, sa, addr_b, 0xAAAA);
    let mut b = leg(now, sb, addr_a, 0xBBBB);

    // A plays 1.2 s of a 440 Hz tone; when it ends, A keys "1", "1", "#".
    a.session
        .play(PromptId(1), synth::sine(440.0, 8000.0, 1200).into());
    let mut keyed = false;
    for _ in 0..200 {
        let to_b = a.transmit(now);
        let to_a = b.transmit(now);
        b.receive(now, to_b);
        a.receive(now, to_a);
        if !keyed
            && a.events
                .iter()
                .any(|e| matches!(e, MediaEvent::PlaybackFinished { .. }))
        {
            for key in ['1', '1', '#'] {
                let digit = DtmfDigit::from_char(key).unwrap();
                a.session
                    .send_dtmf(digit, Duration::from_millis(120))
                    .unwrap();
            }
            keyed = true;
        }
        now += Duration::from_millis(20);
    }

    assert_eq!(
        a.events
            .iter()
            .filter(|e| matches!(e, MediaEvent::PlaybackFinished { .. }))
            .collect::<Vec<_>>(),
        [&MediaEvent::PlaybackFinished {
            id: PromptId(1),
            end: PlaybackEnd::Completed
        }]
    );
    let digits: String = b
        .events
        .iter()
        .filter_map(|e| match e {
            MediaEvent::Dtmf { digit, source } => {
                assert_eq!(*source, DtmfSource::Rfc4733);
                Some(digit.as_char())
            }
            _ => None,
        })
        .collect();
    assert_eq!(digits, "11#", "each key once, retransmitted ends ignored");

    // B heard the tone: 1.2 s of non-silent audio at about the tone's level, nothing more
    // (the rest was comfort silence and the DTMF pause).
    let heard = b.session.take_recording();
    assert_eq!(audible_samples(&heard, 1000.0), 9600);
    let start = heard.iter().position(|&s| s.unsigned_abs() > 100).unwrap();
    let level = rms(&heard[start..start + 9600]);
    assert!((level - 8000.0 / 2f64.sqrt()).abs() < 200.0, "rms {level}");
    // 200 ticks of 20 ms from A, events included, with nothing lost or reordered.
    let stats = b.session.stats();
    assert_eq!(
        (stats.reorder.lost, stats.reorder.late, stats.malformed),
        (0, 0, 0)
    );
    assert_eq!(stats.received, 200);
    assert_eq!(stats.telephone_events, 3 * 8);
    // A heard B's comfort silence only.
    assert_eq!(audible_samples(&a.session.take_recording(), 10.0), 0);
}
