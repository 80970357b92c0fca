//! The product page's buy state (the chosen variant, the quantity, what adding did) and the buy
//! bar: price and "Add to cart" pinned to the bottom of the screen once the buy box has been
//! scrolled past, so a buyer reading the description or the seller's details can still buy.

use crate::i18n::{t, Locale, Msg};
use crate::ui::money;
use domain::{Converted, Money, VariantInfo};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the buy box and the bar share. `Copy`: every handle is a signal.
#[derive(Clone, Copy)]
pub struct Buy {
    /// The variant the options name, if they name one.
    pub chosen: Memo<Option<VariantInfo>>,
    pub quantity: RwSignal<u32>,
    /// None: nothing yet; Some(true): added; Some(false): the change failed.
    pub added: RwSignal<Option<bool>>,
    /// The product's lowest price, shown before the options name a variant.
    from: StoredValue<(Money, Option<Converted>)>,
    cart: crate::cart::CartState,
}

impl Buy {
    pub fn new(chosen: Memo<Option<VariantInfo>>, from: (Money, Option<Converted>)) -> Self {
        // What "Add to cart" runs is the cart's own module: fetched ahead, once the page is idle.
        #[cfg(target_arch = "wasm32")]
        crate::ui::lazy::prefetch_when_idle(crate::cart::preload_cart_code);
        Buy {
            chosen,
            quantity: RwSignal::new(1),
            added: RwSignal::new(None),
            from: StoredValue::new(from),
            cart: crate::cart::use_cart(),
        }
    }

    /// The chosen variant's price (tracked), or before a full choice the lowest.
    pub fn price(self) -> (Money, Option<Converted>) {
        self.chosen
            .get()
            .map_or_else(|| self.from.get_value(), |v| (v.price, v.converted))
    }

    /// "Add to cart", in the buy box (`options`: None) and in the bar. The buy box's needs a
    /// full choice of options; the bar's, before one, brings the options back into view (above
    /// the `options` row, which lands at the bottom of the screen) rather than being a dead
    /// control. One function for both, so the page carries the button's code once.
    pub fn button(self, l: Locale, options: Option<NodeRef<leptos::html::Div>>) -> impl IntoView {
        let chosen = self.chosen;
        let on_click = move |_| {
            if chosen.get_untracked().is_some() {
                self.add();
            } else if let Some(row) = options.and_then(|o| o.get_untracked()) {
                row.scroll_into_view_with_bool(false);
            }
        };
        view! {
            <button type="button" class="button add-to-cart" on:click=on_click
                disabled=move || chosen.get().map_or(options.is_none(), |v| v.stock == 0)>
                {t(l, Msg::AddToCart).into_owned()}
            </button>
        }
    }

    /// Adds the chosen variant in the chosen quantity; `added` says how it went.
    pub fn add(self) {
        let Some(v) = self.chosen.get_untracked() else {
            return;
        };
        let quantity = self.quantity.get_untracked();
        self.added.set(None);
        leptos::task::spawn_local(async move {
            self.added.set(Some(self.cart.add(v.sku, quantity).await));
        });
    }
}

/// The bar. It is always in the page (hidden until `watch` has scrolled out of view above the
/// screen), so showing it moves nothing: it is `position: sticky` at the end of the page's
/// content, where its own space keeps it from covering the last lines or the footer.
pub fn buy_bar(l: Locale, buy: Buy, watch: NodeRef<leptos::html::Div>) -> impl IntoView {
    let past = scrolled_past(watch);
    // The price as text, not a second `PriceTag`: the bar only repeats what the page shows.
    let shown = move || {
        let (price, converted) = buy.price();
        match converted.filter(|c| c.amount.currency() != price.currency()) {
            Some(c) => format!("≈ {}", money(&c.amount, l)),
            None => money(&price, l),
        }
    };
    view! {
        <div class="buy-bar" class:shown=move || past.get()>
            <p class="price">{shown}</p>
            {buy.button(l, Some(watch))}
        </div>
    }
}

/// Whether `target` has left the screen through its top (scrolled past, not yet reached).
/// An `IntersectionObserver` rather than a scroll handler: the browser reports the crossing
/// without the page measuring anything on every scroll.
fn scrolled_past(target: NodeRef<leptos::html::Div>) -> ReadSignal<bool> {
    let (past, set_past) = signal(false);
    let slot =
        StoredValue::new_local(None::<(IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(el) = target.get() else {
            return;
        };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries.iter().last() else {
                return;
            };
            let entry: IntersectionObserverEntry = entry.unchecked_into();
            // Out of view with its bottom above the screen: it left through the top.
            let now = !entry.is_intersecting() && entry.bounding_client_rect().bottom() <= 0.0;
            if past.get_untracked() != now {
                set_past.set(now);
            }
        });
        if let Ok(observer) = IntersectionObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&el);
            slot.update_value(|s| {
                if let Some((old, _)) = s.replace((observer, callback)) {
                    old.disconnect();
                }
            });
        }
    });
    on_cleanup(move || {
        slot.try_update_value(|s| {
            if let Some((observer, _)) = s.take() {
                observer.disconnect();
            }
        });
    });
    past
}

// The few members used, bound here: web-sys's bindings are behind features the app does not
// otherwise need.
#[wasm_bindgen]
extern "C" {
    type IntersectionObserver;

    #[wasm_bindgen(constructor, catch)]
    fn new(callback: &js_sys::Function) -> Result<IntersectionObserver, JsValue>;

    #[wasm_bindgen(method)]
    fn observe(this: &IntersectionObserver, target: &web_sys::Element);

    #[wasm_bindgen(method)]
    fn disconnect(this: &IntersectionObserver);

    type IntersectionObserverEntry;

    #[wasm_bindgen(method, getter, js_name = isIntersecting)]
    fn is_intersecting(this: &IntersectionObserverEntry) -> bool;

    #[wasm_bindgen(method, getter, js_name = boundingClientRect)]
    fn bounding_client_rect(this: &IntersectionObserverEntry) -> Rect;

    type Rect;

    #[wasm_bindgen(method, getter)]
    fn bottom(this: &Rect) -> f64;
}
