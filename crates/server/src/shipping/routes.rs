//! The route table: every way from the store's warehouses to its destinations.

use logistics::{Origin, RouteTable};

/// Builds the route table from the store's warehouses.
pub async fn load_routes(db: &sqlx::SqlitePool) -> Result<RouteTable, sqlx::Error> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT code, country, overseas FROM warehouses ORDER BY id")
            .fetch_all(db)
            .await?;
    // Route ids and lanes borrow the codes for the process's lifetime; a few bytes, once.
    let origins: Vec<Origin> = rows
        .into_iter()
        .map(|(code, country, overseas)| Origin {
            code: Box::leak(code.into_boxed_str()),
            country: Box::leak(country.into_boxed_str()),
            overseas: overseas != 0,
        })
        .collect();
    Ok(RouteTable::generate(&origins))
}
