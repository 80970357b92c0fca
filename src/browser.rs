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

/// The element the app is mounted in: `<body>`, or — on a page whose first screen the server
/// drew (`<div id="first-screen">`, see `crate::prerender`) — a hidden `<div id="app">` after
/// it, shown by [`take_over`] once the app has drawn the same page.
pub fn mount_point() -> web_sys::HtmlElement {
    let document = leptos::prelude::document();
    let body = document.body().expect("a page has a body");
    if document.get_element_by_id("first-screen").is_none() {
        return body;
    }
    let Some(app) = document
        .create_element("div")
        .ok()
        .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
    else {
        return body;
    };
    app.set_id("app");
    app.set_hidden(true);
    let _ = body.append_child(&app);
    app
}

/// The app's page is drawn (or explains why it cannot be): it takes the server's first screen's
/// place in one step, so the layout, which is the same markup, does not move. Later calls do
/// nothing.
pub fn take_over() {
    let document = leptos::prelude::document();
    if let Some(first) = document.get_element_by_id("first-screen") {
        first.remove();
        if let Some(app) = document
            .get_element_by_id("app")
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            app.set_hidden(false);
        }
    }
}
