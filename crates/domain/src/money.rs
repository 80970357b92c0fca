//! Money: a `rust_decimal` amount in one currency, always at that currency's exponent.
//!
//! Rounding rule: amounts are rounded **half away from zero** ("half-up" for positive amounts)
//! to the currency's minor unit, once, when a `Money` is made from an arbitrary decimal.
//! Everything downstream (sums, serialization) works on already-rounded values, so a total is
//! always the sum of the rounded lines the buyer saw. Floating point is never involved.

use crate::currency::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An amount of money in one currency, held at exactly the currency's minor-unit scale.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// Why a [`Money`] could not be built or combined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{amount}` has more than {exponent} decimal places for {currency}")]
    TooPrecise {
        amount: String,
        currency: Currency,
        exponent: u32,
    },
    #[error("`{0}` is not a decimal amount")]
    NotANumber(String),
    #[error("cannot combine {0} with {1}")]
    CurrencyMismatch(Currency, Currency),
    #[error("amount out of range")]
    Overflow,
}

impl Money {
    /// Rounds `amount` half away from zero to the currency's exponent.
    pub fn from_decimal_rounded(amount: Decimal, currency: Currency) -> Self {
        let mut amount = amount
            .round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero);
        amount.rescale(currency.exponent());
        Money { amount, currency }
    }

    /// Accepts `amount` only if it needs no rounding (trailing zeros are fine: `"5.10"` USD).
    pub fn from_decimal_exact(amount: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        let rounded = Money::from_decimal_rounded(amount, currency);
        if rounded.amount == amount {
            Ok(rounded)
        } else {
            Err(MoneyError::TooPrecise {
                amount: amount.to_string(),
                currency,
                exponent: currency.exponent(),
            })
        }
    }

    /// Builds money from an integer count of minor units (cents for USD, yen for JPY, fils for
    /// KWD). This is how amounts are stored in the database.
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money {
            amount: Decimal::new(minor, currency.exponent()),
            currency,
        }
    }

    /// Parses a decimal string such as `"12.34"` that must already be at the currency's scale.
    /// Only plain decimals are read (`-`, digits, at most one `.` between digits): no signs
    /// of `+`, spaces, exponents or separators. Written out rather than with `Decimal`'s
    /// parser, which also reads scientific notation: ~1 KB of the app's wasm for a form the
    /// store never writes.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        let not_a_number = || MoneyError::NotANumber(amount.to_owned());
        let (negative, digits) = match amount.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, amount),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
            Some(_) => return Err(not_a_number()),
            None => (digits, ""),
        };
        let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        // 28 digits: what a `Decimal` holds.
        if whole.is_empty()
            || !all_digits(whole)
            || !all_digits(fraction)
            || whole.len() + fraction.len() > 28
        {
            return Err(not_a_number());
        }
        let mantissa = whole
            .bytes()
            .chain(fraction.bytes())
            .fold(0i128, |n, b| n * 10 + i128::from(b - b'0'));
        let scale = u32::try_from(fraction.len()).map_err(|_| not_a_number())?;
        let decimal =
            Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale)
                .map_err(|_| not_a_number())?;
        Money::from_decimal_exact(decimal, currency)
    }

    pub fn zero(currency: Currency) -> Self {
        Money::from_minor(0, currency)
    }

    pub fn amount(&self) -> Decimal {
        self.amount
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount as an integer count of minor units.
    pub fn to_minor(&self) -> i64 {
        // The scale always equals the exponent, so the mantissa is the minor-unit count; it fits
        // an i64 for every amount built by `from_minor` and for any realistic price.
        i64::try_from(self.amount.mantissa()).unwrap_or(if self.amount.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
    }

    /// The amount as a string with exactly the currency's minor digits: `"5.00"` USD, `"1235"`
    /// JPY, `"1.235"` KWD. This is the wire format.
    pub fn amount_string(&self) -> String {
        self.amount.to_string()
    }

    /// Adds two amounts of the same currency; different currencies are an error, never a
    /// silent conversion.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(self.currency, other.currency));
        }
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money {
            amount,
            currency: self.currency,
        })
    }

    /// Multiplies by a whole quantity (a cart line). Exact: no rounding is needed.
    pub fn checked_mul_qty(self, quantity: u32) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(Decimal::from(quantity))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::from_decimal_rounded(amount, self.currency))
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

impl fmt::Display for Money {
    /// A plain, locale-free rendering (`"12.34 USD"`) for logs and tests. The app formats money
    /// for people with the browser's `Intl.NumberFormat`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[derive(Serialize, Deserialize)]
struct MoneyWire<'a> {
    #[serde(borrow)]
    amount: std::borrow::Cow<'a, str>,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyWire {
            amount: self.amount_string().into(),
            currency: self.currency,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    /// Accepts only `{"amount": "<decimal string>", "currency": "<ISO code>"}` where the amount
    /// has exactly the currency's minor digits; anything else is a wire-format error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = MoneyWire::deserialize(deserializer)?;
        let money = Money::parse(&wire.amount, wire.currency).map_err(serde::de::Error::custom)?;
        if money.amount_string() != wire.amount {
            return Err(serde::de::Error::custom(format!(
                "amount `{}` must have exactly {} decimal places for {}",
                wire.amount,
                wire.currency.exponent(),
                wire.currency
            )));
        }
        Ok(money)
    }
}

#[cfg(feature = "openapi")]
mod schema {
    use super::Money;
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
    use utoipa::openapi::{RefOr, Schema};

    impl utoipa::PartialSchema for Money {
        /// One shape per number of minor digits, so the document says exactly what the store
        /// reads: `"1234"` JPY, `"12.34"` USD, `"1.234"` KWD.
        fn schema() -> RefOr<Schema> {
            let mut exponents: Vec<u32> =
                crate::Currency::ALL.iter().map(|c| c.exponent()).collect();
            exponents.sort_unstable();
            exponents.dedup();
            let mut one_of = OneOfBuilder::new().description(Some(
                "An amount in one currency. `amount` is a decimal string with exactly the \
                 currency's ISO 4217 minor digits (\"12.34\" USD, \"1234\" JPY, \"1.234\" KWD).",
            ));
            for exponent in exponents {
                let codes: Vec<&str> = crate::Currency::ALL
                    .iter()
                    .filter(|c| c.exponent() == exponent)
                    .map(|c| c.code())
                    .collect();
                // As the store writes them: no leading zeros, no sign (amounts on the wire
                // are never negative).
                let pattern = if exponent == 0 {
                    r"^(0|[1-9][0-9]*)$".to_owned()
                } else {
                    format!(r"^(0|[1-9][0-9]*)\.[0-9]{{{exponent}}}$")
                };
                one_of = one_of.item(
                    ObjectBuilder::new()
                        .property(
                            "amount",
                            ObjectBuilder::new()
                                .schema_type(SchemaType::Type(Type::String))
                                .pattern(Some(pattern)),
                        )
                        .property(
                            "currency",
                            ObjectBuilder::new()
                                .schema_type(SchemaType::Type(Type::String))
                                .enum_values(Some(codes)),
                        )
                        .required("amount")
                        .required("currency")
                        .additional_properties(Some(
                            utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
                        )),
                );
            }
            one_of.into()
        }
    }

    impl utoipa::ToSchema for Money {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("test decimal")
    }

    #[test]
    fn only_plain_decimals_parse_as_money() {
        assert_eq!(
            Money::parse("12.3", Currency::USD).map(|m| m.amount_string()),
            Ok("12.30".to_owned())
        );
        assert_eq!(
            Money::parse("-0.05", Currency::USD).map(|m| m.amount_string()),
            Ok("-0.05".to_owned())
        );
        assert_eq!(
            Money::parse("1234", Currency::JPY).map(|m| m.to_minor()),
            Ok(1234)
        );
        for bad in [
            "", "-", ".5", "5.", "+5", " 5", "5 ", "1e3", "1,5", "1.2.3", "١٢", "--1",
        ] {
            assert_eq!(
                Money::parse(bad, Currency::USD),
                Err(MoneyError::NotANumber(bad.to_owned())),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Money::parse("1.234", Currency::USD),
            Err(MoneyError::TooPrecise { .. })
        ));
        // 28 digits is what a `Decimal` holds; one more is not a number.
        assert!(Money::parse(&"9".repeat(28), Currency::JPY).is_ok());
        assert!(Money::parse(&"9".repeat(29), Currency::JPY).is_err());
    }

    #[test]
    fn usd_rounds_half_up_to_cents() {
        assert_eq!(
            Money::from_decimal_rounded(dec("1.005"), Currency::USD).amount_string(),
            "1.01"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("1.004"), Currency::USD).amount_string(),
            "1.00"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("19.999"), Currency::USD).amount_string(),
            "20.00"
        );
    }

    #[test]
    fn jpy_rounds_to_whole_yen() {
        assert_eq!(
            Money::from_decimal_rounded(dec("1234.5"), Currency::JPY).amount_string(),
            "1235"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("1234.49"), Currency::JPY).amount_string(),
            "1234"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("7"), Currency::JPY).amount_string(),
            "7"
        );
    }

    #[test]
    fn kwd_rounds_to_three_decimal_places() {
        assert_eq!(
            Money::from_decimal_rounded(dec("1.2345"), Currency::KWD).amount_string(),
            "1.235"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("1.2344"), Currency::KWD).amount_string(),
            "1.234"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("3"), Currency::KWD).amount_string(),
            "3.000"
        );
    }

    #[test]
    fn negative_amounts_round_away_from_zero() {
        assert_eq!(
            Money::from_decimal_rounded(dec("-1.005"), Currency::USD).amount_string(),
            "-1.01"
        );
        assert_eq!(
            Money::from_decimal_rounded(dec("-0.5"), Currency::JPY).amount_string(),
            "-1"
        );
    }

    #[test]
    fn amounts_are_padded_to_the_currency_exponent() {
        assert_eq!(
            Money::from_minor(500, Currency::USD).amount_string(),
            "5.00"
        );
        assert_eq!(Money::from_minor(5, Currency::USD).amount_string(), "0.05");
        assert_eq!(
            Money::from_minor(1235, Currency::KWD).amount_string(),
            "1.235"
        );
        assert_eq!(
            Money::from_minor(98000, Currency::VND).amount_string(),
            "98000"
        );
    }

    #[test]
    fn money_serializes_as_a_decimal_string_and_a_code() {
        let json = serde_json::to_string(&Money::from_minor(1234, Currency::USD)).expect("json");
        assert_eq!(json, r#"{"amount":"12.34","currency":"USD"}"#);
        let json = serde_json::to_string(&Money::from_minor(1234, Currency::JPY)).expect("json");
        assert_eq!(json, r#"{"amount":"1234","currency":"JPY"}"#);
    }

    #[test]
    fn deserializing_rejects_the_wrong_number_of_minor_digits() {
        let ok: Money = serde_json::from_str(r#"{"amount":"12.30","currency":"USD"}"#).expect("ok");
        assert_eq!(ok, Money::from_minor(1230, Currency::USD));
        for bad in [
            r#"{"amount":"12.3","currency":"USD"}"#,
            r#"{"amount":"12.345","currency":"USD"}"#,
            r#"{"amount":"12.0","currency":"JPY"}"#,
            r#"{"amount":"1.23","currency":"KWD"}"#,
            r#"{"amount":12.34,"currency":"USD"}"#,
            r#"{"amount":"twelve","currency":"USD"}"#,
            r#"{"amount":"12.34","currency":"XYZ"}"#,
        ] {
            assert!(
                serde_json::from_str::<Money>(bad).is_err(),
                "accepted {bad}"
            );
        }
    }

    #[test]
    fn adding_different_currencies_is_an_error_not_a_conversion() {
        let usd = Money::from_minor(100, Currency::USD);
        let eur = Money::from_minor(100, Currency::EUR);
        assert_eq!(
            usd.checked_add(eur),
            Err(MoneyError::CurrencyMismatch(Currency::USD, Currency::EUR))
        );
        assert_eq!(
            usd.checked_add(usd),
            Ok(Money::from_minor(200, Currency::USD))
        );
    }

    #[test]
    fn exact_construction_refuses_values_that_would_need_rounding() {
        assert!(Money::from_decimal_exact(dec("1.001"), Currency::USD).is_err());
        assert!(Money::from_decimal_exact(dec("1.10"), Currency::USD).is_ok());
        assert!(Money::from_decimal_exact(dec("1.1"), Currency::JPY).is_err());
    }

    proptest! {
        #[test]
        fn minor_units_round_trip(minor in -1_000_000_000_000i64..1_000_000_000_000i64,
                                  idx in 0..Currency::ALL.len()) {
            let currency = Currency::ALL[idx];
            let money = Money::from_minor(minor, currency);
            prop_assert_eq!(money.to_minor(), minor);
            let json = serde_json::to_string(&money).expect("json");
            let back: Money = serde_json::from_str(&json).expect("parse");
            prop_assert_eq!(back, money);
        }

        #[test]
        fn rounding_never_moves_more_than_half_a_minor_unit(
            mantissa in -10_000_000_000i64..10_000_000_000i64,
            scale in 0u32..8,
            idx in 0..Currency::ALL.len(),
        ) {
            let currency = Currency::ALL[idx];
            let raw = Decimal::new(mantissa, scale);
            let money = Money::from_decimal_rounded(raw, currency);
            let half_unit = Decimal::new(5, currency.exponent() + 1);
            prop_assert!((money.amount() - raw).abs() <= half_unit);
            prop_assert_eq!(money.amount().scale(), currency.exponent());
        }
    }
}
