//! The outbox's claim, lease and outcome bookkeeping against a real SQLite database.

use domain::{CenturyRule, Language, Sex, TaxCode};
use jiff::{SignedDuration, Timestamp};

use super::*;
use crate::CitizenData;

fn t0() -> Timestamp {
    "2026-01-16T09:00:00Z".parse().expect("instant")
}

fn sms(recipient: &str) -> NewMessage {
    NewMessage {
        channel: OutboxChannel::Sms,
        recipient: recipient.to_owned(),
        subject: String::new(),
        body: "Promemoria".to_owned(),
        attachment: None,
        related: Some("appointment:7".to_owned()),
    }
}

const ALL: [OutboxChannel; 4] = [
    OutboxChannel::Sms,
    OutboxChannel::Io,
    OutboxChannel::Postal,
    OutboxChannel::Email,
];

#[test]
fn sortable_instants_sort_as_text() {
    let whole = sortable(t0());
    let fraction = sortable(t0() + SignedDuration::from_millis(500));
    assert_eq!(whole, "2026-01-16T09:00:00.000000000Z");
    assert_eq!(fraction, "2026-01-16T09:00:00.500000000Z");
    assert!(whole < fraction);
    assert_eq!(
        fraction.parse::<Timestamp>().expect("parses"),
        t0() + SignedDuration::from_millis(500)
    );
}

#[tokio::test]
async fn a_claim_is_leased_to_one_worker() {
    let store = Store::open_in_memory().await.expect("store");
    let outbox = store.outbox();
    let id = outbox
        .enqueue(&sms("+393331234567"), t0())
        .await
        .expect("enqueue");
    let lease = SignedDuration::from_mins(5);

    let a = outbox
        .claim_due(&ALL, "a", t0(), lease, 10)
        .await
        .expect("claim");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].id, id);
    assert_eq!(a[0].attempts, 1);
    // B sees nothing while A's lease runs…
    let b = outbox
        .claim_due(&ALL, "b", t0() + SignedDuration::from_mins(4), lease, 10)
        .await
        .expect("claim");
    assert!(b.is_empty());
    // …and takes it over once the lease has run out (A died mid-send).
    let b = outbox
        .claim_due(&ALL, "b", t0() + lease, lease, 10)
        .await
        .expect("claim");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].attempts, 2);
    // A's late outcome no longer counts; B's does.
    assert!(!outbox.mark_sent(id, "a", t0()).await.expect("mark"));
    assert!(
        !outbox
            .schedule_retry(id, "a", t0(), "late")
            .await
            .expect("retry")
    );
    assert!(!outbox.mark_failed(id, "a", "late").await.expect("fail"));
    assert!(outbox.mark_sent(id, "b", t0() + lease).await.expect("mark"));
    let sent = outbox.by_id(id).await.expect("read").expect("exists");
    assert_eq!(sent.status, OutboxStatus::Sent);
    assert_eq!(sent.sent_at, Some(t0() + lease));
    // A sent message is not claimed again, and cannot be marked again.
    assert!(
        outbox
            .claim_due(&ALL, "c", t0() + SignedDuration::from_hours(9), lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    assert!(!outbox.mark_failed(id, "b", "x").await.expect("fail"));
}

#[tokio::test]
async fn claims_take_due_messages_oldest_first_within_the_limit_and_channels() {
    let store = Store::open_in_memory().await.expect("store");
    let outbox = store.outbox();
    let later = outbox
        .enqueue(&sms("+393330000002"), t0() + SignedDuration::from_secs(30))
        .await
        .expect("enqueue");
    let first = outbox
        .enqueue(&sms("+393330000001"), t0())
        .await
        .expect("enqueue");
    let future = outbox
        .enqueue(&sms("+393330000003"), t0() + SignedDuration::from_hours(1))
        .await
        .expect("enqueue");
    let mut letter = sms("Mario Rossi");
    letter.channel = OutboxChannel::Postal;
    let postal = outbox.enqueue(&letter, t0()).await.expect("enqueue");
    let lease = SignedDuration::from_mins(5);
    let now = t0() + SignedDuration::from_mins(1);

    let one = outbox
        .claim_due(&[OutboxChannel::Sms], "w", now, lease, 1)
        .await
        .expect("claim");
    assert_eq!(one.iter().map(|m| m.id).collect::<Vec<_>>(), vec![first]);
    let rest = outbox
        .claim_due(&[OutboxChannel::Sms], "w", now, lease, 10)
        .await
        .expect("claim");
    assert_eq!(rest.iter().map(|m| m.id).collect::<Vec<_>>(), vec![later]);
    assert!(
        outbox
            .claim_due(&[], "w", now, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let letters = outbox
        .claim_due(&ALL, "w", now, lease, 10)
        .await
        .expect("claim");
    assert_eq!(
        letters.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![postal]
    );
    let not_yet = outbox.by_id(future).await.expect("read").expect("exists");
    assert_eq!(not_yet.attempts, 0);
}

#[tokio::test]
async fn a_retry_is_due_at_its_time_and_keeps_the_error() {
    let store = Store::open_in_memory().await.expect("store");
    let outbox = store.outbox();
    let id = outbox
        .enqueue(&sms("+393331234567"), t0())
        .await
        .expect("enqueue");
    let lease = SignedDuration::from_mins(5);
    outbox
        .claim_due(&ALL, "w", t0(), lease, 10)
        .await
        .expect("claim");
    let next = t0() + SignedDuration::from_secs(60);
    assert!(
        outbox
            .schedule_retry(id, "w", next, "busy")
            .await
            .expect("retry")
    );
    let waiting = outbox.by_id(id).await.expect("read").expect("exists");
    assert_eq!(waiting.next_attempt_at, next);
    assert_eq!(waiting.last_error.as_deref(), Some("busy"));
    assert_eq!(waiting.status, OutboxStatus::Pending);
    let just_before = next - SignedDuration::from_millis(1);
    assert!(
        outbox
            .claim_due(&ALL, "w", just_before, lease, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    assert_eq!(
        outbox
            .claim_due(&ALL, "w", next, lease, 10)
            .await
            .expect("claim")
            .len(),
        1
    );
}

#[tokio::test]
async fn listing_filters_and_counts_by_status() {
    let store = Store::open_in_memory().await.expect("store");
    let outbox = store.outbox();
    let lease = SignedDuration::from_mins(5);
    let mut ids = Vec::new();
    for recipient in ["+393330000001", "+393330000002", "+393330000003"] {
        ids.push(
            outbox
                .enqueue(&sms(recipient), t0())
                .await
                .expect("enqueue"),
        );
    }
    outbox
        .claim_due(&ALL, "w", t0(), lease, 2)
        .await
        .expect("claim");
    assert!(outbox.mark_sent(ids[0], "w", t0()).await.expect("sent"));
    assert!(outbox.mark_failed(ids[1], "w", "no").await.expect("failed"));
    assert_eq!(
        outbox.counts().await.expect("counts"),
        OutboxCounts {
            pending: 1,
            sent: 1,
            failed: 1
        }
    );
    let all = outbox
        .list(&OutboxFilter::default(), None, 10)
        .await
        .expect("list");
    assert_eq!(
        all.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![ids[2], ids[1], ids[0]]
    );
    let failed = OutboxFilter {
        status: Some(OutboxStatus::Failed),
        ..OutboxFilter::default()
    };
    let listed = outbox.list(&failed, None, 10).await.expect("list");
    assert_eq!(
        listed.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![ids[1]]
    );
    let page = outbox
        .list(&OutboxFilter::default(), Some(ids[2]), 1)
        .await
        .expect("list");
    assert_eq!(page.iter().map(|m| m.id).collect::<Vec<_>>(), vec![ids[1]]);
    let postal = OutboxFilter {
        channel: Some(OutboxChannel::Postal),
        related: Some("appointment:7".to_owned()),
        ..OutboxFilter::default()
    };
    assert!(
        outbox
            .list(&postal, None, 10)
            .await
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn io_messages_are_queued_only_for_citizens_who_opted_in() {
    let store = Store::open_in_memory().await.expect("store");
    let tax_code = TaxCode::parse_with("RSSMRA80A01H501U", CenturyRule::with_reference_year(2026))
        .expect("valid");
    store
        .citizens()
        .insert(&CitizenData {
            tax_code: tax_code.clone(),
            given_name: "Mario".to_owned(),
            surname: "Rossi".to_owned(),
            birth_date: jiff::civil::date(1980, 1, 1),
            sex: Sex::Male,
            address: None,
            mobile: None,
            email: None,
            language: Language::Italian,
        })
        .await
        .expect("citizen");
    let io = NewMessage {
        channel: OutboxChannel::Io,
        recipient: tax_code.as_str().to_owned(),
        subject: "Scadenza contributi".to_owned(),
        body: "Il 10/04 scade il pagamento dei contributi del primo trimestre.".to_owned(),
        attachment: None,
        related: Some("domestic:1234567890".to_owned()),
    };
    let mut tx = store.begin().await.expect("tx");
    assert_eq!(
        Outbox::enqueue_io_if_opted_in_in(&mut tx, &io, t0())
            .await
            .expect("enqueue"),
        None
    );
    tx.commit().await.expect("commit");
    assert!(
        store
            .citizens()
            .set_io_opt_in(&tax_code, true)
            .await
            .expect("opt in")
    );
    let mut tx = store.begin().await.expect("tx");
    let id = Outbox::enqueue_io_if_opted_in_in(&mut tx, &io, t0())
        .await
        .expect("enqueue")
        .expect("opted in");
    tx.commit().await.expect("commit");
    assert_eq!(
        store
            .outbox()
            .by_id(id)
            .await
            .expect("read")
            .map(|m| m.message),
        Some(io.clone())
    );
    let mut unknown = io;
    unknown.recipient = "BNCGNN75T52F205W".to_owned();
    let mut tx = store.begin().await.expect("tx");
    assert_eq!(
        Outbox::enqueue_io_if_opted_in_in(&mut tx, &unknown, t0())
            .await
            .expect("enqueue"),
        None
    );
}
