use crate::api::{self, ApiError};
use crate::app::{localized, tr, use_locale};
use crate::catalog::ProductCard;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// Products shown above the fold load eagerly; the rest wait until scrolled near.
const EAGER_IMAGES: usize = 4;

/// The home page: the catalog, one page at a time, with the page number in the URL.
#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    });
    // Re-fetched when the page or the language changes (texts and messages are localized).
    let products = LocalResource::new(move || api::list_products(page.get(), locale.get()));
    let retry = move |_| {
        // Back to the loading state first, so the buyer sees the retry happen.
        products.set(None);
        products.refetch();
    };

    view! {
        <section class="home" aria-labelledby="home-heading">
            <h1 id="home-heading">{tr(Msg::HomeHeading)}</h1>
            <p class="intro">{tr(Msg::HomeIntro)}</p>
            {move || match products.get() {
                None => view! { <LoadingGrid/> }.into_any(),
                Some(Err(err)) => view! { <LoadError err on_retry=retry/> }.into_any(),
                Some(Ok(page)) if page.items.is_empty() => {
                    view! { <p class="empty">{tr(Msg::EmptyCatalog)}</p> }.into_any()
                }
                Some(Ok(page)) => {
                    let (current, total) = (page.page, page.total_pages);
                    view! {
                        <ul class="product-grid" aria-label=tr(Msg::ProductsListLabel)>
                            {page
                                .items
                                .into_iter()
                                .enumerate()
                                .map(|(i, product)| view! { <ProductCard product eager=i < EAGER_IMAGES/> })
                                .collect_view()}
                        </ul>
                        <Pager current total/>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn LoadingGrid() -> impl IntoView {
    view! {
        <div class="loading">
            <p role="status" class="visually-hidden">{tr(Msg::Loading)}</p>
            <ul class="product-grid skeleton" aria-hidden="true">
                {(0..8).map(|_| view! { <li class="product-card placeholder"></li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn LoadError(err: ApiError, on_retry: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    let (title, body) = match err {
        ApiError::Unreachable => (Msg::UnreachableTitle, Msg::UnreachableBody),
        ApiError::Server { .. } | ApiError::Malformed(_) => {
            (Msg::ServerErrorTitle, Msg::ServerErrorBody)
        }
    };
    view! {
        <div class="load-error" role="alert">
            <h2>{tr(title)}</h2>
            <p>{tr(body)}</p>
            <button type="button" class="button" on:click=on_retry>{tr(Msg::Retry)}</button>
        </div>
    }
}

#[component]
fn Pager(current: u32, total: u32) -> impl IntoView {
    let locale = use_locale();
    let page_href = move |page: u32| format!("{}?page={page}", localized(locale.get(), ""));
    (total > 1).then(|| {
        view! {
            <nav class="pager" aria-label=tr(Msg::Pagination)>
                {(current > 1).then(|| view! {
                    <A href=move || page_href(current - 1) attr:rel="prev" attr:class="button">
                        {tr(Msg::PreviousPage)}
                    </A>
                })}
                <span aria-current="page">{tr(Msg::PageOf { page: current, total })}</span>
                {(current < total).then(|| view! {
                    <A href=move || page_href(current + 1) attr:rel="next" attr:class="button">
                        {tr(Msg::NextPage)}
                    </A>
                })}
            </nav>
        }
    })
}
