//! Exchange rates: the committed reference snapshot, conversion for the catalog, and rate
//! quotes that lock a rate for a while (`/api/v1/fx/*`).
//!
//! **Sources.** The default rates are the ECB euro reference rates of 21 October 2025
//! (`data/fx/eurofxref-daily-2025-10-21.xml`, in the ECB's own format, read by the same parser
//! a live feed would go through, [`ecb::parse`]). Currencies the ECB does not publish come from
//! `data/fx/supplementary-rates.csv`, each row with its own source and date, as units per US
//! dollar (crossed to the euro through the ECB's USD rate). A currency in neither file has no
//! rate and is not offered. Rates older than `STORE_FX_MAX_AGE_DAYS` are flagged `stale`.
//!
//! The conversion rule lives in `domain::fx` (buyer's rate = mid × (1 + spread), 10
//! significant digits; amounts rounded half away from zero once per line).

pub mod ecb;
pub mod refresh;
pub mod store;

pub use store::{FxSettings, FxStore, Rates};

use crate::clock;
use crate::http::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use domain::{Currency, FxQuote, QuoteRequest, RateTable};

/// Every rate the store converts with, its source and date, the spread, and staleness.
#[utoipa::path(
    get,
    path = "/v1/fx/rates",
    tag = "currency",
    responses((status = 200, description = "Reference rates against the euro", body = RateTable))
)]
pub async fn get_rates(State(state): State<AppState>) -> Json<RateTable> {
    Json(state.fx.table(clock::unix_now()))
}

/// Locks the buyer's rate between two currencies for the configured window (15 minutes by
/// default). The checkout sends the quote id so the buyer pays the price they saw.
#[utoipa::path(
    operation_id = "create_fx_quote",
    post,
    path = "/v1/fx/quotes",
    tag = "currency",
    request_body = QuoteRequest,
    responses(
        (status = 201, description = "The locked rate", body = FxQuote),
        (status = 400, description = "An unknown or unoffered currency, or a body that is not `{from, to}`; `errors` names the field", body = domain::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 1 KiB", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_quote(
    State(state): State<AppState>,
    body: axum::body::Body,
) -> Result<impl IntoResponse, AppError> {
    let body = crate::http::error::read_body(body, 1024).await?;
    let request: QuoteRequest = crate::http::strict::from_slice(&body)?;
    let from = state.fx.parse_currency("from", request.from.trim());
    let to = state.fx.parse_currency("to", request.to.trim());
    let (from, to) = match (from, to) {
        (Ok(from), Ok(to)) => (from, to),
        (from, to) => {
            return Err(AppError::InvalidParameters(
                [from.err(), to.err()].into_iter().flatten().collect(),
            ))
        }
    };
    let quote = lock_rate(&state, from, to).await?;
    Ok((StatusCode::CREATED, Json(quote)))
}

/// Locks the buyer's rate from `from` to `to` for the configured window.
pub async fn lock_rate(
    state: &AppState,
    from: Currency,
    to: Currency,
) -> Result<FxQuote, AppError> {
    let rate = state
        .fx
        .rate(from, to)
        .ok_or_else(|| AppError::Internal(format!("no rate {from}→{to}")))?;
    let now = clock::unix_now();
    let expires = now + state.fx.settings.quote_seconds;
    let id = clock::random_id();
    sqlx::query(
        "INSERT INTO fx_quotes (id, from_currency, to_currency, rate, created_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(from.code())
    .bind(to.code())
    .bind(rate.value.to_string())
    .bind(now)
    .bind(expires)
    .execute(&state.db)
    .await?;
    Ok(FxQuote {
        id,
        from,
        to,
        rate: rate.value.to_string(),
        expires_at: clock::rfc3339(expires),
    })
}

/// A quote while it holds: 404 for an unknown id, 410 once expired.
pub async fn find_quote(state: &AppState, id: &str) -> Result<FxQuote, AppError> {
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT from_currency, to_currency, rate, expires_at FROM fx_quotes WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (from, to, rate, expires) = row.ok_or(AppError::FxQuoteNotFound)?;
    if clock::unix_now() >= expires {
        return Err(AppError::FxQuoteExpired);
    }
    let currency = |code: String| {
        code.parse::<Currency>()
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    Ok(FxQuote {
        id: id.to_owned(),
        from: currency(from)?,
        to: currency(to)?,
        rate,
        expires_at: clock::rfc3339(expires),
    })
}

/// A quote by id, while it holds.
#[utoipa::path(
    operation_id = "get_fx_quote",
    get,
    path = "/v1/fx/quotes/{id}",
    tag = "currency",
    params(("id" = String, Path, description = "The quote's id")),
    responses(
        (status = 200, description = "The quote still holds", body = FxQuote),
        (status = 404, description = "No quote with this id", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The quote has expired; ask for a new one", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_quote(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<FxQuote>, AppError> {
    find_quote(&state, &id).await.map(Json)
}

/// `/v1/fx/*`, with their OpenAPI operations.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(get_rates))
        .routes(utoipa_axum::routes!(create_quote))
        .routes(utoipa_axum::routes!(get_quote))
}
