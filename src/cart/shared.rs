//! What the cart's state (`super::state`) and the cart's own module (`super::sync`) both
//! name: the state every page shares, the keys it is kept under in `localStorage`, and the
//! operations a page asks of the module. Imports neither of them.

use crate::browser::Store;
use crate::buyer::Buyer;
use domain::Cart;
use leptos::prelude::*;

pub(super) const TOKEN_KEY: &str = "store.cart.token";
/// Bumped on every change so other tabs reload the cart (`storage` events).
pub(super) const VERSION_KEY: &str = "store.cart.version";
/// The server's last answer, as JSON: what the cart page shows while offline.
pub(super) const COPY_KEY: &str = "store.cart.copy";
/// Changes not yet confirmed by the server, one `sku<TAB>quantity` per line (0 = remove):
/// kept across reloads and sent when the server can be reached.
pub(super) const QUEUE_KEY: &str = "store.cart.queue";
/// Units in the server's last answer: the header's count until the cart is loaded again.
pub(super) const COUNT_KEY: &str = "store.cart.count";

/// What the header, the product page and the cart page share.
#[derive(Clone, Copy)]
pub struct CartState {
    /// The cart as the server last priced it (with unsent changes applied while offline);
    /// `None` before the first answer or without a cart.
    pub cart: RwSignal<Option<Cart>, LocalStorage>,
    /// True while a change waits for the server (totals then show as updating).
    pub pending: RwSignal<bool>,
    /// The last change was refused; the cart shows the server's state and says so.
    pub failed: RwSignal<bool>,
    /// The server could not be reached: the page shows the saved copy and queues changes.
    pub offline: RwSignal<bool>,
    /// The last removed line, for "Undo": `(sku, quantity, title)`.
    pub removed: RwSignal<Option<(String, u32, String)>>,
    /// The compact cart shown on large screens, and whether it is open.
    pub drawer: NodeRef<leptos::html::Dialog>,
    pub drawer_open: RwSignal<bool>,
    /// Whose language, currency and destination the cart is priced and checked for.
    pub(super) buyer: Buyer,
}

pub(super) fn token() -> Option<String> {
    Store::Local.get(TOKEN_KEY)
}

pub(super) fn bump_version() {
    let next = Store::Local
        .get(VERSION_KEY)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    Store::Local.set(VERSION_KEY, &next.to_string());
}

/// What a page asks of the cart's module.
#[derive(Clone)]
pub enum CartOp {
    /// Load the cart again (sending unsent changes first).
    Reload,
    /// Add units of a SKU on top of what the cart holds.
    Add(String, u32),
    /// Set a line's quantity.
    Set(String, u32),
    /// Remove a line, remembering it for "Undo": `(sku, quantity, title)`.
    Remove(String, u32, String),
    /// Put the last removed line back.
    Undo,
}
