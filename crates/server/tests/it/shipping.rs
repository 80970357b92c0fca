//! Shipping quotes through the API: options with dates and landed cost, bad requests named
//! field by field, unshippable lines with their reason, totals for chosen options, expiry and
//! a cart changed since the quote.

use crate::helpers::{fields, TestApp};
use domain::shipping::{ShippingQuote, ShippingTotals};
use domain::Currency;

/// An in-stock SKU of a product with no special handling, sold in `category`.
async fn plain_sku(app: &TestApp, category: &str) -> String {
    let (sku,): (String,) = sqlx::query_as(
        "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id \
         JOIN categories c ON c.id = p.category_id \
         WHERE c.slug = ? AND p.handling = 0 AND v.stock >= 5 ORDER BY v.sku LIMIT 1",
    )
    .bind(category)
    .fetch_one(&app.db().await)
    .await
    .expect("a plain product");
    sku
}

async fn quote(app: &TestApp, query: &str, body: &str) -> ShippingQuote {
    let res = app
        .post_json(&format!("/api/v1/shipping/quotes{query}"), body)
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    serde_json::from_value(res.json()).expect("a quote")
}

#[tokio::test]
async fn a_product_estimate_lists_every_option_with_dates_and_landed_cost_in_the_buyers_currency() {
    let app = TestApp::new().await;
    let sku = plain_sku(&app, "apparel").await;
    let q = quote(
        &app,
        "?currency=GBP&locale=es",
        &format!(r#"{{"destination": {{"country": "GB"}}, "lines": [{{"sku": "{sku}", "quantity": 1}}]}}"#),
    )
    .await;
    assert_eq!((q.country.as_str(), q.currency), ("GB", Currency::GBP));
    assert_eq!(q.expires_in, 900);
    assert_eq!(q.shipments.len(), 1);
    let s = &q.shipments[0];
    assert_eq!(s.lines[0].sku, sku);
    assert!(!s.origin_city.is_empty());
    assert!(s.options.len() >= 3, "{} options", s.options.len());
    for label in ["cheapest", "fastest", "best_value"] {
        assert_eq!(
            s.options
                .iter()
                .filter(|o| o.labels.iter().any(|l| l.code() == label))
                .count(),
            1,
            "{label}"
        );
    }
    for o in &s.options {
        assert_eq!(o.converted.currency(), Currency::GBP);
        assert_eq!(o.total.currency(), Currency::GBP);
        assert!(o.earliest <= o.latest, "{} {}", o.earliest, o.latest);
        assert!(o.total.to_minor() >= o.pay_now.to_minor());
        // One cheap garment into the UK: VAT collected with the order, no duty.
        assert_eq!(o.tax_rule.code(), "collected_at_checkout", "{}", o.id);
        assert_eq!(o.taxes_due.code(), "checkout");
        assert_eq!(
            o.threshold.map(|t| t.amount_string()),
            Some("135.00".into())
        );
    }
    assert!(q.separate_shipping.to_minor() >= q.chosen_shipping.to_minor());
    // The same quote can be read back while it lasts.
    let again: ShippingQuote = serde_json::from_value(
        app.get(&format!("/api/v1/shipping/quotes/{}", q.id))
            .await
            .json(),
    )
    .expect("quote");
    assert_eq!(again.shipments, q.shipments);
}

#[tokio::test]
async fn bad_quote_requests_name_every_field_and_unknown_carts_are_404() {
    let app = TestApp::new().await;
    let sku = plain_sku(&app, "apparel").await;
    let problem = app
        .post_json(
            "/api/v1/shipping/quotes?currency=ABC",
            r#"{"destination": {"country": "XX", "postal_code": "<script>"}, "lines": [], "price": 1}"#,
        )
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(
        fields(&problem),
        [
            "currency",
            "price",
            "destination.country",
            "destination.postal_code",
            "lines"
        ]
    );
    let problem = app
        .post_json(
            "/api/v1/shipping/quotes",
            r#"{"destination": {"country": "us"}, "lines": [{"sku": "NOPE-1", "quantity": 1}]}"#,
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["lines[0].sku"]);
    let problem = app
        .post_json(
            "/api/v1/shipping/quotes",
            &format!(r#"{{"destination": {{"country": "US"}}, "lines": [{{"sku": "{sku}", "quantity": 0}}]}}"#),
        )
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(fields(&problem), ["lines[0].quantity"]);
    app.post_json("/api/v1/shipping/quotes", "not json")
        .await
        .problem(400, "invalid_parameter");
    app.post_json(
        "/api/v1/shipping/quotes",
        r#"{"destination": {"country": "US"}, "cart_token": "0123456789abcdef0123456789abcdef"}"#,
    )
    .await
    .problem(404, "cart_not_found");

    // An empty cart cannot be quoted.
    let cart = app
        .post_json(
            "/api/v1/carts",
            &format!(r#"{{"lines": [{{"sku": "{sku}", "quantity": 1}}]}}"#),
        )
        .await
        .json();
    let token = cart["token"].as_str().expect("token");
    app.send("DELETE", &format!("/api/v1/carts/{token}/lines/{sku}"), "")
        .await;
    let problem = app
        .post_json(
            "/api/v1/shipping/quotes",
            &format!(r#"{{"destination": {{"country": "US"}}, "cart_token": "{token}"}}"#),
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["cart_token"]);
    // Messages come in the request's language.
    let problem = app
        .post_json(
            "/api/v1/shipping/quotes?locale=es",
            r#"{"destination": {"country": "US"}, "lines": []}"#,
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(
        problem["errors"][0]["message"],
        "lines no puede estar vacío."
    );
}

#[tokio::test]
async fn a_line_that_cannot_ship_is_listed_with_its_reason_and_the_rest_is_still_quoted() {
    let app = TestApp::new().await;
    let plain = plain_sku(&app, "apparel").await;
    let (battery,): (String,) = sqlx::query_as(
        "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE p.handling & 2 AND v.stock >= 1 AND NOT EXISTS ( \
           SELECT 1 FROM product_warehouses pw JOIN warehouses w ON w.id = pw.warehouse_id \
           WHERE pw.product_id = p.id AND w.country = 'AU') ORDER BY v.sku LIMIT 1",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("a battery product");
    let q = quote(
        &app,
        "?currency=AUD",
        &format!(
            r#"{{"destination": {{"country": "AU", "postal_code": "2000"}}, "lines": [{{"sku": "{battery}", "quantity": 1}}, {{"sku": "{plain}", "quantity": 2}}]}}"#
        ),
    )
    .await;
    assert_eq!(q.unshippable.len(), 1);
    assert_eq!(q.unshippable[0].sku, battery);
    assert_eq!(q.unshippable[0].reason.code(), "lithium_battery");
    assert!(!q.unshippable[0].title.is_empty());
    let shipped: Vec<&str> = q
        .shipments
        .iter()
        .flat_map(|s| s.lines.iter().map(|l| l.sku.as_str()))
        .collect();
    assert_eq!(shipped, [plain.as_str()]);
}

#[tokio::test]
async fn totals_follow_the_chosen_options_and_a_changed_cart_or_an_expired_quote_is_refused() {
    let app = TestApp::new().await;
    let a = plain_sku(&app, "apparel").await;
    let b = plain_sku(&app, "home-garden").await;
    let cart = app
        .post_json(
            "/api/v1/carts",
            &format!(
                r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}, {{"sku": "{b}", "quantity": 2}}]}}"#
            ),
        )
        .await
        .json();
    let token = cart["token"].as_str().expect("token").to_owned();
    let q = quote(
        &app,
        "?currency=CLP",
        &format!(r#"{{"destination": {{"country": "CL"}}, "cart_token": "{token}"}}"#),
    )
    .await;
    assert!(!q.shipments.is_empty());
    // The fastest option of every shipment.
    let choices: Vec<String> = q
        .shipments
        .iter()
        .map(|s| {
            let o = s
                .options
                .iter()
                .find(|o| o.labels.iter().any(|l| l.code() == "fastest"))
                .expect("fastest");
            format!(r#"{{"shipment": "{}", "option": "{}"}}"#, s.id, o.id)
        })
        .collect();
    let body = format!(r#"{{"choices": [{}]}}"#, choices.join(","));
    let res = app
        .post_json(&format!("/api/v1/shipping/quotes/{}/totals", q.id), &body)
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let totals: ShippingTotals = serde_json::from_value(res.json()).expect("totals");
    let chosen: Vec<&domain::shipping::ShippingOption> = q
        .shipments
        .iter()
        .map(|s| {
            s.options
                .iter()
                .find(|o| o.labels.iter().any(|l| l.code() == "fastest"))
                .expect("fastest")
        })
        .collect();
    let sum = |f: &dyn Fn(&domain::shipping::ShippingOption) -> i64| {
        chosen.iter().map(|o| f(o)).sum::<i64>()
    };
    assert_eq!(totals.shipping.to_minor(), sum(&|o| o.converted.to_minor()));
    assert_eq!(totals.landed_total.to_minor(), sum(&|o| o.total.to_minor()));
    assert_eq!(totals.pay_now.to_minor(), sum(&|o| o.pay_now.to_minor()));
    assert_eq!(
        totals.goods.to_minor()
            + totals.shipping.to_minor()
            + totals.duties_and_taxes_now.to_minor()
            + totals.due_on_delivery.to_minor(),
        totals.landed_total.to_minor()
    );
    assert_eq!(totals.landed_total.currency(), Currency::CLP);

    // A shipment left out, or an option the quote did not offer, is named.
    let s1 = &q.shipments[0].id;
    let problem = app
        .post_json(
            &format!("/api/v1/shipping/quotes/{}/totals", q.id),
            r#"{"choices": []}"#,
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), [format!("choices.{s1}").as_str()]);
    let problem = app
        .post_json(
            &format!("/api/v1/shipping/quotes/{}/totals", q.id),
            &format!(r#"{{"choices": [{{"shipment": "{s1}", "option": "XX-NOPE-EXP1"}}]}}"#),
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(problem["errors"][0]["code"], "not_offered");

    // The buyer changes the cart in another tab: the quote no longer holds.
    app.send(
        "PATCH",
        &format!("/api/v1/carts/{token}"),
        &format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 2}}]}}"#),
    )
    .await;
    app.post_json(&format!("/api/v1/shipping/quotes/{}/totals", q.id), &body)
        .await
        .problem(409, "quote_altered");

    // Time runs out.
    sqlx::query("UPDATE shipping_quotes SET expires_at = 0 WHERE id = ?")
        .bind(&q.id)
        .execute(&app.db().await)
        .await
        .expect("expire");
    app.get(&format!("/api/v1/shipping/quotes/{}", q.id))
        .await
        .problem(410, "shipping_quote_expired");
    app.post_json(&format!("/api/v1/shipping/quotes/{}/totals", q.id), &body)
        .await
        .problem(410, "shipping_quote_expired");
    app.get("/api/v1/shipping/quotes/nope")
        .await
        .problem(404, "shipping_quote_not_found");
}

#[tokio::test]
async fn the_openapi_document_describes_the_shipping_endpoints() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/shipping/quotes"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/shipping/quotes/{id}"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/shipping/quotes/{id}/totals"]["post"].is_object());
    assert!(doc["components"]["schemas"]["ShippingOption"].is_object());
}
