//! The buyer's currency: chosen once, remembered, and sent with every catalog request so the
//! server returns converted prices. The app never multiplies by a rate.
//!
//! Default: a remembered choice, else the currency of the first region in the browser's
//! languages (`es-CL` → CLP), else the UI locale's usual currency — falling back to US dollars
//! when the store has no rate for it.

use crate::format::{currency_name, currency_symbol};
use crate::i18n::{Locale, Msg};
use domain::{Currency, RateTable};
use leptos::prelude::*;

const STORAGE_KEY: &str = "store.currency";

/// The currency of a country (ISO 3166 alpha-2), for the currencies the store supports.
pub fn for_country(country: &str) -> Option<Currency> {
    let code = match country.to_ascii_uppercase().as_str() {
        "US" | "EC" | "SV" | "PA" => "USD",
        "GB" => "GBP",
        "CN" => "CNY",
        "JP" => "JPY",
        "KR" => "KRW",
        "TH" => "THB",
        "VN" => "VND",
        "ID" => "IDR",
        "MY" => "MYR",
        "SG" => "SGD",
        "PH" => "PHP",
        "AU" => "AUD",
        "NZ" => "NZD",
        "CA" => "CAD",
        "MX" => "MXN",
        "CL" => "CLP",
        "PE" => "PEN",
        "BR" => "BRL",
        "RU" => "RUB",
        "TR" => "TRY",
        "AE" => "AED",
        "SA" => "SAR",
        "KW" => "KWD",
        "BH" => "BHD",
        "OM" => "OMR",
        "IS" => "ISK",
        "DE" | "FR" | "ES" | "IT" | "NL" | "BE" | "AT" | "PT" | "IE" | "FI" | "GR" | "LU"
        | "SK" | "SI" | "EE" | "LV" | "LT" | "MT" | "CY" | "HR" => "EUR",
        _ => return None,
    };
    code.parse().ok()
}

/// The currency most buyers reading `locale` pay in.
pub fn for_locale(locale: Locale) -> Currency {
    match locale {
        Locale::En => Currency::USD,
        Locale::ZhCn => Currency::CNY,
        Locale::Ja => Currency::JPY,
        Locale::Ko => Currency::KRW,
        Locale::Th => Currency::THB,
        Locale::Vi => Currency::VND,
        Locale::Id => Currency::IDR,
        Locale::Ms => Currency::MYR,
        Locale::Es => Currency::EUR,
        Locale::Ru => Currency::RUB,
        Locale::Tr => Currency::TRY,
        Locale::Ar => Currency::SAR,
    }
}

/// The default currency for a buyer with these browser `languages` reading `locale`, among
/// the `offered` ones (all when the list has not arrived yet).
pub fn default_currency(languages: &[String], locale: Locale, offered: &[Currency]) -> Currency {
    let available = |c: &Currency| offered.is_empty() || offered.contains(c);
    languages
        .iter()
        .filter_map(|tag| tag.split(['-', '_']).nth(1))
        .filter(|region| region.len() == 2)
        .filter_map(for_country)
        .find(available)
        .or_else(|| Some(for_locale(locale)).filter(available))
        .unwrap_or(Currency::USD)
}

/// What the header's currency menu and the price notes share.
#[derive(Clone, Copy)]
pub struct CurrencyState {
    /// The buyer's currency.
    pub current: RwSignal<Currency>,
    /// The store's rate table (sources, dates, spread), once fetched.
    pub table: RwSignal<Option<RateTable>, LocalStorage>,
}

/// Creates the buyer's currency (remembered, else the default) and fetches the rate table.
pub fn provide_currency(locale: Locale) {
    let remembered = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| code.parse::<Currency>().ok());
    let current = RwSignal::new(
        remembered.unwrap_or_else(|| default_currency(&browser_languages(), locale, &[])),
    );
    let table = RwSignal::new_local(None::<RateTable>);
    leptos::task::spawn_local(async move {
        if let Ok(rates) = crate::api::fx_rates().await {
            let offered: Vec<Currency> = rates.rates.iter().map(|r| r.currency).collect();
            // A remembered or default currency the store no longer offers falls back.
            if !offered.contains(&current.get_untracked()) {
                current.set(default_currency(&browser_languages(), locale, &offered));
            }
            table.set(Some(rates));
        }
    });
    provide_context(CurrencyState { current, table });
}

impl CurrencyState {
    /// A buyer who has not chosen a currency sees prices in the currency of the country they
    /// ship to (shipping to Japan shows yen); an explicit choice is never overridden.
    pub fn follow_destination(self, country: &str) {
        let chosen = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        if chosen.is_some() {
            return;
        }
        let offered = self.table.with_untracked(|t| {
            t.as_ref()
                .map(|t| t.rates.iter().map(|r| r.currency).collect::<Vec<_>>())
        });
        if let Some(c) =
            for_country(country).filter(|c| offered.as_ref().is_none_or(|o| o.contains(c)))
        {
            self.current.set(c);
        }
    }
}

pub fn use_currency() -> CurrencyState {
    use_context::<CurrencyState>().unwrap_or_else(|| CurrencyState {
        current: RwSignal::new(Currency::USD),
        table: RwSignal::new_local(None),
    })
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub(crate) fn browser_languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// The label of a currency in the menu: "JPY · ¥ · Japanese yen", in the page's language.
fn menu_label(currency: Currency, tag: &str) -> String {
    format!(
        "{} · {} · {}",
        currency.code(),
        currency_symbol(currency, tag),
        currency_name(currency.code(), tag)
    )
}

/// Lower case for matching. In the browser, JavaScript's `toLowerCase` (Rust's would add
/// Unicode case tables to the wasm); natively, Rust's.
#[cfg(target_arch = "wasm32")]
fn lower(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

#[cfg(not(target_arch = "wasm32"))]
fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// What the buyer typed in the currency box, resolved to one offered currency: a code
/// ("jpy"), or words of exactly one label ("yen", "peso chileno").
pub fn resolve_typed(typed: &str, offered: &[(Currency, String)]) -> Option<Currency> {
    let typed = typed.trim();
    if let Some((c, _)) = offered
        .iter()
        .find(|(c, _)| c.code().eq_ignore_ascii_case(typed))
    {
        return Some(*c);
    }
    let needle = lower(typed);
    if needle.is_empty() {
        return None;
    }
    let mut matches = offered
        .iter()
        .filter(|(_, label)| lower(label).contains(&needle));
    match (matches.next(), matches.next()) {
        (Some((c, _)), None) => Some(*c),
        _ => None,
    }
}

/// The currency box in the header: a searchable list (type a code, a symbol or a name in the
/// page's language) of the currencies the store has rates for. The choice is remembered and
/// every price on the page follows it without a reload.
#[component]
pub fn CurrencyMenu() -> impl IntoView {
    let locale = crate::app::use_locale();
    let state = use_currency();
    let offered = Memo::new(move |_| {
        let tag = locale.get().tag();
        state.table.with(|t| {
            t.as_ref()
                .map_or_else(
                    || Currency::ALL.to_vec(),
                    |t| t.rates.iter().map(|r| r.currency).collect(),
                )
                .into_iter()
                .map(|c| (c, menu_label(c, tag)))
                .collect::<Vec<_>>()
        })
    });
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // What the buyer typed that names no single currency: kept in the box, with the reason.
    let unmatched = RwSignal::new(None::<String>);
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let typed = el.value();
        match offered.with(|o| resolve_typed(&typed, o)) {
            Some(currency) => {
                unmatched.set(None);
                state.current.set(currency);
                if let Some(s) = storage() {
                    let _ = s.set_item(STORAGE_KEY, currency.code());
                }
                el.set_value(currency.code());
            }
            None if !typed.trim().is_empty() => unmatched.set(Some(typed.trim().to_owned())),
            None => {
                unmatched.set(None);
                el.set_value(state.current.get_untracked().code());
            }
        }
    };
    view! {
        <div class="currency-menu">
            <label for="currency">{crate::app::tr(Msg::Currency)}</label>
            <input id="currency" list="currency-options" node_ref=input autocomplete="off"
                spellcheck="false" autocapitalize="characters" enterkeyhint="done"
                prop:value=move || state.current.get().code()
                aria-invalid=move || unmatched.with(|u| u.is_some()).to_string()
                aria-describedby=move || unmatched.with(|u| u.is_some()).then_some("currency-error")
                on:focus=move |_| { if let Some(el) = input.get() { el.select(); } }
                on:change=on_change/>
            {move || unmatched.get().map(|typed| view! {
                <p id="currency-error" class="field-error" role="alert">
                    {crate::i18n::fill(&crate::app::tx(Msg::CurrencyNoMatch), &[typed])}
                </p>
            })}
            <datalist id="currency-options">
                {move || offered.get().into_iter()
                    .map(|(c, label)| view! { <option value=c.code()>{label}</option> })
                    .collect_view()}
            </datalist>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn a_typed_code_or_a_unique_name_picks_the_currency() {
        let offered = vec![
            (Currency::JPY, "JPY · ¥ · Japanese yen".to_owned()),
            (Currency::CLP, "CLP · CLP · Chilean peso".to_owned()),
            (Currency::MXN, "MXN · MX$ · Mexican peso".to_owned()),
        ];
        assert_eq!(resolve_typed(" jpy ", &offered), Some(Currency::JPY));
        assert_eq!(resolve_typed("Yen", &offered), Some(Currency::JPY));
        assert_eq!(resolve_typed("chilean", &offered), Some(Currency::CLP));
        // "peso" is two currencies, and a code that is not offered is none.
        assert_eq!(resolve_typed("peso", &offered), None);
        assert_eq!(resolve_typed("EUR", &offered), None);
        assert_eq!(resolve_typed("", &offered), None);
    }

    #[test]
    fn a_chilean_spanish_browser_gets_chilean_pesos() {
        assert_eq!(
            default_currency(&langs(&["es-CL", "es", "en"]), Locale::Es, &[]),
            Currency::CLP
        );
    }

    #[test]
    fn without_a_region_the_locale_decides() {
        assert_eq!(
            default_currency(&langs(&["ja"]), Locale::Ja, &[]),
            Currency::JPY
        );
        assert_eq!(
            default_currency(&langs(&["es"]), Locale::Es, &[]),
            Currency::EUR
        );
    }

    #[test]
    fn a_currency_the_store_does_not_offer_falls_back_to_dollars() {
        let offered = [Currency::USD, Currency::EUR];
        assert_eq!(
            default_currency(&langs(&["ru-RU"]), Locale::Ru, &offered),
            Currency::USD
        );
        // The first region with an offered currency wins.
        assert_eq!(
            default_currency(&langs(&["ru-RU", "de-DE"]), Locale::Ru, &offered),
            Currency::EUR
        );
    }
}

/// The explanation of a converted price: the seller's price, the rate, its source and date,
/// and the spread — from the server's rate table (empty until it has arrived).
pub fn conversion_note(
    price: &domain::Money,
    converted: &domain::Converted,
    table: Option<&RateTable>,
    locale: Locale,
) -> String {
    let tag = locale.tag();
    let Some(table) = table else {
        return String::new();
    };
    let target = converted.amount.currency();
    let info = table.rates.iter().find(|r| r.currency == target);
    let rate = format!(
        "1 {} = {} {}",
        price.currency().code(),
        crate::format::format_decimal(&converted.rate, tag),
        target.code()
    );
    crate::i18n::fill(
        &crate::i18n::t(locale, Msg::ConvertedNote),
        &[
            crate::format::format_money(price, tag),
            rate,
            info.map_or_else(|| table.source.clone(), |i| i.source.clone()),
            info.map_or_else(|| table.as_of.clone(), |i| i.as_of.clone()),
            crate::format::format_unit(&table.spread_percent, "percent", tag),
        ],
    )
}

/// A price as the buyer sees it. With a conversion: "≈" and the amount in the buyer's
/// currency, the seller's price beneath it, and the conversion explained (`title`, and in
/// full where `explain` is set). Without one: the seller's price.
#[component]
pub fn PriceTag(
    price: domain::Money,
    converted: Option<domain::Converted>,
    #[prop(optional)] explain: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let locale = crate::app::use_locale();
    let table = use_currency().table;
    let tag = locale.get_untracked().tag();
    let original = crate::format::format_money(&price, tag);
    match converted {
        Some(converted) if converted.amount.currency() != price.currency() => {
            let shown = crate::format::format_money(&converted.amount, tag);
            let code = converted.amount.currency().code();
            let converted = StoredValue::new(converted);
            let note = move || {
                table.with(|t| {
                    converted.with_value(|c| {
                        conversion_note(&price, c, t.as_ref(), locale.get_untracked())
                    })
                })
            };
            view! {
                <p class=format!("price converted {class}") data-currency=code title=note>
                    <span class="price-main">"≈ "{shown}</span>
                    <span class="price-original">{original}</span>
                </p>
                {explain.then(|| view! { <p class="conversion-note">{note}</p> })}
            }
            .into_any()
        }
        _ => view! {
            <p class=format!("price {class}") data-currency=price.currency().code()>
                <span class="price-main">{original}</span>
            </p>
        }
        .into_any(),
    }
}
