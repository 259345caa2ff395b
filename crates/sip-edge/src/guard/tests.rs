use proptest::prelude::*;

use super::*;

const VIA: &str = "Via: SIP/2.0/UDP 192.0.2.7:5062;branch=z9hG4bK77\r\n";
const REST: &str = "From: <sip:caller@192.0.2.7>;tag=a1\r\nTo: <sip:803164@192.0.2.1>\r\n\
                    Call-ID: c1@192.0.2.7\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n";

fn options(extra: &str) -> String {
    format!("OPTIONS sip:803164@192.0.2.1 SIP/2.0\r\n{VIA}{REST}{extra}Content-Length: 0\r\n\r\n")
}

/// The status of the answer, or 0 for pass and 1 for drop.
fn status(message: &[u8], framing: Framing) -> u16 {
    match inspect(message, framing, false) {
        Verdict::Pass => 0,
        Verdict::Drop(_) => 1,
        Verdict::Answer { status, .. } => status,
    }
}

fn udp(message: &str) -> u16 {
    status(message.as_bytes(), Framing::Datagram)
}

#[test]
fn a_well_formed_request_and_response_pass() {
    assert_eq!(udp(&options("")), 0);
    // Compact forms, case-insensitive names and version, folded lines.
    let compact = "INVITE sip:803164@192.0.2.1 sip/2.0\r\nv: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK1\r\n\
                   f: <sip:a@b>;tag=1\r\nt: <sip:803164@192.0.2.1>\r\ni: x\r\nCSEQ: 7\r\n INVITE\r\nl: 3\r\n\r\nabc";
    assert_eq!(udp(compact), 0);
    assert_eq!(udp("SIP/2.0 200 OK\r\nVia: x\r\n\r\n"), 0);
    // Keep-alives and empty datagrams are rsipstack's.
    assert_eq!(udp("\r\n\r\n"), 0);
    assert_eq!(udp(""), 0);
    // A Content-Length smaller than the body is not an error (§18.3).
    assert_eq!(
        udp(&options("").replace(
            "Content-Length: 0\r\n\r\n",
            "Content-Length: 2\r\n\r\nabcdef"
        )),
        0
    );
}

#[test]
fn missing_and_repeated_mandatory_headers_get_400() {
    for header in ["From:", "To:", "Call-ID:", "CSeq:"] {
        let message: String = options("")
            .split_inclusive("\r\n")
            .filter(|l| !l.starts_with(header))
            .collect();
        assert_eq!(udp(&message), 400, "without {header}");
    }
    for repeated in [
        "From: <sip:x@y>;tag=2\r\n",
        "To: <sip:x@y>\r\n",
        "Call-ID: other\r\n",
        "CSeq: 2 OPTIONS\r\n",
        "Content-Length: 0\r\n",
        "Max-Forwards: 69\r\n",
    ] {
        assert_eq!(udp(&options(repeated)), 400, "repeated {repeated}");
    }
    // Several Vias are normal.
    assert_eq!(
        udp(&options(
            "Via: SIP/2.0/UDP 198.51.100.1;branch=z9hG4bK2\r\n"
        )),
        0
    );
    // An empty Call-ID is as good as none.
    assert_eq!(
        udp(&options("").replace("Call-ID: c1@192.0.2.7", "Call-ID:")),
        400
    );
}

#[test]
fn the_answer_carries_the_request_s_vias_tags_and_reason() {
    let message = options("").replace("Call-ID: c1@192.0.2.7\r\n", "");
    let Verdict::Answer {
        status,
        why,
        response,
    } = inspect(message.as_bytes(), Framing::Datagram, false)
    else {
        panic!("an answer")
    };
    assert_eq!((status, why), (400, "Missing Call-ID"));
    let text = String::from_utf8(response.clone()).unwrap();
    assert!(
        text.starts_with("SIP/2.0 400 Missing Call-ID\r\n"),
        "{text}"
    );
    assert!(text.contains(VIA), "{text}");
    assert!(text.contains("CSeq: 1 OPTIONS\r\n"), "{text}");
    assert!(
        text.contains("From: <sip:caller@192.0.2.7>;tag=a1\r\n"),
        "{text}"
    );
    assert!(
        text.contains("To: <sip:803164@192.0.2.1>;tag="),
        "a To tag is added: {text}"
    );
    assert!(text.ends_with("Content-Length: 0\r\n\r\n"), "{text}");
    // rsipstack reads it back as a response.
    let parsed = rsipstack::sip::SipMessage::try_from(response.as_slice()).unwrap();
    assert!(
        matches!(parsed, rsipstack::sip::SipMessage::Response(r) if r.status_code.code() == 400)
    );
    // The same request gets the same answer (the tag is stable).
    assert_eq!(
        inspect(message.as_bytes(), Framing::Datagram, false),
        Verdict::Answer {
            status,
            why,
            response
        }
    );
}

#[test]
fn bad_values_get_400() {
    for (from, to) in [
        ("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"),
        ("CSeq: 1 OPTIONS", "CSeq: 1"),
        ("CSeq: 1 OPTIONS", "CSeq: 4294967295 OPTIONS"),
        ("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"),
        (";tag=a1", ""),
        ("Max-Forwards: 70", "Max-Forwards: many"),
        ("Max-Forwards: 70", "Max-Forwards: 300"),
    ] {
        assert_eq!(udp(&options("").replace(from, to)), 400, "{to}");
    }
    assert_eq!(
        udp(&options("").replace("Content-Length: 0", "Content-Length: -1")),
        400
    );
    assert_eq!(
        udp(&options("").replace("Content-Length: 0", "Content-Length: 0x10")),
        400
    );
    assert_eq!(udp(&options("this is not a header\r\n")), 400);
    assert_eq!(udp(&options(": no name\r\n")), 400);
}

#[test]
fn content_length_beyond_the_datagram_is_400_but_a_stream_waits_for_it() {
    for length in [
        "500",
        "4294967296",
        "18446744073709551615",
        "99999999999999999999999",
    ] {
        let message = options("").replace(
            "Content-Length: 0\r\n\r\n",
            &format!("Content-Length: {length}\r\n\r\nv=0\r\n"),
        );
        assert_eq!(udp(&message), 400, "{length}");
        let stream = status(message.as_bytes(), Framing::Stream);
        assert_eq!(
            stream,
            if length.len() > 20 { 400 } else { 0 },
            "{length} on a stream"
        );
    }
}

#[test]
fn versions_methods_and_uris() {
    let request =
        |line: &str| udp(&options("").replacen("OPTIONS sip:803164@192.0.2.1 SIP/2.0", line, 1));
    assert_eq!(request("OPTIONS sip:803164@192.0.2.1 SIP/3.0"), 505);
    assert_eq!(request("OPTIONS sip:803164@192.0.2.1 SIP/1.0"), 505);
    assert_eq!(request("OPTIONS sip:803164@192.0.2.1 HTTP/1.1"), 1);
    assert_eq!(request("FOO sip:803164@192.0.2.1 SIP/2.0"), 501);
    assert_eq!(request("OPTIONS tel:+39803164 SIP/2.0"), 416);
    assert_eq!(request("OPTIONS http://example.com/ SIP/2.0"), 416);
    assert_eq!(request("OPTIONS nonsense SIP/2.0"), 400);
    assert_eq!(request("OPTIONS sip: SIP/2.0"), 400);
    assert_eq!(request("OPTIONS sip:803164@ SIP/2.0"), 400);
    assert_eq!(
        request("OPTIONS  sip:803164@192.0.2.1 SIP/2.0"),
        1,
        "two spaces"
    );
    assert_eq!(request("OPTIONS sip:803164@192.0.2.1"), 1, "no version");
    assert_eq!(request("GET / HTTP/1.1"), 1);
    assert_eq!(request("OPT<IONS sip:803164@192.0.2.1 SIP/2.0"), 1);
}

#[test]
fn truncated_oversized_and_non_utf8_messages() {
    let whole = options("");
    // Cut in the middle of a header: the complete lines still say where to answer.
    let cut = &whole[..whole.find("Max-Forwards").unwrap() + 5];
    assert_eq!(udp(cut), 400);
    // Cut before the Via: nowhere to answer.
    assert_eq!(udp(&whole[..20]), 1);
    // A datagram that filled the buffer.
    assert!(matches!(
        inspect(whole.as_bytes(), Framing::Datagram, true),
        Verdict::Answer { status: 513, .. }
    ));
    let mut bytes = options("X-Bin: \u{1}\r\n").into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xff;
    assert_eq!(status(&bytes, Framing::Datagram), 400);
    // Non-UTF-8 in the body is the body's business.
    let mut bytes = options("")
        .replace("Content-Length: 0\r\n\r\n", "Content-Length: 2\r\n\r\n")
        .into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    assert_eq!(status(&bytes, Framing::Datagram), 0);
}

#[test]
fn unanswerable_messages_are_dropped() {
    // No Via, or one that says nothing.
    let message: String = options("")
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with("Via:"))
        .collect();
    assert_eq!(udp(&message), 1);
    assert_eq!(
        udp(&options("")
            .replace(VIA, "Via: garbage\r\n")
            .replace("Call-ID: c1@192.0.2.7\r\n", "")),
        1
    );
    // An ACK is never answered.
    let ack = options("")
        .replace("OPTIONS", "ACK")
        .replace("Call-ID: c1@192.0.2.7\r\n", "");
    assert_eq!(udp(&ack), 1);
    // An ACK whose CSeq names the INVITE is let through: dropping it would end the call.
    let ack = options("")
        .replacen("OPTIONS", "ACK", 1)
        .replace("1 OPTIONS", "1 INVITE");
    assert_eq!(udp(&ack), 0);
    assert_eq!(udp(&ack.replace("1 INVITE", "1 BYE")), 1);
    // Responses are never answered.
    assert_eq!(udp("SIP/2.0 2000 OK\r\n\r\n"), 1);
    assert_eq!(udp("SIP/2.0 200 OK\r\nVia: x"), 1);
    assert_eq!(udp("SIP/3.0 200 OK\r\n\r\n"), 1);
    // Binary garbage and a NUL flood.
    let garbage: Vec<u8> = (0..1400u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    assert_eq!(status(&garbage, Framing::Datagram), 1);
    assert_eq!(status(&[0; 4000], Framing::Datagram), 1);
}

/// A request with every part that matters, for mutation.
fn sample() -> Vec<u8> {
    format!(
        "INVITE sip:803164@192.0.2.1 SIP/2.0\r\n{VIA}From: <sip:caller@192.0.2.7>;tag=a1\r\n\
         To: <sip:803164@192.0.2.1>\r\nCall-ID: c1@192.0.2.7\r\nCSeq: 1 INVITE\r\n\
         Contact: <sip:caller@192.0.2.7>\r\nContent-Type: application/sdp\r\nContent-Length: 13\r\n\r\n\
         v=0\r\nm=audio"
    )
    .into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Any bytes: a verdict, never a panic; every answer is a response rsipstack can read.
    #[test]
    fn random_bytes_get_a_verdict(
        data in proptest::collection::vec(any::<u8>(), 0..600),
        stream in any::<bool>(),
        cut in any::<bool>(),
    ) {
        let framing = if stream { Framing::Stream } else { Framing::Datagram };
        if let Verdict::Answer { response, .. } = inspect(&data, framing, cut) {
            prop_assert!(rsipstack::sip::SipMessage::try_from(response.as_slice()).is_ok());
        }
    }

    /// A valid request with bytes replaced, removed or inserted anywhere.
    #[test]
    fn mutated_requests_get_a_verdict(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
        stream in any::<bool>(),
    ) {
        let mut message = sample();
        for (at, byte, kind) in edits {
            let i = at.index(message.len() + 1);
            match kind {
                0 if i < message.len() => message[i] = byte,
                1 if i < message.len() => { message.remove(i); }
                _ => message.insert(i, byte),
            }
        }
        let framing = if stream { Framing::Stream } else { Framing::Datagram };
        match inspect(&message, framing, false) {
            Verdict::Answer { response, status, .. } => {
                let parsed = rsipstack::sip::SipMessage::try_from(response.as_slice());
                prop_assert!(parsed.is_ok(), "{status}: {}", String::from_utf8_lossy(&response));
                prop_assert!(matches!(status, 400 | 416 | 501 | 505 | 513));
            }
            Verdict::Pass | Verdict::Drop(_) => {}
        }
    }

    /// Truncating a valid request anywhere gives an answer or a drop, never a pass.
    #[test]
    fn truncated_requests_never_pass(at in 1usize..180) {
        let message = sample();
        let at = at.min(message.len() - 1);
        prop_assert_ne!(inspect(&message[..at], Framing::Datagram, false), Verdict::Pass);
    }
}
