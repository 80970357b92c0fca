//! Below the seller's preview: its share links (made, listed, withdrawn) and the store's last
//! publications, any of which can be published again.

use super::texts::{sr, st, SellerMsg as S};
use super::Dashboard;
use crate::api::seller::{self as api, Writer};
use crate::i18n::{fill, Locale};
use domain::seller::{Market, NewPreviewLink, PreviewLink, Publication, MAX_PREVIEW_DAYS};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

/// A moment the server wrote (RFC 3339) as the seller's language writes a date and time.
pub(super) fn when(at: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(at));
    if date.get_time().is_nan() {
        return at.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(locale.tag(), &options).into()
}

/// Selects the whole link when its field is focused, ready to copy.
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlInputElement>(&ev).select();
}

/// Whether `at` (RFC 3339) has passed.
fn passed(at: &str) -> bool {
    js_sys::Date::new(&JsValue::from_str(at)).get_time() <= js_sys::Date::now()
}

/// Makes, lists and withdraws share links. `market`: the market the preview above shows, which a
/// link can be made for alone.
#[component]
pub(super) fn SharePanel(market: Signal<Market, LocalStorage>) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let links = RwSignal::new_local(Vec::<PreviewLink>::new());
    let load = move || {
        spawn_local(async move {
            match api::preview_links(locale.get_untracked()).await {
                Ok(answer) => links.set(answer.links),
                Err(e) => {
                    d.failed(&e);
                }
            }
        })
    };
    load();
    let days = RwSignal::new_local("7".to_owned());
    let one_market = RwSignal::new_local(false);
    let busy = RwSignal::new_local(false);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let link = NewPreviewLink {
            days: days.get_untracked().trim().parse().unwrap_or(0),
            market: one_market.get_untracked().then(|| market.get_untracked()),
        };
        busy.set(true);
        d.write(
            move |csrf, locale| async move {
                api::create_link(
                    Writer {
                        csrf: &csrf,
                        locale,
                    },
                    &link,
                )
                .await
            },
            move |made| {
                busy.set(false);
                if let Some(link) = made {
                    links.update(|l| l.insert(0, link));
                }
            },
        );
    };
    let withdraw = move |id: String| {
        d.write(
            move |csrf, locale| async move {
                api::revoke_link(
                    Writer {
                        csrf: &csrf,
                        locale,
                    },
                    &id,
                )
                .await
            },
            move |done| {
                if done.is_some() {
                    load();
                }
            },
        );
    };
    let origin = StoredValue::new_local(window().location().origin().unwrap_or_default());
    let row = move |link: PreviewLink| {
        let url = format!("{}{}", origin.get_value(), link.path);
        let open = !link.revoked && !passed(&link.expires_at);
        let status = move || {
            if link.revoked {
                st(locale.get(), S::LinkWithdrawn).to_owned()
            } else if !open {
                st(locale.get(), S::LinkExpired).to_owned()
            } else {
                fill(
                    st(locale.get(), S::LinkExpires),
                    &[when(&link.expires_at, locale.get())],
                )
            }
        };
        // The market a link shows alone, in the seller's words: "Indonesia · Bahasa Indonesia · IDR".
        let market = link.market.map(|m| {
            let language = Locale::from_tag(&m.locale)
                .map_or(m.locale.clone(), |l| l.native_name().to_owned());
            let country = crate::format::region_name(&m.country, locale.get_untracked().tag());
            format!("{country} · {language} · {}", m.currency)
        });
        let id = link.id.clone();
        view! {
            <li class="share-link" data-link=link.id.clone() data-open=open.then_some("")>
                <input type="text" readonly value=url.clone() aria-label=sr(S::ShareHeading)
                    on:focus=select_all/>
                <p>{status}{market.map(|m| format!(" ({m})"))}</p>
                {open.then(|| view! {
                    <a class="button secondary" href=url target="_blank" rel="noopener external">{sr(S::OpenPreview)}</a>
                    <button type="button" class="button secondary" on:click=move |_| withdraw(id.clone())>
                        {sr(S::Withdraw)}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <section class="share-panel" aria-labelledby="share-heading">
            <h2 id="share-heading">{sr(S::ShareHeading)}</h2>
            <p class="hint">{sr(S::ShareHint)}</p>
            <form class="share-form" on:submit=create>
                <label>
                    <span>{sr(S::LinkDays)}</span>
                    <input type="number" id="link-days" min="1" max=MAX_PREVIEW_DAYS.to_string()
                        inputmode="numeric" required
                        prop:value=move || days.get()
                        on:input=move |ev| days.set(event_target_value(&ev))/>
                </label>
                <label class="check">
                    <input type="checkbox" id="link-one-market"
                        prop:checked=move || one_market.get()
                        on:change=move |ev| one_market.set(event_target_checked(&ev))/>
                    <span>{sr(S::LinkForMarket)}</span>
                </label>
                <button type="submit" class="button" disabled=move || busy.get()>{sr(S::CreateLink)}</button>
            </form>
            <ul class="share-links">
                {move || links.get().into_iter().map(row).collect_view()}
            </ul>
            {move || links.with(Vec::is_empty).then(|| view! { <p>{sr(S::NoLinks)}</p> })}
        </section>
        <History/>
    }
}

/// The store's last publications; any but the one buyers see now can be published again.
#[component]
fn History() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let items = RwSignal::new_local(Vec::<Publication>::new());
    let load = move || {
        spawn_local(async move {
            if let Ok(answer) = api::publications(locale.get_untracked()).await {
                items.set(answer.items);
            }
        })
    };
    // Again after every publication (the dashboard's state changes with it).
    Effect::new(move |_| {
        d.state.track();
        load();
    });
    let busy = RwSignal::new_local(false);
    let restore = move |number: u32| {
        // It replaces the draft: asked first when there is something unpublished in it.
        let pending = d
            .state
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.unpublished_changes));
        if pending
            && !window()
                .confirm_with_message(st(locale.get_untracked(), S::RestoreConfirm))
                .unwrap_or(false)
        {
            return;
        }
        busy.set(true);
        d.write(
            move |csrf, locale| async move {
                api::restore(
                    Writer {
                        csrf: &csrf,
                        locale,
                    },
                    number,
                )
                .await
            },
            move |restored| {
                busy.set(false);
                if let Some(state) = restored {
                    d.state.set(Some(state));
                    d.said(S::RestoredNow);
                }
            },
        );
    };
    let row = move |(i, p): (usize, Publication)| {
        let number = p.number;
        let line = move || {
            let mut line = fill(
                st(locale.get(), S::PublicationLine),
                &[number.to_string(), when(&p.published_at, locale.get())],
            );
            if let Some(from) = p.restored_from {
                line.push_str(" — ");
                line.push_str(&fill(
                    st(locale.get(), S::RestoredFrom),
                    &[from.to_string()],
                ));
            }
            line
        };
        view! {
            <li class="publication" data-publication=number>
                <span>{line}</span>
                // The newest is what buyers see now.
                {(i > 0).then(|| view! {
                    <button type="button" class="button secondary" disabled=move || busy.get()
                        on:click=move |_| restore(number)>{sr(S::Restore)}</button>
                })}
            </li>
        }
    };
    view! {
        <section class="history-panel" aria-labelledby="history-heading">
            <h2 id="history-heading">{sr(S::HistoryHeading)}</h2>
            <ol class="publications">
                {move || items.get().into_iter().enumerate().map(row).collect_view()}
            </ol>
            {move || items.with(Vec::is_empty).then(|| view! { <p>{sr(S::NoPublications)}</p> })}
        </section>
    }
}
