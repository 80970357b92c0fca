use crate::helpers::TestApp;
use axum::body::Body;
use axum::http::Request;

#[tokio::test]
async fn the_locale_parameter_localizes_a_problem_and_its_field_messages() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products?page=0&locale=es").await;
    let problem = res.problem(400, "invalid_parameter");
    assert_eq!(res.header("content-language"), "es");
    assert_eq!(
        problem["detail"],
        "Revisa estos parámetros e inténtalo de nuevo: page."
    );
    assert_eq!(problem["errors"][0]["field"], "page");
    assert_eq!(problem["errors"][0]["code"], "out_of_range");
    assert_eq!(
        problem["errors"][0]["message"],
        "page debe ser un número entero entre 1 y 10000."
    );
}

#[tokio::test]
async fn accept_language_localizes_a_problem_when_no_locale_is_given() {
    let app = TestApp::new().await;
    let req = Request::get("/api/unknown")
        .header("accept-language", "fr-FR,ja;q=0.8,en;q=0.5")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    let problem = res.problem(404, "not_found");
    assert_eq!(res.header("content-language"), "ja");
    assert_eq!(
        problem["detail"],
        "このアドレスに API リソースはありません。"
    );
    assert_eq!(
        problem["title"], "Not Found",
        "the title names the status and stays stable"
    );
}

#[tokio::test]
async fn an_unknown_locale_falls_back_to_english_and_says_so() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products?per_page=0&locale=xx").await;
    let problem = res.problem(400, "invalid_parameter");
    assert_eq!(res.header("content-language"), "en");
    assert_eq!(
        problem["errors"][0]["message"],
        "per_page must be a whole number from 1 to 100."
    );
}

#[tokio::test]
async fn right_to_left_locales_get_their_own_text_too() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products?page=1&page=2&locale=ar").await;
    let problem = res.problem(400, "invalid_parameter");
    assert_eq!(res.header("content-language"), "ar");
    assert_eq!(problem["errors"][0]["code"], "repeated");
    assert_eq!(problem["errors"][0]["message"], "حدِّد page مرة واحدة فقط.");
}
