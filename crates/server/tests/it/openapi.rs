//! The OpenAPI document says what the code does: its lists, limits and codes are the ones the
//! handlers and the domain use.

use crate::helpers::TestApp;
use domain::cart::{MAX_LINES, MAX_QUANTITY_PER_LINE};
use domain::shipping::{OptionLabel, Restriction, Service, TaxRule, TaxesDue, DESTINATIONS};
use serde_json::Value;

fn codes(schema: &Value) -> Vec<String> {
    schema["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .map(|v| v.as_str().expect("a code").to_owned())
        .collect()
}

fn wire<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| code(*v).to_owned()).collect()
}

#[tokio::test]
async fn the_documents_codes_are_the_codes_on_the_wire() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        codes(&schemas["Service"]),
        wire(Service::ALL, Service::code)
    );
    assert_eq!(
        codes(&schemas["OptionLabel"]),
        wire(OptionLabel::ALL, OptionLabel::code)
    );
    assert_eq!(
        codes(&schemas["TaxesDue"]),
        wire(TaxesDue::ALL, TaxesDue::code)
    );
    assert_eq!(
        codes(&schemas["TaxRule"]),
        wire(TaxRule::ALL, TaxRule::code)
    );
    assert_eq!(
        codes(&schemas["Restriction"]),
        wire(Restriction::ALL, Restriction::code)
    );
    assert_eq!(
        codes(&schemas["DestinationInput"]["properties"]["country"]),
        DESTINATIONS
    );
}

#[tokio::test]
async fn the_documents_limits_are_the_domains() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    let schemas = &doc["components"]["schemas"];
    let line = &schemas["LineInput"]["properties"];
    assert_eq!(line["quantity"]["minimum"], 1);
    assert_eq!(line["quantity"]["maximum"], MAX_QUANTITY_PER_LINE);
    assert_eq!(
        schemas["CartInput"]["properties"]["lines"]["maxItems"],
        MAX_LINES
    );
    assert_eq!(
        schemas["ShippingQuoteRequest"]["properties"]["lines"]["maxItems"],
        MAX_LINES
    );
    for body in [
        "CartInput",
        "LineInput",
        "ShippingQuoteRequest",
        "OrderRequest",
        "AddressInput",
    ] {
        assert_eq!(schemas[body]["additionalProperties"], false, "{body}");
    }
    let sort = &doc["paths"]["/api/v1/products"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .find(|p| p["name"] == "sort")
        .expect("sort")["schema"]["anyOf"][0];
    assert_eq!(
        codes(sort),
        wire(
            domain::catalog::SortKey::ALL,
            domain::catalog::SortKey::code
        )
    );
}

#[tokio::test]
async fn every_operation_documents_its_failures_and_the_creations_link_onwards() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").await.json();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let responses = op["responses"].as_object().expect("responses");
            for status in ["500", "504"] {
                assert!(responses.contains_key(status), "{method} {path}: {status}");
            }
            if op.get("requestBody").is_some() {
                for status in ["400", "413", "422"] {
                    assert!(responses.contains_key(status), "{method} {path}: {status}");
                }
            }
        }
    }
    let links = &doc["paths"]["/api/v1/carts"]["post"]["responses"]["201"]["links"];
    assert_eq!(links["get_cart"]["operationId"], "get_cart");
    assert_eq!(
        links["get_cart"]["parameters"]["token"],
        "$response.body#/token"
    );
    assert_eq!(
        links["create_shipping_quote"]["requestBody"]["cart_token"],
        "$response.body#/token"
    );
}
