//! The cart: a server cart identified by a token kept in `localStorage`, priced by the server
//! in the buyer's currency for the buyer's ship-to country, shared by every open tab (a
//! `storage` event makes the others reload it), with the header's live item count and drawer
//! (`link`) and the cart page (`page`).

mod link;
mod page;
mod shared;
mod state;
mod sync;

pub use link::CartLink;
pub use page::CartPage;
#[cfg(feature = "ssr")]
pub use state::provide_unknown_cart;
pub use state::{provide_cart, use_cart, CartState};
/// Fetches the cart's code ahead of "Add to cart" (when the browser is idle).
pub use sync::preload as preload_cart_code;
