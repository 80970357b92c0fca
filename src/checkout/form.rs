//! What the buyer types at checkout, kept in `sessionStorage` as they type (it survives a
//! reload or a failed request, and leaves with the tab), and the checks the browser makes on
//! it before the server does.

use crate::browser::Store;
use crate::format::region_name;
use crate::i18n::{fill, t, Locale, Msg};
use domain::address::{AddressField, AddressFormat, AddressInput, FIELD_KEYS};
use leptos::prelude::*;

const KEY_PREFIX: &str = "store.checkout.";

/// What was kept under `key` for this tab (empty when nothing was).
pub(super) fn kept(key: &str) -> String {
    Store::Session
        .get(&format!("{KEY_PREFIX}{key}"))
        .unwrap_or_default()
}

/// Keeps `value` under `key` for this tab.
pub(super) fn keep(key: &str, value: &str) {
    Store::Session.set(&format!("{KEY_PREFIX}{key}"), value);
}

/// The field of an address named by one of [`FIELD_KEYS`].
fn address_field<'a>(address: &'a mut AddressInput, key: &str) -> Option<&'a mut String> {
    Some(match key {
        "name" => &mut address.name,
        "organization" => &mut address.organization,
        "address_line1" => &mut address.address_line1,
        "address_line2" => &mut address.address_line2,
        "district" => &mut address.district,
        "city" => &mut address.city,
        "state" => &mut address.state,
        "postal_code" => &mut address.postal_code,
        "phone" => &mut address.phone,
        "customs_id" => &mut address.customs_id,
        _ => return None,
    })
}

/// What the buyer typed, kept as they type.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) email: RwSignal<String>,
    pub(super) values: RwSignal<Vec<(String, String)>>,
    /// Fields the buyer has left (or tried to continue past): their errors show.
    pub(super) touched: RwSignal<Vec<String>>,
    /// The server's verdict per field: `(field, code)`.
    pub(super) server: RwSignal<Vec<(String, String)>>,
}

impl Form {
    pub(super) fn load() -> Form {
        Form {
            email: RwSignal::new(kept("email")),
            values: RwSignal::new(
                FIELD_KEYS
                    .iter()
                    .map(|k| ((*k).to_owned(), kept(k)))
                    .collect(),
            ),
            touched: RwSignal::new(Vec::new()),
            server: RwSignal::new(Vec::new()),
        }
    }

    pub(super) fn value(self, key: &str) -> String {
        self.values.with(|v| {
            v.iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    }

    pub(super) fn set(self, key: &str, value: String) {
        keep(key, &value);
        self.values.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value;
            }
        });
        self.server.update(|e| e.retain(|(k, _)| k != key));
    }

    pub(super) fn touch(self, key: &str) {
        if !self.touched.with(|t| t.iter().any(|k| k == key)) {
            self.touched.update(|t| t.push(key.to_owned()));
        }
    }

    /// The address as the API takes it: the fields of the country's format (values typed for
    /// another country's fields stay kept but are not sent).
    pub(super) fn address(self, country: &str, format: Option<&AddressFormat>) -> AddressInput {
        let mut address = AddressInput {
            country: country.to_owned(),
            ..AddressInput::default()
        };
        self.values.with(|values| {
            for (k, v) in values {
                let sent = !v.trim().is_empty()
                    && format.is_none_or(|f| f.fields.iter().any(|x| &x.key == k));
                if let Some(slot) = address_field(&mut address, k).filter(|_| sent) {
                    slot.clone_from(v);
                }
            }
        });
        address
    }

    /// Takes the server's normalized address (trimmed, capitals where the country writes them).
    pub(super) fn apply(self, address: &AddressInput) {
        let mut address = address.clone();
        for key in FIELD_KEYS {
            let value = address_field(&mut address, key).map(std::mem::take);
            self.set(key, value.unwrap_or_default());
        }
    }
}

/// The server's email rule, on what the buyer typed.
pub(super) fn email_ok(text: &str) -> bool {
    domain::order::valid_email(text.trim())
}

/// Whether `value` matches the format's postal pattern, with the browser's regular expressions.
pub fn postal_matches(pattern: &str, value: &str) -> bool {
    let upper: String = js_sys::JsString::from(value.trim()).to_upper_case().into();
    js_sys::RegExp::new(&format!("^(?:{pattern})$"), "").test(&upper)
}

/// What the browser can tell about a field without asking the server: `required`,
/// `too_long` or `postal_code_format` (the server's codes).
pub fn local_error(
    field: &AddressField,
    format: &AddressFormat,
    value: &str,
) -> Option<&'static str> {
    let value = value.trim();
    if value.is_empty() {
        return field.required.then_some("required");
    }
    if js_sys::JsString::from(value).length() > field.max_length {
        return Some("too_long");
    }
    match (field.key.as_str(), &format.postal_pattern) {
        ("postal_code", Some(pattern)) if !postal_matches(pattern, value) => {
            Some("postal_code_format")
        }
        _ => None,
    }
}

pub(super) fn field_label(locale: Locale, field: &AddressField, customs: Option<&str>) -> String {
    let msg = match (field.key.as_str(), field.label.as_str()) {
        ("name", _) => Msg::LabelName,
        ("organization", _) => Msg::LabelOrganization,
        ("address_line1", _) => Msg::LabelAddress1,
        ("address_line2", _) => Msg::LabelAddress2,
        ("phone", _) => Msg::LabelPhone,
        ("customs_id", _) => match customs {
            Some("cpf") => Msg::LabelCpf,
            Some("rut") => Msg::LabelRut,
            Some("pccc") => Msg::LabelPccc,
            _ => Msg::LabelCnId,
        },
        ("postal_code", "zip") => Msg::LabelZip,
        ("postal_code", _) => Msg::PostalCode,
        (_, "state") => Msg::LabelState,
        (_, "province") => Msg::LabelProvince,
        (_, "prefecture") => Msg::LabelPrefecture,
        (_, "region") => Msg::LabelRegion,
        (_, "emirate") => Msg::LabelEmirate,
        (_, "department") => Msg::LabelDepartment,
        (_, "do_si") => Msg::LabelDoSi,
        (_, "suburb") => Msg::LabelSuburb,
        (_, "post_town") => Msg::LabelPostTown,
        (_, "neighborhood") => Msg::LabelNeighborhood,
        (_, "village_township") => Msg::LabelVillage,
        (_, "commune") => Msg::LabelCommune,
        ("district", _) | (_, "district") => Msg::LabelDistrict,
        ("state", _) => Msg::LabelState,
        _ => Msg::LabelCity,
    };
    let text = t(locale, msg).into_owned();
    if field.required {
        text
    } else {
        fill(&t(locale, Msg::OptionalField), &[text])
    }
}

pub(super) fn error_text(
    locale: Locale,
    code: &str,
    field: &AddressField,
    format: &AddressFormat,
) -> String {
    match code {
        "required" => t(locale, Msg::FieldRequired).into_owned(),
        "postal_code_format" => fill(
            &t(locale, Msg::PostalFormat),
            &[format.postal_examples.first().cloned().unwrap_or_default()],
        ),
        "phone_invalid" => fill(
            &t(locale, Msg::PhoneInvalid),
            &[
                region_name(&format.country, locale.tag()),
                format.phone_example.clone(),
            ],
        ),
        "customs_id_invalid" => fill(
            &t(locale, Msg::CustomsIdInvalid),
            &[field.example.clone().unwrap_or_default()],
        ),
        "too_long" => fill(
            &t(locale, Msg::FieldTooLong),
            &[field.max_length.to_string()],
        ),
        _ => t(locale, Msg::FixFields).into_owned(),
    }
}

/// The first field of `format` that shows an error, as the form would show it now.
pub(super) fn field_error(
    form: Form,
    format: &AddressFormat,
    field: &AddressField,
) -> Option<String> {
    let key = field.key.as_str();
    if !form.touched.with(|t| t.iter().any(|k| k == key)) {
        return None;
    }
    local_error(field, format, &form.value(key))
        .map(str::to_owned)
        .or_else(|| {
            form.server.with(|s| {
                s.iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, code)| code.clone())
            })
        })
}

pub(super) fn focus(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_field_uses_the_servers_rule_on_what_was_typed_without_surrounding_spaces() {
        assert!(email_ok("ana@example.cl"));
        assert!(email_ok(" ana@example.cl "));
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.cl",
            "ana@example",
            "ana@.cl",
            "a b@example.cl",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }
}
