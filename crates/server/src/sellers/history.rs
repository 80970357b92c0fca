//! The store's last publications (issue 18): each publication keeps a copy of what it put
//! before buyers (profile, per-country return policies, featured products, campaigns), so the
//! seller can bring one back; and what the draft changes since the last one, shown before
//! publishing.
//!
//! A copy is one JSON document made by SQLite from the published rows and written back by it,
//! column for column (`store.rs` holds the tables' shapes). Product texts are not in it: they
//! have their own drafts, published with the store, and a restore leaves them as they are.

use super::auth::Seller;
use super::{products, store, store_texts};
use crate::clock::{rfc3339, unix_now};
use crate::http::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use domain::seller::{Publication, Publications, StoreChange, StoreChanges, StoreProfileState};
use sqlx::{Sqlite, Transaction};

/// Publications kept per store.
pub const KEPT: i64 = 10;

/// The published parts of `seller`'s store as one JSON document.
async fn snapshot(tx: &mut Transaction<'_, Sqlite>, seller: i64) -> Result<String, sqlx::Error> {
    let (json,): (String,) = sqlx::query_as(
        "SELECT json_object( \
         'profile', json((SELECT json_object('tagline', tagline, 'about', about, \
           'theme_color', theme_color, 'return_policy', return_policy, 'logo', logo, \
           'banner', banner) FROM store_profiles WHERE seller_id = ?1 AND version = 'published')), \
         'returns', json((SELECT json_group_array(json_object('country', country, \
           'position', position, 'policy_html', policy_html)) FROM store_country_returns \
           WHERE seller_id = ?1 AND version = 'published')), \
         'featured', json((SELECT json_group_array(json_object('position', position, \
           'product_id', product_id)) FROM store_featured \
           WHERE seller_id = ?1 AND version = 'published')), \
         'campaigns', json((SELECT json_group_array(json_object('id', id, 'position', position, \
           'headline', headline, 'starts_local', starts_local, 'ends_local', ends_local, \
           'time_zone', time_zone, 'starts_at', starts_at, 'ends_at', ends_at, 'banner', banner, \
           'discount_percent', discount_percent)) FROM store_campaigns \
           WHERE seller_id = ?1 AND version = 'published')), \
         'campaign_products', json((SELECT json_group_array(json_object('campaign_id', \
           campaign_id, 'position', position, 'product_id', product_id)) \
           FROM store_campaign_products WHERE seller_id = ?1 AND version = 'published')))",
    )
    .bind(seller)
    .fetch_one(&mut **tx)
    .await?;
    Ok(json)
}

/// Replaces `seller`'s draft with the parts in `copy` (a [`snapshot`]).
async fn write_draft(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
    copy: &str,
) -> Result<(), sqlx::Error> {
    store::clear_parts(tx, seller, "draft").await?;
    let statements = [
        "INSERT INTO store_profiles (seller_id, version, tagline, about, theme_color, \
         return_policy, logo, banner, updated_at) SELECT ?1, 'draft', \
         json_extract(?2, '$.profile.tagline'), json_extract(?2, '$.profile.about'), \
         json_extract(?2, '$.profile.theme_color'), json_extract(?2, '$.profile.return_policy'), \
         json_extract(?2, '$.profile.logo'), json_extract(?2, '$.profile.banner'), ?3 \
         WHERE json_type(?2, '$.profile') = 'object'",
        // A copy made before the store had a profile: an empty one, as a first draft is.
        "INSERT INTO store_profiles (seller_id, version, tagline, about, theme_color, \
         return_policy, logo, banner, updated_at) SELECT ?1, 'draft', '', '', NULL, '', NULL, \
         NULL, ?3 WHERE json_type(?2, '$.profile') IS NOT 'object'",
        "INSERT INTO store_country_returns (seller_id, version, country, position, policy_html) \
         SELECT ?1, 'draft', json_extract(value, '$.country'), json_extract(value, '$.position'), \
         json_extract(value, '$.policy_html') FROM json_each(?2, '$.returns') WHERE ?3 IS NOT NULL",
        "INSERT INTO store_featured (seller_id, version, position, product_id) \
         SELECT ?1, 'draft', json_extract(value, '$.position'), \
         json_extract(value, '$.product_id') FROM json_each(?2, '$.featured') WHERE ?3 IS NOT NULL",
        "INSERT INTO store_campaigns (seller_id, version, id, position, headline, starts_local, \
         ends_local, time_zone, starts_at, ends_at, banner, discount_percent) \
         SELECT ?1, 'draft', json_extract(value, '$.id'), json_extract(value, '$.position'), \
         json_extract(value, '$.headline'), json_extract(value, '$.starts_local'), \
         json_extract(value, '$.ends_local'), json_extract(value, '$.time_zone'), \
         json_extract(value, '$.starts_at'), json_extract(value, '$.ends_at'), \
         json_extract(value, '$.banner'), json_extract(value, '$.discount_percent') \
         FROM json_each(?2, '$.campaigns') WHERE ?3 IS NOT NULL",
        "INSERT INTO store_campaign_products (seller_id, version, campaign_id, position, \
         product_id) SELECT ?1, 'draft', json_extract(value, '$.campaign_id'), \
         json_extract(value, '$.position'), json_extract(value, '$.product_id') \
         FROM json_each(?2, '$.campaign_products') WHERE ?3 IS NOT NULL",
    ];
    let now = unix_now();
    for statement in statements {
        sqlx::query(statement)
            .bind(seller)
            .bind(copy)
            .bind(now)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Records the publication just made inside `tx` (`restored_from`: the one it brought back),
/// keeping the last [`KEPT`].
pub(super) async fn record(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
    restored_from: Option<i64>,
) -> Result<(), sqlx::Error> {
    let copy = snapshot(tx, seller).await?;
    // A publication that changed nothing of the store's parts is not kept twice (ten of
    // them would push the real history out); a restore always is.
    let last: Option<(String,)> = sqlx::query_as(
        "SELECT snapshot FROM store_publications WHERE seller_id = ? \
         ORDER BY number DESC LIMIT 1",
    )
    .bind(seller)
    .fetch_optional(&mut **tx)
    .await?;
    if restored_from.is_none() && last.is_some_and(|(last,)| last == copy) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO store_publications (seller_id, number, published_at, restored_from, \
         snapshot) SELECT ?1, COALESCE(MAX(number), 0) + 1, ?2, ?3, ?4 \
         FROM store_publications WHERE seller_id = ?1",
    )
    .bind(seller)
    .bind(unix_now())
    .bind(restored_from)
    .bind(&copy)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "DELETE FROM store_publications WHERE seller_id = ?1 AND number <= \
         (SELECT MAX(number) FROM store_publications WHERE seller_id = ?1) - ?2",
    )
    .bind(seller)
    .bind(KEPT)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The store's last publications, newest first.
#[utoipa::path(
    get,
    path = "/v1/seller/publications",
    tag = "sellers",
    responses(
        (status = 200, description = "The last publications, newest first", body = Publications),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Json<Publications>, AppError> {
    let rows: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT number, published_at, restored_from FROM store_publications \
         WHERE seller_id = ? ORDER BY number DESC",
    )
    .bind(seller.id)
    .fetch_all(&state.db)
    .await?;
    let number = |n: i64| u32::try_from(n).unwrap_or(0);
    Ok(Json(Publications {
        items: rows
            .into_iter()
            .map(|(n, at, from)| Publication {
                number: number(n),
                published_at: rfc3339(at),
                restored_from: from.map(number),
            })
            .collect(),
    }))
}

/// Bring back one of the last publications: it becomes the draft (replacing any unpublished
/// change to the store's parts) and is published again at once, as a new publication;
/// product texts stay as they are.
#[utoipa::path(
    post,
    path = "/v1/seller/publications/{number}/restore",
    tag = "sellers",
    params(
        ("number" = String, Path, description = "The publication's number"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    responses(
        (status = 200, description = "Restored and published", body = StoreProfileState),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No kept publication of this store has this number", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn restore(
    State(state): State<AppState>,
    seller: Seller,
    Path(number): Path<String>,
) -> Result<Json<StoreProfileState>, AppError> {
    let number: u32 = number.parse().map_err(|_| AppError::NotFound)?;
    // The copy becomes the draft and is published in one step: buyers see it whole or not
    // at all, and no draft saved meanwhile is mixed into it.
    let mut tx = state.db.begin().await?;
    let copy: Option<(String,)> = sqlx::query_as(
        "SELECT snapshot FROM store_publications WHERE seller_id = ? AND number = ?",
    )
    .bind(seller.id)
    .bind(i64::from(number))
    .fetch_optional(&mut *tx)
    .await?;
    let (copy,) = copy.ok_or(AppError::NotFound)?;
    write_draft(&mut tx, seller.id, &copy).await?;
    store::publish_parts(&mut tx, seller.id).await?;
    record(&mut tx, seller.id, Some(i64::from(number))).await?;
    tx.commit().await?;
    // Then its texts translated again (outside a transaction: the provider may be slow);
    // `apply` keeps only translations of what is published when it runs.
    let made = store_texts::translate(&state, seller.id).await?;
    let mut tx = state.db.begin().await?;
    store_texts::apply(&mut tx, seller.id, &made).await?;
    tx.commit().await?;
    tracing::info!(target: "sellers", seller = %seller.slug, number, "publication restored");
    Ok(Json(store::store_state(&state.db, seller.id).await?))
}

/// What publishing now would change for buyers: each part of the store that differs between
/// the draft and what is published, and each product text waiting as a draft.
#[utoipa::path(
    get,
    path = "/v1/seller/store/changes",
    tag = "sellers",
    responses(
        (status = 200, description = "The changes, in the dashboard's order", body = StoreChanges),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn changes(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Json<StoreChanges>, AppError> {
    let now = store::store_state(&state.db, seller.id).await?;
    let mut items = Vec::new();
    let mut change = |part: &str, kind: &str, detail: Option<String>| {
        items.push(StoreChange {
            part: part.to_owned(),
            change: kind.to_owned(),
            detail,
        });
    };
    let empty = domain::seller::StoreProfile::default();
    let (draft, published) = (&now.draft, now.published.as_ref().unwrap_or(&empty));
    let fields: [(&str, &str, &str); 4] = [
        ("tagline", &draft.tagline, &published.tagline),
        ("about", &draft.about, &published.about),
        (
            "return_policy",
            &draft.return_policy,
            &published.return_policy,
        ),
        (
            "theme_color",
            draft.theme_color.as_deref().unwrap_or(""),
            published.theme_color.as_deref().unwrap_or(""),
        ),
    ];
    for (name, new, old) in fields {
        if new != old {
            change(name, kind(old.is_empty(), new.is_empty()), None);
        }
    }
    for (name, new, old) in [
        ("logo", &draft.logo, &published.logo),
        ("banner", &draft.banner, &published.banner),
    ] {
        if new != old {
            change(name, kind(old.is_none(), new.is_none()), None);
        }
    }
    for c in &draft.country_returns {
        match published
            .country_returns
            .iter()
            .find(|p| p.country == c.country)
        {
            None => change("returns", "added", Some(c.country.clone())),
            Some(p) if p.policy != c.policy => {
                change("returns", "changed", Some(c.country.clone()));
            }
            Some(_) => {}
        }
    }
    for p in &published.country_returns {
        if !draft.country_returns.iter().any(|c| c.country == p.country) {
            change("returns", "removed", Some(p.country.clone()));
        }
    }
    if now.featured.draft != now.featured.published {
        change("featured", "changed", None);
    }
    for c in &now.campaigns.draft {
        match now.campaigns.published.iter().find(|p| p.id == c.id) {
            None => change("campaign", "added", Some(c.headline.clone())),
            Some(p) if p != c => change("campaign", "changed", Some(c.headline.clone())),
            Some(_) => {}
        }
    }
    for p in &now.campaigns.published {
        if !now.campaigns.draft.iter().any(|c| c.id == p.id) {
            change("campaign", "removed", Some(p.headline.clone()));
        }
    }
    for (slug, locale) in products::drafted(&state.db, seller.id).await? {
        change(
            "product_text",
            "changed",
            Some(format!("{slug} ({locale})")),
        );
    }
    Ok(Json(StoreChanges { items }))
}

fn kind(was_empty: bool, is_empty: bool) -> &'static str {
    match (was_empty, is_empty) {
        (true, false) => "added",
        (false, true) => "removed",
        _ => "changed",
    }
}
