//! In-process tests of the whole router, each on a fresh SQLite file.
//!
//! One integration-test binary (modules below) keeps link time down.

mod addresses;
mod carts;
mod catalog;
mod fx;
mod hardening;
mod helpers;
mod localization;
mod openapi;
mod orders;
mod previews;
mod products;
mod sellers;
mod seo;
mod serving;
mod shipping;
mod store_pages;
mod translate;
mod unicode_inputs;
