use crate::api::{self, ApiError};
use crate::app::use_locale;
use crate::catalog::ProductCard;
use crate::i18n::{t, Locale, Msg};
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
    let products = LocalResource::new(move || api::list_products(page.get()));
    let retry = move |_| {
        // Back to the loading state first, so the buyer sees the retry happen.
        products.set(None);
        products.refetch();
    };

    view! {
        <section class="home" aria-labelledby="home-heading">
            <h1 id="home-heading">{t(locale, Msg::HomeHeading)}</h1>
            <p class="intro">{t(locale, Msg::HomeIntro)}</p>
            {move || match products.get() {
                None => view! { <LoadingGrid locale/> }.into_any(),
                Some(Err(err)) => view! { <LoadError locale err on_retry=retry/> }.into_any(),
                Some(Ok(page)) if page.items.is_empty() => {
                    view! { <p class="empty">{t(locale, Msg::EmptyCatalog)}</p> }.into_any()
                }
                Some(Ok(page)) => {
                    let (current, total) = (page.page, page.total_pages);
                    view! {
                        <ul class="product-grid" aria-label=t(locale, Msg::ProductsListLabel)>
                            {page
                                .items
                                .into_iter()
                                .enumerate()
                                .map(|(i, product)| view! { <ProductCard product eager=i < EAGER_IMAGES/> })
                                .collect_view()}
                        </ul>
                        <Pager locale current total/>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn LoadingGrid(locale: Locale) -> impl IntoView {
    view! {
        <div class="loading">
            <p role="status" class="visually-hidden">{t(locale, Msg::Loading)}</p>
            <ul class="product-grid skeleton" aria-hidden="true">
                {(0..8).map(|_| view! { <li class="product-card placeholder"></li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn LoadError(
    locale: Locale,
    err: ApiError,
    on_retry: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let (title, body) = match err {
        ApiError::Unreachable => (Msg::UnreachableTitle, Msg::UnreachableBody),
        ApiError::Server { .. } | ApiError::Malformed(_) => {
            (Msg::ServerErrorTitle, Msg::ServerErrorBody)
        }
    };
    view! {
        <div class="load-error" role="alert">
            <h2>{t(locale, title)}</h2>
            <p>{t(locale, body)}</p>
            <button type="button" class="button" on:click=on_retry>{t(locale, Msg::Retry)}</button>
        </div>
    }
}

#[component]
fn Pager(locale: Locale, current: u32, total: u32) -> impl IntoView {
    (total > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t(locale, Msg::Pagination)>
                {(current > 1).then(|| view! {
                    <A href=format!("/?page={}", current - 1) attr:rel="prev" attr:class="button">
                        {t(locale, Msg::PreviousPage)}
                    </A>
                })}
                <span aria-current="page">{t(locale, Msg::PageOf { page: current, total })}</span>
                {(current < total).then(|| view! {
                    <A href=format!("/?page={}", current + 1) attr:rel="next" attr:class="button">
                        {t(locale, Msg::NextPage)}
                    </A>
                })}
            </nav>
        }
    })
}
