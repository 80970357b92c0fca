//! What a hostile or unlucky client cannot do: stop the store with a panic, leave an order
//! half-placed by hanging up, order one cart twice, hold stock hostage, flood the store, slip
//! unknown fields past it, forge the store's origin, or read private answers from a cache.

use crate::helpers::{fields, from, TestApp};
use crate::orders::{
    checkout, count, order_body, place, stock, token, two_sellers, APPROVED, DECLINED,
};
use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use server::payments::sandbox::Sandbox;
use server::payments::{ChargeFuture, ChargeRequest, CheckFuture, PaymentProvider, VoidFuture};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The sandbox, except that `check` or `charge` can be made to wait until the test opens it,
/// and it says when a call has arrived there.
struct Gated {
    inner: Arc<Sandbox>,
    stop_at: &'static str,
    arrived: tokio::sync::mpsc::UnboundedSender<&'static str>,
    open: watch::Receiver<bool>,
}

impl Gated {
    async fn gate(&self, stage: &'static str) {
        let _ = self.arrived.send(stage);
        if stage == self.stop_at {
            let mut open = self.open.clone();
            let _ = open.wait_for(|o| *o).await;
        }
    }
}

impl PaymentProvider for Gated {
    fn name(&self) -> &'static str {
        "sandbox"
    }
    fn settles(&self, currency: domain::Currency) -> bool {
        self.inner.settles(currency)
    }
    fn fallback_currency(&self) -> domain::Currency {
        self.inner.fallback_currency()
    }
    fn frame(&self) -> Option<(String, String)> {
        self.inner.frame()
    }
    fn check<'a>(&'a self, token: &'a str) -> CheckFuture<'a> {
        Box::pin(async move {
            self.gate("check").await;
            self.inner.check(token).await
        })
    }
    fn charge<'a>(&'a self, request: ChargeRequest<'a>) -> ChargeFuture<'a> {
        Box::pin(async move {
            self.gate("charge").await;
            let charged = self.inner.charge(request).await;
            // The charge is made; the order is not written yet.
            self.gate("charged").await;
            charged
        })
    }
    fn void<'a>(&'a self, reference: &'a str) -> VoidFuture<'a> {
        self.inner.void(reference)
    }
}

struct GatedStore {
    app: TestApp,
    arrived: tokio::sync::mpsc::UnboundedReceiver<&'static str>,
    open: watch::Sender<bool>,
}

/// A store whose provider waits at `stop_at`: `"check"` (before the token is checked),
/// `"charge"` (before it is charged) or `"charged"` (after, before the order is written).
async fn gated_store(stop_at: &'static str, limits: server::http::limits::Limits) -> GatedStore {
    let (tx, arrived) = tokio::sync::mpsc::unbounded_channel();
    let (open, open_rx) = watch::channel(false);
    let app = TestApp::with(move |state| {
        let gated = Gated {
            inner: state.sandbox.clone(),
            stop_at,
            arrived: tx,
            open: open_rx,
        };
        state.with_payments(Arc::new(gated)).with_limits(limits)
    })
    .await;
    GatedStore { app, arrived, open }
}

impl GatedStore {
    async fn wait_for(&mut self, stage: &str) {
        loop {
            let got = tokio::time::timeout(Duration::from_secs(10), self.arrived.recv())
                .await
                .expect("the provider was called in time")
                .expect("channel open");
            if got == stage {
                return;
            }
        }
    }
}

/// Waits until the key's answer is stored (the attempt has ended) and returns its status.
async fn answered(app: &TestApp, key: &str) -> i64 {
    for _ in 0..200 {
        let row: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT status FROM idempotency_keys WHERE key = ?")
                .bind(key)
                .fetch_optional(&app.db().await)
                .await
                .expect("key");
        if let Some((Some(status),)) = row {
            return status;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("the key {key} was never answered");
}

/// Places an order on a task of its own, as a buyer's connection would, from `client` when
/// given; the test can abort it (the buyer hangs up) or await its answer.
fn spawn_order(
    app: &TestApp,
    key: &str,
    body: &Value,
    client: Option<[u8; 4]>,
) -> tokio::task::JoinHandle<crate::helpers::TestResponse> {
    let router = app.router.clone();
    let mut request = Request::post("/api/v1/orders")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .expect("request");
    if let Some(ip) = client {
        request.extensions_mut().insert(from(ip));
    }
    tokio::spawn(async move { crate::helpers::request_to(&router, request).await })
}

/// Holds, charge records and unfinished cart claims left in the database.
async fn attempt_rows(app: &TestApp) -> (i64, i64, i64) {
    (
        count(app, "SELECT count(*) FROM stock_holds").await,
        count(app, "SELECT count(*) FROM charge_attempts").await,
        count(
            app,
            "SELECT count(*) FROM cart_claims WHERE order_number IS NULL",
        )
        .await,
    )
}

async fn boom() -> &'static str {
    let bug: Vec<&str> = Vec::new();
    // An index past the end: the kind of bug that used to stop the release server.
    bug[std::hint::black_box(0)]
}

#[tokio::test]
async fn a_panicking_handler_answers_a_500_problem_with_the_request_id_and_the_next_request_succeeds(
) {
    let router = server::http::panics::guard(
        Router::new()
            .route("/boom", get(boom))
            .route("/ok", get(|| async { "fine" })),
    )
    .layer(server::http::telemetry::request_layers());
    let res = crate::helpers::send(&router, "GET", "/boom?locale=es", "").await;
    let problem = res.problem(500, "internal_error");
    let id = res.header("x-request-id").to_owned();
    assert!(!id.is_empty());
    assert_eq!(problem["request_id"], id.as_str(), "{problem}");
    assert!(problem["detail"].as_str().expect("detail").len() > 5);
    assert!(
        !res.text().contains("a bug"),
        "the panic message stays in the log"
    );
    let res = crate::helpers::send(&router, "GET", "/ok", "").await;
    assert_eq!(res.status, 200);
}

#[tokio::test]
async fn hanging_up_while_the_provider_charges_still_ends_in_one_complete_order() {
    for stage in ["charge", "charged"] {
        hang_up_at(stage).await;
    }
}

async fn hang_up_at(stage: &'static str) {
    let mut store = gated_store(stage, server::http::limits::Limits::unlimited()).await;
    let app = &store.app;
    let [sku, _] = two_sellers(app).await;
    let before = stock(app, &sku).await;
    let c = checkout(app, &[(&sku, 2)], "CL", "7500000", "CLP").await;
    let body = order_body(&c, &token(app, APPROVED));
    let request = spawn_order(app, "cut-at-charge", &body, None);
    store.wait_for(stage).await;
    // The buyer's connection drops while the provider is charging, or just after.
    request.abort();
    let _ = request.await;
    store.open.send(true).expect("open");
    let app = &store.app;
    assert_eq!(answered(app, "cut-at-charge").await, 201);
    assert_eq!(stock(app, &sku).await, before - 2, "sold once");
    assert_eq!(count(app, "SELECT count(*) FROM orders").await, 1);
    assert_eq!(attempt_rows(app).await, (0, 0, 0), "nothing left held");
    assert_eq!(app.sandbox.charges().len(), 1);
    // The buyer's retry with the same key gets that order.
    let replay = place(app, "cut-at-charge", &body).await;
    assert_eq!(replay.status, 201, "{}", replay.text());
    assert_eq!(replay.header("idempotent-replayed"), "true");
}

#[tokio::test]
async fn hanging_up_before_the_payment_check_with_a_declined_card_leaves_nothing_held() {
    let mut store = gated_store("check", server::http::limits::Limits::unlimited()).await;
    let app = &store.app;
    let [sku, _] = two_sellers(app).await;
    let before = stock(app, &sku).await;
    let c = checkout(app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let body = order_body(&c, &token(app, DECLINED));
    let request = spawn_order(app, "cut-at-check", &body, None);
    store.wait_for("check").await;
    request.abort();
    let _ = request.await;
    store.open.send(true).expect("open");
    let app = &store.app;
    assert_eq!(answered(app, "cut-at-check").await, 402);
    assert_eq!(stock(app, &sku).await, before);
    assert_eq!(attempt_rows(app).await, (0, 0, 0));
    assert!(app.sandbox.charges().is_empty());
}

#[tokio::test]
async fn the_api_time_limit_ends_only_the_wait_and_a_retry_gets_the_order() {
    let limits = server::http::limits::Limits {
        api_timeout: Duration::from_millis(300),
        ..server::http::limits::Limits::unlimited()
    };
    let mut store = gated_store("charge", limits).await;
    let app = &store.app;
    let [sku, _] = two_sellers(app).await;
    let before = stock(app, &sku).await;
    let c = checkout(app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let body = order_body(&c, &token(app, APPROVED));
    let first = place(app, "slow-provider", &body).await;
    first.problem(504, "timeout");
    store.wait_for("charge").await;
    store.open.send(true).expect("open");
    let app = &store.app;
    assert_eq!(answered(app, "slow-provider").await, 201);
    let retry = place(app, "slow-provider", &body).await;
    assert_eq!(retry.status, 201, "{}", retry.text());
    assert_eq!(stock(app, &sku).await, before - 1);
    assert_eq!(app.sandbox.charges().len(), 1, "charged once");
    assert_eq!(attempt_rows(app).await, (0, 0, 0));
}

#[tokio::test]
async fn one_cart_placed_at_once_under_different_keys_becomes_one_order_and_409s() {
    let app = TestApp::new().await;
    let [sku, _] = two_sellers(&app).await;
    let before = stock(&app, &sku).await;
    let c = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let bodies: Vec<Value> = (0..8)
        .map(|_| order_body(&c, &token(&app, APPROVED)))
        .collect();
    let tries = bodies.iter().enumerate().map(|(i, body)| {
        let app = &app;
        async move { place(app, &format!("same-cart-{i}"), body).await }
    });
    let answers = crate::orders::futures_join_all(tries).await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [201, 409, 409, 409, 409, 409, 409, 409],
        "{statuses:?}"
    );
    for refused in answers.iter().filter(|r| r.status == 409) {
        refused.problem(409, "cart_already_ordered");
    }
    assert_eq!(stock(&app, &sku).await, before - 1);
    assert_eq!(app.sandbox.charges().len(), 1, "one charge");
    // Later, too: the cart is spent.
    let again = place(
        &app,
        "same-cart-later",
        &order_body(&c, &token(&app, APPROVED)),
    )
    .await;
    again.problem(409, "cart_already_ordered");
    assert_eq!(attempt_rows(&app).await, (0, 0, 0));
    // The cart became the order: a stale tab's change finds no cart (the app then starts a
    // new one), and the cart cannot be read either.
    let patch = app
        .send(
            "PATCH",
            &format!("/api/v1/carts/{}?locale=es", c.cart_token),
            &json!({ "lines": [{ "sku": sku, "quantity": 2 }] }).to_string(),
        )
        .await;
    patch.problem(404, "cart_not_found");
    app.get(&format!("/api/v1/carts/{}", c.cart_token))
        .await
        .problem(404, "cart_not_found");
}

#[tokio::test]
async fn declined_cards_with_fresh_keys_never_hold_the_last_units() {
    let app = TestApp::with(|s| s.with_limits(server::http::limits::Limits::default())).await;
    let [sku, _] = two_sellers(&app).await;
    let db = app.db().await;
    sqlx::query("UPDATE variants SET stock = 1 WHERE sku = ?")
        .bind(&sku)
        .execute(&db)
        .await
        .expect("last unit");
    let c = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    for i in 0..10 {
        let res = place(
            &app,
            &format!("hostage-{i}"),
            &order_body(&c, &token(&app, DECLINED)),
        )
        .await;
        res.problem(402, "payment_declined");
        assert_eq!(stock(&app, &sku).await, 1, "nothing held after try {i}");
    }
    assert_eq!(attempt_rows(&app).await, (0, 0, 0));
    // An honest buyer gets the last unit at once.
    let honest = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let res = place(&app, "honest", &order_body(&honest, &token(&app, APPROVED))).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(stock(&app, &sku).await, 0);
}

async fn place_as(
    app: &TestApp,
    client: [u8; 4],
    key: &str,
    body: &Value,
) -> crate::helpers::TestResponse {
    let mut request = Request::post("/api/v1/orders?locale=es")
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .expect("request");
    request.extensions_mut().insert(from(client));
    app.request(request).await
}

#[tokio::test]
async fn a_client_cannot_keep_more_than_three_attempts_holding_stock() {
    let limits = server::http::limits::Limits {
        max_holds_per_client: 3,
        ..server::http::limits::Limits::unlimited()
    };
    let mut store = gated_store("charge", limits).await;
    let [sku, _] = two_sellers(&store.app).await;
    let mut waiting = Vec::new();
    for i in 0..3 {
        let c = checkout(&store.app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
        let body = order_body(&c, &token(&store.app, APPROVED));
        waiting.push(spawn_order(
            &store.app,
            &format!("held-{i}"),
            &body,
            Some([203, 0, 113, 7]),
        ));
        store.wait_for("charge").await;
    }
    let app = &store.app;
    let c = checkout(app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let fourth = place_as(
        app,
        [203, 0, 113, 7],
        "held-3",
        &order_body(&c, &token(app, APPROVED)),
    )
    .await;
    let problem = fourth.problem(429, "too_many_holds");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("pedidos"),
        "{problem}"
    );
    assert!(!fourth.header("retry-after").is_empty());
    // Another buyer is not held back by that client.
    let other = checkout(app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let other_body = order_body(&other, &token(app, APPROVED));
    let elsewhere = spawn_order(app, "elsewhere", &other_body, Some([198, 51, 100, 1]));
    store.wait_for("charge").await;
    store.open.send(true).expect("open");
    assert_eq!(elsewhere.await.expect("task").status, 201);
    for w in waiting {
        assert_eq!(w.await.expect("task").status, 201);
    }
    assert_eq!(attempt_rows(&store.app).await, (0, 0, 0));
}

#[tokio::test]
async fn a_client_over_its_write_rate_gets_a_localized_429_and_others_do_not() {
    let limits = server::http::limits::Limits {
        writes_per_minute: 20,
        lookups_per_minute: 30,
        ..server::http::limits::Limits::unlimited()
    };
    let app = TestApp::with(move |s| s.with_limits(limits)).await;
    let [sku, _] = two_sellers(&app).await;
    let body = json!({ "lines": [{ "sku": sku, "quantity": 1 }] }).to_string();
    let post = |client: [u8; 4]| {
        let mut request = Request::post("/api/v1/carts?locale=es")
            .header("content-type", "application/json")
            .body(Body::from(body.clone()))
            .expect("request");
        request.extensions_mut().insert(from(client));
        app.request(request)
    };
    // A burst of a quarter of the minute's allowance (5), then refusals.
    for _ in 0..5 {
        assert_eq!(post([192, 0, 2, 1]).await.status, 201);
    }
    let refused = post([192, 0, 2, 1]).await;
    let problem = refused.problem(429, "rate_limited");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .starts_with("Demasiadas"),
        "{problem}"
    );
    let wait: u64 = refused
        .header("retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=3).contains(&wait), "{wait}");
    assert_eq!(post([192, 0, 2, 2]).await.status, 201, "another client");
    // Order lookups by number have their own, smaller allowance.
    let lookup = |client: [u8; 4], n: u32| {
        let mut request = Request::get(format!("/api/v1/orders/SO-AAAAA-AAAA{n}?email=a@b.cl"))
            .body(Body::empty())
            .expect("request");
        request.extensions_mut().insert(from(client));
        app.request(request)
    };
    for n in 0..7 {
        assert_eq!(lookup([192, 0, 2, 9], n).await.status, 404);
    }
    lookup([192, 0, 2, 9], 8).await.problem(429, "rate_limited");
    // Reads are not writes.
    let mut read = Request::get("/api/v1/categories")
        .body(Body::empty())
        .expect("request");
    read.extensions_mut().insert(from([192, 0, 2, 1]));
    assert_eq!(app.request(read).await.status, 200);
}

#[tokio::test]
async fn housekeeping_ends_what_a_stopped_process_left_and_deletes_what_expired() {
    let app = TestApp::new().await;
    let [sku, _] = two_sellers(&app).await;
    let before = stock(&app, &sku).await;
    let db = app.db().await;
    let now = server::clock::unix_now();
    // A process stopped mid-order an hour ago: two units held, the cart claimed, the charge
    // made (the sandbox has it) but no order written; the key never answered.
    let charged = app
        .sandbox
        .charge(ChargeRequest {
            token: &token(&app, APPROVED),
            amount: domain::Money::from_minor(1000, domain::Currency::CLP),
            idempotency_key: "crashed",
        })
        .await
        .expect("charged");
    let c = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    for sql in [
        "UPDATE variants SET stock = stock - 3 WHERE sku = ?1",
        "INSERT INTO stock_holds (idempotency_key, sku, quantity, created_at, client) VALUES ('crashed', ?1, 2, ?2 - 3600, 'x')",
        "INSERT INTO stock_holds (idempotency_key, sku, quantity, created_at, client) VALUES ('live', ?1, 1, ?2 - 5, 'y')",
        "INSERT INTO idempotency_keys (key, request, created_at) VALUES ('crashed', 'h', ?2 - 3600)",
        "INSERT INTO idempotency_keys (key, request, status, response, created_at) VALUES ('old', 'h', 201, '{}', ?2 - 2 * 86400)",
        "INSERT INTO idempotency_keys (key, request, status, response, created_at) VALUES ('recent', 'h', 201, '{}', ?2 - 60)",
        "UPDATE shipping_quotes SET expires_at = ?2 - 7200",
        "INSERT INTO fx_quotes (id, from_currency, to_currency, rate, created_at, expires_at) VALUES ('old-rate', 'PEN', 'USD', '0.3', ?2 - 9000, ?2 - 7200)",
        "INSERT INTO carts (token, created_at, updated_at) VALUES ('abandoned', ?2 - 90 * 86400, ?2 - 90 * 86400)",
        "INSERT INTO cart_lines (cart_token, sku, quantity, added_price_minor, added_currency, added_at) VALUES ('abandoned', ?1, 1, 100, 'USD', ?2 - 90 * 86400)",
    ] {
        sqlx::query(sql).bind(&sku).bind(now).execute(&db).await.expect(sql);
    }
    sqlx::query("INSERT INTO cart_claims (cart_token, idempotency_key, created_at) VALUES (?, 'crashed', ?)")
        .bind(&c.cart_token)
        .bind(now - 3600)
        .execute(&db)
        .await
        .expect("claim");
    sqlx::query("INSERT INTO charge_attempts (idempotency_key, token, amount_minor, currency, reference, created_at) VALUES ('crashed', 'tok', 1000, 'CLP', ?, ?)")
        .bind(&charged.reference)
        .bind(now - 3600)
        .execute(&db)
        .await
        .expect("attempt");

    let swept = server::housekeeping::run(&db, app.state.payments.as_ref(), now)
        .await
        .expect("housekeeping");
    assert_eq!(swept.attempts_ended, 1, "{swept:?}");
    assert_eq!(swept.keys_purged, 1, "{swept:?}");
    assert!(swept.shipping_quotes_deleted >= 1, "{swept:?}");
    assert_eq!(swept.fx_quotes_deleted, 1, "{swept:?}");
    assert_eq!(swept.carts_deleted, 1, "{swept:?}");
    assert_eq!(
        stock(&app, &sku).await,
        before - 1,
        "the live attempt keeps its unit"
    );
    assert!(
        app.sandbox.charges().iter().all(|c| c.voided),
        "the crashed attempt's charge is voided"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM stock_holds").await, 1);
    assert_eq!(count(&app, "SELECT count(*) FROM charge_attempts").await, 0);
    assert_eq!(
        count(&app, "SELECT count(*) FROM cart_claims").await,
        0,
        "the cart may be ordered again"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM idempotency_keys").await,
        1,
        "only the recent answer"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM carts WHERE token = 'abandoned'").await,
        0
    );
    let res = app
        .get(&format!("/api/v1/shipping/quotes/{}", c.quote.id))
        .await;
    assert_eq!(res.status, 404, "a long-expired quote is gone");
}

#[tokio::test]
async fn unknown_fields_anywhere_in_an_order_are_refused_by_name_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let [sku, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let mut body = order_body(&c, &token(&app, APPROVED));
    body["choices"][0]["price"] = json!("0.01");
    body["address"]["card_number"] = json!("4242424242424242");
    let res = place(&app, "nested-unknown", &body).await;
    let problem = res.problem(400, "invalid_parameter");
    let mut named = fields(&problem);
    named.sort_unstable();
    assert_eq!(
        named,
        ["address.card_number", "choices[0].price"],
        "{problem}"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM idempotency_keys").await,
        0
    );
    let db = app.db().await;
    let dump: Vec<(String,)> =
        sqlx::query_as("SELECT request || coalesce(response, '') FROM idempotency_keys")
            .fetch_all(&db)
            .await
            .expect("keys");
    assert!(dump.iter().all(|(t,)| !t.contains("4242")));
    // The same in a totals request.
    let res = app
        .post_json(
            &format!("/api/v1/shipping/quotes/{}/totals", c.quote.id),
            &json!({ "choices": [{ "shipment": "s1", "option": "o1", "price": "0" }] }).to_string(),
        )
        .await;
    assert_eq!(
        fields(&res.problem(400, "invalid_parameter")),
        ["choices[0].price"]
    );
    let res = app
        .post_json(
            "/api/v1/fx/quotes",
            r#"{"from":"PEN","to":"USD","rate":"1"}"#,
        )
        .await;
    assert_eq!(fields(&res.problem(400, "invalid_parameter")), ["rate"]);
    // A valid order afterwards stores its key with a fingerprint, not the request.
    let body = order_body(&c, &token(&app, APPROVED));
    assert_eq!(place(&app, "clean", &body).await.status, 201);
    let (request,): (String,) =
        sqlx::query_as("SELECT request FROM idempotency_keys WHERE key = 'clean'")
            .fetch_one(&db)
            .await
            .expect("key");
    assert_eq!(request.len(), 64, "a SHA-256, not the address: {request}");
}

#[tokio::test]
async fn a_forged_host_changes_neither_the_payment_frame_nor_the_policy() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    for host in ["*", "evil.example", "shop.example:1"] {
        let res = app
            .request(
                Request::get("/api/v1/payment-methods?country=CL&currency=CLP")
                    .header("host", host)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text());
        let setup = res.json();
        assert!(
            setup["frame_url"]
                .as_str()
                .expect("url")
                .starts_with("http://127.0.0.1:9/frame?"),
            "{setup}"
        );
        assert_eq!(setup["frame_origin"], "http://127.0.0.1:9");
        let page = app
            .request(
                Request::get("/")
                    .header("host", host)
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;
        let policy = page.header("content-security-policy");
        assert!(policy.contains("frame-src http://127.0.0.1:9;"), "{policy}");
        assert!(
            !policy.contains("evil") && !policy.contains('*'),
            "{policy}"
        );
        assert_eq!(
            page.header("strict-transport-security"),
            "max-age=31536000; includeSubDomains",
            "served over https"
        );
    }
}

#[tokio::test]
async fn answers_with_tokens_keys_addresses_or_payments_are_never_cached() {
    let app = TestApp::new().await;
    let [sku, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&sku, 1)], "CL", "7500000", "CLP").await;
    let res = place(&app, "private", &order_body(&c, &token(&app, APPROVED))).await;
    assert_eq!(res.status, 201);
    assert_eq!(res.header("cache-control"), "no-store", "order");
    let order = res.json();
    let number = order["number"].as_str().expect("number");
    let key = order["access_key"].as_str().expect("key");
    let cart = app
        .post_json(
            "/api/v1/carts",
            &json!({ "lines": [{ "sku": sku, "quantity": 1 }] }).to_string(),
        )
        .await;
    assert_eq!(cart.header("cache-control"), "no-store", "new cart");
    let token = cart.json()["token"].as_str().expect("token").to_owned();
    for path in [
        format!("/api/v1/carts/{token}"),
        format!("/api/v1/orders/{number}?key={key}"),
        format!("/api/v1/shipping/quotes/{}", c.quote.id),
        "/healthz".to_owned(),
    ] {
        let res = app.get(&path).await;
        assert!(res.status.is_success(), "{path}: {}", res.text());
        assert!(res.header("cache-control").contains("no-store"), "{path}");
    }
    let res = app
        .post_json("/api/v1/addresses/validate", &c.address.to_string())
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("cache-control"), "no-store", "address");
    let res = app
        .post_json("/api/v1/fx/quotes", r#"{"from":"PEN","to":"USD"}"#)
        .await;
    assert_eq!(res.header("cache-control"), "no-store", "rate lock");
    // A problem in another language keeps the header.
    let res = app
        .get("/api/v1/carts/00000000000000000000000000000000?locale=es")
        .await;
    res.problem(404, "cart_not_found");
    assert_eq!(res.header("cache-control"), "no-store", "localized problem");
    // The catalog may be cached.
    let res = app.get("/api/v1/products").await;
    assert!(!res.header("cache-control").contains("no-store"));
}

#[tokio::test]
async fn a_client_request_id_is_kept_only_in_a_safe_form() {
    let app = TestApp::new().await;
    let res = app
        .request(
            Request::get("/healthz")
                .header("x-request-id", "buyer-report-42")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(res.header("x-request-id"), "buyer-report-42");
    let res = app
        .request(
            Request::get("/healthz")
                .header("x-request-id", "x\" injected=1 {}")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    let id = res.header("x-request-id");
    assert!(!id.contains("injected") && !id.is_empty(), "{id}");
}

#[tokio::test]
async fn health_is_503_when_the_database_cannot_write() {
    let app = TestApp::new().await;
    assert_eq!(app.get("/healthz").await.status, 200);
    let db = app.state.db.clone();
    // Every write fails from now on, as on a full or read-only disk.
    sqlx::query("CREATE TRIGGER no_writes BEFORE UPDATE ON health BEGIN SELECT RAISE(FAIL, 'disk full'); END")
        .execute(&db)
        .await
        .expect("trigger");
    app.get("/healthz").await.problem(503, "unavailable");
}

#[tokio::test]
async fn stored_quotes_take_a_fraction_of_their_json() {
    let app = TestApp::new().await;
    let skus: Vec<(String,)> = sqlx::query_as(
        "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE p.handling = 0 AND v.stock >= 5 ORDER BY v.sku LIMIT 20",
    )
    .fetch_all(&app.db().await)
    .await
    .expect("skus");
    let lines: Vec<(&str, u32)> = skus.iter().map(|(s,)| (s.as_str(), 1)).collect();
    let c = checkout(&app, &lines, "CL", "7500000", "CLP").await;
    let json = app
        .get(&format!("/api/v1/shipping/quotes/{}", c.quote.id))
        .await;
    assert_eq!(json.status, 200);
    let (stored,): (i64,) =
        sqlx::query_as("SELECT length(CAST(body AS BLOB)) FROM shipping_quotes WHERE id = ?")
            .bind(&c.quote.id)
            .fetch_one(&app.db().await)
            .await
            .expect("stored");
    let sent = i64::try_from(json.body.len()).expect("size");
    assert!(stored * 4 < sent, "stored {stored} B for {sent} B of JSON");
    eprintln!("a 20-line quote: {sent} B of JSON stored in {stored} B");
}

#[tokio::test]
async fn the_openapi_document_names_the_429_of_every_limited_operation() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    let responses = |path: &str, method: &str| doc["paths"][path][method]["responses"].clone();
    for (path, method) in [
        ("/api/v1/orders", "post"),
        ("/api/v1/carts", "post"),
        ("/api/v1/carts/{token}", "patch"),
        ("/api/v1/shipping/quotes", "post"),
        ("/api/v1/products", "get"),
        ("/api/v1/orders/{number}", "get"),
    ] {
        let r = responses(path, method);
        assert!(
            r["429"]["headers"]["Retry-After"].is_object(),
            "{method} {path}: {r}"
        );
    }
    assert!(responses("/api/v1/categories", "get")["429"].is_null());
}
