//! Exchange rates and conversion.
//!
//! **The rule, stated once.** A rate says how many units of `to` one unit of `from` buys. The
//! buyer's rate is the mid cross rate (through the reference base currency) times
//! `1 + spread`, rounded to [`RATE_SIGNIFICANT_DIGITS`] significant digits — that rounded
//! number is what the buyer is shown and what a quote locks. A converted amount is
//! `amount × rate` rounded **half away from zero** to the target currency's exponent, **once
//! per line** (a line is a unit price, or unit price × quantity in a cart). A total in the
//! buyer's currency is the sum of the converted lines, never a conversion of the seller's
//! total. Nothing here uses floating point.
//!
//! Arithmetic across currencies cannot happen by accident: [`Money`] has no operators, its
//! `checked_add` refuses two currencies, and the only way from one currency to another is
//! [`Rate::convert`], which checks that the money is in the rate's `from` currency.

use crate::currency::Currency;
use crate::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Significant digits a buyer's rate keeps (`0.1234567890`, `25634.12345`).
pub const RATE_SIGNIFICANT_DIGITS: u32 = 10;

/// A conversion rate from one currency to another, already rounded as the rule says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub from: Currency,
    pub to: Currency,
    /// Units of `to` per unit of `from`.
    pub value: Decimal,
}

/// Why a conversion could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FxError {
    #[error("no exchange rate for {0}")]
    NoRate(Currency),
    #[error("money in {money} cannot be converted with a rate from {rate}")]
    WrongCurrency { money: Currency, rate: Currency },
    #[error("amount out of range")]
    Overflow,
}

impl Rate {
    /// The buyer's rate from two mid rates against a common base (units per one base unit):
    /// `to_per_base / from_per_base × (1 + spread)`, rounded to 10 significant digits.
    pub fn cross(
        from: Currency,
        from_per_base: Decimal,
        to: Currency,
        to_per_base: Decimal,
        spread: Decimal,
    ) -> Option<Rate> {
        if from == to {
            return Some(Rate {
                from,
                to,
                value: Decimal::ONE,
            });
        }
        let mid = to_per_base.checked_div(from_per_base)?;
        let value = mid
            .checked_mul(Decimal::ONE + spread)?
            .round_sf(RATE_SIGNIFICANT_DIGITS)?
            .normalize();
        (value > Decimal::ZERO).then_some(Rate { from, to, value })
    }

    /// `money × rate`, rounded half away from zero to the digits the target currency's prices
    /// are shown with ([`Currency::shown_digits`]: whole rupiah), at its exponent; a price in
    /// its own currency as it is.
    pub fn convert(&self, money: Money) -> Result<Money, FxError> {
        if money.currency() != self.from {
            return Err(FxError::WrongCurrency {
                money: money.currency(),
                rate: self.from,
            });
        }
        let amount = money
            .amount()
            .checked_mul(self.value)
            .ok_or(FxError::Overflow)?;
        // A price in its own currency is shown as the seller wrote it, sen and all.
        let amount = match self.from == self.to {
            true => amount,
            false => amount.round_dp_with_strategy(
                self.to.shown_digits(),
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            ),
        };
        Ok(Money::from_decimal_rounded(amount, self.to))
    }

    /// Converts each line once and sums the rounded results: the total the buyer sees.
    pub fn convert_lines(&self, lines: &[Money]) -> Result<Money, FxError> {
        lines.iter().try_fold(Money::zero(self.to), |sum, line| {
            sum.checked_add(self.convert(*line)?)
                .map_err(|_| FxError::Overflow)
        })
    }
}

/// A price shown in the buyer's currency, with what a buyer needs to trust it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Converted {
    /// The price in the buyer's currency (rounded once, half away from zero).
    pub amount: Money,
    /// Units of the buyer's currency per unit of the seller's, spread included, as a decimal
    /// string with at most 10 significant digits.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.1402531245"))]
    pub rate: String,
}

/// Where a currency's reference rate came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateInfo {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "USD"))]
    pub currency: Currency,
    /// Units of this currency per one unit of the base currency (mid, no spread).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.1607"))]
    pub per_base: String,
    /// Publication date of the rate (`YYYY-MM-DD`).
    pub as_of: String,
    /// Who published it.
    pub source: String,
    /// True when the rate is older than the store's configured maximum age.
    pub stale: bool,
}

/// `GET /api/v1/fx/rates`: every rate the store converts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateTable {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "EUR"))]
    pub base: Currency,
    /// Date of the main reference set (the base source's publication date).
    pub as_of: String,
    pub source: String,
    /// Conversion spread added to the mid rate, as a decimal fraction (`"0.015"` = 1.5 %).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.015"))]
    pub spread: String,
    /// The same spread in percent (`"1.5"`), ready to show.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub spread_percent: String,
    /// When the server last loaded or refreshed its rates (RFC 3339).
    pub loaded_at: String,
    /// Why the last refresh from the configured feed failed, while the rates above (the last
    /// good ones) are still in use; absent when the last refresh worked or none is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_error: Option<String>,
    /// Currencies the store can show prices in; a currency without a rate is not listed.
    pub rates: Vec<RateInfo>,
}

/// `POST /api/v1/fx/quotes` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteRequest {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CNY"))]
    pub from: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CLP"))]
    pub to: String,
}

/// A locked rate: the price the buyer saw stays the price until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FxQuote {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CNY"))]
    pub from: Currency,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "CLP"))]
    pub to: Currency,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "131.2345"))]
    pub rate: String,
    /// RFC 3339 time after which the quote is refused.
    pub expires_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn a_cross_rate_goes_through_the_base_and_adds_the_spread() {
        // 1 EUR = 1.1607 USD = 8.2626 CNY → 1 CNY = 0.140476... USD; +1.5 %.
        let rate = Rate::cross(
            Currency::CNY,
            dec("8.2626"),
            Currency::USD,
            dec("1.1607"),
            dec("0.015"),
        )
        .expect("rate");
        assert_eq!(rate.value, dec("0.1425835088"));
        let price = Money::parse("128.99", Currency::CNY).expect("money");
        assert_eq!(rate.convert(price).expect("usd").amount_string(), "18.39");
    }

    #[test]
    fn converting_money_of_another_currency_is_refused() {
        let rate = Rate {
            from: Currency::USD,
            to: Currency::JPY,
            value: dec("152"),
        };
        assert_eq!(
            rate.convert(Money::from_minor(100, Currency::EUR)),
            Err(FxError::WrongCurrency {
                money: Currency::EUR,
                rate: Currency::USD
            })
        );
    }

    #[test]
    fn a_half_unit_rounds_away_from_zero() {
        let rate = Rate {
            from: Currency::USD,
            to: Currency::JPY,
            value: dec("150.5"),
        };
        // 1.00 × 150.5 = 150.5 → 151 yen.
        assert_eq!(
            rate.convert(Money::from_minor(100, Currency::USD))
                .expect("jpy")
                .amount_string(),
            "151"
        );
    }

    #[test]
    fn a_price_converted_to_rupiah_is_whole_rupiah() {
        let rate = Rate {
            from: Currency::USD,
            to: Currency::IDR,
            value: Decimal::new(1_652_549, 2),
        };
        // 28.54 × 16,525.49 = 471,637.48… → 471,637 rupiah, at IDR's two ISO digits.
        let idr = rate
            .convert(Money::from_minor(2854, Currency::USD))
            .expect("idr");
        assert_eq!(idr.amount_string(), "471637.00");
        // A rupiah price in rupiah keeps its sen (the total adds what the line shows).
        let same = Rate {
            from: Currency::IDR,
            to: Currency::IDR,
            value: Decimal::ONE,
        };
        let own = Money::from_minor(1234550, Currency::IDR);
        assert_eq!(same.convert(own).expect("idr"), own);
        assert_eq!(Currency::IDR.shown_digits(), 0);
        assert_eq!(Currency::USD.shown_digits(), 2);
    }

    const TARGETS: [Currency; 6] = [
        Currency::JPY,
        Currency::KWD,
        Currency::CLP,
        Currency::ISK,
        Currency::IDR,
        Currency::USD,
    ];

    proptest! {
        #[test]
        fn conversion_lands_on_the_target_currencys_minor_unit(
            minor in 0i64..10_000_000_000,
            mantissa in 1i64..10_000_000_000,
            scale in 0u32..12,
            target in 0..TARGETS.len(),
        ) {
            let to = TARGETS[target];
            let rate = Rate { from: Currency::EUR, to, value: Decimal::new(mantissa, scale) };
            let converted = rate.convert(Money::from_minor(minor, Currency::EUR)).expect("in range");
            prop_assert_eq!(converted.amount().scale(), to.exponent());
            // Within half a unit of the shown digits (a minor unit; a rupiah) of the exact product.
            let exact = Money::from_minor(minor, Currency::EUR).amount() * rate.value;
            let half = Decimal::new(5, to.shown_digits() + 1);
            prop_assert!((converted.amount() - exact).abs() <= half);
            // On the wire: exactly the currency's minor digits.
            let json = serde_json::to_value(converted).expect("json");
            let amount = json["amount"].as_str().expect("string");
            let digits = amount.split('.').nth(1).map_or(0, str::len);
            prop_assert_eq!(digits as u32, to.exponent());
        }

        #[test]
        fn a_total_is_the_sum_of_the_lines_converted_one_by_one(
            lines in proptest::collection::vec(0i64..5_000_000, 1..12),
            mantissa in 1i64..100_000_000,
            scale in 0u32..8,
            target in 0..TARGETS.len(),
        ) {
            let to = TARGETS[target];
            let rate = Rate { from: Currency::CNY, to, value: Decimal::new(mantissa, scale) };
            let money: Vec<Money> = lines.iter().map(|m| Money::from_minor(*m, Currency::CNY)).collect();
            let total = rate.convert_lines(&money).expect("total");
            let mut sum = Decimal::ZERO;
            for line in &money {
                sum += rate.convert(*line).expect("line").amount();
            }
            prop_assert_eq!(total.amount(), sum);
            prop_assert_eq!(total.currency(), to);
        }

        #[test]
        fn cross_rates_agree_with_each_other_within_rounding(
            a in 1i64..10_000_000, b in 1i64..10_000_000, c in 1i64..10_000_000,
        ) {
            // from→to directly equals from→via × via→to, to the rate's 10 significant digits.
            let (pa, pb, pc) = (Decimal::new(a, 4), Decimal::new(b, 4), Decimal::new(c, 4));
            let direct = Rate::cross(Currency::THB, pa, Currency::KRW, pc, Decimal::ZERO).expect("rate");
            let leg1 = Rate::cross(Currency::THB, pa, Currency::USD, pb, Decimal::ZERO).expect("rate");
            let leg2 = Rate::cross(Currency::USD, pb, Currency::KRW, pc, Decimal::ZERO).expect("rate");
            let chained = leg1.value * leg2.value;
            let tolerance = direct.value * Decimal::new(1, 8);
            prop_assert!((direct.value - chained).abs() <= tolerance,
                "direct {} chained {}", direct.value, chained);
        }
    }
}
