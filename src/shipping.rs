//! Shipping in the app: the ship-to choice, live quotes (debounced, the previous request
//! aborted, re-quoted when a quote expires), the product page's estimate, the cart's estimate
//! per shipment, and the checkout's delivery step. Every amount, date and tax is the server's.

use crate::api::{self, ApiError, Latest, QuoteFor};
use crate::app::{tx, use_locale};
use crate::cart::use_cart;
use crate::currency::use_currency;
use crate::format::{format_date_range, format_money, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::{ShippingOption, ShippingQuote, ShippingTotals, DESTINATIONS};
use domain::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Why a line cannot ship to `country` (a name in the page's language), from the server's code.
pub fn restriction_text(locale: Locale, code: &str, country: String) -> String {
    let msg = match code {
        "lithium_battery" => Msg::CannotShipLithium,
        "liquid" => Msg::CannotShipLiquid,
        "controlled_category" => Msg::CannotShipControlled,
        "magnet" => Msg::CannotShipMagnet,
        "fragile" => Msg::CannotShipFragile,
        "remote_area" => Msg::CannotShipRemote,
        _ => Msg::CannotShipOther,
    };
    fill(&t(locale, msg), &[country])
}

pub(crate) fn service_name(locale: Locale, code: &str) -> String {
    let msg = match code {
        "postal_economy" => Msg::ServicePostalEconomy,
        "postal_registered" => Msg::ServicePostalRegistered,
        "epacket" => Msg::ServiceEPacket,
        "special_line" => Msg::ServiceSpecialLine,
        "economy_air" => Msg::ServiceEconomyAir,
        "local" => Msg::ServiceLocal,
        "local_express" => Msg::ServiceLocalExpress,
        _ => Msg::ServiceExpress,
    };
    t(locale, msg).into_owned()
}

pub(crate) fn label_name(locale: Locale, label: &str) -> String {
    let msg = match label {
        "cheapest" => Msg::LabelCheapest,
        "fastest" => Msg::LabelFastest,
        _ => Msg::LabelBestValue,
    };
    t(locale, msg).into_owned()
}

pub(crate) fn money(m: &Money, locale: Locale) -> String {
    format_money(m, locale.tag())
}

/// "Arrives 3–10 Dec".
pub(crate) fn arrives(locale: Locale, option: &ShippingOption) -> String {
    fill(
        &t(locale, Msg::Arrives),
        &[format_date_range(
            &option.earliest,
            &option.latest,
            locale.tag(),
        )],
    )
}

/// What the buyer pays in duties and taxes for an option, and when, with the rule that applied.
fn tax_lines(locale: Locale, option: &ShippingOption) -> Vec<String> {
    let charges = option.duties.checked_add(option.taxes).ok();
    let due = match (option.taxes_due.as_str(), charges) {
        ("checkout", Some(c)) => fill(&t(locale, Msg::TaxesNow), &[money(&c, locale)]),
        ("delivery", Some(c)) => fill(&t(locale, Msg::TaxesOnDelivery), &[money(&c, locale)]),
        _ => t(locale, Msg::TaxesNone).into_owned(),
    };
    let threshold = option.threshold.as_ref().map(|m| money(m, locale));
    let rule = match (option.tax_rule.as_str(), threshold) {
        ("collected_at_checkout", Some(th)) => Some(fill(&t(locale, Msg::RuleCollected), &[th])),
        ("below_threshold", Some(th)) => Some(fill(&t(locale, Msg::RuleBelow), &[th])),
        ("above_threshold", Some(th)) => Some(fill(&t(locale, Msg::RuleAbove), &[th])),
        ("no_threshold", _) => Some(t(locale, Msg::RuleNone).into_owned()),
        _ => None,
    };
    std::iter::once(due).chain(rule).collect()
}

/// A shipping price: the buyer's currency, and the carrier's beneath when it differs.
fn shipping_price(locale: Locale, option: &ShippingOption) -> impl IntoView {
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

/// Destinations with their names in the page's language, in that language's order.
pub fn destinations(tag: &str) -> Vec<(&'static str, String)> {
    let mut named: Vec<(&'static str, String)> = DESTINATIONS
        .iter()
        .map(|c| (*c, region_name(c, tag)))
        .collect();
    named.sort_by(|a, b| crate::format::compare_text(&a.1, &b.1, tag));
    named
}

/// The ship-to country, shared by the product page, the cart and checkout (and remembered).
#[component]
pub fn ShipToSelect(id: &'static str) -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let options = move || {
        let chosen = state.ship_to.get();
        destinations(locale.get().tag())
            .into_iter()
            .map(|(code, name)| view! { <option value=code selected={code == chosen}>{name}</option> })
            .collect_view()
    };
    view! {
        <div class="ship-to field">
            <label for=id>{crate::app::tr(Msg::ShipTo)}</label>
            <select id=id autocomplete="shipping country"
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(c) = DESTINATIONS.iter().copied().find(|d| *d == v) {
                        state.choose_ship_to(c);
                    }
                }>
                {options}
            </select>
        </div>
    }
}

/// A quote that follows its request: debounced, the previous request aborted, and asked again
/// when it expires.
#[derive(Clone, Copy)]
pub struct LiveQuote {
    pub quote: RwSignal<Option<ShippingQuote>, LocalStorage>,
    pub loading: RwSignal<bool>,
    pub failed: RwSignal<bool>,
    /// The quote on screen replaced one that expired.
    pub renewed: RwSignal<bool>,
    again: RwSignal<u32>,
    expired: StoredValue<bool>,
}

impl LiveQuote {
    /// Asks again (the retry button, or a quote the server says is stale).
    pub fn retry(self) {
        self.again.update(|n| *n += 1);
    }

    /// Asks again because the quote expired.
    pub fn renew(self) {
        self.expired.set_value(true);
        self.retry();
    }
}

fn clear(timer: StoredValue<Option<TimeoutHandle>, LocalStorage>) {
    timer.update_value(|t| {
        if let Some(t) = t.take() {
            t.clear();
        }
    });
}

/// Starts following `body` (a quote request, or `None` for nothing to quote).
pub fn live_quote(body: Signal<Option<String>>, delay: Duration) -> LiveQuote {
    let locale = use_locale();
    let currency = use_currency().current;
    let state = LiveQuote {
        quote: RwSignal::new_local(None),
        loading: RwSignal::new(false),
        failed: RwSignal::new(false),
        renewed: RwSignal::new(false),
        again: RwSignal::new(0),
        expired: StoredValue::new(false),
    };
    let latest = Latest::new();
    let debounce = StoredValue::new_local(None::<TimeoutHandle>);
    let expiry = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let body = body.get();
        let (locale, currency) = (locale.get(), currency.get());
        state.again.track();
        clear(debounce);
        let Some(body) = body else {
            clear(expiry);
            state.quote.set(None);
            state.loading.set(false);
            return;
        };
        state.loading.set(true);
        let run = move || {
            let renewal = state.expired.get_value();
            state.expired.set_value(false);
            spawn_local(async move {
                match api::shipping_quote(body, locale, currency, latest).await {
                    Ok(quote) => {
                        clear(expiry);
                        let seconds = u64::from(quote.expires_in.max(1));
                        let timer = set_timeout_with_handle(
                            move || state.renew(),
                            Duration::from_secs(seconds),
                        )
                        .ok();
                        expiry.set_value(timer);
                        state.quote.set(Some(quote));
                        state.failed.set(false);
                        state.renewed.set(renewal);
                        state.loading.set(false);
                    }
                    Err(ApiError::Aborted) => {}
                    Err(_) => {
                        state.failed.set(true);
                        state.loading.set(false);
                    }
                }
            });
        };
        debounce.set_value(set_timeout_with_handle(run, delay).ok());
    });
    on_cleanup(move || {
        clear(debounce);
        clear(expiry);
    });
    state
}

/// A skeleton while the first answer loads, the retry on failure.
#[component]
fn QuoteStatus(live: LiveQuote) -> impl IntoView {
    view! {
        {move || (live.loading.get() && live.quote.with(|q| q.is_none())).then(|| view! {
            <div class="quote-skeleton" aria-hidden="true"><span></span><span></span><span></span></div>
        })}
        {move || live.failed.get().then(|| view! {
            <div class="quote-error" role="alert">
                <p>{tx(Msg::QuoteFailed)}</p>
                <button type="button" class="button secondary" on:click=move |_| live.retry()>{tx(Msg::Retry)}</button>
            </div>
        })}
        {move || live.renewed.get().then(|| view! { <p class="quote-renewed" role="status">{tx(Msg::QuoteUpdated)}</p> })}
    }
}

/// Lines of the quote that cannot ship, each with its reason.
fn unshippable_view(locale: Locale, quote: &ShippingQuote) -> impl IntoView {
    let country = region_name(&quote.country, locale.tag());
    quote
        .unshippable
        .iter()
        .map(|u| {
            let reason = restriction_text(locale, &u.reason, country.clone());
            view! { <p class="cart-notice blocked"><bdi>{u.title.clone()}</bdi>": "{reason}</p> }
        })
        .collect_view()
}

/// The product page's estimate: ship-to country, then the cheapest and the fastest option
/// with dates and prices, or why the item cannot go there.
#[component]
pub fn ProductEstimate(sku: Signal<Option<String>>) -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let body = Signal::derive(move || {
        let sku = sku.get()?;
        Some(api::quote_body(
            QuoteFor::Lines(&[(&sku, 1)]),
            cart.ship_to.get(),
            "",
        ))
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
                .filter(|o| o.labels.iter().any(|x| x == "cheapest" || x == "fastest"))
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
            <h2 id="estimate-heading">{crate::app::tr(Msg::DeliveryOptionsLabel)}</h2>
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
    let labels: Vec<String> = o.labels.iter().map(|l| label_name(locale, l)).collect();
    let taxes = tax_lines(locale, o);
    view! {
        <li class="estimate-option" data-option=o.id.clone()>
            <p class="option-head">
                {labels.into_iter().map(|l| view! { <span class="badge">{l}</span> }).collect_view()}
                <span class="option-service">{service_name(locale, &o.service)}" · "{o.carrier.clone()}</span>
            </p>
            <p class="option-price">{shipping_price(locale, o)}" · "{arrives(locale, o)}</p>
            <p class="option-taxes">{taxes.into_iter().map(|x| view! { <span>{x}</span> }).collect_view()}</p>
        </li>
    }
}

/// The quote request for the whole cart to its ship-to country. It reads the cart, so a
/// signal derived from it asks again whenever the cart changes.
pub(crate) fn cart_quote_body(cart: crate::cart::CartState, postal: &str) -> Option<String> {
    let token = cart.cart.with(|c| {
        c.as_ref()
            .filter(|c| c.item_count > 0)
            .map(|c| c.token.clone())
    })?;
    Some(api::quote_body(
        QuoteFor::Cart(&token),
        cart.ship_to.get(),
        postal,
    ))
}

/// The cart's estimate: for the chosen country, each shipment's cheapest option and dates.
#[component]
pub fn CartEstimate() -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let body = Signal::derive(move || {
        (!cart.offline.get())
            .then(|| cart_quote_body(cart, ""))
            .flatten()
    });
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

/// What the quote endpoint takes as a postal code: at most 12 letters, digits, spaces and
/// hyphens (the same rule the server applies).
pub fn well_formed_postal(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 12
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

/// The checkout's choices for a live quote: one option per shipment, kept across re-quotes while
/// still offered, else the best value.
pub fn follow_choices(live: LiveQuote) -> RwSignal<Vec<(String, String)>> {
    let choices = RwSignal::new(Vec::<(String, String)>::new());
    Effect::new(move |_| {
        live.quote.with(|q| {
            let Some(q) = q else { return };
            let before = choices.get_untracked();
            let next = q
                .shipments
                .iter()
                .filter_map(|s| {
                    let kept = before
                        .iter()
                        .find(|(sid, oid)| *sid == s.id && s.options.iter().any(|o| &o.id == oid))
                        .map(|(_, o)| o.clone());
                    let best = s
                        .options
                        .iter()
                        .find(|o| o.labels.iter().any(|l| l == "best_value"))
                        .or(s.options.first())
                        .map(|o| o.id.clone());
                    kept.or(best).map(|o| (s.id.clone(), o))
                })
                .collect();
            choices.set(next);
        });
    });
    choices
}

/// The server's totals for the chosen options, asked again when they change; a quote the server
/// calls expired or stale is renewed.
pub fn follow_totals(
    live: LiveQuote,
    choices: RwSignal<Vec<(String, String)>>,
) -> RwSignal<Option<ShippingTotals>, LocalStorage> {
    let totals = RwSignal::new_local(None::<ShippingTotals>);
    let totals_latest = Latest::new();
    Effect::new(move |_| {
        let id = live.quote.with(|q| q.as_ref().map(|q| q.id.clone()));
        let chosen = choices.get();
        let Some(id) = id else {
            totals.set(None);
            return;
        };
        if chosen.is_empty() {
            totals.set(None);
            return;
        }
        spawn_local(async move {
            match api::shipping_totals(&id, &chosen, totals_latest).await {
                Ok(t) => totals.set(Some(t)),
                // Expired, or the cart changed in another tab: quote again.
                Err(ApiError::Server {
                    status: 409 | 410, ..
                }) => live.renew(),
                Err(_) => {}
            }
        });
    });

    totals
}

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
                            let labels: Vec<String> = o.labels.iter().map(|x| label_name(l, x)).collect();
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
                                            <span class="option-service">{service_name(l, &o.service)}" · "{o.carrier.clone()}</span>
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
            let saving = q
                .separate_shipping
                .to_minor()
                .checked_sub(q.chosen_shipping.to_minor())
                .filter(|s| *s > 0 && q.shipments.iter().map(|s| s.lines.iter().map(|l| l.quantity).sum::<u32>()).sum::<u32>() > 1)
                .map(|s| fill(&t(l, Msg::SavingNote), &[money(&Money::from_minor(s, q.currency), l)]));
            Some(view! {
                {unshippable_view(l, q)}
                {items}
                {saving.map(|s| view! { <p class="saving-note">{s}</p> })}
            })
        })
    };
    let summary = move || {
        totals.with(|t| {
            t.as_ref()
                .map(|t| crate::checkout::totals_view(locale.get(), t))
        })
    };
    view! {
        <div class="delivery-step" aria-live="polite" aria-busy=move || live.loading.get().to_string()>
            <QuoteStatus live/>
            {shipments}
            {summary}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_the_engine_gives_has_its_own_words_naming_the_country() {
        let fallback = restriction_text(Locale::En, "too_large", "Chile".into());
        for locale in Locale::ALL {
            for code in [
                "lithium_battery",
                "liquid",
                "controlled_category",
                "magnet",
                "fragile",
                "remote_area",
                "too_large",
            ] {
                let text = restriction_text(locale, code, "Chile".into());
                assert!(text.contains("Chile"), "{locale:?} {code}: {text}");
                if locale == Locale::En && code != "too_large" {
                    assert_ne!(text, fallback, "{code}");
                }
            }
        }
    }

    #[test]
    fn postal_codes_the_server_would_refuse_are_caught_before_sending() {
        for ok in ["", "10001", "SW1A 1AA", "22162-1010", " 8340457 "] {
            assert!(well_formed_postal(ok), "{ok}");
        }
        for bad in ["<script>", "1000!", "1234567890123", "10001\u{301}"] {
            assert!(!well_formed_postal(bad), "{bad}");
        }
    }

    #[test]
    fn every_service_and_label_has_a_name() {
        let services = [
            "postal_economy",
            "postal_registered",
            "epacket",
            "special_line",
            "express",
            "economy_air",
            "local",
            "local_express",
        ];
        let names: std::collections::HashSet<String> = services
            .iter()
            .map(|s| service_name(Locale::En, s))
            .collect();
        assert_eq!(names.len(), services.len());
        assert_eq!(label_name(Locale::Es, "best_value"), "Mejor opción");
    }
}
