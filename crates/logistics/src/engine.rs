//! The quote engine: which warehouse ships which line, by which route, at what price, when it
//! arrives, and what duties and import taxes the buyer pays and when.
//!
//! Pure and deterministic: the caller supplies the items (with their warehouses), the
//! destination, today's date and the exchange rates.

use crate::calendar::Date;
use crate::routes::{Flag, Policy, Route, RouteTable};
use crate::rules::{
    destination_restriction, duty_per_mille, per_mille, same_customs_territory, tax_rules,
};
use domain::{Currency, Money, Rate};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Exchange rates as the store quotes them.
pub trait Rates {
    /// The buyer's rate (with the store's spread): what shown prices are converted at.
    fn rate(&self, from: Currency, to: Currency) -> Option<Rate>;
    /// The mid rate: what customs values and thresholds are compared at.
    fn mid(&self, from: Currency, to: Currency) -> Option<Rate>;
}

/// A line to ship.
#[derive(Debug, Clone)]
pub struct Item {
    pub sku: String,
    pub quantity: u32,
    pub category: String,
    /// In the seller's currency.
    pub unit_price: Money,
    pub weight_g: u32,
    pub dims_mm: [u32; 3],
    /// Handling bits (see [`Flag::bit`]).
    pub flags: u8,
    /// Warehouses holding the item, preferred first.
    pub warehouses: Vec<String>,
}

/// What to quote.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub items: &'a [Item],
    pub country: &'a str,
    pub postal_code: Option<&'a str>,
    pub today: Date,
    /// The buyer's currency.
    pub currency: Currency,
}

pub use domain::shipping::TaxesDue as Due;
use domain::shipping::{OptionLabel, Restriction, TaxRule};

/// Duties and import taxes of one shipment by one route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landed {
    /// The goods, in the buyer's currency (each line converted once).
    pub goods: Money,
    pub duties: Money,
    pub taxes: Money,
    pub due: Due,
    pub rule: TaxRule,
    /// The threshold that applied, in the destination's threshold currency.
    pub threshold: Option<Money>,
    /// The goods' customs value in that currency.
    pub customs_value: Money,
}

/// One way to send one shipment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotedOption {
    /// Index into the route table.
    pub route: usize,
    pub parcels: u32,
    /// Chargeable weight of each parcel.
    pub chargeable_g: u32,
    /// Shipping in the carrier's currency, surcharges included.
    pub price: Money,
    /// The handling surcharges included in `price`.
    pub surcharge: Money,
    /// `price` in the buyer's currency.
    pub converted: Money,
    pub earliest: Date,
    pub latest: Date,
    pub landed: Landed,
    /// Goods + shipping + whatever duties and taxes are collected at checkout.
    pub pay_now: Money,
    /// Goods + shipping + duties + taxes: what the shipment costs the buyer in the end.
    pub total: Money,
    /// `cheapest`, `fastest`, `best_value`.
    pub labels: Vec<OptionLabel>,
}

/// Lines leaving one warehouse together.
#[derive(Debug, Clone)]
pub struct Shipment {
    pub origin: String,
    /// Indexes into the request's items.
    pub items: Vec<usize>,
    pub weight_g: u32,
    /// Cheapest (landed) first.
    pub options: Vec<QuotedOption>,
}

/// A quote.
#[derive(Debug, Clone)]
pub struct Quote {
    pub shipments: Vec<Shipment>,
    /// `(item index, reason code)` for lines that cannot ship to the destination.
    pub unshippable: Vec<(usize, Restriction)>,
    /// Shipping of the cheapest option of every shipment, in the buyer's currency.
    pub chosen_shipping: Money,
    /// Shipping every unit on its own, each by its cheapest route: what the engine's
    /// grouping is compared with.
    pub separate_shipping: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuoteError {
    #[error("no exchange rate for {0}")]
    NoRate(Currency),
    #[error("amount out of range")]
    Overflow,
}

/// Rates from every currency met in a quote to one target, looked up once each.
struct Converter<'a> {
    rates: &'a dyn Rates,
    to: Currency,
    mid: bool,
    cache: Vec<Rate>,
}

impl<'a> Converter<'a> {
    fn new(rates: &'a dyn Rates, to: Currency, mid: bool) -> Self {
        Converter {
            rates,
            to,
            mid,
            cache: Vec::new(),
        }
    }

    fn convert(&mut self, money: Money) -> Result<Money, QuoteError> {
        let from = money.currency();
        let rate = match self.cache.iter().find(|r| r.from == from) {
            Some(r) => *r,
            None => {
                let r = if self.mid {
                    self.rates.mid(from, self.to)
                } else {
                    self.rates.rate(from, self.to)
                }
                .ok_or(QuoteError::NoRate(from))?;
                self.cache.push(r);
                r
            }
        };
        rate.convert(money).map_err(|_| QuoteError::Overflow)
    }
}

fn add(a: Money, b: Money) -> Result<Money, QuoteError> {
    a.checked_add(b).map_err(|_| QuoteError::Overflow)
}

/// Per-item facts computed once per quote.
struct Prepared {
    /// Line value in the buyer's currency (converted once per line).
    goods: Vec<Money>,
    /// Line value in the destination's threshold currency (mid rate).
    customs: Vec<Money>,
    /// Volume of one unit, cm³.
    volume: Vec<u64>,
    /// Longest side of one unit, cm.
    side: Vec<u32>,
}

/// A parcel plan for some units on one route: `(parcels, chargeable g each, price, surcharge)`
/// in the route's minor units, or `None` when the route cannot take them.
fn parcel_plan(
    route: &Route,
    units: &[(usize, u32)],
    items: &[Item],
    prep: &Prepared,
) -> Option<(u32, u32, i64, i64)> {
    let mut weight: u64 = 0;
    let mut volume: u64 = 0;
    let mut flags = 0u8;
    for &(i, quantity) in units {
        let item = &items[i];
        if item.weight_g > route.max_weight_g || prep.side[i] > route.max_side_cm {
            return None;
        }
        weight += u64::from(item.weight_g) * u64::from(quantity);
        volume += prep.volume[i] * u64::from(quantity);
        flags |= item.flags;
    }
    let mut surcharge = 0;
    for flag in Flag::ALL {
        if flags & flag.bit() != 0 {
            match route.policy(flag) {
                Policy::Refuse => return None,
                Policy::Surcharge(amount) => surcharge += amount,
                Policy::Accept => {}
            }
        }
    }
    let parcels = u32::try_from(weight.div_ceil(u64::from(route.max_weight_g)).max(1)).ok()?;
    let per_weight = u32::try_from(weight.div_ceil(u64::from(parcels))).ok()?;
    let per_volume = volume.div_ceil(u64::from(parcels));
    let chargeable = route.chargeable_g(per_weight, per_volume)?;
    let price = route.pricing.price(chargeable)?;
    let parcels_i = i64::from(parcels);
    Some((
        parcels,
        chargeable,
        (price + surcharge) * parcels_i,
        surcharge * parcels_i,
    ))
}

/// The engine's working state for one request.
struct Engine<'a> {
    table: &'a RouteTable,
    req: Request<'a>,
    prep: Prepared,
    buyer: Converter<'a>,
    customs: Converter<'a>,
    /// Cost of a set of items (bitmask) from a warehouse: `None` when it cannot ship.
    memo: HashMap<(usize, u64), Option<i64>>,
    origins: Vec<String>,
}

impl<'a> Engine<'a> {
    fn routes(&self, origin: usize) -> impl Iterator<Item = (usize, &'a Route)> + 'a {
        let table = self.table;
        let postal = self.req.postal_code;
        table
            .lane(&self.origins[origin], self.req.country)
            .iter()
            .map(move |&i| (i, table.route(i)))
            .filter(move |(_, r)| r.serves(postal))
    }

    /// Every option for `units` from `origin`, priced and landed.
    fn options(
        &mut self,
        origin: usize,
        units: &[(usize, u32)],
    ) -> Result<Vec<QuotedOption>, QuoteError> {
        let routes: Vec<(usize, &Route)> = self.routes(origin).collect();
        let mut out = Vec::new();
        for (index, route) in routes {
            let Some((parcels, chargeable, price, surcharge)) =
                parcel_plan(route, units, self.req.items, &self.prep)
            else {
                continue;
            };
            let price = Money::from_minor(price, route.currency);
            let surcharge = Money::from_minor(surcharge, route.currency);
            let converted = self.buyer.convert(price)?;
            let landed = self.landed(route, units, price)?;
            let extra = add(landed.duties, landed.taxes)?;
            let base = add(landed.goods, converted)?;
            let total = add(base, extra)?;
            let pay_now = if landed.due == Due::Checkout {
                total
            } else {
                base
            };
            let start = self.req.today;
            out.push(QuotedOption {
                route: index,
                parcels,
                chargeable_g: chargeable,
                price,
                surcharge,
                converted,
                earliest: start
                    .add_business_days(u32::from(route.handling_days + route.transit_days.0)),
                latest: start
                    .add_business_days(u32::from(route.handling_days + route.transit_days.1)),
                landed,
                pay_now,
                total,
                labels: Vec::new(),
            });
        }
        Ok(out)
    }

    /// Duties and import taxes of `units` sent by `route` for `shipping` (route currency).
    fn landed(
        &mut self,
        route: &Route,
        units: &[(usize, u32)],
        shipping: Money,
    ) -> Result<Landed, QuoteError> {
        let buyer = self.req.currency;
        let mut goods = Money::zero(buyer);
        for &(i, _) in units {
            goods = add(goods, self.prep.goods[i])?;
        }
        let rules = tax_rules(self.req.country);
        let (Some(rules), false) = (
            rules,
            same_customs_territory(route.origin_country, self.req.country),
        ) else {
            return Ok(Landed {
                goods,
                duties: Money::zero(buyer),
                taxes: Money::zero(buyer),
                due: Due::Nothing,
                rule: TaxRule::Domestic,
                threshold: None,
                customs_value: Money::zero(buyer),
            });
        };
        let cur = rules.currency;
        let mut value = Decimal::ZERO;
        for &(i, _) in units {
            value += self.prep.customs[i].amount();
        }
        let shipping_value = self.customs.convert(shipping)?.amount();
        let collected = rules
            .collect_up_to
            .is_some_and(|t| value <= Decimal::from(t));
        let duty = if let Some((limit, low, high, deduction)) = rules.flat_duty {
            let base = value + shipping_value;
            if value <= Decimal::from(limit) {
                per_mille(base, low, cur)
            } else {
                (per_mille(base, high, cur) - Decimal::from(deduction)).max(Decimal::ZERO)
            }
        } else if collected
            || rules
                .duty_free_up_to
                .is_some_and(|t| value <= Decimal::from(t))
        {
            Decimal::ZERO
        } else {
            let mut duty = Decimal::ZERO;
            for &(i, _) in units {
                let rate = duty_per_mille(self.req.country, &self.req.items[i].category);
                duty += per_mille(self.prep.customs[i].amount(), rate, cur);
            }
            duty
        };
        let taxed = collected
            || rules
                .tax_free_up_to
                .is_none_or(|t| value > Decimal::from(t));
        let tax = if taxed {
            per_mille(value + shipping_value + duty, rules.tax_per_mille, cur)
        } else {
            Decimal::ZERO
        };
        let threshold = rules
            .collect_up_to
            .or(rules.duty_free_up_to)
            .or(rules.tax_free_up_to)
            .or(rules.flat_duty.map(|f| f.0));
        let rule = match threshold {
            _ if collected => TaxRule::CollectedAtCheckout,
            Some(t) if value <= Decimal::from(t) => TaxRule::BelowThreshold,
            Some(_) => TaxRule::AboveThreshold,
            None => TaxRule::NoThreshold,
        };
        let duties = self.buyer.convert(Money::from_decimal_rounded(duty, cur))?;
        let taxes = self.buyer.convert(Money::from_decimal_rounded(tax, cur))?;
        let due = if duty.is_zero() && tax.is_zero() {
            Due::Nothing
        } else if collected || route.ddp {
            Due::Checkout
        } else {
            Due::Delivery
        };
        Ok(Landed {
            goods,
            duties,
            taxes,
            due,
            rule,
            threshold: threshold.map(|t| Money::from_minor(t * 10i64.pow(cur.exponent()), cur)),
            customs_value: Money::from_decimal_rounded(value, cur),
        })
    }

    /// Splits the items of one warehouse into groups that can each travel together: an item
    /// joins the first group some route still takes with it.
    fn groups(&self, origin: usize, items: &[usize]) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &i in items {
            let fits = |group: &Vec<usize>| {
                let units: Vec<(usize, u32)> = group
                    .iter()
                    .chain(std::iter::once(&i))
                    .map(|&j| (j, self.req.items[j].quantity))
                    .collect();
                self.routes(origin)
                    .any(|(_, r)| parcel_plan(r, &units, self.req.items, &self.prep).is_some())
            };
            match groups.iter().position(fits) {
                Some(g) => groups[g].push(i),
                None => groups.push(vec![i]),
            }
        }
        groups
    }

    /// The cheapest landed total of sending `mask`'s items from `origin` (in buyer minor
    /// units), memoized; `None` when one of them cannot go from there.
    fn cost(&mut self, origin: usize, mask: u64) -> Result<Option<i64>, QuoteError> {
        if mask == 0 {
            return Ok(Some(0));
        }
        if let Some(&c) = self.memo.get(&(origin, mask)) {
            return Ok(c);
        }
        let items: Vec<usize> = (0..64).filter(|b| mask & (1 << b) != 0).collect();
        let mut total = 0i64;
        let mut possible = true;
        for group in self.groups(origin, &items) {
            let units: Vec<(usize, u32)> = group
                .iter()
                .map(|&j| (j, self.req.items[j].quantity))
                .collect();
            match self
                .options(origin, &units)?
                .iter()
                .map(|o| o.total.to_minor())
                .min()
            {
                Some(c) => total += c,
                None => {
                    possible = false;
                    break;
                }
            }
        }
        let result = possible.then_some(total);
        self.memo.insert((origin, mask), result);
        Ok(result)
    }

    /// Why an item cannot reach the destination from any of its warehouses.
    fn reason(&self, i: usize, candidates: &[usize]) -> Restriction {
        let item = &self.req.items[i];
        if let Some(code) = destination_restriction(self.req.country, &item.category) {
            return code;
        }
        let lanes: Vec<&Route> = candidates
            .iter()
            .flat_map(|&o| {
                self.table
                    .lane(&self.origins[o], self.req.country)
                    .iter()
                    .map(|&r| self.table.route(r))
            })
            .collect();
        if lanes.is_empty() {
            return Restriction::NoRoute;
        }
        for flag in [
            Flag::LithiumBattery,
            Flag::Liquid,
            Flag::Magnet,
            Flag::Fragile,
        ] {
            if item.flags & flag.bit() != 0
                && lanes.iter().all(|r| r.policy(flag) == Policy::Refuse)
            {
                return flag.restriction();
            }
        }
        let unit = [(i, 1)];
        if lanes
            .iter()
            .any(|r| parcel_plan(r, &unit, self.req.items, &self.prep).is_some())
        {
            return Restriction::RemoteArea;
        }
        Restriction::TooLarge
    }
}

/// Quotes `req` over `table`.
pub fn quote(table: &RouteTable, req: Request<'_>, rates: &dyn Rates) -> Result<Quote, QuoteError> {
    let threshold_currency = tax_rules(req.country).map_or(req.currency, |r| r.currency);
    let mut buyer = Converter::new(rates, req.currency, false);
    let mut customs = Converter::new(rates, threshold_currency, true);
    let mut prep = Prepared {
        goods: Vec::new(),
        customs: Vec::new(),
        volume: Vec::new(),
        side: Vec::new(),
    };
    for item in req.items {
        let line = item
            .unit_price
            .checked_mul_qty(item.quantity)
            .map_err(|_| QuoteError::Overflow)?;
        prep.goods.push(buyer.convert(line)?);
        prep.customs.push(customs.convert(line)?);
        let [l, w, h] = item.dims_mm.map(u64::from);
        prep.volume.push((l * w * h).div_ceil(1000));
        prep.side
            .push(item.dims_mm.iter().copied().max().unwrap_or(0).div_ceil(10));
    }
    let mut origins: Vec<String> = Vec::new();
    let mut candidates: Vec<Vec<usize>> = Vec::new();
    for item in req.items {
        let mut c = Vec::new();
        for w in &item.warehouses {
            let idx = match origins.iter().position(|o| o == w) {
                Some(i) => i,
                None => {
                    origins.push(w.clone());
                    origins.len() - 1
                }
            };
            c.push(idx);
        }
        candidates.push(c);
    }
    let mut engine = Engine {
        table,
        req,
        prep,
        buyer,
        customs,
        memo: HashMap::new(),
        origins,
    };

    // Where each item can go from, alone; the rest cannot ship.
    let mut unshippable = Vec::new();
    let mut assign: Vec<Option<usize>> = vec![None; req.items.len()];
    let mut feasible: Vec<Vec<usize>> = vec![Vec::new(); req.items.len()];
    let mut separate = Money::zero(req.currency);
    for i in 0..req.items.len() {
        let mut best: Option<(i64, usize)> = None;
        let mut cheapest_unit: Option<Money> = None;
        let unit = [(i, 1)];
        if destination_restriction(req.country, &req.items[i].category).is_none() {
            for &o in &candidates[i] {
                if let Some(c) = engine.cost(o, 1 << i)? {
                    feasible[i].push(o);
                    if best.is_none_or(|(b, _)| c < b) {
                        best = Some((c, o));
                    }
                }
                for option in engine.options(o, &unit)? {
                    if cheapest_unit.is_none_or(|m| option.converted.to_minor() < m.to_minor()) {
                        cheapest_unit = Some(option.converted);
                    }
                }
            }
        }
        match best {
            Some((_, o)) => {
                assign[i] = Some(o);
                if let Some(unit_cost) = cheapest_unit {
                    let all = unit_cost
                        .checked_mul_qty(req.items[i].quantity)
                        .map_err(|_| QuoteError::Overflow)?;
                    separate = add(separate, all)?;
                }
            }
            None => unshippable.push((i, engine.reason(i, &candidates[i]))),
        }
    }

    // Local search: move single items, then whole warehouse groups, while the landed total
    // falls. Each move strictly lowers it, so this ends; a few passes suffice in practice.
    let mask_of = |assign: &[Option<usize>], o: usize| -> u64 {
        assign
            .iter()
            .enumerate()
            .filter(|(_, a)| **a == Some(o))
            .fold(0u64, |m, (i, _)| m | 1 << i)
    };
    for _ in 0..8 {
        let mut improved = false;
        for i in 0..req.items.len() {
            let Some(from) = assign[i] else { continue };
            for &to in &feasible[i].clone() {
                if to == from || assign[i] != Some(from) {
                    continue;
                }
                let (mf, mt) = (mask_of(&assign, from), mask_of(&assign, to));
                let before = engine.cost(from, mf)?.zip(engine.cost(to, mt)?);
                let after = engine
                    .cost(from, mf & !(1 << i))?
                    .zip(engine.cost(to, mt | 1 << i)?);
                if let (Some((a, b)), Some((c, d))) = (before, after) {
                    if c + d < a + b {
                        assign[i] = Some(to);
                        improved = true;
                    }
                }
            }
        }
        for from in 0..engine.origins.len() {
            let mf = mask_of(&assign, from);
            if mf == 0 {
                continue;
            }
            for to in 0..engine.origins.len() {
                let movable = to != from
                    && (0..req.items.len())
                        .filter(|i| mf & (1 << i) != 0)
                        .all(|i| feasible[i].contains(&to));
                if !movable {
                    continue;
                }
                let mt = mask_of(&assign, to);
                let before = engine.cost(from, mf)?.zip(engine.cost(to, mt)?);
                let after = engine.cost(to, mt | mf)?;
                if let (Some((a, b)), Some(c)) = (before, after) {
                    if c < a + b {
                        for a in assign.iter_mut().filter(|a| **a == Some(from)) {
                            *a = Some(to);
                        }
                        improved = true;
                        break;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }

    // The shipments of the final assignment, each with every option.
    let mut shipments = Vec::new();
    let mut chosen = Money::zero(req.currency);
    for origin in 0..engine.origins.len() {
        let items: Vec<usize> = (0..req.items.len())
            .filter(|&i| assign[i] == Some(origin))
            .collect();
        if items.is_empty() {
            continue;
        }
        for group in engine.groups(origin, &items) {
            let units: Vec<(usize, u32)> =
                group.iter().map(|&j| (j, req.items[j].quantity)).collect();
            let mut options = engine.options(origin, &units)?;
            if options.is_empty() {
                continue;
            }
            label(&mut options, req.today, table);
            if let Some(min) = options
                .iter()
                .map(|o| o.converted)
                .min_by_key(|m| m.to_minor())
            {
                chosen = add(chosen, min)?;
            }
            let weight_g = units.iter().map(|&(j, q)| req.items[j].weight_g * q).sum();
            shipments.push(Shipment {
                origin: engine.origins[origin].clone(),
                items: group,
                weight_g,
                options,
            });
        }
    }
    Ok(Quote {
        shipments,
        unshippable,
        chosen_shipping: chosen,
        separate_shipping: separate,
    })
}

/// Orders options by landed total and names the cheapest, the fastest and the best value:
/// delivery cost (shipping, duties and taxes — the goods are the same in every option) and
/// speed weighed equally against the best of each, untracked counting against.
fn label(options: &mut [QuotedOption], today: Date, table: &RouteTable) {
    options.sort_by_key(|o| (o.total.to_minor(), o.latest, o.route));
    let delivery = |o: &QuotedOption| o.total.to_minor() - o.landed.goods.to_minor();
    let min_total = options.iter().map(delivery).min().unwrap_or(1).max(1);
    let days = |o: &QuotedOption| (o.latest.0 - today.0).max(1);
    let min_days = options.iter().map(days).min().unwrap_or(1);
    let fastest = options
        .iter()
        .enumerate()
        .min_by_key(|(_, o)| (o.latest, o.earliest, o.total.to_minor()))
        .map(|(i, _)| i);
    let best = options
        .iter()
        .enumerate()
        .min_by_key(|(_, o)| {
            let untracked = if table.route(o.route).tracked { 0 } else { 250 };
            i128::from(delivery(o)) * 1000 / i128::from(min_total)
                + i128::from(days(o)) * 1000 / i128::from(min_days)
                + untracked
        })
        .map(|(i, _)| i);
    if let Some(first) = options.first_mut() {
        first.labels.push(OptionLabel::Cheapest);
    }
    if let Some(i) = fastest {
        options[i].labels.push(OptionLabel::Fastest);
    }
    if let Some(i) = best {
        options[i].labels.push(OptionLabel::BestValue);
    }
}
