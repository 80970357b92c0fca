//! Shipping quotes and the totals of the options chosen.

use super::http::{json_body, post_latest, read_json, segment, ApiError, Latest};
use domain::shipping::{
    Choice, DestinationInput, ShippingQuote, ShippingQuoteRequest, ShippingTotals, TotalsRequest,
};
use domain::{Currency, LineInput, Locale};

/// What to quote shipping for: the lines or the cart, and where to.
pub enum QuoteFor<'a> {
    Lines(&'a [(&'a str, u32)]),
    Cart(&'a str),
}

/// The body of `POST /api/v1/shipping/quotes` (a blank postal code is not sent).
pub fn quote_body(what: QuoteFor<'_>, country: &str, postal_code: &str) -> String {
    let postal = postal_code.trim();
    let destination = DestinationInput {
        country: country.to_owned(),
        postal_code: (!postal.is_empty()).then(|| postal.to_owned()),
    };
    let request = match what {
        QuoteFor::Lines(lines) => ShippingQuoteRequest {
            destination,
            lines: lines
                .iter()
                .map(|(sku, quantity)| LineInput {
                    sku: (*sku).to_owned(),
                    quantity: *quantity,
                })
                .collect(),
            cart_token: None,
        },
        QuoteFor::Cart(token) => ShippingQuoteRequest {
            destination,
            lines: Vec::new(),
            cart_token: Some(token.to_owned()),
        },
    };
    json_body(&request)
}

/// `POST /api/v1/shipping/quotes`: shipments, options, dates, duties and taxes.
pub async fn shipping_quote(
    body: String,
    locale: Locale,
    currency: Currency,
    latest: Latest,
) -> Result<ShippingQuote, ApiError> {
    let path = format!(
        "/api/v1/shipping/quotes?locale={}&currency={}",
        locale.tag(),
        currency.code()
    );
    read_json(post_latest(&path, body, latest).await?).await
}

/// Why the totals of a choice could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum TotalsError {
    /// The quote expired, or the cart changed in another tab: quote again.
    Stale,
    /// Anything else (unreachable, superseded, refused).
    Failed,
}

/// The chosen `(shipment, option)` pairs as the API takes them.
pub(crate) fn choices(chosen: &[(String, String)]) -> Vec<Choice> {
    chosen
        .iter()
        .map(|(s, o)| Choice {
            shipment: s.clone(),
            option: o.clone(),
        })
        .collect()
}

/// `POST /api/v1/shipping/quotes/{id}/totals`: what the buyer pays for these choices.
pub async fn shipping_totals(
    id: &str,
    chosen: &[(String, String)],
    latest: Latest,
) -> Result<ShippingTotals, TotalsError> {
    let body = json_body(&TotalsRequest {
        choices: choices(chosen),
    });
    let path = format!("/api/v1/shipping/quotes/{}/totals", segment(id));
    let response = post_latest(&path, body, latest)
        .await
        .map_err(|_| TotalsError::Failed)?;
    read_json(response).await.map_err(|e| match e {
        ApiError::Server {
            status: 409 | 410, ..
        } => TotalsError::Stale,
        _ => TotalsError::Failed,
    })
}
