//! What the institute pays and records for a citizen: benefit payments, pensions with their
//! monthly statements (cedolino), the yearly Certificazione Unica, and the insurance record
//! (contribution periods by fund).
//!
//! As in [`crate::applications`], catalogue codes (benefit, fund, contribution type, payment
//! method) are text here and parsed by the `services` crate; amounts are [`Money`] in cents,
//! dates [`Date`]. The table constraints keep every net amount equal to gross minus withholdings.

use std::collections::HashMap;

use domain::{Money, OfficeCode};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{Store, StoreError, Transaction, corrupt, map_unique};

/// How a payment reaches the citizen, as stored: `iban` with the masked IBAN as detail, or
/// `post_office` with the paying office as detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMethodRow {
    pub method: String,
    pub detail: String,
}

/// A benefit payment (not a pension instalment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenefitPaymentRow {
    pub paid_on: Date,
    /// Benefit code from the services catalogue.
    pub benefit: String,
    pub gross: Money,
    pub withheld: Money,
    pub net: Money,
    pub method: PaymentMethodRow,
}

/// A pension to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPension {
    pub citizen_id: i64,
    /// The managing office.
    pub office: OfficeCode,
    /// 3 digits.
    pub category: String,
    /// 8 digits.
    pub certificate: String,
    pub started_on: Date,
    pub method: PaymentMethodRow,
}

/// A stored pension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PensionRow {
    pub id: i64,
    pub pension: NewPension,
}

/// One monthly pension statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PensionPaymentRow {
    /// The first day of the month paid.
    pub month: Date,
    pub paid_on: Date,
    pub gross: Money,
    pub irpef: Money,
    pub regional_surcharge: Money,
    pub municipal_surcharge: Money,
    pub other_deductions: Money,
    pub net: Money,
}

/// One line of a Certificazione Unica: what one benefit paid and what was withheld in the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CuLineRow {
    pub benefit: String,
    /// Days of pension or benefit in the year.
    pub days: i64,
    pub gross: Money,
    pub irpef: Money,
    pub regional_surcharge: Money,
    pub municipal_surcharge: Money,
}

/// A Certificazione Unica, identified by its year of issue (it certifies the year before).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CuRow {
    pub year: i16,
    pub issued_on: Date,
    pub lines: Vec<CuLineRow>,
}

/// A contribution period of the insurance record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionPeriodRow {
    /// Fund code, e.g. `fpld`.
    pub fund: String,
    pub from: Date,
    pub to: Date,
    /// `work`, `figurative`, `voluntary` or `redemption`.
    pub kind: String,
    /// Exactly one of weeks and months is set (the unit the fund counts in).
    pub weeks: Option<i64>,
    pub months: Option<i64>,
    pub pay: Money,
    /// The employer, or the reason of figurative, voluntary or redeemed contributions.
    pub reference: Option<String>,
}

/// The payments, pensions, CU and insurance-record tables.
#[derive(Debug)]
pub struct Payments<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn payments(&self) -> Payments<'_> {
        Payments { pool: &self.pool }
    }
}

impl Payments<'_> {
    /// Stores a benefit payment inside the caller's transaction.
    pub async fn insert_benefit_payment_in(
        tx: &mut Transaction,
        citizen_id: i64,
        payment: &BenefitPaymentRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO benefit_payments (citizen_id, paid_on, benefit, gross_cents, \
             withheld_cents, net_cents, method, method_detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(citizen_id)
        .bind(payment.paid_on.to_string())
        .bind(&payment.benefit)
        .bind(payment.gross.cents())
        .bind(payment.withheld.cents())
        .bind(payment.net.cents())
        .bind(&payment.method.method)
        .bind(&payment.method.detail)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The citizen's benefit payments with `from <= paid_on <= to`, oldest first.
    pub async fn benefit_payments_between(
        &self,
        citizen_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<BenefitPaymentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, paid_on, benefit, gross_cents, withheld_cents, net_cents, method, \
             method_detail FROM benefit_payments \
             WHERE citizen_id = $1 AND paid_on >= $2 AND paid_on <= $3 ORDER BY paid_on, id",
        )
        .bind(citizen_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(BenefitPaymentRow {
                    paid_on: date(row, "paid_on", "benefit payment", id)?,
                    benefit: row.try_get("benefit")?,
                    gross: money(row, "gross_cents")?,
                    withheld: money(row, "withheld_cents")?,
                    net: money(row, "net_cents")?,
                    method: PaymentMethodRow {
                        method: row.try_get("method")?,
                        detail: row.try_get("method_detail")?,
                    },
                })
            })
            .collect()
    }

    /// Stores a pension inside the caller's transaction; the same office, category and
    /// certificate twice is [`StoreError::Duplicate`].
    pub async fn insert_pension_in(
        tx: &mut Transaction,
        pension: &NewPension,
    ) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO pensions (citizen_id, office_code, category, certificate, started_on, \
             method, method_detail) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(pension.citizen_id)
        .bind(pension.office.as_str())
        .bind(&pension.category)
        .bind(&pension.certificate)
        .bind(pension.started_on.to_string())
        .bind(&pension.method.method)
        .bind(&pension.method.detail)
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "pension", "certificate"))
    }

    /// The citizen's pensions, oldest first.
    pub async fn pensions_of(&self, citizen_id: i64) -> Result<Vec<PensionRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, citizen_id, office_code, category, certificate, started_on, method, \
             method_detail FROM pensions WHERE citizen_id = $1 ORDER BY started_on, id",
        )
        .bind(citizen_id)
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let office: String = row.try_get("office_code")?;
                Ok(PensionRow {
                    id,
                    pension: NewPension {
                        citizen_id: row.try_get("citizen_id")?,
                        office: office
                            .parse()
                            .map_err(|e| corrupt("pension", id, format!("office code: {e}")))?,
                        category: row.try_get("category")?,
                        certificate: row.try_get("certificate")?,
                        started_on: date(row, "started_on", "pension", id)?,
                        method: PaymentMethodRow {
                            method: row.try_get("method")?,
                            detail: row.try_get("method_detail")?,
                        },
                    },
                })
            })
            .collect()
    }

    /// Stores a monthly statement inside the caller's transaction; a second statement for the
    /// same month is [`StoreError::Duplicate`].
    pub async fn insert_pension_payment_in(
        tx: &mut Transaction,
        pension_id: i64,
        payment: &PensionPaymentRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO pension_payments (pension_id, month, paid_on, gross_cents, irpef_cents, \
             regional_cents, municipal_cents, other_cents, net_cents) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(pension_id)
        .bind(payment.month.to_string())
        .bind(payment.paid_on.to_string())
        .bind(payment.gross.cents())
        .bind(payment.irpef.cents())
        .bind(payment.regional_surcharge.cents())
        .bind(payment.municipal_surcharge.cents())
        .bind(payment.other_deductions.cents())
        .bind(payment.net.cents())
        .execute(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "pension payment", "month"))?;
        Ok(())
    }

    /// A pension's statements for the months `from_month..=to_month` (first days of months),
    /// oldest first.
    pub async fn pension_payments(
        &self,
        pension_id: i64,
        from_month: Date,
        to_month: Date,
    ) -> Result<Vec<PensionPaymentRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, month, paid_on, gross_cents, irpef_cents, regional_cents, \
             municipal_cents, other_cents, net_cents FROM pension_payments \
             WHERE pension_id = $1 AND month >= $2 AND month <= $3 ORDER BY month",
        )
        .bind(pension_id)
        .bind(from_month.to_string())
        .bind(to_month.to_string())
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(PensionPaymentRow {
                    month: date(row, "month", "pension payment", id)?,
                    paid_on: date(row, "paid_on", "pension payment", id)?,
                    gross: money(row, "gross_cents")?,
                    irpef: money(row, "irpef_cents")?,
                    regional_surcharge: money(row, "regional_cents")?,
                    municipal_surcharge: money(row, "municipal_cents")?,
                    other_deductions: money(row, "other_cents")?,
                    net: money(row, "net_cents")?,
                })
            })
            .collect()
    }

    /// Stores a Certificazione Unica with its lines inside the caller's transaction; a second
    /// CU for the same citizen and year is [`StoreError::Duplicate`].
    pub async fn insert_cu_in(
        tx: &mut Transaction,
        citizen_id: i64,
        cu: &CuRow,
    ) -> Result<i64, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO certificazioni_uniche (citizen_id, year, issued_on) \
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(citizen_id)
        .bind(cu.year)
        .bind(cu.issued_on.to_string())
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "certificazione unica", "year"))?;
        for line in &cu.lines {
            sqlx::query(
                "INSERT INTO certificazione_unica_lines (cu_id, benefit, days, gross_cents, \
                 irpef_cents, regional_cents, municipal_cents) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(&line.benefit)
            .bind(line.days)
            .bind(line.gross.cents())
            .bind(line.irpef.cents())
            .bind(line.regional_surcharge.cents())
            .bind(line.municipal_surcharge.cents())
            .execute(&mut **tx)
            .await?;
        }
        Ok(id)
    }

    /// The citizen's Certificazione Unica issued in `year`, if any.
    pub async fn cu(&self, citizen_id: i64, year: i16) -> Result<Option<CuRow>, StoreError> {
        let head = sqlx::query(
            "SELECT id, year, issued_on FROM certificazioni_uniche \
             WHERE citizen_id = $1 AND year = $2",
        )
        .bind(citizen_id)
        .bind(year)
        .fetch_optional(self.pool)
        .await?;
        let Some(head) = head else {
            return Ok(None);
        };
        let id: i64 = head.try_get("id")?;
        let lines = sqlx::query(
            "SELECT benefit, days, gross_cents, irpef_cents, regional_cents, municipal_cents \
             FROM certificazione_unica_lines WHERE cu_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.pool)
        .await?;
        Ok(Some(CuRow {
            year: head.try_get("year")?,
            issued_on: date(&head, "issued_on", "certificazione unica", id)?,
            lines: lines
                .iter()
                .map(|row| {
                    Ok(CuLineRow {
                        benefit: row.try_get("benefit")?,
                        days: row.try_get("days")?,
                        gross: money(row, "gross_cents")?,
                        irpef: money(row, "irpef_cents")?,
                        regional_surcharge: money(row, "regional_cents")?,
                        municipal_surcharge: money(row, "municipal_cents")?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        }))
    }

    /// The years of the citizen's stored CUs, newest first.
    pub async fn cu_years(&self, citizen_id: i64) -> Result<Vec<i16>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT year FROM certificazioni_uniche WHERE citizen_id = $1 ORDER BY year DESC",
        )
        .bind(citizen_id)
        .fetch_all(self.pool)
        .await?)
    }

    /// Stores a contribution period inside the caller's transaction.
    pub async fn insert_contribution_period_in(
        tx: &mut Transaction,
        citizen_id: i64,
        period: &ContributionPeriodRow,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO contribution_periods (citizen_id, fund, period_from, period_to, kind, \
             weeks, months, pay_cents, reference) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(citizen_id)
        .bind(&period.fund)
        .bind(period.from.to_string())
        .bind(period.to.to_string())
        .bind(&period.kind)
        .bind(period.weeks)
        .bind(period.months)
        .bind(period.pay.cents())
        .bind(period.reference.as_deref())
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// The citizen's insurance record, oldest period first.
    pub async fn contribution_periods(
        &self,
        citizen_id: i64,
    ) -> Result<Vec<ContributionPeriodRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, fund, period_from, period_to, kind, weeks, months, pay_cents, reference \
             FROM contribution_periods WHERE citizen_id = $1 ORDER BY period_from, id",
        )
        .bind(citizen_id)
        .fetch_all(self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                Ok(ContributionPeriodRow {
                    fund: row.try_get("fund")?,
                    from: date(row, "period_from", "contribution period", id)?,
                    to: date(row, "period_to", "contribution period", id)?,
                    kind: row.try_get("kind")?,
                    weeks: row.try_get("weeks")?,
                    months: row.try_get("months")?,
                    pay: money(row, "pay_cents")?,
                    reference: row.try_get("reference")?,
                })
            })
            .collect()
    }

    /// How many rows each table holds (for demo checks and operator tools).
    pub async fn counts(&self) -> Result<HashMap<&'static str, i64>, StoreError> {
        let mut counts = HashMap::new();
        for table in [
            "benefit_payments",
            "pensions",
            "pension_payments",
            "certificazioni_uniche",
            "contribution_periods",
        ] {
            let n: i64 =
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                    .fetch_one(self.pool)
                    .await?;
            counts.insert(table, n);
        }
        Ok(counts)
    }
}

fn money(row: &SqliteRow, column: &str) -> Result<Money, StoreError> {
    Ok(Money::from_cents(row.try_get(column)?))
}

fn date(row: &SqliteRow, column: &str, entity: &'static str, id: i64) -> Result<Date, StoreError> {
    let text: String = row.try_get(column)?;
    text.parse()
        .map_err(|e| corrupt(entity, id, format!("{column}: {e}")))
}

#[cfg(test)]
mod tests;
