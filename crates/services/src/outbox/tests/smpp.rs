//! The SMPP sender against a small SMSC written here with the same crate's codec.

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use futures::{SinkExt, StreamExt};
use rusmpp::pdus::{BindTransmitterResp, SubmitSmResp};
use rusmpp::tokio_codec::CommandCodec;
use rusmpp::types::COctetString;
use rusmpp::values::{DataCoding, EsmClass, Ton};
use rusmpp::{Command, CommandStatus, Pdu};
use tokio_util::codec::Framed;

use super::*;

#[derive(Clone, Debug)]
struct Submitted {
    destination: String,
    source: String,
    source_ton: Ton,
    data_coding: DataCoding,
    udhi: bool,
    bytes: Vec<u8>,
}

#[derive(Debug, Default)]
struct Smsc {
    binds: Vec<(String, String)>,
    submitted: Vec<Submitted>,
}

/// Starts an SMSC on 127.0.0.1 that accepts transmitter binds and every submit_sm, except to
/// `reject`, which it refuses with ESME_RINVDSTADR.
async fn smsc(reject: Option<&'static str>) -> (u16, Arc<Mutex<Smsc>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let state = Arc::new(Mutex::new(Smsc::default()));
    let shared = Arc::clone(&state);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let shared = Arc::clone(&shared);
            tokio::spawn(async move {
                let mut framed = Framed::new(stream, CommandCodec::new());
                let mut next_id = 0u32;
                while let Some(Ok(command)) = framed.next().await {
                    let seq = command.sequence_number();
                    let reply = match command.pdu() {
                        Some(Pdu::BindTransmitter(bind)) => {
                            shared.lock().expect("state").binds.push((
                                bind.system_id.as_str().to_owned(),
                                bind.password.as_str().to_owned(),
                            ));
                            let id = COctetString::from_str("test-smsc").expect("id");
                            Command::new(
                                CommandStatus::EsmeRok,
                                seq,
                                BindTransmitterResp::new(id, None),
                            )
                        }
                        Some(Pdu::SubmitSm(sm)) => {
                            let destination = sm.destination_addr.as_str().to_owned();
                            if Some(destination.as_str()) == reject {
                                Command::new(
                                    CommandStatus::EsmeRinvdstadr,
                                    seq,
                                    SubmitSmResp::default(),
                                )
                            } else {
                                shared.lock().expect("state").submitted.push(Submitted {
                                    destination,
                                    source: sm.source_addr.as_str().to_owned(),
                                    source_ton: sm.source_addr_ton,
                                    data_coding: sm.data_coding,
                                    udhi: sm.esm_class == EsmClass::default().with_udhi_indicator(),
                                    bytes: sm.short_message().as_ref().to_vec(),
                                });
                                next_id += 1;
                                let id = COctetString::from_str(&format!("m{next_id}"))
                                    .expect("message id");
                                Command::new(
                                    CommandStatus::EsmeRok,
                                    seq,
                                    SubmitSmResp::new(id, vec![]),
                                )
                            }
                        }
                        Some(Pdu::EnquireLink) => {
                            Command::new(CommandStatus::EsmeRok, seq, Pdu::EnquireLinkResp)
                        }
                        Some(Pdu::Unbind) => {
                            Command::new(CommandStatus::EsmeRok, seq, Pdu::UnbindResp)
                        }
                        _ => continue,
                    };
                    if framed.send(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (port, state)
}

fn config(port: u16) -> SmppConfig {
    SmppConfig {
        host: "127.0.0.1".to_owned(),
        port,
        system_id: "inps".to_owned(),
        password: "secret".to_owned(),
        system_type: String::new(),
        source_addr: "INPS".to_owned(),
        connect_timeout_secs: 5,
        response_timeout_secs: 5,
        enquire_link_secs: 30,
    }
}

fn sms(id: i64, recipient: &str, body: &str) -> OutboxMessage {
    OutboxMessage {
        id,
        message: NewMessage {
            channel: OutboxChannel::Sms,
            recipient: recipient.to_owned(),
            subject: String::new(),
            body: body.to_owned(),
            attachment: None,
            related: None,
        },
        status: OutboxStatus::Pending,
        attempts: 1,
        next_attempt_at: t0(),
        last_error: None,
        created_at: t0(),
        sent_at: None,
    }
}

#[tokio::test]
async fn italian_text_goes_as_gsm7_over_one_bind() {
    let (port, smsc) = smsc(None).await;
    let sender = SmppSender::new(config(port)).expect("config");
    let text = "Appuntamento confermato: lunedì 19/01 alle 9:30, sede di Roma. Porti un documento.";
    sender
        .send(&sms(1, "+39 333 1234567", text))
        .await
        .expect("sent");
    sender
        .send(&sms(2, "3479876543", "Promemoria: domani alle 9:30."))
        .await
        .expect("sent");
    let smsc = smsc.lock().expect("state");
    assert_eq!(smsc.binds, vec![("inps".to_owned(), "secret".to_owned())]);
    assert_eq!(smsc.submitted.len(), 2);
    let first = &smsc.submitted[0];
    assert_eq!(first.destination, "393331234567");
    assert_eq!(first.source, "INPS");
    assert_eq!(first.source_ton, Ton::Alphanumeric);
    assert_eq!(first.data_coding, DataCoding::McSpecific);
    assert!(!first.udhi);
    // GSM 7-bit, unpacked: ASCII letters as they are, ì as 0x07.
    assert!(first.bytes.starts_with(b"Appuntamento confermato: luned"));
    assert_eq!(first.bytes[30], 0x07);
    assert_eq!(first.bytes.len(), text.chars().count());
    assert_eq!(smsc.submitted[1].destination, "393479876543");
}

#[tokio::test]
async fn text_outside_gsm7_goes_as_ucs2() {
    let (port, smsc) = smsc(None).await;
    let sender = SmppSender::new(config(port)).expect("config");
    let text = "Prenotazione confermata ✓";
    sender
        .send(&sms(3, "+393331234567", text))
        .await
        .expect("sent");
    let smsc = smsc.lock().expect("state");
    let only = &smsc.submitted[0];
    assert_eq!(only.data_coding, DataCoding::Ucs2);
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(only.bytes, utf16);
}

#[tokio::test]
async fn a_long_text_is_split_into_concatenated_parts() {
    let (port, smsc) = smsc(None).await;
    let sender = SmppSender::new(config(port)).expect("config");
    let text = "Gentile utente, ".repeat(20);
    sender
        .send(&sms(4, "+393331234567", &text))
        .await
        .expect("sent");
    let smsc = smsc.lock().expect("state");
    assert!(smsc.submitted.len() >= 3, "{}", smsc.submitted.len());
    assert!(
        smsc.submitted
            .iter()
            .all(|p| p.udhi && p.destination == "393331234567")
    );
}

#[tokio::test]
async fn refusals_and_bad_numbers_are_permanent_and_outages_transient() {
    let (port, smsc) = smsc(Some("393330000000")).await;
    let sender = SmppSender::new(config(port)).expect("config");
    let err = sender
        .send(&sms(5, "+393330000000", "Prova"))
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, SendError::Permanent(e) if e.contains("Rinvdstadr")),
        "{err:?}"
    );
    // The connection stays usable after a refusal.
    sender
        .send(&sms(6, "+393331234567", "Prova"))
        .await
        .expect("sent");
    assert_eq!(smsc.lock().expect("state").binds.len(), 1);

    // A landline cannot get an SMS: refused before any connection.
    let (port, smsc) = super::smpp::smsc(None).await;
    let sender = SmppSender::new(config(port)).expect("config");
    let err = sender
        .send(&sms(7, "06 1234567", "Prova"))
        .await
        .expect_err("not a mobile");
    assert!(matches!(err, SendError::Permanent(_)), "{err:?}");
    assert!(smsc.lock().expect("state").binds.is_empty());

    // Nobody listening: try again later.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let sender = SmppSender::new(config(closed)).expect("config");
    let err = sender
        .send(&sms(8, "+393331234567", "Prova"))
        .await
        .expect_err("no SMSC");
    assert!(matches!(err, SendError::Transient(_)), "{err:?}");
}

#[test]
fn the_configuration_is_checked() {
    let ok = config(2775);
    assert!(SmppSender::new(ok.clone()).is_ok());
    let numeric = SmppConfig {
        source_addr: "+39 06 164164".replace(' ', ""),
        ..ok.clone()
    };
    assert!(SmppSender::new(numeric).is_ok());
    for bad in [
        SmppConfig {
            source_addr: "INPS NOTIFICHE".to_owned(),
            ..ok.clone()
        },
        SmppConfig {
            password: "much-too-long".to_owned(),
            ..ok.clone()
        },
        SmppConfig {
            host: " ".to_owned(),
            ..ok.clone()
        },
    ] {
        assert!(SmppSender::new(bad).is_err());
    }
}
