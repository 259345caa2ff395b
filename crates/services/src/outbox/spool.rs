//! The file spool: the default sender for every channel. Each message becomes one JSON file,
//! `<spool_dir>/<id, 10 digits>-<channel>.json`, written to a temporary file and renamed, so a
//! reader (an operator, a mail-room robot, a test) never sees a partial file. Sending the same
//! message again replaces its file.

use std::path::{Path, PathBuf};

use store::outbox::{OutboxChannel, OutboxMessage};

use super::{SendError, SendFuture, Sender, write_file_atomically};

/// Writes messages as JSON files under a directory.
#[derive(Clone, Debug)]
pub struct FileSpool {
    dir: PathBuf,
}

impl FileSpool {
    pub fn new(dir: impl Into<PathBuf>) -> FileSpool {
        FileSpool { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a message is spooled to.
    pub fn path_of(&self, id: i64, channel: OutboxChannel) -> PathBuf {
        self.dir.join(format!("{id:010}-{}.json", channel.as_str()))
    }
}

/// The JSON written for a message.
fn to_json(message: &OutboxMessage) -> serde_json::Value {
    serde_json::json!({
        "id": message.id,
        "channel": message.message.channel.as_str(),
        "recipient": message.message.recipient,
        "subject": message.message.subject,
        "body": message.message.body,
        "attachment": message.message.attachment,
        "related": message.message.related,
        "created_at": message.created_at.to_string(),
        "attempt": message.attempts,
    })
}

impl Sender for FileSpool {
    fn channels(&self) -> Vec<OutboxChannel> {
        vec![
            OutboxChannel::Sms,
            OutboxChannel::Io,
            OutboxChannel::Postal,
            OutboxChannel::Email,
        ]
    }

    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let bytes = serde_json::to_vec_pretty(&to_json(message))
                .map_err(|e| SendError::Permanent(format!("cannot encode the message: {e}")))?;
            let dir = self.dir.clone();
            let path = self.path_of(message.id, message.message.channel);
            tokio::task::spawn_blocking(move || write_file_atomically(&dir, &path, &bytes))
                .await
                .map_err(|e| SendError::Transient(format!("spool writer stopped: {e}")))?
                .map_err(|e| {
                    SendError::Transient(format!(
                        "cannot write to the spool {}: {e}",
                        self.dir.display()
                    ))
                })
        })
    }
}
