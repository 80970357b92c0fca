//! Previews of a seller's draft (issue 18): the store page and product pages as a buyer in a
//! chosen market would see them once published, for the signed-in seller or whoever holds a
//! share link.
//!
//! A share link's token is `{id}-{expires}-{signature}` (no dot: the page's path must not look
//! like a file's): the signature is HMAC-SHA256, with
//! the server's preview secret (`STORE_PREVIEW_SECRET`, else one generated into the database
//! on its first start: `crate::secrets`), over the link's id, its seller and its expiry, so neither can be
//! altered; the link's row (`preview_links`) makes it revocable and holds the one market it
//! may show. Every preview answer is `Cache-Control: private, no-store` and `X-Robots-Tag:
//! noindex`; buyers' endpoints never read a draft.

use super::auth::Seller;
use super::storefront::{storefront, Shown};
use crate::clock::{random_id, rfc3339, unix_now};
use crate::http::error::{AppError, InvalidField, Reason};
use crate::http::strict;
use crate::state::AppState;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use domain::seller::{Market, NewPreviewLink, PreviewLink, PreviewLinks, PreviewScope};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header a share link's holder sends its token in (the app reads it from the page's path).
pub const TOKEN_HEADER: &str = "x-preview-token";
/// Links a seller may have open at once.
const MAX_OPEN_LINKS: i64 = 20;

fn mac(secret: &[u8], id: &str, seller: i64, expires: i64) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(format!("preview-link-v1\n{id}\n{seller}\n{expires}").as_bytes());
    mac
}

/// The token of link `id` of `seller`, open until `expires` (Unix seconds).
pub fn token(secret: &[u8], id: &str, seller: i64, expires: i64) -> String {
    let signature = mac(secret, id, seller, expires).finalize().into_bytes();
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature);
    format!("{id}-{expires}-{signature}")
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: String,
    seller_id: i64,
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    country: Option<String>,
    locale: Option<String>,
    currency: Option<String>,
}

impl LinkRow {
    fn market(&self) -> Option<Market> {
        Some(Market {
            country: self.country.clone()?,
            locale: self.locale.clone()?,
            currency: self.currency.clone()?,
        })
    }

    fn wire(&self, secret: &[u8]) -> PreviewLink {
        let token = token(secret, &self.id, self.seller_id, self.expires_at);
        let locale = self.locale.as_deref().unwrap_or("en");
        PreviewLink {
            id: self.id.clone(),
            path: format!("/{locale}/preview/{token}"),
            created_at: rfc3339(self.created_at),
            expires_at: rfc3339(self.expires_at),
            revoked: self.revoked_at.is_some(),
            market: self.market(),
        }
    }
}

const LINK_COLUMNS: &str =
    "id, seller_id, created_at, expires_at, revoked_at, country, locale, currency";

/// The link a token names, when its signature holds and it is still open: an unreadable or
/// altered token, or one of no link, is refused (403); an expired or withdrawn link is gone
/// (410).
async fn open(state: &AppState, token: &str, now: i64) -> Result<LinkRow, AppError> {
    // The id (hex) and expiry (digits) hold no hyphen; the signature (base64url) may.
    let mut parts = token.trim().splitn(3, '-');
    let (Some(id), Some(expires), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(AppError::PreviewLinkInvalid);
    };
    let expires: i64 = expires.parse().map_err(|_| AppError::PreviewLinkInvalid)?;
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| AppError::PreviewLinkInvalid)?;
    let row: Option<LinkRow> = sqlx::query_as(&format!(
        "SELECT {LINK_COLUMNS} FROM preview_links WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(AppError::PreviewLinkInvalid)?;
    // Constant time; the expiry signed is the token's, so an altered one fails here.
    mac(&state.preview_secret, &row.id, row.seller_id, expires)
        .verify_slice(&signature)
        .map_err(|_| AppError::PreviewLinkInvalid)?;
    if expires != row.expires_at {
        return Err(AppError::PreviewLinkInvalid);
    }
    if row.revoked_at.is_some() || now >= row.expires_at {
        return Err(AppError::PreviewLinkGone);
    }
    Ok(row)
}

/// Whose draft a preview request may see: the signed-in seller's own, or a share link's
/// (its token in [`TOKEN_HEADER`], which wins over a session). Neither → 401.
pub struct Viewer {
    slug: String,
    name: String,
    via: &'static str,
    market: Option<Market>,
    expires_at: Option<i64>,
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, AppError> {
        let token = parts
            .headers
            .get(TOKEN_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|t| !t.trim().is_empty());
        let (seller, via, market, expires_at) = match token {
            Some(token) => {
                let link = open(state, token, unix_now()).await?;
                (link.seller_id, "link", link.market(), Some(link.expires_at))
            }
            None => {
                let seller = parts
                    .extensions
                    .get::<Seller>()
                    .ok_or(AppError::NotSignedIn)?;
                (seller.id, "seller", None, None)
            }
        };
        let (slug, name): (String, String) =
            sqlx::query_as("SELECT slug, name FROM sellers WHERE id = ?")
                .bind(seller)
                .fetch_one(&state.db)
                .await?;
        Ok(Viewer {
            slug,
            name,
            via,
            market,
            expires_at,
        })
    }
}

/// A preview's answer: never kept by a cache, never indexed.
fn private(body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// The query's market, or the share link's when it was made for one (which then wins; it is
/// read back through the same checks).
fn asked(
    state: &AppState,
    viewer: &Viewer,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<super::Asked, AppError> {
    match &viewer.market {
        Some(market) => {
            let query = format!(
                "locale={}&currency={}&country={}",
                market.locale, market.currency, market.country
            );
            super::asked(state, Some(&query), headers)
        }
        None => super::asked(state, query, headers),
    }
}

/// Whose draft this request may see, and through what.
#[utoipa::path(
    get,
    path = "/v1/preview",
    tag = "sellers",
    params(("X-Preview-Token" = Option<String>, Header, description = "A share link's token; without it, the signed-in seller's own store")),
    responses(
        (status = 200, description = "The store previewed and how", body = PreviewScope),
        (status = 401, description = "Neither a session nor a token (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token altered or of no link (`preview_link_invalid`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "A link expired or withdrawn (`preview_link_gone`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_scope(viewer: Viewer) -> Response {
    private(Json(PreviewScope {
        store: viewer.slug,
        store_name: viewer.name,
        via: viewer.via.to_owned(),
        market: viewer.market,
        expires_at: viewer.expires_at.map(rfc3339),
    }))
}

/// The store's draft as a buyer in the asked market would see it once published.
#[utoipa::path(
    get,
    path = "/v1/preview/store",
    tag = "sellers",
    params(
        ("X-Preview-Token" = Option<String>, Header, description = "A share link's token; without it, the signed-in seller's own store"),
        ("locale" = Option<String>, Query, description = "Language of the texts (a link made for one market shows its own)"),
        ("currency" = Option<String>, Query, description = "The buyer's currency"),
        ("country" = Option<String>, Query, description = "Where the buyer ships to (one of the store's destinations)"),
    ),
    responses(
        (status = 200, description = "The draft store (or what is published, before any draft)", body = domain::seller::Storefront),
        (status = 400, description = "An unknown `currency` or a `country` that is not a destination", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Neither a session nor a token (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token altered or of no link (`preview_link_invalid`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "A link expired or withdrawn (`preview_link_gone`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_store(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let slug = viewer.slug.clone();
    store_page(&state, &viewer, &slug, query.as_deref(), &headers).await
}

/// The store `slug` in a preview, in the asked market: the previewed store's draft, another as
/// its buyers see it now.
async fn store_page(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, AppError> {
    let asked = asked(state, viewer, query, headers)?;
    let shown = match slug == viewer.slug {
        true => Shown::Draft,
        false => Shown::Published,
    };
    let store = storefront(
        state,
        slug,
        asked.locale,
        asked.currency,
        asked.country,
        shown,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(private(Json(store)))
}

/// A store page inside the preview: the previewed store's draft, or another store as its
/// buyers see it now (a buyer of the preview may wander off to another store; its drafts are
/// never shown).
#[utoipa::path(
    get,
    path = "/v1/preview/stores/{slug}",
    tag = "sellers",
    params(
        ("slug" = String, Path, description = "The store's slug"),
        ("X-Preview-Token" = Option<String>, Header, description = "A share link's token; without it, the signed-in seller's own store"),
        ("locale" = Option<String>, Query, description = "Language of the texts (a link made for one market shows its own)"),
        ("currency" = Option<String>, Query, description = "The buyer's currency"),
        ("country" = Option<String>, Query, description = "Where the buyer ships to (one of the store's destinations)"),
    ),
    responses(
        (status = 200, description = "The previewed store's draft, or another store as published", body = domain::seller::Storefront),
        (status = 400, description = "An unknown `currency` or a `country` that is not a destination", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Neither a session nor a token (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token altered or of no link (`preview_link_invalid`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No store has this slug", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "A link expired or withdrawn (`preview_link_gone`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_store_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    store_page(&state, &viewer, &slug, query.as_deref(), &headers).await
}

/// One of the store's products with its draft texts, as a buyer in the asked market would see
/// it once published; another store's product as its buyers see it now (never its drafts).
#[utoipa::path(
    get,
    path = "/v1/preview/products/{slug}",
    tag = "sellers",
    params(
        ("slug" = String, Path, description = "The product's slug"),
        ("X-Preview-Token" = Option<String>, Header, description = "A share link's token; without it, the signed-in seller's own store"),
        ("locale" = Option<String>, Query, description = "Language of the texts (a link made for one market shows its own)"),
        ("currency" = Option<String>, Query, description = "The buyer's currency"),
        ("country" = Option<String>, Query, description = "Where the buyer ships to (one of the store's destinations)"),
    ),
    responses(
        (status = 200, description = "The product with its draft texts (another store's as published)", body = domain::ProductDetail),
        (status = 400, description = "An unknown `currency` or a `country` that is not a destination", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Neither a session nor a token (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A token altered or of no link (`preview_link_invalid`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No product has this slug", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "A link expired or withdrawn (`preview_link_gone`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let asked = asked(&state, &viewer, query.as_deref(), &headers)?;
    let mut detail =
        crate::products::product_detail_of(&state.db, &slug, asked.locale, true).await?;
    if detail.seller.slug != viewer.slug {
        // Read again without drafts: nothing of another store's draft leaves this function.
        detail = crate::products::product_detail_of(&state.db, &slug, asked.locale, false).await?;
    }
    crate::products::convert_detail(&mut detail, asked.currency, &state.fx);
    Ok(private(Json(detail)))
}

/// Make a link that opens the store's draft without an account, for at most 14 days.
#[utoipa::path(
    post,
    path = "/v1/seller/preview-links",
    tag = "sellers",
    request_body = NewPreviewLink,
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 201, description = "The link", body = PreviewLink),
        (status = 400, description = "`days` outside 1 to 14, a market the store does not serve, or as many links open as a store may have (20: `too_many` on `links`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_link(
    State(state): State<AppState>,
    seller: Seller,
    body: axum::body::Body,
) -> Result<Response, AppError> {
    let body = crate::http::error::read_body(body, 4 * 1024).await?;
    let asked: NewPreviewLink = strict::checked(&body, NewPreviewLink::refusals)?;
    let market = match asked.market {
        None => None,
        Some(m) => {
            let currency = state
                .fx
                .parse_currency("market.currency", &m.currency.trim().to_ascii_uppercase())
                .map_err(|bad| AppError::InvalidParameters(vec![bad]))?;
            let locale = domain::Locale::from_tag(&m.locale)
                .filter(|l| l.tag().eq_ignore_ascii_case(m.locale.trim()))
                .ok_or_else(|| {
                    AppError::InvalidParameters(vec![InvalidField {
                        field: "market.locale".into(),
                        reason: Reason::OneOf(crate::http::error::locale_list()),
                    }])
                })?;
            Some(Market {
                country: m.country.trim().to_ascii_uppercase(),
                locale: locale.tag().to_owned(),
                currency: currency.code().to_owned(),
            })
        }
    };
    let now = unix_now();
    let mut tx = state.db.begin().await?;
    let (open,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM preview_links WHERE seller_id = ? AND revoked_at IS NULL \
         AND expires_at > ?",
    )
    .bind(seller.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if open >= MAX_OPEN_LINKS {
        return Err(AppError::InvalidParameters(vec![InvalidField {
            field: "links".into(),
            reason: Reason::TooMany {
                max: MAX_OPEN_LINKS as u64,
            },
        }]));
    }
    let row = LinkRow {
        id: random_id(),
        seller_id: seller.id,
        created_at: now,
        expires_at: now + i64::from(asked.days) * 86_400,
        revoked_at: None,
        country: market.as_ref().map(|m| m.country.clone()),
        locale: market.as_ref().map(|m| m.locale.clone()),
        currency: market.as_ref().map(|m| m.currency.clone()),
    };
    sqlx::query(
        "INSERT INTO preview_links (id, seller_id, created_at, expires_at, country, locale, \
         currency) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&row.id)
    .bind(row.seller_id)
    .bind(row.created_at)
    .bind(row.expires_at)
    .bind(&row.country)
    .bind(&row.locale)
    .bind(&row.currency)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    // The id only: the token is a bearer credential, not for logs.
    tracing::info!(target: "sellers", seller = %seller.slug, link = %row.id, days = asked.days, "preview link made");
    Ok(private((
        StatusCode::CREATED,
        Json(row.wire(&state.preview_secret)),
    )))
}

/// The store's preview links, newest first (withdrawn and expired ones for 30 days).
#[utoipa::path(
    get,
    path = "/v1/seller/preview-links",
    tag = "sellers",
    responses(
        (status = 200, description = "The links", body = PreviewLinks),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_links(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Response, AppError> {
    let rows: Vec<LinkRow> = sqlx::query_as(&format!(
        "SELECT {LINK_COLUMNS} FROM preview_links WHERE seller_id = ? AND expires_at > ? \
         ORDER BY created_at DESC, id"
    ))
    .bind(seller.id)
    .bind(unix_now() - 30 * 86_400)
    .fetch_all(&state.db)
    .await?;
    Ok(private(Json(PreviewLinks {
        links: rows.iter().map(|r| r.wire(&state.preview_secret)).collect(),
    })))
}

/// Withdraw a preview link: it no longer opens anything (410 to its holder).
#[utoipa::path(
    delete,
    path = "/v1/seller/preview-links/{id}",
    tag = "sellers",
    params(
        ("id" = String, Path, description = "The link's id"),
        ("X-CSRF-Token" = String, Header, description = "The session's CSRF token"),
    ),
    responses(
        (status = 204, description = "Withdrawn (or already)"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No link of this store has this id", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn revoke_link(
    State(state): State<AppState>,
    seller: Seller,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let done = sqlx::query(
        "UPDATE preview_links SET revoked_at = COALESCE(revoked_at, ?) \
         WHERE id = ? AND seller_id = ?",
    )
    .bind(unix_now())
    .bind(&id)
    .bind(seller.id)
    .execute(&state.db)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tracing::info!(target: "sellers", seller = %seller.slug, link = %id, "preview link withdrawn");
    Ok(private(StatusCode::NO_CONTENT))
}
