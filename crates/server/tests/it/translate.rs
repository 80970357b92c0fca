//! The translation client against a local LibreTranslate-compatible server: a translation
//! comes back marked as machine-made; a timeout, an error status or a body that is not a
//! translation leaves the seller's original, marked with its language.

use axum::routing::post;
use axum::{Json, Router};
use domain::Locale;
use server::translate::{
    translated_or_original, Format, LibreTranslate, NoTranslator, TranslateError, Translator,
};
use std::time::Duration;

/// A LibreTranslate-compatible server on a free loopback port, answering with `answer`; the
/// requests it got are kept.
async fn provider(
    answer: fn(serde_json::Value) -> axum::response::Response,
) -> (
    String,
    std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>,
) {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let app = Router::new().route(
        "/translate",
        post(move |Json(body): Json<serde_json::Value>| {
            let log = log.clone();
            async move {
                log.lock().expect("log").push(body.clone());
                if body["q"] == "slow" {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
                answer(body)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, seen)
}

fn spanish(body: serde_json::Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    let text = body["q"].as_str().unwrap_or("");
    let translated = match text {
        "儿童连衣裙" => "Vestido infantil".to_owned(),
        "<p>纯棉<script>alert(1)</script></p>" => {
            "<p>Algodón<script>alert(1)</script></p>".to_owned()
        }
        other => format!("es:{other}"),
    };
    Json(serde_json::json!({ "translatedText": translated })).into_response()
}

fn client(url: &str) -> LibreTranslate {
    LibreTranslate::new(url, Some("k-123".into()), Duration::from_millis(300))
}

#[tokio::test]
async fn a_translation_comes_back_marked_as_machine_made_and_the_request_names_the_languages() {
    let (url, seen) = provider(spanish).await;
    let translator = client(&url);
    let rendered = translated_or_original(
        &translator,
        "儿童连衣裙",
        Locale::ZhCn,
        Locale::Es,
        Format::Text,
    )
    .await;
    assert_eq!(rendered.text, "Vestido infantil");
    assert_eq!(rendered.language, Locale::Es);
    assert!(rendered.machine);
    let sent = seen.lock().expect("log")[0].clone();
    assert_eq!(sent["source"], "zh");
    assert_eq!(sent["target"], "es");
    assert_eq!(sent["format"], "text");
    assert_eq!(sent["api_key"], "k-123");
}

#[tokio::test]
async fn rich_text_from_the_provider_goes_through_the_sanitizer() {
    let (url, _) = provider(spanish).await;
    let rendered = translated_or_original(
        &client(&url),
        "<p>纯棉<script>alert(1)</script></p>",
        Locale::ZhCn,
        Locale::Es,
        Format::Html,
    )
    .await;
    assert!(rendered.machine);
    assert!(rendered.text.contains("Algodón"), "{}", rendered.text);
    assert!(!rendered.text.contains("script"), "{}", rendered.text);
}

#[tokio::test]
async fn a_provider_that_does_not_answer_in_time_leaves_the_original_marked_with_its_language() {
    let (url, _) = provider(spanish).await;
    let translator = client(&url);
    let started = std::time::Instant::now();
    assert_eq!(
        translator
            .translate("slow", Locale::ZhCn, Locale::Es, Format::Text)
            .await,
        Err(TranslateError::Timeout(Duration::from_millis(300)))
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let rendered =
        translated_or_original(&translator, "slow", Locale::ZhCn, Locale::Es, Format::Text).await;
    assert_eq!(
        (rendered.text.as_str(), rendered.language, rendered.machine),
        ("slow", Locale::ZhCn, false)
    );
}

#[tokio::test]
async fn an_error_status_leaves_the_original() {
    fn refuse(_: serde_json::Value) -> axum::response::Response {
        use axum::response::IntoResponse;
        (
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            Json(serde_json::json!({ "error": "Slowdown: 10 per 1 minute" })),
        )
            .into_response()
    }
    let (url, _) = provider(refuse).await;
    let translator = client(&url);
    assert_eq!(
        translator
            .translate("儿童连衣裙", Locale::ZhCn, Locale::Es, Format::Text)
            .await,
        Err(TranslateError::Status(429))
    );
    let rendered = translated_or_original(
        &translator,
        "儿童连衣裙",
        Locale::ZhCn,
        Locale::Es,
        Format::Text,
    )
    .await;
    assert_eq!(
        (rendered.text.as_str(), rendered.machine),
        ("儿童连衣裙", false)
    );
}

#[tokio::test]
async fn a_body_that_is_not_a_translation_leaves_the_original() {
    fn garbled(body: serde_json::Value) -> axum::response::Response {
        use axum::response::IntoResponse;
        match body["q"].as_str() {
            Some("html") => "<html>gateway</html>".into_response(),
            Some("empty") => Json(serde_json::json!({ "translatedText": "  " })).into_response(),
            Some("huge") => Json(serde_json::json!({ "translatedText": "x".repeat(300 * 1024) }))
                .into_response(),
            Some("moved") => (
                axum::http::StatusCode::FOUND,
                [(axum::http::header::LOCATION, "http://127.0.0.1:9/translate")],
            )
                .into_response(),
            _ => Json(serde_json::json!({ "translated": "wrong field" })).into_response(),
        }
    }
    let (url, _) = provider(garbled).await;
    let translator = client(&url);
    for text in ["html", "empty", "other"] {
        let result = translator
            .translate(text, Locale::Ja, Locale::Es, Format::Text)
            .await;
        assert!(
            matches!(result, Err(TranslateError::Malformed(_))),
            "{text}: {result:?}"
        );
        let rendered =
            translated_or_original(&translator, text, Locale::Ja, Locale::Es, Format::Text).await;
        assert_eq!(
            (rendered.text.as_str(), rendered.language, rendered.machine),
            (text, Locale::Ja, false)
        );
    }
}

#[tokio::test]
async fn an_unreachable_provider_or_none_at_all_leaves_the_original() {
    // A port nothing listens on: bind one, then close it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);
    let result = client(&url)
        .translate("x", Locale::En, Locale::Es, Format::Text)
        .await;
    assert!(
        matches!(result, Err(TranslateError::Unreachable(_))),
        "{result:?}"
    );
    let rendered = translated_or_original(
        &NoTranslator,
        "Kids' dress",
        Locale::En,
        Locale::Es,
        Format::Text,
    )
    .await;
    assert_eq!(
        (rendered.text.as_str(), rendered.language, rendered.machine),
        ("Kids' dress", Locale::En, false)
    );
}

#[tokio::test]
async fn a_text_already_in_the_buyers_language_is_not_sent() {
    let (url, seen) = provider(spanish).await;
    let rendered = translated_or_original(
        &client(&url),
        "Vestido",
        Locale::Es,
        Locale::Es,
        Format::Text,
    )
    .await;
    assert!(!rendered.machine);
    assert!(seen.lock().expect("log").is_empty());
}

#[test]
fn the_provider_is_configured_by_the_environment() {
    let none = server::translate::from_lookup(&|_| None);
    assert_eq!(none.name(), "none");
    let libre = server::translate::from_lookup(&|k| {
        (k == "STORE_TRANSLATE_URL").then(|| "http://127.0.0.1:5000/".to_owned())
    });
    assert_eq!(libre.name(), "libretranslate");
}

/// Answers every request with `{target}:{q}`, but a 503 to every request for Thai.
fn tagged(body: serde_json::Value) -> axum::response::Response {
    use axum::response::IntoResponse;
    let target = body["target"].as_str().unwrap_or("");
    if target == "th" {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let text = body["q"].as_str().unwrap_or("");
    Json(serde_json::json!({ "translatedText": format!("{target}:{text}") })).into_response()
}

/// The text buyers in `locale` see of `slug`: its title, provenance and language.
async fn shown(app: &crate::helpers::TestApp, slug: &str, locale: &str) -> (String, String) {
    let p = app
        .get(&format!("/api/v1/products/{slug}?locale={locale}"))
        .await
        .json();
    (
        p["title"].as_str().unwrap_or("").to_owned(),
        p["provenance"].as_str().unwrap_or("").to_owned(),
    )
}

/// A store whose translation provider is [`tagged`], the requests it got, and seller A signed
/// in.
async fn store_with_provider() -> (
    crate::helpers::TestApp,
    std::sync::Arc<std::sync::Mutex<Vec<serde_json::Value>>>,
    crate::sellers::Session,
) {
    let (url, seen) = provider(tagged).await;
    let app = crate::helpers::TestApp::with(|s| {
        s.with_translator(std::sync::Arc::new(LibreTranslate::new(
            &url,
            None,
            Duration::from_secs(2),
        )))
    })
    .await;
    let seller = crate::sellers::signed_in(&app, crate::sellers::A).await;
    (app, seen, seller)
}

async fn publish(app: &crate::helpers::TestApp, seller: &crate::sellers::Session) {
    let published = crate::sellers::call(
        app,
        "POST",
        "/api/v1/seller/store/publish",
        Some(seller),
        Some(&seller.csrf),
        None,
    )
    .await;
    assert_eq!(published.status, 200, "{}", published.text());
}

async fn write(
    app: &crate::helpers::TestApp,
    seller: &crate::sellers::Session,
    slug: &str,
    locale: &str,
    title: &str,
) {
    let uri = format!("/api/v1/seller/products/{slug}/texts/{locale}");
    let body = serde_json::json!({ "title": title, "description_html": "<p>纯棉</p>" });
    save(app, seller, &uri, body).await;
}

#[tokio::test]
async fn publishing_a_rewritten_original_machine_translates_it_where_the_seller_wrote_nothing_by_hand(
) {
    let (app, seen, seller) = store_with_provider().await;
    let slug = crate::sellers::product_of(&app, 1).await;
    // The languages someone translated by hand keep their text; the machine's are redone.
    let texts = crate::sellers::call(
        &app,
        "GET",
        &format!("/api/v1/seller/products/{slug}"),
        Some(&seller),
        None,
        None,
    )
    .await
    .json();
    let mut machine: Vec<String> = texts["texts"]
        .as_array()
        .expect("texts")
        .iter()
        .filter(|t| t["provenance"] == "machine" && t["locale"] != "es")
        .map(|t| {
            server::translate::libre_code(
                Locale::from_tag(t["locale"].as_str().unwrap_or("")).expect("a locale"),
            )
            .to_owned()
        })
        .collect();
    assert!(machine.len() >= 5, "{texts}");
    // The seller writes in Chinese, and corrects the Spanish by hand in the same publication.
    write(&app, &seller, &slug, "zh-CN", "新款儿童耳机").await;
    write(&app, &seller, &slug, "es", "Auriculares infantiles nuevos").await;
    assert!(
        seen.lock().expect("log").is_empty(),
        "nothing is sent before publishing"
    );
    publish(&app, &seller).await;
    assert_eq!(
        shown(&app, &slug, "zh-CN").await,
        ("新款儿童耳机".into(), "original".into())
    );
    assert_eq!(
        shown(&app, &slug, "es").await,
        ("Auriculares infantiles nuevos".into(), "human".into()),
        "the seller's own Spanish is not translated over"
    );
    assert_eq!(
        shown(&app, &slug, "ja").await,
        ("ja:新款儿童耳机".into(), "machine".into())
    );
    let ja = app
        .get(&format!("/api/v1/products/{slug}?locale=ja"))
        .await
        .json();
    assert_eq!(
        ja["original"]["title"], "新款儿童耳机",
        "with the original one click away"
    );
    let description = ja["description_html"].as_str().unwrap_or("");
    assert!(
        description.contains("ja:") && description.contains("纯棉"),
        "{description}"
    );
    // A language the provider failed keeps no translation of the old original: the buyer
    // reads the new one, marked with its language.
    let (title, provenance) = shown(&app, &slug, "th").await;
    assert_eq!(
        (title.as_str(), provenance.as_str()),
        ("新款儿童耳机", "original")
    );
    let mut targets: Vec<String> = seen
        .lock()
        .expect("log")
        .iter()
        .map(|r| r["target"].as_str().unwrap_or("").to_owned())
        .collect();
    targets.sort();
    targets.dedup();
    machine.sort();
    assert_eq!(
        targets, machine,
        "only the machine's languages, not Spanish nor the original"
    );
    assert_eq!(
        seen.lock().expect("log").len(),
        2 * machine.len(),
        "a title and a description each"
    );
    // Search finds the product by its machine-translated title, and no longer by the old one.
    let hits = app
        .get("/api/v1/products?q=ko%3A%E6%96%B0%E6%AC%BE&locale=ko")
        .await
        .json();
    assert!(
        hits["items"]
            .as_array()
            .is_some_and(|i| i.iter().any(|p| p["slug"] == slug.as_str())),
        "{hits}"
    );
}

#[tokio::test]
async fn without_a_provider_a_rewritten_original_replaces_the_stale_machine_texts() {
    let app = crate::helpers::TestApp::new().await;
    let seller = crate::sellers::signed_in(&app, crate::sellers::A).await;
    let slug = crate::sellers::product_of(&app, 1).await;
    let (_, before) = shown(&app, &slug, "ja").await;
    assert_eq!(before, "machine", "seeded as a machine translation");
    write(&app, &seller, &slug, "zh-CN", "新款儿童耳机").await;
    publish(&app, &seller).await;
    assert_eq!(
        shown(&app, &slug, "ja").await,
        ("新款儿童耳机".into(), "original".into())
    );
    // A listing shows the original title too.
    let list = app
        .get("/api/v1/products?q=%E6%96%B0%E6%AC%BE&locale=ja")
        .await
        .json();
    let item = list["items"]
        .as_array()
        .and_then(|i| i.iter().find(|p| p["slug"] == slug.as_str()).cloned())
        .expect("found by its new title");
    assert_eq!(item["title"], "新款儿童耳机");
}

#[tokio::test]
async fn an_original_rewritten_while_the_translations_were_asked_for_leaves_no_stale_machine_text()
{
    let app = crate::helpers::TestApp::new().await;
    let seller = crate::sellers::signed_in(&app, crate::sellers::A).await;
    let slug = crate::sellers::product_of(&app, 1).await;
    // The translations are asked for before the seller's new original arrives.
    let made = server::sellers::products::translate_originals(&app.state, 1)
        .await
        .expect("translations");
    assert!(made.is_empty());
    write(&app, &seller, &slug, "zh-CN", "新款儿童耳机").await;
    let mut tx = app.state.db.begin().await.expect("transaction");
    server::sellers::products::publish_texts(&mut tx, 1, &made)
        .await
        .expect("published");
    tx.commit().await.expect("commit");
    assert_eq!(
        shown(&app, &slug, "ja").await,
        ("新款儿童耳机".into(), "original".into())
    );
}

/// `PUT`s `body` to a seller endpoint and checks it was saved.
async fn save(
    app: &crate::helpers::TestApp,
    seller: &crate::sellers::Session,
    uri: &str,
    body: serde_json::Value,
) {
    let saved = crate::sellers::call(
        app,
        "PUT",
        uri,
        Some(seller),
        Some(&seller.csrf),
        Some(body),
    )
    .await;
    assert_eq!(saved.status, 200, "{}", saved.text());
}

#[tokio::test]
async fn a_published_stores_tagline_about_returns_and_campaign_headline_reach_buyers_machine_translated_asked_for_once(
) {
    let (app, seen, seller) = store_with_provider().await;
    let store = |locale: &'static str| {
        let app = &app;
        async move {
            app.get(&format!(
                "/api/v1/sellers/{}?locale={locale}",
                crate::sellers::A
            ))
            .await
            .json()
        }
    };
    let profile = serde_json::json!({
        "tagline": "十年童装老店",
        "about": "<p>深圳<b>工厂</b>直销</p>",
        "return_policy": "<p>30天无理由退货</p>",
        "theme_color": "#0b5d3b",
    });
    save(&app, &seller, "/api/v1/seller/store/draft", profile.clone()).await;
    let campaign = serde_json::json!({ "campaigns": [{
        "headline": "双十一大促",
        "starts": crate::store_pages::shanghai(-1),
        "ends": crate::store_pages::shanghai(24),
        "time_zone": "Asia/Shanghai",
    }]});
    save(&app, &seller, "/api/v1/seller/store/campaigns", campaign).await;
    assert!(
        seen.lock().expect("log").is_empty(),
        "nothing before publishing"
    );
    publish(&app, &seller).await;

    let ja: serde_json::Value = store("ja").await;
    assert_eq!(ja["machine"]["locale"], "ja");
    assert_eq!(ja["machine"]["tagline"], "ja:十年童装老店");
    assert_eq!(ja["machine"]["headline"], "ja:双十一大促");
    let about = ja["machine"]["about"].as_str().unwrap_or("");
    assert!(
        about.starts_with("ja:") && about.contains("<b>工厂</b>"),
        "{about}"
    );
    assert!(ja["machine"]["return_policy"]
        .as_str()
        .is_some_and(|t| t.starts_with("ja:")));
    assert_eq!(
        ja["profile"]["tagline"], "十年童装老店",
        "the original stays beside it"
    );
    assert_eq!(ja["campaign"]["headline"], "双十一大促");
    // The seller's own language is not translated; a language the provider failed (Thai) is
    // the seller's words.
    assert!(store("zh-CN").await["machine"].is_null());
    assert!(store("th").await["machine"].is_null());
    // Requests for the languages the provider answers (Thai's fail, and are asked again at
    // every publication until one succeeds).
    let answered = || {
        seen.lock()
            .expect("log")
            .iter()
            .filter(|r| r["target"] != "th")
            .count()
    };
    assert_eq!(answered(), 4 * 10, "four texts into ten languages");

    // The store page's first response is in the buyer's language, with the theme colour from
    // the first paint, allowed by its hash.
    let page = app.get(&format!("/ja/s/{}", crate::sellers::A)).await;
    let html = page.text();
    // Drawn (not only in the inlined answer), marked with the buyer's language.
    assert!(
        html.contains(r#"<p lang="ja" dir="auto" class="store-tagline">ja:十年童装老店</p>"#),
        "the tagline"
    );
    assert!(
        html.contains(r#"lang="ja" dir="auto">ja:双十一大促</h2>"#),
        "the headline"
    );
    assert!(
        html.contains(r#"<span class="badge">機械翻訳</span>"#),
        "said to be the machine's"
    );
    assert!(html.contains("<style>.store{--store-theme:#0b5d3b}</style>"));
    let policy = page.headers["content-security-policy"]
        .to_str()
        .unwrap_or("");
    assert!(policy.contains("style-src 'self' 'sha256-"), "{policy}");

    // Publishing again asks for nothing; a rewritten tagline is asked for alone, and no buyer
    // sees the old one's translation.
    publish(&app, &seller).await;
    assert_eq!(answered(), 40, "nothing new to translate");
    let mut rewritten = profile;
    rewritten["tagline"] = "深圳童装工厂".into();
    save(&app, &seller, "/api/v1/seller/store/draft", rewritten).await;
    publish(&app, &seller).await;
    assert_eq!(answered(), 40 + 10, "the tagline alone");
    let ja: serde_json::Value = store("ja").await;
    assert_eq!(ja["machine"]["tagline"], "ja:深圳童装工厂");
    assert_eq!(ja["machine"]["headline"], "ja:双十一大促", "kept");
}

#[tokio::test]
async fn without_a_provider_a_rewritten_store_text_drops_its_stale_translations() {
    let app = crate::helpers::TestApp::new().await;
    let seller = crate::sellers::signed_in(&app, crate::sellers::A).await;
    save(
        &app,
        &seller,
        "/api/v1/seller/store/draft",
        serde_json::json!({ "tagline": "十年童装老店" }),
    )
    .await;
    publish(&app, &seller).await;
    // A translation made for this tagline by an earlier provider.
    sqlx::query(
        "INSERT INTO store_text_translations (seller_id, field, locale, source_hash, text, made_at) \
         SELECT id, 'tagline', 'es', ?, 'Tienda de ropa infantil', 0 FROM sellers WHERE slug = ?",
    )
    .bind(server::sellers::auth::token_hash("十年童装老店"))
    .bind(crate::sellers::A)
    .execute(&app.state.db)
    .await
    .expect("a stored translation");
    async fn es(app: &crate::helpers::TestApp) -> serde_json::Value {
        app.get(&format!("/api/v1/sellers/{}?locale=es", crate::sellers::A))
            .await
            .json()
    }
    let before = es(&app).await;
    assert_eq!(before["machine"]["tagline"], "Tienda de ropa infantil");
    save(
        &app,
        &seller,
        "/api/v1/seller/store/draft",
        serde_json::json!({ "tagline": "深圳童装工厂" }),
    )
    .await;
    let drafted = es(&app).await;
    assert_eq!(
        drafted["machine"]["tagline"], "Tienda de ropa infantil",
        "until published"
    );
    publish(&app, &seller).await;
    let after = es(&app).await;
    assert!(after["machine"].is_null(), "{after}");
    assert_eq!(after["profile"]["tagline"], "深圳童装工厂");
    let (left,): (i64,) = sqlx::query_as("SELECT count(*) FROM store_text_translations")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(left, 0);
}
