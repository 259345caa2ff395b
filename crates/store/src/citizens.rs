//! The citizens the institute knows: identity, home address, contact details, language.

use std::fmt;

use domain::{Language, MobileNumber, Pii, Sex, TaxCode};
use jiff::civil::Date;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::{StoreError, corrupt, map_unique};

/// A home address: where documents "sent home" go.
#[derive(Clone, PartialEq, Eq)]
pub struct Address {
    pub street: String,
    pub postcode: String,
    pub city: String,
    /// Two-letter province code, e.g. `RM`.
    pub province: String,
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The street is personal data; the province is not.
        write!(f, "Address({}, {})", Pii::new(&self.street), self.province)
    }
}

/// Everything stored about a citizen.
#[derive(Clone, PartialEq, Eq)]
pub struct CitizenData {
    pub tax_code: TaxCode,
    pub given_name: String,
    pub surname: String,
    pub birth_date: Date,
    pub sex: Sex,
    pub address: Option<Address>,
    pub mobile: Option<MobileNumber>,
    pub email: Option<String>,
    pub language: Language,
}

impl fmt::Debug for CitizenData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CitizenData")
            .field("tax_code", &Pii::new(self.tax_code.as_str()))
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A stored citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citizen {
    pub id: i64,
    pub data: CitizenData,
}

/// The citizens table.
#[derive(Debug)]
pub struct Citizens<'a> {
    pool: &'a SqlitePool,
}

const INSERT: &str = "INSERT INTO citizens \
    (tax_code, given_name, surname, birth_date, sex, street, postcode, city, province, \
     mobile, email, language, created_at, keypad) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";

const SELECT: &str = "SELECT id, tax_code, given_name, surname, birth_date, sex, street, \
    postcode, city, province, mobile, email, language FROM citizens";

impl<'a> Citizens<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Citizens { pool }
    }

    /// Stores one citizen; a tax code already on file is [`StoreError::Duplicate`].
    pub async fn insert(&self, citizen: &CitizenData) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let id = insert_one(&mut tx, citizen).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores a batch in one transaction: all of it, or (on any error) none of it.
    pub async fn insert_all(&self, citizens: &[CitizenData]) -> Result<usize, StoreError> {
        let mut tx = self.pool.begin().await?;
        for citizen in citizens {
            insert_one(&mut tx, citizen).await?;
        }
        tx.commit().await?;
        Ok(citizens.len())
    }

    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM citizens")
            .fetch_one(self.pool)
            .await?)
    }

    /// The citizen with this tax code, if any.
    pub async fn by_tax_code(&self, tax_code: &TaxCode) -> Result<Option<Citizen>, StoreError> {
        let sql = format!("{SELECT} WHERE tax_code = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(tax_code.as_str())
            .fetch_optional(self.pool)
            .await?;
        row.map(|r| citizen_from_row(&r)).transpose()
    }

    pub async fn by_id(&self, id: i64) -> Result<Option<Citizen>, StoreError> {
        let sql = format!("{SELECT} WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.pool)
            .await?;
        row.map(|r| citizen_from_row(&r)).transpose()
    }

    /// Records whether the citizen wants IO-app notifications (R-NOTIF-1).
    pub async fn set_io_opt_in(
        &self,
        tax_code: &TaxCode,
        opt_in: bool,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE citizens SET io_opt_in = $1 WHERE tax_code = $2")
            .bind(opt_in)
            .bind(tax_code.as_str())
            .execute(self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Whether the citizen opted in to IO-app notifications; `false` for an unknown tax code.
    pub async fn io_opt_in(&self, tax_code: &TaxCode) -> Result<bool, StoreError> {
        let found: Option<bool> =
            sqlx::query_scalar("SELECT io_opt_in FROM citizens WHERE tax_code = $1")
                .bind(tax_code.as_str())
                .fetch_optional(self.pool)
                .await?;
        Ok(found.unwrap_or(false))
    }

    /// The citizens whose tax code is typed with these keys (one key per character), at most
    /// `limit` (R-AUTH-4: several codes can share a key sequence).
    pub async fn by_keypad(&self, keys: &str, limit: i64) -> Result<Vec<Citizen>, StoreError> {
        let sql = format!("{SELECT} WHERE keypad = $1 ORDER BY id LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(keys)
            .bind(limit)
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(citizen_from_row).collect()
    }

    /// Fills the keypad column of rows written before it existed; returns how many.
    pub(crate) async fn backfill_keypad(&self) -> Result<u64, StoreError> {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, tax_code FROM citizens WHERE keypad IS NULL")
                .fetch_all(self.pool)
                .await?;
        let mut tx = self.pool.begin().await?;
        for (id, tax_code) in &rows {
            sqlx::query("UPDATE citizens SET keypad = $1 WHERE id = $2")
                .bind(domain::keypad::keys_for(tax_code))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    /// Citizens in id order, `limit` at most, after `after_id` (for paging).
    pub async fn list(&self, after_id: i64, limit: i64) -> Result<Vec<Citizen>, StoreError> {
        let sql = format!("{SELECT} WHERE id > $1 ORDER BY id LIMIT $2");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(after_id)
            .bind(limit)
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(citizen_from_row).collect()
    }
}

async fn insert_one(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    c: &CitizenData,
) -> Result<i64, StoreError> {
    let address = c.address.as_ref();
    sqlx::query_scalar(INSERT)
        .bind(c.tax_code.as_str())
        .bind(&c.given_name)
        .bind(&c.surname)
        .bind(c.birth_date.to_string())
        .bind(sex_code(c.sex))
        .bind(address.map(|a| a.street.as_str()))
        .bind(address.map(|a| a.postcode.as_str()))
        .bind(address.map(|a| a.city.as_str()))
        .bind(address.map(|a| a.province.as_str()))
        .bind(c.mobile.as_ref().map(MobileNumber::as_str))
        .bind(c.email.as_deref())
        .bind(c.language.code())
        .bind(jiff::Timestamp::now().to_string())
        .bind(domain::keypad::keys_for(c.tax_code.as_str()))
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| map_unique(e, "citizen", "tax code"))
}

fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "M",
        Sex::Female => "F",
    }
}

fn citizen_from_row(row: &SqliteRow) -> Result<Citizen, StoreError> {
    let id: i64 = row.try_get("id")?;
    let bad = |what: &str, e: &dyn fmt::Display| corrupt("citizen", id, format!("{what}: {e}"));
    let tax_code: String = row.try_get("tax_code")?;
    let tax_code = TaxCode::parse(&tax_code).map_err(|e| bad("tax code", &e))?;
    let birth_date: String = row.try_get("birth_date")?;
    let birth_date = birth_date
        .parse::<Date>()
        .map_err(|e| bad("birth date", &e))?;
    let sex = match row.try_get::<String, _>("sex")?.as_str() {
        "M" => Sex::Male,
        "F" => Sex::Female,
        other => return Err(bad("sex", &other)),
    };
    let street: Option<String> = row.try_get("street")?;
    let address = match street {
        Some(street) => Some(Address {
            street,
            postcode: row
                .try_get::<Option<String>, _>("postcode")?
                .unwrap_or_default(),
            city: row
                .try_get::<Option<String>, _>("city")?
                .unwrap_or_default(),
            province: row
                .try_get::<Option<String>, _>("province")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    let mobile = row
        .try_get::<Option<String>, _>("mobile")?
        .map(|m| m.parse::<MobileNumber>())
        .transpose()
        .map_err(|e| bad("mobile", &e))?;
    let language: String = row.try_get("language")?;
    let language = language
        .parse::<Language>()
        .map_err(|e| bad("language", &e))?;
    Ok(Citizen {
        id,
        data: CitizenData {
            tax_code,
            given_name: row.try_get("given_name")?,
            surname: row.try_get("surname")?,
            birth_date,
            sex,
            address,
            mobile,
            email: row.try_get("email")?,
            language,
        },
    })
}
