//! The product page's and the cart's shipping estimates, and the pieces of an option they
//! share with the delivery step.

use super::live::{live_quote, QuoteStatus};
use super::request::cart_quote_body;
use super::ship_to::ShipToSelect;
use crate::api::shipping::{quote_body, QuoteFor};
use crate::buyer::{tr, use_buyer, use_locale};
use crate::format::{format_date_range, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use crate::ui::{label_name, money, restriction_text, service_name, tax_lines};
use domain::shipping::{OptionLabel, ShippingOption, ShippingQuote};
use leptos::prelude::*;
use std::time::Duration;

/// "Arrives 3–10 Dec".
pub fn arrives(locale: Locale, option: &ShippingOption) -> String {
    fill(
        &t(locale, Msg::Arrives),
        &[format_date_range(
            &option.earliest,
            &option.latest,
            locale.tag(),
        )],
    )
}

/// A shipping price: the buyer's currency, and the carrier's beneath when it differs.
pub(super) fn shipping_price(locale: Locale, option: &ShippingOption) -> impl IntoView {
    let shown = money(&option.converted, locale);
    let original = (option.price.currency() != option.converted.currency())
        .then(|| money(&option.price, locale));
    view! {
        <span class="price">
            <span class="price-main">{if original.is_some() { format!("≈ {shown}") } else { shown }}</span>
            {original.map(|o| view! { <span class="price-original">{o}</span> })}
        </span>
    }
}

/// Lines of the quote that cannot ship, each with its reason.
pub(super) fn unshippable_view(locale: Locale, quote: &ShippingQuote) -> impl IntoView {
    let country = region_name(&quote.country, locale.tag());
    quote
        .unshippable
        .iter()
        .map(|u| {
            let reason = restriction_text(locale, u.reason, country.clone());
            view! { <p class="cart-notice blocked"><bdi>{u.title.clone()}</bdi>": "{reason}</p> }
        })
        .collect_view()
}

/// The product page's estimate: ship-to country, then the cheapest and the fastest option
/// with dates and prices, or why the item cannot go there.
#[component]
pub fn ProductEstimate(sku: Signal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    let ship_to = use_buyer().ship_to;
    let body = Signal::derive(move || {
        let sku = sku.get()?;
        Some(quote_body(QuoteFor::Lines(&[(&sku, 1)]), ship_to.get(), ""))
    });
    let live = live_quote(body, Duration::from_millis(0));
    let shown = move || {
        let l = locale.get();
        live.quote.with(|q| {
            let q = q.as_ref()?;
            let options = q
                .shipments
                .first()
                .map(|s| s.options.clone())
                .unwrap_or_default();
            let picks: Vec<ShippingOption> = options
                .into_iter()
                .filter(|o| {
                    o.labels
                        .iter()
                        .any(|x| matches!(x, OptionLabel::Cheapest | OptionLabel::Fastest))
                })
                .collect();
            Some(view! {
                {unshippable_view(l, q)}
                <ul class="estimate-options">
                    {picks.into_iter().map(|o| option_summary(l, &o)).collect_view()}
                </ul>
            })
        })
    };
    view! {
        <section class="estimate" aria-labelledby="estimate-heading">
            <h2 id="estimate-heading">{tr(Msg::DeliveryOptionsLabel)}</h2>
            <ShipToSelect id="estimate-country"/>
            <div class="estimate-body" aria-live="polite" aria-busy=move || live.loading.get().to_string()>
                <QuoteStatus live/>
                {shown}
            </div>
        </section>
    }
}

/// One option in a line: labels, service and carrier, price, dates, duties.
fn option_summary(locale: Locale, o: &ShippingOption) -> impl IntoView {
    let labels: Vec<String> = o.labels.iter().map(|l| label_name(locale, *l)).collect();
    let taxes = tax_lines(locale, o);
    view! {
        <li class="estimate-option" data-option=o.id.clone()>
            <p class="option-head">
                {labels.into_iter().map(|l| view! { <span class="badge">{l}</span> }).collect_view()}
                <span class="option-service">{service_name(locale, o.service)}" · "{o.carrier.clone()}</span>
            </p>
            <p class="option-price">{shipping_price(locale, o)}" · "{arrives(locale, o)}</p>
            <p class="option-taxes">{taxes.into_iter().map(|x| view! { <span>{x}</span> }).collect_view()}</p>
        </li>
    }
}

/// The cart's estimate: for the chosen country, each shipment's cheapest option and dates.
/// `token`: the cart to quote (`None`: nothing to quote).
#[component]
pub fn CartEstimate(token: Signal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    let ship_to = use_buyer().ship_to;
    let body = Signal::derive(move || cart_quote_body(token.get(), ship_to.get(), ""));
    let live = live_quote(body, Duration::from_millis(250));
    let shown = move || {
        let l = locale.get();
        live.quote.with(|q| {
            let q = q.as_ref()?;
            let count = q.shipments.len();
            let country = region_name(&q.country, l.tag());
            let shipments = q
                .shipments
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let from = format!("{}, {}", s.origin_city, region_name(&s.origin_country, l.tag()));
                    let heading = fill(&t(l, Msg::ShipmentHeading), &[(i + 1).to_string(), count.to_string(), from]);
                    let cheapest = s.options.first().map(|o| {
                        view! { <p>{fill(&t(l, Msg::FromPrice), &[money(&o.converted, l)])}" · "{arrives(l, o)}</p> }
                    });
                    view! { <li><p class="shipment-heading"><bdi>{heading}</bdi></p>{cheapest}</li> }
                })
                .collect_view();
            Some(view! {
                <h2>{fill(&t(l, Msg::DeliveryTo), &[country])}</h2>
                <ul class="estimate-shipments">{shipments}</ul>
            })
        })
    };
    view! {
        <section class="estimate cart-estimate" aria-live="polite" aria-busy=move || live.loading.get().to_string()>
            <QuoteStatus live/>
            {shown}
        </section>
    }
}
