//! Placing the order: the request, its idempotency key, and what each answer does to the page.

use super::flow::{Checkout, Payment, Review, Step, Steps};
use crate::api::orders::{self, PlaceOrderError};
use crate::api::shipping::choices;
use crate::i18n::{t, Msg};
use crate::routes::Page;
use domain::order::OrderRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The review's state, and the check that a changed quote or charge is confirmed again.
pub(super) fn review_state(c: Checkout) -> Review {
    let review = Review {
        placing: RwSignal::new(false),
        notice: RwSignal::new(None),
        needs_confirm: RwSignal::new(false),
        agreed: StoredValue::new(None),
        attempt: StoredValue::new(None),
    };
    let (live, totals, step, locale) = (c.live, c.totals, c.steps.current, c.locale);
    // A quote renewed while the buyer reviews (it expired), or a charge that changed, must be
    // confirmed again.
    Effect::new(move |_| {
        let renewed = live.renewed.get();
        let charge = totals.with(|t| t.as_ref().map(|t| t.charge.amount));
        if step.get_untracked() != Step::Review || charge.is_none() {
            return;
        }
        if renewed || review.agreed.get_value().is_some_and(|a| Some(a) != charge) {
            review.needs_confirm.set(true);
            review.notice.set(Some(
                t(locale.get_untracked(), Msg::QuoteRenewedConfirm).into_owned(),
            ));
        }
    });
    review
}

/// A new random `Idempotency-Key` for an order attempt.
fn new_key() -> String {
    let crypto = js_sys::Reflect::get(&window(), &"crypto".into()).ok();
    crypto
        .and_then(|c| {
            let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
            let f: js_sys::Function = wasm_bindgen::JsCast::dyn_into(f).ok()?;
            f.call0(&c).ok()?.as_string()
        })
        // Integers, not floats: formatting an f64 would pull kilobytes into the wasm.
        .unwrap_or_else(|| {
            let (now, random) = (
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e15) as u64,
            );
            format!("{now}-{random}")
        })
}

/// The order as it would be sent now, or `None` while something is missing.
fn order_request(c: Checkout, pay: Payment) -> Option<OrderRequest> {
    let token = c
        .cart
        .cart
        .with_untracked(|c| c.as_ref().map(|c| c.token.clone()))?;
    let tot = c.totals.get_untracked()?;
    let (payment_token, _) = pay.payment.get_untracked()?;
    let chosen = c.choices.get_untracked();
    let address = c
        .form
        .address(c.buyer.ship_to.get_untracked(), c.current_format().as_ref());
    let email = c.form.email.get_untracked();
    Some(OrderRequest {
        cart_token: token,
        email: email.trim().to_owned(),
        address,
        shipping_quote_id: tot.quote_id,
        choices: choices(&chosen),
        payment_token,
        fx_quote_id: tot.charge.fx_quote_id,
        expected_total: tot.charge.amount,
    })
}

/// "Place order": sends the order and follows the answer.
pub(super) fn placer(c: Checkout, pay: Payment, review: Review) -> impl Fn() + Clone + 'static {
    let navigate = use_navigate();
    move || {
        let l = c.locale.get_untracked();
        let Some(order) = order_request(c, pay) else {
            return;
        };
        let body = orders::order_body(&order);
        // The same order sent again (a double click, a retry after a lost answer) keeps its
        // key, so the server answers it once.
        let key = match review.attempt.get_value() {
            Some((b, k)) if b == body => k,
            _ => new_key(),
        };
        review.attempt.set_value(Some((body.clone(), key.clone())));
        review.agreed.set_value(Some(order.expected_total));
        review.needs_confirm.set(false);
        review.notice.set(None);
        review.placing.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = orders::place_order(body, &key, l).await;
            review.placing.set(false);
            match result {
                Ok(order) => {
                    c.cart.forget();
                    Steps::reset();
                    let page = Page::Order {
                        number: &order.number,
                        key: &order.access_key,
                    };
                    navigate(&page.href(l), Default::default());
                }
                Err(e) => refused(c, pay, review, e),
            }
        });
    }
}

/// What the page does when the order was not placed.
fn refused(c: Checkout, pay: Payment, review: Review, e: PlaceOrderError) {
    let l = c.locale.get_untracked();
    match e {
        PlaceOrderError::Declined(detail) => {
            pay.declined(detail);
            c.steps.go(Step::Payment);
        }
        PlaceOrderError::TotalChanged { totals, detail } => {
            if let Some(new) = totals {
                c.totals.set(Some(*new));
            }
            review.needs_confirm.set(true);
            review.notice.set(detail);
        }
        PlaceOrderError::Conflict(detail) => {
            c.live.renew();
            review.needs_confirm.set(true);
            review.notice.set(Some(detail.unwrap_or_default()));
        }
        PlaceOrderError::QuoteExpired => {
            c.live.renew();
            review.needs_confirm.set(true);
            review
                .notice
                .set(Some(t(l, Msg::QuoteRenewedConfirm).into_owned()));
        }
        PlaceOrderError::Invalid { errors, detail } => {
            let address: Vec<(String, String)> = errors
                .iter()
                .filter_map(|e| {
                    e.field
                        .strip_prefix("address.")
                        .map(|f| (f.to_owned(), e.code.clone()))
                })
                .collect();
            if !address.is_empty() {
                for (k, _) in &address {
                    c.form.touch(k);
                }
                c.form.server.set(address);
                c.steps.go(Step::Address);
            } else if errors.iter().any(|e| e.field == "email") {
                c.steps.go(Step::Contact);
            } else {
                review.notice.set(detail);
            }
        }
        PlaceOrderError::Failed(detail) => review
            .notice
            .set(detail.or_else(|| Some(t(l, Msg::OrderUnreachable).into_owned()))),
    }
}
