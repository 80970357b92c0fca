//! The cart on the wire: what a buyer may send (SKUs and quantities, nothing else) and what the
//! server answers (every amount computed by the server).

use crate::fx::Converted;
use crate::money::Money;
use crate::ImageRef;
use serde::{Deserialize, Serialize};

/// Most units of one variant a cart line may hold.
pub const MAX_QUANTITY_PER_LINE: u32 = 99;
/// Most lines a cart may hold.
pub const MAX_LINES: usize = 50;

/// One line a buyer asks for. Prices and totals are not accepted: the server computes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineInput {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub sku: String,
    /// Whole units, 1 to 99 and at most the variant's stock. A whole number written as a
    /// decimal (`2.0`) is that number, as JSON Schema's `integer` has it.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 99))]
    #[serde(deserialize_with = "whole_number")]
    pub quantity: u32,
}

/// A JSON number that is a whole number a `u32` holds: `2` or `2.0`, not `2.5`, `-1` or `"2"`.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    struct Whole;
    impl serde::de::Visitor<'_> for Whole {
        type Value = u32;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a whole number")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::custom("too large"))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<u32, E> {
            u32::try_from(v).map_err(|_| E::custom("not a whole number of units"))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<u32, E> {
            if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                Ok(v as u32)
            } else {
                Err(E::custom("not a whole number of units"))
            }
        }
    }
    deserializer.deserialize_any(Whole)
}

/// `POST /api/v1/carts` and `PATCH /api/v1/carts/{token}` body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartInput {
    /// Lines to add or whose quantity to set (a SKU already in the cart gets this quantity).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub lines: Vec<LineInput>,
}

/// A priced cart line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartLine {
    pub sku: String,
    pub slug: String,
    /// In the response's locale.
    pub title: String,
    pub image: ImageRef,
    /// Colour and size labels of the variant, in the response's locale.
    pub options: Vec<String>,
    pub quantity: u32,
    /// Units in stock now.
    pub stock: u32,
    /// The most this line may hold (stock and the per-line cap).
    pub max_quantity: u32,
    /// In the seller's currency.
    pub unit_price: Money,
    /// `unit_price × quantity`, in the seller's currency.
    pub line_total: Money,
    /// `line_total` in the buyer's currency, converted once for the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_total: Option<Converted>,
    /// The unit price when the line was added, present only when it has changed since
    /// ("price changed from … to …"). A line whose `quantity` is above `stock` cannot be
    /// bought as it is; the page says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_unit_price: Option<Money>,
    /// Why this line cannot ship to the requested `ship_to` country, as a stable code
    /// (`lithium_battery`, `liquid`, `controlled_category`); absent when it can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restriction: Option<crate::shipping::Restriction>,
}

/// Lines sold by one seller and shipped from one warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CartGroup {
    pub seller_name: String,
    pub seller_country: String,
    /// Warehouse city and country the group ships from.
    pub ships_from_city: String,
    pub ships_from_country: String,
    pub lines: Vec<CartLine>,
    /// Sum of the lines, in the seller's currency.
    pub subtotal: Money,
    /// Sum of the lines' converted totals, when the request named a currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_subtotal: Option<Money>,
}

/// A cart as the server prices it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cart {
    /// The cart's secret token: whoever holds it can read and change the cart.
    pub token: String,
    pub locale: String,
    pub groups: Vec<CartGroup>,
    /// Units in the cart.
    pub item_count: u32,
    /// Sum of every line in the buyer's currency (sum of converted lines), when the request
    /// named one; a cart of one currency also gets it in that currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// The destination the lines were checked against (`ship_to=`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ship_to: Option<String>,
    /// True when a line cannot ship to `ship_to` or asks for more than is in stock: checkout
    /// waits until the buyer resolves it.
    #[serde(default)]
    pub blocked: bool,
}
