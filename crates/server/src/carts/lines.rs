//! A stored cart's lines as the buyer chose them (SKU and quantity), for quoting its delivery
//! and placing its order. Imports nothing of the cart's routes, so shipping and orders can
//! read a cart without importing what the cart page imports.

use crate::http::error::AppError;
use crate::state::AppState;
use domain::LineInput;

/// The lines of a cart, for quoting it.
pub async fn cart_lines(state: &AppState, token: &str) -> Result<Vec<LineInput>, AppError> {
    let exists: Option<(String,)> = sqlx::query_as("SELECT token FROM carts WHERE token = ?")
        .bind(token)
        .fetch_optional(&state.db)
        .await?;
    if exists.is_none() {
        return Err(AppError::CartNotFound);
    }
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT sku, quantity FROM cart_lines WHERE cart_token = ? ORDER BY added_at, sku",
    )
    .bind(token)
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(sku, quantity)| LineInput {
            sku,
            quantity: u32::try_from(quantity).unwrap_or(0),
        })
        .collect())
}
