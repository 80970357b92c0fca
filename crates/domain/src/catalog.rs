//! Catalog types as they cross the wire between the server and the app.

use crate::money::Money;
use serde::{Deserialize, Serialize};

/// One product as it appears in a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// The seller's price, in the seller's currency.
    pub price: Money,
    pub image: ImageRef,
}

/// An image with its intrinsic size, so the page can reserve space before it loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImageRef {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// One page of a paged collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number that was returned.
    pub page: u32,
    pub per_page: u32,
    /// Number of items over all pages.
    pub total: u64,
    pub total_pages: u32,
}

/// A validated request for one page: `page` ≥ 1 and `per_page` within
/// [`PageRequest::MAX_PER_PAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

/// Why a page request was refused; each variant names the offending parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PageRequestError {
    #[error("page must be a whole number of at least 1")]
    Page,
    #[error("per_page must be a whole number from 1 to {max}", max = PageRequest::MAX_PER_PAGE)]
    PerPage,
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u32 = 24;
    pub const MAX_PER_PAGE: u32 = 100;
    /// Pages beyond this are refused: nobody pages that deep, and it bounds the SQL offset.
    pub const MAX_PAGE: u32 = 10_000;

    pub fn new(page: u32, per_page: u32) -> Result<Self, PageRequestError> {
        if page == 0 || page > Self::MAX_PAGE {
            return Err(PageRequestError::Page);
        }
        if per_page == 0 || per_page > Self::MAX_PER_PAGE {
            return Err(PageRequestError::PerPage);
        }
        Ok(PageRequest { page, per_page })
    }

    pub fn page(self) -> u32 {
        self.page
    }

    pub fn per_page(self) -> u32 {
        self.per_page
    }

    /// Row offset of the first item on this page.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }

    /// Number of pages needed for `total` items (at least 1, so an empty listing has page 1).
    pub fn total_pages(self, total: u64) -> u32 {
        let pages = total.div_ceil(u64::from(self.per_page)).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_zero_and_oversized_pages_are_refused() {
        assert_eq!(PageRequest::new(0, 10), Err(PageRequestError::Page));
        assert_eq!(PageRequest::new(1, 0), Err(PageRequestError::PerPage));
        assert_eq!(PageRequest::new(1, 10_000), Err(PageRequestError::PerPage));
        assert_eq!(PageRequest::new(10_001, 10), Err(PageRequestError::Page));
        assert!(PageRequest::new(1, 100).is_ok());
    }

    #[test]
    fn offsets_and_page_counts_follow_the_page_size() {
        let req = PageRequest::new(3, 24).expect("valid");
        assert_eq!(req.offset(), 48);
        assert_eq!(req.total_pages(0), 1);
        assert_eq!(req.total_pages(24), 1);
        assert_eq!(req.total_pages(25), 2);
    }
}
