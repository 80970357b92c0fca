//! Carts: grouping, server-computed totals, bad input that changes nothing, and tokens that
//! open only their own cart.

use crate::helpers::TestApp;
use domain::{Cart, Currency, Money, ProductDetail, ProductList};

/// SKUs of in-stock variants from two different sellers: `(sku, stock)` each.
async fn two_sellers(app: &TestApp) -> [(String, u32); 2] {
    let list: ProductList =
        serde_json::from_value(app.get("/api/v1/products?per_page=40").await.json()).expect("list");
    let mut picked: Vec<(String, String, u32)> = Vec::new();
    for item in &list.items {
        let detail: ProductDetail = serde_json::from_value(
            app.get(&format!("/api/v1/products/{}", item.slug))
                .await
                .json(),
        )
        .expect("detail");
        if picked
            .iter()
            .any(|(seller, _, _)| *seller == detail.seller.name)
        {
            continue;
        }
        if let Some(v) = detail.variants.iter().find(|v| v.stock >= 3) {
            picked.push((detail.seller.name.clone(), v.sku.clone(), v.stock));
        }
        if picked.len() == 2 {
            break;
        }
    }
    let [a, b] = [&picked[0], &picked[1]].map(|(_, sku, stock)| (sku.clone(), *stock));
    [a, b]
}

fn cart(res: &crate::helpers::TestResponse) -> Cart {
    serde_json::from_value(res.json()).expect("a cart")
}

async fn new_cart(app: &TestApp, body: &str) -> Cart {
    let res = app.post_json("/api/v1/carts", body).await;
    assert_eq!(res.status, 201, "{}", res.text());
    cart(&res)
}

async fn read(app: &TestApp, token: &str) -> Cart {
    let res = app.get(&format!("/api/v1/carts/{token}")).await;
    assert_eq!(res.status, 200, "{}", res.text());
    cart(&res)
}

fn lines(cart: &Cart) -> Vec<(String, u32)> {
    cart.groups
        .iter()
        .flat_map(|g| g.lines.iter().map(|l| (l.sku.clone(), l.quantity)))
        .collect()
}

#[tokio::test]
async fn lines_from_two_sellers_come_back_in_two_groups_priced_by_the_server() {
    let app = TestApp::new().await;
    let [(a, _), (b, _)] = two_sellers(&app).await;
    let created = new_cart(
        &app,
        &format!(
            r#"{{"lines": [{{"sku": "{a}", "quantity": 2}}, {{"sku": "{b}", "quantity": 1}}]}}"#
        ),
    )
    .await;
    assert_eq!(created.token.len(), 32);
    assert_eq!(created.groups.len(), 2);
    assert_eq!(created.item_count, 3);
    for group in &created.groups {
        let sum = group
            .lines
            .iter()
            .try_fold(Money::zero(group.subtotal.currency()), |s, l| {
                s.checked_add(l.line_total)
            })
            .expect("one currency per group");
        assert_eq!(group.subtotal, sum);
        for line in &group.lines {
            assert_eq!(
                line.line_total,
                line.unit_price
                    .checked_mul_qty(line.quantity)
                    .expect("total")
            );
        }
    }
    // In the buyer's currency: the total is the sum of the converted lines.
    let res = app
        .get(&format!("/api/v1/carts/{}?currency=EUR", created.token))
        .await;
    let priced = cart(&res);
    let converted: Vec<Money> = priced
        .groups
        .iter()
        .flat_map(|g| g.lines.iter())
        .map(|l| l.converted_total.as_ref().expect("converted").amount)
        .collect();
    let sum = converted
        .iter()
        .try_fold(Money::zero(Currency::EUR), |s, m| s.checked_add(*m))
        .expect("sum");
    assert_eq!(priced.total, Some(sum));
    assert!(priced.groups.iter().all(|g| g
        .converted_subtotal
        .is_some_and(|m| m.currency() == Currency::EUR)));
}

#[tokio::test]
async fn quantities_can_be_set_lines_removed_and_the_cart_deleted() {
    let app = TestApp::new().await;
    let [(a, _), (b, _)] = two_sellers(&app).await;
    let c = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}]}}"#),
    )
    .await;
    let res = app
        .send(
            "PATCH",
            &format!("/api/v1/carts/{}", c.token),
            &format!(
                r#"{{"lines": [{{"sku": "{a}", "quantity": 3}}, {{"sku": "{b}", "quantity": 1}}]}}"#
            ),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(lines(&cart(&res)), vec![(a.clone(), 3), (b.clone(), 1)]);

    let res = app
        .send(
            "DELETE",
            &format!("/api/v1/carts/{}/lines/{a}", c.token),
            "",
        )
        .await;
    assert_eq!(lines(&cart(&res)), vec![(b.clone(), 1)]);

    let res = app
        .send("DELETE", &format!("/api/v1/carts/{}", c.token), "")
        .await;
    assert_eq!(res.status, 204);
    app.get(&format!("/api/v1/carts/{}", c.token))
        .await
        .problem(404, "cart_not_found");
}

#[tokio::test]
async fn every_bad_line_is_refused_by_name_and_changes_nothing() {
    let app = TestApp::new().await;
    let [(a, stock), _] = two_sellers(&app).await;
    let c = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}]}}"#),
    )
    .await;
    let url = format!("/api/v1/carts/{}", c.token);
    let before = read(&app, &c.token).await;

    let cases: Vec<(String, u16, &str, &str)> = vec![
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 0}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": -1}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1.5}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": "2"}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": "abc"}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 100}}]}}"#),
            400,
            "invalid_parameter",
            "lines[0].quantity",
        ),
        (
            r#"{"lines": [{"sku": "NO-SUCH-SKU", "quantity": 1}]}"#.to_owned(),
            // Well-formed, but not an item: a rule of the store, not a breach of the schema.
            422,
            "invalid_parameter",
            "lines[0].sku",
        ),
        (
            format!(
                r#"{{"lines": [{{"sku": "{a}", "quantity": 1, "unit_price": {{"amount": "0.01", "currency": "USD"}}}}]}}"#
            ),
            400,
            "invalid_parameter",
            "lines[0].unit_price",
        ),
        (
            format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}], "total": "0.01"}}"#),
            400,
            "invalid_parameter",
            "total",
        ),
        (
            format!(
                r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}, {{"sku": "{a}", "quantity": 2}}]}}"#
            ),
            422,
            "invalid_parameter",
            "lines[1].sku",
        ),
        ("not json".to_owned(), 400, "invalid_parameter", "body"),
        (
            format!(
                r#"{{"lines": [{{"sku": "{a}", "quantity": {}}}]}}"#,
                (stock + 1).min(99)
            ),
            409,
            "insufficient_stock",
            "lines[0].quantity",
        ),
    ];
    for (body, status, code, field) in cases {
        if status == 409 && stock >= 99 {
            continue;
        }
        let problem = app.send("PATCH", &url, &body).await.problem(status, code);
        let fields = crate::helpers::fields(&problem);
        assert!(fields.contains(&field), "{body}: {fields:?}");
        assert_eq!(
            read(&app, &c.token).await,
            before,
            "{body} changed the cart"
        );
    }

    // A body over the limit.
    let big = format!(r#"{{"lines": [], "pad": "{}"}}"#, "x".repeat(20_000));
    app.send("PATCH", &url, &big)
        .await
        .problem(413, "payload_too_large");
    assert_eq!(read(&app, &c.token).await, before);

    // One bad line among good ones: nothing is written.
    let mixed = format!(
        r#"{{"lines": [{{"sku": "{a}", "quantity": 2}}, {{"sku": "NOPE", "quantity": 1}}]}}"#
    );
    app.send("PATCH", &url, &mixed)
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(read(&app, &c.token).await, before);
}

#[tokio::test]
async fn a_token_opens_only_its_own_cart() {
    let app = TestApp::new().await;
    let [(a, _), (b, _)] = two_sellers(&app).await;
    let first = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}]}}"#),
    )
    .await;
    let second = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{b}", "quantity": 2}}]}}"#),
    )
    .await;
    assert_ne!(first.token, second.token);
    let second_before = read(&app, &second.token).await;

    // The first token reads and changes only the first cart.
    assert_eq!(lines(&read(&app, &first.token).await), vec![(a.clone(), 1)]);
    app.send(
        "PATCH",
        &format!("/api/v1/carts/{}", first.token),
        &format!(r#"{{"lines": [{{"sku": "{b}", "quantity": 1}}]}}"#),
    )
    .await;
    app.send(
        "DELETE",
        &format!("/api/v1/carts/{}/lines/{b}", first.token),
        "",
    )
    .await;
    assert_eq!(read(&app, &second.token).await, second_before);

    // Tokens that are not carts.
    for token in [
        "0123456789abcdef0123456789abcdef",
        "short",
        "../../etc/passwd",
        "' OR 1=1 --",
    ] {
        let res = app
            .get(&format!(
                "/api/v1/carts/{}",
                token
                    .replace('/', "%2F")
                    .replace(' ', "%20")
                    .replace('\'', "%27")
            ))
            .await;
        assert_eq!(res.status, 404, "{token}");
    }
}

#[tokio::test]
async fn a_price_change_since_the_line_was_added_is_reported() {
    let app = TestApp::new().await;
    let [(a, _), _] = two_sellers(&app).await;
    let c = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{a}", "quantity": 1}}]}}"#),
    )
    .await;
    let was = c.groups[0].lines[0].unit_price;
    let db = app.db().await;
    sqlx::query("UPDATE variants SET price_minor = price_minor + 100 WHERE sku = ?")
        .bind(&a)
        .execute(&db)
        .await
        .expect("reprice");
    let now = read(&app, &c.token).await;
    let line = &now.groups[0].lines[0];
    assert_eq!(line.previous_unit_price, Some(was));
    assert_eq!(line.unit_price.to_minor(), was.to_minor() + 100);
}

#[tokio::test]
async fn a_line_that_cannot_ship_to_the_chosen_country_says_why_and_blocks_the_cart() {
    let app = TestApp::new().await;
    let db = app.db().await;
    let (battery,): (String,) = sqlx::query_as(
        "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id \
         WHERE p.handling & 2 AND v.stock >= 1 AND NOT EXISTS ( \
           SELECT 1 FROM product_warehouses pw JOIN warehouses w ON w.id = pw.warehouse_id \
           WHERE pw.product_id = p.id AND w.country = 'AU') \
         ORDER BY v.sku LIMIT 1",
    )
    .fetch_one(&db)
    .await
    .expect("a product with a lithium battery");
    let c = new_cart(
        &app,
        &format!(r#"{{"lines": [{{"sku": "{battery}", "quantity": 1}}]}}"#),
    )
    .await;
    assert!(!c.blocked);

    let to_au = cart(
        &app.get(&format!("/api/v1/carts/{}?ship_to=AU", c.token))
            .await,
    );
    assert_eq!(to_au.ship_to.as_deref(), Some("AU"));
    assert!(to_au.blocked);
    assert_eq!(
        to_au.groups[0].lines[0].restriction.map(|r| r.code()),
        Some("lithium_battery")
    );

    let to_us = cart(
        &app.get(&format!("/api/v1/carts/{}?ship_to=US", c.token))
            .await,
    );
    assert!(!to_us.blocked);
    assert_eq!(to_us.groups[0].lines[0].restriction, None);

    let problem = app
        .get(&format!(
            "/api/v1/carts/{}?ship_to=XX&currency=ABC",
            c.token
        ))
        .await
        .problem(400, "invalid_parameter");
    let fields = crate::helpers::fields(&problem);
    assert_eq!(fields, ["currency", "ship_to"]);
}
