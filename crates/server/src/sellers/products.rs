//! A seller's own products and their texts: listed, read in every language, and corrected by
//! hand as drafts that publishing the store puts before buyers. A product of another seller is
//! answered as if it did not exist (404), so its slug reveals nothing.

use super::auth::Seller;
use crate::clock::unix_now;
use crate::http::error::{read_body, AppError, InvalidField, Reason};
use crate::http::strict;
use crate::products::sanitize::sanitize_description;
use crate::state::AppState;
use crate::translate::{Format, TranslateError};
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
    made: &[MachineText],
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
        // After the old terms are read, before the drafts go: the machine texts of a new
        // original.
        let made: Vec<&MachineText> = made.iter().filter(|m| m.product == *product).collect();
        apply_translations(tx, &made).await?;
        drop_stale_machine_texts(tx, *product, &made).await?;
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

/// A machine translation made for a publication: one language of a product whose original the
/// seller rewrote, and what the provider answered. `None`: it gave none (no provider, a
/// timeout, an error), and the machine text made from the old original goes, so buyers read
/// the new original, marked with its language, rather than a translation of words the seller
/// took back.
pub struct MachineText {
    product: i64,
    locale: Locale,
    /// The original it was made from: a draft saved again meanwhile makes it stale.
    source: (String, String),
    text: Option<(String, String)>,
}

/// How many translations are asked for at once.
const TRANSLATIONS_AT_ONCE: usize = 8;

/// Translates each original the seller is about to publish into every language the seller has
/// not written by hand (published, or drafted now): before the publication's transaction, so
/// no provider's latency holds the database. At most [`crate::translate::PUBLICATION_BUDGET`]
/// in all; a failure, or a translation not back by then, costs only its language.
pub async fn translate_originals(
    state: &AppState,
    seller: i64,
) -> Result<Vec<MachineText>, sqlx::Error> {
    use futures_util::StreamExt;
    let originals: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT d.product_id, p.original_locale, d.title, d.description_html \
         FROM product_text_drafts d JOIN products p ON p.id = d.product_id \
         WHERE p.seller_id = ? AND d.locale = p.original_locale",
    )
    .bind(seller)
    .fetch_all(&state.db)
    .await?;
    let mut jobs = Vec::new();
    for (product, original, title, description) in originals {
        let Some(from) = Locale::from_tag(&original) else {
            continue;
        };
        let by_hand: Vec<(String,)> = sqlx::query_as(
            "SELECT locale FROM product_texts WHERE product_id = ? \
             AND provenance IN ('original', 'human') \
             UNION SELECT locale FROM product_text_drafts WHERE product_id = ?",
        )
        .bind(product)
        .bind(product)
        .fetch_all(&state.db)
        .await?;
        for to in Locale::ALL {
            if to != from && !by_hand.iter().any(|(l,)| l == to.tag()) {
                jobs.push((product, from, to, title.clone(), description.clone()));
            }
        }
    }
    let translator = state.translator.clone();
    let translator = &*translator;
    let made = futures_util::stream::iter(jobs)
        .map(|(product, from, to, title, description)| async move {
            let html = async {
                if description.trim().is_empty() {
                    Ok(String::new())
                } else {
                    translator
                        .translate(&description, from, to, Format::Html)
                        .await
                }
            };
            let (t, d) = tokio::join!(translator.translate(&title, from, to, Format::Text), html);
            let text = match (t, d) {
                (Ok(t), Ok(d)) => machine_title(&t).map(|t| (t, d)),
                (Err(e), _) | (_, Err(e)) => {
                    if e != TranslateError::NotConfigured {
                        tracing::warn!(target: "sellers", provider = translator.name(),
                            from = from.tag(), to = to.tag(), error = %e,
                            "no machine translation; buyers read the original");
                    }
                    None
                }
            };
            MachineText {
                product,
                locale: to,
                source: (title, description),
                text,
            }
        })
        .buffer_unordered(TRANSLATIONS_AT_ONCE)
        .take_until(tokio::time::sleep(crate::translate::PUBLICATION_BUDGET))
        .collect()
        .await;
    Ok(made)
}

/// A provider's title as a title: one line, not empty, no longer than a seller's may be.
fn machine_title(text: &str) -> Option<String> {
    let line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then(|| line.chars().take(domain::seller::MAX_TITLE_CHARS).collect())
}

/// Writes the translations made for this publication, inside its transaction, before the
/// drafts are published (see `publish_texts`, which keeps the search index right): each where the text is still the machine's (a language the seller
/// wrote by hand meanwhile keeps it) and the original is still the one translated.
async fn apply_translations(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    made: &[&MachineText],
) -> Result<(), sqlx::Error> {
    for m in made {
        let current: Option<(String, String)> = sqlx::query_as(
            "SELECT d.title, d.description_html FROM product_text_drafts d \
             JOIN products p ON p.id = d.product_id \
             WHERE d.product_id = ? AND d.locale = p.original_locale",
        )
        .bind(m.product)
        .fetch_optional(&mut **tx)
        .await?;
        let drafted: Option<(i64,)> =
            sqlx::query_as("SELECT 1 FROM product_text_drafts WHERE product_id = ? AND locale = ?")
                .bind(m.product)
                .bind(m.locale.tag())
                .fetch_optional(&mut **tx)
                .await?;
        let fresh = current.as_ref() == Some(&m.source);
        match (&m.text, fresh && drafted.is_none()) {
            (Some((title, description)), true) => {
                sqlx::query(
                    "INSERT INTO product_texts (product_id, locale, title, description_html, provenance) \
                     VALUES (?, ?, ?, ?, 'machine') \
                     ON CONFLICT (product_id, locale) DO UPDATE SET title = excluded.title, \
                     description_html = excluded.description_html, provenance = 'machine' \
                     WHERE product_texts.provenance = 'machine'",
                )
                .bind(m.product)
                .bind(m.locale.tag())
                .bind(title)
                .bind(description)
                .execute(&mut **tx)
                .await?;
            }
            // No translation, or one of an original rewritten since: the machine text of the
            // old original goes.
            (None, _) | (Some(_), false) if drafted.is_none() => {
                sqlx::query(
                    "DELETE FROM product_texts WHERE product_id = ? AND locale = ? \
                     AND provenance = 'machine'",
                )
                .bind(m.product)
                .bind(m.locale.tag())
                .execute(&mut **tx)
                .await?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// With a rewritten original, the machine texts no translation of this publication covers
/// (its draft was saved after the translations were asked for) translate words the seller
/// took back: they go, and buyers there read the new original, marked with its language.
async fn drop_stale_machine_texts(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    product: i64,
    made: &[&MachineText],
) -> Result<(), sqlx::Error> {
    let rewritten: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM product_text_drafts d JOIN products p ON p.id = d.product_id \
         WHERE d.product_id = ? AND d.locale = p.original_locale",
    )
    .bind(product)
    .fetch_optional(&mut **tx)
    .await?;
    if rewritten.is_none() {
        return Ok(());
    }
    for locale in Locale::ALL {
        if made.iter().any(|m| m.locale == locale) {
            continue;
        }
        sqlx::query(
            "DELETE FROM product_texts WHERE product_id = ? AND locale = ? AND provenance = 'machine'",
        )
        .bind(product)
        .bind(locale.tag())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
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

/// The product texts `seller` has waiting as drafts: each product's slug and language.
pub(super) async fn drafted(
    db: &sqlx::SqlitePool,
    seller: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.slug, d.locale FROM product_text_drafts d JOIN products p ON p.id = d.product_id \
         WHERE p.seller_id = ? ORDER BY p.slug, d.locale",
    )
    .bind(seller)
    .fetch_all(db)
    .await
}
