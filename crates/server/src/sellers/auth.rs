//! Who a seller request comes from: passwords (argon2id), sessions in an `HttpOnly` cookie with
//! rotation and expiry, and the CSRF check of every cookie-authenticated write.
//!
//! - A session's cookie holds 128 random bits; the database keeps only their SHA-256, so a copy
//!   of the table signs nobody in. The cookie is `HttpOnly; SameSite=Lax; Path=/`, with
//!   `Secure` and the `__Host-` prefix when the store is served over HTTPS.
//! - A session ends [`IDLE_SECONDS`] after its last use and [`ABSOLUTE_SECONDS`] after sign-in,
//!   whichever comes first. Its token is replaced after [`ROTATE_SECONDS`] of use (the old one
//!   answers for [`GRACE_SECONDS`] more, for requests already on their way).
//! - Every write made with the cookie carries the session's CSRF token in `X-CSRF-Token`, and
//!   no seller write is taken from another site (`Sec-Fetch-Site: cross-site`) or in another
//!   type than JSON (which a plain form cannot send).

use crate::clock::{random_id, rfc3339, unix_now};
use crate::http::error::AppError;
use crate::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

/// A session unused this long has ended.
pub const IDLE_SECONDS: i64 = 12 * 60 * 60;
/// A session ends this long after sign-in, however used.
pub const ABSOLUTE_SECONDS: i64 = 7 * 24 * 60 * 60;
/// A token older than this is replaced on its next use.
pub const ROTATE_SECONDS: i64 = 15 * 60;
/// How long a replaced token still answers.
pub const GRACE_SECONDS: i64 = 60;
/// The header a write's CSRF token comes in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in seller of a request. Extracting it refuses a request without a valid session
/// (401) and a write without the session's CSRF token (403).
#[derive(Debug, Clone)]
pub struct Seller {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub language: String,
    pub csrf_token: String,
    pub expires_at: i64,
    /// The SHA-256 of this request's token (sign-out ends this session).
    pub token_hash: String,
}

/// A token that replaced the request's, for the response's cookie.
#[derive(Clone)]
struct Rotated(String, i64);

/// The SHA-256 of a token, as hex.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Equal strings, in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The cookie's name: `__Host-` prefixed over HTTPS, where browsers then insist on `Secure`,
/// `Path=/` and no `Domain`.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-store_session"
    } else {
        "store_session"
    }
}

/// The `Set-Cookie` value carrying `token` until `expires_at` (`None`: clears the cookie).
pub fn session_cookie(secure: bool, token: Option<&str>, max_age: i64) -> HeaderValue {
    let name = cookie_name(secure);
    let value = match token {
        Some(token) => format!(
            "{name}={token}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{}",
            max_age.max(0),
            if secure { "; Secure" } else { "" }
        ),
        None => format!(
            "{name}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax{}",
            if secure { "; Secure" } else { "" }
        ),
    };
    // Tokens are hex: the value is always a valid header.
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("store_session=; Max-Age=0"))
}

fn cookie_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn secure(state: &AppState) -> bool {
    state.public_url.starts_with("https://")
}

/// Starts a session for `seller_id` at `now`: its cookie's token and its CSRF token.
pub async fn start_session(
    state: &AppState,
    seller_id: i64,
    now: i64,
) -> Result<(String, String, i64), AppError> {
    let token = random_id();
    let csrf = random_id();
    let expires_at = now + IDLE_SECONDS;
    sqlx::query(
        "INSERT INTO seller_sessions (token_hash, seller_id, csrf_token, signed_in_at, issued_at, \
         expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(seller_id)
    .bind(&csrf)
    .bind(now)
    .bind(now)
    .bind(expires_at)
    .execute(&state.db)
    .await?;
    Ok((token, csrf, expires_at))
}

/// The `Set-Cookie` header of a new session's token.
pub fn set_cookie(state: &AppState, token: &str, expires_at: i64, now: i64) -> HeaderValue {
    session_cookie(secure(state), Some(token), expires_at - now)
}

/// The `Set-Cookie` header that clears the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderValue {
    session_cookie(secure(state), None, 0)
}

/// Middleware on the seller routes: finds the request's session (extended and, when due,
/// given a new token), for [`Seller`] to extract; clears a cookie that names no session.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let now = unix_now();
    let token = cookie_token(req.headers(), secure(&state));
    let mut rotated = None;
    let mut stale = false;
    if let Some(token) = &token {
        match session(&state, token, now).await {
            Ok(Some((seller, replace))) => {
                if replace {
                    match rotate(&state, &seller, now).await {
                        Ok(new) => rotated = Some(Rotated(new, seller.expires_at)),
                        Err(err) => tracing::warn!(error = %err, "session token not rotated"),
                    }
                }
                req.extensions_mut().insert(seller);
            }
            Ok(None) => stale = true,
            Err(err) => tracing::error!(error = %err, "session lookup failed"),
        }
    }
    let mut response = next.run(req).await;
    // A handler that set its own cookie (sign-in, sign-out) has the last word.
    let own_cookie = response.headers().contains_key(header::SET_COOKIE);
    if !own_cookie {
        if let Some(Rotated(token, expires_at)) = rotated {
            response.headers_mut().insert(
                header::SET_COOKIE,
                set_cookie(&state, &token, expires_at, now),
            );
        } else if stale {
            response
                .headers_mut()
                .insert(header::SET_COOKIE, clear_cookie(&state));
        }
    }
    // A response that sets a cookie is this client's alone: no cache may keep it.
    if response.headers().contains_key(header::SET_COOKIE) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    slug: String,
    name: String,
    language: String,
    csrf_token: String,
    signed_in_at: i64,
    issued_at: i64,
    expires_at: i64,
    replaced: i64,
}

/// The live session of `token` at `now`, extended, and whether its token is due for
/// replacement.
async fn session(
    state: &AppState,
    token: &str,
    now: i64,
) -> Result<Option<(Seller, bool)>, sqlx::Error> {
    let hash = token_hash(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT s.seller_id AS id, l.slug, l.name, l.language, s.csrf_token, s.signed_in_at, \
         s.issued_at, s.expires_at, s.replaced FROM seller_sessions s \
         JOIN sellers l ON l.id = s.seller_id \
         WHERE s.token_hash = ? AND s.expires_at > ? AND s.signed_in_at > ?",
    )
    .bind(&hash)
    .bind(now)
    .bind(now - ABSOLUTE_SECONDS)
    .fetch_optional(&state.db)
    .await?;
    let Some(SessionRow {
        id,
        slug,
        name,
        language,
        csrf_token,
        signed_in_at,
        issued_at,
        expires_at,
        replaced,
    }) = row
    else {
        return Ok(None);
    };
    let replaced = replaced == 1;
    let mut expires_at = expires_at;
    // Each use extends the idle deadline, up to the week; written at most every 5 minutes.
    let extended = (now + IDLE_SECONDS).min(signed_in_at + ABSOLUTE_SECONDS);
    if !replaced && extended - expires_at >= 300 {
        // Never a replaced token: a request that read the row before another replaced it must
        // not give the old token its 12 hours back.
        sqlx::query(
            "UPDATE seller_sessions SET expires_at = ? WHERE token_hash = ? AND replaced = 0",
        )
        .bind(extended)
        .bind(&hash)
        .execute(&state.db)
        .await?;
        expires_at = extended;
    }
    let seller = Seller {
        id,
        slug,
        name,
        language,
        csrf_token,
        expires_at,
        token_hash: hash,
    };
    Ok(Some((
        seller,
        !replaced && now - issued_at >= ROTATE_SECONDS,
    )))
}

/// Replaces `seller`'s token: a new row with the same sign-in and CSRF token; the old one
/// answers for [`GRACE_SECONDS`]. Only one request replaces a token (the `replaced = 0` guard).
async fn rotate(state: &AppState, seller: &Seller, now: i64) -> Result<String, sqlx::Error> {
    let token = random_id();
    let mut tx = state.db.begin().await?;
    let taken = sqlx::query(
        "UPDATE seller_sessions SET replaced = 1, expires_at = min(expires_at, ?) \
         WHERE token_hash = ? AND replaced = 0",
    )
    .bind(now + GRACE_SECONDS)
    .bind(&seller.token_hash)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if taken == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    sqlx::query(
        "INSERT INTO seller_sessions (token_hash, seller_id, csrf_token, signed_in_at, issued_at, \
         expires_at) SELECT ?, seller_id, csrf_token, signed_in_at, ?, ? FROM seller_sessions \
         WHERE token_hash = ?",
    )
    .bind(token_hash(&token))
    .bind(now)
    .bind(seller.expires_at)
    .bind(&seller.token_hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Refuses a seller write from another site, or with a body a plain HTML form could send.
pub fn same_site_json(headers: &HeaderMap) -> Result<(), AppError> {
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if cross_site || !json {
        return Err(AppError::CsrfFailed);
    }
    Ok(())
}

impl FromRequestParts<AppState> for Seller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Seller, AppError> {
        let seller = parts
            .extensions
            .get::<Seller>()
            .cloned()
            .ok_or(AppError::NotSignedIn)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let token = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let cross_site = parts
                .headers
                .get("sec-fetch-site")
                .is_some_and(|v| v.as_bytes() == b"cross-site");
            if cross_site || !same(token, &seller.csrf_token) {
                return Err(AppError::CsrfFailed);
            }
        }
        Ok(seller)
    }
}

/// The session as the dashboard sees it.
pub fn session_info(seller: &Seller) -> domain::seller::SellerSession {
    domain::seller::SellerSession {
        seller: seller.slug.clone(),
        name: seller.name.clone(),
        language: seller.language.clone(),
        csrf_token: seller.csrf_token.clone(),
        expires_at: rfc3339(seller.expires_at),
    }
}

/// An argon2id hash (the crate's defaults: 19 MiB, 2 passes, OWASP's recommendation) of
/// `password` with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| AppError::Internal(format!("random salt: {e}")))?;
    let salt =
        SaltString::encode_b64(&salt).map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hash: {e}")))
}

/// Whether `password` matches `hash`. With no hash (an unknown email, or an account without a
/// password), a dummy hash is checked all the same, so the answer takes as long.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("a password nobody has").unwrap_or_default());
    let (hash, real) = match hash {
        Some(h) => (h, true),
        None => (DUMMY.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("correct horse batterz", Some(&hash)));
        assert!(!verify_password("correct horse battery", None));
        assert!(!verify_password("x", Some("not a hash")));
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_with_its_prefix_over_https() {
        let plain = session_cookie(false, Some("ab"), 60);
        assert_eq!(
            plain,
            "store_session=ab; Max-Age=60; Path=/; HttpOnly; SameSite=Lax"
        );
        let tls = session_cookie(true, Some("ab"), 60);
        assert_eq!(
            tls,
            "__Host-store_session=ab; Max-Age=60; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
        assert!(session_cookie(false, None, 0)
            .to_str()
            .unwrap_or("")
            .contains("Max-Age=0"));
    }

    #[test]
    fn only_a_well_formed_token_is_read_from_the_cookie_header() {
        let token = "0123456789abcdef0123456789abcdef";
        let headers = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::COOKIE, HeaderValue::from_str(v).expect("header"));
            h
        };
        assert_eq!(
            cookie_token(&headers(&format!("a=b; store_session={token}")), false).as_deref(),
            Some(token)
        );
        assert_eq!(
            cookie_token(&headers("store_session=../../etc"), false),
            None
        );
        assert_eq!(
            cookie_token(&headers(&format!("store_session={token}")), true),
            None
        );
    }

    #[test]
    fn strings_are_compared_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
