//! A page's first screen drawn to HTML on the server, by the app's own components: the
//! server (`web::pages` in the server crate) puts it in the page's first response, so a buyer
//! on a slow network sees the product, its price and "Add to cart" before the wasm arrives,
//! and a search engine reads them. The app then draws the same page in the browser and shows
//! it in place of this one (a script in `index.html` swaps them when the app's page root,
//! marked `data-drawn`, is in place), with the same markup, so nothing moves.
//!
//! Only what can be drawn from the page's data is drawn: effects never run here (the
//! executor below drops every task), so what the app fetches after its first render — the
//! cart's count, the rate table behind a converted price's note — shows its loading state,
//! as the app's first frame does, until the app takes over. A product's delivery estimate is
//! quoted by the server beforehand and drawn here; the app keeps its markup while it holds
//! (`shipping::ProductEstimate`). The server must never set another executor: effects would
//! then run here.
//! Native only (the `ssr` feature); numbers and money are formatted by ICU4X, as `Intl` does.

use crate::buyer::Buyer;
use crate::catalog::listing::ListingParams;
use crate::currency::CurrencyState;
use crate::i18n::{self, Locale};
use domain::shipping::ShippingQuote;
use domain::{Currency, ProductDetail, ProductList, RateTable};
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use std::sync::Once;

/// The page under the header.
// Made once per request and moved once: boxing a variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    Product {
        product: ProductDetail,
        /// The delivery estimate of the variant the page opens on, for the buyer's
        /// destination and currency (`None`: it could not be quoted; drawn as loading).
        estimate: Option<ShippingQuote>,
    },
    /// Home (`category: None`) or a category page, unfiltered, first page.
    Listing {
        category: Option<String>,
        list: ProductList,
    },
    /// A seller's store page: the store, and its products' first page, unfiltered.
    Store {
        store: domain::seller::Storefront,
        list: ProductList,
    },
}

/// What the server knows of the request.
pub struct FirstScreen {
    pub locale: Locale,
    /// The page's path, as the router would see it (`/en/p/…`).
    pub path: String,
    /// The buyer's currency as the server guessed it (the page's data is priced in it).
    pub currency: Currency,
    /// The country the delivery estimate is for, as the server guessed it.
    pub ship_to: &'static str,
    /// The store's rates, for the notes on converted prices.
    pub rates: Option<RateTable>,
    pub screen: Screen,
}

/// An executor that never runs what it is given: on the server a page is drawn once, from
/// its data; effects and fetches belong to the browser.
struct NoTasks;

impl any_spawner::CustomExecutor for NoTasks {
    fn spawn(&self, _: any_spawner::PinnedFuture<()>) {}
    fn spawn_local(&self, _: any_spawner::PinnedLocalFuture<()>) {}
    fn poll_local(&self) {}
}

/// The HTML of the header, the page and the footer, as the app draws them.
pub fn render(first: FirstScreen) -> String {
    static EXECUTOR: Once = Once::new();
    EXECUTOR.call_once(|| {
        // Fails only when another executor was set first, which the server never does: effects
        // would then run here and reach for the browser.
        if any_spawner::Executor::init_custom_executor(NoTasks).is_err() {
            panic!(
                "an executor was set before the first screen's; effects would run on the server"
            );
        }
    });
    let locale = first.locale;
    if !i18n::is_loaded(locale) {
        i18n::install(locale, ui_texts::texts(locale));
    }
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(&first.path));
        let buyer = Buyer {
            locale: Memo::new(move |_| locale),
            currency: RwSignal::new(first.currency),
            ship_to: RwSignal::new(first.ship_to),
        };
        provide_context(buyer);
        provide_context(CurrencyState {
            table: RwSignal::new_local(first.rates),
        });
        crate::cart::provide_unknown_cart(buyer);
        let screen = first.screen;
        // Built inside the router: the pages read the route and its query.
        view! {
            <Router>
                {
                    let page = match screen {
                        Screen::Product { product, estimate } => {
                            if let Some(quote) = estimate {
                                provide_context(crate::shipping::DrawnEstimate(quote));
                            }
                            view! { <crate::catalog::ProductView p=product/> }.into_any()
                        }
                        Screen::Listing { category, list } => {
                            let params = ListingParams::from_url(|_| None, category, None);
                            view! { <crate::catalog::Listing params list/> }.into_any()
                        }
                        Screen::Store { store, list } => {
                            let seller = Some(store.seller.slug.clone());
                            let params = ListingParams::from_url(|_| None, None, seller);
                            view! {
                                <crate::catalog::StoreView store/>
                                <crate::catalog::Listing params list/>
                            }
                            .into_any()
                        }
                    };
                    super::frame(buyer.locale, page)
                }
            </Router>
        }
        .to_html()
    });
    owner.cleanup();
    html
}
