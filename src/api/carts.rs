//! Carts: created with lines, changed line by line, priced by the server in the buyer's
//! currency and checked against the ship-to country.

use super::http::{json_body, refusal, segment, ApiError};
use domain::{Cart, CartInput, Currency, LineInput, Locale};
use gloo_net::http::Request;

/// Where a cart request's prices and checks apply: the page's language, the buyer's currency
/// and the ship-to country.
#[derive(Clone, Copy)]
pub struct PricedFor {
    pub locale: Locale,
    pub currency: Currency,
    pub ship_to: &'static str,
}

impl PricedFor {
    fn query(self) -> String {
        format!(
            "?locale={}&currency={}&ship_to={}",
            self.locale.tag(),
            self.currency.code(),
            self.ship_to
        )
    }
}

/// Why a cart call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum CartError {
    /// The store could not be reached: the app keeps the change and shows its saved copy.
    Unreachable,
    /// No such cart (it expired, or the token is not the store's).
    NotFound,
    /// The store refused the change (or answered with something this app cannot read).
    Refused,
}

/// A cart as the server priced it, with the JSON it came in: the app keeps that text as the
/// copy it shows while offline.
pub type CartReply = Result<(Cart, String), CartError>;

/// The body of a cart request: lines as `(sku, quantity)`.
fn lines_body(lines: &[(&str, u32)]) -> String {
    json_body(&CartInput {
        lines: lines
            .iter()
            .map(|(sku, quantity)| LineInput {
                sku: (*sku).to_owned(),
                quantity: *quantity,
            })
            .collect(),
    })
}

/// Sends a cart request and reads the cart (or the problem) it answers with.
async fn cart_call(method: &str, path: &str, body: Option<String>) -> CartReply {
    let builder = match method {
        "POST" => Request::post(path),
        "PATCH" => Request::patch(path),
        "DELETE" => Request::delete(path),
        _ => Request::get(path),
    }
    .header("Accept", "application/json");
    let sent = match body {
        Some(body) => {
            builder
                .header("Content-Type", "application/json")
                .body(body)
                .map_err(|_| CartError::Unreachable)?
                .send()
                .await
        }
        None => builder.send().await,
    };
    let response = sent.map_err(|_| CartError::Unreachable)?;
    if !response.ok() {
        return Err(match refusal(response).await {
            ApiError::Server { status: 404, .. } => CartError::NotFound,
            _ => CartError::Refused,
        });
    }
    let text = response.text().await.map_err(|_| CartError::Unreachable)?;
    let cart = saved_cart(&text).ok_or(CartError::Refused)?;
    Ok((cart, text))
}

/// Reads a cart back from the JSON a [`CartReply`] carried.
pub fn saved_cart(text: &str) -> Option<Cart> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `POST /api/v1/carts` with lines: a new cart, priced.
pub async fn create_cart(lines: &[(&str, u32)], at: PricedFor) -> CartReply {
    let path = format!("/api/v1/carts{}", at.query());
    cart_call("POST", &path, Some(lines_body(lines))).await
}

/// `GET /api/v1/carts/{token}`: the cart priced now.
pub async fn get_cart(token: &str, at: PricedFor) -> CartReply {
    let path = format!("/api/v1/carts/{token}{}", at.query());
    cart_call("GET", &path, None).await
}

/// `PATCH /api/v1/carts/{token}`: adds lines or sets their quantities.
pub async fn patch_cart(token: &str, lines: &[(&str, u32)], at: PricedFor) -> CartReply {
    let path = format!("/api/v1/carts/{token}{}", at.query());
    cart_call("PATCH", &path, Some(lines_body(lines))).await
}

/// `DELETE /api/v1/carts/{token}/lines/{sku}`.
pub async fn remove_cart_line(token: &str, sku: &str, at: PricedFor) -> CartReply {
    let path = format!("/api/v1/carts/{token}/lines/{}{}", segment(sku), at.query());
    cart_call("DELETE", &path, None).await
}
