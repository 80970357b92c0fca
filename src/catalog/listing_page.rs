//! Listing pages: the home page, category pages (`/{locale}/c/{slug}`) and search
//! (`/{locale}/search?q=…`) share one component. Filters, sort and page are links or controls
//! that change the URL; the listing follows the URL, so back/forward and shared links work.

use super::listing::{ListingParams, SortKey};
use super::product_card::ProductCard;
use crate::api::{self, ApiError};
use crate::buyer::{tx, use_buyer, use_locale};
use crate::format::{format_whole_money, region_name};
use crate::i18n::{t, Msg};
use crate::ui::lazy::later;
use crate::ui::{LoadError, NotFound, PageMeta};
use domain::{Currency, Facets, ProductList};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Products shown above the fold load eagerly; the rest wait until scrolled near.
const EAGER_IMAGES: usize = 4;
/// Cards drawn in one task while the app draws its copy of a landing page (`later`).
const CARDS_PER_TASK: usize = 8;

/// Home, category and search pages.
#[component]
pub fn ListingPage() -> impl IntoView {
    listing()
}

/// The products of the listing on screen, following its URL: a home, category or search page,
/// or a store page's (its seller from the route).
pub(super) fn listing() -> impl Fn() -> AnyView + Copy + Send + Sync + 'static {
    let locale = use_locale();
    let query = use_query_map();
    let category = crate::routes::route_value(crate::routes::Module::Listing);
    let seller = crate::routes::route_seller();
    let params = Memo::new(move |_| {
        let query = query.read();
        ListingParams::from_url(|k| query.get(k), category.get(), seller.get())
    });
    // Fetched again when the listing state or the language changes.
    // A new currency refetches too: the server converts, the page only shows.
    let currency = use_buyer().currency;
    let (products, reload) = crate::fetch::follow(
        move || (params.get(), locale.get(), currency.get()),
        |(p, l, c), latest| api::catalog::list_products(p.to_query(), l, c, latest),
    );
    let retry = move |_| reload();

    move || match products.get() {
        None | Some(Err(ApiError::Aborted)) => {
            view! { <ListingHeading params=params.get() list=None/><LoadingGrid/> }.into_any()
        }
        // `/c/{slug}` for a category that does not exist.
        Some(Ok(None)) => view! { <NotFound/> }.into_any(),
        Some(Err(err)) => view! {
            <ListingHeading params=params.get() list=None/>
            <LoadError err on_retry=retry/>
        }
        .into_any(),
        Some(Ok(Some(list))) => view! { <Listing params=params.get() list/> }.into_any(),
    }
}

/// The page heading, title and meta tags for a listing state.
#[component]
fn ListingHeading(params: ListingParams, list: Option<ProductList>) -> impl IntoView {
    let locale = use_locale();
    let category_name = params.category.as_ref().and_then(|slug| {
        list.as_ref()?
            .facets
            .categories
            .iter()
            .find(|c| &c.slug == slug)
            .map(|c| c.name.clone())
    });
    let heading = {
        let q = params.q.clone();
        let category_name = category_name.clone();
        let in_category = params.category.is_some();
        move || match (&q, &category_name) {
            (Some(_), _) => t(locale.get(), Msg::SearchHeading).into_owned(),
            (None, Some(name)) => name.clone(),
            // A category page before its first answer names no category yet.
            (None, None) if in_category => t(locale.get(), Msg::CategoriesHeading).into_owned(),
            (None, None) => t(locale.get(), Msg::HomeHeading).into_owned(),
        }
    };
    let title = {
        let heading = heading.clone();
        let q = params.q.clone();
        move || match &q {
            Some(q) => format!("{q} · {}", heading()),
            None => heading(),
        }
    };
    let path = params.path();
    // On a store page the store is the page's heading and writes its head.
    if params.seller.is_some() {
        return view! { <h2 id="listing-heading">{tx(Msg::StoreAllProducts)}</h2> }.into_any();
    }
    view! {
        <PageMeta title=Signal::derive(title) description=Signal::derive(move || t(locale.get(), Msg::MetaDescription).into_owned()) path/>
        <h1 id="listing-heading">{heading}</h1>
        {params.q.clone().map(|q| view! { <p class="search-words" dir="auto">"“"{q}"”"</p> })}
    }
    .into_any()
}

#[component]
pub(crate) fn Listing(params: ListingParams, list: ProductList) -> impl IntoView {
    let total = list.total;
    let (current, pages) = (list.page, list.total_pages);
    let empty = list.items.is_empty();
    let facets = list.facets.clone();
    let suggestions = list.suggestions.clone();
    let items = list.items.clone();
    view! {
        <section class="listing" aria-labelledby="listing-heading" data-drawn="">
            <ListingHeading params=params.clone() list=Some(list)/>
            <p class="result-count" role="status">{tx(Msg::ProductCount { count: total })}</p>
            <div class="listing-layout">
                {let params = params.clone(); later(move || view! { <Filters params facets/> })}
                <div class="listing-results">
                    <SortMenu params=params.clone()/>
                    {if empty {
                        view! { <NoResults params=params.clone() suggestions/> }.into_any()
                    } else {
                        // On a landing page the cards are drawn eight to a task (`later`).
                        view! {
                            <ul class="product-grid" aria-label=tx(Msg::ProductsListLabel)>
                                {items
                                    .chunks(CARDS_PER_TASK)
                                    .enumerate()
                                    .map(|(n, cards)| {
                                        let cards = cards.to_vec();
                                        later(move || {
                                            cards
                                                .into_iter()
                                                .enumerate()
                                                .map(|(i, product)| view! { <ProductCard product eager=n * CARDS_PER_TASK + i < EAGER_IMAGES/> })
                                                .collect_view()
                                        })
                                    })
                                    .collect_view()}
                            </ul>
                            <Pager params=params.clone() current total=pages/>
                        }
                        .into_any()
                    }}
                </div>
            </div>
        </section>
    }
}

/// Sort order: a native select, the most usable control on phones.
#[component]
fn SortMenu(params: ListingParams) -> impl IntoView {
    let locale = use_locale();
    let navigate = use_navigate();
    let current = params.sort.unwrap_or(SortKey::Relevance);
    let on_change = {
        let params = params.clone();
        move |ev: leptos::ev::Event| {
            let sort =
                SortKey::from_code(&event_target_value(&ev)).filter(|k| *k != SortKey::Relevance);
            let next = params.changed(|p| p.sort = sort);
            navigate(
                &next.href(locale.get_untracked()),
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let label = |key: SortKey| match key {
        SortKey::Relevance => Msg::SortRelevance,
        SortKey::PriceAsc => Msg::SortPriceAsc,
        SortKey::PriceDesc => Msg::SortPriceDesc,
        SortKey::Newest => Msg::SortNewest,
        SortKey::BestSelling => Msg::SortBestSelling,
    };
    view! {
        <div class="sort-menu">
            <label for="sort">{tx(Msg::SortLabel)}</label>
            <select id="sort" on:change=on_change>
                {SortKey::ALL
                    .iter()
                    .copied()
                    .map(|key| view! {
                        <option value=key.code() selected=key == current>{tx(label(key))}</option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Filters with counts. Every value is a link to the listing with that filter applied, so it
/// works with the keyboard, a screen reader, middle-click and the back button alike.
#[component]
fn Filters(params: ListingParams, facets: Facets) -> impl IntoView {
    let locale = use_locale();
    let option = move |label: String, count: u64, next: ListingParams, active: bool| {
        view! {
            <li>
                <a href=next.href(locale.get_untracked()) class="filter-option" aria-current=active.then_some("true")>
                    <span class="filter-label" dir="auto">{label}</span>
                    <span class="filter-count">{crate::format::format_integer(count, locale.get_untracked().tag())}</span>
                </a>
            </li>
        }
    };
    let tag = locale.get_untracked().tag();
    let categories = facets
        .categories
        .iter()
        .map(|c| {
            let active = params.category.as_deref() == Some(c.slug.as_str());
            let slug = c.slug.clone();
            let next = params.changed(|p| p.category = if active { None } else { Some(slug) });
            option(c.name.clone(), c.count, next, active)
        })
        .collect_view();
    let usd = |v: u32| format_whole_money(v, Currency::USD, tag);
    let prices = facets
        .price
        .iter()
        .filter(|b| b.count > 0 || (params.min_price == b.min && params.max_price == b.max))
        .map(|b| {
            let active = params.min_price == b.min && params.max_price == b.max;
            let label = match (b.min, b.max) {
                (None, Some(max)) => format!("< {}", usd(max)),
                (Some(min), Some(max)) => format!("{} – {}", usd(min), usd(max)),
                (Some(min), None) => format!("{}+", usd(min)),
                (None, None) => String::new(),
            };
            let (min, max) = if active { (None, None) } else { (b.min, b.max) };
            let next = params.changed(|p| {
                p.min_price = min;
                p.max_price = max;
            });
            option(label, b.count, next, active)
        })
        .collect_view();
    let countries = facets
        .ships_from
        .iter()
        .map(|c| {
            let active = params.ships_from.as_deref() == Some(c.country.as_str());
            let code = c.country.clone();
            let next = params.changed(|p| p.ships_from = if active { None } else { Some(code) });
            option(region_name(&c.country, tag), c.count, next, active)
        })
        .collect_view();
    let ratings = facets
        .seller_rating
        .iter()
        .map(|r| {
            let active = params.min_rating.as_deref() == Some(r.min.as_str());
            let tenths: u32 = if r.min == "4.5" { 45 } else { 40 };
            let min = r.min.clone();
            let next = params.changed(|p| p.min_rating = if active { None } else { Some(min) });
            option(
                t(locale.get_untracked(), Msg::RatingAtLeast { tenths }).into_owned(),
                r.count,
                next,
                active,
            )
        })
        .collect_view();
    let handling = {
        let active = params.handling_free;
        let next = params.changed(|p| p.handling_free = !active);
        option(
            t(locale.get_untracked(), Msg::FilterHandlingFree).into_owned(),
            facets.handling_free,
            next,
            active,
        )
    };
    let clear = params.has_filters().then(|| {
        let next = params.without_filters();
        view! {
            <a href=next.href(locale.get_untracked()) class="button secondary">{tx(Msg::ClearFilters)}</a>
        }
    });
    // Open by default on wide screens (CSS shows it as a sidebar); a disclosure on phones.
    // The server cannot know the width: it draws them closed, and a script in `index.html`
    // opens them on a wide screen before the first paint, by the same rule.
    #[cfg(target_arch = "wasm32")]
    let wide = window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w >= 960.0);
    #[cfg(not(target_arch = "wasm32"))]
    let wide = false;
    view! {
        <details class="filters" open=wide || params.has_filters()>
            <summary class="button secondary">{tx(Msg::Filters)}</summary>
            <nav aria-label=tx(Msg::Filters)>
                {clear}
                <FilterGroup id="f-category" title=Msg::FilterCategory>{categories}</FilterGroup>
                <FilterGroup id="f-price" title=Msg::FilterPrice>{prices}</FilterGroup>
                <FilterGroup id="f-ships" title=Msg::FilterShipsFrom>{countries}</FilterGroup>
                <FilterGroup id="f-rating" title=Msg::FilterSellerRating>{ratings}</FilterGroup>
                <ul class="filter-list standalone">{handling}</ul>
            </nav>
        </details>
    }
}

#[component]
fn FilterGroup(id: &'static str, title: Msg, children: Children) -> impl IntoView {
    view! {
        <section class="filter-group" aria-labelledby=id>
            <h2 id=id>{tx(title)}</h2>
            <ul class="filter-list">{children()}</ul>
        </section>
    }
}

#[component]
fn NoResults(params: ListingParams, suggestions: Vec<domain::ProductSummary>) -> impl IntoView {
    let locale = use_locale();
    let clear = params.has_filters().then(|| {
        let next = params.without_filters();
        view! { <a href=next.href(locale.get_untracked()) class="button">{tx(Msg::ClearFilters)}</a> }
    });
    view! {
        <div class="no-results">
            <h2>{tx(Msg::NoResultsTitle)}</h2>
            <p>{tx(Msg::NoResultsBody)}</p>
            {clear}
            <ul class="product-grid" aria-label=tx(Msg::ProductsListLabel)>
                {suggestions.into_iter().map(|product| view! { <ProductCard product/> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn LoadingGrid() -> impl IntoView {
    view! {
        <div class="loading">
            <p role="status" class="visually-hidden">{tx(Msg::Loading)}</p>
            <ul class="product-grid skeleton" aria-hidden="true">
                {(0..8).map(|_| view! { <li class="product-card placeholder"></li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn Pager(params: ListingParams, current: u32, total: u32) -> impl IntoView {
    let locale = use_locale();
    let href = move |page: u32| params.with_page(page).href(locale.get_untracked());
    (total > 1).then(|| {
        let (prev, next) = (href.clone(), href);
        view! {
            <nav class="pager" aria-label=tx(Msg::Pagination)>
                {(current > 1).then(|| view! {
                    <a href=prev(current - 1) rel="prev" class="button">{tx(Msg::PreviousPage)}</a>
                })}
                <span aria-current="page">{tx(Msg::PageOf { page: current, total })}</span>
                {(current < total).then(|| view! {
                    <a href=next(current + 1) rel="next" class="button">{tx(Msg::NextPage)}</a>
                })}
            </nav>
        }
    })
}
