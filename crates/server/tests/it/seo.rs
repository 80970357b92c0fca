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
        ("/en/s/mekong-kids".to_owned(), 200),
        ("/en/s/no-such-seller".to_owned(), 404),
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
        "/vi/seller",
        "/vi/seller/products/any-product",
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
        "Disallow: /*/seller",
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
async fn the_sitemaps_list_every_product_category_and_store_in_every_locale_with_their_alternates()
{
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let res = app.get("/sitemap.xml").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("application/xml"));
    let (sitemaps, _) = parse(&res.text());
    let expected: Vec<String> = domain::Locale::ALL
        .iter()
        .map(|l| format!("https://shop.example/sitemaps/{}-1.xml", l.tag()))
        .collect();
    assert_eq!(sitemaps, expected);

    let products = count(&app, "SELECT count(*) FROM products").await;
    let categories = count(&app, "SELECT count(*) FROM categories").await;
    let stores = count(&app, "SELECT count(*) FROM sellers").await;
    assert!(products >= 480, "{products}");
    let slug = a_product_slug(&app).await;
    for locale in ["en", "ja", "ar"] {
        let res = app.get(&format!("/sitemaps/{locale}-1.xml")).await;
        assert_eq!(res.status, 200, "{locale}");
        let (urls, links) = parse(&res.text());
        assert_eq!(urls.len(), 1 + categories + products + stores, "{locale}");
        assert!(urls.contains(&format!("https://shop.example/{locale}/s/mekong-kids")));
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
    let res = app.get("/sitemaps/es-1.xml").await;
    let (urls, _) = parse(&res.text());
    for url in urls.iter().step_by(50) {
        let path = url.trim_start_matches("https://shop.example");
        assert_eq!(app.get(path).await.status, 200, "{path}");
    }
    for missing in [
        "/sitemaps/xx-1.xml",
        "/sitemaps/es.xml",
        "/sitemaps/es-2.xml",
        "/sitemaps/es-0.xml",
        "/sitemaps/es-01.xml",
        "/sitemaps/es-+1.xml",
    ] {
        assert_eq!(app.get(missing).await.status, 404, "{missing}");
    }
}

/// The content of the first `<tag …attr="value" …>` whose attribute `attr` is `value`: its
/// attribute `want`.
fn attribute(html: &str, selector: (&str, &str), want: &str) -> Option<String> {
    let needle = format!("{}=\"{}\"", selector.0, selector.1);
    let at = html.find(&needle)?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find('>')?;
    let tag = &html[start..end];
    let key = format!("{want}=\"");
    let from = tag.find(&key)? + key.len();
    Some(tag[from..from + tag[from..].find('"')?].to_owned())
}

#[tokio::test]
async fn a_product_pages_first_response_names_the_product_for_search_engines_and_previews() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let slug = a_product_slug(&app).await;
    // Without Accept-Language a Japanese page is priced in yen, as the app would choose.
    let product = app
        .get(&format!("/api/v1/products/{slug}?locale=ja&currency=JPY"))
        .await
        .json();
    let res = app.get(&format!("/ja/p/{slug}")).await;
    assert_eq!(res.status, 200);
    let html = res.text();
    let title = product["title"].as_str().expect("title");
    assert!(html.contains(&format!("<title>{title} · ")), "{html}");
    let description = attribute(&html, ("name", "description"), "content").expect("description");
    assert!(!description.is_empty() && description.chars().count() <= 161);
    assert_eq!(
        attribute(&html, ("rel", "canonical"), "href").as_deref(),
        Some(format!("https://shop.example/ja/p/{slug}").as_str())
    );
    for locale in domain::Locale::ALL {
        assert_eq!(
            attribute(&html, ("hreflang", locale.tag()), "href"),
            Some(format!("https://shop.example/{}/p/{slug}", locale.tag())),
            "{locale:?}"
        );
    }
    assert!(attribute(&html, ("hreflang", "x-default"), "href").is_some());
    let image = attribute(&html, ("property", "og:image"), "content").expect("og:image");
    assert!(image.starts_with("https://shop.example/media/"), "{image}");
    // The same picture is preloaded: the page's largest paint.
    let preload = attribute(&html, ("as", "image"), "href").expect("the main image is preloaded");
    assert_eq!(format!("https://shop.example{preload}"), image);
    assert_eq!(
        attribute(&html, ("as", "image"), "fetchpriority").as_deref(),
        Some("high")
    );
    // Structured data: a Product whose offer is the product's price in the buyer's currency.
    let data: Vec<serde_json::Value> = html
        .split(r#"<script type="application/ld+json">"#)
        .skip(1)
        .map(|rest| {
            serde_json::from_str(&rest[..rest.find("</script>").expect("end")]).expect("JSON-LD")
        })
        .collect();
    let kinds: Vec<&str> = data
        .iter()
        .map(|d| d["@type"].as_str().expect("@type"))
        .collect();
    assert_eq!(kinds, ["Product", "BreadcrumbList", "Organization"]);
    let offer = &data[0]["offers"];
    assert_eq!(data[0]["name"], title);
    let in_yen = if product["converted"].is_null() {
        &product["price"]
    } else {
        &product["converted"]["amount"]
    };
    assert_eq!(offer["price"], in_yen["amount"]);
    assert_eq!(offer["priceCurrency"], "JPY");
    assert!(offer["availability"]
        .as_str()
        .expect("availability")
        .starts_with("https://schema.org/"));
    assert_eq!(data[0]["image"][0], image);
    // The tags the app replaces as the buyer moves on are marked for it.
    assert!(html.contains(r#"<link data-page-meta rel="canonical""#));
    // An unknown product has no such head, and is a 404.
    let res = app.get("/ja/p/no-such-product").await;
    assert_eq!(res.status, 404);
    assert!(!res.text().contains("application/ld+json"));
}

/// The inlined answer of a page: its key and its JSON.
fn page_data(html: &str) -> Option<(String, serde_json::Value)> {
    let key = attribute(html, ("id", "page-data"), "data-key")?;
    let start = html.find(r#"<script id="page-data""#)?;
    let body = &html[start..];
    let body = &body[body.find('>')? + 1..];
    let json = &body[..body.find("</script>")?];
    Some((key, serde_json::from_str(json).expect("page data is JSON")))
}

#[tokio::test]
async fn a_product_page_carries_the_apis_answer_in_the_currency_the_buyers_languages_suggest() {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let res = app
        .request(
            axum::http::Request::get(format!("/es/p/{slug}"))
                .header("accept-language", "es-CL,es;q=0.9,en;q=0.5")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(res.status, 200);
    // A shared cache must not give a Chilean buyer's page to a Spanish one.
    assert!(
        res.header("vary").contains("accept-language"),
        "{}",
        res.header("vary")
    );
    let html = res.text();
    let (key, inlined) = page_data(&html).expect("the page carries its data");
    assert_eq!(key, format!("product|{slug}|es|CLP"));
    // Exactly what the app would have asked for.
    let api = app
        .get(&format!("/api/v1/products/{slug}?locale=es&currency=CLP"))
        .await
        .json();
    assert_eq!(inlined, api);
    assert_eq!(inlined["converted"]["amount"]["currency"], "CLP");
    let offer_at = html.find(r#""@type":"Offer""#).expect("an offer");
    assert!(html[offer_at..].contains(r#""priceCurrency":"CLP""#));

    // A buyer with no region in their languages gets the locale's currency: euros for es.
    let res = app.get(&format!("/es/p/{slug}")).await;
    assert_eq!(
        page_data(&res.text()).expect("data").0,
        format!("product|{slug}|es|EUR")
    );
    // An unknown product carries nothing.
    assert!(page_data(&app.get("/es/p/no-such-product").await.text()).is_none());
}

#[tokio::test]
async fn a_page_drawn_by_the_server_carries_the_rate_table_its_conversion_notes_were_written_with()
{
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let rates = app.get("/api/v1/fx/rates").await.json();
    for (path, id) in [
        (format!("/es/p/{slug}"), "page-data-2"),
        ("/ja/c/apparel".to_owned(), "page-data-2"),
        ("/en/".to_owned(), "page-data-2"),
        ("/es/s/mekong-kids".to_owned(), "page-data-3"),
    ] {
        let html = app.get(&path).await.text();
        assert_eq!(
            attribute(&html, ("id", id), "data-key").as_deref(),
            Some("fx|rates"),
            "{path}"
        );
        let start = html
            .find(&format!(r#"<script id="{id}""#))
            .expect("the block");
        let body = &html[start..];
        let body = &body[body.find('>').expect("open") + 1..];
        let json: serde_json::Value =
            serde_json::from_str(&body[..body.find("</script>").expect("close")]).expect("JSON");
        assert_eq!(
            json["rates"], rates["rates"],
            "{path}: what the API answers"
        );
        assert_eq!(json["spread_percent"], rates["spread_percent"]);
    }
    // Pages without a first screen of their own carry none.
    assert!(!app.get("/en/cart").await.text().contains("fx|rates"));
}

/// The JSON-LD blocks of `html`.
fn json_ld(html: &str) -> Vec<serde_json::Value> {
    html.split(r#"<script type="application/ld+json">"#)
        .skip(1)
        .map(|rest| {
            serde_json::from_str(&rest[..rest.find("</script>").expect("end")]).expect("JSON-LD")
        })
        .collect()
}

#[tokio::test]
async fn home_and_category_pages_name_themselves_in_the_buyers_language_for_search_engines() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let texts = ui_texts::texts(domain::Locale::Ja);

    let html = app.get("/ja/").await.text();
    assert!(
        html.contains(&format!(
            "<title>{} · {}</title>",
            texts.home_heading, texts.store_name
        )),
        "{html}"
    );
    assert_eq!(
        attribute(&html, ("name", "description"), "content").as_deref(),
        Some(texts.meta_description)
    );
    assert_eq!(
        attribute(&html, ("rel", "canonical"), "href").as_deref(),
        Some("https://shop.example/ja/")
    );
    assert_eq!(
        attribute(&html, ("hreflang", "ar"), "href").as_deref(),
        Some("https://shop.example/ar/")
    );
    let data = json_ld(&html);
    let kinds: Vec<&str> = data
        .iter()
        .map(|d| d["@type"].as_str().expect("@type"))
        .collect();
    assert_eq!(kinds, ["WebSite", "Organization"]);
    assert_eq!(
        data[0]["potentialAction"]["target"],
        "https://shop.example/ja/search?q={search_term_string}"
    );

    let (name,): (String,) = sqlx::query_as(
        "SELECT cn.name FROM category_names cn JOIN categories c ON c.id = cn.category_id \
         WHERE c.slug = 'apparel' AND cn.locale = 'ja'",
    )
    .fetch_one(&app.db().await)
    .await
    .expect("the category's Japanese name");
    let html = app.get("/ja/c/apparel").await.text();
    assert!(html.contains(&format!("<title>{name} · ")), "{html}");
    assert_eq!(
        attribute(&html, ("rel", "canonical"), "href").as_deref(),
        Some("https://shop.example/ja/c/apparel")
    );
    let data = json_ld(&html);
    assert_eq!(data[0]["@type"], "BreadcrumbList");
    assert_eq!(data[0]["itemListElement"][1]["name"], name.as_str());
    assert_eq!(
        data[0]["itemListElement"][1]["item"],
        "https://shop.example/ja/c/apparel"
    );
    // A search or a filtered listing keeps the shell's head for the app to write.
    assert!(!app
        .get("/ja/search?q=silk")
        .await
        .text()
        .contains("application/ld+json"));
}

#[tokio::test]
async fn home_and_category_pages_carry_the_apis_first_page_of_their_listing() {
    let app = TestApp::new().await;
    for (path, key, api) in [
        (
            "/ja/",
            "listing||ja|JPY",
            "/api/v1/products?locale=ja&currency=JPY",
        ),
        (
            "/ja/c/apparel",
            "listing|apparel|ja|JPY",
            "/api/v1/products?category=apparel&locale=ja&currency=JPY",
        ),
    ] {
        let html = app.get(path).await.text();
        let (found, inlined) = page_data(&html).expect("the page carries its listing");
        assert_eq!(found, key);
        // The first cards' pictures are fetched with the page.
        let first = inlined["items"][0]["image"]["url"]
            .as_str()
            .expect("a picture");
        assert!(
            html.contains(&format!(
                r#"<link data-page-meta rel="preload" as="image" href="{first}""#
            )),
            "{path}"
        );
        assert_eq!(
            html.matches(r#"rel="preload" as="image""#).count(),
            4,
            "{path}"
        );
        assert_eq!(inlined, app.get(api).await.json(), "{path}");
        assert!(!inlined["items"].as_array().expect("items").is_empty());
    }
    // A filtered listing, a later page or a search is the app's to ask for.
    assert!(page_data(&app.get("/ja/search?q=silk").await.text()).is_none());
    assert!(page_data(&app.get("/ja/?page=2").await.text()).is_none());
    assert!(page_data(&app.get("/ja/c/apparel?sort=price_asc").await.text()).is_none());
}

#[tokio::test]
async fn a_product_page_keeps_its_head_with_a_campaign_query_or_a_trailing_slash_and_prices_in_an_offered_currency(
) {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    for path in [
        format!("/en/p/{slug}?utm_source=newsletter"),
        format!("/en/p/{slug}/"),
    ] {
        let html = app.get(&path).await.text();
        assert!(html.contains(r#""@type":"Product""#), "{path}");
        assert!(page_data(&html).is_some(), "{path}");
    }
    // A Russian buyer's roubles have no rate in the store: the page is priced in a currency it
    // offers (dollars, the fallback), and the app starts from that one (`initial_currency`).
    let res = app
        .request(
            axum::http::Request::get(format!("/ru/p/{slug}"))
                .header("accept-language", "ru-RU,ru;q=0.9")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    let (key, _) = page_data(&res.text()).expect("data");
    assert_eq!(key, format!("product|{slug}|ru|USD"));
}

/// The text of `html` between `start` and the next `end`, tags removed (`<!>` markers too).
fn text_after(html: &str, start: &str, end: &str) -> Option<String> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)? + from;
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[from..to].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    Some(out)
}

#[tokio::test]
async fn a_product_pages_first_response_shows_the_product_its_price_in_the_buyers_currency_and_add_to_cart(
) {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let res = app
        .request(
            axum::http::Request::get(format!("/es/p/{slug}"))
                .header("accept-language", "es-CL,es;q=0.9")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(res.status, 200);
    let html = res.text();
    let (_, inlined) = page_data(&html).expect("the page carries its data");
    let first = &html[html
        .find(r#"<div id="first-screen">"#)
        .expect("a first screen")..];
    // The header, the page and the footer, as the app draws them, and the hidden box the app
    // mounts in beside them.
    assert!(first.contains(r#"<header class="site-header">"#));
    assert!(first.contains(r#"</div><div id="app" hidden></div>"#));
    assert!(first.contains(r#"<main id="main""#));
    assert!(first.contains(r#"<footer class="site-footer">"#));
    let title = inlined["title"].as_str().expect("a title");
    let h1 = text_after(first, r#"id="product-title""#, "</h1>").expect("a heading");
    assert!(h1.ends_with(title), "{h1:?} is not {title:?}");
    // The main picture, with its size reserved and fetched first.
    let picture = first
        .find(r#"class="gallery-main""#)
        .expect("the main picture");
    let tag = &first[first[..picture].rfind('<').expect("tag")..][..400];
    for want in [
        r#"width="480""#,
        r#"height="480""#,
        r#"fetchpriority="high""#,
    ] {
        assert!(tag.contains(want), "{want} in {tag}");
    }
    // The price in Chilean pesos, written as `Intl` writes it for `es` (tests/formatting.rs
    // in the app holds the formatting to Chromium's).
    let converted: domain::Money =
        serde_json::from_value(inlined["converted"]["amount"].clone()).expect("CLP amount");
    let price = text_after(first, r#"<span class="price-main">"#, "</span>").expect("a price");
    assert_eq!(
        price,
        format!("≈ {}", storefront::format::format_money(&converted, "es"))
    );
    assert!(price.contains("CLP"), "{price}");
    // "Add to cart", in Spanish.
    assert!(
        first.contains("Añadir al carrito"),
        "no add-to-cart control"
    );
    // Text from the product and the seller is escaped, never markup of its own.
    assert!(!first.contains("<script"), "a script in the first screen");
}

#[tokio::test]
async fn home_and_category_pages_first_response_shows_the_first_products_as_cards() {
    let app = TestApp::new().await;
    for path in ["/ja/", "/en/c/apparel"] {
        let html = app.get(path).await.text();
        let (_, inlined) = page_data(&html).expect("the page carries its data");
        let first = &html[html
            .find(r#"<div id="first-screen">"#)
            .expect("a first screen")..];
        assert!(first.contains(r#"id="listing-heading""#), "{path}");
        for item in inlined["items"].as_array().expect("items").iter().take(4) {
            let title = item["title"].as_str().expect("a title");
            assert!(
                first.contains(&crate::helpers::html_escaped(title)),
                "{path}: {title}"
            );
        }
    }
}

#[tokio::test]
async fn the_first_screen_follows_the_buyers_remembered_currency_and_destination_and_ignores_forged_ones(
) {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let page = |cookie: &'static str| {
        let slug = slug.clone();
        let app = &app;
        async move {
            let res = app
                .request(
                    axum::http::Request::get(format!("/en/p/{slug}"))
                        .header("accept-language", "en-US")
                        .header("cookie", cookie)
                        .body(axum::body::Body::empty())
                        .expect("request"),
                )
                .await;
            assert_eq!(res.status, 200);
            // A shared cache must not give one buyer's currency to another.
            assert!(
                res.header("vary").contains("cookie"),
                "{}",
                res.header("vary")
            );
            res.text()
        }
    };
    let html = page("theme=dark; store_currency=EUR; store_ship_to=DE").await;
    assert_eq!(
        page_data(&html).expect("data").0,
        format!("product|{slug}|en|EUR")
    );
    let first = &html[html
        .find(r#"<div id="first-screen">"#)
        .expect("a first screen")..];
    let price = text_after(first, r#"<span class="price-main">"#, "</span>").expect("a price");
    assert!(price.contains('€'), "{price}");
    // The estimate's destination is the remembered one.
    assert!(
        first.contains(r#"<option value="DE" selected"#),
        "Germany is not chosen"
    );
    // A currency the store does not offer, a made-up one, markup, or a destination it does not
    // ship to: the guess from the languages, as without cookies.
    for forged in [
        "store_currency=XXX; store_ship_to=ZZ",
        "store_currency=<script>; store_ship_to=\"US\"",
        "store_currency=eur",
    ] {
        let html = page(forged).await;
        assert_eq!(
            page_data(&html).expect("data").0,
            format!("product|{slug}|en|USD"),
            "{forged}"
        );
        assert!(!html.contains("<script>;"), "{forged}");
    }
}

#[tokio::test]
async fn a_product_pages_first_response_shows_its_delivery_estimate_for_the_buyers_destination_in_their_currency_and_language_and_stores_no_quote(
) {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let quotes_before = count(&app, "SELECT COUNT(*) FROM shipping_quotes").await;
    let res = app
        .request(
            axum::http::Request::get(format!("/ja/p/{slug}"))
                .header("accept-language", "ja")
                .header("cookie", "store_currency=EUR; store_ship_to=DE")
                .body(axum::body::Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(res.status, 200);
    let html = res.text();
    let (_, inlined) = page_data(&html).expect("the page carries its data");
    let product: domain::ProductDetail = serde_json::from_value(inlined).expect("a product");
    let sku = storefront::catalog::estimated_sku(&product).expect("a variant");
    let first = &html[html
        .find(r#"<div id="first-screen">"#)
        .expect("a first screen")..];
    // Marked with what it is for: the variant the page opens on, to Germany, in euros, in
    // Japanese, which the app compares with its own before keeping it.
    let key =
        storefront::shipping::estimate_key(&sku, "DE", domain::Currency::EUR, domain::Locale::Ja);
    assert!(
        first.contains(&format!(
            r#"data-estimate="{}""#,
            crate::helpers::html_escaped(&key)
        )),
        "no estimate for {key}"
    );
    assert!(
        !first.contains("quote-skeleton"),
        "the estimate is drawn as loading"
    );
    // The same options, prices and dates as the quote endpoint gives for it.
    let quote = app
        .post_json(
            "/api/v1/shipping/quotes?locale=ja&currency=EUR",
            &format!(
                r#"{{"lines":[{{"sku":"{sku}","quantity":1}}],"destination":{{"country":"DE"}}}}"#
            ),
        )
        .await;
    assert_eq!(quote.status, 201, "{}", quote.text());
    let quote: domain::shipping::ShippingQuote =
        serde_json::from_value(quote.json()).expect("a quote");
    let picks: Vec<_> = quote.shipments[0]
        .options
        .iter()
        .filter(|o| {
            o.labels.iter().any(|l| {
                matches!(
                    l,
                    domain::shipping::OptionLabel::Cheapest
                        | domain::shipping::OptionLabel::Fastest
                )
            })
        })
        .collect();
    assert!(!picks.is_empty());
    assert_eq!(
        first.matches(r#"class="estimate-option""#).count(),
        picks.len()
    );
    for o in picks {
        assert!(
            first.contains(&format!(r#"data-option="{}""#, o.id)),
            "{}",
            o.id
        );
        assert!(
            first.contains(&o.dates),
            "{} not in the first screen",
            o.dates
        );
        assert!(
            first.contains(&storefront::format::format_money(&o.converted, "ja")),
            "{:?}",
            o.converted
        );
    }
    // Drawing the page stored nothing: only the endpoint's own quote was kept.
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM shipping_quotes").await,
        quotes_before + 1
    );
}

#[tokio::test]
async fn a_sellers_markup_in_a_title_or_brand_is_text_in_the_first_screen_never_markup() {
    let app = TestApp::new().await;
    let slug = a_product_slug(&app).await;
    let hostile =
        r#"</h1><script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)"#;
    let db = app.db().await;
    sqlx::query(
        "UPDATE product_texts SET title = ? WHERE locale = 'en' AND product_id = \
         (SELECT id FROM products WHERE slug = ?)",
    )
    .bind(hostile)
    .bind(&slug)
    .execute(&db)
    .await
    .expect("title");
    sqlx::query("UPDATE products SET brand = ? WHERE slug = ?")
        .bind(hostile)
        .bind(&slug)
        .execute(&db)
        .await
        .expect("brand");
    let html = app.get(&format!("/en/p/{slug}")).await.text();
    let first = &html[html
        .find(r#"<div id="first-screen">"#)
        .expect("a first screen")..];
    let first = &first[..first
        .find(r#"<div id="app" hidden>"#)
        .expect("the app's box")];
    assert!(!first.contains("<script"), "a script in the first screen");
    assert!(!first.contains("<img src=x"), "an image from the title");
    // Inside text `"` needs no escaping; what matters is that no tag gets the handler.
    for (at, _) in first.match_indices("onmouseover") {
        let before = &first[..at];
        assert!(
            before.rfind('>') > before.rfind('<'),
            "an attribute from the title: …{}…",
            &first[at.saturating_sub(200)..at + 40]
        );
    }
    assert!(
        first.contains(&crate::helpers::html_escaped(
            "</h1><script>alert(1)</script>"
        )),
        "the title is not shown as text"
    );
}

#[tokio::test]
async fn a_store_pages_first_response_draws_the_published_store_and_names_it_for_search_engines() {
    let app = TestApp::with(|s| s.with_public_url("https://shop.example")).await;
    let seller = "mekong-kids";
    // Published through the seller API, as a seller would.
    let body = serde_json::json!({ "email": server::sellers::demo_email(seller), "password": server::sellers::DEMO_PASSWORD });
    let signed = app
        .post_json("/api/v1/seller/session", &body.to_string())
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    let cookie = signed
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap_or("")
        .to_owned();
    let csrf = signed.json()["csrf_token"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    for (method, uri, body) in [
        (
            "PUT",
            "/api/v1/seller/store/draft",
            r##"{"tagline":"Quần áo trẻ em bằng cotton hữu cơ","theme_color":"#0b5d3b"}"##,
        ),
        ("POST", "/api/v1/seller/store/publish", ""),
    ] {
        let response = app
            .request(
                axum::http::Request::builder()
                    .method(method)
                    .uri(uri)
                    .header("cookie", &cookie)
                    .header("x-csrf-token", &csrf)
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body))
                    .expect("request"),
            )
            .await;
        assert_eq!(response.status, 200, "{uri}: {}", response.text());
    }
    let res = app.get(&format!("/es/s/{seller}")).await;
    assert_eq!(res.status, 200);
    let html = res.text();
    assert!(
        html.contains("<title>Mekong Kids"),
        "{}",
        &html[..html.len().min(2000)]
    );
    assert!(html.contains("Quần áo trẻ em bằng cotton hữu cơ"));
    assert!(
        html.contains(r#"id="store-name""#),
        "the store is drawn in the first response"
    );
    assert!(html.contains("Todos los productos"));
    assert!(html.contains(&format!(
        r#"rel="canonical" href="https://shop.example/es/s/{seller}""#
    )));
    let data = json_ld(&html);
    let store = data
        .iter()
        .find(|d| d["@type"] == "Store")
        .expect("a Store");
    assert_eq!(store["name"], "Mekong Kids");
    assert_eq!(store["slogan"], "Quần áo trẻ em bằng cotton hữu cơ");
    assert!(data.iter().any(|d| d["@type"] == "BreadcrumbList"));
    let key = attribute(&html, ("id", "page-data"), "data-key").expect("store data");
    assert!(key.starts_with(&format!("store|{seller}|es|")), "{key}");
    let key = attribute(&html, ("id", "page-data-2"), "data-key").expect("listing data");
    assert!(key.starts_with(&format!("listing|s/{seller}|es|")), "{key}");
    // An unknown store has no such head, and is a 404.
    let res = app.get("/es/s/no-such-seller").await;
    assert_eq!(res.status, 404);
    assert!(!res.text().contains("application/ld+json"));
}
