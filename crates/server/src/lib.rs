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
pub mod health;
pub mod housekeeping;
pub mod http;
pub mod openapi;
pub mod orders;
pub mod payments;
pub mod products;
pub mod seed;
pub mod serve;
pub mod shipping;
pub mod state;
pub mod texts;
pub mod web;

use axum::error_handling::HandleErrorLayer;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::get;
use axum::Router;
use http::error::AppError;
use http::{limits, panics, telemetry};
use state::AppState;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;
use web::{media, static_files};

/// Request bodies larger than this are refused with 413 before a handler sees them.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole HTTP surface of the store.
pub fn app(state: AppState) -> Router {
    let mut listing = get(products::list_products);
    if let Some(searches) = &state.limiters.searches {
        listing = listing.layer(limits::layer(searches));
    }
    let mut lookup = get(orders::get_order);
    if let Some(lookups) = &state.limiters.lookups {
        lookup = lookup.layer(limits::layer(lookups));
    }
    let mut api = Router::new()
        .route("/v1/products", listing)
        .route("/v1/products/{slug}", get(products::get_product))
        .route("/v1/categories", get(products::list_categories))
        .route("/v1/ui-texts/{locale}", get(texts::get_ui_texts))
        .route("/v1/carts", axum::routing::post(carts::create_cart))
        .route(
            "/v1/carts/{token}",
            get(carts::get_cart)
                .patch(carts::patch_cart)
                .delete(carts::delete_cart),
        )
        .route(
            "/v1/carts/{token}/lines/{sku}",
            axum::routing::delete(carts::delete_line),
        )
        .route(
            "/v1/shipping/quotes",
            axum::routing::post(shipping::create_quote),
        )
        .route("/v1/shipping/quotes/{id}", get(shipping::get_quote))
        .route(
            "/v1/shipping/quotes/{id}/totals",
            axum::routing::post(shipping::quote_totals),
        )
        .route("/v1/address-formats/{country}", get(addresses::get_format))
        .route(
            "/v1/addresses/validate",
            axum::routing::post(addresses::validate_address),
        )
        .route("/v1/payment-methods", get(payments::payment_methods))
        .route("/v1/orders", axum::routing::post(orders::create_order))
        .route("/v1/orders/{number}", lookup)
        .route("/v1/fx/rates", get(fx::get_rates))
        .route("/v1/fx/quotes", axum::routing::post(fx::create_quote))
        .route("/v1/fx/quotes/{id}", get(fx::get_quote))
        .route("/openapi.json", get(openapi::openapi_json))
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
        .nest("/api", api)
        .with_state(state)
        .merge(static_files::router(&static_dir, payments))
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
