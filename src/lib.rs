#![recursion_limit = "256"]
//! The storefront single-page app.
//!
//! - `shell`: the root component, the route table and the layout (header, language menu,
//!   search box). It uses the features; no feature uses it.
//! - Features, each a page or a part of one: `catalog` (listings, product page), `currency`,
//!   `cart`, `shipping`, `checkout`, `orders`. Between features only catalog → cart, catalog →
//!   shipping, cart → shipping, checkout → cart and checkout → shipping, and any of catalog,
//!   cart, shipping and checkout → currency.
//! - Shared by every feature: `buyer` (the buyer's locale, currency and ship-to country, and the
//!   translation helpers), `routes` (every page's path), `ui` (views used by several features),
//!   `browser` (storage and the browser's languages), `fetch` (loading data that follows the
//!   URL), `format` (the one place money and numbers are formatted for people) and `i18n` (every
//!   user-visible string).
//! - `api`: the only module that knows URLs and HTTP, one module per resource; it uses no feature.

pub mod api;
pub mod browser;
pub mod buyer;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod currency;
pub mod fetch;
pub mod format;
pub mod i18n;
pub mod orders;
pub mod routes;
pub mod seller;
pub mod shell;
pub mod shipping;
pub mod ui;
