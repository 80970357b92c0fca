//! Formatting for people. Money is formatted here and nowhere else.
//!
//! In the browser the work is done by `Intl.NumberFormat`, which knows every locale's symbols,
//! separators and digit shapes at no cost to the bundle. It is given the amount as a decimal
//! string that is already at the currency's exponent, so no floating point touches the value.

use domain::Money;

/// Formats `money` for `locale` (a BCP 47 tag such as `"en"` or `"es-CL"`), showing exactly the
/// currency's minor digits.
pub fn format_money(money: &Money, locale: &str) -> String {
    imp::format_money(money, locale)
}

/// Formats a whole number for `locale`: grouping separators and the locale's digits.
pub fn format_integer(value: u64, locale: &str) -> String {
    imp::format_integer(value, locale)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use domain::Money;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl)]
        type NumberFormat;

        // `catch`: an unknown locale or currency throws a RangeError, which must not abort the app.
        #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
        fn new(locale: &str, options: &js_sys::Object) -> Result<NumberFormat, JsValue>;

        // Passing a string keeps full decimal precision (Intl.NumberFormat v3).
        #[wasm_bindgen(method)]
        fn format(this: &NumberFormat, value: &str) -> String;
    }

    thread_local! {
        // Building a formatter is far slower than using one; a page shows many prices in few
        // (locale, currency) pairs. The currency is "" for plain integers.
        static CACHE: RefCell<HashMap<(String, &'static str), NumberFormat>> =
            RefCell::new(HashMap::new());
    }

    pub fn format_integer(value: u64, locale: &str) -> String {
        let text = value.to_string();
        cached_format(locale, None, &text).unwrap_or(text)
    }

    pub fn format_money(money: &Money, locale: &str) -> String {
        cached_format(locale, Some(money.currency()), &money.amount_string())
            .unwrap_or_else(|| super::plain(money))
    }

    /// Formats the decimal string `value` with the cached formatter for `(locale, currency)`,
    /// building it on first use. `None` when `Intl` refuses the locale or currency.
    fn cached_format(
        locale: &str,
        currency: Option<domain::Currency>,
        value: &str,
    ) -> Option<String> {
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let key = (locale.to_owned(), currency.map_or("", |c| c.code()));
            if !cache.contains_key(&key) {
                let built = match currency {
                    Some(currency) => formatter(locale, currency),
                    None => NumberFormat::new(locale, &js_sys::Object::new()).ok(),
                }?;
                cache.insert(key.clone(), built);
            }
            cache.get(&key).map(|f| f.format(value))
        })
    }

    fn formatter(locale: &str, currency: domain::Currency) -> Option<NumberFormat> {
        let options = js_sys::Object::new();
        let digits = JsValue::from(currency.exponent());
        let set =
            |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), v).is_ok();
        let ok = set("style", &JsValue::from_str("currency"))
            && set("currency", &JsValue::from_str(currency.code()))
            && set("minimumFractionDigits", &digits)
            && set("maximumFractionDigits", &digits);
        if !ok {
            return None;
        }
        NumberFormat::new(locale, &options).ok()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use domain::Money;

    /// Outside a browser there is no `Intl`; native tests get the plain form.
    pub fn format_money(money: &Money, _locale: &str) -> String {
        super::plain(money)
    }

    pub fn format_integer(value: u64, _locale: &str) -> String {
        value.to_string()
    }
}

/// A locale-free rendering used when `Intl` is unavailable or refuses the input.
fn plain(money: &Money) -> String {
    format!("{} {}", money.amount_string(), money.currency().code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Currency;

    #[test]
    fn outside_the_browser_money_is_shown_with_its_exact_minor_digits() {
        assert_eq!(
            format_money(&Money::from_minor(1234, Currency::USD), "en"),
            "12.34 USD"
        );
        assert_eq!(
            format_money(&Money::from_minor(98000, Currency::VND), "vi"),
            "98000 VND"
        );
        assert_eq!(
            format_money(&Money::from_minor(1500, Currency::KWD), "ar"),
            "1.500 KWD"
        );
    }
}
