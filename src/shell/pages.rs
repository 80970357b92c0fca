//! The pages and the switch between them: each page's code is a split module of the release
//! wasm (see `ui::lazy`), fetched the first time the page is shown, and the page a buyer is
//! likely to open next is fetched when the browser is idle.
//!
//! | module | pages | fetched ahead from |
//! |---|---|---|
//! | `listing` | home, category, search | (the landing page for most; not fetched ahead) |
//! | `product` | product | a listing |
//! | `cart` | cart (and the header's compact cart) | the product page |
//! | `checkout` | checkout | the cart |
//! | `orders` | order lookup, confirmation | checkout |

use crate::routes::{Module, Page, Route, ShownRoute};
use crate::ui::lazy::{prefetch_when_idle, view_or_explain};
use crate::ui::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::NavigateOptions;

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

/// The page switch, in place of the router's `<Routes>`: it shows the page of the address
/// bar's path, and keeps the page before it on screen while the new page's code arrives. Once
/// the new page is drawn the router completes the navigation (the address bar, the scroll to
/// the top). One match over [`Route`] costs a fraction of the router's route matching, which
/// compiled to code per route (~35 KB of the main module before it was replaced).
#[component]
pub(super) fn Pages() -> impl IntoView {
    let location = use_location();
    let browser = use_context::<BrowserUrl>();
    let target = Memo::new(move |_| Route::parse(&location.pathname.get(), decode));
    let shown = RwSignal::new(target.get_untracked());
    provide_context(ShownRoute(shown));
    let complete = move || {
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
    };
    let complete_now = complete.clone();
    Effect::new(move |_| {
        let next = target.get();
        let module = next.module();
        if shown.with_untracked(|s| s.module() == module) {
            if shown.with_untracked(|s| *s != next) {
                shown.set(next);
            }
            complete_now();
            return;
        }
        leptos::task::spawn_local(async move {
            // A failure is explained when the page is shown (after two more tries).
            let _ = preload(module).await;
            // A later navigation may have begun meanwhile: only the latest is shown.
            if target.with_untracked(|t| *t == next) {
                shown.set(next);
            }
        });
    });
    let module = Memo::new(move |_| shown.with(Route::module));
    move || {
        let complete = complete.clone();
        let page = async move {
            let view = match module.get_untracked() {
                Module::Root => view! { <ChooseLocale/> }.into_any(),
                Module::NotFound => view! { <NotFound/> }.into_any(),
                Module::Listing => {
                    let view = view_or_explain(listing_view).await;
                    prefetch_when_idle(preload_product);
                    view
                }
                Module::Product => {
                    let view = view_or_explain(product_view).await;
                    prefetch_when_idle(preload_cart);
                    view
                }
                Module::Cart => {
                    let view = view_or_explain(cart_view).await;
                    prefetch_when_idle(preload_checkout);
                    view
                }
                Module::Checkout => {
                    let view = view_or_explain(checkout_view).await;
                    prefetch_when_idle(preload_orders);
                    view
                }
                Module::Orders => view_or_explain(orders_view).await,
            };
            complete();
            view
        };
        module.track();
        Suspend::new(send_wrapper::SendWrapper::new(page))
    }
}

/// Fetches the code of `module` (nothing for the shell's own pages).
async fn preload(module: Module) -> Result<(), crate::ui::lazy::SplitLoaderError> {
    match module {
        Module::Root | Module::NotFound => Ok(()),
        Module::Listing => preload_listing().await,
        Module::Product => preload_product().await,
        Module::Cart => preload_cart().await,
        Module::Checkout => preload_checkout().await,
        Module::Orders => preload_orders().await,
    }
}

/// One path segment as the buyer typed it: `caf%C3%A9` → `café` (kept as is when malformed).
fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| segment.to_owned())
}

/// `/` → `/{locale}/` for the remembered or negotiated locale.
#[component]
fn ChooseLocale() -> impl IntoView {
    let locale = super::remembered_locale().unwrap_or_else(super::browser_locale);
    let navigate = use_navigate();
    navigate(
        &Page::Home.href(locale),
        NavigateOptions {
            replace: true,
            ..Default::default()
        },
    );
}
