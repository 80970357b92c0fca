//! The product page's and the cart's shipping estimates, and the pieces of an option they
//! share with the delivery step.

use super::live::{live_quote, quote_skeleton, QuoteStatus};
use super::request::cart_quote_body;
use super::ship_to::ShipToSelect;
use crate::api::shipping::{quote_body, QuoteFor};
use crate::buyer::{tr, use_buyer, use_locale};
use crate::format::region_name;
use crate::i18n::{fill, t, Locale, Msg};
use crate::ui::{label_name, money, restriction_text, service_name, tax_lines};
use domain::shipping::{OptionLabel, ShippingOption, ShippingQuote};
use domain::Currency;
use leptos::prelude::*;
use std::time::Duration;

/// "Arrives 3–10 Dec".
pub fn arrives(locale: Locale, option: &ShippingOption) -> String {
    fill(
        &t(locale, Msg::Arrives),
        std::slice::from_ref(&option.dates),
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

/// What a product page's estimate is for: one unit of `sku` to `ship_to`, priced in
/// `currency`, written in `locale`. The server's first screen marks its estimate with it
/// (`data-estimate`), and the app keeps that estimate for as long as it still holds.
pub fn estimate_key(sku: &str, ship_to: &str, currency: Currency, locale: Locale) -> String {
    format!("{sku}|{ship_to}|{}|{}", currency.code(), locale.tag())
}

/// The quote a product page's first screen was drawn with (`shell::prerender`).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
pub struct DrawnEstimate(pub ShippingQuote);

/// The estimate the server drew in the page's first screen, when there is one: what it is
/// for (`data-estimate`), its markup, and the seconds it holds (`data-expires-in`).
#[cfg(target_arch = "wasm32")]
fn drawn_estimate() -> Option<(String, String, u32)> {
    let drawn = document()
        .query_selector("#first-screen .estimate-drawn[data-estimate]")
        .ok()??;
    Some((
        drawn.get_attribute("data-estimate")?,
        drawn.inner_html(),
        drawn.get_attribute("data-expires-in")?.parse().ok()?,
    ))
}

/// What the live estimate follows, from the page (`LiveEstimate` is a module of its own).
/// Outside the browser (the server's first screen) the live estimate is never drawn.
#[derive(Clone, Copy)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
struct EstimateInput {
    sku: Signal<Option<String>>,
    busy: RwSignal<bool>,
}

#[cfg(target_arch = "wasm32")]
crate::ui::lazy::split_view!(estimate, live_estimate, preload_live_estimate, {
    view! { <LiveEstimate/> }
});

/// The product page's estimate: ship-to country, then the cheapest and the fastest option
/// with dates and prices, or why the item cannot go there.
///
/// A page that landed here shows the estimate the server drew in its first screen (the app
/// takes its markup over as it is) until the buyer changes what it was for — the variant, the
/// destination, the currency — or it expires. Only then does the page fetch the code that
/// quotes live ([`LiveEstimate`], about 25 KB), so a buyer who only looks and adds to the cart
/// never loads it. A page reached from another page quotes live at once.
#[component]
pub fn ProductEstimate(sku: Signal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    let buyer = use_buyer();
    let key = move || {
        sku.get()
            .map(|s| estimate_key(&s, buyer.ship_to.get(), buyer.currency.get(), locale.get()))
    };
    #[cfg(target_arch = "wasm32")]
    let drawn = drawn_estimate();
    #[cfg(not(target_arch = "wasm32"))]
    let drawn = use_context::<DrawnEstimate>().map(|DrawnEstimate(q)| {
        let for_sku = q
            .shipments
            .first()
            .and_then(|s| s.lines.first())
            .map(|l| l.sku.clone())
            .or_else(|| q.unshippable.first().map(|u| u.sku.clone()))
            .unwrap_or_default();
        let l = locale.get_untracked();
        (estimate_key(&for_sku, &q.country, q.currency, l), q, l)
    });
    let drawn_key = drawn.as_ref().map(|d| d.0.clone());
    let holds = drawn_key.is_some() && untrack(key) == drawn_key;
    let live = RwSignal::new(!holds);
    let busy = RwSignal::new(!holds);
    // Live for good once what the drawn estimate was for changes.
    Effect::new(move |_| {
        if key() != drawn_key && !live.get_untracked() {
            live.set(true);
        }
    });
    #[cfg(target_arch = "wasm32")]
    if let Some(seconds) = drawn.as_ref().filter(|_| holds).map(|d| d.2) {
        let timer = set_timeout_with_handle(
            move || {
                let _ = live.try_set(true);
            },
            std::time::Duration::from_secs(u64::from(seconds.max(1))),
        )
        .ok();
        on_cleanup(move || {
            if let Some(t) = timer {
                t.clear();
            }
        });
    }
    provide_context(EstimateInput { sku, busy });
    let body = move || {
        if live.get() {
            return live_body().into_any();
        }
        #[cfg(target_arch = "wasm32")]
        let drawn_view = drawn.as_ref().map(|(key, html, seconds)| view! {
            <div class="estimate-drawn" data-estimate=key.clone() data-expires-in=seconds.to_string() inner_html=html.clone()></div>
        });
        #[cfg(not(target_arch = "wasm32"))]
        let drawn_view = drawn.as_ref().map(|(key, quote, l)| view! {
            <div class="estimate-drawn" data-estimate=key.clone() data-expires-in=quote.expires_in.to_string()>{estimate_options(*l, quote)}</div>
        });
        drawn_view.into_any()
    };
    view! {
        <section class="estimate" aria-labelledby="estimate-heading">
            <h2 id="estimate-heading">{tr(Msg::DeliveryOptionsLabel)}</h2>
            <ShipToSelect id="estimate-country"/>
            <div class="estimate-body" aria-live="polite" aria-busy=move || busy.get().to_string()>
                {body}
            </div>
        </section>
    }
}

/// The live estimate's place: its skeleton while its code arrives, then the estimate.
fn live_body() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        let arrived = RwSignal::new(false);
        let load = async move {
            let view = crate::ui::lazy::view_or_explain(live_estimate).await;
            let _ = arrived.try_set(true);
            view
        };
        view! {
            {move || (!arrived.get()).then(quote_skeleton)}
            {Suspend::new(send_wrapper::SendWrapper::new(load))}
        }
    }
    // The server's first screen when it could not quote: loading, as the app's first frame.
    #[cfg(not(target_arch = "wasm32"))]
    quote_skeleton()
}

/// The estimate quoted live: asked again whenever the variant, the destination, the currency
/// or the language changes, and when it expires.
#[component]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn LiveEstimate() -> impl IntoView {
    let input =
        use_context::<EstimateInput>().expect("the product page's estimate provides its input");
    let locale = use_locale();
    let ship_to = use_buyer().ship_to;
    let body = Signal::derive(move || {
        let sku = input.sku.get()?;
        Some(quote_body(QuoteFor::Lines(&[(&sku, 1)]), ship_to.get(), ""))
    });
    let live = live_quote(body, Duration::from_millis(0));
    Effect::new(move |_| input.busy.set(live.loading.get()));
    let shown = move || {
        let l = locale.get();
        live.quote
            .with(|q| q.as_ref().map(|q| estimate_options(l, q)))
    };
    view! {
        <QuoteStatus live/>
        {shown}
    }
}

/// A product's quote as its estimate shows it: what cannot go there and why, then the
/// cheapest and the fastest option.
fn estimate_options(l: Locale, q: &ShippingQuote) -> impl IntoView {
    let picks: Vec<ShippingOption> = q
        .shipments
        .first()
        .map(|s| s.options.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|o| {
            o.labels
                .iter()
                .any(|x| matches!(x, OptionLabel::Cheapest | OptionLabel::Fastest))
        })
        .collect();
    view! {
        {unshippable_view(l, q)}
        <ul class="estimate-options">
            {picks.into_iter().map(|o| option_summary(l, &o)).collect_view()}
        </ul>
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
