//! Amounts as summary lists: the server's totals at checkout, an order's totals.

use super::money::money;
use crate::format::currency_name;
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::ShippingTotals;
use domain::Money;
use leptos::prelude::*;

/// Amounts as a summary list; the `true` row is the total.
pub fn summary_list(locale: Locale, rows: Vec<(Msg, Money, bool)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(msg, m, total)| {
            view! {
                <div class="summary-row" class:total=total>
                    <dt>{t(locale, msg).into_owned()}</dt>
                    <dd>{money(&m, locale)}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="checkout-summary">{rows}</dl> }
}

/// The server's totals as a summary list; the charge, when in another currency, beneath.
pub fn totals_view(locale: Locale, totals: &ShippingTotals) -> impl IntoView {
    let rows = vec![
        (Msg::SummaryGoods, totals.goods, false),
        (Msg::SummaryShipping, totals.shipping, false),
        (Msg::SummaryTaxesNow, totals.duties_and_taxes_now, false),
        (Msg::SummaryPayNow, totals.pay_now, true),
        (Msg::SummaryOnDelivery, totals.due_on_delivery, false),
        (Msg::SummaryLanded, totals.landed_total, false),
    ];
    view! {
        {summary_list(locale, rows)}
        {charge_notice(locale, totals).map(|n| view! { <p class="charge-notice" role="note">{n}</p> })}
    }
}

/// "You'll be charged US$12.34 in US dollars: PEN 41.50 at the locked rate of 1 PEN = 0.297 USD."
pub fn charge_notice(locale: Locale, totals: &ShippingTotals) -> Option<String> {
    let charge = &totals.charge;
    (charge.amount.currency() != totals.pay_now.currency()).then(|| {
        fill(
            &t(locale, Msg::ChargeNotice),
            &[
                money(&charge.amount, locale),
                currency_name(charge.amount.currency().code(), locale.tag()),
                money(&totals.pay_now, locale),
                format!(
                    "1 {} = {} {}",
                    totals.pay_now.currency().code(),
                    crate::format::format_decimal(
                        charge.rate.as_deref().unwrap_or_default(),
                        locale.tag()
                    ),
                    charge.amount.currency().code()
                ),
            ],
        )
    })
}
