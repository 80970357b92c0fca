//! The app's only door to the server. Every URL and every HTTP detail lives here; pages call
//! typed functions and get domain types or an [`ApiError`] back.

use crate::catalog::listing::ListingParams;
use domain::address::{AddressFormat, ValidAddress};
use domain::order::{Order, PaymentSetup};
use domain::shipping::{ShippingQuote, ShippingTotals};
use domain::{
    Cart, CategoryList, Currency, Locale, Problem, ProductDetail, ProductList, RateTable,
};
use gloo_net::http::{Request, Response};
use leptos::prelude::{on_cleanup, LocalStorage, StoredValue, UpdateValue};
use serde::de::DeserializeOwned;

/// Why an API call failed, in terms the UI can explain.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an HTTP answer: offline, DNS, server down, connection reset.
    #[error("the store could not be reached")]
    Unreachable,
    /// The server answered with an error; `problem` is its problem document when it sent one.
    #[error("the store answered {status}")]
    Server {
        status: u16,
        problem: Option<Problem>,
    },
    /// The answer was not what this version of the app understands.
    #[error("unexpected response: {0}")]
    Malformed(String),
    /// A newer request replaced this one, or the page went away; nothing to show.
    #[error("superseded")]
    Aborted,
}

/// One stream of requests where only the newest matters — a listing as filters change, a
/// product page as the buyer moves between products. Starting a request aborts the one before
/// it, and the page going away aborts the last, so a slow, stale answer can never land over a
/// newer one.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<Option<web_sys::AbortController>, LocalStorage>);

impl Latest {
    /// Create in a component body: its in-flight request is aborted when the component is.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let slot = StoredValue::new_local(None::<web_sys::AbortController>);
        on_cleanup(move || {
            slot.try_update_value(|c| {
                if let Some(c) = c.take() {
                    c.abort();
                }
            });
        });
        Latest(slot)
    }

    fn next_signal(self) -> Option<web_sys::AbortSignal> {
        let next = web_sys::AbortController::new().ok();
        let signal = next.as_ref().map(|c| c.signal());
        self.0.update_value(|slot| {
            if let Some(previous) = std::mem::replace(slot, next) {
                previous.abort();
            }
        });
        signal
    }
}

/// `GET /api/v1/products?…`: one page of a listing or search, with filter counts.
pub async fn list_products(
    params: ListingParams,
    locale: Locale,
    currency: Currency,
    latest: Latest,
) -> Result<ProductList, ApiError> {
    let mut query = params.to_query();
    query.push(("locale".to_owned(), locale.tag().to_owned()));
    query.push(("currency".to_owned(), currency.code().to_owned()));
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    get_json("/api/v1/products", &pairs, latest).await
}

/// `GET /api/v1/products/{slug}?locale=…`; an unknown product is `ApiError::Server { status: 404, .. }`.
pub async fn get_product(
    slug: String,
    locale: Locale,
    currency: Currency,
    latest: Latest,
) -> Result<ProductDetail, ApiError> {
    let path = format!("/api/v1/products/{}", js_sys::encode_uri_component(&slug));
    let query = [("locale", locale.tag()), ("currency", currency.code())];
    get_json(&path, &query, latest).await
}

/// One cart line as the API takes it: `{"sku": …, "quantity": …}`, JSON built by the
/// browser's `JSON.stringify` for the SKU.
fn lines_body(lines: &[(&str, u32)]) -> String {
    let items: Vec<String> = lines
        .iter()
        .map(|(sku, quantity)| format!(r#"{{"sku":{},"quantity":{quantity}}}"#, json_string(sku)))
        .collect();
    format!(r#"{{"lines":[{}]}}"#, items.join(","))
}

/// Where a cart request's prices and checks apply: the page's language, the buyer's currency
/// and, when chosen, the ship-to country.
#[derive(Clone, Copy)]
pub struct CartView {
    pub locale: Locale,
    pub currency: Currency,
    pub ship_to: &'static str,
}

impl CartView {
    fn query(self) -> String {
        format!(
            "?locale={}&currency={}&ship_to={}",
            self.locale.tag(),
            self.currency.code(),
            self.ship_to
        )
    }
}

/// A cart as the server priced it, with the JSON it came in: the app keeps that text as the
/// copy it shows while offline.
pub type CartReply = Result<(Cart, String), ApiError>;

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
                .map_err(|_| ApiError::Unreachable)?
                .send()
                .await
        }
        None => builder.send().await,
    };
    let response = sent.map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return read_json::<Cart>(response)
            .await
            .map(|c| (c, String::new()));
    }
    let text = response.text().await.map_err(|_| ApiError::Unreachable)?;
    let cart = saved_cart(&text).ok_or_else(|| ApiError::Malformed("cart".into()))?;
    Ok((cart, text))
}

/// Reads a cart back from the JSON a [`CartReply`] carried.
pub fn saved_cart(text: &str) -> Option<Cart> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// `POST /api/v1/carts` with lines: a new cart, priced.
pub async fn create_cart(lines: &[(&str, u32)], view: CartView) -> CartReply {
    let path = format!("/api/v1/carts{}", view.query());
    cart_call("POST", &path, Some(lines_body(lines))).await
}

/// `GET /api/v1/carts/{token}`: the cart priced now.
pub async fn get_cart(token: &str, view: CartView) -> CartReply {
    let path = format!("/api/v1/carts/{token}{}", view.query());
    cart_call("GET", &path, None).await
}

/// `PATCH /api/v1/carts/{token}`: adds lines or sets their quantities.
pub async fn patch_cart(token: &str, lines: &[(&str, u32)], view: CartView) -> CartReply {
    let path = format!("/api/v1/carts/{token}{}", view.query());
    cart_call("PATCH", &path, Some(lines_body(lines))).await
}

/// `DELETE /api/v1/carts/{token}/lines/{sku}`.
pub async fn remove_cart_line(token: &str, sku: &str, view: CartView) -> CartReply {
    let path = format!(
        "/api/v1/carts/{token}/lines/{}{}",
        js_sys::encode_uri_component(sku),
        view.query()
    );
    cart_call("DELETE", &path, None).await
}

/// A JSON string literal, escaped by the browser's `JSON.stringify`.
fn json_string(text: &str) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_str(text))
        .map(String::from)
        .unwrap_or_default()
}

/// What to quote shipping for: the lines or the cart, and where to.
pub enum QuoteFor<'a> {
    Lines(&'a [(&'a str, u32)]),
    Cart(&'a str),
}

/// The body of `POST /api/v1/shipping/quotes`.
pub fn quote_body(what: QuoteFor<'_>, country: &str, postal_code: &str) -> String {
    let postal = postal_code.trim();
    let destination = if postal.is_empty() {
        format!(r#"{{"country":{}}}"#, json_string(country))
    } else {
        format!(
            r#"{{"country":{},"postal_code":{}}}"#,
            json_string(country),
            json_string(postal)
        )
    };
    match what {
        QuoteFor::Lines(lines) => {
            let lines = lines_body(lines);
            // `{"lines":[…]}` → `{"destination":…,"lines":[…]}`
            format!(r#"{{"destination":{destination},{}"#, &lines[1..])
        }
        QuoteFor::Cart(token) => {
            format!(
                r#"{{"destination":{destination},"cart_token":{}}}"#,
                json_string(token)
            )
        }
    }
}

/// POSTs JSON in `latest`'s stream (aborting the request before it).
async fn post_latest(path: &str, body: String, latest: Latest) -> Result<Response, ApiError> {
    let signal = latest.next_signal();
    Request::post(path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .abort_signal(signal.as_ref())
        .body(body)
        .map_err(|_| ApiError::Unreachable)?
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
            _ => ApiError::Unreachable,
        })
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

/// `POST /api/v1/shipping/quotes/{id}/totals`: what the buyer pays for these choices.
pub async fn shipping_totals(
    id: &str,
    choices: &[(String, String)],
    latest: Latest,
) -> Result<ShippingTotals, ApiError> {
    let items: Vec<String> = choices
        .iter()
        .map(|(s, o)| {
            format!(
                r#"{{"shipment":{},"option":{}}}"#,
                json_string(s),
                json_string(o)
            )
        })
        .collect();
    let body = format!(r#"{{"choices":[{}]}}"#, items.join(","));
    let path = format!(
        "/api/v1/shipping/quotes/{}/totals",
        js_sys::encode_uri_component(id)
    );
    read_json(post_latest(&path, body, latest).await?).await
}

/// A JSON object of string values, written by the browser's `JSON.stringify`.
pub fn json_object(pairs: &[(&str, &str)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
        .collect();
    format!("{{{}}}", items.join(","))
}

/// `GET /api/v1/address-formats/{country}`: the fields, order, labels and patterns of an address.
pub async fn address_format(
    country: &'static str,
    latest: Latest,
) -> Result<AddressFormat, ApiError> {
    get_json(&format!("/api/v1/address-formats/{country}"), &[], latest).await
}

/// `POST /api/v1/addresses/validate`: the address normalized, or every bad field named.
pub async fn validate_address(
    body: String,
    locale: Locale,
    latest: Latest,
) -> Result<ValidAddress, ApiError> {
    let path = format!("/api/v1/addresses/validate?locale={}", locale.tag());
    read_json(post_latest(&path, body, latest).await?).await
}

/// `GET /api/v1/payment-methods`: the provider's payment page (another origin) and methods.
pub async fn payment_setup(
    country: &'static str,
    currency: Currency,
    locale: Locale,
    latest: Latest,
) -> Result<PaymentSetup, ApiError> {
    let query = [
        ("country", country),
        ("currency", currency.code()),
        ("locale", locale.tag()),
    ];
    get_json("/api/v1/payment-methods", &query, latest).await
}

/// The body of `POST /api/v1/orders`. Prices are not sent: `expected_total` is the charge the
/// buyer saw, which the server checks against its own.
pub struct OrderDraft<'a> {
    pub cart_token: &'a str,
    pub email: &'a str,
    /// The address as JSON (see [`json_object`]).
    pub address: &'a str,
    pub quote_id: &'a str,
    pub choices: &'a [(String, String)],
    pub payment_token: &'a str,
    pub fx_quote_id: Option<&'a str>,
    pub expected_total: &'a domain::Money,
}

impl OrderDraft<'_> {
    pub fn body(&self) -> String {
        let choices: Vec<String> = self
            .choices
            .iter()
            .map(|(s, o)| json_object(&[("shipment", s), ("option", o)]))
            .collect();
        let total = json_object(&[
            ("amount", &self.expected_total.amount_string()),
            ("currency", self.expected_total.currency().code()),
        ]);
        let fx = self
            .fx_quote_id
            .map(|id| format!(",\"fx_quote_id\":{}", json_string(id)))
            .unwrap_or_default();
        format!(
            r#"{{"cart_token":{},"email":{},"address":{},"shipping_quote_id":{},"choices":[{}],"payment_token":{},"expected_total":{total}{fx}}}"#,
            json_string(self.cart_token),
            json_string(self.email),
            self.address,
            json_string(self.quote_id),
            choices.join(","),
            json_string(self.payment_token),
        )
    }
}

/// `POST /api/v1/orders` with an `Idempotency-Key`: the same key and body never make two orders.
pub async fn place_order(body: String, key: &str, locale: Locale) -> Result<Order, ApiError> {
    let path = format!("/api/v1/orders?locale={}", locale.tag());
    let response = Request::post(&path)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .body(body)
        .map_err(|_| ApiError::Unreachable)?
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read_json(response).await
}

/// `GET /api/v1/orders/{number}?key=…` (or `email=…`).
pub async fn get_order(
    number: &str,
    by: (&str, &str),
    locale: Locale,
    latest: Latest,
) -> Result<Order, ApiError> {
    let path = format!("/api/v1/orders/{}", js_sys::encode_uri_component(number));
    get_json(&path, &[by, ("locale", locale.tag())], latest).await
}

/// `GET /api/v1/fx/rates`: the rates the store converts with, their sources and the spread.
pub async fn fx_rates() -> Result<RateTable, ApiError> {
    let response = Request::get("/api/v1/fx/rates")
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    read_json(response).await
}

/// `GET /api/v1/categories?locale=…`
pub async fn list_categories(locale: Locale, latest: Latest) -> Result<CategoryList, ApiError> {
    get_json("/api/v1/categories", &[("locale", locale.tag())], latest).await
}

/// `GET /api/v1/ui-texts/{locale}`: every UI text of a locale as a flat JSON object, for
/// `i18n::install_json`. The buyer's first locale comes inlined in `index.html` instead.
pub async fn ui_texts(locale: Locale) -> Result<wasm_bindgen::JsValue, ApiError> {
    let path = format!("/api/v1/ui-texts/{}", locale.tag());
    let response = Request::get(&path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(ApiError::Server {
            status: response.status(),
            problem: None,
        });
    }
    parse_js(response).await
}

/// Sends a GET in `latest`'s stream, aborting the request before it.
///
/// Aborting through a controller the component owns, rather than `on_cleanup` inside the
/// resource's fetcher, is deliberate: a cleanup registered there can run against the next
/// request's scope when the URL changes twice quickly (back, then forward), which aborted the
/// newer request and let the older answer land.
async fn get_json<T: DeserializeOwned>(
    path: &str,
    query: &[(&str, &str)],
    latest: Latest,
) -> Result<T, ApiError> {
    let signal = latest.next_signal();
    let response = Request::get(path)
        .query(query.iter().copied())
        .header("Accept", "application/json")
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|e| match e {
            gloo_net::Error::JsError(js) if js.name == "AbortError" => ApiError::Aborted,
            _ => ApiError::Unreachable,
        })?;
    read_json(response).await
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return parse_json(response).await;
    }
    let status = response.status();
    let problem = parse_json::<Problem>(response).await.ok();
    Err(ApiError::Server { status, problem })
}

/// The browser's `JSON.parse` builds the value and serde reads it from JS: a JSON parser
/// compiled into the wasm would cost ~10 KB (brotli) for work the browser already does.
async fn parse_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let value = parse_js(response).await?;
    serde_wasm_bindgen::from_value(value).map_err(|e| ApiError::Malformed(e.to_string()))
}

async fn parse_js(response: Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    let text = response.text().await.map_err(|_| ApiError::Unreachable)?;
    js_sys::JSON::parse(&text).map_err(|_| ApiError::Malformed("not JSON".into()))
}
