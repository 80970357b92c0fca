//! Housekeeping, at start-up and every minute: what a stopped process or an abandoned visit
//! leaves behind is ended or deleted, so no table grows without bound.
//!
//! - order attempts unfinished after [`orders::STALE_ATTEMPT_SECONDS`]: stock released, cart
//!   claim dropped, a charge voided, the key given back;
//! - answered `Idempotency-Key`s older than a day;
//! - shipping and exchange-rate quotes an hour after they expired;
//! - carts untouched for [`CART_DAYS`] days (an ordered cart is deleted when its order is
//!   written; its claim stays as the order's record);
//! - seller sessions and set-password links past their end;
//! - idle clients of the rate limiters.

use crate::orders;
use crate::payments::PaymentProvider;
use sqlx::SqlitePool;

/// How long an `Idempotency-Key`'s answer is kept for repeats.
pub const KEY_SECONDS: i64 = 24 * 60 * 60;
/// How long an expired quote is still answered with a 410 (then a 404).
pub const EXPIRED_QUOTE_SECONDS: i64 = 60 * 60;
/// A cart nobody changed for this many days is deleted.
pub const CART_DAYS: i64 = 60;

/// What one round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    /// Order attempts ended (stock released, charge voided, key given back).
    pub attempts_ended: u64,
    pub keys_purged: u64,
    pub shipping_quotes_deleted: u64,
    pub fx_quotes_deleted: u64,
    pub carts_deleted: u64,
    /// Seller sessions and set-password links past their end.
    pub sessions_deleted: u64,
}

/// One round at `now` (Unix seconds).
pub async fn run(
    db: &SqlitePool,
    payments: &dyn PaymentProvider,
    now: i64,
) -> Result<Swept, sqlx::Error> {
    let stale = now - orders::STALE_ATTEMPT_SECONDS;
    // Every attempt with something left behind: holds, a charge record, an unanswered key.
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT idempotency_key FROM stock_holds WHERE created_at < ?1 \
         UNION SELECT idempotency_key FROM charge_attempts WHERE created_at < ?1 \
         UNION SELECT idempotency_key FROM cart_claims WHERE order_number IS NULL AND created_at < ?1 \
         UNION SELECT key FROM idempotency_keys WHERE status IS NULL AND created_at < ?1",
    )
    .bind(stale)
    .fetch_all(db)
    .await?;
    let mut swept = Swept::default();
    for key in &keys {
        orders::abandon(db, payments, key).await;
        // The attempt never answered: a repeat of its request is worked out anew.
        sqlx::query("DELETE FROM idempotency_keys WHERE key = ? AND status IS NULL")
            .bind(key)
            .execute(db)
            .await?;
        swept.attempts_ended += 1;
    }
    swept.keys_purged =
        sqlx::query("DELETE FROM idempotency_keys WHERE status IS NOT NULL AND created_at < ?")
            .bind(now - KEY_SECONDS)
            .execute(db)
            .await?
            .rows_affected();
    swept.shipping_quotes_deleted = sqlx::query("DELETE FROM shipping_quotes WHERE expires_at < ?")
        .bind(now - EXPIRED_QUOTE_SECONDS)
        .execute(db)
        .await?
        .rows_affected();
    swept.fx_quotes_deleted = sqlx::query("DELETE FROM fx_quotes WHERE expires_at < ?")
        .bind(now - EXPIRED_QUOTE_SECONDS)
        .execute(db)
        .await?
        .rows_affected();
    let mut tx = db.begin().await?;
    let old_carts = now - CART_DAYS * 86_400;
    // A cart being ordered right now is not old: its claim has no order yet.
    let filter = "updated_at < ?1 AND token NOT IN \
                  (SELECT cart_token FROM cart_claims WHERE order_number IS NULL)";
    sqlx::query(&format!(
        "DELETE FROM cart_lines WHERE cart_token IN (SELECT token FROM carts WHERE {filter})"
    ))
    .bind(old_carts)
    .execute(&mut *tx)
    .await?;
    swept.carts_deleted = sqlx::query(&format!("DELETE FROM carts WHERE {filter}"))
        .bind(old_carts)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    swept.sessions_deleted = sqlx::query("DELETE FROM seller_sessions WHERE expires_at <= ?")
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM seller_invites WHERE expires_at <= ?")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(swept)
}

/// Runs [`run`] now and then every `every`, logging what it did; also forgets idle clients of
/// the rate limiters and expired sandbox tokens.
pub fn spawn(state: crate::state::AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match run(&state.db, state.payments.as_ref(), crate::clock::unix_now()).await {
                Ok(swept) if swept.attempts_ended > 0 => {
                    tracing::warn!(?swept, "ended order attempts a stopped process left behind");
                }
                Ok(swept) => tracing::debug!(?swept, "housekeeping"),
                Err(e) => tracing::error!(error = %e, "housekeeping failed"),
            }
            state.limiters.forget_idle_clients();
            state.sandbox.forget_expired();
        }
    });
}
