//! The state of a product listing — search words, filters, sort and page — and the URLs that
//! carry it. All listing state lives in the URL, so back/forward and shared links restore it;
//! this module turns a URL into that state and back, with no browser APIs, so it is tested
//! natively.

use crate::i18n::Locale;
use crate::routes::{in_locale, Page};

/// How a listing is ordered: the domain's list, the API's and the URL's values.
pub use domain::catalog::SortKey;

/// Everything that decides what a listing shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListingParams {
    pub q: Option<String>,
    pub category: Option<String>,
    /// A store page's seller (`/s/{seller}`): the listing is its products only.
    pub seller: Option<String>,
    /// Whole US dollars, inclusive.
    pub min_price: Option<u32>,
    /// Whole US dollars, exclusive.
    pub max_price: Option<u32>,
    pub ships_from: Option<String>,
    pub handling_free: bool,
    /// `"4"` or `"4.5"`, as the API names its rating steps.
    pub min_rating: Option<String>,
    /// `None` is the default order (best match, or best sellers without a query).
    pub sort: Option<SortKey>,
    pub page: u32,
}

impl ListingParams {
    /// Reads the state from a URL's query (`get`) and the category or seller route segment, if
    /// any. Values the app could not have produced are dropped rather than sent on, so a
    /// hand-edited URL still shows a listing.
    pub fn from_url(
        get: impl Fn(&str) -> Option<String>,
        category: Option<String>,
        seller: Option<String>,
    ) -> Self {
        let text = |k: &str| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let number = |k: &str| text(k).and_then(|v| v.parse::<u32>().ok());
        ListingParams {
            q: text("q"),
            category: category.or_else(|| text("category")).filter(|c| is_slug(c)),
            seller: seller.filter(|s| is_slug(s)),
            min_price: number("min_price"),
            max_price: number("max_price"),
            ships_from: text("ships_from")
                .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())),
            handling_free: text("handling_free").is_some_and(|v| v == "true"),
            min_rating: text("min_rating").filter(|v| v == "4" || v == "4.5"),
            sort: text("sort").and_then(|v| SortKey::from_code(&v)),
            page: number("page").filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The API's query parameters for this state.
    pub fn to_query(&self) -> Vec<(String, String)> {
        let mut query = self.filter_pairs();
        if let Some(c) = &self.category {
            query.insert(0, ("category".into(), c.clone()));
        }
        if let Some(q) = &self.q {
            query.insert(0, ("q".into(), q.clone()));
        }
        if let Some(s) = &self.seller {
            query.insert(0, ("seller".into(), s.clone()));
        }
        query
    }

    fn filter_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if let Some(v) = self.min_price {
            pairs.push(("min_price".into(), v.to_string()));
        }
        if let Some(v) = self.max_price {
            pairs.push(("max_price".into(), v.to_string()));
        }
        if let Some(v) = &self.ships_from {
            pairs.push(("ships_from".into(), v.clone()));
        }
        if self.handling_free {
            pairs.push(("handling_free".into(), "true".into()));
        }
        if let Some(v) = &self.min_rating {
            pairs.push(("min_rating".into(), v.clone()));
        }
        if let Some(s) = self.sort {
            pairs.push(("sort".into(), s.code().into()));
        }
        if self.page > 1 {
            pairs.push(("page".into(), self.page.to_string()));
        }
        pairs
    }

    /// The page URL for this state, without the locale: a search (`/search?q=…`) when there are
    /// words, else a category page (`/c/{slug}`), else the home page.
    pub fn path(&self) -> String {
        let mut pairs = self.filter_pairs();
        // A store page keeps its words and category in the query: filters stay in the store.
        let base = match (&self.q, &self.category) {
            _ if self.seller.is_some() => {
                if let Some(c) = &self.category {
                    pairs.insert(0, ("category".into(), c.clone()));
                }
                if let Some(q) = &self.q {
                    pairs.insert(0, ("q".into(), q.clone()));
                }
                Page::Store(self.seller.as_deref().unwrap_or_default()).rest()
            }
            (Some(q), category) => {
                if let Some(c) = category {
                    pairs.insert(0, ("category".into(), c.clone()));
                }
                pairs.insert(0, ("q".into(), q.clone()));
                Page::Search.rest()
            }
            (None, Some(c)) => Page::Category(c).rest(),
            (None, None) => Page::Home.rest(),
        };
        if pairs.is_empty() {
            return base;
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("{base}?{query}")
    }

    /// The full localized URL: `/es/search?q=…`.
    pub fn href(&self, locale: Locale) -> String {
        let path = self.path();
        let path = if path == "/" { String::new() } else { path };
        in_locale(locale, &path)
    }

    /// Any filter set (the search words, category and sort are not filters).
    pub fn has_filters(&self) -> bool {
        self.min_price.is_some()
            || self.max_price.is_some()
            || self.ships_from.is_some()
            || self.handling_free
            || self.min_rating.is_some()
    }

    /// A change of filter, sort or words starts again at page 1.
    pub fn changed(&self, change: impl FnOnce(&mut ListingParams)) -> ListingParams {
        let mut next = self.clone();
        change(&mut next);
        next.page = 1;
        next
    }

    pub fn with_page(&self, page: u32) -> ListingParams {
        ListingParams {
            page,
            ..self.clone()
        }
    }

    pub fn without_filters(&self) -> ListingParams {
        self.changed(|p| {
            p.min_price = None;
            p.max_price = None;
            p.ships_from = None;
            p.handling_free = false;
            p.min_rating = None;
        })
    }
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(query: &str, category: Option<&str>) -> ListingParams {
        let map: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        ListingParams::from_url(|k| map.get(k).cloned(), category.map(str::to_owned), None)
    }

    #[test]
    fn a_url_round_trips_through_the_listing_state() {
        let p = parse("q=%E8%80%B3%E6%9C%BA&min_price=10&max_price=25&ships_from=CN&handling_free=true&min_rating=4.5&sort=price_asc&page=2", None);
        assert_eq!(p.q.as_deref(), Some("耳机"));
        assert_eq!((p.min_price, p.max_price, p.page), (Some(10), Some(25), 2));
        let again = parse(p.path().split_once('?').map(|(_, q)| q).unwrap_or(""), None);
        assert_eq!(again, p);
    }

    #[test]
    fn words_make_a_search_page_and_a_category_alone_makes_a_category_page() {
        let category = parse("sort=newest", Some("toys"));
        assert_eq!(category.path(), "/c/toys?sort=newest");
        assert_eq!(category.href(Locale::Ja), "/ja/c/toys?sort=newest");
        let search = category.changed(|p| p.q = Some("bear".into()));
        assert_eq!(search.path(), "/search?q=bear&category=toys&sort=newest");
        assert_eq!(
            ListingParams::default().with_page(1).href(Locale::Es),
            "/es/"
        );
    }

    #[test]
    fn a_store_page_keeps_its_filters_and_category_in_the_store() {
        let map: HashMap<String, String> = [("category".to_owned(), "toys".to_owned())].into();
        let p = ListingParams::from_url(|k| map.get(k).cloned(), None, Some("mekong-kids".into()));
        assert_eq!(p.path(), "/s/mekong-kids?category=toys");
        let sorted = p.changed(|p| p.sort = Some(SortKey::PriceAsc));
        assert_eq!(
            sorted.href(Locale::Vi),
            "/vi/s/mekong-kids?category=toys&sort=price_asc"
        );
        assert_eq!(
            sorted.to_query()[..2],
            [
                ("seller".to_owned(), "mekong-kids".to_owned()),
                ("category".to_owned(), "toys".to_owned())
            ]
        );
        let odd = ListingParams::from_url(|_| None, None, Some("<script>".into()));
        assert_eq!(odd.seller, None);
    }

    #[test]
    fn changing_a_filter_returns_to_the_first_page_and_clearing_keeps_the_words() {
        let p = parse("q=silk&ships_from=VN&page=3", None);
        let next = p.changed(|p| p.handling_free = true);
        assert_eq!(next.page, 1);
        let cleared = next.without_filters();
        assert!(!cleared.has_filters());
        assert_eq!(cleared.q.as_deref(), Some("silk"));
    }

    #[test]
    fn values_the_app_never_writes_are_dropped() {
        let p = parse(
            "sort=cheapest&page=0&ships_from=china&min_rating=5&category=Bad%20Slug",
            None,
        );
        assert_eq!(
            p,
            ListingParams {
                page: 1,
                ..Default::default()
            }
        );
    }
}
