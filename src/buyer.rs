//! Who the page is for: the buyer's language, currency and ship-to country, provided once by
//! the shell and read by every feature through [`use_buyer`]. Every price, quote and check
//! the server makes follows these three.

use crate::browser::{self, Store, SHIP_TO_KEY};
use crate::i18n::{t, Locale, Msg};
use domain::shipping::{default_ship_to, DESTINATIONS};
use domain::Currency;
use leptos::prelude::*;

/// The same choice, for the server's first screens (`browser::remember_for_server`).
const SHIP_TO_COOKIE: &str = "store_ship_to";

/// What every page shares about the buyer.
#[derive(Clone, Copy)]
pub struct Buyer {
    /// The UI locale, reactive: it follows the route's first segment.
    pub locale: Memo<Locale>,
    /// The currency prices are shown in (the server converts; the app never multiplies).
    pub currency: RwSignal<Currency>,
    /// The destination lines are checked, quoted and shipped to.
    pub ship_to: RwSignal<&'static str>,
}

/// A country the store ships to, by its code.
fn destination(code: &str) -> Option<&'static str> {
    DESTINATIONS.iter().copied().find(|d| *d == code)
}

/// Creates the buyer for `locale` and `currency`, with the remembered ship-to country (else
/// the best guess from the browser's languages), and follows another tab's choice of it.
pub fn provide_buyer(locale: Memo<Locale>, currency: Currency) -> Buyer {
    let ship_to = Store::Local
        .get(SHIP_TO_KEY)
        .and_then(|c| destination(&c))
        .unwrap_or_else(|| default_ship_to(&browser::languages(), locale.get_untracked()));
    let buyer = Buyer {
        locale,
        currency: RwSignal::new(currency),
        ship_to: RwSignal::new(ship_to),
    };
    let storage_events = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(SHIP_TO_KEY) {
            if let Some(c) = ev.new_value().and_then(|c| destination(&c)) {
                buyer.ship_to.set(c);
            }
        }
    });
    on_cleanup(move || storage_events.remove());
    provide_context(buyer);
    buyer
}

/// The buyer, as the shell provided it.
pub fn use_buyer() -> Buyer {
    use_context::<Buyer>().expect("the shell provides the buyer")
}

impl Buyer {
    /// Ships to another destination (remembered for next time; other tabs follow).
    pub fn choose_ship_to(self, country: &'static str) {
        Store::Local.set(SHIP_TO_KEY, country);
        browser::remember_for_server(SHIP_TO_COOKIE, country);
        self.ship_to.set(country);
    }
}

/// The current UI locale, reactive. Outside the shell (a component mounted on its own, as in
/// the browser tests) it is the default locale.
pub fn use_locale() -> Memo<Locale> {
    use_context::<Buyer>().map_or_else(|| Memo::new(|_| Locale::default()), |b| b.locale)
}

/// A reactive translation, for use directly in `view!`: `{tr(Msg::Retry)}`.
pub fn tr(msg: Msg) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || t(locale.get(), msg).into_owned()
}

/// A translation fixed at render time, for views that are rebuilt when the locale changes
/// (every page below the shell refetches and re-renders then). A plain `String` shares one
/// rendering path in the wasm, where each `tr` closure is a type of its own.
pub fn tx(msg: Msg) -> String {
    t(use_locale().get_untracked(), msg).into_owned()
}
