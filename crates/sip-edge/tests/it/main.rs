//! The edge over real sockets with a hand-written UAC on UDP: answers, media, DTMF, hang-ups,
//! rejections and bad input. (Calls from SIPp into the IVR are the binary's tests.)

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use sip_edge::{CallEvent, DtmfVia, IncomingCalls, SipConfig, SipEdge};
use tokio::net::UdpSocket;
use tokio::time::timeout;

/// A bound on every wait: a hang fails the test instead of blocking it.
const GUARD: Duration = Duration::from_secs(10);

async fn start(max_calls: usize) -> (SipEdge, IncomingCalls) {
    start_with(SipConfig {
        max_calls,
        ..SipConfig::default()
    })
    .await
}

async fn start_with(config: SipConfig) -> (SipEdge, IncomingCalls) {
    let config = SipConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        ..config
    };
    SipEdge::start(config, |dialled| dialled == "803164")
        .await
        .expect("the edge starts")
}

/// A minimal UAC: one SIP socket, one RTP socket.
struct Uac {
    sip: UdpSocket,
    rtp: UdpSocket,
    server: SocketAddr,
    call_id: String,
    to_tag: Option<String>,
}

impl Uac {
    async fn new(server: SocketAddr, call_id: &str) -> Uac {
        Uac {
            sip: UdpSocket::bind("127.0.0.1:0").await.unwrap(),
            rtp: UdpSocket::bind("127.0.0.1:0").await.unwrap(),
            server,
            call_id: call_id.to_owned(),
            to_tag: None,
        }
    }

    fn via(&self, branch: &str) -> String {
        format!(
            "Via: SIP/2.0/UDP {};branch=z9hG4bK{branch}\r\n",
            self.sip.local_addr().unwrap()
        )
    }

    fn request(&self, method: &str, number: &str, cseq: u32, branch: &str, body: &str) -> String {
        let local = self.sip.local_addr().unwrap();
        let to_tag = self
            .to_tag
            .as_ref()
            .map(|t| format!(";tag={t}"))
            .unwrap_or_default();
        let content_type = if body.is_empty() {
            String::new()
        } else {
            "Content-Type: application/sdp\r\n".to_owned()
        };
        format!(
            "{method} sip:{number}@{server} SIP/2.0\r\n{via}Max-Forwards: 70\r\n\
             From: <sip:tester@{local}>;tag=uac1\r\nTo: <sip:{number}@{server}>{to_tag}\r\n\
             Call-ID: {call_id}\r\nCSeq: {cseq} {cseq_method}\r\nContact: <sip:tester@{local}>\r\n\
             {content_type}Content-Length: {len}\r\n\r\n{body}",
            server = self.server,
            via = self.via(branch),
            call_id = self.call_id,
            cseq_method = if method == "ACK" { "INVITE" } else { method },
            len = body.len(),
        )
    }

    fn offer(&self) -> String {
        let rtp = self.rtp.local_addr().unwrap();
        format!(
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
             m=audio {} RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n",
            rtp.port()
        )
    }

    async fn send(&self, text: &str) {
        self.sip
            .send_to(text.as_bytes(), self.server)
            .await
            .unwrap();
    }

    /// The next response's status code and text.
    async fn response(&mut self) -> (u16, String) {
        let mut buf = vec![0u8; 65536];
        let n = timeout(GUARD, self.sip.recv(&mut buf))
            .await
            .expect("a response in time")
            .unwrap();
        let text = String::from_utf8_lossy(&buf[..n]).into_owned();
        if text.starts_with("SIP/2.0 ") {
            let code = text[8..11].parse().unwrap();
            if let Some(to) = text.lines().find(|l| l.starts_with("To:"))
                && let Some((_, tag)) = to.split_once(";tag=")
            {
                self.to_tag = Some(tag.trim().to_owned());
            }
            (code, text)
        } else {
            // A request from the server (BYE): answer it and report it as code 0.
            let mut reply = String::from("SIP/2.0 200 OK\r\n");
            for line in text.lines() {
                if ["Via:", "From:", "To:", "Call-ID:", "CSeq:"]
                    .iter()
                    .any(|h| line.starts_with(h))
                {
                    reply.push_str(line);
                    reply.push_str("\r\n");
                }
            }
            reply.push_str("Content-Length: 0\r\n\r\n");
            self.send(&reply).await;
            (0, text)
        }
    }

    /// Responses until a final one.
    async fn final_response(&mut self) -> (u16, String) {
        loop {
            let (code, text) = self.response().await;
            if code >= 200 {
                return (code, text);
            }
        }
    }

    /// INVITE → 200 → ACK; the server's RTP address from the answer.
    async fn call(&mut self, number: &str) -> SocketAddr {
        let invite = self.request("INVITE", number, 1, "inv1", &self.offer());
        self.send(&invite).await;
        let (code, text) = self.final_response().await;
        assert_eq!(code, 200, "{text}");
        let ack = self.request("ACK", number, 1, "ack1", "");
        self.send(&ack).await;
        let port = text
            .lines()
            .find_map(|l| l.strip_prefix("m=audio "))
            .and_then(|rest| rest.split(' ').next())
            .and_then(|p| p.parse::<u16>().ok())
            .expect("an m=audio line in the answer");
        assert!(text.contains("a=rtpmap:101 telephone-event/8000"), "{text}");
        assert!(
            text.contains("RTP/AVP 8 101"),
            "PCMA first, as offered: {text}"
        );
        SocketAddr::from(([127, 0, 0, 1], port))
    }

    /// One RFC 4733 key press: start, continuation, three end packets.
    async fn press(&self, to: SocketAddr, event: u8, seq: &mut u16, ts: u32) {
        for (i, (end, duration)) in [
            (false, 160u16),
            (false, 320),
            (true, 480),
            (true, 480),
            (true, 480),
        ]
        .into_iter()
        .enumerate()
        {
            let mut packet = vec![0x80, if i == 0 { 0x80 | 101 } else { 101 }];
            packet.extend_from_slice(&seq.to_be_bytes());
            packet.extend_from_slice(&ts.to_be_bytes());
            packet.extend_from_slice(&0x1234_5678u32.to_be_bytes());
            packet.extend_from_slice(&[event, if end { 0x80 | 10 } else { 10 }]);
            packet.extend_from_slice(&duration.to_be_bytes());
            self.rtp.send_to(&packet, to).await.unwrap();
            *seq = seq.wrapping_add(1);
        }
    }
}

async fn next_call(calls: &mut IncomingCalls) -> sip_edge::SipCall {
    timeout(GUARD, calls.next())
        .await
        .expect("a call in time")
        .expect("the edge runs")
}

async fn next_event(call: &mut sip_edge::SipCall) -> CallEvent {
    timeout(GUARD, call.next_event())
        .await
        .expect("an event in time")
        .expect("the call runs")
}

#[tokio::test]
async fn a_call_hears_prompts_keys_reach_the_host_and_the_caller_hangs_up() {
    let (edge, mut calls) = start(10).await;
    let mut uac = Uac::new(edge.local_addr(), "call-1@test").await;
    let rtp_to = uac.call("803164").await;
    let mut call = next_call(&mut calls).await;
    assert_eq!(call.dialled(), "803164");
    assert_eq!(call.caller(), "tester");

    // A 100 ms prompt arrives as PCMA RTP, five 20 ms packets of 160 bytes.
    let prompt: Arc<[i16]> = (0..800).map(|i| ((i % 40) as i16 - 20) * 800).collect();
    call.play(7, prompt);
    let mut buf = [0u8; 2048];
    let mut audio = 0;
    while audio < 5 {
        let n = timeout(GUARD, uac.rtp.recv(&mut buf))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 12 + 160);
        assert_eq!(buf[1] & 0x7f, 8, "PCMA");
        if buf[12..n].iter().any(|&b| b != 0xD5) {
            audio += 1;
        }
    }
    assert_eq!(
        next_event(&mut call).await,
        CallEvent::PlaybackFinished {
            id: 7,
            completed: true
        }
    );

    // Keys "1", "1", "#": the same key twice is two presses.
    let mut seq = 100;
    for (event, ts) in [(1u8, 1000u32), (1, 2000), (11, 3000)] {
        uac.press(rtp_to, event, &mut seq, ts).await;
    }
    let mut keys = String::new();
    while keys.len() < 3 {
        match next_event(&mut call).await {
            CallEvent::Dtmf { digit, via } => {
                assert_eq!(via, DtmfVia::Rfc4733);
                keys.push(digit);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(keys, "11#");

    // SIP INFO carries a key too.
    let info_body = "Signal=5\r\nDuration=160\r\n";
    let info = uac
        .request("INFO", "803164", 2, "info1", info_body)
        .replace("application/sdp", "application/dtmf-relay");
    uac.send(&info).await;
    assert_eq!(uac.final_response().await.0, 200);
    assert_eq!(
        next_event(&mut call).await,
        CallEvent::Dtmf {
            digit: '5',
            via: DtmfVia::Info
        }
    );

    let bye = uac.request("BYE", "803164", 3, "bye1", "");
    uac.send(&bye).await;
    assert_eq!(uac.final_response().await.0, 200);
    assert_eq!(next_event(&mut call).await, CallEvent::HungUp);
    assert_eq!(timeout(GUARD, call.next_event()).await.unwrap(), None);
    edge.shutdown().await;
}

#[tokio::test]
async fn the_host_hangs_up_with_a_bye() {
    let (edge, mut calls) = start(10).await;
    let mut uac = Uac::new(edge.local_addr(), "call-2@test").await;
    uac.call("803164").await;
    let mut call = next_call(&mut calls).await;
    call.hang_up();
    let (code, text) = uac.response().await;
    assert_eq!(code, 0, "a request from the server");
    assert!(text.starts_with("BYE "), "{text}");
    assert_eq!(next_event(&mut call).await, CallEvent::HungUp);
    edge.shutdown().await;
}

#[tokio::test]
async fn unknown_numbers_bad_offers_and_the_call_limit_are_refused() {
    let (edge, mut calls) = start(1).await;
    let server = edge.local_addr();

    let mut unknown = Uac::new(server, "call-3@test").await;
    let invite = unknown.request("INVITE", "12345", 1, "u1", &unknown.offer());
    unknown.send(&invite).await;
    assert_eq!(unknown.final_response().await.0, 404);

    let mut video = Uac::new(server, "call-4@test").await;
    let body = "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 9\r\n";
    let invite = video.request("INVITE", "803164", 1, "v1", body);
    video.send(&invite).await;
    assert_eq!(video.final_response().await.0, 488);

    let mut first = Uac::new(server, "call-5@test").await;
    first.call("803164").await;
    let _call = next_call(&mut calls).await;
    let mut second = Uac::new(server, "call-6@test").await;
    let invite = second.request("INVITE", "803164", 1, "s1", &second.offer());
    second.send(&invite).await;
    assert_eq!(second.final_response().await.0, 486);

    let mut options = Uac::new(server, "call-7@test").await;
    let request = options.request("OPTIONS", "803164", 1, "o1", "");
    options.send(&request).await;
    let (code, text) = options.final_response().await;
    assert_eq!(code, 200);
    assert!(text.contains("INVITE"), "Allow lists INVITE: {text}");

    let mut register = Uac::new(server, "call-8@test").await;
    let request = register.request("REGISTER", "803164", 1, "r1", "");
    register.send(&request).await;
    assert_eq!(register.final_response().await.0, 405);

    let mut stray = Uac::new(server, "call-9@test").await;
    stray.to_tag = Some("nothere".into());
    let request = stray.request("BYE", "803164", 2, "b1", "");
    stray.send(&request).await;
    assert_eq!(stray.final_response().await.0, 481);
    edge.shutdown().await;
}

#[tokio::test]
async fn malformed_messages_are_answered_or_dropped_and_calls_go_on() {
    let (edge, mut calls) = start(10).await;
    let server = edge.local_addr();
    let junk = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let me = junk.local_addr().unwrap();
    let dropped: Vec<Vec<u8>> = vec![
        b"INVITE sip:803164@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP".to_vec(),
        b"INVITE sip:803164@127.0.0.1 HTTP/1.1\r\n\r\n".to_vec(),
        (0..1400u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect(),
        vec![0; 3000],
        b"SIP/2.0 OK\r\n\r\n".to_vec(),
    ];
    let headers = format!(
        "Via: SIP/2.0/UDP {me};branch=z9hG4bKj\r\nFrom: <sip:x@127.0.0.1>;tag=1\r\n\
         To: <sip:803164@127.0.0.1>\r\nCSeq: 1 INVITE\r\n"
    );
    let answered: Vec<(u16, String)> = vec![
        (
            400,
            format!("INVITE sip:803164@127.0.0.1 SIP/2.0\r\n{headers}Content-Length: 0\r\n\r\n"),
        ),
        (
            505,
            format!("INVITE sip:803164@127.0.0.1 SIP/3.0\r\n{headers}Call-ID: a\r\n\r\n"),
        ),
        (
            400,
            format!(
                "INVITE sip:803164@127.0.0.1 SIP/2.0\r\n{headers}Call-ID: a\r\nCall-ID: b\r\n\r\n"
            ),
        ),
    ];
    for message in &dropped {
        junk.send_to(message, server).await.unwrap();
    }
    let mut buf = vec![0u8; 4096];
    for (status, message) in &answered {
        junk.send_to(message.as_bytes(), server).await.unwrap();
        let n = timeout(GUARD, junk.recv(&mut buf)).await.unwrap().unwrap();
        let reply = String::from_utf8_lossy(&buf[..n]);
        assert!(reply.starts_with(&format!("SIP/2.0 {status} ")), "{reply}");
        assert!(reply.contains("branch=z9hG4bKj"), "{reply}");
    }
    let mut uac = Uac::new(server, "call-10@test").await;
    uac.call("803164").await;
    let mut call = next_call(&mut calls).await;
    call.hang_up();
    assert_eq!(next_event(&mut call).await, CallEvent::HungUp);
    let stats = edge.stats();
    assert_eq!(stats.malformed_answered, answered.len() as u64);
    assert_eq!(stats.malformed_dropped, dropped.len() as u64);
    edge.shutdown().await;
}

#[tokio::test]
async fn a_re_invite_puts_the_call_on_hold_and_back() {
    let (edge, mut calls) = start(10).await;
    let mut uac = Uac::new(edge.local_addr(), "call-11@test").await;
    uac.call("803164").await;
    let _call = next_call(&mut calls).await;
    let hold = uac.offer().replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n");
    let reinvite = uac.request("INVITE", "803164", 2, "reinv1", &hold);
    uac.send(&reinvite).await;
    let (code, text) = uac.final_response().await;
    assert_eq!(code, 200, "{text}");
    assert!(
        text.contains("a=recvonly"),
        "hold is answered recvonly: {text}"
    );
    assert!(
        text.contains("o=centralino ") && text.contains(" 2 IN IP4"),
        "a new o= version: {text}"
    );
    let ack = uac.request("ACK", "803164", 2, "ack2", "");
    uac.send(&ack).await;
    let resume = uac.request("INVITE", "803164", 3, "reinv2", &uac.offer());
    uac.send(&resume).await;
    let (code, text) = uac.final_response().await;
    assert_eq!(code, 200, "{text}");
    assert!(text.contains("a=sendrecv"), "{text}");
    edge.shutdown().await;
}

#[tokio::test]
async fn a_caller_who_never_acks_gets_the_200_again_then_a_bye_and_the_call_is_freed() {
    let t1 = Duration::from_millis(50);
    let (edge, _calls) = start_with(SipConfig {
        t1,
        ..SipConfig::default()
    })
    .await;
    let mut uac = Uac::new(edge.local_addr(), "call-noack@test").await;
    let invite = uac.request("INVITE", "803164", 1, "noack1", &uac.offer());
    uac.send(&invite).await;
    // 200 OK until 64·T1, then our BYE (answered by the UAC); never an ACK from it.
    let mut oks = 0;
    let bye = loop {
        let (code, text) = uac.response().await;
        match code {
            200 => oks += 1,
            0 => break text,
            _ => {}
        }
    };
    assert!(bye.starts_with("BYE "), "{bye}");
    assert!(oks >= 3, "the 200 OK is retransmitted: {oks} sent");
    let to_tag = uac.to_tag.clone().unwrap();
    assert!(
        bye.contains(&format!(";tag={to_tag}")),
        "the BYE is the dialog's: {bye}"
    );
    timeout(GUARD, async {
        while edge.stats().active_calls > 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the call's slot is freed");
    edge.shutdown().await;
}

#[tokio::test]
async fn invites_beyond_the_setup_rate_get_503_with_retry_after() {
    let (edge, mut calls) = start_with(SipConfig {
        max_setup_rate: Some(sip_edge::RateLimit {
            per_second: 1,
            burst: 1,
        }),
        ..SipConfig::default()
    })
    .await;
    let server = edge.local_addr();
    let mut first = Uac::new(server, "rate-1@test").await;
    first.call("803164").await;
    let _call = next_call(&mut calls).await;
    let mut second = Uac::new(server, "rate-2@test").await;
    let invite = second.request("INVITE", "803164", 1, "r2", &second.offer());
    second.send(&invite).await;
    let (code, text) = second.final_response().await;
    assert_eq!(code, 503, "{text}");
    assert!(text.contains("Retry-After: 1\r\n"), "{text}");
    // An unknown number is still 404: it costs no set-up.
    let mut unknown = Uac::new(server, "rate-3@test").await;
    let invite = unknown.request("INVITE", "12345", 1, "r3", &unknown.offer());
    unknown.send(&invite).await;
    assert_eq!(unknown.final_response().await.0, 404);
    let stats = edge.stats();
    assert_eq!((stats.refused_rate, stats.active_calls), (1, 1));
    edge.shutdown().await;
}
