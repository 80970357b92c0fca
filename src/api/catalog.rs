//! Products and categories.

use super::http::{get_json, or_in_preview, segment, take_inlined, ApiError, Latest};
use domain::{CategoryList, Currency, Locale, ProductDetail, ProductList};

/// `GET /api/v1/products?…`: one page of a listing or search, with filter counts. `query` is
/// the listing's own parameters (words, category, filters, sort, page). `None`: the category
/// named does not exist.
pub async fn list_products(
    mut query: Vec<(String, String)>,
    locale: Locale,
    currency: Currency,
    latest: Latest,
) -> Result<Option<ProductList>, ApiError> {
    // A home or category page's first answer carries its first page, unfiltered.
    // A store page's, its seller's products (`s/{seller}`: no category slug has a `/`).
    let category = match query.as_slice() {
        [] => Some(String::new()),
        [(key, slug)] if key == "category" => Some(slug.clone()),
        [(key, seller)] if key == "seller" => Some(format!("s/{seller}")),
        _ => None,
    };
    if let Some(category) = category {
        let key = format!("listing|{category}|{}|{}", locale.tag(), currency.code());
        if let Some(list) = take_inlined::<ProductList>(&key) {
            return Ok(Some(list));
        }
    }
    query.push(("locale".to_owned(), locale.tag().to_owned()));
    query.push(("currency".to_owned(), currency.code().to_owned()));
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    match get_json("/api/v1/products", &pairs, latest).await {
        Ok(list) => Ok(Some(list)),
        Err(ApiError::Server {
            status: 400,
            problem: Some(p),
        }) if p.errors.iter().any(|e| e.field == "category") => Ok(None),
        Err(e) => Err(e),
    }
}

/// `GET /api/v1/products/{slug}?locale=…`; `None`: no such product.
pub async fn get_product(
    slug: String,
    locale: Locale,
    currency: Currency,
    latest: Latest,
) -> Result<Option<ProductDetail>, ApiError> {
    // The page's first answer carries this product when the buyer landed on it.
    let key = format!("product|{slug}|{}|{}", locale.tag(), currency.code());
    if let Some(product) = take_inlined::<ProductDetail>(&key) {
        return Ok(Some(product));
    }
    let path = or_in_preview("/api/v1/products/", "/api/v1/preview/products/") + &segment(&slug);
    let query = [("locale", locale.tag()), ("currency", currency.code())];
    match get_json(&path, &query, latest).await {
        Ok(p) => Ok(Some(p)),
        Err(ApiError::Server { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `GET /api/v1/categories?locale=…`
pub async fn list_categories(locale: Locale, latest: Latest) -> Result<CategoryList, ApiError> {
    get_json("/api/v1/categories", &[("locale", locale.tag())], latest).await
}
