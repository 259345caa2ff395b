//! Agent phones: the SIP extensions agents register their phones with, their display names and
//! digest credentials.
//!
//! Only `HA1 = MD5(extension:realm:password)` is stored (computed by the caller; this crate
//! knows no SIP), never a password; its `Debug` is hidden. A row whose HA1 is not 32 hex digits
//! reads back as [`StoreError::Corrupt`].

use std::fmt;

use jiff::Timestamp;
use sqlx::Row;
use sqlx::sqlite::{SqlitePool, SqliteRow};

use crate::pins::stamp;
use crate::{Store, StoreError, corrupt};

/// One agent phone.
#[derive(Clone, PartialEq, Eq)]
pub struct AgentPhone {
    /// The SIP user, e.g. `1001`.
    pub extension: String,
    /// Who uses it, e.g. `Postazione 1001`.
    pub display_name: String,
    /// The digest realm `ha1` was made for.
    pub realm: String,
    /// MD5(extension:realm:password), 32 lower-case hex digits.
    pub ha1: String,
    pub updated_at: Timestamp,
}

impl fmt::Debug for AgentPhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgentPhone")
            .field("extension", &self.extension)
            .field("display_name", &self.display_name)
            .field("realm", &self.realm)
            .field("ha1", &"…")
            .field("updated_at", &self.updated_at)
            .finish()
    }
}

/// The agent_phones table.
#[derive(Debug)]
pub struct AgentPhones<'a> {
    pool: &'a SqlitePool,
}

impl Store {
    pub fn agent_phones(&self) -> AgentPhones<'_> {
        AgentPhones { pool: &self.pool }
    }
}

const SELECT: &str = "SELECT extension, display_name, realm, ha1, updated_at FROM agent_phones";

impl AgentPhones<'_> {
    /// Creates the phone or replaces its name and credentials.
    pub async fn upsert(&self, phone: &AgentPhone) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO agent_phones (extension, display_name, realm, ha1, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (extension) DO UPDATE SET display_name = excluded.display_name, \
             realm = excluded.realm, ha1 = excluded.ha1, updated_at = excluded.updated_at",
        )
        .bind(&phone.extension)
        .bind(&phone.display_name)
        .bind(&phone.realm)
        .bind(phone.ha1.to_ascii_lowercase())
        .bind(stamp(phone.updated_at))
        .execute(self.pool)
        .await?;
        Ok(())
    }

    /// Replaces an existing phone's credentials; `false` when there is no such extension.
    pub async fn set_credentials(
        &self,
        extension: &str,
        realm: &str,
        ha1: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE agent_phones SET realm = $2, ha1 = $3, updated_at = $4 WHERE extension = $1",
        )
        .bind(extension)
        .bind(realm)
        .bind(ha1.to_ascii_lowercase())
        .bind(stamp(now))
        .execute(self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn by_extension(&self, extension: &str) -> Result<Option<AgentPhone>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE extension = $1"
        )))
        .bind(extension)
        .fetch_optional(self.pool)
        .await?;
        row.as_ref().map(phone_from_row).transpose()
    }

    /// The HA1 of an extension for `realm` (`None`: no such phone, or credentials made for
    /// another realm).
    pub async fn ha1(&self, extension: &str, realm: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .by_extension(extension)
            .await?
            .filter(|p| p.realm == realm)
            .map(|p| p.ha1))
    }

    /// Every phone, by extension.
    pub async fn all(&self) -> Result<Vec<AgentPhone>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY extension")))
            .fetch_all(self.pool)
            .await?;
        rows.iter().map(phone_from_row).collect()
    }
}

fn phone_from_row(row: &SqliteRow) -> Result<AgentPhone, StoreError> {
    let extension: String = row.try_get("extension")?;
    let ha1: String = row.try_get("ha1")?;
    if ha1.len() != 32 || !ha1.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(corrupt(
            "agent phone",
            &extension,
            "ha1 is not 32 hex digits",
        ));
    }
    let updated_at: String = row.try_get("updated_at")?;
    let updated_at = updated_at
        .parse::<Timestamp>()
        .map_err(|e| corrupt("agent phone", &extension, e))?;
    Ok(AgentPhone {
        display_name: row.try_get("display_name")?,
        realm: row.try_get("realm")?,
        ha1,
        updated_at,
        extension,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(extension: &str, ha1: &str) -> AgentPhone {
        AgentPhone {
            extension: extension.to_owned(),
            display_name: format!("Postazione {extension}"),
            realm: "centralino".to_owned(),
            ha1: ha1.to_owned(),
            updated_at: "2026-03-02T09:00:00Z".parse().unwrap(),
        }
    }

    #[tokio::test]
    async fn phones_round_trip_and_credentials_change_per_realm() {
        let store = Store::open_in_memory().await.unwrap();
        let phones = store.agent_phones();
        let a = "0123456789ABCDEF0123456789abcdef";
        phones.upsert(&phone("1002", a)).await.unwrap();
        phones.upsert(&phone("1001", a)).await.unwrap();
        let all = phones.all().await.unwrap();
        assert_eq!(
            all.iter().map(|p| p.extension.as_str()).collect::<Vec<_>>(),
            ["1001", "1002"]
        );
        assert_eq!(all[0].ha1, a.to_ascii_lowercase());
        assert!(!format!("{:?}", all[0]).contains("0123"));

        assert_eq!(
            phones.ha1("1001", "centralino").await.unwrap(),
            Some(a.to_ascii_lowercase())
        );
        assert_eq!(phones.ha1("1001", "elsewhere").await.unwrap(), None);
        assert_eq!(phones.ha1("1099", "centralino").await.unwrap(), None);

        let b = "f".repeat(32);
        let later: Timestamp = "2026-03-03T10:00:00Z".parse().unwrap();
        assert!(
            phones
                .set_credentials("1001", "centralino", &b, later)
                .await
                .unwrap()
        );
        assert!(
            !phones
                .set_credentials("1099", "centralino", &b, later)
                .await
                .unwrap()
        );
        let changed = phones.by_extension("1001").await.unwrap().unwrap();
        assert_eq!(changed.ha1, b);
        assert_eq!(changed.updated_at, later);
        assert_eq!(changed.display_name, "Postazione 1001");
    }

    #[tokio::test]
    async fn a_bad_ha1_is_refused_by_the_table_or_read_as_corrupt() {
        let store = Store::open_in_memory().await.unwrap();
        assert!(
            store
                .agent_phones()
                .upsert(&phone("1001", "short"))
                .await
                .is_err()
        );
        store
            .agent_phones()
            .upsert(&phone("1001", &"z".repeat(32)))
            .await
            .unwrap();
        assert!(matches!(
            store.agent_phones().by_extension("1001").await,
            Err(StoreError::Corrupt { .. })
        ));
    }
}
