//! Which currency a buyer most likely pays in, from their country or the language they read:
//! the app's first choice before the buyer picks one, and the server's for a page's first
//! answer (its prices and structured data), so both make the same guess.

use crate::{Currency, Locale};

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
