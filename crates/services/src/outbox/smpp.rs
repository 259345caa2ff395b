//! SMS over SMPP (the `rusmppc` client): bind as a transmitter to the operator's SMSC, then one
//! `submit_sm` per message (several, concatenated, for a long one). The text goes as GSM 7-bit
//! (the default alphabet has à è é ì ò ù) when it can, as UCS-2 otherwise.
//!
//! The connection is opened on the first message and kept (with enquire-link keep-alives); any
//! connection error drops it, and the next message opens a new one. Plain TCP only: the gateway is
//! expected on the operator's private link.
//!
//! Errors: a recipient that is not a mobile number, a text too long for 255 parts, or an SMSC
//! refusal naming the destination or the message is permanent; anything else (connection, bind,
//! throttling, timeouts) is transient. A long message whose later part fails is sent again whole
//! on retry.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use domain::MobileNumber;
use futures_util::StreamExt as _;
use rusmpp::CommandStatus;
use rusmpp::extra::concatenation::SubmitSmMultipartExt;
use rusmpp::extra::encoding::ucs2::Ucs2;
use rusmpp::pdus::{BindTransmitter, SubmitSm};
use rusmpp::types::{COctetString, OctetString};
use rusmpp::values::{DataCoding, EsmClass, Npi, RegisteredDelivery, ServiceType, Ton};
use rusmppc::{Client, ConnectionBuilder};
use serde::Deserialize;
use store::outbox::{OutboxChannel, OutboxMessage};
use tokio::sync::Mutex;

use super::{ConfigError, SendError, SendFuture, Sender};

/// The `[outbox.smpp]` section.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmppConfig {
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
    pub system_id: String,
    pub password: String,
    #[serde(default)]
    pub system_type: String,
    /// The sender shown on the phone: digits (an international number, `+` optional) or up to 11
    /// letters and digits (e.g. `INPS`).
    pub source_addr: String,
    #[serde(default = "default_timeout_secs")]
    pub connect_timeout_secs: u64,
    #[serde(default = "default_timeout_secs")]
    pub response_timeout_secs: u64,
    #[serde(default = "default_enquire_link_secs")]
    pub enquire_link_secs: u64,
}

fn default_port() -> u16 {
    2775
}

fn default_timeout_secs() -> u64 {
    10
}

fn default_enquire_link_secs() -> u64 {
    30
}

impl fmt::Debug for SmppConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmppConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("system_id", &self.system_id)
            .field("password", &"***")
            .field("source_addr", &self.source_addr)
            .finish_non_exhaustive()
    }
}

/// The checked SMPP identity fields.
#[derive(Clone, Debug)]
struct Identity {
    system_id: COctetString<1, 16>,
    password: COctetString<1, 9>,
    system_type: COctetString<1, 13>,
    source_ton: Ton,
    source_npi: Npi,
    source_addr: COctetString<1, 21>,
}

/// Sends SMS through an SMSC.
pub struct SmppSender {
    config: SmppConfig,
    identity: Identity,
    client: Mutex<Option<Client>>,
}

impl fmt::Debug for SmppSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmppSender")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl SmppSender {
    /// Checks the configuration (field lengths, the sender address); connects on first use.
    pub fn new(config: SmppConfig) -> Result<SmppSender, ConfigError> {
        let bad = |what: &str| ConfigError::Smpp(what.to_owned());
        if config.host.trim().is_empty() {
            return Err(bad("host is empty"));
        }
        let system_id = COctetString::from_str(&config.system_id)
            .map_err(|_| bad("system_id must be 1 to 15 ASCII characters"))?;
        let password = COctetString::from_str(&config.password)
            .map_err(|_| bad("password must be at most 8 ASCII characters"))?;
        let system_type = COctetString::from_str(&config.system_type)
            .map_err(|_| bad("system_type must be at most 12 ASCII characters"))?;
        let source = config.source_addr.trim();
        let digits = source.strip_prefix('+').unwrap_or(source);
        let (source_ton, source_npi, source_text) =
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                if digits.len() > 15 {
                    return Err(bad("source_addr: a number has at most 15 digits"));
                }
                (Ton::International, Npi::Isdn, digits)
            } else if (1..=11).contains(&source.len())
                && source
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b' ')
            {
                (Ton::Alphanumeric, Npi::Unknown, source)
            } else {
                return Err(bad(
                    "source_addr must be a number or 1 to 11 letters and digits",
                ));
            };
        let source_addr =
            COctetString::from_str(source_text).map_err(|_| bad("source_addr is not valid"))?;
        Ok(SmppSender {
            identity: Identity {
                system_id,
                password,
                system_type,
                source_ton,
                source_npi,
                source_addr,
            },
            config,
            client: Mutex::new(None),
        })
    }

    async fn connect(&self) -> Result<Client, SendError> {
        let address = (self.config.host.as_str(), self.config.port);
        let connect_timeout = Duration::from_secs(self.config.connect_timeout_secs.max(1));
        let stream = tokio::time::timeout(connect_timeout, tokio::net::TcpStream::connect(address))
            .await
            .map_err(|_| SendError::Transient("SMSC connection timed out".to_owned()))?
            .map_err(|e| SendError::Transient(format!("cannot connect to the SMSC: {e}")))?;
        let (client, mut events) = ConnectionBuilder::new()
            .response_timeout(Duration::from_secs(
                self.config.response_timeout_secs.max(1),
            ))
            .enquire_link_interval(Duration::from_secs(self.config.enquire_link_secs.max(1)))
            .connected(stream);
        // The event stream must be drained; nothing in it needs an answer from a transmitter.
        tokio::spawn(async move {
            while let Some(event) = events.next().await {
                tracing::debug!(?event, "SMPP event");
            }
        });
        let identity = &self.identity;
        client
            .bind_transmitter(
                BindTransmitter::builder()
                    .system_id(identity.system_id.clone())
                    .password(identity.password.clone())
                    .system_type(identity.system_type.clone())
                    .addr_ton(Ton::Unknown)
                    .addr_npi(Npi::Unknown)
                    .address_range(COctetString::empty())
                    .build(),
            )
            .await
            .map_err(|e| {
                SendError::Transient(format!("the SMSC refused the bind: {}", describe(&e)))
            })?;
        Ok(client)
    }

    /// The submit_sm PDUs for a message: one, or the parts of a concatenated SMS.
    fn parts(&self, message: &OutboxMessage) -> Result<Vec<SubmitSm>, SendError> {
        let number = message
            .message
            .recipient
            .parse::<MobileNumber>()
            .map_err(|e| SendError::Permanent(format!("recipient is not a mobile number: {e}")))?;
        let digits = number.as_str().trim_start_matches('+');
        let destination = COctetString::from_str(digits)
            .map_err(|_| SendError::Permanent("recipient number is too long".to_owned()))?;
        let text = if message.message.body.trim().is_empty() {
            message.message.subject.as_str()
        } else {
            message.message.body.as_str()
        };
        if text.trim().is_empty() {
            return Err(SendError::Permanent("the message has no text".to_owned()));
        }
        let identity = &self.identity;
        let base = SubmitSm::builder()
            .service_type(ServiceType::default())
            .source_addr_ton(identity.source_ton)
            .source_addr_npi(identity.source_npi)
            .source_addr(identity.source_addr.clone())
            .dest_addr_ton(Ton::International)
            .dest_addr_npi(Npi::Isdn)
            .destination_addr(destination)
            .esm_class(EsmClass::default())
            .registered_delivery(RegisteredDelivery::default())
            .data_coding(DataCoding::default())
            .short_message(OctetString::empty())
            .build();
        // The concatenation reference only has to differ between consecutive long messages.
        let reference = u16::try_from(message.id.rem_euclid(65_536)).unwrap_or(0);
        base.multipart(text)
            .reference_u16(reference)
            .gsm7bit_unpacked()
            .fallback(Ucs2::new())
            .build()
            .map_err(|e| SendError::Permanent(format!("the text cannot be sent as SMS: {e}")))
    }
}

impl Sender for SmppSender {
    fn channels(&self) -> Vec<OutboxChannel> {
        vec![OutboxChannel::Sms]
    }

    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            if message.message.channel != OutboxChannel::Sms {
                return Err(SendError::Permanent(format!(
                    "the SMPP sender cannot carry {} messages",
                    message.message.channel.as_str()
                )));
            }
            let parts = self.parts(message)?;
            let mut slot = self.client.lock().await;
            let client = match slot.take() {
                Some(client) if client.is_active() => client,
                _ => self.connect().await?,
            };
            for part in parts {
                if let Err(error) = client.submit_sm(part).await {
                    let outcome = classify(&error);
                    if matches!(outcome, SendError::Transient(_)) {
                        // The connection may be broken: open a new one next time.
                        let _ = client.close().await;
                    } else {
                        *slot = Some(client);
                    }
                    return Err(outcome);
                }
            }
            *slot = Some(client);
            Ok(())
        })
    }
}

/// Permanent for SMSC refusals about the destination or the message itself; transient else.
fn classify(error: &rusmppc::error::Error) -> SendError {
    if let rusmppc::error::Error::UnexpectedResponse { response } = error {
        let status = response.status();
        let permanent = matches!(
            status,
            CommandStatus::EsmeRinvdstadr
                | CommandStatus::EsmeRinvdstton
                | CommandStatus::EsmeRinvdstnpi
                | CommandStatus::EsmeRinvmsglen
                | CommandStatus::EsmeRinvesmclass
                | CommandStatus::EsmeRinvdcs
                | CommandStatus::EsmeRinvsrcadr
                | CommandStatus::EsmeRinvsrcton
                | CommandStatus::EsmeRinvsrcnpi
        );
        let text = format!("the SMSC refused the message: {status:?}");
        return if permanent {
            SendError::Permanent(text)
        } else {
            SendError::Transient(text)
        };
    }
    SendError::Transient(format!("SMPP error: {}", describe(error)))
}

fn describe(error: &rusmppc::error::Error) -> String {
    match error {
        rusmppc::error::Error::UnexpectedResponse { response } => {
            format!("status {:?}", response.status())
        }
        other => other.to_string(),
    }
}
