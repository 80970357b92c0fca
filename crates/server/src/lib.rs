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
pub mod housekeeping;
pub mod limits;
pub mod media;
pub mod messages;
pub mod openapi;
pub mod orders;
pub mod panics;
pub mod payments;
pub mod precompress;
pub mod products;
pub mod search_index;
pub mod search_text;
pub mod seed;
pub mod serve;
pub mod shipping;
pub mod static_files;
pub mod strict;
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
    /// Per-client limits and time limits (`STORE_RATE_*`, `STORE_*_SECONDS`).
    pub limits: limits::Limits,
    /// The rate limiters built from `limits`, shared with housekeeping.
    pub limiters: limits::Limiters,
    /// The origin buyers use (`STORE_PUBLIC_URL`); `https://` adds HSTS.
    pub public_url: std::sync::Arc<str>,
    /// Order attempts running now: shutdown waits for them (up to its deadline) before the
    /// database closes.
    pub orders_in_flight: std::sync::Arc<std::sync::atomic::AtomicUsize>,
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
            limiters: limits::Limiters::new(&limits::Limits::default()),
            limits: limits::Limits::default(),
            public_url: std::sync::Arc::from("http://127.0.0.1:8080"),
            orders_in_flight: std::sync::Arc::default(),
        })
    }

    /// The same state with other limits.
    pub fn with_limits(mut self, limits: limits::Limits) -> AppState {
        self.limiters = limits::Limiters::new(&limits);
        self.limits = limits;
        self
    }

    /// The same state answering for another public origin (`STORE_PUBLIC_URL`).
    pub fn with_public_url(mut self, url: &str) -> AppState {
        self.public_url = std::sync::Arc::from(url.trim_end_matches('/'));
        self
    }

    /// The same state charging through another provider (tests use a provider that waits).
    pub fn with_payments(
        mut self,
        provider: std::sync::Arc<dyn payments::PaymentProvider>,
    ) -> AppState {
        self.payments = provider;
        self
    }

    /// The same state with other conversion settings (spread, staleness, quote window).
    pub fn with_fx_settings(mut self, settings: fx::FxSettings) -> AppState {
        self.fx = std::sync::Arc::new(fx::FxStore::new(fx::Rates::embedded(), settings));
        self
    }
}

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
    let api = api.layer(axum::middleware::from_fn(private_by_default));
    let static_dir = state.static_dir.clone();
    let payments = state.payments.clone();
    let hsts = state.public_url.starts_with("https://");
    // Each health check writes: a flood of them is limited like searches.
    let mut health = get(healthz);
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
        .layer(axum::middleware::from_fn(error::localize_problems))
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

/// API paths whose GET answers are the same for every buyer (the catalog, texts, rates,
/// address forms): caches may keep them. Everything else may carry a cart token, an order's
/// key, an address or payment data.
const PUBLIC_API: [&str; 7] = [
    "/v1/products",
    "/v1/categories",
    "/v1/ui-texts/",
    "/v1/fx/rates",
    "/v1/address-formats/",
    "/v1/payment-methods",
    "/openapi.json",
];

/// `Cache-Control: no-store` on every API response that did not choose its own caching,
/// except public catalog reads.
async fn private_by_default(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let public = req.method() == axum::http::Method::GET
        && PUBLIC_API.iter().any(|p| req.uri().path().starts_with(p));
    let mut response = next.run(req).await;
    if !public || !response.status().is_success() {
        response
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    response
}

/// Liveness and readiness: 200 when the database takes a write, a 503 problem when it does
/// not (or does not answer within two seconds).
async fn healthz(State(state): State<AppState>) -> Result<impl IntoResponse, AppError> {
    let write = sqlx::query(
        "INSERT INTO health (id, checked_at) VALUES (1, ?) \
         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
    )
    .bind(fx::clock::unix_now())
    .execute(&state.db);
    match tokio::time::timeout(Duration::from_secs(2), write).await {
        Ok(Ok(_)) => Ok((
            [(header::CACHE_CONTROL, "no-store")],
            Json(serde_json::json!({ "status": "ok" })),
        )),
        Ok(Err(e)) => Err(AppError::Unavailable(e.to_string())),
        Err(_) => Err(AppError::Unavailable("database write timed out".into())),
    }
}
