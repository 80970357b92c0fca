use crate::app::use_locale;
use crate::format::format_money;
use domain::ProductSummary;
use leptos::prelude::*;

/// One product in a grid: image, title and price.
#[component]
pub fn ProductCard(product: ProductSummary, #[prop(default = false)] eager: bool) -> impl IntoView {
    let locale = use_locale();
    let price = format_money(&product.price, locale.tag());
    view! {
        <li class="product-card">
            <article aria-labelledby=format!("product-{}", product.id)>
                <img
                    src=product.image.url
                    alt=""
                    width=product.image.width
                    height=product.image.height
                    loading=if eager { "eager" } else { "lazy" }
                    decoding="async"
                />
                <h2 class="product-title" id=format!("product-{}", product.id)>{product.title}</h2>
                <p class="price" data-currency=product.price.currency().code()>{price}</p>
            </article>
        </li>
    }
}
