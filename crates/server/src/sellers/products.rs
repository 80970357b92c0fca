//! A seller's own products and their texts: listed, read in every language, and corrected by
//! hand as drafts that publishing the store puts before buyers. A product of another seller is
//! answered as if it did not exist (404), so its slug reveals nothing.

use super::auth::Seller;
use crate::clock::unix_now;
use crate::http::error::{read_body, AppError, InvalidField, Reason};
use crate::http::strict;
use crate::products::sanitize::sanitize_description;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::Json;
use domain::catalog::Provenance;
use domain::seller::{ProductTextInput, SellerProduct, SellerProductRef, SellerProductText};
use domain::Locale;

const MAX_TEXT_BODY_BYTES: usize = 96 * 1024;

/// The id and original locale of the signed-in seller's product `slug`.
async fn own_product(
    state: &AppState,
    seller: &Seller,
    slug: &str,
) -> Result<(i64, String), AppError> {
    sqlx::query_as("SELECT id, original_locale FROM products WHERE slug = ? AND seller_id = ?")
        .bind(slug)
        .bind(seller.id)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::ProductNotFound)
}

/// The signed-in seller's products, with how many languages have a draft.
#[utoipa::path(
    get,
    path = "/v1/seller/products",
    tag = "sellers",
    responses(
        (status = 200, description = "The seller's products, best-selling first", body = Vec<SellerProductRef>),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_products(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Json<Vec<SellerProductRef>>, AppError> {
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT p.slug, COALESCE(own.title, orig.title), \
         (SELECT count(*) FROM product_text_drafts d WHERE d.product_id = p.id) \
         FROM products p \
         JOIN product_texts orig ON orig.product_id = p.id AND orig.locale = p.original_locale \
         LEFT JOIN product_texts own ON own.product_id = p.id AND own.locale = ? \
         WHERE p.seller_id = ? ORDER BY p.sold_count DESC, p.id LIMIT 1000",
    )
    .bind(&seller.language)
    .bind(seller.id)
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(slug, title, drafts)| SellerProductRef {
                slug,
                title,
                drafts: u32::try_from(drafts).unwrap_or(u32::MAX),
            })
            .collect(),
    ))
}

/// One of the seller's products in every language: what buyers see and the drafts.
#[utoipa::path(
    get,
    path = "/v1/seller/products/{slug}",
    tag = "sellers",
    params(("slug" = String, Path, description = "The product's slug")),
    responses(
        (status = 200, description = "The product's texts", body = SellerProduct),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No product of this seller has this slug (another seller's included)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    seller: Seller,
    Path(slug): Path<String>,
) -> Result<Json<SellerProduct>, AppError> {
    let (id, original_locale) = own_product(&state, &seller, &slug).await?;
    Ok(Json(
        product_texts(&state.db, id, slug, original_locale).await?,
    ))
}

async fn product_texts(
    db: &sqlx::SqlitePool,
    id: i64,
    slug: String,
    original_locale: String,
) -> Result<SellerProduct, AppError> {
    let published: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT locale, title, description_html, provenance FROM product_texts WHERE product_id = ?",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let drafts: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT locale, title, description_html FROM product_text_drafts WHERE product_id = ?",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    let texts = Locale::ALL
        .iter()
        .map(|locale| {
            let shown = published.iter().find(|t| t.0 == locale.tag());
            SellerProductText {
                locale: locale.tag().to_owned(),
                title: shown.map(|t| t.1.clone()),
                description_html: shown.map(|t| sanitize_description(&t.2)),
                provenance: shown.and_then(|t| Provenance::parse(&t.3)),
                draft: drafts
                    .iter()
                    .find(|d| d.0 == locale.tag())
                    .map(|d| ProductTextInput {
                        title: d.1.clone(),
                        description_html: sanitize_description(&d.2),
                    }),
            }
        })
        .collect();
    Ok(SellerProduct {
        slug,
        original_locale,
        texts,
    })
}

/// Write a product's title and description in one language as a draft: buyers see it once the
/// store is published, marked as the seller's own (not machine-translated).
#[utoipa::path(
    put,
    path = "/v1/seller/products/{slug}/texts/{locale}",
    tag = "sellers",
    request_body = ProductTextInput,
    params(
        ("slug" = String, Path, description = "The product's slug"),
        ("locale" = String, Path, description = "The language of the text (a store locale tag)"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    responses(
        (status = 200, description = "The draft is saved; the product's texts", body = SellerProduct),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No product of this seller has this slug (another seller's included)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_text(
    State(state): State<AppState>,
    seller: Seller,
    Path((slug, tag)): Path<(String, String)>,
    body: Body,
) -> Result<Json<SellerProduct>, AppError> {
    let (id, original_locale) = own_product(&state, &seller, &slug).await?;
    let locale = Locale::ALL
        .into_iter()
        .find(|l| l.tag() == tag)
        .ok_or_else(|| {
            AppError::InvalidParameters(vec![InvalidField {
                field: "locale".into(),
                reason: Reason::OneOf(crate::http::error::locale_list()),
            }])
        })?;
    let body = read_body(body, MAX_TEXT_BODY_BYTES).await?;
    let input = strict::checked(&body, ProductTextInput::refusals)?;
    sqlx::query(
        "INSERT INTO product_text_drafts (product_id, locale, title, description_html, updated_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (product_id, locale) DO UPDATE SET \
         title = excluded.title, description_html = excluded.description_html, \
         updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(locale.tag())
    .bind(input.title.trim())
    .bind(&input.description_html)
    .bind(unix_now())
    .execute(&state.db)
    .await?;
    Ok(Json(
        product_texts(&state.db, id, slug, original_locale).await?,
    ))
}

/// Puts the seller's product text drafts before buyers, in `tx`: each becomes the product's
/// text in its language (`original` in the product's own language, `human` in others, no
/// longer `machine`), and each changed product's search terms are rebuilt. Returns how many
/// products changed.
pub async fn publish_texts(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    seller: i64,
) -> Result<u64, sqlx::Error> {
    let products: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT d.product_id FROM product_text_drafts d \
         JOIN products p ON p.id = d.product_id WHERE p.seller_id = ?",
    )
    .bind(seller)
    .fetch_all(&mut **tx)
    .await?;
    for (product,) in &products {
        // A contentless FTS5 table forgets a row only when given the terms it was indexed
        // with: those of the texts before this publication.
        let old = terms(tx, *product).await?;
        sqlx::query(
            "INSERT INTO product_search (product_search, rowid, terms) VALUES ('delete', ?, ?)",
        )
        .bind(product)
        .bind(&old)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO product_texts (product_id, locale, title, description_html, provenance) \
             SELECT d.product_id, d.locale, d.title, d.description_html, \
             CASE WHEN d.locale = p.original_locale THEN 'original' ELSE 'human' END \
             FROM product_text_drafts d JOIN products p ON p.id = d.product_id \
             WHERE d.product_id = ? \
             ON CONFLICT (product_id, locale) DO UPDATE SET title = excluded.title, \
             description_html = excluded.description_html, provenance = excluded.provenance",
        )
        .bind(product)
        .execute(&mut **tx)
        .await?;
        sqlx::query("DELETE FROM product_text_drafts WHERE product_id = ?")
            .bind(product)
            .execute(&mut **tx)
            .await?;
        let new = terms(tx, *product).await?;
        sqlx::query("INSERT INTO product_search (rowid, terms) VALUES (?, ?)")
            .bind(product)
            .bind(&new)
            .execute(&mut **tx)
            .await?;
    }
    Ok(products.len() as u64)
}

/// The product's search terms from its brand, model, seller, and each language's title and
/// category name in the store's locale order: exactly as seeding writes them.
async fn terms(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    product: i64,
) -> Result<String, sqlx::Error> {
    let (brand, model, seller, category): (String, String, String, i64) = sqlx::query_as(
        "SELECT p.brand, p.model, s.name, p.category_id FROM products p \
         JOIN sellers s ON s.id = p.seller_id WHERE p.id = ?",
    )
    .bind(product)
    .fetch_one(&mut **tx)
    .await?;
    let mut texts: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT t.locale, t.title, c.name FROM product_texts t LEFT JOIN category_names c \
         ON c.category_id = ? AND c.locale = t.locale WHERE t.product_id = ?",
    )
    .bind(category)
    .bind(product)
    .fetch_all(&mut **tx)
    .await?;
    texts.sort_by_key(|(locale, _, _)| Locale::from_tag(locale).map_or(usize::MAX, Locale::index));
    let mut search = format!("{brand} {model} {seller} ");
    for (_, title, category) in texts {
        search.push_str(&title);
        search.push(' ');
        search.push_str(category.as_deref().unwrap_or(""));
        search.push(' ');
    }
    Ok(crate::products::search_text::index_terms(&search))
}
