//! Every text the app writes for a code the server sends about shipping: carrier services,
//! option labels, when duties and taxes are due, the tax rule that applied, and why a line
//! cannot ship. Kept together (shipping and orders both write them): these codes are strings
//! on the wire today and will become enums.

use super::money::money;
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::ShippingOption;
use domain::Money;

/// Why a line cannot ship to `country` (a name in the page's language), from the server's code.
pub fn restriction_text(locale: Locale, code: &str, country: String) -> String {
    let msg = match code {
        "lithium_battery" => Msg::CannotShipLithium,
        "liquid" => Msg::CannotShipLiquid,
        "controlled_category" => Msg::CannotShipControlled,
        "magnet" => Msg::CannotShipMagnet,
        "fragile" => Msg::CannotShipFragile,
        "remote_area" => Msg::CannotShipRemote,
        _ => Msg::CannotShipOther,
    };
    fill(&t(locale, msg), &[country])
}

pub fn service_name(locale: Locale, code: &str) -> String {
    let msg = match code {
        "postal_economy" => Msg::ServicePostalEconomy,
        "postal_registered" => Msg::ServicePostalRegistered,
        "epacket" => Msg::ServiceEPacket,
        "special_line" => Msg::ServiceSpecialLine,
        "economy_air" => Msg::ServiceEconomyAir,
        "local" => Msg::ServiceLocal,
        "local_express" => Msg::ServiceLocalExpress,
        _ => Msg::ServiceExpress,
    };
    t(locale, msg).into_owned()
}

pub fn label_name(locale: Locale, label: &str) -> String {
    let msg = match label {
        "cheapest" => Msg::LabelCheapest,
        "fastest" => Msg::LabelFastest,
        _ => Msg::LabelBestValue,
    };
    t(locale, msg).into_owned()
}

/// What the buyer pays in duties and taxes for an option (`charges`, duties and taxes
/// together), and when, with the rule that applied.
pub fn tax_lines(locale: Locale, option: &ShippingOption, charges: Option<Money>) -> Vec<String> {
    let due = match (option.taxes_due.as_str(), charges) {
        ("checkout", Some(c)) => fill(&t(locale, Msg::TaxesNow), &[money(&c, locale)]),
        ("delivery", Some(c)) => fill(&t(locale, Msg::TaxesOnDelivery), &[money(&c, locale)]),
        _ => t(locale, Msg::TaxesNone).into_owned(),
    };
    let threshold = option.threshold.as_ref().map(|m| money(m, locale));
    let rule = match (option.tax_rule.as_str(), threshold) {
        ("collected_at_checkout", Some(th)) => Some(fill(&t(locale, Msg::RuleCollected), &[th])),
        ("below_threshold", Some(th)) => Some(fill(&t(locale, Msg::RuleBelow), &[th])),
        ("above_threshold", Some(th)) => Some(fill(&t(locale, Msg::RuleAbove), &[th])),
        ("no_threshold", _) => Some(t(locale, Msg::RuleNone).into_owned()),
        _ => None,
    };
    std::iter::once(due).chain(rule).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_engine_gives_has_its_own_words_naming_the_country() {
        let fallback = restriction_text(Locale::En, "too_large", "Chile".into());
        for locale in Locale::ALL {
            for code in [
                "lithium_battery",
                "liquid",
                "controlled_category",
                "magnet",
                "fragile",
                "remote_area",
                "too_large",
            ] {
                let text = restriction_text(locale, code, "Chile".into());
                assert!(text.contains("Chile"), "{locale:?} {code}: {text}");
                if locale == Locale::En && code != "too_large" {
                    assert_ne!(text, fallback, "{code}");
                }
            }
        }
    }

    #[test]
    fn every_service_and_label_has_a_name() {
        let services = [
            "postal_economy",
            "postal_registered",
            "epacket",
            "special_line",
            "express",
            "economy_air",
            "local",
            "local_express",
        ];
        let names: std::collections::HashSet<String> = services
            .iter()
            .map(|s| service_name(Locale::En, s))
            .collect();
        assert_eq!(names.len(), services.len());
        assert_eq!(label_name(Locale::Es, "best_value"), "Mejor opción");
    }
}
