//! The cart page, and the cart's content it shares with the drawer.

use super::state::use_cart;
use crate::buyer::{tr, tx, use_locale};
use crate::currency::PriceTag;
use crate::format::region_name;
use crate::i18n::{fill, t, Locale, Msg};
use crate::routes::Page;
use crate::ui::{money, PageMeta};
use domain::{Cart, CartLine};
use leptos::prelude::*;

/// `/{locale}/cart`
#[component]
pub fn CartPage() -> impl IntoView {
    let locale = use_locale();
    let title = Signal::derive(move || t(locale.get(), Msg::CartHeading).into_owned());
    view! {
        <PageMeta title description=title path=Page::Cart.rest() noindex=true/>
        <section class="cart-page">
            <h1>{tr(Msg::CartHeading)}</h1>
            <CartBody/>
        </section>
    }
}

/// The cart's content, on the cart page and in the drawer: notices, ship-to, the lines by
/// seller and warehouse, totals and the way to checkout.
#[component]
pub(super) fn CartBody() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    view! {
        {move || state.offline.get().then(|| view! { <p role="status" class="cart-offline">{tx(Msg::OfflineCart)}</p> })}
        {move || state.failed.get().then(|| view! { <p role="alert" class="cart-error">{tx(Msg::CartError)}</p> })}
        <p role="status" class="undo-bar">
            {move || state.removed.get().map(|(_, _, title)| view! {
                {fill(&tx(Msg::Removed), &[title])}" "
                <button type="button" class="link-button" on:click=move |_| state.undo()>{tx(Msg::Undo)}</button>
            })}
        </p>
        {move || {
            let l = locale.get();
            match state.cart.get() {
                Some(cart) if !cart.groups.is_empty() => view! {
                    <crate::shipping::ShipToSelect id="ship-to"/>
                    <CartView cart locale=l/>
                    <crate::shipping::CartEstimate token=Signal::derive(move || {
                        (!state.offline.get()).then(|| state.quotable_token()).flatten()
                    })/>
                }.into_any(),
                _ => view! {
                    <div class="cart-empty">
                        <p>{tx(Msg::CartEmpty)}</p>
                        <a class="button" href=Page::Home.href(l)>{tx(Msg::ContinueShopping)}</a>
                    </div>
                }.into_any(),
            }
        }}
    }
}

#[component]
fn CartView(cart: Cart, locale: Locale) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let country = cart
        .ship_to
        .as_deref()
        .map(|c| region_name(c, tag))
        .unwrap_or_default();
    let groups = cart
        .groups
        .into_iter()
        .enumerate()
        .map(|(gi, group)| {
            let heading_id = format!("cart-group-{gi}");
            let heading = fill(
                &t(locale, Msg::GroupHeading),
                &[
                    group.seller_name.clone(),
                    format!(
                        "{}, {}",
                        group.ships_from_city,
                        region_name(&group.ships_from_country, tag)
                    ),
                ],
            );
            let subtotal = group
                .converted_subtotal
                .map(|m| format!("≈ {}", money(&m, locale)))
                .unwrap_or_else(|| money(&group.subtotal, locale));
            let lines = group
                .lines
                .into_iter()
                .map(|line| {
                    let country = country.clone();
                    view! { <CartLineRow line locale country/> }
                })
                .collect_view();
            let labelled_by = heading_id.clone();
            view! {
                <section class="cart-group" aria-labelledby=labelled_by>
                    <h2 id=heading_id dir="auto">{heading}</h2>
                    <ul class="cart-lines">{lines}</ul>
                    <p class="cart-subtotal">{tx(Msg::Subtotal)}": " <strong>{subtotal}</strong></p>
                </section>
            }
        })
        .collect_view();
    let total = cart.total.map(|m| money(&m, locale));
    let checkout = if cart.blocked {
        view! {
            <p id="checkout-held" class="cart-notice blocked">{tx(Msg::CheckoutHeld)}</p>
            <button type="button" class="button primary" disabled=true aria-describedby="checkout-held">{tx(Msg::Checkout)}</button>
        }
        .into_any()
    } else {
        view! { <a class="button primary" href=Page::Checkout.href(locale)>{tx(Msg::Checkout)}</a> }
            .into_any()
    };
    view! {
        <div class="cart" aria-busy=move || state.pending.get().to_string()>
            {groups}
            {total.map(|total| view! {
                <p class="cart-total">{tx(Msg::Total)}": " <strong>{format!("≈ {total}")}</strong></p>
            })}
        </div>
        <div class="checkout-bar">{checkout}</div>
    }
}

#[component]
fn CartLineRow(line: CartLine, locale: Locale, country: String) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let sku = line.sku.clone();
    let max = line.max_quantity.max(1);
    let quantity = line.quantity;
    let input_id = format!("qty-{}", line.sku);
    let error_id = format!("qty-error-{}", line.sku);
    let label_for = input_id.clone();
    let restriction = line
        .restriction
        .map(|reason| crate::ui::restriction_text(locale, reason, country));
    let blocked = restriction.is_some() || line.quantity > line.stock;
    let notices: Vec<String> = [
        line.previous_unit_price.map(|was| {
            fill(
                &t(locale, Msg::PriceChanged),
                &[money(&was, locale), money(&line.unit_price, locale)],
            )
        }),
        (line.quantity > line.stock).then(|| {
            fill(
                &t(locale, Msg::OnlyLeft),
                &[crate::format::format_integer(u64::from(line.stock), tag)],
            )
        }),
        restriction,
    ]
    .into_iter()
    .flatten()
    .collect();
    let options = line.options.join(" · ");
    // What the buyer typed that is not a quantity stays in the box, with the reason beside it.
    let invalid = RwSignal::new(false);
    let set = {
        let sku = sku.clone();
        move |n: u32| {
            invalid.set(false);
            state.set_quantity(sku.clone(), n)
        }
    };
    let (dec, inc, typed) = (set.clone(), set.clone(), set);
    let removed = line.clone();
    let title = line.title.clone();
    let described = error_id.clone();
    let invalid_text = fill(
        &t(locale, Msg::QuantityInvalid),
        &[crate::format::format_integer(u64::from(max), tag)],
    );
    view! {
        <li class="cart-line" class:blocked=blocked>
            <img src=line.image.url.clone() width="64" height="64" alt="" loading="lazy"/>
            <div class="cart-line-body">
                <a href=Page::Product(&line.slug).href(locale) dir="auto">{line.title.clone()}</a>
                {(!options.is_empty()).then(|| view! { <p class="cart-options">{options}</p> })}
                <p class="cart-unit">{money(&line.unit_price, locale)}</p>
                {notices.into_iter().map(|n| view! { <p class="cart-notice">{n}</p> }).collect_view()}
                <div class="stepper">
                    <button type="button" class="step" aria-label=format!("{} · {title}", t(locale, Msg::Decrease))
                        disabled={quantity <= 1} on:click=move |_| dec(quantity.saturating_sub(1))>"−"</button>
                    <label class="visually-hidden" for=label_for>{tx(Msg::Quantity)}</label>
                    <input id=input_id type="text" inputmode="numeric" autocomplete="off"
                        value=quantity.to_string()
                        aria-invalid=move || invalid.get().to_string()
                        aria-describedby=move || invalid.get().then(|| described.clone())
                        on:change=move |ev| {
                            match event_target_value(&ev).trim().parse::<u32>() {
                                Ok(n) if (1..=max).contains(&n) => typed(n),
                                _ => invalid.set(true),
                            }
                        }/>
                    <button type="button" class="step" aria-label=format!("{} · {}", t(locale, Msg::Increase), line.title)
                        disabled={quantity >= max} on:click=move |_| inc(quantity + 1)>"+"</button>
                    <button type="button" class="link-button remove" on:click=move |_| state.remove(&removed)>{tx(Msg::Remove)}</button>
                </div>
                {move || invalid.get().then(|| view! { <p id=error_id.clone() class="field-error" role="alert">{invalid_text.clone()}</p> })}
                <div class="cart-line-total">
                    <span class="visually-hidden">{tx(Msg::LineTotal)}" "</span>
                    <PriceTag price=line.line_total converted=line.converted_total/>
                </div>
            </div>
        </li>
    }
}
