//! Bad input over SIP against the real server: the malformed corpus
//! (`tests/it/data/sip-malformed/`, expectations in its `MANIFEST`) over UDP and TCP while a
//! SIPp self-service call is in progress. Needs `sipp` like the other SIP tests.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::timeout;

use crate::sip::{Server, contact_from_the_end, demo_data, run_sipp, scenario, sipp};

/// A bound on every wait: a hang fails the test instead of blocking it.
const GUARD: Duration = Duration::from_secs(20);

/// Panics anywhere in this test's process (the server runs in it).
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        previous(info);
    }));
}

/// What a corpus message must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Status(u16),
    Silent,
    Close,
    NotSent,
}

impl Expect {
    fn parse(word: &str) -> Expect {
        match word {
            "silent" => Expect::Silent,
            "close" => Expect::Close,
            "-" => Expect::NotSent,
            code => Expect::Status(code.parse().expect("a status in the MANIFEST")),
        }
    }
}

struct Case {
    file: String,
    data: Vec<u8>,
    udp: Expect,
    tcp: Expect,
}

fn corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/sip-malformed");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST")).unwrap();
    let cases: Vec<Case> = manifest
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut words = line.split_whitespace();
            let file = words.next().unwrap().to_owned();
            let udp = Expect::parse(words.next().unwrap());
            let tcp = Expect::parse(words.next().unwrap());
            let data = std::fs::read(dir.join(&file)).unwrap();
            Case {
                file,
                data,
                udp,
                tcp,
            }
        })
        .collect();
    // Every file in the folder is in the MANIFEST.
    let files = std::fs::read_dir(&dir).unwrap().count() - 1;
    assert_eq!(files, cases.len(), "files without a MANIFEST line");
    cases
}

/// An OPTIONS whose answer shows the server has read everything sent before it.
fn probe(n: usize, transport: &str, local: SocketAddr) -> String {
    format!(
        "OPTIONS sip:803164@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} {local};rport;branch=z9hG4bKprobe{n}\r\n\
         Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p{n}\r\nTo: <sip:803164@127.0.0.1>\r\n\
         Call-ID: probe-{n}@test\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
    )
}

/// The status code of a SIP response, if it is one (CRLF keep-alive pongs are not).
fn status_of(message: &str) -> Option<u16> {
    message.strip_prefix("SIP/2.0 ")?.get(..3)?.parse().ok()
}

fn is_probe(message: &str, n: usize) -> bool {
    message.contains(&format!("probe-{n}@test"))
}

/// Sends one corpus message over UDP and checks what comes back.
async fn over_udp(server: SocketAddr, n: usize, case: &Case) {
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    socket.send_to(&case.data, server).await.unwrap();
    let probe = probe(n, "UDP", socket.local_addr().unwrap());
    socket.send_to(probe.as_bytes(), server).await.unwrap();
    let mut buf = vec![0u8; 65536];
    let (mut answer, mut probed) = (None, false);
    // Until the probe is answered and, when one is expected, the message too.
    while !probed || (matches!(case.udp, Expect::Status(_)) && answer.is_none()) {
        let n_read = timeout(GUARD, socket.recv(&mut buf))
            .await
            .unwrap_or_else(|_| panic!("{}: nothing within the guard over UDP", case.file))
            .unwrap();
        let text = String::from_utf8_lossy(&buf[..n_read]).into_owned();
        if is_probe(&text, n) {
            probed = true;
            continue;
        }
        match status_of(&text) {
            Some(code) if code >= 200 && answer.is_none() => {
                assert!(
                    !(probed && case.udp == Expect::Silent),
                    "{}: answered over UDP after the probe: {text}",
                    case.file
                );
                answer = Some(code);
            }
            _ => {}
        }
        if case.udp == Expect::Silent {
            assert_eq!(answer, None, "{}: answered over UDP:\n{text}", case.file);
        }
    }
    match case.udp {
        Expect::Status(code) => assert_eq!(answer, Some(code), "{} over UDP", case.file),
        Expect::Silent => assert_eq!(answer, None, "{} over UDP", case.file),
        Expect::Close | Expect::NotSent => {}
    }
}

/// Reads SIP messages from a stream: each complete message (by Content-Length) in order;
/// `None` at the end of the stream.
struct Reader {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Reader {
    async fn next(&mut self, file: &str) -> Option<String> {
        loop {
            // Keep-alive pongs are not messages.
            while self.buffer.starts_with(b"\r\n") {
                self.buffer.drain(..2);
            }
            if let Some(end) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        let (name, value) = l.split_once(':')?;
                        (name.eq_ignore_ascii_case("content-length")
                            || name.eq_ignore_ascii_case("l"))
                        .then(|| value.trim().parse().ok())?
                    })
                    .unwrap_or(0);
                if self.buffer.len() >= end + 4 + length {
                    let message: Vec<u8> = self.buffer.drain(..end + 4 + length).collect();
                    return Some(String::from_utf8_lossy(&message).into_owned());
                }
            }
            let mut chunk = [0u8; 8192];
            let n = timeout(GUARD, self.stream.read(&mut chunk))
                .await
                .unwrap_or_else(|_| panic!("{file}: nothing within the guard over TCP"))
                .unwrap_or(0);
            if n == 0 {
                return None;
            }
            self.buffer.extend_from_slice(&chunk[..n]);
        }
    }

    /// The next final response (1xx skipped); `None` if the stream ends first.
    async fn final_status(&mut self, file: &str) -> Option<(u16, String)> {
        while let Some(message) = self.next(file).await {
            match status_of(&message) {
                Some(code) if code >= 200 => return Some((code, message)),
                _ => {}
            }
        }
        None
    }
}

async fn connect(server: SocketAddr) -> TcpStream {
    // The TCP listener starts with the endpoint, a moment after the UDP socket.
    timeout(GUARD, async {
        loop {
            if let Ok(stream) = TcpStream::connect(server).await {
                return stream;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the TCP listener accepts")
}

/// Sends one corpus message on a fresh TCP connection and checks what comes back.
async fn over_tcp(server: SocketAddr, n: usize, case: &Case) {
    if case.tcp == Expect::NotSent {
        return;
    }
    let mut stream = connect(server).await;
    let local = stream.local_addr().unwrap();
    stream.write_all(&case.data).await.unwrap();
    match case.tcp {
        Expect::Status(code) => {
            let mut reader = Reader {
                stream,
                buffer: Vec::new(),
            };
            let answer = reader.final_status(&case.file).await;
            assert_eq!(
                answer.as_ref().map(|(c, _)| *c),
                Some(code),
                "{} over TCP: {answer:?}",
                case.file
            );
        }
        Expect::Close => {
            stream.shutdown().await.unwrap();
            let mut reader = Reader {
                stream,
                buffer: Vec::new(),
            };
            let answer = reader.final_status(&case.file).await;
            assert_eq!(answer, None, "{}: answered over TCP", case.file);
        }
        Expect::Silent => {
            stream
                .write_all(probe(n, "TCP", local).as_bytes())
                .await
                .unwrap();
            let mut reader = Reader {
                stream,
                buffer: Vec::new(),
            };
            let (code, message) = reader
                .final_status(&case.file)
                .await
                .unwrap_or_else(|| panic!("{}: the TCP connection closed", case.file));
            assert!(
                is_probe(&message, n),
                "{}: answered {code} over TCP:\n{message}",
                case.file
            );
        }
        Expect::NotSent => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_malformed_corpus_is_answered_or_dropped_over_udp_and_tcp_while_calls_go_on() {
    let Some(sipp) = sipp() else { return };
    count_panics();
    let cases = corpus();
    let data = demo_data();
    let server = Server::start(data.path()).await;

    // A self-service call in progress during the barrage.
    let in_progress = {
        let (sipp, sip) = (sipp.clone(), server.sip);
        tokio::spawn(async move {
            run_sipp(
                &sipp,
                sip,
                &scenario("self_service_pcap.xml"),
                "803164",
                false,
            )
            .await
        })
    };
    timeout(GUARD, async {
        while server.monitor.stats().active_calls == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the SIPp call is set up");

    for (n, case) in cases.iter().enumerate() {
        over_udp(server.sip, n, case).await;
        over_tcp(server.sip, n, case).await;
    }
    let guard_answers = cases
        .iter()
        .flat_map(|c| [c.udp, c.tcp])
        .filter(|e| matches!(e, Expect::Status(400 | 416 | 501 | 505 | 513)))
        .count();
    assert_eq!(
        server.monitor.stats().malformed_answered,
        guard_answers as u64,
        "every 400/416/501/505/513 came from the guard"
    );

    let (status, output) = in_progress.await.unwrap();
    assert_eq!(status, 0, "the call in progress completes:\n{output}");
    let (status, output) = run_sipp(
        &sipp,
        server.sip,
        &scenario("answer_and_hang_up.xml"),
        "803164",
        false,
    )
    .await;
    assert_eq!(status, 0, "a call after the barrage:\n{output}");
    timeout(GUARD, async {
        while server.monitor.stats().active_calls > 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("no call is left over");
    server.stop().await;

    // The call after the barrage was recorded last; the one in progress before it.
    let (contact, _) = contact_from_the_end(data.path(), 1).await;
    assert_eq!(
        contact.service_kind,
        Some(store::surveys::ServiceKind::Automated),
        "the call in progress reached its self-service result"
    );
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "nothing panicked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sipp_caller_who_never_acks_gets_the_200_again_then_a_bye_and_no_call_leaks() {
    let Some(sipp) = sipp() else { return };
    count_panics();
    let data = tempfile::tempdir().unwrap();
    // T1 = 100 ms: the BYE comes 6.4 s after the 200 OK instead of 32 s.
    let server = Server::start_with(data.path(), |options| {
        options.t1 = Duration::from_millis(100);
    })
    .await;
    let (status, output) = run_sipp(
        &sipp,
        server.sip,
        &scenario("never_ack.xml"),
        "803164",
        false,
    )
    .await;
    assert_eq!(status, 0, "a BYE after the 200 OK:\n{output}");
    // SIPp's final screen: `200 <----------  messages  retransmissions  timeouts  unexpected`.
    let retransmitted: u32 = output
        .lines()
        .find_map(|l| l.trim().strip_prefix("200 <----------"))
        .and_then(|counts| counts.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or_else(|| panic!("SIPp's message table:\n{output}"));
    assert!(
        retransmitted >= 2,
        "the 200 OK was retransmitted:\n{output}"
    );
    timeout(GUARD, async {
        while server.monitor.stats().active_calls > 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("no call is left over");
    // The server still takes calls.
    let (status, output) = run_sipp(
        &sipp,
        server.sip,
        &scenario("answer_and_hang_up.xml"),
        "803164",
        false,
    )
    .await;
    assert_eq!(status, 0, "a call afterwards:\n{output}");
    server.stop().await;
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "nothing panicked");
}

/// A call placed by hand over UDP, to watch the RTP the server sends it.
struct RawCall {
    sip: UdpSocket,
    rtp: std::sync::Arc<UdpSocket>,
    server: SocketAddr,
    to_tag: String,
}

impl RawCall {
    fn request(&self, method: &str, cseq: u32, to_tag: &str, body: &str) -> String {
        let local = self.sip.local_addr().unwrap();
        let server = self.server;
        let to_tag = if to_tag.is_empty() {
            String::new()
        } else {
            format!(";tag={to_tag}")
        };
        let content_type = if body.is_empty() {
            ""
        } else {
            "Content-Type: application/sdp\r\n"
        };
        format!(
            "{method} sip:803164@{server} SIP/2.0\r\nVia: SIP/2.0/UDP {local};rport;branch=z9hG4bKraw{method}{cseq}\r\n\
             Max-Forwards: 70\r\nFrom: <sip:raw@{local}>;tag=raw1\r\nTo: <sip:803164@{server}>{to_tag}\r\n\
             Call-ID: raw-call@test\r\nCSeq: {cseq} {method}\r\nContact: <sip:raw@{local}>\r\n\
             {content_type}Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
    }

    /// INVITE → 200 → ACK.
    async fn place(server: SocketAddr) -> RawCall {
        let sip = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let rtp = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let mut call = RawCall {
            sip,
            rtp: std::sync::Arc::new(rtp),
            server,
            to_tag: String::new(),
        };
        let offer = format!(
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
             m=audio {} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n",
            call.rtp.local_addr().unwrap().port()
        );
        let invite = call.request("INVITE", 1, "", &offer);
        call.sip.send_to(invite.as_bytes(), server).await.unwrap();
        let mut buf = vec![0u8; 8192];
        let answer = loop {
            let n = timeout(GUARD, call.sip.recv(&mut buf))
                .await
                .expect("an answer to the INVITE")
                .unwrap();
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            if status_of(&text).is_some_and(|c| c >= 200) {
                break text;
            }
        };
        assert_eq!(status_of(&answer), Some(200), "{answer}");
        call.to_tag = answer
            .lines()
            .find(|l| l.starts_with("To:"))
            .and_then(|l| l.split_once(";tag="))
            .map(|(_, t)| t.trim().to_owned())
            .expect("a To tag");
        let ack = call.request("ACK", 1, &call.to_tag, "");
        call.sip.send_to(ack.as_bytes(), server).await.unwrap();
        call
    }

    /// BYE → 200.
    async fn hang_up(&self) {
        let bye = self.request("BYE", 2, &self.to_tag, "");
        self.sip.send_to(bye.as_bytes(), self.server).await.unwrap();
        let mut buf = vec![0u8; 8192];
        loop {
            let n = timeout(GUARD, self.sip.recv(&mut buf))
                .await
                .expect("an answer to the BYE")
                .unwrap();
            let text = String::from_utf8_lossy(&buf[..n]);
            if text.contains("CSeq: 2 BYE") && status_of(&text) == Some(200) {
                return;
            }
        }
    }
}

/// The sequence number, timestamp and SSRC of each RTP packet received until `stop`.
async fn collect_rtp(
    rtp: std::sync::Arc<UdpSocket>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) -> Vec<(u16, u32, u32)> {
    let mut packets = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        tokio::select! {
            _ = &mut stop => return packets,
            received = rtp.recv(&mut buf) => {
                let n = received.unwrap();
                if n >= 12 {
                    let seq = u16::from_be_bytes([buf[2], buf[3]]);
                    let ts = u32::from_be_bytes([buf[4], buf[5], buf[6], buf[7]]);
                    let ssrc = u32::from_be_bytes([buf[8], buf[9], buf[10], buf[11]]);
                    packets.push((seq, ts, ssrc));
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_invites_beyond_the_setup_rate_gets_503_and_a_call_in_progress_keeps_its_audio()
{
    let Some(sipp) = sipp() else { return };
    count_panics();
    let data = demo_data();
    let server = Server::start_with(data.path(), |options| {
        options.max_setup_rate = Some(centralino::RateLimit {
            per_second: 2,
            burst: 2,
        });
    })
    .await;
    let call = RawCall::place(server.sip).await;
    let (stop, stopped) = tokio::sync::oneshot::channel();
    let listening = tokio::spawn(collect_rtp(std::sync::Arc::clone(&call.rtp), stopped));

    // 60 INVITEs at 50 a second against 2 a second (SIPp's -r): most get 503.
    let (status, output) = crate::sip::run_sipp_with(
        &sipp,
        server.sip,
        &scenario("flood.xml"),
        "803164",
        false,
        &["-r", "50", "-m", "60", "-l", "60"],
    )
    .await;
    let _ = stop.send(());
    let packets = listening.await.unwrap();
    assert_eq!(status, 0, "every call answered or refused:\n{output}");
    // SIPp's final screen: `503 <----------  messages  retransmissions …`.
    let count = |line: &str| -> u64 {
        output
            .lines()
            .find_map(|l| l.trim().strip_prefix(line))
            .and_then(|counts| counts.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("SIPp's message table:\n{output}"))
    };
    let (refused, answered) = (count("503 <----------"), count("BYE ---------->"));
    assert!(refused > 0, "some INVITEs got 503:\n{output}");
    assert!(answered > 0, "some INVITEs were answered:\n{output}");
    assert_eq!(refused + answered, 60, "{output}");
    assert_eq!(server.monitor.stats().refused_rate, refused);

    // The call in progress heard an unbroken stream: one SSRC, every sequence number, and
    // timestamps 160 apart (a skipped frame would jump the timestamp).
    assert!(
        packets.len() > 10,
        "RTP during the flood: {}",
        packets.len()
    );
    for pair in packets.windows(2) {
        let ((seq0, ts0, ssrc0), (seq1, ts1, ssrc1)) = (pair[0], pair[1]);
        assert_eq!(ssrc0, ssrc1);
        assert_eq!(seq1, seq0.wrapping_add(1), "a lost or reordered packet");
        assert_eq!(ts1, ts0.wrapping_add(160), "a gap in the audio");
    }

    call.hang_up().await;
    timeout(GUARD, async {
        while server.monitor.stats().active_calls > 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("no call is left over");
    server.stop().await;
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "nothing panicked");
}
