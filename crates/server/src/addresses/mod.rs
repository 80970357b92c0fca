//! Addresses: `GET /api/v1/address-formats/{country}` (the form the app renders) and
//! `POST /api/v1/addresses/validate` (every field checked for the destination: required
//! fields, lengths, the postal-code pattern, a phone number that works there, and the customs
//! identifier imports need — with its check digits).

pub mod formats;

use crate::http::error::{AppError, InvalidField, Reason};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::Json;
use domain::address::{AddressField, AddressFormat, AddressInput, ValidAddress};
use formats::Format;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Postal-code patterns, compiled once, anchored to the whole value.
static POSTAL: LazyLock<HashMap<&'static str, Regex>> = LazyLock::new(|| {
    formats::FORMATS
        .iter()
        .filter_map(|f| {
            let pattern = f.zip?;
            Regex::new(&format!("^(?:{pattern})$"))
                .ok()
                .map(|r| (f.country, r))
        })
        .collect()
});

/// `(key, format letter, max length)` of every field, in no particular order.
const FIELDS: [(&str, char, u32); 8] = [
    ("name", 'N', 80),
    ("organization", 'O', 80),
    ("address_line1", 'A', 100),
    ("address_line2", 'A', 100),
    ("district", 'D', 60),
    ("city", 'C', 60),
    ("state", 'S', 60),
    ("postal_code", 'Z', 12),
];
const PHONE_MAX: u32 = 24;
const CUSTOMS_MAX: u32 = 24;

fn letter_label(format: &Format, letter: char, key: &str) -> String {
    match letter {
        'D' => format.sublocality_name,
        'C' => format.locality_name,
        'S' => format.state_name,
        'Z' => format.zip_name,
        _ => key,
    }
    .to_owned()
}

fn autocomplete(key: &str) -> &'static str {
    match key {
        "name" => "shipping name",
        "organization" => "shipping organization",
        "address_line1" => "shipping address-line1",
        "address_line2" => "shipping address-line2",
        "district" => "shipping address-level3",
        "city" => "shipping address-level2",
        "state" => "shipping address-level1",
        "postal_code" => "shipping postal-code",
        "phone" => "shipping tel",
        _ => "off",
    }
}

/// Whether a field is required: the format's `require` letters, plus the recipient's name and
/// phone (carriers need both); the second street line never.
fn required(format: &Format, key: &str, letter: char) -> bool {
    match key {
        "name" | "phone" => true,
        "address_line2" | "organization" => false,
        _ => format.require.contains(letter),
    }
}

/// The form a country's address is written in.
pub fn address_format(format: &Format) -> AddressFormat {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in format.fmt.split("%n") {
        let mut row: Vec<String> = Vec::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                continue;
            }
            match chars.next() {
                Some('A') => {
                    // Two street lines, each a row of its own.
                    if !row.is_empty() {
                        rows.push(std::mem::take(&mut row));
                    }
                    rows.push(vec!["address_line1".into()]);
                    rows.push(vec!["address_line2".into()]);
                }
                Some(letter) => {
                    if let Some((key, _, _)) = FIELDS.iter().find(|(_, l, _)| *l == letter) {
                        row.push((*key).to_owned());
                    }
                }
                None => {}
            }
        }
        if !row.is_empty() {
            rows.push(row);
        }
    }
    rows.push(vec!["phone".into()]);
    if format.customs_id.is_some() {
        rows.push(vec!["customs_id".into()]);
    }
    let examples: Vec<String> = format
        .zipex
        .split(',')
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .collect();
    let mut fields: Vec<AddressField> = Vec::new();
    for row in &rows {
        for key in row {
            let (letter, max) = FIELDS
                .iter()
                .find(|(k, _, _)| k == key)
                .map(|(_, l, m)| (*l, *m))
                .unwrap_or(match key.as_str() {
                    "phone" => ('P', PHONE_MAX),
                    _ => ('I', CUSTOMS_MAX),
                });
            let label = match key.as_str() {
                "customs_id" => format
                    .customs_id
                    .map_or("customs_id", |c| c.kind)
                    .to_owned(),
                _ => letter_label(format, letter, key),
            };
            let example = match key.as_str() {
                "postal_code" => examples.first().cloned(),
                "phone" => Some(format.phone_example.to_owned()),
                "customs_id" => format.customs_id.map(|c| c.example.to_owned()),
                _ => None,
            };
            fields.push(AddressField {
                key: key.clone(),
                label,
                required: key == "customs_id" || required(format, key, letter),
                uppercase: format.upper.contains(letter),
                autocomplete: autocomplete(key).to_owned(),
                max_length: max,
                example,
            });
        }
    }
    AddressFormat {
        country: format.country.to_owned(),
        rows,
        fields,
        postal_pattern: format.zip.map(str::to_owned),
        postal_examples: examples,
        phone_example: format.phone_example.to_owned(),
        customs_id: format.customs_id.map(|c| c.kind.to_owned()),
    }
}

fn digits(text: &str) -> Vec<u32> {
    text.chars()
        .filter_map(|c| ascii_form(c).to_digit(10))
        .collect()
}

/// Brazil's CPF: eleven digits, the last two check digits (mod 11); not all one digit.
pub fn valid_cpf(text: &str) -> bool {
    if !text
        .chars()
        .map(ascii_form)
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == ' ')
    {
        return false;
    }
    let d = digits(text);
    if d.len() != 11 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let check = |n: usize| {
        let sum: u32 = (0..n).map(|i| d[i] * (n as u32 + 1 - i as u32)).sum();
        let r = sum % 11;
        if r < 2 {
            0
        } else {
            11 - r
        }
    };
    check(9) == d[9] && check(10) == d[10]
}

/// Chile's RUT: a number and a check digit (0–9 or K, mod 11), dots and dash optional.
/// Works on characters, never byte offsets: any Unicode input gives an answer.
pub fn valid_rut(text: &str) -> bool {
    let clean: Vec<char> = text
        .chars()
        .map(ascii_form)
        .filter(|c| !matches!(c, '.' | '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let Some((&dv, body)) = clean.split_last() else {
        return false;
    };
    if body.is_empty() || body.len() > 8 || !body.iter().all(char::is_ascii_digit) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .zip([2, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    let expected = match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        n => char::from_digit(n, 10).unwrap_or('?'),
    };
    dv == expected
}

/// Korea's Personal Customs Clearance Code: `P` and twelve digits.
pub fn valid_pccc(text: &str) -> bool {
    let t: Vec<char> = text
        .trim()
        .chars()
        .map(|c| ascii_form(c).to_ascii_uppercase())
        .collect();
    t.len() == 13 && t[0] == 'P' && t[1..].iter().all(char::is_ascii_digit)
}

/// China's resident identity number: 17 digits and a check character (ISO 7064 MOD 11-2).
/// Full-width digits and `Ｘ`, as a Chinese keyboard types them, count as their ASCII forms.
pub fn valid_cn_resident_id(text: &str) -> bool {
    let t: Vec<char> = text
        .trim()
        .chars()
        .map(|c| ascii_form(c).to_ascii_uppercase())
        .collect();
    let Some((&check, body)) = t.split_last() else {
        return false;
    };
    if body.len() != 17 || !body.iter().all(char::is_ascii_digit) {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body
        .iter()
        .filter_map(|c| c.to_digit(10))
        .zip(WEIGHTS)
        .map(|(d, w)| d * w)
        .sum();
    let expected = char::from(b"10X98765432"[(sum % 11) as usize]);
    check == expected
}

/// The ASCII form of a full-width letter, digit or punctuation mark (U+FF01–U+FF5E) and of
/// the ideographic space; any other character as it is. Buyers on Chinese, Japanese and Korean
/// keyboards often type identifiers, postal codes and phone numbers in full width.
pub fn ascii_form(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A complete, valid address for `format`'s country, built from its own examples (the
/// postal code, phone and customs identifier each format documents): what tests and demos
/// start from.
pub fn example_address(format: &Format) -> AddressInput {
    AddressInput {
        country: format.country.into(),
        name: "Ana Pérez".into(),
        address_line1: "Calle 1 23".into(),
        district: "Centro".into(),
        city: "Ciudad".into(),
        state: "Región".into(),
        postal_code: format.zipex.split(',').next().unwrap_or("").into(),
        phone: format.phone_example.into(),
        customs_id: format.customs_id.map_or("", |c| c.example).into(),
        ..AddressInput::default()
    }
}

fn valid_customs_id(kind: &str, text: &str) -> bool {
    match kind {
        "cpf" => valid_cpf(text),
        "rut" => valid_rut(text),
        "pccc" => valid_pccc(text),
        "cn_resident_id" => valid_cn_resident_id(text),
        _ => !text.trim().is_empty(),
    }
}

/// A phone number that can be dialled in `country`, in E.164.
pub fn phone_e164(country: &str, text: &str) -> Option<String> {
    let id: phonenumber::country::Id = country.parse().ok()?;
    let number = phonenumber::parse(Some(id), text.trim()).ok()?;
    phonenumber::is_valid(&number)
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Checks every field of `input` for its destination; all problems are reported together.
pub fn validate(input: &AddressInput) -> Result<ValidAddress, Vec<InvalidField>> {
    let country = input.country.trim().to_ascii_uppercase();
    let Some(format) = formats::format(&country) else {
        return Err(vec![InvalidField {
            field: "country".into(),
            reason: Reason::OneOf(crate::http::error::destination_list()),
        }]);
    };
    let shape = address_format(format);
    let mut errors = Vec::new();
    let mut out = AddressInput {
        country: country.clone(),
        ..AddressInput::default()
    };
    let value_of = |key: &str| -> &str {
        match key {
            "name" => &input.name,
            "organization" => &input.organization,
            "address_line1" => &input.address_line1,
            "address_line2" => &input.address_line2,
            "district" => &input.district,
            "city" => &input.city,
            "state" => &input.state,
            "postal_code" => &input.postal_code,
            "phone" => &input.phone,
            _ => &input.customs_id,
        }
    };
    let mut phone = String::new();
    for field in &shape.fields {
        let raw = value_of(&field.key).trim();
        // Codes and numbers typed in full width (a CJK keyboard) are read as their ASCII forms.
        let raw: String = if matches!(field.key.as_str(), "postal_code" | "phone" | "customs_id") {
            raw.chars()
                .map(ascii_form)
                .collect::<String>()
                .trim()
                .to_owned()
        } else {
            raw.to_owned()
        };
        let value = if field.uppercase || field.key == "postal_code" {
            raw.to_uppercase()
        } else {
            raw
        };
        let mut invalid = |reason: Reason| {
            errors.push(InvalidField {
                field: field.key.clone(),
                reason,
            })
        };
        if value.chars().any(char::is_control) {
            // NUL, line breaks and other control characters belong on no label.
            invalid(Reason::Malformed);
        } else if value.chars().count() > field.max_length as usize {
            invalid(Reason::TooLong {
                max: u64::from(field.max_length),
            });
        } else if value.is_empty() {
            if field.required {
                invalid(Reason::RequiredHere);
            }
        } else {
            match field.key.as_str() {
                "postal_code"
                    if POSTAL
                        .get(format.country)
                        .is_some_and(|re| !re.is_match(&value)) =>
                {
                    invalid(Reason::PostalFormat {
                        example: format.zipex.split(',').next().unwrap_or(""),
                    });
                }
                "phone" => match phone_e164(format.country, &value) {
                    Some(e164) => phone = e164,
                    None => invalid(Reason::PhoneInvalid {
                        example: format.phone_example,
                    }),
                },
                "customs_id" => {
                    if let Some(id) = format
                        .customs_id
                        .filter(|id| !valid_customs_id(id.kind, &value))
                    {
                        invalid(Reason::CustomsIdInvalid {
                            example: id.example,
                        });
                    }
                }
                _ => {}
            }
        }
        let slot = match field.key.as_str() {
            "name" => &mut out.name,
            "organization" => &mut out.organization,
            "address_line1" => &mut out.address_line1,
            "address_line2" => &mut out.address_line2,
            "district" => &mut out.district,
            "city" => &mut out.city,
            "state" => &mut out.state,
            "postal_code" => &mut out.postal_code,
            "phone" => &mut out.phone,
            _ => &mut out.customs_id,
        };
        *slot = value;
    }
    if errors.is_empty() {
        Ok(ValidAddress {
            address: out,
            phone_e164: phone,
        })
    } else {
        Err(errors)
    }
}

/// A country's address format.
#[utoipa::path(
    get,
    path = "/v1/address-formats/{country}",
    tag = "addresses",
    params(("country" = String, Path, description = "ISO 3166 alpha-2, one of the store's destinations")),
    responses(
        (status = 200, description = "Rows and fields of the form, postal-code pattern and examples, the customs identifier if any", body = AddressFormat),
        (status = 400, description = "Not a destination the store serves", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_format(Path(country): Path<String>) -> Result<Json<AddressFormat>, AppError> {
    formats::format(&country.trim().to_ascii_uppercase())
        .map(|f| Json(address_format(f)))
        .ok_or_else(|| {
            AppError::InvalidParameters(vec![InvalidField {
                field: "country".into(),
                reason: Reason::OneOf(crate::http::error::destination_list()),
            }])
        })
}

/// Validates an address for its country.
#[utoipa::path(
    post,
    path = "/v1/addresses/validate",
    tag = "addresses",
    params(("locale" = Option<String>, Query, description = "Language of the field messages")),
    request_body = AddressInput,
    responses(
        (status = 200, description = "The address, normalized, with the phone in E.164", body = ValidAddress),
        (status = 400, description = "A field this document does not allow (not a destination, too long, not a string, unknown); each named", body = domain::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields the country's format refuses (required there, postal code, phone, customs ID), each named with a message in the request's language", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn validate_address(
    State(_state): State<AppState>,
    body: Body,
) -> Result<Json<ValidAddress>, AppError> {
    let body = crate::http::error::read_body(body, 8 * 1024).await?;
    let input: AddressInput = crate::http::strict::from_slice(&body)?;
    validate(&input)
        .map(Json)
        .map_err(AppError::InvalidParameters)
}

/// `/v1/address-formats/*` and `/v1/addresses/*`, with their OpenAPI operations.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(get_format))
        .routes(utoipa_axum::routes!(validate_address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_lengths_of_an_address_are_the_limits_checked_here() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(domain::address::AddressInput::schema()).expect("json");
        let limits = FIELDS
            .iter()
            .map(|(key, _, max)| (*key, *max))
            .chain([("phone", PHONE_MAX), ("customs_id", CUSTOMS_MAX)]);
        for (key, max) in limits {
            assert_eq!(schema["properties"][key]["maxLength"], max, "{key}");
        }
    }

    fn input(country: &str) -> AddressInput {
        AddressInput {
            country: country.into(),
            ..AddressInput::default()
        }
    }

    use super::example_address as complete;

    #[test]
    fn every_country_accepts_its_example_postal_codes_and_rejects_obviously_wrong_ones() {
        for format in formats::FORMATS {
            let Some(_) = format.zip else { continue };
            for example in format.zipex.split(',') {
                let address = AddressInput {
                    postal_code: example.to_lowercase(),
                    ..complete(&format)
                };
                assert!(
                    validate(&address).is_ok(),
                    "{} {example}: {:?}",
                    format.country,
                    validate(&address).err()
                );
            }
            for wrong in ["ABC-123-XYZ", "1", "12345678901"] {
                let address = AddressInput {
                    postal_code: wrong.into(),
                    ..complete(&format)
                };
                let errors = validate(&address).expect_err(wrong);
                assert_eq!(errors[0].field, "postal_code", "{} {wrong}", format.country);
                assert_eq!(errors[0].reason.code(), "postal_code_format");
            }
        }
    }

    #[test]
    fn every_country_names_its_required_fields_when_they_are_missing() {
        for format in formats::FORMATS {
            let errors = validate(&input(format.country)).expect_err("empty");
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert!(
                fields.contains(&"name") && fields.contains(&"phone"),
                "{}: {fields:?}",
                format.country
            );
            assert!(
                fields.contains(&"address_line1"),
                "{}: {fields:?}",
                format.country
            );
            for (letter, key) in [('C', "city"), ('S', "state"), ('Z', "postal_code")] {
                assert_eq!(
                    format.require.contains(letter),
                    fields.contains(&key),
                    "{} {key}",
                    format.country
                );
            }
            assert_eq!(
                format.customs_id.is_some(),
                fields.contains(&"customs_id"),
                "{}",
                format.country
            );
            assert!(errors.iter().all(|e| e.reason.code() == "required"));
        }
    }

    #[test]
    fn every_phone_example_is_a_valid_number_of_its_country() {
        for format in formats::FORMATS {
            let e164 = phone_e164(format.country, format.phone_example);
            assert!(
                e164.is_some(),
                "{} {}",
                format.country,
                format.phone_example
            );
        }
        assert_eq!(
            phone_e164("CL", "9 6123 4567").as_deref(),
            Some("+56961234567")
        );
        assert_eq!(phone_e164("CL", "123"), None);
        // A number of another country is refused for this one.
        assert_eq!(phone_e164("US", "06 12 34 56 78"), None);
    }

    #[test]
    fn customs_identifiers_are_checked_with_their_check_digits() {
        assert!(
            valid_rut("12.345.678-5")
                && valid_rut("123456785")
                && valid_rut("7.775.777-k") == valid_rut("7775777K")
        );
        assert!(!valid_rut("12.345.678-4"));
        assert!(
            valid_cpf("123.456.789-09")
                && !valid_cpf("123.456.789-08")
                && !valid_cpf("111.111.111-11")
        );
        assert!(valid_pccc("p123456789012") && !valid_pccc("P12345"));
        assert!(
            valid_cn_resident_id("11010519491231002X")
                && !valid_cn_resident_id("110105194912310021")
        );
        let chile = formats::format("CL").expect("CL");
        let errors = validate(&AddressInput {
            customs_id: "12.345.678-4".into(),
            ..complete(chile)
        })
        .expect_err("bad RUT");
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].field.as_str(), errors[0].reason.code()),
            ("customs_id", "customs_id_invalid")
        );
    }

    #[test]
    fn a_valid_address_comes_back_normalized() {
        let ca = formats::format("CA").expect("CA");
        let valid = validate(&AddressInput {
            city: "montréal".into(),
            postal_code: "h3z 2y7".into(),
            phone: "506 234 5678".into(),
            ..complete(ca)
        })
        .expect("valid");
        assert_eq!(valid.address.city, "MONTRÉAL");
        assert_eq!(valid.address.postal_code, "H3Z 2Y7");
        assert_eq!(valid.phone_e164, "+15062345678");
    }

    #[test]
    fn a_format_lists_rows_in_the_countrys_order() {
        let jp = address_format(formats::format("JP").expect("JP"));
        assert_eq!(jp.rows[0], ["postal_code"]);
        assert_eq!(jp.rows[1], ["state"]);
        let state = jp.fields.iter().find(|f| f.key == "state").expect("state");
        assert_eq!(state.label, "prefecture");
        let us = address_format(formats::format("US").expect("US"));
        assert!(us.rows.contains(&vec![
            "city".to_owned(),
            "state".to_owned(),
            "postal_code".to_owned()
        ]));
        assert_eq!(
            us.fields
                .iter()
                .find(|f| f.key == "postal_code")
                .map(|f| f.label.as_str()),
            Some("zip")
        );
        let cl = address_format(formats::format("CL").expect("CL"));
        assert_eq!(cl.customs_id.as_deref(), Some("rut"));
        assert!(cl
            .fields
            .iter()
            .any(|f| f.key == "customs_id" && f.required));
    }
}
