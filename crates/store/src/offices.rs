//! The institute's territorial offices ("sedi"): where INPS Linea requests and appointments go.

use domain::OfficeCode;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{StoreError, corrupt};

/// A territorial office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Office {
    pub code: OfficeCode,
    pub name: String,
    pub region: String,
    /// Two-letter province code.
    pub province: String,
    pub street: String,
    pub postcode: String,
    pub city: String,
    /// Opening hours as shown to citizens.
    pub hours: String,
}

/// The offices table.
#[derive(Debug)]
pub struct Offices<'a> {
    pool: &'a SqlitePool,
}

const SELECT: &str =
    "SELECT code, name, region, province, street, postcode, city, hours FROM offices";

impl<'a> Offices<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Offices { pool }
    }

    /// Makes the table hold exactly these offices (the profile is the source of truth), in one
    /// transaction.
    pub async fn replace_all(&self, offices: &[Office]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM offices").execute(&mut *tx).await?;
        for o in offices {
            sqlx::query(
                "INSERT INTO offices (code, name, region, province, street, postcode, city, hours) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(o.code.as_str())
            .bind(&o.name)
            .bind(&o.region)
            .bind(&o.province)
            .bind(&o.street)
            .bind(&o.postcode)
            .bind(&o.city)
            .bind(&o.hours)
            .execute(&mut *tx)
            .await
            .map_err(|e| crate::map_unique(e, "office", "code"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn all(&self) -> Result<Vec<Office>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY code")))
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(office_from_row).collect()
    }

    pub async fn by_code(&self, code: OfficeCode) -> Result<Option<Office>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE code = $1")))
            .bind(code.as_str())
            .fetch_optional(self.pool)
            .await?;
        row.as_ref().map(office_from_row).transpose()
    }

    /// The offices of a province, first by code (the provincial directorate comes first when
    /// codes are assigned that way).
    pub async fn in_province(&self, province: &str) -> Result<Vec<Office>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE province = $1 ORDER BY code"
        )))
        .bind(province)
        .fetch_all(self.pool)
        .await?;
        rows.iter().map(office_from_row).collect()
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM offices")
            .fetch_one(self.pool)
            .await?)
    }
}

fn office_from_row(row: &SqliteRow) -> Result<Office, StoreError> {
    let code: String = row.try_get("code")?;
    let parsed = code
        .parse::<OfficeCode>()
        .map_err(|e| corrupt("office", &code, e))?;
    Ok(Office {
        code: parsed,
        name: row.try_get("name")?,
        region: row.try_get("region")?,
        province: row.try_get("province")?,
        street: row.try_get("street")?,
        postcode: row.try_get("postcode")?,
        city: row.try_get("city")?,
        hours: row.try_get("hours")?,
    })
}
