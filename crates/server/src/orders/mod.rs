//! Orders: `POST /api/v1/orders` (with an `Idempotency-Key`) and
//! `GET /api/v1/orders/{number}` (with the order's email or access key).
//!
//! Placing an order checks everything again on the server: the address, the shipping quote
//! (unexpired, made for this address and for what the cart holds now, one offered option per
//! shipment), the prices the quote was made with, the locked exchange rate when the charge is
//! in another currency, and that the charge equals what the buyer accepted. Then it holds the
//! stock (one transaction: every line or none), charges the provider, and writes the order in
//! one transaction; a decline releases the stock and leaves the cart as it was.

pub mod lookup;

pub use lookup::LookupGuard;

use crate::clock;
use crate::http::error::{locale_of, AppError, InvalidField, Reason};
use crate::payments::ChargeRequest;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::order::{Order, OrderLine, OrderRequest, OrderShipment, OrderTotals};
use domain::shipping::{Charge, ShippingTotals};
use domain::Locale;
use futures_util::FutureExt;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// Largest order request body.
pub const MAX_ORDER_BODY_BYTES: usize = 32 * 1024;

/// How long a repeat waits for the first request with its key to finish.
const REPLAY_WAIT: Duration = Duration::from_secs(8);

/// How long the provider may take to answer a charge; after that the attempt fails (503) and
/// whatever the provider did is voided.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(30);

/// An attempt still unfinished after this belongs to a process that stopped: housekeeping
/// releases its stock, voids its charge and gives its key back. A live attempt takes
/// seconds (the provider's answer).
pub const STALE_ATTEMPT_SECONDS: i64 = 2 * 60;

fn idempotency_key(headers: &HeaderMap) -> Result<String, AppError> {
    let field = |reason| {
        AppError::InvalidParameters(vec![InvalidField {
            field: "Idempotency-Key".into(),
            reason,
        }])
    };
    let key = headers
        .get("idempotency-key")
        .ok_or_else(|| field(Reason::Required))?
        .to_str()
        .map_err(|_| field(Reason::Malformed))?
        .trim();
    if key.is_empty() {
        return Err(field(Reason::Required));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(field(Reason::TooLong {
            max: MAX_KEY_LEN as u64,
        }));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(field(Reason::Malformed));
    }
    Ok(key.to_owned())
}

/// The longest `Idempotency-Key` taken (ASCII, so bytes are characters).
pub const MAX_KEY_LEN: usize = 255;

fn stored_response(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_type = if status.is_success() {
        "application/json"
    } else {
        domain::Problem::CONTENT_TYPE
    };
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

/// Places an order. A repeat with the same `Idempotency-Key` and body gets the first answer
/// (waiting for it if it is still being worked out); the same key with another body is a 422.
#[utoipa::path(
    post,
    path = "/v1/orders",
    tag = "orders",
    params(
        ("Idempotency-Key" = String, Header, description = "One per attempt; a repeat returns the first answer"),
        ("locale" = Option<String>, Query, description = "Language of titles and problems"),
    ),
    request_body = OrderRequest,
    responses(
        (status = 201, description = "The order, paid", body = Order),
        (status = 400, description = "A field this document does not allow or requires (a blank token, no choice, no address, no key), each named", body = domain::Problem, content_type = "application/problem+json"),
        (status = 402, description = "The payment was declined: no order, stock released, the cart untouched", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such cart or shipping quote", body = domain::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Prices, stock, the cart or the total changed (`totals` holds the new totals when known), or the cart was ordered under another key (`cart_already_ordered`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The shipping or exchange-rate quote expired: quote again", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields a rule refuses (an email, an address not valid for its country, an option not offered, a quote for another address), each named; or the Idempotency-Key was used for another request (`idempotency_conflict`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_order(
    State(state): State<AppState>,
    crate::http::limits::Client(client): crate::http::limits::Client,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let locale = locale_of(query.as_deref(), &headers);
    let body = crate::http::error::read_body(body, MAX_ORDER_BODY_BYTES).await?;
    let key = idempotency_key(&headers)?;
    // A body with a field the store does not take is refused before anything is stored.
    let request = crate::http::strict::checked(&body, OrderRequest::refusals)?;
    let attempt = Attempt {
        key,
        fingerprint: fingerprint(&request),
        request,
        locale,
        client: client.to_string(),
    };
    // The rest runs on a task of its own: a client that disconnects, or the API's time limit,
    // ends only the wait for the answer. The attempt always reaches an end — the key answered
    // or given back, the stock held then sold or released, a charge recorded with its order or
    // voided — whatever happens to the connection.
    let running = InFlight::new(&state.orders_in_flight);
    let task = async move {
        let _running = running;
        answer(state, attempt).await
    };
    match tokio::spawn(task).await {
        Ok(result) => result,
        Err(join) => {
            tracing::error!(error = %join, "an order attempt's task failed");
            Err(AppError::Internal("order task failed".into()))
        }
    }
}

/// Counts an order attempt as running until dropped.
struct InFlight(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl InFlight {
    fn new(counter: &std::sync::Arc<std::sync::atomic::AtomicUsize>) -> InFlight {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        InFlight(counter.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// One order request, read and checked for shape.
struct Attempt {
    key: String,
    /// SHA-256 of the canonical request: what a repeat is compared with. The request itself
    /// (address, email) is not kept with the key.
    fingerprint: String,
    request: OrderRequest,
    locale: Locale,
    /// The client's address, for the limit on stock holds.
    client: String,
}

/// The request as the store read it, serialized: fields in one order, unknown ones already
/// refused, so the same request always has the same fingerprint.
fn fingerprint(request: &OrderRequest) -> String {
    use sha2::Digest;
    let bytes = serde_json::to_vec(request).unwrap_or_default();
    let digest = sha2::Sha256::digest(&bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Claims the key and places the order, or replays what the key answered.
async fn answer(state: AppState, attempt: Attempt) -> Result<Response, AppError> {
    let key = attempt.key.as_str();
    let claimed = sqlx::query(
        "INSERT INTO idempotency_keys (key, request, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(&attempt.fingerprint)
    .bind(clock::unix_now())
    .execute(&state.db)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        let started = std::time::Instant::now();
        loop {
            let row: Option<(String, Option<i64>, Option<String>)> = sqlx::query_as(
                "SELECT request, status, response FROM idempotency_keys WHERE key = ?",
            )
            .bind(key)
            .fetch_optional(&state.db)
            .await?;
            match row {
                Some((request, _, _)) if request != attempt.fingerprint => {
                    return Err(AppError::IdempotencyConflict)
                }
                Some((_, Some(status), Some(response))) => {
                    return Ok(stored_response(
                        u16::try_from(status).unwrap_or(500),
                        response,
                    ))
                }
                // The first attempt failed in a way worth retrying and gave the key back.
                None => return Box::pin(answer(state, attempt)).await,
                Some(_) if started.elapsed() > REPLAY_WAIT => return Err(AppError::Timeout),
                Some(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    // A panic while placing is this attempt's failure, cleaned up like any other.
    let result = AssertUnwindSafe(place(&state, &attempt))
        .catch_unwind()
        .await
        .unwrap_or_else(|_| {
            tracing::error!(key, "order placement panicked");
            Err(AppError::Internal("order placement panicked".into()))
        });
    let result = match result {
        Ok(order) => Ok(order),
        Err(err) => {
            // No order was written: whatever the attempt holds goes back.
            abandon(&state.db, state.payments.as_ref(), key).await;
            // An attempt racing another for the same cart may have seen the cart emptied or
            // changed by the order that won: say so rather than "empty" or "altered".
            let cart = attempt.request.cart_token.trim();
            match cart_claim(&state, cart).await {
                Ok(Some(other)) if other != key => Err(AppError::CartAlreadyOrdered),
                _ => Err(err),
            }
        }
    };
    match &result {
        // The order's transaction answered the key already (`write_order`).
        Ok(_) => {}
        Err(err) => {
            // Answers that cannot change are kept for repeats; others (a changed total, an
            // expired quote, a cart another attempt is ordering, a failure of ours) give the key
            // back so a repeat is worked out anew.
            let keep = matches!(err.status().as_u16(), 400 | 402 | 404 | 422);
            let answered = if keep {
                let problem = err.to_problem(attempt.locale);
                sqlx::query("UPDATE idempotency_keys SET status = ?, response = ? WHERE key = ?")
                    .bind(i64::from(err.status().as_u16()))
                    .bind(serde_json::to_string(&problem).unwrap_or_default())
                    .bind(key)
                    .execute(&state.db)
                    .await
            } else {
                sqlx::query("DELETE FROM idempotency_keys WHERE key = ?")
                    .bind(key)
                    .execute(&state.db)
                    .await
            };
            if let Err(e) = answered {
                // Housekeeping gives an unanswered key back after a while.
                tracing::error!(error = %e, "an order attempt's key could not be answered");
            }
        }
    }
    match result {
        Ok(order) => {
            let location = format!("/api/v1/orders/{}", order.number);
            let mut response = (StatusCode::CREATED, Json(order)).into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            Ok(response)
        }
        Err(err) => Err(err),
    }
}

fn same_postal_code(a: Option<&str>, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase()
    };
    norm(a.unwrap_or("")) == norm(b)
}

/// `SO-` and ten letters and digits that cannot be misread (Crockford's base 32).
fn order_number() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    let _ = getrandom::fill(&mut bytes);
    let tail: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    format!("SO-{}-{}", &tail[..5], &tail[5..])
}

async fn place(state: &AppState, attempt: &Attempt) -> Result<Order, AppError> {
    let (request, locale, key) = (&attempt.request, attempt.locale, attempt.key.as_str());
    // Everything the buyer typed, checked together.
    let mut errors = Vec::new();
    let email = request.email.trim().to_owned();
    if !domain::order::valid_email(&email) {
        errors.push(InvalidField {
            field: "email".into(),
            reason: Reason::EmailInvalid,
        });
    }
    let address = match crate::addresses::validate(&request.address) {
        Ok(valid) => Some(valid.address),
        Err(fields) => {
            errors.extend(fields.into_iter().map(|f| InvalidField {
                field: format!("address.{}", f.field),
                reason: f.reason,
            }));
            None
        }
    };
    let (Some(address), true) = (address, errors.is_empty()) else {
        return Err(AppError::InvalidParameters(errors));
    };

    // The cart, the quote and the choices. The cart may be ordered once, whatever key a
    // request carries.
    if let Some(other) = cart_claim(state, request.cart_token.trim()).await? {
        if other != key {
            return Err(AppError::CartAlreadyOrdered);
        }
    }
    let lines = crate::carts::lines::cart_lines(state, request.cart_token.trim()).await?;
    if lines.is_empty() {
        return Err(AppError::InvalidParameters(vec![InvalidField {
            field: "cart_token".into(),
            reason: Reason::Empty,
        }]));
    }
    let stored = crate::shipping::stored(state, request.shipping_quote_id.trim()).await?;
    let quote = &stored.quote;
    if stored.cart_token.as_deref() != Some(request.cart_token.trim()) {
        return Err(AppError::QuoteAltered);
    }
    if quote.country != address.country
        || !same_postal_code(quote.postal_code.as_deref(), &address.postal_code)
    {
        return Err(AppError::InvalidParameters(vec![InvalidField {
            field: "shipping_quote_id".into(),
            reason: Reason::OtherAddress,
        }]));
    }
    let choices: Vec<(String, String)> = request
        .choices
        .iter()
        .map(|c| (c.shipment.clone(), c.option.clone()))
        .collect();
    let mut totals = crate::shipping::accept(state, &stored, &choices).await?;
    if !quote.unshippable.is_empty() {
        // Lines that cannot go to this address must leave the cart first.
        return Err(AppError::InvalidParameters(
            quote
                .unshippable
                .iter()
                .map(|u| InvalidField {
                    field: format!("cart_token.{}", u.sku),
                    reason: Reason::NotOffered,
                })
                .collect(),
        ));
    }
    let items = crate::products::items::load_items(state, locale, &lines).await?;
    if crate::shipping::price_list(&items) != stored.prices {
        return Err(AppError::PricesChanged);
    }

    // The charge: the amount due now, converted at the locked rate when the provider does not
    // settle the display currency.
    let pay_now = totals.pay_now;
    totals.charge = if state.payments.settles(pay_now.currency()) {
        Charge {
            amount: pay_now,
            fx_quote_id: None,
            rate: None,
        }
    } else {
        let id = request.fx_quote_id.as_deref().map(str::trim).unwrap_or("");
        if id.is_empty() {
            return Err(AppError::InvalidParameters(vec![InvalidField {
                field: "fx_quote_id".into(),
                reason: Reason::RequiredHere,
            }]));
        }
        let fx = crate::fx::find_quote(state, id).await?;
        if fx.from != pay_now.currency() || fx.to != state.payments.fallback_currency() {
            return Err(AppError::InvalidParameters(vec![InvalidField {
                field: "fx_quote_id".into(),
                reason: Reason::NotOffered,
            }]));
        }
        crate::payments::charge_at(pay_now, fx)?
    };
    if request.expected_total != totals.charge.amount {
        return Err(AppError::OrderTotalChanged(Box::new(totals)));
    }

    // Stock is held only for an attempt whose payment can succeed: a declined card or a spent
    // token holds nothing.
    let token = request.payment_token.trim();
    if let Err(declined) = state.payments.check(token).await {
        return Err(AppError::PaymentDeclined(declined.code()));
    }
    hold_stock(
        state,
        attempt,
        &lines,
        ChargeAttempt {
            token,
            amount: totals.charge.amount,
        },
    )
    .await?;
    let charged = state.payments.charge(ChargeRequest {
        token,
        amount: totals.charge.amount,
        idempotency_key: key,
    });
    let charged = match tokio::time::timeout(PROVIDER_TIMEOUT, charged).await {
        Ok(Ok(charged)) => charged,
        // The caller releases what the attempt held (and voids a late charge).
        Ok(Err(declined)) => return Err(AppError::PaymentDeclined(declined.code())),
        Err(_) => {
            return Err(AppError::Unavailable(
                "the payment provider did not answer in time".into(),
            ))
        }
    };
    // Recorded before the order is written: if the process stops now, housekeeping finds
    // the charge and voids it.
    sqlx::query("UPDATE charge_attempts SET reference = ? WHERE idempotency_key = ?")
        .bind(&charged.reference)
        .bind(key)
        .execute(&state.db)
        .await?;

    let order = Order {
        number: order_number(),
        access_key: clock::random_id(),
        status: "paid".into(),
        email,
        placed_at: clock::rfc3339(clock::unix_now()),
        address,
        lines: items
            .iter()
            .map(|(item, title)| OrderLine {
                sku: item.sku.clone(),
                title: title.clone(),
                quantity: item.quantity,
                unit_price: item.unit_price,
            })
            .collect(),
        shipments: quote
            .shipments
            .iter()
            .filter_map(|s| {
                let (_, option) = choices.iter().find(|(sid, _)| *sid == s.id)?;
                let o = s.options.iter().find(|o| &o.id == option)?;
                Some(OrderShipment {
                    id: s.id.clone(),
                    origin_city: s.origin_city.clone(),
                    origin_country: s.origin_country.clone(),
                    carrier: o.carrier.clone(),
                    service: o.service,
                    earliest: o.earliest.clone(),
                    latest: o.latest.clone(),
                    dates: o.dates.clone(),
                    tracked: o.tracked,
                    skus: s.lines.iter().map(|l| l.sku.clone()).collect(),
                    price: o.converted,
                    duties: o.duties,
                    taxes: o.taxes,
                    taxes_due: o.taxes_due,
                })
            })
            .collect(),
        totals: order_totals(&totals),
        payment: charged.description.clone(),
    };
    // If this fails nothing was written: the caller releases the held units and voids the
    // charge, and the key is given back (a 5xx) so a retry is worked out anew.
    write_order(state, locale, key, request, &order, &charged.reference).await?;
    Ok(order)
}

fn order_totals(totals: &ShippingTotals) -> OrderTotals {
    OrderTotals {
        goods: totals.goods,
        shipping: totals.shipping,
        duties_and_taxes_now: totals.duties_and_taxes_now,
        due_on_delivery: totals.due_on_delivery,
        pay_now: totals.pay_now,
        charged: totals.charge.amount,
        rate: totals.charge.rate.clone(),
    }
}

/// The charge an attempt is about to make, recorded with its holds.
struct ChargeAttempt<'a> {
    token: &'a str,
    amount: domain::Money,
}

/// The key of the attempt that claimed `cart` (an order placed, or one being placed).
async fn cart_claim(state: &AppState, cart: &str) -> Result<Option<String>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT idempotency_key FROM cart_claims WHERE cart_token = ?")
            .bind(cart)
            .fetch_optional(&state.db)
            .await?,
    )
}

/// In one transaction: claims the cart for this attempt (one cart, one order: the primary key
/// decides between concurrent attempts), checks the client's number of attempts holding
/// stock, takes every line's units out of stock or none (a short line names itself with what
/// is left), and records the charge about to be made.
async fn hold_stock(
    state: &AppState,
    attempt: &Attempt,
    lines: &[domain::LineInput],
    charge: ChargeAttempt<'_>,
) -> Result<(), AppError> {
    let key = attempt.key.as_str();
    let cart = attempt.request.cart_token.trim();
    let mut tx = state.db.begin().await?;
    let now = clock::unix_now();
    let claimed = sqlx::query(
        "INSERT INTO cart_claims (cart_token, idempotency_key, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (cart_token) DO NOTHING",
    )
    .bind(cart)
    .bind(key)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        tx.rollback().await?;
        return Err(AppError::CartAlreadyOrdered);
    }
    let max = state.limits.max_holds_per_client;
    if max > 0 {
        let (holding,): (i64,) = sqlx::query_as(
            "SELECT count(DISTINCT idempotency_key) FROM stock_holds WHERE client = ?",
        )
        .bind(&attempt.client)
        .fetch_one(&mut *tx)
        .await?;
        if holding >= i64::from(max) {
            tx.rollback().await?;
            return Err(AppError::TooManyHolds);
        }
    }
    let mut short = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let taken =
            sqlx::query("UPDATE variants SET stock = stock - ?1 WHERE sku = ?2 AND stock >= ?1")
                .bind(i64::from(line.quantity))
                .bind(&line.sku)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if taken == 0 {
            let (available,): (i64,) = sqlx::query_as("SELECT stock FROM variants WHERE sku = ?")
                .bind(&line.sku)
                .fetch_one(&mut *tx)
                .await?;
            short.push(InvalidField {
                field: format!("lines[{i}].quantity"),
                reason: Reason::OnlyInStock {
                    available: u32::try_from(available).unwrap_or(0),
                },
            });
            continue;
        }
        sqlx::query(
            "INSERT INTO stock_holds (idempotency_key, sku, quantity, created_at, client) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(key)
        .bind(&line.sku)
        .bind(i64::from(line.quantity))
        .bind(now)
        .bind(&attempt.client)
        .execute(&mut *tx)
        .await?;
    }
    if !short.is_empty() {
        tx.rollback().await?;
        return Err(AppError::InsufficientStock(short));
    }
    sqlx::query(
        "INSERT INTO charge_attempts (idempotency_key, token, amount_minor, currency, created_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(key)
    .bind(charge.token)
    .bind(charge.amount.to_minor())
    .bind(charge.amount.currency().code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A `charge_attempts` row: token, provider reference (once known), amount in minor units,
/// currency.
type RecordedCharge = (String, Option<String>, i64, String);

/// Ends an attempt that wrote no order: its held units go back to stock, its claim on the
/// cart is dropped, and a charge it made is voided. Safe to repeat; logs what it cannot do.
pub async fn abandon(
    db: &sqlx::SqlitePool,
    payments: &dyn crate::payments::PaymentProvider,
    key: &str,
) {
    let charge: Result<Option<RecordedCharge>, _> = sqlx::query_as(
        "SELECT token, reference, amount_minor, currency FROM charge_attempts WHERE idempotency_key = ?",
    )
    .bind(key)
    .fetch_optional(db)
    .await;
    let voided = match charge {
        Ok(Some((token, reference, minor, currency))) => {
            void_attempt(payments, key, &token, reference, minor, &currency).await
        }
        Ok(None) => true,
        Err(e) => {
            tracing::error!(error = %e, "cannot read an abandoned attempt's charge");
            false
        }
    };
    if let Err(e) = release(db, key, voided).await {
        tracing::error!(error = %e, "cannot release an abandoned attempt's stock");
    }
}

/// Voids what an attempt charged. Without a recorded reference (the process stopped while
/// the provider was answering) the charge is asked for again with the attempt's key — the
/// provider answers a repeat with the first charge, or makes it — and that is voided.
async fn void_attempt(
    payments: &dyn crate::payments::PaymentProvider,
    key: &str,
    token: &str,
    reference: Option<String>,
    minor: i64,
    currency: &str,
) -> bool {
    let reference = match reference {
        Some(reference) => reference,
        None => {
            let Some(amount) = currency
                .parse::<domain::Currency>()
                .ok()
                .map(|c| domain::Money::from_minor(minor, c))
            else {
                tracing::error!(key, "an attempt's recorded amount cannot be read");
                return false;
            };
            let repeat = payments.charge(ChargeRequest {
                token,
                amount,
                idempotency_key: key,
            });
            match tokio::time::timeout(PROVIDER_TIMEOUT, repeat).await {
                Ok(Ok(charged)) => charged.reference,
                // The provider says this key charged nothing.
                Ok(Err(_)) => return true,
                // Unknown: the record stays for the next round.
                Err(_) => {
                    tracing::error!(key, "the provider did not say whether an attempt charged");
                    return false;
                }
            }
        }
    };
    match tokio::time::timeout(PROVIDER_TIMEOUT, payments.void(&reference)).await {
        Ok(Ok(())) => true,
        Ok(Err(why)) => {
            tracing::error!(%reference, %why,
                "a charge whose order was not written was not voided: refund it by hand");
            false
        }
        Err(_) => {
            tracing::error!(%reference, "the provider did not answer a void in time; retried later");
            false
        }
    }
}

/// Puts an attempt's held units back and drops its cart claim; the charge record goes too
/// when `voided` (else it stays for the next housekeeping round to retry).
async fn release(db: &sqlx::SqlitePool, key: &str, voided: bool) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE variants SET stock = stock + (SELECT h.quantity FROM stock_holds h \
           WHERE h.idempotency_key = ?1 AND h.sku = variants.sku) \
         WHERE sku IN (SELECT sku FROM stock_holds WHERE idempotency_key = ?1)",
    )
    .bind(key)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM stock_holds WHERE idempotency_key = ?")
        .bind(key)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM cart_claims WHERE idempotency_key = ? AND order_number IS NULL")
        .bind(key)
        .execute(&mut *tx)
        .await?;
    if voided {
        sqlx::query("DELETE FROM charge_attempts WHERE idempotency_key = ?")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// How long an `Idempotency-Key`'s answer is kept for repeats.
pub const KEY_SECONDS: i64 = 24 * 60 * 60;

/// The order, its lines and its payment in one transaction; the held stock becomes sold and
/// the cart is deleted.
async fn write_order(
    state: &AppState,
    locale: Locale,
    key: &str,
    request: &OrderRequest,
    order: &Order,
    reference: &str,
) -> Result<(), AppError> {
    let body = serde_json::to_string(order).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = clock::unix_now();
    let mut tx = state.db.begin().await?;
    // The charge record is this attempt's proof that housekeeping has not ended it (it would
    // have voided the charge and put the stock back): without it, nothing is written.
    let mine =
        sqlx::query("DELETE FROM charge_attempts WHERE idempotency_key = ? AND reference = ?")
            .bind(key)
            .bind(reference)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if mine != 1 {
        return Err(AppError::Internal(
            "the attempt was ended by housekeeping before its order was written".into(),
        ));
    }
    // The key is answered with the order in the same transaction: a buyer whose connection
    // drops now gets this order on a retry.
    sqlx::query("UPDATE idempotency_keys SET status = 201, response = ? WHERE key = ?")
        .bind(&body)
        .bind(key)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO orders (number, access_key, email, locale, status, placed_at, cart_token, \
           shipping_quote_id, body) VALUES (?, ?, ?, ?, 'paid', ?, ?, ?, ?)",
    )
    .bind(&order.number)
    .bind(&order.access_key)
    .bind(order.email.to_lowercase())
    .bind(locale.tag())
    .bind(now)
    .bind(request.cart_token.trim())
    .bind(request.shipping_quote_id.trim())
    .bind(&body)
    .execute(&mut *tx)
    .await?;
    for line in &order.lines {
        sqlx::query(
            "INSERT INTO order_lines (order_number, sku, quantity, unit_minor, currency) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&order.number)
        .bind(&line.sku)
        .bind(i64::from(line.quantity))
        .bind(line.unit_price.to_minor())
        .bind(line.unit_price.currency().code())
        .execute(&mut *tx)
        .await?;
    }
    let charged = order.totals.charged;
    sqlx::query(
        "INSERT INTO payments (id, order_number, provider, reference, amount_minor, currency, \
           description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(clock::random_id())
    .bind(&order.number)
    .bind(state.payments.name())
    .bind(reference)
    .bind(charged.to_minor())
    .bind(charged.currency().code())
    .bind(&order.payment)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM stock_holds WHERE idempotency_key = ?")
        .bind(key)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE cart_claims SET order_number = ? WHERE idempotency_key = ?")
        .bind(&order.number)
        .bind(key)
        .execute(&mut *tx)
        .await?;
    // The cart became this order: it is gone (a stale tab's next change finds no cart, and the
    // app drops its token); its claim stays, naming the order.
    sqlx::query("DELETE FROM cart_lines WHERE cart_token = ?")
        .bind(request.cart_token.trim())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM carts WHERE token = ?")
        .bind(request.cart_token.trim())
        .execute(&mut *tx)
        .await?;
    tx.commit().await.map_err(|e| {
        // Charged but not recorded: a real provider's charge would be refunded here.
        tracing::error!(error = %e, reference, "order not written after a successful charge");
        AppError::from(e)
    })?;
    Ok(())
}

/// An order, for its buyer: the number with the order's email or its access key.
#[utoipa::path(
    get,
    path = "/v1/orders/{number}",
    tag = "orders",
    params(
        ("number" = String, Path, description = "The order number"),
        ("email" = Option<String>, Query, description = "The email the order was placed with"),
        ("key" = Option<String>, Query, description = "The access key from the confirmation link"),
        ("locale" = Option<String>, Query, description = "Language of the delivery dates (`dates`); default: the browser's"),
    ),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 404, description = "No order with this number for this email or key (the same answer whether or not the number exists)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Five failed lookups of this number in 15 minutes: lookups by email wait (`Retry-After`); the link's key still works", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_order(
    State(state): State<AppState>,
    Path(number): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let locale = locale_of(query.as_deref(), &headers);
    let param = |name: &str| {
        form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let (email, key) = (param("email"), param("key"));
    let number = number.trim().to_ascii_uppercase();
    if number.len() > MAX_NUMBER_LEN {
        return Err(AppError::OrderNotFound);
    }
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT access_key, email, body FROM orders WHERE number = ?")
            .bind(&number)
            .fetch_optional(&state.db)
            .await?;
    let by_key = |(access_key, _, _): &(String, String, String)| {
        key.as_deref().is_some_and(|k| k == access_key)
    };
    let body = match row {
        // The link's key cannot be guessed and is never held back.
        Some(row) if by_key(&row) => row.2,
        row => {
            // An email can be guessed: after five misses the number waits, whatever else the
            // request carries, and unknown numbers count like known ones.
            let now = clock::unix_now();
            if let Some(seconds) = state.lookups.wait(&number, now) {
                return Err(AppError::TooManyAttempts(seconds));
            }
            match row {
                Some((_, order_email, body))
                    if email
                        .as_deref()
                        .is_some_and(|e| e.to_lowercase() == order_email) =>
                {
                    body
                }
                _ => {
                    state.lookups.failed(&number, now);
                    return Err(AppError::OrderNotFound);
                }
            }
        }
    };
    let body = dated(&body, locale)?;
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-language"));
    Ok(response)
}

/// A stored order with its delivery dates written in `locale` (an order is read in the
/// language of the page, which may not be the one it was placed in).
fn dated(body: &str, locale: Locale) -> Result<String, AppError> {
    let mut order: Order =
        serde_json::from_str(body).map_err(|e| AppError::Internal(e.to_string()))?;
    for s in &mut order.shipments {
        s.dates = storefront::format::format_date_range(&s.earliest, &s.latest, locale.tag());
    }
    serde_json::to_string(&order).map_err(|e| AppError::Internal(e.to_string()))
}

/// No order number is longer (`SO-XXXXX-XXXXX`, with room to grow).
const MAX_NUMBER_LEN: usize = 32;
/// `/v1/orders*`, with their OpenAPI operations. Lookups are rate-limited on their own.
pub fn routes(
    limiters: &crate::http::limits::Limiters,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::UtoipaMethodRouterExt;
    let mut lookup = utoipa_axum::routes!(get_order);
    if let Some(lookups) = &limiters.lookups {
        lookup = lookup.layer(crate::http::limits::layer(lookups));
    }
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(create_order))
        .routes(lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_request_with_keys_in_another_order_is_the_same_request() {
        let read = |text: &str| -> OrderRequest {
            crate::http::strict::from_slice(text.as_bytes()).expect("test body")
        };
        let a = read(
            r#"{"cart_token":"c","email":"a@b.cl","address":{"country":"CL","name":"Ana"},
                "shipping_quote_id":"q","choices":[{"shipment":"s1","option":"o1"},{"shipment":"s2","option":"o2"}],
                "payment_token":"t","expected_total":{"amount":"1000","currency":"CLP"}}"#,
        );
        let b = read(
            r#"{"expected_total":{"currency":"CLP","amount":"1000"},"payment_token":"t",
                "choices":[{"option":"o1","shipment":"s1"},{"option":"o2","shipment":"s2"}],
                "address":{"name":"Ana","country":"CL"},"email":"a@b.cl","shipping_quote_id":"q","cart_token":"c"}"#,
        );
        assert_eq!(fingerprint(&a), fingerprint(&b));
        let mut c = a.clone();
        c.choices.reverse();
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }

    #[test]
    fn order_numbers_are_easy_to_read_out() {
        let n = order_number();
        assert_eq!(n.len(), 14);
        assert!(n.starts_with("SO-"));
        assert!(!n[3..].contains(['I', 'L', 'O', 'U']));
    }
}
