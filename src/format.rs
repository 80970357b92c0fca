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

/// A plain decimal number (given as a decimal string) for `locale`: "12.5" → "12,5".
pub fn format_decimal(value: &str, locale: &str) -> String {
    imp::format_decimal(value, locale)
}

/// A whole amount of a currency with no decimals, for price-band labels ("US$25").
pub fn format_whole_money(major: u32, currency: domain::Currency, locale: &str) -> String {
    imp::format_whole_money(major, currency, locale)
}

/// Formats tenths with one decimal for `locale` (47 → "4.7", "4,7", "٤٫٧").
pub fn format_tenths(value: u32, locale: &str) -> String {
    imp::format_tenths(value, locale)
}

/// A measurement with its unit, for `locale` (`"120"`, `"gram"` → "120 g", "120 г").
/// `value` is a decimal string; `unit` is a sanctioned `Intl` unit identifier.
pub fn format_unit(value: &str, unit: &'static str, locale: &str) -> String {
    imp::format_unit(value, unit, locale)
}

/// The name of a country (ISO 3166 code) in `locale`'s language: "CN" → "China", "中国".
pub fn region_name(code: &str, locale: &str) -> String {
    imp::display_name("region", code, locale)
}

/// Orders two texts as `locale`'s readers expect (`Intl.Collator` in the browser).
pub fn compare_text(a: &str, b: &str, locale: &str) -> std::cmp::Ordering {
    imp::compare_text(a, b, locale)
}

/// A delivery window for `locale` ("3–10 Dec", "12月3日～10日"): two ISO dates (`2026-12-03`),
/// formatted by `Intl.DateTimeFormat.formatRange` in the browser.
pub fn format_date_range(start: &str, end: &str, locale: &str) -> String {
    imp::format_date_range(start, end, locale)
}

/// The name of a language (BCP 47 tag) in `locale`'s language: "vi" → "Vietnamese".
pub fn language_name(tag: &str, locale: &str) -> String {
    imp::display_name("language", tag, locale)
}

/// The name of a currency in `locale`'s language: "CLP" → "peso chileno".
pub fn currency_name(code: &str, locale: &str) -> String {
    imp::display_name("currency", code, locale)
}

/// The symbol `locale` writes for `currency` ("US$", "CLP", "¥"): what `Intl` puts around an
/// amount, with the amount taken away.
pub fn currency_symbol(currency: domain::Currency, locale: &str) -> String {
    let formatted = format_money(&Money::zero(currency), locale);
    let symbol: String = formatted
        .chars()
        .filter(|&c| {
            // Digits as `Intl` writes them (ASCII, Arabic-Indic, Persian), checked by range:
            // `char::is_numeric` would add Unicode tables to the wasm.
            !c.is_ascii_digit()
                && !('\u{660}'..='\u{669}').contains(&c)
                && !('\u{6f0}'..='\u{6f9}').contains(&c)
                && !c.is_whitespace()
                && !matches!(
                    c,
                    '.' | ','
                        | '٫'
                        | '٬'
                        | '\u{200e}'
                        | '\u{200f}'
                        | '\u{061c}'
                        | '\u{2068}'
                        | '\u{2069}'
                )
        })
        .collect();
    if symbol.is_empty() {
        currency.code().to_owned()
    } else {
        symbol
    }
}

/// Millimetres as centimetres with at most one decimal, as a decimal string (125 → "12.5").
pub fn mm_to_cm(mm: u32) -> String {
    if mm.is_multiple_of(10) {
        (mm / 10).to_string()
    } else {
        format!("{}.{}", mm / 10, mm % 10)
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn compare_text(a: &str, b: &str, locale: &str) -> std::cmp::Ordering {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale));
        js_sys::JsString::from(a)
            .locale_compare(b, &locales, &js_sys::Object::new())
            .cmp(&0)
    }

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

        #[wasm_bindgen(method, js_name = formatToParts)]
        fn format_to_parts(this: &NumberFormat, value: &str) -> js_sys::Array;

        #[wasm_bindgen(js_namespace = Intl)]
        type DateTimeFormat;

        #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
        fn new(locale: &str, options: &js_sys::Object) -> Result<DateTimeFormat, JsValue>;

        #[wasm_bindgen(method, catch, js_name = formatRange)]
        fn format_range(
            this: &DateTimeFormat,
            start: &js_sys::Date,
            end: &js_sys::Date,
        ) -> Result<String, JsValue>;

        #[wasm_bindgen(js_namespace = Intl)]
        type DisplayNames;

        #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
        fn new(locale: &str, options: &js_sys::Object) -> Result<DisplayNames, JsValue>;

        #[wasm_bindgen(method, catch, js_name = of)]
        fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;
    }

    thread_local! {
        // Building a formatter is far slower than using one; a page shows many prices in few
        // (locale, currency) pairs. The currency is "" for plain integers.
        static CACHE: RefCell<HashMap<(String, &'static str), NumberFormat>> =
            RefCell::new(HashMap::new());
        static NAMES: RefCell<HashMap<(String, &'static str), DisplayNames>> =
            RefCell::new(HashMap::new());
    }

    fn options(pairs: &[(&str, JsValue)]) -> js_sys::Object {
        let options = js_sys::Object::new();
        for (k, v) in pairs {
            let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), v);
        }
        options
    }

    /// Formats `value` with a cached formatter under `key`, built by `build` on first use.
    fn with_formatter(
        locale: &str,
        key: &'static str,
        build: impl FnOnce() -> js_sys::Object,
        value: &str,
    ) -> Option<String> {
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            let k = (locale.to_owned(), key);
            if !cache.contains_key(&k) {
                let tag = locale.split('|').next().unwrap_or(locale);
                let built = NumberFormat::new(tag, &build()).ok()?;
                cache.insert(k.clone(), built);
            }
            cache.get(&k).map(|f| f.format(value))
        })
    }

    pub fn format_decimal(value: &str, locale: &str) -> String {
        cached_format(locale, None, value).unwrap_or_else(|| value.to_owned())
    }

    pub fn format_whole_money(major: u32, currency: domain::Currency, locale: &str) -> String {
        let zero = JsValue::from(0);
        // One cache entry per (locale, currency): the currency goes into the locale part of the key.
        with_formatter(
            &format!("{locale}|{}", currency.code()),
            "#whole",
            || {
                options(&[
                    ("style", JsValue::from_str("currency")),
                    ("currency", JsValue::from_str(currency.code())),
                    ("minimumFractionDigits", zero.clone()),
                    ("maximumFractionDigits", zero),
                ])
            },
            &major.to_string(),
        )
        .unwrap_or_else(|| format!("{major} {}", currency.code()))
    }

    pub fn format_tenths(value: u32, locale: &str) -> String {
        let text = super::tenths_text(value);
        let one = JsValue::from(1);
        with_formatter(
            locale,
            "#tenths",
            || {
                options(&[
                    ("minimumFractionDigits", one.clone()),
                    ("maximumFractionDigits", one),
                ])
            },
            &text,
        )
        .unwrap_or(text)
    }

    pub fn format_unit(value: &str, unit: &'static str, locale: &str) -> String {
        with_formatter(
            locale,
            unit,
            || {
                options(&[
                    ("style", JsValue::from_str("unit")),
                    ("unit", JsValue::from_str(unit)),
                ])
            },
            value,
        )
        .unwrap_or_else(|| format!("{value} {unit}"))
    }

    pub fn display_name(kind: &'static str, code: &str, locale: &str) -> String {
        NAMES
            .with(|names| {
                let mut names = names.borrow_mut();
                let k = (locale.to_owned(), kind);
                if !names.contains_key(&k) {
                    let built =
                        DisplayNames::new(locale, &options(&[("type", JsValue::from_str(kind))]))
                            .ok()?;
                    names.insert(k.clone(), built);
                }
                names.get(&k)?.of(code).ok()?.as_string()
            })
            .unwrap_or_else(|| code.to_owned())
    }

    pub fn format_date_range(start: &str, end: &str, locale: &str) -> String {
        // Noon UTC, shown in UTC: the calendar date never shifts with the buyer's time zone.
        let date = |iso: &str| js_sys::Date::new(&JsValue::from_str(&format!("{iso}T12:00:00Z")));
        let formatted = DateTimeFormat::new(
            locale,
            &options(&[
                ("month", JsValue::from_str("short")),
                ("day", JsValue::from_str("numeric")),
                ("timeZone", JsValue::from_str("UTC")),
            ]),
        )
        .ok()
        .and_then(|f| f.format_range(&date(start), &date(end)).ok());
        formatted.unwrap_or_else(|| format!("{start} – {end}"))
    }

    pub fn format_integer(value: u64, locale: &str) -> String {
        let text = value.to_string();
        cached_format(locale, None, &text).unwrap_or(text)
    }

    /// The currency part is wrapped in a first-strong isolate (U+2068 … U+2069): in a
    /// right-to-left page a Latin symbol ("CN¥") then keeps its own order instead of being
    /// split by the bidi algorithm ("¥CN"), while an Arabic one ("ر.س.") stays right to left.
    pub fn format_money(money: &Money, locale: &str) -> String {
        let key = (locale.to_owned(), money.currency().code());
        let parts = CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if !cache.contains_key(&key) {
                let built = formatter(locale, money.currency())?;
                cache.insert(key.clone(), built);
            }
            cache
                .get(&key)
                .map(|f| f.format_to_parts(&money.amount_string()))
        });
        let Some(parts) = parts else {
            return super::plain(money);
        };
        let mut out = String::new();
        for part in parts.iter() {
            let get = |k: &str| {
                js_sys::Reflect::get(&part, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            if get("type") == "currency" {
                out.push('\u{2068}');
                out.push_str(&get("value"));
                out.push('\u{2069}');
            } else {
                out.push_str(&get("value"));
            }
        }
        out
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
    pub fn compare_text(a: &str, b: &str, _locale: &str) -> std::cmp::Ordering {
        a.cmp(b)
    }

    use domain::Money;

    /// Outside a browser there is no `Intl`; native tests get the plain form.
    pub fn format_money(money: &Money, _locale: &str) -> String {
        super::plain(money)
    }

    pub fn format_integer(value: u64, _locale: &str) -> String {
        value.to_string()
    }

    pub fn format_decimal(value: &str, _locale: &str) -> String {
        value.to_owned()
    }

    pub fn format_whole_money(major: u32, currency: domain::Currency, _locale: &str) -> String {
        format!("{major} {}", currency.code())
    }

    pub fn format_tenths(value: u32, _locale: &str) -> String {
        super::tenths_text(value)
    }

    pub fn format_unit(value: &str, unit: &'static str, _locale: &str) -> String {
        format!("{value} {unit}")
    }

    pub fn display_name(_kind: &'static str, code: &str, _locale: &str) -> String {
        code.to_owned()
    }

    pub fn format_date_range(start: &str, end: &str, _locale: &str) -> String {
        if start == end {
            start.to_owned()
        } else {
            format!("{start} – {end}")
        }
    }
}

/// 47 → "4.7": the decimal string `Intl` is given.
fn tenths_text(value: u32) -> String {
    format!("{}.{}", value / 10, value % 10)
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
    fn tenths_and_millimetres_become_exact_decimal_strings() {
        assert_eq!(format_tenths(47, "en"), "4.7");
        assert_eq!(format_tenths(50, "en"), "5.0");
        assert_eq!(mm_to_cm(125), "12.5");
        assert_eq!(mm_to_cm(120), "12");
    }

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
