//! A seller's store page (`/{locale}/s/{seller}`): its banner, logo and theme colour, the
//! campaign live now, its featured products, what a buyer should know before buying from it
//! (verification, rating, orders, where it ships from, its returns), and then every product of
//! the store with the listing's filters and sort, which stay in the store.
//!
//! The store's own texts are in the seller's language, marked with it (`lang`), so a reader
//! or a translation tool knows what they are.

use super::product_card::ProductCard;
use crate::api::{self, ApiError};
use crate::buyer::{tx, use_buyer, use_locale};
use crate::format::{language_name, region_name};
use crate::i18n::{t, Msg};
use crate::routes::Page;
use crate::ui::{LoadError, NotFound, PageMeta};
use domain::seller::Storefront;
use leptos::prelude::*;

/// A seller's store page: the store, then its products.
#[component]
pub fn StorePage() -> impl IntoView {
    let seller = crate::routes::route_seller();
    let seller = Signal::derive(move || seller.get().unwrap_or_default());
    let listing = super::listing_page::listing();
    view! { <StoreSection seller>{listing}</StoreSection> }
}

/// The store of `seller` above `children` (its listing); a seller that does not exist is the
/// not-found page.
#[component]
pub fn StoreSection(#[prop(into)] seller: Signal<String>, children: ChildrenFn) -> impl IntoView {
    let locale = use_locale();
    let currency = use_buyer().currency;
    let (store, reload) = crate::fetch::follow(
        move || (seller.get(), locale.get(), currency.get()),
        |(s, l, c), latest| api::sellers::storefront(s, l, c, latest),
    );
    let retry = move |_| reload();
    move || match store.get() {
        None | Some(Err(ApiError::Aborted)) => {
            view! { <div class="store-loading" aria-hidden="true"></div>{children()} }.into_any()
        }
        Some(Ok(None)) => view! { <NotFound/> }.into_any(),
        Some(Err(err)) => view! { <LoadError err on_retry=retry/>{children()} }.into_any(),
        Some(Ok(Some(store))) => view! { <StoreView store/>{children()} }.into_any(),
    }
}

/// The store's head, campaign, featured products and trust panel, from its answer.
#[component]
pub fn StoreView(store: Storefront) -> impl IntoView {
    let locale = use_locale();
    let l = locale.get_untracked();
    let tag = l.tag();
    let seller = store.seller;
    let profile = store.profile.unwrap_or_default();
    let lang = seller.language.clone();
    let foreign = (lang != tag).then(|| language_name(&lang, tag));
    let name = seller.name.clone();
    let title = name.clone();
    let tagline = profile.tagline.clone();
    let description = move || {
        if tagline.is_empty() {
            t(locale.get(), Msg::MetaDescription).into_owned()
        } else {
            tagline.clone()
        }
    };
    let facts = format!(
        "{} · {}",
        region_name(&seller.country, tag),
        super::seller_lines::rating_and_orders(l, &seller)
    );
    let ships = super::seller_lines::ships_from_lines(l, &store.ships_from);
    let grid = |products: Vec<domain::ProductSummary>| {
        view! {
            <ul class="product-grid">
                {products
                    .into_iter()
                    .enumerate()
                    .map(|(i, product)| view! { <ProductCard product eager=i < 2/> })
                    .collect_view()}
            </ul>
        }
    };
    let campaign = store.campaign.map(|c| {
        let lang = lang.clone();
        let banner = c.banner.map(|b| {
            view! {
                <img class="store-banner" src=b.url width=b.width height=b.height alt="" fetchpriority="high"/>
            }
        });
        view! {
            <section class="campaign" aria-labelledby="campaign-heading">
                {banner}
                <h2 id="campaign-heading" lang=lang dir="auto">{c.headline}</h2>
                {grid(c.products)}
            </section>
        }
    });
    let featured = (!store.featured.is_empty()).then(|| {
        view! {
            <section class="featured" aria-labelledby="featured-heading">
                <h2 id="featured-heading">{tx(Msg::StoreFeatured)}</h2>
                {grid(store.featured)}
            </section>
        }
    });
    let text_block = |heading: Msg, id: &'static str, html: String| {
        let lang = lang.clone();
        (!html.trim().is_empty()).then(|| {
            view! {
                <section aria-labelledby=id>
                    <h2 id=id>{tx(heading)}</h2>
                    <div lang=lang dir="auto" inner_html=html></div>
                </section>
            }
        })
    };
    let about = text_block(Msg::StoreAbout, "store-about", profile.about);
    let returns = text_block(Msg::StoreReturns, "store-returns", profile.return_policy);
    let banner = profile.banner.map(|url| {
        view! { <img class="store-banner" src=url width="1600" height="400" alt="" fetchpriority="high"/> }
    });
    let logo = profile
        .logo
        .map(|url| view! { <img class="store-logo" src=url width="96" height="96" alt=""/> });
    // The theme colour through the CSS object model, in the browser only: the store's policy
    // (`style-src 'self'`) refuses a `style` attribute in the server's first screen, which
    // shows the store's default colour until the app has drawn the page.
    let section = NodeRef::<leptos::html::Section>::new();
    let theme = profile.theme_color;
    Effect::new(move |_| {
        if let (Some(section), Some(color)) = (section.get(), theme.as_deref()) {
            let _ = section.style().set_property("--store-theme", color);
        }
    });
    let tagline = profile.tagline;
    view! {
        <PageMeta title=title description=Signal::derive(description) path=Page::Store(&seller.slug).rest()/>
        <section class="store" aria-labelledby="store-name" node_ref=section>
            {banner}
            <div class="store-head">
                {logo}
                <div class="store-title">
                    <h1 id="store-name"><bdi>{name}</bdi></h1>
                    {seller.verified.then(|| view! { <span class="badge verified">"✓ "{tx(Msg::VerifiedSeller)}</span> })}
                    {(!tagline.is_empty()).then(|| view! {
                        <p class="store-tagline" lang=lang.clone() dir="auto">{tagline}</p>
                    })}
                    <p class="store-facts">{facts}</p>
                    {foreign.map(|language| view! { <p class="store-language">{language}</p> })}
                </div>
            </div>
            {campaign}
            {featured}
            <div class="store-trust">
                <section aria-labelledby="store-ships">
                    <h2 id="store-ships">{tx(Msg::FilterShipsFrom)}</h2>
                    <ul>{ships.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </section>
                {returns}
                {about}
            </div>
        </section>
    }
}
