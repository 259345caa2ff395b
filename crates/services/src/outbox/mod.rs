//! Delivery of the notifications outbox (R-NOTIF-1, the SMS of R-SELF-9, the letters of
//! R-SELF-4..7): senders behind one trait, and the worker that claims due messages, sends them,
//! and retries with backoff.
//!
//! Messages are written to the outbox table by the services that report a fact, in the fact's
//! transaction (`store::outbox::Outbox::enqueue_in`). [`deliver_due`] then claims due messages
//! with a lease (so two workers never send the same message at once), hands each to the
//! [`Sender`] registered for its channel, and marks it sent, schedules a retry after a growing
//! delay ([`RetryPolicy`]: 1 min, 5 min, 30 min, 2 h, then every 6 h), or marks it failed after
//! the last attempt or on a permanent error. [`run_outbox_worker`] calls it every few seconds
//! until shutdown.
//!
//! Senders: [`FileSpool`] (the default, for every channel: one JSON file per message),
//! [`SmppSender`] (SMS over SMPP) and [`IoSender`] (messages in the IO app). [`Senders::from_config`]
//! builds the set from the `[outbox]` configuration.
//!
//! A message is delivered at least once: a worker that dies after sending but before marking the
//! message sent leaves it to be sent again when its lease runs out.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use domain::Pii;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use store::outbox::{OutboxChannel, OutboxMessage};
use store::{Store, StoreError};

mod io;
mod smpp;
mod spool;
#[cfg(test)]
mod tests;

pub use io::{
    IoConfig, IoSender, MARKDOWN_MAX, MARKDOWN_MIN, SUBJECT_MAX, SUBJECT_MIN, io_markdown,
    io_subject,
};
pub use smpp::{SmppConfig, SmppSender};
pub use spool::FileSpool;

/// Why a message was not delivered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the network, a busy or unreachable gateway, a timeout.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Trying again cannot help: an invalid recipient, a message the channel cannot carry, a
    /// refusal by the gateway.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// What [`Sender::send`] returns.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Something that delivers outbox messages on one or more channels.
///
/// `send` returns a boxed future (rather than being an `async fn`) so that senders can live
/// behind `Arc<dyn Sender>` in [`Senders`].
pub trait Sender: Send + Sync + fmt::Debug {
    /// The channels this sender carries.
    fn channels(&self) -> Vec<OutboxChannel>;

    /// Delivers one message. `Ok` means the channel accepted it.
    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a>;
}

/// The sender for each channel.
#[derive(Clone, Debug, Default)]
pub struct Senders {
    by_channel: HashMap<OutboxChannel, Arc<dyn Sender>>,
}

impl Senders {
    pub fn new() -> Senders {
        Senders::default()
    }

    /// Registers `sender` for each of its channels, replacing the sender registered before.
    pub fn with(mut self, sender: Arc<dyn Sender>) -> Senders {
        for channel in sender.channels() {
            self.by_channel.insert(channel, Arc::clone(&sender));
        }
        self
    }

    pub fn for_channel(&self, channel: OutboxChannel) -> Option<&Arc<dyn Sender>> {
        self.by_channel.get(&channel)
    }

    /// The channels that have a sender (messages of other channels stay pending).
    pub fn channels(&self) -> Vec<OutboxChannel> {
        let mut channels: Vec<OutboxChannel> = self.by_channel.keys().copied().collect();
        channels.sort_by_key(|c| c.as_str());
        channels
    }

    /// The senders the configuration asks for: the file spool for every channel (under
    /// `spool_dir`, or `<data_dir>/outbox`), replaced by SMPP for SMS and by the IO API for IO
    /// messages when those sections are present.
    pub fn from_config(config: &OutboxConfig, data_dir: &Path) -> Result<Senders, ConfigError> {
        let spool_dir = config
            .spool_dir
            .clone()
            .unwrap_or_else(|| data_dir.join("outbox"));
        let mut senders = Senders::new().with(Arc::new(FileSpool::new(spool_dir)));
        if let Some(smpp) = &config.smpp {
            senders = senders.with(Arc::new(SmppSender::new(smpp.clone())?));
        }
        if let Some(io) = &config.io {
            senders = senders.with(Arc::new(IoSender::new(io.clone())?));
        }
        Ok(senders)
    }
}

/// The `[outbox]` section of the profile.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxConfig {
    /// Where the file spool writes; default `<data_dir>/outbox`.
    #[serde(default)]
    pub spool_dir: Option<PathBuf>,
    /// Attempts before a message is marked failed (at least 1).
    #[serde(default = "default_max_attempts")]
    pub max_attempts: u32,
    /// Delays between attempts, in seconds; the last one repeats.
    #[serde(default = "default_backoff_secs")]
    pub backoff_secs: Vec<u64>,
    /// How often the worker looks for due messages, in seconds.
    #[serde(default = "default_tick_secs")]
    pub tick_secs: u64,
    /// SMS over SMPP; without it SMS go to the spool.
    #[serde(default)]
    pub smpp: Option<SmppConfig>,
    /// IO-app messages; without it IO messages go to the spool.
    #[serde(default)]
    pub io: Option<IoConfig>,
}

fn default_max_attempts() -> u32 {
    8
}

fn default_backoff_secs() -> Vec<u64> {
    vec![60, 300, 1_800, 7_200, 21_600]
}

fn default_tick_secs() -> u64 {
    5
}

impl Default for OutboxConfig {
    fn default() -> Self {
        OutboxConfig {
            spool_dir: None,
            max_attempts: default_max_attempts(),
            backoff_secs: default_backoff_secs(),
            tick_secs: default_tick_secs(),
            smpp: None,
            io: None,
        }
    }
}

impl OutboxConfig {
    /// The retry policy this configuration describes.
    pub fn retry_policy(&self) -> RetryPolicy {
        let backoff: Vec<SignedDuration> = self
            .backoff_secs
            .iter()
            .map(|&s| SignedDuration::from_secs(i64::try_from(s).unwrap_or(i64::MAX)))
            .collect();
        RetryPolicy {
            max_attempts: self.max_attempts.max(1),
            backoff: if backoff.is_empty() {
                RetryPolicy::default().backoff
            } else {
                backoff
            },
            ..RetryPolicy::default()
        }
    }
}

/// A sender's configuration that cannot work.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("[outbox.smpp] {0}")]
    Smpp(String),
    #[error("[outbox.io] {0}")]
    Io(String),
}

/// When to try again and when to give up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts before a message is marked failed.
    pub max_attempts: u32,
    /// The delay after the 1st, 2nd, … failed attempt; the last one repeats.
    pub backoff: Vec<SignedDuration>,
    /// How long a claimed message is reserved for the worker that claimed it; longer than a
    /// send can take.
    pub lease: SignedDuration,
    /// A send that takes longer is abandoned and counts as a temporary failure.
    pub send_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: default_max_attempts(),
            backoff: default_backoff_secs()
                .into_iter()
                .map(|s| SignedDuration::from_secs(i64::try_from(s).unwrap_or(i64::MAX)))
                .collect(),
            lease: SignedDuration::from_mins(5),
            send_timeout: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The delay after failed attempt number `attempt` (1-based).
    pub fn delay_after(&self, attempt: i64) -> SignedDuration {
        let index = usize::try_from(attempt.saturating_sub(1)).unwrap_or(0);
        self.backoff
            .get(index)
            .or(self.backoff.last())
            .copied()
            .unwrap_or(SignedDuration::from_mins(1))
    }
}

/// What one [`deliver_due`] call did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub claimed: usize,
    pub sent: usize,
    /// Failed this time, scheduled again.
    pub retried: usize,
    /// Given up on (permanent error or last attempt).
    pub failed: usize,
    /// Sent or failed, but another worker had taken the message over meanwhile.
    pub lost_lease: usize,
}

static CLAIMS: AtomicU64 = AtomicU64::new(0);

/// A lease owner unique to this call (process id and a counter).
fn lease_owner() -> String {
    format!(
        "worker-{}-{}",
        std::process::id(),
        CLAIMS.fetch_add(1, Ordering::Relaxed)
    )
}

/// Claims up to `limit` due messages of the channels that have a sender and delivers them.
pub async fn deliver_due(
    store: &Store,
    senders: &Senders,
    policy: &RetryPolicy,
    now: Timestamp,
    limit: i64,
) -> Result<DeliveryReport, StoreError> {
    let owner = lease_owner();
    let outbox = store.outbox();
    let claimed = outbox
        .claim_due(&senders.channels(), &owner, now, policy.lease, limit)
        .await?;
    let mut report = DeliveryReport {
        claimed: claimed.len(),
        ..DeliveryReport::default()
    };
    for message in &claimed {
        let channel = message.message.channel;
        let outcome = match senders.for_channel(channel) {
            Some(sender) => {
                match tokio::time::timeout(policy.send_timeout, sender.send(message)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(SendError::Transient(format!(
                        "no answer within {} s",
                        policy.send_timeout.as_secs()
                    ))),
                }
            }
            None => Err(SendError::Transient(format!(
                "no sender for channel {}",
                channel.as_str()
            ))),
        };
        let attempts = message.attempts;
        let recipient = Pii::new(message.message.recipient.as_str());
        let kept = match outcome {
            Ok(()) => {
                tracing::info!(id = message.id, channel = channel.as_str(), %recipient, attempts, "outbox message sent");
                report.sent += 1;
                outbox.mark_sent(message.id, &owner, now).await?
            }
            Err(SendError::Permanent(error)) => {
                tracing::warn!(id = message.id, channel = channel.as_str(), %recipient, attempts, %error, "outbox message failed");
                report.failed += 1;
                outbox
                    .mark_failed(message.id, &owner, &format!("permanent: {error}"))
                    .await?
            }
            Err(SendError::Transient(error))
                if attempts >= i64::from(policy.max_attempts.max(1)) =>
            {
                tracing::warn!(id = message.id, channel = channel.as_str(), %recipient, attempts, %error, "outbox message failed: no attempts left");
                report.failed += 1;
                outbox
                    .mark_failed(
                        message.id,
                        &owner,
                        &format!("gave up after {attempts} attempts: {error}"),
                    )
                    .await?
            }
            Err(SendError::Transient(error)) => {
                let next = now
                    .checked_add(policy.delay_after(attempts))
                    .unwrap_or(Timestamp::MAX);
                tracing::info!(id = message.id, channel = channel.as_str(), attempts, %error, %next, "outbox message will be retried");
                report.retried += 1;
                outbox
                    .schedule_retry(message.id, &owner, next, &error)
                    .await?
            }
        };
        if !kept {
            report.lost_lease += 1;
        }
    }
    Ok(report)
}

/// How the worker loop runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerOptions {
    pub policy: RetryPolicy,
    /// The pause between looks for due messages (none while a full batch was just delivered).
    pub tick: Duration,
    /// Messages per [`deliver_due`] call.
    pub batch: i64,
}

impl Default for WorkerOptions {
    fn default() -> Self {
        WorkerOptions {
            policy: RetryPolicy::default(),
            tick: Duration::from_secs(default_tick_secs()),
            batch: 50,
        }
    }
}

impl WorkerOptions {
    pub fn from_config(config: &OutboxConfig) -> WorkerOptions {
        WorkerOptions {
            policy: config.retry_policy(),
            tick: Duration::from_secs(config.tick_secs.max(1)),
            ..WorkerOptions::default()
        }
    }
}

/// Delivers due messages every `options.tick` until `shutdown` completes (the server's worker
/// task). `clock` gives the current instant: the binary passes `jiff::Timestamp::now`.
/// A database error is logged and the loop goes on at the next tick.
pub async fn run_outbox_worker<C, S>(
    store: Store,
    senders: Senders,
    options: WorkerOptions,
    clock: C,
    shutdown: S,
) where
    C: Fn() -> Timestamp + Send,
    S: Future<Output = ()> + Send,
{
    tokio::pin!(shutdown);
    tracing::info!(channels = ?senders.channels().iter().map(|c| c.as_str()).collect::<Vec<_>>(), "outbox worker started");
    loop {
        let full_batch =
            match deliver_due(&store, &senders, &options.policy, clock(), options.batch).await {
                Ok(report) => {
                    if report.claimed > 0 {
                        tracing::debug!(?report, "outbox delivery round");
                    }
                    i64::try_from(report.claimed).unwrap_or(i64::MAX) >= options.batch
                }
                Err(error) => {
                    tracing::warn!(%error, "outbox delivery round failed");
                    false
                }
            };
        let pause = if full_batch {
            Duration::ZERO
        } else {
            options.tick
        };
        tokio::select! {
            () = &mut shutdown => break,
            () = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}

static TEMP_FILES: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` (inside `dir`, created if missing) through a temporary file in the
/// same directory, flushed to disk, then renamed: the final name never holds a partial file.
pub(crate) fn write_file_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".to_owned());
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        TEMP_FILES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
