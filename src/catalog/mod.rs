//! Catalog feature: the product listing (and, later, search and product pages).

mod home;
mod product_card;

pub use home::HomePage;
pub use product_card::ProductCard;
