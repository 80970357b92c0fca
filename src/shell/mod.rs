//! The shell: the root component, the route table, and the layout every page sits in (the
//! locale, the buyer, the header and footer). It uses every feature; no feature uses it.
//!
//! Every page lives under `/{locale}/…`. `/` sends the buyer to the locale they chose before
//! (remembered in `localStorage`) or the best match for `navigator.languages`.

mod header;
mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;

use crate::browser::{self, Store};
use crate::buyer::{provide_buyer, tr};
use crate::i18n::{self, Locale, Msg};
use crate::routes::Page;
use crate::ui::lazy::later;
use header::{LanguageMenu, SearchBox};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;

const LOCALE_STORAGE_KEY: &str = "store.locale";

/// Starts the app in the browser in three tasks rather than one: after the module's start,
/// the locale's texts are read, then the app is drawn (each page's own code arrives in a task
/// of its own, `split_view!`). The browser may paint and answer the buyer between them; on a
/// slow phone one long task would hold the page still for a few hundred milliseconds.
pub fn start() {
    // A seller preview's device frame reads the store's draft.
    crate::routes::in_frame(|frame| {
        if let Some(frame) = frame {
            crate::api::read_drafts(frame.token.clone());
        }
    });
    wasm_bindgen_futures::spawn_local(async {
        crate::ui::lazy::pause(0).await;
        i18n::install_inline();
        crate::ui::lazy::pause(0).await;
        leptos::mount::mount_to(browser::mount_point(), App).forget();
    });
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <LocaleShell>
                <pages::Pages/>
            </LocaleShell>
        </Router>
    }
}

/// The locale named by the first segment of `path`, if it names one.
fn path_locale(path: &str) -> Option<Locale> {
    let first = path.trim_start_matches('/').split('/').next()?;
    Locale::from_tag(first).filter(|l| l.tag().eq_ignore_ascii_case(first))
}

/// Layout for every localized page: sets `<html lang dir>`, provides the buyer (locale,
/// currency, ship-to), the rates and the cart, and draws the header with the language menu. Where the path names no locale (not-found pages), the
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
    let buyer = provide_buyer(
        locale,
        crate::currency::initial_currency(locale.get_untracked()),
    );
    crate::currency::provide_currency(buyer);
    crate::cart::provide_cart(buyer);
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
            // On a landing page the layout and its page are drawn in a task after the one that
            // set up the buyer, the rates and the cart (`later`).
            {let children = children.clone(); later(move || frame(locale, children()))}
        </Show>
    }
}

/// The layout around every page: the skip link, the header, `main` and the footer. The server
/// draws a page's first screen with it too ([`crate::shell::prerender`]), so both are one markup.
pub(crate) fn frame(locale: Memo<Locale>, page: impl IntoView) -> impl IntoView {
    view! {
        // `rel="external"`: the browser, not the router, follows it, so focus moves to main.
        <a class="skip-link" href="#main" rel="external">{tr(Msg::SkipToContent)}</a>
        <header class="site-header">
            <a href=move || Page::Home.href(locale.get()) class="brand">{tr(Msg::StoreName)}</a>
            // Drawn in tasks of their own on a landing page (`later`).
            {later(|| view! { <LanguageMenu/><crate::currency::CurrencyMenu/> })}
            {later(|| view! { <crate::cart::CartLink/><SearchBox/> })}
        </header>
        <main id="main" tabindex="-1">
            {page}
        </main>
        <footer class="site-footer">
            <a href=move || Page::OrderLookup.href(locale.get())>{tr(Msg::OrderLookup)}</a>
        </footer>
    }
}

fn remembered_locale() -> Option<Locale> {
    Store::Local
        .get(LOCALE_STORAGE_KEY)
        .and_then(|tag| Locale::from_tag(&tag))
}

fn remember_locale(locale: Locale) {
    // Private browsing may refuse storage; the choice then lasts only for this visit.
    Store::Local.set(LOCALE_STORAGE_KEY, locale.tag());
}

fn browser_locale() -> Locale {
    let languages = browser::languages();
    Locale::negotiate(languages.iter().map(String::as_str))
}
