//! What every handler can reach: the database, the loaded indexes and tables, the providers
//! and the limits. Built once at start-up (`main.rs`) or per test.

use crate::fx::store::{FxSettings, FxStore, Rates};
use crate::http::limits;
use crate::orders::lookup::LookupGuard;
use crate::payments::provider::PaymentProvider;
use crate::payments::sandbox::Sandbox;
use crate::products::search_index::SearchIndex;
use crate::shipping::routes::load_routes;
use crate::web::pages::Pages;
use sqlx::SqlitePool;
use std::path::PathBuf;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: SqlitePool,
    pub static_dir: PathBuf,
    /// Filters, facet counts and sort keys of every product (see `search_index`).
    pub search: std::sync::Arc<SearchIndex>,
    /// Exchange rates and conversion settings.
    pub fx: std::sync::Arc<FxStore>,
    /// Every shipping route, generated from the warehouses at start-up.
    pub routes: std::sync::Arc<logistics::RouteTable>,
    /// The payment provider orders are charged through.
    pub payments: std::sync::Arc<dyn PaymentProvider>,
    /// The embedded sandbox provider (the default `payments`), whose page
    /// [`payments::sandbox::router`] serves on its own port.
    pub sandbox: std::sync::Arc<Sandbox>,
    /// Failed order lookups per number (see [`LookupGuard`]).
    pub lookups: std::sync::Arc<LookupGuard>,
    /// The translation provider sellers' texts go through (`STORE_TRANSLATE_URL`; none by
    /// default: buyers see the original, marked with its language).
    pub translator: std::sync::Arc<dyn crate::translate::Translator>,
    /// Where sellers' uploaded pictures are kept (`web::uploads`; files under
    /// `STORE_MEDIA_DIR` in `main.rs`, in memory otherwise).
    pub media: std::sync::Arc<dyn crate::web::media_store::MediaStore>,
    /// Failed seller sign-ins per email (the same guard as order lookups).
    pub sign_in_failures: std::sync::Arc<LookupGuard>,
    /// Per-client limits and time limits (`STORE_RATE_*`, `STORE_*_SECONDS`).
    pub limits: limits::Limits,
    /// The rate limiters built from `limits`, shared with housekeeping.
    pub limiters: limits::Limiters,
    /// The origin buyers use (`STORE_PUBLIC_URL`); `https://` adds HSTS.
    pub public_url: std::sync::Arc<str>,
    /// Which page paths exist (products and categories at start-up), for the shell's status.
    pub pages: std::sync::Arc<Pages>,
    /// Order attempts running now: shutdown waits for them (up to its deadline) before the
    /// database closes.
    pub orders_in_flight: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// The key preview links are signed with (`sellers::preview`): `STORE_PREVIEW_SECRET`,
    /// else one generated on the database's first start and kept in it.
    pub preview_secret: std::sync::Arc<[u8]>,
}

impl AppState {
    /// State over a prepared database: loads the listing index from it.
    pub async fn new(db: SqlitePool, static_dir: PathBuf) -> Result<AppState, sqlx::Error> {
        let search = std::sync::Arc::new(SearchIndex::load(&db).await?);
        let routes = std::sync::Arc::new(load_routes(&db).await?);
        let pages = std::sync::Arc::new(Pages::load(&db).await?);
        let sandbox = std::sync::Arc::new(Sandbox::new());
        let preview_secret = crate::secrets::stored(&db, "preview").await?;
        Ok(AppState {
            db,
            static_dir,
            search,
            routes,
            payments: sandbox.clone(),
            sandbox,
            lookups: std::sync::Arc::default(),
            sign_in_failures: std::sync::Arc::default(),
            translator: std::sync::Arc::new(crate::translate::NoTranslator),
            media: std::sync::Arc::new(crate::web::media_store::MemoryMediaStore::default()),
            fx: std::sync::Arc::new(FxStore::new(Rates::embedded(), FxSettings::default())),
            limiters: limits::Limiters::new(&limits::Limits::default()),
            limits: limits::Limits::default(),
            public_url: std::sync::Arc::from("http://127.0.0.1:8080"),
            orders_in_flight: std::sync::Arc::default(),
            pages,
            preview_secret,
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
    pub fn with_payments(mut self, provider: std::sync::Arc<dyn PaymentProvider>) -> AppState {
        self.payments = provider;
        self
    }

    /// The same state translating through another provider.
    pub fn with_translator(
        mut self,
        translator: std::sync::Arc<dyn crate::translate::Translator>,
    ) -> AppState {
        self.translator = translator;
        self
    }

    /// Signs preview links with `secret` (`STORE_PREVIEW_SECRET`) instead of the stored one:
    /// at least 32 characters, the same on every instance.
    pub fn with_preview_secret(mut self, secret: &str) -> Result<AppState, String> {
        if secret.len() < 32 {
            return Err("STORE_PREVIEW_SECRET must be at least 32 characters".into());
        }
        self.preview_secret = std::sync::Arc::from(secret.as_bytes());
        Ok(self)
    }

    /// The same state keeping uploaded pictures elsewhere.
    pub fn with_media(
        mut self,
        media: std::sync::Arc<dyn crate::web::media_store::MediaStore>,
    ) -> AppState {
        self.media = media;
        self
    }

    /// The same state with other conversion settings (spread, staleness, quote window).
    pub fn with_fx_settings(mut self, settings: FxSettings) -> AppState {
        self.fx = std::sync::Arc::new(FxStore::new(Rates::embedded(), settings));
        self
    }
}

impl axum::extract::FromRef<AppState> for limits::Limits {
    fn from_ref(state: &AppState) -> limits::Limits {
        state.limits.clone()
    }
}
