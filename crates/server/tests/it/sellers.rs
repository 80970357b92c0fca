//! Seller accounts: signing in, sessions, CSRF, and that a seller reaches only its own store.

use crate::helpers::{fields, from, TestApp, TestResponse};
use axum::body::Body;
use axum::http::Request;
use serde_json::json;

pub(crate) const A: &str = "shenzhen-brightway";
pub(crate) const B: &str = "yiwu-little-star";
const PASSWORD: &str = server::sellers::DEMO_PASSWORD;

/// A signed-in seller: its cookie (`name=value`) and CSRF token.
pub(crate) struct Session {
    pub(crate) cookie: String,
    pub(crate) csrf: String,
}

fn cookie_of(response: &TestResponse) -> String {
    response
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap_or("")
        .to_owned()
}

async fn sign_in_as(app: &TestApp, slug: &str, password: &str) -> TestResponse {
    let body = json!({ "email": server::sellers::demo_email(slug), "password": password });
    app.post_json("/api/v1/seller/session", &body.to_string())
        .await
}

pub(crate) async fn signed_in(app: &TestApp, slug: &str) -> Session {
    let response = sign_in_as(app, slug, PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text());
    Session {
        cookie: cookie_of(&response),
        csrf: response.json()["csrf_token"]
            .as_str()
            .expect("csrf token")
            .to_owned(),
    }
}

/// `method uri` with `body` as JSON, the session's cookie, and `csrf` as the CSRF header.
pub(crate) async fn call(
    app: &TestApp,
    method: &str,
    uri: &str,
    session: Option<&Session>,
    csrf: Option<&str>,
    body: Option<serde_json::Value>,
) -> TestResponse {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(session) = session {
        request = request.header("cookie", &session.cookie);
    }
    if let Some(csrf) = csrf {
        request = request.header("x-csrf-token", csrf);
    }
    let body = match body {
        Some(body) => {
            request = request.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    app.request(request.body(body).expect("request")).await
}

/// Every seller endpoint that needs a session, with a body it would take.
fn endpoints() -> Vec<(&'static str, &'static str, Option<serde_json::Value>)> {
    vec![
        ("GET", "/api/v1/seller/session", None),
        ("DELETE", "/api/v1/seller/session", None),
        ("DELETE", "/api/v1/seller/sessions", None),
        ("GET", "/api/v1/seller/store", None),
        (
            "PUT",
            "/api/v1/seller/store/draft",
            Some(json!({ "tagline": "Bright gadgets" })),
        ),
        ("POST", "/api/v1/seller/store/publish", None),
        (
            "PUT",
            "/api/v1/seller/store/featured",
            Some(json!({ "products": [] })),
        ),
        (
            "PUT",
            "/api/v1/seller/store/campaigns",
            Some(json!({ "campaigns": [] })),
        ),
        ("POST", "/api/v1/seller/images/logo", None),
    ]
}

#[tokio::test]
async fn a_seeded_seller_signs_in_and_gets_an_http_only_lax_cookie_and_a_csrf_token() {
    let app = TestApp::new().await;
    let response = sign_in_as(&app, A, PASSWORD).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("store_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=43200"] {
        assert!(cookie.contains(attribute), "{cookie}: {attribute}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: no Secure");
    assert_eq!(response.header("cache-control"), "no-store");
    let session = response.json();
    assert_eq!(session["seller"], A);
    assert_eq!(session["language"], "zh-CN");
    assert_eq!(session["csrf_token"].as_str().map(str::len), Some(32));
    // The database keeps the token's hash only.
    let token = cookie_of(&response)
        .split_once('=')
        .expect("cookie")
        .1
        .to_owned();
    let stored: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM seller_sessions")
        .fetch_all(&app.state.db)
        .await
        .expect("sessions");
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, token);
    assert_eq!(stored[0].0, server::sellers::auth::token_hash(&token));
}

#[tokio::test]
async fn over_https_the_cookie_is_secure_and_host_prefixed() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let response = sign_in_as(&app, A, PASSWORD).await;
    let cookie = response.header("set-cookie");
    assert!(cookie.starts_with("__Host-store_session="), "{cookie}");
    assert!(cookie.contains("; Secure"), "{cookie}");
    let session = Session {
        cookie: cookie_of(&response),
        csrf: String::new(),
    };
    let me = call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&session),
        None,
        None,
    )
    .await;
    assert_eq!(me.status, 200, "{}", me.text());
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_localized_401() {
    let app = TestApp::new().await;
    let wrong = sign_in_as(&app, A, "not the password").await;
    let unknown = app
        .post_json(
            "/api/v1/seller/session?locale=es",
            &json!({ "email": "nobody@sellers.example", "password": PASSWORD }).to_string(),
        )
        .await;
    wrong.problem(401, "sign_in_failed");
    let problem = unknown.problem(401, "sign_in_failed");
    assert_eq!(
        problem["detail"],
        "Ese correo y esa contraseña no coinciden con ninguna cuenta de vendedor."
    );
    assert!(wrong.header("set-cookie").is_empty());
    // The email is matched whatever its case and surrounding spaces.
    let body = json!({ "email": format!("  {}  ", server::sellers::demo_email(A).to_uppercase()), "password": PASSWORD });
    let response = app
        .post_json("/api/v1/seller/session", &body.to_string())
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
}

#[tokio::test]
async fn every_seller_endpoint_refuses_a_request_without_a_session_or_with_an_unknown_one() {
    let app = TestApp::new().await;
    let forged = Session {
        cookie: "store_session=0123456789abcdef0123456789abcdef".into(),
        csrf: "0123456789abcdef0123456789abcdef".into(),
    };
    for (method, uri, body) in endpoints() {
        let none = call(&app, method, uri, None, None, body.clone()).await;
        none.problem(401, "not_signed_in");
        let response = call(&app, method, uri, Some(&forged), Some(&forged.csrf), body).await;
        response.problem(401, "not_signed_in");
        assert!(
            response.header("set-cookie").contains("Max-Age=0"),
            "{method} {uri}: a cookie naming no session is cleared"
        );
    }
}

#[tokio::test]
async fn every_seller_write_refuses_a_missing_or_wrong_csrf_token_and_changes_nothing() {
    let app = TestApp::new().await;
    let session = signed_in(&app, A).await;
    let other = signed_in(&app, B).await;
    for (method, uri, body) in endpoints().into_iter().filter(|(m, _, _)| *m != "GET") {
        let missing = call(&app, method, uri, Some(&session), None, body.clone()).await;
        missing.problem(403, "csrf_failed");
        let wrong = call(
            &app,
            method,
            uri,
            Some(&session),
            Some("0".repeat(32).as_str()),
            body.clone(),
        )
        .await;
        wrong.problem(403, "csrf_failed");
        // Another seller's token is as wrong as any.
        let borrowed = call(&app, method, uri, Some(&session), Some(&other.csrf), body).await;
        borrowed.problem(403, "csrf_failed");
    }
    let me = call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&session),
        None,
        None,
    )
    .await;
    assert_eq!(me.status, 200, "the session is still there");
    let store = call(
        &app,
        "GET",
        "/api/v1/seller/store",
        Some(&session),
        None,
        None,
    )
    .await;
    assert_eq!(store.json()["draft"]["tagline"], "", "no draft was written");
}

#[tokio::test]
async fn a_write_from_another_site_or_sent_as_a_form_is_refused() {
    let app = TestApp::new().await;
    let body = json!({ "email": server::sellers::demo_email(A), "password": PASSWORD }).to_string();
    let form = app
        .request(
            Request::post("/api/v1/seller/session")
                .header("content-type", "text/plain")
                .body(Body::from(body.clone()))
                .expect("request"),
        )
        .await;
    form.problem(403, "csrf_failed");
    let cross = app
        .request(
            Request::post("/api/v1/seller/session")
                .header("content-type", "application/json")
                .header("sec-fetch-site", "cross-site")
                .body(Body::from(body))
                .expect("request"),
        )
        .await;
    cross.problem(403, "csrf_failed");
    let session = signed_in(&app, A).await;
    let request = Request::put("/api/v1/seller/store/draft")
        .header("cookie", &session.cookie)
        .header("x-csrf-token", &session.csrf)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/json")
        .body(Body::from(json!({ "tagline": "x" }).to_string()))
        .expect("request");
    app.request(request).await.problem(403, "csrf_failed");
}

#[tokio::test]
async fn a_seller_reads_and_changes_only_its_own_store_and_buyers_see_only_what_is_published() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let b = signed_in(&app, B).await;
    let draft = json!({ "tagline": "  Gadgets that last  ", "about": "深圳的电子产品", "theme_color": "#0B5D3B", "return_policy": "30 days" });
    let saved = call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft",
        Some(&a),
        Some(&a.csrf),
        Some(draft),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let state = saved.json();
    assert_eq!(state["draft"]["tagline"], "Gadgets that last");
    assert_eq!(state["draft"]["theme_color"], "#0b5d3b");
    assert_eq!(state["published"], serde_json::Value::Null);
    assert_eq!(state["unpublished_changes"], true);
    // B sees its own, empty, store; its session cannot reach A's.
    let theirs = call(&app, "GET", "/api/v1/seller/store", Some(&b), None, None)
        .await
        .json();
    assert_eq!(theirs["draft"]["tagline"], "");
    let published = call(
        &app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(&a),
        Some(&a.csrf),
        None,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
    let state = published.json();
    assert_eq!(state["published"]["about"], "深圳的电子产品");
    assert_eq!(state["unpublished_changes"], false);
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT seller_id, version FROM store_profiles ORDER BY version")
            .fetch_all(&app.state.db)
            .await
            .expect("profiles");
    assert_eq!(rows, vec![(1, "draft".into()), (1, "published".into())]);
}

#[tokio::test]
async fn a_low_contrast_theme_colour_is_refused_with_its_ratio_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let body = json!({ "tagline": "Sunny", "theme_color": "#FFD700" });
    let response = call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft?locale=es",
        Some(&a),
        Some(&a.csrf),
        Some(body),
    )
    .await;
    let problem = response.problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["theme_color"]);
    assert_eq!(problem["errors"][0]["code"], "low_contrast");
    let message = problem["errors"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("1.4:1") && message.contains("4.5:1"),
        "{message}"
    );
    assert!(message.starts_with("El texto blanco"), "{message}");
    let store = call(&app, "GET", "/api/v1/seller/store", Some(&a), None, None)
        .await
        .json();
    assert_eq!(
        store["draft"]["tagline"], "",
        "the tagline was not stored either"
    );
    // Unknown fields and texts too long are named.
    let body = json!({ "tagline": "x".repeat(121), "seller_id": 2 });
    let response = call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft",
        Some(&a),
        Some(&a.csrf),
        Some(body),
    )
    .await;
    let problem = response.problem(400, "invalid_parameter");
    let mut named = fields(&problem);
    named.sort_unstable();
    assert_eq!(named, ["seller_id", "tagline"]);
}

#[tokio::test]
async fn sign_in_is_limited_per_client_with_a_localized_429() {
    let limits = server::http::limits::Limits {
        sign_ins_per_minute: 10,
        ..server::http::limits::Limits::unlimited()
    };
    let app = TestApp::with(move |s| s.with_limits(limits)).await;
    // A different email each time: the per-email guard never holds these back.
    let tries = std::sync::atomic::AtomicU32::new(0);
    let attempt = |ip: [u8; 4]| {
        let n = tries.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = json!({ "email": format!("guess{n}@x.example"), "password": "guessing-it" });
        let mut request = Request::post("/api/v1/seller/session?locale=ja")
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        request.extensions_mut().insert(from(ip));
        request
    };
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(app.request(attempt([203, 0, 113, 7])).await.status.as_u16());
    }
    assert_eq!(statuses, [401, 401, 401, 401, 401, 429]);
    let limited = app.request(attempt([203, 0, 113, 7])).await;
    limited.problem(429, "rate_limited");
    assert!(!limited.header("retry-after").is_empty());
    assert_eq!(limited.header("content-language"), "ja");
    assert_eq!(
        app.request(attempt([198, 51, 100, 9])).await.status,
        401,
        "another client is not held back"
    );
    // Reading the session is not a sign-in: the limited client still gets its answer.
    let mut read = Request::get("/api/v1/seller/session")
        .body(Body::empty())
        .expect("request");
    read.extensions_mut().insert(from([203, 0, 113, 7]));
    app.request(read).await.problem(401, "not_signed_in");
}

#[tokio::test]
async fn five_failures_for_one_email_make_it_wait_even_with_the_right_password() {
    let app = TestApp::new().await;
    for _ in 0..5 {
        sign_in_as(&app, A, "wrong password")
            .await
            .problem(401, "sign_in_failed");
    }
    let held = sign_in_as(&app, A, PASSWORD).await;
    held.problem(429, "rate_limited");
    assert!(held
        .header("retry-after")
        .parse::<u64>()
        .is_ok_and(|s| s > 0 && s <= 900));
    assert_eq!(
        sign_in_as(&app, B, PASSWORD).await.status,
        200,
        "another seller is not held"
    );
}

#[tokio::test]
async fn signing_out_ends_that_session_and_signing_out_everywhere_ends_every_one() {
    let app = TestApp::new().await;
    let phone = signed_in(&app, A).await;
    let laptop = signed_in(&app, A).await;
    let tablet = signed_in(&app, A).await;
    let other = signed_in(&app, B).await;
    let out = call(
        &app,
        "DELETE",
        "/api/v1/seller/session",
        Some(&phone),
        Some(&phone.csrf),
        None,
    )
    .await;
    assert_eq!(out.status, 204);
    assert!(out.header("set-cookie").contains("Max-Age=0"));
    async fn me(app: &TestApp, s: &Session) -> TestResponse {
        call(app, "GET", "/api/v1/seller/session", Some(s), None, None).await
    }
    me(&app, &phone).await.problem(401, "not_signed_in");
    assert_eq!(me(&app, &laptop).await.status, 200);
    let everywhere = call(
        &app,
        "DELETE",
        "/api/v1/seller/sessions",
        Some(&laptop),
        Some(&laptop.csrf),
        None,
    )
    .await;
    assert_eq!(everywhere.status, 204);
    me(&app, &laptop).await.problem(401, "not_signed_in");
    me(&app, &tablet).await.problem(401, "not_signed_in");
    assert_eq!(
        me(&app, &other).await.status,
        200,
        "another seller's sessions stay"
    );
}

#[test]
fn the_set_password_link_opens_the_dashboard_in_the_sellers_language_with_the_token_in_the_fragment(
) {
    assert_eq!(
        server::sellers::set_password_link("https://shop.example/", "vi", "abc"),
        "https://shop.example/vi/seller/password#token=abc"
    );
    // An unknown language falls back to English rather than to a page that does not exist.
    assert_eq!(
        server::sellers::set_password_link("http://127.0.0.1:8080", "xx", "abc"),
        "http://127.0.0.1:8080/en/seller/password#token=abc"
    );
}

#[tokio::test]
async fn a_set_password_link_works_once_ends_every_session_and_not_after_a_day() {
    let app = TestApp::new().await;
    let before = signed_in(&app, A).await;
    let now = server::clock::unix_now();
    let token = server::sellers::invite(&app.state.db, A, now)
        .await
        .expect("invite")
        .expect("a seller");
    assert_eq!(
        server::sellers::invite(&app.state.db, "no-such-seller", now)
            .await
            .expect("invite"),
        None
    );
    async fn set_password(app: &TestApp, token: &str, password: &str) -> TestResponse {
        let body = json!({ "token": token, "password": password }).to_string();
        app.post_json("/api/v1/seller/password?locale=es", &body)
            .await
    }
    let set = |token: &str, password: &str| {
        let (token, password) = (token.to_owned(), password.to_owned());
        let app = &app;
        async move { set_password(app, &token, &password).await }
    };
    let short = set(&token, "corta").await.problem(400, "invalid_parameter");
    assert_eq!(short["errors"][0]["code"], "too_short");
    assert_eq!(set(&token, "a new password of mine").await.status, 204);
    set(&token, "another password again")
        .await
        .problem(410, "invite_invalid");
    call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&before),
        None,
        None,
    )
    .await
    .problem(401, "not_signed_in");
    sign_in_as(&app, A, PASSWORD)
        .await
        .problem(401, "sign_in_failed");
    assert_eq!(
        sign_in_as(&app, A, "a new password of mine").await.status,
        200
    );
    // A link from more than a day ago no longer works.
    let old = server::sellers::invite(&app.state.db, A, now - 24 * 60 * 60 - 1)
        .await
        .expect("invite")
        .expect("a seller");
    set(&old, "yet another password")
        .await
        .problem(410, "invite_invalid");
    set("forged", "yet another password")
        .await
        .problem(410, "invite_invalid");
}

#[tokio::test]
async fn a_token_used_after_15_minutes_is_replaced_and_the_old_one_ends_a_minute_later() {
    let app = TestApp::new().await;
    let session = signed_in(&app, A).await;
    let now = server::clock::unix_now();
    sqlx::query("UPDATE seller_sessions SET issued_at = ?")
        .bind(now - 16 * 60)
        .execute(&app.state.db)
        .await
        .expect("age the token");
    let response = call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&session),
        None,
        None,
    )
    .await;
    assert_eq!(response.status, 200);
    let renewed = Session {
        cookie: cookie_of(&response),
        csrf: session.csrf.clone(),
    };
    assert!(renewed.cookie.starts_with("store_session="));
    assert_ne!(renewed.cookie, session.cookie, "a new token");
    // The CSRF token stays: the dashboard holds it.
    assert_eq!(response.json()["csrf_token"], session.csrf.as_str());
    // The old token answers for a minute (requests in flight), without being replaced again.
    let again = call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&session),
        None,
        None,
    )
    .await;
    assert_eq!(again.status, 200);
    assert!(again.header("set-cookie").is_empty());
    sqlx::query("UPDATE seller_sessions SET expires_at = ? WHERE replaced = 1")
        .bind(now)
        .execute(&app.state.db)
        .await
        .expect("end the grace");
    call(
        &app,
        "GET",
        "/api/v1/seller/session",
        Some(&session),
        None,
        None,
    )
    .await
    .problem(401, "not_signed_in");
    let ok = call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft",
        Some(&renewed),
        Some(&renewed.csrf),
        Some(json!({ "tagline": "new" })),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
}

#[tokio::test]
async fn a_session_ends_after_12_idle_hours_and_a_week_after_sign_in_however_used() {
    let app = TestApp::new().await;
    let session = signed_in(&app, A).await;
    let me = || {
        call(
            &app,
            "GET",
            "/api/v1/seller/session",
            Some(&session),
            None,
            None,
        )
    };
    let age = |signed_in_at: i64, expires_at: i64| {
        let db = app.state.db.clone();
        async move {
            sqlx::query(
                "UPDATE seller_sessions SET signed_in_at = ?, issued_at = ?, expires_at = ?",
            )
            .bind(signed_in_at)
            .bind(server::clock::unix_now())
            .bind(expires_at)
            .execute(&db)
            .await
            .expect("age the session");
        }
    };
    let now = server::clock::unix_now();
    let week = 7 * 24 * 3600;
    // Idle for almost 12 hours, signed in 6 days 23 hours ago: a use extends it to the week's
    // end, not 12 hours on.
    age(now - week + 3600, now + 600).await;
    assert_eq!(me().await.status, 200);
    let (expires_at,): (i64,) = sqlx::query_as("SELECT expires_at FROM seller_sessions")
        .fetch_one(&app.state.db)
        .await
        .expect("session");
    assert!(
        (now + 3600..=now + 3602).contains(&expires_at),
        "{expires_at} against {now}"
    );
    // Past the week, it has ended whatever its idle deadline says.
    age(now - week - 1, now + 3600).await;
    me().await.problem(401, "not_signed_in");
    // Idle past its deadline, it has ended.
    age(now, now).await;
    let ended = me().await;
    ended.problem(401, "not_signed_in");
    assert!(ended.header("set-cookie").contains("Max-Age=0"));
    let swept = server::housekeeping::run(&app.state.db, app.state.payments.as_ref(), now)
        .await
        .expect("housekeeping");
    assert_eq!(swept.sessions_deleted, 1);
}

/// A product slug of the seeded seller `id` (1-based, as seeded).
pub(crate) async fn product_of(app: &TestApp, id: i64) -> String {
    let (slug,): (String,) =
        sqlx::query_as("SELECT slug FROM products WHERE seller_id = ? ORDER BY id LIMIT 1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("a product");
    slug
}

#[tokio::test]
async fn a_seller_corrects_a_spanish_title_and_buyers_see_and_find_it_once_published() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let slug = product_of(&app, 1).await;
    let listed = call(&app, "GET", "/api/v1/seller/products", Some(&a), None, None)
        .await
        .json();
    assert!(listed
        .as_array()
        .is_some_and(|l| l.iter().any(|p| p["slug"] == slug.as_str())));
    let before = app
        .get(&format!("/api/v1/products/{slug}?locale=es"))
        .await
        .json();
    let en_before = app
        .get(&format!("/api/v1/products/{slug}?locale=en"))
        .await
        .json();
    assert_ne!(
        before["provenance"], "original",
        "the seller writes in Chinese"
    );
    let text = json!({ "title": "  Auriculares Zorzalito de verdad  ", "description_html": "<p>Hechos a mano<script>x()</script></p>" });
    let uri = format!("/api/v1/seller/products/{slug}/texts/es");
    let saved = call(&app, "PUT", &uri, Some(&a), Some(&a.csrf), Some(text)).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let es = saved.json()["texts"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["locale"] == "es").cloned())
        .expect("es");
    assert_eq!(es["draft"]["title"], "Auriculares Zorzalito de verdad");
    assert_eq!(es["draft"]["description_html"], "<p>Hechos a mano</p>");
    // Unpublished: buyers still see the machine translation, and search does not find it.
    let unpublished = app
        .get(&format!("/api/v1/products/{slug}?locale=es"))
        .await
        .json();
    assert_eq!(unpublished["title"], before["title"]);
    async fn found(app: &TestApp, slug: &str) -> Option<bool> {
        app.get("/api/v1/products?q=zorzalito&locale=es")
            .await
            .json()["items"]
            .as_array()
            .map(|items| items.iter().any(|p| p["slug"] == slug))
    }
    assert_eq!(found(&app, &slug).await, Some(false));
    let published = call(
        &app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(&a),
        Some(&a.csrf),
        None,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
    let after = app
        .get(&format!("/api/v1/products/{slug}?locale=es"))
        .await
        .json();
    assert_eq!(after["title"], "Auriculares Zorzalito de verdad");
    assert_eq!(
        after["provenance"], "human",
        "the seller's own, not machine-translated"
    );
    assert!(!after["description_html"]
        .as_str()
        .unwrap_or("")
        .contains("script"));
    assert_eq!(
        found(&app, &slug).await,
        Some(true),
        "search finds the new title"
    );
    // The old Spanish title's own words no longer find it: its old terms left the index.
    let old_words: Vec<String> = before["title"]
        .as_str()
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    let en_title = en_before["title"].as_str().unwrap_or("").to_lowercase();
    let only_spanish: Vec<&String> = old_words
        .iter()
        .filter(|w| {
            !en_title.contains(w.as_str())
                && !"auriculares zorzalito de verdad".contains(w.as_str())
        })
        .collect();
    assert!(
        !only_spanish.is_empty(),
        "a word only the old Spanish title has: {old_words:?}"
    );
    for word in only_spanish {
        let q: String = form_urlencoded::byte_serialize(word.as_bytes()).collect();
        let hits = app
            .get(&format!("/api/v1/products?q={q}&locale=es"))
            .await
            .json();
        assert!(
            !hits["items"]
                .as_array()
                .is_some_and(|i| i.iter().any(|p| p["slug"] == slug.as_str())),
            "{word} still finds it"
        );
    }
    // The other languages are as they were, and still found by their words.
    let en_after = app
        .get(&format!("/api/v1/products/{slug}?locale=en"))
        .await
        .json();
    assert_eq!(en_after["title"], en_before["title"]);
    let word = en_before["model"].as_str().expect("model").to_owned();
    let q: String = form_urlencoded::byte_serialize(word.as_bytes()).collect();
    let by_model = app
        .get(&format!("/api/v1/products?q={q}&locale=en"))
        .await
        .json();
    assert!(
        by_model["items"]
            .as_array()
            .is_some_and(|i| i.iter().any(|p| p["slug"] == slug.as_str())),
        "{word}"
    );
    let drafts: (i64,) = sqlx::query_as("SELECT count(*) FROM product_text_drafts")
        .fetch_one(&app.state.db)
        .await
        .expect("drafts");
    assert_eq!(drafts.0, 0, "published drafts are gone");
    sqlx::query("INSERT INTO product_search (product_search) VALUES ('integrity-check')")
        .execute(&app.state.db)
        .await
        .expect("the search index is whole after the old terms were taken out");
}

#[tokio::test]
async fn another_sellers_product_is_not_found_for_every_product_endpoint_and_nothing_is_written() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let theirs = product_of(&app, 2).await;
    call(
        &app,
        "GET",
        &format!("/api/v1/seller/products/{theirs}"),
        Some(&a),
        None,
        None,
    )
    .await
    .problem(404, "product_not_found");
    let text = json!({ "title": "Hijacked" });
    call(
        &app,
        "PUT",
        &format!("/api/v1/seller/products/{theirs}/texts/es"),
        Some(&a),
        Some(&a.csrf),
        Some(text.clone()),
    )
    .await
    .problem(404, "product_not_found");
    call(
        &app,
        "PUT",
        "/api/v1/seller/products/no-such-product/texts/es",
        Some(&a),
        Some(&a.csrf),
        Some(text.clone()),
    )
    .await
    .problem(404, "product_not_found");
    // Without a session, or without the CSRF token, the same writes are refused first.
    call(
        &app,
        "PUT",
        &format!("/api/v1/seller/products/{theirs}/texts/es"),
        None,
        None,
        Some(text.clone()),
    )
    .await
    .problem(401, "not_signed_in");
    call(
        &app,
        "PUT",
        &format!("/api/v1/seller/products/{theirs}/texts/es"),
        Some(&a),
        None,
        Some(text),
    )
    .await
    .problem(403, "csrf_failed");
    let listed = call(&app, "GET", "/api/v1/seller/products", Some(&a), None, None)
        .await
        .json();
    assert!(!listed
        .as_array()
        .is_some_and(|l| l.iter().any(|p| p["slug"] == theirs.as_str())));
    let drafts: (i64,) = sqlx::query_as("SELECT count(*) FROM product_text_drafts")
        .fetch_one(&app.state.db)
        .await
        .expect("drafts");
    assert_eq!(drafts.0, 0);
}

#[tokio::test]
async fn a_text_in_an_unknown_language_or_without_a_title_is_refused_by_name() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let slug = product_of(&app, 1).await;
    let unknown = call(
        &app,
        "PUT",
        &format!("/api/v1/seller/products/{slug}/texts/xx"),
        Some(&a),
        Some(&a.csrf),
        Some(json!({ "title": "x" })),
    )
    .await;
    assert_eq!(
        fields(&unknown.problem(400, "invalid_parameter")),
        ["locale"]
    );
    let blank = call(
        &app,
        "PUT",
        &format!("/api/v1/seller/products/{slug}/texts/es?locale=es"),
        Some(&a),
        Some(&a.csrf),
        Some(json!({ "title": "  ", "price": 1 })),
    )
    .await;
    let problem = blank.problem(400, "invalid_parameter");
    let mut named = fields(&problem);
    named.sort_unstable();
    assert_eq!(named, ["price", "title"]);
}

#[tokio::test]
async fn buyers_see_a_store_as_last_published_never_its_draft() {
    let app = TestApp::new().await;
    async fn store(app: &TestApp) -> TestResponse {
        app.get(&format!("/api/v1/sellers/{A}?locale=es")).await
    }
    let fresh = store(&app).await;
    assert_eq!(fresh.status, 200, "{}", fresh.text());
    let fresh = fresh.json();
    assert_eq!(fresh["seller"]["slug"], A);
    assert_eq!(fresh["seller"]["verified"], true);
    assert_eq!(fresh["profile"], serde_json::Value::Null);
    assert!(fresh["product_count"].as_u64().is_some_and(|n| n > 0));
    assert!(fresh["ships_from"]
        .as_array()
        .is_some_and(|w| !w.is_empty()));
    let a = signed_in(&app, A).await;
    // Publishing before any draft was saved publishes nothing: no empty profile for buyers.
    call(
        &app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(&a),
        Some(&a.csrf),
        None,
    )
    .await;
    assert_eq!(store(&app).await.json()["profile"], serde_json::Value::Null);
    // The public store never carries a session's cookie, even for a seller whose token is
    // due for replacement.
    sqlx::query("UPDATE seller_sessions SET issued_at = issued_at - 3600")
        .execute(&app.state.db)
        .await
        .expect("age the token");
    let with_cookie = call(
        &app,
        "GET",
        &format!("/api/v1/sellers/{A}"),
        Some(&a),
        None,
        None,
    )
    .await;
    assert_eq!(with_cookie.status, 200);
    assert!(with_cookie.header("set-cookie").is_empty());
    assert_ne!(
        with_cookie.header("cache-control"),
        "no-store",
        "cacheable like the catalog"
    );
    let draft = |tagline: &str| json!({ "tagline": tagline, "about": "<p>Hola<img src=x onerror=alert(1)></p>" });
    call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft",
        Some(&a),
        Some(&a.csrf),
        Some(draft("Navidad")),
    )
    .await;
    assert_eq!(
        store(&app).await.json()["profile"],
        serde_json::Value::Null,
        "a draft is not shown"
    );
    call(
        &app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(&a),
        Some(&a.csrf),
        None,
    )
    .await;
    call(
        &app,
        "PUT",
        "/api/v1/seller/store/draft",
        Some(&a),
        Some(&a.csrf),
        Some(draft("Año nuevo")),
    )
    .await;
    let shown = store(&app).await.json();
    assert_eq!(shown["profile"]["tagline"], "Navidad");
    assert_eq!(shown["profile"]["about"], "<p>Hola</p>", "sanitized");
    app.get("/api/v1/sellers/no-such-seller")
        .await
        .problem(404, "not_found");
}
