//! The catalog API: `GET /api/v1/products` (search, filters with counts, sort, pages),
//! `GET /api/v1/products/{slug}` and `GET /api/v1/categories`.
//!
//! Every endpoint answers in the requested locale (`locale=`, else `Accept-Language`, else
//! English), says which in the body's `locale` and in `Content-Language`, and names every
//! invalid parameter in a 400 problem. Unknown parameters are ignored so that older clients
//! keep working as the API grows.

pub mod items;
pub mod sanitize;
pub mod search_index;
pub mod search_text;

pub use sanitize::sanitize_description;

use crate::heads::first_screen::{first_screen, organization, Guess};
use crate::http::error::{locale_of, AppError, InvalidField, Reason};
use crate::products::search_index::Order;
use crate::products::search_index::SearchIndex;
use crate::products::search_text::{exact_expression, match_expression};
use crate::state::AppState;
use crate::web::media::{product_image_url, product_view_url, IMAGE_SIZE};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use catalog::phrases::{CATEGORIES, COLOUR_CODES, COLOUR_NAMES};
use domain::{
    CategoryCount, CategoryList, CategoryRef, CountryCount, Currency, Facets, Handling, ImageRef,
    Locale, Money, OptionValue, OriginalText, PageRequest, PriceBucket, ProductDetail,
    ProductImage, ProductList, ProductSummary, Provenance, RatingBucket, SellerCard, ShipsFrom,
    VariantInfo, VariantOption,
};
use sqlx::{FromRow, SqlitePool};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Largest price filter value, in whole US dollars.
pub const MAX_PRICE_FILTER: u64 = 1_000_000;
/// Price bands offered as filters, in whole US dollars.
pub const PRICE_BANDS: [(Option<u32>, Option<u32>); 5] = [
    (None, Some(10)),
    (Some(10), Some(25)),
    (Some(25), Some(50)),
    (Some(50), Some(100)),
    (Some(100), None),
];
/// Seller-rating thresholds offered as filters: (`min_rating` value, tenths).
pub const RATING_STEPS: [(&str, i64); 2] = [("4.5", 45), ("4", 40)];

/// How a listing is ordered (the domain's list, shared with the app).
pub use domain::catalog::SortKey as Sort;

/// The sort keys, comma-separated, for "one of" messages and the document.
pub(crate) static SORTS: LazyLock<String> = LazyLock::new(|| {
    Sort::ALL
        .iter()
        .map(|s| s.code())
        .collect::<Vec<_>>()
        .join(", ")
});

/// Positions (in the listing index) of the products the full-text expression matches.
///
/// The ids come back as one comma-separated text rather than one row each: sqlx hands rows
/// from SQLite's thread one at a time (~1 µs apiece), several times what FTS5 spends finding
/// them, and a popular word matches thousands of products.
async fn full_text_ids(
    db: &SqlitePool,
    index: &SearchIndex,
    expr: &str,
) -> Result<Vec<usize>, AppError> {
    let ids: Option<String> = sqlx::query_scalar(
        "SELECT group_concat(rowid) FROM product_search WHERE product_search MATCH ?",
    )
    .bind(expr)
    .fetch_one(db)
    .await?;
    Ok(ids
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.parse::<i64>().ok())
        .filter_map(|id| index.by_id.get(&id).copied())
        .collect())
}

/// A validated listing request.
#[derive(Debug, Clone, PartialEq)]
pub struct ListingQuery {
    pub q: Option<String>,
    /// The FTS5 expression for `q`; `None` when there is no query or nothing searchable in it.
    pub match_expr: Option<String>,
    /// `match_expr` with whole words only, when that differs (see `exact_expression`).
    pub exact_expr: Option<String>,
    pub category: Option<String>,
    pub min_price: Option<u32>,
    pub max_price: Option<u32>,
    pub ships_from: Option<String>,
    /// Only this seller's products (a store page); an unknown seller has none.
    pub seller: Option<String>,
    pub handling_free: bool,
    /// Tenths of a star.
    pub min_rating: Option<i64>,
    pub sort: Sort,
    pub page: PageRequest,
}

pub(crate) static CATEGORY_SLUGS: LazyLock<String> = LazyLock::new(|| {
    CATEGORIES
        .iter()
        .map(|c| c.slug)
        .collect::<Vec<_>>()
        .join(", ")
});
pub(crate) static SHIP_COUNTRIES: LazyLock<String> = LazyLock::new(|| {
    let mut codes: Vec<&str> = catalog::places::WAREHOUSES
        .iter()
        .map(|w| w.country)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join(", ")
});

/// Collects each known parameter once; a repeated one is an error, unknown ones are ignored.
fn collect_params(
    query: Option<&str>,
    known: &[&str],
) -> (HashMap<String, String>, Vec<InvalidField>) {
    let mut params = HashMap::new();
    let mut errors = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if !known.contains(&key.as_ref()) {
            continue;
        }
        if params.contains_key(key.as_ref()) {
            if !errors.iter().any(|e: &InvalidField| e.field == key) {
                errors.push(InvalidField {
                    field: key.into_owned(),
                    reason: Reason::Repeated,
                });
            }
        } else {
            params.insert(key.into_owned(), value.into_owned());
        }
    }
    (params, errors)
}

/// `None` for anything that is not a plain non-negative integer (`"abc"`, `"-1"`, `"1.5"`).
fn parse_number(text: Option<&str>, default: u32) -> Option<u32> {
    match text {
        None => Some(default),
        Some(t) if !t.is_empty() && t.len() <= 10 && t.bytes().all(|b| b.is_ascii_digit()) => {
            t.parse().ok()
        }
        Some(_) => None,
    }
}

fn page_request(params: &HashMap<String, String>, errors: &mut Vec<InvalidField>) -> PageRequest {
    let page = parse_number(params.get("page").map(String::as_str), 1)
        .filter(|p| PageRequest::new(*p, 1).is_ok());
    let per_page = parse_number(
        params.get("per_page").map(String::as_str),
        PageRequest::DEFAULT_PER_PAGE,
    )
    .filter(|n| PageRequest::new(1, *n).is_ok());
    for (field, value, max) in [
        ("page", page, PageRequest::MAX_PAGE),
        ("per_page", per_page, PageRequest::MAX_PER_PAGE),
    ] {
        if value.is_none() && !errors.iter().any(|e| e.field == field) {
            errors.push(InvalidField {
                field: field.to_owned(),
                reason: Reason::OutOfRange {
                    min: 1,
                    max: u64::from(max),
                },
            });
        }
    }
    PageRequest::new(
        page.unwrap_or(1),
        per_page.unwrap_or(PageRequest::DEFAULT_PER_PAGE),
    )
    .unwrap_or_default()
}

/// Parses `page` and `per_page` alone, naming every invalid parameter (the listing parses
/// them with the rest; this keeps their edge cases tested on their own).
/// `/v1/products*` and `/v1/categories`, with their OpenAPI operations. The listing (search
/// included) is rate-limited as a search.
pub fn routes(
    limiters: &crate::http::limits::Limiters,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    use utoipa_axum::router::UtoipaMethodRouterExt;
    let mut listing = utoipa_axum::routes!(list_products);
    if let Some(searches) = &limiters.searches {
        listing = listing.layer(crate::http::limits::layer(searches));
    }
    utoipa_axum::router::OpenApiRouter::new()
        .routes(listing)
        .routes(utoipa_axum::routes!(get_product))
        .routes(utoipa_axum::routes!(list_categories))
}

/// A listing's head, as the app's listing page writes it (`catalog::listing_page`): the home
/// page's heading or the category's name as the title, the store's description; JSON-LD
/// `WebSite` with its search on the home page, a `BreadcrumbList` on a category page, and
/// `Organization` on both; and the listing's first page as the API answers it in `currency`
/// (`GET /api/v1/products?[category=…&]locale=…&currency=…`), for the app to start from.
/// `None` for an unknown category.
pub(crate) async fn listing_head(
    state: &AppState,
    origin: &str,
    locale: Locale,
    category: Option<&str>,
    buyer: Guess,
) -> Option<crate::web::pages::Head> {
    let currency = buyer.currency;
    let db = &state.db;
    let texts = ui_texts::texts(locale);
    let tag = locale.tag();
    let home = format!("{origin}/{tag}/");
    let (title, rest, structured) = match category {
        None => {
            let site = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "WebSite",
                "name": texts.store_name,
                "url": home,
                "inLanguage": tag,
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": format!("{origin}/{tag}/search?q={{search_term_string}}"),
                    "query-input": "required name=search_term_string",
                },
            });
            (texts.home_heading.to_owned(), String::new(), site)
        }
        Some(slug) => {
            let (name,): (String,) = sqlx::query_as(
                "SELECT COALESCE(cn.name, c.slug) FROM categories c \
                 LEFT JOIN category_names cn ON cn.category_id = c.id AND cn.locale = ? \
                 WHERE c.slug = ?",
            )
            .bind(tag)
            .bind(slug)
            .fetch_optional(db)
            .await
            .ok()??;
            let breadcrumbs = serde_json::json!({
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    { "@type": "ListItem", "position": 1, "name": texts.store_name, "item": home },
                    { "@type": "ListItem", "position": 2, "name": name,
                      "item": format!("{origin}/{tag}/c/{slug}") },
                ],
            });
            (name, format!("c/{slug}"), breadcrumbs)
        }
    };
    let query = category.map(|slug| format!("category={slug}"));
    let listing = parse_listing_query(query.as_deref()).ok()?;
    let mut list = search(db, &state.search, &listing, locale).await.ok()?;
    list.currency = Some(currency);
    for item in list.items.iter_mut().chain(list.suggestions.iter_mut()) {
        item.converted = state.fx.convert(item.price, currency);
    }
    // The cards a phone's first screen shows (two) and a wide one's first row (four).
    let preload = list
        .items
        .iter()
        .take(4)
        .map(|item| item.image.url.clone())
        .collect();
    let data = serde_json::to_string(&list).ok().map(|json| {
        let key = format!(
            "listing|{}|{tag}|{}",
            category.unwrap_or_default(),
            currency.code()
        );
        crate::web::pages::PageData::now(key, json)
    });
    let path = match category {
        Some(slug) => format!("/{tag}/c/{slug}"),
        None => format!("/{tag}/"),
    };
    let body = first_screen(
        &state.fx,
        locale,
        path,
        buyer,
        storefront::shell::prerender::Screen::Listing {
            category: category.map(str::to_owned),
            list,
        },
    );
    Some(crate::web::pages::Head {
        title,
        description: texts.meta_description.to_owned(),
        rest,
        image: None,
        preload,
        json_ld: [structured, organization(origin, locale)]
            .iter()
            .map(|v| v.to_string())
            .collect(),
        data: data.into_iter().collect(),
        body: Some(body),
        style: None,
    })
}

/// A product page's `<head>` for the first response: its title, description and main image,
/// structured data — `Product` with an `Offer` in the buyer's currency (the seller's where no
/// rate converts it) and whether it is in stock, a `BreadcrumbList` (store, category,
/// product) and the store as `Organization` — and the API's answer for the page, so the app
/// shows it without asking again. The buyer's currency is guessed from their languages the way
/// the app guesses it (`domain::market::default_currency`). `None` when there is no such
/// product.
pub(crate) async fn product_head(
    state: &AppState,
    origin: &str,
    locale: Locale,
    slug: &str,
    buyer: Guess,
) -> Option<crate::web::pages::Head> {
    let (db, fx) = (&state.db, &state.fx);
    let currency = buyer.currency;
    let mut p = product_detail(db, slug, locale).await.ok()?;
    p.converted = fx.convert(p.price, currency);
    for variant in &mut p.variants {
        variant.converted = fx.convert(variant.price, currency);
    }
    let data = serde_json::to_string(&p).ok().map(|json| {
        let key = format!("product|{}|{}|{}", p.slug, locale.tag(), currency.code());
        crate::web::pages::PageData::now(key, json)
    });
    let offer_price = p.converted.as_ref().map_or(p.price, |c| c.amount);
    let store = ui_texts::texts(locale).store_name;
    let tag = locale.tag();
    let page = format!("{origin}/{tag}/p/{}", p.slug);
    // The picture the page opens on (the app's rule): shared in previews and preloaded.
    let image = domain::catalog::opening_picture(&p).map(|i| i.image.clone());
    let description = domain::catalog::meta_description(&p.description_html);
    let in_stock = p.variants.iter().any(|v| v.stock > 0);
    let mut product = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.title,
        "description": description,
        "brand": { "@type": "Brand", "name": p.brand },
        "category": p.category.name,
        "offers": {
            "@type": "Offer",
            "url": page,
            "price": offer_price.amount_string(),
            "priceCurrency": offer_price.currency().code(),
            "availability": if in_stock {
                "https://schema.org/InStock"
            } else {
                "https://schema.org/OutOfStock"
            },
            "seller": { "@type": "Organization", "name": p.seller.name },
        },
    });
    if let Some(image) = &image {
        product["image"] = serde_json::json!([format!("{origin}{}", image.url)]);
    }
    if let Some(v) = p.variants.first() {
        product["sku"] = serde_json::json!(v.sku);
    }
    if p.review_count > 0 {
        product["aggregateRating"] = serde_json::json!({
            "@type": "AggregateRating",
            "ratingValue": format!("{:.1}", p.rating),
            "reviewCount": p.review_count,
        });
    }
    let breadcrumbs = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": store,
              "item": format!("{origin}/{tag}/") },
            { "@type": "ListItem", "position": 2, "name": p.category.name,
              "item": format!("{origin}/{tag}/c/{}", p.category.slug) },
            { "@type": "ListItem", "position": 3, "name": p.title, "item": page },
        ],
    });
    let organization = organization(origin, locale);
    let title = p.title.clone();
    let rest = format!("p/{}", p.slug);
    // The delivery estimate of the variant the page opens on, as the app would ask for it.
    let estimate = match storefront::catalog::estimated_sku(&p) {
        Some(sku) => crate::shipping::estimate(state, locale, currency, &sku, buyer.ship_to).await,
        None => None,
    };
    let body = first_screen(
        fx,
        locale,
        format!("/{tag}/{rest}"),
        buyer,
        storefront::shell::prerender::Screen::Product {
            product: p,
            estimate,
        },
    );
    Some(crate::web::pages::Head {
        title,
        description,
        rest,
        preload: image.iter().map(|i| i.url.clone()).collect(),
        image: image.map(|i| (i.url, i.width, i.height)),
        json_ld: [product, breadcrumbs, organization]
            .iter()
            .map(|v| v.to_string())
            .collect(),
        data: data.into_iter().collect(),
        body: Some(body),
        style: None,
    })
}

#[cfg(test)]
fn parse_page_request(query: Option<&str>) -> Result<PageRequest, AppError> {
    let (params, mut errors) = collect_params(query, &["page", "per_page"]);
    let request = page_request(&params, &mut errors);
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(AppError::InvalidParameters(errors))
    }
}

pub use domain::catalog::LISTING_PARAMS;

/// Parses and validates every listing parameter, reporting all invalid ones together.
pub fn parse_listing_query(query: Option<&str>) -> Result<ListingQuery, AppError> {
    let (params, mut errors) = collect_params(query, LISTING_PARAMS);
    let get = |k: &str| params.get(k).map(String::as_str).filter(|v| !v.is_empty());
    let mut invalid = |field: &str, reason: Reason| {
        if !errors.iter().any(|e| e.field == field) {
            errors.push(InvalidField {
                field: field.to_owned(),
                reason,
            });
        }
    };

    let q = get("q")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    if q.as_ref()
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        invalid(
            "q",
            Reason::TooLong {
                max: MAX_QUERY_CHARS as u64,
            },
        );
    }
    let category = get("category").map(str::to_owned);
    if category
        .as_deref()
        .is_some_and(|c| !CATEGORIES.iter().any(|d| d.slug == c))
    {
        invalid("category", Reason::OneOf(&CATEGORY_SLUGS));
    }
    let mut price = |field: &str| -> Option<u32> {
        let value = get(field)?;
        match parse_number(Some(value), 0).filter(|v| u64::from(*v) <= MAX_PRICE_FILTER) {
            Some(v) => Some(v),
            None => {
                invalid(
                    field,
                    Reason::OutOfRange {
                        min: 0,
                        max: MAX_PRICE_FILTER,
                    },
                );
                None
            }
        }
    };
    let min_price = price("min_price");
    let max_price = price("max_price");
    let ships_from = get("ships_from").map(str::to_owned);
    if ships_from
        .as_deref()
        .is_some_and(|c| !SHIP_COUNTRIES.split(", ").any(|k| k == c))
    {
        invalid("ships_from", Reason::OneOf(&SHIP_COUNTRIES));
    }
    let seller = get("seller").map(str::to_owned);
    if seller.as_deref().is_some_and(|s| {
        s.len() > 64
            || !s
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }) {
        invalid("seller", Reason::Malformed);
    }
    let handling_free = match get("handling_free") {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(_) => {
            invalid("handling_free", Reason::OneOf("true, false"));
            false
        }
    };
    let min_rating = match get("min_rating") {
        None => None,
        Some(v) => match RATING_STEPS.iter().find(|(text, _)| *text == v) {
            Some((_, tenths)) => Some(*tenths),
            None => {
                invalid("min_rating", Reason::OneOf("4.5, 4"));
                None
            }
        },
    };
    let sort = match get("sort") {
        None => Sort::Relevance,
        Some(v) => Sort::from_code(v).unwrap_or_else(|| {
            invalid("sort", Reason::OneOf(&SORTS));
            Sort::Relevance
        }),
    };
    let page = page_request(&params, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::InvalidParameters(errors));
    }
    let match_expr = q.as_deref().and_then(match_expression);
    let exact_expr = q.as_deref().and_then(exact_expression);
    Ok(ListingQuery {
        q,
        match_expr,
        exact_expr,
        category,
        min_price,
        max_price,
        ships_from,
        seller,
        handling_free,
        min_rating,
        sort,
        page,
    })
}

fn localized<T: serde::Serialize>(locale: Locale, body: T) -> Response {
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(locale.tag()) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-language"));
    response
}

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    slug: String,
    title: String,
    price_minor: i64,
    currency: String,
    rating_tenths: i64,
    review_count: i64,
    seller_country: String,
}

pub(crate) use items::title_in_locale;

const SUMMARY_COLUMNS: &str = concat!(
    "p.id, p.slug, p.price_minor, p.currency, p.rating_tenths, \
     p.review_count, s.country AS seller_country, ",
    title_in_locale!()
);

fn currency(code: &str, id: i64) -> Result<Currency, AppError> {
    code.parse()
        .map_err(|e| AppError::Internal(format!("product {id} has a bad currency: {e}")))
}

fn tenths(v: i64) -> f32 {
    (v as f32) / 10.0
}

impl SummaryRow {
    fn into_summary(self) -> Result<ProductSummary, AppError> {
        Ok(ProductSummary {
            image: ImageRef {
                url: product_image_url(&self.slug),
                width: IMAGE_SIZE,
                height: IMAGE_SIZE,
            },
            price: Money::from_minor(self.price_minor, currency(&self.currency, self.id)?),
            converted: None,
            id: self.id,
            slug: self.slug,
            title: self.title,
            seller_country: self.seller_country,
            rating: tenths(self.rating_tenths),
            review_count: u32::try_from(self.review_count).unwrap_or(0),
        })
    }
}

/// Which filters one product passes, so one pass can count every facet: a facet's counts
/// apply all filters but its own, showing what choosing each value would give.
struct Passes {
    category: bool,
    price: bool,
    ships: bool,
    handling: bool,
    rating: bool,
}

impl Passes {
    fn all(&self) -> bool {
        self.category && self.price && self.ships && self.handling && self.rating
    }

    fn all_but(&self, own: bool) -> bool {
        // `own` is this facet's own flag; every other flag must hold.
        [
            self.category,
            self.price,
            self.ships,
            self.handling,
            self.rating,
        ]
        .iter()
        .filter(|f| !**f)
        .count()
            <= usize::from(!own)
    }
}

/// Runs a listing query: one page of products, the total, and every facet's counts.
pub async fn search(
    db: &SqlitePool,
    index: &SearchIndex,
    q: &ListingQuery,
    locale: Locale,
) -> Result<ProductList, AppError> {
    let nothing_searchable = q.q.is_some() && q.match_expr.is_none();
    // Candidates: what the full-text index matched, or every product. `NOT_HIT` marks the
    // others; a candidate's value is its relevance tier (0 = every word whole, 1 = by prefix).
    const NOT_HIT: u8 = u8::MAX;
    let mut tier = vec![NOT_HIT; index.entries.len()];
    let candidates: Vec<usize> = match &q.match_expr {
        _ if nothing_searchable => Vec::new(),
        Some(expr) => {
            let matched = full_text_ids(db, index, expr).await?;
            let whole = match &q.exact_expr {
                Some(exact) if q.sort == Sort::Relevance => full_text_ids(db, index, exact).await?,
                // Without a prefix in the query every match is whole.
                _ => Vec::new(),
            };
            let partial_tier = u8::from(q.exact_expr.is_some() && q.sort == Sort::Relevance);
            for &i in &matched {
                tier[i] = partial_tier;
            }
            for &i in &whole {
                tier[i] = 0;
            }
            matched
        }
        None => {
            tier.fill(0);
            (0..index.entries.len()).collect()
        }
    };

    let category = q
        .category
        .as_deref()
        .map(|slug| index.categories.get(slug).copied().unwrap_or(-1));
    let ships_bit = q.ships_from.as_deref().map(|c| index.country_bit(c));
    let seller = q
        .seller
        .as_deref()
        .map(|slug| index.sellers.get(slug).copied().unwrap_or(-1));
    let min_cents = q.min_price.map(|v| i64::from(v) * 100);
    let max_cents = q.max_price.map(|v| i64::from(v) * 100);

    let mut by_category: HashMap<i64, u64> = HashMap::new();
    let mut by_country = vec![0u64; index.countries.len()];
    let mut by_band = [0u64; PRICE_BANDS.len()];
    let mut by_rating = [0u64; RATING_STEPS.len()];
    let mut handling_free = 0u64;
    for &i in &candidates {
        let e = &index.entries[i];
        // A store page lists one seller's products: the others count in no facet either.
        if seller.is_some_and(|s| e.seller != s) {
            tier[i] = NOT_HIT;
            continue;
        }
        let passes = Passes {
            category: category.is_none_or(|c| e.category == c),
            price: min_cents.is_none_or(|m| e.price_usd_cents >= m)
                && max_cents.is_none_or(|m| e.price_usd_cents < m),
            ships: ships_bit.is_none_or(|b| e.ships & b != 0),
            handling: !q.handling_free || e.handling == 0,
            rating: q.min_rating.is_none_or(|r| i64::from(e.seller_rating) >= r),
        };
        if passes.all_but(passes.category) {
            *by_category.entry(e.category).or_default() += 1;
        }
        if passes.all_but(passes.ships) {
            for (k, n) in by_country.iter_mut().enumerate() {
                *n += u64::from(e.ships & (1 << k) != 0);
            }
        }
        if passes.all_but(passes.price) {
            for (k, (lo, hi)) in PRICE_BANDS.iter().enumerate() {
                let above = lo.is_none_or(|v| e.price_usd_cents >= i64::from(v) * 100);
                let below = hi.is_none_or(|v| e.price_usd_cents < i64::from(v) * 100);
                by_band[k] += u64::from(above && below);
            }
        }
        if passes.all_but(passes.rating) {
            for (k, (_, t)) in RATING_STEPS.iter().enumerate() {
                by_rating[k] += u64::from(i64::from(e.seller_rating) >= *t);
            }
        }
        if passes.all_but(passes.handling) && e.handling == 0 {
            handling_free += 1;
        }
        if !passes.all() {
            tier[i] = NOT_HIT;
        }
    }

    // Walk the ready-made order, tier by tier: no request sorts its hits.
    let order = index.order(match q.sort {
        Sort::Relevance | Sort::BestSelling => Order::BestSelling,
        Sort::PriceAsc => Order::PriceAsc,
        Sort::PriceDesc => Order::PriceDesc,
        Sort::Newest => Order::Newest,
    });
    let offset = usize::try_from(q.page.offset()).unwrap_or(usize::MAX);
    let per_page = q.page.per_page() as usize;
    let mut total: u64 = 0;
    let mut page_ids: Vec<i64> = Vec::with_capacity(per_page);
    let tiers: &[u8] = if candidates.is_empty() { &[] } else { &[0, 1] };
    for &t in tiers {
        for &i in order {
            if tier[i as usize] == t {
                let n = usize::try_from(total).unwrap_or(usize::MAX);
                if n >= offset && page_ids.len() < per_page {
                    page_ids.push(index.entries[i as usize].id);
                }
                total += 1;
            }
        }
    }
    let items = summaries(db, &page_ids, locale).await?;

    let names: HashMap<i64, (String, String)> = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT c.id, c.slug, COALESCE(cn.name, c.slug) FROM categories c \
         LEFT JOIN category_names cn ON cn.category_id = c.id AND cn.locale = ? ORDER BY c.position",
    )
    .bind(locale.tag())
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(id, slug, name)| (id, (slug, name)))
    .collect();
    let mut categories: Vec<(i64, CategoryCount)> = by_category
        .into_iter()
        .filter_map(|(id, count)| {
            names.get(&id).map(|(slug, name)| {
                (
                    id,
                    CategoryCount {
                        slug: slug.clone(),
                        name: name.clone(),
                        count,
                    },
                )
            })
        })
        .collect();
    categories.sort_by_key(|(id, _)| *id);
    let mut ships_from: Vec<CountryCount> = index
        .countries
        .iter()
        .zip(by_country)
        .filter(|(_, n)| *n > 0)
        .map(|(country, count)| CountryCount {
            country: country.clone(),
            count,
        })
        .collect();
    ships_from.sort_by(|a, b| b.count.cmp(&a.count).then(a.country.cmp(&b.country)));
    let facets = Facets {
        categories: categories.into_iter().map(|(_, c)| c).collect(),
        ships_from,
        price: PRICE_BANDS
            .iter()
            .zip(by_band)
            .map(|((min, max), count)| PriceBucket {
                min: *min,
                max: *max,
                count,
            })
            .collect(),
        seller_rating: RATING_STEPS
            .iter()
            .zip(by_rating)
            .map(|((min, _), count)| RatingBucket {
                min: (*min).to_owned(),
                count,
            })
            .collect(),
        handling_free,
    };
    let suggestions = if total == 0 {
        best_sellers(db, q.category.as_deref(), locale).await?
    } else {
        Vec::new()
    };
    Ok(ProductList {
        locale: locale.tag().to_owned(),
        currency: None,
        items,
        page: q.page.page(),
        per_page: q.page.per_page(),
        total,
        total_pages: q.page.total_pages(total),
        facets,
        suggestions,
    })
}

/// Product cards for `ids`, in that order.
pub(crate) async fn summaries(
    db: &SqlitePool,
    ids: &[i64],
    locale: Locale,
) -> Result<Vec<ProductSummary>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Numbered throughout: sqlx counts unnumbered `?` from 1 even after a `?1`.
    let placeholders = (2..ids.len() + 2)
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.id IN ({placeholders})"
    );
    let mut query = sqlx::query_as::<_, SummaryRow>(&sql).bind(locale.tag());
    for id in ids {
        query = query.bind(id);
    }
    let mut rows: HashMap<i64, SummaryRow> = query
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    ids.iter()
        .filter_map(|id| rows.remove(id))
        .map(SummaryRow::into_summary)
        .collect()
}

async fn best_sellers(
    db: &SqlitePool,
    category: Option<&str>,
    locale: Locale,
) -> Result<Vec<ProductSummary>, AppError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM products p JOIN sellers s ON s.id = p.seller_id \
         WHERE (?2 IS NULL OR p.category_id = (SELECT id FROM categories WHERE slug = ?2)) \
         ORDER BY p.sold_count DESC, p.id LIMIT 8"
    );
    sqlx::query_as::<_, SummaryRow>(&sql)
        .bind(locale.tag())
        .bind(category)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(SummaryRow::into_summary)
        .collect()
}

/// The `currency` query parameter: absent, or a currency the store has a rate for.
pub(crate) fn currency_param(
    query: Option<&str>,
    fx: &crate::fx::store::FxStore,
) -> Result<Option<Currency>, InvalidField> {
    let (params, mut errors) = collect_params(query, &["currency"]);
    if let Some(repeated) = errors.pop() {
        return Err(repeated);
    }
    match params
        .get("currency")
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
    {
        None => Ok(None),
        Some(code) => fx.parse_currency("currency", code).map(Some),
    }
}

/// Lists, searches and filters products.
#[utoipa::path(
    get,
    path = "/v1/products",
    tag = "catalog",
    params(
        ("q" = Option<String>, Query, description = "Search words in any shipped language (at most 200 characters). Latin, Cyrillic, Arabic and Korean words match by prefix; Chinese, Japanese and Thai match anywhere in a title."),
        ("category" = Option<String>, Query, description = "Category slug, from `/api/v1/categories`"),
        ("min_price" = Option<u32>, Query, description = "Lowest price, whole US dollars (inclusive)"),
        ("max_price" = Option<u32>, Query, description = "Highest price, whole US dollars (exclusive)"),
        ("ships_from" = Option<String>, Query, description = "ISO country code of a warehouse the product ships from"),
        ("seller" = Option<String>, Query, description = "Only this seller's products (its slug, as on a store page); an unknown seller has none"),
        ("handling_free" = Option<bool>, Query, description = "Only goods that need no special handling (not fragile, no battery, liquid or magnet)"),
        ("min_rating" = Option<String>, Query, description = "Minimum seller rating: `4` or `4.5`"),
        ("sort" = Option<String>, Query, description = "`relevance` (default: products with every word whole first, then by prefix, each best-selling first; best sellers without `q`), `price_asc`, `price_desc`, `newest`, `best_selling`"),
        ("page" = Option<u32>, Query, description = "1-based page number (1 to 10000)", minimum = 1, maximum = 10000),
        ("per_page" = Option<u32>, Query, description = "Items per page (1 to 100, default 24)", minimum = 1, maximum = 100),
        ("locale" = Option<String>, Query, description = "Language of titles, category names and error messages (e.g. `es`, `zh-CN`); an unknown one falls back to Accept-Language, then English. The body's `locale` and `Content-Language` say which was used."),
        ("currency" = Option<String>, Query, description = "The buyer's currency (ISO 4217, one of those in `/api/v1/fx/rates`): each item then carries `converted` — the price in it, rate and spread applied by the server — next to the seller's `price`. Unknown or unoffered → 400 naming `currency`."),
    ),
    responses(
        (status = 200, description = "One page of products with filter counts", body = ProductList),
        (status = 400, description = "An invalid parameter; `errors` names it", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_products(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let target = currency_param(query.as_deref(), &state.fx);
    let listing = match (parse_listing_query(query.as_deref()), target.as_ref()) {
        (Ok(listing), Ok(_)) => listing,
        (Err(AppError::InvalidParameters(mut fields)), Err(bad)) => {
            fields.push(bad.clone());
            return Err(AppError::InvalidParameters(fields));
        }
        (Err(err), _) => return Err(err),
        (Ok(_), Err(bad)) => return Err(AppError::InvalidParameters(vec![bad.clone()])),
    };
    let locale = locale_of(query.as_deref(), &headers);
    let mut list = search(&state.db, &state.search, &listing, locale).await?;
    if let Ok(Some(to)) = target {
        list.currency = Some(to);
        for item in list.items.iter_mut().chain(list.suggestions.iter_mut()) {
            item.converted = state.fx.convert(item.price, to);
        }
    }
    Ok(localized(locale, list))
}

#[derive(FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    brand: String,
    model: String,
    currency: String,
    price_minor: i64,
    handling: i64,
    rating_tenths: i64,
    review_count: i64,
    sold_count: i64,
    original_locale: String,
    category_slug: String,
    category_name: String,
    seller_slug: String,
    seller_name: String,
    seller_country: String,
    seller_rating: i64,
    seller_orders: i64,
    seller_verified: bool,
    seller_language: String,
}

/// One product with everything its page shows.
#[utoipa::path(
    get,
    path = "/v1/products/{slug}",
    tag = "catalog",
    params(
        ("slug" = String, Path, description = "The product's slug"),
        ("locale" = Option<String>, Query, description = "Language of the texts; an unknown one falls back (Accept-Language, then English) and the body's `locale` says which was used"),
        ("currency" = Option<String>, Query, description = "The buyer's currency: the product and each variant then carry `converted`. Unknown or unoffered → 400 naming `currency`."),
    ),
    responses(
        (status = 200, description = "The product", body = ProductDetail),
        (status = 404, description = "No product with this slug", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_product(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let target = currency_param(query.as_deref(), &state.fx)
        .map_err(|bad| AppError::InvalidParameters(vec![bad]))?;
    let locale = locale_of(query.as_deref(), &headers);
    let mut detail = product_detail(&state.db, &slug, locale).await?;
    convert_detail(&mut detail, target, &state.fx);
    Ok(localized(locale, detail))
}

/// The product's and each variant's price converted to `to`, when asked for one.
pub(crate) fn convert_detail(
    detail: &mut ProductDetail,
    to: Option<Currency>,
    fx: &crate::fx::store::FxStore,
) {
    if let Some(to) = to {
        detail.converted = fx.convert(detail.price, to);
        for variant in &mut detail.variants {
            variant.converted = fx.convert(variant.price, to);
        }
    }
}

/// Loads a product page's data in `locale`.
pub async fn product_detail(
    db: &SqlitePool,
    slug: &str,
    locale: Locale,
) -> Result<ProductDetail, AppError> {
    product_detail_of(db, slug, locale, false).await
}

/// [`product_detail`], with the seller's draft texts in place of the published ones where it
/// wrote some when `drafts` (a preview, `sellers::preview`): a draft in the product's own
/// language is its original, one in another language a human translation.
pub async fn product_detail_of(
    db: &SqlitePool,
    slug: &str,
    locale: Locale,
    drafts: bool,
) -> Result<ProductDetail, AppError> {
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT p.id, p.slug, p.brand, p.model, p.currency, p.price_minor, p.handling, \
         p.rating_tenths, p.review_count, p.sold_count, p.original_locale, \
         c.slug AS category_slug, COALESCE(cn.name, c.slug) AS category_name, \
         s.slug AS seller_slug, s.name AS seller_name, s.country AS seller_country, \
         s.rating_tenths AS seller_rating, s.order_count AS seller_orders, \
         s.verified AS seller_verified, s.language AS seller_language \
         FROM products p JOIN sellers s ON s.id = p.seller_id JOIN categories c ON c.id = p.category_id \
         LEFT JOIN category_names cn ON cn.category_id = c.id AND cn.locale = ? \
         WHERE p.slug = ?",
    )
    .bind(locale.tag())
    .bind(slug)
    .fetch_optional(db)
    .await?;
    let Some(p) = row else {
        return Err(AppError::ProductNotFound);
    };
    // Drafts first: `find` below takes the first text of a language.
    let texts: Vec<(String, String, String, String, i64)> = if drafts {
        sqlx::query_as(
            "SELECT locale, title, description_html, provenance, rank FROM ( \
             SELECT locale, title, description_html, \
             CASE WHEN locale = ? THEN 'original' ELSE 'human' END AS provenance, 0 AS rank \
             FROM product_text_drafts WHERE product_id = ? AND locale IN (?, ?) \
             UNION ALL SELECT locale, title, description_html, provenance, 1 AS rank \
             FROM product_texts WHERE product_id = ? AND locale IN (?, ?)) ORDER BY rank",
        )
        .bind(&p.original_locale)
        .bind(p.id)
        .bind(locale.tag())
        .bind(&p.original_locale)
        .bind(p.id)
        .bind(locale.tag())
        .bind(&p.original_locale)
        .fetch_all(db)
        .await?
    } else {
        sqlx::query_as(
            "SELECT locale, title, description_html, provenance, 1 FROM product_texts \
             WHERE product_id = ? AND locale IN (?, ?)",
        )
        .bind(p.id)
        .bind(locale.tag())
        .bind(&p.original_locale)
        .fetch_all(db)
        .await?
    };
    let find = |tag: &str| texts.iter().find(|t| t.0 == tag);
    let original = find(&p.original_locale)
        .ok_or_else(|| AppError::Internal(format!("product {} has no original text", p.id)))?;
    let mut shown = find(locale.tag()).unwrap_or(original);
    // A machine translation of an original the draft rewrote is of the old text: a preview
    // shows the new original, as buyers would see it until publication translates it.
    if shown.3 == "machine" && original.4 == 0 {
        shown = original;
    }
    let provenance = Provenance::parse(&shown.3)
        .ok_or_else(|| AppError::Internal(format!("product {} has a bad provenance", p.id)))?;

    let ships_from = sqlx::query_as::<_, (String, String, bool, String)>(
        "SELECT w.code, w.country, w.overseas, COALESCE(wn.city, w.code) FROM product_warehouses pw \
         JOIN warehouses w ON w.id = pw.warehouse_id \
         LEFT JOIN warehouse_names wn ON wn.warehouse_id = w.id AND wn.locale = ? \
         WHERE pw.product_id = ? ORDER BY pw.position",
    )
    .bind(locale.tag())
    .bind(p.id)
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|(code, country, overseas, city)| ShipsFrom { code, city, country, overseas })
    .collect();

    let currency = currency(&p.currency, p.id)?;
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        String,
        Option<String>,
        Option<String>,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    )> = sqlx::query_as(
        "SELECT sku, colour, size, price_minor, stock, weight_g, length_mm, width_mm, height_mm \
         FROM variants WHERE product_id = ? ORDER BY position",
    )
    .bind(p.id)
    .fetch_all(db)
    .await?;
    let u32_of = |v: i64| u32::try_from(v).unwrap_or(0);
    let variants: Vec<VariantInfo> = rows
        .into_iter()
        .map(
            |(sku, colour, size, price, stock, weight, l, w, h)| VariantInfo {
                sku,
                colour,
                size,
                price: Money::from_minor(price, currency),
                converted: None,
                stock: u32_of(stock),
                weight_g: u32_of(weight),
                dims_mm: [u32_of(l), u32_of(w), u32_of(h)],
            },
        )
        .collect();

    let mut colours: Vec<String> = Vec::new();
    let mut sizes: Vec<String> = Vec::new();
    for v in &variants {
        if let Some(c) = &v.colour {
            if !colours.contains(c) {
                colours.push(c.clone());
            }
        }
        if let Some(s) = &v.size {
            if !sizes.contains(s) {
                sizes.push(s.clone());
            }
        }
    }
    let mut options = Vec::new();
    if !colours.is_empty() {
        options.push(VariantOption {
            axis: "colour".into(),
            values: colours
                .iter()
                .map(|c| OptionValue {
                    code: c.clone(),
                    label: colour_label(c, locale),
                })
                .collect(),
        });
    }
    if !sizes.is_empty() {
        options.push(VariantOption {
            axis: "size".into(),
            values: sizes
                .iter()
                .map(|s| OptionValue {
                    code: s.clone(),
                    label: s.clone(),
                })
                .collect(),
        });
    }
    let image = |view: &str| ImageRef {
        url: product_view_url(&p.slug, view),
        width: IMAGE_SIZE,
        height: IMAGE_SIZE,
    };
    let mut images: Vec<ProductImage> = colours
        .iter()
        .map(|c| ProductImage {
            colour: Some(c.clone()),
            image: image(c),
        })
        .collect();
    for view in ["detail", "package"] {
        images.push(ProductImage {
            colour: None,
            image: image(view),
        });
    }

    Ok(ProductDetail {
        locale: locale.tag().to_owned(),
        id: p.id,
        slug: p.slug,
        title: shown.1.clone(),
        description_html: sanitize_description(&shown.2),
        provenance,
        original: (provenance == Provenance::Machine).then(|| OriginalText {
            locale: original.0.clone(),
            title: original.1.clone(),
            description_html: sanitize_description(&original.2),
        }),
        brand: p.brand,
        model: p.model,
        category: CategoryRef {
            slug: p.category_slug,
            name: p.category_name,
        },
        price: Money::from_minor(p.price_minor, currency),
        converted: None,
        rating: tenths(p.rating_tenths),
        review_count: u32_of(p.review_count),
        sold_count: u32_of(p.sold_count),
        handling: Handling::from_bits(u8::try_from(p.handling).unwrap_or(0)),
        seller: SellerCard {
            slug: p.seller_slug,
            name: p.seller_name,
            country: p.seller_country,
            rating: tenths(p.seller_rating),
            order_count: u32_of(p.seller_orders),
            verified: p.seller_verified,
            language: p.seller_language,
        },
        ships_from,
        images,
        options,
        variants,
    })
}

pub(crate) fn colour_label(code: &str, locale: Locale) -> String {
    COLOUR_CODES
        .iter()
        .position(|c| *c == code)
        .map(|i| COLOUR_NAMES[i][locale.index()].to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// Every category, named in the response's locale, with its product count.
#[utoipa::path(
    get,
    path = "/v1/categories",
    tag = "catalog",
    params(
        ("locale" = Option<String>, Query, description = "Language of the names; an unknown one falls back (Accept-Language, then English) and the body's `locale` says which was used"),
    ),
    responses((status = 200, description = "The categories in catalog order", body = CategoryList))
)]
pub async fn list_categories(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let locale = locale_of(query.as_deref(), &headers);
    let items = sqlx::query_as::<_, (String, String, i64)>(
        "SELECT c.slug, COALESCE(cn.name, c.slug), (SELECT COUNT(*) FROM products p WHERE p.category_id = c.id) \
         FROM categories c LEFT JOIN category_names cn ON cn.category_id = c.id AND cn.locale = ? \
         ORDER BY c.position",
    )
    .bind(locale.tag())
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|(slug, name, count)| CategoryCount { slug, name, count: u64::try_from(count).unwrap_or(0) })
    .collect();
    Ok(localized(
        locale,
        CategoryList {
            locale: locale.tag().to_owned(),
            items,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(err: AppError) -> Vec<String> {
        match err {
            AppError::InvalidParameters(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("expected invalid parameters, got {other:?}"),
        }
    }

    #[test]
    fn missing_parameters_take_the_defaults() {
        let req = parse_page_request(None).expect("defaults");
        assert_eq!(
            (req.page(), req.per_page()),
            (1, PageRequest::DEFAULT_PER_PAGE)
        );
        let q = parse_listing_query(None).expect("defaults");
        assert_eq!(
            (q.sort, q.q, q.handling_free),
            (Sort::Relevance, None, false)
        );
    }

    #[test]
    fn non_numeric_negative_and_fractional_values_are_named() {
        for q in ["page=abc", "page=-1", "page=1.5", "page=", "page=0"] {
            assert_eq!(
                fields(parse_page_request(Some(q)).expect_err(q)),
                ["page"],
                "{q}"
            );
        }
        for q in ["per_page=0", "per_page=10000", "per_page=x"] {
            assert_eq!(
                fields(parse_page_request(Some(q)).expect_err(q)),
                ["per_page"],
                "{q}"
            );
        }
    }

    #[test]
    fn both_parameters_are_reported_when_both_are_wrong() {
        let err = parse_page_request(Some("page=0&per_page=999")).expect_err("both bad");
        assert_eq!(fields(err), ["page", "per_page"]);
    }

    #[test]
    fn a_repeated_parameter_is_refused() {
        let err = parse_page_request(Some("page=1&page=2")).expect_err("repeated");
        assert_eq!(fields(err), ["page"]);
    }

    #[test]
    fn huge_numbers_do_not_overflow_into_a_500() {
        let err = parse_page_request(Some("page=99999999999999999999")).expect_err("huge");
        assert_eq!(fields(err), ["page"]);
    }

    #[test]
    fn every_bad_listing_parameter_is_named_at_once() {
        let err = parse_listing_query(Some(
            "category=cars&min_price=-5&max_price=x&ships_from=ZZ&handling_free=maybe&min_rating=5&sort=cheapest&page=0",
        ))
        .expect_err("all bad");
        let mut names = fields(err);
        names.sort();
        assert_eq!(
            names,
            [
                "category",
                "handling_free",
                "max_price",
                "min_price",
                "min_rating",
                "page",
                "ships_from",
                "sort"
            ]
        );
    }

    #[test]
    fn an_overlong_query_is_refused_and_a_blank_one_is_no_query() {
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert_eq!(
            fields(parse_listing_query(Some(&long)).expect_err("long")),
            ["q"]
        );
        assert_eq!(parse_listing_query(Some("q=+++")).expect("blank").q, None);
    }

    #[test]
    fn seller_html_loses_scripts_handlers_and_images_but_keeps_formatting() {
        let html = "<p onclick=\"x()\">Hi <strong>there</strong></p><script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:x\">link</a>";
        assert_eq!(
            sanitize_description(html),
            "<p>Hi <strong>there</strong></p>link"
        );
    }
}
