//! The buyer's currency: chosen once, remembered, and sent with every catalog request so the
//! server returns converted prices. The app never multiplies by a rate.
//!
//! Default: a remembered choice, else the currency of the first region in the browser's
//! languages (`es-CL` → CLP), else the UI locale's usual currency — falling back to US dollars
//! when the store has no rate for it.

mod menu;
mod price_tag;
mod state;

pub use menu::{resolve_typed, CurrencyMenu};
pub use price_tag::{conversion_note, PriceTag};
pub use state::{choose, initial_currency, provide_currency, use_currency, CurrencyState};
