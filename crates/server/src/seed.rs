//! Fills a fresh database with the generated catalog (see the `catalog` crate).
//!
//! Everything is written in one transaction, so a failed or interrupted seed leaves no partial
//! catalog behind, and a restart simply seeds again.

use crate::products::search_text::index_terms;
use catalog::phrases::CATEGORIES;
use catalog::places::{SELLERS, WAREHOUSES};
use domain::Locale;
use sqlx::{Sqlite, SqlitePool, Transaction};

/// The day the generated catalog is "as of": listing dates count back from it, so a fresh
/// store always sorts "newest" the same way.
pub const CATALOG_DATE: &str = "2026-11-01";

/// Seeds the default catalog when there are no products.
pub async fn seed_if_empty(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(pool)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    seed(pool, catalog::DEFAULT_PRODUCT_COUNT).await
}

/// Writes the reference tables and the first `count` generated products.
pub async fn seed(pool: &SqlitePool, count: usize) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    seed_reference_tables(&mut tx).await?;
    for index in 0..count {
        insert_product(&mut tx, &catalog::product(index)).await?;
    }
    tx.commit().await
}

async fn seed_reference_tables(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    for (i, category) in CATEGORIES.iter().enumerate() {
        sqlx::query("INSERT INTO categories (id, slug, position) VALUES (?, ?, ?)")
            .bind(i as i64 + 1)
            .bind(category.slug)
            .bind(i as i64)
            .execute(&mut **tx)
            .await?;
        for locale in Locale::ALL {
            sqlx::query("INSERT INTO category_names (category_id, locale, name) VALUES (?, ?, ?)")
                .bind(i as i64 + 1)
                .bind(locale.tag())
                .bind(category.names[locale.index()])
                .execute(&mut **tx)
                .await?;
        }
    }
    for (i, w) in WAREHOUSES.iter().enumerate() {
        sqlx::query("INSERT INTO warehouses (id, code, country, overseas) VALUES (?, ?, ?, ?)")
            .bind(i as i64 + 1)
            .bind(w.code)
            .bind(w.country)
            .bind(w.overseas)
            .execute(&mut **tx)
            .await?;
        for locale in Locale::ALL {
            sqlx::query(
                "INSERT INTO warehouse_names (warehouse_id, locale, city) VALUES (?, ?, ?)",
            )
            .bind(i as i64 + 1)
            .bind(locale.tag())
            .bind(w.city[locale.index()])
            .execute(&mut **tx)
            .await?;
        }
    }
    for (i, s) in SELLERS.iter().enumerate() {
        sqlx::query(
            "INSERT INTO sellers (id, slug, name, country, currency, language, rating_tenths, \
             order_count, verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(i as i64 + 1)
        .bind(s.slug)
        .bind(s.name)
        .bind(s.country)
        .bind(s.currency.code())
        .bind(s.language.tag())
        .bind(i64::from(s.rating_tenths))
        .bind(i64::from(s.order_count))
        .bind(s.verified)
        .execute(&mut **tx)
        .await?;
        // A demo account per seeded seller (README.md): the same known password, so a fresh
        // store can be tried; a real seller sets its own through `store-server seller invite`.
        let hash = crate::sellers::auth::hash_password(crate::sellers::DEMO_PASSWORD)
            .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        sqlx::query(
            "INSERT INTO seller_accounts (seller_id, email, password_hash, password_changed_at) \
             VALUES (?, ?, ?, 0)",
        )
        .bind(i as i64 + 1)
        .bind(crate::sellers::demo_email(s.slug))
        .bind(hash)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_product(
    tx: &mut Transaction<'_, Sqlite>,
    p: &catalog::Product,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO products (id, slug, seller_id, category_id, brand, model, currency, \
         price_minor, price_usd_cents, handling, rating_tenths, review_count, sold_count, \
         original_locale, image_hue, image_glyph, listed_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, date(?, ?))",
    )
    .bind(p.id)
    .bind(&p.slug)
    .bind(p.seller as i64 + 1)
    .bind(p.category as i64 + 1)
    .bind(p.brand)
    .bind(&p.model)
    .bind(p.currency.code())
    .bind(p.price_minor)
    .bind(p.price_usd_cents)
    .bind(i64::from(p.handling.bits()))
    .bind(i64::from(p.rating_tenths))
    .bind(i64::from(p.review_count))
    .bind(i64::from(p.sold_count))
    .bind(p.original_locale.tag())
    .bind(i64::from(p.image_hue))
    .bind(i64::from(p.image_glyph))
    .bind(CATALOG_DATE)
    .bind(format!("-{} days", p.listed_days_ago))
    .execute(&mut **tx)
    .await?;
    let mut search = format!("{} {} {} ", p.brand, p.model, SELLERS[p.seller].name);
    for text in &p.texts {
        sqlx::query(
            "INSERT INTO product_texts (product_id, locale, title, description_html, provenance) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(p.id)
        .bind(text.locale.tag())
        .bind(&text.title)
        .bind(&text.description_html)
        .bind(text.provenance.as_str())
        .execute(&mut **tx)
        .await?;
        search.push_str(&text.title);
        search.push(' ');
        search.push_str(CATEGORIES[p.category].names[text.locale.index()]);
        search.push(' ');
    }
    sqlx::query("INSERT INTO product_search (rowid, terms) VALUES (?, ?)")
        .bind(p.id)
        .bind(index_terms(&search))
        .execute(&mut **tx)
        .await?;
    for (position, &w) in p.warehouses.iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_warehouses (product_id, warehouse_id, position) VALUES (?, ?, ?)",
        )
        .bind(p.id)
        .bind(w as i64 + 1)
        .bind(position as i64)
        .execute(&mut **tx)
        .await?;
    }
    for (position, v) in p.variants.iter().enumerate() {
        sqlx::query(
            "INSERT INTO variants (product_id, position, sku, colour, size, price_minor, stock, \
             weight_g, length_mm, width_mm, height_mm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.id)
        .bind(position as i64)
        .bind(&v.sku)
        .bind(v.colour)
        .bind(v.size.as_deref())
        .bind(v.price_minor)
        .bind(i64::from(v.stock))
        .bind(i64::from(v.weight_g))
        .bind(i64::from(v.dims_mm[0]))
        .bind(i64::from(v.dims_mm[1]))
        .bind(i64::from(v.dims_mm[2]))
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
