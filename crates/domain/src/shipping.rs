//! Where the store ships and what shipping costs: the destinations (shared by the server,
//! which checks and quotes, and the app, which offers the choice) and the shipping-quote wire
//! types.

use crate::{Currency, LineInput, Locale, Money};
use serde::{Deserialize, Serialize};

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

wire_enum! {
    /// Kinds of service, from slow and cheap to fast.
    pub enum Service {
        /// National post, untracked.
        PostalEconomy = "postal_economy",
        /// National post, registered (tracked).
        PostalRegistered = "postal_registered",
        /// ePacket: tracked light parcels from China.
        EPacket = "epacket",
        /// A dedicated line into one economy (consolidated flights, local last mile).
        SpecialLine = "special_line",
        /// Express courier, door to door.
        Express = "express",
        /// Air freight in weight brackets, for heavier parcels.
        EconomyAir = "economy_air",
        /// Delivery inside the warehouse's own country (overseas warehouses, domestic sellers).
        Local = "local",
        /// Next-day delivery inside the warehouse's country.
        LocalExpress = "local_express",
    }
}

wire_enum! {
    /// What stands out about an option among a shipment's options.
    pub enum OptionLabel {
        Cheapest = "cheapest",
        Fastest = "fastest",
        /// The best price for the time it takes.
        BestValue = "best_value",
    }
}

wire_enum! {
    /// When duties and import taxes are paid.
    pub enum TaxesDue {
        /// Collected with the order (low-value regimes, delivered-duty-paid routes).
        Checkout = "checkout",
        /// Paid by the buyer to the carrier or customs on delivery: an estimate.
        Delivery = "delivery",
        /// Nothing is due.
        Nothing = "none",
    }
}

wire_enum! {
    /// Which rule set the duties and taxes of an option.
    pub enum TaxRule {
        /// Same customs territory: no import.
        Domestic = "domestic",
        /// A low-value regime collects the taxes with the order.
        CollectedAtCheckout = "collected_at_checkout",
        /// The goods are worth no more than the destination's threshold.
        BelowThreshold = "below_threshold",
        /// The goods are worth more than the destination's threshold.
        AboveThreshold = "above_threshold",
        /// The destination has no threshold.
        NoThreshold = "no_threshold",
    }
}

wire_enum! {
    /// Why an item cannot be sent to a destination.
    pub enum Restriction {
        /// Carriers into this country refuse lithium batteries from abroad.
        LithiumBattery = "lithium_battery",
        Liquid = "liquid",
        Magnet = "magnet",
        Fragile = "fragile",
        /// The destination does not let this category in.
        ControlledCategory = "controlled_category",
        /// No route serves the postal code.
        RemoteArea = "remote_area",
        /// Larger or heavier than any route takes.
        TooLarge = "too_large",
        /// No route from the item's warehouses to the destination.
        NoRoute = "no_route",
    }
}

/// Where to quote for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DestinationInput {
    /// ISO 3166 alpha-2, one of the store's destinations.
    pub country: String,
    /// Optional; some routes do not serve remote areas. Letters, digits, spaces and hyphens
    /// (see `validate::well_formed_postal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*[A-Za-z0-9 -]{0,12}\s*$"))]
    pub postal_code: Option<String>,
}

/// `POST /api/v1/shipping/quotes`: lines (a product-page estimate) or a cart, and where to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingQuoteRequest {
    pub destination: DestinationInput,
    /// The lines to quote, when no cart is named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub lines: Vec<LineInput>,
    /// A cart token: quote that cart's lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart_token: Option<String>,
}

/// A quote: the lines grouped into shipments, every way to send each, and what cannot ship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingQuote {
    pub id: String,
    /// RFC 3339; choices must be accepted before then.
    pub expires_at: String,
    /// Seconds from the answer to `expires_at` (clients need not trust their clock).
    pub expires_in: u32,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// The buyer's currency every converted amount is in.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CLP"))]
    pub currency: Currency,
    pub shipments: Vec<Shipment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unshippable: Vec<UnshippableLine>,
    /// Shipping of each shipment's cheapest option, summed.
    pub chosen_shipping: Money,
    /// Shipping every unit on its own by its cheapest route: what the grouping saved against.
    pub separate_shipping: Money,
    /// `separate_shipping` − `chosen_shipping`, when sending the units together saves
    /// something (more than one unit, and a positive difference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saving: Option<Money>,
}

/// Lines leaving one warehouse together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Shipment {
    /// `s1`, `s2`… within the quote.
    pub id: String,
    /// Warehouse code (`CN-SZX`), city (in the request's locale) and country.
    pub origin: String,
    pub origin_city: String,
    pub origin_country: String,
    pub lines: Vec<ShipmentLine>,
    pub weight_g: u32,
    /// Cheapest landed total first.
    pub options: Vec<ShippingOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShipmentLine {
    pub sku: String,
    pub title: String,
    pub quantity: u32,
}

/// One way to send one shipment, with its landed cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingOption {
    /// The route id; choose with it.
    pub id: String,
    pub carrier: String,
    pub service: Service,
    /// In the carrier's currency, handling surcharges included.
    pub price: Money,
    /// `price` in the buyer's currency.
    pub converted: Money,
    /// Handling surcharges included in `price`, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surcharge: Option<Money>,
    pub parcels: u32,
    pub chargeable_g: u32,
    /// Delivery window (ISO dates): today + handling + transit, in business days.
    pub earliest: String,
    pub latest: String,
    /// The delivery window as the request's language writes it ("Dec 3 – 10", "12月3日～10日"):
    /// CLDR's interval format for month and day, written by the server.
    pub dates: String,
    pub tracked: bool,
    /// Delivered duty paid: duties and taxes are collected with the order.
    pub ddp: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<OptionLabel>,
    /// Import duties and taxes for this shipment by this route, in the buyer's currency.
    pub duties: Money,
    pub taxes: Money,
    /// `duties` + `taxes`: what is due at checkout or on delivery, as `taxes_due` says.
    pub duties_and_taxes: Money,
    pub taxes_due: TaxesDue,
    pub tax_rule: TaxRule,
    /// The destination's threshold that applied, in its own currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Money>,
    /// Goods + shipping + what is collected at checkout.
    pub pay_now: Money,
    /// Goods + shipping + duties + taxes.
    pub total: Money,
}

/// A line that cannot ship to the destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnshippableLine {
    pub sku: String,
    pub title: String,
    pub reason: Restriction,
}

/// One option chosen for one shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Choice {
    pub shipment: String,
    pub option: String,
}

/// `POST /api/v1/shipping/quotes/{id}/totals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TotalsRequest {
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub choices: Vec<Choice>,
}

/// What the buyer pays for a quote with one option per shipment, computed by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShippingTotals {
    pub quote_id: String,
    pub goods: Money,
    pub shipping: Money,
    /// Duties and taxes collected with the order.
    pub duties_and_taxes_now: Money,
    /// Duties and taxes the buyer pays on delivery (an estimate).
    pub due_on_delivery: Money,
    pub pay_now: Money,
    /// Everything, including what is paid on delivery.
    pub landed_total: Money,
    /// What the payment provider will charge: `pay_now`, or its conversion when the provider
    /// does not settle the display currency (then with the locked rate's quote).
    pub charge: Charge,
}

/// The amount a payment will be for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Charge {
    pub amount: Money,
    /// The exchange-rate quote locking the conversion (send it with the order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fx_quote_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
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
