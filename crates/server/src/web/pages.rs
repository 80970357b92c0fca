//! Which page paths exist: the app's routes over the catalog's products and categories. The
//! shell answers an unknown page with a 404 (the app then shows its not-found page, and search
//! engines drop the URL), and the buyer's own pages (cart, checkout, orders) with
//! `X-Robots-Tag: noindex`.
//!
//! Like the listing index, this is a snapshot of the catalog taken at start-up.

use domain::Locale;
use sqlx::SqlitePool;
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What a page's first response says about it in `<head>`, before the app runs: for search
/// engines, link previews and the first paint. The app replaces the marked tags as the buyer
/// moves on (`ui::meta`).
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// The page's path after the locale (`p/silk-scarf`), for canonical and alternates.
    pub rest: String,
    /// The main image: absolute URL path, width, height.
    pub image: Option<(String, u32, u32)>,
    /// Pictures the first screen shows (URL paths), fetched with the page rather than after
    /// the app asks for them: the main picture, the first cards of a listing.
    pub preload: Vec<String>,
    /// Structured data (schema.org JSON-LD), already serialized.
    pub json_ld: Vec<String>,
    /// The API's answers the page starts from, so the app shows them without asking again
    /// (a store page has two: the store and its listing).
    pub data: Vec<PageData>,
    /// The page's first screen — header, page, footer — drawn by the app's own components
    /// (`storefront::shell::prerender`), shown until the app has drawn the same page itself.
    pub body: Option<String>,
    /// A style sheet the first screen needs from the first paint (a store's theme colour),
    /// written into the head and allowed by its SHA-256 in the page's policy, as inline
    /// scripts are.
    pub style: Option<String>,
}

/// An API answer inlined in the page (`<script id="page-data" type="application/json">`): the
/// app uses it when `key` is the request it was about to make (`api::catalog` in the app).
#[derive(Debug, Clone, PartialEq)]
pub struct PageData {
    /// `product|{slug}|{locale}|{currency}` or `listing|{category or empty}|{locale}|{currency}`.
    pub key: String,
    /// The answer, as the API sends it.
    pub json: String,
    /// When it was made, in milliseconds since the Unix epoch.
    pub at_ms: u64,
}

impl PageData {
    pub fn now(key: String, json: String) -> PageData {
        let at_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        PageData { key, json, at_ms }
    }
}

/// A page whose first response has a head of its own (other pages get the shell's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Headed {
    /// `/{locale}/`
    Home,
    /// `/{locale}/c/{slug}`
    Category(String),
    /// `/{locale}/p/{slug}`
    Product(String),
    /// `/{locale}/s/{seller}`
    Store(String),
}

impl Headed {
    /// The locale and page of `path` (a trailing `/` allowed), when it is one of these.
    pub fn of(path: &str) -> Option<(Locale, Headed)> {
        let mut parts = path.trim_start_matches('/').split('/');
        let locale = parts.next()?;
        let locale = Locale::ALL.into_iter().find(|l| l.tag() == locale)?;
        let page = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (None | Some(""), None, None, None) => Headed::Home,
            (Some("c"), Some(slug), None | Some(""), None) if !slug.is_empty() => {
                Headed::Category(slug.to_owned())
            }
            (Some("p"), Some(slug), None | Some(""), None) if !slug.is_empty() => {
                Headed::Product(slug.to_owned())
            }
            (Some("s"), Some(slug), None | Some(""), None) if !slug.is_empty() => {
                Headed::Store(slug.to_owned())
            }
            _ => return None,
        };
        Some((locale, page))
    }
}

/// What a request says about its buyer, for the currency and destination of a page's first
/// screen: their languages (`Accept-Language`, best first) and the currency and ship-to
/// country they chose before, which the app keeps in cookies as well as in `localStorage`
/// (`store_currency`, `store_ship_to`; see the app's `browser::remember_for_server`).
/// Unchecked here: `products::head` uses only an offered currency and a known destination.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    pub languages: Vec<String>,
    pub currency: Option<String>,
    pub ship_to: Option<String>,
}

impl Hints {
    pub fn of(headers: &axum::http::HeaderMap) -> Hints {
        use axum::http::header;
        let languages = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(accepted_languages)
            .unwrap_or_default();
        let cookie = |name: &str| {
            headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(k, _)| *k == name)
                // Codes only: three ASCII letters (currency), two (country).
                .map(|(_, v)| v.trim().to_owned())
                .filter(|v| v.len() <= 3 && v.bytes().all(|b| b.is_ascii_uppercase()))
        };
        Hints {
            languages,
            currency: cookie("store_currency"),
            ship_to: cookie("store_ship_to"),
        }
    }
}

/// The head of a page, from the catalog (`products::head`), if the page exists: for the
/// locale, the page and what the request says of the buyer ([`Hints`]), which decide the
/// currency its prices are in and the destination it is quoted for, as the app decides them
/// (`domain::market`, `domain::shipping`).
pub type PageHead = Arc<
    dyn Fn(Locale, Headed, Hints) -> Pin<Box<dyn Future<Output = Option<Head>> + Send>>
        + Send
        + Sync,
>;

/// The language tags of an `Accept-Language` header, most preferred first (at most 16; see
/// `domain::locale::accepted_tags`).
pub fn accepted_languages(header: &str) -> Vec<String> {
    domain::locale::accepted_tags(header)
        .into_iter()
        .take(16)
        .map(str::to_owned)
        .collect()
}

/// The slugs of every product and category, in order.
#[derive(Debug, Default)]
pub struct Pages {
    pub products: BTreeSet<String>,
    pub categories: BTreeSet<String>,
    /// Every seller's store page (`/s/{slug}`).
    pub sellers: BTreeSet<String>,
}

/// What a path is to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// A page anyone may find: home, a category, search, a product.
    Public,
    /// One buyer's page: indexed by no one.
    Private,
    /// A preview of a seller's draft (issue 18): a share link's page, or the seller's own.
    /// Indexed by no one, kept by no cache, and framed by the store's own pages only (the
    /// preview's device frames).
    Preview,
    /// No page: an unknown locale, product, category or path.
    Missing,
}

impl Pages {
    pub async fn load(db: &SqlitePool) -> Result<Pages, sqlx::Error> {
        let products: Vec<(String,)> = sqlx::query_as("SELECT slug FROM products")
            .fetch_all(db)
            .await?;
        let categories: Vec<(String,)> = sqlx::query_as("SELECT slug FROM categories")
            .fetch_all(db)
            .await?;
        let sellers: Vec<(String,)> = sqlx::query_as("SELECT slug FROM sellers")
            .fetch_all(db)
            .await?;
        Ok(Pages {
            products: products.into_iter().map(|(s,)| s).collect(),
            categories: categories.into_iter().map(|(s,)| s).collect(),
            sellers: sellers.into_iter().map(|(s,)| s).collect(),
        })
    }

    /// What `path` is, by the app's routes (`shell::App`).
    pub fn page(&self, path: &str) -> Page {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let Some((first, rest)) = segments.split_first() else {
            return Page::Public;
        };
        if *first == "index.html" && rest.is_empty() {
            return Page::Public;
        }
        if Locale::from_tag(first).is_none_or(|l| l.tag() != *first) {
            return Page::Missing;
        }
        let found = |yes: bool| if yes { Page::Public } else { Page::Missing };
        match rest {
            [] | ["search"] => Page::Public,
            ["c", slug] => found(self.categories.contains(*slug)),
            ["p", slug] => found(self.products.contains(*slug)),
            ["s", slug] => found(self.sellers.contains(*slug)),
            ["cart"] | ["checkout"] | ["orders"] | ["orders", _] => Page::Private,
            // The seller dashboard: the app's `Route::Seller`.
            ["seller"]
            | ["seller", "featured" | "campaigns" | "products" | "password"]
            | ["seller", "products", _] => Page::Private,
            // The preview's page (the bar, the market, the device frames), and a device
            // frame's pages: the store's own under `…/as-buyer` (the app's `routes::Frame`).
            ["preview", _] | ["seller", "preview"] => Page::Preview,
            ["preview", _, "as-buyer", ..] | ["seller", "preview", "as-buyer", ..] => Page::Preview,
            _ => Page::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_category_and_product_pages_have_their_own_head() {
        assert_eq!(Headed::of("/ja/"), Some((Locale::Ja, Headed::Home)));
        assert_eq!(Headed::of("/ja"), Some((Locale::Ja, Headed::Home)));
        assert_eq!(
            Headed::of("/es/c/toys"),
            Some((Locale::Es, Headed::Category("toys".into())))
        );
        assert_eq!(
            Headed::of("/ar/p/silk-scarf"),
            Some((Locale::Ar, Headed::Product("silk-scarf".into())))
        );
        assert_eq!(
            Headed::of("/vi/s/mekong-kids"),
            Some((Locale::Vi, Headed::Store("mekong-kids".into())))
        );
        for other in [
            "/",
            "/xx/",
            "/en/cart",
            "/en/search",
            "/en/p/",
            "/en/c/toys/more",
        ] {
            assert_eq!(Headed::of(other), None, "{other}");
        }
    }

    #[test]
    fn accepted_languages_come_most_preferred_first() {
        assert_eq!(
            accepted_languages("en;q=0.5, es-CL, fr;q=0, ja;q=0.8"),
            ["es-CL", "ja", "en"]
        );
        assert_eq!(accepted_languages(""), Vec::<String>::new());
        assert_eq!(accepted_languages("<script>, de-DE;q=x, ko"), ["ko"]);
    }

    fn pages() -> Pages {
        Pages {
            products: ["silk-scarf".to_owned()].into(),
            categories: ["apparel".to_owned()].into(),
            sellers: ["mekong-kids".to_owned()].into(),
        }
    }

    #[test]
    fn the_apps_routes_over_the_catalog_are_pages_and_nothing_else_is() {
        let p = pages();
        for public in [
            "/",
            "/index.html",
            "/en",
            "/en/",
            "/ja/search",
            "/zh-CN/c/apparel",
            "/ar/p/silk-scarf",
            "/vi/s/mekong-kids",
        ] {
            assert_eq!(p.page(public), Page::Public, "{public}");
        }
        for private in [
            "/es/cart",
            "/es/checkout",
            "/es/orders",
            "/es/orders/SO-12345-67890",
            "/vi/seller",
            "/vi/seller/campaigns",
            "/vi/seller/products/ao-dai",
            "/vi/seller/password",
        ] {
            assert_eq!(p.page(private), Page::Private, "{private}");
        }
        for missing in [
            "/p/silk-scarf",
            "/xx/",
            "/EN/",
            "/zh-cn/",
            "/en/p/no-such-thing",
            "/en/c/no-such-category",
            "/en/s/no-such-seller",
            "/en/seller/elsewhere",
            "/en/seller/featured/x",
            "/en/p",
            "/en/p/silk-scarf/more",
            "/en/elsewhere",
        ] {
            assert_eq!(p.page(missing), Page::Missing, "{missing}");
        }
    }
}
