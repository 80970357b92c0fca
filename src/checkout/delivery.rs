//! The delivery step: one option per shipment, with the server's totals.

use super::flow::{Checkout, Step};
use crate::buyer::{tr, tx};
use crate::i18n::Msg;
use crate::routes::Page;
use crate::shipping::{self, DeliveryChoices};
use crate::ui::service_name;
use leptos::prelude::*;

pub(super) fn delivery_step(c: Checkout) -> AnyView {
    let (live, choices, totals, locale) = (c.live, c.choices, c.totals, c.locale);
    let delivery_blocked = move || {
        live.quote
            .with(|q| q.as_ref().is_some_and(|q| !q.unshippable.is_empty()))
    };
    view! {
        <DeliveryChoices live choices totals/>
        {move || delivery_blocked().then(|| view! {
            <p><a class="button secondary" href=Page::Cart.href(locale.get())>{tx(Msg::CartHeading)}</a></p>
        })}
        <button type="button" class="button primary"
            disabled=move || totals.with(Option::is_none) || delivery_blocked()
            on:click=move |_| c.steps.go(Step::Payment)>{tr(Msg::ContinueStep)}</button>
    }
    .into_any()
}

/// The options chosen: service, carrier and dates of each shipment.
pub(super) fn summary(c: Checkout) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (live, choices, locale) = (c.live, c.choices, c.locale);
    move || {
        let l = locale.get();
        live.quote.with(|q| {
            let q = q.as_ref()?;
            let chosen = choices.get();
            let parts: Vec<String> = q
                .shipments
                .iter()
                .filter_map(|s| {
                    let (_, o) = chosen.iter().find(|(sid, _)| *sid == s.id)?;
                    let o = s.options.iter().find(|x| &x.id == o)?;
                    Some(format!(
                        "{} · {} · {}",
                        service_name(l, o.service),
                        o.carrier,
                        shipping::arrives(l, o)
                    ))
                })
                .collect();
            Some(parts.join("; "))
        })
    }
}
