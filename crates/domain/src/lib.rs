//! Shared domain types of the storefront.
//!
//! **Architecture Invariant:** this crate does no I/O. It holds the types that both the browser
//! app and the server agree on (money, currencies, catalog summaries, problem documents), and it
//! builds for `wasm32-unknown-unknown` as well as natively, so the wire format is defined once.

#[macro_use]
mod wire;

pub mod address;
pub mod cart;
pub mod catalog;
pub mod currency;
pub mod fx;
pub mod locale;
pub mod market;
pub mod money;
pub mod order;
pub mod problem;
pub mod seller;
pub mod shipping;
pub mod validate;

pub use cart::{Cart, CartGroup, CartInput, CartLine, LineInput};
pub use catalog::{
    CategoryCount, CategoryList, CategoryRef, CountryCount, Facets, Handling, ImageRef,
    OptionValue, OriginalText, Page, PageRequest, PriceBucket, ProductDetail, ProductImage,
    ProductList, ProductSummary, Provenance, RatingBucket, SellerCard, ShipsFrom, VariantInfo,
    VariantOption,
};
pub use currency::{Currency, UnknownCurrency};
pub use fx::{Converted, FxError, FxQuote, QuoteRequest, Rate, RateInfo, RateTable};
pub use locale::{Dir, Locale};
pub use money::{Money, MoneyError};
pub use problem::{FieldError, Problem};
