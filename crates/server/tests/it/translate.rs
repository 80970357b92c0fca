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
