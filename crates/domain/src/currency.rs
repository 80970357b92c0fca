//! ISO 4217 currencies the store can price in, each with its minor-unit exponent.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A currency the store supports: its ISO 4217 code and the number of minor digits.
///
/// Only currencies in [`Currency::ALL`] can be constructed, so holding a `Currency` proves the
/// code is known and its exponent is right.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    exponent: u32,
}

/// The code was not an ISO 4217 code this store supports.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown or unsupported currency code `{0}`")]
pub struct UnknownCurrency(pub String);

macro_rules! currencies {
    ($($name:ident = $code:literal, $exp:literal;)*) => {
        impl Currency {
            $(
                #[doc = concat!("ISO 4217 `", $code, "`, ", stringify!($exp), " minor digits.")]
                pub const $name: Currency = Currency { code: $code, exponent: $exp };
            )*
            /// Every supported currency, in code order.
            pub const ALL: &'static [Currency] = &[$(Currency::$name),*];
        }
    };
}

// Exponents from ISO 4217. The list covers the markets in DESIGN.md plus the 0- and 3-digit
// currencies (ISK, BHD, OMR) whose rounding is easiest to get wrong.
currencies! {
    AED = "AED", 2;
    AUD = "AUD", 2;
    BHD = "BHD", 3;
    BRL = "BRL", 2;
    CAD = "CAD", 2;
    CLP = "CLP", 0;
    CNY = "CNY", 2;
    EUR = "EUR", 2;
    GBP = "GBP", 2;
    IDR = "IDR", 2;
    ISK = "ISK", 0;
    JPY = "JPY", 0;
    KRW = "KRW", 0;
    KWD = "KWD", 3;
    MXN = "MXN", 2;
    MYR = "MYR", 2;
    NZD = "NZD", 2;
    OMR = "OMR", 3;
    PEN = "PEN", 2;
    PHP = "PHP", 2;
    RUB = "RUB", 2;
    SAR = "SAR", 2;
    SGD = "SGD", 2;
    THB = "THB", 2;
    TRY = "TRY", 2;
    USD = "USD", 2;
    VND = "VND", 0;
}

impl Currency {
    /// The three-letter ISO 4217 code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        self.code
    }

    /// Number of digits after the decimal point in the currency's minor unit (USD 2, JPY 0,
    /// KWD 3).
    pub fn exponent(self) -> u32 {
        self.exponent
    }

    /// The digits a converted price is rounded to, and a whole amount is shown with: the
    /// exponent, but for the rupiah, whose prices carry no sen in practice (CLDR's cash digits
    /// for IDR are 0) though ISO 4217 gives it two. A seller's own price keeps its sen.
    pub fn shown_digits(self) -> u32 {
        if self.code == "IDR" {
            0
        } else {
            self.exponent
        }
    }
}

impl FromStr for Currency {
    type Err = UnknownCurrency;

    /// Parses an upper-case ISO 4217 code. Lower case is rejected on purpose: codes on the
    /// wire are upper case, and accepting both would give one currency two spellings.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::ALL
            .iter()
            .copied()
            .find(|c| c.code == s)
            .ok_or_else(|| UnknownCurrency(s.to_owned()))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_currency_in_the_design_list_is_supported() {
        let design = [
            "USD", "EUR", "GBP", "CNY", "JPY", "KRW", "THB", "VND", "IDR", "MYR", "SGD", "PHP",
            "AUD", "NZD", "CAD", "MXN", "CLP", "PEN", "BRL", "RUB", "TRY", "AED", "SAR", "KWD",
        ];
        for code in design {
            assert!(code.parse::<Currency>().is_ok(), "{code} is missing");
        }
    }

    #[test]
    fn zero_and_three_digit_currencies_have_their_iso_exponents() {
        assert_eq!(Currency::JPY.exponent(), 0);
        assert_eq!(Currency::KRW.exponent(), 0);
        assert_eq!(Currency::VND.exponent(), 0);
        assert_eq!(Currency::CLP.exponent(), 0);
        assert_eq!(Currency::ISK.exponent(), 0);
        assert_eq!(Currency::KWD.exponent(), 3);
        assert_eq!(Currency::BHD.exponent(), 3);
        assert_eq!(Currency::USD.exponent(), 2);
    }

    #[test]
    fn unknown_and_lower_case_codes_are_rejected() {
        assert_eq!(
            "XXX".parse::<Currency>(),
            Err(UnknownCurrency("XXX".into()))
        );
        assert!("usd".parse::<Currency>().is_err());
        assert!("".parse::<Currency>().is_err());
    }

    #[test]
    fn the_currency_table_is_sorted_and_has_no_duplicates() {
        let codes: Vec<_> = Currency::ALL.iter().map(|c| c.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
