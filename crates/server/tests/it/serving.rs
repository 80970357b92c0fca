use crate::helpers::{TestApp, HASHED_JS, INDEX_HTML, INLINE_SCRIPT_SOURCE};

use axum::body::Body;
use axum::http::Request;

#[tokio::test]
async fn an_unknown_client_route_returns_the_app_shell_uncached_with_a_404() {
    let app = TestApp::new().await;
    // No locale, so no page: the app says so (its not-found page), and so does the status.
    let res = app.get("/p/some-product-that-the-app-routes").await;
    assert_eq!(res.status, 404);
    assert!(res.header("content-type").starts_with("text/html"));
    assert!(res.text().contains("<body>"), "{}", res.text());
    assert_eq!(res.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn the_root_serves_index_html_with_no_cache() {
    let app = TestApp::new().await;
    let res = app.get("/").await;
    assert_eq!(res.status, 200);
    assert!(res.text().contains("<body>"), "{}", res.text());
    assert_eq!(res.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn every_page_forbids_scripts_requests_and_frames_from_anywhere_but_the_store_and_its_payment_page(
) {
    let app = TestApp::new().await;
    // A forged Host changes nothing: the payment page's origin is configured.
    for (path, host, status) in [
        ("/", "shop.example:8080", 200),
        ("/es/checkout", "*", 200),
        ("/ja/c/apparel", "evil.example", 200),
        // A page that does not exist carries the same policy.
        ("/ja/p/some-product", "evil.example", 404),
    ] {
        let res = app
            .request(
                Request::get(path)
                    .header("host", host)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status, status, "{path}");
        let policy = res.header("content-security-policy");
        let directive = |name: &str| {
            policy
                .split(';')
                .map(str::trim)
                .find(|d| d.split(' ').next() == Some(name))
                .unwrap_or_else(|| panic!("{name} missing from {policy}"))
                .to_owned()
        };
        assert_eq!(
            directive("script-src"),
            format!("script-src 'self' 'wasm-unsafe-eval' {INLINE_SCRIPT_SOURCE}"),
            "trunk's start-up script runs by its hash, nothing else inline"
        );
        assert_eq!(directive("connect-src"), "connect-src 'self'");
        // The sandbox's page listens on port 9 of the configured host, whatever Host says.
        assert_eq!(directive("frame-src"), "frame-src http://127.0.0.1:9");
        assert_eq!(directive("frame-ancestors"), "frame-ancestors 'none'");
        assert_eq!(directive("object-src"), "object-src 'none'");
        assert_eq!(directive("style-src"), "style-src 'self'");
    }
    // The texts inlined per locale are data, not script: they need no hash.
    assert!(app
        .get("/es/")
        .await
        .text()
        .contains(r#"type="application/json""#));
}

/// The JSON inside `<script id="ui-texts" data-locale="…">`, and that locale.
fn inlined_texts(html: &str) -> (String, serde_json::Value) {
    let start = html.find(r#"<script id="ui-texts""#).expect("texts script");
    let rest = &html[start..];
    let locale = rest
        .split(r#"data-locale=""#)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("data-locale")
        .to_owned();
    let json_start = rest.find('>').expect("open tag") + 1;
    let json_end = rest.find("</script>").expect("close tag");
    let json = serde_json::from_str(&rest[json_start..json_end]).expect("valid JSON");
    (locale, json)
}

/// The text `key` (`add_to_cart`, or `review_count.one`) of texts sent as slots
/// (`ui_texts::Texts::to_json`).
fn text<'a>(slots: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    use ui_texts::{Plural, Texts};
    let at = match key.split_once('.') {
        None => Texts::PLAIN_KEYS.iter().position(|k| *k == key),
        Some((name, category)) => Texts::PLURAL_KEYS
            .iter()
            .position(|k| *k == name)
            .zip(Plural::CATEGORIES.iter().position(|c| *c == category))
            .map(|(p, c)| Texts::PLAIN_KEYS.len() + 6 * p + c),
    };
    &slots[at.expect("a known key")]
}

#[tokio::test]
async fn a_page_under_a_locale_carries_that_locales_texts_and_lang() {
    let app = TestApp::new().await;
    let res = app.get("/es/p/anything").await;
    let html = res.text();
    let (locale, texts) = inlined_texts(&html);
    assert_eq!(locale, "es");
    assert_eq!(text(&texts, "add_to_cart"), "Añadir al carrito");
    assert_eq!(text(&texts, "review_count.one"), "{0} reseña");
    assert!(html.contains(r#"<html lang="es" dir="ltr""#), "{html}");
    assert_eq!(res.header("content-language"), "es");
    let (_, arabic) = inlined_texts(&app.get("/ar/").await.text());
    assert_eq!(
        text(&arabic, "language"),
        ui_texts::texts(domain::Locale::Ar).language
    );
}

#[tokio::test]
async fn the_root_carries_the_texts_of_the_browsers_language() {
    let app = TestApp::new().await;
    let req = Request::get("/")
        .header("accept-language", "ja-JP,ja;q=0.9,en;q=0.8")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    assert_eq!(inlined_texts(&res.text()).0, "ja");
    assert!(res.header("vary").contains("accept-language"));
    assert_eq!(inlined_texts(&app.get("/").await.text()).0, "en");
}

#[tokio::test]
async fn the_app_shell_is_sent_brotli_compressed_to_browsers_that_accept_it() {
    let app = TestApp::new().await;
    let req = Request::get("/th/search?q=x")
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    assert_eq!(res.header("content-encoding"), "br");
    let mut decoded = Vec::new();
    brotli_decompress(&res.body, &mut decoded);
    let html = String::from_utf8(decoded).expect("utf-8");
    assert_eq!(inlined_texts(&html).0, "th");
}

#[tokio::test]
async fn ui_texts_of_any_shipped_locale_can_be_fetched() {
    let app = TestApp::new().await;
    for locale in domain::Locale::ALL {
        let res = app.get(&format!("/api/v1/ui-texts/{}", locale.tag())).await;
        assert_eq!(res.status, 200, "{locale:?}");
        assert_eq!(res.header("content-type"), "application/json");
        let texts = res.json();
        assert_eq!(
            text(&texts, "store_name"),
            ui_texts::texts(locale).store_name
        );
        assert_eq!(
            texts.as_array().expect("array").len(),
            ui_texts::Texts::SLOTS
        );
    }
}

#[tokio::test]
async fn only_seller_pages_carry_the_seller_dashboards_texts() {
    let app = TestApp::new().await;
    let html = app.get("/vi/seller").await.text();
    let start = html
        .find(r#"<script id="seller-texts" type="application/json" data-locale="vi">"#)
        .expect("the dashboard's texts");
    let json_start = start + html[start..].find('>').expect("open tag") + 1;
    let json_end = json_start + html[json_start..].find("</script>").expect("close tag");
    let texts: Vec<String> = serde_json::from_str(&html[json_start..json_end]).expect("JSON");
    assert_eq!(texts, ui_texts::seller_texts(domain::Locale::Vi).all());
    // The buyer's texts come too (the header, the page's frame).
    assert_eq!(inlined_texts(&html).0, "vi");
    for buyer_page in ["/vi/", "/vi/cart", "/vi/s/mekong-kids", "/vi/search?q=a"] {
        let html = app.get(buyer_page).await.text();
        assert!(!html.contains("seller-texts"), "{buyer_page}");
        assert!(
            !html.contains(ui_texts::seller_texts(domain::Locale::Vi).sign_in_heading),
            "{buyer_page}"
        );
    }
}

#[tokio::test]
async fn the_seller_dashboards_texts_of_any_shipped_locale_can_be_fetched() {
    let app = TestApp::new().await;
    for locale in domain::Locale::ALL {
        let res = app
            .get(&format!("/api/v1/ui-texts/{}/seller", locale.tag()))
            .await;
        assert_eq!(res.status, 200, "{locale:?}");
        assert_eq!(res.header("content-language"), locale.tag());
        let texts: Vec<String> = serde_json::from_value(res.json()).expect("strings");
        assert_eq!(texts, ui_texts::seller_texts(locale).all(), "{locale:?}");
    }
    app.get("/api/v1/ui-texts/fr/seller")
        .await
        .problem(400, "invalid_parameter");
}

#[tokio::test]
async fn ui_texts_of_an_unshipped_locale_are_a_400_naming_the_locale() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/ui-texts/fr")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "locale");
}

#[tokio::test]
async fn an_unknown_api_path_is_a_404_problem_not_the_app() {
    let app = TestApp::new().await;
    let problem = app.get("/api/unknown").await.problem(404, "not_found");
    assert!(problem.get("errors").is_none());
    app.get("/api/v1/nothing/here")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn a_wrong_method_on_an_api_path_is_a_405_problem() {
    let app = TestApp::new().await;
    let req = Request::delete("/api/v1/products")
        .body(Body::empty())
        .expect("request");
    app.request(req).await.problem(405, "method_not_allowed");
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_with_their_content_type() {
    let app = TestApp::new().await;
    let res = app.get(&format!("/{HASHED_JS}")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "text/javascript");
    assert_eq!(
        res.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn a_missing_asset_is_a_404_rather_than_the_app_shell() {
    let app = TestApp::new().await;
    let res = app.get("/storefront-ffffffffffffffff_bg.wasm").await;
    assert_eq!(res.status, 404);
    assert_ne!(res.text(), INDEX_HTML);
}

#[tokio::test]
async fn browsers_that_accept_brotli_get_the_precompressed_file() {
    let app = TestApp::new().await;
    let req = Request::get(format!("/{HASHED_JS}"))
        .header("accept-encoding", "gzip, deflate, br")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-encoding"), "br");
    assert_eq!(res.header("content-type"), "text/javascript");
    let mut decoded = Vec::new();
    brotli_decompress(&res.body, &mut decoded);
    assert_eq!(decoded, "export const app = 1;\n".repeat(200).into_bytes());
}

#[tokio::test]
async fn api_json_is_compressed_for_clients_that_ask() {
    let app = TestApp::new().await;
    let req = Request::get("/api/v1/products?per_page=50")
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn health_reports_ok_when_the_database_answers() {
    let app = TestApp::new().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["status"], "ok");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::new().await;
    let a = app.get("/healthz").await;
    let b = app.get("/api/unknown").await;
    assert!(!a.header("x-request-id").is_empty());
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"));
}

fn brotli_decompress(input: &[u8], out: &mut Vec<u8>) {
    brotli::BrotliDecompress(&mut &input[..], out).expect("valid brotli");
}

#[tokio::test]
async fn responses_tell_browsers_not_to_sniff_content_types() {
    let app = TestApp::new().await;
    for uri in ["/", "/api/v1/products", "/api/unknown"] {
        let res = app.get(uri).await;
        assert_eq!(res.header("x-content-type-options"), "nosniff", "{uri}");
    }
}
