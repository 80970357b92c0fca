//! The app's only door to the server. Every URL and every HTTP detail lives here, one module
//! per resource; pages call typed functions and get domain types back, or an error that says
//! what happened in the page's terms (no page reads an HTTP status).
//!
//! Request bodies are the domain crate's request types, serialized by serde into a JS value and
//! written by the browser's `JSON.stringify`; answers are read by `JSON.parse` and serde. A
//! JSON library compiled into the wasm would cost ~10 KB (brotli) for work the browser does.

pub mod addresses;
pub mod carts;
pub mod catalog;
pub mod fx;
mod http;
pub mod orders;
pub mod payments;
pub mod seller;
pub mod sellers;
pub mod shipping;
pub mod texts;

pub use http::{inlined_currency, read_drafts, ApiError, Latest};
pub use texts::ui_texts;
