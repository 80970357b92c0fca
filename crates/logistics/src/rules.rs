//! What each destination asks of an import: categories it controls, de-minimis thresholds,
//! import VAT/GST and duty rates by category.
//!
//! The EU, UK, Australian and US figures are the ones in shared/DESIGN.md. The others are
//! stated with their source and the date they took effect, as recalled without network
//! access while writing this table: NOTES.md asks for them to be checked against the named
//! sources. Duty rates are one typical most-favoured-nation rate per category, a
//! simplification of each tariff schedule; extra duties by country of origin (for example the
//! United States' additional tariffs) are not modelled.

use domain::Currency;
use rust_decimal::Decimal;

/// How a destination taxes an imported consignment.
#[derive(Debug, Clone, Copy)]
pub struct TaxRules {
    pub country: &'static str,
    /// The currency the thresholds are written in.
    pub currency: Currency,
    /// Import VAT / GST / sales tax, in per mille of the taxable value (200 = 20 %).
    pub tax_per_mille: u32,
    /// Low-value regime: consignments up to this value (goods, in `currency`, major units)
    /// pay the tax at checkout, collected by the store, and no duty (EU IOSS €150, UK £135,
    /// Australia A$1,000…).
    pub collect_up_to: Option<i64>,
    /// No duty at or below this goods value; `None`: duty from the first unit.
    pub duty_free_up_to: Option<i64>,
    /// No import tax at or below this goods value; `None`: tax from the first unit.
    pub tax_free_up_to: Option<i64>,
    /// Brazil's Remessa Conforme: a flat import tax instead of category duties —
    /// `(threshold, per mille up to it, per mille above it, deduction above it)`.
    pub flat_duty: Option<(i64, u32, u32, i64)>,
    pub source: &'static str,
    pub since: &'static str,
}

const EU_SOURCE: &str = "EU VAT e-commerce package (Directive (EU) 2017/2455, IOSS up to €150) and duty relief up to €150 (Regulation (EC) 1186/2009)";

const fn eu(country: &'static str, tax_per_mille: u32) -> TaxRules {
    TaxRules {
        country,
        currency: Currency::EUR,
        tax_per_mille,
        collect_up_to: Some(150),
        duty_free_up_to: Some(150),
        tax_free_up_to: None,
        flat_duty: None,
        source: EU_SOURCE,
        since: "2021-07-01",
    }
}

/// `thresholds`: `(collect_up_to, duty_free_up_to, tax_free_up_to)`.
const fn rules(
    country: &'static str,
    currency: Currency,
    tax_per_mille: u32,
    thresholds: (Option<i64>, Option<i64>, Option<i64>),
    source: &'static str,
    since: &'static str,
) -> TaxRules {
    let (collect_up_to, duty_free_up_to, tax_free_up_to) = thresholds;
    TaxRules {
        country,
        currency,
        tax_per_mille,
        collect_up_to,
        duty_free_up_to,
        tax_free_up_to,
        flat_duty: None,
        source,
        since,
    }
}

/// Every destination's rules, sorted by country.
pub const TAX_RULES: [TaxRules; 24] = [
    rules("AE", Currency::AED, 50, (None, Some(1_000), None), "GCC Common Customs Law (duty relief up to AED 1,000); UAE VAT 5 % on imports", "2018-01-01"),
    rules("AU", Currency::AUD, 100, (Some(1_000), Some(1_000), None), "ATO: GST on low value imported goods (up to A$1,000, collected at checkout)", "2018-07-01"),
    TaxRules {
        country: "BR",
        currency: Currency::USD,
        tax_per_mille: 170,
        collect_up_to: Some(3_000),
        duty_free_up_to: None,
        tax_free_up_to: None,
        flat_duty: Some((50, 200, 600, 20)),
        source: "Receita Federal, Remessa Conforme (Law 14,902/2024): import tax 20 % up to US$50, 60 % less US$20 above; ICMS 17 % collected at checkout",
        since: "2024-08-01",
    },
    rules("CA", Currency::CAD, 50, (None, Some(20), Some(20)), "CBSA: courier low value shipments, duty and GST relief up to C$20 (non-CUSMA origins)", "2020-07-01"),
    rules("CL", Currency::USD, 190, (Some(500), Some(41), None), "Ley 21.713: IVA 19 % on imported goods up to US$500 collected by the platform; customs duty relief up to US$41", "2025-10-25"),
    rules("CN", Currency::CNY, 91, (Some(5_000), None, None), "MOF notice 2018 No. 49: cross-border e-commerce retail imports up to CNY 5,000, no duty, 70 % of 13 % VAT collected by the platform", "2019-01-01"),
    eu("DE", 190),
    eu("ES", 210),
    eu("FR", 200),
    rules("GB", Currency::GBP, 200, (Some(135), Some(135), None), "HMRC: VAT on goods up to £135 collected at the point of sale; customs duty relief up to £135", "2021-01-01"),
    rules("ID", Currency::USD, 110, (None, Some(3), None), "PMK 96/2023: import duty relief up to FOB US$3; VAT (effective 11 %) from the first dollar", "2023-10-17"),
    eu("IT", 220),
    rules("JP", Currency::JPY, 100, (None, Some(10_000), Some(10_000)), "Japan Customs: duty and consumption tax exemption for consignments valued up to ¥10,000", "1989-04-01"),
    rules("KR", Currency::USD, 100, (None, Some(150), Some(150)), "Korea Customs Service: duty and VAT exemption for personal imports up to US$150", "2014-03-01"),
    rules("MX", Currency::USD, 160, (None, Some(50), Some(50)), "SAT / Ley Aduanera: courier consignments up to US$50 free of duty and IVA", "2020-07-01"),
    rules("MY", Currency::MYR, 100, (Some(500), Some(500), None), "RMCD: sales tax 10 % on low value goods up to RM500 collected by the seller", "2024-01-01"),
    rules("NZ", Currency::NZD, 150, (Some(1_000), Some(1_000), None), "Inland Revenue: GST on low-value imported goods up to NZ$1,000 collected at checkout", "2019-12-01"),
    rules("PE", Currency::USD, 180, (None, Some(200), Some(200)), "SUNAT: express consignments up to US$200 free of duty and IGV", "2017-09-01"),
    rules("PH", Currency::PHP, 120, (None, Some(10_000), Some(10_000)), "Customs Modernization and Tariff Act (RA 10863): de minimis PHP 10,000", "2016-12-01"),
    rules("SA", Currency::SAR, 150, (None, Some(1_000), None), "GCC Common Customs Law (duty relief up to SAR 1,000); ZATCA VAT 15 % on imports", "2020-07-01"),
    rules("SG", Currency::SGD, 90, (Some(400), Some(400), None), "IRAS: GST on imported low-value goods up to S$400 collected at checkout; GST 9 % from 2024", "2024-01-01"),
    rules("TH", Currency::THB, 70, (None, Some(1_500), None), "Thai Customs: VAT 7 % on all imported goods; duty relief up to THB 1,500", "2024-01-01"),
    rules("US", Currency::USD, 0, (None, None, None), "Executive Order 14324: the $800 de minimis exemption ended; duty from the first dollar (no federal VAT; state sales tax not modelled)", "2025-08-29"),
    rules("VN", Currency::VND, 100, (None, Some(1_000_000), None), "Decision 01/2025/QĐ-TTg: VAT on low-value express imports from the first dong; duty relief up to VND 1,000,000", "2025-02-18"),
];

/// The rules of a destination the store serves.
pub fn tax_rules(country: &str) -> Option<&'static TaxRules> {
    TAX_RULES
        .binary_search_by(|r| r.country.cmp(country))
        .ok()
        .map(|i| &TAX_RULES[i])
}

/// Whether goods moving from `origin` to `destination` stay inside one customs territory
/// (one country, or the EU): no import duty or tax, the seller's price already includes it.
pub fn same_customs_territory(origin: &str, destination: &str) -> bool {
    let eu = |c: &str| matches!(c, "DE" | "FR" | "ES" | "IT");
    origin == destination || (eu(origin) && eu(destination))
}

/// Duty on a category's goods entering `destination`, in per mille of their value.
pub fn duty_per_mille(destination: &str, category: &str) -> u32 {
    // Columns: phones, electronics, apparel, shoes, jewelry, toys, baby, beauty, home, sports.
    let row: [u32; 10] = match destination {
        "DE" | "FR" | "ES" | "IT" => [0, 20, 120, 80, 25, 0, 120, 0, 30, 27],
        "GB" => [0, 20, 120, 80, 25, 0, 120, 0, 20, 20],
        "US" => [0, 26, 160, 100, 55, 0, 120, 0, 34, 40],
        "AU" | "NZ" => [0, 0, 50, 50, 50, 50, 50, 50, 50, 50],
        "JP" => [0, 0, 90, 100, 50, 0, 90, 0, 30, 30],
        "SG" => [0; 10],
        _ => [50, 50, 150, 150, 100, 50, 100, 100, 100, 100],
    };
    let column = match category {
        "phones-accessories" => 0,
        "consumer-electronics" => 1,
        "apparel" => 2,
        "shoes" => 3,
        "jewelry-watches" => 4,
        "toys" => 5,
        "baby" => 6,
        "beauty-cosmetics" => 7,
        "home-garden" => 8,
        _ => 9,
    };
    row[column]
}

/// Categories a destination controls at import (a local registration the store's sellers do
/// not hold), with the reason code the app words.
const CONTROLLED: [(&str, &str); 2] = [("BR", "beauty-cosmetics"), ("KR", "beauty-cosmetics")];

/// Why goods of `category` may not enter `destination` at all, whatever the route.
pub fn destination_restriction(
    destination: &str,
    category: &str,
) -> Option<domain::shipping::Restriction> {
    CONTROLLED
        .contains(&(destination, category))
        .then_some(domain::shipping::Restriction::ControlledCategory)
}

/// `value × per_mille / 1000` rounded half away from zero to `currency`'s exponent.
pub fn per_mille(value: Decimal, per_mille: u32, currency: Currency) -> Decimal {
    (value * Decimal::from(per_mille) / Decimal::from(1000)).round_dp_with_strategy(
        currency.exponent(),
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_has_tax_rules_in_lookup_order() {
        assert!(TAX_RULES.windows(2).all(|w| w[0].country < w[1].country));
        for c in domain::shipping::DESTINATIONS {
            assert!(tax_rules(c).is_some(), "{c}");
        }
    }

    #[test]
    fn the_design_thresholds_are_the_ones_in_the_table() {
        let de = tax_rules("DE").expect("DE");
        assert_eq!((de.collect_up_to, de.tax_free_up_to), (Some(150), None));
        assert_eq!(tax_rules("GB").expect("GB").collect_up_to, Some(135));
        assert_eq!(tax_rules("AU").expect("AU").collect_up_to, Some(1_000));
        let us = tax_rules("US").expect("US");
        assert_eq!((us.duty_free_up_to, us.since), (None, "2025-08-29"));
    }
}
