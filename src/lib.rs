//! The storefront single-page app.
//!
//! Feature modules (`catalog`, `cart`, `shipping`, `checkout`, `orders`) hold pages and components; `api` is
//! the only module that knows URLs and HTTP; `i18n` holds every user-visible string; `format`
//! is the one place money is formatted for people.

pub mod api;
pub mod app;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod currency;
pub mod fetch;
pub mod format;
pub mod i18n;
pub mod orders;
pub mod shipping;
