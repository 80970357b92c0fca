//! Sellers' stores as buyers see them.

use super::http::{get_json, or_in_preview, segment, take_inlined, ApiError, Latest};
use domain::seller::Storefront;
use domain::{Currency, Locale};

/// `GET /api/v1/sellers/{slug}?locale=…&currency=…&country=…`: the store's profile (its return
/// policy the one for deliveries to `country`), featured products and live campaign; `None`:
/// no such seller.
pub async fn storefront(
    slug: String,
    locale: Locale,
    currency: Currency,
    country: &'static str,
    latest: Latest,
) -> Result<Option<Storefront>, ApiError> {
    // A store page's first answer carries its store when the buyer landed on it.
    let key = format!(
        "store|{slug}|{}|{}|{country}",
        locale.tag(),
        currency.code()
    );
    if let Some(store) = take_inlined::<Storefront>(&key) {
        return Ok(Some(store));
    }
    // Reading drafts (a preview's frame): the previewed store's draft, another as published.
    let path = or_in_preview("/api/v1/sellers/", "/api/v1/preview/stores/") + &segment(&slug);
    let query = [
        ("locale", locale.tag()),
        ("currency", currency.code()),
        ("country", country),
    ];
    match get_json(&path, &query, latest).await {
        Ok(store) => Ok(Some(store)),
        Err(ApiError::Server { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}
