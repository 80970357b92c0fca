//! Component and browser-API tests, run in headless Chromium by wasm-bindgen-test
//! (`cargo test --target wasm32-unknown-unknown`, see scripts/test.sh). Natively this file is
//! empty: what it tests only exists in a browser.
#![cfg(target_arch = "wasm32")]

use domain::{Currency, ImageRef, Money, ProductSummary};
use leptos::prelude::*;
use storefront::catalog::ProductCard;
use storefront::format::format_money;

/// The text as a reader sees it: without the bidi isolates around the currency symbol.
fn visible(text: String) -> String {
    text.replace(['\u{2068}', '\u{2069}'], "")
}
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn intl_formats_each_currency_with_its_own_minor_digits() {
    assert_eq!(
        visible(format_money(&Money::from_minor(1234, Currency::USD), "en")),
        "$12.34"
    );
    assert_eq!(
        visible(format_money(&Money::from_minor(1235, Currency::JPY), "en")),
        "¥1,235"
    );
    assert_eq!(
        visible(format_money(&Money::from_minor(1235, Currency::KWD), "en")),
        "KWD\u{a0}1.235"
    );
    assert_eq!(
        visible(format_money(&Money::from_minor(98000, Currency::VND), "en")),
        "₫98,000"
    );
}

#[wasm_bindgen_test]
fn amounts_beyond_f64_precision_are_formatted_exactly() {
    // 2^53 + 1 minor units cannot be held by an f64; passing the decimal string keeps it.
    let money = Money::from_minor(9_007_199_254_740_993, Currency::USD);
    assert_eq!(
        visible(format_money(&money, "en")),
        "$90,071,992,547,409.93"
    );
}

#[wasm_bindgen_test]
fn the_currency_symbol_is_isolated_so_right_to_left_text_cannot_split_it() {
    let text = format_money(&Money::from_minor(17390, Currency::CNY), "ar");
    let start = text.find('\u{2068}').expect("isolate opens");
    let end = text.find('\u{2069}').expect("isolate closes");
    assert!(start < end, "{text:?}");
    assert!(
        !text[start..end].chars().any(|c| c.is_numeric()),
        "only the symbol is isolated: {text:?}"
    );
}

#[wasm_bindgen_test]
fn the_locale_decides_separators_and_symbol_placement() {
    let money = Money::from_minor(123_456, Currency::EUR);
    assert_eq!(visible(format_money(&money, "de-DE")), "1.234,56\u{a0}€");
    assert_eq!(visible(format_money(&money, "en-US")), "€1,234.56");
}

#[wasm_bindgen_test]
fn a_product_card_shows_its_title_price_and_sized_image() {
    install_all_texts();
    let document = document();
    let host = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let product = ProductSummary {
        id: 7,
        slug: "silk-scarf".into(),
        title: "Hand-Embroidered Silk Scarf".into(),
        price: Money::from_minor(350_000, Currency::VND),
        converted: None,
        image: ImageRef {
            url: "/media/products/silk-scarf.svg".into(),
            width: 480,
            height: 480,
        },
        seller_country: "VN".into(),
        rating: 4.7,
        review_count: 164,
    };
    let _handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! { <ProductCard product=product.clone()/> }
    });
    let heading = host
        .query_selector("h2")
        .expect("query")
        .expect("a heading");
    assert_eq!(
        heading.text_content().as_deref(),
        Some("Hand-Embroidered Silk Scarf")
    );
    let article = host
        .query_selector("article")
        .expect("query")
        .expect("an article");
    assert_eq!(
        article.get_attribute("aria-labelledby").as_deref(),
        Some("product-7")
    );
    let price = host
        .query_selector(".price")
        .expect("query")
        .expect("a price");
    assert_eq!(
        price.text_content().map(visible).as_deref(),
        Some("₫350,000")
    );
    let img = host
        .query_selector("img")
        .expect("query")
        .expect("an image");
    assert_eq!(img.get_attribute("width").as_deref(), Some("480"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("480"));
    let link = host.query_selector("h2 a").expect("query").expect("a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/en/p/silk-scarf")
    );
    let meta = host
        .query_selector(".card-meta")
        .expect("query")
        .expect("rating and country");
    let text = meta.text_content().unwrap_or_default();
    assert!(text.contains("Vietnam"), "{text}");
    assert!(
        text.contains("4.7") && text.contains("164 reviews"),
        "{text}"
    );
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl)]
    type PluralRules;

    #[wasm_bindgen(constructor, js_namespace = Intl)]
    fn new(locale: &str) -> PluralRules;

    #[wasm_bindgen(method)]
    fn select(this: &PluralRules, n: f64) -> String;
}

#[wasm_bindgen_test]
fn our_plural_rules_agree_with_the_browsers_for_every_locale() {
    use storefront::i18n::{plural, Locale};
    for locale in Locale::ALL {
        let rules = PluralRules::new(locale.tag());
        for n in (0..=250u64).chain([1_000, 1_000_000, 1_000_001, 2_000_000]) {
            assert_eq!(
                plural(locale, n).as_str(),
                rules.select(n as f64),
                "{} for {n}",
                locale.tag()
            );
        }
    }
}

/// The texts the server would send, installed the way the app installs them.
fn install_all_texts() {
    for locale in storefront::i18n::Locale::ALL {
        let json = ui_texts::texts(locale).to_json();
        let object = js_sys::JSON::parse(&json).expect("JSON");
        storefront::i18n::install_json(locale, &object).expect("every text present");
    }
}

#[wasm_bindgen_test]
fn texts_sent_as_json_are_read_back_with_their_plural_forms() {
    use storefront::i18n::{install_json, is_loaded, t, Locale, Msg};
    let object = js_sys::JSON::parse(&ui_texts::texts(Locale::Es).to_json()).expect("JSON");
    install_json(Locale::Es, &object).expect("complete");
    assert!(is_loaded(Locale::Es));
    assert_eq!(t(Locale::Es, Msg::AddToCart), "Añadir al carrito");
    assert_eq!(t(Locale::Es, Msg::ReviewCount { count: 1 }), "1 reseña");
    let incomplete = js_sys::JSON::parse(r#"["x"]"#).expect("JSON");
    assert_eq!(
        install_json(Locale::Ko, &incomplete),
        Err("skip_to_content".to_owned())
    );
    assert!(!is_loaded(Locale::Ko));
}

#[wasm_bindgen_test]
fn numbers_in_messages_use_the_locales_digits() {
    use storefront::i18n::{t, Locale, Msg};
    install_all_texts();
    assert_eq!(
        t(Locale::En, Msg::ProductCount { count: 1200 }),
        "1,200 products"
    );
    assert_eq!(
        t(Locale::Ru, Msg::ProductCount { count: 1200 }),
        "1\u{a0}200 товаров"
    );
    let arabic = t(Locale::Ar, Msg::PageOf { page: 2, total: 3 });
    assert!(arabic.contains('٢') || arabic.contains('2'), "{arabic}");
}

#[wasm_bindgen_test]
fn country_names_units_and_ratings_follow_the_locale() {
    use storefront::format::{format_tenths, format_unit, language_name, region_name};
    assert_eq!(region_name("CN", "es"), "China");
    assert_eq!(region_name("VN", "ja"), "ベトナム");
    assert_eq!(language_name("vi", "en"), "Vietnamese");
    assert_eq!(format_tenths(47, "en"), "4.7");
    assert_eq!(format_tenths(47, "ru"), "4,7");
    // Arabic digits or Latin ones, as this browser's CLDR data says; never an f64 artefact.
    assert!(["4.7", "٤٫٧"].contains(&format_tenths(47, "ar").as_str()));
    assert_eq!(format_unit("120", "gram", "en"), "120 g");
    assert!(format_unit("120", "gram", "ru").contains("120"));
    // A malformed code (Intl throws) comes back as itself rather than failing the page.
    assert_eq!(region_name("1", "en"), "1");
}

/// The patterns of the address formats are written for JavaScript's `RegExp` too: the server's
/// Chilean, British, Canadian and Peruvian patterns behave the same in the browser.
#[wasm_bindgen_test]
fn postal_codes_are_checked_in_the_browser_with_the_servers_patterns() {
    use storefront::checkout::postal_matches;
    assert!(postal_matches(r"\d{7}", " 7500000 "));
    assert!(!postal_matches(r"\d{7}", "75-000"));
    assert!(
        !postal_matches(r"\d{7}", "75000001"),
        "the whole value must match"
    );
    let gb = r"GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|BFPO ?\d{1,4}";
    assert!(
        postal_matches(gb, "sw1a 1aa"),
        "checked upper-cased, as the server does"
    );
    assert!(!postal_matches(gb, "SW1A@1AA"));
    let ca = r"[ABCEGHJKLMNPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d";
    assert!(postal_matches(ca, "H3Z 2Y7"));
    let pe = r"(?:LIMA \d{1,2}|CALLAO 0?\d)|[0-2]\d{4}";
    assert!(postal_matches(pe, "Lima 23") && postal_matches(pe, "15074"));
    assert!(!postal_matches(pe, "95074"));
}

#[wasm_bindgen_test]
fn a_field_is_required_too_long_or_malformed_before_the_server_is_asked() {
    use domain::address::{AddressField, AddressFormat};
    use storefront::checkout::local_error;
    let field = |key: &str, required: bool| AddressField {
        key: key.into(),
        label: key.into(),
        required,
        uppercase: false,
        autocomplete: "off".into(),
        max_length: 10,
        example: None,
    };
    let format = AddressFormat {
        country: "CL".into(),
        rows: vec![],
        fields: vec![],
        postal_pattern: Some(r"\d{7}".into()),
        postal_examples: vec!["8340457".into()],
        phone_example: "9 6123 4567".into(),
        customs_id: Some("rut".into()),
    };
    assert_eq!(
        local_error(&field("city", true), &format, "  "),
        Some("required")
    );
    assert_eq!(
        local_error(&field("organization", false), &format, ""),
        None
    );
    assert_eq!(
        local_error(&field("city", true), &format, "Providencia de Santiago"),
        Some("too_long")
    );
    assert_eq!(
        local_error(&field("postal_code", false), &format, "75-000"),
        Some("postal_code_format")
    );
    assert_eq!(
        local_error(&field("postal_code", false), &format, "7500000"),
        None
    );
    // Length counts characters as the browser does, not bytes.
    assert_eq!(
        local_error(&field("city", true), &format, "Ñuñoa Ñuñ"),
        None
    );
}

/// Request bodies are the domain's request types, written by serde and `JSON.stringify`: the
/// shapes the server reads (absent optional fields left out).
#[wasm_bindgen_test]
fn request_bodies_are_the_domains_request_types_as_json() {
    use domain::address::AddressInput;
    use domain::order::OrderRequest;
    use domain::shipping::Choice;
    use storefront::api::orders::order_body;
    use storefront::api::shipping::{quote_body, QuoteFor};
    assert_eq!(
        quote_body(QuoteFor::Lines(&[("SKU-1", 1)]), "CL", ""),
        r#"{"destination":{"country":"CL"},"lines":[{"sku":"SKU-1","quantity":1}]}"#
    );
    assert_eq!(
        quote_body(QuoteFor::Cart("tok\"en"), "GB", " SW1A 1AA "),
        r#"{"destination":{"country":"GB","postal_code":"SW1A 1AA"},"cart_token":"tok\"en"}"#
    );
    let order = OrderRequest {
        cart_token: "t".into(),
        email: "ana@example.cl".into(),
        address: AddressInput {
            country: "CL".into(),
            name: "Ana".into(),
            city: "Santiago".into(),
            ..AddressInput::default()
        },
        shipping_quote_id: "q".into(),
        choices: vec![Choice {
            shipment: "s1".into(),
            option: "o1".into(),
        }],
        payment_token: "p".into(),
        fx_quote_id: None,
        expected_total: Money::from_minor(1234, Currency::USD),
    };
    assert_eq!(
        order_body(&order),
        concat!(
            r#"{"cart_token":"t","email":"ana@example.cl","#,
            r#""address":{"country":"CL","name":"Ana","address_line1":"","city":"Santiago","phone":""},"#,
            r#""shipping_quote_id":"q","choices":[{"shipment":"s1","option":"o1"}],"payment_token":"p","#,
            r#""expected_total":{"amount":"12.34","currency":"USD"}}"#
        )
    );
}

/// A page laid out as the server sends a landing page: its first screen and the hidden box the
/// app mounts in (removed by the returned guard).
fn landing_page() -> (web_sys::Element, impl Drop) {
    struct Remove(Vec<web_sys::Element>);
    impl Drop for Remove {
        fn drop(&mut self) {
            for el in &self.0 {
                el.remove();
            }
        }
    }
    let document = document();
    let body = document.body().expect("a body");
    let screen = document.create_element("div").expect("the DOM answers");
    screen.set_id("first-screen");
    let app = document.create_element("div").expect("the DOM answers");
    app.set_id("app");
    body.append_child(&screen).expect("the DOM answers");
    body.append_child(&app).expect("the DOM answers");
    (app.clone(), Remove(vec![screen, app]))
}

async fn next_tasks() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("a timer resolves");
}

#[wasm_bindgen_test]
async fn on_a_landing_page_a_part_drawn_later_holds_the_swap_until_it_is_drawn() {
    use storefront::ui::lazy::later;
    let (app, _page) = landing_page();
    let mount: web_sys::HtmlElement = app.clone().unchecked_into();
    let _handle = leptos::mount::mount_to(mount, || {
        view! { <p id="now">"now"</p>{later(|| view! { <p id="later">"later"</p> })} }
    });
    assert!(app
        .query_selector("#now")
        .expect("the DOM answers")
        .is_some());
    assert!(
        app.query_selector("#later")
            .expect("the DOM answers")
            .is_none(),
        "not in the same task"
    );
    assert!(app.has_attribute("data-later"), "the swap waits");
    next_tasks().await;
    assert!(app
        .query_selector("#later")
        .expect("the DOM answers")
        .is_some());
    assert!(!app.has_attribute("data-later"), "the swap may happen");
}

#[wasm_bindgen_test]
async fn a_part_drawn_later_stays_when_a_signal_it_read_while_drawn_changes() {
    use storefront::ui::lazy::later;
    let (app, _page) = landing_page();
    let mount: web_sys::HtmlElement = app.clone().unchecked_into();
    let count = RwSignal::new(1);
    let _handle = leptos::mount::mount_to(mount, move || {
        view! { {later(move || view! { <p id="read">{count.get()}</p> })} }
    });
    next_tasks().await;
    assert!(app
        .query_selector("#read")
        .expect("the DOM answers")
        .is_some());
    count.set(2);
    next_tasks().await;
    assert!(
        app.query_selector("#read")
            .expect("the DOM answers")
            .is_some(),
        "the part is not taken away by a signal it read once"
    );
}

#[wasm_bindgen_test]
fn without_a_first_screen_a_part_drawn_later_is_drawn_at_once() {
    use storefront::ui::lazy::later;
    let document = document();
    let host = document.create_element("div").expect("the DOM answers");
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("the DOM answers");
    let mount: web_sys::HtmlElement = host.clone().unchecked_into();
    let handle = leptos::mount::mount_to(
        mount,
        || view! { {later(|| view! { <p id="at-once">"at once"</p> })} },
    );
    assert!(host
        .query_selector("#at-once")
        .expect("the DOM answers")
        .is_some());
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_part_whose_page_is_gone_before_its_turn_does_not_hold_the_swap() {
    use storefront::ui::lazy::later;
    let (app, _page) = landing_page();
    let mount: web_sys::HtmlElement = app.clone().unchecked_into();
    let handle = leptos::mount::mount_to(mount, || view! { {later(|| view! { <p>"never"</p> })} });
    assert!(app.has_attribute("data-later"));
    drop(handle);
    next_tasks().await;
    assert!(
        !app.has_attribute("data-later"),
        "a page replaced before its turn releases it"
    );
}

#[wasm_bindgen_test]
fn a_fraction_where_a_whole_number_belongs_is_refused_by_its_kind() {
    // The patched serde-wasm-bindgen (crates/patched) names a float only by its kind, so the
    // standard library's float printing stays out of the wasm.
    let err = serde_wasm_bindgen::from_value::<u32>(wasm_bindgen::JsValue::from(2.5))
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "Error: invalid type: floating point number, expected u32"
    );
    let err = serde_wasm_bindgen::from_value::<bool>(wasm_bindgen::JsValue::from("yes"))
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("invalid type: string \"yes\", expected a boolean"),
        "{err}"
    );
}
