//! Previews of a seller's draft (issue 18): the seller's own, and share links signed by the
//! server that open one store's draft without an account until they expire or are withdrawn.

use crate::helpers::{TestApp, TestResponse};
use crate::sellers::{call, product_of, signed_in, Session, A, B};
use crate::store_pages::{publish, put};
use axum::body::Body;
use axum::http::Request;
use serde_json::json;

/// `GET uri` with a preview token and no session.
async fn with_token(app: &TestApp, uri: &str, token: &str) -> TestResponse {
    let request = Request::builder()
        .uri(uri)
        .header("x-preview-token", token)
        .body(Body::empty())
        .expect("request");
    app.request(request).await
}

async fn make_link(app: &TestApp, session: &Session, body: serde_json::Value) -> TestResponse {
    call(
        app,
        "POST",
        "/api/v1/seller/preview-links",
        Some(session),
        Some(&session.csrf),
        Some(body),
    )
    .await
}

/// The token of a link made by `session`: the last segment of its page's path.
async fn token_of(app: &TestApp, session: &Session, body: serde_json::Value) -> (String, String) {
    let made = make_link(app, session, body).await;
    assert_eq!(made.status, 201, "{}", made.text());
    let link = made.json();
    let path = link["path"].as_str().expect("path").to_owned();
    let token = path.rsplit('/').next().expect("token").to_owned();
    (link["id"].as_str().expect("id").to_owned(), token)
}

async fn seller_id(app: &TestApp, slug: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM sellers WHERE slug = ?")
        .bind(slug)
        .fetch_one(&app.state.db)
        .await
        .expect("seller");
    id
}

fn private_and_unindexed(response: &TestResponse) {
    assert_eq!(response.header("cache-control"), "private, no-store");
    assert_eq!(response.header("x-robots-tag"), "noindex");
}

#[tokio::test]
async fn a_seller_sees_its_draft_in_preview_while_buyers_keep_the_published_store() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let saved = put(
        &app,
        &a,
        "/api/v1/seller/store/draft",
        json!({ "tagline": "Draft: lanterns for the new year" }),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());

    let buyer = app.get(&format!("/api/v1/sellers/{A}")).await;
    assert_eq!(buyer.status, 200);
    assert!(
        !buyer.text().contains("lanterns for the new year"),
        "a buyer never receives the draft"
    );

    let preview = call(&app, "GET", "/api/v1/preview/store", Some(&a), None, None).await;
    assert_eq!(preview.status, 200, "{}", preview.text());
    private_and_unindexed(&preview);
    assert_eq!(preview.json()["seller"]["slug"], A);
    assert_eq!(
        preview.json()["profile"]["tagline"],
        "Draft: lanterns for the new year"
    );
    let scope = call(&app, "GET", "/api/v1/preview", Some(&a), None, None).await;
    assert_eq!(scope.json()["store"], A);
    assert_eq!(scope.json()["via"], "seller");

    // Another seller's session previews its own store, never A's.
    let b = signed_in(&app, B).await;
    let other = call(&app, "GET", "/api/v1/preview/store", Some(&b), None, None).await;
    assert_eq!(other.json()["seller"]["slug"], B);
    assert!(!other.text().contains("lanterns for the new year"));
    // Without a session or a token there is nothing to preview.
    app.get("/api/v1/preview/store")
        .await
        .problem(401, "not_signed_in");
}

#[tokio::test]
async fn a_product_preview_shows_the_draft_title_in_the_asked_currency_and_buyers_the_published_one(
) {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let slug = product_of(&app, seller_id(&app, A).await).await;
    let text = json!({ "title": "草稿标题 Draft title", "description_html": "<p>草稿<script>x()</script></p>" });
    let uri = format!("/api/v1/seller/products/{slug}/texts/zh-CN");
    let saved = put(&app, &a, &uri, text).await;
    assert_eq!(saved.status, 200, "{}", saved.text());

    let buyer = app
        .get(&format!("/api/v1/products/{slug}?locale=zh-CN"))
        .await;
    assert_ne!(buyer.json()["title"], "草稿标题 Draft title");

    let uri = format!("/api/v1/preview/products/{slug}?locale=zh-CN&currency=IDR");
    let preview = call(&app, "GET", &uri, Some(&a), None, None).await;
    assert_eq!(preview.status, 200, "{}", preview.text());
    private_and_unindexed(&preview);
    let detail = preview.json();
    assert_eq!(detail["title"], "草稿标题 Draft title");
    assert_eq!(
        detail["description_html"], "<p>草稿</p>",
        "sanitized on the way out"
    );
    assert_eq!(detail["converted"]["amount"]["currency"], "IDR");

    // Another seller's product in A's preview: as its buyers see it, never B's draft.
    let b = signed_in(&app, B).await;
    let theirs = product_of(&app, seller_id(&app, B).await).await;
    let uri = format!("/api/v1/seller/products/{theirs}/texts/zh-CN");
    let text = json!({ "title": "B 的草稿", "description_html": "<p>B</p>" });
    assert_eq!(put(&app, &b, &uri, text).await.status, 200);
    let published = app
        .get(&format!("/api/v1/products/{theirs}?locale=zh-CN"))
        .await
        .json();
    let seen = call(
        &app,
        "GET",
        &format!("/api/v1/preview/products/{theirs}?locale=zh-CN"),
        Some(&a),
        None,
        None,
    )
    .await;
    assert_eq!(seen.status, 200, "{}", seen.text());
    assert_eq!(seen.json()["title"], published["title"]);
    assert!(!seen.text().contains("B 的草稿"), "{}", seen.text());
    // The same for a store page: A's own is its draft, B's as published.
    let tagline = |page: &TestResponse| page.json()["profile"]["tagline"].clone();
    put(
        &app,
        &b,
        "/api/v1/seller/store/draft",
        json!({ "tagline": "B draft tagline" }),
    )
    .await;
    let b_slug = app.get(&format!("/api/v1/products/{theirs}")).await.json()["seller"]["slug"]
        .as_str()
        .expect("a seller")
        .to_owned();
    let a_slug = app.get(&format!("/api/v1/products/{slug}")).await.json()["seller"]["slug"]
        .as_str()
        .expect("a seller")
        .to_owned();
    let own = call(
        &app,
        "GET",
        &format!("/api/v1/preview/stores/{a_slug}"),
        Some(&a),
        None,
        None,
    )
    .await;
    let mine = call(&app, "GET", "/api/v1/preview/store", Some(&a), None, None).await;
    assert_eq!(own.status, 200, "{}", own.text());
    private_and_unindexed(&own);
    assert_eq!(own.json(), mine.json(), "the previewed store is its draft");
    let other = call(
        &app,
        "GET",
        &format!("/api/v1/preview/stores/{b_slug}"),
        Some(&a),
        None,
        None,
    )
    .await;
    assert_eq!(other.status, 200, "{}", other.text());
    assert_ne!(tagline(&other), "B draft tagline");
    assert!(!other.text().contains("B draft tagline"));
    call(
        &app,
        "GET",
        "/api/v1/preview/stores/no-such-store",
        Some(&a),
        None,
        None,
    )
    .await
    .problem(404, "not_found");
}

#[tokio::test]
async fn a_share_link_opens_its_stores_draft_without_a_session_in_its_one_market() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    put(
        &app,
        &a,
        "/api/v1/seller/store/draft",
        json!({ "tagline": "Draft for partners" }),
    )
    .await;
    let mine: Vec<String> = sqlx::query_as::<_, (String,)>(
        "SELECT p.slug FROM products p JOIN sellers s ON s.id = p.seller_id WHERE s.slug = ? \
         ORDER BY p.id LIMIT 3",
    )
    .bind(A)
    .fetch_all(&app.state.db)
    .await
    .expect("products")
    .into_iter()
    .map(|(s,)| s)
    .collect();
    let featured = put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": mine }),
    )
    .await;
    assert_eq!(featured.status, 200, "{}", featured.text());
    let market = json!({ "country": "id", "locale": "id", "currency": "idr" });
    let made = make_link(&app, &a, json!({ "days": 7, "market": market })).await;
    assert_eq!(made.status, 201, "{}", made.text());
    private_and_unindexed(&made);
    let link = made.json();
    assert_eq!(
        link["market"],
        json!({ "country": "ID", "locale": "id", "currency": "IDR" })
    );
    let path = link["path"].as_str().expect("path");
    assert!(path.starts_with("/id/preview/"), "{path}");
    let token = path.rsplit('/').next().expect("token");

    let scope = with_token(&app, "/api/v1/preview", token).await;
    assert_eq!(scope.status, 200, "{}", scope.text());
    assert_eq!(scope.json()["store"], A);
    assert_eq!(scope.json()["via"], "link");
    assert_eq!(scope.json()["market"]["currency"], "IDR");

    // The link's market wins over the one asked for.
    let store = with_token(
        &app,
        "/api/v1/preview/store?locale=en&currency=USD&country=US",
        token,
    )
    .await;
    assert_eq!(store.status, 200, "{}", store.text());
    private_and_unindexed(&store);
    let store = store.json();
    assert_eq!(store["profile"]["tagline"], "Draft for partners");
    let featured = store["featured"].as_array().expect("featured");
    assert_eq!(featured.len(), 3, "the draft's featured products");
    assert!(
        featured
            .iter()
            .all(|p| p["converted"]["amount"]["currency"] == "IDR"),
        "{featured:?}"
    );
    // The same store asked for by the seller in another market is in that one.
    let own = call(
        &app,
        "GET",
        "/api/v1/preview/store?currency=USD",
        Some(&a),
        None,
        None,
    )
    .await
    .json();
    assert_eq!(own["featured"][0]["converted"]["amount"]["currency"], "USD");
    // A token in the query opens nothing, nor does one sent with a write.
    app.get(&format!("/api/v1/preview/store?token={token}"))
        .await
        .problem(401, "not_signed_in");
    let write = Request::builder()
        .method("POST")
        .uri("/api/v1/seller/store/publish")
        .header("x-preview-token", token)
        .body(Body::empty())
        .expect("request");
    app.request(write).await.problem(401, "not_signed_in");
}

#[tokio::test]
async fn a_link_signed_for_one_store_cannot_open_another_and_an_altered_one_is_refused() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let (id, token) = token_of(&app, &a, json!({ "days": 3 })).await;
    let mut parts = token.splitn(3, '-');
    let (_, expires, signature) = (
        parts.next().expect("id"),
        parts
            .next()
            .expect("expiry")
            .parse::<i64>()
            .expect("a number"),
        parts.next().expect("signature"),
    );
    // The same link re-signed as if it were seller B's: the server signs (id, seller, expiry).
    let secret = app.state.preview_secret.clone();
    let as_b = server::sellers::preview::token(&secret, &id, seller_id(&app, B).await, expires);
    with_token(&app, "/api/v1/preview/store", &as_b)
        .await
        .problem(403, "preview_link_invalid");
    // B's product through A's link: as B's buyers see it.
    let theirs = product_of(&app, seller_id(&app, B).await).await;
    let seen = with_token(&app, &format!("/api/v1/preview/products/{theirs}"), &token).await;
    assert_eq!(seen.status, 200, "{}", seen.text());
    assert_eq!(
        seen.json()["title"],
        app.get(&format!("/api/v1/products/{theirs}")).await.json()["title"]
    );
    // A later expiry with the old signature, a changed signature, a made-up id, garbage.
    let later = format!("{id}-{}-{signature}", expires + 86_400 * 30);
    let mut flipped = signature.to_owned();
    let last = if flipped.ends_with('A') { "B" } else { "A" };
    flipped.replace_range(flipped.len() - 1.., last);
    let altered = format!("{id}-{expires}-{flipped}");
    let unknown = server::sellers::preview::token(
        &secret,
        "0123456789abcdef0123456789abcdef",
        seller_id(&app, A).await,
        expires,
    );
    for bad in [later.as_str(), &altered, &unknown, "not-a-token", "a.b.c"] {
        let refused = with_token(&app, "/api/v1/preview/store", bad).await;
        refused.problem(403, "preview_link_invalid");
        assert!(!refused.text().contains("profile"), "no draft content");
    }
    // The real one still opens.
    assert_eq!(
        with_token(&app, "/api/v1/preview/store", &token)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn an_expired_or_withdrawn_link_is_gone_and_only_its_seller_may_withdraw_it() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let b = signed_in(&app, B).await;
    let (id, token) = token_of(&app, &a, json!({ "days": 14 })).await;
    let (old_id, _) = token_of(&app, &a, json!({ "days": 1 })).await;

    // Expired: its expiry moved to the past in the database, the token signed for it.
    let past = 1_000_000_i64;
    sqlx::query("UPDATE preview_links SET expires_at = ? WHERE id = ?")
        .bind(past)
        .bind(&old_id)
        .execute(&app.state.db)
        .await
        .expect("update");
    let secret = app.state.preview_secret.clone();
    let expired = server::sellers::preview::token(&secret, &old_id, seller_id(&app, A).await, past);
    with_token(&app, "/api/v1/preview/store", &expired)
        .await
        .problem(410, "preview_link_gone");

    // Another seller cannot withdraw it, nor without the CSRF token.
    let uri = format!("/api/v1/seller/preview-links/{id}");
    call(&app, "DELETE", &uri, Some(&b), Some(&b.csrf), None)
        .await
        .problem(404, "not_found");
    call(&app, "DELETE", &uri, Some(&a), None, None)
        .await
        .problem(403, "csrf_failed");
    assert_eq!(
        with_token(&app, "/api/v1/preview/store", &token)
            .await
            .status,
        200,
        "still open"
    );
    let withdrawn = call(&app, "DELETE", &uri, Some(&a), Some(&a.csrf), None).await;
    assert_eq!(withdrawn.status, 204, "{}", withdrawn.text());
    let gone = with_token(&app, "/api/v1/preview/store", &token).await;
    gone.problem(410, "preview_link_gone");
    assert!(!gone.text().contains("tagline"));

    let listed = call(
        &app,
        "GET",
        "/api/v1/seller/preview-links",
        Some(&a),
        None,
        None,
    )
    .await
    .json();
    let links = listed["links"].as_array().expect("links");
    assert!(links
        .iter()
        .any(|l| l["id"] == id.as_str() && l["revoked"] == true));
    let theirs = call(
        &app,
        "GET",
        "/api/v1/seller/preview-links",
        Some(&b),
        None,
        None,
    )
    .await
    .json();
    assert_eq!(theirs["links"], json!([]), "B sees none of A's links");
}

#[tokio::test]
async fn a_link_is_made_for_one_to_fourteen_days_for_a_market_the_store_serves_by_its_seller_only()
{
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    for days in [0, 15, 365] {
        make_link(&app, &a, json!({ "days": days }))
            .await
            .problem(400, "invalid_parameter");
    }
    for market in [
        json!({ "country": "XX", "locale": "en", "currency": "USD" }),
        json!({ "country": "US", "locale": "klingon", "currency": "USD" }),
        json!({ "country": "US", "locale": "en", "currency": "XYZ" }),
    ] {
        make_link(&app, &a, json!({ "days": 2, "market": market }))
            .await
            .problem(400, "invalid_parameter");
    }
    let no_csrf = call(
        &app,
        "POST",
        "/api/v1/seller/preview-links",
        Some(&a),
        None,
        Some(json!({ "days": 2 })),
    )
    .await;
    no_csrf.problem(403, "csrf_failed");
    let anonymous = call(
        &app,
        "POST",
        "/api/v1/seller/preview-links",
        None,
        None,
        Some(json!({ "days": 2 })),
    )
    .await;
    anonymous.problem(401, "not_signed_in");
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM preview_links")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 0, "nothing written on a refusal");
    // Twenty open links at most.
    for _ in 0..20 {
        assert_eq!(make_link(&app, &a, json!({ "days": 1 })).await.status, 201);
    }
    let refused = make_link(&app, &a, json!({ "days": 1 }))
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(refused["errors"][0]["field"], "links");
    assert_eq!(refused["errors"][0]["code"], "too_many");
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM preview_links")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(count, 20, "the refused one is not written");
}

async fn save_tagline(app: &TestApp, session: &Session, tagline: &str) {
    let saved = put(
        app,
        session,
        "/api/v1/seller/store/draft",
        json!({ "tagline": tagline, "theme_color": "#0e5a4c" }),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
}

async fn publications(app: &TestApp, session: &Session) -> serde_json::Value {
    call(
        app,
        "GET",
        "/api/v1/seller/publications",
        Some(session),
        None,
        None,
    )
    .await
    .json()
}

#[tokio::test]
async fn restoring_an_earlier_publication_puts_it_before_buyers_again_as_a_new_one() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    save_tagline(&app, &a, "Spring lanterns").await;
    publish(&app, &a).await;
    save_tagline(&app, &a, "Summer fans").await;
    publish(&app, &a).await;
    let buyer = || async { app.get(&format!("/api/v1/sellers/{A}")).await.json() };
    assert_eq!(buyer().await["profile"]["tagline"], "Summer fans");
    let listed = publications(&app, &a).await;
    let numbers: Vec<_> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["number"].clone())
        .collect();
    assert_eq!(numbers, vec![json!(2), json!(1)], "newest first");

    let restored = call(
        &app,
        "POST",
        "/api/v1/seller/publications/1/restore",
        Some(&a),
        Some(&a.csrf),
        None,
    )
    .await;
    assert_eq!(restored.status, 200, "{}", restored.text());
    assert_eq!(restored.json()["draft"]["tagline"], "Spring lanterns");
    assert_eq!(restored.json()["unpublished_changes"], false);
    assert_eq!(buyer().await["profile"]["tagline"], "Spring lanterns");
    let newest = &publications(&app, &a).await["items"][0];
    assert_eq!(newest["number"], 3);
    assert_eq!(newest["restored_from"], 1);

    // Refused: another store's number, an unknown one, no CSRF token.
    let b = signed_in(&app, B).await;
    for (session, csrf, uri, status, code) in [
        (
            &b,
            Some(b.csrf.as_str()),
            "/api/v1/seller/publications/2/restore",
            404,
            "not_found",
        ),
        (
            &a,
            Some(a.csrf.as_str()),
            "/api/v1/seller/publications/99/restore",
            404,
            "not_found",
        ),
        (
            &a,
            None,
            "/api/v1/seller/publications/2/restore",
            403,
            "csrf_failed",
        ),
    ] {
        call(&app, "POST", uri, Some(session), csrf, None)
            .await
            .problem(status, code);
    }
    assert_eq!(
        buyer().await["profile"]["tagline"],
        "Spring lanterns",
        "nothing changed"
    );
}

#[tokio::test]
async fn a_publication_that_changes_nothing_of_the_store_is_not_kept_twice() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    save_tagline(&app, &a, "Same").await;
    publish(&app, &a).await;
    publish(&app, &a).await;
    let listed = publications(&app, &a).await;
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(1),
        "{listed}"
    );
}

#[tokio::test]
async fn a_store_keeps_its_last_ten_publications() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    for n in 1..=12 {
        save_tagline(&app, &a, &format!("Version {n}")).await;
        publish(&app, &a).await;
    }
    let listed = publications(&app, &a).await;
    let items = listed["items"].as_array().expect("items");
    assert_eq!(items.len(), 10);
    assert_eq!(items[0]["number"], 12);
    assert_eq!(items[9]["number"], 3);
}

#[tokio::test]
async fn the_changes_since_the_last_publication_name_each_part_and_are_none_once_published() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    save_tagline(&app, &a, "Before").await;
    publish(&app, &a).await;
    let changes = || async {
        let response = call(
            &app,
            "GET",
            "/api/v1/seller/store/changes",
            Some(&a),
            None,
            None,
        )
        .await;
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()["items"].clone()
    };
    assert_eq!(changes().await, json!([]));

    let saved = put(
        &app,
        &a,
        "/api/v1/seller/store/draft",
        json!({
            "tagline": "After",
            "theme_color": "#0e5a4c",
            "return_policy": "<p>30 days.</p>",
            "country_returns": [{ "country": "DE", "policy": "<p>14 Tage.</p>" }],
        }),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let slug = product_of(&app, seller_id(&app, A).await).await;
    let text = json!({ "title": "A new title", "description_html": "<p>New.</p>" });
    let uri = format!("/api/v1/seller/products/{slug}/texts/en");
    let saved_text = put(&app, &a, &uri, text).await;
    assert_eq!(saved_text.status, 200, "{}", saved_text.text());

    let listed = changes().await;
    let has = |part: &str, change: &str, detail: Option<&str>| {
        listed.as_array().expect("items").iter().any(|c| {
            c["part"] == part && c["change"] == change && detail.is_none_or(|d| c["detail"] == d)
        })
    };
    assert!(has("tagline", "changed", None), "{listed}");
    assert!(has("return_policy", "added", None), "{listed}");
    assert!(has("returns", "added", Some("DE")), "{listed}");
    assert!(
        has("product_text", "changed", Some(&format!("{slug} (en)"))),
        "{listed}"
    );
    assert!(!has("banner", "changed", None), "{listed}");

    publish(&app, &a).await;
    assert_eq!(changes().await, json!([]), "nothing left to publish");
}

#[tokio::test]
async fn a_preview_page_is_unindexed_kept_by_no_cache_and_framed_by_the_store_alone() {
    let app = TestApp::new().await;
    // The preview's pages (bar, market, device frames) and the store's pages in its frames.
    for path in [
        "/id/preview/abc-123-def_g",
        "/en/seller/preview",
        "/id/preview/abc-123-def_g/as-buyer/s/mekong-kids",
        "/en/seller/preview/as-buyer/p/anything",
        "/ja/seller/preview/as-buyer/",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        private_and_unindexed(&page);
        let policy = page.header("content-security-policy");
        assert!(
            policy.contains("frame-ancestors 'self'") && policy.contains("frame-src 'self'"),
            "{path}: {policy}"
        );
        assert!(
            !policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
    }
    // A frame's page carries the bar, in its language, before the app; the preview's own
    // page (the dashboard's code draws its bar) does not.
    let frame = app
        .get("/id/preview/abc-123-def_g/as-buyer/s/mekong-kids")
        .await
        .text();
    let bar = frame.find(concat!(
        r#"<div class="preview-bar" role="status" data-stop="Pembayaran tidak termasuk dalam "#,
        r#"pratinjau: pembeli membayar di sini setelah toko diterbitkan.">"#,
        "Pratinjau — belum diterbitkan</div>"
    ));
    assert!(
        bar.is_some_and(|at| frame[..at].contains("<body")),
        "{frame}"
    );
    assert!(!app
        .get("/id/preview/abc-123-def_g")
        .await
        .text()
        .contains("preview-bar"));
    assert!(!app
        .get("/id/s/mekong-kids")
        .await
        .text()
        .contains("preview-bar"));
    // Every other page keeps refusing to be framed, and is revalidated as before.
    for path in ["/en/", "/en/cart", "/en/seller"] {
        let page = app.get(path).await;
        assert!(
            page.header("content-security-policy")
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(page.header("cache-control"), "no-cache", "{path}");
        assert!(
            !page
                .header("content-security-policy")
                .contains("frame-src 'self'"),
            "{path}"
        );
    }
    assert_eq!(
        app.get("/en/preview").await.status,
        404,
        "a preview names its link"
    );
    assert_eq!(app.get("/en/preview/a/b").await.status, 404);
    assert_eq!(
        app.get("/en/preview/a/b/s/x").await.status,
        404,
        "only `as-buyer` opens a frame"
    );
}
