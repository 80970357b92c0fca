//! The rules a request body meets beyond its shape: one check per request type, naming every
//! field that breaks one. The server runs it on every body it reads (after the strict parse,
//! which names unknown fields and wrong shapes); the app may run it before sending.
//!
//! A rule says *what* is wrong, in stable terms; the server words it in the buyer's language.

use crate::address::AddressInput;
use crate::cart::{CartInput, LineInput, MAX_LINES, MAX_QUANTITY_PER_LINE};
use crate::order::OrderRequest;
use crate::shipping::{ShippingQuoteRequest, DESTINATIONS};

/// The longest SKU the store issues, in bytes (SKUs are ASCII).
pub const MAX_SKU_BYTES: usize = 64;
/// The longest postal code any destination writes (Canada's `K1A 0B1` is 7).
pub const MAX_POSTAL_CHARS: usize = 12;

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Missing or blank.
    Required,
    /// Not a whole number within `min..=max`.
    OutOfRange { min: u64, max: u64 },
    /// More than `max` entries.
    TooMany { max: u64 },
    /// An item named on two lines.
    RepeatedItem,
    /// Not something the store could sell under that name (blank, or longer than a SKU).
    UnknownItem,
    /// Not one of the store's destinations.
    NotADestination,
    /// Characters the field never holds.
    Malformed,
    /// Nothing given where at least one is needed.
    Empty,
    /// Fewer than `min` characters.
    TooShort { min: u64 },
    /// More than `max` characters.
    TooLong { max: u64 },
    /// A colour under which white text reaches only `ratio_tenths` / 10 : 1 (WCAG AA: 4.5).
    LowContrast { ratio_tenths: u32 },
    /// An end that is not after its start.
    NotAfterStart,
}

/// One field and the rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Where, as the body names it: `lines[2].quantity`, `destination.country`.
    pub field: String,
    pub rule: Rule,
}

pub(crate) fn refuse(out: &mut Vec<Refusal>, field: impl Into<String>, rule: Rule) {
    out.push(Refusal {
        field: field.into(),
        rule,
    });
}

/// A postal code as buyers type them anywhere the store ships: letters, digits, spaces and
/// hyphens, at most [`MAX_POSTAL_CHARS`]. The country's own format is the server's to check.
pub fn well_formed_postal(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= MAX_POSTAL_CHARS
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
}

/// The destination `text` names (`cl`, ` CL ` → `CL`), if the store ships there.
pub fn destination(text: &str) -> Option<&'static str> {
    let code = text.trim().to_ascii_uppercase();
    DESTINATIONS.iter().copied().find(|d| *d == code)
}

/// Lines of a cart body or a quote: at most [`MAX_LINES`], whole quantities from 1 to
/// [`MAX_QUANTITY_PER_LINE`], no SKU twice.
pub fn check_lines(lines: &[LineInput], out: &mut Vec<Refusal>) {
    if lines.len() > MAX_LINES {
        refuse(
            out,
            "lines",
            Rule::TooMany {
                max: MAX_LINES as u64,
            },
        );
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(MAX_LINES) {
        let sku = line.sku.trim();
        let sku_ok = !sku.is_empty() && sku.len() <= MAX_SKU_BYTES;
        if !sku_ok {
            refuse(out, format!("lines[{i}].sku"), Rule::UnknownItem);
        }
        let quantity_ok = (1..=MAX_QUANTITY_PER_LINE).contains(&line.quantity);
        if !quantity_ok {
            refuse(
                out,
                format!("lines[{i}].quantity"),
                Rule::OutOfRange {
                    min: 1,
                    max: u64::from(MAX_QUANTITY_PER_LINE),
                },
            );
        }
        if sku_ok && quantity_ok {
            if seen.contains(&sku) {
                refuse(out, format!("lines[{i}].sku"), Rule::RepeatedItem);
            } else {
                seen.push(sku);
            }
        }
    }
}

impl CartInput {
    /// Every field of this body that breaks a rule.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        check_lines(&self.lines, &mut out);
        out
    }

    /// The lines trimmed, as the store keeps them.
    pub fn normalized(mut self) -> CartInput {
        for line in &mut self.lines {
            line.sku = line.sku.trim().to_owned();
        }
        self
    }
}

impl ShippingQuoteRequest {
    /// Every field of this body that breaks a rule: the destination, the postal code, the
    /// lines, and that there are lines or a cart to quote.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        if destination(&self.destination.country).is_none() {
            refuse(&mut out, "destination.country", Rule::NotADestination);
        }
        if let Some(postal) = &self.destination.postal_code {
            if !well_formed_postal(postal) {
                refuse(&mut out, "destination.postal_code", Rule::Malformed);
            }
        }
        check_lines(&self.lines, &mut out);
        let no_cart = self
            .cart_token
            .as_deref()
            .is_none_or(|t| t.trim().is_empty());
        if no_cart && self.lines.is_empty() {
            refuse(&mut out, "lines", Rule::Empty);
        }
        out
    }

    /// Trimmed, the country upper-case, an empty postal code or cart token as none.
    pub fn normalized(mut self) -> ShippingQuoteRequest {
        if let Some(code) = destination(&self.destination.country) {
            self.destination.country = code.to_owned();
        }
        self.destination.postal_code = self
            .destination
            .postal_code
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty());
        self.cart_token = self
            .cart_token
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        for line in &mut self.lines {
            line.sku = line.sku.trim().to_owned();
        }
        self
    }
}

impl OrderRequest {
    /// Every field of this body that breaks a rule: each step of checkout present (the cart,
    /// an email, a quote, a choice per shipment, a payment token). The address and the email's
    /// shape are checked by the server against the country's format.
    pub fn refusals(&self) -> Vec<Refusal> {
        let mut out = Vec::new();
        for (field, value) in [
            ("cart_token", &self.cart_token),
            ("email", &self.email),
            ("shipping_quote_id", &self.shipping_quote_id),
            ("payment_token", &self.payment_token),
        ] {
            if value.trim().is_empty() {
                refuse(&mut out, field, Rule::Required);
            }
        }
        // The document requires at least one choice: a breach of it, not a rule.
        if self.choices.is_empty() {
            refuse(&mut out, "choices", Rule::Required);
        }
        if self.address == AddressInput::default() {
            refuse(&mut out, "address", Rule::Required);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipping::DestinationInput;

    fn line(sku: &str, quantity: u32) -> LineInput {
        LineInput {
            sku: sku.into(),
            quantity,
        }
    }

    fn fields(refusals: &[Refusal]) -> Vec<&str> {
        refusals.iter().map(|r| r.field.as_str()).collect()
    }

    #[test]
    fn every_bad_line_of_a_cart_body_is_named() {
        let input = CartInput {
            lines: vec![
                line("A-1", 0),
                line(" ", 1),
                line("A-2", 100),
                line("A-3", 2),
                line("A-3 ", 1),
            ],
        };
        assert_eq!(
            fields(&input.refusals()),
            [
                "lines[0].quantity",
                "lines[1].sku",
                "lines[2].quantity",
                "lines[4].sku"
            ]
        );
        assert_eq!(input.refusals()[3].rule, Rule::RepeatedItem);
        assert!(CartInput {
            lines: vec![line("A-1", 99)]
        }
        .refusals()
        .is_empty());
    }

    #[test]
    fn a_cart_body_of_more_than_fifty_lines_is_refused_once() {
        let lines = (0..51).map(|i| line(&format!("S-{i}"), 1)).collect();
        let refusals = CartInput { lines }.refusals();
        assert_eq!(
            refusals,
            [Refusal {
                field: "lines".into(),
                rule: Rule::TooMany { max: 50 }
            }]
        );
    }

    #[test]
    fn a_quote_needs_a_destination_the_store_ships_to_and_something_to_quote() {
        let request = ShippingQuoteRequest {
            destination: DestinationInput {
                country: "XX".into(),
                postal_code: Some("7500000<".into()),
            },
            lines: vec![],
            cart_token: Some("  ".into()),
        };
        assert_eq!(
            fields(&request.refusals()),
            ["destination.country", "destination.postal_code", "lines"]
        );
        let good = ShippingQuoteRequest {
            destination: DestinationInput {
                country: " cl ".into(),
                postal_code: Some(" ".into()),
            },
            lines: vec![line(" A-1 ", 1)],
            cart_token: None,
        };
        assert!(good.refusals().is_empty());
        let good = good.normalized();
        assert_eq!(good.destination.country, "CL");
        assert_eq!(good.destination.postal_code, None);
        assert_eq!(good.lines[0].sku, "A-1");
    }

    #[test]
    fn postal_codes_are_letters_digits_spaces_and_hyphens() {
        for good in ["7500000", "K1A 0B1", "100-0001", "", "SW1A 1AA"] {
            assert!(well_formed_postal(good), "{good}");
        }
        for bad in ["7500000<", "1234567890123", "１００", "75\u{0}"] {
            assert!(!well_formed_postal(bad), "{bad}");
        }
    }
}
