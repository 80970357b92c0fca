//! The buyer's currency: its default, the explicit choice (remembered), and the store's rates.

use crate::browser::{self, Store};
use crate::buyer::Buyer;
use crate::i18n::Locale;
use domain::{Currency, RateTable};
use leptos::prelude::*;

/// The buyer's explicit choice of currency, remembered.
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

/// The store's rates, for the price notes and the currency menu. The buyer's currency itself
/// is [`Buyer::currency`].
#[derive(Clone, Copy)]
pub struct CurrencyState {
    /// The store's rate table (sources, dates, spread), once fetched.
    pub table: RwSignal<Option<RateTable>, LocalStorage>,
}

/// The buyer's currency before the store's list has arrived: remembered, else the default.
pub fn initial_currency(locale: Locale) -> Currency {
    Store::Local
        .get(STORAGE_KEY)
        .and_then(|code| code.parse::<Currency>().ok())
        .unwrap_or_else(|| default_currency(&browser::languages(), locale, &[]))
}

/// Fetches the rate table; a remembered or default currency the store no longer offers falls
/// back.
pub fn provide_currency(buyer: Buyer) {
    let current = buyer.currency;
    let locale = buyer.locale.get_untracked();
    let table = RwSignal::new_local(None::<RateTable>);
    leptos::task::spawn_local(async move {
        if let Ok(rates) = crate::api::fx::fx_rates().await {
            let offered: Vec<Currency> = rates.rates.iter().map(|r| r.currency).collect();
            // A remembered or default currency the store no longer offers falls back.
            if !offered.contains(&current.get_untracked()) {
                current.set(default_currency(&browser::languages(), locale, &offered));
            }
            table.set(Some(rates));
        }
    });
    provide_context(CurrencyState { table });
}

/// The buyer chose `currency`: shown at once, remembered.
pub fn choose(buyer_currency: RwSignal<Currency>, currency: Currency) {
    buyer_currency.set(currency);
    Store::Local.set(STORAGE_KEY, currency.code());
}

impl CurrencyState {
    /// A buyer who has not chosen a currency sees prices in the currency of the country they
    /// ship to (shipping to Japan shows yen); an explicit choice is never overridden.
    pub fn follow_destination(self, current: RwSignal<Currency>, country: &str) {
        if Store::Local.get(STORAGE_KEY).is_some() {
            return;
        }
        let offered = self.table.with_untracked(|t| {
            t.as_ref()
                .map(|t| t.rates.iter().map(|r| r.currency).collect::<Vec<_>>())
        });
        if let Some(c) =
            for_country(country).filter(|c| offered.as_ref().is_none_or(|o| o.contains(c)))
        {
            current.set(c);
        }
    }
}

pub fn use_currency() -> CurrencyState {
    use_context::<CurrencyState>().unwrap_or_else(|| CurrencyState {
        table: RwSignal::new_local(None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| (*t).to_owned()).collect()
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
