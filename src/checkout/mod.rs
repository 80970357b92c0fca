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
//! This module holds the page and the steps' frame; `form` what the buyer typed, one module
//! per step draws that step, and `place` sends the order.

mod address;
mod contact;
mod delivery;
mod form;
mod payment;
mod place;
mod review;

pub use form::{local_error, postal_matches};

use crate::api::addresses;
use crate::buyer::{tr, tx, use_buyer, use_locale, Buyer};
use crate::cart::{use_cart, CartState};
use crate::fetch::{follow, Answer};
use crate::i18n::{t, Locale, Msg};
use crate::routes::Page;
use crate::shipping::{self, LiveQuote};
use crate::ui::PageMeta;
use domain::address::AddressFormat;
use domain::shipping::ShippingTotals;
use form::{focus, keep, kept, Form};
use leptos::prelude::*;
use std::time::Duration;

/// The steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Contact,
    Address,
    Delivery,
    Payment,
    Review,
}

impl Step {
    const ALL: [Step; 5] = [
        Step::Contact,
        Step::Address,
        Step::Delivery,
        Step::Payment,
        Step::Review,
    ];

    /// The step's place, from 0: in element ids and in what the tab keeps.
    fn index(self) -> u8 {
        self as u8
    }

    /// A kept step; the payment token is not kept, so a reload goes back to payment at most.
    fn from_kept(text: &str, or: Step) -> Step {
        let index = text.parse::<u8>().unwrap_or(or.index());
        Step::ALL
            .into_iter()
            .find(|s| s.index() == index)
            .unwrap_or(Step::Payment)
            .min(Step::Payment)
    }

    fn title(self) -> Msg {
        match self {
            Step::Contact => Msg::StepContact,
            Step::Address => Msg::StepAddress,
            Step::Delivery => Msg::Delivery,
            Step::Payment => Msg::StepPayment,
            Step::Review => Msg::StepReview,
        }
    }

    fn heading_id(self) -> String {
        format!("step-{}-heading", self.index())
    }
}

/// Where the buyer is: the step open now, and the furthest one reached (every step up to it
/// can be opened again).
#[derive(Clone, Copy)]
struct Steps {
    current: RwSignal<Step>,
    furthest: RwSignal<Step>,
}

impl Steps {
    fn load() -> Steps {
        let first = Step::from_kept(&kept("step"), Step::Contact);
        let furthest = Step::from_kept(&kept("furthest"), first).max(first);
        Steps {
            current: RwSignal::new(first),
            furthest: RwSignal::new(furthest),
        }
    }

    /// Opens `to` (kept for a reload) and moves the focus to its heading.
    fn go(self, to: Step) {
        self.current.set(to);
        if to > self.furthest.get_untracked() {
            self.furthest.set(to);
        }
        keep("step", &to.index().to_string());
        keep(
            "furthest",
            &self.furthest.get_untracked().index().to_string(),
        );
        focus(&to.heading_id());
    }

    /// The order was placed: a new checkout starts at the beginning.
    fn reset() {
        for k in ["step", "furthest"] {
            keep(k, "");
        }
    }
}

/// What every step of the page shares.
#[derive(Clone, Copy)]
struct Checkout {
    locale: Memo<Locale>,
    buyer: Buyer,
    cart: CartState,
    steps: Steps,
    form: Form,
    /// The address format of the ship-to country.
    format: Answer<AddressFormat>,
    live: LiveQuote,
    /// One `(shipment, option)` per shipment.
    choices: RwSignal<Vec<(String, String)>>,
    totals: RwSignal<Option<ShippingTotals>, LocalStorage>,
}

impl Checkout {
    fn current_format(self) -> Option<AddressFormat> {
        self.format
            .with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }
}

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

    let pay = payment::Payment::new(c);
    let review_state = place::Review::new(c);
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
