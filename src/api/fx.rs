//! Exchange rates.

use super::http::{read_json, ApiError};
use domain::RateTable;
use gloo_net::http::Request;

/// `GET /api/v1/fx/rates`: the rates the store converts with, their sources and the spread.
pub async fn fx_rates() -> Result<RateTable, ApiError> {
    let response = Request::get("/api/v1/fx/rates")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read_json(response).await
}
