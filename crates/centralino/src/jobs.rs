//! The server's background jobs: the outbox delivery worker and the scheduled reminders of
//! domestic contributions due (R-NOTIF-1). Both stop when the server stops.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use services::outbox::{Senders, WorkerOptions, run_outbox_worker};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Profile;

/// How often the reminder job looks for payments due, and how far ahead it reminds.
const REMINDER_INTERVAL: Duration = Duration::from_secs(3600);
const REMINDER_DAYS_AHEAD: u16 = 7;

/// The configured jobs, ready to start with the server.
#[derive(Debug)]
pub(crate) struct Jobs {
    senders: Senders,
    worker: WorkerOptions,
    zone: TimeZone,
}

impl Jobs {
    pub(crate) fn new(profile: &Profile, data_dir: &Path, zone: TimeZone) -> anyhow::Result<Jobs> {
        let senders = Senders::from_config(&profile.outbox, data_dir)
            .context("configuring the outbox senders ([outbox] in the profile)")?;
        Ok(Jobs {
            senders,
            worker: WorkerOptions::from_config(&profile.outbox),
            zone,
        })
    }

    /// Starts the jobs; each ends when `stop` turns true.
    pub(crate) fn spawn(
        self,
        store: store::Store,
        stop: watch::Receiver<bool>,
    ) -> Vec<JoinHandle<()>> {
        let outbox = tokio::spawn(run_outbox_worker(
            store.clone(),
            self.senders,
            self.worker,
            Timestamp::now,
            stopped(stop.clone()),
        ));
        let reminders = tokio::spawn(remind_domestic_dues(store, self.zone, stopped(stop)));
        vec![outbox, reminders]
    }
}

/// Completes when the stop flag turns true (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

async fn remind_domestic_dues(store: store::Store, zone: TimeZone, stop: impl Future<Output = ()>) {
    tokio::pin!(stop);
    loop {
        let now = Timestamp::now();
        let today = now.to_zoned_datetime(zone.clone()).date();
        match services::domestic::reminders::queue_due_reminders(
            &store,
            today,
            REMINDER_DAYS_AHEAD,
            now,
        )
        .await
        {
            Ok(report) if report.queued > 0 => {
                tracing::info!(?report, "domestic contribution reminders queued")
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "domestic contribution reminders failed"),
        }
        tokio::select! {
            () = &mut stop => break,
            () = tokio::time::sleep(REMINDER_INTERVAL) => {}
        }
    }
}
