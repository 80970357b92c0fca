use crate::buyer::{tx, use_locale};
use crate::format::{format_tenths, region_name};
use crate::i18n::{t, Msg};
use crate::routes::Page;
use domain::ProductSummary;
use leptos::prelude::*;

/// One product in a grid: image, title, price, seller country and rating. The whole card is
/// one link (its title, stretched over the card by CSS), so a thumb can tap anywhere on it. A
/// plain `<a>`: the router handles same-origin links, and the card needs no router to render.
#[component]
pub fn ProductCard(product: ProductSummary, #[prop(default = false)] eager: bool) -> impl IntoView {
    let locale = use_locale();
    let price = product.price;
    let heading_id = format!("product-{}", product.id);
    let labelled_by = heading_id.clone();
    let slug = product.slug.clone();
    let country = product.seller_country.clone();
    let tenths = (product.rating * 10.0).round() as u32;
    let reviews = u64::from(product.review_count);
    view! {
        <li class="product-card">
            <article aria-labelledby=labelled_by>
                <img
                    src=product.image.url
                    alt=""
                    width=product.image.width
                    height=product.image.height
                    loading=if eager { "eager" } else { "lazy" }
                    decoding="async"
                />
                // Seller text may be in another script than the UI; `dir="auto"` lets it keep its own
                // direction inside a right-to-left page.
                <h2 class="product-title" id=heading_id dir="auto">
                    <a href=move || Page::Product(&slug).href(locale.get()) class="card-link">{product.title}</a>
                </h2>
                <crate::currency::PriceTag price converted=product.converted/>
                <p class="card-meta">
                    <span class="rating" title=move || t(locale.get(), Msg::RatingLabel { tenths }).into_owned()>
                        <span aria-hidden="true">"★ "</span>
                        <span class="visually-hidden">{tx(Msg::RatingLabel { tenths })}</span>
                        <span aria-hidden="true">{move || format_tenths(tenths, locale.get().tag())}</span>
                        " "
                        <span class="reviews">"("{tx(Msg::ReviewCount { count: reviews })}")"</span>
                    </span>
                    <span class="seller-country">
                        <span class="visually-hidden">{tx(Msg::SellerLocation)}" "</span>
                        {move || region_name(&country, locale.get().tag())}
                    </span>
                </p>
            </article>
        </li>
    }
}
