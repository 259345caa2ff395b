use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use store::Store;
use store::outbox::{NewMessage, OutboxChannel, OutboxMessage, OutboxStatus};

use super::*;

mod io;
mod smpp;

fn t0() -> Timestamp {
    "2026-01-16T09:00:00Z".parse().expect("instant")
}

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn message(channel: OutboxChannel, recipient: &str) -> NewMessage {
    NewMessage {
        channel,
        recipient: recipient.to_owned(),
        subject: "Appuntamento confermato".to_owned(),
        body: "Il suo appuntamento è confermato per lunedì 19/01/2026 alle 09:30.".to_owned(),
        attachment: None,
        related: Some("appointment:1".to_owned()),
    }
}

async fn enqueue(store: &Store, channel: OutboxChannel, recipient: &str, at: Timestamp) -> i64 {
    store
        .outbox()
        .enqueue(&message(channel, recipient), at)
        .await
        .expect("enqueue")
}

async fn get(store: &Store, id: i64) -> OutboxMessage {
    store
        .outbox()
        .by_id(id)
        .await
        .expect("read")
        .expect("message exists")
}

/// Fails with a temporary error `failures` times, then succeeds; counts its calls.
#[derive(Debug)]
struct Flaky {
    failures: u32,
    calls: AtomicU32,
    error: SendError,
}

impl Flaky {
    fn new(failures: u32, error: SendError) -> Flaky {
        Flaky {
            failures,
            calls: AtomicU32::new(0),
            error,
        }
    }
}

impl Sender for Flaky {
    fn channels(&self) -> Vec<OutboxChannel> {
        vec![OutboxChannel::Sms]
    }

    fn send<'a>(&'a self, _message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let call = self.calls.fetch_add(1, Ordering::SeqCst);
            if call < self.failures {
                Err(self.error.clone())
            } else {
                Ok(())
            }
        })
    }
}

/// Never answers.
#[derive(Debug)]
struct Hanging;

impl Sender for Hanging {
    fn channels(&self) -> Vec<OutboxChannel> {
        vec![OutboxChannel::Sms]
    }

    fn send<'a>(&'a self, _message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn the_spool_gets_one_json_file_per_message() {
    let store = Store::open_in_memory().await.expect("store");
    let dir = tempfile::tempdir().expect("dir");
    let spool = FileSpool::new(dir.path().join("outbox"));
    let senders = Senders::new().with(Arc::new(spool.clone()));
    let sms = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;
    let io = enqueue(&store, OutboxChannel::Io, "RSSMRA80A01H501U", t0()).await;
    let later = enqueue(
        &store,
        OutboxChannel::Postal,
        "Mario Rossi\nVia Roma 1",
        t0() + mins(10),
    )
    .await;

    let report = deliver_due(&store, &senders, &RetryPolicy::default(), t0(), 10)
        .await
        .expect("deliver");
    assert_eq!(
        report,
        DeliveryReport {
            claimed: 2,
            sent: 2,
            ..DeliveryReport::default()
        }
    );
    for (id, channel) in [(sms, OutboxChannel::Sms), (io, OutboxChannel::Io)] {
        let path = spool.path_of(id, channel);
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("spooled file")).expect("json");
        assert_eq!(json["id"], id);
        assert_eq!(json["channel"], channel.as_str());
        assert_eq!(json["related"], "appointment:1");
        assert_eq!(json["attempt"], 1);
        assert!(
            json["body"]
                .as_str()
                .expect("body")
                .contains("è confermato")
        );
        let stored = get(&store, id).await;
        assert_eq!(stored.status, OutboxStatus::Sent);
        assert_eq!(stored.sent_at, Some(t0()));
    }
    assert_eq!(
        spool
            .path_of(sms, OutboxChannel::Sms)
            .file_name()
            .and_then(|n| n.to_str()),
        Some(format!("{sms:010}-sms.json").as_str())
    );
    // The postal letter is not due yet; no temporary files are left.
    assert_eq!(get(&store, later).await.status, OutboxStatus::Pending);
    let names: Vec<String> = std::fs::read_dir(spool.dir())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".json") && !n.starts_with('.'))
    );

    // Nothing is sent twice.
    let again = deliver_due(
        &store,
        &senders,
        &RetryPolicy::default(),
        t0() + mins(1),
        10,
    )
    .await
    .expect("deliver");
    assert_eq!(again.claimed, 0);
    let letter = deliver_due(
        &store,
        &senders,
        &RetryPolicy::default(),
        t0() + mins(10),
        10,
    )
    .await
    .expect("deliver");
    assert_eq!(letter.sent, 1);
}

#[tokio::test]
async fn a_failing_sender_is_retried_with_backoff_until_it_succeeds() {
    let store = Store::open_in_memory().await.expect("store");
    let flaky = Arc::new(Flaky::new(2, SendError::Transient("SMSC busy".to_owned())));
    let senders = Senders::new().with(flaky.clone());
    let policy = RetryPolicy::default();
    let id = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;

    // Attempt 1 at t0 fails: due again one minute later.
    let report = deliver_due(&store, &senders, &policy, t0(), 10)
        .await
        .expect("deliver");
    assert_eq!(report.retried, 1);
    let stored = get(&store, id).await;
    assert_eq!(stored.status, OutboxStatus::Pending);
    assert_eq!(stored.attempts, 1);
    assert_eq!(stored.next_attempt_at, t0() + mins(1));
    assert_eq!(stored.last_error.as_deref(), Some("SMSC busy"));

    // Not before.
    let early = t0() + SignedDuration::from_secs(59);
    assert_eq!(
        deliver_due(&store, &senders, &policy, early, 10)
            .await
            .expect("deliver")
            .claimed,
        0
    );

    // Attempt 2 at t0+1min fails: due again five minutes later.
    let report = deliver_due(&store, &senders, &policy, t0() + mins(1), 10)
        .await
        .expect("deliver");
    assert_eq!(report.retried, 1);
    let stored = get(&store, id).await;
    assert_eq!(stored.attempts, 2);
    assert_eq!(stored.next_attempt_at, t0() + mins(6));
    let early = t0() + mins(6) - SignedDuration::from_secs(1);
    assert_eq!(
        deliver_due(&store, &senders, &policy, early, 10)
            .await
            .expect("deliver")
            .claimed,
        0
    );

    // Attempt 3 at t0+6min succeeds.
    let report = deliver_due(&store, &senders, &policy, t0() + mins(6), 10)
        .await
        .expect("deliver");
    assert_eq!(report.sent, 1);
    let stored = get(&store, id).await;
    assert_eq!(stored.status, OutboxStatus::Sent);
    assert_eq!(stored.attempts, 3);
    assert_eq!(stored.sent_at, Some(t0() + mins(6)));
    assert_eq!(stored.last_error, None);
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_permanent_error_fails_the_message_at_once() {
    let store = Store::open_in_memory().await.expect("store");
    let flaky = Arc::new(Flaky::new(
        u32::MAX,
        SendError::Permanent("recipient is not a mobile number".to_owned()),
    ));
    let senders = Senders::new().with(flaky.clone());
    let id = enqueue(&store, OutboxChannel::Sms, "not a number", t0()).await;
    let report = deliver_due(&store, &senders, &RetryPolicy::default(), t0(), 10)
        .await
        .expect("deliver");
    assert_eq!(report.failed, 1);
    let stored = get(&store, id).await;
    assert_eq!(stored.status, OutboxStatus::Failed);
    assert_eq!(
        stored.last_error.as_deref(),
        Some("permanent: recipient is not a mobile number")
    );
    // Failed messages are never claimed again…
    let later = deliver_due(
        &store,
        &senders,
        &RetryPolicy::default(),
        t0() + mins(600),
        10,
    )
    .await
    .expect("deliver");
    assert_eq!(later.claimed, 0);
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 1);
    // …unless an operator puts them back.
    assert!(
        store
            .outbox()
            .requeue_failed(id, t0() + mins(700))
            .await
            .expect("requeue")
    );
    assert_eq!(get(&store, id).await.status, OutboxStatus::Pending);
}

#[tokio::test]
async fn the_last_attempt_fails_the_message() {
    let store = Store::open_in_memory().await.expect("store");
    let flaky = Arc::new(Flaky::new(
        u32::MAX,
        SendError::Transient("down".to_owned()),
    ));
    let senders = Senders::new().with(flaky.clone());
    let policy = RetryPolicy {
        max_attempts: 3,
        ..RetryPolicy::default()
    };
    let id = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;
    let mut now = t0();
    for attempt in 1..=3 {
        let report = deliver_due(&store, &senders, &policy, now, 10)
            .await
            .expect("deliver");
        assert_eq!(report.claimed, 1, "attempt {attempt}");
        now = get(&store, id).await.next_attempt_at;
    }
    let stored = get(&store, id).await;
    assert_eq!(stored.status, OutboxStatus::Failed);
    assert_eq!(stored.attempts, 3);
    assert_eq!(
        stored.last_error.as_deref(),
        Some("gave up after 3 attempts: down")
    );
    assert_eq!(flaky.calls.load(Ordering::SeqCst), 3);
}

#[test]
fn backoff_grows_and_is_capped() {
    let policy = RetryPolicy::default();
    let delays: Vec<i64> = (1..=7).map(|a| policy.delay_after(a).as_secs()).collect();
    assert_eq!(delays, vec![60, 300, 1_800, 7_200, 21_600, 21_600, 21_600]);
}

#[tokio::test]
async fn a_send_that_hangs_times_out_and_is_retried() {
    let store = Store::open_in_memory().await.expect("store");
    let senders = Senders::new().with(Arc::new(Hanging));
    let policy = RetryPolicy {
        send_timeout: Duration::from_millis(50),
        ..RetryPolicy::default()
    };
    let id = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;
    let report = deliver_due(&store, &senders, &policy, t0(), 10)
        .await
        .expect("deliver");
    assert_eq!(report.retried, 1);
    let stored = get(&store, id).await;
    assert_eq!(stored.status, OutboxStatus::Pending);
    assert!(
        stored
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("no answer"))
    );
}

#[tokio::test]
async fn messages_without_a_sender_stay_pending() {
    let store = Store::open_in_memory().await.expect("store");
    let flaky = Arc::new(Flaky::new(0, SendError::Transient(String::new())));
    let senders = Senders::new().with(flaky);
    let letter = enqueue(&store, OutboxChannel::Postal, "Mario Rossi", t0()).await;
    let sms = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;
    let report = deliver_due(&store, &senders, &RetryPolicy::default(), t0(), 10)
        .await
        .expect("deliver");
    assert_eq!(report.claimed, 1);
    assert_eq!(get(&store, sms).await.status, OutboxStatus::Sent);
    let waiting = get(&store, letter).await;
    assert_eq!(waiting.status, OutboxStatus::Pending);
    assert_eq!(waiting.attempts, 0);
}

#[tokio::test]
async fn the_worker_delivers_until_shutdown() {
    let store = Store::open_in_memory().await.expect("store");
    let dir = tempfile::tempdir().expect("dir");
    let spool = FileSpool::new(dir.path());
    let id = enqueue(&store, OutboxChannel::Sms, "+393331234567", t0()).await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = tokio::spawn(run_outbox_worker(
        store.clone(),
        Senders::new().with(Arc::new(spool.clone())),
        WorkerOptions {
            tick: Duration::from_millis(10),
            ..WorkerOptions::default()
        },
        || "2026-01-16T09:00:01Z".parse().expect("instant"),
        async {
            let _ = stopped.await;
        },
    ));
    let path = spool.path_of(id, OutboxChannel::Sms);
    // Bounded wait for the worker's first rounds.
    for _ in 0..500 {
        if get(&store, id).await.status == OutboxStatus::Sent {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(get(&store, id).await.status, OutboxStatus::Sent);
    assert!(path.exists());
    stop.send(()).expect("worker listening");
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("worker stops")
        .expect("worker did not panic");
}

#[test]
fn config_has_defaults_and_rejects_unknown_keys() {
    let config: OutboxConfig = toml::from_str("").expect("empty is fine");
    assert_eq!(config, OutboxConfig::default());
    assert_eq!(config.retry_policy(), RetryPolicy::default());

    let config: OutboxConfig = toml::from_str(
        r#"
        spool_dir = "/var/spool/centralino"
        max_attempts = 4
        backoff_secs = [30, 600]

        [smpp]
        host = "smsc.example.net"
        system_id = "inps"
        password = "secret"
        source_addr = "INPS"

        [io]
        base_url = "https://api.io.example"
        api_key = "k-123"
        "#,
    )
    .expect("full config");
    assert_eq!(config.max_attempts, 4);
    let smpp = config.smpp.as_ref().expect("smpp");
    assert_eq!(smpp.port, 2775);
    assert!(!format!("{smpp:?}").contains("secret"));
    assert!(!format!("{:?}", config.io).contains("k-123"));
    let policy = config.retry_policy();
    assert_eq!(policy.max_attempts, 4);
    assert_eq!(policy.delay_after(5).as_secs(), 600);

    for bad in [
        "spool = \"x\"",
        "[smpp]\nhost = \"h\"\nsystem_id = \"s\"\npassword = \"p\"\nsource_addr = \"INPS\"\ntls = true",
        "[io]\nbase_url = \"https://x\"\napi_key = \"k\"\nkey = \"k\"",
    ] {
        assert!(toml::from_str::<OutboxConfig>(bad).is_err(), "{bad}");
    }
}

#[tokio::test]
async fn senders_from_config_spool_everything_unless_told_otherwise() {
    let dir = tempfile::tempdir().expect("dir");
    let senders = Senders::from_config(&OutboxConfig::default(), dir.path()).expect("senders");
    assert_eq!(senders.channels().len(), 4);
    let sms = format!(
        "{:?}",
        senders.for_channel(OutboxChannel::Sms).expect("sms")
    );
    assert!(sms.contains("FileSpool") && sms.contains("outbox"), "{sms}");

    let config = OutboxConfig {
        io: Some(IoConfig {
            base_url: "https://api.io.example".to_owned(),
            api_key: "k".to_owned(),
            timeout_secs: 5,
        }),
        ..OutboxConfig::default()
    };
    let senders = Senders::from_config(&config, dir.path()).expect("senders");
    let io = format!("{:?}", senders.for_channel(OutboxChannel::Io).expect("io"));
    assert!(io.contains("IoSender"), "{io}");
    let postal = format!(
        "{:?}",
        senders.for_channel(OutboxChannel::Postal).expect("postal")
    );
    assert!(postal.contains("FileSpool"), "{postal}");
}
