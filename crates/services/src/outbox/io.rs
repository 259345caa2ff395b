//! Messages in the IO app (the public-services app): `POST {base_url}/api/v1/messages` with the
//! service's subscription key in `Ocp-Apim-Subscription-Key` and the body
//! `{"fiscal_code": …, "content": {"subject": …, "markdown": …}}`, as the public IO API has it.
//!
//! IO's rules are checked before sending: the subject must be 10 to 120 characters and the
//! markdown 80 to 10,000. A short subject gets the institute's name in front ("INPS - …"); a long
//! one is cut with an ellipsis; a short body gets the institute's standard closing line appended;
//! a body over 10,000 characters is refused (a permanent error: cutting it could drop what
//! matters). The recipient must be a valid tax code.
//!
//! Answers: 2xx is delivered; 429 and 5xx (and network errors, and 401 — a key that may be fixed)
//! are retried; any other 4xx (invalid payload, unknown recipient, recipient who blocked the
//! service) is permanent.
//!
//! HTTPS only, except for loopback hosts (127.0.0.0/8, ::1, localhost), which may use plain http
//! so tests and local simulators need no certificate. TLS is rustls with aws-lc-rs: a binary that
//! also links ring must install a process-wide provider first (DESIGN §3).

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

use domain::TaxCode;
use reqwest::{StatusCode, Url};
use serde::Deserialize;
use store::outbox::{OutboxChannel, OutboxMessage};

use super::{ConfigError, SendError, SendFuture, Sender};

/// IO's limits, in characters.
pub const SUBJECT_MIN: usize = 10;
pub const SUBJECT_MAX: usize = 120;
pub const MARKDOWN_MIN: usize = 80;
pub const MARKDOWN_MAX: usize = 10_000;

/// Appended to a body shorter than IO accepts.
const CLOSING: &str = "\n\n---\nMessaggio inviato dall'INPS, Istituto Nazionale della \
    Previdenza Sociale. Per informazioni chiama il Contact Center al numero 803 164.";

/// The `[outbox.io]` section.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IoConfig {
    /// E.g. `https://api.io.pagopa.it`; `http` only for loopback hosts.
    pub base_url: String,
    /// The service's subscription key.
    pub api_key: String,
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_timeout_secs() -> u64 {
    30
}

impl fmt::Debug for IoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IoConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"***")
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

/// Sends IO-app messages.
pub struct IoSender {
    endpoint: Url,
    api_key: String,
    http: reqwest::Client,
}

impl fmt::Debug for IoSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IoSender")
            .field("endpoint", &self.endpoint.as_str())
            .finish_non_exhaustive()
    }
}

impl IoSender {
    /// Checks the URL (https, or http on loopback) and the key, and builds the HTTP client.
    pub fn new(config: IoConfig) -> Result<IoSender, ConfigError> {
        let bad = |what: String| ConfigError::Io(what);
        let base = Url::parse(config.base_url.trim())
            .map_err(|e| bad(format!("base_url {:?} is not a URL: {e}", config.base_url)))?;
        match base.scheme() {
            "https" => {}
            "http" if is_loopback(&base) => {}
            "http" => {
                return Err(bad(
                    "base_url must be https (plain http only for a loopback host)".to_owned(),
                ));
            }
            other => return Err(bad(format!("base_url scheme {other:?} is not https"))),
        }
        if config.api_key.trim().is_empty() {
            return Err(bad("api_key is empty".to_owned()));
        }
        let endpoint = Url::parse(&format!(
            "{}/api/v1/messages",
            base.as_str().trim_end_matches('/')
        ))
        .map_err(|e| bad(format!("base_url: {e}")))?;
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_secs.max(1)))
            .connect_timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| bad(format!("cannot build the HTTP client: {e}")))?;
        Ok(IoSender {
            endpoint,
            api_key: config.api_key,
            http,
        })
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

/// The subject as IO accepts it: padded with the institute's name when short, cut when long.
pub fn io_subject(subject: &str) -> String {
    let subject = subject.trim();
    let mut text = if subject.chars().count() >= SUBJECT_MIN {
        subject.to_owned()
    } else if subject.is_empty() {
        "Comunicazione INPS".to_owned()
    } else {
        format!("INPS - {subject}")
    };
    while text.chars().count() < SUBJECT_MIN {
        text.push('.');
    }
    if text.chars().count() > SUBJECT_MAX {
        text = text.chars().take(SUBJECT_MAX - 1).collect::<String>();
        text = text.trim_end().to_owned();
        text.push('…');
    }
    text
}

/// The markdown body as IO accepts it: the closing line appended when short; an error when
/// longer than IO allows.
pub fn io_markdown(body: &str) -> Result<String, SendError> {
    let body = body.trim();
    let length = body.chars().count();
    if length > MARKDOWN_MAX {
        return Err(SendError::Permanent(format!(
            "the message is {length} characters; IO accepts at most {MARKDOWN_MAX}"
        )));
    }
    if length >= MARKDOWN_MIN {
        return Ok(body.to_owned());
    }
    let mut text = format!("{body}{CLOSING}");
    while text.chars().count() < MARKDOWN_MIN {
        text.push('.');
    }
    Ok(text)
}

impl Sender for IoSender {
    fn channels(&self) -> Vec<OutboxChannel> {
        vec![OutboxChannel::Io]
    }

    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            if message.message.channel != OutboxChannel::Io {
                return Err(SendError::Permanent(format!(
                    "the IO sender cannot carry {} messages",
                    message.message.channel.as_str()
                )));
            }
            let fiscal_code = TaxCode::parse(message.message.recipient.trim())
                .map_err(|e| SendError::Permanent(format!("recipient is not a tax code: {e}")))?;
            let payload = serde_json::json!({
                "fiscal_code": fiscal_code.as_str(),
                "content": {
                    "subject": io_subject(&message.message.subject),
                    "markdown": io_markdown(&message.message.body)?,
                },
            });
            let response = self
                .http
                .post(self.endpoint.clone())
                .header("Ocp-Apim-Subscription-Key", &self.api_key)
                .json(&payload)
                .send()
                .await
                .map_err(|e| SendError::Transient(format!("IO API unreachable: {e}")))?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            // IO answers problems as JSON with a `detail`; keep a short excerpt.
            let detail: String = response
                .text()
                .await
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect();
            let text = format!("IO API answered {status}: {detail}");
            if status == StatusCode::TOO_MANY_REQUESTS
                || status == StatusCode::UNAUTHORIZED
                || status.is_server_error()
            {
                Err(SendError::Transient(text))
            } else {
                Err(SendError::Permanent(text))
            }
        })
    }
}
