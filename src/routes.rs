//! Every page's path, built here and nowhere else. Pages live under `/{locale}/…`; a page's
//! `rest` (the part after the locale) is the same in every locale, which is what the head's
//! canonical and `hreflang` links are written from. [`Route::parse`] reads a path back: the
//! app's page switch (`shell`) shows the page it names.

use crate::i18n::Locale;
use leptos::prelude::*;

/// The path of `rest` (starting with `/`, or empty for the home page) in `locale`: `/es/…`;
/// inside a preview's device frame, the frame's own: `/es/seller/preview/as-buyer/…`.
pub fn in_locale(locale: Locale, rest: &str) -> String {
    FRAME.with(|frame| {
        format!(
            "/{}{}{}",
            locale.tag(),
            frame.as_ref().map_or("", |f| f.prefix.as_str()),
            if rest.is_empty() { "/" } else { rest }
        )
    })
}

/// The segment after which a preview's path is the store's own (`…/preview/{token}/as-buyer/p/x`).
const AS_BUYER: &str = "as-buyer";

/// A preview's device frame: the store's pages as a buyer would see them once the seller
/// publishes, at `/{locale}/seller/preview/as-buyer/…` (the seller's own session) or
/// `/{locale}/preview/{token}/as-buyer/…` (a share link). Every path the app writes keeps
/// its prefix, so a buyer's link inside the frame stays in the preview; `api` asks the
/// server for the draft, with the link's token; `browser` keeps the frame's choices (currency,
/// cart) apart from the seller's own.
#[derive(Debug, PartialEq, Eq)]
pub struct Frame {
    /// After the locale, before the store's own path: `/preview/{token}/as-buyer`.
    pub prefix: String,
    /// A share link's token; none in the seller's own session.
    pub token: Option<String>,
}

impl Frame {
    /// The frame `path` is in, if it is in one.
    pub fn of(path: &str) -> Option<Frame> {
        // `/{locale}/…`: an empty segment, the locale, then the frame's own.
        let mut segments = path.split('/');
        let (_, _) = (segments.next(), segments.next());
        match (segments.next()?, segments.next()?, segments.next()?) {
            ("preview", token, AS_BUYER) => Some(Frame {
                prefix: format!("/preview/{token}/{AS_BUYER}"),
                token: Some(token.to_owned()),
            }),
            ("seller", "preview", AS_BUYER) => Some(Frame {
                prefix: format!("/seller/preview/{AS_BUYER}"),
                token: None,
            }),
            _ => None,
        }
    }
}

// The frame this page is in: read once, from the path it was opened at (nothing moves a page
// into or out of a frame but a new page load). Natively (tests, the server) never one.
#[cfg(target_arch = "wasm32")]
thread_local! {
    static FRAME: Option<Frame> =
        Frame::of(&leptos::prelude::window().location().pathname().unwrap_or_default());
}
#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static FRAME: Option<Frame> = const { None };
}

/// What `read` makes of the preview's frame this page is in (`None` outside one).
pub fn in_frame<T>(read: impl FnOnce(Option<&Frame>) -> T) -> T {
    FRAME.with(|frame| read(frame.as_ref()))
}

/// A page of the store, without its locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page<'a> {
    /// `/`: the home listing.
    Home,
    /// `/c/{slug}`: a category listing.
    Category(&'a str),
    /// `/search` (its words and filters go in the query).
    Search,
    /// `/p/{slug}`.
    Product(&'a str),
    /// `/s/{seller}`: a seller's store.
    Store(&'a str),
    Cart,
    Checkout,
    /// `/orders`: find an order by its number and email.
    OrderLookup,
    /// `/orders/{number}?key=…`: the confirmation checkout lands on, and the order's link.
    Order {
        number: &'a str,
        key: &'a str,
    },
}

impl Page<'_> {
    /// The path after the locale.
    pub fn rest(self) -> String {
        match self {
            Page::Home => "/".to_owned(),
            Page::Category(slug) => format!("/c/{slug}"),
            Page::Search => "/search".to_owned(),
            Page::Product(slug) => format!("/p/{slug}"),
            Page::Store(seller) => format!("/s/{seller}"),
            Page::Cart => "/cart".to_owned(),
            Page::Checkout => "/checkout".to_owned(),
            Page::OrderLookup => "/orders".to_owned(),
            Page::Order { number, key } => format!("/orders/{number}?key={key}"),
        }
    }

    /// The full path in `locale`: `/es/cart`.
    pub fn href(self, locale: Locale) -> String {
        in_locale(locale, &self.rest())
    }
}

/// What a path shows, as the page switch reads it. Values are as the buyer's address bar has
/// them, percent-decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: sent on to the buyer's language.
    Root,
    Home(Locale),
    Category(Locale, String),
    Search(Locale),
    Product(Locale, String),
    Store(Locale, String),
    /// The seller dashboard (`/seller`, `/seller/{part}`, `/seller/products/{slug}`): which of
    /// its parts is the dashboard's own business (`seller::part`), which keeps the paths a
    /// buyer's page never sees out of the main module.
    Seller(Locale),
    Cart(Locale),
    Checkout(Locale),
    OrderLookup(Locale),
    Order(Locale, String),
    /// Anything else, an unknown language included.
    NotFound,
}

/// The code a page needs: each is a module of its own in the release build (`ui::lazy`),
/// but for the root's redirect and the not-found page, which are the shell's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    Root,
    NotFound,
    Listing,
    Product,
    /// A seller's store page.
    Store,
    /// The seller dashboard: never loaded by a buyer's page.
    Seller,
    Cart,
    Checkout,
    Orders,
}

impl Route {
    /// The route of `path` (a URL's path, as `location.pathname` gives it); `decode` undoes
    /// the percent-encoding of one segment. One trailing slash is allowed (`/en/cart/`), as
    /// the server allows it.
    pub fn parse(path: &str, decode: impl Fn(&str) -> String) -> Route {
        let rest = path.strip_prefix('/').unwrap_or(path);
        if rest.is_empty() {
            return Route::Root;
        }
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let mut segments = rest.split('/');
        let Some(locale) = segments
            .next()
            .and_then(|tag| Locale::from_tag(tag).filter(|l| l.tag().eq_ignore_ascii_case(tag)))
        else {
            return Route::NotFound;
        };
        let segments: Vec<&str> = segments.collect();
        if segments.iter().any(|s| s.is_empty()) {
            return Route::NotFound;
        }
        // In a preview's device frame, the store's own path follows the frame's prefix.
        let segments = match segments.as_slice() {
            ["preview", _, AS_BUYER, rest @ ..] | ["seller", "preview", AS_BUYER, rest @ ..] => {
                rest
            }
            all => all,
        };
        match segments {
            [] => Route::Home(locale),
            ["c", slug] => Route::Category(locale, decode(slug)),
            ["search"] => Route::Search(locale),
            ["p", slug] => Route::Product(locale, decode(slug)),
            ["s", seller] => Route::Store(locale, decode(seller)),
            // A preview's own page (its bar, market and device frames) is the dashboard's.
            ["seller", part @ ..] if part.len() <= 2 => Route::Seller(locale),
            ["preview", _] => Route::Seller(locale),
            ["cart"] => Route::Cart(locale),
            ["checkout"] => Route::Checkout(locale),
            ["orders"] => Route::OrderLookup(locale),
            ["orders", number] => Route::Order(locale, decode(number)),
            _ => Route::NotFound,
        }
    }

    /// The code the page needs.
    pub fn module(&self) -> Module {
        match self {
            Route::Root => Module::Root,
            Route::NotFound => Module::NotFound,
            Route::Home(_) | Route::Category(..) | Route::Search(_) => Module::Listing,
            Route::Store(..) => Module::Store,
            Route::Seller(..) => Module::Seller,
            Route::Product(..) => Module::Product,
            Route::Cart(_) => Module::Cart,
            Route::Checkout(_) => Module::Checkout,
            Route::OrderLookup(_) | Route::Order(..) => Module::Orders,
        }
    }

    /// The category a listing shows (`/c/{slug}`), the product's slug or the order's number.
    pub fn value(&self) -> Option<&str> {
        match self {
            Route::Category(_, v) | Route::Product(_, v) | Route::Order(_, v) => Some(v),
            _ => None,
        }
    }

    /// The seller whose store a listing shows (`/s/{seller}`).
    pub fn seller(&self) -> Option<&str> {
        match self {
            Route::Store(_, v) => Some(v),
            _ => None,
        }
    }
}

/// The route of the page on screen, provided by the shell's page switch. It changes once the
/// next page's code is here, so a page never reads another page's route (nor its query: the
/// switch gives each page its own copy of the URL, which `use_query_map` reads).
#[derive(Clone, Copy)]
pub struct ShownRoute(pub RwSignal<Route>);

/// The value a page of `module` reads from its route (the category, slug or order number),
/// kept while another page's route is on its way in.
pub fn route_value(module: Module) -> Memo<Option<String>> {
    route_part(module, Route::value)
}

/// The seller of a store page on screen (`/s/{seller}`), kept likewise.
pub fn route_seller() -> Memo<Option<String>> {
    route_part(Module::Store, Route::seller)
}

fn route_part(module: Module, part: fn(&Route) -> Option<&str>) -> Memo<Option<String>> {
    let shown = expect_context::<ShownRoute>().0;
    Memo::new(move |previous: Option<&Option<String>>| {
        shown.with(|route| {
            if route.module() == module {
                part(route).map(str::to_owned)
            } else {
                previous.cloned().flatten()
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_its_path_under_the_locale() {
        assert_eq!(Page::Home.href(Locale::Es), "/es/");
        assert_eq!(in_locale(Locale::Es, ""), "/es/");
        assert_eq!(Page::Category("toys").href(Locale::Ja), "/ja/c/toys");
        assert_eq!(Page::Search.href(Locale::En), "/en/search");
        assert_eq!(
            Page::Product("silk-scarf").href(Locale::En),
            "/en/p/silk-scarf"
        );
        assert_eq!(Page::Cart.href(Locale::Ar), "/ar/cart");
        assert_eq!(
            Page::Store("mekong-kids").href(Locale::Vi),
            "/vi/s/mekong-kids"
        );
        assert_eq!(Page::Checkout.href(Locale::En), "/en/checkout");
        assert_eq!(Page::OrderLookup.href(Locale::Ko), "/ko/orders");
        assert_eq!(
            Page::Order {
                number: "SO-1",
                key: "k"
            }
            .href(Locale::En),
            "/en/orders/SO-1?key=k"
        );
    }

    fn plain(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn a_path_names_its_page_and_the_value_the_page_reads() {
        let cases = [
            ("/", Route::Root),
            ("/en/", Route::Home(Locale::En)),
            ("/en", Route::Home(Locale::En)),
            ("/EN/", Route::Home(Locale::En)),
            ("/es/c/toys", Route::Category(Locale::Es, "toys".into())),
            ("/ja/search", Route::Search(Locale::Ja)),
            (
                "/en/p/silk-scarf/",
                Route::Product(Locale::En, "silk-scarf".into()),
            ),
            ("/ar/cart", Route::Cart(Locale::Ar)),
            (
                "/vi/s/mekong-kids",
                Route::Store(Locale::Vi, "mekong-kids".into()),
            ),
            ("/en/checkout", Route::Checkout(Locale::En)),
            ("/ko/orders", Route::OrderLookup(Locale::Ko)),
            ("/en/orders/SO-1", Route::Order(Locale::En, "SO-1".into())),
            ("/tr/seller", Route::Seller(Locale::Tr)),
            ("/tr/seller/campaigns", Route::Seller(Locale::Tr)),
            ("/vi/seller/products/ao-dai", Route::Seller(Locale::Vi)),
            ("/en/seller/preview", Route::Seller(Locale::En)),
            ("/id/preview/1-2-abc", Route::Seller(Locale::Id)),
            (
                "/id/preview/1-2-abc/as-buyer/p/ao-dai",
                Route::Product(Locale::Id, "ao-dai".into()),
            ),
            (
                "/en/seller/preview/as-buyer/s/mekong-kids",
                Route::Store(Locale::En, "mekong-kids".into()),
            ),
            ("/en/seller/preview/as-buyer/", Route::Home(Locale::En)),
            ("/en/seller/preview/as-buyer/cart", Route::Cart(Locale::En)),
        ];
        for (path, route) in cases {
            assert_eq!(Route::parse(path, plain), route, "{path}");
        }
        assert_eq!(Route::parse("/es/c/toys", plain).value(), Some("toys"));
        assert_eq!(Route::parse("/en/cart", plain).module(), Module::Cart);
    }

    #[test]
    fn every_path_the_app_writes_reads_back_as_its_page() {
        let l = Locale::ZhCn;
        let pairs = [
            (Page::Home, Route::Home(l)),
            (Page::Category("toys"), Route::Category(l, "toys".into())),
            (Page::Search, Route::Search(l)),
            (Page::Product("a-b"), Route::Product(l, "a-b".into())),
            (Page::Cart, Route::Cart(l)),
            (Page::Checkout, Route::Checkout(l)),
            (Page::OrderLookup, Route::OrderLookup(l)),
        ];
        for (page, route) in pairs {
            assert_eq!(Route::parse(&page.href(l), plain), route);
        }
    }

    #[test]
    fn unknown_languages_paths_and_empty_segments_are_not_found() {
        for path in [
            "/xx/",
            "/en/p",
            "/en/p/",
            "/en/p/a/b",
            "/en//cart",
            "/en/cart//",
            "/en/basket",
            "/en/seller/products/a/b",
            "/en/c/",
            "/en/preview",
            "/en/preview/t/other/p/x",
            "/en/preview/t/as-buyer/p/x/y",
            "//",
        ] {
            assert_eq!(Route::parse(path, plain), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn a_preview_frame_is_read_from_its_path_with_its_token() {
        assert_eq!(
            Frame::of("/id/preview/7-99-sig/as-buyer/s/mekong-kids"),
            Some(Frame {
                prefix: "/preview/7-99-sig/as-buyer".into(),
                token: Some("7-99-sig".into())
            })
        );
        assert_eq!(
            Frame::of("/en/seller/preview/as-buyer/p/x"),
            Some(Frame {
                prefix: "/seller/preview/as-buyer".into(),
                token: None
            })
        );
        for outside in [
            "/",
            "/en/",
            "/en/seller/preview",
            "/id/preview/7-99-sig",
            "/en/p/as-buyer",
            "/en/s/preview/as-buyer",
        ] {
            assert_eq!(Frame::of(outside), None, "{outside}");
        }
    }

    #[test]
    fn segments_are_decoded_by_the_given_decoder() {
        let upper = |s: &str| s.to_uppercase();
        assert_eq!(
            Route::parse("/en/p/caf%C3%A9", upper),
            Route::Product(Locale::En, "CAF%C3%A9".into())
        );
    }

    // Native only: the wasm build of these tests (wasm-bindgen-test) has no proptest.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_path_parses_without_panicking_and_keeps_its_value_whole(path in "\\PC*") {
            let route = Route::parse(&path, plain);
            if let Some(value) = route.value() {
                proptest::prop_assert!(path.contains(value));
                proptest::prop_assert!(!value.contains('/') && !value.is_empty());
            }
        }
    }
}
