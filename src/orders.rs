//! The order confirmation (`/{locale}/orders/{number}?key=…`, the link checkout lands on) and
//! the order lookup (`/{locale}/orders`: number and email), one page showing the order as the
//! server keeps it.

use crate::api::{self, ApiError, Latest};
use crate::app::{tx, use_locale, PageMeta};
use crate::format::{format_date_range, format_money, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use domain::order::Order;
use domain::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_params_map, use_query_map};

fn money(m: &Money, locale: Locale) -> String {
    format_money(m, locale.tag())
}

/// An order: items, shipments with carriers and dates, the address, the payment and totals.
fn order_view(locale: Locale, order: &Order) -> impl IntoView {
    let l = locale;
    let count = order.shipments.len();
    let title_of = |sku: &str| {
        order
            .lines
            .iter()
            .find(|line| line.sku == sku)
            .map(|line| format!("{} × {}", line.title, line.quantity))
            .unwrap_or_default()
    };
    let items = order
        .lines
        .iter()
        .map(|line| {
            let each = fill(&t(l, Msg::UnitPriceEach), &[money(&line.unit_price, l)]);
            view! { <li><bdi>{line.title.clone()}</bdi>" × "{line.quantity}" · "<span class="muted">{each}</span></li> }
        })
        .collect_view();
    let shipments = order
        .shipments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let from = format!(
                "{}, {}",
                s.origin_city,
                region_name(&s.origin_country, l.tag())
            );
            let heading = fill(
                &t(l, Msg::ShipmentHeading),
                &[(i + 1).to_string(), count.to_string(), from],
            );
            let dates = fill(
                &t(l, Msg::Arrives),
                &[format_date_range(&s.earliest, &s.latest, l.tag())],
            );
            let service = crate::shipping::service_name(l, &s.service);
            let lines = s
                .skus
                .iter()
                .map(|sku| view! { <li><bdi>{title_of(sku)}</bdi></li> })
                .collect_view();
            view! {
                <li class="order-shipment">
                    <h3><bdi>{heading}</bdi></h3>
                    <p>{format!("{service} · {} · {}", s.carrier, money(&s.price, l))}</p>
                    <p>{dates}</p>
                    <ul>{lines}</ul>
                </li>
            }
        })
        .collect_view();
    let a = &order.address;
    let address: Vec<String> = [
        &a.name,
        &a.organization,
        &a.address_line1,
        &a.address_line2,
        &a.district,
        &a.city,
        &a.state,
        &a.postal_code,
    ]
    .iter()
    .filter(|v| !v.trim().is_empty())
    .map(|v| (*v).clone())
    .chain(std::iter::once(region_name(&a.country, l.tag())))
    .collect();
    let tt = &order.totals;
    let mut rows = vec![
        (Msg::SummaryGoods, tt.goods, false),
        (Msg::SummaryShipping, tt.shipping, false),
        (Msg::SummaryTaxesNow, tt.duties_and_taxes_now, false),
        (Msg::SummaryPayNow, tt.pay_now, true),
    ];
    // Charged in another currency than shown: both amounts.
    if tt.charged.currency() != tt.pay_now.currency() {
        rows.push((Msg::OrderCharged, tt.charged, true));
    }
    rows.push((Msg::SummaryOnDelivery, tt.due_on_delivery, false));
    view! {
        <p class="order-number"><strong>{fill(&t(l, Msg::OrderNumber), std::slice::from_ref(&order.number))}</strong>" · "{t(l, Msg::OrderPaid).into_owned()}</p>
        <h2>{t(l, Msg::OrderItems).into_owned()}</h2>
        <ul class="order-lines">{items}</ul>
        <h2>{t(l, Msg::Delivery).into_owned()}</h2>
        <ul class="order-shipments">{shipments}</ul>
        <h2>{t(l, Msg::ShipToLabel).into_owned()}</h2>
        <p><bdi>{address.join(", ")}</bdi></p>
        <h2>{t(l, Msg::StepPayment).into_owned()}</h2>
        <p><bdi>{order.payment.clone()}</bdi></p>
        {crate::checkout::summary_list(l, rows)}
    }
}

/// `/{locale}/orders/{number}?key=…` (the confirmation checkout lands on, and the order's
/// link) and `/{locale}/orders` (find an order by its number and email): one page.
#[component]
pub fn OrderPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let query = use_query_map();
    let title = Signal::derive(move || t(locale.get(), Msg::OrderLookup).into_owned());
    let number = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let found = RwSignal::new_local(None::<Result<Order, ApiError>>);
    // Opened through the confirmation link (not looked up): the buyer has just ordered.
    let by_link = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let latest = Latest::new();
    let fetch = move |n: String, by: (&'static str, String)| {
        busy.set(true);
        spawn_local(async move {
            let result = api::get_order(
                n.trim(),
                (by.0, by.1.trim()),
                locale.get_untracked(),
                latest,
            )
            .await;
            busy.set(false);
            if !matches!(result, Err(ApiError::Aborted)) {
                by_link.set(by.0 == "key" && result.is_ok());
                found.set(Some(result));
            }
        });
    };
    Effect::new(move |_| {
        let n = params.with(|p| p.get("number").unwrap_or_default());
        let key = query.with(|q| q.get("key").unwrap_or_default());
        locale.track();
        if !n.is_empty() && !key.is_empty() {
            number.set(n.clone());
            fetch(n, ("key", key));
        }
    });
    let submit = move || {
        let (n, e) = (number.get_untracked(), email.get_untracked());
        if n.trim().is_empty() || e.trim().is_empty() {
            found.set(Some(Err(ApiError::Server {
                status: 404,
                problem: None,
            })));
            return;
        }
        fetch(n, ("email", e));
    };
    let result = move || {
        let l = locale.get();
        found.with(|f| match f {
            None => busy.get().then(|| view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span><span></span></div> }.into_any()),
            Some(Ok(order)) => Some(order_view(l, order).into_any()),
            Some(Err(ApiError::Server { status: 404, .. })) => {
                Some(view! { <p class="field-error" role="alert">{tx(Msg::OrderNotFound)}</p> }.into_any())
            }
            // Too many guesses: the server says how long to wait, in the page's language.
            Some(Err(ApiError::Server { status: 429, problem: Some(p) })) => {
                Some(view! { <p class="field-error" role="alert">{p.detail.clone()}</p> }.into_any())
            }
            Some(Err(_)) => Some(view! { <p class="field-error" role="alert">{tx(Msg::UnreachableBody)}</p> }.into_any()),
        })
    };
    view! {
        <PageMeta title description=title path="/orders".to_owned() noindex=true/>
        <section class="order-page">
            {move || if by_link.get() {
                view! {
                    <h1>{tx(Msg::OrderThanks)}</h1>
                    <p class="hint">{tx(Msg::OrderKeepLink)}</p>
                }.into_any()
            } else {
                view! {
                    <h1>{tx(Msg::OrderLookup)}</h1>
                    <form class="checkout-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
                        <div class="field">
                            <label for="lookup-number">{tx(Msg::OrderNumberLabel)}</label>
                            <input id="lookup-number" type="text" autocomplete="off" required=true placeholder="SO-XXXXX-XXXXX"
                                prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev))/>
                        </div>
                        <div class="field">
                            <label for="lookup-email">{tx(Msg::EmailLabel)}</label>
                            <input id="lookup-email" type="email" autocomplete="email" required=true
                                prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                        </div>
                        <button type="submit" class="button primary" disabled=move || busy.get()>{tx(Msg::OrderLookupButton)}</button>
                    </form>
                }.into_any()
            }}
            <div aria-live="polite">{result}</div>
        </section>
    }
}
