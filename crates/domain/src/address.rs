//! Addresses on the wire: a destination's address format (the form the app renders) and the
//! address a buyer sends for validation.

use serde::{Deserialize, Serialize};

/// The fields an address can have besides its country, as the wire names them.
pub const FIELD_KEYS: [&str; 10] = [
    "name",
    "organization",
    "address_line1",
    "address_line2",
    "district",
    "city",
    "state",
    "postal_code",
    "phone",
    "customs_id",
];

/// How an address is written in one country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressFormat {
    pub country: String,
    /// The form's rows, each a list of field keys in the country's order
    /// (`name`, `organization`, `address_line1`, `address_line2`, `district`, `city`,
    /// `state`, `postal_code`, `phone`, `customs_id`).
    pub rows: Vec<Vec<String>>,
    pub fields: Vec<AddressField>,
    /// The postal code's pattern (a regular expression for the whole trimmed, upper-cased
    /// value, the same in JavaScript), when the country uses postal codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_pattern: Option<String>,
    pub postal_examples: Vec<String>,
    /// A phone number as written in the country, for the placeholder.
    pub phone_example: String,
    /// The customs identifier imports need here (`cpf`, `rut`, `pccc`, `cn_resident_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customs_id: Option<String>,
}

/// One field of a format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressField {
    pub key: String,
    /// What this country calls it, as a code the app words: `postal`, `zip`, `state`,
    /// `province`, `prefecture`, `region`, `emirate`, `department`, `do_si`, `city`,
    /// `suburb`, `district`, `post_town`, `neighborhood`, `village_township`, `commune`, or the key.
    pub label: String,
    pub required: bool,
    /// Written in capitals in this country.
    #[serde(default)]
    pub uppercase: bool,
    /// The HTML `autocomplete` token.
    pub autocomplete: String,
    pub max_length: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
}

/// An address as a buyer typed it. Unknown fields are refused by the server. The lengths are
/// the server's limits (`server::addresses`, pinned by its tests), in characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressInput {
    pub country: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 80))]
    pub organization: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub address_line1: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub address_line2: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub district: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub city: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 60))]
    pub state: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 12))]
    pub postal_code: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 24))]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(max_length = 24))]
    pub customs_id: String,
}

/// A valid address, normalized: trimmed, capitals where the country writes them, the phone
/// number in E.164.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidAddress {
    pub address: AddressInput,
    pub phone_e164: String,
}
