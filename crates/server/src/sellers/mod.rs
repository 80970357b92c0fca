//! Sellers' side of the store (issue 17): signing in and out, setting a password through a
//! one-time link, and the store's profile as a draft and as published.
//!
//! Every route here reads only the signed-in seller's own rows: the seller comes from the
//! session ([`auth::Seller`]), never from the path or the body.

pub mod auth;
pub mod history;
pub mod preview;
pub mod products;
pub mod store;
pub mod store_texts;
pub mod storefront;

use crate::clock::{random_id, unix_now};
use crate::http::error::{read_body, AppError, InvalidField, Reason};
use crate::http::strict;
use crate::state::AppState;
use auth::Seller;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::seller::{
    password_refusals, SellerSession, SetPassword, SignIn, StoreProfileState, MAX_PASSWORD_CHARS,
};

/// Bodies of these endpoints are small: texts of a few thousand characters at most.
const MAX_SELLER_BODY_BYTES: usize = 32 * 1024;
/// How long a set-password link works.
pub const INVITE_SECONDS: i64 = 24 * 60 * 60;
/// The demo password of every seeded seller (README.md), on a freshly seeded store only.
pub const DEMO_PASSWORD: &str = "crossroads-demo";

/// A seeded seller's sign-in email.
pub fn demo_email(slug: &str) -> String {
    format!("{slug}@sellers.example")
}

/// Sign in with an email and password: a new session (its cookie) and its CSRF token.
#[utoipa::path(
    post,
    path = "/v1/seller/session",
    tag = "sellers",
    request_body = SignIn,
    responses(
        (status = 200, description = "Signed in: the session cookie is set (`HttpOnly`, `SameSite=Lax`)", body = SellerSession),
        (status = 401, description = "No seller account has this email and password (`sign_in_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Sent from another site, or not as JSON (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-ins from this client, or five failures for this email in 15 minutes (`rate_limited`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    auth::same_site_json(&headers)?;
    let body = read_body(body, MAX_SELLER_BODY_BYTES).await?;
    let input: SignIn = strict::from_slice(&body)?;
    if input.password.chars().count() > MAX_PASSWORD_CHARS {
        return Err(AppError::InvalidParameters(vec![InvalidField {
            field: "password".into(),
            reason: Reason::TooLong {
                max: MAX_PASSWORD_CHARS as u64,
            },
        }]));
    }
    let email = input.email.trim().to_lowercase();
    // No account has a longer email (SMTP's limit); not worth a hash check or a place in the
    // failure guard's memory.
    if email.len() > 254 {
        return Err(AppError::SignInFailed);
    }
    let now = unix_now();
    if let Some(wait) = state.sign_in_failures.wait(&email, now) {
        return Err(AppError::RateLimited(wait));
    }
    let account: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT seller_id, password_hash FROM seller_accounts WHERE email = ?")
            .bind(&email)
            .fetch_optional(&state.db)
            .await?;
    let (id, hash) = account.map_or((None, None), |(id, hash)| (Some(id), hash));
    let password = input.password;
    // Hashing takes tens of milliseconds of CPU: off the async threads.
    let matches =
        tokio::task::spawn_blocking(move || auth::verify_password(&password, hash.as_deref()))
            .await
            .unwrap_or(false);
    let Some(id) = id.filter(|_| matches) else {
        state.sign_in_failures.failed(&email, now);
        tracing::info!(target: "sellers", "sign-in refused");
        return Err(AppError::SignInFailed);
    };
    let (token, csrf_token, expires_at) = auth::start_session(&state, id, now).await?;
    let (slug, name, language): (String, String, String) =
        sqlx::query_as("SELECT slug, name, language FROM sellers WHERE id = ?")
            .bind(id)
            .fetch_one(&state.db)
            .await?;
    tracing::info!(target: "sellers", seller = %slug, "signed in");
    let seller = Seller {
        id,
        slug,
        name,
        language,
        csrf_token,
        expires_at,
        token_hash: auth::token_hash(&token),
    };
    let mut response = Json(auth::session_info(&seller)).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        auth::set_cookie(&state, &token, expires_at, now),
    );
    Ok(response)
}

/// The signed-in seller's session, with its CSRF token (after a reload, the dashboard asks).
#[utoipa::path(
    get,
    path = "/v1/seller/session",
    tag = "sellers",
    responses(
        (status = 200, description = "The session", body = SellerSession),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_session(seller: Seller) -> Json<SellerSession> {
    Json(auth::session_info(&seller))
}

/// Sign out: this session ends.
#[utoipa::path(
    delete,
    path = "/v1/seller/session",
    tag = "sellers",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 204, description = "Signed out; the cookie is cleared"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out(State(state): State<AppState>, seller: Seller) -> Result<Response, AppError> {
    // Every token of this session (a replaced one lives on for a minute).
    sqlx::query("DELETE FROM seller_sessions WHERE seller_id = ? AND csrf_token = ?")
        .bind(seller.id)
        .bind(&seller.csrf_token)
        .execute(&state.db)
        .await?;
    Ok(signed_out(&state))
}

/// Sign out everywhere: every session of this seller ends, on every device.
#[utoipa::path(
    delete,
    path = "/v1/seller/sessions",
    tag = "sellers",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 204, description = "Every session ended; the cookie is cleared"),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Response, AppError> {
    sqlx::query("DELETE FROM seller_sessions WHERE seller_id = ?")
        .bind(seller.id)
        .execute(&state.db)
        .await?;
    tracing::info!(target: "sellers", seller = %seller.slug, "signed out everywhere");
    Ok(signed_out(&state))
}

fn signed_out(state: &AppState) -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, auth::clear_cookie(state));
    response
}

/// Set a password with a one-time link's token (`store-server seller invite <slug>`). Every
/// session of the seller ends, and the link and any other open link stop working.
#[utoipa::path(
    post,
    path = "/v1/seller/password",
    tag = "sellers",
    request_body = SetPassword,
    responses(
        (status = 204, description = "The password is set; sign in with it"),
        (status = 403, description = "Sent from another site, or not as JSON (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link is unknown, used or expired (`invite_invalid`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn set_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, AppError> {
    auth::same_site_json(&headers)?;
    let body = read_body(body, MAX_SELLER_BODY_BYTES).await?;
    let input: SetPassword = strict::checked(&body, |i: &SetPassword| {
        password_refusals("password", &i.password)
    })?;
    let now = unix_now();
    let hash = auth::token_hash(input.token.trim());
    let seller: Option<(i64,)> = sqlx::query_as(
        "SELECT seller_id FROM seller_invites WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(&state.db)
    .await?;
    let Some((seller,)) = seller else {
        return Err(AppError::InviteInvalid);
    };
    let password = input.password;
    let password_hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(format!("hashing task: {e}")))??;
    let mut tx = state.db.begin().await?;
    // The link is spent by whoever deletes it first.
    let spent = sqlx::query("DELETE FROM seller_invites WHERE token_hash = ?")
        .bind(&hash)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if spent == 0 {
        return Err(AppError::InviteInvalid);
    }
    sqlx::query("DELETE FROM seller_invites WHERE seller_id = ?")
        .bind(seller)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE seller_accounts SET password_hash = ?, password_changed_at = ? WHERE seller_id = ?",
    )
    .bind(&password_hash)
    .bind(now)
    .bind(seller)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM seller_sessions WHERE seller_id = ?")
        .bind(seller)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(target: "sellers", seller_id = seller, "password set through a link");
    Ok(StatusCode::NO_CONTENT)
}

/// A one-time set-password token for the seller `slug`, valid for [`INVITE_SECONDS`]; `None`
/// when no seller has that slug. Only the token's hash is stored.
pub async fn invite(
    db: &sqlx::SqlitePool,
    slug: &str,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let seller: Option<(i64,)> = sqlx::query_as("SELECT id FROM sellers WHERE slug = ?")
        .bind(slug)
        .fetch_optional(db)
        .await?;
    let Some((seller,)) = seller else {
        return Ok(None);
    };
    let token = random_id();
    sqlx::query("INSERT INTO seller_invites (token_hash, seller_id, expires_at) VALUES (?, ?, ?)")
        .bind(auth::token_hash(&token))
        .bind(seller)
        .bind(now + INVITE_SECONDS)
        .execute(db)
        .await?;
    Ok(Some(token))
}

/// The dashboard's page that sets a password with `token`, in the seller's `language`. The
/// token is in the fragment, which browsers send to no server and put in no `Referer`.
pub fn set_password_link(origin: &str, language: &str, token: &str) -> String {
    let locale = domain::Locale::from_tag(language).unwrap_or_default();
    format!(
        "{}/{}/seller/password#token={token}",
        origin.trim_end_matches('/'),
        locale.tag()
    )
}

/// The signed-in seller's store profile: the draft and what buyers see.
#[utoipa::path(
    get,
    path = "/v1/seller/store",
    tag = "sellers",
    responses(
        (status = 200, description = "The draft and the published profile", body = StoreProfileState),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_store(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Json<StoreProfileState>, AppError> {
    Ok(Json(store::store_state(&state.db, seller.id).await?))
}

/// Publish the store: the profile's draft and every product text draft; buyers see them from
/// now on, with the rewritten texts machine-translated into the other languages where a
/// provider is configured.
#[utoipa::path(
    post,
    path = "/v1/seller/store/publish",
    tag = "sellers",
    params(("X-CSRF-Token" = String, Header, description = "The session's CSRF token")),
    responses(
        (status = 200, description = "Published", body = StoreProfileState),
        (status = 401, description = "Not signed in (`not_signed_in`)", body = domain::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token (`csrf_failed`)", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    seller: Seller,
) -> Result<Json<StoreProfileState>, AppError> {
    // The profile and every product text draft go before buyers together, or none does; the
    // draft is read inside the transaction, so a draft saved meanwhile is published whole or
    // not at all. Without a saved draft the published profile stays as it is.
    // Machine translations of the rewritten originals first, outside the transaction.
    let (made, store_made) = tokio::join!(
        products::translate_originals(&state, seller.id),
        store_texts::translate(&state, seller.id)
    );
    let (made, store_made) = (made?, store_made?);
    let mut tx = state.db.begin().await?;
    store::publish_parts(&mut tx, seller.id).await?;
    store_texts::apply(&mut tx, seller.id, &store_made).await?;
    let products = products::publish_texts(&mut tx, seller.id, &made).await?;
    history::record(&mut tx, seller.id, None).await?;
    tx.commit().await?;
    tracing::info!(target: "sellers", seller = %seller.slug, products, "store published");
    Ok(Json(store::store_state(&state.db, seller.id).await?))
}

/// A store as buyers see it: the seller's card, its published profile, where it ships from.
#[utoipa::path(
    get,
    path = "/v1/sellers/{slug}",
    tag = "sellers",
    params(
        ("slug" = String, Path, description = "The seller's slug"),
        ("locale" = Option<String>, Query, description = "Language of product titles and the warehouses' cities; default: the browser's"),
        ("currency" = Option<String>, Query, description = "The buyer's currency: featured products then carry `converted`, as in a listing. Unknown or unoffered → 400 naming `currency`."),
        ("country" = Option<String>, Query, description = "Where the buyer ships to (one of the store's destinations): `profile.return_policy` is then the seller's policy for that country where it wrote one (`returns_country`). Any other → 400 naming `country`."),
    ),
    responses(
        (status = 200, description = "The store, with its featured products and the campaign live now", body = domain::seller::Storefront),
        (status = 400, description = "An unknown or unoffered `currency`, or a `country` that is not a destination", body = domain::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No seller has this slug", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_storefront(
    State(state): State<AppState>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: HeaderMap,
) -> Result<Json<domain::seller::Storefront>, AppError> {
    let Asked {
        locale,
        currency,
        country,
    } = asked(&state, query.as_deref(), &headers)?;
    storefront::storefront(
        &state,
        &slug,
        locale,
        currency,
        country,
        storefront::Shown::Published,
    )
    .await?
    .map(Json)
    .ok_or(AppError::NotFound)
}

/// A store's market as a request asks for it: the language of its texts, the currency of its
/// prices and where it ships to.
pub(crate) struct Asked {
    pub(crate) locale: domain::Locale,
    pub(crate) currency: Option<domain::Currency>,
    pub(crate) country: Option<&'static str>,
}

/// The market `query` (and `Accept-Language`) asks for; an unknown currency or a country the
/// store does not ship to → 400.
pub(crate) fn asked(
    state: &AppState,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Asked, AppError> {
    Ok(Asked {
        locale: crate::http::error::locale_of(query, headers),
        currency: crate::products::currency_param(query, &state.fx)
            .map_err(|bad| AppError::InvalidParameters(vec![bad]))?,
        country: country_param(query)?,
    })
}

/// The query's `country`: one of the store's destinations, or none; any other → 400.
pub(crate) fn country_param(query: Option<&str>) -> Result<Option<&'static str>, AppError> {
    let country = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "country")
            .map(|(_, v)| v.trim().to_ascii_uppercase())
    });
    match country.filter(|c| !c.is_empty()) {
        None => Ok(None),
        Some(code) => domain::shipping::DESTINATIONS
            .into_iter()
            .find(|d| *d == code)
            .map(Some)
            .ok_or_else(|| {
                AppError::InvalidParameters(vec![InvalidField {
                    field: "country".into(),
                    reason: Reason::OneOf(crate::http::error::destination_list()),
                }])
            }),
    }
}

/// The seller routes, behind the session middleware; sign-in has its own per-client limit.
pub fn routes(state: &AppState) -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::UtoipaMethodRouterExt;
    let mut sign_in_route = utoipa_axum::routes!(sign_in, get_session, sign_out);
    if let Some(limiter) = &state.limiters.sign_ins {
        // Only POST counts: the limiter's methods (reading the session is not limited).
        sign_in_route = sign_in_route.layer(crate::http::limits::layer(limiter));
    }
    utoipa_axum::router::OpenApiRouter::new()
        .routes(sign_in_route)
        .routes(utoipa_axum::routes!(sign_out_everywhere))
        .routes(utoipa_axum::routes!(set_password))
        .routes(utoipa_axum::routes!(get_store))
        .routes(utoipa_axum::routes!(store::put_draft))
        .routes(utoipa_axum::routes!(store::put_featured))
        .routes(utoipa_axum::routes!(store::put_campaigns))
        .routes(utoipa_axum::routes!(crate::web::uploads::upload))
        .routes(utoipa_axum::routes!(publish))
        .routes(utoipa_axum::routes!(products::list_products))
        .routes(utoipa_axum::routes!(products::get_product))
        .routes(utoipa_axum::routes!(products::put_text))
        .routes(utoipa_axum::routes!(
            preview::create_link,
            preview::list_links
        ))
        .routes(utoipa_axum::routes!(preview::revoke_link))
        .routes(utoipa_axum::routes!(history::list))
        .routes(utoipa_axum::routes!(history::restore))
        .routes(utoipa_axum::routes!(history::changes))
        // A preview is the seller's (its session) or a share link's (its token).
        .routes(utoipa_axum::routes!(preview::get_scope))
        .routes(utoipa_axum::routes!(preview::get_store))
        .routes(utoipa_axum::routes!(preview::get_store_page))
        .routes(utoipa_axum::routes!(preview::get_product))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        // Public, cacheable, and never carrying a session's cookie.
        .routes(utoipa_axum::routes!(get_storefront))
}
