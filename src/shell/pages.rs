//! The pages and the switch between them: each page's code is a split module of the release
//! wasm (see `ui::lazy`), fetched the first time the page is shown, and the page a buyer is
//! likely to open next is fetched when the browser is idle.
//!
//! | module | pages | fetched ahead from |
//! |---|---|---|
//! | `listing` | home, category, search | (the landing page for most; not fetched ahead) |
//! | `product` | product | a listing, a store |
//! | `store` | a seller's store | (a landing page from a shared link; not fetched ahead) |
//! | `cart` | cart (and the header's compact cart) | the product page |
//! | `checkout` | checkout | the cart |
//! | `orders` | order lookup, confirmation | checkout |
//! | `seller` | the seller dashboard (`/seller/…`) | (never: no buyer's page leads there) |

use crate::routes::{Module, Page, Route, ShownRoute};
use crate::ui::lazy::{prefetch_when_idle, view_or_explain, with_retries, CodeNotLoaded};
use crate::ui::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_url};
use leptos_router::location::{BrowserUrl, LocationProvider, Url};
use leptos_router::NavigateOptions;
use std::future::Future;
use std::mem::discriminant;
use std::pin::Pin;

crate::ui::lazy::split_view!(listing, listing_view, preload_listing, {
    view! { <crate::catalog::ListingPage/> }
});
crate::ui::lazy::split_view!(product, product_view, preload_product, {
    view! { <crate::catalog::ProductPage/> }
});
crate::ui::lazy::split_view!(store, store_view, preload_store, {
    view! { <crate::catalog::StorePage/> }
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
crate::ui::lazy::split_view!(seller, seller_view, preload_seller, {
    view! { <crate::seller::SellerPage/> }
});

/// The page switch, in place of the router's `<Routes>`: it shows the page of the address
/// bar's path, and keeps the page before it on screen — alive, with its own route and query —
/// while the new page's code arrives (three tries). Once the new page is drawn the router
/// completes the navigation (the address bar, the scroll to the top). A page is rebuilt when
/// the kind of page changes (home, category, product, order lookup…), as each route was; the
/// same page with another slug, query or language is kept and follows them. One match over
/// [`Route`] costs a fraction of the router's route matching, which compiled to code per route
/// (~35 KB of the main module before it was replaced).
#[component]
pub(super) fn Pages() -> impl IntoView {
    // The address bar's URL, read before this page switch provides each page's own copy.
    let address = use_url();
    let browser = use_context::<BrowserUrl>();
    let shown = RwSignal::new(Route::parse(
        address.with_untracked(|u| u.path().to_owned()).as_str(),
        decode,
    ));
    provide_context(ShownRoute(shown));
    // The shown page's copy of the URL (what its `use_query_map` reads), and whether the shown
    // page's code failed to arrive.
    let page_url = StoredValue::new(None::<ArcRwSignal<Url>>);
    let code_failed = RwSignal::new(false);
    let complete = move || {
        if let Some(browser) = &browser {
            browser.ready_to_complete();
        }
    };
    let complete_now = complete.clone();
    Effect::new(move |_| {
        let now = address.get();
        let next = Route::parse(now.path(), decode);
        if shown.with_untracked(|s| discriminant(s) == discriminant(&next)) {
            if shown.with_untracked(|s| *s != next) {
                shown.set(next);
            }
            page_url.with_value(|url| {
                if let Some(url) = url.as_ref().filter(|u| u.with_untracked(|u| *u != now)) {
                    url.set(now);
                }
            });
            complete_now();
            return;
        }
        let module = next.module();
        leptos::task::spawn_local(async move {
            let arrived = with_retries(|| preload(module)).await.is_ok();
            // A later navigation may have begun meanwhile: only the latest is shown.
            if address.try_with_untracked(|u| *u == now) == Some(true) {
                let _ = code_failed.try_set(!arrived);
                let _ = shown.try_set(next);
            }
        });
    });
    let page = Memo::new(move |_| shown.with(discriminant));
    move || {
        // Read, not only tracked: a memo that was never read has no sources yet.
        let _ = page.get();
        let module = shown.with_untracked(Route::module);
        let failed = code_failed.get_untracked();
        let url = ArcRwSignal::new(address.get_untracked());
        page_url.set_value(Some(url.clone()));
        let complete = complete.clone();
        let page = async move {
            let view = if failed {
                view! { <CodeNotLoaded/> }.into_any()
            } else {
                let view = match module {
                    Module::Root => view! { <ChooseLocale/> }.into_any(),
                    Module::NotFound => view! { <NotFound/> }.into_any(),
                    // One await whatever the page: an await per page made this future's
                    // state machine a few hundred bytes of wasm larger with each page.
                    _ => view_or_explain(move || page_view(module)).await,
                };
                if let Some(next) = fetched_ahead(module) {
                    prefetch_when_idle(move || preload(next));
                }
                view
            };
            complete();
            view
        };
        // Each page with its own copy of the URL: provided in this view's owner, which is
        // cleaned up, with the page, when the next page replaces it.
        provide_context(url);
        Suspend::new(send_wrapper::SendWrapper::new(page))
    }
}

/// The view of a page of `module`, once its code is here.
fn page_view(module: Module) -> Pin<Box<dyn Future<Output = ViewOrMissingCode>>> {
    match module {
        Module::Listing => Box::pin(listing_view()),
        Module::Product => Box::pin(product_view()),
        Module::Store => Box::pin(store_view()),
        Module::Cart => Box::pin(cart_view()),
        Module::Checkout => Box::pin(checkout_view()),
        Module::Orders => Box::pin(orders_view()),
        Module::Seller => Box::pin(seller_view()),
        Module::Root | Module::NotFound => Box::pin(async { Ok(view! { <NotFound/> }.into_any()) }),
    }
}

type ViewOrMissingCode = Result<AnyView, crate::ui::lazy::SplitLoaderError>;

/// The code a buyer on a page of `module` is likely to need next (the table above).
fn fetched_ahead(module: Module) -> Option<Module> {
    match module {
        Module::Listing | Module::Store => Some(Module::Product),
        Module::Product => Some(Module::Cart),
        Module::Cart => Some(Module::Checkout),
        Module::Checkout => Some(Module::Orders),
        Module::Root | Module::NotFound | Module::Orders | Module::Seller => None,
    }
}

/// Fetches the code of `module` (nothing for the shell's own pages). A boxed future, not an
/// `async fn` awaiting each module's own: one state machine for every page.
fn preload(
    module: Module,
) -> Pin<Box<dyn Future<Output = Result<(), crate::ui::lazy::SplitLoaderError>>>> {
    match module {
        Module::Root | Module::NotFound => Box::pin(async { Ok(()) }),
        Module::Listing => Box::pin(preload_listing()),
        Module::Product => Box::pin(preload_product()),
        Module::Store => Box::pin(preload_store()),
        Module::Cart => Box::pin(preload_cart()),
        Module::Checkout => Box::pin(preload_checkout()),
        Module::Orders => Box::pin(preload_orders()),
        Module::Seller => Box::pin(preload_seller()),
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
