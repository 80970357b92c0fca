//! The header's language menu and search box, and when the header condenses.

use crate::buyer::{tr, use_locale};
use crate::catalog::listing::ListingParams;
use crate::i18n::{self, Locale, Msg};
use crate::routes::{in_locale, Page};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::cell::Cell;

/// The language menu: switching keeps the current page, its query and the scroll position.
#[component]
pub(super) fn LanguageMenu() -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(next) = Locale::from_tag(&event_target_value(&ev)) else {
            return;
        };
        let path = location.pathname.get_untracked();
        let rest = path
            .trim_start_matches('/')
            .split_once('/')
            .map(|(_, rest)| format!("/{rest}"))
            .unwrap_or_default();
        // `search` and `hash` may or may not carry their leading `?`/`#`; normalise both.
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        let hash = location.hash.get_untracked();
        let hash = hash.trim_start_matches('#');
        let mut target = in_locale(next, &rest);
        if !search.is_empty() {
            target.push('?');
            target.push_str(search);
        }
        if !hash.is_empty() {
            target.push('#');
            target.push_str(hash);
        }
        // Fetch the new language's texts first, so the page changes language in one step
        // and keeps its scroll position.
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let _ = i18n::load(next).await;
            navigate(
                &target,
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        });
    };
    view! {
        <div class="language-menu">
            <label for="language">{tr(Msg::Language)}</label>
            <select id="language" on:change=on_change>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() selected=move || locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The search box in the header: searches every category, in any language.
#[component]
pub(super) fn SearchBox() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let navigate = use_navigate();
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let words = input.get().map(|i| i.value()).unwrap_or_default();
        let words = words.trim();
        if words.is_empty() {
            return;
        }
        let params = ListingParams {
            q: Some(words.to_owned()),
            page: 1,
            ..Default::default()
        };
        navigate(
            &params.href(locale.get_untracked()),
            NavigateOptions::default(),
        );
    };
    view! {
        <form role="search" class="search-box" action=move || Page::Search.href(locale.get()) method="get" on:submit=on_submit>
            <label for="search" class="visually-hidden">{tr(Msg::SearchLabel)}</label>
            <input id="search" type="search" name="q" node_ref=input
                placeholder=tr(Msg::SearchPlaceholder)
                prop:value=move || query.read().get("q").unwrap_or_default()
                enterkeyhint="search" autocomplete="off" dir="auto"/>
            // On a phone the button is a magnifier (CSS), its word kept for screen readers.
            <button type="submit" class="button search-submit"><span>{tr(Msg::SearchSubmit)}</span></button>
        </form>
    }
}

/// Scrolled this far down, the header may condense (about the height of its two rows).
const CONDENSE_AFTER: f64 = 100.0;
/// Scrolling back up this far shows the whole header again; smaller moves are jitter.
const EXPAND_ON_UP: f64 = 8.0;

/// Whether the header shows its thin form: scrolled down past its height, until the buyer
/// scrolls back up or returns to the top. CSS decides what condensing means at each width
/// (on phones the search and currency row slides away; a wide header is one row anyway) and
/// undoes it while keyboard focus is inside the header, so the keyboard reaches every control.
pub(super) fn condensed_on_scroll() -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let (condensed, set_condensed) = signal(false);
    // The last offset seen, and the lowest point of the latest scroll down.
    let (last, lowest) = (Cell::new(0.0_f64), Cell::new(0.0_f64));
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        let down = y > last.replace(y);
        if down {
            lowest.set(y);
        }
        let next = if y <= CONDENSE_AFTER {
            false
        } else if down {
            true
        } else if lowest.get() - y >= EXPAND_ON_UP {
            false
        } else {
            condensed.get_untracked()
        };
        if next != condensed.get_untracked() {
            set_condensed.set(next);
        }
    });
    on_cleanup(move || handle.remove());
    move || condensed.get()
}
