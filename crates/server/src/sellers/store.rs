//! A store's parts besides its texts: the profile, featured products and seasonal campaigns,
//! each kept as a draft the seller edits and as the published version buyers see.
//!
//! The draft begins, whole, the first time the seller saves any part: every published part is
//! copied into it ([`begin_draft`]), so a draft is always a complete store and publishing
//! ([`publish_parts`]) replaces the published parts with it in one transaction.

use super::auth::Seller;
use crate::clock::{random_id, unix_now};
use crate::http::error::{read_body, AppError, InvalidField, Reason};
use crate::http::strict;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::Json;
use domain::seller::{
    Campaign, Campaigns, CampaignsState, CountryReturns, FeaturedProducts, FeaturedState,
    StoreProfile, StoreProfileState,
};
use sqlx::{Sqlite, SqliteExecutor, Transaction};

/// Campaign and featured lists are small: a few kilobytes at most.
const MAX_BODY_BYTES: usize = 64 * 1024;
/// A profile's texts at their longest: "about", the return policy and one per destination,
/// 4,000 characters each, at up to 4 bytes a character, with room for the rest.
const MAX_PROFILE_BYTES: usize = 512 * 1024;

pub(super) async fn read_profile(
    db: &mut sqlx::SqliteConnection,
    seller: i64,
    version: &str,
) -> Result<Option<StoreProfile>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        tagline: String,
        about: String,
        theme_color: Option<String>,
        return_policy: String,
        logo: Option<String>,
        banner: Option<String>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT tagline, about, theme_color, return_policy, logo, banner FROM store_profiles \
         WHERE seller_id = ? AND version = ?",
    )
    .bind(seller)
    .bind(version)
    .fetch_optional(&mut *db)
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let country_returns: Vec<(String, String)> = sqlx::query_as(
        "SELECT country, policy_html FROM store_country_returns \
         WHERE seller_id = ? AND version = ? ORDER BY position",
    )
    .bind(seller)
    .bind(version)
    .fetch_all(&mut *db)
    .await?;
    Ok(Some(StoreProfile {
        tagline: r.tagline,
        about: r.about,
        theme_color: r.theme_color,
        return_policy: r.return_policy,
        logo: r.logo,
        banner: r.banner,
        country_returns: country_returns
            .into_iter()
            .map(|(country, policy)| CountryReturns { country, policy })
            .collect(),
    }))
}

pub(super) async fn write_profile(
    db: &mut sqlx::SqliteConnection,
    seller: i64,
    version: &str,
    profile: &StoreProfile,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO store_profiles (seller_id, version, tagline, about, theme_color, \
         return_policy, logo, banner, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (seller_id, version) DO UPDATE SET tagline = excluded.tagline, \
         about = excluded.about, theme_color = excluded.theme_color, \
         return_policy = excluded.return_policy, logo = excluded.logo, \
         banner = excluded.banner, updated_at = excluded.updated_at",
    )
    .bind(seller)
    .bind(version)
    .bind(&profile.tagline)
    .bind(&profile.about)
    .bind(&profile.theme_color)
    .bind(&profile.return_policy)
    .bind(&profile.logo)
    .bind(&profile.banner)
    .bind(unix_now())
    .execute(&mut *db)
    .await?;
    sqlx::query("DELETE FROM store_country_returns WHERE seller_id = ? AND version = ?")
        .bind(seller)
        .bind(version)
        .execute(&mut *db)
        .await?;
    for (position, c) in profile.country_returns.iter().enumerate() {
        sqlx::query(
            "INSERT INTO store_country_returns (seller_id, version, country, position, \
             policy_html) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(seller)
        .bind(version)
        .bind(&c.country)
        .bind(position as i64)
        .bind(&c.policy)
        .execute(&mut *db)
        .await?;
    }
    Ok(())
}

/// Removes every part of `seller`'s store in `version` (`'draft'` or `'published'`).
pub(super) async fn clear_parts(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
    version: &str,
) -> Result<(), sqlx::Error> {
    for table in [
        "store_profiles",
        "store_featured",
        "store_campaigns",
        "store_campaign_products",
        "store_country_returns",
    ] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE seller_id = ? AND version = ?"
        ))
        .bind(seller)
        .bind(version)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Copies every part of `from` over `to` (`'draft'` or `'published'`), replacing it.
async fn copy_parts(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
    from: &str,
    to: &str,
) -> Result<(), sqlx::Error> {
    let now = unix_now();
    clear_parts(tx, seller, to).await?;
    sqlx::query(
        "INSERT INTO store_profiles (seller_id, version, tagline, about, theme_color, \
         return_policy, logo, banner, updated_at) SELECT seller_id, ?, tagline, about, \
         theme_color, return_policy, logo, banner, ? FROM store_profiles \
         WHERE seller_id = ? AND version = ?",
    )
    .bind(to)
    .bind(now)
    .bind(seller)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_country_returns (seller_id, version, country, position, \
         policy_html) SELECT seller_id, ?, country, position, policy_html \
         FROM store_country_returns WHERE seller_id = ? AND version = ?",
    )
    .bind(to)
    .bind(seller)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_featured (seller_id, version, position, product_id) \
         SELECT seller_id, ?, position, product_id FROM store_featured \
         WHERE seller_id = ? AND version = ?",
    )
    .bind(to)
    .bind(seller)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_campaigns (seller_id, version, id, position, headline, starts_local, \
         ends_local, time_zone, starts_at, ends_at, banner, discount_percent) \
         SELECT seller_id, ?, id, position, headline, starts_local, ends_local, time_zone, \
         starts_at, ends_at, banner, discount_percent FROM store_campaigns \
         WHERE seller_id = ? AND version = ?",
    )
    .bind(to)
    .bind(seller)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_campaign_products (seller_id, version, campaign_id, position, \
         product_id) SELECT seller_id, ?, campaign_id, position, product_id \
         FROM store_campaign_products WHERE seller_id = ? AND version = ?",
    )
    .bind(to)
    .bind(seller)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Makes sure the seller has a draft: when none is saved yet, the published store (or an
/// empty profile) becomes it.
pub(super) async fn begin_draft(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
) -> Result<(), sqlx::Error> {
    let has_draft: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM store_profiles WHERE seller_id = ? AND version = 'draft'")
            .bind(seller)
            .fetch_optional(&mut **tx)
            .await?;
    if has_draft.is_some() {
        return Ok(());
    }
    copy_parts(tx, seller, "published", "draft").await?;
    let copied: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM store_profiles WHERE seller_id = ? AND version = 'draft'")
            .bind(seller)
            .fetch_optional(&mut **tx)
            .await?;
    if copied.is_none() {
        write_profile(tx, seller, "draft", &StoreProfile::default()).await?;
    }
    Ok(())
}

/// Publishes the draft's profile, featured products and campaigns, when there is a draft.
pub(super) async fn publish_parts(
    tx: &mut Transaction<'_, Sqlite>,
    seller: i64,
) -> Result<bool, sqlx::Error> {
    let has_draft: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM store_profiles WHERE seller_id = ? AND version = 'draft'")
            .bind(seller)
            .fetch_optional(&mut **tx)
            .await?;
    if has_draft.is_none() {
        return Ok(false);
    }
    copy_parts(tx, seller, "draft", "published").await?;
    Ok(true)
}

/// The slugs of a version's featured products, in order.
async fn read_featured(
    db: impl SqliteExecutor<'_>,
    seller: i64,
    version: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT p.slug FROM store_featured f JOIN products p ON p.id = f.product_id \
         WHERE f.seller_id = ? AND f.version = ? ORDER BY f.position",
    )
    .bind(seller)
    .bind(version)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// A version's campaigns, in the seller's order.
async fn read_campaigns(
    db: &sqlx::SqlitePool,
    seller: i64,
    version: &str,
) -> Result<Vec<Campaign>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, headline, starts_local, ends_local, time_zone, banner FROM store_campaigns \
         WHERE seller_id = ? AND version = ? ORDER BY position",
    )
    .bind(seller)
    .bind(version)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, headline, starts, ends, time_zone, banner) in rows {
        let products = campaign_products(db, seller, version, &id).await?;
        out.push(Campaign {
            id,
            headline,
            starts,
            ends,
            time_zone,
            products,
            banner,
        });
    }
    Ok(out)
}

async fn campaign_products(
    db: &sqlx::SqlitePool,
    seller: i64,
    version: &str,
    campaign: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT p.slug FROM store_campaign_products c JOIN products p ON p.id = c.product_id \
         WHERE c.seller_id = ? AND c.version = ? AND c.campaign_id = ? ORDER BY c.position",
    )
    .bind(seller)
    .bind(version)
    .bind(campaign)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(s,)| s).collect())
}

/// The draft (the published store while none was saved, else empty) and the published one.
pub(super) async fn store_state(
    db: &sqlx::SqlitePool,
    seller: i64,
) -> Result<StoreProfileState, sqlx::Error> {
    let mut conn = db.acquire().await?;
    let published = read_profile(&mut conn, seller, "published").await?;
    let draft = read_profile(&mut conn, seller, "draft").await?;
    drop(conn);
    let draft_version = if draft.is_some() {
        "draft"
    } else {
        "published"
    };
    let featured = FeaturedState {
        draft: read_featured(db, seller, draft_version).await?,
        published: read_featured(db, seller, "published").await?,
    };
    let campaigns = CampaignsState {
        draft: read_campaigns(db, seller, draft_version).await?,
        published: read_campaigns(db, seller, "published").await?,
    };
    let draft = draft.unwrap_or_else(|| published.clone().unwrap_or_default());
    Ok(StoreProfileState {
        unpublished_changes: published.as_ref() != Some(&draft)
            || featured.draft != featured.published
            || campaigns.draft != campaigns.published,
        draft,
        published,
        featured,
        campaigns,
    })
}

/// The ids of the seller's own products `slugs`, in order; another seller's or an unknown
/// slug is refused at `field[i]` as an unknown item.
async fn own_products(
    db: impl SqliteExecutor<'_> + Copy,
    seller: i64,
    field: &str,
    slugs: &[String],
    errors: &mut Vec<InvalidField>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(slugs.len());
    for (i, slug) in slugs.iter().enumerate() {
        let id: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM products WHERE slug = ? AND seller_id = ?")
                .bind(slug.trim())
                .bind(seller)
                .fetch_optional(db)
                .await?;
        match id {
            Some((id,)) => ids.push(id),
            None => errors.push(InvalidField {
                field: format!("{field}[{i}]"),
                reason: Reason::UnknownItem,
            }),
        }
    }
    Ok(ids)
}

/// A media path the seller itself uploaded, or a refusal at `field`.
async fn own_upload(
    db: &sqlx::SqlitePool,
    seller: i64,
    field: &str,
    path: Option<&str>,
    kind: &str,
    errors: &mut Vec<InvalidField>,
) -> Result<(), sqlx::Error> {
    let Some(key) = path.and_then(|p| p.strip_prefix("/media/u/")) else {
        return Ok(());
    };
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM uploads WHERE key = ? AND seller_id = ? AND kind = ?")
            .bind(key)
            .bind(seller)
            .bind(kind)
            .fetch_optional(db)
            .await?;
    if found.is_none() {
        errors.push(InvalidField {
            field: field.to_owned(),
            reason: Reason::UnknownItem,
        });
    }
    Ok(())
}

/// Save the store profile's draft (buyers do not see it until it is published).
#[utoipa::path(
    put,
    path = "/v1/seller/store/draft",
    tag = "sellers",
    request_body = StoreProfile,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 200, description = "The draft is saved", body = StoreProfileState),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_draft(
    State(state): State<AppState>,
    seller: Seller,
    body: Body,
) -> Result<Json<StoreProfileState>, AppError> {
    let body = read_body(body, MAX_PROFILE_BYTES).await?;
    let mut profile = strict::checked(&body, StoreProfile::refusals)?;
    let mut errors = Vec::new();
    own_upload(
        &state.db,
        seller.id,
        "logo",
        profile.logo.as_deref(),
        "logo",
        &mut errors,
    )
    .await?;
    own_upload(
        &state.db,
        seller.id,
        "banner",
        profile.banner.as_deref(),
        "banner",
        &mut errors,
    )
    .await?;
    if !errors.is_empty() {
        return Err(AppError::InvalidParameters(errors));
    }
    profile.tagline = profile.tagline.trim().to_owned();
    profile.theme_color = profile.theme_color.map(|c| c.to_ascii_lowercase());
    let mut tx = state.db.begin().await?;
    begin_draft(&mut tx, seller.id).await?;
    write_profile(&mut tx, seller.id, "draft", &profile).await?;
    tx.commit().await?;
    Ok(Json(store_state(&state.db, seller.id).await?))
}

/// Choose and order the store page's featured products (a draft until published).
#[utoipa::path(
    put,
    path = "/v1/seller/store/featured",
    tag = "sellers",
    request_body = FeaturedProducts,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 200, description = "The draft is saved", body = StoreProfileState),
        (status = 400, description = "More than 12 products (`too_many`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A product that is not this seller's (`unknown_item`) or named twice (`repeated`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_featured(
    State(state): State<AppState>,
    seller: Seller,
    body: Body,
) -> Result<Json<StoreProfileState>, AppError> {
    let body = read_body(body, MAX_BODY_BYTES).await?;
    let input = strict::checked(&body, FeaturedProducts::refusals)?;
    let mut errors = Vec::new();
    let ids = own_products(
        &state.db,
        seller.id,
        "products",
        &input.products,
        &mut errors,
    )
    .await?;
    if !errors.is_empty() {
        return Err(AppError::InvalidParameters(errors));
    }
    let mut tx = state.db.begin().await?;
    begin_draft(&mut tx, seller.id).await?;
    sqlx::query("DELETE FROM store_featured WHERE seller_id = ? AND version = 'draft'")
        .bind(seller.id)
        .execute(&mut *tx)
        .await?;
    for (position, id) in ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO store_featured (seller_id, version, position, product_id) \
             VALUES (?, 'draft', ?, ?)",
        )
        .bind(seller.id)
        .bind(position as i64)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Json(store_state(&state.db, seller.id).await?))
}

/// A campaign's start or end, a wall-clock time in `zone`, as a Unix instant; `None` when the
/// zone is unknown or the time does not exist there.
pub fn instant(local: &str, zone: &jiff::tz::TimeZone) -> Option<i64> {
    let local = local.trim();
    let local = if local.len() == 16 {
        format!("{local}:00")
    } else {
        local.to_owned()
    };
    let civil: jiff::civil::DateTime = local.parse().ok()?;
    let ambiguous = zone.to_ambiguous_timestamp(civil);
    match ambiguous.offset() {
        // A time skipped by a clock change is refused rather than moved.
        jiff::tz::AmbiguousOffset::Gap { .. } => None,
        // A repeated hour (clocks going back) takes its first occurrence.
        _ => ambiguous.earlier().ok().map(|t| t.as_second()),
    }
}

/// Replace the draft's campaigns (a draft until published). Each runs from `starts` to `ends`
/// on the clock of its time zone.
#[utoipa::path(
    put,
    path = "/v1/seller/store/campaigns",
    tag = "sellers",
    request_body = Campaigns,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 200, description = "The draft is saved; new campaigns have their `id`", body = StoreProfileState),
        (status = 400, description = "A field too long or a list too long", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "An end before its start (`not_after_start`), an unknown time zone or a time that does not exist in it (`malformed`), another seller's product or picture (`unknown_item`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_campaigns(
    State(state): State<AppState>,
    seller: Seller,
    body: Body,
) -> Result<Json<StoreProfileState>, AppError> {
    let body = read_body(body, MAX_BODY_BYTES).await?;
    let input = strict::checked(&body, Campaigns::refusals)?;
    let mut errors = Vec::new();
    let mut rows = Vec::with_capacity(input.campaigns.len());
    let mut ids_seen: Vec<String> = Vec::new();
    for (i, c) in input.campaigns.iter().enumerate() {
        let field = |name: &str| format!("campaigns[{i}].{name}");
        let zone = jiff::tz::db().get(c.time_zone.trim()).ok();
        if zone.is_none() {
            errors.push(InvalidField {
                field: field("time_zone"),
                reason: Reason::Malformed,
            });
        }
        let starts = zone.as_ref().and_then(|z| instant(&c.starts, z));
        let ends = zone.as_ref().and_then(|z| instant(&c.ends, z));
        for (name, at) in [("starts", starts), ("ends", ends)] {
            if zone.is_some() && at.is_none() {
                errors.push(InvalidField {
                    field: field(name),
                    reason: Reason::Malformed,
                });
            }
        }
        if let (Some(s), Some(e)) = (starts, ends) {
            // A clock change can put a later wall-clock time at an earlier instant.
            if e <= s {
                errors.push(InvalidField {
                    field: field("ends"),
                    reason: Reason::NotAfterStart,
                });
            }
        }
        own_upload(
            &state.db,
            seller.id,
            &field("banner"),
            c.banner.as_deref(),
            "banner",
            &mut errors,
        )
        .await?;
        let products = own_products(
            &state.db,
            seller.id,
            &field("products"),
            &c.products,
            &mut errors,
        )
        .await?;
        let id = if c.id.is_empty() || ids_seen.contains(&c.id) {
            random_id()[..16].to_owned()
        } else {
            c.id.clone()
        };
        ids_seen.push(id.clone());
        rows.push((id, c, starts.unwrap_or(0), ends.unwrap_or(0), products));
    }
    if !errors.is_empty() {
        return Err(AppError::InvalidParameters(errors));
    }
    let mut tx = state.db.begin().await?;
    begin_draft(&mut tx, seller.id).await?;
    for table in ["store_campaigns", "store_campaign_products"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE seller_id = ? AND version = 'draft'"
        ))
        .bind(seller.id)
        .execute(&mut *tx)
        .await?;
    }
    for (position, (id, c, starts_at, ends_at, products)) in rows.iter().enumerate() {
        sqlx::query(
            "INSERT INTO store_campaigns (seller_id, version, id, position, headline, \
             starts_local, ends_local, time_zone, starts_at, ends_at, banner) \
             VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(seller.id)
        .bind(id)
        .bind(position as i64)
        .bind(c.headline.trim())
        .bind(c.starts.trim().get(..16).unwrap_or(c.starts.trim()))
        .bind(c.ends.trim().get(..16).unwrap_or(c.ends.trim()))
        .bind(c.time_zone.trim())
        .bind(starts_at)
        .bind(ends_at)
        .bind(&c.banner)
        .execute(&mut *tx)
        .await?;
        for (p, product) in products.iter().enumerate() {
            sqlx::query(
                "INSERT INTO store_campaign_products (seller_id, version, campaign_id, \
                 position, product_id) VALUES (?, 'draft', ?, ?, ?)",
            )
            .bind(seller.id)
            .bind(id)
            .bind(p as i64)
            .bind(product)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(Json(store_state(&state.db, seller.id).await?))
}

/// The version a preview of `seller`'s store shows: its draft once the seller saved one (a
/// draft begins as a copy of every published part), else what is published.
pub(super) async fn preview_version(
    db: &sqlx::SqlitePool,
    seller: i64,
) -> Result<&'static str, sqlx::Error> {
    let draft: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM store_profiles WHERE seller_id = ? AND version = 'draft'")
            .bind(seller)
            .fetch_optional(db)
            .await?;
    Ok(if draft.is_some() {
        "draft"
    } else {
        "published"
    })
}

/// The campaign of `version` (`'published'` or `'draft'`) live at `now` for `seller` (the
/// earliest-ending when several are): its id, headline, end and banner.
pub(super) async fn live_campaign(
    db: &sqlx::SqlitePool,
    seller: i64,
    version: &str,
    now: i64,
) -> Result<Option<(String, String, i64, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, headline, ends_at, banner FROM store_campaigns \
         WHERE seller_id = ? AND version = ? AND starts_at <= ? AND ends_at > ? \
         ORDER BY ends_at, position LIMIT 1",
    )
    .bind(seller)
    .bind(version)
    .bind(now)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// The product ids of a list of `version`: the featured products, or a campaign's.
pub(super) async fn product_ids(
    db: &sqlx::SqlitePool,
    seller: i64,
    version: &str,
    campaign: Option<&str>,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = match campaign {
        None => {
            sqlx::query_as(
                "SELECT product_id FROM store_featured WHERE seller_id = ? \
                 AND version = ? ORDER BY position",
            )
            .bind(seller)
            .bind(version)
            .fetch_all(db)
            .await?
        }
        Some(id) => {
            sqlx::query_as(
                "SELECT product_id FROM store_campaign_products WHERE seller_id = ? \
                 AND version = ? AND campaign_id = ? ORDER BY position",
            )
            .bind(seller)
            .bind(version)
            .bind(id)
            .fetch_all(db)
            .await?
        }
    };
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> jiff::tz::TimeZone {
        jiff::tz::db().get(name).expect("ok")
    }

    #[test]
    fn a_local_time_is_read_on_the_sellers_clock() {
        // Shanghai is UTC+8 all year: midnight on 11.11 there is 16:00 UTC on 11-10.
        assert_eq!(
            instant("2026-11-11T00:00", &zone("Asia/Shanghai")),
            Some(1_794_326_400)
        );
        assert_eq!(
            instant("2026-11-11T00:00:00", &zone("Asia/Shanghai")),
            Some(1_794_326_400)
        );
        // Istanbul is UTC+3: the same instant is 19:00 there the evening before.
        assert_eq!(
            instant("2026-11-10T19:00", &zone("Europe/Istanbul")),
            Some(1_794_326_400)
        );
    }

    #[test]
    fn a_time_skipped_by_a_clock_change_or_a_day_that_does_not_exist_is_refused() {
        // Clocks in Berlin went from 02:00 to 03:00 on 2026-03-29.
        assert_eq!(instant("2026-03-29T02:30", &zone("Europe/Berlin")), None);
        assert!(instant("2026-03-29T03:30", &zone("Europe/Berlin")).is_some());
        assert_eq!(instant("2026-02-30T10:00", &zone("Asia/Shanghai")), None);
        assert_eq!(instant("soon", &zone("Asia/Shanghai")), None);
    }

    #[test]
    fn a_repeated_hour_takes_its_first_occurrence() {
        // Clocks in Berlin went back from 03:00 to 02:00 on 2026-10-25: 02:30 happened twice,
        // first at 00:30 UTC.
        assert_eq!(
            instant("2026-10-25T02:30", &zone("Europe/Berlin")),
            Some(1_792_888_200)
        );
    }
}
