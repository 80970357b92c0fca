//! Exchange rates, converted prices and rate quotes.

use crate::helpers::TestApp;
use domain::{Currency, FxQuote, ProductDetail, ProductList, RateTable};
use rust_decimal::Decimal;

fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

#[tokio::test]
async fn the_rate_table_names_its_sources_dates_and_spread() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/fx/rates").await;
    assert_eq!(res.status, 200);
    let table: RateTable = serde_json::from_value(res.json()).expect("rate table");
    assert_eq!(table.base, Currency::EUR);
    assert_eq!(table.as_of, "2025-10-21");
    assert_eq!(table.spread, "0.015");
    assert_eq!(table.spread_percent, "1.5");
    let find = |c: Currency| table.rates.iter().find(|r| r.currency == c);
    let usd = find(Currency::USD).expect("USD");
    assert_eq!(usd.per_base, "1.1607");
    assert!(usd.source.contains("European Central Bank"));
    let clp = find(Currency::CLP).expect("CLP comes from the supplementary table");
    assert_ne!(clp.source, usd.source);
    assert_eq!(clp.as_of, "2026-01-13");
    assert!(
        find(Currency::RUB).is_none(),
        "no committed source: not offered"
    );
}

#[tokio::test]
async fn listing_prices_come_converted_by_the_server_with_the_currencys_digits() {
    let app = TestApp::new().await;
    let list: ProductList = serde_json::from_value(
        app.get("/api/v1/products?currency=CLP&per_page=50")
            .await
            .json(),
    )
    .expect("list");
    assert_eq!(list.currency, Some(Currency::CLP));
    for item in &list.items {
        let converted = item
            .converted
            .as_ref()
            .expect("every seller currency has a rate");
        assert_eq!(converted.amount.currency(), Currency::CLP);
        assert!(!converted.amount.amount_string().contains('.'));
        // The server's rule: seller price × the quoted rate, rounded half away from zero.
        let expected = (item.price.amount() * dec(&converted.rate))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(converted.amount.amount(), expected, "{}", item.slug);
    }
    // Without `currency`, nothing is converted.
    let plain: ProductList =
        serde_json::from_value(app.get("/api/v1/products").await.json()).expect("list");
    assert!(plain.items.iter().all(|i| i.converted.is_none()));
    assert_eq!(plain.currency, None);
}

#[tokio::test]
async fn a_product_page_converts_the_product_and_every_variant() {
    let app = TestApp::new().await;
    let list: ProductList =
        serde_json::from_value(app.get("/api/v1/products").await.json()).expect("list");
    let slug = &list.items[0].slug;
    let res = app
        .get(&format!("/api/v1/products/{slug}?currency=KWD"))
        .await;
    let detail: ProductDetail = serde_json::from_value(res.json()).expect("detail");
    let converted = detail.converted.expect("converted");
    assert_eq!(converted.amount.currency(), Currency::KWD);
    assert_eq!(converted.amount.amount().scale(), 3);
    assert!(detail.variants.iter().all(|v| v
        .converted
        .as_ref()
        .is_some_and(|c| c.amount.currency() == Currency::KWD)));
}

#[tokio::test]
async fn an_unknown_currency_is_a_400_naming_it_alongside_other_bad_parameters() {
    let app = TestApp::new().await;
    let problem = app
        .get("/api/v1/products?currency=XYZ&page=0")
        .await
        .problem(400, "invalid_parameter");
    let fields = crate::helpers::fields(&problem);
    assert!(
        fields.contains(&"currency") && fields.contains(&"page"),
        "{fields:?}"
    );
    // Supported by ISO but without a rate here: refused the same way, not guessed.
    app.get("/api/v1/products/anything?currency=RUB")
        .await
        .problem(400, "invalid_parameter");
    // Lower case is not a code.
    app.get("/api/v1/products?currency=usd")
        .await
        .problem(400, "invalid_parameter");
}

#[tokio::test]
async fn a_quote_locks_the_rate_the_buyer_saw_until_it_expires() {
    let app = TestApp::with_fx(server::fx::FxSettings {
        quote_seconds: 1,
        ..Default::default()
    })
    .await;
    let res = app
        .post_json("/api/v1/fx/quotes", r#"{"from": "CNY", "to": "CLP"}"#)
        .await;
    assert_eq!(res.status, 201, "{}", res.text());
    let quote: FxQuote = serde_json::from_value(res.json()).expect("quote");
    assert_eq!((quote.from, quote.to), (Currency::CNY, Currency::CLP));
    assert_eq!(quote.id.len(), 32);
    let held = app.get(&format!("/api/v1/fx/quotes/{}", quote.id)).await;
    assert_eq!(held.status, 200);
    assert_eq!(held.json()["rate"], quote.rate.as_str());

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    app.get(&format!("/api/v1/fx/quotes/{}", quote.id))
        .await
        .problem(410, "fx_quote_expired");
    app.get("/api/v1/fx/quotes/0123456789abcdef0123456789abcdef")
        .await
        .problem(404, "fx_quote_not_found");
}

#[tokio::test]
async fn a_bad_quote_request_names_what_is_wrong() {
    let app = TestApp::new().await;
    let problem = app
        .post_json("/api/v1/fx/quotes", r#"{"from": "CNY", "to": "XXX"}"#)
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "to");
    let problem = app
        .post_json("/api/v1/fx/quotes", "from=CNY")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(problem["errors"][0]["field"], "body");
    assert_eq!(problem["errors"][0]["code"], "unreadable");
    // An oversized body is a problem document too, not the framework's plain text.
    let big = format!(
        r#"{{"from": "CNY", "to": "USD", "pad": "{}"}}"#,
        "x".repeat(2000)
    );
    app.post_json("/api/v1/fx/quotes", &big)
        .await
        .problem(413, "payload_too_large");
}

#[tokio::test]
async fn cross_rates_through_the_base_are_consistent_within_rounding() {
    let app = TestApp::new().await;
    let table: RateTable =
        serde_json::from_value(app.get("/api/v1/fx/rates").await.json()).expect("table");
    let per_base = |c: Currency| {
        dec(&table
            .rates
            .iter()
            .find(|r| r.currency == c)
            .expect("rate")
            .per_base)
    };
    for (from, to) in [
        (Currency::CNY, Currency::CLP),
        (Currency::VND, Currency::JPY),
        (Currency::TRY, Currency::KWD),
        (Currency::USD, Currency::EUR),
    ] {
        let res = app
            .post_json(
                "/api/v1/fx/quotes",
                &format!(r#"{{"from": "{from}", "to": "{to}"}}"#),
            )
            .await;
        let quote: FxQuote = serde_json::from_value(res.json()).expect("quote");
        let expected = per_base(to) / per_base(from) * dec("1.015");
        let got = dec(&quote.rate);
        let tolerance = expected * dec("0.000000001");
        assert!(
            (got - expected).abs() <= tolerance,
            "{from}->{to}: {got} vs {expected}"
        );
    }
}

mod refresh {
    use server::fx::refresh::{refresh_once, RefreshError, RefreshSettings};
    use server::fx::{FxSettings, FxStore, Rates};
    use std::time::Duration;

    const NEXT_DAY: &str = "<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\"><Cube><Cube time='2025-10-22'><Cube currency='USD' rate='1.2000'/><Cube currency='JPY' rate='180.00'/></Cube></Cube></gesmes:Envelope>";

    /// A feed server on a free local port: `/good`, `/broken` (an HTML error page with 200),
    /// `/missing` (404) and `/slow` (answers after two seconds).
    async fn feed_server() -> String {
        use axum::routing::get;
        let router = axum::Router::new()
            .route("/good", get(|| async { NEXT_DAY }))
            .route(
                "/broken",
                get(|| async { "<html><body>Maintenance</body></html>" }),
            )
            .route(
                "/missing",
                get(|| async { (axum::http::StatusCode::NOT_FOUND, "gone") }),
            )
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                    NEXT_DAY
                }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        format!("http://{addr}")
    }

    fn settings(url: String) -> RefreshSettings {
        RefreshSettings {
            url,
            every: Duration::from_secs(3600),
            timeout: Duration::from_millis(300),
        }
    }

    #[tokio::test]
    async fn a_good_feed_replaces_the_rates_and_a_bad_one_keeps_the_last_good_ones() {
        let base = feed_server().await;
        let store = FxStore::new(Rates::embedded(), FxSettings::default());
        let client = reqwest::Client::new();
        let now = server::clock::unix_now();

        refresh_once(&store, &client, &settings(format!("{base}/good")))
            .await
            .expect("good feed");
        let table = store.table(now);
        assert_eq!(table.as_of, "2025-10-22");
        assert_eq!(table.refresh_error, None);

        for (path, check) in [
            ("/broken", "not a reference-rate file"),
            ("/missing", "404"),
            ("/slow", "could not fetch"),
        ] {
            let err = refresh_once(&store, &client, &settings(format!("{base}{path}")))
                .await
                .expect_err(path);
            match (&err, path) {
                (RefreshError::Feed { .. }, "/broken")
                | (RefreshError::Status { status: 404, .. }, "/missing")
                | (RefreshError::Fetch { .. }, "/slow") => {}
                _ => panic!("{path}: unexpected {err:?}"),
            }
            let table = store.table(now);
            assert_eq!(table.as_of, "2025-10-22", "{path}: last good rates kept");
            let reported = table.refresh_error.expect("the failure is reported");
            assert!(reported.contains(check), "{path}: {reported}");
        }
        // Good again: the error clears.
        refresh_once(&store, &client, &settings(format!("{base}/good")))
            .await
            .expect("good feed");
        assert_eq!(store.table(now).refresh_error, None);
    }
}
