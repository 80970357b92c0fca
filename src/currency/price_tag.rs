//! A price as the buyer sees it, and the explanation of a converted one.

use super::state::use_currency;
use crate::buyer::use_locale;
use crate::i18n::{Locale, Msg};
use domain::RateTable;
use leptos::prelude::*;

/// The explanation of a converted price: the seller's price, the rate, its source and date,
/// and the spread — from the server's rate table (empty until it has arrived).
pub fn conversion_note(
    price: &domain::Money,
    converted: &domain::Converted,
    table: Option<&RateTable>,
    locale: Locale,
) -> String {
    let tag = locale.tag();
    let Some(table) = table else {
        return String::new();
    };
    let target = converted.amount.currency();
    let info = table.rates.iter().find(|r| r.currency == target);
    let rate = format!(
        "1 {} = {} {}",
        price.currency().code(),
        crate::format::format_decimal(&converted.rate, tag),
        target.code()
    );
    crate::i18n::fill(
        &crate::i18n::t(locale, Msg::ConvertedNote),
        &[
            crate::format::format_money(price, tag),
            rate,
            info.map_or_else(|| table.source.clone(), |i| i.source.clone()),
            info.map_or_else(|| table.as_of.clone(), |i| i.as_of.clone()),
            crate::format::format_unit(&table.spread_percent, "percent", tag),
        ],
    )
}

/// A price as the buyer sees it. With a conversion: "≈" and the amount in the buyer's
/// currency, the seller's price beneath it, and the conversion explained (`title`, and in
/// full where `explain` is set). Without one: the seller's price.
#[component]
pub fn PriceTag(
    price: domain::Money,
    converted: Option<domain::Converted>,
    #[prop(optional)] explain: bool,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let table = use_currency().table;
    let tag = locale.get_untracked().tag();
    let original = crate::format::format_money(&price, tag);
    match converted {
        Some(converted) if converted.amount.currency() != price.currency() => {
            let shown = crate::format::format_money(&converted.amount, tag);
            let code = converted.amount.currency().code();
            let converted = StoredValue::new(converted);
            let note = move || {
                table.with(|t| {
                    converted.with_value(|c| {
                        conversion_note(&price, c, t.as_ref(), locale.get_untracked())
                    })
                })
            };
            view! {
                <p class=format!("price converted {class}") data-currency=code title=note>
                    <span class="price-main">"≈ "{shown}</span>
                    <span class="price-original">{original}</span>
                </p>
                {explain.then(|| view! { <p class="conversion-note">{note}</p> })}
            }
            .into_any()
        }
        _ => view! {
            <p class=format!("price {class}") data-currency=price.currency().code()>
                <span class="price-main">{original}</span>
            </p>
        }
        .into_any(),
    }
}
