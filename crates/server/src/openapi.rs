//! The OpenAPI document, generated from the handlers' annotations.

use utoipa::openapi::{self, RefOr};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cross-border storefront API",
        description = "Catalog, prices, carts, shipping quotes, payments and orders. Money is \
                       `{amount, currency}` with the amount as a decimal string at the \
                       currency's ISO 4217 exponent. Errors are RFC 9457 problem documents.",
        version = "1.0.0"
    ),
    components(schemas(
        domain::Problem,
        domain::FieldError,
        domain::ProductSummary,
        domain::ProductList,
        domain::ProductDetail,
        domain::CategoryList,
        domain::ImageRef,
        domain::RateTable,
        domain::RateInfo,
        domain::FxQuote,
        domain::QuoteRequest,
        domain::Converted,
        domain::Cart,
        domain::CartGroup,
        domain::CartLine,
        domain::CartInput,
        domain::LineInput,
        domain::shipping::DestinationInput,
        domain::shipping::ShippingQuoteRequest,
        domain::shipping::ShippingQuote,
        domain::shipping::Shipment,
        domain::shipping::ShipmentLine,
        domain::shipping::ShippingOption,
        domain::shipping::UnshippableLine,
        domain::shipping::Choice,
        domain::shipping::TotalsRequest,
        domain::shipping::ShippingTotals,
        domain::address::AddressFormat,
        domain::address::AddressField,
        domain::address::AddressInput,
        domain::address::ValidAddress,
        domain::shipping::Charge,
        domain::order::PaymentSetup,
        domain::order::OrderRequest,
        domain::order::Order,
        domain::order::OrderLine,
        domain::order::OrderShipment,
        domain::order::OrderTotals
    ))
)]
pub struct ApiDoc;

/// Adds the 429 every rate-limited operation can answer (see `limits`): writes, the listing
/// and search, and order lookups.
struct Limited;

impl Modify for Limited {
    fn modify(&self, doc: &mut openapi::OpenApi) {
        let retry_after = || {
            openapi::HeaderBuilder::new()
                .schema(openapi::ObjectBuilder::new().schema_type(openapi::Type::Integer))
                .description(Some("Seconds to wait"))
                .build()
        };
        let too_many = || -> RefOr<openapi::Response> {
            openapi::ResponseBuilder::new()
                .description(
                    "Too many requests from this client (`rate_limited`, or `too_many_holds` \
                     for orders): wait `Retry-After` seconds",
                )
                .content(
                    domain::Problem::CONTENT_TYPE,
                    openapi::ContentBuilder::new()
                        .schema(Some(openapi::Ref::from_schema_name("Problem")))
                        .build(),
                )
                .header("Retry-After", retry_after())
                .build()
                .into()
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            let limited_reads = path == "/api/v1/products" || path == "/api/v1/orders/{number}";
            let operations = [
                item.post.as_mut(),
                item.patch.as_mut(),
                item.put.as_mut(),
                item.delete.as_mut(),
            ]
            .into_iter()
            .chain(limited_reads.then_some(item.get.as_mut()))
            .flatten();
            for operation in operations {
                let response = operation
                    .responses
                    .responses
                    .entry("429".to_owned())
                    .or_insert_with(too_many);
                // An operation that documents a 429 of its own gets the header too.
                if let RefOr::T(response) = response {
                    response
                        .headers
                        .entry("Retry-After".to_owned())
                        .or_insert_with(retry_after);
                }
            }
        }
    }
}

/// The document the resources' routers collected (paths relative to `/api`), made whole:
/// paths as clients call them and the 429 of every limited operation.
pub fn finish(mut doc: openapi::OpenApi) -> openapi::OpenApi {
    let paths = std::mem::take(&mut doc.paths.paths);
    doc.paths.paths = paths
        .into_iter()
        .map(|(path, item)| (format!("/api{path}"), item))
        .collect();
    Limited.modify(&mut doc);
    doc
}
