//! Orders: placing one, and reading one back.

use super::http::{get_json, json_body, parse_js, read_json, segment, ApiError, Latest};
use domain::order::{Order, OrderRequest};
use domain::shipping::ShippingTotals;
use domain::{FieldError, Locale, Problem};
use gloo_net::http::Request;

/// Why an order was not placed. Each `Option<String>` is the server's explanation, in the
/// page's language, when it gave one.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceOrderError {
    /// The payment was declined: the buyer pays another way.
    Declined(Option<String>),
    /// The server's total is not the one the buyer agreed to; here are its totals now.
    TotalChanged {
        totals: Option<Box<ShippingTotals>>,
        detail: Option<String>,
    },
    /// The cart or the quote changed since they were shown: quote again.
    Conflict(Option<String>),
    /// The shipping quote expired: quote again.
    QuoteExpired,
    /// Fields the server refused (`address.city`, `email`, …).
    Invalid {
        errors: Vec<FieldError>,
        detail: Option<String>,
    },
    /// Anything else, or the store could not be reached (`None`).
    Failed(Option<String>),
}

impl From<ApiError> for PlaceOrderError {
    fn from(e: ApiError) -> Self {
        let ApiError::Server { status, problem } = e else {
            return PlaceOrderError::Failed(None);
        };
        let detail = problem.as_ref().map(|p| p.detail.clone());
        let code = problem
            .as_ref()
            .map(|p| p.code.as_str())
            .unwrap_or_default();
        match status {
            402 => PlaceOrderError::Declined(detail),
            409 if code == "order_total_changed" => PlaceOrderError::TotalChanged {
                totals: problem.and_then(|p| p.totals),
                detail,
            },
            409 => PlaceOrderError::Conflict(detail),
            410 => PlaceOrderError::QuoteExpired,
            // 400: a field breaks the API's shapes; 422: a rule of the store refuses it (the
            // other 422, an Idempotency-Key reused for another body, is a failure).
            400 | 422 if code == "invalid_parameter" => PlaceOrderError::Invalid {
                errors: problem.map(|p| p.errors).unwrap_or_default(),
                detail,
            },
            _ => PlaceOrderError::Failed(detail),
        }
    }
}

/// The body of `POST /api/v1/orders`. Prices are not sent: `expected_total` is the charge the
/// buyer saw, which the server checks against its own.
pub fn order_body(order: &OrderRequest) -> String {
    json_body(order)
}

/// `POST /api/v1/orders` with an `Idempotency-Key`: the same key and body (see
/// [`order_body`]) never make two orders.
pub async fn place_order(
    body: String,
    key: &str,
    locale: Locale,
) -> Result<Order, PlaceOrderError> {
    let path = format!("/api/v1/orders?locale={}", locale.tag());
    let response = Request::post(&path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .body(body)
        .map_err(|_| PlaceOrderError::Failed(None))?
        .send()
        .await
        .map_err(|_| PlaceOrderError::Failed(None))?;
    if response.status() != 409 {
        return Ok(read_json(response).await?);
    }
    // A total that changed comes with the server's totals now, which the browser's `Problem`
    // leaves out (see its `totals`): read here, from the same body, by the checkout's code.
    // Not JSON: a conflict the server did not explain.
    let body = parse_js(response)
        .await
        .unwrap_or(wasm_bindgen::JsValue::NULL);
    let totals = js_sys::Reflect::get(&body, &wasm_bindgen::JsValue::from_str("totals"))
        .ok()
        .and_then(|t| serde_wasm_bindgen::from_value::<ShippingTotals>(t).ok())
        .map(Box::new);
    let problem = serde_wasm_bindgen::from_value::<Problem>(body).ok();
    Err(
        match PlaceOrderError::from(ApiError::Server {
            status: 409,
            problem,
        }) {
            PlaceOrderError::TotalChanged { detail, .. } => {
                PlaceOrderError::TotalChanged { totals, detail }
            }
            other => other,
        },
    )
}

/// How an order is found: the key of its confirmation link, or the buyer's email.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderBy<'a> {
    Key(&'a str),
    Email(&'a str),
}

/// Why an order could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// No order with that number and key or email.
    NotFound,
    /// Too many guesses: the server's words on how long to wait.
    TooManyTries(String),
    /// A newer lookup replaced this one.
    Aborted,
    /// The store could not be reached or failed.
    Failed,
}

/// `GET /api/v1/orders/{number}?key=…` (or `email=…`).
pub async fn get_order(
    number: &str,
    by: OrderBy<'_>,
    locale: Locale,
    latest: Latest,
) -> Result<Order, LookupError> {
    let path = format!("/api/v1/orders/{}", segment(number));
    let by = match by {
        OrderBy::Key(k) => ("key", k),
        OrderBy::Email(e) => ("email", e),
    };
    get_json(&path, &[by, ("locale", locale.tag())], latest)
        .await
        .map_err(|e| match e {
            ApiError::Server { status: 404, .. } => LookupError::NotFound,
            ApiError::Server {
                status: 429,
                problem: Some(p),
            } => LookupError::TooManyTries(p.detail),
            ApiError::Aborted => LookupError::Aborted,
            _ => LookupError::Failed,
        })
}
