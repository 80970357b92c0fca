//! `GET /api/v1/ui-texts/{locale}`: the app's UI texts for one locale.
//!
//! The app shell arrives with the buyer's locale inlined (see `app_shell`); the app asks here
//! when the buyer switches to another language.

use crate::http::error::{AppError, InvalidField, Reason};
use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use domain::Locale;

/// Every UI text of a locale as one JSON array of slots (`ui_texts::Texts::to_json`): the
/// plain texts in the order of `Texts::PLAIN_KEYS`, then six slots per plural text (the CLDR
/// categories zero, one, two, few, many, other; `null` for a form the locale does not use).
#[utoipa::path(
    get,
    path = "/v1/ui-texts/{locale}",
    tag = "app",
    params(("locale" = String, Path, description = "One of the shipped locales: en, zh-CN, ja, ko, th, vi, id, ms, es, ru, tr, ar")),
    responses(
        (status = 200, description = "The locale's UI texts, by position", body = Vec<Option<String>>),
        (status = 400, description = "Not a shipped locale; `errors` names `locale`", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_ui_texts(Path(tag): Path<String>) -> Result<Response, AppError> {
    let locale = shipped(&tag)?;
    Ok(texts_response(ui_texts::texts(locale).to_json(), locale))
}

/// The seller dashboard's texts of a locale, a JSON array in the order of
/// `ui_texts::SellerTexts::KEYS`: a set of their own, which buyers' pages never carry.
#[utoipa::path(
    get,
    path = "/v1/ui-texts/{locale}/seller",
    tag = "app",
    params(("locale" = String, Path, description = "One of the shipped locales")),
    responses(
        (status = 200, description = "The locale's seller dashboard texts, by position", body = Vec<String>),
        (status = 400, description = "Not a shipped locale; `errors` names `locale`", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_seller_texts(Path(tag): Path<String>) -> Result<Response, AppError> {
    let locale = shipped(&tag)?;
    Ok(texts_response(
        ui_texts::seller_texts(locale).to_json(),
        locale,
    ))
}

fn shipped(tag: &str) -> Result<Locale, AppError> {
    Locale::from_tag(tag)
        .filter(|l| l.tag().eq_ignore_ascii_case(tag))
        .ok_or_else(|| {
            AppError::InvalidParameters(vec![InvalidField {
                field: "locale".into(),
                reason: Reason::OneOf(crate::http::error::locale_list()),
            }])
        })
}

fn texts_response(json: String, locale: Locale) -> Response {
    let mut response = json.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.tag()),
    );
    // Texts change only with a deploy; an hour keeps language switches instant.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

/// `/v1/ui-texts/*`, with their OpenAPI operations.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<crate::state::AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(get_ui_texts))
        .routes(utoipa_axum::routes!(get_seller_texts))
}
