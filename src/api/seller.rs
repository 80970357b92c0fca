//! The seller dashboard's calls: the session (an `HttpOnly` cookie the browser sends; the
//! CSRF token it answers with goes in `X-CSRF-Token` on every write), the store's draft,
//! uploads, publication and product texts. Only the dashboard's split module calls these, so
//! their code stays out of buyers' pages.
//!
//! Every call names the dashboard's language (`?locale=`): the server's refusals come back in
//! it.

use super::http::{parse_js, read_json, refusal, segment, ApiError};
use domain::seller::{
    Campaigns, FeaturedProducts, NewPreviewLink, PreviewLink, PreviewLinks, PreviewScope,
    ProductTextInput, Publications, SellerProduct, SellerProductRef, SellerSession, SetPassword,
    SignIn, StoreChanges, StoreProfile, StoreProfileState,
};
use domain::{ImageRef, Locale, Problem};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

impl ApiError {
    /// Whether the seller is not (or no longer) signed in: the session expired, was ended
    /// on another device, or never began. A refused sign-in (also a 401) is not: it is said
    /// as the server words it.
    pub fn signed_out(&self) -> bool {
        matches!(self, ApiError::Server { status: 401, problem }
            if problem.as_ref().is_none_or(|p| p.code != "sign_in_failed"))
    }

    /// The server's explanation, when it sent one.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Server { problem, .. } => problem.as_ref(),
            _ => None,
        }
    }
}

/// A write in the signed-in seller's session.
#[derive(Clone, Copy)]
pub struct Writer<'a> {
    pub csrf: &'a str,
    pub locale: Locale,
}

fn path(locale: Locale, path: &str) -> String {
    format!("/api/v1/seller/{path}?locale={}", locale.tag())
}

async fn send<T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<JsValue>,
) -> Result<T, ApiError> {
    let builder = builder.header("Accept", "application/json");
    let sent = match body {
        Some(body) => {
            builder
                .body(body)
                .map_err(|_| ApiError::Unreachable)?
                .send()
                .await
        }
        None => builder.send().await,
    };
    read_json(sent.map_err(|_| ApiError::Unreachable)?).await
}

fn json(value: &impl serde::Serialize) -> Option<JsValue> {
    Some(JsValue::from_str(&super::http::json_body(value)))
}

fn write(builder: RequestBuilder, w: Writer<'_>) -> RequestBuilder {
    builder
        .header("X-CSRF-Token", w.csrf)
        .header("Content-Type", "application/json")
}

/// `GET /api/v1/seller/session`: the session this browser is signed in with, if any.
pub async fn session(locale: Locale) -> Result<Option<SellerSession>, ApiError> {
    match send(Request::get(&path(locale, "session")), None).await {
        Ok(session) => Ok(Some(session)),
        Err(e) if e.signed_out() => Ok(None),
        Err(e) => Err(e),
    }
}

/// `POST /api/v1/seller/session`: sign in.
pub async fn sign_in(input: &SignIn, locale: Locale) -> Result<SellerSession, ApiError> {
    let builder =
        Request::post(&path(locale, "session")).header("Content-Type", "application/json");
    send(builder, json(input)).await
}

/// `DELETE /api/v1/seller/session` (this device) or `/sessions` (every device).
pub async fn sign_out(w: Writer<'_>, everywhere: bool) -> Result<(), ApiError> {
    let which = if everywhere { "sessions" } else { "session" };
    match delete(w, which).await {
        // Already signed out: nothing to end.
        Err(ApiError::Server { status: 401, .. }) => Ok(()),
        other => other,
    }
}

/// A `DELETE` of `/api/v1/seller/{at}` in the seller's session.
async fn delete(w: Writer<'_>, at: &str) -> Result<(), ApiError> {
    let response = Request::delete(&path(w.locale, at))
        .header("X-CSRF-Token", w.csrf)
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(())
    } else {
        Err(refusal(response).await)
    }
}

/// `POST /api/v1/seller/password`: a password set with a one-time link's token.
pub async fn set_password(input: &SetPassword, locale: Locale) -> Result<(), ApiError> {
    let response = Request::post(&path(locale, "password"))
        .header("Content-Type", "application/json")
        .body(super::http::json_body(input))
        .map_err(|_| ApiError::Unreachable)?
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if response.ok() {
        Ok(())
    } else {
        Err(refusal(response).await)
    }
}

/// `GET /api/v1/seller/store`: the draft and what buyers see.
pub async fn store(locale: Locale) -> Result<StoreProfileState, ApiError> {
    send(Request::get(&path(locale, "store")), None).await
}

/// `PUT /api/v1/seller/store/draft`.
pub async fn save_profile(
    w: Writer<'_>,
    profile: &StoreProfile,
) -> Result<StoreProfileState, ApiError> {
    send(
        write(Request::put(&path(w.locale, "store/draft")), w),
        json(profile),
    )
    .await
}

/// `PUT /api/v1/seller/store/featured`.
pub async fn save_featured(
    w: Writer<'_>,
    featured: &FeaturedProducts,
) -> Result<StoreProfileState, ApiError> {
    send(
        write(Request::put(&path(w.locale, "store/featured")), w),
        json(featured),
    )
    .await
}

/// `PUT /api/v1/seller/store/campaigns`.
pub async fn save_campaigns(
    w: Writer<'_>,
    campaigns: &Campaigns,
) -> Result<StoreProfileState, ApiError> {
    send(
        write(Request::put(&path(w.locale, "store/campaigns")), w),
        json(campaigns),
    )
    .await
}

/// `POST /api/v1/seller/store/publish`.
pub async fn publish(w: Writer<'_>) -> Result<StoreProfileState, ApiError> {
    send(
        write(Request::post(&path(w.locale, "store/publish")), w),
        None,
    )
    .await
}

/// Which picture an upload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Logo,
    Banner,
}

/// `POST /api/v1/seller/images/{kind}`: the file (a `File` from an input) as it is; the server reads its type from
/// its content, re-encodes it and answers with where it is served.
pub async fn upload(w: Writer<'_>, kind: ImageKind, file: JsValue) -> Result<ImageRef, ApiError> {
    let kind = match kind {
        ImageKind::Logo => "images/logo",
        ImageKind::Banner => "images/banner",
    };
    let builder = Request::post(&path(w.locale, kind))
        .header("X-CSRF-Token", w.csrf)
        .header("Content-Type", "application/octet-stream");
    send(builder, Some(file)).await
}

/// `GET /api/v1/seller/products`: the seller's products, best-selling first.
pub async fn products(locale: Locale) -> Result<Vec<SellerProductRef>, ApiError> {
    send(Request::get(&path(locale, "products")), None).await
}

/// `GET /api/v1/seller/products/{slug}`: one product's texts in every language.
pub async fn product(locale: Locale, slug: &str) -> Result<SellerProduct, ApiError> {
    let at = format!("products/{}", segment(slug));
    send(Request::get(&path(locale, &at)), None).await
}

/// `PUT /api/v1/seller/products/{slug}/texts/{language}`: the seller's text in `language`.
pub async fn save_text(
    w: Writer<'_>,
    slug: &str,
    language: Locale,
    text: &ProductTextInput,
) -> Result<SellerProduct, ApiError> {
    let at = format!("products/{}/texts/{}", segment(slug), language.tag());
    send(write(Request::put(&path(w.locale, &at)), w), json(text)).await
}

/// Why a preview cannot be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviewRefused {
    /// The link expired or was withdrawn (410).
    Gone,
    /// The link was altered or is no link (403), or there is neither a link nor a session.
    Invalid,
    /// The store could not be reached, or failed.
    Failed,
}

/// `GET /api/v1/preview?locale=…`: whose draft the preview shows — the signed-in seller's, or
/// the share link's whose `token` is given — and, for a link, its market and end.
pub async fn preview_scope(
    token: Option<&str>,
    locale: Locale,
) -> Result<PreviewScope, PreviewRefused> {
    let mut builder = Request::get(&format!("/api/v1/preview?locale={}", locale.tag()));
    if let Some(token) = token {
        builder = builder.header("X-Preview-Token", token);
    }
    send(builder, None).await.map_err(|e| match e {
        ApiError::Server { status: 410, .. } => PreviewRefused::Gone,
        ApiError::Server {
            status: 401 | 403, ..
        } => PreviewRefused::Invalid,
        _ => PreviewRefused::Failed,
    })
}

/// `GET /api/v1/seller/preview-links`: the store's share links, newest first.
pub async fn preview_links(locale: Locale) -> Result<PreviewLinks, ApiError> {
    send(Request::get(&path(locale, "preview-links")), None).await
}

/// `POST /api/v1/seller/preview-links`: a new share link.
pub async fn create_link(w: Writer<'_>, link: &NewPreviewLink) -> Result<PreviewLink, ApiError> {
    send(
        write(Request::post(&path(w.locale, "preview-links")), w),
        json(link),
    )
    .await
}

/// `DELETE /api/v1/seller/preview-links/{id}`: the link opens nothing from now on.
pub async fn revoke_link(w: Writer<'_>, id: &str) -> Result<(), ApiError> {
    delete(w, &format!("preview-links/{}", segment(id))).await
}

/// `GET /api/v1/seller/publications`: the store's last publications, newest first.
pub async fn publications(locale: Locale) -> Result<Publications, ApiError> {
    send(Request::get(&path(locale, "publications")), None).await
}

/// `POST /api/v1/seller/publications/{number}/restore`: publishes that copy again.
pub async fn restore(w: Writer<'_>, number: u32) -> Result<StoreProfileState, ApiError> {
    let at = format!("publications/{number}/restore");
    send(write(Request::post(&path(w.locale, &at)), w), None).await
}

/// `GET /api/v1/seller/store/changes`: what publishing now would change for buyers.
pub async fn changes(locale: Locale) -> Result<StoreChanges, ApiError> {
    send(Request::get(&path(locale, "store/changes")), None).await
}

/// `GET /api/v1/ui-texts/{locale}/seller`: the dashboard's texts, a JSON array by position.
pub async fn seller_texts(locale: Locale) -> Result<JsValue, ApiError> {
    let response = Request::get(&format!("/api/v1/ui-texts/{}/seller", locale.tag()))
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Unreachable)?;
    if !response.ok() {
        return Err(refusal(response).await);
    }
    parse_js(response).await
}
