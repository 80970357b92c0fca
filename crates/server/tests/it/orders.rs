//! Orders through the API: a guest order charged what the server computed, steps that cannot
//! be skipped, idempotent replays and conflicts, declines that change nothing, orders only
//! their buyer can read, and the last units sold exactly once under concurrency.

use crate::helpers::{fields, TestApp, TestResponse};
use axum::body::Body;
use axum::http::Request;
use domain::order::Order;
use domain::shipping::{ShippingQuote, ShippingTotals};
use domain::{Cart, Currency};
use serde_json::{json, Value};

pub(crate) const APPROVED: &str = "4242 4242 4242 4242";
pub(crate) const DECLINED: &str = "4000 0000 0000 0002";
const NO_FUNDS: &str = "4000 0000 0000 9995";

/// In-stock SKUs with no special handling from two different sellers.
pub(crate) async fn two_sellers(app: &TestApp) -> [String; 2] {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT sku FROM (SELECT v.sku, p.seller_id, \
           row_number() OVER (PARTITION BY p.seller_id ORDER BY v.sku) AS n \
           FROM variants v JOIN products p ON p.id = v.product_id \
           WHERE p.handling = 0 AND v.stock >= 5) WHERE n = 1 ORDER BY seller_id LIMIT 2",
    )
    .fetch_all(&app.db().await)
    .await
    .expect("two sellers");
    [rows[0].0.clone(), rows[1].0.clone()]
}

pub(crate) fn address(country: &str, postal_code: &str) -> Value {
    match country {
        "CL" => json!({
            "country": "CL", "name": "Ana Pérez", "address_line1": "Av. Providencia 1234",
            "city": "Providencia", "state": "Región Metropolitana", "postal_code": postal_code,
            "phone": "9 6123 4567", "customs_id": "12.345.678-5"
        }),
        _ => json!({
            "country": "PE", "name": "Luis Quispe", "address_line1": "Av. Larco 345",
            "city": "Miraflores", "state": "Lima", "postal_code": postal_code,
            "phone": "912 345 678"
        }),
    }
}

/// Everything the checkout gathers before payment.
pub(crate) struct Checkout {
    pub cart_token: String,
    pub quote: ShippingQuote,
    pub choices: Value,
    pub totals: ShippingTotals,
    pub address: Value,
}

pub(crate) async fn checkout(
    app: &TestApp,
    lines: &[(&str, u32)],
    country: &str,
    postal_code: &str,
    currency: &str,
) -> Checkout {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(sku, quantity)| json!({ "sku": sku, "quantity": quantity }))
        .collect();
    let res = app
        .post_json("/api/v1/carts", &json!({ "lines": lines }).to_string())
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let cart: Cart = serde_json::from_value(res.json()).expect("cart");
    let res = app
        .post_json(
            &format!("/api/v1/shipping/quotes?currency={currency}"),
            &json!({
                "cart_token": cart.token,
                "destination": { "country": country, "postal_code": postal_code }
            })
            .to_string(),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let quote: ShippingQuote = serde_json::from_value(res.json()).expect("quote");
    let choices: Value = quote
        .shipments
        .iter()
        .map(|s| json!({ "shipment": s.id, "option": s.options[0].id }))
        .collect();
    let res = app
        .post_json(
            &format!("/api/v1/shipping/quotes/{}/totals", quote.id),
            &json!({ "choices": choices }).to_string(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let totals: ShippingTotals = serde_json::from_value(res.json()).expect("totals");
    Checkout {
        cart_token: cart.token,
        quote,
        choices,
        totals,
        address: address(country, postal_code),
    }
}

pub(crate) fn token(app: &TestApp, card: &str) -> String {
    app.sandbox.token_for_card(card).expect("a test card").0
}

pub(crate) fn order_body(c: &Checkout, payment_token: &str) -> Value {
    let mut body = json!({
        "cart_token": c.cart_token,
        "email": "ana@example.cl",
        "address": c.address,
        "shipping_quote_id": c.quote.id,
        "choices": c.choices,
        "payment_token": payment_token,
        "expected_total": c.totals.charge.amount,
    });
    if let Some(id) = &c.totals.charge.fx_quote_id {
        body["fx_quote_id"] = json!(id);
    }
    body
}

pub(crate) async fn place(app: &TestApp, key: &str, body: &Value) -> TestResponse {
    app.request(
        Request::post("/api/v1/orders?locale=es")
            .header("content-type", "application/json")
            .header("idempotency-key", key)
            .body(Body::from(body.to_string()))
            .expect("request"),
    )
    .await
}

pub(crate) async fn stock(app: &TestApp, sku: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT stock FROM variants WHERE sku = ?")
        .bind(sku)
        .fetch_one(&app.db().await)
        .await
        .expect("stock")
        .0
}

pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_as::<_, (i64,)>(sql)
        .fetch_one(&app.db().await)
        .await
        .expect("count")
        .0
}

/// Asserts that an attempt left nothing behind: no order, payment or hold, every SKU's stock
/// as it was, and the cart still holding `items` units.
async fn untouched(app: &TestApp, c: &Checkout, stocks: &[(&String, i64)], items: u64) {
    for table in ["orders", "payments", "stock_holds"] {
        let rows = count(app, &format!("SELECT count(*) FROM {table}")).await;
        assert_eq!(rows, 0, "{table}");
    }
    for (sku, before) in stocks {
        assert_eq!(stock(app, sku).await, *before, "{sku}");
    }
    let cart = app
        .get(&format!("/api/v1/carts/{}", c.cart_token))
        .await
        .json();
    assert_eq!(cart["item_count"], items);
}

#[tokio::test]
async fn a_guest_orders_from_two_sellers_to_chile_and_is_charged_in_pesos_what_the_server_computed()
{
    let app = TestApp::new().await;
    let [a, b] = two_sellers(&app).await;
    let (stock_a, stock_b) = (stock(&app, &a).await, stock(&app, &b).await);
    let c = checkout(&app, &[(&a, 2), (&b, 1)], "CL", "7500000", "CLP").await;
    assert_eq!(c.totals.charge.amount.currency(), Currency::CLP);
    assert_eq!(
        c.totals.charge.amount, c.totals.pay_now,
        "the sandbox settles pesos"
    );

    let res = place(&app, "order-1", &order_body(&c, &token(&app, APPROVED))).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let order: Order = serde_json::from_value(res.json()).expect("order");
    assert!(res.header("location").ends_with(&order.number));
    assert_eq!(order.status, "paid");
    assert_eq!(order.totals.charged, c.totals.pay_now);
    assert_eq!(order.totals.goods, c.totals.goods);
    assert_eq!(order.payment, "Visa •••• 4242");
    assert_eq!(order.address.customs_id, "12.345.678-5");
    assert_eq!(order.lines.len(), 2);
    assert_eq!(order.shipments.len(), c.quote.shipments.len());
    for s in &order.shipments {
        assert!(s.earliest <= s.latest && !s.carrier.is_empty());
    }
    // The sandbox charged exactly that, once.
    let charges = app.sandbox.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].amount, c.totals.pay_now);
    // Stock is sold; the cart became the order and is gone.
    assert_eq!(stock(&app, &a).await, stock_a - 2);
    assert_eq!(stock(&app, &b).await, stock_b - 1);
    app.get(&format!("/api/v1/carts/{}", c.cart_token))
        .await
        .problem(404, "cart_not_found");

    // The buyer reads it by number and email, or by the link's key.
    for query in [
        "email=ANA@example.cl".to_owned(),
        format!("key={}", order.access_key),
    ] {
        let res = app
            .get(&format!("/api/v1/orders/{}?{query}", order.number))
            .await;
        assert_eq!(res.status, 200, "{query}: {}", res.text());
        let read: Order = serde_json::from_value(res.json()).expect("order");
        assert_eq!(read, order);
    }
}

#[tokio::test]
async fn another_buyer_cannot_read_an_order_by_guessing_the_email_the_key_or_the_number() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let order: Order = serde_json::from_value(
        place(&app, "k", &order_body(&c, &token(&app, APPROVED)))
            .await
            .json(),
    )
    .expect("order");
    for path in [
        format!("{}?email=eve@example.cl&locale=es", order.number),
        format!(
            "{}?key=00000000000000000000000000000000&locale=es",
            order.number
        ),
        format!("{}?locale=es", order.number),
        "SO-AAAAA-AAAAA?email=ana@example.cl&locale=es".to_owned(),
    ] {
        let problem = app
            .get(&format!("/api/v1/orders/{path}"))
            .await
            .problem(404, "order_not_found");
        assert!(
            problem["detail"]
                .as_str()
                .expect("test value")
                .contains("pedido"),
            "{problem}"
        );
        assert!(!problem.to_string().contains("Ana"));
    }
}

#[tokio::test]
async fn guessing_the_email_of_an_order_is_stopped_after_five_tries_but_the_link_still_opens_it() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let res = place(&app, "guess", &order_body(&c, &token(&app, APPROVED))).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let order: Order = serde_json::from_value(res.json()).expect("order");
    let lookup = |email: &str| format!("/api/v1/orders/{}?email={email}&locale=es", order.number);
    for guess in [
        "a@example.cl",
        "b@example.cl",
        "c@example.cl",
        "d@example.cl",
        "e@example.cl",
    ] {
        app.get(&lookup(guess))
            .await
            .problem(404, "order_not_found");
    }
    // A made-up key does not lift the limit.
    let with_key = format!("{}&key=0123456789abcdef", lookup("ana@example.cl"));
    app.get(&with_key).await.problem(429, "too_many_attempts");
    // Even the right email now waits; the answer says how long, in the buyer's language.
    let res = app.get(&lookup("ana@example.cl")).await;
    let retry_after: u64 = res
        .header("retry-after")
        .parse()
        .expect("Retry-After seconds");
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let problem = res.problem(429, "too_many_attempts");
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .contains("15 minutos"),
        "{problem}"
    );
    // The confirmation link is not held back, and other orders are not affected.
    let res = app
        .get(&format!(
            "/api/v1/orders/{}?key={}",
            order.number, order.access_key
        ))
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    app.get("/api/v1/orders/SO-00000-00000?email=ana@example.cl")
        .await
        .problem(404, "order_not_found");
}

#[tokio::test]
async fn client_sent_prices_are_refused_and_a_total_the_server_did_not_compute_charges_nothing() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let before = stock(&app, &a).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let pay = token(&app, APPROVED);

    let mut body = order_body(&c, &pay);
    body["total"] = json!({ "amount": "1", "currency": "CLP" });
    body["lines"] =
        json!([{ "sku": a, "quantity": 1, "unit_price": { "amount": "1", "currency": "CLP" } }]);
    let problem = place(&app, "k1", &body)
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(fields(&problem), ["lines", "total"]);
    assert_eq!(problem["errors"][0]["code"], "not_accepted");

    // An expected total of one peso is not a price: the server says what it is instead.
    let mut body = order_body(&c, &pay);
    body["expected_total"] = json!({ "amount": "1", "currency": "CLP" });
    let problem = place(&app, "k2", &body)
        .await
        .problem(409, "order_total_changed");
    let totals: ShippingTotals =
        serde_json::from_value(problem["totals"].clone()).expect("new totals");
    assert_eq!(totals.charge.amount, c.totals.pay_now);
    assert!(app.sandbox.charges().is_empty());
    assert_eq!(stock(&app, &a).await, before);
    assert_eq!(count(&app, "SELECT count(*) FROM orders").await, 0);

    // Accepting the server's total places the order, for the server's amount.
    let res = place(&app, "k3", &order_body(&c, &pay)).await;
    assert_eq!(res.status, 201, "{}", res.text());
    assert_eq!(app.sandbox.charges()[0].amount, c.totals.pay_now);
}

#[tokio::test]
async fn skipping_a_step_is_refused_with_the_missing_step_named() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let pay = token(&app, APPROVED);
    type Change = Box<dyn Fn(&mut Value)>;
    // 400: the body breaks the schema (a required field missing or blank); 422: it is
    // well-formed but a rule refuses it.
    let cases: [(&str, Change, &[&str], u16); 6] = [
        (
            "no address",
            Box::new(|b| {
                b.as_object_mut().expect("test value").remove("address");
            }),
            &["address"],
            400,
        ),
        (
            "no email",
            Box::new(|b| b["email"] = json!("ana")),
            &["email"],
            422,
        ),
        (
            "an address missing fields",
            Box::new(|b| b["address"]["customs_id"] = json!("")),
            &["address.customs_id"],
            422,
        ),
        (
            "no shipping choice",
            Box::new(|b| b["choices"] = json!([])),
            &["choices"],
            400,
        ),
        (
            "no payment",
            Box::new(|b| b["payment_token"] = json!("")),
            &["payment_token"],
            400,
        ),
        (
            "an option not offered",
            Box::new(|b| b["choices"][0]["option"] = json!("XX-POST-ECONOMY")),
            &["choices.s1"],
            422,
        ),
    ];
    for (i, (case, change, expected, status)) in cases.iter().enumerate() {
        let mut body = order_body(&c, &pay);
        change(&mut body);
        let problem = place(&app, &format!("step-{i}"), &body)
            .await
            .problem(*status, "invalid_parameter");
        assert_eq!(fields(&problem), *expected, "{case}");
    }
    // Options quoted for Santiago centre are not offers for another postal code.
    let mut body = order_body(&c, &pay);
    body["address"]["postal_code"] = json!("8320000");
    let problem = place(&app, "other-address", &body)
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["shipping_quote_id"]);
    assert_eq!(problem["errors"][0]["code"], "other_address");
    // And no key, no order.
    let res = app
        .post_json("/api/v1/orders", &order_body(&c, &pay).to_string())
        .await;
    assert_eq!(
        fields(&res.problem(400, "invalid_parameter")),
        ["Idempotency-Key"]
    );
    assert!(app.sandbox.charges().is_empty());
    assert_eq!(count(&app, "SELECT count(*) FROM stock_holds").await, 0);
}

#[tokio::test]
async fn the_same_key_replays_the_same_order_and_the_same_key_with_another_body_is_a_422() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let before = stock(&app, &a).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let body = order_body(&c, &token(&app, APPROVED));
    let first = place(&app, "double-click", &body).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let again = place(&app, "double-click", &body).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    assert_eq!(count(&app, "SELECT count(*) FROM orders").await, 1);
    assert_eq!(app.sandbox.charges().len(), 1);
    assert_eq!(stock(&app, &a).await, before - 1);

    let mut other = body.clone();
    other["email"] = json!("someone@example.cl");
    place(&app, "double-click", &other)
        .await
        .problem(422, "idempotency_key_reused");
}

#[tokio::test]
async fn two_identical_requests_at_once_make_one_order() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    let body = order_body(&c, &token(&app, APPROVED));
    let (x, y) = tokio::join!(place(&app, "same", &body), place(&app, "same", &body));
    assert_eq!((x.status.as_u16(), y.status.as_u16()), (201, 201));
    assert_eq!(x.json()["number"], y.json()["number"]);
    assert_eq!(count(&app, "SELECT count(*) FROM orders").await, 1);
}

#[tokio::test]
async fn a_decline_makes_no_order_releases_the_stock_and_leaves_the_cart_as_it_was() {
    let app = TestApp::new().await;
    let [a, b] = two_sellers(&app).await;
    let (stock_a, stock_b) = (stock(&app, &a).await, stock(&app, &b).await);
    let c = checkout(&app, &[(&a, 1), (&b, 2)], "CL", "7500000", "CLP").await;
    for (card, code, words) in [
        (DECLINED, "card_declined", "rechazó"),
        (NO_FUNDS, "insufficient_funds", "fondos insuficientes"),
    ] {
        let problem = place(&app, code, &order_body(&c, &token(&app, card)))
            .await
            .problem(402, "payment_declined");
        assert_eq!(problem["errors"][0]["field"], "payment_token");
        assert_eq!(problem["errors"][0]["code"], code);
        assert!(
            problem["detail"]
                .as_str()
                .expect("test value")
                .contains(words),
            "{problem}"
        );
    }
    untouched(&app, &c, &[(&a, stock_a), (&b, stock_b)], 3).await;
    // A used token pays for nothing else; a new card then succeeds on the same quote.
    let res = place(&app, "retry", &order_body(&c, &token(&app, APPROVED))).await;
    assert_eq!(res.status, 201, "{}", res.text());
}

#[tokio::test]
async fn a_charge_whose_order_cannot_be_written_is_voided_and_a_retry_of_the_same_request_pays_once(
) {
    let app = TestApp::new().await;
    let [a, b] = two_sellers(&app).await;
    let (stock_a, stock_b) = (stock(&app, &a).await, stock(&app, &b).await);
    let c = checkout(&app, &[(&a, 1), (&b, 1)], "CL", "7500000", "CLP").await;
    // The last write fails after the card was charged (a full disk, a lost connection).
    sqlx::query(
        "CREATE TRIGGER orders_fail BEFORE INSERT ON orders \
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .execute(&app.db().await)
    .await
    .expect("trigger");
    let body = order_body(&c, &token(&app, APPROVED));
    let res = place(&app, "write-fails", &body).await;
    assert!(
        res.status.is_server_error(),
        "{} {}",
        res.status,
        res.text()
    );
    let charges = app.sandbox.charges();
    assert_eq!(charges.len(), 1);
    assert!(
        charges[0].voided,
        "the buyer pays nothing for an order that does not exist"
    );
    untouched(&app, &c, &[(&a, stock_a), (&b, stock_b)], 2).await;

    // Once the store can write again, the buyer's retry (same key, same body) places the order
    // and is charged once more; one charge stands.
    sqlx::query("DROP TRIGGER orders_fail")
        .execute(&app.db().await)
        .await
        .expect("drop trigger");
    let res = place(&app, "write-fails", &body).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let charges = app.sandbox.charges();
    assert_eq!(charges.len(), 2);
    assert!(!charges[1].voided);
    assert_eq!(charges[1].amount, c.totals.charge.amount);
    assert_eq!(count(&app, "SELECT count(*) FROM orders").await, 1);
    assert_eq!(stock(&app, &a).await, stock_a - 1);
}

#[tokio::test]
async fn twenty_orders_at_once_for_the_last_five_units_sell_exactly_five() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    sqlx::query("UPDATE variants SET stock = 5 WHERE sku = ?")
        .bind(&a)
        .execute(&app.db().await)
        .await
        .expect("stock");
    let mut bodies = Vec::new();
    for _ in 0..20 {
        let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
        bodies.push(order_body(&c, &token(&app, APPROVED)));
    }
    let app = &app;
    let results = futures_join_all(
        bodies
            .iter()
            .enumerate()
            .map(|(i, body)| async move { place(app, &format!("buyer-{i}"), body).await }),
    )
    .await;
    let created = results.iter().filter(|r| r.status == 201).count();
    let refused: Vec<&TestResponse> = results.iter().filter(|r| r.status != 201).collect();
    assert_eq!(created, 5);
    for r in &refused {
        let problem = r.problem(409, "insufficient_stock");
        assert_eq!(fields(&problem), ["lines[0].quantity"]);
    }
    assert_eq!(stock(app, &a).await, 0);
    assert_eq!(count(app, "SELECT count(*) FROM orders").await, 5);
    assert_eq!(app.sandbox.charges().len(), 5, "nobody refused was charged");
    assert_eq!(count(app, "SELECT count(*) FROM stock_holds").await, 0);
}

/// Runs every future at once on this task and collects their outputs in order.
pub(crate) async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (f, out) in pinned.iter_mut().zip(outputs.iter_mut()) {
            if out.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *out = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(|o| o.expect("ready")).collect()
}

#[tokio::test]
async fn a_currency_the_provider_does_not_settle_is_charged_in_dollars_at_the_locked_rate() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "PE", "15074", "PEN").await;
    assert_eq!(c.totals.pay_now.currency(), Currency::PEN);
    assert_eq!(c.totals.charge.amount.currency(), Currency::USD);
    let rate: rust_decimal::Decimal = c
        .totals
        .charge
        .rate
        .as_deref()
        .expect("test value")
        .parse()
        .expect("test value");
    assert_eq!(
        c.totals.charge.amount.amount(),
        (c.totals.pay_now.amount() * rate)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    );
    let setup = app
        .get("/api/v1/payment-methods?country=PE&currency=PEN&locale=es")
        .await;
    assert_eq!(setup.status, 200, "{}", setup.text());
    assert_eq!(setup.json()["charge_currency"], "USD");
    assert!(setup.json()["frame_url"]
        .as_str()
        .expect("test value")
        .contains("/frame?country=PE&locale=es"));

    let pay = token(&app, APPROVED);
    let mut body = order_body(&c, &pay);
    body.as_object_mut()
        .expect("test value")
        .remove("fx_quote_id");
    let problem = place(&app, "no-rate", &body)
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["fx_quote_id"]);
    let res = place(&app, "with-rate", &order_body(&c, &pay)).await;
    assert_eq!(res.status, 201, "{}", res.text());
    let order: Order = serde_json::from_value(res.json()).expect("order");
    assert_eq!(order.totals.charged, c.totals.charge.amount);
    assert_eq!(order.totals.pay_now, c.totals.pay_now);
}

#[tokio::test]
async fn a_price_changed_since_the_quote_or_an_expired_quote_is_refused_before_any_charge() {
    let app = TestApp::new().await;
    let [a, _] = two_sellers(&app).await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    sqlx::query("UPDATE variants SET price_minor = price_minor + 100 WHERE sku = ?")
        .bind(&a)
        .execute(&app.db().await)
        .await
        .expect("price");
    place(&app, "p", &order_body(&c, &token(&app, APPROVED)))
        .await
        .problem(409, "prices_changed");

    let app = TestApp::with_fx(server::fx::FxSettings {
        quote_seconds: 1,
        ..server::fx::FxSettings::default()
    })
    .await;
    let c = checkout(&app, &[(&a, 1)], "CL", "7500000", "CLP").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    place(&app, "e", &order_body(&c, &token(&app, APPROVED)))
        .await
        .problem(410, "shipping_quote_expired");
    assert!(app.sandbox.charges().is_empty());
}

#[tokio::test]
async fn the_payment_page_takes_the_card_on_its_own_origin_and_hands_back_only_a_token() {
    let app = TestApp::new().await;
    let page = server::payments::sandbox::router(app.sandbox.clone());
    let call = |method: &'static str, uri: String, body: &'static str| {
        let page = page.clone();
        async move { crate::helpers::send(&page, method, &uri, body).await }
    };
    let res = call(
        "GET",
        "/frame?origin=http://127.0.0.1:8080&locale=es&methods=card,bank_transfer".into(),
        "",
    )
    .await;
    assert_eq!(res.status, 200);
    let csp = res.header("content-security-policy");
    assert!(
        csp.contains("frame-ancestors http://127.0.0.1:8080"),
        "{csp}"
    );
    let html = res.text();
    assert!(html.contains(r#"<html lang="es""#) && html.contains("Número de tarjeta"));
    assert!(html.contains("Transferencia bancaria"));
    let res = call("GET", "/frame?origin=javascript:alert(1)".into(), "").await;
    assert_eq!(res.status, 400);

    let res = call(
        "POST",
        "/tokens".into(),
        r#"{"method":"card","number":"4242 4242 4242 4241","expiry":"01/20","cvc":"1"}"#,
    )
    .await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.text(),
        r#"{"errors":[{"field":"number"},{"field":"expiry"},{"field":"cvc"}]}"#
    );
    let res = call(
        "POST",
        "/tokens".into(),
        r#"{"method":"card","number":"4000 0000 0000 3220","expiry":"12/40","cvc":"123"}"#,
    )
    .await;
    assert_eq!(res.status, 201);
    let reply = res.json();
    assert_eq!(reply["challenge"], true);
    assert_eq!(
        reply["description"], "Visa •••• 3220",
        "only the last four digits come back"
    );
    let token = reply["token"].as_str().expect("test value");
    let challenge = format!("/tokens/{token}/challenge");
    let res = call("POST", challenge.clone(), r#"{"code":"0000"}"#).await;
    assert_eq!(res.status, 400);
    let res = call("POST", challenge, r#"{"code":"1234"}"#).await;
    assert_eq!(res.status, 200);
    // The store's own origin has no place to post a card to.
    assert!(matches!(
        app.post_json("/tokens", "{}").await.status.as_u16(),
        404 | 405
    ));
    assert_eq!(app.post_json("/api/v1/tokens", "{}").await.status, 404);
}

#[tokio::test]
async fn payment_methods_for_a_country_not_served_or_an_unknown_currency_are_refused_by_name() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/payment-methods?country=RU&currency=XYZ&locale=es")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(fields(&problem), ["country", "currency"]);
    assert!(
        problem["detail"]
            .as_str()
            .expect("detail")
            .starts_with("Revisa"),
        "{problem}"
    );
    let setup = app
        .get("/api/v1/payment-methods?country=br&currency=BRL&locale=pt")
        .await;
    assert_eq!(setup.status, 200, "{}", setup.text());
    let setup = setup.json();
    assert_eq!(setup["methods"], json!(["card", "pix"]));
    assert_eq!(setup["charge_currency"], "BRL");
    assert!(setup["frame_url"]
        .as_str()
        .expect("url")
        .ends_with("/frame?country=BR&locale=en&methods=card,pix"));
}
