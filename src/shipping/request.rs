//! What a quote is asked for.

use crate::api::shipping::{quote_body, QuoteFor};

/// The quote request for a cart (`None`: nothing to quote) to `ship_to`, for `postal` (blank:
/// none).
pub fn cart_quote_body(token: Option<String>, ship_to: &str, postal: &str) -> Option<String> {
    Some(quote_body(QuoteFor::Cart(&token?), ship_to, postal))
}

/// What the quote endpoint takes as a postal code: the domain's rule, the one the server
/// applies.
pub use domain::validate::well_formed_postal;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_the_server_would_refuse_are_caught_before_sending() {
        for ok in ["", "10001", "SW1A 1AA", "22162-1010", " 8340457 "] {
            assert!(well_formed_postal(ok), "{ok}");
        }
        for bad in ["<script>", "1000!", "1234567890123", "10001\u{301}"] {
            assert!(!well_formed_postal(bad), "{bad}");
        }
    }
}
