//! The pages as the router sees them: each one's code is a split module of the release wasm
//! (see `ui::lazy`), fetched the first time the page is shown, and the page a buyer is likely
//! to open next is fetched when the browser is idle.
//!
//! | module | pages | fetched ahead from |
//! |---|---|---|
//! | `listing` | home, category, search | (the landing page for most; not fetched ahead) |
//! | `product` | product | a listing |
//! | `cart` | cart (and the header's compact cart) | the product page |
//! | `checkout` | checkout | the cart |
//! | `orders` | order lookup, confirmation | checkout |

use crate::ui::lazy::{prefetch_when_idle, view_or_explain};
use leptos::prelude::*;
use leptos_router::LazyRoute;

crate::ui::lazy::split_view!(listing, listing_view, preload_listing, {
    view! { <crate::catalog::ListingPage/> }
});
crate::ui::lazy::split_view!(product, product_view, preload_product, {
    view! { <crate::catalog::ProductPage/> }
});
crate::ui::lazy::split_view!(cart, cart_view, preload_cart, {
    view! { <crate::cart::CartPage/> }
});
crate::ui::lazy::split_view!(checkout, checkout_view, preload_checkout, {
    view! { <crate::checkout::CheckoutPage/> }
});
crate::ui::lazy::split_view!(orders, orders_view, preload_orders, {
    view! { <crate::orders::OrderPage/> }
});

/// Declares a route type whose view is a split view, and what to fetch once it is shown.
macro_rules! lazy_page {
    ($route:ident, $view:ident, $preload:ident, [$($next:ident),*]) => {
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                let view = view_or_explain($view).await;
                $(prefetch_when_idle($next);)*
                view
            }

            async fn preload() {
                // A failure is handled when the page is shown.
                let _ = $preload().await;
            }
        }
    };
}

lazy_page!(
    ListingRoute,
    listing_view,
    preload_listing,
    [preload_product]
);
lazy_page!(ProductRoute, product_view, preload_product, [preload_cart]);
lazy_page!(CartRoute, cart_view, preload_cart, [preload_checkout]);
lazy_page!(
    CheckoutRoute,
    checkout_view,
    preload_checkout,
    [preload_orders]
);
lazy_page!(OrdersRoute, orders_view, preload_orders, []);
