//! `GET /api/v1/products`: the paged catalog listing.

use crate::error::{AppError, InvalidField, Reason};
use crate::media::{product_image_url, IMAGE_SIZE};
use crate::AppState;
use axum::extract::{RawQuery, State};
use axum::Json;
use domain::{Currency, ImageRef, Money, Page, PageRequest, ProductSummary};

/// Parses `page` and `per_page` from a raw query string, naming every invalid parameter.
/// Unknown parameters are ignored so that older clients keep working as the API grows.
pub fn parse_page_request(query: Option<&str>) -> Result<PageRequest, AppError> {
    let mut page: Option<String> = None;
    let mut per_page: Option<String> = None;
    let mut errors: Vec<InvalidField> = Vec::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        let slot = match key.as_ref() {
            "page" => &mut page,
            "per_page" => &mut per_page,
            _ => continue,
        };
        if slot.is_some() {
            errors.push(InvalidField {
                field: key.into_owned(),
                reason: Reason::Repeated,
            });
        } else {
            *slot = Some(value.into_owned());
        }
    }
    // Check each parameter on its own so that both are reported when both are wrong.
    let page_number = parse_number(page.as_deref(), 1).filter(|p| PageRequest::new(*p, 1).is_ok());
    let per_page_number = parse_number(per_page.as_deref(), PageRequest::DEFAULT_PER_PAGE)
        .filter(|n| PageRequest::new(1, *n).is_ok());
    for (field, value, max) in [
        ("page", page_number, PageRequest::MAX_PAGE),
        ("per_page", per_page_number, PageRequest::MAX_PER_PAGE),
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
    match (page_number, per_page_number) {
        (Some(p), Some(n)) if errors.is_empty() => {
            PageRequest::new(p, n).map_err(|e| AppError::Internal(e.to_string()))
        }
        _ => Err(AppError::InvalidParameters(errors)),
    }
}

/// `None` for anything that is not a plain non-negative integer (`"abc"`, `"-1"`, `"1.5"`).
fn parse_number(text: Option<&str>, default: u32) -> Option<u32> {
    match text {
        None => Some(default),
        Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t.parse().ok(),
        Some(_) => None,
    }
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    slug: String,
    title: String,
    price_minor: i64,
    currency: String,
}

/// Lists products, oldest first, one page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "catalog",
    params(
        ("page" = Option<u32>, Query, description = "1-based page number (1 to 10000)", minimum = 1, maximum = 10000),
        ("locale" = Option<String>, Query, description = "Language of error messages (e.g. `es`, `zh-CN`); falls back to Accept-Language, then English. `Content-Language` says which was used."),
        ("per_page" = Option<u32>, Query, description = "Items per page (1 to 100, default 24)", minimum = 1, maximum = 100),
    ),
    responses(
        (status = 200, description = "One page of products", body = Page<ProductSummary>),
        (status = 400, description = "An invalid parameter; `errors` names it", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_products(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Page<ProductSummary>>, AppError> {
    let request = parse_page_request(query.as_deref())?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products")
        .fetch_one(&state.db)
        .await?;
    let rows: Vec<ProductRow> = sqlx::query_as(
        "SELECT id, slug, title, price_minor, currency FROM products ORDER BY id LIMIT ? OFFSET ?",
    )
    .bind(i64::from(request.per_page()))
    .bind(i64::try_from(request.offset()).unwrap_or(i64::MAX))
    .fetch_all(&state.db)
    .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let currency: Currency = row.currency.parse().map_err(|e| {
                AppError::Internal(format!("product {} has a bad currency: {e}", row.id))
            })?;
            Ok(ProductSummary {
                image: ImageRef {
                    url: product_image_url(&row.slug),
                    width: IMAGE_SIZE,
                    height: IMAGE_SIZE,
                },
                id: row.id,
                slug: row.slug,
                title: row.title,
                price: Money::from_minor(row.price_minor, currency),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let total = u64::try_from(total).unwrap_or(0);
    Ok(Json(Page {
        items,
        page: request.page(),
        per_page: request.per_page(),
        total,
        total_pages: request.total_pages(total),
    }))
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
}
