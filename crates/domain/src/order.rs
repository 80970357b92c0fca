//! Payment and order wire types: what the payment step is offered, the order the buyer places,
//! and the order the server keeps.

use crate::address::AddressInput;
use crate::shipping::Choice;
use crate::{Currency, Money};
use serde::{Deserialize, Serialize};

/// A plausible email address (already trimmed): one `@`, something before it, a dotted domain
/// after, no spaces or control characters, within SMTP's lengths. Only the shape is checked;
/// the checkout form asks with it before the server does with the same rule.
pub fn valid_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `GET /api/v1/payment-methods?country=..&currency=..`: how the buyer can pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSetup {
    /// The provider's name (`sandbox`).
    pub provider: String,
    /// The provider's payment page, on the provider's own origin, for an iframe. Card numbers
    /// are typed there and never reach the store.
    pub frame_url: String,
    /// The origin the frame's messages come from; any other is ignored.
    pub frame_origin: String,
    /// Method codes offered for the country (`card`, `pix`, `konbini`, `bank_transfer`, …).
    pub methods: Vec<String>,
    /// The currency prices are shown in.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "PEN"))]
    pub display_currency: Currency,
    /// The currency the buyer is charged in; differs when the provider does not settle the
    /// display currency.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "USD"))]
    pub charge_currency: Currency,
}

/// `POST /api/v1/orders` (with an `Idempotency-Key` header). Prices are never sent: the
/// server computes them; `expected_total` is what the buyer agreed to pay, and a different
/// server total is a 409 with the new totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"\S"))]
    pub cart_token: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"\S"))]
    pub email: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub address: AddressInput,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"\S"))]
    pub shipping_quote_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, min_items = 1))]
    pub choices: Vec<Choice>,
    /// The one-time token the payment frame returned.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true, pattern = r"\S"))]
    pub payment_token: String,
    /// The locked exchange-rate quote from the display to the charge currency, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fx_quote_id: Option<String>,
    /// The charge the buyer saw and accepted, in the charge currency.
    pub expected_total: Money,
}

/// One line of an order, priced when it was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderLine {
    pub sku: String,
    pub title: String,
    pub quantity: u32,
    /// The seller's unit price.
    pub unit_price: Money,
}

/// One shipment of an order with the option the buyer chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderShipment {
    pub id: String,
    pub origin_city: String,
    pub origin_country: String,
    pub carrier: String,
    pub service: crate::shipping::Service,
    pub earliest: String,
    pub latest: String,
    /// The delivery window as the request's language writes it (see `ShippingOption::dates`),
    /// written when the order is read.
    #[serde(default)]
    pub dates: String,
    pub tracked: bool,
    pub skus: Vec<String>,
    /// Shipping in the display currency.
    pub price: Money,
    pub duties: Money,
    pub taxes: Money,
    /// `checkout` (paid with the order), `delivery` (estimated, paid to the carrier) or `none`.
    pub taxes_due: crate::shipping::TaxesDue,
}

/// What the buyer pays, in the display currency, and the charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderTotals {
    pub goods: Money,
    pub shipping: Money,
    pub duties_and_taxes_now: Money,
    pub due_on_delivery: Money,
    pub pay_now: Money,
    /// What the provider charged, in the charge currency.
    pub charged: Money,
    /// The locked rate from the display to the charge currency, when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
}

/// A placed order as its buyer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    /// The order number the buyer quotes (`SO-` and ten letters and digits).
    pub number: String,
    /// A secret for the confirmation link; with the number it reads the order.
    pub access_key: String,
    /// `paid`.
    pub status: String,
    pub email: String,
    pub placed_at: String,
    pub address: AddressInput,
    pub lines: Vec<OrderLine>,
    pub shipments: Vec<OrderShipment>,
    pub totals: OrderTotals,
    /// How it was paid, as the provider describes it (`Visa •••• 4242`, `PIX`).
    pub payment: String,
}

#[cfg(test)]
mod tests {
    use super::valid_email;

    #[test]
    fn email_addresses_are_checked_for_their_shape_only() {
        for good in [
            "ana@example.cl",
            "a.b+c@mail.example.co.uk",
            "ñandú@ejemplo.cl",
        ] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.cl",
            "ana@example",
            "a b@example.cl",
            "a@b@c.cl",
            "ana@.cl",
            "ana@example..cl",
            "ana@example.cl.",
            " ana@example.cl",
        ] {
            assert!(!valid_email(bad), "{bad}");
        }
        let long_local = format!("{}@example.cl", "a".repeat(65));
        assert!(!valid_email(&long_local));
    }
}
