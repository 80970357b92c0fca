use crate::helpers::{TestApp, HASHED_JS, INDEX_HTML};
use axum::body::Body;
use axum::http::Request;

#[tokio::test]
async fn an_unknown_client_route_returns_the_app_shell_uncached() {
    let app = TestApp::new().await;
    let res = app.get("/p/some-product-that-the-app-routes").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("text/html"));
    assert_eq!(res.text(), INDEX_HTML);
    assert_eq!(res.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn the_root_serves_index_html_with_no_cache() {
    let app = TestApp::new().await;
    let res = app.get("/").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.text(), INDEX_HTML);
    assert_eq!(res.header("cache-control"), "no-cache");
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
