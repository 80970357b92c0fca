use crate::app::use_locale;
use crate::format::format_money;
use domain::ProductSummary;
use leptos::prelude::*;

/// One product in a grid: image, title and price.
#[component]
pub fn ProductCard(product: ProductSummary, #[prop(default = false)] eager: bool) -> impl IntoView {
    let locale = use_locale();
    let price = product.price;
    let heading_id = format!("product-{}", product.id);
    let labelled_by = heading_id.clone();
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
                <h2 class="product-title" id=heading_id dir="auto">{product.title}</h2>
                <p class="price" data-currency=price.currency().code()>
                    {move || format_money(&price, locale.get().tag())}
                </p>
            </article>
        </li>
    }
}
