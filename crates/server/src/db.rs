//! Opening, migrating and seeding the database.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// Opens (creating when missing) the SQLite database at `url`, runs pending migrations and
/// seeds the catalog if it is empty.
pub async fn connect_and_prepare(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let pool = connect_and_migrate(url).await?;
    crate::seed::seed_if_empty(&pool).await?;
    Ok(pool)
}

/// Opens (creating when missing) and migrates the database, without seeding it.
pub async fn connect_and_migrate(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(parent) = options.get_filename().parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}
