//! The rates the store converts with: the embedded snapshot, a live feed's replacement, and
//! conversion at the buyer's rate. No HTTP here; the handlers are in `fx/mod.rs`.

use super::ecb;
use crate::clock;
use crate::http::error::{InvalidField, Reason};
use domain::{Converted, Currency, Money, Rate, RateInfo, RateTable};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

const ECB_SNAPSHOT: &str = include_str!("../../data/fx/eurofxref-daily-2025-10-21.xml");
const SUPPLEMENTARY: &str = include_str!("../../data/fx/supplementary-rates.csv");
const ECB_SOURCE: &str = "European Central Bank euro foreign exchange reference rates";

/// How conversion is configured (see `config.rs` for the variables).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FxSettings {
    /// Added to the mid rate, as a fraction (`0.015` = 1.5 %). `STORE_FX_SPREAD`.
    pub spread: Decimal,
    /// Rates older than this many days are flagged stale. `STORE_FX_MAX_AGE_DAYS`.
    pub max_age_days: i64,
    /// How long a quote locks its rate. `STORE_FX_QUOTE_SECONDS`.
    pub quote_seconds: i64,
}

impl Default for FxSettings {
    fn default() -> Self {
        FxSettings {
            spread: Decimal::new(15, 3),
            max_age_days: 7,
            quote_seconds: 15 * 60,
        }
    }
}

/// One currency's reference rate.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// Units per euro (mid).
    per_eur: Decimal,
    as_of: String,
    source: String,
}

/// A complete set of rates, replaced as a whole when a feed is read.
#[derive(Debug, Clone)]
pub struct Rates {
    as_of: String,
    loaded_at: i64,
    entries: HashMap<Currency, Entry>,
}

impl Rates {
    /// The committed snapshot plus the supplementary table.
    pub fn embedded() -> Rates {
        // The snapshot is committed and parsed by a unit test; failing here is a build defect.
        let day = ecb::parse(ECB_SNAPSHOT).expect("the committed ECB snapshot parses");
        Rates::from_ecb(&day)
    }

    /// Rates from one ECB day plus the supplementary table. Codes the store does not support
    /// (BGN, CZK, …) are skipped.
    pub fn from_ecb(day: &ecb::EcbDay) -> Rates {
        let mut entries = HashMap::new();
        entries.insert(
            Currency::EUR,
            Entry {
                per_eur: Decimal::ONE,
                as_of: day.date.clone(),
                source: ECB_SOURCE.to_owned(),
            },
        );
        for (code, per_eur) in &day.rates {
            if let Ok(currency) = code.parse::<Currency>() {
                entries.insert(
                    currency,
                    Entry {
                        per_eur: *per_eur,
                        as_of: day.date.clone(),
                        source: ECB_SOURCE.to_owned(),
                    },
                );
            }
        }
        if let Some(usd_per_eur) = entries.get(&Currency::USD).map(|e| e.per_eur) {
            for row in supplementary() {
                entries.entry(row.currency).or_insert(Entry {
                    per_eur: row.per_usd * usd_per_eur,
                    as_of: row.as_of,
                    source: row.source,
                });
            }
        }
        Rates {
            as_of: day.date.clone(),
            loaded_at: clock::unix_now(),
            entries,
        }
    }
}

struct SupplementaryRow {
    currency: Currency,
    per_usd: Decimal,
    as_of: String,
    source: String,
}

/// Rows of `supplementary-rates.csv` (`currency,units_per_usd,as_of,source`); comment lines
/// start with `#`. A unit test checks every row parses.
fn supplementary() -> Vec<SupplementaryRow> {
    SUPPLEMENTARY
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.splitn(4, ',');
            Some(SupplementaryRow {
                currency: parts.next()?.trim().parse().ok()?,
                per_usd: parts.next()?.trim().parse().ok()?,
                as_of: parts.next()?.trim().to_owned(),
                source: parts.next()?.trim().to_owned(),
            })
        })
        .collect()
}

/// The store's current rates and settings, shared by every handler.
#[derive(Debug)]
pub struct FxStore {
    rates: RwLock<Arc<Rates>>,
    last_error: RwLock<Option<String>>,
    pub settings: FxSettings,
}

impl FxStore {
    pub fn new(rates: Rates, settings: FxSettings) -> FxStore {
        FxStore {
            rates: RwLock::new(Arc::new(rates)),
            last_error: RwLock::new(None),
            settings,
        }
    }

    fn current(&self) -> Arc<Rates> {
        self.rates.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reads a feed in the ECB format and, only if it is good, replaces the rates. On failure
    /// the last good rates stay and the error is remembered for `GET /api/v1/fx/rates`.
    pub fn apply_ecb_feed(&self, xml: &str) -> Result<(), ecb::FeedError> {
        match ecb::parse(xml) {
            Ok(day) => {
                *self.rates.write().unwrap_or_else(|p| p.into_inner()) =
                    Arc::new(Rates::from_ecb(&day));
                *self.last_error.write().unwrap_or_else(|p| p.into_inner()) = None;
                Ok(())
            }
            Err(err) => {
                *self.last_error.write().unwrap_or_else(|p| p.into_inner()) = Some(err.to_string());
                Err(err)
            }
        }
    }

    /// Remembers why the last refresh failed (cleared by the next good feed).
    pub fn record_error(&self, message: String) {
        *self.last_error.write().unwrap_or_else(|p| p.into_inner()) = Some(message);
    }

    /// The last feed error since the last good feed, if any.
    pub fn last_error(&self) -> Option<String> {
        self.last_error
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Currencies with a rate, in code order.
    pub fn offered(&self) -> Vec<Currency> {
        let rates = self.current();
        Currency::ALL
            .iter()
            .copied()
            .filter(|c| rates.entries.contains_key(c))
            .collect()
    }

    /// The buyer's rate from `from` to `to`, spread included; `None` without both rates.
    pub fn rate(&self, from: Currency, to: Currency) -> Option<Rate> {
        let rates = self.current();
        let a = rates.entries.get(&from)?;
        let b = rates.entries.get(&to)?;
        let spread = if from == to {
            Decimal::ZERO
        } else {
            self.settings.spread
        };
        Rate::cross(from, a.per_eur, to, b.per_eur, spread)
    }

    /// The mid rate from `from` to `to`, without the spread: what customs values and
    /// de-minimis thresholds are compared at.
    pub fn mid_rate(&self, from: Currency, to: Currency) -> Option<Rate> {
        let rates = self.current();
        let a = rates.entries.get(&from)?;
        let b = rates.entries.get(&to)?;
        Rate::cross(from, a.per_eur, to, b.per_eur, Decimal::ZERO)
    }

    /// `price` in `to`, as the buyer sees it; `None` when either currency has no rate.
    pub fn convert(&self, price: Money, to: Currency) -> Option<Converted> {
        let rate = self.rate(price.currency(), to)?;
        Some(Converted {
            amount: rate.convert(price).ok()?,
            rate: rate.value.to_string(),
        })
    }

    /// Parses a `currency` request value: it must be a supported code with a rate.
    pub fn parse_currency(&self, field: &str, text: &str) -> Result<Currency, InvalidField> {
        text.parse::<Currency>()
            .ok()
            .filter(|c| self.offered().contains(c))
            .ok_or_else(|| InvalidField {
                field: field.to_owned(),
                reason: Reason::OneOf(offered_list(self)),
            })
    }

    /// The table `GET /api/v1/fx/rates` answers with.
    pub fn table(&self, now: i64) -> RateTable {
        let rates = self.current();
        let today = now.div_euclid(86_400);
        let max_age = self.settings.max_age_days;
        RateTable {
            base: Currency::EUR,
            as_of: rates.as_of.clone(),
            source: ECB_SOURCE.to_owned(),
            spread: self.settings.spread.to_string(),
            spread_percent: (self.settings.spread * Decimal::ONE_HUNDRED)
                .normalize()
                .to_string(),
            loaded_at: clock::rfc3339(rates.loaded_at),
            refresh_error: self.last_error(),
            rates: Currency::ALL
                .iter()
                .filter_map(|c| {
                    let e = rates.entries.get(c)?;
                    let age = clock::date_to_days(&e.as_of).map(|d| today - d);
                    Some(RateInfo {
                        currency: *c,
                        per_base: e.per_eur.normalize().to_string(),
                        as_of: e.as_of.clone(),
                        source: e.source.clone(),
                        stale: age.is_none_or(|a| a > max_age),
                    })
                })
                .collect(),
        }
    }
}

/// The offered codes, comma-separated, for error messages. Leaked once per distinct list: the
/// list changes only when a feed adds or drops a currency.
pub(super) fn offered_list(store: &FxStore) -> &'static str {
    static CACHE: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    let list = store
        .offered()
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(", ");
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(known) = cache.iter().find(|k| **k == list) {
        return known;
    }
    let leaked: &'static str = Box::leak(list.into_boxed_str());
    cache.push(leaked);
    leaked
}

impl logistics::Rates for FxStore {
    fn rate(&self, from: Currency, to: Currency) -> Option<Rate> {
        FxStore::rate(self, from, to)
    }

    fn mid(&self, from: Currency, to: Currency) -> Option<Rate> {
        self.mid_rate(from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> FxStore {
        FxStore::new(Rates::embedded(), FxSettings::default())
    }

    #[test]
    fn every_supplementary_row_parses_and_names_its_source_and_date() {
        let rows = supplementary();
        let data_lines = SUPPLEMENTARY
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(rows.len(), data_lines, "a row failed to parse");
        for row in rows {
            assert!(clock::date_to_days(&row.as_of).is_some(), "{}", row.as_of);
            assert!(row.source.len() > 10);
        }
    }

    #[test]
    fn every_currency_in_the_design_document_has_a_rate_except_the_rouble() {
        let offered = store().offered();
        for code in [
            "USD", "EUR", "GBP", "CNY", "JPY", "KRW", "THB", "VND", "IDR", "MYR", "SGD", "PHP",
            "AUD", "NZD", "CAD", "MXN", "CLP", "PEN", "BRL", "TRY", "AED", "SAR", "KWD",
        ] {
            let c: Currency = code.parse().expect("supported");
            assert!(offered.contains(&c), "{code} has no rate");
        }
        // The ECB suspended RUB in 2022 and no other source is committed: not offered.
        assert!(!offered.contains(&Currency::RUB));
    }

    #[test]
    fn a_price_in_yuan_shows_in_chilean_pesos_without_decimals() {
        let price = Money::parse("128.99", Currency::CNY).expect("money");
        let converted = store().convert(price, Currency::CLP).expect("rate");
        assert_eq!(converted.amount.currency(), Currency::CLP);
        assert!(!converted.amount.amount_string().contains('.'));
    }

    #[test]
    fn a_malformed_feed_is_refused_and_the_last_good_rates_stay() {
        let store = store();
        let before = store.rate(Currency::USD, Currency::JPY).expect("rate");
        let err = store
            .apply_ecb_feed("<Cube><Cube time='2025-10-22'><Cube currency='USD' rate='abc'/>")
            .expect_err("malformed");
        assert!(matches!(err, ecb::FeedError::BadRate { .. }), "{err:?}");
        assert_eq!(store.rate(Currency::USD, Currency::JPY), Some(before));
        assert!(store.last_error().is_some());
        assert_eq!(store.table(clock::unix_now()).as_of, "2025-10-21");
    }

    #[test]
    fn a_good_feed_replaces_the_rates_and_clears_the_error() {
        let store = store();
        let _ = store.apply_ecb_feed("not xml at all <");
        store
            .apply_ecb_feed(
                "<Cube><Cube time='2025-10-22'><Cube currency='USD' rate='1.2000'/>\
                 <Cube currency='JPY' rate='180.00'/></Cube></Cube>",
            )
            .expect("good feed");
        assert_eq!(store.last_error(), None);
        let table = store.table(clock::unix_now());
        assert_eq!(table.as_of, "2025-10-22");
        // 180 / 1.2 × 1.015 = 152.25
        assert_eq!(
            store.rate(Currency::USD, Currency::JPY).map(|r| r.value),
            Some("152.25".parse().expect("dec"))
        );
    }

    #[test]
    fn rates_older_than_the_maximum_age_are_flagged_stale() {
        let store = store();
        let day = clock::date_to_days("2025-10-21").expect("date");
        let fresh = store.table(day * 86_400 + 3 * 86_400);
        let eur = fresh
            .rates
            .iter()
            .find(|r| r.currency == Currency::EUR)
            .expect("eur");
        assert!(!eur.stale);
        let vnd = fresh
            .rates
            .iter()
            .find(|r| r.currency == Currency::VND)
            .expect("vnd");
        assert!(vnd.stale, "a 2023 rate is stale in 2025");
        let today = clock::date_to_days("2026-11-28").expect("date");
        let later = store.table(today * 86_400);
        assert!(later.rates.iter().all(|r| r.stale));
    }

    #[test]
    fn dates_round_trip_through_day_counts() {
        assert_eq!(clock::date_to_days("1970-01-01"), Some(0));
        assert_eq!(clock::date_to_days("2026-11-28"), Some(20_785));
        assert_eq!(clock::civil_from_days(20_785), (2026, 11, 28));
        assert_eq!(
            clock::rfc3339(20_785 * 86_400 + 3_661),
            "2026-11-28T01:01:01Z"
        );
        assert_eq!(clock::date_to_days("2026-13-01"), None);
        assert_ne!(clock::random_id(), clock::random_id());
        assert_eq!(clock::random_id().len(), 32);
    }
}
