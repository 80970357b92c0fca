use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use server::state::AppState;
use server::{app, db};
use tempfile::TempDir;
use tower::ServiceExt;

/// A store on a fresh database and a fake built app, called in-process.
pub struct TestApp {
    pub router: Router,
    pub dir: TempDir,
    /// The sandbox payment provider the store charges (tokens and recorded charges).
    pub sandbox: std::sync::Arc<server::payments::sandbox::Sandbox>,
    /// The state the router serves (its database pool, provider, limits).
    pub state: AppState,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// A stand-in for trunk's `dist`: an HTML shell with trunk's kind of inline start-up script,
/// and one content-hashed script.
pub const INDEX_HTML: &str = "<!doctype html><html><head><title>Store</title>\
    <script type=\"module\">\nimport init from '/storefront-0123456789abcdef.js';\nawait init();\n</script>\
    </head><body></body></html>";
/// `INDEX_HTML`'s inline script as a CSP source: `printf` its text `| openssl sha256 -binary |
/// base64`.
pub const INLINE_SCRIPT_SOURCE: &str = "'sha256-Khpwbq1D9fdHGStZwJbQYNE3law7Fw4GKFAIWZJeOjc='";
pub const HASHED_JS: &str = "storefront-0123456789abcdef.js";

/// A database file seeded once per test run, closed (so fully checkpointed) before copying.
async fn seeded_template() -> &'static std::path::Path {
    static TEMPLATE: tokio::sync::OnceCell<TempDir> = tokio::sync::OnceCell::const_new();
    let dir = TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().expect("tempdir");
            let url = format!("sqlite://{}", dir.path().join("template.db").display());
            let pool = db::connect_and_prepare(&url)
                .await
                .expect("template database");
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&pool)
                .await
                .expect("checkpoint");
            pool.close().await;
            dir
        })
        .await;
    Box::leak(dir.path().join("template.db").into_boxed_path())
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with_fx(server::fx::FxSettings::default()).await
    }

    /// A store with other conversion settings (a short quote window, another spread).
    pub async fn with_fx(fx: server::fx::FxSettings) -> Self {
        Self::with(move |state| state.with_fx_settings(fx)).await
    }

    /// A store whose state `configure` changes (other limits, another payment provider, a
    /// public URL) after the test defaults.
    pub async fn with(configure: impl FnOnce(AppState) -> AppState) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).expect("dist");
        std::fs::write(dist.join("index.html"), INDEX_HTML).expect("index");
        std::fs::write(dist.join(HASHED_JS), "export const app = 1;\n".repeat(200)).expect("js");
        server::web::precompress::precompress_dir(&dist);
        // Seeding 480 products in a debug build takes a while; each test copies a database
        // seeded once instead. `reopening_the_database_does_not_seed_twice` and the e2e tests
        // still exercise seeding a fresh file.
        std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
        std::fs::copy(seeded_template().await, dir.path().join("data/store.db")).expect("copy");
        let url = format!("sqlite://{}", dir.path().join("data/store.db").display());
        let pool = db::connect_and_prepare(&url).await.expect("database");
        let state = AppState::new(pool, dist).await.expect("search index");
        let sandbox = state.sandbox.clone();
        // The payment page is not served in-process; it would listen on this port.
        sandbox.set_port(9);
        // Limits have their own tests; elsewhere one in-process client makes many requests.
        let state = configure(state.with_limits(server::http::limits::Limits::unlimited()));
        let router = app(state.clone());
        TestApp {
            router,
            dir,
            sandbox,
            state,
        }
    }

    /// A second connection to this store's database, to change the catalog under a test.
    pub async fn db(&self) -> sqlx::SqlitePool {
        let url = format!(
            "sqlite://{}",
            self.dir.path().join("data/store.db").display()
        );
        sqlx::SqlitePool::connect(&url).await.expect("database")
    }

    pub async fn send(&self, method: &str, uri: &str, body: &str) -> TestResponse {
        send(&self.router, method, uri, body).await
    }

    pub async fn post_json(&self, uri: &str, body: &str) -> TestResponse {
        self.request(
            Request::post(uri)
                .header("content-type", "application/json")
                .body(Body::from(body.to_owned()))
                .expect("request"),
        )
        .await
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn request(&self, request: Request<Body>) -> TestResponse {
        request_to(&self.router, request).await
    }
}

/// `method uri` with a JSON `body`, to any router (the store's, or the payment page's).
pub async fn send(router: &Router, method: &str, uri: &str, body: &str) -> TestResponse {
    request_to(
        router,
        Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.to_owned()))
            .expect("request"),
    )
    .await
}

/// Calls `router` in-process and reads the whole answer.
pub async fn request_to(router: &Router, request: Request<Body>) -> TestResponse {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    TestResponse {
        status,
        headers,
        body,
    }
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts this is a problem document with `status` and `code`, and returns it.
    pub fn problem(&self, status: u16, code: &str) -> serde_json::Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        assert_eq!(self.header("content-type"), "application/problem+json");
        let json = self.json();
        assert_eq!(json["status"], status);
        assert_eq!(json["code"], code);
        assert!(json["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(json["detail"].as_str().is_some_and(|t| !t.is_empty()));
        json
    }
}

/// A request's peer address (what the per-client limits key on): `ip`, port 40000.
pub fn from(ip: [u8; 4]) -> axum::extract::ConnectInfo<std::net::SocketAddr> {
    axum::extract::ConnectInfo(std::net::SocketAddr::from((ip, 40_000)))
}

/// The `field` of every entry in a problem's `errors`, in order.
pub fn fields(problem: &serde_json::Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["field"].as_str()).collect())
        .unwrap_or_default()
}

/// `text` as HTML writes it in text and attributes (`&`, `<`, `>`, `"`).
pub fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
