//! The root component: routes, the locale shell, and the language menu.
//!
//! Every page lives under `/{locale}/…`. `/` sends the buyer to the locale they chose before
//! (remembered in `localStorage`) or the best match for `navigator.languages`.

use crate::catalog::listing::ListingParams;
use crate::catalog::{ListingPage, ProductPage};
use crate::i18n::{self, t, Locale, Msg};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::{path, NavigateOptions};

const LOCALE_STORAGE_KEY: &str = "store.locale";

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <LocaleShell>
                <LocalizedPages/>
            </LocaleShell>
        </Router>
    }
}

/// The current UI locale, reactive: it follows the route's first segment.
pub fn use_locale() -> Memo<Locale> {
    use_context::<Memo<Locale>>().unwrap_or_else(|| Memo::new(|_| Locale::default()))
}

/// A reactive translation, for use directly in `view!`: `{tr(Msg::Retry)}`.
pub fn tr(msg: Msg) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || t(locale.get(), msg).into_owned()
}

/// A translation fixed at render time, for views that are rebuilt when the locale changes
/// (every page below the shell refetches and re-renders then). A plain `String` shares one
/// rendering path in the wasm, where each `tr` closure is a type of its own.
pub fn tx(msg: Msg) -> String {
    t(use_locale().get_untracked(), msg).into_owned()
}

/// The path of `rest` (starting with `/`, or empty) in `locale`: `/es/…`.
pub fn localized(locale: Locale, rest: &str) -> String {
    format!(
        "/{}{}",
        locale.tag(),
        if rest.is_empty() { "/" } else { rest }
    )
}

/// `/` → `/{locale}/` for the remembered or negotiated locale.
#[component]
fn ChooseLocale() -> impl IntoView {
    let locale = remembered_locale().unwrap_or_else(browser_locale);
    view! { <Redirect path=localized(locale, "") options=NavigateOptions { replace: true, ..Default::default() }/> }
}

/// The pages, all under `/{locale}/`; an unknown first segment (`/xx/`) is a not-found page.
/// Flat routes inside one shell, rather than nested ones, keep the router's code small.
#[component]
fn LocalizedPages() -> impl IntoView {
    let location = use_location();
    let known = Memo::new(move |_| {
        let path = location.pathname.get();
        path == "/" || path_locale(&path).is_some()
    });
    view! {
        <Show when=move || known.get() fallback=NotFound>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=ChooseLocale/>
                <Route path=path!("/:locale") view=ListingPage/>
                <Route path=path!("/:locale/c/:category") view=ListingPage/>
                <Route path=path!("/:locale/search") view=ListingPage/>
                <Route path=path!("/:locale/p/:slug") view=ProductPage/>
                <Route path=path!("/:locale/cart") view=crate::cart::CartPage/>
                <Route path=path!("/:locale/checkout") view=crate::checkout::CheckoutPage/>
                <Route path=path!("/:locale/orders") view=crate::orders::OrderPage/>
                <Route path=path!("/:locale/orders/:number") view=crate::orders::OrderPage/>
            </Routes>
        </Show>
    }
}

/// The locale named by the first segment of `path`, if it names one.
fn path_locale(path: &str) -> Option<Locale> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Locale::from_tag(first).filter(|l| l.tag().eq_ignore_ascii_case(first))
}

/// Layout for every localized page: sets `<html lang dir>`, provides the locale, and draws the
/// header with the language menu. Where the path names no locale (not-found pages), the
/// buyer's remembered or browser language is used.
#[component]
fn LocaleShell(children: ChildrenFn) -> impl IntoView {
    let location = use_location();
    let known = Memo::new(move |_| path_locale(&location.pathname.get()));
    let locale = Memo::new(move |_| {
        known
            .get()
            .unwrap_or_else(|| remembered_locale().unwrap_or_else(browser_locale))
    });
    provide_context(locale);
    crate::currency::provide_currency(locale.get_untracked());
    crate::cart::provide_cart(locale);
    // The page renders once the locale's texts are here: inlined in index.html for the first
    // locale, fetched for another (a remembered choice, a link to another language). A locale
    // whose texts could not be fetched renders with the texts the page has.
    let settled = RwSignal::new(0u16);
    Effect::new(move |_| {
        let locale = locale.get();
        if !i18n::is_loaded(locale) {
            leptos::task::spawn_local(async move {
                let _ = i18n::load(locale).await;
                settled.update(|done| *done |= 1 << locale.index());
            });
        }
    });
    let ready = move || {
        let locale = locale.get();
        i18n::is_loaded(locale) || settled.get() & (1 << locale.index()) != 0
    };
    Effect::new(move |_| {
        let locale = locale.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", locale.tag());
            let _ = html.set_attribute("dir", locale.dir().as_str());
        }
        if known.get().is_some() {
            remember_locale(locale);
        }
    });
    view! {
        <Show when=ready>
            <a class="skip-link" href="#main">{tr(Msg::SkipToContent)}</a>
            <header class="site-header">
                <a href=move || localized(locale.get(), "") class="brand">{tr(Msg::StoreName)}</a>
                <LanguageMenu/>
                <crate::currency::CurrencyMenu/>
                <crate::cart::CartLink/>
                <SearchBox/>
            </header>
            <main id="main" tabindex="-1">
                {children()}
            </main>
            <footer class="site-footer">
                <a href=move || localized(locale.get(), "/orders")>{tr(Msg::OrderLookup)}</a>
            </footer>
        </Show>
    }
}

/// The language menu: switching keeps the current page, its query and the scroll position.
#[component]
fn LanguageMenu() -> impl IntoView {
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
        let mut target = localized(next, &rest);
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
fn SearchBox() -> impl IntoView {
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
        <form role="search" class="search-box" action=move || localized(locale.get(), "/search") method="get" on:submit=on_submit>
            <label for="search" class="visually-hidden">{tr(Msg::SearchLabel)}</label>
            <input id="search" type="search" name="q" node_ref=input
                placeholder=tr(Msg::SearchPlaceholder)
                prop:value=move || query.read().get("q").unwrap_or_default()
                enterkeyhint="search" autocomplete="off" dir="auto"/>
            <button type="submit" class="button search-submit">{tr(Msg::SearchSubmit)}</button>
        </form>
    }
}

/// `<title>`, meta description, canonical URL and `hreflang` alternates for a page. `path` is
/// the page's path after the locale (with its query), the same in every locale.
///
/// Written straight into `<head>` rather than with leptos_meta: its `Title`/`Meta`/`Link`
/// components cost 8 KB (brotli) of wasm for these few tags, a twentieth of the first page.
#[component]
pub fn PageMeta(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] description: Signal<String>,
    path: String,
    #[prop(optional)] noindex: bool,
) -> impl IntoView {
    let locale = use_locale();
    Effect::new(move |_| {
        let title = format!("{} · {}", title.get(), t(locale.get(), Msg::StoreName));
        write_head(&title, &description.get(), &path, locale.get(), noindex);
    });
}

/// Replaces the tags the previous page wrote (marked `data-page-meta`) with this page's.
fn write_head(title: &str, description: &str, path: &str, locale: Locale, noindex: bool) {
    let doc = document();
    doc.set_title(title);
    let Some(head) = doc.head() else {
        return;
    };
    if let Ok(old) = doc.query_selector_all("[data-page-meta]") {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                let _ = head.remove_child(&node);
            }
        }
    }
    let add = |tag: &str, attrs: &[(&str, &str)]| {
        if let Ok(el) = doc.create_element(tag) {
            let _ = el.set_attribute("data-page-meta", "");
            for (k, v) in attrs {
                let _ = el.set_attribute(k, v);
            }
            let _ = head.append_child(&el);
        }
    };
    let origin = window().location().origin().unwrap_or_default();
    let url = |l: Locale| format!("{origin}{}", localized(l, path));
    add("meta", &[("name", "description"), ("content", description)]);
    if noindex {
        add("meta", &[("name", "robots"), ("content", "noindex")]);
    }
    add("link", &[("rel", "canonical"), ("href", &url(locale))]);
    for alt in Locale::ALL {
        add(
            "link",
            &[
                ("rel", "alternate"),
                ("hreflang", alt.tag()),
                ("href", &url(alt)),
            ],
        );
    }
    add(
        "link",
        &[
            ("rel", "alternate"),
            ("hreflang", "x-default"),
            ("href", &url(Locale::En)),
        ],
    );
}

#[component]
pub fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageMeta
            title=Signal::derive(move || t(locale.get(), Msg::NotFoundTitle).into_owned())
            description=Signal::derive(move || t(locale.get(), Msg::NotFoundBody).into_owned())
            path=String::new()
            noindex=true
        />
        <section class="not-found">
            <h1>{tr(Msg::NotFoundTitle)}</h1>
            <p>{tr(Msg::NotFoundBody)}</p>
            <a href=move || localized(locale.get(), "") class="button">{tr(Msg::BackToShop)}</a>
        </section>
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn remembered_locale() -> Option<Locale> {
    local_storage()?
        .get_item(LOCALE_STORAGE_KEY)
        .ok()
        .flatten()
        .and_then(|tag| Locale::from_tag(&tag))
}

fn remember_locale(locale: Locale) {
    if let Some(storage) = local_storage() {
        // Private browsing may refuse storage; the choice then lasts only for this visit.
        let _ = storage.set_item(LOCALE_STORAGE_KEY, locale.tag());
    }
}

fn browser_locale() -> Locale {
    let languages: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Locale::negotiate(languages.iter().map(String::as_str))
}
