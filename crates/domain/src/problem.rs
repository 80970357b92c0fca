//! RFC 9457 problem documents: the one error shape of the API.

use serde::{Deserialize, Serialize};

/// An `application/problem+json` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type; `about:blank` when the status says it all.
    #[serde(rename = "type", default = "about_blank")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    /// Stable, machine-readable code (`invalid_parameter`, `not_found`, …). Clients branch on
    /// this, never on `title` or `detail`.
    pub code: String,
    /// Human explanation in the request's locale.
    pub detail: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// With `order_total_changed`: the server's totals now, for the buyer to accept.
    ///
    /// The browser reads a problem on every page but these only when an order is placed: its
    /// build skips them here, and the order call reads them from the same body
    /// (`api::orders`), so every page is not carrying the totals' reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub totals: Option<Box<crate::shipping::ShippingTotals>>,
    /// With a failure of the store's own (5xx): the request's `x-request-id`, which finds it
    /// in the logs when a buyer reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One invalid field or parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";
}
