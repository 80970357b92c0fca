//! The storefront server: the JSON API under `/api`, generated media under `/media`, and the
//! built single-page app for every other path, all on one origin.
//!
//! **Architecture Invariant:** every route is assembled in [`app`], so tests exercise exactly
//! what production serves, in-process and without a port.

pub mod addresses;
pub mod app_shell;
pub mod carts;
pub mod config;
pub mod db;
pub mod error;
pub mod fx;
pub mod media;
pub mod messages;
pub mod openapi;
pub mod orders;
pub mod payments;
pub mod precompress;
pub mod products;
pub mod search_index;
pub mod search_text;
pub mod seed;
pub mod shipping;
pub mod static_files;
pub mod telemetry;
pub mod texts_api;

use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use error::AppError;
use sqlx::SqlitePool;
use std::path::PathBuf;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::set_header::SetResponseHeaderLayer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub static_dir: PathBuf,
    /// Filters, facet counts and sort keys of every product (see `search_index`).
    pub search: std::sync::Arc<search_index::SearchIndex>,
    /// Exchange rates and conversion settings.
    pub fx: std::sync::Arc<fx::FxStore>,
    /// Every shipping route, generated from the warehouses at start-up.
    pub routes: std::sync::Arc<logistics::RouteTable>,
    /// The payment provider orders are charged through.
    pub payments: std::sync::Arc<dyn payments::PaymentProvider>,
    /// The embedded sandbox provider (the default `payments`), whose page
    /// [`payments::sandbox::router`] serves on its own port.
    pub sandbox: std::sync::Arc<payments::sandbox::Sandbox>,
    /// Failed order lookups per number (see [`orders::LookupGuard`]).
    pub lookups: std::sync::Arc<orders::LookupGuard>,
}

impl AppState {
    /// State over a prepared database: loads the listing index from it.
    pub async fn new(db: SqlitePool, static_dir: PathBuf) -> Result<AppState, sqlx::Error> {
        let search = std::sync::Arc::new(search_index::SearchIndex::load(&db).await?);
        let routes = std::sync::Arc::new(shipping::load_routes(&db).await?);
        let sandbox = std::sync::Arc::new(payments::sandbox::Sandbox::new());
        Ok(AppState {
            db,
            static_dir,
            search,
            routes,
            payments: sandbox.clone(),
            sandbox,
            lookups: std::sync::Arc::default(),
            fx: std::sync::Arc::new(fx::FxStore::new(
                fx::Rates::embedded(),
                fx::FxSettings::default(),
            )),
        })
    }

    /// The same state with other conversion settings (spread, staleness, quote window).
    pub fn with_fx_settings(mut self, settings: fx::FxSettings) -> AppState {
        self.fx = std::sync::Arc::new(fx::FxStore::new(fx::Rates::embedded(), settings));
        self
    }
}

/// Request bodies larger than this are refused with 413 before a handler sees them.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// An API request that takes longer than this is answered with a 504 problem; a buyer on a
/// phone is better served by a quick, clear failure and a retry button than by a spinner.
pub const API_TIMEOUT: Duration = Duration::from_secs(10);

/// The whole HTTP surface of the store.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/v1/products", get(products::list_products))
        .route("/v1/products/{slug}", get(products::get_product))
        .route("/v1/categories", get(products::list_categories))
        .route("/v1/ui-texts/{locale}", get(texts_api::get_ui_texts))
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
        .route("/v1/orders/{number}", get(orders::get_order))
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
                .timeout(API_TIMEOUT),
        );
    let static_dir = state.static_dir.clone();
    let payments = state.payments.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/media/products/{file}", get(media::product_image))
        .route("/media/products/{slug}/{file}", get(media::product_view))
        .nest("/api", api)
        .with_state(state)
        .merge(static_files::router(&static_dir, payments))
        // Dynamic responses (JSON, SVG) are compressed on the fly at a fast level; static files
        // already carry a Content-Encoding from their precompressed copies and are left alone.
        .layer(axum::middleware::from_fn(error::localize_problems))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(telemetry::request_layers())
}

/// Liveness and readiness: 200 when the database answers, a 503 problem when it does not.
async fn healthz(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    sqlx::query("SELECT 1")
        .execute(&state.db)
        .await
        .map_err(|e| AppError::Unavailable(e.to_string()))?;
    Ok(Json(serde_json::json!({ "status": "ok" })))
}
