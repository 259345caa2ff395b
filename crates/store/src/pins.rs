//! Phone PINs (R-AUTH-1..3): the rows behind issuing, verifying and revoking a citizen's PIN.
//!
//! Only argon2id hashes are stored, never a PIN. At most one PIN per citizen is not revoked (a
//! partial unique index says so); [`Pins::replace_in`] revokes the previous one in the caller's
//! transaction. Attempt counting is done with single `UPDATE … RETURNING` statements so two
//! concurrent attempts cannot both read the same counter. The policy (how many failures lock,
//! for how long) belongs to `services::pins`; this module only stores its outcome.
//!
//! Also here: [`audit_in`], the audit append inside a transaction that the PIN and survey
//! services need.

use std::fmt;

use domain::{Pii, TaxCode};
use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{NewAuditEvent, Store, StoreError, Transaction, corrupt};

/// How long a PIN stays valid, as the citizen chooses (R-AUTH-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PinValidity {
    OneDay,
    OneWeek,
    OneMonth,
    ThreeMonths,
}

impl PinValidity {
    pub const ALL: [PinValidity; 4] = [
        PinValidity::OneDay,
        PinValidity::OneWeek,
        PinValidity::OneMonth,
        PinValidity::ThreeMonths,
    ];

    /// The short code stored and accepted on the wire: `1d`, `1w`, `1m`, `3m`.
    pub fn code(self) -> &'static str {
        match self {
            PinValidity::OneDay => "1d",
            PinValidity::OneWeek => "1w",
            PinValidity::OneMonth => "1m",
            PinValidity::ThreeMonths => "3m",
        }
    }

    /// Accepts the short code in any case (`1d`, `1W`) and the spelled-out forms `day`, `week`,
    /// `month`, `3months` / `three-months`.
    pub fn parse(text: &str) -> Option<PinValidity> {
        let wanted = text.trim().to_ascii_lowercase();
        let validity = match wanted.as_str() {
            "1d" | "day" | "one-day" => PinValidity::OneDay,
            "1w" | "week" | "one-week" => PinValidity::OneWeek,
            "1m" | "month" | "one-month" => PinValidity::OneMonth,
            "3m" | "3months" | "three-months" => PinValidity::ThreeMonths,
            _ => return None,
        };
        Some(validity)
    }
}

impl fmt::Display for PinValidity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The strong digital identity the citizen logged in with to issue a PIN (R-AUTH-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StrongIdentity {
    Spid,
    Cie,
    Cns,
}

impl StrongIdentity {
    pub fn code(self) -> &'static str {
        match self {
            StrongIdentity::Spid => "spid",
            StrongIdentity::Cie => "cie",
            StrongIdentity::Cns => "cns",
        }
    }

    /// Accepts `spid`, `cie`, `cns` in any case.
    pub fn parse(text: &str) -> Option<StrongIdentity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "spid" => Some(StrongIdentity::Spid),
            "cie" => Some(StrongIdentity::Cie),
            "cns" => Some(StrongIdentity::Cns),
            _ => None,
        }
    }
}

impl fmt::Display for StrongIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a PIN stopped being usable before its expiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokedReason {
    /// A newer PIN was issued.
    Replaced,
    /// The citizen (or staff) revoked it.
    Revoked,
}

impl RevokedReason {
    pub fn code(self) -> &'static str {
        match self {
            RevokedReason::Replaced => "replaced",
            RevokedReason::Revoked => "revoked",
        }
    }

    fn parse(text: &str) -> Option<RevokedReason> {
        match text {
            "replaced" => Some(RevokedReason::Replaced),
            "revoked" => Some(RevokedReason::Revoked),
            _ => None,
        }
    }
}

/// A PIN to store (already hashed).
#[derive(Clone, PartialEq, Eq)]
pub struct NewPin {
    pub tax_code: TaxCode,
    /// The argon2id PHC string.
    pub hash: String,
    pub validity: PinValidity,
    pub identity: StrongIdentity,
    pub expires_at: Timestamp,
}

impl fmt::Debug for NewPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewPin")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("validity", &self.validity)
            .field("identity", &self.identity)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// A stored PIN with its state.
#[derive(Clone, PartialEq, Eq)]
pub struct PhonePin {
    pub id: i64,
    pub tax_code: TaxCode,
    /// The argon2id PHC string (never shown).
    pub hash: String,
    pub validity: PinValidity,
    pub identity: StrongIdentity,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub revoked: Option<(Timestamp, RevokedReason)>,
    /// Consecutive wrong entries since the last success or lock.
    pub failed_attempts: u32,
    pub locked_until: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
}

impl fmt::Debug for PhonePin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PhonePin")
            .field("id", &self.id)
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("validity", &self.validity)
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .field("revoked", &self.revoked)
            .field("failed_attempts", &self.failed_attempts)
            .field("locked_until", &self.locked_until)
            .finish_non_exhaustive()
    }
}

/// The attempt state after a wrong entry was counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FailureCount {
    /// Consecutive failures now (0 right after a lock).
    pub failed_attempts: u32,
    pub locked_until: Option<Timestamp>,
}

/// The PIN table.
#[derive(Debug)]
pub struct Pins<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn pins(&self) -> Pins<'_> {
        Pins { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT id, tax_code, pin_hash, validity, identity, created_at, expires_at, \
    revoked_at, revoked_reason, failed_attempts, locked_until, last_used_at FROM phone_pins";

/// An instant as stored: RFC 3339 in UTC, truncated to the second (so text order is time order).
pub(crate) fn stamp(at: Timestamp) -> String {
    format!("{at:.0}")
}

impl Pins<'_> {
    /// The citizen's PIN that is not revoked (it may have expired), if any.
    pub async fn active(&self, tax_code: &TaxCode) -> Result<Option<PhonePin>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 AND revoked_at IS NULL"
        )))
        .bind(tax_code.as_str())
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(pin_from_row).transpose()
    }

    pub async fn by_id(&self, id: i64) -> Result<Option<PhonePin>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(pin_from_row).transpose()
    }

    /// Every PIN the citizen was issued, newest first.
    pub async fn history(&self, tax_code: &TaxCode) -> Result<Vec<PhonePin>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE tax_code = $1 ORDER BY id DESC"
        )))
        .bind(tax_code.as_str())
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(pin_from_row).collect()
    }

    /// Revokes the citizen's current PIN (reason `replaced`) and stores the new one, in the
    /// caller's transaction. Returns the new id and whether an older PIN was revoked.
    pub async fn replace_in(
        tx: &mut Transaction,
        pin: &NewPin,
        now: Timestamp,
    ) -> Result<(i64, bool), StoreError> {
        let replaced = Pins::revoke_in(tx, &pin.tax_code, RevokedReason::Replaced, now).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO phone_pins (tax_code, pin_hash, validity, identity, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(pin.tax_code.as_str())
        .bind(&pin.hash)
        .bind(pin.validity.code())
        .bind(pin.identity.code())
        .bind(stamp(now))
        .bind(stamp(pin.expires_at))
        .fetch_one(&mut **tx)
        .await?;
        Ok((id, replaced))
    }

    /// Revokes the citizen's current PIN, if there is one; true when one was revoked.
    pub async fn revoke_in(
        tx: &mut Transaction,
        tax_code: &TaxCode,
        reason: RevokedReason,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE phone_pins SET revoked_at = $1, revoked_reason = $2 \
             WHERE tax_code = $3 AND revoked_at IS NULL",
        )
        .bind(stamp(now))
        .bind(reason.code())
        .bind(tax_code.as_str())
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records a successful use: resets the failure counter and any finished lock. Applies only
    /// if the PIN is still not revoked and its lock is still `seen_locked_until` (what the caller
    /// read before verifying); false otherwise, and the caller re-reads.
    pub async fn record_success_in(
        tx: &mut Transaction,
        id: i64,
        seen_locked_until: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE phone_pins SET failed_attempts = 0, locked_until = NULL, last_used_at = $1 \
             WHERE id = $2 AND revoked_at IS NULL \
               AND ((locked_until IS NULL AND $3 IS NULL) OR locked_until = $3)",
        )
        .bind(stamp(now))
        .bind(id)
        .bind(seen_locked_until.map(stamp))
        .execute(&mut **tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Counts a wrong entry. When it is the `max_failures`-th in a row, the PIN is locked until
    /// `lock_until` and the counter starts again from zero. `None` if the PIN is revoked.
    pub async fn record_failure_in(
        tx: &mut Transaction,
        id: i64,
        max_failures: u32,
        lock_until: Timestamp,
    ) -> Result<Option<FailureCount>, StoreError> {
        let row = sqlx::query(
            "UPDATE phone_pins SET \
               failed_attempts = CASE WHEN failed_attempts + 1 >= $1 THEN 0 \
                                      ELSE failed_attempts + 1 END, \
               locked_until = CASE WHEN failed_attempts + 1 >= $1 THEN $2 \
                                   ELSE locked_until END \
             WHERE id = $3 AND revoked_at IS NULL \
             RETURNING failed_attempts, locked_until",
        )
        .bind(i64::from(max_failures))
        .bind(stamp(lock_until))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let failed: i64 = row.try_get("failed_attempts")?;
        let locked: Option<String> = row.try_get("locked_until")?;
        Ok(Some(FailureCount {
            failed_attempts: u32::try_from(failed)
                .map_err(|e| corrupt("phone pin", id, format!("failed_attempts: {e}")))?,
            locked_until: locked
                .map(|t| t.parse::<Timestamp>())
                .transpose()
                .map_err(|e| corrupt("phone pin", id, format!("locked_until: {e}")))?,
        }))
    }
}

/// Appends an audit event inside the caller's transaction, so the event and the fact it records
/// are committed together.
pub async fn audit_in(
    tx: &mut Transaction,
    at: Timestamp,
    event: &NewAuditEvent,
) -> Result<i64, StoreError> {
    crate::Audit::record_in(tx, at, event).await
}

fn pin_from_row(row: &SqliteRow) -> Result<PhonePin, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad = |what: &str, e: &dyn fmt::Display| corrupt("phone pin", id, format!("{what}: {e}"));
    let time = |column: &str| -> Result<Timestamp, StoreError> {
        let text: String = row.try_get(column)?;
        text.parse().map_err(|e| bad(column, &e))
    };
    let optional_time = |column: &str| -> Result<Option<Timestamp>, StoreError> {
        let text: Option<String> = row.try_get(column)?;
        text.map(|t| t.parse::<Timestamp>())
            .transpose()
            .map_err(|e| bad(column, &e))
    };
    let tax_code: String = row.try_get("tax_code")?;
    let tax_code = TaxCode::parse(&tax_code).map_err(|e| bad("tax code", &e))?;
    let validity: String = row.try_get("validity")?;
    let validity = PinValidity::parse(&validity).ok_or_else(|| bad("validity", &validity))?;
    let identity: String = row.try_get("identity")?;
    let identity = StrongIdentity::parse(&identity).ok_or_else(|| bad("identity", &identity))?;
    let revoked_reason: Option<String> = row.try_get("revoked_reason")?;
    let revoked = match (optional_time("revoked_at")?, revoked_reason) {
        (None, None) => None,
        (Some(at), Some(reason)) => Some((
            at,
            RevokedReason::parse(&reason).ok_or_else(|| bad("revoked reason", &reason))?,
        )),
        (at, reason) => return Err(bad("revocation", &format!("{at:?} / {reason:?}"))),
    };
    let failed: i64 = row.try_get("failed_attempts")?;
    Ok(PhonePin {
        id,
        tax_code,
        hash: row.try_get("pin_hash")?,
        validity,
        identity,
        created_at: time("created_at")?,
        expires_at: time("expires_at")?,
        revoked,
        failed_attempts: u32::try_from(failed).map_err(|e| bad("failed_attempts", &e))?,
        locked_until: optional_time("locked_until")?,
        last_used_at: optional_time("last_used_at")?,
    })
}
