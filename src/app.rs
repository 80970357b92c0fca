//! The root component: layout shell and routes.

use crate::catalog::HomePage;
use crate::i18n::{t, Locale, Msg};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let locale = Locale::default();
    provide_context(locale);
    view! {
        <Router>
            <a class="skip-link" href="#main">{t(locale, Msg::SkipToContent)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">{t(locale, Msg::StoreName)}</A>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The current UI locale, provided by [`App`].
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

#[component]
fn NotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="not-found">
            <h1>{t(locale, Msg::NotFoundTitle)}</h1>
            <p>{t(locale, Msg::NotFoundBody)}</p>
            <A href="/" attr:class="button">{t(locale, Msg::BackToShop)}</A>
        </section>
    }
}
