//! The checkout's delivery step: every shipment's options as radio groups, and the totals.

use super::estimates::{arrives, shipping_price, unshippable_view};
use super::live::{LiveQuote, QuoteStatus};
use crate::buyer::use_locale;
use crate::format::region_name;
use crate::i18n::{fill, t, Msg};
use crate::ui::{label_name, money, service_name, tax_lines, totals_view};
use domain::shipping::ShippingTotals;
use leptos::prelude::*;

/// The delivery options of every shipment as radio groups, and the server's totals.
#[component]
pub fn DeliveryChoices(
    live: LiveQuote,
    choices: RwSignal<Vec<(String, String)>>,
    totals: RwSignal<Option<ShippingTotals>, LocalStorage>,
) -> impl IntoView {
    let locale = use_locale();
    // Shipments whose every option is shown; otherwise the labelled ones and the chosen one.
    let expanded = RwSignal::new(Vec::<String>::new());
    let shipments = move || {
        let l = locale.get();
        live.quote.with(|q| {
            let q = q.as_ref()?;
            let count = q.shipments.len();
            let items = q
                .shipments
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let from = format!("{}, {}", s.origin_city, region_name(&s.origin_country, l.tag()));
                    let legend = fill(&t(l, Msg::ShipmentHeading), &[(i + 1).to_string(), count.to_string(), from]);
                    let lines = s
                        .lines
                        .iter()
                        .map(|line| view! { <li><bdi>{line.title.clone()}</bdi>" × "{line.quantity}</li> })
                        .collect_view();
                    let sid = s.id.clone();
                    let options = s
                        .options
                        .iter()
                        .map(|o| {
                            let (sid, oid) = (sid.clone(), o.id.clone());
                            let checked = {
                                let (sid, oid) = (sid.clone(), oid.clone());
                                move || choices.with(|c| c.iter().any(|(s, o)| *s == sid && *o == oid))
                            };
                            let labels: Vec<String> = o.labels.iter().map(|x| label_name(l, *x)).collect();
                            let featured = !o.labels.is_empty();
                            let shown = {
                                let (sid, checked) = (sid.clone(), checked.clone());
                                move || featured || checked() || expanded.with(|e| e.contains(&sid))
                            };
                            let tracked = t(l, if o.tracked { Msg::Tracked } else { Msg::Untracked }).into_owned();
                            let input_id = format!("opt-{sid}-{oid}");
                            let label_for = input_id.clone();
                            view! {
                                <li class="delivery-option" hidden=move || !shown()>
                                    <input type="radio" id=input_id name=format!("ship-{sid}") value=oid.clone()
                                        prop:checked=checked
                                        on:change=move |_| choices.update(|c| {
                                            c.retain(|(s, _)| *s != sid);
                                            c.push((sid.clone(), oid.clone()));
                                        })/>
                                    <label for=label_for>
                                        <span class="option-head">
                                            {labels.into_iter().map(|x| view! { <span class="badge">{x}</span> }).collect_view()}
                                            <span class="option-service">{service_name(l, o.service)}" · "{o.carrier.clone()}</span>
                                        </span>
                                        <span class="option-price">{shipping_price(l, o)}</span>
                                        <span class="option-dates">{arrives(l, o)}" · "{tracked}{o.ddp.then(|| format!(" · {}", t(l, Msg::Ddp)))}</span>
                                        <span class="option-taxes">{tax_lines(l, o).into_iter().map(|x| view! { <span>{x}</span> }).collect_view()}</span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view();
                    let hidden_count = s.options.iter().filter(|o| o.labels.is_empty()).count();
                    let list_id = format!("options-{sid}");
                    let toggle = (hidden_count > 0).then(|| {
                        let total = s.options.len();
                        let (sid, controls) = (sid.clone(), list_id.clone());
                        let open = {
                            let sid = sid.clone();
                            move || expanded.with(|e| e.contains(&sid))
                        };
                        let open2 = open.clone();
                        view! {
                            <button type="button" class="link-button show-all" aria-controls=controls
                                aria-expanded=move || open().to_string()
                                on:click=move |_| expanded.update(|e| {
                                    if let Some(i) = e.iter().position(|x| *x == sid) { e.remove(i); } else { e.push(sid.clone()); }
                                })>
                                {move || if open2() { t(l, Msg::ShowFewerOptions).into_owned() } else { fill(&t(l, Msg::ShowAllOptions), &[total.to_string()]) }}
                            </button>
                        }
                    });
                    view! {
                        <fieldset class="shipment">
                            <legend><bdi>{legend}</bdi></legend>
                            <ul class="shipment-lines">{lines}</ul>
                            <ul class="delivery-options" id=list_id>{options}</ul>
                            {toggle}
                        </fieldset>
                    }
                })
                .collect_view();
            let saving = q.saving.as_ref().map(|s| fill(&t(l, Msg::SavingNote), &[money(s, l)]));
            Some(view! {
                {unshippable_view(l, q)}
                {items}
                {saving.map(|s| view! { <p class="saving-note">{s}</p> })}
            })
        })
    };
    let summary = move || totals.with(|t| t.as_ref().map(|t| totals_view(locale.get(), t)));
    view! {
        <div class="delivery-step" aria-live="polite" aria-busy=move || live.loading.get().to_string()>
            <QuoteStatus live/>
            {shipments}
            {summary}
        </div>
    }
}
