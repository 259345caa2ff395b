use super::*;

const SIPP: &str = "v=0\r\n\
o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n\
s=-\r\n\
c=IN IP4 127.0.0.1\r\n\
t=0 0\r\n\
m=audio 6000 RTP/AVP 0 101\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=rtpmap:101 telephone-event/8000\r\n\
a=fmtp:101 0-16\r\n";

fn negotiate(body: &str) -> Result<Negotiated, SdpError> {
    Offer::parse(body)?.negotiate()
}

#[test]
fn a_sipp_offer_gets_pcmu_and_its_telephone_event_type() {
    let n = negotiate(SIPP).unwrap();
    assert_eq!(n.codec, Codec::Pcmu);
    assert_eq!(n.codec_pt, 0);
    assert_eq!(n.telephone_events, vec![101]);
    assert_eq!(n.remote, Some("127.0.0.1:6000".parse().unwrap()));
    assert_eq!(n.direction, Direction::SendRecv);
    assert!(!n.on_hold());
    let answer = n.answer("127.0.0.1:40000".parse().unwrap(), 7, 1);
    assert_eq!(
        answer,
        "v=0\r\no=centralino 7 1 IN IP4 127.0.0.1\r\ns=centralino\r\nc=IN IP4 127.0.0.1\r\n\
         t=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n\
         a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n"
    );
    // Our answer is itself an acceptable offer (round trip).
    let again = negotiate(&answer).unwrap();
    assert_eq!(again.telephone_events, vec![101]);
    assert_eq!(again.remote, Some("127.0.0.1:40000".parse().unwrap()));
}

#[test]
fn the_offerers_first_g711_codec_wins_and_every_event_type_is_kept() {
    let body = "v=0\nc=IN IP4 10.0.0.5\nm=audio 4000 RTP/AVP 9 8 0 96 101\n\
                a=rtpmap:9 G722/8000\na=rtpmap:96 telephone-event/8000\n\
                a=rtpmap:101 telephone-event/8000\n";
    let n = negotiate(body).unwrap();
    assert_eq!((n.codec, n.codec_pt), (Codec::Pcma, 8));
    assert_eq!(n.telephone_events, vec![96, 101]);
    let answer = n.answer("10.0.0.1:5000".parse().unwrap(), 1, 1);
    assert!(
        answer.contains("m=audio 5000 RTP/AVP 8 96 101\r\n"),
        "{answer}"
    );
    assert!(answer.contains("a=rtpmap:8 PCMA/8000\r\n"));
}

#[test]
fn telephone_event_at_another_rate_or_a_reserved_type_is_not_taken() {
    let body = "v=0\nc=IN IP4 10.0.0.5\nm=audio 4000 RTP/AVP 0 100 72\n\
                a=rtpmap:100 telephone-event/48000\na=rtpmap:72 telephone-event/8000\n";
    assert!(negotiate(body).unwrap().telephone_events.is_empty());
}

#[test]
fn hold_and_directions_are_mirrored() {
    let hold_old = "v=0\nc=IN IP4 0.0.0.0\nm=audio 4000 RTP/AVP 0\n";
    let n = negotiate(hold_old).unwrap();
    assert_eq!(n.remote, None);
    assert!(n.on_hold());
    assert!(
        n.answer("10.0.0.1:5000".parse().unwrap(), 1, 2)
            .contains("a=inactive")
    );

    let send_only = "v=0\nc=IN IP4 10.0.0.5\na=sendonly\nm=audio 4000 RTP/AVP 0\n";
    let n = negotiate(send_only).unwrap();
    assert!(n.on_hold());
    assert!(
        n.answer("10.0.0.1:5000".parse().unwrap(), 1, 2)
            .contains("a=recvonly")
    );

    let media_level = "v=0\nc=IN IP4 10.0.0.5\na=sendonly\nm=audio 4000 RTP/AVP 0\na=sendrecv\n";
    assert!(!negotiate(media_level).unwrap().on_hold());
}

#[test]
fn other_media_are_refused_with_port_zero_in_place() {
    let body = "v=0\nc=IN IP4 10.0.0.5\nm=video 5002 RTP/AVP 31\nm=audio 5000 RTP/AVP 0\n";
    let answer = negotiate(body)
        .unwrap()
        .answer("10.0.0.1:7000".parse().unwrap(), 1, 1);
    let m_lines: Vec<_> = answer.lines().filter(|l| l.starts_with("m=")).collect();
    assert_eq!(m_lines, ["m=video 0 RTP/AVP 31", "m=audio 7000 RTP/AVP 0"]);
}

#[test]
fn unusable_offers_say_why() {
    let cases: &[(&str, SdpError)] = &[
        ("", SdpError::Syntax("no v=0 line".into())),
        ("v=1\n", SdpError::Syntax("version \"1\"".into())),
        ("garbage", SdpError::Syntax("line \"garbage\"".into())),
        (
            "v=0\nm=audio x RTP/AVP 0\n",
            SdpError::Syntax("m=audio x RTP/AVP 0".into()),
        ),
        (
            "v=0\nc=IN IP4 nowhere\n",
            SdpError::Syntax("c=IN IP4 nowhere".into()),
        ),
        ("v=0\nc=IN IP4 10.0.0.5\n", SdpError::NoAudio),
        (
            "v=0\nc=IN IP4 10.0.0.5\nm=audio 1 RTP/SAVP 0\n",
            SdpError::NoAudio,
        ),
        (
            "v=0\nc=IN IP4 10.0.0.5\nm=audio 1 RTP/AVP 9 18\n",
            SdpError::NoCommonCodec,
        ),
        (
            "v=0\nc=IN IP4 10.0.0.5\nm=audio 1 RTP/AVP 96\na=rtpmap:96 opus/48000/2\n",
            SdpError::NoCommonCodec,
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(negotiate(body).as_ref().err(), Some(expected), "{body:?}");
    }
}

#[test]
fn g711_only_on_its_static_types() {
    let dynamic = "v=0\nc=IN IP6 ::1\nm=audio 4000 RTP/AVP 112\na=rtpmap:112 pcmu/8000\n";
    assert_eq!(negotiate(dynamic).err(), Some(SdpError::NoCommonCodec));
    let remapped = "v=0\nc=IN IP6 ::1\nm=audio 4000 RTP/AVP 0 8\na=rtpmap:0 G729/8000\n";
    let n = negotiate(remapped).unwrap();
    assert_eq!((n.codec, n.codec_pt), (Codec::Pcma, 8));
    assert_eq!(n.remote, Some("[::1]:4000".parse().unwrap()));
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    /// Lines peers send, lines they should not, and fragments of both.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("v=0".to_owned()),
            Just("o=- 1 1 IN IP4 192.0.2.1".to_owned()),
            Just("s=-".to_owned()),
            Just("t=0 0".to_owned()),
            "c=IN IP[46] [0-9a-f.:]{0,20}(/[0-9]{1,3})?",
            "m=(audio|video|image) [0-9]{1,6}(/[0-9])? (RTP/AVP|RTP/SAVP|udptl) ([0-9]{1,3} ?){0,6}",
            "a=rtpmap:[0-9]{1,4} (PCMU|PCMA|telephone-event|opus|G729)/[0-9]{1,6}(/[0-9])?",
            "a=(sendrecv|sendonly|recvonly|inactive|ptime:20|fmtp:101 0-16)",
            "[a-z]=[ -~]{0,40}",
            "[ -~]{0,40}",
            "\\PC{0,20}",
        ]
    }

    fn body() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(line(), 0..14),
            prop_oneof![Just("\r\n"), Just("\n"), Just("\r")],
        )
            .prop_map(|(lines, end)| lines.join(end))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Any text: parsed or refused with a reason, never a panic; an accepted offer
        /// gets an answer that names the chosen codec and only offered event types, and
        /// that our own parser reads back to the same terms.
        #[test]
        fn offers_never_panic_and_answers_read_back(body in body()) {
            let Ok(offer) = Offer::parse(&body) else { return Ok(()) };
            let Ok(n) = offer.negotiate() else { return Ok(()) };
            let answer = n.answer("192.0.2.9:40000".parse().unwrap(), 1, 1);
            let back = Offer::parse(&answer).unwrap().negotiate().unwrap();
            prop_assert_eq!(back.codec, n.codec);
            prop_assert_eq!(&back.telephone_events, &n.telephone_events);
            prop_assert_eq!(back.remote, Some("192.0.2.9:40000".parse().unwrap()));
            let audio = offer.media.iter().find(|m| m.kind == "audio").unwrap();
            for pt in &n.telephone_events {
                prop_assert!(audio.formats.contains(&pt.to_string()));
            }
            prop_assert_eq!(answer.matches("m=").count(), offer.media.len());
        }

        /// Arbitrary bytes read as text.
        #[test]
        fn arbitrary_text_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = String::from_utf8_lossy(&bytes);
            if let Ok(offer) = Offer::parse(&text) && let Ok(n) = offer.negotiate() {
                let _ = n.answer("[::1]:4000".parse().unwrap(), u64::MAX, u64::MAX);
            }
        }
    }
}
