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

/// A delivery window for `locale` ("Dec 3 – 10", "12月3日～10日"): two ISO dates
/// (`2026-12-03`). Written by the server, with ICU4X, into every quote and order it sends
/// (`ShippingOption::dates`): the browser shows it as it came.
#[cfg(not(target_arch = "wasm32"))]
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
        type DisplayNames;

        #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
        fn new(locale: &str, options: &js_sys::Object) -> Result<DisplayNames, JsValue>;

        #[wasm_bindgen(method, catch, js_name = of)]
        fn of(this: &DisplayNames, code: &str) -> Result<JsValue, JsValue>;
    }

    thread_local! {
        // Building a formatter is far slower than using one; a page shows many prices in few
        // (locale, currency) pairs. One map for every kind of formatter (each map type costs
        // wasm), by locale and key: a currency code, "" for plain integers, a unit name,
        // "#whole" or "#tenths" for number formats; "region", "language" or "currency" for
        // display names; "#dates" for the date ranges.
        static CACHE: RefCell<HashMap<(String, &'static str), JsValue>> =
            RefCell::new(HashMap::new());
    }

    /// The formatter under `(locale, key)`, built by `build` on first use.
    fn cached<T: JsCast>(
        locale: &str,
        key: &'static str,
        build: impl FnOnce() -> Option<T>,
    ) -> Option<T> {
        CACHE.with(|cache| {
            let k = (locale.to_owned(), key);
            let found = cache.borrow().get(&k).cloned();
            let value = match found {
                Some(value) => value,
                None => {
                    let built: JsValue = build()?.into();
                    cache.borrow_mut().insert(k, built.clone());
                    built
                }
            };
            Some(value.unchecked_into())
        })
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
        let tag = locale.split('|').next().unwrap_or(locale);
        cached(locale, key, || NumberFormat::new(tag, &build()).ok()).map(|f| f.format(value))
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
        cached(locale, kind, || {
            DisplayNames::new(locale, &options(&[("type", JsValue::from_str(kind))])).ok()
        })
        .and_then(|names| names.of(code).ok()?.as_string())
        .unwrap_or_else(|| code.to_owned())
    }

    pub fn format_integer(value: u64, locale: &str) -> String {
        let text = value.to_string();
        cached_format(locale, None, &text).unwrap_or(text)
    }

    /// The currency part is wrapped in a first-strong isolate (U+2068 … U+2069): in a
    /// right-to-left page a Latin symbol ("CN¥") then keeps its own order instead of being
    /// split by the bidi algorithm ("¥CN"), while an Arabic one ("ر.س.") stays right to left.
    pub fn format_money(money: &Money, locale: &str) -> String {
        let parts = cached(locale, money.currency().code(), || {
            formatter(locale, money.currency())
        })
        .map(|f| f.format_to_parts(&money.amount_string()));
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
        cached(
            locale,
            currency.map_or("", |c| c.code()),
            || match currency {
                Some(currency) => formatter(locale, currency),
                None => NumberFormat::new(locale, &js_sys::Object::new()).ok(),
            },
        )
        .map(|f| f.format(value))
    }

    fn formatter(locale: &str, currency: domain::Currency) -> Option<NumberFormat> {
        let options = js_sys::Object::new();
        let digits = JsValue::from(currency.exponent());
        let set =
            |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &JsValue::from_str(k), v).is_ok();
        let ok = set("style", &JsValue::from_str("currency"))
            && set("currency", &JsValue::from_str(currency.code()))
            && set("minimumFractionDigits", &digits)
            && set("maximumFractionDigits", &digits)
            // Whole rupiah without ",00" (`Currency::shown_digits`).
            && (currency.shown_digits() == currency.exponent()
                || set("trailingZeroDisplay", &JsValue::from_str("stripIfInteger")));
        if !ok {
            return None;
        }
        NumberFormat::new(locale, &options).ok()
    }
}

/// Outside the browser (the server drawing a page's first screen, native tests) ICU4X does the
/// work `Intl` does in the browser, from the same CLDR data, so the page the server sends reads
/// as the app will draw it. What ICU4X cannot do yet (date ranges, collation order, unit
/// names) keeps a plain form; those texts are not on a page's first screen.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use domain::Money;
    use fixed_decimal::Decimal;
    use icu_decimal::DecimalFormatter;
    use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
    use icu_experimental::displaynames::multi::{LanguageDisplayNames, RegionDisplayNames};
    use icu_experimental::displaynames::DisplayNamesOptions;
    use icu_locale_core::preferences::extensions::unicode::keywords::CurrencyType;
    use icu_locale_core::Locale;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use writeable::Writeable;

    /// What a locale writes before and after an amount of a currency.
    type Pattern = (String, String);

    thread_local! {
        static NUMBERS: RefCell<HashMap<String, Option<DecimalFormatter>>> =
            RefCell::new(HashMap::new());
        static MONEY: RefCell<HashMap<(String, &'static str), Option<Pattern>>> =
            RefCell::new(HashMap::new());
    }

    fn locale(tag: &str) -> Option<Locale> {
        tag.parse().ok()
    }

    /// `value` (a decimal string) with `locale`'s digits and separators, by a cached formatter.
    fn number(value: &str, tag: &str) -> Option<String> {
        let decimal: Decimal = value.parse().ok()?;
        number_of(&decimal, tag)
    }

    fn number_of(decimal: &Decimal, tag: &str) -> Option<String> {
        NUMBERS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let formatter = cache.entry(tag.to_owned()).or_insert_with(|| {
                DecimalFormatter::try_new((&locale(tag)?).into(), Default::default()).ok()
            });
            formatter
                .as_ref()
                .map(|f| f.format(decimal).write_to_string().into_owned())
        })
    }

    pub fn compare_text(a: &str, b: &str, _locale: &str) -> std::cmp::Ordering {
        a.cmp(b)
    }

    /// As the browser writes it: the currency's pattern and symbol from ICU4X, the amount with
    /// exactly the currency's minor digits (ICU4X would round to CLDR's digits: IDR to none),
    /// and the symbol wrapped in a first-strong isolate (U+2068 … U+2069).
    pub fn format_money(money: &Money, tag: &str) -> String {
        let currency = money.currency();
        // Whole rupiah without ",00", as `Intl`'s `trailingZeroDisplay: "stripIfInteger"`.
        let text = money.amount_string();
        let text = match text.split_once('.') {
            Some((whole, minor))
                if currency.shown_digits() < currency.exponent()
                    && minor.bytes().all(|b| b == b'0') =>
            {
                whole.to_owned()
            }
            _ => text,
        };
        let Some(amount) = number(&text, tag) else {
            return super::plain(money);
        };
        let pattern = MONEY.with(|cache| {
            let mut cache = cache.borrow_mut();
            cache
                .entry((tag.to_owned(), currency.code()))
                .or_insert_with(|| pattern(currency, tag))
                .clone()
        });
        let Some((before, after)) = pattern else {
            return super::plain(money);
        };
        format!("{before}{amount}{after}")
    }

    /// What `tag` writes before and after an amount of `currency`, symbol isolated.
    fn pattern(currency: domain::Currency, tag: &str) -> Option<(String, String)> {
        let prefs = (&locale(tag)?).into();
        let value =
            icu_locale_core::extensions::unicode::Value::try_from_str(currency.code()).ok()?;
        let code = CurrencyType::try_from(&value).ok()?;
        let formatter = if writes_code(tag, currency.code()) {
            CurrencyFormatter::try_new_code(prefs, code, Default::default())
        } else {
            CurrencyFormatter::try_new_symbol(prefs, code, Default::default())
        }
        .ok()?;
        let one: Decimal = "1".parse().ok()?;
        let formatted = isolate_symbol(&formatter.format_fixed_decimal(&one).write_to_string());
        let digit = |c: char| is_digit(c);
        let first = formatted.find(digit)?;
        let last = formatted.rfind(digit)?;
        let last = last + formatted[last..].chars().next().map_or(1, char::len_utf8);
        Some((formatted[..first].to_owned(), formatted[last..].to_owned()))
    }

    /// Where Chromium's ICU data writes the ISO code and CLDR 47's (ICU4X) a symbol: found by
    /// `tests/e2e/formatting.test.mjs`, which compares every locale and currency with `Intl`.
    fn writes_code(tag: &str, code: &str) -> bool {
        (code == "PHP" && tag != "en")
            || matches!(
                (tag, code),
                (
                    "es",
                    "AUD" | "BRL" | "CAD" | "CNY" | "GBP" | "JPY" | "KRW" | "MXN" | "NZD"
                ) | ("ms", "CAD" | "MXN" | "USD")
            )
    }

    fn is_digit(c: char) -> bool {
        c.is_ascii_digit()
            || ('\u{660}'..='\u{669}').contains(&c)
            || ('\u{6f0}'..='\u{6f9}').contains(&c)
    }

    /// "US$12.34" → "\u{2068}US$\u{2069}12.34": the symbol is what stands before the first digit
    /// or after the last, without the spaces, signs and direction marks around it.
    pub(super) fn isolate_symbol(formatted: &str) -> String {
        let digit = is_digit;
        let (Some(first), Some(last)) = (formatted.find(digit), formatted.rfind(digit)) else {
            return formatted.to_owned();
        };
        let last = last + formatted[last..].chars().next().map_or(1, char::len_utf8);
        let filler = |c: char| {
            c.is_whitespace()
                || matches!(c, '-' | '\u{2212}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        };
        let wrap = |part: &str| -> String {
            let start = part.find(|c: char| !filler(c));
            let end = part.rfind(|c: char| !filler(c));
            match (start, end) {
                (Some(s), Some(e)) => {
                    let e = e + part[e..].chars().next().map_or(1, char::len_utf8);
                    format!(
                        "{}\u{2068}{}\u{2069}{}",
                        &part[..s],
                        &part[s..e],
                        &part[e..]
                    )
                }
                _ => part.to_owned(),
            }
        };
        format!(
            "{}{}{}",
            wrap(&formatted[..first]),
            &formatted[first..last],
            wrap(&formatted[last..])
        )
    }

    pub fn format_integer(value: u64, tag: &str) -> String {
        let text = value.to_string();
        number(&text, tag).unwrap_or(text)
    }

    /// `Intl.NumberFormat`'s defaults: at most three fraction digits, rounded half away from
    /// zero, no trailing zeros.
    pub fn format_decimal(value: &str, tag: &str) -> String {
        let Ok(mut decimal) = value.parse::<Decimal>() else {
            return value.to_owned();
        };
        decimal.round_with_mode(
            -3,
            fixed_decimal::SignedRoundingMode::Unsigned(
                fixed_decimal::UnsignedRoundingMode::HalfExpand,
            ),
        );
        decimal.trim_end();
        number_of(&decimal, tag).unwrap_or_else(|| value.to_owned())
    }

    /// As the browser's: the currency's pattern around the whole amount, with no isolates
    /// (the browser's `format` has none; only `format_money` takes the parts apart).
    pub fn format_whole_money(major: u32, currency: domain::Currency, tag: &str) -> String {
        let amount = format_integer(major.into(), tag);
        let pattern = MONEY.with(|cache| {
            cache
                .borrow_mut()
                .entry((tag.to_owned(), currency.code()))
                .or_insert_with(|| pattern(currency, tag))
                .clone()
        });
        match pattern {
            Some((before, after)) => {
                let plain = |s: &str| s.replace(['\u{2068}', '\u{2069}'], "");
                format!("{}{amount}{}", plain(&before), plain(&after))
            }
            None => format!("{amount} {}", currency.code()),
        }
    }

    pub fn format_tenths(value: u32, tag: &str) -> String {
        let text = super::tenths_text(value);
        number(&text, tag).unwrap_or(text)
    }

    /// Percentages as `Intl` writes them ("2.5%", "2,5 %", "%2,5"); other units keep a plain
    /// form (ICU4X's unit names are not settled yet).
    pub fn format_unit(value: &str, unit: &'static str, tag: &str) -> String {
        if unit == "percent" {
            let percent = value.parse::<Decimal>().ok().and_then(|d| {
                let formatter =
                    icu_experimental::dimension::percent::formatter::PercentFormatter::try_new(
                        (&locale(tag)?).into(),
                        Default::default(),
                    )
                    .ok()?;
                Some(formatter.format(&d).write_to_string().into_owned())
            });
            if let Some(percent) = percent {
                return percent;
            }
        }
        format!("{} {unit}", format_decimal(value, tag))
    }

    pub fn display_name(kind: &'static str, code: &str, tag: &str) -> String {
        let name = locale(tag).and_then(|l| {
            let prefs = (&l).into();
            match kind {
                "region" => {
                    let names =
                        RegionDisplayNames::try_new(prefs, DisplayNamesOptions::default()).ok()?;
                    names.of(code.parse().ok()?).map(str::to_owned)
                }
                "language" => {
                    let names =
                        LanguageDisplayNames::try_new(prefs, DisplayNamesOptions::default())
                            .ok()?;
                    names
                        .of(code.split('-').next()?.parse().ok()?)
                        .map(str::to_owned)
                }
                _ => None,
            }
        });
        name.unwrap_or_else(|| code.to_owned())
    }

    /// "Dec 3 – 10" (with the locale's spaces and dash): ICU4X's range formatter for month and
    /// day, with CLDR's interval patterns (the same data `Intl.DateTimeFormat.formatRange`
    /// uses, in a newer CLDR than Chromium's: its spacing and its Chinese and Japanese
    /// patterns differ, so the browser never writes these). `start`/`end`: ISO dates.
    pub fn format_date_range(start: &str, end: &str, tag: &str) -> String {
        use icu_datetime::fieldsets::MD;
        use icu_datetime::range::FixedCalendarDateRangeFormatter;
        type Formatter = FixedCalendarDateRangeFormatter<icu_calendar::Gregorian, MD>;
        thread_local! {
            static DATES: RefCell<HashMap<String, Option<Formatter>>> = RefCell::new(HashMap::new());
        }
        let date = |iso: &str| {
            let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
            let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) =
                (parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            icu_calendar::Date::try_new_gregorian(
                i32::try_from(y).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(d).ok()?,
            )
            .ok()
        };
        let formatted = date(start).zip(date(end)).and_then(|(a, b)| {
            DATES.with(|cache| {
                let mut cache = cache.borrow_mut();
                let formatter = cache.entry(tag.to_owned()).or_insert_with(|| {
                    Formatter::try_new((&locale(tag)?).into(), MD::medium()).ok()
                });
                formatter
                    .as_ref()
                    .map(|f| f.format(&a, &b).write_to_string().into_owned())
            })
        });
        formatted.unwrap_or_else(|| format!("{start} – {end}"))
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
    fn outside_the_browser_money_is_formatted_as_intl_would_with_its_exact_minor_digits() {
        assert_eq!(
            format_money(&Money::from_minor(1234, Currency::USD), "en"),
            "\u{2068}$\u{2069}12.34"
        );
        assert_eq!(
            format_money(&Money::from_minor(98000, Currency::VND), "vi"),
            "98.000\u{a0}\u{2068}₫\u{2069}"
        );
        // ICU4X alone would round rupiah to whole units; the store shows its minor digits.
        assert_eq!(
            format_money(&Money::from_minor(1234550, Currency::IDR), "id"),
            "\u{2068}Rp\u{2069}\u{a0}12.345,50"
        );
        // Whole rupiah (every converted price) without ",00".
        assert_eq!(
            format_money(&Money::from_minor(47163100, Currency::IDR), "id"),
            "\u{2068}Rp\u{2069}\u{a0}471.631"
        );
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn a_delivery_window_is_written_in_each_language_with_its_own_interval_pattern() {
        let window = |a, b, tag| format_date_range(a, b, tag);
        assert_eq!(
            window("2026-12-03", "2026-12-10", "en"),
            "Dec 3\u{2009}–\u{2009}10"
        );
        assert_eq!(
            window("2026-12-30", "2027-01-05", "en"),
            "Dec 30\u{2009}–\u{2009}Jan 5"
        );
        assert_eq!(window("2026-12-03", "2026-12-03", "en"), "Dec 3");
        assert_eq!(window("2026-12-03", "2026-12-10", "ja"), "12月3日～10日");
        assert_eq!(window("2026-12-03", "2026-12-10", "zh-CN"), "12月3日至10日");
        assert_eq!(
            window("2026-11-28", "2026-12-04", "ar"),
            "28 نوفمبر – 4 ديسمبر"
        );
        assert_eq!(window("2026-12-03", "2026-12-10", "de"), "3.–10. Dez.");
        // Not a date: shown as it came rather than dropped.
        assert_eq!(window("soon", "2026-12-10", "en"), "soon – 2026-12-10");
    }
}
