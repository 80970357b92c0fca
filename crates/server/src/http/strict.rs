//! Strict reading of JSON bodies: a field the store does not take is refused by its path
//! (`choices[0].price`, `address.card_number`), however deep, and a value of the wrong shape
//! names where it is. Clients cannot slip a price, a total or card data past the store.

use crate::http::error::{AppError, InvalidField, Reason};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads `T` from `value`; every field `T` does not have is named as not accepted, else the
/// first value of the wrong shape is named as unreadable.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, AppError> {
    let mut unknown = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(path_text(&path));
    let result: Result<T, _> =
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(value, &mut note));
    if !unknown.is_empty() {
        return Err(AppError::InvalidParameters(
            unknown
                .into_iter()
                .map(|field| InvalidField {
                    field,
                    reason: Reason::NotAccepted,
                })
                .collect(),
        ));
    }
    result.map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path.is_empty() {
            "body".to_owned()
        } else {
            path
        };
        AppError::InvalidParameters(vec![InvalidField {
            field,
            reason: Reason::Unreadable,
        }])
    })
}

/// Reads `T` from a body's bytes, as [`from_value`].
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|_| crate::http::error::unreadable("body"))?;
    from_value(&value)
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
        let err = from_value::<Body>(&value).expect_err("refused");
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
        let got = fields(from_value::<Body>(&value).expect_err("refused"));
        assert_eq!(got, vec![("choices[0].option".to_owned(), "unreadable")]);
        let got = fields(from_value::<Body>(&serde_json::json!("text")).expect_err("refused"));
        assert_eq!(got, vec![("body".to_owned(), "unreadable")]);
    }

    #[test]
    fn a_body_with_only_known_fields_is_read() {
        let value =
            serde_json::json!({"choices": [{"shipment": "s1", "option": "o1"}], "note": null});
        let body = from_value::<Body>(&value).expect("read");
        assert_eq!(body.choices.len(), 1);
    }
}
