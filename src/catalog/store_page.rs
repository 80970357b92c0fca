//! A seller's store page (`/{locale}/s/{seller}`): its banner, logo and theme colour, the
//! campaign live now, its featured products, what a buyer should know before buying from it
//! (verification, rating, orders, where it ships from, its returns), and then every product of
//! the store with the listing's filters and sort, which stay in the store.
//!
//! The store's own texts (tagline, about, returns, the campaign's headline) are in the buyer's
//! language where a machine translated them when the seller published, marked so with a
//! switch to the seller's words; otherwise in the seller's language, marked with it (`lang`),
//! so a reader or a translation tool knows what they are.

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
    let buyer = use_buyer();
    let (currency, ship_to) = (buyer.currency, buyer.ship_to);
    let (store, reload) = crate::fetch::follow(
        move || (seller.get(), locale.get(), currency.get(), ship_to.get()),
        |(s, l, c, to), latest| api::sellers::storefront(s, l, c, to, latest),
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
    let own_lang = seller.language.clone();
    let foreign = (own_lang != tag).then(|| language_name(&own_lang, tag));
    let machine = store.machine.filter(|m| m.any()).unwrap_or_default();
    let translated = machine.any();
    let show_original = RwSignal::new(false);
    // A text and its `lang`: the machine's in the buyer's language until the buyer asks for the
    // seller's words; the seller's where nothing was translated.
    let pick = move |own: String, theirs: Option<String>| -> (Signal<String>, Signal<String>) {
        let own_lang = own_lang.clone();
        match theirs {
            None => (Signal::stored(own), Signal::stored(own_lang)),
            Some(machine) => {
                let chosen = move |a: &String, b: &String| {
                    if show_original.get() {
                        a.clone()
                    } else {
                        b.clone()
                    }
                };
                let tag = tag.to_owned();
                (
                    Signal::derive(move || chosen(&own, &machine)),
                    Signal::derive(move || chosen(&own_lang, &tag)),
                )
            }
        }
    };
    let name = seller.name.clone();
    let title = name.clone();
    let (tagline, tagline_lang) = pick(profile.tagline.clone(), machine.tagline.clone());
    let first_tagline = machine
        .tagline
        .clone()
        .unwrap_or_else(|| profile.tagline.clone());
    let description = move || {
        if first_tagline.is_empty() {
            t(locale.get(), Msg::MetaDescription).into_owned()
        } else {
            first_tagline.clone()
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
        let (headline, headline_lang) = pick(c.headline, machine.headline.clone());
        let banner = c.banner.map(|b| {
            view! {
                <img class="store-banner" src=b.url width=b.width height=b.height alt="" fetchpriority="high"/>
            }
        });
        view! {
            <section class="campaign" aria-labelledby="campaign-heading">
                {banner}
                <h2 id="campaign-heading" lang=headline_lang dir="auto">{headline}</h2>
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
    let text_block = |heading: Msg, id: &'static str, html: String, machine: Option<String>| {
        (!html.trim().is_empty()).then(|| {
            let (html, lang) = pick(html, machine);
            view! {
                <section aria-labelledby=id>
                    <h2 id=id>{tx(heading)}</h2>
                    <div lang=lang dir="auto" inner_html=html></div>
                </section>
            }
        })
    };
    let about = text_block(Msg::StoreAbout, "store-about", profile.about, machine.about);
    let returns = text_block(
        Msg::StoreReturns,
        "store-returns",
        profile.return_policy,
        machine.return_policy,
    );
    // Said once for the store: which texts are the machine's, and the switch to the seller's.
    let language_line = foreign.map(|language| {
        if translated {
            let (original, translation) = (t(l, Msg::ShowOriginal), t(l, Msg::ShowTranslation));
            let label = format!("{original} ({language})");
            view! {
                <p class="store-language mt-mark">
                    <span class="badge">{t(l, Msg::MachineTranslated).into_owned()}</span>
                    <button type="button" class="link-button" aria-pressed=move || show_original.get().to_string()
                        on:click=move |_| show_original.update(|v| *v = !*v)>
                        {move || if show_original.get() { translation.to_string() } else { label.clone() }}
                    </button>
                </p>
            }
            .into_any()
        } else {
            view! { <p class="store-language">{language}</p> }.into_any()
        }
    });
    let banner = profile.banner.map(|url| {
        view! { <img class="store-banner" src=url width="1600" height="400" alt="" fetchpriority="high"/> }
    });
    let logo = profile
        .logo
        .map(|url| view! { <img class="store-logo" src=url width="96" height="96" alt=""/> });
    // The theme colour through the CSS object model (the store's policy refuses `style`
    // attributes). A first response carries it as a `<style>` for `.store`, allowed by its
    // hash, which stays in the head: every store's section sets its own, the default too.
    let section = NodeRef::<leptos::html::Section>::new();
    let theme = profile.theme_color;
    Effect::new(move |_| {
        if let Some(section) = section.get() {
            let color = theme.as_deref().unwrap_or("var(--brand)");
            let _ = section.style().set_property("--store-theme", color);
        }
    });
    view! {
        <PageMeta title=title description=Signal::derive(description) path=Page::Store(&seller.slug).rest()/>
        <section class="store" aria-labelledby="store-name" node_ref=section>
            {banner}
            <div class="store-head">
                {logo}
                <div class="store-title">
                    <h1 id="store-name"><bdi>{name}</bdi></h1>
                    {seller.verified.then(|| view! { <span class="badge verified">"✓ "{tx(Msg::VerifiedSeller)}</span> })}
                    {(!profile.tagline.is_empty()).then(|| view! {
                        <p class="store-tagline" lang=tagline_lang dir="auto">{tagline}</p>
                    })}
                    <p class="store-facts">{facts}</p>
                    {language_line}
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
