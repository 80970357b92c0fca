//! Address formats and validation through the API.

use crate::helpers::{fields, TestApp};
use domain::address::{AddressFormat, ValidAddress};

#[tokio::test]
async fn a_country_format_gives_its_rows_labels_postal_pattern_and_customs_identifier() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/address-formats/cl").await;
    assert_eq!(res.status, 200, "{}", res.text());
    let cl: AddressFormat = serde_json::from_value(res.json()).expect("format");
    assert_eq!(cl.country, "CL");
    assert_eq!(cl.customs_id.as_deref(), Some("rut"));
    assert_eq!(cl.postal_pattern.as_deref(), Some(r"\d{7}"));
    assert!(cl.postal_examples.contains(&"8340457".to_owned()));
    let keys: Vec<&str> = cl.rows.iter().flatten().map(String::as_str).collect();
    assert_eq!(keys.first(), Some(&"name"));
    assert!(keys.ends_with(&["phone", "customs_id"]));
    let state = cl.fields.iter().find(|f| f.key == "state").expect("state");
    assert_eq!((state.label.as_str(), state.required), ("region", true));
    // Chileans write the comuna where libaddressinput says "district".
    let city = cl.fields.iter().find(|f| f.key == "city").expect("city");
    assert_eq!((city.label.as_str(), city.required), ("commune", true));

    let problem = app
        .get("/api/v1/address-formats/XX")
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(fields(&problem), ["country"]);
}

#[tokio::test]
async fn an_address_is_validated_field_by_field_in_the_buyers_language_and_normalized() {
    let app = TestApp::new().await;
    let problem = app
        .post_json(
            "/api/v1/addresses/validate?locale=es",
            r#"{"country": "CL", "name": "", "address_line1": "Av. Providencia 1234", "city": "Providencia",
                "state": "Región Metropolitana", "postal_code": "75-000", "phone": "123", "customs_id": "12.345.678-4",
                "total": "1.00"}"#,
        )
        .await
        .problem(400, "invalid_parameter");
    assert_eq!(fields(&problem), ["total"]);

    let problem = app
        .post_json(
            "/api/v1/addresses/validate?locale=es",
            r#"{"country": "CL", "name": "", "address_line1": "Av. Providencia 1234", "city": "Providencia",
                "state": "Región Metropolitana", "postal_code": "75-000", "phone": "123", "customs_id": "12.345.678-4"}"#,
        )
        .await
        .problem(422, "invalid_parameter");
    assert_eq!(
        fields(&problem),
        ["name", "postal_code", "phone", "customs_id"]
    );
    let codes: Vec<&str> = problem["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["code"].as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "required",
            "postal_code_format",
            "phone_invalid",
            "customs_id_invalid"
        ]
    );
    assert_eq!(
        problem["errors"][1]["message"],
        "postal_code no es un código postal de este país (por ejemplo 8340457)."
    );

    let res = app
        .post_json(
            "/api/v1/addresses/validate",
            r#"{"country": "cl", "name": " Ana Pérez ", "address_line1": "Av. Providencia 1234", "city": "Providencia",
                "state": "Región Metropolitana", "postal_code": "7500000", "phone": "9 6123 4567", "customs_id": "12.345.678-5"}"#,
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let valid: ValidAddress = serde_json::from_value(res.json()).expect("valid");
    assert_eq!(valid.address.country, "CL");
    assert_eq!(valid.address.name, "Ana Pérez");
    assert_eq!(valid.phone_e164, "+56961234567");
}
