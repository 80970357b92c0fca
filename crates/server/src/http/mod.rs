//! What every API request goes through: the problem type and its messages, strict bodies,
//! per-client limits, caught panics, request logs, and private-by-default caching.

pub mod error;
pub mod limits;
pub mod messages;
pub mod objects;
pub mod panics;
pub mod strict;
pub mod telemetry;

use axum::http::{header, HeaderValue};

/// API paths whose GET answers are the same for every buyer (the catalog, texts, rates,
/// address forms): caches may keep them. Everything else may carry a cart token, an order's
/// key, an address or payment data.
const PUBLIC_API: [&str; 8] = [
    "/v1/products",
    "/v1/categories",
    "/v1/ui-texts/",
    "/v1/fx/rates",
    "/v1/address-formats/",
    "/v1/payment-methods",
    "/v1/sellers/",
    "/openapi.json",
];

/// `Cache-Control: no-store` on every API response that did not choose its own caching,
/// except public catalog reads.
pub async fn private_by_default(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let public = req.method() == axum::http::Method::GET
        && PUBLIC_API.iter().any(|p| req.uri().path().starts_with(p));
    let mut response = next.run(req).await;
    if !public || !response.status().is_success() {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}
