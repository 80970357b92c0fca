//! Every parser of buyer input is total over Unicode: whatever text arrives — full-width
//! digits and letters, combining marks, right-to-left marks and isolates, emoji and their ZWJ
//! sequences, NUL and other control characters, ten thousand characters of it — each one
//! answers with a value or a field error, never a panic, and the API with a 2xx or a 4xx
//! problem, never a 5xx.
//!
//! The pure parsers are called directly with proptest's default number of cases; the API is
//! called in-process on one store per property (fewer cases: each is a whole request).

use crate::helpers::{fields, TestApp, TestResponse};
use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use domain::address::{AddressInput, FIELD_KEYS};
use domain::shipping::DESTINATIONS;
use domain::{Currency, Locale, Money};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::{TestCaseError, TestRunner};
use server::addresses::{self, formats};
use server::http::error::AppError;

// ---------------------------------------------------------------------------------------------
// Hostile text.

/// Characters that have tripped input handling somewhere: controls, marks that attach to the
/// character before them, direction marks and isolates, zero-width and non-characters, the
/// full-width forms of identifier characters, case mappings that change a string's length,
/// digits of other scripts (numeric, but not ASCII), and the punctuation of URLs, JSON and SQL.
const SPECIALS: &[char] = &[
    '\0',
    '\t',
    '\n',
    '\r',
    '\u{7}',
    '\u{8}',
    '\u{1B}',
    '\u{7F}',
    '\u{85}',
    '\u{A0}',
    '\u{AD}',
    '\u{0301}',
    '\u{0300}',
    '\u{0308}',
    '\u{0327}',
    '\u{064E}',
    '\u{20DD}',
    '\u{20E3}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{061C}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{2028}',
    '\u{2029}',
    '\u{FEFF}',
    '\u{FE0F}',
    '\u{FFFD}',
    '\u{FFFE}',
    '\u{FFFF}',
    '\u{E000}',
    '\u{10FFFF}',
    '\u{3000}',
    'Ｘ',
    'ｘ',
    'Ｋ',
    'ｋ',
    'Ｐ',
    '＋',
    '－',
    '．',
    '＠',
    '（',
    '）',
    'ß',
    'ﬃ',
    'İ',
    'ı',
    'ǅ',
    'ΐ',
    'ŉ',
    'é',
    'ñ',
    'ü',
    'Ø',
    'ä',
    'Å',
    '٣',
    '۳',
    '३',
    '๓',
    '𝟘',
    '①',
    '²',
    '½',
    '〇',
    '零',
    '"',
    '\\',
    '\'',
    '%',
    '&',
    '=',
    '+',
    '#',
    '?',
    '/',
    ';',
    '<',
    '>',
    '*',
    '@',
    '.',
    '-',
    ' ',
    '_',
    ',',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    ':',
    '|',
    '~',
    '`',
    '^',
    '$',
    '!',
];

/// Emoji as people type them: ZWJ families and professions, flags, skin tones, keycaps (a digit,
/// a variation selector and U+20E3), a tag sequence.
const EMOJI: &[&str] = &[
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "👍🏽",
    "🇨🇱",
    "🇨🇳",
    "🧑🏿‍🚀",
    "❤️",
    "1️⃣",
    "#️⃣",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "😀",
    "👨‍💻",
];

/// Well-formed values of every kind of buyer input, to be bent a little: an identifier with
/// one character changed is far more likely to reach the check-digit arithmetic than random
/// text.
const SEEDS: &[&str] = &[
    "12.345.678-5",
    "123456785",
    "7.775.777-K",
    "1-9",
    "1é",
    "123.456.789-09",
    "12345678909",
    "P123456789012",
    "11010519491231002X",
    "110105199003071239",
    "9 6123 4567",
    "+56 9 6123 4567",
    "(201) 555-0123",
    "+1 201 555 0123",
    "131 2345 6789",
    "090-1234-5678",
    "010-2000-0000",
    "+",
    "8340457",
    "H3Z 2Y7",
    "EC1Y 8SY",
    "GIR 0AA",
    "154-0023",
    "22162-1010",
    "LIMA 23",
    "40301-110",
    "100096",
    "ana@example.com",
    "a@b.c",
    "es-CL",
    "zh-Hans-CN",
    "zh-TW",
    "zh_hant",
    "ar",
    "in-ID",
    "en;q=0.5, es-CL;q=0.9",
    "*;q=0",
    "USD",
    "EUR",
    "JPY",
    "KWD",
    "12.34",
    "1e5",
    "99",
    "1",
    "0",
    "10000",
    "4294967296",
    "Ana Pérez",
    "Av. Providencia 1234",
    "北京市朝阳区",
    "العربية",
    "หูฟัง",
    "apparel",
    "price_asc",
    "earbuds",
];

/// The full-width form of a printable ASCII character (U+FF01–U+FF5E, the ideographic space
/// for a space), as a Chinese, Japanese or Korean keyboard types it; anything else as it is.
fn full_width(c: char) -> char {
    match c {
        ' ' => '\u{3000}',
        '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn hostile_char() -> BoxedStrategy<char> {
    prop_oneof![
        3 => any::<char>(),
        3 => prop::char::range('0', '9'),
        2 => prop::char::range('\u{FF10}', '\u{FF19}'),
        1 => prop::char::range('\u{FF21}', '\u{FF3A}'),
        1 => prop::char::range('\u{FF41}', '\u{FF5A}'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('\u{1F300}', '\u{1FAFF}'),
        1 => prop::char::range('\u{1}', '\u{1F}'),
        4 => select(SPECIALS),
    ]
    .boxed()
}

/// A seed with up to four characters inserted or replaced, optionally typed in full width.
fn bent_seed() -> BoxedStrategy<String> {
    (
        select(SEEDS),
        any::<bool>(),
        vec((any::<Index>(), any::<bool>(), hostile_char()), 0..4),
    )
        .prop_map(|(seed, wide, edits)| {
            let mut chars: Vec<char> = seed.chars().collect();
            if wide {
                chars = chars.into_iter().map(full_width).collect();
            }
            for (at, replace, c) in edits {
                if replace && !chars.is_empty() {
                    let i = at.index(chars.len());
                    chars[i] = c;
                } else {
                    let i = at.index(chars.len() + 1);
                    chars.insert(i, c);
                }
            }
            chars.into_iter().collect()
        })
        .boxed()
}

/// Arbitrary and hostile text, at most `long` characters (long runs are a short pattern
/// repeated, so a failure still shrinks to something readable).
fn text(long: usize) -> BoxedStrategy<String> {
    prop_oneof![
        2 => "\\PC*",
        2 => any::<String>(),
        4 => vec(hostile_char(), 0..32).prop_map(String::from_iter),
        4 => bent_seed(),
        1 => vec(select(EMOJI), 1..6).prop_map(|e| e.concat()),
        1 => (vec(hostile_char(), 1..6), (long / 10).max(1)..=long)
            .prop_map(|(pattern, n)| pattern.iter().cycle().take(n).collect()),
    ]
    .boxed()
}

/// Ten thousand characters at most: far past every field's limit.
const LONG: usize = 10_000;

/// A country as a buyer's request might carry it: a destination, in other cases and spacing,
/// in full width, or anything at all.
fn country() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(DESTINATIONS.to_vec()).prop_map(str::to_owned),
        1 => select(DESTINATIONS.to_vec()).prop_map(|c| format!(" {} ", c.to_lowercase())),
        1 => select(DESTINATIONS.to_vec()).prop_map(|c| c.chars().map(full_width).collect()),
        2 => text(100),
    ]
    .boxed()
}

/// An address with hostile text in every field, long text at most `long` characters.
fn address(long: usize) -> BoxedStrategy<AddressInput> {
    (
        country(),
        (text(long), text(long), text(long), text(long), text(long)),
        (text(long), text(long), text(long), text(long), text(long)),
    )
        .prop_map(
            |(
                country,
                (name, organization, address_line1, address_line2, district),
                (city, state, postal_code, phone, customs_id),
            )| AddressInput {
                country,
                name,
                organization,
                address_line1,
                address_line2,
                district,
                city,
                state,
                postal_code,
                phone,
                customs_id,
            },
        )
        .boxed()
}

use server::addresses::example_address as complete;

/// The address field at `i` (in `FIELD_KEYS` order).
fn field_mut(address: &mut AddressInput, i: usize) -> &mut String {
    match i % 10 {
        0 => &mut address.name,
        1 => &mut address.organization,
        2 => &mut address.address_line1,
        3 => &mut address.address_line2,
        4 => &mut address.district,
        5 => &mut address.city,
        6 => &mut address.state,
        7 => &mut address.postal_code,
        8 => &mut address.phone,
        _ => &mut address.customs_id,
    }
}

/// One change to a field of a valid address.
#[derive(Debug, Clone)]
enum Edit {
    Replace(String),
    Widen,
    Insert(Index, char),
}

fn edit(long: usize) -> BoxedStrategy<Edit> {
    prop_oneof![
        2 => text(long).prop_map(Edit::Replace),
        1 => Just(Edit::Widen),
        2 => (any::<Index>(), hostile_char()).prop_map(|(at, c)| Edit::Insert(at, c)),
    ]
    .boxed()
}

/// A valid address of a destination with up to three fields bent or replaced: most of these
/// reach the postal pattern, the phone parser and the check digits rather than stopping at a
/// required field.
fn near_valid_address(long: usize) -> BoxedStrategy<AddressInput> {
    (
        select(formats::FORMATS.to_vec()),
        vec((0usize..10, edit(long)), 0..4),
    )
        .prop_map(|(format, edits)| {
            let mut address = complete(&format);
            for (i, edit) in edits {
                let field = field_mut(&mut address, i);
                match edit {
                    Edit::Replace(text) => *field = text,
                    Edit::Widen => *field = widened(field),
                    Edit::Insert(at, c) => {
                        let mut chars: Vec<char> = field.chars().collect();
                        chars.insert(at.index(chars.len() + 1), c);
                        *field = chars.into_iter().collect();
                    }
                }
            }
            address
        })
        .boxed()
}

/// Hostile addresses: anything in every field, or a valid one bent.
fn any_address(long: usize) -> BoxedStrategy<AddressInput> {
    prop_oneof![1 => address(long), 2 => near_valid_address(long)].boxed()
}

/// `text` with every printable ASCII character made full width.
fn widened(text: &str) -> String {
    text.chars().map(full_width).collect()
}

// ---------------------------------------------------------------------------------------------
// Pure parsers, called directly.

proptest! {
    #[test]
    fn any_customs_id_gets_a_yes_or_a_no_from_every_check(id in text(LONG)) {
        let answers = [
            addresses::valid_cpf(&id),
            addresses::valid_rut(&id),
            addresses::valid_pccc(&id),
            addresses::valid_cn_resident_id(&id),
        ];
        // A valid identifier is short whatever it is written with.
        if answers.iter().any(|&valid| valid) {
            prop_assert!(id.chars().count() < 64, "{id:?} accepted");
        }
    }

    #[test]
    fn a_customs_id_typed_in_full_width_checks_the_same_as_in_ascii(id in text(200)) {
        let wide = widened(&id);
        prop_assert_eq!(addresses::valid_cpf(&id), addresses::valid_cpf(&wide));
        prop_assert_eq!(addresses::valid_rut(&id), addresses::valid_rut(&wide));
        prop_assert_eq!(addresses::valid_pccc(&id), addresses::valid_pccc(&wide));
        prop_assert_eq!(
            addresses::valid_cn_resident_id(&id),
            addresses::valid_cn_resident_id(&wide)
        );
    }

    #[test]
    fn any_character_has_an_ascii_form_that_is_itself_or_ascii(c in hostile_char()) {
        let ascii = addresses::ascii_form(c);
        prop_assert!(ascii == c || ascii.is_ascii(), "{c:?} → {ascii:?}");
    }

    #[test]
    fn any_phone_number_in_any_country_is_normalized_or_refused(
        country in country(),
        phone in text(LONG),
    ) {
        if let Some(e164) = addresses::phone_e164(&country, &phone) {
            prop_assert!(e164.starts_with('+'), "{e164}");
            prop_assert!(e164[1..].bytes().all(|b| b.is_ascii_digit()), "{e164}");
            prop_assert!(e164.len() <= 16, "{e164}");
        }
    }

    #[test]
    fn any_address_for_any_destination_gets_a_value_or_field_errors(input in any_address(LONG)) {
        let country = input.country.trim().to_ascii_uppercase();
        let keys: Vec<String> = match formats::format(&country) {
            Some(format) => addresses::address_format(format)
                .fields
                .into_iter()
                .map(|f| f.key)
                .collect(),
            None => vec!["country".to_owned()],
        };
        match addresses::validate(&input) {
            Ok(valid) => {
                prop_assert!(formats::format(&country).is_some());
                prop_assert!(valid.phone_e164.starts_with('+'), "{valid:?}");
                let a = &valid.address;
                for value in [
                    &a.name, &a.organization, &a.address_line1, &a.address_line2, &a.district,
                    &a.city, &a.state, &a.postal_code, &a.phone, &a.customs_id,
                ] {
                    prop_assert!(!value.chars().any(char::is_control), "{value:?}");
                    prop_assert!(value.chars().count() <= 100, "{value:?}");
                }
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let named: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                for field in &named {
                    prop_assert!(
                        keys.iter().any(|k| k == field),
                        "{field} is not a field of {country:?}: {named:?}"
                    );
                    prop_assert!(
                        *field == "country" || FIELD_KEYS.contains(field),
                        "{field}"
                    );
                }
                let mut unique = named.clone();
                unique.sort_unstable();
                unique.dedup();
                prop_assert_eq!(unique.len(), named.len(), "a field named twice: {:?}", named);
            }
        }
    }

    #[test]
    fn an_address_with_codes_typed_in_full_width_validates_as_its_ascii_form(
        input in near_valid_address(200),
    ) {
        let wide = AddressInput {
            postal_code: widened(&input.postal_code),
            phone: widened(&input.phone),
            customs_id: widened(&input.customs_id),
            ..input.clone()
        };
        let named = |result: Result<domain::address::ValidAddress, Vec<server::http::error::InvalidField>>| {
            result.map_err(|errors| errors.into_iter().map(|e| e.field).collect::<Vec<_>>())
        };
        prop_assert_eq!(named(addresses::validate(&wide)), named(addresses::validate(&input)));
    }

    #[test]
    fn any_email_gets_a_yes_or_a_no_and_a_yes_has_one_at_sign(email in text(LONG)) {
        if domain::order::valid_email(&email) {
            prop_assert_eq!(email.matches('@').count(), 1, "{:?}", email);
            prop_assert!(email.len() <= 254);
            prop_assert!(!email.chars().any(|c| c.is_whitespace() || c.is_control()));
        }
    }

    #[test]
    fn any_language_tag_or_accept_language_header_picks_a_shipped_locale_or_none(
        tag in text(LONG),
        languages in vec(text(100), 0..6),
    ) {
        if let Some(locale) = Locale::from_tag(&tag) {
            prop_assert!(Locale::ALL.contains(&locale));
        }
        if let Some(locale) = Locale::from_accept_language(&tag) {
            prop_assert!(Locale::ALL.contains(&locale));
        }
        let header = languages.join(",");
        let _ = Locale::from_accept_language(&header);
        let _ = Locale::negotiate(languages.iter().map(String::as_str));
        for locale in [Locale::En, Locale::Ar, Locale::ZhCn] {
            let ship_to = domain::shipping::default_ship_to(&languages, locale);
            prop_assert!(DESTINATIONS.contains(&ship_to), "{ship_to}");
        }
    }

    #[test]
    fn any_currency_code_parses_only_to_the_currency_it_spells(code in text(LONG)) {
        if let Ok(currency) = code.parse::<Currency>() {
            prop_assert_eq!(currency.code(), code.as_str());
        }
        let fx = server::fx::FxStore::new(
            server::fx::Rates::embedded(),
            server::fx::FxSettings::default(),
        );
        match fx.parse_currency("currency", &code) {
            Ok(currency) => prop_assert_eq!(currency.code(), code.as_str()),
            Err(invalid) => prop_assert_eq!(invalid.field.as_str(), "currency"),
        }
        prop_assert!(!domain::shipping::ships_to(&code) || DESTINATIONS.contains(&code.as_str()));
        let _ = domain::Provenance::parse(&code);
    }

    #[test]
    fn any_amount_of_money_parses_exactly_or_is_refused(amount in text(LONG)) {
        for currency in [Currency::USD, Currency::JPY, Currency::KWD] {
            if let Ok(money) = Money::parse(&amount, currency) {
                prop_assert_eq!(money.currency(), currency);
                prop_assert_eq!(money.amount().scale(), currency.exponent());
            }
        }
    }

    #[test]
    fn any_listing_query_parses_or_names_its_bad_parameters(
        pairs in vec(
            (
                prop_oneof![
                    4 => select(LISTING_PARAMS).prop_map(str::to_owned),
                    1 => text(20),
                ],
                text(LONG),
            ),
            0..6,
        ),
        garbage in select(RAW_GARBAGE),
    ) {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &pairs {
            query.append_pair(key, value);
        }
        let query = format!("{}&{garbage}", query.finish());
        match server::products::parse_listing_query(Some(&query)) {
            Ok(listing) => {
                if let Some(q) = &listing.q {
                    prop_assert!(q.chars().count() <= server::products::MAX_QUERY_CHARS);
                }
            }
            Err(AppError::InvalidParameters(errors)) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(LISTING_PARAMS.contains(&e.field.as_str()), "{}", e.field);
                }
            }
            Err(other) => prop_assert!(false, "{query:?}: {other:?}"),
        }
    }

    #[test]
    fn any_search_words_give_a_well_quoted_expression_or_none(q in text(LONG)) {
        let _ = server::products::search_text::index_terms(&q);
        for expr in [
            server::products::search_text::match_expression(&q),
            server::products::search_text::exact_expression(&q),
        ]
        .into_iter()
        .flatten()
        {
            // Every term is a quoted FTS5 string; an odd count would be a syntax error.
            prop_assert_eq!(expr.matches('"').count() % 2, 0, "{:?}", expr);
            prop_assert!(!expr.is_empty());
        }
    }

    #[test]
    fn any_cart_body_parses_or_names_its_bad_fields(
        body in prop_oneof![
            1 => vec(any::<u8>(), 0..256),
            1 => text(2_000).prop_map(String::into_bytes),
            4 => cart_body(Just("SKU-1".to_owned()).boxed()).prop_map(String::into_bytes),
        ],
    ) {
        match server::carts::parse_input(&body) {
            Ok(input) => {
                for line in &input.lines {
                    prop_assert!((1..=99).contains(&line.quantity), "{line:?}");
                    prop_assert!(!line.sku.is_empty() && line.sku.len() <= 64, "{line:?}");
                }
            }
            Err(AppError::InvalidParameters(errors)) => {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(
                        e.field == "body" || e.field.starts_with("lines"),
                        "{}",
                        e.field
                    );
                }
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn any_locale_parameter_or_accept_language_header_picks_a_locale(
        locale in text(LONG),
        accept_language in text(1_000),
    ) {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("locale", &locale)
            .finish();
        let mut headers = axum::http::HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(&accept_language) {
            headers.insert(header::ACCEPT_LANGUAGE, value);
        }
        let chosen = server::http::error::locale_of(Some(&query), &headers);
        prop_assert!(Locale::ALL.contains(&chosen));
    }
}

use server::products::LISTING_PARAMS;

/// Query-string bytes no form encoder writes: stray and broken percent escapes, encoded
/// invalid UTF-8 and NUL, a parameter twice, full-width digits as UTF-8 escapes.
const RAW_GARBAGE: &[&str] = &[
    "",
    "%",
    "%zz",
    "%FF%FE",
    "%00",
    "q=%F0%9F",
    "q=%ED%A0%80",
    "page=%EF%BC%91",
    "page=1&page=2",
    "q&q",
    "=",
    "&&&",
    "locale=%E2%80%8Fen",
    "currency=%EF%BC%B5SD",
];

/// A cart body with up to four lines, each `sku` or hostile text, with a hostile quantity.
fn cart_body(sku: BoxedStrategy<String>) -> BoxedStrategy<String> {
    vec((prop_oneof![2 => sku, 1 => text(200)], quantity()), 0..4)
        .prop_map(|lines| {
            let lines: Vec<String> = lines
                .iter()
                .map(|(sku, quantity)| {
                    let sku = serde_json::to_string(sku).expect("a string is JSON");
                    format!(r#"{{"sku": {sku}, "quantity": {quantity}}}"#)
                })
                .collect();
            format!(r#"{{"lines": [{}]}}"#, lines.join(", "))
        })
        .boxed()
}

/// A quantity as JSON text: any integer, any float, numbers no integer type holds, strings of
/// hostile text, and values of other types.
fn quantity() -> BoxedStrategy<String> {
    prop_oneof![
        2 => (0u32..120).prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<f64>().prop_map(|f| {
            serde_json::Number::from_f64(f).map_or_else(|| "null".to_owned(), |n| n.to_string())
        }),
        1 => select(vec![
            "1e400", "-1e400", "1e2", "1.0", "-0", "0", "18446744073709551616", "1E0", "99",
            "100", "true", "null", "[]", "{}", "[1]", "\"1\"", "\"１\"", "\"2\u{0301}\"",
        ])
        .prop_map(str::to_owned),
        1 => text(200).prop_map(|s| serde_json::to_string(&s).expect("a string is JSON")),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Through the API, in-process.

/// Cases per API property: each is a whole request on a debug build.
const API_CASES: u32 = 48;

/// Long text in requests: far past every limit, within what a URL can carry (the `http`
/// crate refuses URIs over 64 KiB before any handler runs, as hyper does with a 414).
const API_LONG: usize = 1_200;

/// One store, and a runtime to call it from a synchronous property.
struct Api {
    runtime: tokio::runtime::Runtime,
    app: TestApp,
}

impl Api {
    /// Asserts the store still answers `/healthz` after what a test sent it.
    fn still_up(&self) {
        let res = self
            .call("GET", "/healthz", &[], String::new())
            .expect("uri");
        assert_eq!(res.status, 200);
    }

    fn start() -> Api {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let app = runtime.block_on(TestApp::new());
        Api { runtime, app }
    }

    /// A request; `None` when the URI itself is not one `http` can carry.
    fn call(
        &self,
        method: &str,
        uri: &str,
        headers: &[(header::HeaderName, HeaderValue)],
        body: String,
    ) -> Option<TestResponse> {
        let uri: axum::http::Uri = uri.parse().ok()?;
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let request = request.body(Body::from(body)).expect("request");
        Some(self.runtime.block_on(self.app.request(request)))
    }

    /// An in-stock SKU of the seeded catalog.
    fn sku(&self) -> String {
        self.runtime.block_on(async {
            let (sku,): (String,) = sqlx::query_as(
                "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id \
                 WHERE p.handling = 0 AND v.stock >= 5 ORDER BY v.sku LIMIT 1",
            )
            .fetch_one(&self.app.db().await)
            .await
            .expect("an in-stock SKU");
            sku
        })
    }
}

/// Runs `test` on `cases` values of `strategy`; a failure panics with the shrunk input.
fn check<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut runner = TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    if let Err(failure) = runner.run(&strategy, test) {
        panic!("{failure}");
    }
}

/// A 2xx, or a 4xx problem document with a code; never a 5xx.
fn answered(res: &TestResponse, what: &str) -> Result<(), TestCaseError> {
    let status = res.status.as_u16();
    prop_assert!(
        status < 500,
        "{what} → {status}: {}",
        res.text().chars().take(2_000).collect::<String>()
    );
    if status >= 400 {
        prop_assert_eq!(
            res.header("content-type"),
            "application/problem+json",
            "{} → {}: {}",
            what,
            status,
            res.text()
        );
        let problem = res.json();
        prop_assert_eq!(problem["status"].as_u64(), Some(u64::from(status)));
        prop_assert!(problem["code"].as_str().is_some_and(|c| !c.is_empty()));
    }
    Ok(())
}

/// A path segment with every byte but the unreserved ones percent-encoded.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn query(pairs: &[(&str, &Option<String>)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    query.finish()
}

#[test]
fn any_product_search_gets_a_listing_or_a_problem_never_a_server_error() {
    let api = Api::start();
    // Hostile words with, mostly, parameters that pass: the words must reach the search.
    let param = |valid: Vec<&'static str>| {
        prop_oneof![
            2 => Just(None),
            2 => select(valid).prop_map(|v| Some(v.to_owned())),
            1 => text(API_LONG).prop_map(Some),
        ]
    };
    check(
        API_CASES,
        (
            proptest::option::weighted(0.9, text(API_LONG)),
            (
                param(vec!["en", "es", "zh-CN", "ar", "ja", "th"]),
                param(vec!["USD", "EUR", "JPY", "CLP", "CNY"]),
                param(vec!["1", "2", "10000"]),
                param(vec!["1", "24", "100"]),
                param(vec!["relevance", "price_asc", "newest"]),
            ),
            prop_oneof![3 => Just(""), 1 => select(RAW_GARBAGE)],
            proptest::option::of(text(200)),
        ),
        |(q, (locale, currency, page, per_page, sort), garbage, accept_language)| {
            let uri = format!(
                "/api/v1/products?{}&{garbage}",
                query(&[
                    ("q", &q),
                    ("locale", &locale),
                    ("currency", &currency),
                    ("page", &page),
                    ("per_page", &per_page),
                    ("sort", &sort),
                ])
            );
            let headers: Vec<_> = accept_language
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
                .map(|v| (header::ACCEPT_LANGUAGE, v))
                .into_iter()
                .collect();
            let Some(res) = api.call("GET", &uri, &headers, String::new()) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, &uri)?;
            prop_assert!(
                matches!(res.status.as_u16(), 200 | 400),
                "{uri} → {}",
                res.status
            );
            if res.status == 400 {
                let problem = res.json();
                for field in fields(&problem) {
                    prop_assert!(
                        field == "currency" || LISTING_PARAMS.contains(&field),
                        "{uri}: {field}"
                    );
                }
            }
            Ok(())
        },
    );
    // Still answering.
    api.still_up();
}

#[test]
fn any_product_slug_country_or_locale_in_a_request_gets_an_answer_or_a_problem() {
    let api = Api::start();
    check(
        API_CASES,
        (text(API_LONG), country(), proptest::option::of(text(100))),
        |(slug, country, currency)| {
            let currency = query(&[("currency", &currency)]);
            for uri in [
                format!("/api/v1/products/{}?{currency}", segment(&slug)),
                format!("/api/v1/address-formats/{}", segment(&country)),
                format!("/api/v1/ui-texts/{}", segment(&country)),
                format!(
                    "/api/v1/payment-methods?currency=USD&{}",
                    query(&[("country", &Some(country.clone()))])
                ),
            ] {
                if let Some(res) = api.call("GET", &uri, &[], String::new()) {
                    answered(&res, &uri)?;
                }
            }
            Ok(())
        },
    );
}

#[test]
fn any_cart_lines_get_a_cart_or_a_problem_never_a_server_error() {
    let api = Api::start();
    let sku = api.sku();
    check(
        API_CASES,
        cart_body(
            prop_oneof![
                3 => Just(sku.clone()),
                1 => Just(format!(" {sku} ")),
                1 => Just(widened(&sku)),
                1 => Just(sku.to_lowercase()),
            ]
            .boxed(),
        ),
        |body| {
            let res = api
                .call("POST", "/api/v1/carts", &[], body.clone())
                .expect("uri");
            answered(&res, &body)?;
            prop_assert!(
                matches!(res.status.as_u16(), 201 | 400 | 409 | 413 | 422),
                "{body} → {}: {}",
                res.status,
                res.text()
            );
            Ok(())
        },
    );
    api.still_up();
}

#[test]
fn any_address_posted_for_validation_gets_the_address_or_field_errors() {
    let api = Api::start();
    check(
        API_CASES,
        (any_address(API_LONG), proptest::option::of(text(100))),
        |(input, locale)| {
            let body = serde_json::to_string(&input).expect("an address is JSON");
            let uri = format!(
                "/api/v1/addresses/validate?{}",
                query(&[("locale", &locale)])
            );
            let Some(res) = api.call("POST", &uri, &[], body.clone()) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, &body)?;
            // 413: the body is over the endpoint's 8 KiB, which long text in every field is.
            prop_assert!(
                matches!(res.status.as_u16(), 200 | 400 | 413 | 422),
                "{body} → {}: {}",
                res.status,
                res.text()
            );
            if res.status == 400 {
                let problem = res.json();
                let named = fields(&problem);
                prop_assert!(!named.is_empty(), "{}", res.text());
                for field in named {
                    prop_assert!(
                        field == "country" || FIELD_KEYS.contains(&field),
                        "{body}: {field}"
                    );
                }
            }
            Ok(())
        },
    );
    api.still_up();
}

#[test]
fn any_shipping_destination_gets_a_quote_or_a_problem_never_a_server_error() {
    let api = Api::start();
    let sku = api.sku();
    let postal = prop_oneof![
        2 => Just(None),
        2 => select(vec!["8340457", "H3Z 2Y7", "EC1Y 8SY", "100096", "95014", "154-0023"])
            .prop_map(|p| Some(p.to_owned())),
        2 => text(API_LONG).prop_map(Some),
    ];
    check(
        API_CASES,
        (
            country(),
            postal,
            proptest::option::weighted(0.3, text(100)),
            prop_oneof![3 => Just("1".to_owned()), 1 => quantity()],
        ),
        |(country, postal_code, currency, quantity)| {
            let destination = match &postal_code {
                Some(p) => serde_json::json!({ "country": country, "postal_code": p }),
                None => serde_json::json!({ "country": country }),
            };
            let sku = serde_json::to_string(&sku).expect("JSON");
            let body = format!(
                r#"{{"destination": {destination}, "lines": [{{"sku": {sku}, "quantity": {quantity}}}]}}"#
            );
            let uri = format!(
                "/api/v1/shipping/quotes?{}",
                query(&[("currency", &currency)])
            );
            let Some(res) = api.call("POST", &uri, &[], body.clone()) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, &body)?;
            Ok(())
        },
    );
    api.still_up();
}

#[test]
fn any_order_lookup_gets_an_order_or_a_problem_never_a_server_error() {
    let api = Api::start();
    check(
        API_CASES,
        (
            text(API_LONG),
            proptest::option::of(text(API_LONG)),
            proptest::option::of(text(100)),
        ),
        |(number, email, key)| {
            let uri = format!(
                "/api/v1/orders/{}?{}",
                segment(&number),
                query(&[("email", &email), ("key", &key)])
            );
            let Some(res) = api.call("GET", &uri, &[], String::new()) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, &uri)?;
            Ok(())
        },
    );
    api.still_up();
}

#[test]
fn any_seller_sign_in_or_store_profile_gets_an_answer_or_a_problem_never_a_server_error() {
    let api = Api::start();
    check(
        API_CASES,
        (text(API_LONG), text(API_LONG), text(API_LONG), text(40)),
        |(email, password, tagline, colour)| {
            let body = serde_json::json!({ "email": email, "password": password }).to_string();
            let Some(res) = api.call("POST", "/api/v1/seller/session", &[], body) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, "sign-in")?;
            prop_assert!(
                res.header("set-cookie").is_empty(),
                "signed in with {email:?}"
            );
            // Without a session every draft body is a 401: no rule runs for a stranger.
            let body = serde_json::json!({ "tagline": tagline, "theme_color": colour }).to_string();
            let Some(res) = api.call("PUT", "/api/v1/seller/store/draft", &[], body) else {
                return Err(TestCaseError::reject("not a URI"));
            };
            answered(&res, "draft")?;
            prop_assert_eq!(res.status.as_u16(), 401);
            Ok(())
        },
    );
    api.still_up();
}

// ---------------------------------------------------------------------------------------------
// Regressions.

/// A complete, valid Chilean address with `customs_id` as given.
fn chilean(customs_id: &str) -> String {
    serde_json::json!({
        "country": "CL",
        "name": "Ana Pérez",
        "address_line1": "Av. Providencia 1234",
        "city": "Providencia",
        "state": "Región Metropolitana",
        "postal_code": "7500000",
        "phone": "9 6123 4567",
        "customs_id": customs_id,
    })
    .to_string()
}

/// A valid resident identity number (ISO 7064 MOD 11-2 check digit 9) with that last digit
/// typed in full width, as a Chinese keyboard does.
const FULL_WIDTH_RESIDENT_ID: &str = "11010519900307123\u{FF19}";

fn chinese(customs_id: &str) -> String {
    serde_json::json!({
        "country": "CN",
        "name": "王小明",
        "address_line1": "建国路88号",
        "district": "朝阳区",
        "city": "北京市",
        "state": "北京市",
        "postal_code": "100096",
        "phone": "131 2345 6789",
        "customs_id": customs_id,
    })
    .to_string()
}

#[tokio::test]
async fn a_chilean_rut_with_an_accented_letter_is_a_customs_id_error_and_the_server_carries_on() {
    assert!(!addresses::valid_rut("1é"));
    let app = TestApp::new().await;
    let problem = app
        .post_json("/api/v1/addresses/validate", &chilean("1é"))
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["customs_id"]);
    assert_eq!(problem["errors"][0]["code"], "customs_id_invalid");

    let res = app.get("/healthz").await;
    assert_eq!(res.status, 200, "{}", res.text());
    let res = app
        .post_json("/api/v1/addresses/validate", &chilean("12.345.678-5"))
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
}

#[tokio::test]
async fn a_chinese_resident_id_with_a_full_width_last_digit_is_accepted_and_the_server_carries_on()
{
    assert!(addresses::valid_cn_resident_id("110105199003071239"));
    assert!(!addresses::valid_cn_resident_id("110105199003071238"));
    assert!(addresses::valid_cn_resident_id(FULL_WIDTH_RESIDENT_ID));
    let app = TestApp::new().await;
    let res = app
        .post_json(
            "/api/v1/addresses/validate",
            &chinese(FULL_WIDTH_RESIDENT_ID),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let valid: domain::address::ValidAddress =
        serde_json::from_value(res.json()).expect("a valid address");
    assert_eq!(valid.address.customs_id, "110105199003071239");
    assert_eq!(valid.phone_e164, "+8613123456789");

    // The same number with a wrong full-width check digit is still refused.
    let problem = app
        .post_json(
            "/api/v1/addresses/validate",
            &chinese("11010519900307123\u{FF18}"),
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(fields(&problem), ["customs_id"]);

    let res = app.get("/healthz").await;
    assert_eq!(res.status, 200, "{}", res.text());
}
