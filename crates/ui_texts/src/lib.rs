//! Every user-visible text of the storefront app, in every shipped locale.
//!
//! Each locale is one module under `locales/` holding a [`Texts`] struct literal: a struct
//! literal must name every field, so a locale missing a text does not compile.
//!
//! The texts are data the browser receives, not code it downloads: the server puts the buyer's
//! locale into the app shell (`index.html`) as JSON ([`Texts::entries`]) and answers
//! `GET /api/v1/ui-texts/{locale}` for the others, and the app reads them back with
//! [`Texts::from_lookup`]. A buyer downloads one language's texts instead of twelve.
//!
//! No I/O; builds for wasm32 and native. Placeholders `{0}`, `{1}` are filled by the app
//! with numbers formatted for the locale.

mod locales;

use domain::Locale;

/// Declares [`Texts`] once, with the list of its fields, and derives its wire form from it.
macro_rules! texts {
    (plain { $($plain:ident,)* } plural { $($plural:ident,)* }) => {
        /// Every text of one locale.
        #[derive(Debug)]
        pub struct Texts {
            $(pub $plain: &'static str,)*
            $(pub $plural: Plural,)*
        }

        impl Texts {
            /// The name of every plain text, in declaration order.
            pub const PLAIN_KEYS: &'static [&'static str] = &[$(stringify!($plain),)*];
            /// The name of every plural text.
            pub const PLURAL_KEYS: &'static [&'static str] = &[$(stringify!($plural),)*];

            /// Every text as `(key, text)`: plain texts under their name, plural forms under
            /// `name.category` (`product_count.one`), only the forms the locale gives.
            pub fn entries(&self) -> Vec<(String, &'static str)> {
                let mut out: Vec<(String, &'static str)> = vec![
                    $((stringify!($plain).to_owned(), self.$plain),)*
                ];
                $(self.$plural.entries(stringify!($plural), &mut out);)*
                out
            }

            /// Rebuilds the texts from `get(key)` (the inverse of [`Texts::entries`]). Fails
            /// with the first missing key. The strings are leaked: a page loads each locale at
            /// most once and keeps it for its lifetime.
            pub fn from_lookup(get: &mut dyn FnMut(&str) -> Option<String>) -> Result<Texts, String> {
                // A loop over the key names rather than one lookup per field: this runs in the
                // browser, where per-field code would cost kilobytes of wasm.
                let plain: Vec<&'static str> = Self::PLAIN_KEYS
                    .iter()
                    .map(|key| take(get, key))
                    .collect::<Result<_, _>>()?;
                let [$($plain,)*]: [&'static str; Self::PLAIN_KEYS.len()] = plain
                    .try_into()
                    .map_err(|_| String::from("keys"))?;
                Ok(Texts {
                    $($plain,)*
                    $($plural: Plural::from_lookup(get, stringify!($plural))?,)*
                })
            }
        }
    };
}

texts! {
    plain {
        store_name,
        skip_to_content,
        home_heading,
        home_intro,
        products_list_label,
        loading,
        unreachable_title,
        unreachable_body,
        server_error_title,
        server_error_body,
        retry,
        empty_catalog,
        pagination,
        previous_page,
        next_page,
        not_found_title,
        not_found_body,
        back_to_shop,
        language,
        search_label,
        search_placeholder,
        search_submit,
        search_heading,
        categories_heading,
        filters,
        filter_category,
        filter_price,
        filter_ships_from,
        filter_handling_free,
        filter_seller_rating,
        any_value,
        clear_filters,
        sort_label,
        sort_relevance,
        sort_price_asc,
        sort_price_desc,
        sort_newest,
        sort_best_selling,
        no_results_title,
        no_results_body,
        seller_location,
        gallery_label,
        colour,
        size,
        option_unavailable,
        sold_out,
        choose_options,
        combination_unavailable,
        out_of_stock,
        quantity,
        add_to_cart,
        sold_by,
        verified_seller,
        specifications,
        spec_brand,
        spec_model,
        spec_weight,
        spec_dimensions,
        spec_handling,
        handling_standard,
        handling_fragile,
        handling_lithium,
        handling_liquid,
        handling_magnet,
        description,
        machine_translated,
        show_original,
        show_translation,
        overseas_warehouse,
        breadcrumbs,
        home,
        product_not_found_title,
        product_not_found_body,
        meta_description,
        price_label,
        currency,
        converted_note,
        cart,
        added_to_cart,
        cart_heading,
        cart_empty,
        continue_shopping,
        group_heading,
        remove,
        removed,
        undo,
        subtotal,
        total,
        increase,
        decrease,
        price_changed,
        only_left,
        cart_error,
        line_total,
        ship_to,
        checkout,
        checkout_held,
        offline_cart,
        view_cart,
        close,
        cannot_ship_lithium_battery,
        cannot_ship_liquid,
        cannot_ship_controlled_category,
        quantity_invalid,
        currency_no_match,
        delivery,
        delivery_to,
        postal_code,
        postal_code_hint,
        service_postal_economy,
        service_postal_registered,
        service_epacket,
        service_special_line,
        service_express,
        service_economy_air,
        service_local,
        service_local_express,
        label_cheapest,
        label_fastest,
        label_best_value,
        arrives,
        tracked,
        untracked,
        ddp,
        taxes_now,
        taxes_on_delivery,
        taxes_none,
        rule_collected,
        rule_below,
        rule_above,
        rule_none,
        shipment_heading,
        cannot_ship_magnet,
        cannot_ship_fragile,
        cannot_ship_remote,
        cannot_ship_other,
        quote_failed,
        quote_updated,
        summary_goods,
        summary_shipping,
        summary_taxes_now,
        summary_pay_now,
        summary_on_delivery,
        summary_landed,
        from_price,
        saving_note,
        delivery_options_label,
        show_all_options,
        show_fewer_options,
        postal_code_invalid,
        label_commune,
        checkout_steps,
        step_contact,
        step_address,
        step_payment,
        step_review,
        step_done,
        change_step,
        continue_step,
        email_label,
        email_hint,
        email_invalid,
        label_name,
        label_organization,
        label_address1,
        label_address2,
        label_phone,
        label_city,
        label_zip,
        label_state,
        label_province,
        label_prefecture,
        label_region,
        label_emirate,
        label_department,
        label_do_si,
        label_suburb,
        label_district,
        label_post_town,
        label_neighborhood,
        label_village,
        label_cpf,
        label_rut,
        label_pccc,
        label_cn_id,
        optional_field,
        customs_id_hint,
        field_required,
        postal_format,
        phone_invalid,
        customs_id_invalid,
        field_too_long,
        fix_fields,
        address_check_failed,
        payment_frame_title,
        charge_notice,
        paying_with,
        payment_needed,
        place_order,
        placing_order,
        confirm_new_total,
        quote_renewed_confirm,
        order_unreachable,
        ship_to_label,
        order_thanks,
        order_number,
        order_keep_link,
        order_items,
        order_charged,
        order_lookup,
        order_number_label,
        order_lookup_button,
        order_not_found,
        order_paid,
        unit_price_each,
        page_of,
        show_image,
        in_stock,
        low_stock,
        seller_orders,
        rating_label,
        rating_at_least,
    }
    plural {
        product_count,
        review_count,
    }
}

impl Texts {
    /// The texts as one flat JSON object (`{"store_name": "…", "product_count.one": "…"}`),
    /// safe to place inside an HTML `<script>` element: `<`, `>` and `&` are escaped.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (key, text)) in self.entries().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_string(&mut out, key);
            out.push(':');
            push_json_string(&mut out, text);
        }
        out.push('}');
        out
    }
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn take(get: &mut dyn FnMut(&str) -> Option<String>, key: &str) -> Result<&'static str, String> {
    get(key)
        .map(|text| &*Box::leak(text.into_boxed_str()))
        .ok_or_else(|| key.to_owned())
}

/// A message whose words change with a number, one text per CLDR plural category. Only
/// `other` is required; a category a language does not use falls back to it.
#[derive(Debug)]
pub struct Plural {
    pub zero: Option<&'static str>,
    pub one: Option<&'static str>,
    pub two: Option<&'static str>,
    pub few: Option<&'static str>,
    pub many: Option<&'static str>,
    pub other: &'static str,
}

impl Plural {
    /// The CLDR category names, in the order of the fields.
    pub const CATEGORIES: [&'static str; 6] = ["zero", "one", "two", "few", "many", "other"];

    fn forms(&self) -> [Option<&'static str>; 6] {
        [
            self.zero,
            self.one,
            self.two,
            self.few,
            self.many,
            Some(self.other),
        ]
    }

    fn entries(&self, name: &str, out: &mut Vec<(String, &'static str)>) {
        for (category, form) in Self::CATEGORIES.iter().zip(self.forms()) {
            if let Some(form) = form {
                out.push((format!("{name}.{category}"), form));
            }
        }
    }

    fn from_lookup(
        get: &mut dyn FnMut(&str) -> Option<String>,
        name: &str,
    ) -> Result<Plural, String> {
        let mut form = |category: &str| {
            get(&format!("{name}.{category}")).map(|text| &*Box::leak(text.into_boxed_str()))
        };
        Ok(Plural {
            zero: form("zero"),
            one: form("one"),
            two: form("two"),
            few: form("few"),
            many: form("many"),
            other: form("other").ok_or_else(|| format!("{name}.other"))?,
        })
    }
}

/// The compiled-in texts of `locale`. The browser build never calls this (the texts reach it
/// as data), so the tables are not part of the wasm.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &locales::en::TEXTS,
        Locale::ZhCn => &locales::zh_cn::TEXTS,
        Locale::Ja => &locales::ja::TEXTS,
        Locale::Ko => &locales::ko::TEXTS,
        Locale::Th => &locales::th::TEXTS,
        Locale::Vi => &locales::vi::TEXTS,
        Locale::Id => &locales::id::TEXTS,
        Locale::Ms => &locales::ms::TEXTS,
        Locale::Es => &locales::es::TEXTS,
        Locale::Ru => &locales::ru::TEXTS,
        Locale::Tr => &locales::tr::TEXTS,
        Locale::Ar => &locales::ar::TEXTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_locale_survives_the_trip_through_its_entries() {
        for locale in Locale::ALL {
            let entries: HashMap<String, &str> = texts(locale).entries().into_iter().collect();
            let back = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
                .expect("every key present");
            assert_eq!(back.entries(), texts(locale).entries(), "{locale:?}");
        }
    }

    #[test]
    fn a_missing_text_is_named_rather_than_left_blank() {
        let mut entries: HashMap<String, &str> = texts(Locale::Es).entries().into_iter().collect();
        entries.remove("add_to_cart");
        let err = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
            .expect_err("a key is missing");
        assert_eq!(err, "add_to_cart");
    }

    #[test]
    fn a_plural_without_its_other_form_is_refused() {
        let mut entries: HashMap<String, &str> = texts(Locale::Ru).entries().into_iter().collect();
        entries.remove("review_count.other");
        let err = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
            .expect_err("other is required");
        assert_eq!(err, "review_count.other");
    }

    #[test]
    fn the_json_form_is_valid_json_with_every_entry_and_no_raw_angle_brackets() {
        for locale in Locale::ALL {
            let json = texts(locale).to_json();
            assert!(!json.contains('<') && !json.contains('>'), "{locale:?}");
            let parsed: HashMap<String, String> = serde_json::from_str(&json).expect("valid JSON");
            let entries = texts(locale).entries();
            assert_eq!(parsed.len(), entries.len());
            for (key, text) in entries {
                assert_eq!(parsed[&key], text, "{locale:?} {key}");
            }
        }
        let tricky = push_json_test("a\"b\\c\n</script>&\u{1}");
        assert_eq!(
            serde_json::from_str::<String>(&tricky).expect("valid JSON string"),
            "a\"b\\c\n</script>&\u{1}"
        );
    }

    fn push_json_test(text: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, text);
        out
    }

    #[test]
    fn no_locale_leaves_a_text_empty() {
        for locale in Locale::ALL {
            for (key, text) in texts(locale).entries() {
                assert!(!text.trim().is_empty(), "{locale:?} {key}");
            }
        }
    }

    #[test]
    fn every_locale_uses_the_same_placeholders_as_english() {
        let english: HashMap<String, &str> = texts(Locale::En).entries().into_iter().collect();
        let holes = |text: &str| {
            (0..4)
                .filter(|i| text.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        for locale in Locale::ALL {
            for (key, text) in texts(locale).entries() {
                let base = key.split('.').next().unwrap_or(&key);
                let en = english
                    .get(&key)
                    .or_else(|| english.get(&format!("{base}.other")))
                    .copied()
                    .unwrap_or_default();
                // A plural form may drop the number ("منتجان" is "two products").
                if key.contains('.') {
                    assert!(
                        holes(text).iter().all(|h| holes(en).contains(h)),
                        "{locale:?} {key}: {text}"
                    );
                } else {
                    assert_eq!(holes(text), holes(en), "{locale:?} {key}: {text}");
                }
            }
        }
    }
}
