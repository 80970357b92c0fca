//! The quote engine against the generated route table.

use domain::shipping::{OptionLabel, Restriction, TaxRule};
use domain::{Currency, Money, Rate};
use logistics::{quote, Date, Due, Item, Origin, Quote, Rates, Request, RouteTable, Service};
use rust_decimal::Decimal;

/// Fixed rates (units per US dollar), no spread.
struct Fixed;

fn per_usd(c: Currency) -> Decimal {
    let thousandths = match c.code() {
        "USD" => 1_000,
        "EUR" => 920,
        "GBP" => 780,
        "CNY" => 7_100,
        "AUD" => 1_500,
        "JPY" => 150_000,
        "CLP" => 930_000,
        "KRW" => 1_380_000,
        "VND" => 25_000_000,
        _ => 1_000,
    };
    Decimal::new(thousandths, 3)
}

impl Rates for Fixed {
    fn rate(&self, from: Currency, to: Currency) -> Option<Rate> {
        Rate::cross(from, per_usd(from), to, per_usd(to), Decimal::ZERO)
    }
    fn mid(&self, from: Currency, to: Currency) -> Option<Rate> {
        self.rate(from, to)
    }
}

const ORIGINS: [Origin; 8] = [
    Origin {
        code: "CN-SZX",
        country: "CN",
        overseas: false,
    },
    Origin {
        code: "CN-YIW",
        country: "CN",
        overseas: false,
    },
    Origin {
        code: "VN-SGN",
        country: "VN",
        overseas: false,
    },
    Origin {
        code: "US-LAX",
        country: "US",
        overseas: true,
    },
    Origin {
        code: "GB-LON",
        country: "GB",
        overseas: true,
    },
    Origin {
        code: "DE-FRA",
        country: "DE",
        overseas: true,
    },
    Origin {
        code: "AU-SYD",
        country: "AU",
        overseas: true,
    },
    Origin {
        code: "BR-SAO",
        country: "BR",
        overseas: true,
    },
];

fn table() -> RouteTable {
    RouteTable::generate(&ORIGINS)
}

/// A Wednesday.
fn today() -> Date {
    Date::from_ymd(2026, 12, 2)
}

#[allow(clippy::too_many_arguments)] // a test fixture: one argument per field reads best
fn item(
    sku: &str,
    quantity: u32,
    category: &str,
    price: Money,
    weight_g: u32,
    dims_mm: [u32; 3],
    flags: u8,
    warehouses: &[&str],
) -> Item {
    Item {
        sku: sku.into(),
        quantity,
        category: category.into(),
        unit_price: price,
        weight_g,
        dims_mm,
        flags,
        warehouses: warehouses.iter().map(|w| (*w).to_owned()).collect(),
    }
}

fn phone(quantity: u32) -> Item {
    item(
        "PHONE",
        quantity,
        "phones-accessories",
        Money::from_minor(89_900, Currency::CNY),
        190,
        [170, 90, 50],
        2,
        &["CN-SZX"],
    )
}

fn shirt(quantity: u32, price: Money, warehouses: &[&str]) -> Item {
    item(
        "SHIRT",
        quantity,
        "apparel",
        price,
        300,
        [300, 250, 30],
        0,
        warehouses,
    )
}

fn run(items: &[Item], country: &str, postal: Option<&str>, currency: Currency) -> Quote {
    let table = table();
    quote(
        &table,
        Request {
            items,
            country,
            postal_code: postal,
            today: today(),
            currency,
        },
        &Fixed,
    )
    .expect("quote")
}

#[test]
fn the_generated_table_has_over_two_thousand_routes_with_the_store_warehouses() {
    let all = [
        "CN-SZX", "CN-YIW", "CN-CAN", "VN-SGN", "VN-HAN", "TR-IST", "TR-IZM", "ID-JKT", "MY-KUL",
        "TH-BKK", "CL-SCL", "PE-LIM", "KR-ICN",
    ];
    let mut origins: Vec<Origin> = all
        .iter()
        .map(|c| Origin {
            code: c,
            country: &c[..2],
            overseas: false,
        })
        .collect();
    for c in ["US-LAX", "GB-LON", "DE-FRA", "AU-SYD", "BR-SAO"] {
        origins.push(Origin {
            code: c,
            country: &c[..2],
            overseas: true,
        });
    }
    let table = RouteTable::generate(&origins);
    assert!(table.len() >= 2_000, "{} routes", table.len());
    let ids: std::collections::HashSet<&str> = table.all().iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), table.len(), "route ids are unique");
}

#[test]
fn a_light_but_bulky_parcel_is_charged_its_volumetric_weight() {
    let table = table();
    let express = table
        .all()
        .iter()
        .find(|r| r.service == Service::Express && r.origin == "CN-SZX" && r.destination == "US")
        .expect("express");
    assert_eq!(express.volumetric_divisor, Some(5000));
    // 40 × 30 × 20 cm = 24,000 cm³ → 4.8 kg volumetric against 0.2 kg actual.
    assert_eq!(express.chargeable_g(200, 24_000), Some(5_000));
    // A dense parcel is charged its actual weight, rounded up to the 500 g step.
    assert_eq!(express.chargeable_g(1_210, 1_000), Some(1_500));
    let postal = table
        .all()
        .iter()
        .find(|r| {
            r.service == Service::PostalEconomy && r.origin == "CN-SZX" && r.destination == "US"
        })
        .expect("postal");
    assert_eq!(postal.volumetric_divisor, None);
    assert_eq!(postal.chargeable_g(200, 24_000), Some(200));
}

#[test]
fn a_liquid_into_the_us_cannot_ship_and_says_why() {
    let serum = item(
        "SERUM",
        1,
        "beauty-cosmetics",
        Money::from_minor(5_900, Currency::CNY),
        120,
        [50, 50, 120],
        4,
        &["CN-SZX"],
    );
    let q = run(&[serum], "US", None, Currency::USD);
    assert!(q.shipments.is_empty());
    assert_eq!(q.unshippable, vec![(0, Restriction::Liquid)]);
}

#[test]
fn a_battery_is_refused_by_the_post_and_surcharged_by_couriers() {
    let q = run(&[phone(1)], "US", None, Currency::USD);
    let table = table();
    let options = &q.shipments[0].options;
    assert!(!options.is_empty());
    for o in options {
        let route = table.route(o.route);
        assert!(
            !matches!(
                route.service,
                Service::PostalEconomy | Service::PostalRegistered | Service::EPacket
            ),
            "{}",
            route.id
        );
        assert!(
            o.surcharge.to_minor() > 0,
            "{} carries a battery surcharge",
            route.id
        );
    }
    // Into Australia no route takes it.
    let q = run(&[phone(1)], "AU", None, Currency::AUD);
    assert_eq!(q.unshippable, vec![(0, Restriction::LithiumBattery)]);
}

#[test]
fn delivery_dates_count_business_days_and_never_land_on_a_weekend() {
    let q = run(
        &[shirt(
            1,
            Money::from_minor(1_000, Currency::USD),
            &["CN-SZX"],
        )],
        "GB",
        None,
        Currency::GBP,
    );
    let table = table();
    for o in &q.shipments[0].options {
        let r = table.route(o.route);
        let handling = u32::from(r.handling_days);
        assert_eq!(
            o.earliest,
            today().add_business_days(handling + u32::from(r.transit_days.0))
        );
        assert_eq!(
            o.latest,
            today().add_business_days(handling + u32::from(r.transit_days.1))
        );
        assert!(!o.earliest.is_weekend() && !o.latest.is_weekend());
        assert!(o.earliest <= o.latest);
    }
}

/// The cheapest non-DDP and DDP options' landed figures for a shirt of `price`.
fn landed_for(price: Money, country: &str, currency: Currency) -> Quote {
    run(&[shirt(1, price, &["CN-SZX"])], country, None, currency)
}

#[test]
fn the_low_value_regimes_collect_tax_at_checkout_up_to_their_threshold_and_not_a_cent_above() {
    for (country, currency, threshold_minor, tax_per_mille) in [
        ("DE", Currency::EUR, 15_000, 190),
        ("GB", Currency::GBP, 13_500, 200),
        ("AU", Currency::AUD, 100_000, 100),
    ] {
        let at = landed_for(
            Money::from_minor(threshold_minor, currency),
            country,
            currency,
        );
        let o = &at.shipments[0].options[0];
        assert_eq!(
            o.landed.rule,
            TaxRule::CollectedAtCheckout,
            "{country} at the threshold"
        );
        assert_eq!(o.landed.due, Due::Checkout);
        assert_eq!(o.landed.duties.to_minor(), 0);
        // Tax on goods and shipping, rounded half away from zero.
        let base = Decimal::from(threshold_minor + o.converted.to_minor());
        let expected = (base * Decimal::from(tax_per_mille) / Decimal::from(1000))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(
            Decimal::from(o.landed.taxes.to_minor()),
            expected,
            "{country}"
        );
        assert_eq!(o.pay_now, o.total);

        let above = landed_for(
            Money::from_minor(threshold_minor + 100, currency),
            country,
            currency,
        );
        for o in &above.shipments[0].options {
            assert_eq!(o.landed.rule, TaxRule::AboveThreshold, "{country} above");
            assert!(
                o.landed.duties.to_minor() > 0,
                "{country}: apparel pays duty above the threshold"
            );
            assert!(o.landed.taxes.to_minor() > 0);
        }
    }
}

#[test]
fn above_the_threshold_a_ddp_route_collects_at_checkout_and_the_others_on_delivery() {
    let q = landed_for(
        Money::from_minor(30_000, Currency::EUR),
        "DE",
        Currency::EUR,
    );
    let table = table();
    let (ddp, other): (Vec<_>, Vec<_>) = q.shipments[0]
        .options
        .iter()
        .partition(|o| table.route(o.route).ddp);
    assert!(!ddp.is_empty() && !other.is_empty());
    for o in ddp {
        assert_eq!(o.landed.due, Due::Checkout);
        assert_eq!(o.pay_now, o.total);
    }
    for o in other {
        assert_eq!(o.landed.due, Due::Delivery);
        assert!(
            o.pay_now.to_minor() < o.total.to_minor(),
            "duties and VAT are paid on delivery"
        );
    }
}

#[test]
fn japan_exempts_small_consignments_entirely_and_the_us_taxes_from_the_first_dollar() {
    let below = landed_for(
        Money::from_minor(10_000, Currency::JPY),
        "JP",
        Currency::JPY,
    );
    let o = &below.shipments[0].options[0];
    assert_eq!(
        (o.landed.rule, o.landed.due),
        (TaxRule::BelowThreshold, Due::Nothing)
    );
    let above = landed_for(
        Money::from_minor(10_001, Currency::JPY),
        "JP",
        Currency::JPY,
    );
    assert_eq!(
        above.shipments[0].options[0].landed.rule,
        TaxRule::AboveThreshold
    );
    assert!(above.shipments[0].options[0].landed.taxes.to_minor() > 0);

    let us = landed_for(Money::from_minor(100, Currency::USD), "US", Currency::USD);
    let o = &us.shipments[0].options[0];
    assert_eq!(o.landed.rule, TaxRule::NoThreshold);
    assert_eq!(
        o.landed.duties.to_minor(),
        16,
        "16 % apparel duty on one dollar"
    );
    assert_eq!(o.landed.taxes.to_minor(), 0);
}

#[test]
fn goods_from_a_warehouse_inside_the_customs_territory_pay_no_import_charges() {
    // The shirt is stocked in China and in Frankfurt; a French buyer gets it from Frankfurt.
    let q = run(
        &[shirt(
            1,
            Money::from_minor(40_000, Currency::EUR),
            &["CN-SZX", "DE-FRA"],
        )],
        "FR",
        None,
        Currency::EUR,
    );
    assert_eq!(q.shipments.len(), 1);
    assert_eq!(q.shipments[0].origin, "DE-FRA");
    let o = &q.shipments[0].options[0];
    assert_eq!(
        (o.landed.rule, o.landed.due),
        (TaxRule::Domestic, Due::Nothing)
    );
}

#[test]
fn ten_phones_to_the_us_and_ten_garments_to_the_uk_cost_over_ten_percent_less_than_per_item_shipping(
) {
    let phones = run(&[phone(10)], "US", None, Currency::USD);
    let garments = run(
        &[shirt(
            10,
            Money::from_minor(6_900, Currency::CNY),
            &["CN-YIW"],
        )],
        "GB",
        None,
        Currency::USD,
    );
    let chosen = phones.chosen_shipping.to_minor() + garments.chosen_shipping.to_minor();
    let separate = phones.separate_shipping.to_minor() + garments.separate_shipping.to_minor();
    let saving = 1.0 - chosen as f64 / separate as f64;
    assert!(
        saving > 0.10,
        "engine {chosen} vs per item {separate}: {:.1} % saved",
        saving * 100.0
    );
}

#[test]
fn lines_that_can_share_a_warehouse_are_sent_together() {
    // The case ships only from Shenzhen; the shirt from Shenzhen or Yiwu. One parcel from
    // Shenzhen beats two parcels.
    let case = item(
        "CASE",
        1,
        "phones-accessories",
        Money::from_minor(2_900, Currency::CNY),
        60,
        [160, 80, 15],
        0,
        &["CN-SZX"],
    );
    let shirt = shirt(
        1,
        Money::from_minor(6_900, Currency::CNY),
        &["CN-YIW", "CN-SZX"],
    );
    let q = run(&[case, shirt], "CL", None, Currency::CLP);
    assert_eq!(
        q.shipments.len(),
        1,
        "{:?}",
        q.shipments.iter().map(|s| &s.origin).collect::<Vec<_>>()
    );
    assert_eq!(q.shipments[0].origin, "CN-SZX");
    assert_eq!(q.shipments[0].items, vec![0, 1]);
}

#[test]
fn every_shipment_names_one_cheapest_one_fastest_and_one_best_value_option() {
    let q = run(
        &[shirt(
            2,
            Money::from_minor(6_900, Currency::CNY),
            &["CN-SZX"],
        )],
        "CL",
        None,
        Currency::CLP,
    );
    let options = &q.shipments[0].options;
    for label in [
        OptionLabel::Cheapest,
        OptionLabel::Fastest,
        OptionLabel::BestValue,
    ] {
        assert_eq!(
            options.iter().filter(|o| o.labels.contains(&label)).count(),
            1,
            "{label}"
        );
    }
    assert!(options[0].labels.contains(&OptionLabel::Cheapest));
    assert!(options
        .windows(2)
        .all(|w| w[0].total.to_minor() <= w[1].total.to_minor()));
    let fastest = options
        .iter()
        .find(|o| o.labels.contains(&OptionLabel::Fastest))
        .expect("fastest");
    assert!(options.iter().all(|o| o.latest >= fastest.latest));
    // Prices are in the buyer's currency, whatever the carrier's.
    assert!(options
        .iter()
        .all(|o| o.converted.currency() == Currency::CLP && o.total.currency() == Currency::CLP));
}

#[test]
fn a_remote_postal_code_leaves_out_the_lines_that_do_not_serve_it() {
    let anywhere = run(
        &[shirt(
            1,
            Money::from_minor(6_900, Currency::CNY),
            &["CN-SZX"],
        )],
        "US",
        Some("10001"),
        Currency::USD,
    );
    let alaska = run(
        &[shirt(
            1,
            Money::from_minor(6_900, Currency::CNY),
            &["CN-SZX"],
        )],
        "US",
        Some("99501"),
        Currency::USD,
    );
    let table = table();
    let services = |q: &Quote| {
        q.shipments[0]
            .options
            .iter()
            .map(|o| table.route(o.route).service)
            .collect::<Vec<_>>()
    };
    assert!(services(&anywhere).contains(&Service::SpecialLine));
    assert!(!services(&alaska).contains(&Service::SpecialLine));
    assert!(services(&alaska).contains(&Service::Express));
}

#[test]
fn every_destination_threshold_is_exact_on_both_sides() {
    // A shirt priced in the threshold's own currency, at the threshold and one minor unit
    // above; the mid rate of a currency to itself is one, so the customs value is exact.
    for rules in logistics::rules::TAX_RULES {
        let Some(limit) = rules.collect_up_to.or(rules.duty_free_up_to) else {
            continue;
        };
        if rules.flat_duty.is_some() || ORIGINS.iter().any(|o| o.country == rules.country) {
            continue;
        }
        let cur = rules.currency;
        let at_minor = limit * 10i64.pow(cur.exponent());
        let at = run(
            &[shirt(1, Money::from_minor(at_minor, cur), &["CN-SZX"])],
            rules.country,
            None,
            cur,
        );
        let above = run(
            &[shirt(1, Money::from_minor(at_minor + 1, cur), &["CN-SZX"])],
            rules.country,
            None,
            cur,
        );
        let (a, b) = (
            &at.shipments[0].options[0].landed,
            &above.shipments[0].options[0].landed,
        );
        assert!(
            matches!(
                a.rule,
                TaxRule::CollectedAtCheckout | TaxRule::BelowThreshold
            ),
            "{} at {limit}: {}",
            rules.country,
            a.rule
        );
        assert_eq!(
            a.duties.to_minor(),
            0,
            "{} at the threshold pays no duty",
            rules.country
        );
        assert_eq!(
            b.rule,
            TaxRule::AboveThreshold,
            "{} above {limit}",
            rules.country
        );
        if logistics::rules::duty_per_mille(rules.country, "apparel") > 0 {
            assert!(
                b.duties.to_minor() > 0,
                "{} above the threshold: apparel pays duty",
                rules.country
            );
        }
        assert_eq!(
            a.threshold.map(|t| t.to_minor()),
            Some(at_minor),
            "{}",
            rules.country
        );
    }
}
