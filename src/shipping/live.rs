//! A quote that follows its request (debounced, the previous request aborted, asked again
//! when it expires), and the checkout's choices and totals that follow the quote.

use crate::api::shipping::{self, TotalsError};
use crate::api::{ApiError, Latest};
use crate::buyer::{tx, use_buyer, use_locale};
use crate::i18n::Msg;
use domain::shipping::{ShippingQuote, ShippingTotals};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

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
    let currency = use_buyer().currency;
    // Loading from the first frame when there is something to quote, so the skeleton is in
    // the first frame. The server's first screen (no effect runs there, and a request body is
    // made by the browser's JSON) draws a product's estimate as loading.
    #[cfg(target_arch = "wasm32")]
    let loading = body.with_untracked(Option::is_some);
    #[cfg(not(target_arch = "wasm32"))]
    let loading = true;
    let state = LiveQuote {
        quote: RwSignal::new_local(None),
        loading: RwSignal::new(loading),
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
                match shipping::shipping_quote(body, locale, currency, latest).await {
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

/// The room a quote takes while it loads.
pub(super) fn quote_skeleton() -> impl IntoView {
    view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span><span></span></div> }
}

/// A skeleton while the first answer loads, the retry on failure.
#[component]
pub(super) fn QuoteStatus(live: LiveQuote) -> impl IntoView {
    view! {
        {move || (live.loading.get() && live.quote.with(|q| q.is_none())).then(quote_skeleton)}
        {move || live.failed.get().then(|| view! {
            <div class="quote-error" role="alert">
                <p>{tx(Msg::QuoteFailed)}</p>
                <button type="button" class="button secondary" on:click=move |_| live.retry()>{tx(Msg::Retry)}</button>
            </div>
        })}
        {move || live.renewed.get().then(|| view! { <p class="quote-renewed" role="status">{tx(Msg::QuoteUpdated)}</p> })}
    }
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
                        .find(|o| o.labels.contains(&domain::shipping::OptionLabel::BestValue))
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
            match shipping::shipping_totals(&id, &chosen, totals_latest).await {
                Ok(t) => totals.set(Some(t)),
                // Expired, or the cart changed in another tab: quote again.
                Err(TotalsError::Stale) => live.renew(),
                Err(TotalsError::Failed) => {}
            }
        });
    });

    totals
}
