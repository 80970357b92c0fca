//! The payment step: the provider's page in an iframe, and the token it hands back.

use super::flow::{Checkout, Payment, Review, Step};
use crate::api::payments::{self, FramePayment};
use crate::buyer::{tr, tx};
use crate::fetch::follow;
use crate::i18n::{fill, Msg};
use crate::ui::charge_notice;
use leptos::prelude::*;

/// Asks for the provider's page when the buyer reaches the step, and listens to it.
pub(super) fn follow_payment(c: Checkout) -> Payment {
    let (furthest, ship_to, currency, locale) = (
        c.steps.furthest,
        c.buyer.ship_to,
        c.buyer.currency,
        c.locale,
    );
    let (setup, _) = follow(
        move || {
            (furthest.get() >= Step::Payment).then(|| (ship_to.get(), currency.get(), locale.get()))
        },
        |input, latest| async move {
            match input {
                Some((country, currency, locale)) => {
                    payments::payment_setup(country, currency, locale, latest)
                        .await
                        .map(Some)
                }
                None => Ok(None),
            }
        },
    );
    let pay = Payment {
        setup,
        payment: RwSignal::new(None),
        frame_height: RwSignal::new(420),
        frame_round: RwSignal::new(0),
        payment_error: RwSignal::new(None),
    };
    let frame_origin = move || {
        setup.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|s| s.as_ref())
                .map(|s| s.frame_origin.clone())
        })
    };
    let messages = window_event_listener(leptos::ev::message, move |ev| {
        let Some(origin) = frame_origin() else { return };
        let Some(message) = payments::frame_message(&ev, &origin) else {
            return;
        };
        if let Some(h) = message.height {
            pay.frame_height.set(h.clamp(200, 1200));
        }
        match message.payment {
            Some(FramePayment::Ready { token, description }) => {
                pay.payment_error.set(None);
                pay.payment.set(Some((token, description)));
            }
            Some(FramePayment::Cleared) => pay.payment.set(None),
            None => {}
        }
    });
    on_cleanup(move || messages.remove());
    pay
}

pub(super) fn payment_step(c: Checkout, pay: Payment, review: Review) -> AnyView {
    let (locale, totals) = (c.locale, c.totals);
    let Payment {
        setup,
        payment,
        frame_height,
        frame_round,
        payment_error,
    } = pay;
    // A seller's preview (`routes::Frame`) stops here: the payment provider is not framed in
    // one, and the page says why in the words the server's preview bar carries.
    let stop = crate::routes::in_frame(|f| f.is_some())
        .then(|| {
            document()
                .query_selector(".preview-bar")
                .ok()
                .flatten()?
                .get_attribute("data-stop")
        })
        .flatten();
    let stopped = stop.is_some();
    let frame = move || {
        if let Some(stop) = &stop {
            return view! { <p class="preview-stop" role="note">{stop.clone()}</p> }.into_any();
        }
        setup.with(|s| match s {
            None | Some(Ok(None)) => view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span></div> }.into_any(),
            Some(Err(_)) => view! { <p class="quote-error" role="alert">{tx(Msg::QuoteFailed)}</p> }.into_any(),
            Some(Ok(Some(setup))) => {
                let src = payments::frame_src(setup, frame_round.get());
                view! {
                    <iframe class="payment-frame" title=tx(Msg::PaymentFrameTitle) src=src
                        style:height=move || format!("{}px", frame_height.get())></iframe>
                }.into_any()
            }
        })
    };
    view! {
        {move || payment_error.get().map(|e| view! { <p class="field-error payment-error" role="alert">{e}</p> })}
        {frame}
        {move || totals.with(|t| t.as_ref().and_then(|t| charge_notice(locale.get(), t))).map(|n| view! { <p class="charge-notice" role="note">{n}</p> })}
        {move || match payment.get() {
            Some((_, d)) => Some(view! { <p class="payment-ready" role="status">{fill(&tx(Msg::PayingWith), &[d])}</p> }.into_any()),
            // A preview says why it stops instead (above).
            None => (!stopped).then(|| view! { <p class="hint">{tx(Msg::PaymentNeeded)}</p> }.into_any()),
        }}
        <button type="button" class="button primary" disabled=move || payment.with(Option::is_none)
            on:click=move |_| {
                review.agreed.set_value(totals.with_untracked(|t| t.as_ref().map(|t| t.charge.amount)));
                review.needs_confirm.set(false);
                review.notice.set(None);
                c.steps.go(Step::Review);
            }>{tr(Msg::ContinueStep)}</button>
    }
    .into_any()
}
