//! The ship-to country: one choice shared by the product page, the cart and checkout.

use crate::buyer::{tr, use_buyer, use_locale};
use crate::currency::use_currency;
use crate::format::region_name;
use crate::i18n::Msg;
use domain::shipping::DESTINATIONS;
use leptos::prelude::*;

/// Destinations with their names in the page's language, in that language's order.
pub fn destinations(tag: &str) -> Vec<(&'static str, String)> {
    let mut named: Vec<(&'static str, String)> = DESTINATIONS
        .iter()
        .map(|c| (*c, region_name(c, tag)))
        .collect();
    // Insertion sort: 24 names, and the standard library's stable sort adds its own code to
    // every page with the select: measured 2.1 KB of brotli on the product page (the
    // comparison is `Intl`'s either way).
    for i in 1..named.len() {
        let mut j = i;
        while j > 0 && crate::format::compare_text(&named[j - 1].1, &named[j].1, tag).is_gt() {
            named.swap(j - 1, j);
            j -= 1;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_destinations_are_every_country_shipped_to_once_in_the_languages_order() {
        let named = destinations("en");
        let mut codes: Vec<&str> = named.iter().map(|(c, _)| *c).collect();
        assert!(named
            .windows(2)
            .all(|w| crate::format::compare_text(&w[0].1, &w[1].1, "en").is_le()));
        codes.sort_unstable();
        assert_eq!(codes, DESTINATIONS);
    }
}
