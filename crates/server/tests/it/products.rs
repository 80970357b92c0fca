use crate::helpers::TestApp;
use domain::{Page, ProductSummary};

fn page(json: serde_json::Value) -> Page<ProductSummary> {
    serde_json::from_value(json).expect("a page of products in the wire format")
}

#[tokio::test]
async fn the_first_page_lists_seeded_products_with_prices_and_images() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "application/json");
    let page = page(res.json());
    assert_eq!(page.page, 1);
    assert_eq!(page.per_page, 24);
    assert_eq!(page.items.len(), 24);
    assert!(
        page.total >= 50,
        "the seed catalog has at least 50 products"
    );
    let first = &page.items[0];
    assert!(!first.title.is_empty());
    assert!(first.image.url.ends_with(".svg"));
    assert_eq!((first.image.width, first.image.height), (480, 480));
}

#[tokio::test]
async fn prices_carry_exactly_the_minor_digits_of_their_currency() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/products?per_page=100").await.json();
    let mut seen = std::collections::HashSet::new();
    for item in json["items"].as_array().expect("items") {
        let amount = item["price"]["amount"]
            .as_str()
            .expect("amount is a string");
        let currency: domain::Currency = item["price"]["currency"]
            .as_str()
            .expect("code")
            .parse()
            .expect("known");
        let digits = amount.split('.').nth(1).map_or(0, str::len) as u32;
        assert_eq!(digits, currency.exponent(), "{amount} {currency}");
        seen.insert(currency);
    }
    assert!(
        seen.contains(&domain::Currency::VND),
        "a zero-digit currency is in the seed"
    );
    assert!(seen.len() >= 4, "several seller currencies are represented");
}

#[tokio::test]
async fn pages_do_not_overlap_and_the_last_page_is_short() {
    let app = TestApp::new().await;
    let first = page(app.get("/api/v1/products?page=1&per_page=25").await.json());
    let second = page(app.get("/api/v1/products?page=2&per_page=25").await.json());
    assert!(first
        .items
        .iter()
        .all(|a| second.items.iter().all(|b| a.id != b.id)));
    let last_page = first.total_pages;
    let last = page(
        app.get(&format!("/api/v1/products?page={last_page}&per_page=25"))
            .await
            .json(),
    );
    let expected = first.total - u64::from(last_page - 1) * 25;
    assert_eq!(last.items.len() as u64, expected);
}

#[tokio::test]
async fn a_page_past_the_end_is_empty_not_an_error() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products?page=500").await;
    assert_eq!(res.status, 200);
    let page = page(res.json());
    assert!(page.items.is_empty());
    assert_eq!(page.page, 500);
}

#[tokio::test]
async fn page_zero_is_a_400_problem_naming_page() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/products?page=0")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "page");
}

#[tokio::test]
async fn a_per_page_of_ten_thousand_is_a_400_problem_naming_per_page() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/products?per_page=10000")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "per_page");
    assert!(problem["errors"][0]["message"]
        .as_str()
        .expect("message")
        .contains("100"));
}

#[tokio::test]
async fn a_non_numeric_page_is_a_400_problem_not_a_500() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/products?page=abc")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "page");
    assert_eq!(problem["errors"][0]["code"], "out_of_range");
}

#[tokio::test]
async fn the_openapi_document_describes_the_products_endpoint() {
    let app = TestApp::new().await;
    let res = app.get("/api/openapi.json").await;
    assert_eq!(res.status, 200);
    let doc = res.json();
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let op = &doc["paths"]["/api/v1/products"]["get"];
    assert!(op.is_object(), "GET /api/v1/products is documented");
    assert!(
        op["responses"]["400"].is_object(),
        "its 400 problem is documented"
    );
    assert!(doc["components"]["schemas"]["Money"].is_object());
}

#[tokio::test]
async fn product_images_are_svgs_and_unknown_ones_are_404_problems() {
    let app = TestApp::new().await;
    let url = page(app.get("/api/v1/products?per_page=1").await.json()).items[0]
        .image
        .url
        .clone();
    let res = app.get(&url).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "image/svg+xml");
    assert!(res.text().starts_with("<svg"));
    app.get("/media/products/no-such-thing.svg")
        .await
        .problem(404, "not_found");
}

#[tokio::test]
async fn reopening_the_database_does_not_seed_twice() {
    let app = TestApp::new().await;
    let before = page(app.get("/api/v1/products").await.json()).total;
    let url = format!(
        "sqlite://{}",
        app.dir.path().join("data/store.db").display()
    );
    let pool = server::db::connect_and_prepare(&url).await.expect("reopen");
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(count as u64, before);
}
