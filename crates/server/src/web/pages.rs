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
    /// Structured data (schema.org JSON-LD), already serialized.
    pub json_ld: Vec<String>,
}

/// The head of a product page, from the catalog (`products::head`), if the product exists.
pub type ProductHead =
    Arc<dyn Fn(Locale, String) -> Pin<Box<dyn Future<Output = Option<Head>> + Send>> + Send + Sync>;

/// The slugs of every product and category, in order.
#[derive(Debug, Default)]
pub struct Pages {
    pub products: BTreeSet<String>,
    pub categories: BTreeSet<String>,
}

/// What a path is to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// A page anyone may find: home, a category, search, a product.
    Public,
    /// One buyer's page: indexed by no one.
    Private,
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
        Ok(Pages {
            products: products.into_iter().map(|(s,)| s).collect(),
            categories: categories.into_iter().map(|(s,)| s).collect(),
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
            ["cart"] | ["checkout"] | ["orders"] | ["orders", _] => Page::Private,
            _ => Page::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> Pages {
        Pages {
            products: ["silk-scarf".to_owned()].into(),
            categories: ["apparel".to_owned()].into(),
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
        ] {
            assert_eq!(p.page(public), Page::Public, "{public}");
        }
        for private in [
            "/es/cart",
            "/es/checkout",
            "/es/orders",
            "/es/orders/SO-12345-67890",
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
            "/en/p",
            "/en/p/silk-scarf/more",
            "/en/elsewhere",
        ] {
            assert_eq!(p.page(missing), Page::Missing, "{missing}");
        }
    }
}
