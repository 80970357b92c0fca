//! Carts: `POST /api/v1/carts`, `GET/PATCH/DELETE /api/v1/carts/{token}`,
//! `DELETE /api/v1/carts/{token}/lines/{sku}`.
//!
//! A cart is identified by an unguessable token (128 random bits); whoever holds it can read
//! and change that cart and no other. Buyers send SKUs and quantities only: a price, total or
//! any other field is refused by name, and every amount in the answer is computed here. A
//! request that fails validation changes nothing (all checks run before one transaction).

pub mod lines;

use crate::clock;
use crate::http::error::{locale_of, AppError, InvalidField, Reason};
use crate::products::colour_label;
use crate::state::AppState;
use crate::web::media::{product_image_url, IMAGE_SIZE};
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::cart::MAX_QUANTITY_PER_LINE;
use domain::{Cart, CartGroup, CartInput, CartLine, Currency, ImageRef, LineInput, Locale, Money};
use std::collections::{BTreeMap, HashMap};

/// Largest cart request body.
pub const MAX_CART_BODY_BYTES: usize = 16 * 1024;

/// Reads and validates a cart body: an object with `lines: [{sku, quantity}]` and nothing
/// else. Every problem is named (`lines[2].quantity`), not just the first.
pub fn parse_input(body: &[u8]) -> Result<CartInput, AppError> {
    crate::http::strict::checked(body, CartInput::refusals).map(CartInput::normalized)
}

/// Reads at most [`MAX_CART_BODY_BYTES`] of the body.
async fn read_body(body: Body) -> Result<Vec<u8>, AppError> {
    crate::http::error::read_body(body, MAX_CART_BODY_BYTES).await
}

/// A variant's current price and stock.
struct Stocked {
    price_minor: i64,
    currency: String,
    stock: i64,
}

/// Checks every line against the catalog: unknown SKUs are 422s (a rule, not a breach of the schema), quantities above stock a 409;
/// all problems are reported together.
async fn check_lines(
    db: &sqlx::SqlitePool,
    lines: &[LineInput],
) -> Result<HashMap<String, Stocked>, AppError> {
    let mut found = HashMap::new();
    for line in lines {
        let row: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT v.price_minor, p.currency, v.stock FROM variants v \
             JOIN products p ON p.id = v.product_id WHERE v.sku = ?",
        )
        .bind(&line.sku)
        .fetch_optional(db)
        .await?;
        if let Some((price_minor, currency, stock)) = row {
            found.insert(
                line.sku.clone(),
                Stocked {
                    price_minor,
                    currency,
                    stock,
                },
            );
        }
    }
    let unknown: Vec<InvalidField> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !found.contains_key(&l.sku))
        .map(|(i, _)| InvalidField {
            field: format!("lines[{i}].sku"),
            reason: Reason::UnknownItem,
        })
        .collect();
    if !unknown.is_empty() {
        return Err(AppError::InvalidParameters(unknown));
    }
    let short: Vec<InvalidField> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let stock = found.get(&l.sku)?.stock;
            (i64::from(l.quantity) > stock).then(|| InvalidField {
                field: format!("lines[{i}].quantity"),
                reason: Reason::OnlyInStock {
                    available: u32::try_from(stock).unwrap_or(0),
                },
            })
        })
        .collect();
    if !short.is_empty() {
        return Err(AppError::InsufficientStock(short));
    }
    Ok(found)
}

/// Writes `lines` into cart `token` (new lines remember today's price; existing ones get the
/// new quantity and keep the price they were added at), in one transaction.
async fn write_lines(
    db: &sqlx::SqlitePool,
    token: &str,
    lines: &[LineInput],
    found: &HashMap<String, Stocked>,
    create: bool,
) -> Result<(), AppError> {
    let now = clock::unix_now();
    // Lines keep the order they were added in: milliseconds, so two quick adds stay in order.
    let now_ms = clock::unix_now_ms();
    let mut tx = db.begin().await?;
    if create {
        sqlx::query("INSERT INTO carts (token, created_at, updated_at) VALUES (?, ?, ?)")
            .bind(token)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query("UPDATE carts SET updated_at = ? WHERE token = ?")
            .bind(now)
            .bind(token)
            .execute(&mut *tx)
            .await?;
    }
    for line in lines {
        let Some(stocked) = found.get(&line.sku) else {
            continue;
        };
        sqlx::query(
            "INSERT INTO cart_lines (cart_token, sku, quantity, added_price_minor, added_currency, added_at) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (cart_token, sku) DO UPDATE SET quantity = excluded.quantity",
        )
        .bind(token)
        .bind(&line.sku)
        .bind(i64::from(line.quantity))
        .bind(stocked.price_minor)
        .bind(&stocked.currency)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn cart_exists(db: &sqlx::SqlitePool, token: &str) -> Result<(), AppError> {
    // Tokens are 32 lower-case hex digits; anything else cannot be a cart.
    if token.len() != 32 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::CartNotFound);
    }
    let found: Option<(String,)> = sqlx::query_as("SELECT token FROM carts WHERE token = ?")
        .bind(token)
        .fetch_optional(db)
        .await?;
    found.map(|_| ()).ok_or(AppError::CartNotFound)
}

/// A cart that may still change: it exists (an ordered cart is deleted) and no order is being
/// placed from it.
async fn cart_open(db: &sqlx::SqlitePool, token: &str) -> Result<(), AppError> {
    cart_exists(db, token).await?;
    let claimed: Option<i64> = sqlx::query_scalar("SELECT 1 FROM cart_claims WHERE cart_token = ?")
        .bind(token)
        .fetch_optional(db)
        .await?;
    match claimed {
        Some(_) => Err(AppError::CartAlreadyOrdered),
        None => Ok(()),
    }
}

#[derive(sqlx::FromRow)]
struct LineRow {
    sku: String,
    quantity: i64,
    added_price_minor: i64,
    added_currency: String,
    price_minor: i64,
    currency: String,
    stock: i64,
    colour: Option<String>,
    size: Option<String>,
    slug: String,
    title: String,
    seller_name: String,
    seller_country: String,
    city: String,
    warehouse_country: String,
}

/// The cart as the server prices it, in `locale`, with totals in `currency` when given.
pub async fn priced_cart(
    state: &AppState,
    token: &str,
    locale: Locale,
    currency: Option<Currency>,
    ship_to: Option<&'static str>,
) -> Result<Cart, AppError> {
    let rows: Vec<LineRow> = sqlx::query_as(concat!(
        "SELECT l.sku, l.quantity, l.added_price_minor, l.added_currency, v.price_minor, \
                p.currency, v.stock, v.colour, v.size, p.slug, ",
        crate::products::title_in_locale!(),
        ", s.name AS seller_name, s.country AS seller_country, \
                COALESCE(wn.city, w.code) AS city, w.country AS warehouse_country \
         FROM cart_lines l \
         JOIN variants v ON v.sku = l.sku \
         JOIN products p ON p.id = v.product_id \
         JOIN sellers s ON s.id = p.seller_id \
         JOIN product_warehouses pw ON pw.product_id = p.id AND pw.position = 0 \
         JOIN warehouses w ON w.id = pw.warehouse_id \
         LEFT JOIN warehouse_names wn ON wn.warehouse_id = w.id AND wn.locale = ?1 \
         WHERE l.cart_token = ?2 ORDER BY l.added_at, l.sku"
    ))
    .bind(locale.tag())
    .bind(token)
    .fetch_all(&state.db)
    .await?;

    let parse_currency = |code: &str| {
        code.parse::<Currency>()
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    // Groups keyed by seller and warehouse, in the order their first line was added.
    let mut order: Vec<(String, String)> = Vec::new();
    let mut groups: BTreeMap<usize, CartGroup> = BTreeMap::new();
    let mut item_count = 0u32;
    let mut buyer_total: Option<Money> = currency.map(Money::zero);
    let mut single_currency: Option<Option<Money>> = None;
    let mut blocked = false;
    // Lines that cannot ship to the chosen destination, by the route engine's rules.
    let restricted: Vec<Option<domain::shipping::Restriction>> = match ship_to {
        Some(country) => {
            let lines: Vec<LineInput> = rows
                .iter()
                .map(|r| LineInput {
                    sku: r.sku.clone(),
                    quantity: 1,
                })
                .collect();
            let items: Vec<logistics::Item> =
                crate::products::items::load_items(state, locale, &lines)
                    .await?
                    .into_iter()
                    .map(|(item, _)| item)
                    .collect();
            crate::products::items::restrictions(state, &items, country)?
        }
        None => vec![None; rows.len()],
    };
    for (row, restriction) in rows.into_iter().zip(restricted) {
        let seller_currency = parse_currency(&row.currency)?;
        let unit_price = Money::from_minor(row.price_minor, seller_currency);
        let quantity = u32::try_from(row.quantity).unwrap_or(0);
        let line_total = unit_price
            .checked_mul_qty(quantity)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let converted_total = currency.and_then(|to| state.fx.convert(line_total, to));
        let stock = u32::try_from(row.stock).unwrap_or(0);
        let added = Money::from_minor(row.added_price_minor, parse_currency(&row.added_currency)?);
        let previous_unit_price = (added != unit_price).then_some(added);
        blocked |= restriction.is_some() || quantity > stock;
        item_count += quantity;
        if let (Some(total), Some(converted)) = (buyer_total, &converted_total) {
            buyer_total = total.checked_add(converted.amount).ok();
        } else if currency.is_some() {
            buyer_total = None;
        }
        single_currency = Some(match single_currency {
            None => Some(line_total),
            Some(Some(sum)) => sum.checked_add(line_total).ok(),
            Some(None) => None,
        });
        let options = [
            row.colour.as_deref().map(|c| colour_label(c, locale)),
            row.size.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let line = CartLine {
            sku: row.sku,
            image: ImageRef {
                url: product_image_url(&row.slug),
                width: IMAGE_SIZE,
                height: IMAGE_SIZE,
            },
            slug: row.slug,
            title: row.title,
            options,
            quantity,
            stock,
            max_quantity: stock.min(MAX_QUANTITY_PER_LINE),
            unit_price,
            line_total,
            converted_total,
            previous_unit_price,
            restriction,
        };
        let key = (row.seller_name.clone(), row.city.clone());
        let index = match order.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                order.push(key);
                order.len() - 1
            }
        };
        let group = groups.entry(index).or_insert_with(|| CartGroup {
            seller_name: row.seller_name,
            seller_country: row.seller_country,
            ships_from_city: row.city,
            ships_from_country: row.warehouse_country,
            lines: Vec::new(),
            subtotal: Money::zero(seller_currency),
            converted_subtotal: currency.map(Money::zero),
        });
        group.subtotal = group
            .subtotal
            .checked_add(line.line_total)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        group.converted_subtotal = match (group.converted_subtotal, &line.converted_total) {
            (Some(sum), Some(c)) => sum.checked_add(c.amount).ok(),
            _ => None,
        };
        group.lines.push(line);
    }
    let total = match currency {
        Some(_) => buyer_total,
        None => single_currency.flatten(),
    };
    Ok(Cart {
        token: token.to_owned(),
        locale: locale.tag().to_owned(),
        groups: groups.into_values().collect(),
        item_count,
        total,
        ship_to: ship_to.map(str::to_owned),
        blocked,
    })
}

/// How a request wants its cart shown: language, currency and destination, from `locale`
/// (else `Accept-Language`), `currency` and `ship_to` — both named when both are bad.
struct View {
    locale: Locale,
    currency: Option<Currency>,
    ship_to: Option<&'static str>,
}

impl View {
    fn of(query: Option<&str>, headers: &HeaderMap, state: &AppState) -> Result<View, AppError> {
        let currency = crate::products::currency_param(query, &state.fx);
        let ship_to = ship_to_param(query);
        match (currency, ship_to) {
            (Ok(currency), Ok(ship_to)) => Ok(View {
                locale: locale_of(query, headers),
                currency,
                ship_to,
            }),
            (c, s) => Err(AppError::InvalidParameters(
                [c.err(), s.err()].into_iter().flatten().collect(),
            )),
        }
    }

    /// The cart `token` priced for this view.
    async fn cart(&self, state: &AppState, token: &str) -> Result<Cart, AppError> {
        priced_cart(state, token, self.locale, self.currency, self.ship_to).await
    }
}

/// `ship_to`: absent, or one of the destinations the cart offers.
fn ship_to_param(query: Option<&str>) -> Result<Option<&'static str>, InvalidField> {
    let value = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "ship_to")
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    match value {
        None => Ok(None),
        Some(code) => domain::shipping::DESTINATIONS
            .iter()
            .find(|c| **c == code)
            .map(|c| Some(*c))
            .ok_or_else(|| InvalidField {
                field: "ship_to".into(),
                reason: Reason::OneOf(crate::http::error::destination_list()),
            }),
    }
}

/// Creates a cart, optionally with lines.
#[utoipa::path(
    post,
    path = "/v1/carts",
    tag = "cart",
    request_body = Option<CartInput>,
    params(
        ("locale" = Option<String>, Query, description = "Language of titles and messages"),
        ("currency" = Option<String>, Query, description = "The buyer's currency for converted totals"),
    ),
    responses(
        (status = 201, description = "The new cart, priced by the server; keep its `token`", body = Cart),
        (status = 400, description = "A line this document does not allow (a quantity not a whole number from 1 to 99, more than 50 lines) or a field clients may not send (a price, a total); `errors` names each", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An item the store does not sell, or one named twice; nothing changed", body = domain::Problem, content_type = "application/problem+json"),
        (status = 409, description = "More units than in stock; `errors` names each short line", body = domain::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 16 KiB", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_cart(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let view = View::of(query.as_deref(), &headers, &state)?;
    let bytes = read_body(body).await?;
    // No body, or `null`: an empty cart. (Blank text is not JSON: refused, as a body.)
    let input = if bytes.is_empty() || bytes.trim_ascii() == b"null" {
        CartInput::default()
    } else {
        parse_input(&bytes)?
    };
    let found = check_lines(&state.db, &input.lines).await?;
    let token = clock::random_id();
    write_lines(&state.db, &token, &input.lines, &found, true).await?;
    let cart = view.cart(&state, &token).await?;
    Ok((StatusCode::CREATED, Json(cart)).into_response())
}

/// A cart, priced now.
#[utoipa::path(
    get,
    path = "/v1/carts/{token}",
    tag = "cart",
    params(
        ("token" = String, Path, description = "The cart's token"),
        ("locale" = Option<String>, Query, description = "Language of titles and messages"),
        ("currency" = Option<String>, Query, description = "The buyer's currency for converted totals"),
        ("ship_to" = Option<String>, Query, description = "Destination country (ISO 3166, one of the cart's ship-to countries): lines that cannot ship there carry `restriction` and the cart is `blocked`"),
    ),
    responses(
        (status = 200, description = "The cart: lines grouped by seller and warehouse, each with its stock and, when its price changed since it was added, the previous price; subtotals and total", body = Cart),
        (status = 404, description = "No cart with this token", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_cart(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Json<Cart>, AppError> {
    let view = View::of(query.as_deref(), &headers, &state)?;
    cart_exists(&state.db, &token).await?;
    Ok(Json(view.cart(&state, &token).await?))
}

/// Adds lines or sets their quantities.
#[utoipa::path(
    patch,
    path = "/v1/carts/{token}",
    tag = "cart",
    request_body = CartInput,
    params(("token" = String, Path, description = "The cart's token")),
    responses(
        (status = 200, description = "The cart after the change", body = Cart),
        (status = 400, description = "A line this document does not allow or a field clients may not send; nothing changed", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An item the store does not sell, or one named twice; nothing changed", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No cart with this token", body = domain::Problem, content_type = "application/problem+json"),
        (status = 409, description = "More units than in stock, or an order is being placed from this cart (`cart_already_ordered`); nothing changed", body = domain::Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 16 KiB", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn patch_cart(
    State(state): State<AppState>,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Cart>, AppError> {
    let view = View::of(query.as_deref(), &headers, &state)?;
    cart_open(&state.db, &token).await?;
    let input = parse_input(&read_body(body).await?)?;
    let found = check_lines(&state.db, &input.lines).await?;
    write_lines(&state.db, &token, &input.lines, &found, false).await?;
    Ok(Json(view.cart(&state, &token).await?))
}

/// Removes one line.
#[utoipa::path(
    delete,
    path = "/v1/carts/{token}/lines/{sku}",
    tag = "cart",
    params(
        ("token" = String, Path, description = "The cart's token"),
        ("sku" = String, Path, description = "The line's SKU"),
    ),
    responses(
        (status = 200, description = "The cart without the line (removing a line that is not there changes nothing)", body = Cart),
        (status = 404, description = "No cart with this token", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_line(
    State(state): State<AppState>,
    Path((token, sku)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Json<Cart>, AppError> {
    let view = View::of(query.as_deref(), &headers, &state)?;
    cart_open(&state.db, &token).await?;
    sqlx::query("DELETE FROM cart_lines WHERE cart_token = ? AND sku = ?")
        .bind(&token)
        .bind(&sku)
        .execute(&state.db)
        .await?;
    Ok(Json(view.cart(&state, &token).await?))
}

/// Deletes a cart and its lines.
#[utoipa::path(
    delete,
    path = "/v1/carts/{token}",
    tag = "cart",
    params(("token" = String, Path, description = "The cart's token")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No cart with this token", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_cart(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<StatusCode, AppError> {
    cart_open(&state.db, &token).await?;
    let mut tx = state.db.begin().await?;
    sqlx::query("DELETE FROM cart_lines WHERE cart_token = ?")
        .bind(&token)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM carts WHERE token = ?")
        .bind(&token)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `/v1/carts*`, with their OpenAPI operations.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(create_cart))
        .routes(utoipa_axum::routes!(get_cart, patch_cart, delete_cart))
        .routes(utoipa_axum::routes!(delete_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ship_to_must_be_an_offered_destination() {
        assert_eq!(ship_to_param(Some("ship_to=AU")), Ok(Some("AU")));
        assert_eq!(ship_to_param(None), Ok(None));
        assert!(ship_to_param(Some("ship_to=XX")).is_err());
        assert!(ship_to_param(Some("ship_to=au")).is_err());
    }
}
