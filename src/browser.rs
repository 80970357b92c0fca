//! The browser's own state, read and written in one place: `localStorage` (kept across visits
//! and shared by the tabs), `sessionStorage` (this tab only) and the buyer's languages.
//! Storage may be refused (private browsing): reads then find nothing and writes are dropped,
//! so a choice lasts only for this visit.

use leptos::prelude::window;

/// Which storage a key lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// `localStorage`: every tab, across visits.
    Local,
    /// `sessionStorage`: this tab, until it closes.
    Session,
}

/// The buyer's chosen currency (`localStorage`).
pub const CURRENCY_KEY: &str = "store.currency";
/// The buyer's ship-to country (`localStorage`).
pub const SHIP_TO_KEY: &str = "store.ship_to";

impl Store {
    /// In a preview's device frame (`routes::Frame`) both are the tab's session: the frames of
    /// one preview share a market and a cart, which end with the tab, and the seller's own
    /// choices and cart (in `localStorage`) are left alone.
    fn storage(self) -> Option<web_sys::Storage> {
        match self == Store::Session || crate::routes::in_frame(|f| f.is_some()) {
            true => window().session_storage(),
            false => window().local_storage(),
        }
        .ok()
        .flatten()
    }

    /// The value kept under `key`, if any.
    pub fn get(self, key: &str) -> Option<String> {
        self.storage()?.get_item(key).ok().flatten()
    }

    /// Keeps `value` under `key` (dropped when the browser refuses storage).
    pub fn set(self, key: &str, value: &str) {
        if let Some(s) = self.storage() {
            let _ = s.set_item(key, value);
        }
    }

    /// Forgets `key`.
    pub fn remove(self, key: &str) {
        if let Some(s) = self.storage() {
            let _ = s.remove_item(key);
        }
    }
}

/// The buyer's languages in order of preference (`navigator.languages`).
pub fn languages() -> Vec<String> {
    window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// The element the app is mounted in: `<div id="app" hidden>` on a page whose first screen the
/// server drew (`crate::shell::prerender`), else `<body>`. A script in `index.html` shows it in the
/// first screen's place once the app has drawn its page: the page's root carries `data-drawn`
/// (product, listing, not found, an error), and the markup is the same, so nothing moves.
pub fn mount_point() -> web_sys::HtmlElement {
    let document = leptos::prelude::document();
    document
        .get_element_by_id("app")
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        .or_else(|| document.body())
        .expect("a page has a body")
}

/// Tells the server a choice the buyer made (`store_currency`, `store_ship_to`), as a cookie
/// beside `localStorage`, so the first screen it draws of the next page is already in the
/// buyer's currency and quoted for their destination. A code, not a secret: readable by
/// scripts, sent only to this site.
pub fn remember_for_server(name: &str, code: &str) {
    // A preview's choices are not the seller's own (`Store`).
    if crate::routes::in_frame(|f| f.is_some()) {
        return;
    }
    let cookie = format!("{name}={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    let _ = js_sys::Reflect::set(
        &leptos::prelude::document(),
        &wasm_bindgen::JsValue::from_str("cookie"),
        &wasm_bindgen::JsValue::from_str(&cookie),
    );
}
