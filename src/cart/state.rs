//! The cart's state, which every page shares: the server's cart as last shown, whether a
//! change is on its way, the drawer; and the tabs kept in step. What talks to the server is
//! the cart's own module (`super::sync`), fetched when a cart must be read or changed.

pub use super::shared::CartState;
use super::shared::{
    bump_version, token, CartOp, COPY_KEY, COUNT_KEY, QUEUE_KEY, TOKEN_KEY, VERSION_KEY,
};
use super::sync;
use crate::browser::Store;
use crate::buyer::Buyer;
use domain::CartLine;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The count the server last gave, while a cart is held (none on the server's first screen:
/// it cannot know the buyer's cart).
fn remembered_count() -> u32 {
    #[cfg(target_arch = "wasm32")]
    return token()
        .and_then(|_| Store::Local.get(COUNT_KEY)?.parse().ok())
        .unwrap_or(0);
    #[cfg(not(target_arch = "wasm32"))]
    0
}

impl CartState {
    /// Hands `op` to the cart's module (fetched the first time, three tries); false when the
    /// module could not be fetched: the change is refused, as a failed request is.
    async fn run(self, op: CartOp) -> bool {
        match crate::ui::lazy::with_retries(|| sync::run(self, op.clone())).await {
            Ok(work) => work.await,
            Err(_) => {
                let _ = self.failed.try_set(true);
                false
            }
        }
    }

    fn run_later(self, op: CartOp) {
        spawn_local(async move {
            self.run(op).await;
        });
    }

    /// Loads the cart again from the server (locale, currency and ship-to as now), sending
    /// any unsent changes first. Without a cart and changes there is nothing to load, and no
    /// code is fetched.
    pub fn reload(self) {
        let queued = Store::Local.get(QUEUE_KEY).is_some_and(|q| !q.is_empty());
        if token().is_none() && !queued {
            self.cart.set(None);
            return;
        }
        self.run_later(CartOp::Reload);
    }

    /// Adds `quantity` units of `sku` (on top of what the cart holds).
    pub async fn add(self, sku: String, quantity: u32) -> bool {
        self.run(CartOp::Add(sku, quantity)).await
    }

    /// Sets a line's quantity; the stepper shows it at once, the totals follow the server.
    pub fn set_quantity(self, sku: String, quantity: u32) {
        self.run_later(CartOp::Set(sku, quantity));
    }

    /// Removes a line, remembering it for "Undo".
    pub fn remove(self, line: &CartLine) {
        self.run_later(CartOp::Remove(
            line.sku.clone(),
            line.quantity,
            line.title.clone(),
        ));
    }

    /// Puts the last removed line back.
    pub fn undo(self) {
        self.run_later(CartOp::Undo);
    }

    /// The cart's token while it holds something (to quote shipping for). Reactive.
    pub fn quotable_token(self) -> Option<String> {
        self.cart.with(|c| {
            c.as_ref()
                .filter(|c| c.item_count > 0)
                .map(|c| c.token.clone())
        })
    }

    /// Units in the cart; until it is loaded again, the count the server last gave.
    pub fn count(self) -> u32 {
        self.cart.with(|c| match c {
            Some(c) => c.item_count,
            None => remembered_count(),
        })
    }

    /// Forgets the cart once it became an order: the next item starts a new cart. Other tabs
    /// follow through the storage event.
    pub fn forget(self) {
        for key in [TOKEN_KEY, COPY_KEY, QUEUE_KEY, COUNT_KEY] {
            Store::Local.remove(key);
        }
        bump_version();
        self.cart.set(None);
        self.removed.set(None);
    }

    /// Opens the compact cart on large screens; false on small ones and on the cart page
    /// itself (the caller navigates).
    pub fn open_drawer(self) -> bool {
        let on_cart_page = window()
            .location()
            .pathname()
            .is_ok_and(|p| p.ends_with("/cart"));
        // The same breakpoint as the stylesheet's wide layout.
        let large = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w >= 960.0);
        match self.drawer.get_untracked() {
            Some(dialog) if large && !on_cart_page => {
                self.drawer_open.set(true);
                dialog.show_modal().is_ok()
            }
            _ => false,
        }
    }
}

impl CartState {
    /// No cart yet, nothing pending, the drawer closed. Inlined: as a call it costs the wasm
    /// 0.1 KB more than the two copies it replaces.
    #[inline(always)]
    fn empty(buyer: Buyer) -> CartState {
        CartState {
            cart: RwSignal::new_local(None),
            pending: RwSignal::new(false),
            failed: RwSignal::new(false),
            offline: RwSignal::new(false),
            removed: RwSignal::new(None),
            drawer: NodeRef::new(),
            drawer_open: RwSignal::new(false),
            buyer,
        }
    }
}

/// The cart as the server draws a page's first screen (`crate::shell::prerender`): empty,
/// with nothing fetched or listened to; the app's own [`provide_cart`] takes over in the
/// browser.
#[cfg(feature = "ssr")]
pub fn provide_unknown_cart(buyer: Buyer) {
    provide_context(CartState::empty(buyer));
}

/// Creates the cart state, loads the cart, and follows the other tabs, the buyer's language,
/// currency and ship-to country, and the connection coming back.
pub fn provide_cart(buyer: Buyer) {
    let state = CartState::empty(buyer);
    // Priced again whenever the language, the currency or the destination changes.
    Effect::new(move |_| {
        buyer.locale.track();
        buyer.currency.track();
        buyer.ship_to.track();
        state.reload();
    });
    let storage_events =
        window_event_listener(leptos::ev::storage, move |ev| match ev.key().as_deref() {
            Some(VERSION_KEY) | Some(TOKEN_KEY) => state.reload(),
            _ => {}
        });
    let online = window_event_listener(leptos::ev::online, move |_| state.reload());
    on_cleanup(move || {
        storage_events.remove();
        online.remove();
    });
    provide_context(state);
}

pub fn use_cart() -> CartState {
    use_context::<CartState>().expect("the shell provides the cart")
}
