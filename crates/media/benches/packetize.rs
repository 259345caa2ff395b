//! `cargo bench -p media`: nanoseconds per 20 ms packet for the hot paths, with a plain
//! timing loop (no benchmark framework). Not a test: it prints figures and asserts nothing.

use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use media::player::{Player, PlayerConfig, PromptId};
use media::{Codec, InbandDetector, MediaSession, SessionConfig, synth};

fn report(name: &str, packets: u64, elapsed: Duration) {
    let ns = elapsed.as_nanos() as f64 / packets as f64;
    println!("{name:<40} {ns:>9.1} ns/packet  ({packets} packets)");
}

fn main() {
    let prompt: Arc<[i16]> = synth::sine(440.0, 8000.0, 60_000).into();
    let frames = (prompt.len() / 160) as u64;

    for codec in [Codec::Pcmu, Codec::Pcma] {
        let mut player = Player::new(PlayerConfig::new(codec, 1, 2, 3));
        player.enqueue(PromptId(1), prompt.clone());
        let mut out = Vec::with_capacity(200);
        let start = Instant::now();
        for _ in 0..frames {
            out.clear();
            black_box(player.tick(&mut out));
        }
        report(
            &format!("player encode+packetize {codec:?}"),
            frames,
            start.elapsed(),
        );
    }

    // Receive path: parse, reorder, decode, record off, in-band off.
    let remote: SocketAddr = "127.0.0.1:9".parse().unwrap();
    let mut player = Player::new(PlayerConfig::new(Codec::Pcmu, 1, 2, 3));
    player.enqueue(PromptId(1), prompt.clone());
    let packets: Vec<Vec<u8>> = (0..frames)
        .map(|_| {
            let mut out = Vec::new();
            player.tick(&mut out);
            out
        })
        .collect();
    let t0 = Instant::now();
    for (name, te) in [
        ("session receive (in-band off)", vec![101]),
        ("session receive (in-band on)", vec![]),
    ] {
        let config = SessionConfig {
            telephone_event_pts: te,
            ..SessionConfig::new(Codec::Pcmu, Some(remote))
        };
        let mut session = MediaSession::new(t0, config).unwrap();
        let start = Instant::now();
        for p in &packets {
            session.handle_datagram(t0, remote, black_box(p));
            while let Some(e) = session.poll_event() {
                black_box(e);
            }
        }
        report(name, frames, start.elapsed());
    }

    let mut det = InbandDetector::new();
    let start = Instant::now();
    for frame in prompt.chunks(160) {
        det.push(black_box(frame));
    }
    report("in-band detector alone", frames, start.elapsed());
}
