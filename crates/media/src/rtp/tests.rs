use super::*;
use proptest::prelude::*;

#[test]
fn round_trip() {
    let header = RtpHeader {
        marker: true,
        payload_type: 101,
        sequence: 65535,
        timestamp: 0xDEAD_BEEF,
        ssrc: 0x0E05_384E,
    };
    let bytes = header.to_vec(&[1, 2, 3, 4]);
    assert_eq!(bytes.len(), 16);
    assert_eq!(&bytes[..2], &[0x80, 0x80 | 101]);
    let parsed = parse(&bytes).unwrap();
    assert_eq!(parsed.header, header);
    assert_eq!(parsed.payload, &[1, 2, 3, 4]);
}

#[test]
fn padding_csrcs_and_extension_are_stripped() {
    // V=2, P=1, X=1, CC=1; PT 0; then CSRC, extension (1 word), payload "ab", padding 2.
    let mut data = vec![0xB1, 0x00, 0, 1, 0, 0, 0, 160, 0, 0, 0, 7];
    data.extend_from_slice(&[0, 0, 0, 9]); // CSRC
    data.extend_from_slice(&[0xBE, 0xDE, 0, 1, 1, 2, 3, 4]); // extension header + 1 word
    data.extend_from_slice(b"ab");
    data.extend_from_slice(&[0, 2]); // padding, count 2
    let parsed = parse(&data).unwrap();
    assert_eq!(parsed.payload, b"ab");
    assert_eq!(parsed.header.timestamp, 160);
    assert_eq!(parsed.header.ssrc, 7);
}

#[test]
fn malformed_and_rtcp() {
    assert!(matches!(parse(&[]), Err(RtpError::Malformed(_))));
    assert!(matches!(parse(&[0x80; 11]), Err(RtpError::Malformed(_))));
    // Version 1.
    assert!(matches!(parse(&[0x40; 12]), Err(RtpError::Malformed(_))));
    // Padding count larger than the packet.
    let mut data = vec![0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0xFF];
    assert!(matches!(parse(&data), Err(RtpError::Malformed(_))));
    // Padding count zero.
    *data.last_mut().unwrap() = 0;
    assert!(matches!(parse(&data), Err(RtpError::Malformed(_))));
    // CSRC count with no CSRCs.
    assert!(parse(&[0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]).is_err());
    // An RTCP receiver report (PT 201).
    assert_eq!(
        parse(&[0x81, 201, 0, 7, 0, 0, 0, 1, 0, 0, 0, 0]),
        Err(RtpError::Rtcp)
    );
    // Oversized.
    assert!(matches!(
        parse(&vec![0x80; MAX_PACKET + 1]),
        Err(RtpError::Malformed(_))
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Random bytes never panic, and whatever parses has a payload inside the datagram.
    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(p) = parse(&data) {
            prop_assert!(p.payload.len() + 12 <= data.len());
        }
    }

    /// Random bytes behind a valid first byte exercise the CSRC/extension/padding paths.
    #[test]
    fn random_headers_never_panic(
        first in 0x80u8..=0xBF,
        rest in proptest::collection::vec(any::<u8>(), 0..80),
    ) {
        let mut data = vec![first];
        data.extend(rest);
        let _ = parse(&data);
    }

    #[test]
    fn build_then_parse(
        marker: bool,
        payload_type in 0u8..=127,
        sequence: u16,
        timestamp: u32,
        ssrc: u32,
        payload in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let header = RtpHeader { marker, payload_type, sequence, timestamp, ssrc };
        let bytes = header.to_vec(&payload);
        match parse(&bytes) {
            Ok(p) => {
                prop_assert_eq!(p.header, header);
                prop_assert_eq!(p.payload, &payload[..]);
            }
            // Marker + PT 72..=76 is exactly the RTCP range: RFC 5761 forbids those PTs.
            Err(RtpError::Rtcp) => prop_assert!(marker && (72..=76).contains(&payload_type)),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }
}
