//! Secrets the server generates on its first start when none is configured, kept in the
//! database (`server_secrets`) so that restarts and every instance on the database sign alike.

/// The secret named `name`, generated (32 random bytes, hex) the first time it is asked for;
/// two instances starting together keep the one written first.
pub async fn stored(
    db: &sqlx::SqlitePool,
    name: &str,
) -> Result<std::sync::Arc<[u8]>, sqlx::Error> {
    let mut fresh = [0u8; 32];
    // A key of zeros would be kept for good: no secret rather than a guessable one.
    getrandom::fill(&mut fresh)
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e.to_string())))?;
    let hex: String = fresh.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query("INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)")
        .bind(name)
        .bind(&hex)
        .execute(db)
        .await?;
    let (value,): (String,) = sqlx::query_as("SELECT value FROM server_secrets WHERE name = ?")
        .bind(name)
        .fetch_one(db)
        .await?;
    Ok(std::sync::Arc::from(value.as_bytes()))
}
