//! `GET /healthz`: liveness and readiness for a load balancer.

use crate::clock;
use crate::http::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use std::time::Duration;

/// Liveness and readiness: 200 when the database takes a write, a 503 problem when it does
/// not (or does not answer within two seconds).
pub async fn healthz(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let write = sqlx::query(
        "INSERT INTO health (id, checked_at) VALUES (1, ?) \
         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
    )
    .bind(clock::unix_now())
    .execute(&state.db);
    match tokio::time::timeout(Duration::from_secs(2), write).await {
        Ok(Ok(_)) => Ok((
            [(header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({ "status": "ok" })),
        )),
        Ok(Err(e)) => Err(AppError::Unavailable(e.to_string())),
        Err(_) => Err(AppError::Unavailable("database write timed out".into())),
    }
}
