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
/// paths as clients call them, every parameter's allowed values from the constants the
/// handlers check against, request bodies closed to unknown fields, the statuses every
/// operation can answer, the links between operations, and the 429 of every limited one.
/// `currencies` are the codes the rate table offers now.
pub fn finish(mut doc: openapi::OpenApi, currencies: &[&str]) -> openapi::OpenApi {
    let paths = std::mem::take(&mut doc.paths.paths);
    doc.paths.paths = paths
        .into_iter()
        .map(|(path, item)| (format!("/api{path}"), item))
        .collect();
    constrain_parameters(&mut doc, currencies);
    close_request_bodies(&mut doc, currencies);
    document_common_statuses(&mut doc);
    link_operations(&mut doc);
    Limited.modify(&mut doc);
    doc
}

/// The document as JSON. utoipa 5.5 writes a link's fields in snake case (`operation_id`);
/// OpenAPI spells them `operationId`, `operationRef`, `requestBody`.
pub fn to_json(doc: &openapi::OpenApi) -> serde_json::Value {
    let mut json = serde_json::to_value(doc).unwrap_or_default();
    let paths = json.get_mut("paths").and_then(|p| p.as_object_mut());
    for item in paths.into_iter().flat_map(|p| p.values_mut()) {
        let operations = item
            .as_object_mut()
            .into_iter()
            .flat_map(|i| i.values_mut());
        for operation in operations {
            let responses = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut());
            for response in responses.into_iter().flat_map(|r| r.values_mut()) {
                let links = response.get_mut("links").and_then(|l| l.as_object_mut());
                for link in links.into_iter().flat_map(|l| l.values_mut()) {
                    let Some(link) = link.as_object_mut() else {
                        continue;
                    };
                    for (from, to) in [
                        ("operation_id", "operationId"),
                        ("operation_ref", "operationRef"),
                        ("request_body", "requestBody"),
                    ] {
                        if let Some(value) = link.remove(from) {
                            link.insert(to.to_owned(), value);
                        }
                    }
                }
            }
        }
    }
    json
}

fn string_enum(values: &[&str]) -> RefOr<openapi::Schema> {
    openapi::ObjectBuilder::new()
        .schema_type(openapi::Type::String)
        .enum_values(Some(values.iter().map(|v| (*v).to_owned())))
        .into()
}

fn or_empty(schema: RefOr<openapi::Schema>) -> RefOr<openapi::Schema> {
    let empty = openapi::ObjectBuilder::new()
        .schema_type(openapi::Type::String)
        .max_length(Some(0));
    openapi::schema::AnyOfBuilder::new()
        .item(schema)
        .item(empty)
        .into()
}

fn integer_range(min: u64, max: u64) -> RefOr<openapi::Schema> {
    openapi::ObjectBuilder::new()
        .schema_type(openapi::Type::Integer)
        .minimum(Some(min as f64))
        .maximum(Some(max as f64))
        .into()
}

fn operations_mut(
    item: &mut openapi::PathItem,
) -> impl Iterator<Item = (&'static str, &mut openapi::path::Operation)> {
    [
        ("get", item.get.as_mut()),
        ("post", item.post.as_mut()),
        ("patch", item.patch.as_mut()),
        ("put", item.put.as_mut()),
        ("delete", item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, op)| op.map(|op| (method, op)))
}

/// Each parameter's schema says exactly what its handler takes: the same lists and limits
/// the handlers check against, so a value the document allows is one the store accepts.
fn constrain_parameters(doc: &mut openapi::OpenApi, currencies: &[&str]) {
    use crate::products::{self, CATEGORY_SLUGS, SHIP_COUNTRIES, SORTS};
    use openapi::path::ParameterIn;
    let destinations: Vec<&str> = domain::shipping::DESTINATIONS.to_vec();
    let locales: Vec<&str> = domain::Locale::ALL.iter().map(|l| l.tag()).collect();
    let categories: Vec<&str> = CATEGORY_SLUGS.split(", ").collect();
    let ship_countries: Vec<&str> = SHIP_COUNTRIES.split(", ").collect();
    let sorts: Vec<&str> = SORTS.split(", ").collect();
    let ratings: Vec<&str> = products::RATING_STEPS.iter().map(|(v, _)| *v).collect();
    for (path, item) in doc.paths.paths.iter_mut() {
        for (_, operation) in operations_mut(item) {
            for parameter in operation.parameters.iter_mut().flatten() {
                let schema = match (parameter.name.as_str(), &parameter.parameter_in) {
                    ("locale", ParameterIn::Path) => Some(string_enum(&locales)),
                    ("currency", ParameterIn::Query) => Some(string_enum(currencies)),
                    ("ship_to" | "country", _) => Some(string_enum(&destinations)),
                    ("category", ParameterIn::Query) => Some(string_enum(&categories)),
                    ("ships_from", ParameterIn::Query) => Some(string_enum(&ship_countries)),
                    ("sort", ParameterIn::Query) => Some(string_enum(&sorts)),
                    ("min_rating", ParameterIn::Query) => Some(string_enum(&ratings)),
                    ("min_price" | "max_price", ParameterIn::Query) => {
                        Some(integer_range(0, products::MAX_PRICE_FILTER))
                    }
                    ("q", ParameterIn::Query) => Some(
                        openapi::ObjectBuilder::new()
                            .schema_type(openapi::Type::String)
                            .max_length(Some(products::MAX_QUERY_CHARS))
                            .into(),
                    ),
                    ("Idempotency-Key", ParameterIn::Header) => Some(
                        openapi::ObjectBuilder::new()
                            .schema_type(openapi::Type::String)
                            .min_length(Some(1))
                            .max_length(Some(crate::orders::MAX_KEY_LEN))
                            .pattern(Some("^[!-~]+$"))
                            .into(),
                    ),
                    _ => None,
                };
                let optional = !matches!(parameter.required, openapi::Required::True);
                let schema = schema.or_else(|| {
                    (optional && parameter.name == "handling_free").then(|| {
                        openapi::ObjectBuilder::new()
                            .schema_type(openapi::Type::Boolean)
                            .into()
                    })
                });
                if let Some(schema) = schema {
                    // An optional query parameter given empty (`?currency=`, as a form sends an
                    // empty field) is the same as one not given.
                    let empty_is_absent = optional
                        && matches!(parameter.parameter_in, ParameterIn::Query)
                        && parameter.name != "q"
                        && parameter.name != "locale";
                    parameter.schema = Some(if empty_is_absent {
                        or_empty(schema)
                    } else {
                        schema
                    });
                }
            }
            let _ = path;
        }
    }
}

/// The request bodies the store reads: every one refuses fields it does not know (naming
/// each, see `http::strict`), and says so.
const REQUEST_BODIES: [&str; 14] = [
    "CartInput",
    "LineInput",
    "DestinationInput",
    "ShippingQuoteRequest",
    "TotalsRequest",
    "Choice",
    "AddressInput",
    "OrderRequest",
    "SignIn",
    "SetPassword",
    "StoreProfile",
    "CountryReturns",
    "ProductTextInput",
    "QuoteRequest",
];

fn close_request_bodies(doc: &mut openapi::OpenApi, currencies: &[&str]) {
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    // Fields whose values come from a list the store keeps: the same lists the handlers check.
    let destinations: &[&str] = &domain::shipping::DESTINATIONS;
    let listed: [(&str, &str, &[&str]); 5] = [
        ("DestinationInput", "country", destinations),
        ("AddressInput", "country", destinations),
        ("CountryReturns", "country", destinations),
        ("QuoteRequest", "from", currencies),
        ("QuoteRequest", "to", currencies),
    ];
    for (name, field, values) in listed {
        if let Some(RefOr::T(openapi::Schema::Object(object))) = components.schemas.get_mut(name) {
            object
                .properties
                .insert(field.to_owned(), string_enum(values));
        }
    }
    for name in REQUEST_BODIES {
        if let Some(RefOr::T(openapi::Schema::Object(object))) = components.schemas.get_mut(name) {
            object.additional_properties = Some(Box::new(
                openapi::schema::AdditionalProperties::FreeForm(false),
            ));
        }
    }
}

fn problem(description: &str) -> RefOr<openapi::Response> {
    openapi::ResponseBuilder::new()
        .description(description)
        .content(
            domain::Problem::CONTENT_TYPE,
            openapi::ContentBuilder::new()
                .schema(Some(openapi::Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

/// What any operation may answer besides its own outcomes: 400 for a parameter or body that
/// breaks the schema, 422 for one the schema allows but a rule of the store refuses (an
/// unknown item, an address that is not valid for its country), 413 for a body over the limit,
/// 500 and 504 (the API's time limit).
fn document_common_statuses(doc: &mut openapi::OpenApi) {
    for (_, item) in doc.paths.paths.iter_mut() {
        for (_, operation) in operations_mut(item) {
            let has_body = operation.request_body.is_some();
            let has_input =
                has_body || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let responses = &mut operation.responses.responses;
            if has_input {
                responses.entry("400".into()).or_insert_with(|| {
                    problem(
                        "A parameter or the body does not match this document; `errors` names each",
                    )
                });
            }
            if has_body {
                responses.entry("422".into()).or_insert_with(|| {
                    problem("Well-formed, but refused by a rule of the store; `errors` names each field")
                });
                responses
                    .entry("413".into())
                    .or_insert_with(|| problem("The body is larger than this operation accepts"));
            }
            responses
                .entry("500".into())
                .or_insert_with(|| problem("The store failed; the problem carries a `request_id`"));
            responses
                .entry("504".into())
                .or_insert_with(|| problem("The request took longer than the API's time limit"));
        }
    }
}

/// A link: (from this path's POST, on this status, to this operation, its parameters, a body
/// to merge into the one generated for it).
type Link = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    Option<fn() -> serde_json::Value>,
);

/// Links from the operations that create a resource to those that read or change it, so a
/// client (and a stateful test) can follow them: a new cart to its reads, changes and a
/// quote for it; a quote to its totals; a rate lock and an order to their reads.
fn link_operations(doc: &mut openapi::OpenApi) {
    use openapi::link::LinkBuilder;
    const TOKEN: &[(&str, &str)] = &[("token", "$response.body#/token")];
    const ID: &[(&str, &str)] = &[("id", "$response.body#/id")];
    let links: [Link; 9] = [
        ("/api/v1/carts", "201", "get_cart", TOKEN, None),
        ("/api/v1/carts", "201", "patch_cart", TOKEN, None),
        ("/api/v1/carts", "201", "delete_cart", TOKEN, None),
        (
            "/api/v1/carts",
            "201",
            "delete_line",
            &[
                ("token", "$response.body#/token"),
                ("sku", "$response.body#/groups/0/lines/0/sku"),
            ],
            None,
        ),
        (
            "/api/v1/carts",
            "201",
            "create_shipping_quote",
            &[],
            Some(|| serde_json::json!({ "cart_token": "$response.body#/token" })),
        ),
        (
            "/api/v1/shipping/quotes",
            "201",
            "get_shipping_quote",
            ID,
            None,
        ),
        (
            "/api/v1/shipping/quotes",
            "201",
            "shipping_quote_totals",
            ID,
            Some(|| {
                serde_json::json!({ "choices": [{
                    "shipment": "$response.body#/shipments/0/id",
                    "option": "$response.body#/shipments/0/options/0/id",
                }]})
            }),
        ),
        ("/api/v1/fx/quotes", "201", "get_fx_quote", ID, None),
        (
            "/api/v1/orders",
            "201",
            "get_order",
            &[
                ("number", "$response.body#/number"),
                ("key", "$response.body#/access_key"),
            ],
            None,
        ),
    ];
    for (path, status, target, parameters, body) in links {
        let Some(item) = doc.paths.paths.get_mut(path) else {
            continue;
        };
        let Some(operation) = item.post.as_mut() else {
            continue;
        };
        let Some(RefOr::T(response)) = operation.responses.responses.get_mut(status) else {
            continue;
        };
        let mut link = LinkBuilder::new().operation_id(target);
        for (name, expression) in parameters {
            link = link.parameter(*name, serde_json::Value::from(*expression));
        }
        if let Some(body) = body {
            link = link.request_body(Some(body()));
        }
        response
            .links
            .insert(target.to_owned(), RefOr::T(link.build()));
    }
}
