//! The storefront server: the JSON API under `/api`, generated media under `/media`, and the
//! built single-page app for every other path, all on one origin.
//!
//! **Architecture Invariant:** every route is assembled in [`app`], so tests exercise exactly
//! what production serves, in-process and without a port.

pub mod addresses;
pub mod carts;
pub mod clock;
pub mod config;
pub mod db;
pub mod fx;
pub mod heads;
pub mod health;
pub mod housekeeping;
pub mod http;
pub mod openapi;
pub mod orders;
pub mod payments;
pub mod products;
pub mod secrets;
pub mod seed;
pub mod sellers;
pub mod serve;
pub mod shipping;
pub mod state;
pub mod texts;
pub mod translate;
pub mod web;

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::{Json, Router};
use http::error::AppError;
use http::{limits, panics, telemetry};
use state::AppState;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use web::{media, static_files};

/// Request bodies larger than this are refused with 413 before a handler sees them.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole HTTP surface of the store.
pub fn app(state: AppState) -> Router {
    // Each resource brings its routes with their OpenAPI operations: a path is written once,
    // in its handler's `#[utoipa::path]`.
    let (api, doc) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .merge(products::routes(&state.limiters))
        .merge(texts::routes())
        .merge(fx::routes())
        .merge(carts::routes())
        .merge(shipping::routes())
        .merge(addresses::routes())
        .merge(payments::routes())
        .merge(orders::routes(&state.limiters))
        .merge(sellers::routes(&state))
        .split_for_parts();
    let offered = state.fx.offered();
    let currencies: Vec<&str> = offered.iter().map(|c| c.code()).collect();
    let doc = std::sync::Arc::new(openapi::to_json(&openapi::finish(doc, &currencies)));
    let mut api = api
        .route(
            "/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { Json(doc) }
            }),
        )
        .fallback(|| async { AppError::NotFound })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
                    AppError::Timeout
                }))
                .timeout(state.limits.api_timeout),
        );
    if let Some(writes) = &state.limiters.writes {
        api = api.layer(limits::layer(writes));
    }
    let api = api.layer(axum::middleware::from_fn(http::private_by_default));
    let static_dir = state.static_dir.clone();
    let payments = state.payments.clone();
    let pages = state.pages.clone();
    let public_url = state.public_url.clone();
    let origin = state.public_url.clone();
    let head = heads::head(state.clone(), origin.clone());
    let hsts = state.public_url.starts_with("https://");
    // Each health check writes: a flood of them is limited like searches.
    let mut health = get(health::healthz);
    if let Some(searches) = &state.limiters.searches {
        health = health.layer(limits::layer(searches));
    }
    let router = Router::new()
        .route("/healthz", health)
        .route("/media/products/{file}", get(media::product_image))
        .route("/media/products/{slug}/{file}", get(media::product_view))
        .route("/media/u/{key}", get(web::uploads::serve))
        .nest("/api", api)
        .with_state(state)
        .merge(web::seo::router(public_url, pages.clone()))
        .merge(static_files::router(
            &static_dir,
            payments,
            pages,
            head,
            origin,
        ))
        // Dynamic responses (JSON, SVG) are compressed on the fly at a fast level; static files
        // already carry a Content-Encoding from their precompressed copies and are left alone.
        .layer(axum::middleware::from_fn(http::error::localize_problems))
        .layer(axum::middleware::from_fn(panics::catch_panics))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ));
    let router = if hsts {
        // Served over HTTPS (behind a proxy that terminates TLS): browsers keep to it.
        router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        router
    };
    router
        .layer(telemetry::request_layers())
        .layer(axum::middleware::map_request(
            telemetry::drop_unsafe_request_id,
        ))
}
