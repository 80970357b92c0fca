//! The one way an amount is written on a page.

use crate::format::format_money;
use crate::i18n::Locale;
use domain::Money;

/// An amount as the page writes it, in the page's locale.
pub fn money(m: &Money, locale: Locale) -> String {
    format_money(m, locale.tag())
}
