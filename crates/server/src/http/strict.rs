//! Strict reading of JSON bodies: a field the store does not take is refused by its path
//! (`choices[0].price`, `address.card_number`), however deep, and a value of the wrong shape
//! names where it is. Clients cannot slip a price, a total or card data past the store.

use crate::http::error::{AppError, InvalidField, Reason};
use domain::validate::{Refusal, Rule};
use serde::de::DeserializeOwned;

/// Reads `T` from a body's bytes: every field `T` does not have is named as not accepted, and
/// the first value of the wrong shape as unreadable (`choices[0].option`), or the whole `body`
/// when it is not JSON.
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    match read(body) {
        (Some(value), errors) if errors.is_empty() => Ok(value),
        (_, errors) => Err(AppError::InvalidParameters(errors)),
    }
}

/// Reads `T` as [`from_slice`], then checks it against the domain's rules (`refusals`): the
/// body is either whole and valid, or refused with every bad field named — unknown ones and
/// those breaking a rule together.
pub fn checked<T: DeserializeOwned>(
    body: &[u8],
    refusals: impl FnOnce(&T) -> Vec<Refusal>,
) -> Result<T, AppError> {
    let (value, mut errors) = read(body);
    if let Some(value) = &value {
        errors.extend(refusals(value).into_iter().map(field_error));
    }
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(AppError::InvalidParameters(errors)),
    }
}

/// The value, if its shape is right, and every field named so far.
fn read<T: DeserializeOwned>(body: &[u8]) -> (Option<T>, Vec<InvalidField>) {
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(path_text(&path));
    let mut json = serde_json::Deserializer::from_slice(body);
    let result: Result<T, _> = serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
        super::objects::Objects(&mut json),
        &mut note,
    ));
    let field = |field: String, reason| InvalidField { field, reason };
    let mut errors: Vec<InvalidField> = unknown
        .into_iter()
        .map(|name| field(name, Reason::NotAccepted))
        .collect();
    match result {
        // Not JSON, or trailing characters after it: nothing else can be said.
        Err(e) if e.inner().is_syntax() || e.inner().is_eof() => {
            (None, vec![field("body".into(), Reason::Unreadable)])
        }
        Ok(_) if json.end().is_err() => (None, vec![field("body".into(), Reason::Unreadable)]),
        Ok(value) => (Some(value), errors),
        Err(e) => {
            let path = e.path().to_string();
            let name = if path == "." || path.is_empty() {
                "body".to_owned()
            } else {
                path
            };
            errors.push(field(name, Reason::Unreadable));
            (None, errors)
        }
    }
}

/// The server's wording of a domain rule.
pub fn field_error(refusal: Refusal) -> InvalidField {
    let reason = match refusal.rule {
        Rule::Required => Reason::Required,
        Rule::OutOfRange { min, max } => Reason::OutOfRange { min, max },
        Rule::TooMany { max } => Reason::TooMany { max },
        Rule::RepeatedItem => Reason::RepeatedItem,
        Rule::UnknownItem => Reason::UnknownItem,
        Rule::NotADestination => Reason::OneOf(crate::http::error::destination_list()),
        Rule::Malformed => Reason::Malformed,
        Rule::Empty => Reason::Empty,
        Rule::TooShort { min } => Reason::TooShort { min },
        Rule::TooLong { max } => Reason::TooLong { max },
        Rule::LowContrast { ratio_tenths } => Reason::LowContrast { ratio_tenths },
        Rule::NotAfterStart => Reason::NotAfterStart,
    };
    InvalidField {
        field: refusal.field,
        reason,
    }
}

/// `a.b[2].c` for a path serde_ignored reports.
fn path_text(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", path_text(parent)),
        Path::Map { parent, key } => {
            let parent = path_text(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => path_text(parent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Choice {
        shipment: String,
        option: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        choices: Vec<Choice>,
        #[serde(default)]
        note: Option<String>,
    }

    fn fields(err: AppError) -> Vec<(String, &'static str)> {
        match err {
            AppError::InvalidParameters(f) => {
                f.into_iter().map(|f| (f.field, f.reason.code())).collect()
            }
            other => panic!("not a field error: {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_named_by_their_path_however_deep() {
        let value = serde_json::json!({
            "choices": [{"shipment": "s1", "option": "o1"}, {"shipment": "s2", "option": "o2", "price": "0.01"}],
            "total": "1.00"
        });
        let err = from_slice::<Body>(value.to_string().as_bytes()).expect_err("refused");
        let mut got = fields(err);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("choices[1].price".to_owned(), "not_accepted"),
                ("total".to_owned(), "not_accepted")
            ]
        );
    }

    #[test]
    fn a_value_of_the_wrong_shape_names_where_it_is() {
        let value = serde_json::json!({"choices": [{"shipment": "s1", "option": 7}]});
        let got = fields(from_slice::<Body>(value.to_string().as_bytes()).expect_err("refused"));
        assert_eq!(got, vec![("choices[0].option".to_owned(), "unreadable")]);
        let got = fields(from_slice::<Body>(b"\"text\"").expect_err("refused"));
        assert_eq!(got, vec![("body".to_owned(), "unreadable")]);
    }

    #[test]
    fn a_struct_is_read_from_an_object_only_at_any_depth() {
        let got = fields(
            from_slice::<Body>(br#"[[{"shipment": "s1", "option": "o1"}]]"#).expect_err("refused"),
        );
        assert_eq!(got, vec![("body".to_owned(), "unreadable")]);
        let got =
            fields(from_slice::<Body>(br#"{"choices": [["s1", "o1"]]}"#).expect_err("refused"));
        assert_eq!(got, vec![("choices[0]".to_owned(), "unreadable")]);
    }

    #[test]
    fn a_body_with_only_known_fields_is_read() {
        let value =
            serde_json::json!({"choices": [{"shipment": "s1", "option": "o1"}], "note": null});
        let body = from_slice::<Body>(value.to_string().as_bytes()).expect("read");
        assert_eq!(body.choices.len(), 1);
    }
}
