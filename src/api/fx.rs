//! Exchange rates.

use super::http::{read_json, take_inlined, ApiError};
use domain::RateTable;
use gloo_net::http::Request;

/// `GET /api/v1/fx/rates`: the rates the store converts with, their sources and the spread.
/// A page whose first screen the server drew carries them (key `fx|rates`), so its conversion
/// notes are there when the app takes the first screen's place.
pub async fn fx_rates() -> Result<RateTable, ApiError> {
    if let Some(table) = take_inlined::<RateTable>("fx|rates") {
        return Ok(table);
    }
    let response = Request::get("/api/v1/fx/rates")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read_json(response).await
}
