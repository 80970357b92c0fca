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

impl Store {
    fn storage(self) -> Option<web_sys::Storage> {
        match self {
            Store::Local => window().local_storage().ok().flatten(),
            Store::Session => window().session_storage().ok().flatten(),
        }
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
    let cookie = format!("{name}={code}; Path=/; Max-Age=31536000; SameSite=Lax");
    let _ = js_sys::Reflect::set(
        &leptos::prelude::document(),
        &wasm_bindgen::JsValue::from_str("cookie"),
        &wasm_bindgen::JsValue::from_str(&cookie),
    );
}
