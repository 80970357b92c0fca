//! An order as the server keeps it.

use crate::format::region_name;
use crate::i18n::{fill, t, Locale, Msg};
use crate::ui::{money, service_name, summary_list};
use domain::order::Order;
use leptos::prelude::*;

/// An order: items, shipments with carriers and dates, the address, the payment and totals.
pub(super) fn order_view(locale: Locale, order: &Order) -> impl IntoView {
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
            let dates = fill(&t(l, Msg::Arrives), std::slice::from_ref(&s.dates));
            let service = service_name(l, s.service);
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
        {summary_list(l, rows)}
    }
}
