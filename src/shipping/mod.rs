//! Shipping in the app: the ship-to choice, live quotes (debounced, the previous request
//! aborted, re-quoted when a quote expires), the product page's estimate, the cart's estimate
//! per shipment, and the checkout's delivery step. Every amount, date and tax is the server's
//! (but the two in `amounts`); the texts for the server's codes are in `ui::shipping_texts`.

mod amounts;
mod delivery;
mod estimates;
mod live;

pub use delivery::DeliveryChoices;
pub use estimates::{CartEstimate, ProductEstimate};
pub use live::{follow_choices, follow_totals, live_quote, LiveQuote};

use crate::api::shipping::{quote_body, QuoteFor};
use crate::buyer::{tr, use_buyer, use_locale};
use crate::currency::use_currency;
use crate::format::{format_date_range, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::{ShippingOption, DESTINATIONS};
use leptos::prelude::*;

/// "Arrives 3–10 Dec".
pub fn arrives(locale: Locale, option: &ShippingOption) -> String {
    fill(
        &t(locale, Msg::Arrives),
        &[format_date_range(
            &option.earliest,
            &option.latest,
            locale.tag(),
        )],
    )
}

/// Destinations with their names in the page's language, in that language's order.
pub fn destinations(tag: &str) -> Vec<(&'static str, String)> {
    let mut named: Vec<(&'static str, String)> = DESTINATIONS
        .iter()
        .map(|c| (*c, region_name(c, tag)))
        .collect();
    named.sort_by(|a, b| crate::format::compare_text(&a.1, &b.1, tag));
    named
}

/// The ship-to country, shared by the product page, the cart and checkout (and remembered).
#[component]
pub fn ShipToSelect(id: &'static str) -> impl IntoView {
    let locale = use_locale();
    let buyer = use_buyer();
    let rates = use_currency();
    let options = move || {
        let chosen = buyer.ship_to.get();
        destinations(locale.get().tag())
            .into_iter()
            .map(|(code, name)| view! { <option value=code selected={code == chosen}>{name}</option> })
            .collect_view()
    };
    view! {
        <div class="ship-to field">
            <label for=id>{tr(Msg::ShipTo)}</label>
            <select id=id autocomplete="shipping country"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(c) = DESTINATIONS.iter().copied().find(|d| *d == v) {
                        // A buyer who never chose a currency sees the destination's.
                        rates.follow_destination(buyer.currency, c);
                        buyer.choose_ship_to(c);
                    }
                }>
                {options}
            </select>
        </div>
    }
}

/// The quote request for a cart (`None`: nothing to quote) to `ship_to`, for `postal` (blank:
/// none).
pub fn cart_quote_body(token: Option<String>, ship_to: &str, postal: &str) -> Option<String> {
    Some(quote_body(QuoteFor::Cart(&token?), ship_to, postal))
}

/// What the quote endpoint takes as a postal code: at most 12 letters, digits, spaces and
/// hyphens (the same rule the server applies).
pub fn well_formed_postal(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 12
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_the_server_would_refuse_are_caught_before_sending() {
        for ok in ["", "10001", "SW1A 1AA", "22162-1010", " 8340457 "] {
            assert!(well_formed_postal(ok), "{ok}");
        }
        for bad in ["<script>", "1000!", "1234567890123", "10001\u{301}"] {
            assert!(!well_formed_postal(bad), "{bad}");
        }
    }
}
