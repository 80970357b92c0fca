//! The buyer's currency: its default, the explicit choice (remembered), and the store's rates.

use crate::browser::{self, Store, CURRENCY_KEY as STORAGE_KEY};
use crate::buyer::Buyer;
use crate::i18n::Locale;
use domain::market::{default_currency, for_country};
use domain::{Currency, RateTable};
use leptos::prelude::*;

/// The same choice, for the server's first screens (`browser::remember_for_server`).
const COOKIE: &str = "store_currency";

/// The store's rates, for the price notes and the currency menu. The buyer's currency itself
/// is [`Buyer::currency`].
#[derive(Clone, Copy)]
pub struct CurrencyState {
    /// The store's rate table (sources, dates, spread), once fetched.
    pub table: RwSignal<Option<RateTable>, LocalStorage>,
}

/// The buyer's currency before the store's list has arrived: remembered, else the one the page's
/// inlined answer is priced in (the server's guess), else the default for their languages.
pub fn initial_currency(locale: Locale) -> Currency {
    Store::Local
        .get(STORAGE_KEY)
        .and_then(|code| code.parse::<Currency>().ok())
        // A choice made before the server was told of it.
        .inspect(|c| browser::remember_for_server(COOKIE, c.code()))
        // The page's first answer was priced by the same rule with the currencies the store
        // offers (the app learns them only with the rate table): the same guess, or a better one.
        .or_else(crate::api::inlined_currency)
        .unwrap_or_else(|| default_currency(&browser::languages(), locale, &[]))
}

/// Fetches the rate table; a remembered or default currency the store no longer offers falls
/// back.
pub fn provide_currency(buyer: Buyer) {
    let current = buyer.currency;
    let locale = buyer.locale.get_untracked();
    let table = RwSignal::new_local(None::<RateTable>);
    leptos::task::spawn_local(async move {
        if let Ok(rates) = crate::api::fx::fx_rates().await {
            let offered: Vec<Currency> = rates.rates.iter().map(|r| r.currency).collect();
            // A remembered or default currency the store no longer offers falls back.
            if !offered.contains(&current.get_untracked()) {
                current.set(default_currency(&browser::languages(), locale, &offered));
            }
            table.set(Some(rates));
        }
    });
    provide_context(CurrencyState { table });
}

/// The buyer chose `currency`: shown at once, remembered.
pub fn choose(buyer_currency: RwSignal<Currency>, currency: Currency) {
    buyer_currency.set(currency);
    Store::Local.set(STORAGE_KEY, currency.code());
    browser::remember_for_server(COOKIE, currency.code());
}

impl CurrencyState {
    /// A buyer who has not chosen a currency sees prices in the currency of the country they
    /// ship to (shipping to Japan shows yen); an explicit choice is never overridden.
    pub fn follow_destination(self, current: RwSignal<Currency>, country: &str) {
        if Store::Local.get(STORAGE_KEY).is_some() {
            return;
        }
        let offered = self.table.with_untracked(|t| {
            t.as_ref()
                .map(|t| t.rates.iter().map(|r| r.currency).collect::<Vec<_>>())
        });
        if let Some(c) =
            for_country(country).filter(|c| offered.as_ref().is_none_or(|o| o.contains(c)))
        {
            current.set(c);
        }
    }
}

pub fn use_currency() -> CurrencyState {
    use_context::<CurrencyState>().unwrap_or_else(|| CurrencyState {
        table: RwSignal::new_local(None),
    })
}
