//! What every page's first response shares: the buyer the server guesses from the request,
//! the first screen drawn by the app's own components, and the store as an organization.

use domain::{Currency, Locale};

/// What the server takes the buyer's currency and destination to be, from their languages,
/// by the app's own rules (`domain::market`, `domain::shipping`).
#[derive(Clone, Copy)]
pub struct Guess {
    pub currency: Currency,
    pub ship_to: &'static str,
}

/// The first screen of `screen` as the app draws it, for `locale` and the guessed buyer.
pub fn first_screen(
    fx: &crate::fx::store::FxStore,
    locale: Locale,
    path: String,
    buyer: Guess,
    screen: storefront::shell::prerender::Screen,
) -> String {
    storefront::shell::prerender::render(storefront::shell::prerender::FirstScreen {
        locale,
        path,
        currency: buyer.currency,
        ship_to: buyer.ship_to,
        // The app asks for the rate table as it starts and has it, as a rule, before its page
        // is drawn: the note on a converted price is in both.
        rates: Some(fx.table(crate::clock::unix_now())),
        screen,
    })
}

/// The store as schema.org `Organization`.
pub fn organization(origin: &str, locale: Locale) -> serde_json::Value {
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": ui_texts::texts(locale).store_name,
        "url": format!("{origin}/"),
    })
}
