//! Shipping in the app: the ship-to choice, live quotes (debounced, the previous request
//! aborted, re-quoted when a quote expires), the product page's estimate, the cart's estimate
//! per shipment, and the checkout's delivery step. Every amount, date and tax is the server's;
//! the texts for the server's codes are in `ui::shipping_texts`.

mod delivery;
mod estimates;
mod live;
mod request;
mod ship_to;

pub use delivery::DeliveryChoices;
#[cfg(not(target_arch = "wasm32"))]
pub use estimates::DrawnEstimate;
pub use estimates::{arrives, estimate_key, CartEstimate, ProductEstimate};
pub use live::{follow_choices, follow_totals, live_quote, LiveQuote};
pub use request::{cart_quote_body, well_formed_postal};
pub use ship_to::{destinations, ShipToSelect};
