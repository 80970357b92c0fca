//! The header's cart link and the compact cart it opens on large screens. The compact cart's
//! contents are the cart page's code, fetched when the buyer first opens it.

use super::page::CartBody;
use super::state::use_cart;
use crate::buyer::{tr, tx, use_locale};
use crate::i18n::{t, Msg};
use crate::routes::Page;
use crate::ui::lazy::view_or_explain;
use leptos::prelude::*;

/// The header's cart link with the number of units; changes are announced. On large screens
/// it opens the compact cart instead of leaving the page.
#[component]
pub fn CartLink() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let label = move || {
        format!(
            "{}: {}",
            t(locale.get(), Msg::Cart),
            t(
                locale.get(),
                Msg::ProductCount {
                    count: state.count().into()
                }
            )
        )
    };
    view! {
        // Named by its text in words ("Cart: 2 products"), not by an `aria-label`: a label
        // that does not begin with the visible "Cart 2" fails WCAG 2.5.3 (label in name).
        <a class="cart-link" href=move || Page::Cart.href(locale.get())
            aria-haspopup="dialog"
            on:click=move |ev| { if state.open_drawer() { ev.prevent_default(); } }>
            <span aria-hidden="true">{tr(Msg::Cart)}</span>
            <span class="cart-count" aria-hidden="true">{move || state.count()}</span>
            <span class="visually-hidden">{label}</span>
        </a>
        <span class="visually-hidden" role="status">{label}</span>
        <CartDrawer/>
    }
}

/// The compact cart: the cart in a modal side panel on large screens, so the buyer can check it
/// without leaving the page. Escape, the close button or a click outside closes it.
#[component]
fn CartDrawer() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let close = move || {
        if let Some(d) = state.drawer.get_untracked() {
            d.close();
        }
    };
    view! {
        <dialog class="cart-drawer" node_ref=state.drawer aria-labelledby="drawer-heading"
            on:close=move |_| state.drawer_open.set(false)
            on:click=move |ev| {
                // A click on the backdrop lands on the dialog itself; links inside close it.
                let target = ev.target();
                let on_dialog = target.as_ref().zip(state.drawer.get_untracked())
                    .is_some_and(|(t, d)| AsRef::<wasm_bindgen::JsValue>::as_ref(&d) == AsRef::<wasm_bindgen::JsValue>::as_ref(t));
                let on_link = target.and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .and_then(|e| e.closest("a[href]").ok().flatten()).is_some();
                if on_dialog || on_link { close(); }
            }>
            <div class="drawer-head">
                <h2 id="drawer-heading">{tr(Msg::CartHeading)}</h2>
                <button type="button" class="link-button" on:click=move |_| close()>{tr(Msg::Close)}</button>
            </div>
            {move || state.drawer_open.get().then(|| view! {
                {Suspend::new(send_wrapper::SendWrapper::new(view_or_explain(drawer_body)))}
                <p class="drawer-actions"><a class="button secondary" href=Page::Cart.href(locale.get_untracked())>{tx(Msg::ViewCart)}</a></p>
            })}
        </dialog>
    }
}

crate::ui::lazy::split_view!(cart, drawer_body, preload_drawer_body, {
    view! { <CartBody/> }
});
