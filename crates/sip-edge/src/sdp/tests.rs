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
