//! The review step: the server's totals and "Place order" (or "Confirm the new total").

use super::flow::{Checkout, Payment, Review};
use crate::i18n::{t, Msg};
use crate::ui::totals_view;
use leptos::prelude::*;

pub(super) fn review_step(
    c: Checkout,
    pay: Payment,
    review: Review,
    place: impl Fn() + Clone + 'static,
) -> AnyView {
    let (live, totals, locale) = (c.live, c.totals, c.locale);
    let Review {
        placing,
        notice,
        needs_confirm,
        ..
    } = review;
    let ready_to_place = move || {
        let quote_id = live.quote.with(|q| q.as_ref().map(|q| q.id.clone()));
        !placing.get()
            && pay.payment.with(Option::is_some)
            && totals.with(|t| {
                t.as_ref()
                    .is_some_and(|t| Some(&t.quote_id) == quote_id.as_ref())
            })
    };
    view! {
        <div class="review">
            {move || totals.with(|t| t.as_ref().map(|t| totals_view(locale.get(), t)))}
            {move || notice.get().map(|n| view! { <p class="cart-notice" role="alert">{n}</p> })}
            <button type="button" class="button primary place-order"
                disabled=move || !ready_to_place()
                on:click=move |_| place()>
                {move || t(locale.get(), if placing.get() { Msg::PlacingOrder } else if needs_confirm.get() { Msg::ConfirmNewTotal } else { Msg::PlaceOrder }).into_owned()}
            </button>
        </div>
    }
    .into_any()
}
