//! Amounts the app still works out itself from a quote. The server will soon send both;
//! each is one small function here so it can be swapped for the server's field.

use domain::shipping::{ShippingOption, ShippingQuote};
use domain::Money;

/// Duties and taxes of an option together (`None` if they cannot be added).
// TODO(amounts): server sends this
pub(crate) fn duties_and_taxes(option: &ShippingOption) -> Option<Money> {
    option.duties.checked_add(option.taxes).ok()
}

/// What shipping the items together saves against sending every unit on its own, when it
/// saves anything and there is more than one unit.
// TODO(amounts): server sends this
pub(crate) fn split_saving(quote: &ShippingQuote) -> Option<Money> {
    let units: u32 = quote
        .shipments
        .iter()
        .map(|s| s.lines.iter().map(|l| l.quantity).sum::<u32>())
        .sum();
    quote
        .separate_shipping
        .to_minor()
        .checked_sub(quote.chosen_shipping.to_minor())
        .filter(|s| *s > 0 && units > 1)
        .map(|s| Money::from_minor(s, quote.currency))
}
