//! Every page's path, built here and nowhere else. Pages live under `/{locale}/…`; a page's
//! `rest` (the part after the locale) is the same in every locale, which is what the head's
//! canonical and `hreflang` links are written from.

use crate::i18n::Locale;

/// The path of `rest` (starting with `/`, or empty for the home page) in `locale`: `/es/…`.
pub fn in_locale(locale: Locale, rest: &str) -> String {
    format!(
        "/{}{}",
        locale.tag(),
        if rest.is_empty() { "/" } else { rest }
    )
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
}
