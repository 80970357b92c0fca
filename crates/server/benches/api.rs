//! Latency of the shipping and cart endpoints through the whole router, in-process, on a
//! freshly seeded store (480 products):
//!
//! ```text
//! cargo bench -p server --bench api
//! ```
//!
//! Times `POST /api/v1/shipping/quotes` for a one-line product estimate and for a 20-line cart
//! (items loaded from SQLite, the route engine, the quote stored), `POST …/{id}/totals`, and
//! `GET /api/v1/carts/{token}?ship_to=…` (which asks the engine about every line), and placing
//! a three-line order to Chile (`POST /api/v1/orders`: address check, quote acceptance, price
//! check, stock held, the sandbox charge, the order written) and reading it back. Reports
//! p50/p90/p99 of each; figures go in perf/README.md.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use server::state::AppState;
use server::{app, db};
use std::time::{Duration, Instant};
use tower::ServiceExt;

async fn call(
    router: &axum::Router,
    method: &str,
    uri: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .expect("request");
    send(router, request).await
}

/// Sends `request` in-process; the status and the JSON body (`null` if not JSON).
async fn send(router: &axum::Router, request: Request<Body>) -> (u16, serde_json::Value) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

/// The totals request choosing each shipment's first option: `[{"shipment":…,"option":…}]`.
fn first_options(quote: &serde_json::Value) -> String {
    let choices: Vec<String> = quote["shipments"]
        .as_array()
        .expect("shipments")
        .iter()
        .map(|s| {
            format!(
                r#"{{"shipment":{},"option":{}}}"#,
                s["id"], s["options"][0]["id"]
            )
        })
        .collect();
    format!("[{}]", choices.join(","))
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
    println!(
        "{name:<44} n={:<4} p50 {:>8.2} ms  p90 {:>8.2} ms  p99 {:>8.2} ms",
        times.len(),
        at(50).as_secs_f64() * 1e3,
        at(90).as_secs_f64() * 1e3,
        at(99).as_secs_f64() * 1e3
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("api.db").display());
    let pool = db::connect_and_prepare(&url)
        .await
        .expect("seeded database");
    let skus: Vec<(String,)> = sqlx::query_as(
        "SELECT v.sku FROM variants v WHERE v.stock >= 3 \
         AND v.id IN (SELECT MIN(id) FROM variants GROUP BY product_id) ORDER BY v.id LIMIT 20",
    )
    .fetch_all(&pool)
    .await
    .expect("skus");
    // Enough stock for every round's order.
    sqlx::query("UPDATE variants SET stock = 1000000")
        .execute(&pool)
        .await
        .expect("stock");
    // One in-process client makes every request: the latencies are the handlers', not the
    // rate limiter's refusals.
    let state = AppState::new(pool, dir.path().join("dist"))
        .await
        .expect("state")
        .with_limits(server::http::limits::Limits::unlimited());
    let sandbox = state.sandbox.clone();
    println!(
        "route table: {} routes; cart of {} lines",
        state.routes.len(),
        skus.len()
    );
    let router = app(state);

    let lines: Vec<String> = skus
        .iter()
        .map(|(sku,)| format!(r#"{{"sku":"{sku}","quantity":1}}"#))
        .collect();
    let (status, cart) = call(
        &router,
        "POST",
        "/api/v1/carts",
        &format!(r#"{{"lines":[{}]}}"#, lines.join(",")),
    )
    .await;
    assert_eq!(status, 201, "{cart}");
    let token = cart["token"].as_str().expect("token").to_owned();

    let one = format!(
        r#"{{"destination":{{"country":"US"}},"lines":[{}]}}"#,
        lines[0]
    );
    let whole = format!(
        r#"{{"destination":{{"country":"DE","postal_code":"10115"}},"cart_token":"{token}"}}"#
    );
    let mut estimate = Vec::new();
    let mut cart_quote = Vec::new();
    let mut totals = Vec::new();
    let mut ship_to = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let (s, _) = call(
            &router,
            "POST",
            "/api/v1/shipping/quotes?currency=EUR",
            &one,
        )
        .await;
        estimate.push(t.elapsed());
        assert_eq!(s, 201);

        let t = Instant::now();
        let (s, quote) = call(
            &router,
            "POST",
            "/api/v1/shipping/quotes?currency=EUR&locale=es",
            &whole,
        )
        .await;
        cart_quote.push(t.elapsed());
        assert_eq!(s, 201, "{quote}");

        let choices = first_options(&quote);
        let id = quote["id"].as_str().expect("id");
        let t = Instant::now();
        let (s, _) = call(
            &router,
            "POST",
            &format!("/api/v1/shipping/quotes/{id}/totals"),
            &format!(r#"{{"choices":{choices}}}"#),
        )
        .await;
        totals.push(t.elapsed());
        assert_eq!(s, 200);

        let t = Instant::now();
        let (s, _) = call(
            &router,
            "GET",
            &format!("/api/v1/carts/{token}?currency=JPY&ship_to=AU"),
            "",
        )
        .await;
        ship_to.push(t.elapsed());
        assert_eq!(s, 200);
    }
    // Orders: a three-line cart to Chile in pesos, quoted and totalled, then placed.
    let mut place = Vec::new();
    let mut read = Vec::new();
    let address = r#"{"country":"CL","name":"Ana Pérez","address_line1":"Av. Providencia 1234","city":"Providencia","state":"Región Metropolitana","postal_code":"7500000","phone":"9 6123 4567","customs_id":"12.345.678-5"}"#;
    for round in 0..rounds {
        let (s, cart) = call(
            &router,
            "POST",
            "/api/v1/carts",
            &format!(r#"{{"lines":[{}]}}"#, lines[..3].join(",")),
        )
        .await;
        assert_eq!(s, 201, "{cart}");
        let cart_token = cart["token"].as_str().expect("token").to_owned();
        let (s, quote) = call(
            &router,
            "POST",
            "/api/v1/shipping/quotes?currency=CLP",
            &format!(r#"{{"destination":{{"country":"CL","postal_code":"7500000"}},"cart_token":"{cart_token}"}}"#),
        )
        .await;
        assert_eq!(s, 201, "{quote}");
        let choices = first_options(&quote);
        let id = quote["id"].as_str().expect("id");
        let (s, totals) = call(
            &router,
            "POST",
            &format!("/api/v1/shipping/quotes/{id}/totals"),
            &format!(r#"{{"choices":{choices}}}"#),
        )
        .await;
        assert_eq!(s, 200, "{totals}");
        let (token, _) = sandbox.token_for_card("4242424242424242").expect("card");
        let body = format!(
            r#"{{"cart_token":"{cart_token}","email":"ana@example.cl","address":{address},"shipping_quote_id":"{id}","choices":{choices},"payment_token":"{token}","expected_total":{}}}"#,
            totals["charge"]["amount"]
        );
        let request = Request::post("/api/v1/orders")
            .header("content-type", "application/json")
            .header("idempotency-key", format!("bench-{round}"))
            .body(Body::from(body))
            .expect("request");
        let t = Instant::now();
        let (status, order) = send(&router, request).await;
        place.push(t.elapsed());
        assert_eq!(status, 201, "{order}");
        let t = Instant::now();
        let (s, _) = call(
            &router,
            "GET",
            &format!(
                "/api/v1/orders/{}?key={}",
                order["number"].as_str().expect("number"),
                order["access_key"].as_str().expect("key")
            ),
            "",
        )
        .await;
        read.push(t.elapsed());
        assert_eq!(s, 200);
    }
    report("POST shipping/quotes, 1 line (estimate)", estimate);
    report("POST shipping/quotes, 20-line cart", cart_quote);
    report("POST shipping/quotes/{id}/totals", totals);
    report("GET carts/{token}?ship_to=AU, 20 lines", ship_to);
    report("POST orders, 3 lines to Chile (sandbox card)", place);
    report("GET orders/{number}?key=", read);
}
