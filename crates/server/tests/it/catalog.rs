//! Search, filters, product pages and categories over the seeded multilingual catalog.

use crate::helpers::TestApp;
use axum::body::Body;
use axum::http::Request;
use domain::{CategoryList, ProductDetail, ProductList, Provenance};

async fn list(app: &TestApp, query: &str) -> ProductList {
    let res = app.get(&format!("/api/v1/products?{query}")).await;
    assert_eq!(res.status, 200, "{query}: {}", res.text());
    serde_json::from_value(res.json()).expect("a product list in the wire format")
}

async fn detail(app: &TestApp, slug: &str, query: &str) -> ProductDetail {
    let res = app.get(&format!("/api/v1/products/{slug}?{query}")).await;
    assert_eq!(res.status, 200, "{slug}: {}", res.text());
    serde_json::from_value(res.json()).expect("a product in the wire format")
}

#[tokio::test]
async fn a_chinese_two_character_query_finds_products_titled_in_chinese() {
    let app = TestApp::new().await;
    let found = list(&app, "q=%E8%80%B3%E6%9C%BA&locale=zh-CN&per_page=100").await; // 耳机
    assert!(found.total > 0, "耳机 matched nothing");
    assert_eq!(found.locale, "zh-CN");
    for item in &found.items {
        assert!(
            item.title.contains("耳机"),
            "{} does not mention 耳机",
            item.title
        );
    }
}

#[tokio::test]
async fn a_thai_query_finds_products_titled_in_thai() {
    let app = TestApp::new().await;
    let q = "%E0%B8%AB%E0%B8%B9%E0%B8%9F%E0%B8%B1%E0%B8%87"; // หูฟัง (earphones)
    let found = list(&app, &format!("q={q}&locale=th&per_page=100")).await;
    assert!(found.total > 0, "หูฟัง matched nothing");
    assert!(found.items.iter().all(|i| i.title.contains("หูฟัง")));
}

#[tokio::test]
async fn latin_and_cyrillic_queries_match_word_prefixes_in_any_language() {
    let app = TestApp::new().await;
    let english = list(&app, "q=earb&locale=en").await;
    let russian = list(
        &app,
        "q=%D0%BD%D0%B0%D1%83%D1%88%D0%BD%D0%B8%D0%BA%D0%B8&locale=en",
    )
    .await; // наушники
    assert!(english.total > 0);
    // The same products, whichever language the buyer typed in.
    assert_eq!(english.total, russian.total);
    assert!(english
        .items
        .iter()
        .all(|i| i.title.to_lowercase().contains("earbuds")));
}

#[tokio::test]
async fn relevance_puts_whole_word_matches_before_prefix_matches_then_best_sellers() {
    let app = TestApp::new().await;
    let found = list(&app, "q=car&locale=en&per_page=100").await;
    let has_word = |title: &str| {
        title
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "car")
    };
    let tiers: Vec<bool> = found.items.iter().map(|i| has_word(&i.title)).collect();
    assert!(tiers.contains(&true), "no title has the word 'car'");
    assert!(
        tiers.contains(&false),
        "no title matches 'car' only by prefix (carrier)"
    );
    let first_partial = tiers.iter().position(|w| !w).expect("a partial match");
    assert!(
        tiers[first_partial..].iter().all(|w| !w),
        "a whole-word match came after a prefix match: {:?}",
        found.items.iter().map(|i| &i.title).collect::<Vec<_>>()
    );
    // Within the whole-word tier, best sellers first: the same order as sort=best_selling.
    let best = list(&app, "q=car&locale=en&per_page=100&sort=best_selling").await;
    let whole_by_sales: Vec<i64> = best
        .items
        .iter()
        .filter(|i| has_word(&i.title))
        .map(|i| i.id)
        .collect();
    let whole_by_relevance: Vec<i64> = found.items[..first_partial].iter().map(|i| i.id).collect();
    assert_eq!(whole_by_relevance, whole_by_sales);
}

#[tokio::test]
async fn nothing_found_offers_best_sellers_instead_of_a_blank_page() {
    let app = TestApp::new().await;
    let found = list(&app, "q=zzzqqq").await;
    assert_eq!((found.total, found.items.len()), (0, 0));
    assert!(!found.suggestions.is_empty());
    let punctuation = list(&app, "q=%21%3F").await;
    assert_eq!(punctuation.total, 0);
    assert!(!punctuation.suggestions.is_empty());
}

#[tokio::test]
async fn each_facet_count_is_what_choosing_that_value_returns() {
    let app = TestApp::new().await;
    let all = list(&app, "per_page=1").await;
    assert!(all.total >= 400);
    assert_eq!(all.facets.categories.len(), 10);
    assert_eq!(
        all.facets.categories.iter().map(|c| c.count).sum::<u64>(),
        all.total
    );
    let apparel = all
        .facets
        .categories
        .iter()
        .find(|c| c.slug == "apparel")
        .expect("apparel");
    assert_eq!(
        list(&app, "category=apparel&per_page=1").await.total,
        apparel.count
    );

    let from_tr = all
        .facets
        .ships_from
        .iter()
        .find(|c| c.country == "TR")
        .expect("TR");
    assert_eq!(
        list(&app, "ships_from=TR&per_page=1").await.total,
        from_tr.count
    );

    let band = &all.facets.price[1];
    let (min, max) = (band.min.expect("min"), band.max.expect("max"));
    assert_eq!(
        list(&app, &format!("min_price={min}&max_price={max}&per_page=1"))
            .await
            .total,
        band.count
    );

    assert_eq!(
        list(&app, "handling_free=true&per_page=1").await.total,
        all.facets.handling_free
    );
    let top = &all.facets.seller_rating[0];
    assert_eq!(
        list(&app, &format!("min_rating={}&per_page=1", top.min))
            .await
            .total,
        top.count
    );

    // A facet ignores its own filter: choosing a category still lists every category's count.
    let within = list(&app, "category=apparel&per_page=1").await;
    assert_eq!(within.facets.categories.len(), 10);
}

#[tokio::test]
async fn filters_combine_and_price_sort_orders_by_price() {
    let app = TestApp::new().await;
    // Only one seller ships from Korea, so every price is in won and comparable directly.
    let asc = list(&app, "ships_from=KR&sort=price_asc&per_page=100").await;
    let desc = list(&app, "ships_from=KR&sort=price_desc&per_page=100").await;
    assert!(asc.total > 1);
    assert!(asc.items.iter().all(|i| i.price.currency().code() == "KRW"));
    let prices: Vec<i64> = asc.items.iter().map(|i| i.price.to_minor()).collect();
    assert!(prices.windows(2).all(|w| w[0] <= w[1]), "{prices:?}");
    assert_eq!(
        asc.items.last().map(|i| i.price),
        desc.items.first().map(|i| i.price)
    );
    let narrowed = list(
        &app,
        "ships_from=KR&category=beauty-cosmetics&handling_free=true",
    )
    .await;
    assert!(narrowed.total < asc.total);
}

#[tokio::test]
async fn pages_do_not_overlap_and_cover_the_listing() {
    let app = TestApp::new().await;
    let first = list(&app, "category=toys&sort=newest&per_page=10&page=1").await;
    let second = list(&app, "category=toys&sort=newest&per_page=10&page=2").await;
    assert_eq!(second.page, 2);
    assert!(first
        .items
        .iter()
        .all(|a| second.items.iter().all(|b| a.id != b.id)));
}

#[tokio::test]
async fn invalid_listing_parameters_are_named_in_a_localized_problem() {
    let app = TestApp::new().await;
    let res = app
        .get("/api/v1/products?sort=cheap&category=cars&locale=es")
        .await;
    let problem = res.problem(400, "invalid_parameter");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(fields, ["category", "sort"]);
    assert!(
        problem["errors"][1]["message"]
            .as_str()
            .unwrap_or("")
            .contains("debe ser uno de"),
        "{problem}"
    );
    assert_eq!(res.header("content-language"), "es");
}

#[tokio::test]
async fn an_unknown_locale_falls_back_and_the_response_says_which_it_used() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products?locale=xx&per_page=1").await;
    assert_eq!(res.json()["locale"], "en");
    assert_eq!(res.header("content-language"), "en");
    let req = Request::get("/api/v1/categories?locale=xx")
        .header("accept-language", "ja,en;q=0.5")
        .body(Body::empty())
        .expect("request");
    let res = app.request(req).await;
    let categories: CategoryList = serde_json::from_value(res.json()).expect("categories");
    assert_eq!(categories.locale, "ja");
    assert_eq!(res.header("content-language"), "ja");
    assert_eq!(categories.items[0].name, "スマホ・アクセサリー");
}

#[tokio::test]
async fn categories_are_named_per_locale_and_their_counts_add_up() {
    let app = TestApp::new().await;
    let ar: CategoryList =
        serde_json::from_value(app.get("/api/v1/categories?locale=ar").await.json()).expect("list");
    assert_eq!(ar.items.len(), 10);
    assert_eq!(ar.items[2].name, "الملابس");
    let total = list(&app, "per_page=1").await.total;
    assert_eq!(ar.items.iter().map(|c| c.count).sum::<u64>(), total);
}

#[tokio::test]
async fn a_product_page_has_variants_seller_and_ships_from_in_the_buyers_language() {
    let app = TestApp::new().await;
    let apparel = list(&app, "category=apparel&per_page=1").await;
    let slug = &apparel.items[0].slug;
    let p = detail(&app, slug, "locale=es").await;
    assert_eq!(p.locale, "es");
    assert_eq!(p.category.name, "Ropa");
    assert!(p.variants.len() >= 4, "apparel comes in sizes");
    assert!(p.options.iter().any(|o| o.axis == "size"));
    let colours = p
        .options
        .iter()
        .find(|o| o.axis == "colour")
        .expect("colours");
    assert!(
        colours.values.iter().all(|v| v.label != v.code),
        "colour names are translated"
    );
    assert!(!p.ships_from.is_empty() && !p.ships_from[0].city.is_empty());
    assert!(!p.seller.name.is_empty() && p.seller.rating > 0.0);
    assert!(p.images.len() >= 3);
    assert!(p
        .variants
        .iter()
        .all(|v| v.price.currency() == p.price.currency()));
    assert_eq!(
        p.price,
        p.variants
            .iter()
            .map(|v| v.price)
            .min_by_key(|m| m.to_minor())
            .expect("min")
    );
    let image = app.get(&p.images[0].image.url).await;
    assert_eq!(
        (image.status.as_u16(), image.header("content-type")),
        (200, "image/svg+xml")
    );
}

#[tokio::test]
async fn a_machine_translation_comes_with_the_sellers_original() {
    let app = TestApp::new().await;
    // Find a product whose Spanish text is machine translated from another language.
    let page = list(&app, "per_page=50&locale=es").await;
    let mut checked = 0;
    for item in &page.items {
        let p = detail(&app, &item.slug, "locale=es").await;
        match p.provenance {
            Provenance::Machine => {
                let original = p
                    .original
                    .expect("the original comes with a machine translation");
                assert_ne!(original.locale, "es");
                assert_ne!(original.title, p.title);
                checked += 1;
            }
            Provenance::Original | Provenance::Human => assert!(p.original.is_none()),
        }
    }
    assert!(
        checked > 0,
        "no machine-translated product on the first page"
    );
}

#[tokio::test]
async fn seller_html_is_sanitized_before_it_is_served() {
    let app = TestApp::new().await;
    let page = list(&app, "per_page=100").await;
    let mut saw_markup = false;
    for item in &page.items {
        let p = detail(&app, &item.slug, "locale=en").await;
        let html = &p.description_html;
        assert!(
            !html.contains("<script") && !html.contains("onclick") && !html.contains("<img"),
            "{html}"
        );
        saw_markup |= html.contains("★");
    }
    assert!(
        saw_markup,
        "some seeded descriptions carry pasted markup, kept only as text"
    );
}

#[tokio::test]
async fn an_unknown_product_is_a_localized_404_problem() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/products/no-such-thing?locale=tr").await;
    let problem = res.problem(404, "product_not_found");
    assert_eq!(problem["detail"], "Bu adreste bir ürün yok.");
}

#[tokio::test]
async fn the_openapi_document_describes_the_catalog_endpoints() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    for path in [
        "/api/v1/products",
        "/api/v1/products/{slug}",
        "/api/v1/categories",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is missing");
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/products"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for name in [
        "q",
        "category",
        "min_price",
        "max_price",
        "ships_from",
        "handling_free",
        "min_rating",
        "sort",
        "page",
        "per_page",
        "locale",
    ] {
        assert!(params.contains(&name), "{name} is not documented");
    }
}
