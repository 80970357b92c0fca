//! The order confirmation (`/{locale}/orders/{number}?key=…`, the link checkout lands on) and
//! the order lookup (`/{locale}/orders`: number and email), one page showing the order as the
//! server keeps it (`view`).

mod view;

use crate::api::orders::{self, LookupError, OrderBy};
use crate::api::Latest;
use crate::buyer::{tx, use_locale};
use crate::i18n::{t, Msg};
use crate::routes::Page;
use crate::ui::PageMeta;
use domain::order::Order;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use view::order_view;

/// `/{locale}/orders/{number}?key=…` (the confirmation checkout lands on, and the order's
/// link) and `/{locale}/orders` (find an order by its number and email): one page.
#[component]
pub fn OrderPage() -> impl IntoView {
    let locale = use_locale();
    let number_in_path = crate::routes::route_value(crate::routes::Module::Orders);
    let query = use_query_map();
    let title = Signal::derive(move || t(locale.get(), Msg::OrderLookup).into_owned());
    let number = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let found = RwSignal::new_local(None::<Result<Order, LookupError>>);
    // Opened through the confirmation link (not looked up): the buyer has just ordered.
    let by_link = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let latest = Latest::new();
    // `by_key`: the confirmation link's key, else the buyer's email.
    let fetch = move |n: String, by_key: bool, value: String| {
        busy.set(true);
        spawn_local(async move {
            let value = value.trim();
            let by = if by_key {
                OrderBy::Key(value)
            } else {
                OrderBy::Email(value)
            };
            let result = orders::get_order(n.trim(), by, locale.get_untracked(), latest).await;
            busy.set(false);
            if !matches!(result, Err(LookupError::Aborted)) {
                by_link.set(by_key && result.is_ok());
                found.set(Some(result));
            }
        });
    };
    Effect::new(move |_| {
        let n = number_in_path.get().unwrap_or_default();
        let key = query.with(|q| q.get("key").unwrap_or_default());
        locale.track();
        if !n.is_empty() && !key.is_empty() {
            number.set(n.clone());
            fetch(n, true, key);
        }
    });
    let submit = move || {
        let (n, e) = (number.get_untracked(), email.get_untracked());
        if n.trim().is_empty() || e.trim().is_empty() {
            found.set(Some(Err(LookupError::NotFound)));
            return;
        }
        fetch(n, false, e);
    };
    let result = move || {
        let l = locale.get();
        found.with(|f| match f {
            None => busy.get().then(|| view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span><span></span></div> }.into_any()),
            Some(Ok(order)) => Some(order_view(l, order).into_any()),
            Some(Err(LookupError::NotFound)) => {
                Some(view! { <p class="field-error" role="alert">{tx(Msg::OrderNotFound)}</p> }.into_any())
            }
            // Too many guesses: the server says how long to wait, in the page's language.
            Some(Err(LookupError::TooManyTries(detail))) => {
                Some(view! { <p class="field-error" role="alert">{detail.clone()}</p> }.into_any())
            }
            Some(Err(_)) => Some(view! { <p class="field-error" role="alert">{tx(Msg::UnreachableBody)}</p> }.into_any()),
        })
    };
    view! {
        <PageMeta title description=title path=Page::OrderLookup.rest() noindex=true/>
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
