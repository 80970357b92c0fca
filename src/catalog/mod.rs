//! Catalog feature: listings (home, category, search) and product pages.

mod buy_bar;
pub mod listing;
mod listing_page;
mod product_card;
mod product_page;
mod seller_lines;
mod store_page;
pub mod variants;

pub use listing_page::{ListingPage, LoadingGrid};
pub use product_card::ProductCard;
pub use product_page::{estimated_sku, ProductPage};
pub use store_page::StorePage;
#[cfg(feature = "ssr")]
pub(crate) use {listing_page::Listing, product_page::ProductView, store_page::StoreView};
