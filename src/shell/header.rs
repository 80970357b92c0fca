//! The header's language menu and search box. When the header condenses on scroll is decided
//! by a few lines of script in `index.html`, which work before the wasm arrives.

use crate::buyer::{tr, use_locale};
use crate::catalog::listing::ListingParams;
use crate::i18n::{self, Locale, Msg};
use crate::routes::{in_locale, Page};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

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
