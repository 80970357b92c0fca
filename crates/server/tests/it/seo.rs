//! What a search engine sees without running the app: page statuses, robots.txt and the
//! sitemaps.

use crate::helpers::TestApp;
use quick_xml::events::Event;
use quick_xml::Reader;

async fn count(app: &TestApp, sql: &str) -> usize {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(&app.db().await)
        .await
        .expect("count");
    usize::try_from(n).expect("a count")
}

async fn a_product_slug(app: &TestApp) -> String {
    let (slug,): (String,) = sqlx::query_as("SELECT slug FROM products ORDER BY id LIMIT 1")
        .fetch_one(&app.db().await)
        .await
        .expect("a product");
    slug
}

#[tokio::test]
async fn an_unknown_product_category_or_path_is_a_404_with_the_app_and_known_pages_are_200() {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    for (path, status) in [
        ("/en/".to_owned(), 200),
        ("/ja/search?q=silk".to_owned(), 200),
        ("/es/c/apparel".to_owned(), 200),
        (format!("/ar/p/{slug}"), 200),
        ("/en/p/no-such-product".to_owned(), 404),
        ("/en/c/no-such-category".to_owned(), 404),
        ("/en/nowhere".to_owned(), 404),
        ("/xx/p/anything".to_owned(), 404),
        (format!("/p/{slug}"), 404),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status, status, "{path}");
        // Either way the app comes with it, and says what it can (a not-found page).
        assert!(
            res.header("content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(res.text().contains("<body>"), "{path}");
    }
}

#[tokio::test]
async fn a_buyers_own_pages_are_kept_out_of_search_engines() {
    let app = TestApp::new().await;
    for path in [
        "/en/cart",
        "/es/checkout",
        "/ja/orders",
        "/ko/orders/SO-12345-67890",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("x-robots-tag"), "noindex", "{path}");
    }
    let slug = a_product_slug(&app).await;
    let res = app.get(&format!("/en/p/{slug}")).await;
    assert_eq!(res.header("x-robots-tag"), "", "a product page is indexed");
}

#[tokio::test]
async fn robots_txt_names_the_sitemap_at_the_public_origin_and_keeps_crawlers_off_private_pages() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let res = app.get("/robots.txt").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("text/plain"));
    let text = res.text();
    assert!(text.starts_with("User-agent: *\n"), "{text}");
    for rule in [
        "Disallow: /api/",
        "Disallow: /*/cart",
        "Disallow: /*/checkout",
        "Disallow: /*/orders",
    ] {
        assert!(text.lines().any(|l| l == rule), "{rule}: {text}");
    }
    assert!(
        text.lines()
            .any(|l| l == "Sitemap: https://shop.example/sitemap.xml"),
        "{text}"
    );
}

/// Every `(element, text)` and every attribute map of `xml`, checked to parse.
fn parse(xml: &str) -> (Vec<String>, Vec<Vec<(String, String)>>) {
    let mut reader = Reader::from_str(xml);
    let mut locs = Vec::new();
    let mut links = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"loc" => in_loc = true,
            Event::End(e) if e.name().as_ref() == b"loc" => in_loc = false,
            Event::Text(t) if in_loc => locs.push(t.unescape().expect("text").into_owned()),
            Event::Empty(e) if e.name().as_ref() == b"xhtml:link" => links.push(
                e.attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).expect("utf-8"),
                            a.unescape_value().expect("value").into_owned(),
                        )
                    })
                    .collect(),
            ),
            Event::Eof => break,
            _ => {}
        }
    }
    (locs, links)
}

#[tokio::test]
async fn the_sitemaps_list_every_product_and_category_in_every_locale_with_their_alternates() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let res = app.get("/sitemap.xml").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("application/xml"));
    let (sitemaps, _) = parse(&res.text());
    let expected: Vec<String> = domain::Locale::ALL
        .iter()
        .map(|l| format!("https://shop.example/sitemaps/{}.xml", l.tag()))
        .collect();
    assert_eq!(sitemaps, expected);

    let products = count(&app, "SELECT count(*) FROM products").await;
    let categories = count(&app, "SELECT count(*) FROM categories").await;
    assert!(products >= 480, "{products}");
    let slug = a_product_slug(&app).await;
    for locale in ["en", "ja", "ar"] {
        let res = app.get(&format!("/sitemaps/{locale}.xml")).await;
        assert_eq!(res.status, 200, "{locale}");
        let (urls, links) = parse(&res.text());
        assert_eq!(urls.len(), 1 + categories + products, "{locale}");
        assert!(urls
            .iter()
            .all(|u| u.starts_with(&format!("https://shop.example/{locale}/"))));
        assert!(urls.contains(&format!("https://shop.example/{locale}/p/{slug}")));
        // Twelve languages and x-default for each page.
        assert_eq!(links.len(), urls.len() * 13, "{locale}");
        let first = &links[..13];
        assert!(first
            .iter()
            .any(|l| l.contains(&("hreflang".into(), "zh-CN".into()))));
        assert!(first
            .iter()
            .any(|l| l.contains(&("hreflang".into(), "x-default".into()))
                && l.contains(&("href".into(), "https://shop.example/en/".into()))));
    }
    // Every listed page is one the store answers with a 200.
    let res = app.get("/sitemaps/es.xml").await;
    let (urls, _) = parse(&res.text());
    for url in urls.iter().step_by(50) {
        let path = url.trim_start_matches("https://shop.example");
        assert_eq!(app.get(path).await.status, 200, "{path}");
    }
    assert_eq!(app.get("/sitemaps/xx.xml").await.status, 404);
}
