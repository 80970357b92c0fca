//! Store pages: featured products, seasonal campaigns, uploaded pictures, and what buyers see
//! of them (only what is published, a campaign only inside its window).

use crate::helpers::{fields, TestApp, TestResponse};
use crate::sellers::{call, signed_in, Session, A, B};
use axum::body::Body;
use axum::http::Request;
use serde_json::json;
use std::io::Cursor;

pub(crate) async fn put(
    app: &TestApp,
    session: &Session,
    uri: &str,
    body: serde_json::Value,
) -> TestResponse {
    call(
        app,
        "PUT",
        uri,
        Some(session),
        Some(&session.csrf),
        Some(body),
    )
    .await
}

pub(crate) async fn publish(app: &TestApp, session: &Session) {
    let published = call(
        app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(session),
        Some(&session.csrf),
        None,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
}

/// Slugs of `seller`'s products, best-selling first.
async fn products_of(app: &TestApp, seller: &str) -> Vec<String> {
    sqlx::query_as::<_, (String,)>(
        "SELECT p.slug FROM products p JOIN sellers s ON s.id = p.seller_id WHERE s.slug = ? \
         ORDER BY p.sold_count DESC, p.id",
    )
    .bind(seller)
    .fetch_all(&app.state.db)
    .await
    .expect("products")
    .into_iter()
    .map(|(s,)| s)
    .collect()
}

async fn storefront(app: &TestApp, query: &str) -> serde_json::Value {
    let response = app.get(&format!("/api/v1/sellers/{A}{query}")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    response.json()
}

fn slugs(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .map(|items| items.iter().filter_map(|p| p["slug"].as_str()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_seller_features_its_own_products_in_order_and_buyers_see_them_once_published() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let own = products_of(&app, A).await;
    let theirs = products_of(&app, B).await;
    let chosen = vec![own[2].clone(), own[0].clone(), own[1].clone()];
    // Another seller's product, or one named twice, is refused by position; nothing is saved.
    let refused = put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": [own[0], theirs[0], own[0]] }),
    )
    .await;
    let problem = refused.problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["products[2]"]);
    let refused = put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": [own[0], theirs[0]] }),
    )
    .await;
    let problem = refused.problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["products[1]"]);
    assert_eq!(problem["errors"][0]["code"], "unknown_item");
    let too_many: Vec<String> = own.iter().cycle().take(13).cloned().collect();
    put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": too_many }),
    )
    .await
    .problem(400, "invalid_parameter");
    let (saved,): (i64,) = sqlx::query_as("SELECT count(*) FROM store_featured")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(saved, 0, "nothing of a refused list is saved");

    let saved = put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": chosen }),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let state = saved.json();
    assert_eq!(state["featured"]["draft"], json!(chosen));
    assert_eq!(state["featured"]["published"], json!([]));
    assert_eq!(state["unpublished_changes"], true);
    assert!(
        slugs(&storefront(&app, "").await["featured"]).is_empty(),
        "buyers do not see a draft"
    );
    publish(&app, &a).await;
    let shown = storefront(&app, "?locale=es&currency=CLP").await;
    assert_eq!(slugs(&shown["featured"]), chosen);
    let first = &shown["featured"][0];
    assert_eq!(first["converted"]["amount"]["currency"], "CLP", "{first}");
    // Seller B's store shows none of A's choices.
    let b = app.get(&format!("/api/v1/sellers/{B}")).await.json();
    assert!(slugs(&b["featured"]).is_empty());
}

/// `YYYY-MM-DDTHH:MM` in Shanghai (UTC+8 all year), `hours` from now.
pub(crate) fn shanghai(hours: i64) -> String {
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(hours);
    at.in_tz("Asia/Shanghai")
        .expect("zone")
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

#[tokio::test]
async fn a_campaign_is_shown_to_buyers_only_inside_its_window_on_the_sellers_clock() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let own = products_of(&app, A).await;
    let campaigns = json!({ "campaigns": [
        {
            "headline": "11.11 — free gift wrap",
            "starts": shanghai(-1),
            "ends": shanghai(24),
            "time_zone": "Asia/Shanghai",
            "products": [own[3], own[4]],
        },
        {
            "headline": "New Year",
            "starts": shanghai(48),
            "ends": shanghai(96),
            "time_zone": "Asia/Shanghai",
        },
    ]});
    let saved = put(&app, &a, "/api/v1/seller/store/campaigns", campaigns).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    let state = saved.json();
    let draft = &state["campaigns"]["draft"];
    assert_eq!(draft.as_array().map(Vec::len), Some(2));
    let id = draft[0]["id"].as_str().expect("an id").to_owned();
    assert_eq!(id.len(), 16);
    assert_eq!(draft[0]["starts"], shanghai(-1));
    assert!(
        storefront(&app, "").await["campaign"].is_null(),
        "not before it is published"
    );
    publish(&app, &a).await;
    let live = storefront(&app, "?locale=es").await["campaign"].clone();
    assert_eq!(live["headline"], "11.11 — free gift wrap");
    assert_eq!(live["id"], id.as_str());
    assert_eq!(slugs(&live["products"]), [own[3].as_str(), own[4].as_str()]);
    assert!(live["ends_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    // Once its end has passed (here: moved an hour into the past), the campaign is gone and
    // the next one has not begun.
    sqlx::query(
        "UPDATE store_campaigns SET starts_at = starts_at - 172800, ends_at = strftime('%s','now') - 3600 \
         WHERE id = ? AND version = 'published'",
    )
    .bind(&id)
    .execute(&app.state.db)
    .await
    .expect("end the campaign");
    assert!(storefront(&app, "").await["campaign"].is_null());
    // Saving the same campaigns again keeps their ids.
    let again = state["campaigns"]["draft"].clone();
    let resaved = put(
        &app,
        &a,
        "/api/v1/seller/store/campaigns",
        json!({ "campaigns": again }),
    )
    .await
    .json();
    assert_eq!(resaved["campaigns"]["draft"][0]["id"], id.as_str());
    assert_eq!(resaved["unpublished_changes"], false);
}

#[tokio::test]
async fn a_campaign_that_ends_before_it_starts_or_at_a_time_its_clock_never_shows_is_refused() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let theirs = products_of(&app, B).await;
    let campaign = |starts: &str, ends: &str, zone: &str| json!({ "campaigns": [{ "headline": "Ramadan", "starts": starts, "ends": ends, "time_zone": zone }] });
    let refused = put(
        &app,
        &a,
        "/api/v1/seller/store/campaigns?locale=tr",
        campaign("2027-02-10T00:00", "2027-02-09T00:00", "Europe/Istanbul"),
    )
    .await;
    let problem = refused.problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["campaigns[0].ends"]);
    assert_eq!(problem["errors"][0]["code"], "not_after_start");
    let message = problem["errors"][0]["message"].as_str().unwrap_or("");
    assert!(message.contains("başlangıçtan sonra"), "{message}");
    for (starts, zone, field) in [
        (
            "2027-02-10T00:00",
            "Mars/Olympus_Mons",
            "campaigns[0].time_zone",
        ),
        // Clocks in Berlin skip from 02:00 to 03:00 on 2027-03-28.
        ("2027-03-28T02:30", "Europe/Berlin", "campaigns[0].starts"),
        ("2027-02-30T00:00", "Europe/Berlin", "campaigns[0].starts"),
    ] {
        let problem = put(
            &app,
            &a,
            "/api/v1/seller/store/campaigns",
            campaign(starts, "2027-04-10T00:00", zone),
        )
        .await
        .problem(422, "invalid_parameter");
        assert_eq!(fields(&problem), [field], "{starts} {zone}");
        assert_eq!(problem["errors"][0]["code"], "malformed");
    }
    let with_theirs = json!({ "campaigns": [{ "headline": "Sale", "starts": "2027-01-01T00:00",
        "ends": "2027-01-02T00:00", "time_zone": "Asia/Shanghai", "products": [theirs[0]] }] });
    let problem = put(&app, &a, "/api/v1/seller/store/campaigns", with_theirs)
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["campaigns[0].products[0]"]);
    let (saved,): (i64,) = sqlx::query_as("SELECT count(*) FROM store_campaigns")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(saved, 0, "nothing of a refused list is saved");
}

fn png_with_comment(width: u32, height: u32, comment: &str) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(Cursor::new(&mut out), width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder
            .add_text_chunk("Comment".into(), comment.into())
            .expect("text chunk");
        let mut writer = encoder.write_header().expect("header");
        let pixels: Vec<u8> = (0..width * height)
            .flat_map(|i| [(i % 251) as u8, 90, 60])
            .collect();
        writer.write_image_data(&pixels).expect("pixels");
    }
    out
}

async fn upload(
    app: &TestApp,
    session: Option<&Session>,
    kind: &str,
    bytes: Vec<u8>,
    content_type: &str,
) -> TestResponse {
    let mut request = Request::builder()
        .method("POST")
        .uri(format!("/api/v1/seller/images/{kind}?locale=es"))
        .header("content-type", content_type);
    if let Some(session) = session {
        request = request
            .header("cookie", &session.cookie)
            .header("x-csrf-token", &session.csrf);
    }
    app.request(request.body(Body::from(bytes)).expect("request"))
        .await
}

async fn uploads_stored(app: &TestApp) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT count(*) FROM uploads")
        .fetch_one(&app.state.db)
        .await
        .expect("count")
        .0
}

#[tokio::test]
async fn an_uploaded_banner_is_reencoded_without_its_metadata_and_served_with_long_cache_and_nosniff(
) {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    let original = png_with_comment(1200, 500, "GPS 22.54N 114.05E secret");
    // The declared type is not trusted either way: a picture sent as text is still a picture.
    let response = upload(&app, Some(&a), "banner", original.clone(), "text/plain").await;
    assert_eq!(response.status, 201, "{}", response.text());
    let picture = response.json();
    assert_eq!(picture["width"], 1600);
    assert_eq!(picture["height"], 400);
    let url = picture["url"].as_str().expect("url").to_owned();
    assert!(
        url.starts_with("/media/u/banner-") && url.ends_with(".jpg"),
        "{url}"
    );
    let served = app.get(&url).await;
    assert_eq!(served.status, 200);
    assert_eq!(served.header("content-type"), "image/jpeg");
    assert_eq!(served.header("x-content-type-options"), "nosniff");
    assert_eq!(
        served.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_ne!(served.body, original);
    assert!(
        !String::from_utf8_lossy(&served.body).contains("secret"),
        "metadata is not kept"
    );
    let decoded = image::load_from_memory(&served.body).expect("a picture");
    assert_eq!((decoded.width(), decoded.height()), (1600, 400));
    // The profile takes the seller's own picture, and not another seller's.
    let saved = put(
        &app,
        &a,
        "/api/v1/seller/store/draft",
        json!({ "banner": url }),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    publish(&app, &a).await;
    assert_eq!(
        storefront(&app, "").await["profile"]["banner"],
        url.as_str()
    );
    let b = signed_in(&app, B).await;
    let problem = put(
        &app,
        &b,
        "/api/v1/seller/store/draft",
        json!({ "banner": url }),
    )
    .await
    .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["banner"]);
    // Unknown pictures and kinds are not found.
    app.get("/media/u/banner-00000000000000000000000000000000.jpg")
        .await
        .problem(404, "not_found");
    assert_eq!(app.get("/media/u/..%2Fstore.db").await.status, 404);
    assert_eq!(
        upload(&app, Some(&a), "avatar", original, "image/png")
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn bad_uploads_are_refused_with_a_localized_reason_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    // A renamed executable, an SVG with a script, and a 20 MB file.
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.resize(4096, 0);
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>"#.to_vec();
    for (bytes, declared) in [(elf, "image/png"), (svg, "image/svg+xml")] {
        let problem = upload(&app, Some(&a), "logo", bytes, declared)
            .await
            .problem(422, "invalid_parameter");
        assert_eq!(fields(&problem), ["file"]);
        assert_eq!(problem["errors"][0]["code"], "not_an_image");
        let message = problem["errors"][0]["message"].as_str().unwrap_or("");
        assert!(
            message.contains("no es una imagen PNG, JPEG ni WebP"),
            "{message}"
        );
    }
    let mut huge = png_with_comment(64, 64, "");
    huge.resize(20 * 1024 * 1024, 0);
    let problem = upload(&app, Some(&a), "banner", huge, "image/png")
        .await
        .problem(413, "invalid_parameter");
    assert_eq!(problem["errors"][0]["code"], "file_too_large");
    assert!(problem["errors"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("10 MB")));
    // 20,000 px wide: a small file whose header alone refuses it.
    let wide = png_with_comment(20_000, 2, "");
    assert!(wide.len() < 1024 * 1024);
    let problem = upload(&app, Some(&a), "banner", wide, "image/png")
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(problem["errors"][0]["code"], "too_many_pixels");
    assert_eq!(uploads_stored(&app).await, 0);
    // And without a session, not even a good picture.
    upload(
        &app,
        None,
        "logo",
        png_with_comment(64, 64, ""),
        "image/png",
    )
    .await
    .problem(401, "not_signed_in");
    assert_eq!(uploads_stored(&app).await, 0);
}

#[tokio::test]
async fn a_store_pages_listing_has_only_that_sellers_products_and_counts() {
    let app = TestApp::new().await;
    let own = products_of(&app, A).await;
    let list = app
        .get(&format!(
            "/api/v1/products?seller={A}&per_page=100&sort=best_selling"
        ))
        .await;
    assert_eq!(list.status, 200, "{}", list.text());
    let list = list.json();
    assert_eq!(list["total"], own.len() as u64);
    assert_eq!(slugs(&list["items"]), own);
    let counted: u64 = list["facets"]["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .filter_map(|c| c["count"].as_u64())
        .sum();
    assert_eq!(counted, own.len() as u64, "facets count only this seller's");
    let none = app
        .get("/api/v1/products?seller=no-such-seller")
        .await
        .json();
    assert_eq!(none["total"], 0);
    let problem = app
        .get("/api/v1/products?seller=%3Cscript%3E")
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["seller"]);
}

#[tokio::test]
async fn a_return_policy_written_for_a_country_is_what_buyers_shipping_there_read() {
    let app = TestApp::new().await;
    let a = signed_in(&app, A).await;
    // A country the store does not ship to, and one named twice, are refused by name; nothing
    // is saved.
    let bad = json!({
        "return_policy": "<p>7 days.</p>",
        "country_returns": [
            { "country": "DE", "policy": "<p>14 Tage Widerrufsrecht.</p>" },
            { "country": "XX", "policy": "<p>?</p>" },
            { "country": "DE", "policy": "<p>again</p>" },
            { "country": "CL", "policy": "  " },
        ],
    });
    // (400: the document lists the destinations and requires a policy.)
    let problem = put(&app, &a, "/api/v1/seller/store/draft", bad)
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(
        fields(&problem),
        [
            "country_returns[1].country",
            "country_returns[2].country",
            "country_returns[3].policy"
        ]
    );
    let draft = call(&app, "GET", "/api/v1/seller/store", Some(&a), None, None)
        .await
        .json();
    assert_eq!(draft["draft"]["country_returns"], json!([]));

    let good = json!({
        "return_policy": "<p>7 days.</p>",
        "country_returns": [{ "country": "de", "policy": "<p>14 Tage Widerrufsrecht.</p>" }],
    });
    let refused = put(&app, &a, "/api/v1/seller/store/draft", good).await;
    assert_eq!(refused.status, 400, "a country is its code, upper case");
    let good = json!({
        "return_policy": "<p>7 days.</p>",
        "country_returns": [{ "country": "DE", "policy": "<p>14 Tage Widerrufsrecht.</p>" }],
    });
    let saved = put(&app, &a, "/api/v1/seller/store/draft", good).await;
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert!(
        storefront(&app, "?country=DE").await["profile"].is_null(),
        "not before it is published"
    );
    publish(&app, &a).await;

    let germany = storefront(&app, "?country=DE").await;
    assert_eq!(
        germany["profile"]["return_policy"],
        "<p>14 Tage Widerrufsrecht.</p>"
    );
    assert_eq!(germany["returns_country"], "DE");
    assert_eq!(
        germany["profile"]["country_returns"],
        json!([]),
        "no other country's"
    );
    for query in ["?country=CL", ""] {
        let elsewhere = storefront(&app, query).await;
        assert_eq!(
            elsewhere["profile"]["return_policy"], "<p>7 days.</p>",
            "{query}"
        );
        assert!(elsewhere["returns_country"].is_null());
    }
    app.get(&format!("/api/v1/sellers/{A}?country=ZZ"))
        .await
        .problem(400, "invalid_parameter");
    // Kept through a draft that changes only another part of the store, and its publication.
    let own = products_of(&app, A).await;
    let featured = put(
        &app,
        &a,
        "/api/v1/seller/store/featured",
        json!({ "products": [own[0]] }),
    )
    .await;
    assert_eq!(featured.status, 200, "{}", featured.text());
    assert_eq!(
        featured.json()["draft"]["country_returns"][0]["country"],
        "DE"
    );
    publish(&app, &a).await;
    assert_eq!(
        storefront(&app, "?country=DE").await["returns_country"],
        "DE"
    );
    // One that sanitizes to nothing leaves the store's own policy.
    let empty = json!({
        "return_policy": "<p>7 days.</p>",
        "country_returns": [{ "country": "DE", "policy": "<img src=x>" }],
    });
    assert_eq!(
        put(&app, &a, "/api/v1/seller/store/draft", empty)
            .await
            .status,
        200
    );
    publish(&app, &a).await;
    let germany = storefront(&app, "?country=DE").await;
    assert_eq!(germany["profile"]["return_policy"], "<p>7 days.</p>");
    assert!(germany["returns_country"].is_null());
}
