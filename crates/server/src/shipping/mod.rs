//! Shipping quotes: `POST /api/v1/shipping/quotes`, `GET /api/v1/shipping/quotes/{id}` and
//! `POST /api/v1/shipping/quotes/{id}/totals`.
//!
//! The route engine (`logistics`) does the work; this module reads the lines' weights,
//! sizes, handling flags and warehouses from the catalog, validates the request, and keeps
//! each quote (its answer and a fingerprint of what it was for) until it expires. A quote's
//! converted amounts are locked for as long as an exchange-rate quote (`STORE_FX_QUOTE_SECONDS`).

use crate::carts::lines::cart_lines;
use crate::clock;
use crate::http::error::{locale_of, AppError, InvalidField, Reason};
use crate::products::items::load_items;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use domain::shipping::{
    Shipment, ShipmentLine, ShippingOption, ShippingQuote, ShippingTotals, TaxesDue,
    UnshippableLine,
};
use domain::{Currency, LineInput, Locale, Money};
use logistics::acceptance::{self, Refusal};
use logistics::{Date, Item};

/// Largest quote request body.
pub mod routes;

pub use routes::load_routes;

pub const MAX_QUOTE_BODY_BYTES: usize = 16 * 1024;

/// A valid quote request.
struct Parsed {
    country: &'static str,
    postal_code: Option<String>,
    lines: Vec<LineInput>,
    cart_token: Option<String>,
}

/// Reads and validates a quote body; every problem is named.
fn parse_request(body: &[u8]) -> Result<Parsed, AppError> {
    let request =
        crate::http::strict::checked(body, domain::shipping::ShippingQuoteRequest::refusals)?
            .normalized();
    let country = domain::validate::destination(&request.destination.country)
        .ok_or_else(|| AppError::Internal("a checked destination is not offered".into()))?;
    Ok(Parsed {
        country,
        postal_code: request.destination.postal_code,
        lines: request.lines,
        cart_token: request.cart_token,
    })
}

fn query_param(query: Option<&str>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// The request's currency (`currency=`, default US dollars), validated.
fn buyer_currency(state: &AppState, query: Option<&str>) -> Result<Currency, AppError> {
    match query_param(query, "currency").filter(|c| !c.trim().is_empty()) {
        None => Ok(Currency::USD),
        Some(code) => state
            .fx
            .parse_currency("currency", code.trim())
            .map_err(|e| AppError::InvalidParameters(vec![e])),
    }
}

fn pairs(lines: &[LineInput]) -> Vec<(String, u32)> {
    lines.iter().map(|l| (l.sku.clone(), l.quantity)).collect()
}

/// What each item costs, as stored with a quote (`sku=minor CUR;…`, by SKU): an order on the
/// quote is refused when this has changed.
pub fn price_list(items: &[(Item, String)]) -> String {
    let mut prices: Vec<String> = items
        .iter()
        .map(|(item, _)| {
            format!(
                "{}={} {}",
                item.sku,
                item.unit_price.to_minor(),
                item.unit_price.currency().code()
            )
        })
        .collect();
    prices.sort();
    prices.join(";")
}

/// Quotes shipping for lines or a cart to a destination.
#[utoipa::path(
    operation_id = "create_shipping_quote",
    post,
    path = "/v1/shipping/quotes",
    tag = "shipping",
    params(
        ("locale" = Option<String>, Query, description = "Language of titles and problems"),
        ("currency" = Option<String>, Query, description = "The buyer's currency (default USD)"),
    ),
    request_body = domain::shipping::ShippingQuoteRequest,
    responses(
        (status = 201, description = "Shipments with every option, dates, duties and taxes", body = ShippingQuote),
        (status = 400, description = "A destination not in the list, or a line or field this document does not allow: each named", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown or repeated line, a malformed postal code, nothing to quote: each named", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No cart with this token", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_quote(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<impl IntoResponse, AppError> {
    let locale = locale_of(query.as_deref(), &headers);
    let body = crate::http::error::read_body(body, MAX_QUOTE_BODY_BYTES).await?;
    let currency = buyer_currency(&state, query.as_deref());
    let parsed = parse_request(&body);
    let (currency, parsed) = match (currency, parsed) {
        (Ok(c), Ok(p)) => (c, p),
        (c, p) => {
            let mut fields = Vec::new();
            for err in [c.err(), p.err()].into_iter().flatten() {
                match err {
                    AppError::InvalidParameters(f) => fields.extend(f),
                    other => return Err(other),
                }
            }
            return Err(AppError::InvalidParameters(fields));
        }
    };
    let lines = match &parsed.cart_token {
        Some(token) => {
            let lines = cart_lines(&state, token).await?;
            if lines.is_empty() {
                return Err(AppError::InvalidParameters(vec![InvalidField {
                    field: "cart_token".into(),
                    reason: Reason::Empty,
                }]));
            }
            lines
        }
        None => parsed.lines.clone(),
    };
    let items = load_items(&state, locale, &lines).await?;
    let quote = build_quote(&state, locale, currency, &parsed, &items).await?;
    let fingerprint = acceptance::fingerprint(
        &pairs(&lines),
        parsed.country,
        parsed.postal_code.as_deref(),
        currency.code(),
    );
    let now = clock::unix_now();
    sqlx::query(
        "INSERT INTO shipping_quotes (id, cart_token, fingerprint, created_at, expires_at, body, prices) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&quote.id)
    .bind(&parsed.cart_token)
    .bind(&fingerprint)
    .bind(now)
    .bind(now + state.fx.settings.quote_seconds)
    .bind(compact(&quote)?)
    .bind(price_list(&items))
    .execute(&state.db)
    .await?;
    Ok((StatusCode::CREATED, Json(quote)))
}

/// The delivery estimate a product page's first screen shows: one unit of `sku` to
/// `country`, quoted as `POST /shipping/quotes` would quote it, but not stored (nothing is
/// ordered on it; the app quotes again when the buyer changes the variant, the destination
/// or the currency, or when it expires). `None` when it cannot be quoted.
pub async fn estimate(
    state: &AppState,
    locale: Locale,
    currency: Currency,
    sku: &str,
    country: &'static str,
) -> Option<ShippingQuote> {
    let lines = vec![LineInput {
        sku: sku.to_owned(),
        quantity: 1,
    }];
    let items = load_items(state, locale, &lines).await.ok()?;
    let parsed = Parsed {
        country,
        postal_code: None,
        lines,
        cart_token: None,
    };
    build_quote(state, locale, currency, &parsed, &items)
        .await
        .ok()
}

/// Runs the engine and words its answer for the wire.
async fn build_quote(
    state: &AppState,
    locale: Locale,
    currency: Currency,
    parsed: &Parsed,
    items: &[(Item, String)],
) -> Result<ShippingQuote, AppError> {
    let engine_items: Vec<Item> = items.iter().map(|(i, _)| i.clone()).collect();
    let now = clock::unix_now();
    let request = logistics::Request {
        items: &engine_items,
        country: parsed.country,
        postal_code: parsed.postal_code.as_deref(),
        today: Date::from_unix(now),
        currency,
    };
    let quote = logistics::quote(&state.routes, request, &*state.fx)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let cities: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT w.code, COALESCE(wn.city, w.code), w.country FROM warehouses w \
         LEFT JOIN warehouse_names wn ON wn.warehouse_id = w.id AND wn.locale = ?",
    )
    .bind(locale.tag())
    .fetch_all(&state.db)
    .await?;
    let city = |code: &str| {
        cities
            .iter()
            .find(|(c, _, _)| c == code)
            .map(|(_, city, country)| (city.clone(), country.clone()))
            .unwrap_or_else(|| (code.to_owned(), code[..2].to_owned()))
    };
    let shipments: Vec<Shipment> = quote
        .shipments
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let (origin_city, origin_country) = city(&s.origin);
            domain::shipping::Shipment {
                id: format!("s{}", n + 1),
                origin: s.origin.clone(),
                origin_city,
                origin_country,
                lines: s
                    .items
                    .iter()
                    .map(|&i| ShipmentLine {
                        sku: items[i].0.sku.clone(),
                        title: items[i].1.clone(),
                        quantity: items[i].0.quantity,
                    })
                    .collect(),
                weight_g: s.weight_g,
                options: s
                    .options
                    .iter()
                    .map(|o| {
                        let route = state.routes.route(o.route);
                        ShippingOption {
                            id: route.id.clone(),
                            carrier: route.carrier.to_owned(),
                            service: route.service,
                            price: o.price,
                            converted: o.converted,
                            surcharge: (o.surcharge.to_minor() > 0).then_some(o.surcharge),
                            parcels: o.parcels,
                            chargeable_g: o.chargeable_g,
                            earliest: o.earliest.iso(),
                            latest: o.latest.iso(),
                            dates: storefront::format::format_date_range(
                                &o.earliest.iso(),
                                &o.latest.iso(),
                                locale.tag(),
                            ),
                            tracked: route.tracked,
                            ddp: route.ddp,
                            labels: o.labels.clone(),
                            duties: o.landed.duties,
                            taxes: o.landed.taxes,
                            duties_and_taxes: o
                                .landed
                                .duties
                                .checked_add(o.landed.taxes)
                                .unwrap_or(o.landed.duties),
                            taxes_due: o.landed.due,
                            tax_rule: o.landed.rule,
                            threshold: o.landed.threshold,
                            pay_now: o.pay_now,
                            total: o.total,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let expires_in = state.fx.settings.quote_seconds;
    let units: u32 = shipments
        .iter()
        .flat_map(|s| s.lines.iter().map(|l| l.quantity))
        .sum();
    Ok(ShippingQuote {
        id: clock::random_id(),
        expires_at: clock::rfc3339(now + expires_in),
        expires_in: u32::try_from(expires_in).unwrap_or(u32::MAX),
        country: parsed.country.to_owned(),
        postal_code: parsed.postal_code.clone(),
        currency,
        shipments,
        unshippable: quote
            .unshippable
            .iter()
            .map(|&(i, reason)| UnshippableLine {
                sku: items[i].0.sku.clone(),
                title: items[i].1.clone(),
                reason,
            })
            .collect(),
        chosen_shipping: quote.chosen_shipping,
        separate_shipping: quote.separate_shipping,
        saving: saving(quote.chosen_shipping, quote.separate_shipping, units),
    })
}

/// What sending the units together saves against sending each on its own: only when there
/// is more than one unit and the difference is positive.
fn saving(chosen: Money, separate: Money, units: u32) -> Option<Money> {
    let difference = separate.to_minor().checked_sub(chosen.to_minor())?;
    (units > 1 && difference > 0 && chosen.currency() == separate.currency())
        .then(|| Money::from_minor(difference, chosen.currency()))
}

/// A stored quote, checked for existence and expiry.
pub struct Stored {
    pub quote: ShippingQuote,
    pub cart_token: Option<String>,
    pub fingerprint: String,
    pub expires_at: i64,
    /// [`price_list`] of the items when quoted.
    pub prices: String,
}

/// A quote as stored: its JSON deflated (a 20-line quote's ~30 KB of JSON takes a few KB).
fn compact(quote: &ShippingQuote) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    let json = serde_json::to_vec(quote).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder
        .write_all(&json)
        .and_then(|()| encoder.finish())
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The quote [`compact`] stored (or, from before compaction, its plain JSON).
fn expand(body: &[u8]) -> Result<ShippingQuote, AppError> {
    use std::io::Read;
    // A quote stored by an earlier version (before a field was added) cannot be read back:
    // it is treated as expired, so the buyer gets a new one (410, which the app re-quotes).
    let outdated = |e: String| {
        tracing::warn!(error = %e, "a stored shipping quote could not be read; treated as expired");
        AppError::ShippingQuoteExpired
    };
    if body.first() == Some(&b'{') {
        return serde_json::from_slice(body).map_err(|e| outdated(e.to_string()));
    }
    let mut json = Vec::new();
    flate2::read::DeflateDecoder::new(body)
        .take(4 * 1024 * 1024)
        .read_to_end(&mut json)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| outdated(e.to_string()))
}

/// A `shipping_quotes` row: compacted body, cart token, fingerprint, expiry, price list.
type StoredRow = (Vec<u8>, Option<String>, String, i64, String);

pub async fn stored(state: &AppState, id: &str) -> Result<Stored, AppError> {
    let row: Option<StoredRow> = sqlx::query_as(
        "SELECT CAST(body AS BLOB), cart_token, fingerprint, expires_at, prices \
         FROM shipping_quotes WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let (body, cart_token, fingerprint, expires_at, prices) =
        row.ok_or(AppError::ShippingQuoteNotFound)?;
    let now = clock::unix_now();
    if now >= expires_at {
        return Err(AppError::ShippingQuoteExpired);
    }
    let mut quote = expand(&body)?;
    quote.expires_in = u32::try_from(expires_at - now).unwrap_or(0);
    Ok(Stored {
        quote,
        cart_token,
        fingerprint,
        expires_at,
        prices,
    })
}

/// A quote as it was answered, while it lasts.
#[utoipa::path(
    operation_id = "get_shipping_quote",
    get,
    path = "/v1/shipping/quotes/{id}",
    tag = "shipping",
    params(("id" = String, Path, description = "The quote's id")),
    responses(
        (status = 200, description = "The quote", body = ShippingQuote),
        (status = 404, description = "No such quote", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The quote has expired: quote again", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_quote(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ShippingQuote>, AppError> {
    Ok(Json(stored(&state, &id).await?.quote))
}

/// What the buyer pays with one option chosen per shipment.
#[utoipa::path(
    operation_id = "shipping_quote_totals",
    post,
    path = "/v1/shipping/quotes/{id}/totals",
    tag = "shipping",
    params(("id" = String, Path, description = "The quote's id")),
    request_body = domain::shipping::TotalsRequest,
    responses(
        (status = 200, description = "Goods, shipping, duties and taxes now and on delivery", body = ShippingTotals),
        (status = 400, description = "A body this document does not allow", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A shipment without a choice, or an option the quote did not offer", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such quote", body = domain::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The cart changed since the quote: quote again", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The quote has expired: quote again", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn quote_totals(
    State(state): State<AppState>,
    Path(id): Path<String>,
    body: Body,
) -> Result<Json<ShippingTotals>, AppError> {
    let body = crate::http::error::read_body(body, MAX_QUOTE_BODY_BYTES).await?;
    let request: domain::shipping::TotalsRequest = crate::http::strict::from_slice(&body)?;
    let stored = stored(&state, &id).await?;
    let choices: Vec<(String, String)> = request
        .choices
        .iter()
        .map(|c| (c.shipment.clone(), c.option.clone()))
        .collect();
    let mut totals = accept(&state, &stored, &choices).await?;
    totals.charge = crate::payments::charge_for(&state, totals.pay_now).await?;
    Ok(Json(totals))
}

/// The totals of a quote's chosen options, once the quote is checked to be unexpired, for
/// what the cart holds now, with one offered option per shipment. `charge` is `pay_now`.
pub async fn accept(
    state: &AppState,
    stored: &Stored,
    choices: &[(String, String)],
) -> Result<ShippingTotals, AppError> {
    let quote = &stored.quote;
    // The fingerprint of what the cart holds now, for a quote made from a cart.
    let fingerprint = match &stored.cart_token {
        Some(token) => {
            let lines = cart_lines(state, token).await.map_err(|e| match e {
                AppError::CartNotFound => AppError::QuoteAltered,
                other => other,
            })?;
            acceptance::fingerprint(
                &pairs(&lines),
                &quote.country,
                quote.postal_code.as_deref(),
                quote.currency.code(),
            )
        }
        None => stored.fingerprint.clone(),
    };
    let offered = acceptance::Offered {
        expires_at: stored.expires_at,
        fingerprint: stored.fingerprint.clone(),
        shipments: quote
            .shipments
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    s.options.iter().map(|o| o.id.clone()).collect(),
                )
            })
            .collect(),
    };
    acceptance::accept(&offered, clock::unix_now(), &fingerprint, choices).map_err(
        |r| match r {
            Refusal::Expired => AppError::ShippingQuoteExpired,
            Refusal::Altered => AppError::QuoteAltered,
            Refusal::Missing(s) => AppError::InvalidParameters(vec![InvalidField {
                field: format!("choices.{s}"),
                reason: Reason::Empty,
            }]),
            Refusal::NotOffered(s) => AppError::InvalidParameters(vec![InvalidField {
                field: format!("choices.{s}"),
                reason: Reason::NotOffered,
            }]),
        },
    )?;
    let zero = Money::zero(quote.currency);
    let (mut goods, mut shipping, mut now_due, mut later, mut pay_now, mut landed) =
        (zero, zero, zero, zero, zero, zero);
    let overflow = |_| AppError::Internal("amount out of range".into());
    for shipment in &quote.shipments {
        let Some(option) = choices
            .iter()
            .find(|(s, _)| *s == shipment.id)
            .and_then(|(_, o)| shipment.options.iter().find(|x| &x.id == o))
        else {
            continue;
        };
        let charges = option.duties_and_taxes;
        let shipment_goods = Money::from_minor(
            option.total.to_minor() - option.converted.to_minor() - charges.to_minor(),
            quote.currency,
        );
        goods = goods.checked_add(shipment_goods).map_err(overflow)?;
        shipping = shipping.checked_add(option.converted).map_err(overflow)?;
        match option.taxes_due {
            TaxesDue::Checkout => now_due = now_due.checked_add(charges).map_err(overflow)?,
            TaxesDue::Delivery => later = later.checked_add(charges).map_err(overflow)?,
            TaxesDue::Nothing => {}
        }
        pay_now = pay_now.checked_add(option.pay_now).map_err(overflow)?;
        landed = landed.checked_add(option.total).map_err(overflow)?;
    }
    Ok(ShippingTotals {
        quote_id: quote.id.clone(),
        goods,
        shipping,
        duties_and_taxes_now: now_due,
        due_on_delivery: later,
        pay_now,
        landed_total: landed,
        charge: domain::shipping::Charge {
            amount: pay_now,
            fx_quote_id: None,
            rate: None,
        },
    })
}

/// `/v1/shipping/*`, with their OpenAPI operations.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(create_quote))
        .routes(utoipa_axum::routes!(get_quote))
        .routes(utoipa_axum::routes!(quote_totals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saving_is_sent_only_when_sending_units_together_saves_something() {
        let usd = |minor| Money::from_minor(minor, Currency::USD);
        assert_eq!(saving(usd(1_000), usd(1_500), 2), Some(usd(500)));
        assert_eq!(
            saving(usd(1_000), usd(1_500), 1),
            None,
            "one unit saves nothing"
        );
        assert_eq!(saving(usd(1_500), usd(1_500), 3), None);
        assert_eq!(saving(usd(1_600), usd(1_500), 3), None);
    }
}
