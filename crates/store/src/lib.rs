//! Persistence for centralino: one SQLite database (WAL) by default, PostgreSQL to follow.
//!
//! Contract: [`Store::open`] creates the database if needed and runs the embedded migrations
//! before anything else touches it, so every caller sees the current schema. Repositories
//! ([`Citizens`], [`Offices`], [`Audit`]) are thin views over the pool and speak domain types;
//! the rows they read are parsed back into domain types and a row that does not parse is an
//! error ([`StoreError::Corrupt`]), never a panic. Writes that belong together run in one
//! transaction: a batch is stored whole or not at all.
//!
//! SQL is kept portable (`$1` placeholders, `RETURNING`, TEXT instants in RFC 3339) so that a
//! PostgreSQL backend needs its own migrations, not new queries.

mod audit;
mod citizens;
mod offices;

// The back office: each module adds its repository (and `impl Store` accessor) in its own file.
pub mod agent_phones;
pub mod applications;
pub mod appointments;
pub mod documents;
pub mod domestic;
pub mod linea;
pub mod outbox;
pub mod payments;
pub mod pins;
pub mod surveys;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};

pub use audit::{Audit, AuditEvent, NewAuditEvent};
pub use citizens::{Address, Citizen, CitizenData, Citizens};
pub use offices::{Office, Offices};

/// What can go wrong talking to the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("a {entity} with this {key} already exists")]
    Duplicate {
        entity: &'static str,
        key: &'static str,
    },
    #[error("stored {entity} {id} is corrupt: {reason}")]
    Corrupt {
        entity: &'static str,
        id: String,
        reason: String,
    },
}

/// The embedded migrations for SQLite.
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// A database transaction: repositories offer `*_in(tx, …)` variants so that a service can make
/// several writes (a booking and its confirmation SMS, say) atomic.
pub type Transaction = sqlx::Transaction<'static, sqlx::Sqlite>;

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if missing) the database at `url` and migrates it.
    ///
    /// `url` is `sqlite://PATH` or `sqlite::memory:`; a plain path is accepted too.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            url: url.to_owned(),
            source,
        };
        let in_memory = url.contains(":memory:");
        let options = if url.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(url).map_err(open_error)?
        } else {
            SqliteConnectOptions::new().filename(Path::new(url))
        };
        let options = options
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let options = if in_memory {
            options
        } else {
            options.journal_mode(SqliteJournalMode::Wal)
        };
        // An in-memory database lives as long as its one connection: keep exactly one.
        let pool_options = if in_memory {
            SqlitePoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
        } else {
            SqlitePoolOptions::new().max_connections(8)
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(open_error)?;
        SQLITE_MIGRATIONS.run(&pool).await?;
        let store = Store { pool };
        store.citizens().backfill_keypad().await?;
        Ok(store)
    }

    /// A fresh private in-memory database, for tests and one-shot tools.
    pub async fn open_in_memory() -> Result<Store, StoreError> {
        Store::open("sqlite::memory:").await
    }

    /// Starts a transaction (committed with `tx.commit().await`, rolled back when dropped).
    pub async fn begin(&self) -> Result<Transaction, StoreError> {
        Ok(self.pool.begin().await?)
    }

    pub fn citizens(&self) -> Citizens<'_> {
        Citizens::new(&self.pool)
    }

    pub fn offices(&self) -> Offices<'_> {
        Offices::new(&self.pool)
    }

    pub fn audit(&self) -> Audit<'_> {
        Audit::new(&self.pool)
    }

    /// Reads a fact about the database itself (see [`Store::set_meta`]).
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT value FROM store_meta WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Records a fact about the database itself, e.g. which demo data set it holds.
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO store_meta (key, value) VALUES ($1, $2) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// True when the database answers a trivial query (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok()
    }

    /// Waits for the connections to close (at shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Maps a unique-constraint violation to [`StoreError::Duplicate`], anything else as it is.
fn map_unique(err: sqlx::Error, entity: &'static str, key: &'static str) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Duplicate { entity, key }
        }
        _ => StoreError::Database(err),
    }
}

fn corrupt(entity: &'static str, id: impl ToString, reason: impl ToString) -> StoreError {
    StoreError::Corrupt {
        entity,
        id: id.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests;
