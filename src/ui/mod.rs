//! Views every feature shares: the page's head, the not-found page, the load error, amounts
//! as summary lists, the texts for the server's shipping codes, and the one way an amount is
//! written on a page.

pub mod lazy;
mod meta;
mod money;
mod not_found;
mod shipping_texts;
mod totals;

pub use meta::PageMeta;
pub use money::money;
pub use not_found::{LoadError, NotFound};
pub use shipping_texts::{label_name, restriction_text, service_name, tax_lines};
pub use totals::{charge_notice, summary_list, totals_view};
