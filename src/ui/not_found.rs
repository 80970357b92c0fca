//! What a page shows when there is nothing to show: not found, or not loaded.

use super::meta::PageMeta;
use crate::api::ApiError;
use crate::buyer::{tr, tx, use_locale};
use crate::i18n::{t, Msg};
use crate::routes::Page;
use leptos::prelude::*;

/// A page that does not exist (an unknown path, locale or category), kept out of search
/// engines.
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
        <section class="not-found" data-drawn="">
            <h1>{tr(Msg::NotFoundTitle)}</h1>
            <p>{tr(Msg::NotFoundBody)}</p>
            <a href=move || Page::Home.href(locale.get()) class="button">{tr(Msg::BackToShop)}</a>
        </section>
    }
}

/// A page whose data could not be loaded: why, in the buyer's terms, and a way to try again.
#[component]
pub fn LoadError(
    err: ApiError,
    on_retry: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let (title, body) = if err.unreachable() {
        (Msg::UnreachableTitle, Msg::UnreachableBody)
    } else {
        (Msg::ServerErrorTitle, Msg::ServerErrorBody)
    };
    view! {
        <div class="load-error" role="alert" data-drawn="">
            <h2>{tx(title)}</h2>
            <p>{tx(body)}</p>
            <button type="button" class="button" on:click=on_retry>{tx(Msg::Retry)}</button>
        </div>
    }
}
