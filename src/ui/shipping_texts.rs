//! Every text the app writes for a code the server sends about shipping: carrier services,
//! option labels, when duties and taxes are due, the tax rule that applied, and why a line
//! cannot ship. Kept together (shipping and orders both write them). The codes are the
//! domain's enums, so every match is exhaustive: a new code does not compile until it has
//! its words.

use super::money::money;
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::{OptionLabel, Restriction, Service, ShippingOption, TaxRule, TaxesDue};

/// Why a line cannot ship to `country` (a name in the page's language).
pub fn restriction_text(locale: Locale, reason: Restriction, country: String) -> String {
    let msg = match reason {
        Restriction::LithiumBattery => Msg::CannotShipLithium,
        Restriction::Liquid => Msg::CannotShipLiquid,
        Restriction::ControlledCategory => Msg::CannotShipControlled,
        Restriction::Magnet => Msg::CannotShipMagnet,
        Restriction::Fragile => Msg::CannotShipFragile,
        Restriction::RemoteArea => Msg::CannotShipRemote,
        Restriction::TooLarge | Restriction::NoRoute => Msg::CannotShipOther,
    };
    fill(&t(locale, msg), &[country])
}

pub fn service_name(locale: Locale, service: Service) -> String {
    let msg = match service {
        Service::PostalEconomy => Msg::ServicePostalEconomy,
        Service::PostalRegistered => Msg::ServicePostalRegistered,
        Service::EPacket => Msg::ServiceEPacket,
        Service::SpecialLine => Msg::ServiceSpecialLine,
        Service::Express => Msg::ServiceExpress,
        Service::EconomyAir => Msg::ServiceEconomyAir,
        Service::Local => Msg::ServiceLocal,
        Service::LocalExpress => Msg::ServiceLocalExpress,
    };
    t(locale, msg).into_owned()
}

pub fn label_name(locale: Locale, label: OptionLabel) -> String {
    let msg = match label {
        OptionLabel::Cheapest => Msg::LabelCheapest,
        OptionLabel::Fastest => Msg::LabelFastest,
        OptionLabel::BestValue => Msg::LabelBestValue,
    };
    t(locale, msg).into_owned()
}

/// What the buyer pays in duties and taxes for an option (the server's `duties_and_taxes`),
/// and when, with the rule that applied.
pub fn tax_lines(locale: Locale, option: &ShippingOption) -> Vec<String> {
    let charges = money(&option.duties_and_taxes, locale);
    let due = match option.taxes_due {
        TaxesDue::Checkout => fill(&t(locale, Msg::TaxesNow), &[charges]),
        TaxesDue::Delivery => fill(&t(locale, Msg::TaxesOnDelivery), &[charges]),
        TaxesDue::Nothing => t(locale, Msg::TaxesNone).into_owned(),
    };
    let threshold = option.threshold.as_ref().map(|m| money(m, locale));
    let rule = match (option.tax_rule, threshold) {
        (TaxRule::CollectedAtCheckout, Some(th)) => {
            Some(fill(&t(locale, Msg::RuleCollected), &[th]))
        }
        (TaxRule::BelowThreshold, Some(th)) => Some(fill(&t(locale, Msg::RuleBelow), &[th])),
        (TaxRule::AboveThreshold, Some(th)) => Some(fill(&t(locale, Msg::RuleAbove), &[th])),
        (TaxRule::NoThreshold, _) => Some(t(locale, Msg::RuleNone).into_owned()),
        (TaxRule::Domestic, _)
        | (
            TaxRule::CollectedAtCheckout | TaxRule::BelowThreshold | TaxRule::AboveThreshold,
            None,
        ) => None,
    };
    std::iter::once(due).chain(rule).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_engine_gives_has_its_own_words_naming_the_country() {
        let fallback = restriction_text(Locale::En, Restriction::TooLarge, "Chile".into());
        for locale in Locale::ALL {
            for &reason in Restriction::ALL {
                let text = restriction_text(locale, reason, "Chile".into());
                assert!(text.contains("Chile"), "{locale:?} {reason}: {text}");
                let generic = matches!(reason, Restriction::TooLarge | Restriction::NoRoute);
                if locale == Locale::En && !generic {
                    assert_ne!(text, fallback, "{reason}");
                }
            }
        }
    }

    #[test]
    fn every_service_and_label_has_a_name() {
        let names: std::collections::HashSet<String> = Service::ALL
            .iter()
            .map(|s| service_name(Locale::En, *s))
            .collect();
        assert_eq!(names.len(), Service::ALL.len());
        assert_eq!(
            label_name(Locale::Es, OptionLabel::BestValue),
            "Mejor opción"
        );
    }
}
