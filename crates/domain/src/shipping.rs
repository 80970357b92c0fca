//! Where the store ships, shared by the server (which checks and quotes) and the app (which
//! offers the choice).

use crate::Locale;

/// Destination countries the store ships to (ISO 3166-1 alpha-2, sorted).
pub const DESTINATIONS: [&str; 24] = [
    "AE", "AU", "BR", "CA", "CL", "CN", "DE", "ES", "FR", "GB", "ID", "IT", "JP", "KR", "MX", "MY",
    "NZ", "PE", "PH", "SA", "SG", "TH", "US", "VN",
];

/// Whether the store ships to `country` (upper-case alpha-2).
pub fn ships_to(country: &str) -> bool {
    DESTINATIONS.binary_search(&country).is_ok()
}

/// The market a locale's readers most often buy from, used when the browser names no region
/// the store ships to.
pub fn market_of(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "US",
        Locale::ZhCn => "CN",
        Locale::Ja => "JP",
        Locale::Ko => "KR",
        Locale::Th => "TH",
        Locale::Vi => "VN",
        Locale::Id => "ID",
        Locale::Ms => "MY",
        Locale::Es => "ES",
        // No Russian-speaking destination is served; English readers' market stands in.
        Locale::Ru => "US",
        // Turkey is a sellers' economy here, not a destination yet.
        Locale::Tr => "DE",
        Locale::Ar => "SA",
    }
}

/// The ship-to country to preselect: the first region among the browser's `languages`
/// (`es-CL` → CL) that the store ships to, else the locale's market.
pub fn default_ship_to(languages: &[String], locale: Locale) -> &'static str {
    languages
        .iter()
        .filter_map(|tag| tag.split(['-', '_']).nth(1))
        .filter(|region| region.len() == 2)
        .find_map(|region| {
            let upper = region.to_ascii_uppercase();
            DESTINATIONS.iter().copied().find(|d| *d == upper)
        })
        .unwrap_or_else(|| market_of(locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_sorted_so_lookups_can_bisect() {
        assert!(DESTINATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ships_to("CL") && !ships_to("RU") && !ships_to("cl"));
    }

    #[test]
    fn the_browser_region_wins_over_the_locale_market() {
        let langs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(default_ship_to(&langs(&["es-CL", "es"]), Locale::Es), "CL");
        assert_eq!(
            default_ship_to(&langs(&["fr-ch", "en-gb"]), Locale::En),
            "GB"
        );
        assert_eq!(default_ship_to(&langs(&["es"]), Locale::Es), "ES");
        assert_eq!(default_ship_to(&[], Locale::Ar), "SA");
    }

    #[test]
    fn every_locale_market_is_a_destination() {
        for locale in Locale::ALL {
            assert!(ships_to(market_of(locale)), "{locale:?}");
        }
    }
}
