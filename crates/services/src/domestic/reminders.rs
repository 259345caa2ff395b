//! Reminders of domestic-work contributions due (R-NOTIF-1): a scheduled job puts one IO-app
//! message per relationship and quarter into the outbox, for employers who opted in.
//!
//! The job may run as often as the server likes: a reminder already queued for a relationship and
//! quarter (found by its `related` key) is not queued again.

use jiff::Timestamp;
use jiff::ToSpan;
use jiff::civil::Date;
use store::outbox::{NewMessage, Outbox, OutboxChannel};
use store::{Store, StoreError};

use super::{DomesticError, DueItem, due_between};

/// What one run of the job did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReminderReport {
    /// Payments due in the window.
    pub due: usize,
    /// Reminders queued now.
    pub queued: usize,
    /// Already reminded in an earlier run.
    pub already_queued: usize,
    /// The employer did not opt in to IO notifications.
    pub not_opted_in: usize,
}

/// The key that makes a reminder unique: relationship and quarter.
pub fn reminder_key(item: &DueItem) -> String {
    format!(
        "domestic-due:{}:{}-Q{}",
        item.code,
        item.period.year,
        item.period.quarter.number()
    )
}

/// Queues reminders for every payment due from `today` to `today + days_ahead` (inclusive).
pub async fn queue_due_reminders(
    store: &Store,
    today: Date,
    days_ahead: u16,
    now: Timestamp,
) -> Result<ReminderReport, DomesticError> {
    let until = today
        .checked_add(i64::from(days_ahead).days())
        .unwrap_or(today);
    let items = due_between(store, today, until).await?;
    let mut report = ReminderReport {
        due: items.len(),
        ..ReminderReport::default()
    };
    for item in &items {
        let key = reminder_key(item);
        if !store.outbox().related_to(&key).await?.is_empty() {
            report.already_queued += 1;
            continue;
        }
        let message = NewMessage {
            channel: OutboxChannel::Io,
            recipient: item.employer.as_str().to_owned(),
            subject: format!(
                "Lavoro domestico: contributi del {}° trimestre {} in scadenza",
                item.period.quarter.number(),
                item.period.year
            ),
            body: reminder_body(item),
            attachment: None,
            related: Some(key),
        };
        let mut tx = store.begin().await?;
        let queued = Outbox::enqueue_io_if_opted_in_in(&mut tx, &message, now).await?;
        tx.commit().await.map_err(StoreError::from)?;
        match queued {
            Some(_) => report.queued += 1,
            None => report.not_opted_in += 1,
        }
    }
    Ok(report)
}

fn reminder_body(item: &DueItem) -> String {
    let due = item.due_date.strftime("%d/%m/%Y");
    let amount = item.quote.as_ref().map_or_else(
        || "L'importo sarà disponibile quando l'INPS pubblicherà le tabelle dell'anno.".to_owned(),
        |q| format!("Importo dovuto: **{}**.", q.total.to_italian()),
    );
    format!(
        "Gentile datore di lavoro,\n\n\
         il pagamento dei contributi per il rapporto di lavoro domestico **{code}** relativo al \
         {quarter}° trimestre {year} scade il **{due}**.\n\n{amount}\n\n\
         Può pagare con l'avviso pagoPA dal sito dell'INPS, dall'app IO o presso gli sportelli \
         abilitati. Se ha già pagato, non tenga conto di questo messaggio.",
        code = item.code,
        quarter = item.period.quarter.number(),
        year = item.period.year,
    )
}

#[cfg(test)]
mod tests {
    use domain::{CenturyRule, Language, Money, Sex, TaxCode};
    use store::CitizenData;
    use store::domestic::{RelationshipCode, RelationshipData, WeeklyHours};

    use super::*;

    fn code(text: &str) -> TaxCode {
        TaxCode::parse_with(text, CenturyRule::with_reference_year(2026)).unwrap()
    }

    async fn citizen(store: &Store, tax_code: &str) {
        let data = CitizenData {
            tax_code: code(tax_code),
            given_name: "Maria".into(),
            surname: "Rossi".into(),
            birth_date: jiff::civil::date(1980, 1, 1),
            sex: Sex::Female,
            address: None,
            mobile: None,
            email: None,
            language: Language::Italian,
        };
        store.citizens().insert(&data).await.unwrap();
    }

    async fn relationship(store: &Store, employer: &str, number: &str) {
        let data = RelationshipData {
            code: RelationshipCode::parse(number).unwrap(),
            employer: code(employer),
            worker: code("BNCGNN75T52F205W"),
            start: jiff::civil::date(2025, 1, 1),
            end: None,
            weekly_hours: WeeklyHours::parse("20").unwrap(),
            hourly_wage: Money::from_cents(950),
            live_in_value: None,
            cuaf: true,
            fixed_term: false,
            cassa_colf: true,
        };
        store
            .domestic()
            .insert(&data, Timestamp::UNIX_EPOCH)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn reminds_opted_in_employers_once_per_quarter() {
        let store = Store::open_in_memory().await.unwrap();
        citizen(&store, "RSSMRA80A01H501U").await;
        citizen(&store, "VRDLGU90E15Z404L").await;
        store
            .citizens()
            .set_io_opt_in(&code("RSSMRA80A01H501U"), true)
            .await
            .unwrap();
        relationship(&store, "RSSMRA80A01H501U", "1000000001").await;
        relationship(&store, "VRDLGU90E15Z404L", "1000000002").await;

        // Q4 2025 is due on Monday 12 January 2026 (10 January is a Saturday).
        let today = jiff::civil::date(2026, 1, 5);
        let now: Timestamp = "2026-01-05T08:00:00Z".parse().unwrap();
        let report = queue_due_reminders(&store, today, 10, now).await.unwrap();
        assert_eq!(
            report,
            ReminderReport {
                due: 2,
                queued: 1,
                already_queued: 0,
                not_opted_in: 1
            }
        );

        let queued = store
            .outbox()
            .related_to("domestic-due:1000000001:2025-Q4")
            .await
            .unwrap();
        assert_eq!(queued.len(), 1);
        assert_eq!(queued[0].message.recipient, "RSSMRA80A01H501U");
        assert!(
            queued[0].message.body.contains("12/01/2026"),
            "{}",
            queued[0].message.body
        );
        assert!(
            queued[0].message.body.contains(" €"),
            "{}",
            queued[0].message.body
        );

        let again = queue_due_reminders(&store, today, 10, now).await.unwrap();
        assert_eq!((again.queued, again.already_queued), (0, 1));
    }
}
