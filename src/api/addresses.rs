//! Address formats and the server's check of an address.

use super::http::{get_json, json_body, post_latest, read_json, ApiError, Latest};
use domain::address::{AddressFormat, AddressInput, ValidAddress};
use domain::{FieldError, Locale};

/// `GET /api/v1/address-formats/{country}`: the fields, order, labels and patterns of an address.
pub async fn address_format(
    country: &'static str,
    latest: Latest,
) -> Result<AddressFormat, ApiError> {
    get_json(&format!("/api/v1/address-formats/{country}"), &[], latest).await
}

/// Why an address was not confirmed.
#[derive(Debug, Clone, PartialEq)]
pub enum ValidateError {
    /// These fields are wrong (each with the server's code).
    Invalid(Vec<FieldError>),
    /// A newer check replaced this one.
    Aborted,
    /// The check could not be made.
    Failed,
}

/// `POST /api/v1/addresses/validate`: the address normalized, or every bad field named.
pub async fn validate_address(
    address: &AddressInput,
    locale: Locale,
    latest: Latest,
) -> Result<ValidAddress, ValidateError> {
    let path = format!("/api/v1/addresses/validate?locale={}", locale.tag());
    let sent = post_latest(&path, json_body(address), latest).await;
    let answer = match sent {
        Ok(response) => read_json(response).await,
        Err(e) => Err(e),
    };
    answer.map_err(|e| match e {
        // 400: a field breaks the API's shapes; 422: the country's format refuses it.
        ApiError::Server {
            status: 400 | 422,
            problem: Some(p),
        } => ValidateError::Invalid(p.errors),
        ApiError::Aborted => ValidateError::Aborted,
        _ => ValidateError::Failed,
    })
}
