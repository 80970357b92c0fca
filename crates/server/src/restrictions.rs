//! What may not ship where — the store's interim rules until the logistics engine (issue 6)
//! decides per route.
//!
//! Two kinds of rule, each with a stable reason code the app words in the buyer's language:
//! handling flags a destination's postal and express networks commonly refuse from abroad
//! (lithium batteries, liquids), and product categories a destination controls at import
//! (cosmetics needing a local registration). They are deliberately conservative and are a
//! policy table, not a statement of any country's law.

/// Destinations the cart offers as ship-to countries.
pub use domain::shipping::DESTINATIONS as SHIP_TO;

/// Handling bits (see the products table): 2 lithium battery, 4 liquid.
const LITHIUM: i64 = 2;
const LIQUID: i64 = 4;

/// Destinations refusing goods with a lithium battery in this interim policy.
const NO_LITHIUM: [&str; 3] = ["AU", "NZ", "BR"];
/// Destinations refusing liquids in this interim policy.
const NO_LIQUIDS: [&str; 4] = ["US", "AU", "AE", "SA"];
/// `(destination, category slug)` pairs controlled at import.
const CONTROLLED_CATEGORIES: [(&str, &str); 2] =
    [("BR", "beauty-cosmetics"), ("KR", "beauty-cosmetics")];

/// Why a product cannot ship to `country`, as a reason code, or `None` when it can.
pub fn restriction(country: &str, handling: i64, category: &str) -> Option<&'static str> {
    if handling & LITHIUM != 0 && NO_LITHIUM.contains(&country) {
        return Some("lithium_battery");
    }
    if handling & LIQUID != 0 && NO_LIQUIDS.contains(&country) {
        return Some("liquid");
    }
    if CONTROLLED_CATEGORIES.contains(&(country, category)) {
        return Some("controlled_category");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_battery_cannot_go_to_australia_but_can_go_to_the_us() {
        assert_eq!(
            restriction("AU", LITHIUM, "phones-accessories"),
            Some("lithium_battery")
        );
        assert_eq!(restriction("US", LITHIUM, "phones-accessories"), None);
    }

    #[test]
    fn liquids_and_controlled_categories_have_their_own_reasons() {
        assert_eq!(
            restriction("US", LIQUID, "beauty-cosmetics"),
            Some("liquid")
        );
        assert_eq!(
            restriction("KR", 0, "beauty-cosmetics"),
            Some("controlled_category")
        );
        assert_eq!(restriction("KR", 0, "apparel"), None);
    }

    #[test]
    fn every_rule_names_an_offered_destination() {
        for c in NO_LITHIUM.iter().chain(NO_LIQUIDS.iter()) {
            assert!(SHIP_TO.contains(c), "{c}");
        }
        for (c, _) in CONTROLLED_CATEGORIES {
            assert!(SHIP_TO.contains(&c), "{c}");
        }
    }
}
