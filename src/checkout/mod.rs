//! Checkout: contact → shipping address → delivery → payment → review, on one page with a
//! progress list. Each finished step can be opened again; what the buyer typed is kept in
//! `sessionStorage` (it survives a reload or a failed request, and leaves with the tab).
//!
//! The address form is drawn from the destination's format (fields, order, labels, which are
//! required, the postal-code pattern). Fields are checked as the buyer leaves them — required
//! fields and the postal pattern in the browser (JavaScript's `RegExp`, no regex engine in the
//! wasm), everything else by the server — and the server checks all of it again with the
//! order. Card details are typed into the payment provider's page, in an iframe from another
//! origin; this page only receives a one-time token. Every amount is the server's.
//!
//! This module holds the page and the steps' frame; `flow` what the steps share, `form` what
//! the buyer typed, one module per step draws that step, and `place` sends the order.

mod address;
mod contact;
mod delivery;
mod flow;
mod form;
mod payment;
mod place;
mod review;

pub use form::{local_error, postal_matches};

use crate::api::addresses;
use crate::buyer::{tr, tx, use_buyer, use_locale};
use crate::cart::use_cart;
use crate::fetch::follow;
use crate::i18n::{t, Msg};
use crate::routes::Page;
use crate::shipping;
use crate::ui::PageMeta;
use flow::{Checkout, Step, Steps};
use form::Form;
use leptos::prelude::*;
use std::time::Duration;

/// `/{locale}/checkout`.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let locale = use_locale();
    let buyer = use_buyer();
    let cart = use_cart();
    let title = Signal::derive(move || t(locale.get(), Msg::Checkout).into_owned());
    let form = Form::load();
    let steps = Steps::load();
    let furthest = steps.furthest;

    let ship_to = buyer.ship_to;
    let (format, reload_format) = follow(move || ship_to.get(), addresses::address_format);

    // Delivery: quoted once the address is done, for its postal code.
    // A memo: a cart reloaded with the same lines must not ask for a new quote.
    let quote_body = Memo::new(move |_| {
        if furthest.get() < Step::Delivery {
            return None;
        }
        let postal = form.value("postal_code");
        let postal = if shipping::well_formed_postal(&postal) {
            postal
        } else {
            String::new()
        };
        shipping::cart_quote_body(cart.quotable_token(), ship_to.get(), &postal)
    });
    let live = shipping::live_quote(quote_body.into(), Duration::from_millis(300));
    let choices = shipping::follow_choices(live);
    let totals = shipping::follow_totals(live, choices);
    let c = Checkout {
        locale,
        buyer,
        cart,
        steps,
        form,
        format,
        live,
        choices,
        totals,
    };

    let pay = payment::follow_payment(c);
    let review_state = place::review_state(c);
    let place = place::placer(c, pay, review_state);

    let contact = contact::contact_step(c);
    let address = address::address_step(c, reload_format);
    let delivery = delivery::delivery_step(c);
    let payment_step = payment::payment_step(c, pay, review_state);
    let review = review::review_step(c, pay, review_state, place);

    let cart_empty = Memo::new(move |_| {
        cart.cart
            .with(|c| c.as_ref().is_none_or(|c| c.item_count == 0))
    });
    view! {
        <PageMeta title description=title path=Page::Checkout.rest() noindex=true/>
        <section class="checkout-page">
            <h1>{tr(Msg::Checkout)}</h1>
            {move || cart_empty.get().then(|| view! {
                <div class="cart-empty">
                    <p>{tx(Msg::CartEmpty)}</p>
                    <a class="button" href=Page::Home.href(locale.get())>{tx(Msg::ContinueShopping)}</a>
                </div>
            })}
            // Hidden, not removed, while there is nothing to buy: what was typed stays.
            <div class="checkout-flow" hidden=move || cart_empty.get()>
                <nav aria-label=tr(Msg::CheckoutSteps)>
                    <ol class="checkout-steps">{progress(c)}</ol>
                </nav>
                {step_section(c, Step::Contact, contact, Box::new(move || Some(form.email.get())))}
                {step_section(c, Step::Address, address, Box::new(address::summary(c)))}
                {step_section(c, Step::Delivery, delivery, Box::new(delivery::summary(c)))}
                {step_section(c, Step::Payment, payment_step, Box::new(move || pay.payment.get().map(|(_, d)| d)))}
                {step_section(c, Step::Review, review, Box::new(|| None))}
            </div>
        </section>
    }
}

/// One step: its heading (with "Change" once done), what was chosen there, and its body (shown
/// while it is the open step).
fn step_section(
    c: Checkout,
    index: Step,
    body: AnyView,
    summary: Box<dyn Fn() -> Option<String> + Send + Sync>,
) -> impl IntoView {
    let Steps {
        current: step,
        furthest,
    } = c.steps;
    let heading_id = index.heading_id();
    let labelled = heading_id.clone();
    let heading = tx(index.title());
    let summary = move || {
        { step.get() != index && furthest.get() > index }
            .then(&summary)
            .flatten()
    };
    view! {
        <section class="checkout-step" class:current=move || step.get() == index aria-labelledby=labelled>
            <div class="step-head">
                <h2 id=heading_id tabindex="-1">{heading}</h2>
                {move || (step.get() != index && furthest.get() >= index).then(|| view! {
                    <button type="button" class="link-button" on:click=move |_| c.steps.go(index)>{tx(Msg::ChangeStep)}</button>
                })}
            </div>
            {move || summary().map(|s| view! { <p class="step-summary"><bdi>{s}</bdi></p> })}
            <div class="step-body" hidden=move || step.get() != index>{body}</div>
        </section>
    }
}

/// The progress list: every step, done ones as links back.
fn progress(c: Checkout) -> impl IntoView {
    let Steps {
        current: step,
        furthest,
    } = c.steps;
    move || {
        let l = c.locale.get();
        Step::ALL
            .into_iter()
            .map(|i| {
                let name = t(l, i.title()).into_owned();
                view! {
                    <li class:done=move || { furthest.get() > i } class:current=move || step.get() == i
                        aria-current=move || (step.get() == i).then_some("step")>
                        {move || if furthest.get() >= i && step.get() != i {
                            let name = name.clone();
                            view! { <button type="button" class="link-button" on:click=move |_| c.steps.go(i)>{name}</button> }.into_any()
                        } else {
                            view! { <span>{name.clone()}</span> }.into_any()
                        }}
                        {move || { furthest.get() > i }.then(|| view! { <span class="visually-hidden">{format!(" ({})", tx(Msg::StepDone))}</span> })}
                    </li>
                }
            })
            .collect_view()
    }
}
