//! Which function writes the first response of each page that has a head of its own.

use crate::state::AppState;
use domain::{Currency, Locale};

pub mod first_screen;

/// The first response's `<head>` for home, category, product and store pages (see
/// `products::product_head`, `products::listing_head`, `sellers::storefront::store_head`),
/// each with the rate table inlined after the page's own answers; `None` when there is no
/// such page.
pub fn head(state: AppState, origin: std::sync::Arc<str>) -> crate::web::pages::PageHead {
    use crate::web::pages::Headed;
    std::sync::Arc::new(
        move |locale: Locale, page: Headed, hints: crate::web::pages::Hints| {
            let (state, origin) = (state.clone(), origin.clone());
            Box::pin(async move {
                let offered = state.fx.offered();
                // The buyer's remembered choice when it is still offered, else the app's guess.
                let chosen = hints
                    .currency
                    .and_then(|code| code.parse::<Currency>().ok())
                    .filter(|c| offered.contains(c));
                let ship_to = hints.ship_to.and_then(|code| {
                    domain::shipping::DESTINATIONS
                        .iter()
                        .copied()
                        .find(|d| *d == code)
                });
                let buyer = first_screen::Guess {
                    currency: chosen.unwrap_or_else(|| {
                        domain::market::default_currency(&hints.languages, locale, &offered)
                    }),
                    ship_to: ship_to.unwrap_or_else(|| {
                        domain::shipping::default_ship_to(&hints.languages, locale)
                    }),
                };
                let head = match page {
                    Headed::Product(slug) => {
                        crate::products::product_head(&state, &origin, locale, &slug, buyer).await
                    }
                    Headed::Category(slug) => {
                        crate::products::listing_head(&state, &origin, locale, Some(&slug), buyer)
                            .await
                    }
                    Headed::Home => {
                        crate::products::listing_head(&state, &origin, locale, None, buyer).await
                    }
                    Headed::Store(slug) => {
                        crate::sellers::storefront::store_head(
                            &state, &origin, locale, &slug, buyer,
                        )
                        .await
                    }
                };
                // And the rate table (`GET /api/v1/fx/rates`), which the first screen's
                // conversion notes were written with: the app has them when it takes over,
                // without asking.
                head.map(|mut head| {
                    let table = state.fx.table(crate::clock::unix_now());
                    if let Ok(json) = serde_json::to_string(&table) {
                        head.data
                            .push(crate::web::pages::PageData::now("fx|rates".into(), json));
                    }
                    head
                })
            })
        },
    )
}
