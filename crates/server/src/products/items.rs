//! Catalog items as the route engine sees them (weight, size, handling, warehouses), shared
//! by carts, shipping quotes and orders: one query for every line, and what cannot ship where.

use crate::clock;
use crate::http::error::{AppError, InvalidField, Reason};
use crate::state::AppState;
use domain::{Currency, LineInput, Locale, Money};
use logistics::{Date, Item};

/// A product's (`p`) title in the locale bound as `?1`, else in the seller's own language.
macro_rules! title_in_locale {
    () => {
        "COALESCE((SELECT title FROM product_texts WHERE product_id = p.id AND locale = ?1), \
                  (SELECT title FROM product_texts WHERE product_id = p.id AND locale = p.original_locale)) AS title"
    };
}
pub(crate) use title_in_locale;

#[derive(sqlx::FromRow)]
struct ItemRow {
    sku: String,
    title: String,
    category: String,
    price_minor: i64,
    currency: String,
    weight_g: i64,
    length_mm: i64,
    width_mm: i64,
    height_mm: i64,
    handling: i64,
    warehouses: String,
}

/// The engine's view of `lines`, with each line's title in `locale`. Unknown SKUs are named.
pub async fn load_items(
    state: &AppState,
    locale: Locale,
    lines: &[LineInput],
) -> Result<Vec<(Item, String)>, AppError> {
    // One query for every line (a cart has at most 50).
    let placeholders = vec!["?"; lines.len()].join(", ");
    let sql = format!(
        "SELECT v.sku, {title}, c.slug AS category, v.price_minor, p.currency, v.weight_g, \
           v.length_mm, v.width_mm, v.height_mm, p.handling, \
           (SELECT group_concat(code, ',') FROM (SELECT w.code FROM product_warehouses pw \
              JOIN warehouses w ON w.id = pw.warehouse_id \
              WHERE pw.product_id = p.id ORDER BY pw.position)) AS warehouses \
         FROM variants v JOIN products p ON p.id = v.product_id \
         JOIN categories c ON c.id = p.category_id WHERE v.sku IN ({placeholders})",
        title = title_in_locale!().replace("?1", "?"),
    );
    let mut query = sqlx::query_as::<_, ItemRow>(&sql).bind(locale.tag());
    for line in lines {
        query = query.bind(&line.sku);
    }
    let mut rows: Vec<ItemRow> = query.fetch_all(&state.db).await?;
    let mut out = Vec::with_capacity(lines.len());
    let mut unknown = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(pos) = rows.iter().position(|r| r.sku == line.sku) else {
            unknown.push(InvalidField {
                field: format!("lines[{i}].sku"),
                reason: Reason::UnknownItem,
            });
            continue;
        };
        let row = rows.swap_remove(pos);
        let currency: Currency = row
            .currency
            .parse()
            .map_err(|_| AppError::Internal(format!("bad currency on {}", row.sku)))?;
        let positive = |v: i64| u32::try_from(v).unwrap_or(0);
        out.push((
            Item {
                sku: row.sku,
                quantity: line.quantity,
                category: row.category,
                unit_price: Money::from_minor(row.price_minor, currency),
                weight_g: positive(row.weight_g),
                dims_mm: [
                    positive(row.length_mm),
                    positive(row.width_mm),
                    positive(row.height_mm),
                ],
                flags: u8::try_from(row.handling & 0xF).unwrap_or(0),
                warehouses: row.warehouses.split(',').map(str::to_owned).collect(),
            },
            row.title,
        ));
    }
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(AppError::InvalidParameters(unknown))
    }
}

/// Why each item cannot ship to `country` (one unit, alone), by index; for the cart's
/// ship-to check.
pub fn restrictions(
    state: &AppState,
    items: &[Item],
    country: &str,
) -> Result<Vec<Option<domain::shipping::Restriction>>, AppError> {
    let today = Date::from_unix(clock::unix_now());
    items
        .iter()
        .map(|item| {
            let one = [Item {
                quantity: 1,
                ..item.clone()
            }];
            let request = logistics::Request {
                items: &one,
                country,
                postal_code: None,
                today,
                currency: Currency::USD,
            };
            let quote = logistics::quote(&state.routes, request, &*state.fx)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            Ok(quote.unshippable.first().map(|(_, reason)| *reason))
        })
        .collect()
}
